"""WhatsApp "Export chat" `.txt` parser (Android and iOS layouts, Russian and English locales).

The file is read line by line, twice: a quick first pass over the headers settles whether
dates are day-first or month-first, the second pass builds messages. Memory stays flat.

Day/month heuristic (see `_decide_day_first`):
  1. dotted dates (12.11.2026) and ISO dates (2026-11-12) are unambiguous: day-first / year-first;
  2. otherwise, if any header has a first field > 12 the file is day-first, if any has a second
     field > 12 it is month-first;
  3. if every date fits both ways: a 2-digit year or a 12-hour clock means the US-English layout
     (m/d/yy, "9:12 PM"), i.e. month-first; 4-digit years with a 24-hour clock are day-first
     (en-GB and most other locales write dd/mm/yyyy).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo

from bot.importers.records import ExportedChat, ExportedMessage, ExportFormatError
from domain.kernel.model import MediaKind, Platform

_SP = r"[ \u00a0\u202f]"
_DATE = r"(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4})"
_TIME = (
    rf"(?P<time>\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?(?:{_SP}?(?P<ampm>[AaPp]\.?{_SP}?[Mm]\.?))?)"
)
_IOS_HEADER = re.compile(rf"\[{_DATE},?{_SP}{_TIME}\]{_SP}?(?P<rest>.*)")
_ANDROID_HEADER = re.compile(rf"{_DATE},?{_SP}{_TIME}{_SP}[-\u2013]{_SP}(?P<rest>.*)")
_DATE_PARTS = re.compile(r"(\d+)[./-](\d+)[./-](\d+)")
_TIME_PARTS = re.compile(r"(\d+)[:.](\d+)(?:[:.](\d+))?")

# Direction marks WhatsApp sprinkles in carry no text; its no-break spaces become plain ones.
_INVISIBLE = {
    **dict.fromkeys("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff", ""),
    "\u00a0": " ",
    "\u202f": " ",
}
_INVISIBLE_RE = re.compile("[" + "".join(_INVISIBLE) + "]")

_DELETED = frozenset(
    s.casefold()
    for s in (
        "This message was deleted",
        "This message was deleted.",
        "You deleted this message",
        "You deleted this message.",
        "Данное сообщение удалено",
        "Данное сообщение удалено.",
        "Это сообщение удалено",
        "Это сообщение удалено.",
        "Вы удалили данное сообщение",
        "Вы удалили это сообщение",
    )
)
_EDITED_SUFFIXES = ("<Сообщение изменено>", "<This message was edited>", "<Это сообщение изменено>")

# Whole-body placeholders for media that was not exported.
_OMITTED = {
    "<без медиафайлов>": MediaKind.OTHER,
    "<media omitted>": MediaKind.OTHER,
    "<медиафайл отсутствует>": MediaKind.OTHER,
    "image omitted": MediaKind.PHOTO,
    "изображение отсутствует": MediaKind.PHOTO,
    "video omitted": MediaKind.VIDEO,
    "видео отсутствует": MediaKind.VIDEO,
    "audio omitted": MediaKind.AUDIO,
    "аудиофайл отсутствует": MediaKind.AUDIO,
    "sticker omitted": MediaKind.STICKER,
    "стикер отсутствует": MediaKind.STICKER,
    "gif omitted": MediaKind.ANIMATION,
    "gif отсутствует": MediaKind.ANIMATION,
    "document omitted": MediaKind.DOCUMENT,
    "документ отсутствует": MediaKind.DOCUMENT,
    "contact card omitted": MediaKind.OTHER,
    "карточка контакта отсутствует": MediaKind.OTHER,
}
# iOS writes "<file name> • 3 pages ‎document omitted" for documents: the placeholder is a suffix.
_OMITTED_SUFFIX = re.compile(
    r"(?P<before>.*?)\s*(?P<ph>"
    + "|".join(
        re.escape(k) for k in sorted(_OMITTED, key=len, reverse=True) if not k.startswith("<")
    )
    + r")$",
    re.IGNORECASE,
)
_ATTACHED_IOS = re.compile(r"<(?:attached|прикреплено|вложение):\s*(?P<file>[^>]+)>", re.IGNORECASE)
_ATTACHED_ANDROID = re.compile(
    r"^(?P<file>\S.*?)\s+\((?:file attached|файл добавлен|файл прикреплен|файл прикреплён)\)",
    re.IGNORECASE,
)

_PREFIX_KINDS = {
    "IMG": MediaKind.PHOTO,
    "PHOTO": MediaKind.PHOTO,
    "VID": MediaKind.VIDEO,
    "VIDEO": MediaKind.VIDEO,
    "PTT": MediaKind.VOICE,
    "AUD": MediaKind.AUDIO,
    "AUDIO": MediaKind.AUDIO,
    "STK": MediaKind.STICKER,
    "STICKER": MediaKind.STICKER,
    "GIF": MediaKind.ANIMATION,
    "DOC": MediaKind.DOCUMENT,
}
_EXT_KINDS = {
    **dict.fromkeys(("jpg", "jpeg", "png", "heic", "bmp"), MediaKind.PHOTO),
    **dict.fromkeys(("mp4", "mov", "3gp", "avi", "mkv"), MediaKind.VIDEO),
    **dict.fromkeys(("opus",), MediaKind.VOICE),
    **dict.fromkeys(("mp3", "m4a", "aac", "ogg", "wav", "amr"), MediaKind.AUDIO),
    **dict.fromkeys(("webp",), MediaKind.STICKER),
    **dict.fromkeys(("gif",), MediaKind.ANIMATION),
    **dict.fromkeys(
        ("pdf", "doc", "docx", "xls", "xlsx", "txt", "zip", "rar", "csv", "ppt", "pptx", "vcf"),
        MediaKind.DOCUMENT,
    ),
}

# System events on a header line. Android writes them without "Name:"; the patterns matter when
# a colon is present anyway: iOS puts the group name as the "sender" of system events, and a
# changed subject or description may itself contain ": ".
_SYSTEM_BODY = re.compile(
    r"(end-to-end encrypted|сквозным шифрованием|защищены сквозным"
    r"|created (?:the )?group|создал\(-а\) группу|создал[аи]? группу"
    r"|\badded\b|добавил\(-а\)|добавил[аи]?\b|\bremoved\b|удалил\(-а\)"
    r"|\bleft$|вышел\(-ла\)|вышел$|вышла$"
    r"|joined using this group's invite link|присоединил(?:ся|ась|\(ся\)|ся\(-ась\))"
    r"|changed (?:the|this group's) (?:subject|group description|description|icon|settings)"
    r"|changed the group name|changed their phone number|изменил\(-а\) (?:тему|описание|изображение|настройки|название)"
    r"|security code (?:with .* )?changed|код безопасности"
    r"|deleted this group's icon|удалил\(-а\) изображение"
    r"|disappearing messages|исчезающие сообщения"
    r"|now an admin|теперь администратор|pinned a message|закрепил\(-а\)"
    r"|\bturned (?:on|off)\b|включил\(-а\)|выключил\(-а\)|is a contact|missed (?:voice|video) call)",
    re.IGNORECASE,
)
_ENCRYPTION_NOTICES = (
    "Messages and calls are end-to-end encrypted",
    "Messages to this group are now secured with end-to-end encryption",
    "Сообщения и звонки защищены сквозным шифрованием",
    "Сообщения в данной группе теперь защищены сквозным шифрованием",
)
# Verbs of events whose text may contain ": " (subject, description): a "name" holding one of
# these is really the start of a system line.
_SYSTEM_IN_NAME = re.compile(
    r" (?:changed the|changed this group's|изменил\(-а\)|изменил[аи]? |created group|создал\(-а\)|создал[аи]? )",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Pending:
    line: int
    sender: str | None  # None: a system line, skipped
    sent_at: datetime
    first: str
    more: list[str]


def _clean(text: str) -> str:
    # str.translate with a dict is slow per character; a regex pass is not, and most lines
    # have nothing to replace.
    if text.isascii() or _INVISIBLE_RE.search(text) is None:
        return text
    return _INVISIBLE_RE.sub(lambda m: _INVISIBLE[m[0]], text)


def _style(first_line: str) -> re.Pattern[str] | None:
    """Header pattern (iOS or Android) that the file's first non-empty line follows."""
    line = _clean(first_line).lstrip()
    for pattern in (_IOS_HEADER, _ANDROID_HEADER):
        if pattern.fullmatch(line):
            return pattern
    return None


def looks_like_whatsapp(first_line: str) -> bool:
    """Whether a line is a WhatsApp message header."""
    return _style(first_line) is not None


class _Lines:
    """Numbered, decoded lines of a file; raises ExportFormatError for non-text content."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __iter__(self) -> Iterator[tuple[int, str]]:
        try:
            f: BinaryIO = self.path.open("rb")
        except OSError as exc:
            raise ExportFormatError(
                f"{self.path.name}: cannot be read ({exc.strerror or exc})"
            ) from None
        with f:
            for number, raw in enumerate(f, start=1):
                if b"\x00" in raw:
                    raise ExportFormatError(
                        f"{self.path.name}, line {number}: contains NUL bytes; this is not a text export",
                        line=number,
                    )
                try:
                    text = raw.decode("utf-8")
                except UnicodeDecodeError:
                    raise ExportFormatError(
                        f"{self.path.name}, line {number}: is not valid UTF-8 text", line=number
                    ) from None
                if number == 1:
                    text = text.removeprefix("\ufeff")
                yield number, text.rstrip("\r\n")


def _split_date(raw: str) -> tuple[int, int, int]:
    m = _DATE_PARTS.fullmatch(raw)
    assert m is not None  # the header regex guarantees the shape
    return int(m[1]), int(m[2]), int(m[3])


def _decide_day_first(lines: _Lines, header: re.Pattern[str]) -> bool | None:
    """True: day-first, False: month-first, None: year-first (ISO). See the module docstring."""
    two_digit_year = twelve_hour = False
    for _, text in lines:
        m = header.fullmatch(_clean(text).lstrip())
        if m is None:
            continue
        parts = _DATE_PARTS.fullmatch(m["date"])
        assert parts is not None
        if len(parts[1]) == 4:
            return None
        if "." in m["date"]:
            return True
        if int(parts[1]) > 12:
            return True
        if int(parts[2]) > 12:
            return False
        two_digit_year |= len(parts[3]) <= 2
        twelve_hour |= m["ampm"] is not None
    return not (two_digit_year or twelve_hour)


def _timestamp(m: re.Match[str], day_first: bool | None, tz: ZoneInfo) -> datetime:
    a, b, c = _split_date(m["date"])
    if day_first is None:
        year, month, day = a, b, c
    elif day_first:
        day, month, year = a, b, c
    else:
        month, day, year = a, b, c
    if year < 100:
        year += 2000
    t = _TIME_PARTS.match(m["time"])
    assert t is not None
    hour, minute, second = int(t[1]), int(t[2]), int(t[3] or 0)
    ampm = m["ampm"]
    if ampm is not None:
        if not 1 <= hour <= 12:
            raise ValueError("hour out of range for a 12-hour clock")
        pm = ampm[0] in "Pp"
        hour = hour % 12 + (12 if pm else 0)
    local = datetime(year, month, day, hour, minute, second, tzinfo=tz)
    return local.astimezone(UTC)


def _media_from_file(name: str) -> MediaKind:
    stem = name.rsplit("/", 1)[-1]
    for part in re.split(r"[-_ ]", stem.upper())[:2]:
        if part in _PREFIX_KINDS:
            return _PREFIX_KINDS[part]
    ext = stem.rsplit(".", 1)[-1].lower() if "." in stem else ""
    return _EXT_KINDS.get(ext, MediaKind.DOCUMENT)


def _body(first: str, more: list[str]) -> tuple[str, MediaKind | None, bool, bool]:
    """(text, media, edited, deleted) of a message body."""
    first = first.strip()
    media: MediaKind | None = None
    folded = first.casefold()
    if not more and folded in _DELETED:
        return "", None, False, True
    if folded in _OMITTED:
        media, first = _OMITTED[folded], ""
    elif (m := _ATTACHED_IOS.search(first)) is not None:
        media = _media_from_file(m["file"].strip())
        first = (first[: m.start()] + first[m.end() :]).strip()
    elif (m := _ATTACHED_ANDROID.match(first)) is not None:
        media = _media_from_file(m["file"])
        first = first[m.end() :].strip()
    elif folded.endswith("omitted") or folded.endswith("отсутствует"):
        if (m := _OMITTED_SUFFIX.fullmatch(first)) is not None:
            media, first = _OMITTED[m["ph"].casefold()], m["before"].strip()
    text = "\n".join([first, *more]).strip() if more else first
    edited = False
    stripped = text.rstrip()
    for suffix in _EDITED_SUFFIXES:
        if stripped.endswith(suffix):
            edited, text = True, stripped[: -len(suffix)].rstrip()
            break
    if not more and text.casefold() in _DELETED:
        return "", media, edited, True
    return text, media, edited, False


def _split_sender(rest: str, has_lrm_body: bool) -> tuple[str | None, str]:
    """(sender, body) of a header's remainder; sender None for a system line."""
    idx = rest.find(": ")
    if idx < 0:
        if rest.endswith(":") and len(rest) > 1:
            return rest[:-1].strip(), ""  # the text starts on the next line
        return None, rest
    name, body = rest[:idx].strip(), rest[idx + 2 :]
    if not name or _SYSTEM_IN_NAME.search(name):
        return None, rest
    # iOS writes system events as "<group name>: ‎<event>"; the mark tells them from user text.
    if has_lrm_body and _SYSTEM_BODY.search(_clean(body)) and not _looks_like_media(body):
        return None, rest
    # Some exports lose the mark; the encryption notice is still recognisable by its opening.
    if _clean(body).lstrip().startswith(_ENCRYPTION_NOTICES):
        return None, rest
    return name, body


def _looks_like_media(body: str) -> bool:
    folded = _clean(body).strip().casefold()
    return (
        folded in _OMITTED
        or bool(_ATTACHED_IOS.search(body))
        or bool(_OMITTED_SUFFIX.fullmatch(body.strip()))
    )


def parse_whatsapp_messages(path: Path, tz: ZoneInfo) -> Iterator[ExportedMessage]:
    """Yield the messages of a WhatsApp `.txt` export in file order."""
    lines = _Lines(path)
    header: re.Pattern[str] | None = None
    for number, text in lines:
        if text.strip():
            header = _style(text)
            if header is None:
                raise ExportFormatError(
                    f"{path.name}, line {number}: the first line is not a WhatsApp message header "
                    f"like '12.11.2026, 09:12 - Name: text' or '[12.11.2026, 09:12:03] Name: text'",
                    line=number,
                )
            break
    if header is None:
        raise ExportFormatError(f"{path.name}: the file has no messages (it is empty)", line=None)
    day_first = _decide_day_first(lines, header)

    pending: _Pending | None = None
    for number, raw in lines:
        cleaned = _clean(raw)
        m = header.fullmatch(cleaned.lstrip())
        if m is None:
            if pending is not None:
                pending.more.append(cleaned)
            # Blank lines before the first header carry nothing.
            continue
        if pending is not None and pending.sender is not None:
            yield _finish(pending)
        try:
            sent_at = _timestamp(m, day_first, tz)
        except (ValueError, OverflowError) as exc:
            raise ExportFormatError(
                f"{path.name}, line {number}: the date/time {m['date']} {m['time']} is not valid ({exc})",
                line=number,
            ) from None
        sender, body = _split_sender(m["rest"], _has_lrm_body(raw))
        pending = _Pending(number, sender, sent_at, body, [])
    if pending is not None and pending.sender is not None:
        yield _finish(pending)


def _has_lrm_body(raw: str) -> bool:
    """Whether the text after the header's "Name: " starts with a left-to-right mark."""
    return ": \u200e" in raw


def _finish(p: _Pending) -> ExportedMessage:
    assert p.sender is not None
    text, media, edited, deleted = _body(p.first, p.more)
    return ExportedMessage(
        message_id=str(p.line),
        sender_name=p.sender,
        sender_id=None,
        sent_at=p.sent_at,
        text=text,
        media=media,
        reply_to=None,
        forwarded=False,
        edited=edited,
        deleted=deleted,
        line=p.line,
    )


def parse_whatsapp(path: Path, *, tz: ZoneInfo) -> Iterator[ExportedChat]:
    """Yield the single chat of a WhatsApp `.txt` export."""
    yield ExportedChat(
        platform=Platform.WHATSAPP,
        chat_id=None,
        title=path.stem,
        messages=parse_whatsapp_messages(path, tz),
    )
