"""`chatdesk broadcast` end to end on a real SQLite file, as from a shell: the preview, the
confirmation, the status report, and mistakes told in one line."""

from __future__ import annotations

import asyncio
import json

import pytest

from domain.kernel.model import Platform
from domain.onboarding.service import link_chat
from storage.engine import make_engine
from storage.uow import SqlUnitOfWorkFactory


@pytest.fixture
def cli(make_cli):
    return make_cli("en")


async def _chats(url: str) -> None:
    engine = make_engine(url)
    try:
        async with SqlUnitOfWorkFactory(engine)() as uow:
            for name, chat in (("ACME", "-100"), ("Globex", "-200")):
                await link_chat(uow, await uow.clients.get_by_name(name), Platform.TELEGRAM,
                                chat, f"{name} support")
            await uow.commit()
    finally:
        await engine.dispose()


async def _rows(url: str) -> list:
    engine = make_engine(url)
    try:
        async with SqlUnitOfWorkFactory(engine)() as uow:
            return [n for n in await uow.notices.all() if n.kind.value == "broadcast"]
    finally:
        await engine.dispose()


def test_a_broadcast_is_previewed_and_sent_only_when_confirmed(cli):
    for name in ("ACME", "Globex"):
        cli("clients", "add", name)
    asyncio.run(_chats(cli.url))
    code, out, _ = cli("broadcast", "--text", "Bitrix24 is down until 12:00", stdin="n\n")
    assert code == 1 and "Goes to chats: 2, clients: 2" in out and "cancelled" in out
    assert asyncio.run(_rows(cli.url)) == []

    code, out, _ = cli("broadcast", "--text", "Bitrix24 is down until 12:00",
                       "--filter", "clients=Globex", stdin="y\n")
    assert code == 0 and "Globex support" in out and "ACME" not in out.split("Text:")[0]
    assert [r.chat_id for r in asyncio.run(_rows(cli.url))] == ["-200"]

    code, out, _ = cli("broadcast", "status", "1", "--json")
    report = json.loads(out)
    assert code == 0 and (report["chats"], report["pending"], report["done"]) == (1, 1, False)


@pytest.mark.parametrize(("argv", "message"), [
    (("broadcast", "--text", "x", "--filter", "clients=Umbrella"), "No such clients: umbrella"),
    (("broadcast", "--text", "x", "--filter", "model=barter"), "unknown plan model 'barter'"),
    (("broadcast", "--text", "   ", "--yes"), "The announcement is empty"),
    (("broadcast",), "--text is required"),
    (("broadcast", "status", "7"), "There is no announcement #7"),
])
def test_broadcast_mistakes_are_one_line_for_a_person(cli, argv, message):
    cli("clients", "add", "ACME")
    asyncio.run(_chats_acme(cli.url))
    code, _, err = cli(*argv)
    assert code == 2
    assert message in err and "Traceback" not in err


async def _chats_acme(url: str) -> None:
    engine = make_engine(url)
    try:
        async with SqlUnitOfWorkFactory(engine)() as uow:
            await link_chat(uow, await uow.clients.get_by_name("ACME"), Platform.TELEGRAM,
                            "-100")
            await uow.commit()
    finally:
        await engine.dispose()
