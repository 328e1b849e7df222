"""The cabinet's pure rules: login tokens, SLA badges, weekly spend, what a client may see of
the ledger."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo

from domain.billing.model import (
    BILLABLE_CATEGORY,
    BILLABLE_TYPES,
    Dispute,
    DisputeStatus,
    Entry,
    EntryType,
    Period,
)
from domain.cabinet.model import SOON, Event, EventKind, SlaState, SlaView, WeekBar
from domain.kernel.model import (
    Kind,
    Ticket,
    TicketStatus,
)
from domain.sla.model import Metric
from domain.workspace.model import Note, NoteKind


def new_login_token() -> tuple[str, str]:
    """(the token for the link, the hash that is stored): a leaked table logs nobody in."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sla_view(status: TicketStatus, due: dict[Metric, datetime | None], now: datetime) -> SlaView:
    """The nearest running deadline, and whether it is kept, close, or already missed."""
    if not status.is_open:
        return SlaView(SlaState.CLOSED)
    if status is TicketStatus.WAITING_FOR_CLIENT:
        return SlaView(SlaState.PAUSED)
    running = [d for d in due.values() if d is not None]
    if not running:
        return SlaView(SlaState.NONE)
    nearest = min(running)
    if nearest <= now:
        return SlaView(SlaState.BREACHED, nearest)
    return SlaView(SlaState.SOON if nearest - now <= SOON else SlaState.ON_TRACK, nearest)


def weekly_spend(entries: Sequence[Entry], period: Period, tz: tzinfo) -> list[WeekBar]:
    """Billable minutes of `period` per week and kind, reversals subtracted (in the week of
    the reversal), every week of the month present so the chart's axis is the calendar."""
    first = period.first_day
    last = period.shift(1).first_day - timedelta(days=1)
    starts: list[date] = []
    day = first
    while day <= last:
        starts.append(day)
        day = day + timedelta(days=7 - day.weekday())
    bars = {s: dict[Kind, int]() for s in starts}
    for entry in entries:
        if entry.period != period or entry.kind is None or entry.category != BILLABLE_CATEGORY:
            continue
        if entry.type in BILLABLE_TYPES:
            sign = 1
        elif entry.type is EntryType.REVERSAL:
            sign = -1
        else:
            continue
        local = entry.at.astimezone(tz).date()
        local = min(max(local, first), last)
        week = max(s for s in starts if s <= local)
        bars[week][entry.kind] = bars[week].get(entry.kind, 0) + sign * entry.minutes
    return [WeekBar(s, {k: m for k, m in bars[s].items() if m}) for s in starts]


def client_visible_entry(entry: Entry) -> bool:
    """What a client sees of our ledger: everything but our own unbilled time."""
    return not (entry.type is EntryType.TIME_DEBIT and entry.category != BILLABLE_CATEGORY)


def ticket_events(ticket: Ticket, messages: Sequence, notes: Sequence[Note],
                  entries: Sequence[Entry], disputes: Sequence[Dispute], *, staff_names: dict,
                  requester: str, shows_money: bool, can_dispute: bool,
                  for_staff: bool) -> list[Event]:
    """A ticket's history, oldest first: both directions of the chat, what staff recorded
    (reasons, service comments, proofs; test cases stay internal) and the time with its cost."""
    events = []
    if ticket.created_at is not None:
        events.append(Event(ticket.created_at, EventKind.CREATED, requester))
    if ticket.confirmed_at is not None:
        events.append(Event(ticket.confirmed_at, EventKind.CONFIRMED, requester))
    for m in messages:
        if not (m.text or m.media):
            continue
        kind = EventKind.STAFF_MESSAGE if m.from_staff else EventKind.CLIENT_MESSAGE
        events.append(Event(m.sent_at, kind, m.sender_name, m.text))
    for n in notes:
        if n.kind is NoteKind.TEST_CASE and not for_staff:
            continue
        events.append(Event(n.created_at, EventKind.NOTE, staff_names.get(n.staff_id, ""),
                            n.text, note=n.kind))
    if shows_money:
        by_entry = {d.entry_id: d for d in disputes}
        for e in entries:
            if e.ticket_id != ticket.id or e.type not in (*BILLABLE_TYPES, EntryType.REVERSAL):
                continue
            if not for_staff and not client_visible_entry(e):
                continue
            dispute = by_entry.get(e.id)
            events.append(Event(e.at, EventKind.TIME, staff_names.get(e.staff_id, ""), e.note,
                                entry=e, dispute=dispute,
                                disputable=can_dispute and e.billable and (
                                    dispute is None or dispute.status is not DisputeStatus.OPEN)))
    events.sort(key=lambda ev: ev.at)
    return events


def charged(entries: Sequence[Entry], ticket_id: int) -> tuple[int, int]:
    """(minutes, kopecks) the client was billed for one ticket, reversals subtracted."""
    minutes = amount = 0
    for e in entries:
        if e.ticket_id != ticket_id or e.category != BILLABLE_CATEGORY:
            continue
        if e.type in BILLABLE_TYPES:
            minutes, amount = minutes + e.minutes, amount - e.amount
        elif e.type is EntryType.REVERSAL:
            minutes, amount = minutes - e.minutes, amount - e.amount
    return minutes, amount
