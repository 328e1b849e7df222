"""The intake pipeline: every channel (live bot, import, demo) turns chat messages into tickets
through `IntakeService`. It never commits; the caller owns the unit of work, so one update or a
whole batch of imported messages is one transaction."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from domain.intake.model import MediaLimits, MediaReading
from domain.intake.ports import ImageToText, MediaFiles, SpeechToText
from domain.intake.rules import (
    _AUDIO_SUFFIX,
    _NOT_TRANSCRIBED,
    _bounded,
    find_repeat,
    is_picture,
    is_voice,
    join_texts,
    refers_to_attachment,
    shows_error,
    tidy_ocr,
)
from domain.kernel.model import (
    Chat,
    Classification,
    Client,
    Coverage,
    Disposition,
    Kind,
    Language,
    MediaKind,
    MediaNote,
    MediaRef,
    Message,
    Person,
    Platform,
    RefusalReason,
    Ticket,
    TicketStatus,
    TriageContext,
)
from domain.kernel.ports import Classifier
from domain.kernel.rules import clean_text, make_title, quote
from domain.texts import coverage_text, kind_name, refusal, status_name, t
from domain.uow import UnitOfWork

# Classify at most this much of a message: a pasted 100 KB log says what it is in its first lines.
CLASSIFY_LIMIT = 4000


# Chatter this sure of itself never joins a burst ("thanks" after a request is not part of it).
CHATTER_CONFIDENCE = 0.8


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """A message as any channel delivers it, before anything is decided about it."""

    platform: Platform
    chat_id: str
    message_id: str
    sender_id: str
    sender_name: str
    sent_at: datetime
    text: str = ""
    media: MediaKind | None = None
    reply_to: str | None = None
    album_id: str | None = None
    thread_id: str | None = None
    forwarded: bool = False
    media_ref: MediaRef | None = None  # the file, when it may be read (voice, screenshot)
    media_text: str = ""  # what was heard or read in it (domain/media.py)
    media_note: MediaNote | None = None


class Outcome(enum.StrEnum):
    TICKET_CREATED = "ticket_created"  # a new draft awaiting the requester's confirmation
    JOINED_BURST = "joined_burst"  # part of the same person's request a moment ago
    JOINED_REPEAT = "joined_repeat"  # the same question as an open ticket
    JOINED_REPLY = "joined_reply"  # a reply to a message of an open ticket
    REFUSED = "refused"  # out of scope, refused politely
    IGNORED = "ignored"  # chatter
    PENDING = "pending"  # media waiting for the text of its burst
    STAFF = "staff"  # written by the integrator's staff
    DUPLICATE = "duplicate"  # delivered before; nothing changed
    UNKNOWN_CHAT = "unknown_chat"  # not linked to a client; nothing stored


@dataclass(slots=True)
class IntakeResult:
    outcome: Outcome
    message: Message | None = None
    ticket: Ticket | None = None
    reply: str | None = None  # what the bot would post in the chat, if anything
    classification: Classification | None = None
    language: Language | None = None  # the client's language, for whatever is posted

    @property
    def reason(self) -> RefusalReason | None:
        return self.classification.reason if self.classification else None


@dataclass(frozen=True, slots=True)
class IntakePolicy:
    burst_window: timedelta = timedelta(minutes=3)  # counted from the request's first message
    repeat_threshold: float = 0.6
    repeat_horizon: timedelta = timedelta(days=30)
    repeat_candidates: int = 200


class IntakeService:
    """Stores each message first, then decides: ticket, join, refusal, or nothing."""

    def __init__(self, classifier: Classifier, policy: IntakePolicy | None = None) -> None:
        self._classifier = classifier
        self._policy = policy or IntakePolicy()

    async def process(self, uow: UnitOfWork, msg: InboundMessage) -> IntakeResult:
        """Take one inbound message through the pipeline inside the caller's transaction."""
        chat = await uow.chats.find(msg.platform, msg.chat_id)
        if chat is None or not chat.active:
            return IntakeResult(Outcome.UNKNOWN_CHAT)
        if await uow.messages.exists(msg.platform, msg.chat_id, msg.message_id):
            return IntakeResult(Outcome.DUPLICATE)
        client = await uow.clients.get(chat.client_id)
        assert client is not None, "a chat always belongs to a client"
        if client.archived_at is not None:  # an archived client is no longer served
            return IntakeResult(Outcome.UNKNOWN_CHAT)
        result = await self._judge(uow, msg, chat, client)
        result.language = client.language
        return result

    async def _judge(self, uow: UnitOfWork, msg: InboundMessage, chat: Chat,
                     client: Client) -> IntakeResult:
        text = clean_text(msg.text)
        heard = clean_text(msg.media_text)
        message = Message(
            id=None,
            platform=msg.platform,
            chat_external_id=msg.chat_id,
            external_id=msg.message_id,
            chat_id=chat.id,
            sender_external_id=msg.sender_id,
            sender_name=msg.sender_name,
            sent_at=msg.sent_at,
            text=text,
            media=msg.media,
            reply_to=msg.reply_to,
            album_id=msg.album_id,
            media_text=heard,
            media_note=msg.media_note,
        )

        if await uow.staff.find(msg.platform, msg.sender_id) is not None:
            return await self._staff_message(uow, message)

        person = await uow.people.find(client.id, msg.platform, msg.sender_id)
        if person is None:
            person = await uow.people.add(
                Person(None, client.id, msg.platform, msg.sender_id, msg.sender_name)
            )

        replied = await self._replied_ticket(uow, msg)
        if replied is not None:
            return await self._join(uow, message, replied, person, Outcome.JOINED_REPLY,
                                    client.language)

        since = msg.sent_at - self._policy.burst_window
        # A question repeats a ticket someone is still working on, not one that has been
        # silent for months; and the candidates stay few however much history a client has.
        open_tickets = await uow.tickets.open_for_client(
            client.id, active_since=msg.sent_at - self._policy.repeat_horizon,
            limit=self._policy.repeat_candidates)
        draft = latest_draft(open_tickets, chat.id, person.id, since)
        # A voice note's words are its text; a screenshot's text counts on its own only when it
        # shows an error (any other picture still waits for the words of its burst).
        error_shot = shows_media_error(message)
        if message.media_note is MediaNote.TRANSCRIBED or error_shot:
            text = message.full_text
        if not text:
            if draft is not None and msg.media is not None:
                return await self._join(uow, message, draft, person, Outcome.JOINED_BURST,
                                        client.language)
            # Media alone waits for the text of its burst; an empty message is just kept.
            pending = msg.media is not None
            message.disposition = Disposition.PENDING if pending else Disposition.IGNORED
            await uow.messages.add(message)
            return IntakeResult(Outcome.PENDING if pending else Outcome.IGNORED, message)

        verdict = await self._classifier.classify(
            text[:CLASSIFY_LIMIT],
            TriageContext(
                client_id=client.id,
                recent_messages=(draft.text[-CLASSIFY_LIMIT:],) if draft else (),
                open_tickets=tuple((tk.number, tk.title) for tk in open_tickets),
            ),
        )
        if error_shot and verdict.kind is not Kind.OUT_OF_SCOPE:
            verdict = replace(verdict, kind=Kind.TECHNICAL)
        message.kind, message.confidence = verdict.kind, verdict.confidence

        if draft is not None and self._continues(verdict, text, draft):
            return await self._join(uow, message, draft, person, Outcome.JOINED_BURST,
                                    client.language, reclassify=True)
        if verdict.kind is Kind.NOISE:
            message.disposition = Disposition.IGNORED
            await uow.messages.add(message)
            return IntakeResult(Outcome.IGNORED, message, classification=verdict)
        if verdict.kind is Kind.OUT_OF_SCOPE:
            message.disposition, message.reason = Disposition.REFUSED, verdict.reason
            await uow.messages.add(message)
            reply = refusal(client.language, verdict.reason, person.name)
            return IntakeResult(Outcome.REFUSED, message, reply=reply, classification=verdict)

        repeated = self._repeat_of(verdict, text, open_tickets)
        if repeated is not None:
            result = await self._join(uow, message, repeated, person, Outcome.JOINED_REPEAT,
                                      client.language)
            result.classification = verdict
            return result
        return await self._open_ticket(uow, client, chat, person, message, verdict)

    async def edit(
        self, uow: UnitOfWork, platform: Platform, chat_id: str, message_id: str, new_text: str
    ) -> IntakeResult:
        """An edited message: its text is kept; an unconfirmed draft it belongs to is redone."""
        stored = await uow.messages.get(platform, chat_id, message_id)
        if stored is None:
            return IntakeResult(Outcome.UNKNOWN_CHAT)
        text = clean_text(new_text)
        await uow.messages.update_text(stored.id, text)
        stored.text = text
        if stored.ticket_id is None:
            return IntakeResult(Outcome.DUPLICATE, stored)
        ticket = await uow.tickets.get(stored.ticket_id)
        if ticket is None or ticket.status is not TicketStatus.AWAITING_CONFIRMATION:
            return IntakeResult(Outcome.DUPLICATE, stored, ticket)
        client = await uow.clients.get(ticket.client_id)
        parts = [m.full_text for m in await uow.messages.for_ticket(ticket.id)]
        ticket.text = join_texts(parts)
        ticket.title = make_title(ticket.text)
        await self._reclassify(ticket, client)
        await uow.tickets.update(ticket)
        person = await uow.people.get(ticket.requester_id) if ticket.requester_id else None
        return IntakeResult(Outcome.TICKET_CREATED, stored, ticket,
                            reply=confirmation_text(client, ticket, person))

    # -- steps -------------------------------------------------------------------------------

    async def _staff_message(self, uow: UnitOfWork, message: Message) -> IntakeResult:
        message.from_staff = True
        message.disposition = Disposition.STAFF
        if message.reply_to:
            target = await uow.messages.get(message.platform, message.chat_external_id,
                                            message.reply_to)
            if target is not None:
                message.ticket_id = target.ticket_id
        await uow.messages.add(message)
        return IntakeResult(Outcome.STAFF, message)

    async def _replied_ticket(self, uow: UnitOfWork, msg: InboundMessage) -> Ticket | None:
        if not msg.reply_to:
            return None
        target = await uow.messages.get(msg.platform, msg.chat_id, msg.reply_to)
        if target is None or target.ticket_id is None:
            return None
        ticket = await uow.tickets.get(target.ticket_id, with_messages=False)
        return ticket if ticket is not None and ticket.status.is_open else None

    def _continues(self, verdict: Classification, text: str, draft: Ticket) -> bool:
        """Is this message part of the same person's request a moment ago?"""
        if verdict.continues_previous is not None:
            return verdict.continues_previous
        if verdict.kind is Kind.OUT_OF_SCOPE:
            return False
        if verdict.kind is Kind.NOISE:
            return refers_to_attachment(text) or verdict.confidence < CHATTER_CONFIDENCE
        return True

    def _repeat_of(
        self, verdict: Classification, text: str, open_tickets: list[Ticket] | tuple[Ticket, ...]
    ) -> Ticket | None:
        if verdict.repeats_ticket is not None:
            hinted = [tk for tk in open_tickets if tk.number == verdict.repeats_ticket]
            if hinted:
                return hinted[0]
        return find_repeat(
            text, ((tk, tk.text) for tk in open_tickets), threshold=self._policy.repeat_threshold
        )

    async def _join(
        self,
        uow: UnitOfWork,
        message: Message,
        ticket: Ticket,
        person: Person,
        outcome: Outcome,
        lang: Language,
        *,
        reclassify: bool = False,
    ) -> IntakeResult:
        message.ticket_id = ticket.id
        message.disposition = Disposition.JOINED
        await uow.messages.add(message)
        ticket.message_ids.append(message.external_id)
        ticket.last_client_message_at = message.sent_at
        ticket.updated_at = message.sent_at
        client = await uow.clients.get(ticket.client_id)
        reply: str | None = None
        # Only the requester's own burst rewrites the draft; replies and repeats are kept on
        # the ticket without growing the text the requester is asked to confirm.
        if message.full_text and ticket.status is TicketStatus.AWAITING_CONFIRMATION and (
            outcome is Outcome.JOINED_BURST
        ):
            ticket.text = join_texts([ticket.text, message.full_text])
            if not ticket.title:
                ticket.title = make_title(ticket.text)
            if shows_media_error(message):
                _make_technical(ticket, client)
            elif reclassify or ticket.kind is Kind.NOISE:
                await self._reclassify(ticket, client)
            requester = await uow.people.get(ticket.requester_id) if ticket.requester_id else None
            reply = confirmation_text(client, ticket, requester or person)
        if outcome is Outcome.JOINED_REPEAT:
            ticket.repeats += 1
            reply = t(lang, "confirm.repeat", number=ticket.number, title=ticket.title,
                      status=status_name(lang, ticket.status))
        await uow.tickets.update(ticket)
        return IntakeResult(outcome, message, ticket, reply=reply)

    async def _reclassify(self, ticket: Ticket, client: Client) -> None:
        """Judge a grown draft as a whole; keep the old kind if the whole reads as chatter."""
        verdict = await self._classifier.classify(ticket.text[:CLASSIFY_LIMIT])
        if verdict.kind is not ticket.kind and (verdict.kind.is_support
                                                or verdict.kind is Kind.NEW_WORK):
            ticket.kind, ticket.confidence = verdict.kind, verdict.confidence
            q = quote(client.plan, ticket.kind, ticket.created_at.date())
            ticket.coverage, ticket.hourly_rate = q.coverage, q.hourly_rate

    async def _open_ticket(
        self,
        uow: UnitOfWork,
        client: Client,
        chat: Chat,
        person: Person,
        message: Message,
        verdict: Classification,
    ) -> IntakeResult:
        # Photos sent just before the text ("photo, then: see, it fails") belong to it.
        earlier = await uow.messages.pending_media(
            chat.id, message.sender_external_id, message.sent_at - self._policy.burst_window
        )
        q = quote(client.plan, verdict.kind, message.sent_at.date())
        ticket = await uow.tickets.add(
            Ticket(
                id=None,
                client_id=client.id,
                number=await uow.clients.next_ticket_number(client.id),
                kind=verdict.kind,
                status=TicketStatus.AWAITING_CONFIRMATION,
                title=verdict.title or make_title(message.full_text),
                text=join_texts([message.full_text, *(m.media_text for m in earlier)]),
                chat_id=chat.id,
                requester_id=person.id,
                coverage=q.coverage,
                hourly_rate=q.hourly_rate,
                confidence=verdict.confidence,
                created_at=message.sent_at,
                updated_at=message.sent_at,
                last_client_message_at=message.sent_at,
            )
        )
        if earlier:
            await uow.messages.attach([m.id for m in earlier], ticket.id)
            ticket.message_ids.extend(m.external_id for m in earlier)
        message.ticket_id = ticket.id
        message.disposition = Disposition.TICKET
        await uow.messages.add(message)
        ticket.message_ids.append(message.external_id)
        return IntakeResult(
            Outcome.TICKET_CREATED,
            message,
            ticket,
            reply=confirmation_text(client, ticket, person),
            classification=verdict,
        )


def latest_draft(open_tickets: Sequence[Ticket], chat_id: int, requester_id: int,
                 since: datetime) -> Ticket | None:
    """The requester's unconfirmed request in this chat that is still within its burst."""
    # A burst is counted from the request's first message: someone who writes every two
    # minutes all day is making several requests, not growing one without end.
    drafts = [tk for tk in open_tickets
              if tk.status is TicketStatus.AWAITING_CONFIRMATION and tk.chat_id == chat_id
              and tk.requester_id == requester_id and tk.created_at is not None
              and tk.created_at >= since]
    return max(drafts, key=lambda tk: tk.created_at, default=None)


def shows_media_error(message: Message) -> bool:
    """A screenshot whose text is an error message: the request is a technical one."""
    return message.media_note is MediaNote.RECOGNIZED and shows_error(message.media_text)


def _make_technical(ticket: Ticket, client: Client) -> None:
    if ticket.kind is not Kind.TECHNICAL:
        ticket.kind = Kind.TECHNICAL
        q = quote(client.plan, ticket.kind, ticket.created_at.date())
        ticket.coverage, ticket.hourly_rate = q.coverage, q.hourly_rate


def cost_text(client: Client, ticket: Ticket) -> str:
    """What the ticket costs under the client's plan, as one line for people."""
    q = quote(client.plan, ticket.kind, ticket.created_at.date())
    return coverage_text(
        client.language,
        ticket.coverage,
        model=client.plan.model.value if client.plan else None,
        hourly_rate=ticket.hourly_rate,
        free_reason=q.free_reason if q.coverage is ticket.coverage else None,
    )


def confirmation_text(client: Client, ticket: Ticket, person: Person | None) -> str:
    """The draft the requester is asked to confirm: title, kind and what it will cost."""
    lang = client.language
    name = person.name if person else t(lang, "someone")
    cost = cost_text(client, ticket)
    if ticket.coverage is Coverage.ESTIMATE:
        text = t(lang, "confirm.estimate", name=name, title=ticket.title,
                 cost=cost[:1].upper() + cost[1:])
    else:
        text = t(lang, "confirm.request", name=name, title=ticket.title,
                 kind=kind_name(lang, ticket.kind), cost=cost)
    if ticket.kind_unsure:
        text += "\n" + t(lang, "confirm.unsure")
    return text


__all__ = [
    "InboundMessage",
    "IntakePolicy",
    "IntakeResult",
    "IntakeService",
    "Outcome",
    "confirmation_text",
    "cost_text",
]


class MediaReader:
    """Turns a voice note into words and a screenshot into its text, within the limits."""

    def __init__(self, files: MediaFiles, *, speech: SpeechToText | None = None,
                 images: ImageToText | None = None, limits: MediaLimits | None = None) -> None:
        self._files = files
        self._speech = speech
        self._images = images
        self._limits = limits or MediaLimits()

    def wants(self, ref: MediaRef | None) -> bool:
        """Is there anything to do for this media? (A voice note always gets a note.)"""
        return ref is not None and (is_voice(ref) or (is_picture(ref) and self._images is not None))

    async def read(self, ref: MediaRef) -> MediaReading:
        try:
            if is_voice(ref):
                return await self._voice(ref)
            if is_picture(ref) and self._images is not None:
                return await self._picture(ref, self._images)
        except Exception:  # noqa: BLE001 - the ports promise not to raise; the message is kept
            return _NOT_TRANSCRIBED if is_voice(ref) else MediaReading()
        return MediaReading()

    async def _voice(self, ref: MediaRef) -> MediaReading:
        limit = self._limits.voice_max_bytes
        if self._speech is None or (ref.size is not None and ref.size > limit):
            return _NOT_TRANSCRIBED
        audio = await self._files.fetch(ref, limit)
        if not audio:
            return _NOT_TRANSCRIBED
        suffix = _AUDIO_SUFFIX.get((ref.mime_type or "").split(";")[0], "ogg")
        words = _bounded(await self._speech.transcribe(audio, f"voice.{suffix}"))
        return MediaReading(words, MediaNote.TRANSCRIBED) if words else _NOT_TRANSCRIBED

    async def _picture(self, ref: MediaRef, images: ImageToText) -> MediaReading:
        limit = self._limits.image_max_bytes
        if ref.size is not None and ref.size > limit:
            return MediaReading()
        image = await self._files.fetch(ref, limit)
        if not image:
            return MediaReading()
        text = _bounded(tidy_ocr(await images.read(image) or ""))
        return MediaReading(text, MediaNote.RECOGNIZED) if text else MediaReading()
