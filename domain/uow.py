"""The unit of work: one transaction over every context's repositories."""

from __future__ import annotations

from typing import Protocol, Self

from domain.billing.ports import LedgerRepository
from domain.bitrix.ports import BitrixRepository
from domain.broadcasts.ports import BroadcastRepository
from domain.cabinet.ports import CabinetRepository
from domain.kernel.ports import (
    ChatRepository,
    ClientRepository,
    MessageRepository,
    PersonRepository,
    StaffRepository,
    TicketRepository,
)
from domain.mail.ports import MailRepository
from domain.onboarding.ports import AdminRepository
from domain.outbox.ports import NoticeRepository, PendingChoiceRepository
from domain.satisfaction.ports import SatisfactionRepository
from domain.sla.ports import SlaRepository
from domain.workspace.ports import WorkspaceRepository


class UnitOfWork(Protocol):
    """One transaction. Leaving the block without `commit()` rolls everything back."""

    clients: ClientRepository
    chats: ChatRepository
    people: PersonRepository
    staff: StaffRepository
    messages: MessageRepository
    tickets: TicketRepository
    workspace: WorkspaceRepository
    ledger: LedgerRepository
    choices: PendingChoiceRepository
    sla: SlaRepository
    notices: NoticeRepository
    cabinet: CabinetRepository
    satisfaction: SatisfactionRepository
    broadcasts: BroadcastRepository
    admin: AdminRepository
    mail: MailRepository
    bitrix: BitrixRepository

    async def __aenter__(self) -> Self: ...
    async def __aexit__(self, *exc: object) -> None: ...
    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...
