"""Every command of `chatdesk`, fed the bad inputs a new user types: each is refused with
exit code 2 and one line on stderr, never a traceback, and the database is left as it was.

The table holds the inputs reported in issue 21 and their neighbours; a command added later
gets its rows here."""

from __future__ import annotations

import sqlite3

import pytest

from bot.cli import main

BINARY = b"\x89PNG\r\n\x1a\n\x00\xff\xfe\xe0garbage\x00"

# (argv, extra environment); "{tmp}" is the test's folder, "{bin}" a binary file in it.
BAD: list[tuple[list[str], dict[str, str]]] = [
    # plans set
    (["plans", "set", "ACME", "--model", "monthly", "--kind", "technical:passive:-100"], {}),
    (["plans", "set", "ACME", "--model", "monthly", "--kind", "technical:passive:100",
      "--kind", "technical:passive:100"], {}),
    (["plans", "set", "ACME", "--model", "monthly", "--kind", "technical:passive"], {}),
    (["plans", "set", "ACME", "--model", "monthly", "--kind", "technical:passive:1e5"], {}),
    (["plans", "set", "ACME", "--model", "monthly", "--kind", "nonsense:passive:100"], {}),
    (["plans", "set", "ACME", "--model", "monthly", "--kind",
      "technical:passive:99999999999999999999999"], {}),
    (["plans", "set", "ACME", "--model", "tm", "--rate", "100", "--rounding", "-15"], {}),
    (["plans", "set", "ACME", "--model", "tm", "--rate", "100", "--rounding", "100000"], {}),
    (["plans", "set", "ACME", "--model", "package", "--rate", "100", "--hours", "nan"], {}),
    (["plans", "set", "ACME", "--model", "package", "--rate", "100", "--hours", "inf"], {}),
    (["plans", "set", "ACME", "--model", "package", "--rate", "100", "--hours", "1e30"], {}),
    (["plans", "set", "ACME", "--model", "package", "--rate", "100", "--hours", "-5"], {}),
    (["plans", "set", "ACME", "--model", "package", "--rate", "100", "--hours", "0"], {}),
    (["plans", "set", "ACME", "--model", "package", "--rate", "100", "--hours", "0.001"], {}),
    (["plans", "set", "ACME", "--model", "package", "--rate", "100", "--hours", "ten"], {}),
    (["plans", "set", "ACME", "--model", "monthly", "--kind", "technical:passive:100",
      "--hours", "5"], {}),
    (["plans", "set", "ACME", "--model", "tm", "--rate", "99999999999999999999999"], {}),
    (["plans", "set", "ACME", "--model", "tm", "--rate", "-1"], {}),
    (["plans", "set", "ACME", "--model", "tm", "--rate", "abc"], {}),
    (["plans", "set", "ACME", "--model", "weekly"], {}),
    (["plans", "set", "ACME", "--model", "tm", "--rate", "100", "--starts", "2026-11-15"], {}),
    (["plans", "set", "Nobody", "--model", "tm", "--rate", "100"], {}),
    (["plans", "show", "Nobody"], {}),
    # payments add
    (["payments", "add", "ACME", "99999999999999999999999"], {}),
    (["payments", "add", "ACME", "100000001"], {}),
    (["payments", "add", "ACME", "1e5"], {}),
    (["payments", "add", "ACME", "-5"], {}),
    (["payments", "add", "ACME", "0"], {}),
    (["payments", "add", "ACME", "50.555"], {}),
    (["payments", "add", "ACME", "fifty"], {}),
    (["payments", "add", "ACME", "100", "--key", ""], {}),
    (["payments", "add", "ACME", "100", "--key", "   "], {}),
    (["payments", "add", "Nobody", "100"], {}),
    # statement, summary, economics
    (["statement", "ACME", "--month", "2026-11", "--xlsx", "{tmp}"], {}),
    (["statement", "ACME", "--month", "2026-13"], {}),
    (["statement", "Nobody", "--month", "2026-11"], {}),
    (["summary", "ACME", "--month", "2026-11", "--png", "{tmp}"], {}),
    (["summary", "ACME", "--month", "November"], {}),
    (["summary", "Nobody", "--month", "2026-11"], {}),
    (["economics", "--month", "November"], {}),
    # eval, import
    (["eval", "{bin}"], {}),
    (["eval", "{tmp}/missing.jsonl"], {}),
    (["import", "{bin}", "--client", "ACME"], {}),
    (["import", "{tmp}/missing.json", "--client", "ACME"], {}),
    # chats
    (["chats", "link", "--client", "ACME", "--platform", "telegram", "--chat-id", "abc"], {}),
    (["chats", "link", "--client", "ACME", "--platform", "telegram", "--chat-id", ""], {}),
    (["chats", "link", "--client", "ACME", "--platform", "telegram", "--chat-id", "12.5"], {}),
    (["chats", "link", "--client", "ACME", "--platform", "whatsapp", "--chat-id",
      "garbage!!"], {}),
    (["chats", "link", "--client", "ACME", "--platform", "whatsapp", "--chat-id", "12"], {}),
    (["chats", "link", "--client", "ACME", "--platform", "whatsapp", "--chat-id",
      "abc@g.us"], {}),
    (["chats", "link", "--client", "Nobody", "--platform", "telegram", "--chat-id", "-100"],
     {}),
    (["chats", "link", "--client", "ACME", "--platform", "viber", "--chat-id", "1"], {}),
    (["chats", "unlink", "--platform", "telegram", "--chat-id", "abc"], {}),
    (["chats", "unlink", "--platform", "telegram", "--chat-id", "-100999"], {}),
    (["chats", "unlink", "--platform", "whatsapp", "--chat-id", "garbage!!"], {}),
    (["outbox", "--limit", "0"], {}),
    (["--env-file", "{tmp}/missing.env", "clients", "add", "Other"], {}),
    # sla, calendar, clients
    (["sla", "due", "2026-11-12T10:00", "99999999"], {}),
    (["sla", "due", "2026-11-12T10:00", "nan"], {}),
    (["sla", "due", "2026-11-12T10:00", "-1"], {}),
    (["sla", "due", "tomorrow", "4"], {}),
    (["calendar", "check", "nineteen"], {}),
    (["calendar", "check", "1900"], {}),
    (["calendar", "client", "ACME", "--timezone", "Mars/Olympus"], {}),
    (["calendar", "client", "ACME", "--hours", "25:00-26:00"], {}),
    (["calendar", "client", "ACME", "--clear", "--days", "mon-fri"], {}),
    (["clients", "priority", "ACME", "-1"], {}),
    (["clients", "priority", "ACME", "high"], {}),
    (["clients", "add"], {}),
    (["staff", "add"], {}),
    # settings
    (["cabinet", "link", "--user-id", "5"], {"CABINET_SECRET": "short",
                                            "CABINET_BASE_URL": "https://desk.example.com"}),
    (["clients", "add", "Other"], {"TIMEZONE": "Mars/Olympus"}),
    (["clients", "add", "Other"], {"DATABASE_URL": "mysql://localhost/desk"}),
    # the parser itself
    (["no-such-command"], {}),
    (["demo", "--lang", "de"], {}),
]


def _dump(path) -> list[str]:  # noqa: ANN001
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


@pytest.fixture
def desk(monkeypatch, tmp_path, capsys):
    """A desk with one client (ACME, time and materials) in a fresh SQLite file."""
    db = tmp_path / "desk.sqlite3"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{db}")
    assert main(["clients", "add", "ACME"]) == 0
    assert main(["plans", "set", "ACME", "--model", "tm", "--rate", "2000"]) == 0
    capsys.readouterr()
    (tmp_path / "bin").write_bytes(BINARY)
    return db


@pytest.mark.parametrize(("argv", "env", "lang"),
                         [(a, e, ("ru", "en")[i % 2]) for i, (a, e) in enumerate(BAD)],
                         ids=[" ".join(a)[:70] for a, _ in BAD])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(desk, monkeypatch, capsys, tmp_path,
                                                         argv, env, lang):
    monkeypatch.setenv("DEFAULT_LANGUAGE", lang)  # every other row in English
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    argv = [a.replace("{tmp}", str(tmp_path)).replace("{bin}", str(tmp_path / "bin"))
            for a in argv]
    before = _dump(desk)
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse refuses before main's own handling
        code = exc.code
    out = capsys.readouterr()
    lines = out.err.splitlines()
    assert code == 2, out
    assert len(lines) == 1 and lines[0].strip(), out.err
    assert "Traceback" not in out.err and "Error:" not in out.err
    assert _dump(desk) == before
    assert {p.name for p in tmp_path.iterdir()} <= {"bin", "desk.sqlite3", "desk.sqlite3-wal",
                                                  "desk.sqlite3-shm"}
