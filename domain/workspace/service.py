"""Use cases of the staff workspace: the queue, taking, answering, time, statuses, estimates,
tickets on a client's behalf and the knowledge base. Each opens one unit of work, commits and
returns plain results; refusals are `DeskError`s carrying a text key."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from domain.billing.service import bill_time, record_balance_notices
from domain.kernel.model import (
    Chat,
    Client,
    Disposition,
    Kind,
    MediaKind,
    MediaNote,
    Message,
    Person,
    PersonRole,
    Platform,
    Staff,
    Ticket,
    TicketStatus,
)
from domain.kernel.ports import Clock
from domain.kernel.rules import clean_text, make_title, quote
from domain.tickets.model import Actor, DeskError
from domain.uow import UnitOfWork, UnitOfWorkFactory
from domain.workspace import model as workflow_model
from domain.workspace import rules as workflow
from domain.workspace.model import (
    Estimate,
    EstimateStatus,
    Given,
    KbHit,
    Note,
    NoteKind,
    TimeCategory,
    TimeEntry,
    TransitionError,
)

S = TicketStatus


# What staff see in the queue: confirmed and still open.
QUEUE_STATUSES = (S.ACCEPTED, S.IN_PROGRESS, S.NEEDS_TESTING, S.TESTING, S.WAITING_FOR_CLIENT)


# Statuses the client hears about in the chat: the ones that change what they should expect.
CLIENT_NOTICE = frozenset({S.WAITING_FOR_CLIENT, S.DONE, S.REJECTED, S.CANCELLED})


SUGGESTIONS = 3


class QueueView:
    ALL = "all"
    MINE = "mine"
    UNASSIGNED = "unassigned"
    OVERDUE = "overdue"
    NAMED = (ALL, MINE, UNASSIGNED, OVERDUE)


def may_move(current: TicketStatus, to: TicketStatus) -> bool:
    """Whether the workflow lets a ticket go from `current` to `to` at all (who may do it,
    and with what proof, is checked on top for staff)."""
    return to in workflow.TRANSITIONS[current]


@dataclass(slots=True)
class Card:
    """A ticket as a staff member sees it: everything needed to act without opening it."""

    client: Client
    ticket: Ticket
    requester: Person | None
    chat: Chat | None
    assignee: Staff | None
    tester: Staff | None
    due_at: datetime | None
    minutes: int  # logged so far, corrections included
    notes: list[Note]
    actions: tuple[TicketStatus, ...]  # where this staff member may move it now
    estimate: Estimate | None = None
    similar: list[KbHit] = field(default_factory=list)
    # How the ticket's voice notes and screenshots were read: staff listen to what was not.
    media_notes: dict[MediaNote, int] = field(default_factory=dict)

    def note(self, kind: NoteKind) -> Note | None:
        return next((n for n in reversed(self.notes) if n.kind is kind), None)


@dataclass(slots=True)
class QueueItem:
    client: Client
    ticket: Ticket
    due_at: datetime | None
    overdue: bool


@dataclass(slots=True)
class Outgoing:
    """Something the bot is to post in a client's chat, in reply to `reply_to`."""

    ticket: Ticket
    client: Client
    chat: Chat
    reply_to: str | None
    signature: str = ""


@dataclass(slots=True)
class StatusChange:
    card: Card
    previous: TicketStatus
    client_notice: Outgoing | None = None  # tell the client, for the statuses they care about


@dataclass(slots=True)
class EstimateOffer:
    estimate: Estimate
    outgoing: Outgoing


@dataclass(slots=True)
class Recipient:
    staff: Staff
    card: Card


def due_at(ticket: Ticket, reaction: timedelta) -> datetime | None:
    """When the first reaction is due: the reaction time after confirmation (wall clock)."""
    start = ticket.confirmed_at
    return start + reaction if start is not None else None


class Workspace:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, *, reaction_hours: int = 4) -> None:
        self._uow = uow
        self._clock = clock
        self._reaction = timedelta(hours=reaction_hours)

    # -- who may do what ------------------------------------------------------------------------

    async def _member(self, uow: UnitOfWork, actor: Actor) -> Staff:
        member = await uow.staff.find(actor.platform, actor.user_id)
        if member is None:
            raise DeskError("err.staff_only")
        return member

    async def _served(self, uow: UnitOfWork, staff: Staff) -> list[int] | None:
        """The clients a staff member serves; None means all of them (admins)."""
        return None if staff.is_admin else list(await uow.workspace.served_clients(staff.id))

    async def _ticket(self, uow: UnitOfWork, staff: Staff, ticket_id: int) -> Ticket:
        ticket = await uow.tickets.get(ticket_id)
        if ticket is None:
            raise DeskError("err.ticket_gone")
        if not staff.is_admin and not await uow.workspace.serves(staff.id, ticket.client_id):
            raise DeskError("ws.err.not_your_client")
        return ticket

    async def is_staff(self, actor: Actor) -> bool:
        async with self._uow() as uow:
            return await uow.staff.find(actor.platform, actor.user_id) is not None

    async def serve(self, staff_id: int, client_name: str) -> tuple[Staff, Client, bool]:
        """Let a staff member serve a client: they get its cards and may act on its tickets."""
        async with self._uow() as uow:
            member = await uow.staff.get(staff_id)
            if member is None:
                raise DeskError("ws.err.no_such_staff", id=staff_id)
            client = await uow.clients.get_by_name(client_name.strip())
            if client is None:
                raise DeskError("ws.err.no_such_client", name=client_name)
            added = await uow.workspace.serve(member.id, client.id)
            await uow.commit()
            return member, client, added

    # -- reading ---------------------------------------------------------------------------------

    async def _card(self, uow: UnitOfWork, staff: Staff | None, ticket: Ticket, *,
                    similar: bool = False) -> Card:
        client = await uow.clients.get(ticket.client_id)
        requester = await uow.people.get(ticket.requester_id) if ticket.requester_id else None
        chat = await uow.chats.get(ticket.chat_id) if ticket.chat_id else None
        assignee = await uow.staff.get(ticket.assignee_id) if ticket.assignee_id else None
        tester = await uow.staff.get(ticket.tester_id) if ticket.tester_id else None
        entries = await uow.workspace.time_for_ticket(ticket.id)
        estimates = await uow.workspace.estimates_for(ticket.id)
        card = Card(
            client=client, ticket=ticket, requester=requester, chat=chat, assignee=assignee,
            tester=tester, due_at=due_at(ticket, self._reaction),
            minutes=sum(e.minutes for e in entries),
            notes=list(await uow.workspace.notes(ticket.id)),
            actions=workflow.allowed(ticket, staff) if staff else (),
            estimate=estimates[-1] if estimates else None,
            media_notes=dict(Counter(m.media_note for m in await uow.messages.for_ticket(ticket.id)
                                     if m.media_note is not None)),
        )
        if similar:
            hits = await uow.workspace.kb_search([ticket.client_id], [ticket.title, ticket.text],
                                                 match_all=False, limit=SUGGESTIONS + 1)
            card.similar = [h for h in hits if h.ticket_id != ticket.id][:SUGGESTIONS]
        return card

    async def card(self, ticket_id: int, actor: Actor) -> Card:
        """One ticket's card for a staff member who serves its client."""
        async with self._uow() as uow:
            staff = await self._member(uow, actor)
            return await self._card(uow, staff, await self._ticket(uow, staff, ticket_id),
                                    similar=True)

    async def recipients(self, ticket_id: int) -> list[Recipient]:
        """Who gets the card of a new or confirmed ticket: every staff member serving the
        client, each with their own buttons."""
        async with self._uow() as uow:
            ticket = await uow.tickets.get(ticket_id)
            if ticket is None:
                return []
            found = []
            for staff_id in await uow.workspace.servers_of(ticket.client_id):
                member = await uow.staff.get(staff_id)
                if member is not None and member.telegram_id:
                    found.append(Recipient(member, await self._card(uow, member, ticket,
                                                                    similar=True)))
            return found

    async def group_card(self, ticket_id: int) -> Card | None:
        """The card for the shared staff chat: no viewer, so the buttons are all of them."""
        async with self._uow() as uow:
            ticket = await uow.tickets.get(ticket_id)
            if ticket is None:
                return None
            card = await self._card(uow, None, ticket, similar=True)
            card.actions = workflow.TRANSITIONS[ticket.status]
            return card

    async def queue(self, actor: Actor, view: str = QueueView.ALL) -> list[QueueItem]:
        """Open confirmed tickets of the clients this staff member serves, oldest first:
        all, mine, unassigned, overdue, or one client's by name."""
        async with self._uow() as uow:
            staff = await self._member(uow, actor)
            clients = await self._served(uow, staff)
            if view not in QueueView.NAMED:
                client = await uow.clients.get_by_name(view.strip())
                if client is None or (clients is not None and client.id not in clients):
                    raise DeskError("ws.err.no_such_client", name=view.strip())
                clients = [client.id]
            now = self._clock.now()
            items = []
            for ticket in await uow.workspace.tickets(clients, QUEUE_STATUSES):
                due = due_at(ticket, self._reaction)
                # Overdue means nobody reacted in time: it stops counting once someone works.
                overdue = (due is not None and due < now and ticket.status is S.ACCEPTED)
                if view == QueueView.MINE and staff.id not in (ticket.assignee_id,
                                                               ticket.tester_id):
                    continue
                if view == QueueView.UNASSIGNED and ticket.assignee_id is not None:
                    continue
                if view == QueueView.OVERDUE and not overdue:
                    continue
                items.append(QueueItem(await uow.clients.get(ticket.client_id), ticket, due,
                                       overdue))
            return items

    # -- acting on a ticket ----------------------------------------------------------------------

    async def take(self, ticket_id: int, actor: Actor) -> Card:
        """'Take': work on a queued ticket, or take the testing of a ticket waiting for it."""
        async with self._uow() as uow:
            staff = await self._member(uow, actor)
            ticket = await self._ticket(uow, staff, ticket_id)
            now = self._clock.now()
            if ticket.status is S.NEEDS_TESTING:
                await self._move(uow, staff, ticket, S.TESTING, Given(), now)
            elif ticket.status in (S.ACCEPTED, S.IN_PROGRESS, S.WAITING_FOR_CLIENT):
                ticket.assignee_id = staff.id
                if ticket.status is S.ACCEPTED:
                    workflow.apply(ticket, S.IN_PROGRESS, staff, now)
                ticket.updated_at = now
                await uow.tickets.update(ticket)
            else:
                raise DeskError("ws.err.cannot_take")
            card = await self._card(uow, staff, ticket)
            await uow.commit()
            return card

    async def _move(self, uow: UnitOfWork, staff: Staff, ticket: Ticket, to: TicketStatus,
                    given: Given, now: datetime) -> None:
        try:
            workflow.check(ticket, to, staff, given)
        except TransitionError as exc:
            raise DeskError(exc.key, **exc.params) from None
        workflow.apply(ticket, to, staff, now)
        await uow.tickets.update(ticket)

    async def needs(self, ticket_id: int, actor: Actor, to: TicketStatus) -> tuple[
            workflow_model.Need, ...]:
        """What is still missing to move the ticket to `to` (asked for one by one)."""
        async with self._uow() as uow:
            staff = await self._member(uow, actor)
            ticket = await self._ticket(uow, staff, ticket_id)
            if to not in workflow.allowed(ticket, staff):
                raise DeskError("ws.err.transition")
            have = {n.kind for n in await uow.workspace.notes(ticket.id)}
            return tuple(need for need in workflow.needs(ticket, to)
                         # a service comment written earlier counts; proof and reasons are
                         # given for this very change
                         if not (need is workflow_model.Need.SERVICE_COMMENT
                                 and NoteKind.SERVICE_COMMENT in have))

    async def change_status(self, ticket_id: int, actor: Actor, to: TicketStatus,
                            given: Given | None = None, *, proof_chat_id: str | None = None
                            ) -> StatusChange:
        """Move a ticket along the workflow; what the move requires is kept as notes."""
        given = given or Given()
        async with self._uow() as uow:
            staff = await self._member(uow, actor)
            ticket = await self._ticket(uow, staff, ticket_id)
            previous, now = ticket.status, self._clock.now()
            # A service comment written earlier counts for closing; it is not stored twice.
            earlier = next((n.text for n in reversed(await uow.workspace.notes(ticket.id))
                            if n.kind is NoteKind.SERVICE_COMMENT), "")
            await self._move(uow, staff, ticket, to,
                             replace(given, service_comment=given.service_comment or earlier),
                             now)
            for kind, text_, media in (
                (NoteKind.TEST_CASE, given.test_case, None),
                (NoteKind.PROOF, given.proof_note, given.proof_message_id),
                (NoteKind.SERVICE_COMMENT, given.service_comment, None),
                (NoteKind.REASON, given.reason, None),
            ):
                if text_.strip() or media:
                    await uow.workspace.add_note(Note(
                        None, ticket.id, staff.id, kind, clean_text(text_), now,
                        media_chat_id=proof_chat_id if media else None, media_message_id=media))
                    if kind is NoteKind.SERVICE_COMMENT:
                        await uow.workspace.kb_add(ticket.client_id, ticket.id,
                                                   NoteKind.SERVICE_COMMENT.value,
                                                   f"{ticket.title}\n{clean_text(text_)}", now)
            if to is S.DONE:
                await uow.workspace.kb_add(ticket.client_id, ticket.id, "ticket",
                                           f"{ticket.title}\n{ticket.text}", now)
                # The requester is asked 👍/👎 by the satisfaction sweep, once per ticket.
                await uow.satisfaction.mark_done(ticket.id, now)
            card = await self._card(uow, staff, ticket)
            notice = None
            if to in CLIENT_NOTICE and card.chat is not None and card.chat.active:
                notice = await self._outgoing(uow, ticket, card.client, staff)
            await uow.commit()
            return StatusChange(card, previous, notice)

    async def service_comment(self, ticket_id: int, actor: Actor, text_: str) -> Card:
        """How it was done (which setting, component, file): it feeds the knowledge base."""
        text_ = clean_text(text_)
        if not text_:
            raise DeskError("ws.need.service_comment")
        async with self._uow() as uow:
            staff = await self._member(uow, actor)
            ticket = await self._ticket(uow, staff, ticket_id)
            now = self._clock.now()
            await uow.workspace.add_note(Note(None, ticket.id, staff.id,
                                              NoteKind.SERVICE_COMMENT, text_, now))
            await uow.workspace.kb_add(ticket.client_id, ticket.id,
                                       NoteKind.SERVICE_COMMENT.value,
                                       f"{ticket.title}\n{text_}", now)
            card = await self._card(uow, staff, ticket)
            await uow.commit()
            return card

    # -- answering the client -------------------------------------------------------------------

    async def _outgoing(self, uow: UnitOfWork, ticket: Ticket, client: Client,
                        staff: Staff | None = None) -> Outgoing:
        chat = await uow.chats.get(ticket.chat_id) if ticket.chat_id else None
        if chat is None or not chat.active:
            raise DeskError("ws.err.no_chat")
        # The answer goes under the request itself, so the client sees what it answers.
        reply_to = ticket.message_ids[0] if ticket.message_ids else ticket.prompt_message_id
        return Outgoing(ticket, client, chat, reply_to, staff.name if staff else "")

    async def answer_target(self, ticket_id: int, actor: Actor) -> Outgoing:
        """Where a staff member's answer goes: the client's chat, under the original request."""
        async with self._uow() as uow:
            staff = await self._member(uow, actor)
            ticket = await self._ticket(uow, staff, ticket_id)
            if not ticket.status.is_open:
                raise DeskError("ws.err.closed")
            client = await uow.clients.get(ticket.client_id)
            return await self._outgoing(uow, ticket, client, staff)

    async def record_outgoing(self, ticket_id: int, message_id: str, text_: str, *,
                              sender_id: str, sender_name: str,
                              media: MediaKind | None = None) -> None:
        """Keep what the bot posted in a client's chat on the ticket: replies to it join the
        ticket, and the ticket's history has both directions."""
        async with self._uow() as uow:
            ticket = await uow.tickets.get(ticket_id)
            chat = await uow.chats.get(ticket.chat_id) if ticket and ticket.chat_id else None
            if ticket is None or chat is None:
                return
            if not await uow.messages.exists(chat.platform, chat.external_id, message_id):
                await uow.messages.add(Message(
                    id=None, platform=chat.platform, chat_external_id=chat.external_id,
                    external_id=message_id, chat_id=chat.id, sender_external_id=sender_id,
                    sender_name=sender_name, sent_at=self._clock.now(), text=text_,
                    media=media, from_staff=True, ticket_id=ticket.id,
                    disposition=Disposition.OUTGOING,
                ))
                await uow.commit()

    # -- time ------------------------------------------------------------------------------------

    async def log_time(self, ticket_id: int, actor: Actor, minutes: int,
                       category: TimeCategory, description: str, key: str
                       ) -> tuple[TimeEntry, ...]:
        """'20 min — checked telephony on Marina's profile'. Billable time beyond an approved
        estimate is recorded as 'over the estimate'. The same key twice logs once. The created
        entries are what billing posts to the client's ledger."""
        description = clean_text(description)
        if not 0 < minutes <= workflow_model.MAX_ENTRY_MINUTES:
            raise DeskError("ws.err.minutes")
        if not description:
            raise DeskError("ws.err.description")
        async with self._uow() as uow:
            staff = await self._member(uow, actor)
            done = await uow.workspace.time_by_key(key)
            if done:
                return tuple(done)
            ticket = await self._ticket(uow, staff, ticket_id)
            if ticket.status is S.AWAITING_CONFIRMATION:
                raise DeskError("ws.err.unconfirmed")
            now = self._clock.now()
            parts = [(minutes, category, key)]
            if category is TimeCategory.BILLABLE:
                approved = [e for e in await uow.workspace.estimates_for(ticket.id)
                            if e.status is EstimateStatus.APPROVED]
                so_far = sum(e.minutes for e in await uow.workspace.time_for_ticket(ticket.id)
                             if e.category is TimeCategory.BILLABLE)
                within, over = workflow.split_over_estimate(
                    minutes, so_far, approved[-1].minutes if approved else None)
                parts = [(within, TimeCategory.BILLABLE, key),
                         (over, TimeCategory.OVER_ESTIMATE, f"{key}/over")]
            created = []
            for amount, kind, entry_key in parts:
                if amount > 0:
                    created.append(await uow.workspace.add_time(TimeEntry(
                        None, ticket.id, ticket.client_id, staff.id, amount, kind, description,
                        workflow.period_of(now), entry_key, now)))
            # In the same transaction: the balance changes at once, and a retry posts nothing.
            if await bill_time(uow, ticket, created, now):
                await record_balance_notices(uow, await uow.clients.get(ticket.client_id),
                                             now.date(), now)
            await uow.commit()
            return tuple(created)

    async def correct_time(self, entry_id: int, actor: Actor, minutes: int, description: str,
                           key: str) -> TimeEntry:
        """An entry is never edited: a correction is a new entry of +/- minutes pointing at it."""
        description = clean_text(description)
        if minutes == 0 or not description:
            raise DeskError("ws.err.correction")
        async with self._uow() as uow:
            staff = await self._member(uow, actor)
            done = await uow.workspace.time_by_key(key)
            if done:
                return done[0]
            original = await uow.workspace.time_entry(entry_id)
            if original is None or original.corrects_id is not None:
                raise DeskError("ws.err.correction")
            ticket = await self._ticket(uow, staff, original.ticket_id)
            already = sum(e.minutes for e in await uow.workspace.time_for_ticket(ticket.id)
                          if e.id == original.id or e.corrects_id == original.id)
            if already + minutes < 0:
                raise DeskError("ws.err.correction")
            now = self._clock.now()
            entry = await uow.workspace.add_time(TimeEntry(
                None, ticket.id, ticket.client_id, staff.id, minutes, original.category,
                description, workflow.period_of(now), key, now, corrects_id=original.id))
            await bill_time(uow, ticket, [entry], now)  # more time is billed, less is taken back
            await uow.commit()
            return entry

    # -- estimates -------------------------------------------------------------------------------

    async def propose_estimate(self, ticket_id: int, actor: Actor, minutes: int,
                               price: int) -> EstimateOffer:
        """Hours and price for new work; the client approves or declines it in the chat."""
        if minutes <= 0 or price < 0:
            raise DeskError("ws.err.estimate")
        async with self._uow() as uow:
            staff = await self._member(uow, actor)
            ticket = await self._ticket(uow, staff, ticket_id)
            if not ticket.status.is_open or ticket.status is S.AWAITING_CONFIRMATION:
                raise DeskError("ws.err.estimate_status")
            now = self._clock.now()
            estimate = await uow.workspace.add_estimate(Estimate(
                None, ticket.id, minutes, price, EstimateStatus.PROPOSED, staff.id, now))
            if ticket.status is not S.WAITING_FOR_CLIENT:
                ticket.status, ticket.updated_at = S.WAITING_FOR_CLIENT, now
                await uow.tickets.update(ticket)
            client = await uow.clients.get(ticket.client_id)
            outgoing = await self._outgoing(uow, ticket, client, staff)
            await uow.commit()
            return EstimateOffer(estimate, outgoing)

    async def decide_estimate(self, estimate_id: int, actor: Actor,
                              approve: bool) -> EstimateOffer:
        """The client's owner, coordinator or the requester approves or declines."""
        async with self._uow() as uow:
            estimate = await uow.workspace.estimate(estimate_id)
            ticket = await uow.tickets.get(estimate.ticket_id) if estimate else None
            if estimate is None or ticket is None:
                raise DeskError("err.ticket_gone")
            person = await uow.people.find(ticket.client_id, actor.platform, actor.user_id)
            if person is None or not (person.role in (PersonRole.OWNER, PersonRole.COORDINATOR)
                                      or person.id == ticket.requester_id):
                raise DeskError("ws.err.estimate_decider")
            if estimate.status is not EstimateStatus.PROPOSED:
                raise DeskError("ws.err.estimate_decided")
            now = self._clock.now()
            estimate.status = EstimateStatus.APPROVED if approve else EstimateStatus.DECLINED
            estimate.decided_by, estimate.decided_at = person.id, now
            await uow.workspace.decide_estimate(estimate)
            if ticket.status is S.WAITING_FOR_CLIENT:
                ticket.status = S.ACCEPTED if approve else S.CANCELLED
                ticket.assignee_id = None if approve else ticket.assignee_id
                ticket.updated_at = now
                await uow.tickets.update(ticket)
            client = await uow.clients.get(ticket.client_id)
            outgoing = await self._outgoing(uow, ticket, client)
            await uow.commit()
            return EstimateOffer(estimate, outgoing)

    # -- tickets on a client's behalf ------------------------------------------------------------

    async def new_on_behalf(self, actor: Actor, client_name: str, text_: str) -> Outgoing:
        """A request taken by phone or e-mail: a draft the client must confirm in their chat."""
        text_ = clean_text(text_)
        if not text_:
            raise DeskError("ws.new.usage")
        async with self._uow() as uow:
            staff = await self._member(uow, actor)
            client = await uow.clients.get_by_name(client_name)
            if client is None or (not staff.is_admin
                                  and not await uow.workspace.serves(staff.id, client.id)):
                raise DeskError("ws.err.no_such_client", name=client_name)
            chat = next((c for c in await uow.chats.for_client(client.id) if c.active), None)
            if chat is None:
                raise DeskError("ws.err.no_chat")
            now = self._clock.now()
            kind = Kind.TECHNICAL  # staff change it on the card; the client sees the price
            q = quote(client.plan, kind, now.date())
            ticket = await uow.tickets.add(Ticket(
                id=None, client_id=client.id,
                number=await uow.clients.next_ticket_number(client.id), kind=kind,
                status=S.AWAITING_CONFIRMATION, title=make_title(text_), text=text_,
                chat_id=chat.id, requester_id=None, coverage=q.coverage,
                hourly_rate=q.hourly_rate, confidence=1.0, created_at=now, updated_at=now,
                source="staff", assignee_id=staff.id,
            ))
            await uow.commit()
            return Outgoing(ticket, client, chat, None, staff.name)

    async def confirm_on_behalf(self, ticket_id: int, actor: Actor, yes: bool) -> Outgoing:
        """Only someone on the client's side confirms a ticket staff opened for them."""
        async with self._uow() as uow:
            ticket = await uow.tickets.get(ticket_id)
            if ticket is None:
                raise DeskError("err.ticket_gone")
            if await uow.staff.find(actor.platform, actor.user_id) is not None:
                raise DeskError("ws.err.client_confirms")
            # The buttons live in the client's chat: whoever presses them is the client's.
            person = await uow.people.find(ticket.client_id, actor.platform, actor.user_id)
            if person is None:
                person = await uow.people.add(Person(None, ticket.client_id, actor.platform,
                                                     actor.user_id, actor.name or "?"))
            if ticket.status is not S.AWAITING_CONFIRMATION:
                raise DeskError("err.already_confirmed", number=ticket.number)
            now = self._clock.now()
            ticket.status = S.ACCEPTED if yes else S.CANCELLED
            ticket.confirmed_at = now if yes else None
            ticket.requester_id, ticket.updated_at = person.id, now
            await uow.tickets.update(ticket)
            client = await uow.clients.get(ticket.client_id)
            outgoing = await self._outgoing(uow, ticket, client)
            await uow.commit()
            return outgoing

    # -- the knowledge base ----------------------------------------------------------------------

    async def kb(self, actor: Actor, words: str, *, platform: Platform | None = None,
                 chat_id: str | None = None) -> list[KbHit]:
        """Earlier answers matching all the words: in a client's chat, that client's; for
        staff in private, of every client they serve."""
        if not words.split():
            raise DeskError("ws.kb.usage")
        async with self._uow() as uow:
            if chat_id is not None:
                chat = await uow.chats.find(platform, chat_id)
                if chat is None or not chat.active:
                    raise DeskError("err.chat_not_linked")
                clients: list[int] | None = [chat.client_id]
            else:
                clients = await self._served(uow, await self._member(uow, actor))
            return list(await uow.workspace.kb_search(clients, words.split(), match_all=True,
                                                      limit=5))
