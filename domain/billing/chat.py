"""Billing where people are: /balance in a client's chat, balance notices through the outbox,
the month close, and the weekly "hours spent and left" report.

Notices are decided and recorded in the outbox in one unit of work (see domain/reminders.py):
the ledger's notice key makes each one once a month, the outbox key once per chat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, tzinfo

from domain.billing.model import (
    BalanceView,
    Dispute,
    DisputeStatus,
    LedgerError,
    Period,
    balance_view,
)
from domain.billing.service import (
    Billing,
    Statement,
    StatementLine,
    balance_text,
    duration,
    record_balance_notices,
)
from domain.cabinet.model import Principal, Viewer, sees_money
from domain.kernel.model import Client, Language, PersonRole, Platform, Staff
from domain.kernel.ports import Clock
from domain.outbox.model import NoticeType as OutboxKind
from domain.outbox.model import Outbound
from domain.texts import kind_name, money, t
from domain.tickets.model import DeskError
from domain.uow import UnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class ClientBalance:
    client: Client
    view: BalanceView
    today: date

    def text(self) -> str:
        return balance_text(self.client.language, self.client, self.view, self.today)


@dataclass(frozen=True, slots=True)
class ClientStatement:
    """The month's statement, and which of its billable entries are already under dispute."""

    statement: Statement
    disputed: frozenset[int]

    @property
    def billable(self) -> list[StatementLine]:
        return [line for line in self.statement.lines if line.entry.billable]


@dataclass(frozen=True, slots=True)
class DisputeNews:
    """A dispute as staff and the client's owners hear of it; `staff` are those to tell."""

    dispute: Dispute
    client: Client
    line: StatementLine
    staff: tuple[Staff, ...] = ()
    owners: tuple[str, ...] = ()  # Telegram ids of the client's owners
    decided_by: str = ""
    returned: int = 0  # kopecks a reversal gave back

    @property
    def reversed(self) -> bool:
        return self.dispute.status is DisputeStatus.REVERSED


def entry_text(lang: Language | str, line: StatementLine) -> str:
    """One billable entry in a line or two: day, ticket, time, cost, what was done."""
    entry = line.entry
    ticket = t(lang, "billing.dispute.ticket", number=line.ticket_number) \
        if line.ticket_number else ""
    head = t(lang, "billing.dispute.entry", day=entry.at.date().isoformat(), ticket=ticket,
             hours=duration(lang, entry.minutes), amount=money(lang, abs(entry.amount)))
    what = line.ticket_title or entry.note
    return f"{head}\n{what}" if what else head


class BillingChat:
    """The billing use cases behind chat commands and scheduled jobs."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, tz: tzinfo = UTC, *,
                 low_balance: int = 0) -> None:
        self._uow = uow
        self._clock = clock
        self._tz = tz
        self._low_balance = low_balance
        self.billing = Billing(uow, clock, tz)

    def _today(self) -> date:
        return self._clock.now().astimezone(self._tz).date()

    async def balance(self, platform: Platform, chat_id: str, user_id: str, *,
                      private: bool) -> list[ClientBalance]:
        """/balance: in a client's group that client's; in a private chat, every client whose
        money this person may see. Employees see it unless the client made money owner-only."""
        today = self._today()
        async with self._uow() as uow:
            clients = await self._visible(uow, platform, chat_id, user_id, private)
            shown = []
            for client in clients:
                if client.plan is None:
                    raise DeskError("billing.err.no_plan_chat", client=client.name)
                entries = list(await uow.ledger.entries(client.id))
                shown.append(ClientBalance(client, balance_view(client.id, client.plan, entries,
                                                                today), today))
        return shown

    async def _visible(self, uow: UnitOfWork, platform: Platform, chat_id: str, user_id: str,
                       private: bool) -> list[Client]:
        principal = Principal(platform, user_id)
        staff = await uow.staff.find(platform, user_id)
        if private:
            if staff is not None:
                raise DeskError("billing.err.balance_staff_private")
            people = tuple(await uow.cabinet.people_of(platform, user_id))
            viewer = Viewer(principal, people=people)
            clients = [c for p in people if (c := await uow.clients.get(p.client_id))
                       and sees_money(viewer, c.id, await uow.cabinet.money_owner_only(c.id))]
            if not clients:
                raise DeskError("billing.err.balance_nobody")
            return clients
        chat = await uow.chats.find(platform, chat_id)
        client = await uow.clients.get(chat.client_id) if chat is not None else None
        if client is None:
            raise DeskError("billing.err.balance_no_chat")
        if staff is None and await uow.cabinet.money_owner_only(client.id):
            person = await uow.people.find(client.id, platform, user_id)
            if person is None or person.role is not PersonRole.OWNER:
                raise DeskError("cabinet.err.owner_only")
        return [client]

    # -- statements and disputes -----------------------------------------------------------------

    async def statements(self, platform: Platform, user_id: str) -> list[ClientStatement]:
        """/statement in a private chat: this month's statement of every client whose money
        this person may see, with the entries already under dispute."""
        async with self._uow() as uow:
            if await uow.staff.find(platform, user_id) is not None:
                raise DeskError("billing.err.statement_staff")
            clients = await self._money_clients(uow, platform, user_id,
                                                "billing.err.statement_nobody")
            open_ = {c.id: frozenset(d.entry_id for d in await uow.ledger.disputes(
                c.id, DisputeStatus.OPEN)) for c in clients}
        period = Period.of(self._today())
        return [ClientStatement(await self.billing.statement(c.id, period), open_[c.id])
                for c in clients]

    async def disagree(self, platform: Platform, user_id: str, name: str,
                       entry_id: int) -> DisputeNews:
        """The client's "I disagree" from the statement: open a dispute and say whom to tell."""
        async with self._uow() as uow:
            entry = await uow.ledger.get(entry_id)
            clients = await self._money_clients(uow, platform, user_id,
                                                "billing.err.not_disputable")
            if entry is None or entry.client_id not in {c.id for c in clients}:
                raise DeskError("billing.err.not_disputable")
        try:
            dispute = await self.billing.open_dispute(entry.client_id, entry_id, name)
        except LedgerError as exc:
            raise DeskError(exc.key, **exc.params) from exc
        async with self._uow() as uow:
            serving = [await uow.staff.get(i)
                       for i in await uow.workspace.servers_of(entry.client_id)]
            return await self._news(uow, dispute, staff=tuple(
                s for s in serving if s is not None and s.telegram_id))

    async def decide(self, platform: Platform, user_id: str, dispute_id: int, *,
                     reverse: bool) -> DisputeNews:
        """Staff serving the client (or an admin) confirm the disputed entry or reverse it."""
        async with self._uow() as uow:
            staff = await uow.staff.find(platform, user_id)
            if staff is None:
                raise DeskError("err.staff_only")
            dispute = await uow.ledger.get_dispute(dispute_id)
            if dispute is None:
                raise DeskError("billing.err.dispute_closed")
            if not staff.is_admin and not await uow.workspace.serves(staff.id,
                                                                      dispute.client_id):
                raise DeskError("ws.err.not_your_client")
        try:
            dispute = await self.billing.resolve_dispute(dispute_id, staff.id, "",
                                                         reverse=reverse)
        except LedgerError as exc:
            raise DeskError(exc.key, **exc.params) from exc
        async with self._uow() as uow:
            reversal = await uow.ledger.get(dispute.reversal_id) if dispute.reversal_id else None
            owners = tuple(p.external_id for p in await uow.notices.owners(dispute.client_id)
                           if p.platform is platform)
            return await self._news(uow, dispute, owners=owners, decided_by=staff.name,
                                    returned=reversal.amount if reversal else 0)

    async def _money_clients(self, uow: UnitOfWork, platform: Platform, user_id: str,
                             refusal: str) -> list[Client]:
        # The same people as /balance in a private chat; staff are refused before this.
        try:
            return await self._visible(uow, platform, "", user_id, True)
        except DeskError as exc:
            raise DeskError(refusal) from exc

    async def _news(self, uow: UnitOfWork, dispute: Dispute, **extra: object) -> DisputeNews:
        client = await uow.clients.get(dispute.client_id)
        entry = await uow.ledger.get(dispute.entry_id)
        ticket = await uow.tickets.get(entry.ticket_id) if entry.ticket_id else None
        line = StatementLine(entry, ticket.number if ticket else None,
                             ticket.title if ticket else "")
        return DisputeNews(dispute, client, line, **extra)  # type: ignore[arg-type]

    # -- scheduled ------------------------------------------------------------------------------

    async def notices(self) -> int:
        """Record the balance notices now due for every client; each once (job billing_notices)."""
        now, today = self._clock.now(), self._today()
        async with self._uow() as uow:
            recorded = 0
            for client in await uow.clients.list():
                recorded += await record_balance_notices(uow, client, today, now,
                                                         self._low_balance)
            await uow.commit()
        return recorded

    async def month_close(self) -> int:
        """On the 1st: last month's unused package hours burn and the month closes, once per
        client and month; the new month's fee and package are opened."""
        today = self._today()
        previous = Period.of(today).shift(-1)
        async with self._uow() as uow:
            clients = [c for c in await uow.clients.list() if c.plan is not None]
        closed = 0
        for client in clients:
            try:
                closed += not (await self.billing.close_period(client.id, previous)).duplicate
                await self.billing.open_period(client.id, Period.of(today))
            except LedgerError:  # e.g. a plan that starts later: the next run tries again
                continue
        return closed

    async def weekly_reports(self, weekday: int, hour: int) -> int:
        """The weekly "hours spent and left" report to each client's chats, once per ISO week,
        from `hour` o'clock on `weekday` (0 is Monday) on."""
        local = self._clock.now().astimezone(self._tz)
        if local.weekday() != weekday or local.hour < hour:
            return 0
        year, week, _ = local.isocalendar()
        now, today = self._clock.now(), local.date()
        async with self._uow() as uow:
            recorded = 0
            for client in await uow.clients.list():
                if client.plan is None:
                    continue
                view = balance_view(client.id, client.plan,
                                    list(await uow.ledger.entries(client.id)), today)
                text = weekly_text(client, view, today)
                for chat in await uow.chats.for_client(client.id):
                    if chat.active:
                        recorded += await uow.notices.record(Outbound(
                            f"weekly:{client.id}:{year}-W{week:02d}:{chat.platform.value}:"
                            f"{chat.external_id}", OutboxKind.WEEKLY_REPORT, chat.platform,
                            chat.external_id, text, now, client_id=client.id))
            await uow.commit()
        return recorded


def weekly_text(client: Client, view: BalanceView, today: date) -> str:
    """Hours spent this month by kind, and what is left of the package or the balance."""
    lang = client.language
    lines = [t(lang, "billing.weekly.header", client=client.name, day=today.isoformat())]
    lines += [t(lang, "billing.balance.spend_line", kind=kind_name(lang, s.kind),
                hours=duration(lang, s.minutes), amount=money(lang, s.amount))
              for s in view.spend] or [t(lang, "billing.balance.no_spend")]
    if view.package_minutes:
        lines.append(t(lang, "billing.weekly.package", left=duration(lang, view.package_left),
                       total=duration(lang, view.package_minutes)))
    lines.append(t(lang, "billing.balance.debt" if view.balance < 0 else "billing.balance.money",
                   amount=money(lang, abs(view.balance))))
    return "\n".join(lines)
