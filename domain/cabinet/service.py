"""The client cabinet's read models and who may see what (issue 11).

A viewer is whoever logged in: a staff member, or one or more people on the client's side
(the same messenger account may belong to several clients). The rules are the bot's: people
see only their own company, money pages may be the owner's alone when the client wants it so,
staff see the clients they serve and admins all of them. Use cases open one unit of work each.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from domain.billing.model import (
    Dispute,
    DisputeStatus,
    LedgerError,
    Period,
    balance_view,
)
from domain.billing.service import Billing, Statement
from domain.cabinet.model import (
    QUEUE,
    CabinetError,
    ClientTickets,
    LoginGrant,
    MoneyPage,
    Overview,
    Principal,
    TicketPage,
    TicketRow,
    Viewer,
    may_dispute,
    sees_client,
    sees_money,
)
from domain.cabinet.rules import (
    charged,
    new_login_token,
    sla_view,
    ticket_events,
    token_hash,
    weekly_spend,
)
from domain.kernel.model import (
    Client,
    Platform,
    Ticket,
)
from domain.kernel.ports import Clock
from domain.uow import UnitOfWork, UnitOfWorkFactory


class Cabinet:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, billing: Billing, *, tz: tzinfo,
                 link_ttl: timedelta = timedelta(minutes=15)) -> None:
        self._uow = uow
        self._clock = clock
        self._billing = billing
        self._tz = tz
        self._link_ttl = link_ttl

    async def _viewer(self, uow: UnitOfWork, principal: Principal) -> Viewer:
        staff = await uow.staff.find(principal.platform, principal.external_id)
        if staff is not None:
            served = None if staff.is_admin else frozenset(
                await uow.workspace.served_clients(staff.id))
            return Viewer(principal, staff=staff, served=served)
        people = tuple(await uow.cabinet.people_of(principal.platform, principal.external_id))
        if not people:
            raise CabinetError("cabinet.err.unknown", 403)
        return Viewer(principal, people=people)

    async def _client(self, uow: UnitOfWork, viewer: Viewer, client_id: int) -> Client:
        # Refused the same way whether the client exists or not: ids are not to be probed.
        client = await uow.clients.get(client_id) if sees_client(viewer, client_id) else None
        if client is None:
            raise CabinetError("cabinet.err.not_yours", 403)
        return client

    async def viewer(self, principal: Principal) -> Viewer:
        """Who is behind a session; refused if the account is neither staff nor a client's."""
        async with self._uow() as uow:
            return await self._viewer(uow, principal)

    # -- logging in -----------------------------------------------------------------------------

    async def issue_link(self, principal: Principal) -> str:
        """A one-time login token for this account; the link built from it expires soon."""
        async with self._uow() as uow:
            viewer = await self._viewer(uow, principal)
            grant = LoginGrant(None, viewer.staff.id) if viewer.staff else LoginGrant(
                viewer.people[0].id, None)
            token, hashed = new_login_token()
            now = self._clock.now()
            await uow.cabinet.add_login(hashed, grant, now, now + self._link_ttl)
            await uow.commit()
        return token

    async def redeem_link(self, token: str) -> Principal:
        """Spend a login token once; an unknown, used or expired one is refused."""
        async with self._uow() as uow:
            grant = await uow.cabinet.redeem_login(token_hash(token), self._clock.now())
            principal = await _principal(uow, grant) if grant else None
            if principal is None:
                raise CabinetError("cabinet.err.link", 403)
            await uow.commit()
        return principal

    # -- pages ----------------------------------------------------------------------------------

    async def overview(self, principal: Principal) -> Overview:
        """The start page: the clients this viewer may open and, for staff, their queue."""
        async with self._uow() as uow:
            viewer = await self._viewer(uow, principal)
            if viewer.staff is None:
                ids = [p.client_id for p in viewer.people]
            elif viewer.served is None:
                ids = [c.id for c in await uow.clients.list()]
            else:
                ids = sorted(viewer.served)
            clients = {i: await uow.clients.get(i) for i in ids}
            queue = []
            if viewer.staff is not None:
                now = self._clock.now()
                for ticket in await uow.workspace.tickets(
                        None if viewer.served is None else ids, QUEUE):
                    row = await self._row(uow, ticket, now)
                    queue.append((clients[ticket.client_id], row))
            return Overview(viewer, [c for c in clients.values() if c], queue)

    async def _row(self, uow: UnitOfWork, ticket: Ticket, now: datetime) -> TicketRow:
        person = await uow.people.get(ticket.requester_id) if ticket.requester_id else None
        return TicketRow(ticket, person.name if person else "",
                         sla_view(ticket.status, await uow.sla.get_due(ticket.id), now))

    async def tickets(self, principal: Principal, client_id: int) -> ClientTickets:
        """A client's tickets: open ones first by number, then the closed, newest first."""
        async with self._uow() as uow:
            viewer = await self._viewer(uow, principal)
            client = await self._client(uow, viewer, client_id)
            now = self._clock.now()
            rows = [await self._row(uow, t, now) for t in await uow.tickets.for_client(client.id)]
            owner_only = await uow.cabinet.money_owner_only(client.id)
        return ClientTickets(
            client, [r for r in rows if r.ticket.status.is_open],
            sorted((r for r in rows if not r.ticket.status.is_open),
                   key=lambda r: -r.ticket.number),
            sees_money(viewer, client.id, owner_only))

    async def ticket(self, principal: Principal, client_id: int, number: int) -> TicketPage:
        """One ticket's history: messages both ways, what staff recorded, time and its cost."""
        async with self._uow() as uow:
            viewer = await self._viewer(uow, principal)
            client = await self._client(uow, viewer, client_id)
            ticket = await uow.tickets.by_number(client.id, number)
            if ticket is None:
                raise CabinetError("cabinet.err.no_ticket", 404, number=number)
            owner_only = await uow.cabinet.money_owner_only(client.id)
            money = sees_money(viewer, client.id, owner_only)
            row = await self._row(uow, ticket, self._clock.now())
            assignee = await uow.staff.get(ticket.assignee_id) if ticket.assignee_id else None
            entries = list(await uow.ledger.entries(client.id)) if money else []
            staff_names = {s.id: s.name for s in await uow.staff.list(include_removed=True)}
            events = ticket_events(
                ticket, await uow.messages.for_ticket(ticket.id),
                await uow.workspace.notes(ticket.id), entries,
                await uow.ledger.disputes(client.id) if money else [],
                staff_names=staff_names, requester=row.requester, shows_money=money,
                can_dispute=may_dispute(viewer, client.id, owner_only),
                for_staff=viewer.is_staff)
        minutes, amount = charged(entries, ticket.id)
        return TicketPage(client, ticket, row.requester, assignee.name if assignee else "",
                          row.sla, events, minutes, amount, money)

    async def money(self, principal: Principal, client_id: int) -> MoneyPage:
        """Hours and balance this month, the weekly chart and the months with statements."""
        async with self._uow() as uow:
            viewer = await self._viewer(uow, principal)
            client = await self._money_client(uow, viewer, client_id)
            entries = list(await uow.ledger.entries(client.id))
            disputes = await uow.ledger.disputes(client.id, DisputeStatus.OPEN)
        today = self._clock.now().astimezone(self._tz).date()
        period = Period.of(today)
        view = balance_view(client.id, client.plan, entries, today) if client.plan else None
        periods = sorted({e.period for e in entries} | {period}, reverse=True)
        return MoneyPage(client, view, weekly_spend(entries, period, self._tz), periods,
                         len(disputes))

    async def _money_client(self, uow: UnitOfWork, viewer: Viewer, client_id: int) -> Client:
        client = await self._client(uow, viewer, client_id)
        if not sees_money(viewer, client.id, await uow.cabinet.money_owner_only(client.id)):
            raise CabinetError("cabinet.err.owner_only", 403)
        return client

    async def statement(self, principal: Principal, client_id: int,
                        period: Period) -> Statement:
        """The month's statement (the billing use case), for those who may see money."""
        async with self._uow() as uow:
            await self._money_client(uow, await self._viewer(uow, principal), client_id)
        return await self._billing.statement(client_id, period)

    async def dispute(self, principal: Principal, client_id: int, entry_id: int,
                      reason: str) -> Dispute:
        """"I disagree" with one billable entry, from the client's side only."""
        async with self._uow() as uow:
            viewer = await self._viewer(uow, principal)
            await self._client(uow, viewer, client_id)
            if not may_dispute(viewer, client_id, await uow.cabinet.money_owner_only(client_id)):
                raise CabinetError("cabinet.err.dispute_denied", 403)
            person = viewer.person_in(client_id)
        try:
            return await self._billing.open_dispute(client_id, entry_id, person.name, reason)
        except LedgerError as exc:
            raise CabinetError(exc.key, 409, **exc.params) from None

    async def set_money_owner_only(self, client_id: int, on: bool) -> None:
        """The client's wish: hours and money pages for its owner only (or for everyone)."""
        async with self._uow() as uow:
            if await uow.clients.get(client_id) is None:
                raise CabinetError("billing.err.no_client", 404)
            await uow.cabinet.set_money_owner_only(client_id, on)
            await uow.commit()


async def _principal(uow: UnitOfWork, grant: LoginGrant) -> Principal | None:
    if grant.staff_id is not None:
        staff = await uow.staff.get(grant.staff_id)
        if staff is None:
            return None
        if staff.telegram_id:
            return Principal(Platform.TELEGRAM, staff.telegram_id)
        return Principal(Platform.WHATSAPP, staff.whatsapp_id) if staff.whatsapp_id else None
    person = await uow.people.get(grant.person_id) if grant.person_id else None
    return Principal(person.platform, person.external_id) if person else None
