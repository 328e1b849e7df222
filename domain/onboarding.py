"""Onboarding use cases: clients, staff, linking chats. The caller commits."""

from __future__ import annotations

import secrets
from datetime import datetime

from domain.model import Chat, Client, Language, Plan, Platform, Staff, StaffRole
from domain.ports import UnitOfWork
from domain.texts import t


class OnboardingError(Exception):
    """A request that cannot be done as asked; `key` names the text that says why."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(t("en", key, **params))
        self.key = key
        self.params = params

    def text(self, lang: Language | str) -> str:
        return t(lang, self.key, **self.params)


def new_link_code() -> str:
    # 10 characters from an unambiguous alphabet: easy to type from a phone, hard to guess.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


async def add_client(
    uow: UnitOfWork,
    name: str,
    *,
    now: datetime,
    language: Language = Language.RU,
    plan: Plan | None = None,
    priority: int = 0,
) -> Client:
    """A new client company with a one-time code to link its chat."""
    name = name.strip()
    if not name:
        raise OnboardingError("onboard.err.empty_client")
    if await uow.clients.get_by_name(name) is not None:
        raise OnboardingError("onboard.err.client_exists", name=name)
    client = Client(None, name, language=language, priority=priority, link_code=new_link_code(),
                    plan=plan, created_at=now)
    return await uow.clients.add(client)


async def add_staff(
    uow: UnitOfWork,
    name: str,
    *,
    telegram_id: str | None = None,
    whatsapp_id: str | None = None,
    role: StaffRole = StaffRole.STAFF,
    language: Language = Language.RU,
) -> Staff:
    """A member of the integrator's team, known by their messenger account."""
    if not name.strip():
        raise OnboardingError("onboard.err.empty_staff")
    if not (telegram_id or whatsapp_id):
        raise OnboardingError("onboard.err.staff_no_id")
    if telegram_id and await uow.staff.find(Platform.TELEGRAM, telegram_id):
        raise OnboardingError("onboard.err.telegram_taken", id=telegram_id)
    if whatsapp_id and await uow.staff.find(Platform.WHATSAPP, whatsapp_id):
        raise OnboardingError("onboard.err.whatsapp_taken", id=whatsapp_id)
    return await uow.staff.add(
        Staff(None, name.strip(), role, telegram_id=telegram_id, whatsapp_id=whatsapp_id,
              language=language)
    )


async def link_chat(
    uow: UnitOfWork, client: Client, platform: Platform, external_id: str, title: str = ""
) -> Chat:
    """Bind a messenger chat to a client; linking the same chat again is a no-op. A chat
    unlinked from another client (see `unlink_chat`) moves to this one."""
    existing = await uow.chats.find(platform, external_id)
    if existing is not None and existing.client_id != client.id and not existing.active:
        await uow.chats.move(existing.id, client.id)
        existing.client_id = client.id
    if existing is not None:
        if existing.client_id != client.id:
            other = await uow.clients.get(existing.client_id)
            raise OnboardingError("onboard.err.linked_elsewhere",
                                  client=other.name if other else f"#{existing.client_id}")
        if not existing.active:
            await uow.chats.set_active(existing.id, True)
            existing.active = True
        return existing
    return await uow.chats.add(Chat(None, platform, external_id, client.id, title=title))


async def unlink_chat(uow: UnitOfWork, platform: Platform, external_id: str) -> tuple[Chat, Client]:
    """Stop keeping tickets in a chat: its messages are no longer read, its history stays,
    and it may be linked to another client later."""
    chat = await uow.chats.find(platform, external_id)
    if chat is None:
        raise OnboardingError("cli.chat_not_linked", platform=platform.value, chat_id=external_id)
    client = await uow.clients.get(chat.client_id)
    if chat.active:
        await uow.chats.set_active(chat.id, False)
        chat.active = False
    return chat, client
