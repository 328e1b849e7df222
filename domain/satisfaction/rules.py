"""Rules."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from domain.kernel.model import Choice, Person, Ticket, TicketStatus
from domain.satisfaction.model import PREFIX, CsatCounts, CsatPolicy, CsatState, Score
from domain.tickets.model import Actor


def ask_verdict(ticket: Ticket, state: CsatState, now: datetime,
                policy: CsatPolicy = CsatPolicy()) -> str:
    """Whether a closed ticket's requester is asked now: "ask", "wait" (not yet), or why not
    ("reopened" covers rejected and cancelled too: only a done ticket is ever asked)."""
    if state.asked_at is not None or state.score is not None:
        return "asked"
    if ticket.status is not TicketStatus.DONE:
        return "reopened"
    if ticket.requester_id is None or ticket.chat_id is None or ticket.source == "import":
        return "nobody"
    if state.done_at is None:
        return "reopened"
    if now < state.done_at + policy.delay:
        return "wait"
    if now - state.done_at > policy.too_late:
        return "stale"
    return "ask"


def vote_refusal(requester: Person | None, actor: Actor, state: CsatState) -> str | None:
    """Why a press does not count (a text key), or None: only the requester votes, once."""
    if requester is None or requester.platform is not actor.platform \
            or requester.external_id != actor.user_id:
        return "csat.not_yours"
    if state.score is not None:
        return "csat.already"
    return None


def vote_key(ticket_id: int, score: Score) -> str:
    return f"{PREFIX}:{ticket_id}:{score.value}"


def parse_vote(data: str) -> tuple[int, Score] | None:
    prefix, _, rest = data.partition(":")
    tid, _, score = rest.partition(":")
    if prefix != PREFIX or not tid.isdigit() or score not in {s.value for s in Score}:
        return None
    return int(tid), Score(score)


# What a requester types in a chat without buttons (a WhatsApp group) to answer the question.
_TYPED = {"1": Score.UP, "👍": Score.UP, "2": Score.DOWN, "👎": Score.DOWN}
# Emoji variation selector and skin tones: "👍🏻" is still 👍.
_EMOJI_NOISE = dict.fromkeys([0xFE0F, *range(0x1F3FB, 0x1F400)])


def typed_score(text: str) -> Score | None:
    """'1' or 👍 is a 👍, '2' or 👎 a 👎 (also '1.', '2)', '👍🏽'); anything else is no vote."""
    cleaned = (text or "").translate(_EMOJI_NOISE).strip().rstrip(".)!").strip()
    return _TYPED.get(cleaned)


def vote_choices(ticket_id: int) -> tuple[Choice, ...]:
    return (Choice(vote_key(ticket_id, Score.UP), Score.UP.emoji, 0),
            Choice(vote_key(ticket_id, Score.DOWN), Score.DOWN.emoji, 0))


def csat_follow_up(ticket_id: int) -> str:
    return json.dumps({"do": "csat", "ticket": ticket_id})


def merge(counts: Sequence[CsatCounts]) -> CsatCounts:
    return CsatCounts(sum(c.up for c in counts), sum(c.down for c in counts))
