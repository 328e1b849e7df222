"""aiogram routers for Telegram: thin translation between updates and the desk's use cases."""

from __future__ import annotations

from aiogram import Router

from handlers.telegram import (
    admin,
    billing,
    cabinet,
    callbacks,
    errors,
    group,
    membership,
    private,
    staff,
)


def build_router() -> Router:
    root = Router(name="chatdesk")
    root.include_routers(errors.build(), membership.build(), callbacks.build(), cabinet.build(), staff.build(), billing.build(), admin.build(), private.build(),
                         group.build())
    return root
