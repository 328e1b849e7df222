"""Administration use cases: clients, staff, plans and payments, called alike by the command
line (a shell is trusted: `by` is None) and by an admin's menu in Telegram (`by` is the person
who pressed, and only admins may). Each opens one unit of work and commits; refusals are
`DeskError`s carrying a text key."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Protocol

from domain.billing import Billing, Posted, duration
from domain.desk import Actor, DeskError
from domain.ledger import BalanceView, LedgerError, balance_view
from domain.model import (
    BillingModel,
    Client,
    Kind,
    KindTerms,
    Language,
    Mode,
    Plan,
    Platform,
    Staff,
    StaffRole,
    Ticket,
)
from domain.onboarding import add_client
from domain.texts import kind_name, money, status_name, t

if TYPE_CHECKING:
    from domain.ports import Clock, UnitOfWork, UnitOfWorkFactory

# Telegram user ids are positive and fit in 52 bits (Telegram's own promise for the Bot API).
TELEGRAM_ID_MAX = 2**52
PHONE_DIGITS = range(10, 16)  # E.164 allows at most 15 digits; national numbers have 10+


def parse_telegram_id(text: object) -> str:
    """A Telegram user id as stored: a positive integer up to 2**52, without a sign or
    leading zeros; anything else is refused."""
    raw = str(text).strip()
    if not raw.isascii() or not raw.isdigit() or not 0 < int(raw) <= TELEGRAM_ID_MAX:
        raise DeskError("admin.err.telegram_id", value=str(text))
    return str(int(raw))


_PHONE_DECOR = re.compile(r"[\s()\-.]")


def parse_phone(text: object) -> str:
    """A phone number (a WhatsApp account) as digits only: "+7 (900) 111-22-33" is
    "79001112233"; letters, or too few or too many digits, are refused."""
    raw = _PHONE_DECOR.sub("", str(text).strip()).removeprefix("+")
    if not raw.isascii() or not raw.isdigit() or len(raw) not in PHONE_DIGITS:
        raise DeskError("admin.err.phone", value=str(text))
    return raw


@dataclass(frozen=True, slots=True)
class PlanChange:
    at: datetime
    by: str  # who changed it ("" from the command line)
    plan: Plan | None  # the plan from then on; None when it was removed


@dataclass(slots=True)
class ClientSummary:
    """A client as an admin sees it in a list: its plan, what it has left, what is open."""

    client: Client
    balance: BalanceView | None  # None without a plan
    open_tickets: list[Ticket] = field(default_factory=list)


@dataclass(slots=True)
class StaffSummary:
    staff: Staff
    clients: list[str]  # names of the clients they serve (admins see every client anyway)


class AdminRepository(Protocol):
    """What administration changes besides the other repositories' own writes."""

    async def rename_client(self, client_id: int, name: str) -> None: ...
    async def set_archived(self, client_id: int, at: datetime | None) -> None: ...
    async def update_staff(self, staff: Staff) -> None:
        """Writes the member's name, role, language and removal."""
        ...
    async def find_staff(self, platform: Platform, external_id: str) -> Staff | None:
        """A member by messenger id, removed ones included."""
        ...
    async def log_plan(self, client_id: int, plan: Plan | None, at: datetime, by: str) -> None: ...
    async def plan_history(self, client_id: int) -> Sequence[PlanChange]: ...


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
        from domain.onboarding import add_staff

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


# -- how an admin reads it (the CLI and the Telegram menu alike) -----------------------------------


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


# -- what an admin types in a short dialog ----------------------------------------------------------

_AMOUNT = re.compile(r"^(?P<whole>\d{1,12})(?:[.,](?P<cents>\d{1,2}))?$")


def parse_rubles(text: str) -> int:
    """"15000", "15 000", "15000,50" or "15000.5 ₽" in kopecks; anything else is refused."""
    raw = re.sub(r"[\s\u00a0]|₽|руб\.?|rub\.?", "", text.strip(), flags=re.I)
    found = _AMOUNT.match(raw)
    if not found:
        raise DeskError("admin.err.amount", value=text.strip())
    return int(found["whole"]) * 100 + int((found["cents"] or "0").ljust(2, "0"))


# Word beginnings an admin may type for a kind and a mode, in either language.
_KIND_WORDS = {"тех": Kind.TECHNICAL, "tech": Kind.TECHNICAL, "конс": Kind.MANAGERIAL,
               "упр": Kind.MANAGERIAL, "how": Kind.MANAGERIAL, "manag": Kind.MANAGERIAL,
               "контр": Kind.CONTROL, "contr": Kind.CONTROL, "страт": Kind.STRATEGIC,
               "strat": Kind.STRATEGIC}
_MODE_WORDS = {"пас": Mode.PASSIVE, "pas": Mode.PASSIVE, "акт": Mode.ACTIVE, "act": Mode.ACTIVE}


def _word(table: dict, word: str):  # noqa: ANN001, ANN202
    word = word.casefold()
    return next((v for k, v in table.items() if word.startswith(k)), None)


def parse_monthly_terms(text: str) -> tuple[KindTerms, ...]:
    """Lines like "тех пасс 20000" (kind, mode, monthly fee in rubles), one kind a line."""
    terms = []
    for line in filter(None, (ln.strip() for ln in text.splitlines())):
        words = line.split(maxsplit=2)
        kind = _word(_KIND_WORDS, words[0]) if words else None
        mode = _word(_MODE_WORDS, words[1]) if len(words) > 1 else None
        if kind is None or mode is None or len(words) < 3:
            raise DeskError("admin.err.plan_line", value=line)
        terms.append(KindTerms(kind, mode, parse_rubles(words[2])))
    if not terms:
        raise DeskError("admin.err.plan_line", value=text.strip())
    return tuple(terms)


def parse_hours_and_rate(text: str) -> tuple[int, int]:
    """"20 2500": hours a month and the hourly rate in rubles, as (minutes, kopecks)."""
    words = text.split()
    if len(words) != 2 or not words[0].isascii() or not words[0].isdigit():
        raise DeskError("admin.err.hours_rate", value=text.strip())
    return int(words[0]) * 60, parse_rubles(words[1])
