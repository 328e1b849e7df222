"""`chatdesk clients bitrix`: linking a client's Bitrix24 through its incoming webhook, checked
against a fake portal on 127.0.0.1 (running in its own thread, since the command runs its own
event loop); bad input is one line on stderr with exit code 2 and saves nothing."""

from __future__ import annotations

import asyncio
import json
import threading

import pytest

from tests.fakes.bitrix24 import FakeBitrix24


@pytest.fixture
def portal():
    fake, loop = FakeBitrix24(), asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(fake.start(), loop).result(10)
    try:
        yield fake
    finally:
        asyncio.run_coroutine_threadsafe(fake.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()


@pytest.fixture
def cli(make_cli):
    run = make_cli()
    run("clients", "add", "ООО Вектор")
    return run


def test_a_webhook_checked_by_the_portal_links_the_client_and_shows_masked(cli, portal):
    code, out, err = cli("clients", "bitrix", "ООО Вектор", "--webhook",
                         portal.webhook.rstrip("/"), "--responsible-id", "5")
    assert code == 0 and "будут задачами в Битрикс24" in out and "ответственный: 5" in out
    assert "tasks.task.list" in portal.calls and "k3y7fake0webhook" not in out + err
    assert "chatdesk: database" in err  # the command wrote: it names the database

    code, out, _ = cli("clients", "bitrix", "ООО Вектор", "--json")
    shown = json.loads(out)
    assert shown["linked"] and shown["webhook"].endswith("/rest/1/***/")
    assert (shown["responsible_id"], shown["tasks"], shown["pending"]) == (5, 0, 0)

    code, out, _ = cli("clients", "bitrix", "ООО Вектор", "--off", lang="en")
    assert code == 0 and "no longer linked" in out
    assert json.loads(cli("clients", "bitrix", "ООО Вектор", "--json")[1])["linked"] is False


@pytest.mark.parametrize(("argv", "says"), [
    (("--webhook", "https://portal.bitrix24.ru/crm/deal/"), "не адрес входящего вебхука"),
    (("--webhook", "http://portal.bitrix24.ru/rest/1/abc/"), "https://"),
    (("--webhook", "https://portal.bitrix24.ru/rest/1/abc/", "--responsible-id", "0"),
     "ID сотрудника"),
    (("--responsible-id", "5"), "go with --webhook"),
    (("--off", "--retry"), "one at a time"),
])
def test_bad_input_is_one_line_and_saves_nothing(cli, argv, says):
    code, _, err = cli("clients", "bitrix", "ООО Вектор", *argv)
    assert code == 2 and says in err and len(err.strip().splitlines()) == 1
    assert json.loads(cli("clients", "bitrix", "ООО Вектор", "--json")[1])["linked"] is False


def test_a_webhook_the_portal_refuses_is_not_saved_unless_told(cli, portal):
    revoked = portal.webhook.replace("k3y7fake0webhook", "revoked0key")
    code, _, err = cli("clients", "bitrix", "ООО Вектор", "--webhook", revoked)
    assert code == 2 and "NO_AUTH_FOUND" in err and "revoked0key" not in err
    assert json.loads(cli("clients", "bitrix", "ООО Вектор", "--json")[1])["linked"] is False
    assert cli("clients", "bitrix", "ООО Вектор", "--webhook", revoked, "--no-check")[0] == 0


def test_an_unknown_client_is_named(cli):
    code, _, err = cli("clients", "bitrix", "ООО Ромашка")
    assert code == 2 and "«ООО Ромашка»" in err
