"""aiogram routers for Telegram: thin translation between updates and the desk's use cases."""

from __future__ import annotations

from aiogram import Router

from handlers.telegram import (
    admin,
    billing,
    broadcast,
    cabinet,
    callbacks,
    errors,
    group,
    membership,
    private,
    satisfaction,
    staff,
)
from handlers.telegram.filters import plain_group_message


def build_router() -> Router:
    """One tree: plain client messages in groups first, by one cheap filter, straight to
    intake; everything else (commands, replies, dialogs, buttons, private chats) past the
    routers in order. Every message the first branch takes would reach `group.any_message`
    through the rest too, since no other handler wants a plain group message."""
    root = Router(name="chatdesk")
    intake = Router(name="intake")
    intake.message.register(group.any_message, plain_group_message)
    root.include_routers(errors.build(), intake, membership.build(), callbacks.build(),
                         satisfaction.build(), broadcast.build(), cabinet.build(),
                         staff.build(), billing.build(), admin.build(), private.build(),
                         group.build())
    return root
