"""Buttons under a draft: confirm, change kind, not a request. Every callback is answered at
once (directly); the draft's new text — accepted, declined, the kinds — goes through the
outbox, as do the cards to staff."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import CallbackQuery

from domain.kernel.model import Platform
from domain.outbox.service import Post
from domain.texts import t
from domain.tickets.model import Actor, DeskError
from domain.tickets.service import Desk, accepted
from domain.workspace.service import Workspace
from handlers.telegram.context import HandlerConfig
from handlers.telegram.keyboards import (
    DraftAction,
    choices,
    draft_keyboard,
    kinds_keyboard,
    parse_kind,
)
from handlers.telegram.staff_render import notify_staff


def _actor(query: CallbackQuery) -> Actor:
    return Actor(Platform.TELEGRAM, str(query.from_user.id), query.from_user.full_name)


async def draft_action(query: CallbackQuery, callback_data: DraftAction, desk: Desk,
                       config: HandlerConfig, workspace: Workspace, post: Post) -> None:
    actor, ticket_id, message = _actor(query), callback_data.t, query.message
    if callback_data.a == "c":
        view = await desk.confirm(ticket_id, actor)
        text = accepted(view, actor.name, config.reaction_hours)
        markup = None
    elif callback_data.a == "d":
        view = await desk.decline(ticket_id, actor)
        text, markup = t(view.client.language, "declined", by=actor.name), None
    elif callback_data.a == "s":
        kind = parse_kind(callback_data.k)
        if kind is None:
            raise DeskError("err.bad_kind")
        view = await desk.change_kind(ticket_id, kind, actor)
        text, markup = view.draft_text, draft_keyboard(view.client.language, ticket_id,
                                                       unsure=view.ticket.kind_unsure)
    else:  # "k" shows the kinds, "b" goes back; both only for those who may decide
        view = await desk.draft(ticket_id, actor)
        lang = view.client.language
        markup = kinds_keyboard(lang, ticket_id) if callback_data.a == "k" else draft_keyboard(
            lang, ticket_id, unsure=view.ticket.kind_unsure)
        text = view.draft_text
    if message is not None:
        await post.edit(Platform.TELEGRAM, message.chat.id, message.message_id, text,
                        choices(markup))
    await query.answer()
    if callback_data.a == "c":
        await notify_staff(post, workspace, config, ticket_id)


def build() -> Router:
    router = Router(name="callbacks")
    router.callback_query.register(draft_action, DraftAction.filter())
    return router
