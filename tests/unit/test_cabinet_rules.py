"""Who sees what in the cabinet, SLA badges and the weekly chart: the pure rules."""

from datetime import UTC, date, datetime, timedelta

from domain.billing.model import Entry, EntryType, Period
from domain.cabinet.model import Principal, SlaState, Viewer, may_dispute, sees_client, sees_money
from domain.cabinet.rules import sla_view, weekly_spend
from domain.kernel.model import Kind, Person, PersonRole, Platform, Staff, StaffRole, TicketStatus
from domain.sla.model import Metric

P = Principal(Platform.TELEGRAM, "1")
ACME, BETA = 1, 2
owner = Viewer(P, people=(Person(1, ACME, Platform.TELEGRAM, "1", "Olga", PersonRole.OWNER),))
employee = Viewer(P, people=(Person(2, ACME, Platform.TELEGRAM, "1", "Kate"),))
staff = Viewer(P, staff=Staff(5, "Pavel"), served=frozenset({ACME}))
admin = Viewer(P, staff=Staff(6, "Anna", StaffRole.ADMIN), served=None)
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def test_people_see_their_own_company_and_never_another():
    assert sees_client(employee, ACME) and not sees_client(employee, BETA)


def test_staff_see_the_clients_they_serve_and_admins_see_all():
    assert sees_client(staff, ACME) and not sees_client(staff, BETA)
    assert sees_client(admin, BETA)


def test_money_is_the_owners_alone_when_the_client_wants_it_so():
    assert sees_money(employee, ACME, owner_only=False)
    assert not sees_money(employee, ACME, owner_only=True)
    assert sees_money(owner, ACME, owner_only=True)
    assert sees_money(staff, ACME, owner_only=True)


def test_only_the_clients_side_disputes_and_only_its_own_entries():
    assert may_dispute(employee, ACME, owner_only=False)
    assert not may_dispute(employee, BETA, owner_only=False)
    assert not may_dispute(staff, ACME, owner_only=False)
    assert not may_dispute(employee, ACME, owner_only=True)


def test_the_sla_badge_shows_the_nearest_running_deadline():
    due = {Metric.FIRST_REACTION: NOW + timedelta(hours=5),
           Metric.RESOLUTION: NOW + timedelta(days=3), Metric.NEXT_REPLY: None}
    view = sla_view(TicketStatus.ACCEPTED, due, NOW)
    assert (view.state, view.due) == (SlaState.ON_TRACK, NOW + timedelta(hours=5))
    assert sla_view(TicketStatus.ACCEPTED, due, NOW + timedelta(hours=4, minutes=30)).state \
        is SlaState.SOON
    assert sla_view(TicketStatus.ACCEPTED, due, NOW + timedelta(hours=6)).state \
        is SlaState.BREACHED


def test_the_sla_clock_is_shown_stopped_while_the_client_owes_an_answer_or_once_closed():
    due = {Metric.RESOLUTION: NOW - timedelta(days=1)}
    assert sla_view(TicketStatus.WAITING_FOR_CLIENT, due, NOW).state is SlaState.PAUSED
    assert sla_view(TicketStatus.DONE, due, NOW).state is SlaState.CLOSED
    assert sla_view(TicketStatus.ACCEPTED, {}, NOW).state is SlaState.NONE


def _work(day: int, minutes: int, kind=Kind.TECHNICAL, type_=EntryType.TIME_DEBIT,
          category="billable") -> Entry:
    return Entry(ACME, Period(2026, 11), type_, f"k{day}{minutes}{type_}",
                 datetime(2026, 11, day, 10, tzinfo=UTC), minutes=minutes, kind=kind,
                 category=category)


def test_the_chart_has_every_week_of_the_month_and_sums_billable_work_by_kind():
    weeks = weekly_spend([_work(3, 60), _work(4, 30, Kind.MANAGERIAL), _work(4, 45),
                          _work(5, 120, category="learning"),
                          _work(6, 30, type_=EntryType.REVERSAL),
                          _work(17, 90, type_=EntryType.OVERAGE)], Period(2026, 11), UTC)
    # November 2026 starts on a Sunday: that day is a week of its own on the axis.
    assert [w.start for w in weeks] == [date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 9),
                                        date(2026, 11, 16), date(2026, 11, 23),
                                        date(2026, 11, 30)]
    assert weeks[1].minutes == {Kind.TECHNICAL: 75, Kind.MANAGERIAL: 30}
    assert weeks[3].minutes == {Kind.TECHNICAL: 90}
    assert weeks[0].total == weeks[2].total == 0
