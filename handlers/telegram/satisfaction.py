"""The 👍/👎 under a done ticket's question, and the requester's word in reply to it. A press
by anyone else is refused politely (a `DeskError`, answered in one place: errors.py)."""

from __future__ import annotations

from aiogram import Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.types import CallbackQuery, Message

from domain.kernel.model import Platform
from domain.outbox.service import Post
from domain.satisfaction.model import PREFIX
from domain.satisfaction.rules import parse_vote
from domain.satisfaction.service import Satisfaction
from domain.tickets.model import Actor, DeskError
from handlers.telegram.filters import in_group


async def is_vote(query: CallbackQuery) -> bool:
    return (query.data or "").startswith(PREFIX + ":")


async def vote(query: CallbackQuery, satisfaction: Satisfaction, post: Post) -> None:
    parsed = parse_vote(query.data or "")
    if parsed is None:
        raise DeskError("csat.not_yours")
    actor = Actor(Platform.TELEGRAM, str(query.from_user.id), query.from_user.full_name)
    voted = await satisfaction.vote(parsed[0], actor, parsed[1])
    if query.message is not None:  # the buttons go; the thanks says how to add a word
        await post.edit(Platform.TELEGRAM, query.message.chat.id, query.message.message_id,
                        voted.text)
    await query.answer()


async def word(message: Message, satisfaction: Satisfaction, post: Post) -> None:
    quoted, text = message.reply_to_message, message.text or message.caption or ""
    if quoted is None or message.from_user is None or not text:
        raise SkipHandler  # an ordinary message: intake's
    actor = Actor(Platform.TELEGRAM, str(message.from_user.id), message.from_user.full_name)
    worded = await satisfaction.word(Platform.TELEGRAM, str(message.chat.id),
                                     str(quoted.message_id), actor, text)
    if worded is None:
        raise SkipHandler
    await post.send(Platform.TELEGRAM, message.chat.id, worded.text,
                    reply_to=str(message.message_id))


def build() -> Router:
    router = Router(name="satisfaction")
    router.callback_query.register(vote, is_vote)
    router.message.register(word, in_group)
    return router
