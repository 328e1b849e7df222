"""aiogram's Telegram types built on first use instead of all at import.

aiogram declares its ~460 Bot API types with pydantic's `defer_build`, but the end of
`aiogram/types/__init__.py` calls `model_rebuild()` on every one of them to resolve forward
references, which builds every validator and serializer up front: importing aiogram takes
~140 MB of resident memory (aiogram issue #1513), most of the bot's footprint, for types a
support desk never sees (payments, stickers, business accounts, ...).

`install()` imports aiogram with those rebuild calls skipped, and gives every not-yet-built
aiogram model the namespace the rebuild would have used, so pydantic builds each one — with
its forward references resolved exactly as aiogram resolves them — the first time it is used.
Importing this module calls it; bot/telegram.py imports it first thing. It must run before
anything imports aiogram; if aiogram is already imported it does nothing.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

log = logging.getLogger(__name__)


def install() -> bool:
    """True if aiogram is now imported lean; False if it was imported before, or if this
    aiogram/pydantic pair refused the lean import (then aiogram is imported as usual)."""
    if "aiogram" in sys.modules:
        return False
    try:
        return _install()
    except Exception:  # noqa: BLE001 - never keep the bot from starting; it only costs memory
        log.warning("aiogram could not be imported lean; importing it as usual", exc_info=True)
        for name in [m for m in sys.modules if m == "aiogram" or m.startswith("aiogram.")]:
            del sys.modules[name]
        import aiogram.types  # noqa: F401
        return False


def _install() -> bool:
    from pydantic import BaseModel

    original = BaseModel.model_rebuild.__func__  # type: ignore[attr-defined]
    captured: dict[str, Any] = {}

    def deferred(cls, *, force: bool = False, raise_errors: bool = True,  # noqa: ANN001
                 _parent_namespace_depth: int = 2, _types_namespace: Any = None) -> Any:
        if (_types_namespace is not None and not force and cls.model_config.get("defer_build")
                and cls.__module__.startswith("aiogram.types")):
            captured.setdefault("namespace", _types_namespace)
            return None
        return original(cls, force=force, raise_errors=raise_errors,
                        _parent_namespace_depth=_parent_namespace_depth + 1,
                        _types_namespace=_types_namespace)

    BaseModel.model_rebuild = classmethod(deferred)  # type: ignore[method-assign, assignment]
    try:
        import aiogram  # noqa: F401
        import aiogram.methods  # noqa: F401
        import aiogram.types  # noqa: F401
    finally:
        BaseModel.model_rebuild = classmethod(original)  # type: ignore[method-assign]
    namespace = captured.get("namespace")
    if namespace is None:  # a future aiogram that no longer rebuilds eagerly
        return True

    def inherit_namespace(cls, **_kwargs: Any) -> None:  # noqa: ANN001
        # A generic made later (the session's `Response[list[Update]]`) gets it too.
        if not cls.__pydantic_complete__:
            cls.__pydantic_parent_namespace__ = namespace

    pending = [BaseModel]
    while pending:
        for cls in pending.pop().__subclasses__():
            pending.append(cls)
            if not cls.__module__.startswith("aiogram."):
                continue
            if not cls.__pydantic_complete__:
                cls.__pydantic_parent_namespace__ = namespace  # one dict shared by all
            if cls.__pydantic_generic_metadata__["parameters"]:
                cls.__pydantic_init_subclass__ = classmethod(inherit_namespace)
    return True


install()
