"""Customer satisfaction: once a ticket is done its requester is asked 👍 or 👎 (and may add a
word), once per ticket and only in the client's working hours; a 👎 goes at once to the staff
who answer for the client, so the conversation is picked up again.

The workspace marks a ticket `done_at` when it is closed; the sweep (scheduler/jobs.py) asks
for tickets whose moment has come, recording the question in the outbox held until the
client's working hours exactly like every other client notice (`reminders.hold_until`). The
question's buttons carry the ticket id; only the requester's press counts.
"""

from __future__ import annotations

import logging
from datetime import datetime

from domain.intake.service import InboundMessage
from domain.kernel.model import Chat, Client, Disposition, Message, Platform, Ticket, TicketStatus
from domain.kernel.ports import Clock
from domain.kernel.rules import clean_text
from domain.outbox.model import NoticeType
from domain.outbox.service import outgoing
from domain.satisfaction.model import CSAT_JOB, MAX_WORD, CsatPolicy, Score, Voted, Worded
from domain.satisfaction.rules import (
    ask_verdict,
    csat_follow_up,
    parse_vote,
    typed_score,
    vote_choices,
    vote_refusal,
)
from domain.sla.model import hold_until
from domain.sla.service import SlaService
from domain.texts import t
from domain.tickets.model import Actor, DeskError
from domain.uow import UnitOfWork, UnitOfWorkFactory

log = logging.getLogger(__name__)


class Satisfaction:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, sla: SlaService, *,
                 policy: CsatPolicy = CsatPolicy(), staff_chat: str | None = None) -> None:
        self._uow = uow
        self._clock = clock
        self._sla = sla
        self._policy = policy
        self._staff_chat = staff_chat

    async def ask_due(self, batch: int = 200) -> int:
        """Record the question for every closed ticket whose moment has come; returns how
        many were asked. Held until the client's working hours by the outbox row itself."""
        now = self._clock.now()
        asked = 0
        async with self._uow() as uow:
            if not await uow.notices.try_lock(CSAT_JOB):
                return 0
            for ticket_id in await uow.satisfaction.due(now - self._policy.delay, batch):
                ticket = await uow.tickets.get(ticket_id)
                state = await uow.satisfaction.get(ticket_id)
                verdict = "reopened" if ticket is None else ask_verdict(ticket, state, now,
                                                                       self._policy)
                if verdict == "wait":
                    continue
                if verdict != "ask" or not await self._ask(uow, ticket, now):
                    await uow.satisfaction.clear_due(ticket_id)
                    continue
                await uow.satisfaction.mark_asked(ticket_id, now)
                asked += 1
            await uow.commit()
        return asked

    async def _ask(self, uow: UnitOfWork, ticket: Ticket, now: datetime) -> bool:
        chat = await uow.chats.get(ticket.chat_id)
        requester = await uow.people.get(ticket.requester_id)
        client = await uow.clients.get(ticket.client_id)
        if chat is None or not chat.active or requester is None or client is None:
            return False
        lang = client.language
        # Telegram shows the buttons; WhatsApp shows Cloud API reply buttons or, in a group,
        # the numbered options, and the question says what to type.
        key = "csat.ask" if chat.platform is Platform.TELEGRAM else "csat.ask_wa"
        text = t(lang, key, name=requester.name, number=ticket.number, title=ticket.title)
        held = hold_until(await self._sla.calendar_for(uow, client.id), now, NoticeType.CSAT)
        reply_to = ticket.message_ids[0] if ticket.message_ids else None
        notice = outgoing(chat.platform, chat.external_id, text, now,
                          choices=vote_choices(ticket.id), reply_to=reply_to,
                          ticket_id=ticket.id, client_id=client.id, kind=NoticeType.CSAT,
                          key=f"{NoticeType.CSAT.value}:{ticket.id}",
                          follow_up=csat_follow_up(ticket.id))
        notice.not_before = held
        return await uow.notices.record(notice)

    async def still_wanted(self, ticket_id: int) -> bool:
        """Just before the question goes out: a ticket reopened meanwhile is not asked."""
        async with self._uow() as uow:
            ticket = await uow.tickets.get(ticket_id, with_messages=False)
            return ticket is not None and ticket.status is TicketStatus.DONE

    async def asked(self, ticket_id: int, message_id: str) -> None:
        """The question went out as `message_id`: a reply to it is the requester's word."""
        async with self._uow() as uow:
            await uow.satisfaction.set_prompt(ticket_id, message_id)
            await uow.commit()

    async def vote(self, ticket_id: int, actor: Actor, score: Score) -> Voted:
        """The requester's 👍 or 👎; anyone else, or a second vote, is refused politely."""
        async with self._uow() as uow:
            voted = await self._vote(uow, ticket_id, actor, score, self._clock.now())
            await uow.commit()
        return voted

    async def answer(self, msg: InboundMessage) -> Voted | None:
        """A typed answer in a chat without our buttons (WhatsApp): a Cloud API reply button
        carries the vote itself; in a Green-API group '1'/'2' or 👍/👎 answers the question
        it quotes, or, bare, the requester's own latest question (when no draft of theirs was
        asked since). None: not a vote (the choice desk and intake take it). The message is
        stored first, so a redelivered webhook changes nothing."""
        pressed = parse_vote(msg.text)
        score = pressed[1] if pressed else typed_score(msg.text)
        if score is None:
            return None
        actor = Actor(msg.platform, msg.sender_id, msg.sender_name)
        now = self._clock.now()
        async with self._uow() as uow:
            chat = await uow.chats.find(msg.platform, msg.chat_id)
            if chat is None or not chat.active:
                return None
            ticket_id = pressed[0] if pressed else await self._asked_of(uow, chat, msg)
            if ticket_id is None:
                return None
            if await uow.messages.exists(msg.platform, msg.chat_id, msg.message_id):
                return None  # a redelivery: it was answered the first time
            await uow.messages.add(Message(
                id=None, platform=msg.platform, chat_external_id=msg.chat_id,
                external_id=msg.message_id, chat_id=chat.id, sender_external_id=msg.sender_id,
                sender_name=msg.sender_name, sent_at=msg.sent_at, text=msg.text,
                reply_to=msg.reply_to, disposition=Disposition.IGNORED))
            try:
                voted = await self._vote(uow, ticket_id, actor, score, now)
            except DeskError:
                await uow.commit()  # the refusal is answered; the message stays stored
                raise
            await uow.commit()
        return voted

    async def _asked_of(self, uow: UnitOfWork, chat: Chat, msg: InboundMessage) -> int | None:
        if msg.reply_to:
            return await uow.satisfaction.by_prompt(chat.id, msg.reply_to)
        person = await uow.people.find(chat.client_id, msg.platform, msg.sender_id)
        if person is None:
            return None
        since = msg.sent_at - self._policy.answer_window
        asked = await uow.satisfaction.latest_asked(chat.id, person.id, since)
        if asked is None:
            return None
        # A draft asked after the question owns a bare "1" (it confirms the new request).
        draft = await uow.choices.latest_open(msg.platform, msg.chat_id, msg.sender_id, since)
        if draft is not None and draft.created_at > asked[1]:
            return None
        return asked[0]

    async def _vote(self, uow: UnitOfWork, ticket_id: int, actor: Actor, score: Score,
                    now: datetime) -> Voted:
        ticket = await uow.tickets.get(ticket_id, with_messages=False)
        if ticket is None:
            raise DeskError("csat.not_yours")
        requester = await uow.people.get(ticket.requester_id) if ticket.requester_id else None
        state = await uow.satisfaction.get(ticket_id)
        refusal = vote_refusal(requester, actor, state)
        if refusal is not None:
            raise DeskError(refusal)
        if not await uow.satisfaction.vote(ticket_id, score, now):
            raise DeskError("csat.already")
        client = await uow.clients.get(ticket.client_id)
        if score is Score.DOWN:  # with the word, if they replied before pressing
            await self._tell_leads(uow, ticket, client, requester.name, state.comment, now)
        text = t(client.language, f"csat.thanks_{score.value}", name=requester.name,
                 number=ticket.number, title=ticket.title)
        return Voted(ticket, client, score, requester.name, text)

    async def word(self, platform: Platform, chat_id: str, reply_to: str | None,
                   actor: Actor, text_: str) -> Worded | None:
        """A reply to the question by its requester is their word: stored on the ticket, and
        after a 👎 passed on to the staff. None: not such a reply (intake takes it)."""
        text_ = clean_text(text_)[:MAX_WORD]
        if not reply_to or not text_:
            return None
        now = self._clock.now()
        async with self._uow() as uow:
            chat = await uow.chats.find(platform, chat_id)
            ticket_id = await uow.satisfaction.by_prompt(chat.id, reply_to) if chat else None
            if ticket_id is None:
                return None
            ticket = await uow.tickets.get(ticket_id, with_messages=False)
            requester = await uow.people.get(ticket.requester_id) if ticket.requester_id \
                else None
            if requester is None or requester.external_id != actor.user_id:
                return None  # someone else answering the question: an ordinary message
            state = await uow.satisfaction.get(ticket_id)
            if state.comment:
                return None  # one word per ticket; later replies are ordinary messages
            await uow.satisfaction.set_comment(ticket_id, text_)
            client = await uow.clients.get(ticket.client_id)
            if state.score is Score.DOWN:
                await self._tell_leads(uow, ticket, client, requester.name, text_, now)
            await uow.commit()
        return Worded(ticket, client.language, t(client.language, "csat.word_thanks"))

    async def _tell_leads(self, uow: UnitOfWork, ticket: Ticket, client: Client, name: str,
                          word: str, now: datetime) -> None:
        """A 👎 (and then its word) to the admins and the staff who serve the client; the
        staff chat when none of them can be reached in private."""
        serving = set(await uow.workspace.servers_of(client.id))
        assignee = await uow.staff.get(ticket.assignee_id) if ticket.assignee_id else None
        leads = [s for s in await uow.staff.list()
                 if s.telegram_id and (s.is_admin or s.id in serving)]
        targets = [(s.telegram_id, s.language) for s in leads]
        if not targets and self._staff_chat:
            targets = [(self._staff_chat, client.language)]
        stage = "word" if word else "vote"
        for chat_id, lang in targets:
            text = t(lang, f"csat.lead_{stage}", client=client.name, number=ticket.number,
                     title=ticket.title, name=name, word=word,
                     assignee=assignee.name if assignee else t(lang, "csat.nobody"))
            await uow.notices.record(outgoing(
                Platform.TELEGRAM, chat_id, text, now, ticket_id=ticket.id,
                client_id=client.id, key=f"{NoticeType.CSAT.value}:{ticket.id}:{stage}:{chat_id}"))
