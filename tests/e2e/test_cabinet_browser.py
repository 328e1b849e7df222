"""The cabinet in a real headless Chromium (Debian's `chromium`), driven by Playwright:
what a client does on a phone, and what must be refused. Screenshots at phone width go to
tests/artifacts/ for a person to look at."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.cabinet_world import (
    BORIS,
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

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PHONE = {"width": 390, "height": 844}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests: {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture
async def world(tmp_path):
    w = await build_world(tmp_path)
    try:
        yield w
    finally:
        await w.app.close()


@pytest.fixture
async def site(world) -> AsyncIterator[str]:
    async with serve(world) as server:
        yield str(server.make_url("")).rstrip("/")


@pytest.fixture
def chromium() -> Path:
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright)")
    return CHROMIUM


@pytest.fixture
async def page(site, chromium):
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=str(chromium), args=ARGS,
                                           headless=True)
        context = await browser.new_context(viewport=PHONE, device_scale_factor=2,
                                            is_mobile=True, has_touch=True,
                                            accept_downloads=True, locale="ru-RU")
        tab = await context.new_page()
        tab.set_default_timeout(10_000)
        try:
            yield tab
        finally:
            await context.close()
            await browser.close()


async def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    await page.evaluate("window.scrollTo(0, 0)")  # a sticky header would land mid-picture
    await page.screenshot(path=str(ARTIFACTS / f"cabinet-{name}.png"), full_page=True)


async def sign_in(page, site, world, user_id: str) -> None:
    token = await world.cabinet.issue_link(principal(user_id))
    await page.goto(f"{site}/cabinet/login/{token}")
    await shot(page, "login")
    await page.click("#login")
    await page.wait_for_load_state()


async def test_a_client_signs_in_by_link_and_sees_open_and_closed_tickets(page, site, world):
    await sign_in(page, site, world, KATE)
    assert page.url == f"{site}/cabinet/c/{world.acme}/"
    open_numbers = await page.locator("#open .ticket").evaluate_all(
        "cards => cards.map(c => c.dataset.number)")
    closed_numbers = await page.locator("#closed .ticket").evaluate_all(
        "cards => cards.map(c => c.dataset.number)")
    assert (open_numbers, closed_numbers) == (["1", "2", "4"], ["3"])
    assert await page.locator(".sla-late").count() == 1  # #4: nobody reacted in time
    assert "Секретная заявка" not in await page.content()
    await shot(page, "tickets")


async def test_a_ticket_shows_its_history_both_ways_and_a_dispute_is_posted(page, site, world):
    await sign_in(page, site, world, OLGA)
    await page.click("a.ticket[data-number='1']")
    history = page.locator(".timeline")
    assert "У Марины не проходят входящие звонки" in await history.inner_text()
    assert "Смотрю настройки АТС" in await history.inner_text()
    await shot(page, "ticket")
    entry = page.locator(f"#entry-{world.entry_ids['phone']}")
    await entry.locator("summary").click()
    await entry.locator("textarea").fill("Звонили 20 минут, а не два часа")
    await entry.locator("button").click()
    await page.wait_for_selector("#disputed")
    assert "оспорено, ждёт ответа" in await page.locator(
        f"#entry-{world.entry_ids['phone']}").inner_text()
    await shot(page, "ticket-disputed")
    [dispute] = await world.cabinet._billing.disputes(world.acme)
    assert dispute.reason == "Звонили 20 минут, а не два часа" and dispute.opened_by == "Ольга"


async def test_the_month_statement_downloads_as_xlsx_with_the_right_totals(page, site, world):
    from openpyxl import load_workbook

    await sign_in(page, site, world, OLGA)
    await page.click("text=Часы и баланс")
    assert await page.locator("#balance").inner_text() == "40\u00a0625\u00a0₽"
    assert await page.locator("svg.chart rect").count() >= 2
    await shot(page, "money")
    async with page.expect_download() as waiting:
        await page.click("text=Скачать XLSX")
    download = await waiting.value
    path = ARTIFACTS / "statement.xlsx"
    await download.save_as(str(path))
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    total = next(r for r in rows if r[0] == "Всего")
    closing = next(r for r in rows if r[0] == "Баланс на конец месяца, ₽")
    assert total[5] == 120 + 60 + 45 and total[6] == -total_billed() / 100
    assert closing[1] == (PAID - total_billed()) / 100


async def test_mini_app_launch_signs_in_with_signed_init_data(page, site, world):
    data = init_data(OLGA, signed_at=NOW - timedelta(minutes=1))
    await page.goto(f"{site}/cabinet/#tgWebAppData={quote(data, safe='')}&tgWebAppVersion=7.0")
    await page.wait_for_url(f"{site}/cabinet/c/{world.acme}/")
    assert await page.locator("#open .ticket").count() == 3


@pytest.mark.parametrize("case", ["forged", "stale"])
async def test_mini_app_launch_with_forged_or_stale_init_data_is_refused(page, site, world,
                                                                          case):
    data = (init_data(OLGA, signed_at=NOW).replace(OLGA, BORIS) if case == "forged"
            else init_data(OLGA, signed_at=NOW - timedelta(hours=3)))
    await page.goto(f"{site}/cabinet/#tgWebAppData={quote(data, safe='')}")
    error = page.locator("#tg-error")
    await error.wait_for(state="visible")
    assert "Telegram не подтвердил вход" in await error.inner_text()
    response = await page.goto(f"{site}/cabinet/c/{world.acme}/")
    assert response.status == 401
    await shot(page, f"refused-{case}")


async def test_another_clients_ticket_url_is_refused(page, site, world):
    await sign_in(page, site, world, KATE)
    response = await page.goto(f"{site}/cabinet/c/{world.beta}/t/{world.beta_ticket}")
    assert response.status == 403
    assert "Секретная заявка" not in await page.content()
    assert "другой компании" in await page.locator(".message").inner_text()
    await shot(page, "refused-other-client")


async def test_staff_see_their_queue_and_only_the_clients_they_serve(page, site, world):
    await sign_in(page, site, world, PAVEL)
    clients = await page.locator("a.client").all_inner_texts()
    assert clients == ["ООО Вектор"]
    assert "Не приходят письма с сайта" in await page.locator("main").inner_text()
    await shot(page, "staff-home")
    response = await page.goto(f"{site}/cabinet/c/{world.beta}/")
    assert response.status == 403
