"""Statements on intake's hot path, marked so an SQLite batch can run them below SQLAlchemy.

Each mark is a promise about the statement: it is built once (a module constant), it is run
with one dict of parameters, and its result is read only through `first()`, `all()`,
`scalar()`, `scalar_one()`, `mappings()` or `inserted_primary_key` (`storage.sqlite_batch` gives exactly
those); or, a statement that returns no rows, with a list of dicts of the same keys
(executemany), and its result is not read. Everywhere else, including PostgreSQL, a marked statement runs through SQLAlchemy as
any other."""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")

# id(statement) -> statement: the value keeps the statement alive, so its id stays its own.
HOT: dict[int, object] = {}


def hot(statement: T) -> T:
    HOT[id(statement)] = statement
    return statement
