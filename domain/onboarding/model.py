"""Model."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.billing.model import BalanceView
from domain.kernel.model import (
    Client,
    Plan,
    Staff,
    Ticket,
)

# Telegram user ids are positive and fit in 52 bits (Telegram's own promise for the Bot API).
TELEGRAM_ID_MAX = 2**52


PHONE_DIGITS = range(10, 16)  # E.164 allows at most 15 digits; national numbers have 10+


@dataclass(frozen=True, slots=True)
class PlanChange:
    at: datetime
    by: str  # who changed it ("" from the command line)
    plan: Plan | None  # the plan from then on; None when it was removed


@dataclass(slots=True)
class ClientSummary:
    """A client as an admin sees it in a list: its plan, what it has left, what is open."""

    client: Client
    balance: BalanceView | None  # None without a plan
    open_tickets: list[Ticket] = field(default_factory=list)


@dataclass(slots=True)
class StaffSummary:
    staff: Staff
    clients: list[str]  # names of the clients they serve (admins see every client anyway)
