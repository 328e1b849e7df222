"""Numbered questions awaiting a typed answer in chats without buttons (WhatsApp)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, String, Table, UniqueConstraint

from storage.tables import Id, UTCDateTime, metadata

pending_choices = Table(
    "pending_choices",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    Column("chat_external_id", String(128), nullable=False),
    Column("prompt_message_id", String(128), nullable=False),
    Column("ticket_id", Id, ForeignKey("tickets.id"), nullable=False, index=True),
    Column("asked_of", String(128), nullable=False),
    # Option keys in order, comma-separated: option N is the N-th key.
    Column("options", String(500), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("answered", Boolean, nullable=False, server_default="0"),
    UniqueConstraint("platform", "chat_external_id", "prompt_message_id",
                     name="uq_pending_choices_prompt"),
    Index("ix_pending_choices_open", "platform", "chat_external_id", "asked_of", "answered"),
)
