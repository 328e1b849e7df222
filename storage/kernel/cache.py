"""The stamp of the process-wide read cache (storage/read_cache.py).

One row; every change to a cached table (clients, plans, chats, people, staff) adds one to
`value` in the same transaction, so every process sees that its cached rows may be stale.
"""

from __future__ import annotations

import copy
import weakref
from typing import Any

from sqlalchemy import BigInteger, Column, Integer, Table, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.hot import hot
from storage.kernel.tables import metadata

cache_generation = Table(
    "cache_generation",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("value", BigInteger, nullable=False, server_default="0"),
)


# Read once per transaction (each group-commit batch): marked hot, run with `{}`.
_STAMP = hot(select(cache_generation.c.value).where(cache_generation.c.id == 1))


_BUMP = (update(cache_generation).where(cache_generation.c.id == 1)
         .values(value=cache_generation.c.value + 1))


_MISSING = object()


# class -> the slots copy.copy would copy, or () where copy.copy itself is used.
_SLOTS: dict[type, tuple[str, ...]] = {}


def _slots(cls: type) -> tuple[str, ...]:
    """The slots of a plain slotted class (the domain's `@dataclass(slots=True)` rows), which
    copy.copy copies one by one through `__reduce_ex__`; () for anything that customises its
    copying or keeps a `__dict__`."""
    if "__dict__" in dir(cls) or any(
            getattr(cls, name, None) is not getattr(object, name, None)
            for name in ("__copy__", "__reduce_ex__", "__reduce__", "__getstate__",
                         "__setstate__", "__new__")):
        return ()
    names = [n for klass in reversed(cls.__mro__) for n in klass.__dict__.get("__slots__", ())
             if n not in ("__dict__", "__weakref__")]
    return tuple(dict.fromkeys(names))


def _copy(value: Any) -> Any:
    """copy.copy, a quarter of its time for the cached rows (it is run on every lookup)."""
    cls = type(value)
    names = _SLOTS.get(cls)
    if names is None:
        names = _SLOTS[cls] = _slots(cls)
    if not names:
        return copy.copy(value)
    clone = cls.__new__(cls)
    for name in names:
        try:
            setattr(clone, name, getattr(value, name))
        except AttributeError:  # a slot never set: copy.copy leaves it unset too
            pass
    return clone


def _clone(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    clone = _copy(value)
    plan = getattr(clone, "plan", None)  # a client's plan is mutable too
    if plan is not None:
        clone.plan = _copy(plan)
    return clone


class SharedReadCache:
    """The rows committed under stamp `generation`, shared by every transaction of a process."""

    __slots__ = ("entries", "generation", "__weakref__")

    def __init__(self) -> None:
        self.generation: int | None = None
        self.entries: dict[Any, Any] = {}

    def reset(self) -> None:
        self.entries.clear()
        self.generation = None


_shared: weakref.WeakKeyDictionary[AsyncEngine, SharedReadCache] = weakref.WeakKeyDictionary()


def shared_cache(engine: AsyncEngine) -> SharedReadCache:
    cache = _shared.get(engine)
    if cache is None:
        cache = _shared[engine] = SharedReadCache()
    return cache


class TxCache(dict):
    """One transaction's identity cache (a dict, keyed like ("chat", platform, id)), backed
    by the process-wide cache when there is one."""

    def __init__(self, shared: SharedReadCache | None = None) -> None:
        super().__init__()
        self.shared = shared
        self.generation: int | None = None  # the stamp this transaction read
        self.dirty = False  # this transaction changed a cached table
        self.pending: dict[Any, Any] = {}  # rows to share once this transaction commits

    async def lookup(self, conn: AsyncConnection, key: Any) -> Any:
        """The cached value for `key`, or `_MISSING` (see `missing`)."""
        if key in self:
            return self[key]
        shared = self.shared
        if shared is None or self.dirty:
            return _MISSING
        if self.generation is None:
            stamp = (await conn.execute(_STAMP, {})).scalar()
            if stamp is None:  # a database without the stamp row: share nothing
                self.shared = None
                return _MISSING
            self.generation = stamp
            if shared.generation != stamp:
                shared.entries.clear()
                shared.generation = stamp
        if shared.generation != self.generation:
            return _MISSING
        value = shared.entries.get(key, _MISSING)
        if value is not _MISSING:
            value = self[key] = _clone(value)
        return value

    @staticmethod
    def missing(value: Any) -> bool:
        return value is _MISSING

    def remember(self, key: Any, value: Any) -> None:
        """A row as this transaction read or wrote it; shared after commit."""
        self[key] = value
        # Only rows read after the stamp: a row read before it might predate a change the
        # stamp already counts.
        if self.shared is not None and self.generation is not None and not self.dirty:
            self.pending[key] = _clone(value)

    async def changed(self, conn: AsyncConnection) -> None:
        """A cached table was changed in this transaction: stamp it for every process."""
        self.dirty = True
        await conn.execute(_BUMP)

    def clear(self) -> None:
        """A savepoint was rolled back: what it wrote must neither be served nor shared."""
        super().clear()
        self.pending.clear()

    def committed(self) -> None:
        """The transaction is durable; the next one starts with a fresh stamp."""
        shared = self.shared
        if shared is not None:
            if self.dirty:
                shared.reset()
            elif self.pending and self.generation is not None \
                    and shared.generation == self.generation:
                shared.entries.update(self.pending)
        self.pending.clear()
        self.dirty = False
        self.generation = None
