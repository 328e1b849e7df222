"""Fixtures shared by the end-to-end tests."""

from __future__ import annotations

import io

import pytest

from bot.cli import main


@pytest.fixture
def make_cli(monkeypatch, tmp_path, capsys):
    """`chatdesk` run in-process on a fresh database in `tmp_path`, the way a shell runs it:
    `make_cli(lang)` gives `run(*argv, lang=..., stdin="")` -> (exit code, stdout, stderr);
    `run.url` is the database."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)

    def make(default_lang: str = "ru"):  # noqa: ANN202
        def run(*argv: str, lang: str = default_lang, stdin: str = "") -> tuple[int, str, str]:
            monkeypatch.setenv("DEFAULT_LANGUAGE", lang)
            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
            code = main(list(argv))
            out = capsys.readouterr()
            return code, out.out, out.err

        run.url = url
        return run

    return make
