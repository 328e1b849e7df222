"""Chat exports → the import use case: two streaming passes over the file.

The first pass reads the whole export without writing anything: a malformed file fails here,
before the database is touched, and it learns what the second pass needs (which chat, who is
staff, how far messages stray from time order). The second pass maps each exported message to
an `InboundMessage` and hands them, in time order, to `domain.importing.ChatImport`.

Ids, chosen so a history import and the live bot agree wherever they can:
- Telegram chat: the export's id, linked under the Bot API spelling ("-100" + id, as a
  supergroup is addressed); a chat the bot already linked under "-100id", "-id" or "id" is
  found whichever it is, so its history lands on the same chat.
- Telegram sender: "user123" → "123" and "channel5" → "chat-1005", as the live bot names them,
  so staff added with `chatdesk staff add --telegram-id` are recognised in imports too.
- WhatsApp chat: exports carry no chat id; "wa-export:<client>:<file stem>" is stable for the
  same file imported for the same client, which is what makes a re-import add nothing.
  WhatsApp names the file after the chat, so a later export of the same chat keeps the stem.
- WhatsApp sender: the display name, the only identity the export has.
"""

from __future__ import annotations

import hashlib
import heapq
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO, TypeVar
from zoneinfo import ZoneInfo

from bot.importers import ExportedChat, ExportedMessage, open_export
from domain.intake.importing import HistoryMessage, ImportPlan, ImportRefused
from domain.intake.service import InboundMessage
from domain.kernel.model import Language, Platform

_CHAT_ID_MAX = 128  # messages.chat_external_id / chats.external_id
_SHOWN_NAMES = 15


@dataclass(slots=True)
class ExportScan:
    """What the first pass learnt about the chat to import."""

    path: Path
    tz: ZoneInfo
    index: int  # position of the chat among the export's chats
    platform: Platform
    chat_id: str | None
    title: str
    messages: int = 0
    max_lateness: timedelta = timedelta(0)  # how far a message lags behind an earlier one
    senders: dict[str, str] = field(default_factory=dict)  # sender id → display name
    raw_ids: dict[str, str] = field(default_factory=dict)  # export's own sender id → sender id
    staff_ids: frozenset[str] = frozenset()


def telegram_sender_id(raw: str | None, name: str) -> str:
    """The sender id the live bot would see for an export's `from_id`."""
    if raw is None:
        return f"name:{name}"
    for prefix, spelled in (("user", ""), ("channel", "chat-100"), ("chat", "chat-")):
        rest = raw.removeprefix(prefix)
        if rest != raw and rest.isdigit():
            return f"{spelled}{rest}" if spelled else rest
    return raw


def telegram_chat_ids(export_id: str) -> tuple[str, ...]:
    """The Bot API spellings of an exported chat id, the one to link first."""
    if not export_id.isdigit():
        return (export_id,)
    return (f"-100{export_id}", f"-{export_id}", export_id)


def whatsapp_chat_id(client_name: str, stem: str) -> str:
    readable = f"wa-export:{client_name.strip().casefold()}:{stem}"
    if len(readable) <= _CHAT_ID_MAX:
        return readable
    digest = hashlib.sha256(readable.encode()).hexdigest()[:32]
    return f"wa-export:{digest}"


def _sender_id(platform: Platform, msg: ExportedMessage) -> str:
    if platform is Platform.TELEGRAM:
        return telegram_sender_id(msg.sender_id, msg.sender_name)
    return msg.sender_name


def to_history(platform: Platform, msg: ExportedMessage) -> HistoryMessage:
    """One exported message as intake receives it (the chat id is filled in by the import)."""
    return HistoryMessage(
        InboundMessage(
            platform=platform,
            chat_id="",
            message_id=msg.message_id,
            sender_id=_sender_id(platform, msg),
            sender_name=msg.sender_name,
            sent_at=msg.sent_at,
            text=msg.text,
            media=msg.media,
            reply_to=msg.reply_to,
            forwarded=msg.forwarded,
        ),
        deleted=msg.deleted,
    )


# -- first pass -----------------------------------------------------------------------------


def _scan_chat(path: Path, tz: ZoneInfo, index: int, chat: ExportedChat) -> ExportScan:
    scan = ExportScan(path, tz, index, chat.platform, chat.chat_id, chat.title)
    latest: datetime | None = None
    for msg in chat.messages:
        scan.messages += 1
        if latest is None or msg.sent_at > latest:
            latest = msg.sent_at
        elif latest - msg.sent_at > scan.max_lateness:
            scan.max_lateness = latest - msg.sent_at
        sender = _sender_id(chat.platform, msg)
        if sender not in scan.senders:
            scan.senders[sender] = msg.sender_name
            if msg.sender_id:
                scan.raw_ids[msg.sender_id] = sender
    return scan


def _matches(scan: ExportScan, choice: str) -> bool:
    wanted = choice.strip()
    if scan.title.strip().casefold() == wanted.casefold():
        return True
    return scan.chat_id is not None and wanted in (scan.chat_id, *telegram_chat_ids(scan.chat_id))


def _describe(scan: ExportScan) -> str:
    return f"«{scan.title}» ({scan.chat_id})" if scan.chat_id else f"«{scan.title}»"


def scan_export(
    path: Path, *, tz: ZoneInfo, chat: str | None = None, staff: Iterable[str] = ()
) -> ExportScan:
    """Read the whole export once; raises ExportFormatError or ImportRefused, writes nothing."""
    # Every chat is read to the end, so damage anywhere in the file is found before writing.
    scans = [_scan_chat(path, tz, i, c) for i, c in enumerate(open_export(path, tz=tz))]
    if not scans:
        raise ImportRefused("import.err.no_chats")
    candidates = [s for s in scans if s.messages]
    if chat is not None:
        chosen = [s for s in scans if _matches(s, chat)]
        if not chosen:
            raise ImportRefused("import.err.no_such_chat", chat=chat,
                                chats=", ".join(_describe(s) for s in candidates) or "—")
        scan = chosen[0]
    elif len(candidates) > 1:
        raise ImportRefused("import.err.many_chats",
                            chats=", ".join(_describe(s) for s in candidates))
    else:
        scan = candidates[0] if candidates else scans[0]
    scan.staff_ids = _staff_ids(scan, staff)
    return scan


def _staff_ids(scan: ExportScan, names: Iterable[str]) -> frozenset[str]:
    by_name: dict[str, set[str]] = {}
    for sender, name in scan.senders.items():
        by_name.setdefault(name.strip().casefold(), set()).add(sender)
    found: set[str] = set()
    for wanted in names:
        key = wanted.strip()
        ids = by_name.get(key.casefold()) or (
            {key} if key in scan.senders else {scan.raw_ids[key]} if key in scan.raw_ids else set()
        )
        if not ids:
            shown = sorted({n or s for s, n in scan.senders.items()})
            more = "…" if len(shown) > _SHOWN_NAMES else ""
            raise ImportRefused("import.err.unknown_staff", name=wanted,
                                senders=", ".join(shown[:_SHOWN_NAMES]) + more or "—")
        found |= ids
    return frozenset(found)


# -- second pass ----------------------------------------------------------------------------

T = TypeVar("T")


def in_time_order(
    items: Iterable[T], key: Callable[[T], datetime], max_lateness: timedelta
) -> Iterator[T]:
    """Items sorted by `key` (stable), holding back only what may still be overtaken.

    An item is released once the newest key seen is more than `max_lateness` past it: no item
    still to come can be earlier, since none lags the newest by more than that. Memory is the
    items of one `max_lateness` window; an export already in order passes straight through.
    """
    if max_lateness <= timedelta(0):
        yield from items
        return
    heap: list[tuple[datetime, int, T]] = []
    latest: datetime | None = None
    for seq, item in enumerate(items):
        when = key(item)
        latest = when if latest is None or when > latest else latest
        heapq.heappush(heap, (when, seq, item))
        while latest - heap[0][0] > max_lateness:
            yield heapq.heappop(heap)[2]
    while heap:
        yield heapq.heappop(heap)[2]


def history(scan: ExportScan) -> Iterator[HistoryMessage]:
    """The scanned chat's messages, mapped for intake, in time order."""
    for index, chat in enumerate(open_export(scan.path, tz=scan.tz)):
        if index == scan.index:
            mapped = (to_history(chat.platform, m) for m in chat.messages)
            yield from in_time_order(mapped, lambda h: h.message.sent_at, scan.max_lateness)
            return


def plan_for(scan: ExportScan, client_name: str | None, language: Language) -> ImportPlan:
    client = (client_name or "").strip() or None
    if scan.platform is Platform.TELEGRAM and scan.chat_id:
        ids = telegram_chat_ids(scan.chat_id)
    else:
        ids = (whatsapp_chat_id(client or scan.title, scan.path.stem),)
    return ImportPlan(
        platform=scan.platform,
        title=scan.title,
        chat_ids=ids,
        client_name=client,
        staff_ids=scan.staff_ids,
        language=language,
    )


class ProgressBar:
    """A one-line progress bar redrawn with \\r; silent unless the stream is a terminal."""

    def __init__(self, total: int, label: Callable[[int, int, int], str],
                 stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self._total = max(total, 1)
        self._label = label
        self._stream = stream or sys.stderr
        self._enabled = self._stream.isatty() if enabled is None else enabled
        self._shown = 0.0
        self.drawn = False

    def __call__(self, done: int) -> None:
        if not self._enabled:
            return
        now = time.monotonic()
        if done < self._total and now - self._shown < 0.1:
            return
        self._shown = now
        percent = done * 100 // self._total
        filled = percent * 30 // 100
        bar = "█" * filled + "·" * (30 - filled)
        self._stream.write(f"\r{bar} {self._label(done, self._total, percent)}")
        self._stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self._stream.write("\n")
            self._stream.flush()
