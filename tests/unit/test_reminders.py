"""The reminder rules of seed 003, renewals and quiet hours, as pure decisions."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.calendars import parse_week, russian_calendar
from domain.billing.model import BalanceView, Period
from domain.kernel.model import BillingModel, Coverage, Kind, Ticket, TicketStatus
from domain.outbox.model import NoticeType
from domain.sla.model import ReminderPolicy, TicketFacts, hold_until
from domain.sla.rules import reminders_for, renewal_notice
from domain.workspace.model import Estimate, EstimateStatus

MSK = ZoneInfo("Europe/Moscow")
CAL = russian_calendar("Europe/Moscow", parse_week("mon-fri", "09:00-18:00", ""))
S = TicketStatus


def msk(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in November 2026 (Mon 2, Mon 9, Mon 16...; Wed 4 is a public holiday)."""
    return datetime(2026, 11, day, hour, minute, tzinfo=MSK).astimezone(UTC)


CONFIRMED = msk(9, 10)  # Monday 10:00


def ticket(status: TicketStatus = S.ACCEPTED, assignee: int | None = None,
           updated: datetime = CONFIRMED) -> Ticket:
    return Ticket(id=7, client_id=1, number=7, kind=Kind.TECHNICAL, status=status,
                  title="Телефония не работает", text="", chat_id=1, requester_id=1,
                  coverage=Coverage.COVERED, created_at=CONFIRMED, updated_at=updated,
                  confirmed_at=CONFIRMED, assignee_id=assignee)


def kinds(facts: TicketFacts, now: datetime) -> list[str]:
    return [r.key.split(":", 2)[0] + (":" + r.params["reason"] if "reason" in r.params else "")
            for r in reminders_for(facts, now, CAL, ReminderPolicy())]


WORK = ticket(S.IN_PROGRESS, assignee=3, updated=msk(9, 11))
ESTIMATE = Estimate(5, 7, 600, 3_000_000, EstimateStatus.PROPOSED, 3, msk(9, 12))


@pytest.mark.parametrize(("rule", "facts", "now", "expected"), [
    ("in progress, time logged recently: nothing",
     TicketFacts(WORK, last_time_at=msk(9, 14), last_staff_at=msk(9, 11)), msk(9, 17), []),
    ("in progress, no time for 4 working hours: the assignee is nudged",
     TicketFacts(WORK, last_staff_at=msk(9, 11)), msk(9, 15), ["no_time"]),
    ("the night does not count as idle time",
     TicketFacts(WORK, last_time_at=msk(9, 16), last_staff_at=msk(9, 11)), msk(10, 9, 30), []),
    ("accepted and untaken for 8 working hours",
     TicketFacts(ticket()), msk(10, 10), ["untaken"]),
    ("accepted, untaken for 7 working hours: not yet",
     TicketFacts(ticket()), msk(9, 17), []),
    ("the client wrote last, two working hours ago",
     TicketFacts(WORK, last_time_at=msk(9, 14), last_client_at=msk(9, 14),
                 last_staff_at=msk(9, 12)), msk(9, 16), ["client_waiting"]),
    ("the client's first message is the SLA clock's business, not a reminder",
     TicketFacts(ticket(), last_client_at=msk(9, 10)), msk(9, 13), []),
    ("three working days without a word to the client: a progress note",
     TicketFacts(replace(WORK, updated_at=msk(12, 9)), last_time_at=msk(12, 10),
                 last_staff_at=msk(9, 11)),
     msk(12, 12), ["progress_note"]),
    ("waiting for the client: no progress note is owed",
     TicketFacts(ticket(S.WAITING_FOR_CLIENT, 3, msk(9, 12)), last_staff_at=msk(9, 11)),
     msk(13, 12), []),
    ("an estimate unanswered for three working days: the client is nudged",
     TicketFacts(ticket(S.WAITING_FOR_CLIENT, 3, msk(9, 12)), last_staff_at=msk(9, 12),
                 estimate=ESTIMATE), msk(12, 12, 1), ["estimate_waiting"]),
    ("an estimate unanswered for two working days: not yet",
     TicketFacts(ticket(S.WAITING_FOR_CLIENT, 3, msk(9, 12)), last_staff_at=msk(9, 12),
                 estimate=ESTIMATE), msk(11, 12, 1), []),
    ("an approved estimate is never nudged",
     TicketFacts(ticket(S.WAITING_FOR_CLIENT, 3, msk(9, 12)), last_staff_at=msk(9, 12),
                 estimate=replace(ESTIMATE, status=EstimateStatus.APPROVED)), msk(13, 12), []),
    ("waiting for the client, but the client answered: a contradiction",
     TicketFacts(ticket(S.WAITING_FOR_CLIENT, 3, msk(9, 13)), last_client_at=msk(9, 13),
                 last_staff_at=msk(9, 12)), msk(9, 14), ["contradiction:client_answered"]),
    ("in progress with nobody assigned: a contradiction",
     TicketFacts(ticket(S.IN_PROGRESS, None, msk(9, 11)), last_time_at=msk(9, 11),
                 last_staff_at=msk(9, 11)), msk(9, 12), ["contradiction:no_assignee"]),
    ("in the queue with time logged: a contradiction",
     TicketFacts(ticket(S.ACCEPTED, None, msk(9, 10)), last_time_at=msk(9, 11),
                 last_staff_at=msk(9, 11)), msk(9, 12), ["contradiction:time_in_queue"]),
    ("a closed ticket owes nothing",
     TicketFacts(ticket(S.DONE, 3, msk(9, 11))), msk(20, 12), []),
])
def test_reminder_rules(rule, facts, now, expected):
    assert kinds(facts, now) == expected, rule


def test_the_same_situation_gives_the_same_key_so_it_is_recorded_once():
    facts = TicketFacts(WORK, last_staff_at=msk(9, 11))
    first = reminders_for(facts, msk(9, 15), CAL)
    later = reminders_for(facts, msk(9, 17), CAL)
    assert [r.key for r in first] == [r.key for r in later]


def test_an_untaken_ticket_is_nudged_again_every_eight_working_hours():
    # Working days of nine hours from Monday 10:00: 8.5 h by Tuesday 10:30, 17.5 h by Wednesday.
    keys = {r.key for day in (10, 11, 12) for r in reminders_for(TicketFacts(ticket()),
                                                                  msk(day, 10, 30), CAL)
            if r.kind is NoticeType.UNTAKEN}
    assert keys == {"untaken:7:1", "untaken:7:2", "untaken:7:3"}


def test_an_estimate_is_nudged_at_most_every_three_working_days():
    facts = TicketFacts(ticket(S.WAITING_FOR_CLIENT, 3, msk(9, 12)), estimate=ESTIMATE)
    first_seen: dict[str, datetime] = {}
    for hour in range(0, 24 * 14):
        now = msk(9, 12) + timedelta(hours=hour)
        for r in reminders_for(facts, now, CAL):
            first_seen.setdefault(r.key, now)
    # Proposed Monday 12:00, nine-hour days; the weekend and the holiday do not count.
    # 24 working hours each: Wednesday 18:00, next Monday 15:00, Thursday 12:00.
    assert first_seen == {"estimate_waiting:5:1": msk(11, 18), "estimate_waiting:5:2": msk(16, 15),
                          "estimate_waiting:5:3": msk(19, 12)}


def view(due: int, day: date) -> BalanceView:
    return BalanceView(1, BillingModel.MONTHLY, Period.of(day), 0, 0, 0, (), due,
                       date(day.year, day.month, 20), (Period.of(day).shift(1),))


@pytest.mark.parametrize(("day", "due", "expected"), [
    (12, 4_000_000, None),
    (13, 4_000_000, "renewal:1:2026-11:13"),
    (16, 4_000_000, "renewal:1:2026-11:13"),
    (18, 4_000_000, "renewal:1:2026-11:17"),  # a missed day sends only the latest reminder
    (20, 4_000_000, "renewal:1:2026-11:19"),
    (21, 4_000_000, "lapse:1:2026-11"),
    (19, 0, None),  # paid
    (25, 0, None),
])
def test_renewal_reminders_before_the_20th_and_a_lapse_after_it(day, due, expected):
    owed = renewal_notice(view(due, date(2026, 11, day)), date(2026, 11, day))
    assert (owed[1] if owed else None) == expected


@pytest.mark.parametrize(("kind", "now", "expected"), [
    (NoticeType.ESTIMATE_WAITING, msk(9, 22), msk(10, 9)),  # night: held to the morning
    (NoticeType.SUMMARY, msk(1, 10), msk(2, 9)),  # Sunday the 1st: held to Monday
    (NoticeType.RENEWAL, msk(3, 20), msk(5, 9)),  # the 4th is a public holiday
    (NoticeType.ESTIMATE_WAITING, msk(9, 11), msk(9, 11)),  # working hours: at once
    (NoticeType.SLA_BREACH, msk(9, 22), msk(9, 22)),  # breach-critical: never held
    (NoticeType.NO_TIME_LOGGED, msk(9, 22), msk(9, 22)),  # staff notices are not held
])
def test_client_notices_wait_for_working_hours_but_breaches_do_not(kind, now, expected):
    assert hold_until(CAL, now, kind) == expected


# -- the next reminder moment: what lets the sweep skip tickets that owe nothing ----------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from domain.sla.rules import next_reminder_at  # noqa: E402

OPEN = [S.ACCEPTED, S.IN_PROGRESS, S.NEEDS_TESTING, S.TESTING, S.WAITING_FOR_CLIENT]
offsets = st.none() | st.integers(0, 5 * 24 * 60).map(lambda m: CONFIRMED + timedelta(minutes=m))


@st.composite
def ticket_facts(draw: st.DrawFn) -> TicketFacts:
    updated = CONFIRMED + timedelta(minutes=draw(st.integers(0, 3 * 24 * 60)))
    base = ticket(draw(st.sampled_from(OPEN)), draw(st.sampled_from([None, 3])), updated)
    estimate = None
    if draw(st.booleans()):
        estimate = replace(ESTIMATE, created_at=draw(offsets) or CONFIRMED,
                           status=draw(st.sampled_from(list(EstimateStatus))))
    return TicketFacts(base, draw(offsets), draw(offsets), draw(offsets), estimate)


@settings(max_examples=60, deadline=None)
@given(ticket_facts())
def test_checking_a_ticket_only_at_its_next_reminder_moment_owes_the_same_reminders(facts):
    """Every 30 minutes for twelve days: the reminders found by looking at every step equal
    those found by looking only when the stored next moment has come."""
    steps = [CONFIRMED + timedelta(minutes=30 * i) for i in range(12 * 48)]
    every_step = {r.key for now in steps for r in reminders_for(facts, now, CAL)}
    scheduled: set[str] = set()
    remind_at: datetime | None = steps[0]
    for now in steps:
        if remind_at is not None and now >= remind_at:
            scheduled |= {r.key for r in reminders_for(facts, now, CAL)}
            remind_at = next_reminder_at(facts, now, CAL)
            assert remind_at is None or remind_at > now
    assert scheduled == every_step


def test_a_closed_ticket_has_no_next_reminder_moment():
    assert next_reminder_at(TicketFacts(ticket(S.DONE)), msk(9, 12), CAL) is None


def test_an_untaken_ticket_is_next_looked_at_after_eight_more_working_hours():
    # Confirmed Monday 10:00, hours 09-18 without lunch: 8 working hours end at 18:00; the
    # night does not count, so the next 8 end on Tuesday at 17:00.
    assert next_reminder_at(TicketFacts(ticket()), msk(9, 12), CAL) == msk(9, 18)
    assert next_reminder_at(TicketFacts(ticket()), msk(9, 18), CAL) == msk(10, 17)
