"""Group-commit batches on SQLite through a synchronous SQLAlchemy connection.

The inline driver (storage/sqlite_inline.py) already runs every SQLite statement on the event
loop's thread. Through `AsyncConnection` each statement still pays for a fresh greenlet and
the async adapter's cursor (measured: ~80 µs per prebuilt SELECT, against ~18 µs for the same
statement on a plain `Connection`). A batch runs ~5 statements per update, so the worker's
batch transaction uses a plain connection behind the part of the `AsyncConnection` interface
that repositories and the inbox use. Same file, same pragmas, same BEGIN IMMEDIATE, and the
same in-process write lock as every other writer.
"""

from __future__ import annotations

import sqlite3
import weakref
from collections import namedtuple
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, processors
from sqlalchemy.exc import DBAPIError, MultipleResultsFound, NoResultFound
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql import Insert

from storage.engine import WRITER, _sqlite_begin, sqlite_pragmas_of
from storage.hot import HOT
from storage.kernel.tables import UTCDateTime, utc_from_sqlite_text


class _Savepoint:
    """A SAVEPOINT said to SQLite directly. Through SQLAlchemy's `begin_nested` each one costs
    a transaction object, events and two compiled statements (~0.3 ms a pair, one pair per
    unit of work, two units per update); the batch's outer transaction stays SQLAlchemy's,
    and SQLite nests savepoints inside it by name."""

    __slots__ = ("_cursor", "_name", "is_active")

    def __init__(self, cursor: Any, name: str) -> None:
        self._cursor, self._name = cursor, name
        cursor.execute(f"SAVEPOINT {name}")
        self.is_active = True

    async def commit(self) -> None:
        if self.is_active:
            self.is_active = False
            self._cursor.execute(f"RELEASE {self._name}")

    async def rollback(self) -> None:
        if self.is_active:
            self.is_active = False
            self._cursor.execute(f"ROLLBACK TO {self._name}")
            self._cursor.execute(f"RELEASE {self._name}")


class _Plan:
    """A hot statement compiled once for SQLite with one set of parameter names: the final
    SQL, where each positional value comes from, how it is converted, and how result rows are
    converted back — the work SQLAlchemy's execution context otherwise redoes per call."""

    __slots__ = ("constants", "convert", "names", "pk", "processors", "row", "sql")

    def __init__(self, dialect: Any, statement: Any, compiled: Any, parameters: dict) -> None:
        expanded = compiled.construct_expanded_state(parameters)
        self.sql = expanded.statement
        self.names = tuple(expanded.positiontup or ())
        # Values the statement carries itself (literal IN lists, `.values(x=None)`).
        self.constants = {k: v for k, v in expanded.parameters.items() if k not in parameters}
        # As SQLAlchemy's execution context: the compiled statement's bind processors, and
        # those of the values an expanded IN list became. (The expanded state's own mapping
        # holds only the latter: without the former an aware datetime reached sqlite3 as it
        # was and was stored as "...+00:00" text, not as SQLAlchemy stores it.)
        processors = {**compiled._bind_processors, **expanded.processors}
        self.processors = tuple(processors.get(name) for name in self.names)
        columns = compiled._result_columns
        # (position, converter) of the result columns that are converted at all.
        self.convert = tuple((i, f) for i, f in enumerate(
            _result_processor(dialect, c.type) for c in columns) if f is not None)
        self.row = namedtuple("Row", [c.keyname for c in columns], rename=True) \
            if columns else None
        table = statement.table if isinstance(statement, Insert) else None
        keys = list(table.primary_key.columns) if table is not None else []
        self.pk = keys[0].key if len(keys) == 1 else None

    @staticmethod
    def of(dialect: Any, statement: Any, parameters: dict) -> _Plan | None:
        """None where SQLAlchemy must run it: defaults computed in Python, runtime IN lists."""
        compiled = statement.compile(dialect=dialect, column_keys=list(parameters))
        if compiled.insert_prefetch or compiled.update_prefetch:
            return None
        if any(compiled.binds[name].expanding for name in parameters
               if name in compiled.binds):
            return None
        return _Plan(dialect, statement, compiled, parameters)

    def values(self, parameters: dict) -> list[Any]:
        constants = self.constants
        out = []
        for name, process in zip(self.names, self.processors, strict=True):
            value = parameters[name] if name in parameters else constants[name]
            out.append(value if process is None else process(value))
        return out


def _result_processor(dialect: Any, type_: Any) -> Any:
    """SQLAlchemy's result processor of a column type; for `UTCDateTime` stored as text, the
    same conversion in one call instead of three."""
    if type(type_) is UTCDateTime and type_.dialect_impl(dialect).impl_instance \
            .result_processor(dialect, None) is processors.str_to_datetime:
        return utc_from_sqlite_text
    return type_._cached_result_processor(dialect, None)


# (statement, its parameters' names) -> plan; every batch connection is the same pysqlite
# dialect (`batch_engine`), and hot statements live as long as the process.
_PLANS: dict[tuple, _Plan | None] = {}


class _Mappings:
    __slots__ = ("_rows",)

    def __init__(self, rows: list[Any]) -> None:
        self._rows = rows

    def all(self) -> list[dict]:
        return [row._asdict() for row in self._rows]

    def first(self) -> dict | None:
        return self._rows[0]._asdict() if self._rows else None

    def __iter__(self):  # noqa: ANN204
        return (row._asdict() for row in self._rows)


class _Result:
    """The part of SQLAlchemy's `Result` that hot statements' callers use."""

    __slots__ = ("_rows", "inserted_primary_key", "rowcount")

    def __init__(self, rows: list[Any], rowcount: int, key: Any) -> None:
        self._rows, self.rowcount, self.inserted_primary_key = rows, rowcount, (key,)

    def first(self) -> Any:
        return self._rows[0] if self._rows else None

    def all(self) -> list[Any]:
        return self._rows

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None

    def scalar_one(self) -> Any:
        if len(self._rows) != 1:  # as SQLAlchemy's Result.scalar_one
            raise (NoResultFound("No row was found when one was required") if not self._rows
                   else MultipleResultsFound("Multiple rows were found when exactly one was "
                                             "required"))
        return self._rows[0][0]

    def mappings(self) -> _Mappings:
        return _Mappings(self._rows)

    def __iter__(self):  # noqa: ANN204
        return iter(self._rows)


class SyncBatchConnection:
    """What a batch's users need of `AsyncConnection`, run at once on a plain connection.
    Statements marked hot (`storage.hot`) run on the driver's cursor through a `_Plan`:
    ~80 µs per statement through SQLAlchemy, most of it its own Python, against a few µs of
    SQLite's work."""

    __slots__ = ("_begin", "_cursor", "_savepoints", "dialect", "sync_connection")

    def __init__(self, conn: Connection) -> None:
        self.sync_connection = conn
        self.dialect = conn.dialect
        self._cursor: Any = None
        self._savepoints = 0
        # A transaction asked for but not begun yet (see `begin`).
        self._begin = False

    def _begun(self) -> None:
        if self._begin:
            self._begin = False
            if not self.sync_connection.in_transaction():
                self.sync_connection.begin()

    async def execute(self, statement: Any, parameters: Any = None, **kw: Any) -> Any:
        if self._begin:
            self._begun()
        if type(parameters) is dict and not kw and id(statement) in HOT \
                and self.sync_connection.in_transaction():
            key = (id(statement), *parameters)
            plan = _PLANS.get(key, False)
            if plan is False:
                plan = _PLANS[key] = _Plan.of(self.dialect, statement, parameters)
            if plan is not None:
                return self._run(plan, parameters)
        elif type(parameters) is list and parameters and not kw and id(statement) in HOT \
                and self.sync_connection.in_transaction():
            key = (id(statement), *parameters[0])
            plan = _PLANS.get(key, False)
            if plan is False:
                plan = _PLANS[key] = _Plan.of(self.dialect, statement, parameters[0])
            if plan is not None and plan.row is None:
                return self._run_many(plan, parameters)
        return self.sync_connection.execute(statement, parameters, **kw)

    def _run_many(self, plan: _Plan, parameters: list[dict]) -> _Result:
        """executemany: one statement, many rows of parameters, no result rows."""
        if self._cursor is None:
            self._cursor = self.sync_connection.connection.driver_connection.cursor()
        values = [plan.values(p) for p in parameters]
        try:
            cursor = self._cursor.executemany(plan.sql, values)
        except sqlite3.Error as exc:
            raise DBAPIError.instance(plan.sql, values, exc, sqlite3.Error) from exc
        return _Result([], cursor.rowcount, None)

    def _run(self, plan: _Plan, parameters: dict) -> _Result:
        if self._cursor is None:
            self._cursor = self.sync_connection.connection.driver_connection.cursor()
        values = plan.values(parameters)
        try:
            cursor = self._cursor.execute(plan.sql, values)
            raw = cursor.fetchall() if plan.row is not None else []
        except sqlite3.Error as exc:  # as SQLAlchemy would raise it (IntegrityError, ...)
            raise DBAPIError.instance(plan.sql, values, exc, sqlite3.Error) from exc
        rows = raw
        if raw:
            make = plan.row._make
            convert = plan.convert
            if convert:
                rows = []
                for r in raw:
                    values = list(r)
                    for i, f in convert:
                        values[i] = f(values[i])
                    rows.append(make(values))
            else:
                rows = [make(r) for r in raw]
        key = None
        if plan.pk is not None:
            key = parameters.get(plan.pk)
            if key is None:
                key = cursor.lastrowid
        return _Result(rows, cursor.rowcount, key)

    async def scalar(self, statement: Any, parameters: Any = None, **kw: Any) -> Any:
        self._begun()
        return self.sync_connection.scalar(statement, parameters, **kw)

    async def scalars(self, statement: Any, parameters: Any = None, **kw: Any) -> Any:
        self._begun()
        return self.sync_connection.scalars(statement, parameters, **kw)

    async def begin(self) -> None:
        """BEGIN IMMEDIATE with the first statement, not now: a batch commits and begins
        again (`Batch.commit`), and is then usually closed with nothing more to do; an eager
        BEGIN IMMEDIATE + ROLLBACK per batch cost two statements through SQLAlchemy."""
        if self.sync_connection.in_transaction():
            raise RuntimeError("a transaction is already begun on this connection")
        self._begin = True

    async def begin_nested(self) -> _Savepoint:
        self._begun()
        if self._cursor is None:
            self._cursor = self.sync_connection.connection.driver_connection.cursor()
        self._savepoints += 1
        return _Savepoint(self._cursor, f"u{self._savepoints}")

    async def commit(self) -> None:
        self._begin = False  # nothing ran since begin(): nothing to commit
        self.sync_connection.commit()

    async def rollback(self) -> None:
        self._begin = False
        self.sync_connection.rollback()

    def in_transaction(self) -> bool:
        return self.sync_connection.in_transaction()


_engines: weakref.WeakKeyDictionary[AsyncEngine, Engine] = weakref.WeakKeyDictionary()


def batch_engine(engine: AsyncEngine) -> Engine | None:
    """The synchronous twin of an SQLite file engine (one connection: batches take the write
    lock, so only one is ever open); None where batches stay on the async connection."""
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return None
    twin = _engines.get(engine)
    if twin is None:
        twin = create_engine(engine.url.set(drivername="sqlite"), poolclass=StaticPool,
                             connect_args={"check_same_thread": False})
        event.listen(twin, "connect", sqlite_pragmas_of(engine))
        event.listen(twin, "begin", _sqlite_begin)
        _engines[engine] = twin
        weakref.finalize(engine, twin.dispose)
    return twin


def connect_writer(twin: Engine) -> SyncBatchConnection:
    conn = twin.connect()
    conn.info[WRITER] = True
    return SyncBatchConnection(conn)


def close(conn: SyncBatchConnection) -> None:
    if conn._cursor is not None:
        conn._cursor.close()
    if conn.sync_connection.in_transaction():
        conn.sync_connection.rollback()
    conn.sync_connection.close()


def dispose(engine: AsyncEngine) -> None:
    twin = _engines.pop(engine, None)
    if twin is not None:
        twin.dispose()
