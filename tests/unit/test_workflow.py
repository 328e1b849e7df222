"""The ticket status machine and the time rules of the staff workspace, as specifications."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.kernel.model import Coverage, Kind, Staff, StaffRole, Ticket, TicketStatus
from domain.workspace.model import Given, Need, TransitionError
from domain.workspace.rules import (
    allowed,
    apply,
    check,
    needs,
    period_of,
    sla_clock_runs,
    split_over_estimate,
    work_timer_runs,
)

S = TicketStatus
NOW = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)
PAVEL = Staff(1, "Pavel")
ANNA = Staff(2, "Anna")
ADMIN = Staff(3, "Irina", role=StaffRole.ADMIN)


def ticket(status: TicketStatus = S.ACCEPTED, kind: Kind = Kind.TECHNICAL, **kw) -> Ticket:
    return Ticket(10, 1, 7, kind, status, "Телефония", "Не работает телефония", 1, 1,
                  Coverage.COVERED, **kw)


def test_taking_a_queued_ticket_makes_the_taker_its_assignee():
    tk = ticket()
    check(tk, S.IN_PROGRESS, PAVEL, Given())
    apply(tk, S.IN_PROGRESS, PAVEL, NOW)
    assert tk.status is S.IN_PROGRESS and tk.assignee_id == PAVEL.id and tk.updated_at == NOW


def test_needs_testing_requires_a_test_case():
    tk = ticket(S.IN_PROGRESS, assignee_id=PAVEL.id)
    assert needs(tk, S.NEEDS_TESTING) == (Need.TEST_CASE,)
    with pytest.raises(TransitionError) as err:
        check(tk, S.NEEDS_TESTING, PAVEL, Given())
    assert err.value.key == "ws.need.test_case"
    check(tk, S.NEEDS_TESTING, PAVEL, Given(test_case="Позвонить на 101"))


def test_the_author_of_a_fix_cannot_test_it_but_a_colleague_can():
    tk = ticket(S.NEEDS_TESTING, assignee_id=PAVEL.id)
    assert S.TESTING not in allowed(tk, PAVEL)
    with pytest.raises(TransitionError, match="own_testing"):
        check(tk, S.TESTING, PAVEL, Given())
    apply(tk, S.TESTING, ANNA, NOW)
    assert tk.tester_id == ANNA.id and tk.assignee_id == PAVEL.id


def test_only_the_tester_or_an_admin_closes_after_testing():
    tk = ticket(S.TESTING, assignee_id=PAVEL.id, tester_id=ANNA.id)
    done = Given(proof_note="скриншот не снять: звонок", service_comment="переадресация")
    with pytest.raises(TransitionError, match="not_tester"):
        check(tk, S.DONE, PAVEL, done)
    check(tk, S.DONE, ANNA, done)
    check(tk, S.DONE, ADMIN, done)


def test_closing_a_technical_ticket_needs_proof_and_a_service_comment():
    tk = ticket(S.IN_PROGRESS, assignee_id=PAVEL.id)
    assert needs(tk, S.DONE) == (Need.PROOF, Need.SERVICE_COMMENT)
    with pytest.raises(TransitionError, match="need.proof"):
        check(tk, S.DONE, PAVEL, Given(service_comment="включил переадресацию"))
    with pytest.raises(TransitionError, match="need.service_comment"):
        check(tk, S.DONE, PAVEL, Given(proof_message_id="55"))
    check(tk, S.DONE, PAVEL, Given(proof_message_id="55", service_comment="включил"))
    check(tk, S.DONE, PAVEL, Given(proof_note="нет доступа к экрану", service_comment="вкл"))


def test_closing_a_how_to_question_needs_no_proof_only_the_service_comment():
    assert needs(ticket(S.IN_PROGRESS, kind=Kind.MANAGERIAL), S.DONE) == (Need.SERVICE_COMMENT,)


def test_rejecting_or_cancelling_needs_a_reason_the_client_will_see():
    tk = ticket()
    for to in (S.REJECTED, S.CANCELLED):
        with pytest.raises(TransitionError, match="need.reason"):
            check(tk, to, PAVEL, Given(reason="  "))
        check(tk, to, PAVEL, Given(reason="это новая работа"))


def test_a_draft_cannot_be_put_to_work_before_the_client_confirms_it():
    draft = ticket(S.AWAITING_CONFIRMATION)
    assert set(allowed(draft, PAVEL)) == {S.REJECTED, S.CANCELLED}
    with pytest.raises(TransitionError, match="transition"):
        check(draft, S.IN_PROGRESS, PAVEL, Given())


def test_a_cancelled_ticket_is_final_and_a_done_one_can_be_reopened():
    assert allowed(ticket(S.CANCELLED), PAVEL) == ()
    assert allowed(ticket(S.DONE), PAVEL) == (S.IN_PROGRESS,)


def test_giving_a_ticket_back_to_the_queue_clears_its_assignee():
    tk = ticket(S.IN_PROGRESS, assignee_id=PAVEL.id)
    apply(tk, S.ACCEPTED, PAVEL, NOW)
    assert tk.assignee_id is None


def test_work_is_timed_only_while_someone_works_and_the_sla_stops_while_the_client_owes():
    assert [s for s in S if work_timer_runs(s)] == [S.IN_PROGRESS, S.TESTING]
    assert not sla_clock_runs(S.WAITING_FOR_CLIENT) and not sla_clock_runs(S.DONE)
    assert sla_clock_runs(S.ACCEPTED) and sla_clock_runs(S.NEEDS_TESTING)


def test_hours_beyond_an_approved_estimate_are_split_off_as_over_the_estimate():
    assert split_over_estimate(60, 0, None) == (60, 0)  # no estimate: all billable
    assert split_over_estimate(60, 300, 360) == (60, 0)  # exactly fills it
    assert split_over_estimate(90, 300, 360) == (60, 30)
    assert split_over_estimate(45, 400, 360) == (0, 45)  # already over


def test_an_entry_counts_in_the_calendar_month_of_its_work():
    assert period_of(datetime(2026, 1, 31, 23, 59, tzinfo=UTC)) == "2026-01"
