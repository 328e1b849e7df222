"""Settings: defaults that run with nothing configured, and one-line errors naming the setting."""

import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import Settings, SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[2]


def test_defaults_need_no_configuration(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env here
    settings = load_settings()
    assert settings.database_url.startswith("sqlite+aiosqlite:///./data/")
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
