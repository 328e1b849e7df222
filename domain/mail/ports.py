"""What the mail channel needs from storage. Writes never commit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from domain.mail.model import Attachment, MailStatus, ReplyContext, StoredMail


class MailRepository(Protocol):
    async def add(self, mail: StoredMail) -> bool:
        """Keep a mail; False (and nothing changes) when its Message-ID is kept already."""
        ...

    async def get(self, message_id: str) -> StoredMail | None: ...
    async def set_status(self, message_id: str, status: MailStatus, *, error: str = "",
                         chat_key: str | None = None) -> None: ...
    async def unfinished(self, limit: int = 100) -> Sequence[StoredMail]:
        """Mails kept but not yet through intake (status NEW), oldest first, with `raw`."""
        ...

    async def add_attachment(self, message_id: str, attachment: Attachment) -> None: ...
    async def attachments(self, message_id: str) -> Sequence[Attachment]: ...
    async def cursor(self, mailbox: str) -> tuple[int, int]:
        """(UIDVALIDITY, the last UID read) of a mailbox; (0, 0) before the first poll."""
        ...

    async def set_cursor(self, mailbox: str, uid_validity: int, last_uid: int) -> None: ...
    async def reply_context(self, message_id: str) -> ReplyContext | None:
        """The sender, subject, thread and ticket number of a kept mail (or a chat message
        of a mail chat that belongs to a ticket)."""
        ...
