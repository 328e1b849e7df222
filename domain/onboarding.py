"""Onboarding use cases: clients, staff, linking chats. The caller commits."""

from __future__ import annotations

import secrets
from datetime import datetime

from domain.model import Chat, Client, Language, Plan, Platform, Staff, StaffRole
from domain.ports import UnitOfWork


class OnboardingError(Exception):
    """A request that cannot be done as asked; the message says why, for a person."""


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
        raise OnboardingError("The client's name is empty.")
    if await uow.clients.get_by_name(name) is not None:
        raise OnboardingError(f"A client named {name!r} already exists.")
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
        raise OnboardingError("The staff member's name is empty.")
    if not (telegram_id or whatsapp_id):
        raise OnboardingError("Give the staff member's Telegram id or WhatsApp number.")
    if telegram_id and await uow.staff.find(Platform.TELEGRAM, telegram_id):
        raise OnboardingError(f"Telegram id {telegram_id} is already a staff member.")
    if whatsapp_id and await uow.staff.find(Platform.WHATSAPP, whatsapp_id):
        raise OnboardingError(f"WhatsApp number {whatsapp_id} is already a staff member.")
    return await uow.staff.add(
        Staff(None, name.strip(), role, telegram_id=telegram_id, whatsapp_id=whatsapp_id,
              language=language)
    )


async def link_chat(
    uow: UnitOfWork, client: Client, platform: Platform, external_id: str, title: str = ""
) -> Chat:
    """Bind a messenger chat to a client; linking the same chat again is a no-op."""
    existing = await uow.chats.find(platform, external_id)
    if existing is not None:
        if existing.client_id != client.id:
            raise OnboardingError("This chat is already linked to another client.")
        if not existing.active:
            await uow.chats.set_active(existing.id, True)
            existing.active = True
        return existing
    return await uow.chats.add(Chat(None, platform, external_id, client.id, title=title))
