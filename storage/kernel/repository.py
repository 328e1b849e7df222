"""Repositories over SQLAlchemy Core: rows in, domain dataclasses out. They never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import String, and_, bindparam, insert, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.kernel.model import (
    BillingModel,
    Chat,
    Client,
    Coverage,
    Disposition,
    Kind,
    KindTerms,
    Language,
    MediaKind,
    MediaNote,
    Message,
    Mode,
    Person,
    PersonRole,
    Plan,
    Platform,
    RefusalReason,
    Staff,
    StaffRole,
    Ticket,
    TicketStatus,
)
from storage.hot import hot
from storage.kernel import tables as t
from storage.kernel.cache import TxCache
from storage.sla.tables import ticket_status_log

OPEN_STATUSES = [s.value for s in TicketStatus if s.is_open]


def _opt(enum_type, value):  # noqa: ANN001, ANN202 - tiny helper for nullable enum columns
    return None if value is None else enum_type(value)


class _Repo:
    def __init__(self, conn: AsyncConnection, cache: dict) -> None:
        self._conn = conn
        # The transaction's identity cache for rows that rarely change (chats, clients, staff,
        # people), backed by the process-wide read cache (storage/read_cache.py), which checks
        # the database's stamp once per transaction and so never serves rows a committed
        # change has made stale.
        self._cache = cache if isinstance(cache, TxCache) else TxCache()

    async def _cached(self, key):  # noqa: ANN001, ANN202
        """The cached value, or None when not cached (or cached as None)."""
        value = await self._cache.lookup(self._conn, key)
        return None if TxCache.missing(value) else value

    async def _changed(self) -> None:
        await self._cache.changed(self._conn)


_NEXT_NUMBER = hot(update(t.clients).where(t.clients.c.id == bindparam("n_client"))
                   .values(ticket_seq=t.clients.c.ticket_seq + 1)
                   .returning(t.clients.c.ticket_seq))


class SqlClientRepository(_Repo):
    async def add(self, client: Client) -> Client:
        result = await self._conn.execute(
            insert(t.clients).values(
                name=client.name,
                language=client.language.value,
                priority=client.priority,
                link_code=client.link_code,
                created_at=client.created_at,
            )
        )
        client.id = result.inserted_primary_key[0]
        if client.plan is not None:
            await self.save_plan(client)
        return client

    async def _load(self, where) -> Client | None:  # noqa: ANN001
        row = (await self._conn.execute(select(t.clients).where(where))).mappings().first()
        if row is None:
            return None
        client = Client(
            id=row["id"],
            name=row["name"],
            language=Language(row["language"]),
            priority=row["priority"],
            link_code=row["link_code"],
            owner_code=row["owner_code"],
            created_at=row["created_at"],
            archived_at=row["archived_at"],
        )
        client.plan = await self._plan(client.id)
        self._cache.remember(("client", client.id), client)
        return client

    async def _plan(self, client_id: int) -> Plan | None:
        row = (
            await self._conn.execute(select(t.plans).where(t.plans.c.client_id == client_id))
        ).mappings().first()
        if row is None:
            return None
        kinds = (
            await self._conn.execute(
                select(t.plan_kinds).where(t.plan_kinds.c.client_id == client_id)
            )
        ).mappings().all()
        return Plan(
            model=BillingModel(row["model"]),
            kinds=tuple(
                KindTerms(Kind(k["kind"]), Mode(k["mode"]), k["monthly_fee"])
                for k in sorted(kinds, key=lambda k: list(Kind).index(Kind(k["kind"])))
            ),
            hourly_rate=row["hourly_rate"],
            package_minutes=row["package_minutes"],
            min_billable_minutes=row["min_billable_minutes"],
            starts_on=row["starts_on"],
            trial=row["trial"],
        )

    async def get(self, client_id: int) -> Client | None:
        cached = await self._cached(("client", client_id))
        return cached if cached is not None else await self._load(t.clients.c.id == client_id)

    async def get_by_name(self, name: str) -> Client | None:
        exact = await self._load(t.clients.c.name == name)
        if exact is not None:
            return exact
        # Case-insensitive in Python: SQLite's lower() folds only ASCII, not «ООО Вектор».
        wanted = name.casefold()
        rows = await self._conn.execute(select(t.clients.c.id, t.clients.c.name))
        match = next((row.id for row in rows if row.name.casefold() == wanted), None)
        return await self.get(match) if match is not None else None

    async def get_by_link_code(self, code: str) -> Client | None:
        return await self._load(t.clients.c.link_code == code)

    async def get_by_owner_code(self, code: str) -> Client | None:
        return await self._load(t.clients.c.owner_code == code)

    async def set_owner_code(self, client_id: int, code: str | None) -> None:
        await self._conn.execute(
            update(t.clients).where(t.clients.c.id == client_id).values(owner_code=code)
        )
        await self._changed()
        self._cache.pop(("client", client_id), None)

    async def list(self, *, include_archived: bool = False) -> Sequence[Client]:
        # Archived clients drop out of every sweep (fees, notices, reports, reminders);
        # `include_archived` is for naming past work and for the admin's own lists.
        query = select(t.clients.c.id).order_by(t.clients.c.id)
        if not include_archived:
            query = query.where(t.clients.c.archived_at.is_(None))
        ids = (await self._conn.execute(query)).scalars()
        return [c for i in ids.all() if (c := await self.get(i)) is not None]

    async def save_plan(self, client: Client) -> None:
        plan = client.plan
        await self._conn.execute(t.plan_kinds.delete().where(t.plan_kinds.c.client_id == client.id))
        await self._conn.execute(t.plans.delete().where(t.plans.c.client_id == client.id))
        if plan is not None:
            await self._conn.execute(
                insert(t.plans).values(
                    client_id=client.id,
                    model=plan.model.value,
                    hourly_rate=plan.hourly_rate,
                    package_minutes=plan.package_minutes,
                    min_billable_minutes=plan.min_billable_minutes,
                    starts_on=plan.starts_on,
                    trial=plan.trial,
                )
            )
            if plan.kinds:
                await self._conn.execute(
                    insert(t.plan_kinds),
                    [
                        {"client_id": client.id, "kind": k.kind.value, "mode": k.mode.value,
                         "monthly_fee": k.monthly_fee}
                        for k in plan.kinds
                    ],
                )
        await self._changed()
        self._cache[("client", client.id)] = client

    async def set_priority(self, client_id: int, priority: int) -> None:
        await self._conn.execute(
            update(t.clients).where(t.clients.c.id == client_id).values(priority=priority))
        await self._changed()
        self._cache.pop(("client", client_id), None)

    async def clear_link_code(self, client_id: int) -> None:
        await self._conn.execute(
            update(t.clients).where(t.clients.c.id == client_id).values(link_code=None)
        )
        await self._changed()
        self._cache.pop(("client", client_id), None)

    async def next_ticket_number(self, client_id: int) -> int:
        # One UPDATE ... RETURNING: the row lock serialises concurrent writers on PostgreSQL.
        return (await self._conn.execute(_NEXT_NUMBER, {"n_client": client_id})).scalar_one()


def _chat(row: RowMapping) -> Chat:
    return Chat(
        id=row["id"],
        platform=Platform(row["platform"]),
        external_id=row["external_id"],
        client_id=row["client_id"],
        title=row["title"],
        active=row["active"],
    )


# Built once and marked hot (storage/hot.py): intake runs them for a message whose chat, person
# or burst is not in the read cache, and the sender for every draft it posts.
_CHAT_GET = hot(select(t.chats).where(t.chats.c.id == bindparam("c_id")))
_CHAT_FIND = hot(select(t.chats).where(t.chats.c.platform == bindparam("c_platform"),
                                       t.chats.c.external_id == bindparam("c_external")))


class SqlChatRepository(_Repo):
    async def add(self, chat: Chat) -> Chat:
        result = await self._conn.execute(
            insert(t.chats).values(
                platform=chat.platform.value,
                external_id=chat.external_id,
                client_id=chat.client_id,
                title=chat.title,
                active=chat.active,
            )
        )
        chat.id = result.inserted_primary_key[0]
        await self._changed()
        self._cache[("chat", chat.platform, chat.external_id)] = chat
        return chat

    async def get(self, chat_id: int) -> Chat | None:
        row = (await self._conn.execute(_CHAT_GET, {"c_id": chat_id})).mappings()
        found = row.first()
        return _chat(found) if found else None

    async def find(self, platform: Platform, external_id: str) -> Chat | None:
        key = ("chat", platform, external_id)
        cached = await self._cache.lookup(self._conn, key)
        if not TxCache.missing(cached):
            return cached
        row = (await self._conn.execute(_CHAT_FIND, {
            "c_platform": platform.value, "c_external": external_id})).mappings().first()
        chat = _chat(row) if row else None
        self._cache.remember(key, chat)
        return chat

    async def rekey(self, chat_id: int, new_external_id: str) -> None:
        await self._conn.execute(
            update(t.chats).where(t.chats.c.id == chat_id).values(external_id=new_external_id)
        )
        await self._changed()
        self._cache.clear()

    async def set_active(self, chat_id: int, active: bool) -> None:
        await self._conn.execute(
            update(t.chats).where(t.chats.c.id == chat_id).values(active=active)
        )
        await self._changed()
        self._cache.clear()

    async def move(self, chat_id: int, client_id: int) -> None:
        await self._conn.execute(
            update(t.chats).where(t.chats.c.id == chat_id).values(client_id=client_id)
        )
        await self._changed()
        self._cache.clear()

    async def for_client(self, client_id: int) -> Sequence[Chat]:
        rows = await self._conn.execute(
            select(t.chats).where(t.chats.c.client_id == client_id).order_by(t.chats.c.id)
        )
        return [_chat(r) for r in rows.mappings()]


def _person(row: RowMapping) -> Person:
    return Person(
        id=row["id"],
        client_id=row["client_id"],
        platform=Platform(row["platform"]),
        external_id=row["external_id"],
        name=row["name"],
        role=PersonRole(row["role"]),
    )


_PERSON_FIND = hot(select(t.people).where(t.people.c.client_id == bindparam("p_client"),
                                          t.people.c.platform == bindparam("p_platform"),
                                          t.people.c.external_id == bindparam("p_external")))
_PERSON_INSERT = hot(insert(t.people))


class SqlPersonRepository(_Repo):
    async def get(self, person_id: int) -> Person | None:
        row = (
            await self._conn.execute(select(t.people).where(t.people.c.id == person_id))
        ).mappings().first()
        return _person(row) if row else None

    async def find(self, client_id: int, platform: Platform, external_id: str) -> Person | None:
        key = ("person", client_id, platform, external_id)
        cached = await self._cached(key)
        if cached is not None:
            return cached
        row = (await self._conn.execute(_PERSON_FIND, {
            "p_client": client_id, "p_platform": platform.value, "p_external": external_id,
        })).mappings().first()
        person = _person(row) if row else None
        if person is not None:
            self._cache.remember(key, person)
        return person

    async def add(self, person: Person) -> Person:
        result = await self._conn.execute(_PERSON_INSERT, {
            "client_id": person.client_id, "platform": person.platform.value,
            "external_id": person.external_id, "name": person.name[:255],
            "role": person.role.value,
        })
        person.id = result.inserted_primary_key[0]
        # A new person changes no cached row (only people found are cached): no stamp.
        self._cache.remember((
            "person", person.client_id, person.platform, person.external_id), person)
        return person

    async def set_role(self, person_id: int, role: str) -> None:
        await self._conn.execute(
            update(t.people).where(t.people.c.id == person_id).values(role=PersonRole(role).value)
        )
        await self._changed()
        for key in [k for k in self._cache if k[0] == "person"]:
            del self._cache[key]


def _staff(row: RowMapping) -> Staff:
    return Staff(
        id=row["id"],
        name=row["name"],
        role=StaffRole(row["role"]),
        telegram_id=row["telegram_id"],
        whatsapp_id=row["whatsapp_id"],
        language=Language(row["language"]),
        removed_at=row["removed_at"],
    )


class SqlStaffRepository(_Repo):
    async def add(self, staff: Staff) -> Staff:
        result = await self._conn.execute(
            insert(t.staff).values(
                name=staff.name,
                role=staff.role.value,
                telegram_id=staff.telegram_id,
                whatsapp_id=staff.whatsapp_id,
                language=staff.language.value,
            )
        )
        staff.id = result.inserted_primary_key[0]
        await self._changed()
        self._cache.pop("staff_index", None)
        return staff

    async def get(self, staff_id: int) -> Staff | None:
        row = (
            await self._conn.execute(select(t.staff).where(t.staff.c.id == staff_id))
        ).mappings().first()
        return _staff(row) if row else None

    async def find(self, platform: Platform, external_id: str) -> Staff | None:
        # Staff is a short list asked about on every message: load it once per transaction.
        index = await self._cached("staff_index")
        if index is None:
            index = {}
            for member in await self.list():
                if member.telegram_id:
                    index[(Platform.TELEGRAM, member.telegram_id)] = member
                if member.whatsapp_id:
                    index[(Platform.WHATSAPP, member.whatsapp_id)] = member
            self._cache.remember("staff_index", index)
        return index.get((platform, external_id))

    async def find_by_name(self, name: str) -> Staff | None:
        wanted = name.casefold()  # in Python: SQLite's lower() folds only ASCII
        return next((m for m in await self.list() if m.name.casefold() == wanted), None)

    async def list(self, *, include_removed: bool = False) -> Sequence[Staff]:
        # Removed members drop out of every lookup (access, cards, reports' recipients);
        # `include_removed` is for naming who did past work.
        query = select(t.staff).order_by(t.staff.c.id)
        if not include_removed:
            query = query.where(t.staff.c.removed_at.is_(None))
        rows = await self._conn.execute(query)
        return [_staff(r) for r in rows.mappings()]


def _message(row: RowMapping) -> Message:
    return Message(
        id=row["id"],
        platform=Platform(row["platform"]),
        chat_external_id=row["chat_external_id"],
        external_id=row["external_id"],
        chat_id=row["chat_id"],
        sender_external_id=row["sender_external_id"],
        sender_name=row["sender_name"],
        sent_at=row["sent_at"],
        text=row["text"],
        media=_opt(MediaKind, row["media"]),
        reply_to=row["reply_to"],
        album_id=row["album_id"],
        from_staff=row["from_staff"],
        ticket_id=row["ticket_id"],
        disposition=_opt(Disposition, row["disposition"]),
        kind=_opt(Kind, row["kind"]),
        reason=_opt(RefusalReason, row["reason"]),
        confidence=row["confidence"],
        media_text=row["media_text"] or "",
        media_note=_opt(MediaNote, row["media_note"]),
    )


# Statements built once with bind parameters: building and cache-keying a statement per
# call cost more than SQLite's own work on the hot path of intake and import.
_MESSAGE_KEY = and_(
    t.messages.c.platform == bindparam("k_platform"),
    t.messages.c.chat_external_id == bindparam("k_chat"),
    t.messages.c.external_id == bindparam("k_id"),
)


_MESSAGE_EXISTS = hot(select(t.messages.c.id).where(_MESSAGE_KEY))


_MESSAGE_GET = hot(select(t.messages).where(_MESSAGE_KEY))


_MESSAGE_INSERT = hot(insert(t.messages))


_TICKET_INSERT = hot(insert(t.tickets))


_SET_PROMPT = hot(update(t.tickets).where(t.tickets.c.id == bindparam("sp_id"))
                  .values(prompt_message_id=bindparam("sp_message")))


_PENDING_MEDIA = hot(
    select(t.messages)
    .where(t.messages.c.chat_id == bindparam("pm_chat"),
           t.messages.c.sender_external_id == bindparam("pm_sender"),
           t.messages.c.disposition == Disposition.PENDING.value,
           t.messages.c.sent_at >= bindparam("pm_since", type_=t.UTCDateTime()))
    .order_by(t.messages.c.sent_at, t.messages.c.id)
)


_TICKET_GET = hot(select(t.tickets).where(t.tickets.c.id == bindparam("g_id")))


_TICKET_UPDATE = hot(update(t.tickets).where(t.tickets.c.id == bindparam("ticket_key")))


# A confirmed ticket's status change is logged in the same transaction as the change (the
# tickets table keeps only the current status; SLA work timers need every pause).
_STATUS_CHANGE_LOGGED = hot(insert(ticket_status_log).from_select(
    ["ticket_id", "status", "at"],
    select(t.tickets.c.id, bindparam("s_status", type_=String()),
           bindparam("s_at", type_=t.UTCDateTime()))
    .where(t.tickets.c.id == bindparam("s_id"), t.tickets.c.status != bindparam("s_status")),
))


_OPEN_RECENT = hot(
    select(t.tickets)
    .where(t.tickets.c.client_id == bindparam("o_client"),
           t.tickets.c.status.in_(OPEN_STATUSES),
           t.tickets.c.updated_at >= bindparam("o_since", type_=t.UTCDateTime()))
    .order_by(t.tickets.c.updated_at.desc())
    .limit(bindparam("o_limit"))
)


# Ids per IN (...) list: far below every database's limit on bound parameters.
_IN_CHUNK = 500


def _message_key(platform: Platform, chat_external_id: str, external_id: str) -> dict:
    return {"k_platform": platform.value, "k_chat": chat_external_id, "k_id": external_id}


def _message_values(message: Message) -> dict:
    return dict(
        platform=message.platform.value,
        chat_external_id=message.chat_external_id,
        external_id=message.external_id,
        chat_id=message.chat_id,
        sender_external_id=message.sender_external_id,
        sender_name=message.sender_name[:255],
        sent_at=message.sent_at,
        text=message.text,
        media=message.media.value if message.media else None,
        reply_to=message.reply_to,
        album_id=message.album_id,
        from_staff=message.from_staff,
        ticket_id=message.ticket_id,
        disposition=message.disposition.value if message.disposition else None,
        kind=message.kind.value if message.kind else None,
        reason=message.reason.value if message.reason else None,
        confidence=message.confidence,
        media_text=message.media_text or None,
        media_note=message.media_note.value if message.media_note else None,
    )


class SqlMessageRepository(_Repo):
    async def exists(self, platform: Platform, chat_external_id: str, external_id: str) -> bool:
        params = _message_key(platform, chat_external_id, external_id)
        return (await self._conn.execute(_MESSAGE_EXISTS, params)).first() is not None

    async def existing(
        self, platform: Platform, chat_external_id: str, external_ids: Sequence[str]
    ) -> set[str]:
        found: set[str] = set()
        ids = list(dict.fromkeys(external_ids))
        for start in range(0, len(ids), _IN_CHUNK):
            rows = await self._conn.execute(
                select(t.messages.c.external_id).where(
                    t.messages.c.platform == platform.value,
                    t.messages.c.chat_external_id == chat_external_id,
                    t.messages.c.external_id.in_(ids[start:start + _IN_CHUNK]),
                )
            )
            found.update(r[0] for r in rows)
        return found

    async def get(
        self, platform: Platform, chat_external_id: str, external_id: str
    ) -> Message | None:
        params = _message_key(platform, chat_external_id, external_id)
        row = (await self._conn.execute(_MESSAGE_GET, params)).mappings().first()
        return _message(row) if row else None

    async def add(self, message: Message) -> Message:
        result = await self._conn.execute(_MESSAGE_INSERT, _message_values(message))
        message.id = result.inserted_primary_key[0]
        return message

    async def add_many(self, messages: Sequence[Message]) -> None:
        if messages:
            await self._conn.execute(_MESSAGE_INSERT, [_message_values(m) for m in messages])

    async def update_text(self, message_id: int, text: str) -> None:
        await self._conn.execute(
            update(t.messages).where(t.messages.c.id == message_id).values(text=text)
        )

    async def attach(self, message_ids: Sequence[int], ticket_id: int) -> None:
        await self._conn.execute(
            update(t.messages)
            .where(t.messages.c.id.in_(list(message_ids)))
            .values(ticket_id=ticket_id, disposition=Disposition.JOINED.value)
        )

    async def pending_media(
        self, chat_id: int, sender_external_id: str, since: datetime
    ) -> Sequence[Message]:
        rows = await self._conn.execute(_PENDING_MEDIA, {
            "pm_chat": chat_id, "pm_sender": sender_external_id, "pm_since": since})
        return [_message(r) for r in rows.mappings()]

    async def for_ticket(self, ticket_id: int) -> Sequence[Message]:
        rows = await self._conn.execute(
            select(t.messages)
            .where(t.messages.c.ticket_id == ticket_id)
            .order_by(t.messages.c.sent_at, t.messages.c.id)
        )
        return [_message(r) for r in rows.mappings()]

    async def for_chat(self, chat_id: int) -> Sequence[Message]:
        rows = await self._conn.execute(
            select(t.messages)
            .where(t.messages.c.chat_id == chat_id)
            .order_by(t.messages.c.sent_at, t.messages.c.id)
        )
        return [_message(r) for r in rows.mappings()]


_TICKET_COLUMNS = [c for c in t.tickets.c if c.name != "id"]


def _ticket(row: RowMapping, message_ids: list[str] | None = None) -> Ticket:
    return Ticket(
        id=row["id"],
        client_id=row["client_id"],
        number=row["number"],
        kind=Kind(row["kind"]),
        status=TicketStatus(row["status"]),
        title=row["title"],
        text=row["text"],
        chat_id=row["chat_id"],
        requester_id=row["requester_id"],
        coverage=Coverage(row["coverage"]),
        hourly_rate=row["hourly_rate"],
        confidence=row["confidence"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        confirmed_at=row["confirmed_at"],
        last_client_message_at=row["last_client_message_at"],
        repeats=row["repeats"],
        source=row["source"],
        prompt_message_id=row["prompt_message_id"],
        assignee_id=row["assignee_id"],
        tester_id=row["tester_id"],
        message_ids=message_ids if message_ids is not None else [],
    )


def _ticket_values(ticket: Ticket) -> dict:
    return {
        "client_id": ticket.client_id,
        "number": ticket.number,
        "kind": ticket.kind.value,
        "status": ticket.status.value,
        "title": ticket.title[:255],
        "text": ticket.text,
        "chat_id": ticket.chat_id,
        "requester_id": ticket.requester_id,
        "coverage": ticket.coverage.value,
        "hourly_rate": ticket.hourly_rate,
        "confidence": ticket.confidence,
        "source": ticket.source,
        "prompt_message_id": ticket.prompt_message_id,
        "assignee_id": ticket.assignee_id,
        "tester_id": ticket.tester_id,
        "repeats": ticket.repeats,
        "created_at": ticket.created_at,
        "updated_at": ticket.updated_at or ticket.created_at,
        "confirmed_at": ticket.confirmed_at,
        "last_client_message_at": ticket.last_client_message_at,
    }


class SqlTicketRepository(_Repo):
    async def _with_messages(self, rows: Sequence[RowMapping]) -> list[Ticket]:
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        by_ticket: dict[int, list[str]] = {i: [] for i in ids}
        links = await self._conn.execute(
            select(t.messages.c.ticket_id, t.messages.c.external_id)
            .where(t.messages.c.ticket_id.in_(ids), t.messages.c.from_staff.is_(False))
            .order_by(t.messages.c.sent_at, t.messages.c.id)
        )
        for ticket_id, external_id in links:
            by_ticket[ticket_id].append(external_id)
        return [_ticket(r, by_ticket[r["id"]]) for r in rows]

    async def add(self, ticket: Ticket) -> Ticket:
        result = await self._conn.execute(_TICKET_INSERT, _ticket_values(ticket))
        ticket.id = result.inserted_primary_key[0]
        if ticket.confirmed_at is not None:  # e.g. a ticket staff open from a phone call
            await self._conn.execute(insert(ticket_status_log).values(
                ticket_id=ticket.id, status=ticket.status.value,
                at=ticket.updated_at or ticket.confirmed_at))
        return ticket

    async def get(self, ticket_id: int, *, with_messages: bool = True) -> Ticket | None:
        rows = (await self._conn.execute(_TICKET_GET, {"g_id": ticket_id})).mappings().all()
        if not with_messages:  # a long-running ticket may have thousands of messages
            return _ticket(rows[0]) if rows else None
        found = await self._with_messages(rows)
        return found[0] if found else None

    async def by_number(self, client_id: int, number: int) -> Ticket | None:
        rows = (
            await self._conn.execute(
                select(t.tickets).where(
                    t.tickets.c.client_id == client_id, t.tickets.c.number == number
                )
            )
        ).mappings().all()
        found = await self._with_messages(rows)
        return found[0] if found else None

    async def open_for_client(self, client_id: int, *, active_since: datetime | None = None,
                              limit: int | None = None) -> Sequence[Ticket]:
        # No message ids here: intake asks for this on every message and only needs the text.
        if active_since is not None and limit is not None:  # intake's hot path, prebuilt
            rows = (await self._conn.execute(_OPEN_RECENT, {
                "o_client": client_id, "o_since": active_since, "o_limit": limit,
            })).mappings().all()
            return sorted((_ticket(r) for r in rows), key=lambda tk: tk.number)
        query = select(t.tickets).where(t.tickets.c.client_id == client_id,
                                        t.tickets.c.status.in_(OPEN_STATUSES))
        if active_since is not None:
            query = query.where(t.tickets.c.updated_at >= active_since)
        if limit is not None:
            # The most recently active ones, returned in number order like the full list.
            query = query.order_by(t.tickets.c.updated_at.desc()).limit(limit)
            rows = (await self._conn.execute(query)).mappings().all()
            return sorted((_ticket(r) for r in rows), key=lambda tk: tk.number)
        rows = await self._conn.execute(query.order_by(t.tickets.c.number))
        return [_ticket(r) for r in rows.mappings()]

    async def set_prompt(self, ticket_id: int, message_id: str) -> None:
        await self._conn.execute(_SET_PROMPT, {"sp_id": ticket_id, "sp_message": message_id})

    async def update(self, ticket: Ticket) -> None:
        if ticket.confirmed_at is not None:
            await self._conn.execute(_STATUS_CHANGE_LOGGED, {
                "s_id": ticket.id, "s_status": ticket.status.value,
                "s_at": ticket.updated_at or ticket.confirmed_at})
        await self._conn.execute(_TICKET_UPDATE, {**_ticket_values(ticket),
                                                  "ticket_key": ticket.id})

    async def for_client(
        self, client_id: int, statuses: Sequence[TicketStatus] | None = None
    ) -> Sequence[Ticket]:
        query = select(t.tickets).where(t.tickets.c.client_id == client_id)
        if statuses is not None:
            query = query.where(t.tickets.c.status.in_([s.value for s in statuses]))
        rows = (await self._conn.execute(query.order_by(t.tickets.c.number))).mappings().all()
        return await self._with_messages(rows)
