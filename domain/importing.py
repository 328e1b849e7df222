"""Importing a chat's history: exported messages go through the same intake as live ones.

The caller (bot/importing.py) parses the file and maps each exported message to an
`InboundMessage`; this module picks the client and chat, feeds intake in time order and
reports what the history became. Everything here talks to storage only through the ports.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from domain.intake import InboundMessage, IntakeService, Outcome
from domain.model import (
    Chat,
    Client,
    Disposition,
    Language,
    Platform,
    RefusalReason,
    Staff,
    Ticket,
)
from domain.onboarding import add_client, link_chat
from domain.ports import StaffRepository, UnitOfWork, UnitOfWorkFactory

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


class _ImportUnitOfWork:
    """The caller's unit of work with the import's staff overlay; every other repository,
    including ones added later by other features, is the real one."""

    def __init__(self, uow: UnitOfWork, staff: _ImportStaff) -> None:
        self._uow = uow
        self.staff = staff

    def __getattr__(self, name: str) -> object:
        return getattr(self._uow, name)


class ChatImport:
    """Import one chat's history through intake, in batches, atomically for dry runs."""

    def __init__(
        self, intake: IntakeService, uow_factory: UnitOfWorkFactory, *, batch_size: int = BATCH_SIZE
    ) -> None:
        self._intake = intake
        self._uow = uow_factory
        self._batch_size = batch_size

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
            uow = _ImportUnitOfWork(
                real_uow, _ImportStaff(real_uow.staff, plan.platform, plan.staff_ids)
            )
            report = ImportReport(client.name, created, plan.title, dry_run=dry_run)
            seen: list[str] = []  # every message id of the file, in file order
            ticket_ids: set[int] = set()
            refused: dict[str, RefusalReason] = {}
            for item in history:
                report.messages += 1
                msg = item.message
                seen.append(msg.message_id)
                if item.deleted:
                    report.deleted += 1
                else:
                    await self._one(uow, chat, msg, report, ticket_ids, refused)
                if report.messages % self._batch_size == 0:
                    if not dry_run:
                        await real_uow.commit()
                    if progress is not None:
                        progress(report.messages)
            tickets = [tk for tk in await uow.tickets.for_client(client.id) if tk.id in ticket_ids]
            if dry_run:
                await real_uow.rollback()
            else:
                await real_uow.commit()
        if progress is not None:
            progress(report.messages)
        ticketed = {mid for tk in tickets for mid in tk.message_ids}
        report.tickets = tickets
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
