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


def build_router() -> Router:
    root = Router(name="chatdesk")
    root.include_routers(errors.build(), membership.build(), callbacks.build(),
                         satisfaction.build(), broadcast.build(), cabinet.build(), staff.build(), billing.build(), admin.build(),
                         private.build(),
                         group.build())
    return root
