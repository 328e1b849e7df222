"""The SLA clock's stored deadlines: one row per confirmed ticket, recomputed on every change.

The scheduler's sweep reads only this table, by range over the `due_*` columns; each
(flag, due) pair has its own index so "due before the horizon and not yet noticed" is an
index range scan however many tickets are open.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, String, Table

from storage.kernel.tables import Id, UTCDateTime, metadata

SLA_METRICS = ("first_reaction", "next_reply", "progress_update", "resolution")


ticket_sla = Table(
    "ticket_sla",
    metadata,
    Column("ticket_id", Id, ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True),
    Column("policy", String(64), nullable=False),
    Column("started_at", UTCDateTime(), nullable=False),
    Column("paused_since", UTCDateTime()),
    # A due_* column holds the deadline of a timer still running: NULL once met, while
    # paused, or when the policy has no such target.
    *(Column(f"due_{m}", UTCDateTime()) for m in SLA_METRICS),
    # Notices sent for the current deadline; cleared when that deadline moves.
    *(Column(f"warned_{m}", Boolean, nullable=False, server_default="0") for m in SLA_METRICS),
    *(Column(f"breached_{m}", Boolean, nullable=False, server_default="0") for m in SLA_METRICS),
    Column("last_notice_at", UTCDateTime()),
    Column("updated_at", UTCDateTime(), nullable=False),
    *(Index(f"ix_ticket_sla_warn_{m}", f"warned_{m}", f"due_{m}") for m in SLA_METRICS),
    *(Index(f"ix_ticket_sla_breach_{m}", f"breached_{m}", f"due_{m}") for m in SLA_METRICS),
)


# A client's own working calendar (time zone, weekly hours, lunch break) for its SLA deadlines
# and quiet hours; without a row the desk's calendar from the settings applies.
client_hours = Table(
    "client_hours",
    metadata,
    Column("client_id", Id, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True),
    Column("timezone", String(64), nullable=False),
    Column("work_days", String(64), nullable=False),
    Column("work_hours", String(32), nullable=False),
    Column("lunch_break", String(32), nullable=False, server_default=""),
    Column("updated_at", UTCDateTime(), nullable=False),
)


# When an open ticket may next owe a reminder: computed from its facts when they change, so the
# reminders sweep reads only the tickets whose moment has come (an index range scan).
ticket_reminders = Table(
    "ticket_reminders",
    metadata,
    Column("ticket_id", Id, ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True),
    Column("remind_at", UTCDateTime()),
    Column("updated_at", UTCDateTime(), nullable=False),
    Index("ix_ticket_reminders_remind_at", "remind_at"),
)


# Each confirmed ticket's statuses, logged with each change (the tickets table keeps only the
# current one), so work timers know every pause in "waiting for the client" when recomputed.
ticket_status_log = Table(
    "ticket_status_log",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("ticket_id", Id, ForeignKey("tickets.id", ondelete="CASCADE"), nullable=False),
    Column("status", String(32), nullable=False),
    Column("at", UTCDateTime(), nullable=False),
    Index("ix_ticket_status_log_ticket_at", "ticket_id", "at"),
)
