"""A raw RFC 5322 mail → `ParsedMail` (stdlib `email`): plain text preferred, HTML stripped,
the quoted tail and signature trimmed, attachments kept up to a size."""

from __future__ import annotations

import hashlib
import re
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

from domain.mail.model import Attachment, ParsedMail
from domain.mail.rules import html_to_text, normal_address, trim_reply

MAX_ID = 120  # message ids are keys of String(128) columns; longer ones are hashed
_ID = re.compile(r"<[^<>\s]+>")


class MailParseError(ValueError):
    """The mail cannot be read (no sender, not a mail at all)."""


def mail_id(given: str) -> str:
    """A Message-ID as the desk keys it: '<…>'; a very long one becomes a hash of itself, the
    same wherever it appears (Message-ID, In-Reply-To, References)."""
    given = given.strip()
    if not given.startswith("<"):
        given = f"<{given.strip('<>')}>"
    if len(given) <= MAX_ID:
        return given
    return f"<{hashlib.sha256(given.encode()).hexdigest()[:48]}@long-id.invalid>"


def _ids(value: str | None) -> tuple[str, ...]:
    return tuple(mail_id(found) for found in _ID.findall(str(value or "")))


def fallback_id(raw: bytes) -> str:
    """A mail without a Message-ID is keyed by its content: the same mail twice is one."""
    return f"<{hashlib.sha256(raw).hexdigest()[:48]}@no-message-id.invalid>"


def _parse(raw: bytes) -> EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(raw)  # type: ignore[return-value]


def header_id(raw: bytes) -> str:
    """The Message-ID of even an unreadable mail, if it can be found at all."""
    try:
        found = _ids(_parse(raw).get("Message-ID"))
    except Exception:  # noqa: BLE001 - broken headers: keyed by content
        found = ()
    return found[0] if found else fallback_id(raw)


def _text_of(part: EmailMessage) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError):  # an unknown or lying charset
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", errors="replace")
    return content if isinstance(content, str) else ""


def _body(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    text = _text_of(part)
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    return trim_reply(text)


def _attachments(msg: EmailMessage, max_bytes: int) -> tuple[Attachment, ...]:
    found = []
    for part in msg.iter_attachments():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True) or b""
        name = part.get_filename() or f"attachment.{part.get_content_subtype() or 'bin'}"
        found.append(Attachment(name, part.get_content_type(), len(payload),
                                payload if len(payload) <= max_bytes else None))
    return tuple(found)


def is_automatic(msg: EmailMessage) -> bool:
    """An auto-reply, a bounce or a bulk mail (RFC 3834 and what mail programs send)."""
    submitted = str(msg.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(msg.get("Precedence", "")).strip().lower()
    return (submitted != "no"
            or precedence in {"bulk", "junk", "list", "auto_reply"}
            or bool(msg.get("X-Autoreply") or msg.get("X-Autorespond"))
            or msg.get_content_type() == "multipart/report")


def parse_mail(raw: bytes, *, max_attachment_bytes: int = 10 * 1024 * 1024,
               headers_only: bool = False) -> ParsedMail:
    """Raises `MailParseError` with a one-line reason when the mail cannot be read."""
    try:
        msg = _parse(raw)
        senders = getaddresses([str(msg.get("From", ""))])
    except Exception as exc:  # noqa: BLE001 - the email package raises many kinds on junk
        raise MailParseError(f"unreadable headers ({type(exc).__name__})") from None
    name, address = senders[0] if senders else ("", "")
    sender = normal_address(address or "")
    if sender is None:
        raise MailParseError(f"no usable sender address in From: {str(msg.get('From', ''))[:80]!r}")
    if len(sender) > MAX_ID:
        raise MailParseError(f"the sender address is longer than {MAX_ID} characters")
    ids = _ids(msg.get("Message-ID"))
    try:
        sent_at = parsedate_to_datetime(str(msg["Date"])) if msg.get("Date") else None
        if sent_at is not None and sent_at.tzinfo is None:
            sent_at = None
    except (TypeError, ValueError, IndexError):
        sent_at = None
    in_reply_to = _ids(msg.get("In-Reply-To"))
    try:
        text = "" if headers_only else _body(msg)
        attachments = () if headers_only else _attachments(msg, max_attachment_bytes)
    except Exception as exc:  # noqa: BLE001
        raise MailParseError(f"unreadable body ({type(exc).__name__}: {exc})"[:200]) from None
    return ParsedMail(
        message_id=ids[0] if ids else fallback_id(raw), sender=sender,
        sender_name=str(name or "").strip() or sender, subject=str(msg.get("Subject", "")).strip(),
        sent_at=sent_at, text=text, in_reply_to=in_reply_to[0] if in_reply_to else None,
        references=_ids(msg.get("References")), attachments=attachments,
        automatic=is_automatic(msg))
