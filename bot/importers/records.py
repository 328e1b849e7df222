"""Neutral records produced by the chat-export parsers: no platform details leak past here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from domain.kernel.model import MediaKind, Platform


@dataclass(frozen=True, slots=True)
class ExportedMessage:
    """One user message from an export; service/system entries never become one."""

    message_id: str  # Telegram: message "id"; WhatsApp: 1-based line number of its first line
    sender_name: str
    sender_id: str | None  # Telegram "from_id" normalised to "user123"/"channel123"; WhatsApp: None
    sent_at: datetime  # timezone-aware, UTC
    text: str  # plain text, "" if none
    media: MediaKind | None
    reply_to: str | None
    forwarded: bool
    edited: bool
    deleted: bool
    line: int  # WhatsApp: file line; Telegram: 1-based index in the chat's messages list


@dataclass(frozen=True, slots=True)
class ExportedChat:
    """One chat of an export; `messages` is lazy and yields in file order."""

    platform: Platform
    chat_id: str | None  # Telegram chat "id"; WhatsApp: None
    title: str  # Telegram "name"; WhatsApp: the file stem
    messages: Iterator[ExportedMessage]


class ExportFormatError(ValueError):
    """The file is not a readable export; the message says where and why in plain English."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line
