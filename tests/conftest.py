"""Shared fixtures: real SQLite files migrated by Alembic, and a keyword fake classifier."""

from __future__ import annotations

import re
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import bot.telegram  # noqa: F401 - first: aiogram imported the way the running bot imports it
from domain.intake.service import InboundMessage, IntakePolicy, IntakeService
from domain.kernel.model import (
    BillingModel,
    Classification,
    Kind,
    KindTerms,
    Mode,
    Plan,
    Platform,
    RefusalReason,
    TriageContext,
)
from storage.engine import make_engine, upgrade
from storage.uow import SqlUnitOfWorkFactory
from tests.servers import session_server

SHARED = Path(__file__).resolve().parents[2] / "shared"


class KeywordClassifier:
    """A fake of the Classifier port with rules a test can read at a glance."""

    RULES: list[tuple[str, Kind, RefusalReason | None]] = [
        (r"кряк|crack|keygen", Kind.OUT_OF_SCOPE, RefusalReason.PIRACY),
        (r"дома|home|ноутбук", Kind.OUT_OF_SCOPE, RefusalReason.PERSONAL_DEVICE),
        (r"пицц|pizza", Kind.OUT_OF_SCOPE, RefusalReason.OFF_TOPIC),
        (r"не работает|broken|ошибк|упал", Kind.TECHNICAL, None),
        (r"^как |how do|подскажите", Kind.MANAGERIAL, None),
        (r"менеджер.*перезван|overdue", Kind.CONTROL, None),
        (r"посоветуйте|strategy", Kind.STRATEGIC, None),
        (r"нужна интеграция|новый раздел|new integration", Kind.NEW_WORK, None),
    ]

    def __init__(self) -> None:
        self.calls: list[str] = []

    async def classify(self, text: str, context: TriageContext | None = None) -> Classification:
        self.calls.append(text)
        low = text.lower()
        for pattern, kind, reason in self.RULES:
            if re.search(pattern, low):
                return Classification(kind, 0.9, reason)
        confidence = 0.95 if len(low) < 20 else 0.5
        return Classification(Kind.NOISE, confidence)


@pytest.fixture(scope="session")
def _chatdesk_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("chatdesk-home")


@pytest.fixture(autouse=True)
def _no_project_env(_chatdesk_home, monkeypatch) -> None:
    """Tests never read the project's .env nor write into its ./data: the chatdesk home
    (where .env and a relative SQLite path are found) is an empty folder of their own."""
    monkeypatch.setenv("CHATDESK_HOME", str(_chatdesk_home))


@pytest.fixture
def classifier() -> KeywordClassifier:
    return KeywordClassifier()


@pytest.fixture
async def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite+aiosqlite:///{tmp_path / 'chatdesk.sqlite3'}"
    await upgrade(url)
    return url


@pytest.fixture(scope="session")
def postgres() -> Iterator[object]:
    """A PostgreSQL server for the session; skipped where none can run, except under CI."""
    from tests.postgres import PostgresServer, PostgresUnavailable

    yield from session_server(PostgresServer, PostgresUnavailable, "PostgreSQL")


@pytest.fixture(scope="session")
def redis_server() -> Iterator[object]:
    """A Redis server for the session; skipped where none can run, except under CI."""
    from tests.redis_server import RedisServer, RedisUnavailable

    yield from session_server(RedisServer, RedisUnavailable, "Redis")


@pytest.fixture
def redis_url(redis_server) -> Iterator[str]:  # noqa: ANN001
    """An empty Redis for one test."""
    redis_server.flush()
    yield redis_server.url()


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, migrated database on each backend the product supports."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'chatdesk.sqlite3'}"
    else:
        from tests.postgres import create_database

        url = await create_database(request.getfixturevalue("postgres"),
                                    f"t_{uuid.uuid4().hex[:12]}")
    await upgrade(url)
    return url


@pytest.fixture
async def any_uow_factory(database_url: str) -> AsyncIterator[SqlUnitOfWorkFactory]:
    engine = make_engine(database_url)
    try:
        yield SqlUnitOfWorkFactory(engine)
    finally:
        await engine.dispose()


@pytest.fixture
async def uow_factory(sqlite_url: str) -> AsyncIterator[SqlUnitOfWorkFactory]:
    engine = make_engine(sqlite_url)
    try:
        yield SqlUnitOfWorkFactory(engine)
    finally:
        await engine.dispose()


@pytest.fixture
def intake(classifier: KeywordClassifier) -> IntakeService:
    return IntakeService(classifier, IntakePolicy(burst_window=timedelta(minutes=3)))


def monthly_plan() -> Plan:
    return Plan(
        model=BillingModel.MONTHLY,
        kinds=(KindTerms(Kind.TECHNICAL, Mode.PASSIVE, 2_000_000),
               KindTerms(Kind.MANAGERIAL, Mode.PASSIVE, 2_000_000)),
        hourly_rate=250_000,
    )


T0 = datetime(2026, 11, 12, 6, 0, tzinfo=UTC)


def message(
    message_id: str,
    text: str = "",
    *,
    sender: str = "101",
    name: str = "Катя",
    at: timedelta = timedelta(0),
    chat: str = "-100500",
    **extra: object,
) -> InboundMessage:
    return InboundMessage(
        platform=Platform.TELEGRAM, chat_id=chat, message_id=message_id, sender_id=sender,
        sender_name=name, sent_at=T0 + at, text=text, **extra,
    )


@pytest.fixture(scope="session")
def dovecot() -> Iterator[object]:
    """A real IMAP server (dovecot) for the session; skipped where none can run, except
    under CI."""
    from tests.mail_servers import DovecotServer, DovecotUnavailable

    yield from session_server(DovecotServer, DovecotUnavailable, "IMAP")


@pytest.fixture
def smtp_sink() -> Iterator[object]:
    """A real SMTP server (aiosmtpd) that keeps what it receives."""
    from tests.mail_servers import SmtpSink

    sink = SmtpSink()
    sink.start()
    try:
        yield sink
    finally:
        sink.stop()
