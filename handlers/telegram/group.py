"""Client group chats: every message goes through intake; the bot answers only when it must."""

from __future__ import annotations

from functools import partial

from aiogram import Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message, ReplyParameters

from domain.desk import Actor, Desk
from domain.intake import IntakeResult, Outcome
from domain.model import Platform
from domain.texts import t
from domain.views import open_tickets, ticket_details
from handlers.telegram.context import HandlerConfig
from handlers.telegram.convert import sender, to_inbound
from handlers.telegram.deferred import after_commit
from handlers.telegram.filters import in_group, is_migration
from handlers.telegram.keyboards import draft_keyboard, edit_text


def _actor(message: Message) -> Actor:
    user_id, name = sender(message)
    return Actor(Platform.TELEGRAM, user_id, name)


async def _lang(desk: Desk, message: Message, config: HandlerConfig):  # noqa: ANN202
    client = await desk.client_of_chat(Platform.TELEGRAM, str(message.chat.id))
    return client.language if client else config.language


async def link(message: Message, command: CommandObject, desk: Desk,
               config: HandlerConfig) -> None:
    if not command.args:
        await message.reply(t(config.language, "link.usage"))
        return
    client = await desk.link(command.args, Platform.TELEGRAM, str(message.chat.id),
                             message.chat.title or "", _actor(message))
    await message.answer(t(client.language, "greeting", integrator=config.integrator,
                           client=client.name))


async def owner(message: Message, desk: Desk, config: HandlerConfig) -> None:
    code = await desk.owner_invite(Platform.TELEGRAM, str(message.chat.id), _actor(message))
    link_url = f"https://t.me/{config.bot_username}?start=own_{code}"
    await message.reply(t(await _lang(desk, message, config), "owner_link", link=link_url))


async def help_(message: Message, desk: Desk, config: HandlerConfig) -> None:
    await message.reply(t(await _lang(desk, message, config), "help"))


async def tickets(message: Message, desk: Desk) -> None:
    await message.reply(open_tickets(await desk.open_tickets(Platform.TELEGRAM,
                                                             str(message.chat.id))))


async def ticket(message: Message, command: CommandObject, desk: Desk,
                 config: HandlerConfig) -> None:
    args = (command.args or "").strip().lstrip("#№")
    if not args.isdigit():
        await message.reply(t(await _lang(desk, message, config), "ticket.usage"))
        return
    view = await desk.ticket(Platform.TELEGRAM, str(message.chat.id), int(args))
    await message.reply(ticket_details(view, config.tz))


async def migrated(message: Message, desk: Desk) -> None:
    await desk.chat_migrated(Platform.TELEGRAM, str(message.chat.id),
                             str(message.migrate_to_chat_id))


async def any_message(message: Message, desk: Desk, config: HandlerConfig) -> None:
    if message.new_chat_members or message.left_chat_member or message.migrate_from_chat_id:
        return  # service messages; membership is handled from my_chat_member
    result = await desk.receive(to_inbound(message))
    await render(message, result, desk, config)


async def edited(message: Message, desk: Desk, config: HandlerConfig) -> None:
    result = await desk.edit(Platform.TELEGRAM, str(message.chat.id), str(message.message_id),
                             message.text or message.caption or "")
    if result.outcome is Outcome.TICKET_CREATED and result.ticket.prompt_message_id:
        lang = await _lang(desk, message, config)
        await edit_text(message.bot, message.chat.id, result.ticket.prompt_message_id,
                        result.reply, draft_keyboard(lang, result.ticket.id))


async def render(message: Message, result: IntakeResult, desk: Desk,
                 config: HandlerConfig) -> None:
    """Post what intake decided — a draft with buttons, an updated draft, or a refusal —
    once the update is committed."""
    ticket = result.ticket
    if result.outcome is Outcome.TICKET_CREATED:
        await after_commit(partial(post_draft, message.bot, desk, config, ticket.id,
                                   message.chat.id, message.message_id))
    elif result.outcome is Outcome.JOINED_BURST and result.reply and ticket.prompt_message_id:
        lang = result.language or config.language
        await after_commit(partial(edit_text, message.bot, message.chat.id,
                                   ticket.prompt_message_id, result.reply,
                                   draft_keyboard(lang, ticket.id)))
    elif result.outcome in (Outcome.REFUSED, Outcome.JOINED_REPEAT) and result.reply:
        await after_commit(partial(message.reply, result.reply))


async def post_draft(bot: Bot, desk: Desk, config: HandlerConfig, ticket_id: int,
                     chat_id: int | str, reply_to: int | str) -> None:
    """Post the draft as it stands now (later messages of the burst may have grown it)."""
    prompt = await desk.unposted_prompt(ticket_id)
    if prompt is None:
        return  # confirmed, declined or already posted meanwhile
    sent = await bot.send_message(
        chat_id, prompt.text, reply_markup=draft_keyboard(prompt.language, ticket_id),
        reply_parameters=ReplyParameters(message_id=int(reply_to),
                                         allow_sending_without_reply=True))
    await desk.record_prompt(ticket_id, str(sent.message_id), prompt.text, config.bot_id)


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
