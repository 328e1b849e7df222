"""Domain refusals become replies in one place; anything else is logged and apologised for."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent

from domain.texts import t
from domain.tickets.model import DeskError
from handlers.telegram.context import HandlerConfig

log = logging.getLogger(__name__)


async def _tell(event: ErrorEvent, text: str) -> None:
    update = event.update
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.message is not None:
        await update.message.reply(text)


async def desk_error(event: ErrorEvent, config: HandlerConfig) -> None:
    exc: DeskError = event.exception  # type: ignore[assignment]
    await _tell(event, t(config.language, exc.key, **exc.params))


async def unexpected(event: ErrorEvent, config: HandlerConfig) -> None:
    log.error("update %s failed", event.update.update_id, exc_info=event.exception)
    try:
        await _tell(event, t(config.language, "err.internal"))
    except Exception:  # noqa: BLE001 - the apology itself must never raise
        log.exception("could not tell the user about the failure")
    # Re-raise so the update counts as failed (it must not be silently acknowledged).
    raise event.exception


def build() -> Router:
    router = Router(name="errors")
    router.error.register(desk_error, ExceptionTypeFilter(DeskError))
    router.error.register(unexpected)
    return router
