"""What the staff workspace posts to clients and to staff: the rendering half of its handlers.

Everything that reaches a client's chat, and every card a staff member did not ask for right
now, goes through the outbox (`Post`); see handlers/telegram/staff.py for where the line is
drawn. Handlers parse, call one use case and hand its result to a function here."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import Message, ReplyParameters

from domain.intake.service import confirmation_text
from domain.kernel.model import BOT_SENDER, Language, MediaKind, Platform, TicketStatus
from domain.outbox.service import Post, log_follow_up
from domain.texts import money, t
from domain.workspace.service import EstimateOffer, Outgoing, StatusChange, Workspace
from handlers.telegram.context import HandlerConfig
from handlers.telegram.convert import media_file, media_kind
from handlers.telegram.keyboards import choices
from handlers.telegram.staff_keyboards import (
    ClientChoice,
    card_keyboard,
    card_text,
    client_keyboard,
    duration,
)


def staff_language(config: HandlerConfig) -> Language:
    return config.language


async def notify_staff(post: Post, workspace: Workspace, config: HandlerConfig,
                       ticket_id: int) -> None:
    """Send the card of a confirmed ticket to every staff member serving its client, and to the
    staff chat if there is one (through the outbox: a staff member who never opened the bot
    shows up as a failed row, and the admins hear of it)."""
    lang = staff_language(config)
    for recipient in await workspace.recipients(ticket_id):
        if recipient.staff.telegram_id:
            await _post_card(post, config, lang, recipient.staff.telegram_id, recipient.card,
                             ticket_id)
    if config.staff_chat_id:
        card = await workspace.group_card(ticket_id)
        if card is not None:
            await _post_card(post, config, lang, config.staff_chat_id, card, ticket_id)


async def _post_card(post: Post, config: HandlerConfig, lang: Language, chat_id: int | str,
                     card, ticket_id: int) -> None:  # noqa: ANN001 - a workspace Card
    await post.send(Platform.TELEGRAM, chat_id, card_text(lang, card, config.tz),
                    choices=choices(card_keyboard(lang, card)), ticket_id=ticket_id)


async def tell_serving_staff(post: Post, workspace: Workspace, ticket_id: int,
                             text: str) -> None:
    """A line for every staff member serving the ticket's client (e.g. an estimate decided)."""
    for recipient in await workspace.recipients(ticket_id):
        if recipient.staff.telegram_id:
            await post.send(Platform.TELEGRAM, recipient.staff.telegram_id, text,
                            ticket_id=ticket_id)


async def post_request_on_behalf(out, post: Post, config: HandlerConfig) -> None:  # noqa: ANN001
    """The client's chat sees a request staff recorded from a call, with confirm/decline."""
    lang = out.client.language
    text = t(lang, "ws.new.prompt", staff=out.signature) + "\n" + confirmation_text(
        out.client, out.ticket, None)
    await post.send(out.chat.platform, out.chat.external_id, text,
                    choices=choices(client_keyboard(lang, ClientChoice(a="y", i=out.ticket.id),
                                                    ClientChoice(a="n", i=out.ticket.id),
                                                    "btn.confirm", "btn.decline")),
                    ticket_id=out.ticket.id,
                    follow_up=log_follow_up(out.ticket.id, config.bot_id, "bot"))


async def post_estimate_offer(offer: EstimateOffer, post: Post, config: HandlerConfig) -> None:
    """The client's chat sees the estimate with approve/decline buttons."""
    out, estimate = offer.outgoing, offer.estimate
    lang = out.client.language
    text = t(lang, "ws.estimate.offer", number=out.ticket.number, title=out.ticket.title,
             time=duration(lang, estimate.minutes), price=money(lang, estimate.price))
    await post.send(out.chat.platform, out.chat.external_id, text, reply_to=out.reply_to,
                    choices=choices(client_keyboard(lang, ClientChoice(a="ea", i=estimate.id),
                                                    ClientChoice(a="ed", i=estimate.id),
                                                    "ws.btn.approve",
                                                    "ws.btn.decline_estimate")),
                    ticket_id=out.ticket.id,
                    follow_up=log_follow_up(out.ticket.id, config.bot_id, "bot"))


async def post_answer(message: Message, target: Outgoing, ticket_id: int, workspace: Workspace,
                      config: HandlerConfig, post: Post) -> None:
    """A staff member's answer (text or media) in the client's chat, under the request."""
    lang = target.client.language
    body = message.text or message.caption or ""
    signed = t(lang, "ws.signed", text=body, name=target.signature).strip()
    sender = message.from_user.full_name
    media = media_file(message) if target.chat.platform is Platform.TELEGRAM else None
    if target.chat.platform is not Platform.TELEGRAM or message.text or media is not None:
        # Through the outbox: text, or a Telegram file re-sent by its id. To a WhatsApp client
        # media stays in Telegram and the answer says so rather than pretending it was sent.
        if not message.text and media is None:
            signed = t(lang, "ws.signed", text=body or "📎", name=target.signature).strip()
        await post.send(target.chat.platform, target.chat.external_id, signed,
                        reply_to=target.reply_to, ticket_id=ticket_id, media=media,
                        follow_up=log_follow_up(ticket_id, config.bot_id, sender,
                                                media[0] if media else None))
    else:  # a round video note cannot be re-sent by id: copied directly
        reply = (ReplyParameters(message_id=int(target.reply_to),
                                 allow_sending_without_reply=True) if target.reply_to else None)
        sent_id = (await message.bot.copy_message(
            int(target.chat.external_id), message.chat.id, message.message_id, caption=signed,
            reply_parameters=reply)).message_id
        await workspace.record_outgoing(ticket_id, str(sent_id), signed, sender_id=config.bot_id,
                                        sender_name=sender, media=media_kind(message))
    await message.reply(t(staff_language(config), "ws.answered", client=target.client.name,
                          number=target.ticket.number))


async def post_status_notice(bot: Bot, chat_id: int, tid: int, to: TicketStatus,
                             change: StatusChange, given: dict, proof_file: list | None,
                             workspace: Workspace, config: HandlerConfig, post: Post) -> None:
    """The client hears of a status change; a DONE notice carries its proof."""
    notice = change.client_notice
    if notice is None:
        return
    lang = notice.client.language
    text = t(lang, f"ws.notice.{to.value}", number=notice.ticket.number,
             title=notice.ticket.title, reason=given.get("reason", ""))
    proof = given.get("proof_message_id")
    if not (to is TicketStatus.DONE and proof):
        await post.send(notice.chat.platform, notice.chat.external_id, text,
                        reply_to=notice.reply_to, ticket_id=tid,
                        follow_up=log_follow_up(tid, config.bot_id, "bot"))
        return
    if proof_file is not None and notice.chat.platform is Platform.TELEGRAM:
        # Both through the outbox, in order: the notice, then the proof by its file id.
        kind = MediaKind(proof_file[0])
        await post.send(notice.chat.platform, notice.chat.external_id, text,
                        reply_to=notice.reply_to, ticket_id=tid,
                        follow_up=log_follow_up(tid, config.bot_id, "bot"))
        await post.send(notice.chat.platform, notice.chat.external_id,
                        given.get("proof_note", ""), reply_to=notice.reply_to, ticket_id=tid,
                        media=(kind, proof_file[1]),
                        follow_up=log_follow_up(tid, config.bot_id, "bot", kind))
        return
    # A proof that cannot be re-sent by id (a round video note) is copied under the notice,
    # so both go directly.
    reply = (ReplyParameters(message_id=int(notice.reply_to),
                             allow_sending_without_reply=True) if notice.reply_to else None)
    sent = await bot.send_message(int(notice.chat.external_id), text, reply_parameters=reply)
    await workspace.record_outgoing(tid, str(sent.message_id), text,
                                    sender_id=config.bot_id, sender_name=BOT_SENDER)
    copied = await bot.copy_message(int(notice.chat.external_id), chat_id, int(proof),
                                    reply_parameters=ReplyParameters(
                                        message_id=sent.message_id))
    await workspace.record_outgoing(tid, str(copied.message_id), given.get(
        "proof_note", ""), sender_id=config.bot_id, sender_name=BOT_SENDER)
