"""E-mail as a channel, end to end against real servers started by the tests: mails are
delivered into a real IMAP mailbox (dovecot, tests/mail_servers.py), read by the poller,
taken through the same chat entry and intake as WhatsApp messages, and the desk's replies go
out of the outbox by SMTP into a real SMTP server (aiosmtpd) that keeps them."""

from __future__ import annotations

import logging
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from zoneinfo import ZoneInfo

import pytest

from bot.mail.imap import ImapConfig, ImapMailbox
from bot.mail.poller import MailLimits, MailPoller
from bot.mail.smtp import EmailMessenger, SmtpConfig
from bot.messengers import MessengerRegistry
from bot.whatsapp_web import WhatsAppChats, WhatsAppConfig
from domain.kernel.model import Language, MediaKind, Platform, StaffRole, TicketStatus
from domain.mail.model import MailStatus
from domain.mail.service import MailDesk, MailOutcome
from domain.onboarding.service import add_client, add_staff, link_chat
from domain.outbox.choices import ChoiceDesk, DeskFollowUps
from domain.outbox.service import AlertTo, Outbox, Post, log_follow_up
from domain.tickets.model import Actor
from domain.tickets.service import Desk
from domain.workspace.service import Workspace
from tests.conftest import T0, monthly_plan
from tests.mail_servers import PASSWORD, USER

SUPPORT = "support@desk.example"
ADMIN_TG = "500100"
KB = 1024


class FixedClock:
    def __init__(self) -> None:
        self.at = T0

    def now(self):  # noqa: ANN201
        return self.at


def mail(sender: str, subject: str, body: str, *, message_id: str,
         in_reply_to: str | None = None, references: str | None = None,
         minutes: int = 0, html: str | None = None,
         files: tuple[tuple[str, str, bytes], ...] = ()) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = SUPPORT
    msg["Subject"] = subject
    msg["Message-ID"] = message_id
    msg["Date"] = format_datetime(T0 + timedelta(minutes=minutes))
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    if references:
        msg["References"] = references
    msg.set_content(body)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    for name, mime, content in files:
        major, minor = mime.split("/")
        msg.add_attachment(content, maintype=major, subtype=minor, filename=name)
    return msg.as_bytes()


@pytest.fixture
async def world(uow_factory, intake, dovecot, smtp_sink):  # noqa: ANN001
    dovecot.clear()
    async with uow_factory() as uow:
        client = await add_client(uow, "ООО Вектор", now=T0, plan=monthly_plan())
        await link_chat(uow, client, Platform.EMAIL, "vector.ru")
        await add_staff(uow, "Павел", telegram_id=ADMIN_TG, role=StaffRole.ADMIN)
        await uow.commit()
    return World(uow_factory, intake, dovecot, smtp_sink)


class World:
    def __init__(self, uow_factory, intake, dovecot, sink,  # noqa: ANN001
                 limits: MailLimits | None = None) -> None:
        self.uow, self.dovecot, self.sink = uow_factory, dovecot, sink
        self.clock = FixedClock()
        desk = Desk(uow_factory, intake, self.clock)
        self.choices = ChoiceDesk(uow_factory, desk, self.clock, bot_id="mail",
                                  answer_window=timedelta(hours=24))
        self.chats = WhatsAppChats(desk, self.choices, WhatsAppConfig(
            "Вектор-Сервис", Language.RU, ZoneInfo("Europe/Moscow")))
        self.messenger = EmailMessenger(uow_factory, SmtpConfig(
            "127.0.0.1", sink.port, SUPPORT, sender_name="Поддержка", starttls=False))
        self.workspace = Workspace(uow_factory, self.clock)
        self.outbox = Outbox(uow_factory, self.clock, MessengerRegistry([self.messenger]),
                             follow_ups=DeskFollowUps(desk, self.workspace, self.choices))
        self.post = Post(uow_factory, self.clock)

        async def handle(msg) -> None:  # noqa: ANN001
            await self.chats.handle(msg, self.messenger)

        self.desk = MailDesk(uow_factory, self.clock, handle, alerts=AlertTo())
        self.poller = self.new_poller(limits)

    def new_poller(self, limits: MailLimits | None = None) -> MailPoller:
        return MailPoller(self.desk, ImapMailbox(ImapConfig(
            "127.0.0.1", self.dovecot.port, USER, PASSWORD, use_ssl=False)), self.uow,
            limits=limits or MailLimits())

    async def poll(self) -> list[MailOutcome]:
        outcomes = await self.poller.poll_once()
        await self.outbox.dispatch()
        return outcomes

    async def tickets(self):  # noqa: ANN201
        async with self.uow() as uow:
            client = await uow.clients.get_by_name("ООО Вектор")
            return list(await uow.tickets.for_client(client.id))


FIRST = "<req-1@vector.ru>"


def first_request() -> bytes:
    return mail("Иван Петров <Ivan@Vector.ru>", "Не строится отчёт по продажам",
                "Добрый день!\nОтчёт по продажам в 1С падает с ошибкой при формировании.\n\n"
                "-- \nИван Петров\nООО Вектор, +7 900 000-00-00\n",
                message_id=FIRST)


async def test_a_mail_in_the_mailbox_becomes_a_ticket_and_the_draft_goes_back_as_a_reply(world):
    world.dovecot.deliver(first_request())
    assert await world.poll() == [MailOutcome.TAKEN]
    [ticket] = await world.tickets()
    assert ticket.status is TicketStatus.AWAITING_CONFIRMATION
    assert "падает с ошибкой" in ticket.text and "+7 900" not in ticket.text  # signature cut
    async with world.uow() as uow:
        stored = await uow.messages.get(Platform.EMAIL, "vector.ru", FIRST)
        kept = await uow.mail.get(FIRST)
    assert stored.ticket_id == ticket.id and stored.sender_external_id == "ivan@vector.ru"
    assert kept.status is MailStatus.DONE and kept.chat_key == "vector.ru"
    [draft] = world.sink.mails
    assert draft["To"] == "ivan@vector.ru" and draft["In-Reply-To"] == FIRST
    assert draft["Subject"] == f"Re: Не строится отчёт по продажам [#{ticket.number}]"
    assert FIRST in draft["References"]


async def test_answering_the_draft_by_mail_confirms_the_ticket(world):
    world.dovecot.deliver(first_request())
    await world.poll()
    [draft] = world.sink.mails
    world.dovecot.deliver(mail(
        "ivan@vector.ru", draft["Subject"].replace("Re:", "RE:"),
        "1\n\nOn Thu, 12 Nov 2026 Support wrote:\n> Подтвердите заявку\n",
        message_id="<answer-1@vector.ru>", in_reply_to=draft["Message-ID"],
        references=f"{FIRST} {draft['Message-ID']}", minutes=2))
    await world.poll()
    [ticket] = await world.tickets()
    assert ticket.status is not TicketStatus.AWAITING_CONFIRMATION and ticket.confirmed_at


async def test_a_reply_in_the_thread_joins_its_ticket(world):
    world.dovecot.deliver(first_request())
    await world.poll()
    world.dovecot.deliver(mail(
        "Мария <maria@vector.ru>", "Re: Не строится отчёт по продажам",
        "У меня тоже самое, прикладываю скрин.\n\nВ письме от 12.11.2026 Иван пишет:\n"
        "> Отчёт по продажам в 1С падает\n", message_id="<req-2@vector.ru>",
        in_reply_to=FIRST, references=FIRST, minutes=60))
    assert await world.poll() == [MailOutcome.TAKEN]
    [ticket] = await world.tickets()
    async with world.uow() as uow:
        reply = await uow.messages.get(Platform.EMAIL, "vector.ru", "<req-2@vector.ru>")
    assert reply.ticket_id == ticket.id and reply.reply_to == FIRST
    assert reply.text == "У меня тоже самое, прикладываю скрин."  # the quote is cut


async def test_a_mail_without_thread_headers_joins_the_ticket_named_in_its_subject(world):
    world.dovecot.deliver(first_request())
    await world.poll()
    [ticket] = await world.tickets()
    world.dovecot.deliver(mail("ivan@vector.ru", f"Re: Не строится отчёт [#{ticket.number}]",
                               "Ошибка снова появилась после обновления.",
                               message_id="<no-headers@vector.ru>", minutes=120))
    await world.poll()
    async with world.uow() as uow:
        again = await uow.messages.get(Platform.EMAIL, "vector.ru", "<no-headers@vector.ru>")
    assert again.ticket_id == ticket.id and len(await world.tickets()) == 1


async def test_the_staff_answer_goes_out_once_as_a_reply_mail_and_the_answer_to_it_joins(world):
    world.dovecot.deliver(first_request())
    await world.poll()
    [ticket] = await world.tickets()
    staff = Actor(Platform.TELEGRAM, ADMIN_TG, "Павел")
    target = await world.workspace.answer_target(ticket.id, staff)
    # What the staff workspace does with an answer (handlers/telegram/staff_render.post_answer)
    await world.post.send(target.chat.platform, target.chat.external_id,
                          "Иван, исправили права на регистр — попробуйте снова.",
                          reply_to=target.reply_to, ticket_id=ticket.id,
                          follow_up=log_follow_up(ticket.id, "mail", "Павел"))
    await world.outbox.dispatch()
    await world.outbox.dispatch()  # nothing is sent twice
    answer = world.sink.mails[-1]
    assert len(world.sink.mails) == 2  # the draft, then the answer
    assert answer["To"] == "ivan@vector.ru" and answer["In-Reply-To"] == FIRST
    assert answer["References"] == FIRST
    assert answer["Subject"] == f"Re: Не строится отчёт по продажам [#{ticket.number}]"
    assert answer["From"] == f"Поддержка <{SUPPORT}>"
    assert "исправили права" in answer.get_content()
    assert world.sink.envelopes[-1] == (SUPPORT, ["ivan@vector.ru"])
    async with world.uow() as uow:
        logged = await uow.messages.get(Platform.EMAIL, "vector.ru", answer["Message-ID"])
    assert logged is not None and logged.ticket_id == ticket.id

    world.dovecot.deliver(mail(
        "ivan@vector.ru", answer["Subject"], "Спасибо, теперь строится.",
        message_id="<thanks@vector.ru>", in_reply_to=answer["Message-ID"],
        references=f"{FIRST} {answer['Message-ID']}", minutes=90))
    await world.poll()
    async with world.uow() as uow:
        thanks = await uow.messages.get(Platform.EMAIL, "vector.ru", "<thanks@vector.ru>")
    assert thanks.ticket_id == ticket.id and len(await world.tickets()) == 1


async def test_the_same_mail_delivered_twice_is_stored_once(world):
    world.dovecot.deliver(first_request())
    world.dovecot.deliver(first_request())
    assert await world.poll() == [MailOutcome.TAKEN, MailOutcome.DUPLICATE]
    async with world.uow() as uow:
        chat = await uow.chats.find(Platform.EMAIL, "vector.ru")
        stored = await uow.messages.for_chat(chat.id)
    assert [m.external_id for m in stored if not m.from_staff] == [FIRST]
    assert len(await world.tickets()) == 1 and len(world.sink.mails) == 1


async def test_a_restart_does_not_read_the_mailbox_again(world):
    world.dovecot.deliver(first_request())
    await world.poll()
    assert await world.new_poller().poll_once() == []  # the UID is remembered
    world.dovecot.deliver(mail("ivan@vector.ru", "Ещё вопрос", "Как выгрузить счета в банк?",
                               message_id="<req-3@vector.ru>", minutes=30))
    assert await world.new_poller().poll_once() == [MailOutcome.TAKEN]


async def test_an_out_of_office_reply_is_kept_but_never_answered(world):
    world.dovecot.deliver(first_request())
    await world.poll()
    [draft] = world.sink.mails
    raw = mail("ivan@vector.ru", "Автоответ: " + draft["Subject"],
               "Я в отпуске до 20 ноября, ошибки разберу после.", message_id="<ooo@vector.ru>",
               minutes=1)
    world.dovecot.deliver(raw.replace(b"Subject:", b"Auto-Submitted: auto-replied\r\nSubject:", 1))
    assert await world.poll() == [MailOutcome.AUTOMATIC]
    async with world.uow() as uow:
        assert (await uow.mail.get("<ooo@vector.ru>")).status is MailStatus.AUTOMATIC
        assert await uow.messages.get(Platform.EMAIL, "vector.ru", "<ooo@vector.ru>") is None
    assert len(world.sink.mails) == 1 and len(await world.tickets()) == 1


async def test_mail_from_an_unknown_sender_is_kept_and_the_admins_are_told(world):
    world.dovecot.deliver(mail("Пётр <petr@stranger.ru>", "Помогите с CRM",
                               "Не открывается сделка в CRM", message_id="<s-1@stranger.ru>"))
    assert await world.poll() == [MailOutcome.UNKNOWN_SENDER]
    assert await world.tickets() == []
    async with world.uow() as uow:
        kept = await uow.mail.get("<s-1@stranger.ru>")
        notices = list(await uow.notices.all())
    assert kept.status is MailStatus.UNKNOWN_SENDER and kept.sender == "petr@stranger.ru"
    [alert] = [n for n in notices if n.chat_id == ADMIN_TG]
    assert "petr@stranger.ru" in alert.text and "--domain stranger.ru" in alert.text
    # Mapped afterwards, the next mail from the domain is a ticket; the first is not lost.
    async with world.uow() as uow:
        other = await add_client(uow, "ИП Странник", now=T0, plan=monthly_plan())
        await link_chat(uow, other, Platform.EMAIL, "stranger.ru")
        await uow.commit()
    world.dovecot.deliver(mail("petr@stranger.ru", "Помогите с CRM", "Сделка не открывается",
                               message_id="<s-2@stranger.ru>", minutes=5))
    assert await world.poll() == [MailOutcome.TAKEN]


async def test_an_address_mapped_apart_from_its_domain_goes_to_its_own_client(world):
    async with world.uow() as uow:
        other = await add_client(uow, "ООО Вектор-Логистика", now=T0, plan=monthly_plan())
        await link_chat(uow, other, Platform.EMAIL, "log@vector.ru")
        await uow.commit()
    world.dovecot.deliver(mail("log@vector.ru", "Склад", "Не работает поступление на склад",
                               message_id="<l-1@vector.ru>"))
    await world.poll()
    async with world.uow() as uow:
        stored = await uow.messages.get(Platform.EMAIL, "log@vector.ru", "<l-1@vector.ru>")
        [ticket] = await uow.tickets.for_client(other.id)
    assert stored.ticket_id == ticket.id and await world.tickets() == []


async def test_html_mail_and_attachments_are_read_and_kept_within_their_limit(
        uow_factory, intake, dovecot, smtp_sink):  # noqa: ANN001
    dovecot.clear()
    async with uow_factory() as uow:
        client = await add_client(uow, "ООО Вектор", now=T0, plan=monthly_plan())
        await link_chat(uow, client, Platform.EMAIL, "vector.ru")
        await uow.commit()
    world = World(uow_factory, intake, dovecot, smtp_sink,
                  MailLimits(max_bytes=1024 * KB, attachment_max_bytes=20 * KB))
    dovecot.deliver(mail(
        "ivan@vector.ru", "Ошибка при проведении",
        "Ошибка при проведении документа", message_id="<h-1@vector.ru>",
        html="<html><head><style>p{color:red}</style></head><body><p>Ошибка при "
             "<b>проведении</b>&nbsp;документа</p><blockquote>старое письмо</blockquote>"
             "</body></html>",
        files=(("screen.png", "image/png", b"\x89PNG" + b"0" * 2000),
               ("base.zip", "application/zip", b"Z" * (60 * KB)))))
    assert await world.poll() == [MailOutcome.TAKEN]
    [ticket] = await world.tickets()
    async with uow_factory() as uow:
        files = list(await uow.mail.attachments("<h-1@vector.ru>"))
        shot = await uow.messages.get(Platform.EMAIL, "vector.ru", "<h-1@vector.ru>#1")
        first = await uow.messages.get(Platform.EMAIL, "vector.ru", "<h-1@vector.ru>")
    assert [(f.filename, f.size, f.content is not None) for f in files] == [
        ("screen.png", 2004, True), ("base.zip", 60 * KB, False)]
    assert shot.media is MediaKind.PHOTO and shot.ticket_id == ticket.id
    assert "base.zip" in first.text and "не сохранено" in first.text


def test_html_only_mail_is_read_as_text():
    from bot.mail.parse import parse_mail

    msg = EmailMessage()
    msg["From"] = "ivan@vector.ru"
    msg["Message-ID"] = "<h-2@vector.ru>"
    msg.set_content("<div>Не&nbsp;работает <b>телефония</b></div><script>x()</script>",
                    subtype="html")
    assert parse_mail(msg.as_bytes()).text == "Не работает телефония"


async def test_a_broken_mail_is_kept_with_a_clear_log_line_and_the_admins_are_told(
        world, caplog):  # noqa: ANN001
    broken = b"Subject: no sender at all\r\nMessage-ID: <b-1@nowhere>\r\n\r\n\xff\xfe junk\r\n"
    world.dovecot.deliver(broken)
    with caplog.at_level(logging.ERROR):
        assert await world.poll() == [MailOutcome.BROKEN]
    assert any("could not be read" in r.getMessage() and "<b-1@nowhere>" in r.getMessage()
               for r in caplog.records)
    async with world.uow() as uow:
        kept = await uow.mail.get("<b-1@nowhere>")
        notices = list(await uow.notices.all())
        raw = (await uow.mail.unfinished()) or kept
    assert kept.status is MailStatus.BROKEN and "sender" in kept.error
    assert raw is kept  # nothing left half-done
    assert any(n.chat_id == ADMIN_TG and "UID" in n.text for n in notices)
    assert world.dovecot.count() == 1  # left in the mailbox


async def test_a_huge_mail_keeps_its_headers_is_logged_and_left_in_the_mailbox(
        uow_factory, intake, dovecot, smtp_sink, caplog):  # noqa: ANN001
    dovecot.clear()
    async with uow_factory() as uow:
        client = await add_client(uow, "ООО Вектор", now=T0, plan=monthly_plan())
        await link_chat(uow, client, Platform.EMAIL, "vector.ru")
        await add_staff(uow, "Павел", telegram_id=ADMIN_TG, role=StaffRole.ADMIN)
        await uow.commit()
    world = World(uow_factory, intake, dovecot, smtp_sink,
                  MailLimits(max_bytes=50 * KB, attachment_max_bytes=50 * KB))
    dovecot.deliver(mail("ivan@vector.ru", "Выгрузка базы", "База во вложении",
                         message_id="<big-1@vector.ru>",
                         files=(("base.dt", "application/octet-stream", b"D" * (200 * KB)),)))
    with caplog.at_level(logging.ERROR):
        assert await world.poll() == [MailOutcome.TOO_BIG]
    assert any("over MAIL_MAX_MB" in r.getMessage() for r in caplog.records)
    async with uow_factory() as uow:
        kept = await uow.mail.get("<big-1@vector.ru>")
        notices = list(await uow.notices.all())
    assert kept.status is MailStatus.TOO_BIG and kept.sender == "ivan@vector.ru"
    assert kept.subject == "Выгрузка базы" and kept.size > 200 * KB
    assert any(n.chat_id == ADMIN_TG and "Выгрузка базы" in n.text for n in notices)
    assert await world.tickets() == [] and dovecot.count() == 1


async def test_a_mail_kept_before_a_crash_is_taken_on_the_next_poll(world):
    taken = world.desk._handle  # noqa: SLF001 - the chat entry, to fail once as a crash would
    crashes = [RuntimeError("the process stopped here")]

    async def crash_once(msg) -> None:  # noqa: ANN001
        if crashes:
            raise crashes.pop()
        await taken(msg)

    world.desk._handle = crash_once  # noqa: SLF001
    world.dovecot.deliver(first_request())
    world.dovecot.deliver(mail("maria@vector.ru", "Касса", "Не работает касса в магазине",
                               message_id="<kassa@vector.ru>", minutes=1))
    # The failing mail does not hold up the next one.
    assert await world.poller.poll_once() == [MailOutcome.RETRY, MailOutcome.TAKEN]
    async with world.uow() as uow:
        assert [m.message_id for m in await uow.mail.unfinished()] == [FIRST]
    assert len(await world.tickets()) == 1
    # The next poll finishes it, and does not read the mailbox again.
    assert await world.poll() == [MailOutcome.TAKEN]
    assert len(await world.tickets()) == 2


async def test_a_mail_whose_intake_keeps_failing_is_kept_as_broken_and_told(world, caplog):
    async def always_fails(msg) -> None:  # noqa: ANN001
        raise ValueError("intake cannot take this one")

    world.desk._handle = always_fails  # noqa: SLF001
    world.dovecot.deliver(first_request())
    with caplog.at_level(logging.ERROR):
        outcomes = [*await world.poll(), *await world.poll(), *await world.poll()]
    assert outcomes == [MailOutcome.RETRY, MailOutcome.RETRY, MailOutcome.BROKEN]
    assert any("failed 3 times" in r.getMessage() for r in caplog.records)
    assert await world.poll() == []  # given up: not tried again
    async with world.uow() as uow:
        kept = await uow.mail.get(FIRST)
        notices = list(await uow.notices.all())
    assert kept.status is MailStatus.BROKEN and "intake cannot take" in kept.error
    assert any(n.chat_id == ADMIN_TG and "intake cannot take" in n.text for n in notices)


async def test_the_mail_store_keeps_a_message_id_once_and_the_cursor_on_every_backend(
        any_uow_factory):  # noqa: ANN001
    from domain.mail.model import Attachment, StoredMail

    async with any_uow_factory() as uow:
        kept = StoredMail(None, FIRST, "ivan@vector.ru", "Иван", "Отчёт", MailStatus.NEW, T0,
                          uid=7, size=10, references=("<a@x>",), raw=b"\x00raw\xff")
        assert await uow.mail.add(kept) is True
        assert await uow.mail.add(kept) is False
        await uow.mail.add_attachment(FIRST, Attachment("a.pdf", "application/pdf", 3, b"pdf"))
        await uow.mail.set_cursor("box", 42, 7)
        await uow.mail.set_cursor("box", 42, 9)
        await uow.commit()
    async with any_uow_factory() as uow:
        [unfinished] = await uow.mail.unfinished()
        assert unfinished.raw == b"\x00raw\xff" and unfinished.references == ("<a@x>",)
        assert await uow.mail.cursor("box") == (42, 9) and await uow.mail.cursor("x") == (0, 0)
        [attachment] = await uow.mail.attachments(FIRST)
        assert attachment.content == b"pdf"
        context = await uow.mail.reply_context(FIRST)
        assert (context.to, context.references, context.ticket_number) == (
            "ivan@vector.ru", ("<a@x>", FIRST), None)
