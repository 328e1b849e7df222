"""`chatdesk import` end to end: the real command line, a real SQLite file, real exports."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main

DATA = Path(__file__).parents[1] / "data" / "exports"


@pytest.fixture
def db(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "desk.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{path}")
    monkeypatch.setenv("DEFAULT_LANGUAGE", "en")
    monkeypatch.setenv("LOG_LEVEL", "WARNING")
    return path


def rows(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["import", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_report_lists_tickets_refusals_and_ignored_messages_by_their_ids(db, capsys):
    code, out, _ = run(capsys, str(DATA / "whatsapp_android_ru.txt"), "--client", "Romashka",
                       "--staff", "Павел | Поддержка", "--json")
    report = json.loads(out)
    assert code == 0 and report["messages"] == 11
    [ticket] = report["tickets"]
    assert ticket["number"] == 1 and ticket["status"] == "awaiting_confirmation"
    assert ticket["message_ids"] == ["5", "9", "10", "12"]  # text, then its burst of media
    # The continuation lines of message 5 are part of it, not messages of their own.
    assert ticket["text"].startswith("Не работает сканер в бухгалтерии\nи принтер тоже")
    assert set(report["ignored"]) >= {"4", "14", "15", "19"}  # hello, two deleted, thanks
    assert all(isinstance(r["message_id"], str) and r["reason"] in
               {"piracy", "personal_device", "off_topic"} for r in report["refused"])
    assert rows(db, "tickets") == 1


def test_readable_summary_names_the_client_the_tickets_and_that_it_was_saved(db, capsys):
    code, out, _ = run(capsys, str(DATA / "telegram_single_chat.json"), "--staff", "user900")
    assert code == 0
    assert "client «ООО Ромашка — поддержка»" in out
    assert "#1 · technical support" in out and "messages: 3, 4" in out
    assert "Importing this file again adds nothing." in out


def test_importing_twice_adds_nothing(db, capsys):
    args = (str(DATA / "telegram_single_chat.json"), "--staff", "user900", "--json")
    first = json.loads(run(capsys, *args)[1])
    counts = [rows(db, t) for t in ("messages", "tickets", "people", "chats", "clients")]
    second = json.loads(run(capsys, *args)[1])
    assert [rows(db, t) for t in ("messages", "tickets", "people", "chats", "clients")] == counts
    assert second["tickets"] == first["tickets"] and second["stored"] == 0


def test_dry_run_prints_the_same_report_and_writes_nothing(db, capsys):
    args = (str(DATA / "whatsapp_ios_en.txt"), "--client", "Vector", "--staff", "Pavel | Support")
    dry = json.loads(run(capsys, *args, "--dry-run", "--json")[1])
    assert [rows(db, t) for t in ("clients", "chats", "messages", "tickets")] == [0, 0, 0, 0]
    real = json.loads(run(capsys, *args, "--json")[1])
    assert dry["tickets"] == real["tickets"] and dry["ignored"] == real["ignored"]
    assert dry["dry_run"] and not real["dry_run"]


@pytest.mark.parametrize(("name", "where"), [
    ("telegram_truncated.json", "line"),
    ("telegram_message_without_date.json", "message #"),
    ("whatsapp_invalid_date.txt", "line"),
    ("not_an_export.txt", "line 1"),
])
def test_a_malformed_file_says_where_it_broke_and_writes_nothing(db, capsys, name, where):
    code, out, err = run(capsys, str(DATA / name), "--client", "Romashka")
    assert code == 2 and out == ""
    assert err.startswith("chatdesk: The file could not be read: ") and where in err
    assert "Nothing was written." in err
    assert rows(db, "clients") == 0


def test_a_missing_file_is_a_one_line_error(db, capsys, tmp_path):
    code, _, err = run(capsys, str(tmp_path / "nope.json"))
    assert code == 2 and "nope.json" in err and err.count("\n") == 1


def test_an_account_export_asks_which_chat_and_imports_the_one_named(db, capsys):
    path = str(DATA / "telegram_account_export.json")
    code, _, err = run(capsys, path, "--client", "Vector")
    assert code == 2 and "«Вектор» (111)" in err and "«Ромашка» (222)" in err and "--chat" in err
    code, out, _ = run(capsys, path, "--client", "Vector", "--chat", "Ромашка", "--json")
    assert code == 0 and json.loads(out)["messages"] == 1


def test_a_staff_name_nobody_writes_under_is_refused_with_the_names_that_do(db, capsys):
    code, _, err = run(capsys, str(DATA / "whatsapp_ios_en.txt"), "--staff", "Paul")
    assert code == 2 and "«Paul»" in err and "Pavel | Support" in err and "Kate" in err
    assert rows(db, "clients") == 0


def test_a_chat_linked_to_another_client_is_reported_clearly(db, capsys):
    path = str(DATA / "telegram_single_chat.json")
    assert run(capsys, path, "--client", "Romashka")[0] == 0
    code, _, err = run(capsys, path, "--client", "Vector")
    assert code == 2 and "already linked to the client «Romashka», not «Vector»" in err


def test_a_dry_run_speaks_of_what_would_be_written_not_of_what_was(db, capsys, monkeypatch):
    monkeypatch.setenv("DEFAULT_LANGUAGE", "ru")
    args = (str(DATA / "whatsapp_ios_en.txt"), "--client", "Vector", "--staff", "Pavel | Support")
    code, out, _ = run(capsys, *args, "--dry-run")
    assert code == 0 and "в базу ничего не записано" in out
    assert "записано сейчас" not in out and "он создан" not in out
    assert "будет записано" in out and "будет создан" in out
    assert "Отказы (0)" not in out
