"""Onboarding and administration: clients, staff, linking chats (the caller commits), and the
admin's use cases the command line and the Telegram admin menu share."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import UTC, datetime, tzinfo

from domain.billing.model import BalanceView, LedgerError, balance_view
from domain.billing.service import Billing, Posted, duration
from domain.kernel.model import (
    BillingModel,
    Chat,
    Client,
    Kind,
    Language,
    Plan,
    Platform,
    Staff,
    StaffRole,
)
from domain.kernel.ports import Clock
from domain.onboarding.model import ClientSummary, PlanChange, StaffSummary
from domain.onboarding.rules import parse_phone, parse_telegram_id
from domain.texts import kind_name, money, status_name, t
from domain.tickets.model import Actor, DeskError
from domain.uow import UnitOfWork, UnitOfWorkFactory


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


class Administration:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, tz: tzinfo = UTC,
                 language: Language = Language.RU) -> None:
        self._uow = uow
        self._clock = clock
        self._tz = tz
        self._language = language  # of the admin's refusals that name a kind of support
        self._billing = Billing(uow, clock, tz)

    # -- who may ---------------------------------------------------------------------------------

    async def _check(self, uow: UnitOfWork, by: Actor | None) -> str:
        """The name to record for the change; refuses anyone but an admin (None is the shell)."""
        if by is None:
            return ""
        member = await uow.staff.find(by.platform, by.user_id)
        if member is None or not member.is_admin:
            raise DeskError("admin.err.admins_only")
        return member.name

    async def require_admin(self, by: Actor) -> None:
        """Refuses anyone but an admin: a menu checks before it starts a dialog."""
        async with self._uow() as uow:
            await self._check(uow, by)

    async def _client(self, uow: UnitOfWork, name_or_id: str | int) -> Client:
        if isinstance(name_or_id, int):
            client = await uow.clients.get(name_or_id)
        else:
            client = await uow.clients.get_by_name(name_or_id.strip())
        if client is None:
            raise DeskError("admin.err.no_client", name=str(name_or_id))
        return client

    async def _member(self, uow: UnitOfWork, staff_id: int) -> Staff:
        member = await uow.staff.get(staff_id)
        if member is None or member.removed_at is not None:
            raise DeskError("admin.err.no_staff", id=staff_id)
        return member

    # -- clients ---------------------------------------------------------------------------------

    async def add_client(self, name: str, *, language: Language = Language.RU,
                         by: Actor | None = None) -> Client:
        """A new client and the one-time code that links its group chat."""
        async with self._uow() as uow:
            await self._check(uow, by)
            name = " ".join(name.split())
            if not name:
                raise DeskError("admin.err.empty_name")
            if await uow.clients.get_by_name(name) is not None:
                raise DeskError("admin.err.client_exists", name=name)
            client = await add_client(uow, name, now=self._clock.now(), language=language)
            await uow.commit()
            return client

    async def _summary(self, uow: UnitOfWork, client: Client) -> ClientSummary:
        balance = None
        if client.plan is not None:
            entries = list(await uow.ledger.entries(client.id))
            balance = balance_view(client.id, client.plan, entries, self._today())
        return ClientSummary(client, balance, list(await uow.tickets.open_for_client(client.id)))

    def _today(self):  # noqa: ANN202
        return self._clock.now().astimezone(self._tz).date()

    async def clients(self, *, include_archived: bool = False,
                      by: Actor | None = None) -> list[ClientSummary]:
        """Every served client (archived ones too when asked) with plan, balance, open tickets."""
        async with self._uow() as uow:
            await self._check(uow, by)
            return [await self._summary(uow, c)
                    for c in await uow.clients.list(include_archived=include_archived)]

    async def client(self, name_or_id: str | int, *, by: Actor | None = None) -> ClientSummary:
        """One client, archived or not, with its plan, balance and open tickets."""
        async with self._uow() as uow:
            await self._check(uow, by)
            return await self._summary(uow, await self._client(uow, name_or_id))

    async def rename_client(self, name: str, new_name: str, *,
                            by: Actor | None = None) -> Client:
        async with self._uow() as uow:
            await self._check(uow, by)
            client = await self._client(uow, name)
            new_name = " ".join(new_name.split())
            if not new_name:
                raise DeskError("admin.err.empty_name")
            other = await uow.clients.get_by_name(new_name)
            if other is not None and other.id != client.id:
                raise DeskError("admin.err.client_exists", name=new_name)
            await uow.admin.rename_client(client.id, new_name)
            await uow.commit()
            client.name = new_name
            return client

    async def archive_client(self, name: str, *, restore: bool = False,
                             by: Actor | None = None) -> Client:
        """An archived client's chats are no longer served (nothing is ticketed or answered);
        its history, balance and statements stay. `restore` serves it again."""
        async with self._uow() as uow:
            await self._check(uow, by)
            client = await self._client(uow, name)
            client.archived_at = None if restore else (client.archived_at or self._clock.now())
            await uow.admin.set_archived(client.id, client.archived_at)
            await uow.commit()
            return client

    # -- staff -----------------------------------------------------------------------------------

    async def staff(self, *, by: Actor | None = None) -> list[StaffSummary]:
        async with self._uow() as uow:
            await self._check(uow, by)
            names = {c.id: c.name for c in await uow.clients.list(include_archived=True)}
            return [StaffSummary(m, [names[i] for i in await uow.workspace.served_clients(m.id)
                                     if i in names])
                    for m in await uow.staff.list()]

    async def add_staff(self, name: str, *, telegram_id: str | None = None,
                        whatsapp_id: str | None = None, role: StaffRole = StaffRole.STAFF,
                        language: Language = Language.RU, by: Actor | None = None) -> Staff:
        """A team member known by their Telegram id and/or WhatsApp number; adding a removed
        member again gives their access back (with the name and role given now)."""
        pass

        name = " ".join(name.split())
        if not name:
            raise DeskError("admin.err.empty_name")
        tg = parse_telegram_id(telegram_id) if telegram_id not in (None, "") else None
        wa = parse_phone(whatsapp_id) if whatsapp_id not in (None, "") else None
        if tg is None and wa is None:
            raise DeskError("admin.err.no_account")
        async with self._uow() as uow:
            await self._check(uow, by)
            found = [m for p, i in ((Platform.TELEGRAM, tg), (Platform.WHATSAPP, wa)) if i
                     if (m := await uow.admin.find_staff(p, i)) is not None]
            if any(m.removed_at is None for m in found):
                raise DeskError("admin.err.staff_exists", name=found[0].name)
            if found:  # a former member comes back
                member = found[0]
                member.name, member.role, member.removed_at = name, role, None
                member.telegram_id = tg or member.telegram_id
                member.whatsapp_id = wa or member.whatsapp_id
                await uow.admin.update_staff(member)
            else:
                member = await add_staff(uow, name, telegram_id=tg, whatsapp_id=wa, role=role,
                                         language=language)
            await uow.commit()
            return member

    async def _keep_an_admin(self, uow: UnitOfWork, member: Staff) -> None:
        admins = [m for m in await uow.staff.list() if m.is_admin]
        if member.is_admin and len(admins) == 1:
            raise DeskError("admin.err.last_admin", name=member.name)

    async def remove_staff(self, staff_id: int, *, by: Actor | None = None) -> Staff:
        """The member loses access at once; their past work keeps their name."""
        async with self._uow() as uow:
            await self._check(uow, by)
            member = await self._member(uow, staff_id)
            await self._keep_an_admin(uow, member)
            member.removed_at = self._clock.now()
            await uow.admin.update_staff(member)
            await uow.commit()
            return member

    async def set_role(self, staff_id: int, role: StaffRole, *,
                       by: Actor | None = None) -> Staff:
        async with self._uow() as uow:
            await self._check(uow, by)
            member = await self._member(uow, staff_id)
            if role is not StaffRole.ADMIN:
                await self._keep_an_admin(uow, member)
            member.role = role
            await uow.admin.update_staff(member)
            await uow.commit()
            return member

    async def serve(self, staff_id: int, client: str | int, *,
                    by: Actor | None = None) -> tuple[Staff, Client, bool]:
        """Let a member serve a client: its cards reach them and they may act on its tickets."""
        async with self._uow() as uow:
            await self._check(uow, by)
            member = await self._member(uow, staff_id)
            found = await self._client(uow, client)
            added = await uow.workspace.serve(member.id, found.id)
            await uow.commit()
            return member, found, added

    # -- plans and money -------------------------------------------------------------------------

    async def set_plan(self, client: str | int, plan: Plan, *,
                       by: Actor | None = None) -> Client:
        async with self._uow() as uow:
            who = await self._check(uow, by)
            found = await self._client(uow, client)
        return await self._ledger(self._billing.set_plan(found.id, plan, by=who))

    async def plan_history(self, client: str | int, *,
                           by: Actor | None = None) -> tuple[Client, list[PlanChange]]:
        """Every plan the client has had, oldest first."""
        async with self._uow() as uow:
            await self._check(uow, by)
            found = await self._client(uow, client)
            return found, list(await uow.admin.plan_history(found.id))

    async def add_payment(self, client: str | int, amount: int, key: str, *, note: str = "",
                          by: Actor | None = None) -> tuple[Client, Posted, BalanceView | None]:
        """Money received; a retried key is recorded once."""
        async with self._uow() as uow:
            await self._check(uow, by)
            found = await self._client(uow, client)
        posted = await self._ledger(self._billing.add_payment(found.id, amount, key, note=note))
        summary = await self.client(found.id)
        return found, posted, summary.balance

    async def _ledger(self, call):  # noqa: ANN001, ANN202 - a Billing coroutine
        try:
            return await call
        except LedgerError as exc:
            params = {k: kind_name(self._language, Kind(v)) if k == "kind" else v
                      for k, v in exc.params.items()}
            raise DeskError(exc.key, **params) from None


def _balance_short(lang: Language | str, view: BalanceView | None) -> str:
    if view is None:
        return t(lang, "admin.client.no_balance")
    parts = []
    if view.package_minutes:
        parts.append(t(lang, "admin.balance.package", left=duration(lang, view.package_left),
                       total=duration(lang, view.package_minutes)))
    parts.append(t(lang, "admin.balance.debt" if view.balance < 0 else "admin.balance.money",
                   amount=money(lang, abs(view.balance))))
    return ", ".join(parts)


def plan_short(lang: Language | str, plan: Plan | None) -> str:
    """A plan in one line: its model and the terms that set its price."""
    if plan is None:
        return t(lang, "admin.client.no_plan")
    parts = [t(lang, f"billing.model.{plan.model.value}")]
    parts += [t(lang, "admin.history.kind", kind=kind_name(lang, k.kind),
                mode=t(lang, f"billing.mode.{k.mode.value}"), fee=money(lang, k.monthly_fee))
              for k in plan.kinds]
    if plan.model is BillingModel.PACKAGE:
        parts.append(t(lang, "admin.history.package", hours=plan.package_minutes // 60,
                       rate=money(lang, plan.hourly_rate)))
    elif plan.hourly_rate:
        parts.append(t(lang, "admin.history.rate", rate=money(lang, plan.hourly_rate)))
    return ", ".join(parts)


def summary_line(lang: Language | str, summary: ClientSummary, tz: tzinfo = UTC) -> str:
    client = summary.client
    archived = "" if client.archived_at is None else t(
        lang, "admin.client.archived_mark", day=client.archived_at.astimezone(tz).date())
    return t(lang, "admin.clients.line", name=client.name, archived=archived,
             plan=plan_short(lang, client.plan), balance=_balance_short(lang, summary.balance),
             open=len(summary.open_tickets))


def client_text(lang: Language | str, summary: ClientSummary, tz: tzinfo = UTC) -> str:
    """`clients show`: the list line, then each open request."""
    lines = [summary_line(lang, summary, tz)]
    if summary.open_tickets:
        lines.append(t(lang, "admin.client.open_header"))
        lines += [t(lang, "admin.client.open_line", number=tk.number, title=tk.title,
                    status=status_name(lang, tk.status)) for tk in summary.open_tickets]
    else:
        lines.append(t(lang, "admin.client.no_open"))
    return "\n".join(lines)


def staff_line(lang: Language | str, summary: StaffSummary) -> str:
    member = summary.staff
    accounts = ", ".join(a for a in (f"Telegram {member.telegram_id}" if member.telegram_id
                                     else "", f"WhatsApp +{member.whatsapp_id}"
                                     if member.whatsapp_id else "") if a)
    if member.is_admin:
        clients = t(lang, "admin.staff.every_client")
    else:
        clients = ", ".join(summary.clients) or t(lang, "admin.staff.no_clients")
    return t(lang, "admin.staff.line", id=member.id, name=member.name,
             role=t(lang, f"admin.role.{member.role.value}"), accounts=accounts, clients=clients)


def history_text(lang: Language | str, client: Client, changes: Sequence[PlanChange],
                 tz: tzinfo = UTC) -> str:
    if not changes:
        return t(lang, "admin.history.none", client=client.name)
    return "\n".join([t(lang, "admin.history.header", client=client.name)] + [
        t(lang, "admin.history.line", day=c.at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
          who=t(lang, "admin.history.who", name=c.by) if c.by else "",
          plan=plan_short(lang, c.plan) if c.plan else t(lang, "admin.history.removed"))
        for c in changes])
