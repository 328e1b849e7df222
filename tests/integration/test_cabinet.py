"""The cabinet over HTTP on a real SQLite file: logging in, and the bot's access rules."""

from __future__ import annotations

import re
from contextlib import asynccontextmanager
from datetime import timedelta

import aiohttp
import pytest

from domain.billing.model import DisputeStatus
from domain.texts import money as domain_money
from tests.cabinet_world import (
    ANNA,
    BORIS,
    BOT_TOKEN,
    KATE,
    NOW,
    OLGA,
    PAID,
    PAVEL,
    build_world,
    init_data,
    principal,
    serve,
    total_billed,
)


@pytest.fixture
async def world(tmp_path):
    w = await build_world(tmp_path)
    try:
        yield w
    finally:
        await w.app.close()


@pytest.fixture
async def server(world):
    async with serve(world) as s:
        yield s


@asynccontextmanager
async def browser(server):
    # The test server is 127.0.0.1, where aiohttp's cookie jar refuses cookies by default.
    async with aiohttp.ClientSession(str(server.make_url("")),
                                     cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        yield session


async def login(session, world, user_id: str) -> None:
    token = await world.cabinet.issue_link(principal(user_id))
    async with session.post(f"/cabinet/login/{token}", allow_redirects=False) as r:
        assert r.status == 303


async def test_a_login_link_works_once_and_opening_it_alone_does_not_spend_it(world, server):
    token = await world.cabinet.issue_link(principal(KATE))
    async with browser(server) as first, browser(server) as second:
        assert (await first.get(f"/cabinet/login/{token}")).status == 200  # a link preview
        signed_in = await first.post(f"/cabinet/login/{token}")
        assert signed_in.status == 200 and "Не работает телефония" in await signed_in.text()
        again = await second.post(f"/cabinet/login/{token}")
        assert again.status == 403 and "уже использована" in await again.text()
        assert (await second.get(f"/cabinet/c/{world.acme}/")).status == 401


async def test_a_login_link_expires(world, server):
    token = await world.cabinet.issue_link(principal(KATE))
    world.clock.advance(timedelta(minutes=16))
    async with browser(server) as session:
        assert (await session.post(f"/cabinet/login/{token}")).status == 403


async def test_a_made_up_login_link_is_refused(server):
    async with browser(server) as session:
        assert (await session.post("/cabinet/login/not-a-real-token")).status == 403


async def test_pages_without_a_session_ask_to_sign_in(world, server):
    async with browser(server) as session:
        for path in (f"/cabinet/c/{world.acme}/", f"/cabinet/c/{world.acme}/t/1",
                     f"/cabinet/c/{world.acme}/money",
                     f"/cabinet/c/{world.acme}/statements/2026-11.xlsx"):
            r = await session.get(path)
            assert r.status == 401, path
        assert (await session.get("/cabinet/")).status == 200  # the welcome page


async def test_another_clients_ticket_is_refused_without_showing_it(world, server):
    async with browser(server) as session:
        await login(session, world, KATE)
        theirs = await session.get(f"/cabinet/c/{world.beta}/t/{world.beta_ticket}")
        assert theirs.status == 403 and "Секретная заявка" not in await theirs.text()
        assert (await session.get(f"/cabinet/c/{world.beta}/money")).status == 403
        assert (await session.get("/cabinet/c/999/")).status == 403  # no probing of ids
        assert (await session.get(f"/cabinet/c/{world.acme}/t/1")).status == 200
        assert (await session.get(f"/cabinet/c/{world.acme}/t/77")).status == 404


async def test_staff_see_only_the_clients_they_serve_and_admins_see_all(world, server):
    async with browser(server) as pavel:
        await login(pavel, world, PAVEL)
        home = await (await pavel.get("/cabinet/")).text()
        assert "ООО Вектор" in home and "ЗАО Бета" not in home
        assert "Не приходят письма с сайта" in home  # his queue
        assert "Секретная заявка" not in home
        assert (await pavel.get(f"/cabinet/c/{world.acme}/t/1")).status == 200
        assert (await pavel.get(f"/cabinet/c/{world.beta}/t/1")).status == 403
    async with browser(server) as anna:
        await login(anna, world, ANNA)
        home = await (await anna.get("/cabinet/")).text()
        assert "ООО Вектор" in home and "ЗАО Бета" in home
        assert (await anna.get(f"/cabinet/c/{world.beta}/t/1")).status == 200


async def test_the_client_sees_its_billed_work_but_not_our_unbilled_time_or_internal_notes(
        world, server):
    async with browser(server) as session:
        await login(session, world, KATE)
        phone = await (await session.get(f"/cabinet/c/{world.acme}/t/1")).text()
        assert "5\u00a0000\u00a0₽" in phone and "Работа: 2 ч 00 мин" in phone
        assert "0 ч 30 мин" not in phone  # the learning half hour is ours
        assert "Смотрю настройки АТС" in phone and "У Марины не проходят" in phone
        done = await (await session.get(f"/cabinet/c/{world.acme}/t/3")).text()
        assert "Перезапустил службу обмена" in done
        assert "чек-лист тестировщика" not in done
    async with browser(server) as session:
        await login(session, world, PAVEL)
        phone = await (await session.get(f"/cabinet/c/{world.acme}/t/1")).text()
        assert "Работа: 0 ч 30 мин" in phone and "не оплачивается клиентом" in phone


async def test_money_pages_are_the_owners_alone_when_the_client_asks(world, server):
    await world.cabinet.set_money_owner_only(world.acme, True)
    async with browser(server) as kate:
        await login(kate, world, KATE)
        assert (await kate.get(f"/cabinet/c/{world.acme}/money")).status == 403
        assert (await kate.get(
            f"/cabinet/c/{world.acme}/statements/2026-11.xlsx")).status == 403
        ticket = await (await kate.get(f"/cabinet/c/{world.acme}/t/1")).text()
        assert "₽" not in ticket and "Не согласен" not in ticket
    async with browser(server) as olga:
        await login(olga, world, OLGA)
        money = await olga.get(f"/cabinet/c/{world.acme}/money")
        assert money.status == 200
        assert domain_money("ru", PAID - total_billed()) == "40\u00a0625\u00a0₽"
        assert domain_money("ru", PAID - total_billed()) in await money.text()


async def test_a_dispute_needs_the_form_token_of_the_session(world, server):
    entry = world.entry_ids["phone"]
    async with browser(server) as session:
        await login(session, world, KATE)
        form = {"entry": str(entry), "ticket": "1", "reason": "Столько не работали"}
        forged = await session.post(f"/cabinet/c/{world.acme}/disputes",
                                    data={**form, "csrf": "forged"})
        assert forged.status == 403
        page = await (await session.get(f"/cabinet/c/{world.acme}/t/1")).text()
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        done = await session.post(f"/cabinet/c/{world.acme}/disputes", data={**form, "csrf": csrf})
        assert done.status == 200 and "Запись оспорена" in await done.text()
    [dispute] = await world.cabinet._billing.disputes(world.acme, DisputeStatus.OPEN)
    assert (dispute.entry_id, dispute.opened_by, dispute.reason) == (
        entry, "Катя", "Столько не работали")


async def test_another_clients_entry_cannot_be_disputed(world, server):
    async with browser(server) as session:
        await login(session, world, KATE)
        page = await (await session.get(f"/cabinet/c/{world.acme}/t/1")).text()
        csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
        r = await session.post(f"/cabinet/c/{world.acme}/disputes", data={
            "entry": str(world.entry_ids["beta"]), "ticket": "1", "csrf": csrf})
        assert r.status == 409
    assert await world.cabinet._billing.disputes(world.beta) == []


async def _telegram(session, data: str):
    return await session.post("/cabinet/auth/telegram", data={"init_data": data})


async def test_mini_app_sign_in_with_fresh_signed_init_data(world, server):
    async with browser(server) as session:
        r = await _telegram(session, init_data(OLGA, signed_at=NOW - timedelta(minutes=1)))
        assert r.status == 200 and (await r.json())["ok"] is True
        assert (await session.get(f"/cabinet/c/{world.acme}/money")).status == 200


@pytest.mark.parametrize("case", ["forged", "other_bot", "stale", "stranger"])
async def test_mini_app_init_data_that_cannot_be_trusted_is_refused(world, server, case):
    data = {
        "forged": init_data(OLGA, signed_at=NOW).replace(OLGA, BORIS),
        "other_bot": init_data(OLGA, signed_at=NOW, token=BOT_TOKEN + "x"),
        "stale": init_data(OLGA, signed_at=NOW - timedelta(hours=2)),
        "stranger": init_data("555", signed_at=NOW),
    }[case]
    async with browser(server) as session:
        r = await _telegram(session, data)
        assert r.status == 403 and (await r.json())["ok"] is False
        assert "chatdesk_cabinet" not in {c.key for c in session.cookie_jar}
        assert (await session.get(f"/cabinet/c/{world.acme}/")).status == 401


async def test_the_session_cookie_is_http_only_and_same_site(world, server):
    token = await world.cabinet.issue_link(principal(KATE))
    async with browser(server) as session:
        r = await session.post(f"/cabinet/login/{token}", allow_redirects=False)
        cookie = r.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/cabinet" in cookie


async def test_new_package_client_sees_its_hours_in_the_cabinet_before_any_work(world, server):
    from domain.billing.service import Billing
    from domain.kernel.model import BillingModel, Plan

    await Billing(world.app.uow, world.clock, world.settings.tz).set_plan(
        world.beta, Plan(BillingModel.PACKAGE, hourly_rate=2_000_00, package_minutes=600))
    async with browser(server) as session:
        await login(session, world, BORIS)
        page = await (await session.get(f"/cabinet/c/{world.beta}/money")).text()
    assert "осталось 10 ч 00 мин из 10 ч 00 мин" in page and "сгорают 1-го" in page
