"""Client group chats: every message goes through intake; the bot answers only when it must.

What intake decides — a draft with buttons, an edit of the draft, a refusal — is recorded in
the outbox in the update's own transaction and sent once it commits (domain/outbox.py).
Commands that only show something (/help, /tickets, /ticket, /owner) answer directly."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from domain.intake.service import IntakeResult, Outcome
from domain.kernel.model import Platform
from domain.outbox.model import NoticeType
from domain.outbox.service import Post, draft_follow_up
from domain.texts import t
from domain.tickets.model import Actor
from domain.tickets.service import Desk, open_tickets, ticket_details
from handlers.telegram.context import HandlerConfig
from handlers.telegram.convert import sender, to_inbound
from handlers.telegram.filters import in_group, is_migration
from handlers.telegram.keyboards import choices, draft_keyboard


def _actor(message: Message) -> Actor:
    user_id, name = sender(message)
    return Actor(Platform.TELEGRAM, user_id, name)


async def _lang(desk: Desk, message: Message, config: HandlerConfig):  # noqa: ANN202
    client = await desk.client_of_chat(Platform.TELEGRAM, str(message.chat.id))
    return client.language if client else config.language


async def _reply(post: Post, message: Message, text: str) -> None:
    await post.send(Platform.TELEGRAM, message.chat.id, text, reply_to=str(message.message_id))


async def link(message: Message, command: CommandObject, desk: Desk,
               config: HandlerConfig, post: Post) -> None:
    if not command.args:
        await _reply(post, message, t(config.language, "link.usage"))
        return
    client = await desk.link(command.args, Platform.TELEGRAM, str(message.chat.id),
                             message.chat.title or "", _actor(message))
    await post.send(Platform.TELEGRAM, message.chat.id, t(
        client.language, "greeting", integrator=config.integrator, client=client.name))


async def owner(message: Message, desk: Desk, config: HandlerConfig, post: Post) -> None:
    code = await desk.owner_invite(Platform.TELEGRAM, str(message.chat.id), _actor(message))
    link_url = f"https://t.me/{config.bot_username}?start=own_{code}"
    await _reply(post, message, t(await _lang(desk, message, config), "owner_link",
                                  link=link_url))


async def help_(message: Message, desk: Desk, config: HandlerConfig, post: Post) -> None:
    await _reply(post, message, t(await _lang(desk, message, config), "help"))


async def tickets(message: Message, desk: Desk, post: Post) -> None:
    await _reply(post, message, open_tickets(await desk.open_tickets(Platform.TELEGRAM,
                                                                     str(message.chat.id))))


async def ticket(message: Message, command: CommandObject, desk: Desk,
                 config: HandlerConfig, post: Post) -> None:
    args = (command.args or "").strip().lstrip("#№")
    if not args.isdigit():
        await _reply(post, message, t(await _lang(desk, message, config), "ticket.usage"))
        return
    view = await desk.ticket(Platform.TELEGRAM, str(message.chat.id), int(args))
    await _reply(post, message, ticket_details(view, config.tz))


async def migrated(message: Message, desk: Desk) -> None:
    await desk.chat_migrated(Platform.TELEGRAM, str(message.chat.id),
                             str(message.migrate_to_chat_id))


async def any_message(message: Message, desk: Desk, config: HandlerConfig,
                      post: Post) -> None:
    if message.new_chat_members or message.left_chat_member or message.migrate_from_chat_id:
        return  # service messages; membership is handled from my_chat_member
    result = await desk.receive(to_inbound(message))
    await render(message, result, config, post)


async def edited(message: Message, desk: Desk, config: HandlerConfig, post: Post) -> None:
    result = await desk.edit(Platform.TELEGRAM, str(message.chat.id), str(message.message_id),
                             message.text or message.caption or "")
    if result.outcome is Outcome.TICKET_CREATED and result.ticket.prompt_message_id:
        lang = await _lang(desk, message, config)
        await post.edit(Platform.TELEGRAM, message.chat.id, result.ticket.prompt_message_id,
                        result.reply, choices(draft_keyboard(lang, result.ticket.id,
                                                             unsure=result.ticket.kind_unsure)))


async def render(message: Message, result: IntakeResult, config: HandlerConfig,
                 post: Post) -> None:
    """Record what intake decided — a draft with buttons, an updated draft, or a refusal —
    in the outbox; it is sent once the update is committed."""
    ticket = result.ticket
    lang = result.language or config.language
    if result.outcome is Outcome.TICKET_CREATED:
        # The draft's text is read again when it goes out: later messages of the burst may
        # have grown it, or it may be confirmed already.
        await post.send(Platform.TELEGRAM, message.chat.id, result.reply or "",
                        choices=choices(draft_keyboard(lang, ticket.id, unsure=ticket.kind_unsure)),
                        reply_to=str(message.message_id), ticket_id=ticket.id,
                        kind=NoticeType.DRAFT, key=f"draft:{ticket.id}",
                        follow_up=draft_follow_up(ticket.id, config.bot_id))
    elif result.outcome is Outcome.JOINED_BURST and result.reply and ticket.prompt_message_id:
        await post.edit(Platform.TELEGRAM, message.chat.id, ticket.prompt_message_id,
                        result.reply, choices(draft_keyboard(lang, ticket.id,
                                                             unsure=ticket.kind_unsure)))
    elif result.outcome in (Outcome.REFUSED, Outcome.JOINED_REPEAT) and result.reply:
        await post.send(Platform.TELEGRAM, message.chat.id, result.reply,
                        reply_to=str(message.message_id))


def build() -> Router:
    router = Router(name="group")
    router.message.filter(in_group)
    router.edited_message.filter(in_group)
    router.message.register(link, Command("link"))
    router.message.register(owner, Command("owner"))
    router.message.register(help_, Command("help"))
    router.message.register(tickets, Command("tickets"))
    router.message.register(ticket, Command("ticket"))
    router.message.register(migrated, is_migration)
    router.message.register(any_message)
    router.edited_message.register(edited)
    return router
