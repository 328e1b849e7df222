"""One desk across channels: a mail delivered into a real IMAP mailbox (dovecot) becomes a
draft answered by mail, confirmed by replying "1", reaches the staff member's Telegram as a
card; the reply to that card goes out by SMTP (a real aiosmtpd server) as a reply in the
client's mail thread. Real aiogram against a fake Bot API, one `TelegramRuntime` serving it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from email.message import EmailMessage
from pathlib import Path

import pytest

from bot.settings import load_settings
from bot.telegram import TelegramRuntime, build_bot
from bot.wiring import build_app
from domain.kernel.model import Platform
from domain.onboarding.service import add_client, add_staff, link_chat
from tests.conftest import T0, monthly_plan
from tests.fakes.bot_api import FakeBotAPI
from tests.mail_servers import PASSWORD, USER

PAVEL = 900
SUPPORT = "help@integrator.example"


async def until(condition: Callable[[], bool], timeout: float = 30.0) -> None:  # noqa: ASYNC109
    """Wait for the mail poller (it reads the mailbox every second here)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out waiting"
        await asyncio.sleep(0.05)


@pytest.fixture
async def desk(tmp_path: Path, dovecot, smtp_sink):  # noqa: ANN001
    dovecot.clear()
    telegram = FakeBotAPI()
    await telegram.start()
    settings = load_settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite3'}",
        telegram_bot_token=telegram.token, telegram_api_url=telegram.base_url,
        default_language="ru", integrator_name="Вектор Интеграция",
        mail_imap_host="127.0.0.1", mail_imap_port=dovecot.port, mail_imap_user=USER,
        mail_imap_password=PASSWORD, mail_imap_ssl=False, mail_poll_seconds=1,
        mail_smtp_host="127.0.0.1", mail_smtp_port=smtp_sink.port, mail_smtp_starttls=False,
        mail_from=SUPPORT)
    app = await build_app(settings)
    async with app.uow() as uow:
        client = await add_client(uow, "ООО Вектор", now=T0, plan=monthly_plan())
        pavel = await add_staff(uow, "Pavel", telegram_id=str(PAVEL))
        await uow.workspace.serve(pavel.id, client.id)
        await link_chat(uow, client, Platform.EMAIL, "vector.ru")
        await uow.commit()
    bot = build_bot(settings)
    runtime = TelegramRuntime(app, bot)
    await runtime.start(polling=True, polling_timeout=1, scheduler=False)
    telegram.push_update(telegram.private_message(PAVEL, "/start", first_name="Pavel"))
    await telegram.wait_sent(PAVEL)
    try:
        yield telegram, dovecot, smtp_sink
    finally:
        await runtime.stop()
        await bot.session.close()
        await app.close()
        await telegram.stop()


def _mail(subject: str, body: str, message_id: str, **headers: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Иван Петров <ivan@vector.ru>"
    msg["To"] = SUPPORT
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    return msg.as_bytes()


async def test_staff_answer_from_telegram_reaches_the_client_as_a_reply_mail(desk):
    telegram, dovecot, sink = desk
    dovecot.deliver(_mail("Не работает телефония", "Входящие звонки не доходят до Марины.",
                          "<call-1@vector.ru>"))
    await until(lambda: len(sink.mails) == 1)
    draft = sink.mails[0]
    assert "записал" in draft.get_content() and draft["In-Reply-To"] == "<call-1@vector.ru>"
    assert draft["Subject"] == "Re: Не работает телефония [#1]"

    dovecot.deliver(_mail(draft["Subject"], "1\n\n> записал заявку", "<call-2@vector.ru>",
                          In_Reply_To=draft["Message-ID"],
                          References=f"<call-1@vector.ru> {draft['Message-ID']}"))
    card = await telegram.wait_sent(PAVEL, lambda m: "№1 ·" in m.get("text", ""), timeout=30)
    assert "ООО Вектор" in card["text"]

    telegram.push_update(telegram.private_message(PAVEL, "Перезагрузите, пожалуйста, телефон",
                                                  first_name="Pavel",
                                                  reply_to=card["message_id"]))
    await until(lambda: any("Перезагрузите" in m.get_content() for m in sink.mails))
    [answer] = [m for m in sink.mails if "Перезагрузите" in m.get_content()]
    assert answer["To"] == "ivan@vector.ru"
    assert answer["In-Reply-To"] == "<call-1@vector.ru>"
    assert answer["Subject"] == "Re: Не работает телефония [#1]"
    assert "Pavel" in answer.get_content()
    assert answer["From"] == f"Вектор Интеграция <{SUPPORT}>"
