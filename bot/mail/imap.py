"""Reading a support mailbox over IMAP (stdlib imaplib, in a worker thread). The mailbox is
opened read-only: mails are never moved, flagged or deleted, so whatever the desk cannot take
stays there for a person to see."""

from __future__ import annotations

import asyncio
import imaplib
import re
import ssl
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.settings import Settings

_SIZE = re.compile(rb"RFC822\.SIZE (\d+)")


class MailboxError(Exception):
    """The mailbox could not be read this time (network, login, a server error)."""


@dataclass(frozen=True, slots=True)
class Fetched:
    uid: int
    size: int
    raw: bytes  # the whole mail, or only its headers when `headers_only`
    headers_only: bool = False


@dataclass(frozen=True, slots=True)
class ImapConfig:
    host: str
    port: int
    user: str
    password: str
    use_ssl: bool = True
    mailbox: str = "INBOX"
    timeout_s: float = 30.0


class ImapMailbox:
    def __init__(self, config: ImapConfig) -> None:
        self.config = config

    async def fetch_new(self, uid_validity: int, last_uid: int, *, max_bytes: int,
                        limit: int = 50) -> tuple[int, list[Fetched]]:
        """Mails after `last_uid` (all of them when the mailbox's UIDVALIDITY is not the one
        given), oldest first, at most `limit`; returns the mailbox's UIDVALIDITY too."""
        try:
            return await asyncio.to_thread(self._fetch_new, uid_validity, last_uid, max_bytes,
                                           limit)
        except (OSError, imaplib.IMAP4.error, ValueError) as exc:
            raise MailboxError(f"{type(exc).__name__}: {exc}"[:300]) from None

    def _connect(self) -> imaplib.IMAP4:
        c = self.config
        if c.use_ssl:
            return imaplib.IMAP4_SSL(c.host, c.port, ssl_context=ssl.create_default_context(),
                                     timeout=c.timeout_s)
        return imaplib.IMAP4(c.host, c.port, timeout=c.timeout_s)

    def _fetch_new(self, uid_validity: int, last_uid: int, max_bytes: int,
                   limit: int) -> tuple[int, list[Fetched]]:
        conn = self._connect()
        try:
            conn.login(self.config.user, self.config.password)
            typ, _ = conn.select(self.config.mailbox, readonly=True)
            if typ != "OK":
                raise MailboxError(f"cannot open mailbox {self.config.mailbox!r}")
            _, validity = conn.response("UIDVALIDITY")
            current = int(validity[0]) if validity and validity[0] else 0
            start = last_uid + 1 if current == uid_validity else 1
            _, found = conn.uid("SEARCH", None, f"UID {start}:*")
            # "n:*" always includes the last mail, even below n: filter.
            uids = sorted(u for u in (int(x) for x in (found[0] or b"").split()) if u >= start)
            fetched = [self._one(conn, uid, max_bytes) for uid in uids[:limit]]
            return current, [f for f in fetched if f is not None]
        finally:
            try:
                conn.logout()
            except (OSError, imaplib.IMAP4.error):
                pass

    @staticmethod
    def _payload(data: list) -> bytes | None:
        for item in data:
            if isinstance(item, tuple) and len(item) == 2:
                return item[1]
        return None

    def _one(self, conn: imaplib.IMAP4, uid: int, max_bytes: int) -> Fetched | None:
        _, data = conn.uid("FETCH", str(uid), "(RFC822.SIZE)")
        head = b" ".join(item if isinstance(item, bytes) else item[0] for item in data if item)
        found = _SIZE.search(head)
        if found is None:
            return None  # expunged meanwhile
        size = int(found.group(1))
        too_big = size > max_bytes
        _, data = conn.uid("FETCH", str(uid), "(BODY.PEEK[HEADER])" if too_big
                           else "(BODY.PEEK[])")
        raw = self._payload(data)
        return None if raw is None else Fetched(uid, size, raw, headers_only=too_big)


def imap_config(settings: Settings) -> ImapConfig:
    return ImapConfig(settings.mail_imap_host or "", settings.mail_imap_port
                      or (993 if settings.mail_imap_ssl else 143),
                      settings.mail_imap_user or "", settings.mail_imap_password or "",
                      use_ssl=settings.mail_imap_ssl, mailbox=settings.mail_imap_mailbox,
                      timeout_s=settings.mail_timeout_seconds)
