"""`chatdesk demo` plays its day in either language, as the README promises, offline."""

from __future__ import annotations

import pytest

from bot.cli import main


@pytest.mark.parametrize(("lang", "words"), [("en", "one day in the chat"),
                                             ("ru", "один день в чате")])
def test_the_demo_plays_in_the_language_asked(monkeypatch, tmp_path, capsys, lang, words):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'unused.sqlite3'}")
    monkeypatch.delenv("LLM_BASE_URL", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    assert main(["demo", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert words in out.lower()
    assert ("Vector LLC" if lang == "en" else "ООО Вектор") in out
    assert ("ООО Вектор" if lang == "en" else "Vector LLC") not in out
