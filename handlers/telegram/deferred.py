"""Bot API calls that must wait until the update that caused them is committed.

The inbox worker handles updates in group-committed batches; a draft posted before the
batch commits could describe a ticket that a failure then rolls back, and a slow or
rate-limited send would hold the database's write lock. Handlers hand such calls to
`after_commit`; the worker runs them once the batch is durable. Outside a batch (a use case
already committed on its own) the call runs at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar

Call = Callable[[], Awaitable[object]]

_pending: ContextVar[list[Call] | None] = ContextVar("chatdesk_after_commit", default=None)


async def after_commit(call: Call) -> None:
    pending = _pending.get()
    if pending is None:
        await call()
    else:
        pending.append(call)


@contextlib.contextmanager
def collecting() -> Iterator[list[Call]]:
    """Collect the calls deferred while handling one update."""
    calls: list[Call] = []
    token = _pending.set(calls)
    try:
        yield calls
    finally:
        _pending.reset(token)
