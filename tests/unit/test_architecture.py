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
    assert FRAMEWORKS & _imports(ROOT / "storage" / "kernel" / "repository.py") == {"sqlalchemy"}


def test_handlers_do_not_import_the_composition_root():
    offenders = [str(p.relative_to(ROOT)) for p in _sources("handlers") if "bot" in _imports(p)]
    assert offenders == []


def test_the_scheduler_does_not_import_the_composition_root():
    """Jobs call use cases; reading settings and wiring them is bot/scheduling.py's job."""
    offenders = [str(p.relative_to(ROOT)) for p in _sources("scheduler") if "bot" in _imports(p)]
    assert offenders == []


# -- bounded contexts ----------------------------------------------------------------------------

PROJECT = ("bot", "handlers", "domain", "scheduler", "storage")
KERNEL = "kernel"
# What a context shows the others: its model (data and the pure functions over it) and its
# service (use cases). Its rules, ports, texts and other modules are its own business.
PUBLIC_MODULES = {"model", "service"}


def _module_name(path: Path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


def _project_modules() -> dict[str, Path]:
    return {_module_name(path): path for package in PROJECT for path in _sources(package)
            if "migrations/versions" not in path.as_posix()}


def _imported_modules(path: Path, known: set[str]) -> dict[str, set[str]]:
    """Project modules `path` imports (at any depth, TYPE_CHECKING blocks included), each with
    the names taken from it. `from package import module` depends on the module only."""
    found: dict[str, set[str]] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in known:
                    found.setdefault(alias.name, set())
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                if submodule in known:
                    found.setdefault(submodule, set())
                elif node.module in known:
                    found.setdefault(node.module, set()).add(alias.name)
    return found


def _import_graph() -> dict[str, set[str]]:
    modules = _project_modules()
    known = set(modules)
    return {name: set(_imported_modules(path, known)) - {name} for name, path in modules.items()}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


def test_the_cycle_finder_finds_a_cycle_and_nothing_else():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert find_cycles(graph) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_back_through_others():
    assert find_cycles(_import_graph()) == []


def _context_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "domain" and len(parts) > 2 else None


def test_the_kernel_imports_no_context():
    graph = _import_graph()
    offenders = {name: sorted(d for d in deps if d.startswith("domain.")
                              and _context_of(d) not in (None, KERNEL))
                 for name, deps in graph.items() if _context_of(name) == KERNEL}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_contexts_use_only_each_others_model_and_service_public_names():
    modules = _project_modules()
    offenders = []
    for name, path in modules.items():
        home = _context_of(name)
        if home is None:
            continue
        for target, names in _imported_modules(path, set(modules)).items():
            there = _context_of(target)
            if there in (None, KERNEL, home):
                continue
            if target.rsplit(".", 1)[1] not in PUBLIC_MODULES:
                offenders.append(f"{name} -> {target}")
            offenders.extend(f"{name} -> {target}.{n}" for n in names if n.startswith("_"))
    assert offenders == []


def test_storage_mirrors_the_domain_contexts():
    """storage/<context>/{tables,repository}.py beside domain/<context>/."""
    contexts = {p.name for p in (ROOT / "domain").iterdir() if (p / "__init__.py").exists()}
    stored = {p.name for p in (ROOT / "storage").iterdir() if (p / "tables.py").exists()}
    assert stored - contexts == {"reliability"}  # the inbox: infrastructure, no domain context
    for name in stored:
        assert (ROOT / "storage" / name / "repository.py").exists(), name
