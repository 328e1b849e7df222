"""The ledger's invariants under random sequences of postings, retries with the same key and
concurrent debits, checked against an in-memory model on a real SQLite file.

Each hypothesis example gets a fresh client in one migrated database and its own event loop,
so every step is plain `loop.run_until_complete` and no async fixture crosses examples.
"""

from __future__ import annotations

import asyncio
import itertools
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from domain.billing.model import EntryType, LedgerError, Period, TimeRecord, cost, rounded
from domain.billing.service import Billing
from domain.kernel.model import BillingModel, Kind, Plan
from domain.onboarding.service import add_client
from storage.engine import make_engine, upgrade
from storage.uow import SqlUnitOfWorkFactory

_DB: dict[str, str] = {}
_names = itertools.count()
RATE = 2_000_00
STEP = 15
PACKAGE = 600


def _database_url() -> str:
    if "url" not in _DB:
        folder = Path(tempfile.mkdtemp(prefix="chatdesk-ledger-"))
        url = f"sqlite+aiosqlite:///{folder / 'ledger.sqlite3'}"
        asyncio.run(upgrade(url))
        _DB["url"] = url
    return _DB["url"]


class Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.at


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.engine = make_engine(_database_url())
        self.uow = SqlUnitOfWorkFactory(self.engine)
        self.clock = Clock()
        self.billing = Billing(self.uow, self.clock)
        # the model
        self.balance = 0
        self.package_left: dict[Period, int] = {}
        self.keys: set[str] = set()
        self.records: dict[int, TimeRecord] = {}
        self.closed: dict[Period, int] = {}  # month → the last entry id when it closed
        self.billable: dict[int, tuple[int, int]] = {}  # entry id → (charged, minutes)
        self.reversed: dict[int, tuple[int, int]] = {}

    def run(self, coroutine):  # noqa: ANN001, ANN201
        return self.loop.run_until_complete(coroutine)

    def teardown(self) -> None:
        self.run(self.engine.dispose())
        self.loop.close()

    @property
    def month(self) -> Period:
        return Period.of(self.clock.at.date())

    @initialize(package=st.booleans())
    def new_client(self, package: bool) -> None:
        self.plan = (Plan(BillingModel.PACKAGE, hourly_rate=RATE, package_minutes=PACKAGE,
                          min_billable_minutes=STEP) if package else
                     Plan(BillingModel.TIME_AND_MATERIALS, hourly_rate=RATE,
                          min_billable_minutes=STEP))

        async def create() -> int:
            async with self.uow() as uow:
                client = await add_client(uow, f"client {next(_names)}", now=self.clock.at,
                                          plan=self.plan)
                await uow.commit()
            return client.id

        self.client = self.run(create())

    # -- the model's expectations -----------------------------------------------------------

    def _expect_time(self, record: TimeRecord, period: Period) -> None:
        self.keys.add(f"time:{record.id}")
        if record.category != "billable":
            return
        billed = rounded(record.minutes, STEP)
        if self.plan.model is BillingModel.TIME_AND_MATERIALS:
            self.balance -= cost(billed, RATE)
            return
        left = self.package_left.setdefault(period, PACKAGE)
        drawn = min(left, billed)
        self.package_left[period] = left - drawn
        if billed > drawn:
            if drawn:
                self.keys.add(f"time:{record.id}:overage")
            self.balance -= cost(billed - drawn, RATE)

    def _remember(self, entries) -> None:  # noqa: ANN001
        for entry in entries:
            if entry.billable:
                self.billable[entry.id] = (-entry.amount, entry.minutes)
            if entry.type is EntryType.PACKAGE_GRANT:
                self.keys.add(entry.key)

    # -- rules ------------------------------------------------------------------------------

    @rule(amount=st.integers(1, 50_000_00), key=st.sampled_from("abc"))
    def pay(self, amount: int, key: str) -> None:
        posted = self.run(self.billing.add_payment(self.client, amount, key))
        assert posted.duplicate == (f"payment:{self.client}:{key}" in self.keys)
        if not posted.duplicate:
            self.keys.add(f"payment:{self.client}:{key}")
            self.balance += amount

    @rule(rid=st.integers(1, 12), minutes=st.integers(1, 400),
          category=st.sampled_from(["billable", "billable", "learning"]),
          last_month=st.booleans(), concurrent=st.booleans())
    def log_time(self, rid: int, minutes: int, category: str, last_month: bool,
                 concurrent: bool) -> None:
        day = self.clock.at.replace(day=1) if not last_month else self.clock.at.replace(
            day=1, month=self.month.shift(-1).month, year=self.month.shift(-1).year)
        # Time entry ids are unique across clients, as the workspace's table makes them.
        record = self.records.get(rid) or TimeRecord(self.client * 100 + rid, self.client,
                                                     Kind.TECHNICAL, minutes, category, None, day)
        period = Period.of(record.at.date())
        retry = rid in self.records
        closed = period in self.closed and not retry
        try:
            if concurrent:
                async def both():  # noqa: ANN202
                    return await asyncio.gather(self.billing.post_time(record),
                                                self.billing.post_time(record))

                results = self.run(both())
            else:
                results = [self.run(self.billing.post_time(record))]
        except LedgerError as exc:
            assert closed and exc.key == "billing.err.closed"
            return
        assert not closed, "posted into a closed month"
        self.records[rid] = record
        fresh = [r for r in results if not r.duplicate]
        assert len(fresh) == (0 if retry else 1), "one effect per key"
        if not retry:
            if self.plan.model is BillingModel.PACKAGE:  # the first work opens the month
                self.keys.add(f"grant:{self.client}:{period}")
                self.package_left.setdefault(period, PACKAGE)
            self._expect_time(record, period)
            self._remember(fresh[0].entries)

    @rule()
    def next_month(self) -> None:
        nxt = self.month.shift(1)
        self.clock.at = self.clock.at.replace(year=nxt.year, month=nxt.month)

    @precondition(lambda self: self.month > Period(2026, 11))
    @rule(twice=st.booleans())
    def close_last_month(self, twice: bool) -> None:
        period = self.month.shift(-1)
        for _ in range(2 if twice else 1):
            posted = self.run(self.billing.close_period(self.client, period))
            assert posted.duplicate == (period in self.closed)
            if not posted.duplicate:
                left = self.package_left.get(period, 0)
                if left > 0:
                    self.keys.add(f"burn:{self.client}:{period}")
                self.package_left[period] = 0
                self.closed[period] = max([0, *(e.id for e in self._entries())])

    @precondition(lambda self: self.billable)
    @rule(data=st.data(), share=st.integers(0, 120))
    def reverse(self, data, share: int) -> None:  # noqa: ANN001
        entry_id = data.draw(st.sampled_from(sorted(self.billable)))
        charged, minutes = self.billable[entry_id]
        done_amount, done_minutes = self.reversed.get(entry_id, (0, 0))
        amount = charged * share // 100
        back_minutes = minutes * share // 100
        too_big = amount > charged - done_amount or back_minutes > minutes - done_minutes
        nothing = amount == 0 and back_minutes == 0
        key = f"r{len(self.keys)}"
        try:
            posted = self.run(self.billing.reverse(entry_id, key, amount=amount,
                                                   minutes=back_minutes))
        except LedgerError as exc:
            assert too_big or nothing or exc.key == "billing.err.closed", exc.key
            return
        assert not too_big, "reversed more than the entry"
        self.keys.add(f"reversal:{entry_id}:{key}")
        self.reversed[entry_id] = (done_amount + amount, done_minutes + back_minutes)
        self.balance += amount
        [entry] = posted.entries
        if entry.package_minutes:
            self.package_left[entry.period] += entry.package_minutes

    # -- invariants -------------------------------------------------------------------------

    def _entries(self):  # noqa: ANN202
        async def read():  # noqa: ANN202
            async with self.uow() as uow:
                return list(await uow.ledger.entries(self.client))

        return self.run(read())

    @invariant()
    def ledger_matches_the_model(self) -> None:
        entries = self._entries()
        fees = sum(e.amount for e in entries if e.type is EntryType.FEE)
        assert sum(e.amount for e in entries) == self.balance + fees
        assert {e.key for e in entries} == self.keys
        assert len({e.key for e in entries}) == len(entries)
        for period, left in self.package_left.items():
            assert sum(e.package_minutes for e in entries if e.period == period) == left
        burns = [e.period for e in entries if e.type is EntryType.BURN]
        assert len(burns) == len(set(burns)), "a month burned twice"
        for period, last_id in self.closed.items():
            assert all(e.id <= last_id for e in entries if e.period == period)
        for original in self.billable:
            back = [e for e in entries if e.reverses_id == original]
            charged, minutes = self.billable[original]
            assert sum(e.amount for e in back) <= charged
            assert sum(e.minutes for e in back) <= minutes


TestLedger = LedgerMachine.TestCase
TestLedger.settings = settings(max_examples=25, stateful_step_count=20, deadline=None,
                               suppress_health_check=[HealthCheck.too_slow])
