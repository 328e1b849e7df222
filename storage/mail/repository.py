"""Repository of the mail channel."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert, select, update

from domain.kernel.model import Platform
from domain.mail.model import Attachment, MailStatus, ReplyContext, StoredMail
from storage.kernel.repository import _Repo
from storage.kernel.tables import messages as m
from storage.kernel.tables import tickets as tk
from storage.mail.tables import mail_attachments as a
from storage.mail.tables import mail_cursors as c
from storage.mail.tables import mails


def _mail(row, *, with_raw: bool = False) -> StoredMail:  # noqa: ANN001
    return StoredMail(row.id, row.message_id, row.sender, row.sender_name, row.subject,
                      MailStatus(row.status), row.received_at, uid=row.uid, size=row.size,
                      in_reply_to=row.in_reply_to, references=tuple(row.refs.split()),
                      chat_key=row.chat_key, error=row.error,
                      raw=row.raw if with_raw else None)


class SqlMailRepository(_Repo):
    async def add(self, mail: StoredMail) -> bool:
        if await self._conn.scalar(select(mails.c.id).where(
                mails.c.message_id == mail.message_id)) is not None:
            return False
        result = await self._conn.execute(insert(mails).values(
            message_id=mail.message_id, sender=mail.sender[:255],
            sender_name=mail.sender_name[:255], subject=mail.subject, status=mail.status.value,
            received_at=mail.received_at, uid=mail.uid, size=mail.size,
            in_reply_to=mail.in_reply_to, refs=" ".join(mail.references),
            chat_key=mail.chat_key, error=mail.error, raw=mail.raw))
        mail.id = result.inserted_primary_key[0]
        return True

    async def get(self, message_id: str) -> StoredMail | None:
        row = (await self._conn.execute(select(mails).where(
            mails.c.message_id == message_id))).first()
        return _mail(row) if row else None

    async def set_status(self, message_id: str, status: MailStatus, *, error: str = "",
                         chat_key: str | None = None) -> None:
        values: dict = {"status": status.value, "error": error}
        if chat_key is not None:
            values["chat_key"] = chat_key
        await self._conn.execute(update(mails).where(mails.c.message_id == message_id)
                                 .values(**values))

    async def unfinished(self, limit: int = 100) -> Sequence[StoredMail]:
        rows = await self._conn.execute(select(mails).where(
            mails.c.status == MailStatus.NEW.value).order_by(mails.c.id).limit(limit))
        return [_mail(row, with_raw=True) for row in rows]

    async def add_attachment(self, message_id: str, attachment: Attachment) -> None:
        mail_id = await self._conn.scalar(select(mails.c.id).where(
            mails.c.message_id == message_id))
        await self._conn.execute(insert(a).values(
            mail_id=mail_id, filename=attachment.filename[:255],
            mime_type=attachment.mime_type[:128], size=attachment.size,
            content=attachment.content))

    async def attachments(self, message_id: str) -> Sequence[Attachment]:
        rows = await self._conn.execute(
            select(a).join(mails, mails.c.id == a.c.mail_id)
            .where(mails.c.message_id == message_id).order_by(a.c.id))
        return [Attachment(r.filename, r.mime_type, r.size, r.content) for r in rows]

    async def cursor(self, mailbox: str) -> tuple[int, int]:
        row = (await self._conn.execute(select(c).where(c.c.mailbox == mailbox))).first()
        return (row.uid_validity, row.last_uid) if row else (0, 0)

    async def set_cursor(self, mailbox: str, uid_validity: int, last_uid: int) -> None:
        done = await self._conn.execute(update(c).where(c.c.mailbox == mailbox).values(
            uid_validity=uid_validity, last_uid=last_uid))
        if not done.rowcount:
            await self._conn.execute(insert(c).values(mailbox=mailbox, uid_validity=uid_validity,
                                                      last_uid=last_uid))

    async def reply_context(self, message_id: str) -> ReplyContext | None:
        row = (await self._conn.execute(select(mails).where(
            mails.c.message_id == message_id))).first()
        if row is None or not row.sender:
            return None
        number = await self._conn.scalar(
            select(tk.c.number).join(m, m.c.ticket_id == tk.c.id)
            .where(m.c.platform == Platform.EMAIL.value, m.c.external_id == message_id)
            .limit(1))
        refs = [ref for ref in row.refs.split() if ref != message_id]
        return ReplyContext(row.sender, row.subject, (*refs, message_id), number)
