"""Format detection: look at a file's content (never its extension) and pick a parser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.importers.records import ExportedChat, ExportFormatError
from bot.importers.telegram import parse_telegram
from bot.importers.whatsapp import looks_like_whatsapp, parse_whatsapp

_SNIFF = 1 << 16


def _first_line(head: str) -> tuple[int, str] | None:
    # Split on "\n" only, as the parsers do, so line numbers agree.
    for number, line in enumerate(head.split("\n"), start=1):
        if line.strip():
            return number, line
    return None


def open_export(path: Path, *, tz: ZoneInfo) -> Iterator[ExportedChat]:
    """Detect an export's format by content and return its chats (each with lazy messages)."""
    # ExportFormatError comes here for files that are no export at all, and during iteration
    # for damage found further in.
    path = Path(path)
    try:
        with path.open("rb") as f:
            raw = f.read(_SNIFF)
    except OSError as exc:
        raise ExportFormatError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if not raw.strip():
        raise ExportFormatError(f"{path.name}: the file is empty", line=None)
    if b"\x00" in raw:
        raise ExportFormatError(f"{path.name}: the file is binary, not a chat export", line=None)
    # The sniffed block may end inside a multi-byte character; that is not an error.
    head = raw.decode("utf-8", errors="replace")
    first = _first_line(head)
    if first is None:
        raise ExportFormatError(f"{path.name}: the file is empty", line=None)
    number, line = first
    if line.lstrip().startswith("{"):
        return parse_telegram(path, tz=tz)
    if looks_like_whatsapp(line):
        return parse_whatsapp(path, tz=tz)
    later = [
        n for n, text in enumerate(head.split("\n")[:50], start=1) if looks_like_whatsapp(text)
    ]
    if later:
        raise ExportFormatError(
            f"{path.name}, line {number}: looks like a WhatsApp export, but its first line is not "
            f"a message header (the first header is on line {later[0]})",
            line=number,
        )
    if line.lstrip().startswith("["):
        # A JSON array: let the Telegram parser explain that the shape is wrong.
        return parse_telegram(path, tz=tz)
    if "\ufffd" in head[:-4]:
        raise ExportFormatError(
            f"{path.name}: the file is not UTF-8 text; it is not a chat export", line=number
        )
    raise ExportFormatError(
        f"{path.name}, line {number}: neither a Telegram JSON export nor a WhatsApp text export "
        f"(the first line is not a JSON object nor a WhatsApp message header)",
        line=number,
    )
