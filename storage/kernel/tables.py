"""Database schema (SQLAlchemy Core). Migrations in `storage/migrations` create exactly this."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on SQLite (naive text) and PostgreSQL alike."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime reached storage; the domain uses aware UTC times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if getattr(dialect, "name", "") == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return _as_utc(value)


def _as_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_from_sqlite_text(text: str | None) -> datetime | None:
    """What SQLAlchemy makes of a `UTCDateTime` SQLite stored as text (its DATETIME's
    `fromisoformat`, then `process_result_value`), in one call: `storage.sqlite_batch` reads
    ticket rows with eight of them on intake's hot path."""
    if text is None:
        return None
    value = datetime.fromisoformat(text)  # _as_utc, inline: eight columns of every ticket row
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


# SQLite wants INTEGER PRIMARY KEY for rowid aliasing; PostgreSQL gets BIGINT identities.
Id = BigInteger().with_variant(Integer(), "sqlite")


clients = Table(
    "clients",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("language", String(2), nullable=False, server_default="ru"),
    Column("priority", Integer, nullable=False, server_default="0"),
    Column("link_code", String(32), unique=True),
    Column("owner_code", String(32), unique=True),
    Column("ticket_seq", Integer, nullable=False, server_default="0"),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("archived_at", UTCDateTime()),
)


plans = Table(
    "plans",
    metadata,
    Column("client_id", Id, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True),
    Column("model", String(32), nullable=False),
    Column("hourly_rate", BigInteger, nullable=False, server_default="0"),
    Column("package_minutes", Integer, nullable=False, server_default="0"),
    Column("min_billable_minutes", Integer, nullable=False, server_default="0"),
    Column("starts_on", Date),
    Column("trial", Boolean, nullable=False, server_default="0"),
    CheckConstraint("model IN ('monthly', 'package', 'time_and_materials')", name="model"),
    CheckConstraint("hourly_rate >= 0 AND package_minutes >= 0 AND min_billable_minutes >= 0",
                    name="non_negative"),
    CheckConstraint("hourly_rate <= 10000000000", name="rate_bounds"),
)


plan_kinds = Table(
    "plan_kinds",
    metadata,
    Column("client_id", Id, ForeignKey("plans.client_id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(16), primary_key=True),
    Column("mode", String(8), nullable=False),
    Column("monthly_fee", BigInteger, nullable=False, server_default="0"),
    CheckConstraint("kind IN ('technical', 'managerial', 'control', 'strategic')", name="kind"),
    CheckConstraint("mode IN ('passive', 'active')", name="mode"),
    CheckConstraint("monthly_fee >= 0", name="fee"),
    CheckConstraint("monthly_fee <= 10000000000", name="fee_bounds"),
)


staff = Table(
    "staff",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    Column("role", String(8), nullable=False, server_default="staff"),
    Column("telegram_id", String(64), unique=True),
    Column("whatsapp_id", String(64), unique=True),
    Column("language", String(2), nullable=False, server_default="ru"),
    Column("removed_at", UTCDateTime()),
    CheckConstraint("role IN ('staff', 'admin')", name="role"),
)


chats = Table(
    "chats",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    Column("external_id", String(128), nullable=False),
    Column("client_id", Id, ForeignKey("clients.id"), nullable=False, index=True),
    Column("title", String(255), nullable=False, server_default=""),
    Column("active", Boolean, nullable=False, server_default="1"),
    UniqueConstraint("platform", "external_id", name="uq_chats_platform_external"),
)


people = Table(
    "people",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("client_id", Id, ForeignKey("clients.id"), nullable=False),
    Column("platform", String(16), nullable=False),
    Column("external_id", String(128), nullable=False),
    Column("name", String(255), nullable=False),
    Column("role", String(16), nullable=False, server_default="employee"),
    UniqueConstraint("client_id", "platform", "external_id", name="uq_people_identity"),
    CheckConstraint("role IN ('employee', 'coordinator', 'owner')", name="role"),
)


tickets = Table(
    "tickets",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("client_id", Id, ForeignKey("clients.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("status", String(24), nullable=False),
    Column("title", String(255), nullable=False),
    Column("text", Text, nullable=False),
    Column("chat_id", Id, ForeignKey("chats.id")),
    Column("requester_id", Id, ForeignKey("people.id")),
    Column("coverage", String(16), nullable=False),
    Column("hourly_rate", BigInteger, nullable=False, server_default="0"),
    Column("confidence", Float, nullable=False, server_default="0"),
    Column("source", String(16), nullable=False, server_default="chat"),
    Column("repeats", Integer, nullable=False, server_default="0"),
    # The bot's message asking the requester to confirm: edited as the draft grows.
    Column("prompt_message_id", String(128)),
    Column("assignee_id", Id, ForeignKey("staff.id")),  # staff workspace (0003_workspace)
    Column("tester_id", Id, ForeignKey("staff.id")),  # staff workspace (0003_workspace)
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("confirmed_at", UTCDateTime()),
    Column("last_client_message_at", UTCDateTime()),
    # Customer satisfaction (domain/satisfaction.py, migration i18c_0001): closed and due to
    # be asked, asked (the question's message), the requester's vote and word.
    Column("csat_done_at", UTCDateTime()),
    Column("csat_asked_at", UTCDateTime()),
    Column("csat_prompt_id", String(64)),
    Column("csat_score", String(8)),
    Column("csat_comment", Text),
    Column("csat_voted_at", UTCDateTime()),
    UniqueConstraint("client_id", "number", name="uq_tickets_client_number"),
    CheckConstraint(
        "kind IN ('technical', 'managerial', 'control', 'strategic', 'new_work')", name="kind"
    ),
    CheckConstraint(
        "status IN ('awaiting_confirmation', 'accepted', 'in_progress', 'needs_testing', "
        "'testing', 'waiting_for_client', 'done', 'rejected', 'cancelled')",
        name="status",
    ),
    CheckConstraint("number > 0", name="number"),
    CheckConstraint("csat_score IN ('up', 'down')", name="csat_score"),
    Index("ix_tickets_client_status", "client_id", "status"),
    Index("ix_tickets_csat_due", "csat_done_at"),
    Index("ix_tickets_csat_voted", "csat_voted_at"),
    Index("ix_tickets_chat_requester_status", "chat_id", "requester_id", "status"),
)


messages = Table(
    "messages",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    Column("chat_external_id", String(128), nullable=False),
    Column("external_id", String(128), nullable=False),
    Column("chat_id", Id, ForeignKey("chats.id")),
    Column("sender_external_id", String(128), nullable=False),
    Column("sender_name", String(255), nullable=False),
    Column("sent_at", UTCDateTime(), nullable=False),
    Column("text", Text, nullable=False, server_default=""),
    Column("media", String(16)),
    Column("reply_to", String(128)),
    Column("album_id", String(128)),
    Column("from_staff", Boolean, nullable=False, server_default="0"),
    Column("ticket_id", Id, ForeignKey("tickets.id"), index=True),
    Column("disposition", String(16)),
    Column("kind", String(16)),
    Column("reason", String(16)),
    Column("confidence", Float),
    # What was heard in a voice note or read in a screenshot, and how that went (MediaNote).
    Column("media_text", Text),
    Column("media_note", String(16)),
    # The idempotency key of everything that arrives from outside.
    UniqueConstraint("platform", "chat_external_id", "external_id", name="uq_messages_source"),
    Index("ix_messages_chat_sender_disposition", "chat_id", "sender_external_id", "disposition"),
)


def load_all_tables() -> None:
    """Import every context's `storage/<context>/tables.py` so `metadata` knows its tables."""
    import importlib
    import pkgutil

    import storage

    for info in pkgutil.iter_modules(storage.__path__):
        if info.ispkg and any(sub.name == "tables" for sub in pkgutil.iter_modules(
                [f"{storage.__path__[0]}/{info.name}"])):
            importlib.import_module(f"storage.{info.name}.tables")
    importlib.import_module("storage.kernel.cache")  # the read cache's generation table
