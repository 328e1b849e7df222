"""The rules of customer satisfaction and of broadcasts' audiences, as tables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from domain.broadcasts.model import Audience, AudienceError
from domain.broadcasts.rules import parse_audience
from domain.kernel.model import (
    BillingModel,
    Client,
    Coverage,
    Kind,
    Person,
    Plan,
    Platform,
    Ticket,
    TicketStatus,
)
from domain.satisfaction.model import CsatCounts, CsatPolicy, CsatState, Score
from domain.satisfaction.rules import ask_verdict, parse_vote, vote_key, vote_refusal
from domain.tickets.model import Actor

NOW = datetime(2026, 11, 12, 9, 0, tzinfo=UTC)
POLICY = CsatPolicy(delay=timedelta(minutes=30), too_late=timedelta(days=3))
KATE = Person(1, 1, Platform.TELEGRAM, "101", "Катя")


def _ticket(status=TicketStatus.DONE, *, requester=1, chat=1, source="chat") -> Ticket:
    return Ticket(1, 1, 1, Kind.TECHNICAL, status, "t", "t", chat, requester, Coverage.COVERED,
                  source=source)


@pytest.mark.parametrize(("ticket", "state", "verdict"), [
    (_ticket(), CsatState(1, done_at=NOW - timedelta(minutes=31)), "ask"),
    (_ticket(), CsatState(1, done_at=NOW - timedelta(minutes=10)), "wait"),
    (_ticket(), CsatState(1, done_at=NOW - timedelta(days=4)), "stale"),
    (_ticket(), CsatState(1, done_at=NOW - timedelta(hours=1), asked_at=NOW), "asked"),
    (_ticket(), CsatState(1, done_at=NOW - timedelta(hours=1), score=Score.UP), "asked"),
    (_ticket(TicketStatus.REJECTED), CsatState(1, done_at=NOW - timedelta(hours=1)), "reopened"),
    (_ticket(TicketStatus.CANCELLED), CsatState(1, done_at=NOW - timedelta(hours=1)),
     "reopened"),
    (_ticket(TicketStatus.IN_PROGRESS), CsatState(1, done_at=NOW - timedelta(hours=1)),
     "reopened"),
    (_ticket(requester=None), CsatState(1, done_at=NOW - timedelta(hours=1)), "nobody"),
    (_ticket(chat=None), CsatState(1, done_at=NOW - timedelta(hours=1)), "nobody"),
    (_ticket(source="import"), CsatState(1, done_at=NOW - timedelta(hours=1)), "nobody"),
])
def test_only_a_done_ticket_with_a_requester_is_asked_once_after_the_delay(ticket, state,
                                                                          verdict):
    assert ask_verdict(ticket, state, NOW, POLICY) == verdict


@pytest.mark.parametrize(("actor", "state", "refusal"), [
    (Actor(Platform.TELEGRAM, "101"), CsatState(1), None),
    (Actor(Platform.TELEGRAM, "102"), CsatState(1), "csat.not_yours"),
    (Actor(Platform.WHATSAPP, "101"), CsatState(1), "csat.not_yours"),
    (Actor(Platform.TELEGRAM, "101"), CsatState(1, score=Score.DOWN), "csat.already"),
    (Actor(Platform.TELEGRAM, "102"), CsatState(1, score=Score.DOWN), "csat.not_yours"),
])
def test_only_the_requester_votes_and_only_once(actor, state, refusal):
    assert vote_refusal(KATE, actor, state) == refusal


def test_nobody_votes_on_a_ticket_without_a_requester():
    assert vote_refusal(None, Actor(Platform.TELEGRAM, "101"), CsatState(1)) == "csat.not_yours"


def test_a_vote_button_reads_back_and_anything_else_is_no_vote():
    assert parse_vote(vote_key(42, Score.DOWN)) == (42, Score.DOWN)
    assert len(vote_key(10**12, Score.DOWN).encode()) <= 64
    for junk in ("csat:x:up", "csat:1:maybe", "d:1:c", "csat:1", ""):
        assert parse_vote(junk) is None


def test_satisfied_share_is_of_those_who_voted():
    assert CsatCounts(3, 1).percent == 75
    assert CsatCounts().percent is None


def _client(name, model=None):
    return Client(1, name, plan=Plan(model) if model else None)


def test_an_audience_selects_by_plan_model_and_by_name():
    package = parse_audience(["model=package,time_and_materials"])
    assert package.selects(_client("ACME", BillingModel.PACKAGE))
    assert not package.selects(_client("ACME", BillingModel.MONTHLY))
    assert not package.selects(_client("ACME"))  # no plan, no model
    named = parse_audience(["clients=ACME, Globex"])
    assert named.selects(_client("acme")) and not named.selects(_client("Initech"))
    both = parse_audience(["model=monthly", "clients=ACME"])
    assert both.selects(_client("ACME", BillingModel.MONTHLY))
    assert not both.selects(_client("ACME", BillingModel.PACKAGE))
    assert Audience().selects(_client("anyone"))


@pytest.mark.parametrize("spec", ["model=barter", "colour=red", "clients=", "ACME"])
def test_a_filter_that_cannot_be_read_is_one_clear_error(spec):
    with pytest.raises(AudienceError) as error:
        parse_audience([spec])
    assert spec.split("=")[0] in str(error.value) and "\n" not in str(error.value)


def test_a_typed_one_or_thumbs_up_is_a_vote_and_other_text_is_not():
    from domain.satisfaction.rules import typed_score

    assert typed_score("1") is Score.UP and typed_score(" 👍🏽 ") is Score.UP
    assert typed_score("2.") is Score.DOWN and typed_score("👎") is Score.DOWN
    assert typed_score("12") is None and typed_score("1 шт") is None and typed_score("") is None
