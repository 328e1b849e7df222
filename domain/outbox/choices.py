"""Choices in messengers without buttons: a draft ends with numbered options ("answer 1 to
confirm") and a typed number from someone allowed answers it.

`ChoiceDesk` asks every question through the outbox (domain/outbox.py), shaped for the chat's
messenger: buttons where it has them and they fit, otherwise a numbered list. Once the question
is sent it is remembered in `pending_choices` under its message id (the outbox's follow-up
calls `remember`). A WhatsApp button reply carries the option's number too, so both ways end
in the same `answer`.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from domain.intake.service import InboundMessage
from domain.kernel.model import (
    TICKET_KINDS,
    Choice,
    Disposition,
    Kind,
    Language,
    MediaKind,
    Message,
    Platform,
)
from domain.kernel.ports import (
    Capabilities,
    Clock,
    Messenger,
)
from domain.outbox.model import Outbound, PendingChoice
from domain.outbox.service import Post, outgoing
from domain.satisfaction.service import Satisfaction
from domain.texts import kind_name, t
from domain.tickets.model import Actor, DeskError, TicketView
from domain.tickets.service import Desk, accepted
from domain.uow import UnitOfWorkFactory
from domain.workspace.service import Workspace

log = logging.getLogger(__name__)

class DeskFollowUps:
    """Follow-ups through the desk's, the workspace's and the choice desk's own use cases."""

    def __init__(self, desk: Desk, workspace: Workspace, choices: ChoiceDesk | None = None,
                 satisfaction: Satisfaction | None = None) -> None:
        self._desk = desk
        self._workspace = workspace
        self._choices = choices
        self._satisfaction = satisfaction

    async def prepare(self, notice: Outbound) -> Outbound | None:
        spec = json.loads(notice.follow_up or "{}")
        if spec.get("do") == "csat" and self._satisfaction is not None:
            # A ticket reopened while its question waited for working hours is not asked.
            wanted = await self._satisfaction.still_wanted(int(spec["ticket"]))
            return notice if wanted else None
        if spec.get("do") != "draft":
            return notice
        prompt = await self._desk.unposted_prompt(int(spec["ticket"]))
        return None if prompt is None else replace(notice, text=prompt.text)

    async def sent(self, notice: Outbound, message_id: str) -> None:
        spec = json.loads(notice.follow_up or "{}")
        if spec.get("do") == "draft":
            await self._desk.record_prompt(int(spec["ticket"]), message_id, notice.text,
                                           str(spec["bot"]))
        elif spec.get("do") == "log":
            await self._workspace.record_outgoing(
                int(spec["ticket"]), message_id, notice.text, sender_id=str(spec["sender_id"]),
                sender_name=str(spec["sender_name"]),
                media=MediaKind(spec["media"]) if spec.get("media") else None)
        elif spec.get("do") == "csat" and self._satisfaction is not None:
            await self._satisfaction.asked(int(spec["ticket"]), message_id)
        elif spec.get("do") == "choice" and self._choices is not None:
            await self._choices.remember(notice.platform, notice.chat_id, message_id,
                                         int(spec["ticket"]), str(spec["asked_of"]),
                                         spec["options"], notice.text)


# Option keys of a draft; a kind is "s:<kind>". Short, because Telegram callback data is small.
CONFIRM, CHANGE_KIND, DECLINE, SET_KIND = "c", "k", "d", "s:"


_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[.)]?\s*$")


def parse_number(text: str) -> int | None:
    """'1', ' 2.', '3)' are answers; '1 шт', '100' and '12:30' are not."""
    match = _NUMBER.match(text or "")
    return int(match.group(1)) if match else None


def draft_choices(lang: Language, *, unsure: bool = False) -> tuple[Choice, ...]:
    """Confirm / change kind / not a request; with the kinds themselves when the kind of the
    draft is only a guess."""
    middle = kind_choices(lang) if unsure else (Choice(CHANGE_KIND, t(lang, "wa.opt.change_kind")),)
    return (Choice(CONFIRM, t(lang, "wa.opt.confirm")), *middle,
            Choice(DECLINE, t(lang, "wa.opt.decline")))


def kind_choices(lang: Language) -> tuple[Choice, ...]:
    return tuple(Choice(SET_KIND + kind.value, kind_name(lang, kind)) for kind in TICKET_KINDS)


def fits_buttons(capabilities: Capabilities, choices: Sequence[Choice]) -> bool:
    return capabilities.buttons and len(choices) <= capabilities.max_buttons


def numbered(lang: Language, text: str, choices: Sequence[Choice]) -> str:
    """The question with its options as numbers: 'Reply with a number: 1 — confirm, ...'."""
    options = ", ".join(f"{n} — {choice.label}" for n, choice in enumerate(choices, start=1))
    return f"{text}\n\n{t(lang, 'wa.reply_with_number', options=options)}"


@dataclass(slots=True)
class Answer:
    """What a typed number (or a button carrying it) did to a pending question."""

    choice: PendingChoice
    key: str
    view: TicketView | None = None
    duplicate: bool = False


class ChoiceDesk:
    """The desk for chats whose messenger may lack buttons: asks numbered questions and reads
    the answers; everything else goes to `Desk`."""

    def __init__(self, uow: UnitOfWorkFactory, desk: Desk, clock: Clock, *,
                 reaction_hours: int = 4, bot_id: str = "bot",
                 answer_window: timedelta = timedelta(days=1), post: Post | None = None) -> None:
        self._uow = uow
        self.post = post or Post(uow, clock)
        self._desk = desk
        self._clock = clock
        self._reaction_hours = reaction_hours
        self._bot_id = bot_id
        # A bare number answers the requester's own question only this long; WhatsApp lets a
        # business answer for 24 hours after the client's last message anyway.
        self._window = answer_window

    # -- asking -----------------------------------------------------------------------------

    async def ask(self, messenger: Messenger, chat_id: str, ticket_id: int, asked_of: str,
                  lang: Language, text: str, choices: Sequence[Choice], *,
                  reply_to: str | None = None) -> None:
        """Ask one question: buttons if they fit, else numbered; remembered either way once
        sent, since a WhatsApp button reply comes back as the option's number."""
        if fits_buttons(messenger.capabilities, choices):
            # Buttons carry the option's number as their key, so a tap reads like typing it.
            buttons = [Choice(str(n), c.label) for n, c in enumerate(choices, start=1)]
            sent_text = text
        else:
            buttons, sent_text = [], numbered(lang, text, choices)
        async with self._uow() as uow:
            await uow.choices.close_for_ticket(ticket_id)  # a new question supersedes the old
            await uow.commit()
        await self.post(outgoing(
            messenger.platform, chat_id, sent_text, self._clock.now(), choices=buttons,
            reply_to=reply_to, ticket_id=ticket_id, follow_up=json.dumps({
                "do": "choice", "ticket": ticket_id, "asked_of": asked_of,
                "options": [c.key for c in choices]})))

    async def remember(self, platform: Platform, chat_id: str, prompt_id: str, ticket_id: int,
                       asked_of: str, options: Sequence[str], text: str) -> None:
        """The question went out as `prompt_id`: a number typed in answer (or in reply to it)
        now finds it."""
        async with self._uow() as uow:
            await uow.choices.close_for_ticket(ticket_id)
            await uow.choices.add(PendingChoice(None, platform, chat_id, prompt_id, ticket_id,
                                                asked_of, tuple(options), self._clock.now()))
            await uow.commit()
        await self._desk.record_prompt(ticket_id, prompt_id, text, self._bot_id)

    async def ask_draft(self, messenger: Messenger, chat_id: str, ticket_id: int,
                        asked_of: str, lang: Language, text: str, *,
                        reply_to: str | None = None, unsure: bool = False) -> None:
        """The draft of a request with confirm / change kind / not a request."""
        await self.ask(messenger, chat_id, ticket_id, asked_of, lang, text,
                       draft_choices(lang, unsure=unsure), reply_to=reply_to)

    # -- answering --------------------------------------------------------------------------

    async def answer(self, msg: InboundMessage, messenger: Messenger) -> Answer | None:
        """If `msg` answers a pending question, do what was chosen and say so in the chat;
        None when it is no answer (then it is an ordinary message for intake)."""
        number = parse_number(msg.text)
        if number is None:
            return None
        async with self._uow() as uow:
            chat = await uow.chats.find(msg.platform, msg.chat_id)
            if chat is None or not chat.active:
                return None
            pending = await self._pending(uow, msg)
            if pending is None or pending.option(number) is None:
                return None
            if await uow.messages.exists(msg.platform, msg.chat_id, msg.message_id):
                return Answer(pending, pending.option(number), duplicate=True)
            # Stored before acting: a redelivered webhook finds it and changes nothing.
            await uow.messages.add(Message(
                id=None, platform=msg.platform, chat_external_id=msg.chat_id,
                external_id=msg.message_id, chat_id=chat.id, sender_external_id=msg.sender_id,
                sender_name=msg.sender_name, sent_at=msg.sent_at, text=msg.text,
                reply_to=msg.reply_to, disposition=Disposition.IGNORED,
            ))
            await uow.commit()
        key = pending.option(number)
        return Answer(pending, key, await self._apply(pending, key, msg, messenger))

    async def _pending(self, uow, msg: InboundMessage) -> PendingChoice | None:  # noqa: ANN001
        if msg.reply_to:
            pending = await uow.choices.for_prompt(msg.platform, msg.chat_id, msg.reply_to)
            return pending if pending is not None and not pending.answered else None
        return await uow.choices.latest_open(msg.platform, msg.chat_id, msg.sender_id,
                                             msg.sent_at - self._window)

    async def _apply(self, pending: PendingChoice, key: str, msg: InboundMessage,
                     messenger: Messenger) -> TicketView:
        actor = Actor(msg.platform, msg.sender_id, msg.sender_name)
        ticket_id, chat_id = pending.ticket_id, msg.chat_id
        if key == CONFIRM:
            view = await self._desk.confirm(ticket_id, actor)
            await self._close(ticket_id)
            await self.post.send(msg.platform, chat_id,
                                  accepted(view, actor.name, self._reaction_hours),
                                  reply_to=msg.message_id)
        elif key == DECLINE:
            view = await self._desk.decline(ticket_id, actor)
            await self._close(ticket_id)
            await self.post.send(msg.platform, chat_id, t(view.client.language, "declined",
                                                           by=actor.name),
                                  reply_to=msg.message_id)
        elif key == CHANGE_KIND:
            view = await self._desk.draft(ticket_id, actor)
            lang = view.client.language
            await self.ask(messenger, chat_id, ticket_id, pending.asked_of, lang,
                           t(lang, "choose_kind"), kind_choices(lang), reply_to=msg.message_id)
        elif key.startswith(SET_KIND):
            view = await self._desk.change_kind(ticket_id, Kind(key.removeprefix(SET_KIND)),
                                                actor)
            await self.ask_draft(messenger, chat_id, ticket_id, pending.asked_of,
                                 view.client.language, view.draft_text, reply_to=msg.message_id,
                                 unsure=view.ticket.kind_unsure)
        else:
            raise DeskError("err.bad_kind")
        return view

    async def _close(self, ticket_id: int) -> None:
        async with self._uow() as uow:
            await uow.choices.close_for_ticket(ticket_id)
            await uow.commit()


__all__ = [
    "Answer",
    "ChoiceDesk",
    "draft_choices",
    "fits_buttons",
    "kind_choices",
    "numbered",
    "parse_number",
]
