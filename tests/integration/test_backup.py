"""`chatdesk backup` / `restore` on a real SQLite file: the copy is one consistent snapshot
even while the bot writes, a restore brings it back, and a running bot's database is not
overwritten unless asked to."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from datetime import UTC, datetime

import pytest

from bot.cli import main
from storage.instances import hold_instance_lock


@pytest.fixture
def db(monkeypatch, tmp_path, capsys):
    path = tmp_path / "data" / "chatdesk.sqlite3"
    url = f"sqlite+aiosqlite:///{path}"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DEFAULT_LANGUAGE", "en")
    assert main(["db", "upgrade"]) == 0
    capsys.readouterr()

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out = capsys.readouterr()
        return code, out.out, out.err

    run.path, run.url = path, url
    return run


class Writer(threading.Thread):
    """Adds clients, each with its plan, in one transaction each — as the bot would — until
    stopped. A consistent copy never has a client without its plan."""

    def __init__(self, path) -> None:  # noqa: ANN001
        super().__init__(daemon=True)
        self.path, self.stop, self.written = path, threading.Event(), 0
        self.started_writing = threading.Event()

    def run(self) -> None:
        conn = sqlite3.connect(self.path, timeout=30)
        conn.execute("PRAGMA journal_mode = WAL")
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
        while not self.stop.is_set():
            with conn:  # one transaction
                cursor = conn.execute("INSERT INTO clients (name, created_at) VALUES (?, ?)",
                                      (f"client {self.written}", now))
                conn.execute("INSERT INTO plans (client_id, model) VALUES (?, 'monthly')",
                             (cursor.lastrowid,))
            self.written += 1
            if self.written >= 50:
                self.started_writing.set()
        conn.close()


def _clients_and_plans(path) -> tuple[int, int]:  # noqa: ANN001
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT count(*) FROM clients").fetchone()[0],
                conn.execute("SELECT count(*) FROM plans").fetchone()[0])
    finally:
        conn.close()


def test_a_backup_taken_while_the_bot_writes_is_one_consistent_snapshot(db, tmp_path):
    writer = Writer(db.path)
    writer.start()
    try:
        assert writer.started_writing.wait(30)
        code, out, err = db("backup", str(tmp_path / "backups" / "one.sqlite3"))
        written_after_backup = writer.written
    finally:
        writer.stop.set()
        writer.join()
    assert (code, err) == (0, "")
    assert "backups/one.sqlite3" in out
    clients, plans = _clients_and_plans(tmp_path / "backups" / "one.sqlite3")
    assert clients == plans  # no transaction copied in half
    assert 50 <= clients <= written_after_backup
    check = sqlite3.connect(tmp_path / "backups" / "one.sqlite3")
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()

    # Restored into an empty place, it is the snapshot again.
    db.path.rename(db.path.with_name("gone.sqlite3"))
    code, _, err = db("restore", str(tmp_path / "backups" / "one.sqlite3"))
    assert (code, err) == (0, "")
    assert _clients_and_plans(db.path) == (clients, plans)


def test_a_backup_never_overwrites_a_file_and_restore_checks_what_it_is_given(db, tmp_path):
    (tmp_path / "taken.sqlite3").write_text("mine")
    code, _, err = db("backup", str(tmp_path / "taken.sqlite3"))
    assert (code, err.strip()) == (
        2, f"chatdesk: {tmp_path / 'taken.sqlite3'} already exists — choose another file.")
    assert (tmp_path / "taken.sqlite3").read_text() == "mine"
    code, _, err = db("restore", str(tmp_path / "taken.sqlite3"))
    assert (code, err.strip()) == (
        2, f"chatdesk: {tmp_path / 'taken.sqlite3'} is not a chatdesk database.")
    code, _, err = db("restore", str(tmp_path / "nothing.sqlite3"))
    assert code == 2 and "There is no file" in err


def test_restore_refuses_a_database_a_running_bot_holds_unless_forced(db, tmp_path):
    backup = tmp_path / "before.sqlite3"
    assert db("backup", str(backup))[0] == 0
    conn = sqlite3.connect(db.path)
    with conn:
        conn.execute("INSERT INTO clients (name, created_at) VALUES ('after', '2026-11-12')")
    conn.close()

    async def restore_while_running() -> tuple[tuple[int, str, str], ...]:
        lock = await hold_instance_lock(db.url, shared=False)  # what `chatdesk run` holds
        try:
            refused = await asyncio.to_thread(db, "restore", str(backup))
            forced = await asyncio.to_thread(db, "restore", str(backup), "--force")
        finally:
            await lock.release()
        return refused, forced

    refused, forced = asyncio.run(restore_while_running())
    assert refused[0] == 2 and "running bot" in refused[2]
    assert forced[0] == 0
    assert _clients_and_plans(db.path) == (0, 0)


def test_backup_is_for_sqlite_only(db, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://u@localhost/chatdesk")
    code, _, err = db("backup", str(tmp_path / "x.sqlite3"))
    assert code == 2 and "SQLite only" in err


def test_health_is_ok_when_the_database_answers_and_not_when_the_web_server_is_down(
        db, monkeypatch):
    import socket

    assert db("health")[:2] == (0, "ok\n")
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("WEBHOOK_BASE_URL", "https://desk.example.com")
    monkeypatch.setenv("WEB_PORT", str(port))
    code, _, err = db("health")
    assert code == 1 and "/healthz does not answer" in err and len(err.splitlines()) == 1


def test_health_on_a_missing_sqlite_file_fails_and_creates_nothing(db, monkeypatch, tmp_path):
    missing = tmp_path / "nowhere" / "chatdesk.sqlite3"
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{missing}")
    code, _, err = db("health")
    assert code == 1 and "does not answer" in err
    assert not missing.exists()
