"""The layering rules of the design card, checked on the source itself."""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORKS = {"aiogram", "sqlalchemy", "alembic", "aiohttp", "openai", "httpx", "pydantic",
              "pydantic_settings", "apscheduler", "redis", "asyncpg", "aiosqlite", "holidays"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def _sources(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def test_domain_imports_only_the_standard_library_and_itself():
    allowed = set(sys.stdlib_module_names) | {"domain"}
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imports(path) - allowed)
        for path in _sources("domain")
        if _imports(path) - allowed
    }
    assert offenders == {}


def test_sqlalchemy_is_imported_only_by_storage():
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("domain", "handlers", "bot", "scheduler")
        for path in _sources(package)
        if {"sqlalchemy", "alembic"} & _imports(path)
    ]
    assert offenders == []


def test_handlers_do_not_reach_storage_directly():
    offenders = [str(p.relative_to(ROOT)) for p in _sources("handlers") if "storage" in _imports(p)]
    assert offenders == []


def test_domain_is_not_empty_so_the_checks_above_mean_something():
    assert len(_sources("domain")) >= 5
    assert FRAMEWORKS & _imports(ROOT / "storage" / "repositories.py") == {"sqlalchemy"}


def test_handlers_do_not_import_the_composition_root():
    offenders = [str(p.relative_to(ROOT)) for p in _sources("handlers") if "bot" in _imports(p)]
    assert offenders == []


def test_the_scheduler_does_not_import_the_composition_root():
    """Jobs call use cases; reading settings and wiring them is bot/scheduling.py's job."""
    offenders = [str(p.relative_to(ROOT)) for p in _sources("scheduler") if "bot" in _imports(p)]
    assert offenders == []
