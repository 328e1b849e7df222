"""Use cases of the live desk: each opens one unit of work, commits, and returns plain results
that a messenger handler renders. Refusals are `DeskError`s carrying a text key."""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo

from domain.intake.model import MediaReading
from domain.intake.service import (
    InboundMessage,
    IntakeResult,
    IntakeService,
    MediaReader,
    confirmation_text,
    cost_text,
)
from domain.kernel.model import (
    BOT_SENDER,
    Chat,
    Client,
    Disposition,
    Kind,
    Language,
    Message,
    Person,
    PersonRole,
    Platform,
    Staff,
    Ticket,
    TicketStatus,
)
from domain.kernel.ports import Clock
from domain.kernel.rules import quote
from domain.onboarding.service import OnboardingError, link_chat, new_link_code
from domain.texts import kind_name, status_name, t
from domain.tickets.model import Actor, ChatTickets, DeskError, Prompt, TicketView
from domain.uow import UnitOfWork, UnitOfWorkFactory

# Readings done ahead and not yet used; a few hundred voice notes at most wait for their turn.
_READINGS_KEPT = 1000


class Desk:
    def __init__(self, uow: UnitOfWorkFactory, intake: IntakeService, clock: Clock, *,
                 media: MediaReader | None = None) -> None:
        self._uow = uow
        self._intake = intake
        self._clock = clock
        self._media = media
        # Readings done ahead of the update's own handling (`prefetch_media`), by message key.
        self._readings: dict[tuple[Platform, str, str], MediaReading] = {}

    # -- intake ---------------------------------------------------------------------------------

    async def receive(self, msg: InboundMessage) -> IntakeResult:
        """Store and judge one inbound message; committed before the result is returned.
        A voice note or a screenshot is read first (bounded in size and time), outside the
        unit of work."""
        reading = self._readings.pop((msg.platform, msg.chat_id, msg.message_id), None)
        if reading is None:
            reading = await self._read_media(msg)
        if reading is not None:
            msg = replace(msg, media_text=reading.text, media_note=reading.note)
        async with self._uow() as uow:
            result = await self._intake.process(uow, msg)
            await uow.commit()
        return result

    async def prefetch_media(self, msg: InboundMessage) -> None:
        """Read a message's voice note or screenshot ahead of its handling, outside of any
        transaction: the slow part never holds up other writers. `receive` then uses it."""
        key = (msg.platform, msg.chat_id, msg.message_id)
        if key in self._readings:
            return
        reading = await self._read_media(msg)
        if reading is not None:
            while len(self._readings) >= _READINGS_KEPT:  # never handled (e.g. a duplicate)
                del self._readings[next(iter(self._readings))]
            self._readings[key] = reading

    async def _read_media(self, msg: InboundMessage) -> MediaReading | None:
        if self._media is None or not self._media.wants(msg.media_ref):
            return None
        if not await self._from_a_client(msg):
            return None
        return await self._media.read(msg.media_ref)

    async def _from_a_client(self, msg: InboundMessage) -> bool:
        """Only a client's new message in a linked chat is worth reading: transcription costs
        money and carries what people said."""
        async with self._uow() as uow:
            chat = await uow.chats.find(msg.platform, msg.chat_id)
            return (chat is not None and chat.active
                    and not await uow.messages.exists(msg.platform, msg.chat_id, msg.message_id)
                    and await uow.staff.find(msg.platform, msg.sender_id) is None)

    async def edit(self, platform: Platform, chat_id: str, message_id: str,
                   text: str) -> IntakeResult:
        """An edited message: an unconfirmed draft it belongs to is redone."""
        async with self._uow() as uow:
            result = await self._intake.edit(uow, platform, chat_id, message_id, text)
            await uow.commit()
        return result

    async def record_prompt(self, ticket_id: int, message_id: str, text: str,
                            bot_id: str) -> None:
        """Remember the bot's confirmation message: later messages of the burst update it, and
        a reply to it joins the ticket."""
        async with self._uow() as uow:
            ticket = await uow.tickets.get(ticket_id, with_messages=False)
            chat = await uow.chats.get(ticket.chat_id) if ticket and ticket.chat_id else None
            if ticket is None or chat is None:
                return
            # The sender records this after sending, outside the chat's update order: a full
            # write of the ticket read above could undo a confirmation committed meanwhile.
            await uow.tickets.set_prompt(ticket.id, message_id)
            if not await uow.messages.exists(chat.platform, chat.external_id, message_id):
                await uow.messages.add(Message(
                    id=None, platform=chat.platform, chat_external_id=chat.external_id,
                    external_id=message_id, chat_id=chat.id, sender_external_id=bot_id,
                    sender_name=BOT_SENDER, sent_at=self._clock.now(), text=text, from_staff=True,
                    ticket_id=ticket.id, disposition=Disposition.OUTGOING,
                ))
            await uow.commit()

    async def unposted_prompt(self, ticket_id: int) -> Prompt | None:
        """The draft's current text, if it still awaits confirmation and was never posted."""
        async with self._uow() as uow:
            # The text needs the ticket's fields, not the ids of its messages.
            ticket = await uow.tickets.get(ticket_id, with_messages=False)
            if (ticket is None or ticket.prompt_message_id
                    or ticket.status is not TicketStatus.AWAITING_CONFIRMATION):
                return None
            client = await uow.clients.get(ticket.client_id)
            requester = await uow.people.get(ticket.requester_id) if ticket.requester_id else None
            return Prompt(confirmation_text(client, ticket, requester), client.language)

    # -- confirmation ---------------------------------------------------------------------------

    async def _draft_for(self, uow: UnitOfWork, ticket_id: int, actor: Actor) -> TicketView:
        ticket = await uow.tickets.get(ticket_id)
        if ticket is None:
            raise DeskError("err.ticket_gone")
        client = await uow.clients.get(ticket.client_id)
        requester = await uow.people.get(ticket.requester_id) if ticket.requester_id else None
        if not await self._may_decide(uow, ticket, requester, actor):
            raise DeskError("err.not_your_request")
        return TicketView(client, ticket, requester)

    async def _may_decide(self, uow: UnitOfWork, ticket: Ticket, requester: Person | None,
                          actor: Actor) -> bool:
        """The requester, the client's coordinator or owner, or staff may confirm a draft."""
        if await uow.staff.find(actor.platform, actor.user_id) is not None:
            return True
        person = await uow.people.find(ticket.client_id, actor.platform, actor.user_id)
        if person is None:
            return False
        if requester is not None and person.id == requester.id:
            return True
        return person.role in (PersonRole.COORDINATOR, PersonRole.OWNER)

    async def draft(self, ticket_id: int, actor: Actor) -> TicketView:
        """A draft still awaiting confirmation, for someone who may decide on it."""
        async with self._uow() as uow:
            view = await self._draft_for(uow, ticket_id, actor)
            if view.ticket.status is not TicketStatus.AWAITING_CONFIRMATION:
                raise DeskError("err.already_confirmed", number=view.ticket.number)
            return view

    async def confirm(self, ticket_id: int, actor: Actor) -> TicketView:
        """The requester agrees: the draft becomes an accepted ticket in the queue."""
        async with self._uow() as uow:
            view = await self._draft_for(uow, ticket_id, actor)
            ticket = view.ticket
            if ticket.status is TicketStatus.AWAITING_CONFIRMATION:
                now = self._clock.now()
                ticket.status, ticket.confirmed_at, ticket.updated_at = (
                    TicketStatus.ACCEPTED, now, now)
                await uow.tickets.update(ticket)
                await uow.commit()
            elif ticket.status in (TicketStatus.CANCELLED, TicketStatus.REJECTED):
                raise DeskError("err.already_declined")
            return view

    async def decline(self, ticket_id: int, actor: Actor) -> TicketView:
        """'Not a request': the draft is cancelled and nothing is charged."""
        async with self._uow() as uow:
            view = await self._draft_for(uow, ticket_id, actor)
            ticket = view.ticket
            if ticket.status is TicketStatus.AWAITING_CONFIRMATION:
                ticket.status, ticket.updated_at = TicketStatus.CANCELLED, self._clock.now()
                await uow.tickets.update(ticket)
                await uow.commit()
            elif ticket.status is not TicketStatus.CANCELLED:
                raise DeskError("err.already_confirmed", number=ticket.number)
            return view

    async def change_kind(self, ticket_id: int, kind: Kind, actor: Actor) -> TicketView:
        """The requester says what kind of request it is; the price follows the plan."""
        if not (kind.is_support or kind is Kind.NEW_WORK):
            raise DeskError("err.bad_kind")
        async with self._uow() as uow:
            view = await self._draft_for(uow, ticket_id, actor)
            ticket = view.ticket
            if ticket.status is not TicketStatus.AWAITING_CONFIRMATION:
                raise DeskError("err.already_confirmed", number=ticket.number)
            q = quote(view.client.plan, kind, ticket.created_at.date())
            ticket.kind, ticket.coverage, ticket.hourly_rate = kind, q.coverage, q.hourly_rate
            ticket.confidence = 1.0
            await uow.tickets.update(ticket)
            await uow.commit()
            return view

    # -- onboarding -----------------------------------------------------------------------------

    async def _staff(self, uow: UnitOfWork, actor: Actor) -> Staff:
        member = await uow.staff.find(actor.platform, actor.user_id)
        if member is None:
            raise DeskError("err.staff_only")
        return member

    async def link(self, code: str, platform: Platform, chat_id: str, title: str,
                   actor: Actor) -> Client:
        """A staff member binds this chat to the client that owns the one-time code."""
        async with self._uow() as uow:
            await self._staff(uow, actor)
            client = await uow.clients.get_by_link_code(code.strip().upper())
            if client is None:
                raise DeskError("err.bad_link_code")
            try:
                await link_chat(uow, client, platform, chat_id, title)
            except OnboardingError:
                raise DeskError("err.linked_elsewhere") from None
            await uow.clients.clear_link_code(client.id)
            await uow.commit()
            return client

    async def owner_invite(self, platform: Platform, chat_id: str, actor: Actor) -> str:
        """A one-time code for the client's owner to open a private chat with the bot."""
        async with self._uow() as uow:
            await self._staff(uow, actor)
            chat = await self._linked_chat(uow, platform, chat_id)
            code = new_link_code()
            await uow.clients.set_owner_code(chat.client_id, code)
            await uow.commit()
            return code

    async def bind_owner(self, code: str, actor: Actor) -> Client:
        """Whoever opens the owner's link becomes the client's owner; the link then dies."""
        async with self._uow() as uow:
            client = await uow.clients.get_by_owner_code(code.strip().upper())
            if client is None:
                raise DeskError("err.bad_owner_code")
            person = await uow.people.find(client.id, actor.platform, actor.user_id)
            if person is None:
                await uow.people.add(Person(None, client.id, actor.platform, actor.user_id,
                                            actor.name or "?", PersonRole.OWNER))
            else:
                await uow.people.set_role(person.id, PersonRole.OWNER.value)
            await uow.clients.set_owner_code(client.id, None)
            await uow.commit()
            return client

    async def is_linked(self, platform: Platform, chat_id: str) -> bool:
        async with self._uow() as uow:
            chat = await uow.chats.find(platform, chat_id)
            return chat is not None and chat.active

    async def _linked_chat(self, uow: UnitOfWork, platform: Platform, chat_id: str) -> Chat:
        chat = await uow.chats.find(platform, chat_id)
        if chat is None or not chat.active:
            raise DeskError("err.chat_not_linked")
        return chat

    # -- what a client may ask in the chat ------------------------------------------------------

    async def open_tickets(self, platform: Platform, chat_id: str) -> ChatTickets:
        async with self._uow() as uow:
            chat = await self._linked_chat(uow, platform, chat_id)
            client = await uow.clients.get(chat.client_id)
            tickets = [tk for tk in await uow.tickets.open_for_client(client.id)
                       if tk.status is not TicketStatus.AWAITING_CONFIRMATION]
            return ChatTickets(client, tickets)

    async def ticket(self, platform: Platform, chat_id: str, number: int) -> TicketView:
        async with self._uow() as uow:
            chat = await self._linked_chat(uow, platform, chat_id)
            client = await uow.clients.get(chat.client_id)
            ticket = await uow.tickets.by_number(client.id, number)
            if ticket is None:
                raise DeskError("err.no_such_ticket", number=number)
            requester = await uow.people.get(ticket.requester_id) if ticket.requester_id else None
            return TicketView(client, ticket, requester)

    async def client_of_chat(self, platform: Platform, chat_id: str) -> Client | None:
        async with self._uow() as uow:
            chat = await uow.chats.find(platform, chat_id)
            return await uow.clients.get(chat.client_id) if chat and chat.active else None

    # -- messenger housekeeping -----------------------------------------------------------------

    async def chat_migrated(self, platform: Platform, old_id: str, new_id: str) -> None:
        """A group became a supergroup: same chat, new id; history stays with it."""
        async with self._uow() as uow:
            chat = await uow.chats.find(platform, old_id)
            if chat is not None and await uow.chats.find(platform, new_id) is None:
                await uow.chats.rekey(chat.id, new_id)
                await uow.commit()

    async def bot_removed(self, platform: Platform, chat_id: str) -> None:
        async with self._uow() as uow:
            chat = await uow.chats.find(platform, chat_id)
            if chat is not None and chat.active:
                await uow.chats.set_active(chat.id, False)
                await uow.commit()


def accepted(view: TicketView, by: str, reaction_hours: int) -> str:
    lang = view.client.language
    return t(lang, "accepted", number=view.ticket.number, title=view.ticket.title,
             kind=kind_name(lang, view.ticket.kind), cost=cost_text(view.client, view.ticket), hours=reaction_hours,
             by=by)


def open_tickets(found: ChatTickets) -> str:
    lang = found.client.language
    if not found.tickets:
        return t(lang, "tickets.none")
    lines = [t(lang, "tickets.header", client=found.client.name)]
    lines += [t(lang, "tickets.line", number=tk.number, status=status_name(lang, tk.status),
                title=tk.title) for tk in found.tickets]
    return "\n".join(lines)


def ticket_details(view: TicketView, tz: ZoneInfo) -> str:
    lang: Language = view.client.language
    tk = view.ticket
    return t(lang, "ticket.details", number=tk.number, title=tk.title,
             kind=kind_name(lang, tk.kind), status=status_name(lang, tk.status),
             created=tk.created_at.astimezone(tz).strftime("%d.%m.%Y %H:%M"),
             requester=view.requester.name if view.requester else t(lang, "someone"))
