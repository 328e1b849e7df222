"""When the classifier only guesses the kind, the draft says so and offers the kinds."""

from dataclasses import replace

from domain.intake.service import confirmation_text
from domain.kernel.model import (
    UNSURE_CONFIDENCE,
    Client,
    Coverage,
    Kind,
    Language,
    Person,
    Platform,
    Ticket,
    TicketStatus,
)
from domain.outbox.choices import CHANGE_KIND, CONFIRM, DECLINE, SET_KIND, draft_choices
from tests.conftest import T0, monthly_plan

CLIENT = Client(1, "ACME", plan=monthly_plan())
KATE = Person(1, 1, Platform.TELEGRAM, "101", "Катя")


def _draft(confidence: float, status: TicketStatus = TicketStatus.AWAITING_CONFIRMATION):
    return Ticket(id=1, client_id=1, number=1, kind=Kind.MANAGERIAL, status=status,
                  title="Реквизиты в документах пустые", text="реквизиты в документах пустые",
                  chat_id=1, requester_id=1, coverage=Coverage.COVERED, confidence=confidence,
                  created_at=T0, updated_at=T0)


def test_a_guessed_kind_is_said_in_the_draft():
    unsure = _draft(UNSURE_CONFIDENCE - 0.01)
    assert unsure.kind_unsure
    assert "не уверен" in confirmation_text(CLIENT, unsure, KATE)
    english = replace(CLIENT, language=Language.EN)
    assert "not sure" in confirmation_text(english, unsure, KATE)


def test_a_confident_or_chosen_kind_is_stated_plainly():
    for ticket in (_draft(UNSURE_CONFIDENCE), _draft(1.0),
                   _draft(0.1, status=TicketStatus.ACCEPTED)):
        assert not ticket.kind_unsure
        assert "не уверен" not in confirmation_text(CLIENT, ticket, KATE)


def test_an_unsure_draft_offers_every_kind_instead_of_change_kind():
    sure = [c.key for c in draft_choices(Language.RU)]
    unsure = [c.key for c in draft_choices(Language.RU, unsure=True)]
    assert sure == [CONFIRM, CHANGE_KIND, DECLINE]
    assert unsure[0] == CONFIRM and unsure[-1] == DECLINE
    assert unsure[1:-1] == [SET_KIND + k.value for k in (Kind.TECHNICAL, Kind.MANAGERIAL,
                                                          Kind.CONTROL, Kind.STRATEGIC,
                                                          Kind.NEW_WORK)]
