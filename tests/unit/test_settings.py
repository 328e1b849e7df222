"""Settings: defaults that run with nothing configured, and one-line errors naming the setting."""

import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import Settings, SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_need_no_configuration(monkeypatch, tmp_path):
    monkeypatch.setenv("CHATDESK_HOME", str(tmp_path))  # no .env here
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = load_settings()
    assert settings.database_url == f"sqlite+aiosqlite:///{tmp_path / 'data/chatdesk.sqlite3'}"
    assert settings.timezone == "Europe/Moscow" and settings.default_language.value == "ru"
    assert not settings.llm_enabled


@pytest.mark.parametrize(
    ("variable", "value"),
    [("TIMEZONE", "Mars/Olympus"), ("DEFAULT_LANGUAGE", "de"), ("DATABASE_URL", "mysql://x"),
     ("WEB_PORT", "eighty")],
)
def test_malformed_setting_is_one_line_naming_it(monkeypatch, variable, value):
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert variable in message and "\n" not in message


def test_cli_prints_the_settings_error_without_a_traceback(monkeypatch, capsys):
    monkeypatch.setenv("TIMEZONE", "Nowhere/Land")
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("chatdesk: Setting TIMEZONE is invalid") and "Traceback" not in err


def test_env_example_lists_every_setting():
    listed = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert {name.upper() for name in Settings.model_fields} <= listed


def test_run_without_a_token_says_what_to_set(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert main(["run"]) == 2
    err = capsys.readouterr().err.strip()
    assert "TELEGRAM_BOT_TOKEN" in err and len(err.splitlines()) == 1


def test_a_malformed_ocr_language_list_is_one_line_naming_the_setting():
    with pytest.raises(SettingsError, match="OCR_LANGUAGES"):
        load_settings(ocr_languages="rus; rm -rf /")
    assert load_settings(ocr_languages="rus+eng+chi_sim").ocr_languages == "rus+eng+chi_sim"


def test_transcription_is_on_only_with_an_endpoint():
    assert not load_settings(transcribe_base_url="").transcribe_enabled
    assert load_settings(transcribe_base_url="http://127.0.0.1:8000/v1").transcribe_enabled


def test_the_database_and_env_are_found_in_the_home_not_the_current_folder(monkeypatch,
                                                                         tmp_path, capsys):
    home, elsewhere = tmp_path / "desk", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    (home / ".env").write_text("DEFAULT_LANGUAGE=en\n")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("DEFAULT_LANGUAGE", raising=False)
    monkeypatch.setenv("CHATDESK_HOME", str(home))
    monkeypatch.chdir(elsewhere)
    assert main(["clients", "add", "ACME"]) == 0
    out = capsys.readouterr()
    assert (home / "data" / "chatdesk.sqlite3").is_file()
    assert list(elsewhere.iterdir()) == []
    assert f"database sqlite+aiosqlite:///{home / 'data' / 'chatdesk.sqlite3'}" in out.err
    assert f".env {home / '.env'}" in out.err


def test_an_explicit_env_file_wins_and_a_misspelt_name_in_it_is_named(monkeypatch, tmp_path,
                                                                      capsys):
    env = tmp_path / "prod.env"
    env.write_text(f"DATABSE_URL=sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}\n"
                   f"DATABASE_URL=sqlite+aiosqlite:///{tmp_path / 'desk.sqlite3'}\n")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["--env-file", str(env), "clients", "add", "ACME"]) == 0
    err = capsys.readouterr().err
    assert "DATABSE_URL (did you mean DATABASE_URL?) is not a chatdesk setting" in err
    assert (tmp_path / "desk.sqlite3").is_file() and not (tmp_path / "x.sqlite3").exists()
    assert main(["--env-file", str(tmp_path / "missing.env"), "clients", "add", "B"]) == 2
    assert capsys.readouterr().err.strip() == \
        f"chatdesk: --env-file {tmp_path / 'missing.env'}: no such file"


def test_a_short_cabinet_secret_is_refused_without_echoing_it(monkeypatch):
    monkeypatch.setenv("CABINET_SECRET", "short-secret")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "CABINET_SECRET" in str(caught.value) and "16" in str(caught.value)
    assert "short-secret" not in str(caught.value)
