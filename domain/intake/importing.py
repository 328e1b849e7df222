"""Importing a chat's history: exported messages go through the same intake as live ones.

The caller (bot/importing.py) parses the file and maps each exported message to an
`InboundMessage`; this module picks the client and chat, feeds intake in time order and
reports what the history became. Everything here talks to storage only through the ports.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from domain.intake.service import InboundMessage, IntakeService, Outcome
from domain.kernel.model import (
    Chat,
    Client,
    Disposition,
    Language,
    Message,
    Platform,
    RefusalReason,
    Staff,
    Ticket,
)
from domain.kernel.ports import MessageRepository, StaffRepository, TicketRepository
from domain.onboarding.service import add_client, link_chat
from domain.uow import UnitOfWork, UnitOfWorkFactory

# Long enough that per-transaction overhead vanishes, short enough that the live bot, which
# shares SQLite's single writer, never waits on an import for more than a moment.
BATCH_SIZE = 1000


IMPORT_SOURCE = "import"


class ImportRefused(Exception):
    """The import cannot be done as asked; `key` and `params` name the text for a person."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """Where an exported chat goes and who in it is the integrator's staff."""

    platform: Platform
    title: str
    # The chat's external id, then other spellings a live link of the same chat may use.
    chat_ids: tuple[str, ...]
    client_name: str | None = None  # None: the chat's client, or the client named like the chat
    staff_ids: frozenset[str] = frozenset()  # sender ids of the integrator's people
    language: Language = Language.RU  # for a client created by the import


@dataclass(frozen=True, slots=True)
class HistoryMessage:
    """One exported message; a deleted one is counted and reported, never judged."""

    message: InboundMessage
    deleted: bool = False


@dataclass(slots=True)
class ImportReport:
    client: str
    client_created: bool
    chat_title: str
    messages: int = 0  # user messages in the export, deleted ones included
    stored: int = 0  # messages this run stored
    deleted: int = 0  # deleted in the chat before the export: counted, never stored
    tickets: list[Ticket] = field(default_factory=list)
    refused: list[tuple[str, RefusalReason]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def imported_before(self) -> int:
        return self.messages - self.stored - self.deleted

    def as_dict(self) -> dict:
        return {
            "messages": self.messages,
            "tickets": [
                {
                    "number": tk.number,
                    "kind": tk.kind.value,
                    "status": tk.status.value,
                    "title": tk.title,
                    "text": tk.text,
                    "message_ids": list(tk.message_ids),
                }
                for tk in self.tickets
            ],
            "refused": [{"message_id": mid, "reason": r.value} for mid, r in self.refused],
            "ignored": list(self.ignored),
            "client": self.client,
            "client_created": self.client_created,
            "stored": self.stored,
            "dry_run": self.dry_run,
        }


class _ImportStaff:
    """The staff repository as intake sees it during an import: the people named for this
    import count as staff too, without becoming staff members of the desk."""

    def __init__(self, inner: StaffRepository, platform: Platform, ids: frozenset[str]) -> None:
        self._inner = inner
        self._platform = platform
        self._ids = ids

    async def find(self, platform: Platform, external_id: str) -> Staff | None:
        if platform is self._platform and external_id in self._ids:
            return Staff(None, external_id)
        return await self._inner.find(platform, external_id)

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


class _Deferring:
    """Any method of the wrapped repository not overridden here writes what is deferred
    first, so it reads and writes exactly what the database would have without deferring."""

    _inner: Any

    async def flush(self) -> None:
        raise NotImplementedError

    def __getattr__(self, name: str) -> object:
        attr = getattr(self._inner, name)
        if not callable(attr):
            return attr

        async def flushed_first(*args: Any, **kwargs: Any) -> Any:
            await self.flush()
            return await attr(*args, **kwargs)

        return flushed_first


class _ImportTickets(_Deferring):
    """The tickets repository as intake sees it during an exclusive import: the client's
    open tickets are kept in memory, and their updates written once per batch.

    Intake asks for the client's open tickets on every message (bursts, repeats); a chat
    with years of history has dozens to hundreds of them, and reading them all back for each
    of 100,000 messages was most of an import's time. The index is filled from the database
    at the start of every transaction (`reload`), while the import holds the database's write
    lock, so nothing else changes tickets until the next commit; within the transaction every
    change to a ticket goes through `add` and `update` here, which keep the index current.
    The same objects are handed out every time, as a single transaction would see them; a
    ticket updated many times in a batch (a question repeated all day) is written once, at
    `flush`, which the import calls before every commit."""

    def __init__(self, inner: TicketRepository, client_id: int, messages: _ImportMessages
                 ) -> None:
        self._inner = inner
        self._client_id = client_id
        self._messages = messages  # tickets are read with their messages' ids
        self._open: dict[int, Ticket] = {}
        self._dirty: dict[int, Ticket] = {}

    async def reload(self) -> None:
        await self.flush()
        found = await self._inner.open_for_client(self._client_id)
        self._open = {tk.id: tk for tk in found if tk.id is not None}

    async def flush(self) -> None:
        await self._messages.flush()
        dirty, self._dirty = self._dirty, {}
        for ticket in dirty.values():
            await self._inner.update(ticket)

    async def open_for_client(self, client_id: int, *, active_since: datetime | None = None,
                              limit: int | None = None) -> Sequence[Ticket]:
        if client_id != self._client_id:
            await self.flush()
            return await self._inner.open_for_client(client_id, active_since=active_since,
                                                     limit=limit)
        found = [tk for tk in self._open.values()
                 if active_since is None or (tk.updated_at is not None
                                             and tk.updated_at >= active_since)]
        if limit is not None and len(found) > limit:
            # The most recently active ones, like the repository's query.
            found.sort(key=_recency, reverse=True)
            found = found[:limit]
        found.sort(key=_number)
        return found

    async def get(self, ticket_id: int, *, with_messages: bool = True) -> Ticket | None:
        known = self._open.get(ticket_id)
        if known is not None and not with_messages:
            return known
        await self.flush()
        return await self._inner.get(ticket_id, with_messages=with_messages)

    async def add(self, ticket: Ticket) -> Ticket:
        added = await self._inner.add(ticket)
        if added.client_id == self._client_id and added.id is not None \
                and added.status.is_open:
            self._open[added.id] = added
        return added

    async def update(self, ticket: Ticket) -> None:
        if ticket.id is None or ticket.client_id != self._client_id \
                or ticket.confirmed_at is not None or not ticket.status.is_open:
            # Status changes (logged with the change) are written at once, as they were.
            self._dirty.pop(ticket.id, None)  # type: ignore[arg-type]
            await self._inner.update(ticket)
            if ticket.id is not None and not ticket.status.is_open:
                self._open.pop(ticket.id, None)
            return
        self._open[ticket.id] = ticket
        self._dirty[ticket.id] = ticket


def _recency(ticket: Ticket) -> datetime:
    assert ticket.updated_at is not None
    return ticket.updated_at


def _number(ticket: Ticket) -> int:
    return ticket.number


class _ImportMessages(_Deferring):
    """The message log as intake sees it during an exclusive import.

    Whether a message was imported before is read for a whole batch at once (`expect`)
    instead of one query per message; new messages are inserted together (`flush`, before
    any read that could need them and before every commit); and the messages this import
    stored lately are at hand when a later one replies to them."""

    RECENT = 5000  # stored messages kept at hand for replies

    def __init__(self, inner: MessageRepository, platform: Platform, chat_external_id: str
                 ) -> None:
        self._inner = inner
        self._platform = platform
        self._chat = chat_external_id
        self._checked: set[str] = set()  # ids whose presence `_present` answers
        self._present: set[str] = set()
        self._recent: dict[str, Message] = {}
        self._unwritten: list[Message] = []

    async def expect(self, external_ids: Sequence[str]) -> None:
        """The next messages of this chat to be judged: learn which are stored already."""
        await self.flush()
        self._checked = set(external_ids)
        self._present = await self._inner.existing(self._platform, self._chat, external_ids)

    async def flush(self) -> None:
        if self._unwritten:
            unwritten, self._unwritten = self._unwritten, []
            await self._inner.add_many(unwritten)

    def _mine(self, platform: Platform, chat_external_id: str) -> bool:
        return platform is self._platform and chat_external_id == self._chat

    async def exists(self, platform: Platform, chat_external_id: str, external_id: str) -> bool:
        if self._mine(platform, chat_external_id):
            if external_id in self._recent:
                return True
            if external_id in self._checked:
                return external_id in self._present
        await self.flush()
        return await self._inner.exists(platform, chat_external_id, external_id)

    async def get(self, platform: Platform, chat_external_id: str, external_id: str
                  ) -> Message | None:
        if self._mine(platform, chat_external_id):
            known = self._recent.get(external_id)
            if known is not None:
                return known
        await self.flush()
        return await self._inner.get(platform, chat_external_id, external_id)

    async def add(self, message: Message) -> Message:
        """Queued for `flush`; its `id` stays None (nothing in an import needs it)."""
        if not self._mine(message.platform, message.chat_external_id):
            await self.flush()
            return await self._inner.add(message)
        self._unwritten.append(message)
        self._recent[message.external_id] = message
        if len(self._recent) > self.RECENT:
            del self._recent[next(iter(self._recent))]
        return message

    async def attach(self, message_ids: Sequence[int], ticket_id: int) -> None:
        await self.flush()
        await self._inner.attach(message_ids, ticket_id)
        # Only media waiting for their text are attached: find them among the recent ones.
        attached = set(message_ids)
        for known in self._recent.values():
            if known.id in attached:
                known.ticket_id, known.disposition = ticket_id, Disposition.JOINED

    async def pending_media(self, chat_id: int, sender_external_id: str, since: datetime
                            ) -> Sequence[Message]:
        await self.flush()
        found = await self._inner.pending_media(chat_id, sender_external_id, since)
        for stored in found:  # their ids, for `attach`
            known = self._recent.get(stored.external_id)
            if known is not None and stored.chat_external_id == self._chat:
                known.id = stored.id
        return found


class _ImportUnitOfWork:
    """The caller's unit of work with the import's overlays; every other repository,
    including ones added later by other features, is the real one."""

    def __init__(self, uow: UnitOfWork, staff: _ImportStaff,
                 tickets: _ImportTickets | None = None,
                 messages: _ImportMessages | None = None) -> None:
        self._uow = uow
        self.staff = staff
        self.tickets = tickets if tickets is not None else uow.tickets
        self.messages = messages if messages is not None else uow.messages

    def __getattr__(self, name: str) -> object:
        return getattr(self._uow, name)


class ChatImport:
    """Import one chat's history through intake, in batches, atomically for dry runs.

    `exclusive`: each transaction of `uow_factory` holds the database's only write lock
    (SQLite's BEGIN IMMEDIATE), so within a batch nothing but the import changes tickets or
    messages, and the import keeps them in memory between messages (see `_ImportTickets`)."""

    def __init__(
        self, intake: IntakeService, uow_factory: UnitOfWorkFactory, *,
        batch_size: int = BATCH_SIZE, exclusive: bool = False,
    ) -> None:
        self._intake = intake
        self._uow = uow_factory
        self._batch_size = batch_size
        self._exclusive = exclusive

    async def run(
        self,
        plan: ImportPlan,
        history: Iterable[HistoryMessage],
        *,
        now: datetime,
        dry_run: bool = False,
        progress: Callable[[int], None] | None = None,
    ) -> ImportReport:
        """Feed `history` (in time order) to intake; a dry run rolls everything back."""
        async with self._uow() as real_uow:
            client, created, chat = await _resolve(real_uow, plan, now)
            assert client.id is not None
            staff = _ImportStaff(real_uow.staff, plan.platform, plan.staff_ids)
            tickets = messages = None
            uow: UnitOfWork = _ImportUnitOfWork(real_uow, staff)  # type: ignore[assignment]
            if self._exclusive:
                messages = _ImportMessages(real_uow.messages, plan.platform, chat.external_id)
                tickets = _ImportTickets(real_uow.tickets, client.id, messages)
                uow = _ImportUnitOfWork(real_uow, staff, tickets, messages)  # type: ignore[assignment]
            report = ImportReport(client.name, created, plan.title, dry_run=dry_run)
            seen: list[str] = []  # every message id of the file, in file order
            ticket_ids: set[int] = set()
            refused: dict[str, RefusalReason] = {}
            for batch in _batches(history, self._batch_size):
                if tickets is not None and messages is not None:
                    # A new transaction: what others committed since the last one counts.
                    await tickets.reload()
                    await messages.expect([h.message.message_id for h in batch if not h.deleted])
                for item in batch:
                    report.messages += 1
                    msg = item.message
                    seen.append(msg.message_id)
                    if item.deleted:
                        report.deleted += 1
                    else:
                        await self._one(uow, chat, msg, report, ticket_ids, refused)
                if len(batch) == self._batch_size:
                    await _flush(tickets, messages)
                    if not dry_run:
                        await real_uow.commit()
                    if progress is not None:
                        progress(report.messages)
            await _flush(tickets, messages)
            tickets_found = await real_uow.tickets.for_client(client.id)
            found = [tk for tk in tickets_found if tk.id in ticket_ids]
            if dry_run:
                await real_uow.rollback()
            else:
                await real_uow.commit()
        if progress is not None:
            progress(report.messages)
        ticketed = {mid for tk in found for mid in tk.message_ids}
        report.tickets = found
        report.refused = [(mid, refused[mid]) for mid in seen if mid in refused]
        report.ignored = [mid for mid in seen if mid not in ticketed and mid not in refused]
        return report

    async def _one(
        self,
        uow: UnitOfWork,
        chat: Chat,
        msg: InboundMessage,
        report: ImportReport,
        ticket_ids: set[int],
        refused: dict[str, RefusalReason],
    ) -> None:
        msg = dataclasses.replace(msg, chat_id=chat.external_id)
        result = await self._intake.process(uow, msg)
        stored = result.message
        if result.outcome is Outcome.DUPLICATE:
            # Imported before: report what it became then, so a re-import reads the same.
            stored = await uow.messages.get(msg.platform, msg.chat_id, msg.message_id)
        else:
            report.stored += 1
        if result.outcome is Outcome.TICKET_CREATED and result.ticket is not None:
            result.ticket.source = IMPORT_SOURCE
            await uow.tickets.update(result.ticket)
        if stored is None or stored.from_staff:
            return
        if stored.ticket_id is not None:
            ticket_ids.add(stored.ticket_id)
        elif stored.disposition is Disposition.REFUSED and stored.reason is not None:
            refused[stored.external_id] = stored.reason


async def _flush(*overlays: _Deferring | None) -> None:
    for overlay in overlays:
        if overlay is not None:
            await overlay.flush()


def _batches(items: Iterable[HistoryMessage], size: int) -> Iterator[list[HistoryMessage]]:
    batch: list[HistoryMessage] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


async def _resolve(uow: UnitOfWork, plan: ImportPlan, now: datetime) -> tuple[Client, bool, Chat]:
    """The client and linked chat the history belongs to; a missing client is created."""
    wanted = (plan.client_name or "").strip()
    linked = await _linked_chat(uow, plan.platform, plan.chat_ids)
    if linked is not None:
        client = await uow.clients.get(linked.client_id)
        assert client is not None, "a chat always belongs to a client"
        if wanted and wanted.casefold() != client.name.casefold():
            raise ImportRefused("import.err.linked_elsewhere", linked=client.name, client=wanted)
        chat = await link_chat(uow, client, plan.platform, linked.external_id, plan.title)
        return client, False, chat
    name = wanted or plan.title.strip()
    if not name:
        raise ImportRefused("import.err.no_client_name")
    client = await uow.clients.get_by_name(name)
    created = client is None
    if client is None:
        client = await add_client(uow, name, now=now, language=plan.language)
    chat = await link_chat(uow, client, plan.platform, plan.chat_ids[0], plan.title)
    return client, created, chat


async def _linked_chat(uow: UnitOfWork, platform: Platform, ids: Sequence[str]) -> Chat | None:
    for external_id in ids:
        chat = await uow.chats.find(platform, external_id)
        if chat is not None:
            return chat
    return None


__all__ = [
    "BATCH_SIZE",
    "ChatImport",
    "HistoryMessage",
    "ImportPlan",
    "ImportRefused",
    "ImportReport",
]
