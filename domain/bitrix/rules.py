"""Pure rules of the Bitrix24 mirror: the webhook's shape, the task's text, our marker in
comments, and what a status read in Bitrix24 does to the ticket."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from domain.bitrix.model import RemoteStatus
from domain.kernel.model import TicketStatus

_WEBHOOK_PATH = re.compile(r"^/rest/(\d+)/([A-Za-z0-9_]+)/?$")
_LOCAL = {"127.0.0.1", "localhost", "::1"}
_MARK = re.compile(r"\[chatdesk:(\d+)\]")


class WebhookError(ValueError):
    """Not an incoming-webhook address; the message is a text key."""


def parse_webhook(url: str) -> str:
    """'https://portal.bitrix24.ru/rest/1/abc123' → the same ending with '/', or WebhookError.
    Plain http only for this machine (a test portal): the address carries the secret."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise WebhookError("bx.err.webhook")
    if parts.scheme == "http" and parts.hostname not in _LOCAL:
        raise WebhookError("bx.err.webhook_https")
    if parts.query or parts.fragment or not _WEBHOOK_PATH.match(parts.path):
        raise WebhookError("bx.err.webhook")
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def masked(webhook: str) -> str:
    """The address without its secret, for output and logs."""
    parts = urlsplit(webhook)
    match = _WEBHOOK_PATH.match(parts.path)
    user = match.group(1) if match else "?"
    return f"{parts.scheme}://{parts.netloc}/rest/{user}/***/"


def xml_id(ticket_id: int) -> str:
    return f"chatdesk-{ticket_id}"


def mark(message_id: int) -> str:
    """Ends every comment we post: finds it again after a lost answer, and keeps it from
    coming back to the desk as a comment made in Bitrix24."""
    return f"[chatdesk:{message_id}]"


def is_ours(text: str) -> bool:
    return _MARK.search(text or "") is not None


def posted(comments_texts: list[str], message_id: int) -> bool:
    return any(mark(message_id) in text for text in comments_texts)


def ticket_move(current: TicketStatus, was: int | None, now: int) -> TicketStatus | None:
    """What a task status changed in Bitrix24 (from `was` to `now`) does to the ticket:
    completed closes an open ticket, started takes a queued one into work, and a completed
    task renewed reopens a done ticket. Everything else leaves the ticket as it is (staff are
    told)."""
    if now == was:
        return None
    if now == RemoteStatus.COMPLETED:
        open_ = current.is_open and current is not TicketStatus.AWAITING_CONFIRMATION
        return TicketStatus.DONE if open_ else None
    if now == RemoteStatus.IN_PROGRESS and current is TicketStatus.ACCEPTED:
        return TicketStatus.IN_PROGRESS
    if now in (RemoteStatus.PENDING, RemoteStatus.IN_PROGRESS) and current is TicketStatus.DONE \
            and was == RemoteStatus.COMPLETED:
        return TicketStatus.IN_PROGRESS
    return None
