"""The SLA clock as a pure function: worked examples, then properties that must always hold."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calendars import parse_week, russian_calendar
from domain.kernel.calendar import is_working_time
from domain.kernel.model import Kind, TicketStatus
from domain.sla.model import (
    EventKind,
    Metric,
    SlaEvent,
    SlaPolicy,
    SlaTargets,
    Target,
    TicketHistory,
    TimerState,
    breach_state,
    compute_deadlines,
    deadline,
    select_policy,
)

MSK = ZoneInfo("Europe/Moscow")
CAL = russian_calendar("Europe/Moscow", parse_week("mon-fri", "09:00-18:00", "13:00-14:00"))
H = 60
TARGETS = SlaTargets(first_reaction=Target(4 * H), next_reply=Target(2 * H),
                     progress_update=Target(16 * H), resolution=Target(8 * H))


def msk(*args: int) -> datetime:
    return datetime(*args, tzinfo=MSK).astimezone(UTC)


def client(at: datetime) -> SlaEvent:
    return SlaEvent(at, EventKind.CLIENT_MESSAGE)


def staff(at: datetime) -> SlaEvent:
    return SlaEvent(at, EventKind.STAFF_REPLY)


def bot(at: datetime) -> SlaEvent:
    return SlaEvent(at, EventKind.BOT_MESSAGE)


def status(at: datetime, new: TicketStatus) -> SlaEvent:
    return SlaEvent(at, EventKind.STATUS, new)


WAIT, WORK, DONE = TicketStatus.WAITING_FOR_CLIENT, TicketStatus.IN_PROGRESS, TicketStatus.DONE
TUE = (2026, 3, 3)  # an ordinary Tuesday


@pytest.mark.parametrize(
    ("confirmed", "events", "metric", "due", "why"),
    [
        (msk(*TUE, 10, 0), [], Metric.FIRST_REACTION, msk(*TUE, 15, 0),
         "four working hours skip the lunch break"),
        (msk(2026, 3, 13, 17, 30), [], Metric.FIRST_REACTION, msk(2026, 3, 16, 12, 30),
         "Friday evening runs on into Monday"),
        (msk(*TUE, 20, 0), [], Metric.FIRST_REACTION, msk(2026, 3, 4, 13, 0),
         "a confirmation at night starts counting next morning"),
        (msk(2025, 12, 30, 16, 0), [], Metric.FIRST_REACTION, msk(2026, 1, 12, 11, 0),
         "the New Year holidays do not count"),
        (msk(2025, 10, 31, 16, 0), [], Metric.FIRST_REACTION, msk(2025, 11, 1, 11, 0),
         "a transferred working Saturday counts"),
        (msk(*TUE, 9, 0), [status(msk(*TUE, 10, 0), WAIT), status(msk(2026, 3, 4, 10, 0), WORK)],
         Metric.RESOLUTION, msk(2026, 3, 4, 18, 0),
         "resolution pauses while waiting for the client"),
        (msk(*TUE, 9, 0), [status(msk(*TUE, 10, 0), WAIT), status(msk(2026, 3, 4, 10, 0), WORK)],
         Metric.FIRST_REACTION, msk(*TUE, 13, 0),
         "reply timers do not pause while waiting for the client"),
        (msk(*TUE, 9, 0), [staff(msk(*TUE, 9, 30)), client(msk(*TUE, 11, 0)),
                           client(msk(*TUE, 12, 30))],
         Metric.NEXT_REPLY, msk(*TUE, 13, 0),
         "the next reply is owed from the oldest unanswered client message"),
        (msk(*TUE, 9, 0), [staff(msk(*TUE, 9, 30)), client(msk(*TUE, 11, 0)),
                           staff(msk(*TUE, 11, 30)), client(msk(*TUE, 15, 0))],
         Metric.NEXT_REPLY, msk(*TUE, 17, 0),
         "a staff reply restarts the next-reply timer at the next client message"),
        (msk(*TUE, 9, 0), [staff(msk(*TUE, 12, 0))], Metric.PROGRESS_UPDATE,
         msk(2026, 3, 5, 12, 0), "a staff message restarts the progress-update timer"),
    ],
)
def test_deadlines(confirmed, events, metric, due, why):
    deadlines = compute_deadlines(CAL, TARGETS, TicketHistory(confirmed, tuple(events)))
    assert deadlines.timers[metric].due == due, why


def test_the_clock_starts_at_confirmation_not_at_the_first_message():
    deadlines = compute_deadlines(CAL, TARGETS, TicketHistory(None, (client(msk(*TUE, 9, 0)),)))
    assert deadlines.timers == {}


def test_bot_messages_never_meet_a_reply_timer():
    history = TicketHistory(msk(*TUE, 10, 0), (bot(msk(*TUE, 10, 1)),))
    timer = compute_deadlines(CAL, TARGETS, history).timers[Metric.FIRST_REACTION]
    assert timer.met_at is None and timer.running


def test_a_staff_reply_meets_the_first_reaction_and_stops_it():
    history = TicketHistory(msk(*TUE, 10, 0), (staff(msk(*TUE, 11, 0)),))
    deadlines = compute_deadlines(CAL, TARGETS, history)
    assert deadlines.timers[Metric.FIRST_REACTION].met_at == msk(*TUE, 11, 0)
    assert deadlines.due(Metric.FIRST_REACTION) is None  # nothing left for the sweep
    assert Metric.NEXT_REPLY not in deadlines.timers  # nobody is waiting for an answer


def test_a_ticket_waiting_for_the_client_has_no_work_deadline_until_it_resumes():
    history = TicketHistory(msk(*TUE, 9, 0), (status(msk(*TUE, 10, 0), WAIT),))
    deadlines = compute_deadlines(CAL, TARGETS, history)
    timer = deadlines.timers[Metric.RESOLUTION]
    assert timer.due is None and timer.remaining == timedelta(hours=7)
    assert deadlines.paused_since == msk(*TUE, 10, 0)
    assert breach_state(msk(2026, 4, 1, 12, 0), deadlines)[Metric.RESOLUTION].state \
        is TimerState.PAUSED


def test_a_breach_before_the_pause_stays_a_breach():
    history = TicketHistory(msk(*TUE, 9, 0), (status(msk(2026, 3, 5, 10, 0), WAIT),))
    deadlines = compute_deadlines(CAL, TARGETS, history)
    assert deadlines.timers[Metric.RESOLUTION].due == msk(*TUE, 18, 0)


def test_a_policy_change_recomputes_from_the_original_start():
    history = TicketHistory(msk(*TUE, 10, 0), (client(msk(*TUE, 14, 30)),))
    faster = SlaTargets(first_reaction=Target(1 * H))
    assert compute_deadlines(CAL, faster, history).timers[Metric.FIRST_REACTION].due == \
        msk(*TUE, 11, 0)  # not 1 h after the change


def test_a_breach_is_a_flag_and_the_timer_keeps_counting():
    history = TicketHistory(msk(*TUE, 10, 0))
    deadlines = compute_deadlines(CAL, TARGETS, history)
    soon = breach_state(msk(*TUE, 14, 30), deadlines, warn_before=timedelta(hours=1))
    assert soon[Metric.FIRST_REACTION].state is TimerState.DUE_SOON
    first = breach_state(msk(*TUE, 16, 0), deadlines)[Metric.FIRST_REACTION]
    later = breach_state(msk(*TUE, 17, 0), deadlines)[Metric.FIRST_REACTION]
    assert first.breached and later.overdue - first.overdue == timedelta(hours=1)
    replied = compute_deadlines(CAL, TARGETS, TicketHistory(msk(*TUE, 10, 0),
                                                            (staff(msk(*TUE, 17, 0)),)))
    late = breach_state(msk(*TUE, 18, 0), replied)[Metric.FIRST_REACTION]
    assert late.state is TimerState.MET_LATE and late.overdue == timedelta(hours=2)


def test_late_next_replies_are_counted_for_the_monthly_summary():
    events = (staff(msk(*TUE, 9, 30)), client(msk(*TUE, 10, 0)), staff(msk(*TUE, 15, 0)),
              client(msk(*TUE, 15, 10)), staff(msk(*TUE, 15, 20)))
    assert compute_deadlines(CAL, TARGETS, TicketHistory(msk(*TUE, 9, 0), events)).late_replies \
        == 1


def test_closing_a_ticket_meets_resolution_and_stops_the_reply_timers():
    events = (staff(msk(*TUE, 9, 30)), client(msk(*TUE, 10, 0)), status(msk(*TUE, 11, 0), DONE))
    deadlines = compute_deadlines(CAL, TARGETS, TicketHistory(msk(*TUE, 9, 0), events))
    assert deadlines.timers[Metric.RESOLUTION].met_at == msk(*TUE, 11, 0)
    assert Metric.NEXT_REPLY not in deadlines.timers
    assert Metric.PROGRESS_UPDATE not in deadlines.timers


def test_calendar_hour_targets_count_nights_and_weekends():
    targets = SlaTargets(resolution=Target(24 * H, working=False))
    deadlines = compute_deadlines(CAL, targets, TicketHistory(msk(2026, 3, 13, 17, 0)))
    assert deadlines.timers[Metric.RESOLUTION].due == msk(2026, 3, 14, 17, 0)


def test_the_first_matching_policy_in_order_applies():
    vip = SlaPolicy("vip", TARGETS, min_priority=2)
    tech = SlaPolicy("technical", TARGETS, kinds=frozenset({Kind.TECHNICAL}))
    rest = SlaPolicy("default", TARGETS)
    policies = [vip, tech, rest]
    assert select_policy(policies, 3, Kind.MANAGERIAL) is vip
    assert select_policy(policies, 0, Kind.TECHNICAL) is tech
    assert select_policy(policies, 0, Kind.MANAGERIAL) is rest
    assert select_policy([vip], 0, Kind.TECHNICAL) is None


# -- properties -------------------------------------------------------------------------------

starts = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 12, 1)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=MSK).astimezone(UTC))
minutes = st.integers(min_value=1, max_value=120 * H)


@settings(max_examples=200, deadline=None)
@given(starts, minutes)
def test_a_deadline_never_falls_outside_working_time(start, amount):
    due = deadline(CAL, Target(amount), start)
    assert is_working_time(CAL, due - timedelta(minutes=1))  # its last minute is worked


@settings(max_examples=200, deadline=None)
@given(starts, minutes, minutes)
def test_more_hours_never_give_an_earlier_deadline(start, a, b):
    a, b = sorted((a, b))
    assert deadline(CAL, Target(a), start) <= deadline(CAL, Target(b), start)


pauses = st.lists(st.tuples(st.integers(0, 5 * 24 * H), st.integers(1, 3 * 24 * H)), max_size=4)


@settings(max_examples=200, deadline=None)
@given(starts, minutes, pauses, st.booleans())
def test_pausing_never_shortens_a_deadline(start, amount, gaps, working):
    events, cursor = [], start
    for offset, length in gaps:
        cursor += timedelta(minutes=offset)
        events.append(status(cursor, WAIT))
        cursor += timedelta(minutes=length)
        events.append(status(cursor, WORK))
    targets = SlaTargets(resolution=Target(amount, working))
    plain = compute_deadlines(CAL, targets, TicketHistory(start)).timers[Metric.RESOLUTION]
    paused = compute_deadlines(CAL, targets, TicketHistory(start, tuple(events)))
    assert paused.timers[Metric.RESOLUTION].due >= plain.due
