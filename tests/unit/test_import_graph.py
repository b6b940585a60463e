"""The import graph of app/ read from the source (issue 13, "no cycle left").

Every ``import`` counts: at module level, inside functions (lazy imports) and under
``if TYPE_CHECKING:``, because a type-level cycle is a cycle a reader has to untangle too.
An edge goes to the module named (``from app.services import leave`` is an edge to
``app.services.leave``); importing ``a.b.c`` is not counted as importing the package ``a.b``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"
SKIP = ("app.storage.migrations",)  # alembic scripts, run only by app.storage.db.migrate()


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int

    def __str__(self) -> str:
        return f"{self.source} -> {self.target} (line {self.line})"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_modules(root: Path = APP) -> dict[str, Path]:
    found = {_module_name(p): p for p in sorted(root.rglob("*.py"))}
    return {name: path for name, path in found.items() if not name.startswith(SKIP)}


def _imported(node: ast.Import | ast.ImportFrom, module: str, is_package: bool,
              known: set[str]) -> Iterable[str]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            name = alias.name
            while name and name not in known:  # ``import app.x.y`` of a non-module attribute
                name = name.rpartition(".")[0]
            if name:
                yield name
        return
    base = node.module or ""
    if node.level:
        anchor = module.split(".") if is_package else module.split(".")[:-1]
        anchor = anchor[:len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    for alias in node.names:
        child = f"{base}.{alias.name}"
        if child in known:
            yield child
        elif base in known:
            yield base


def import_edges(modules: dict[str, Path]) -> list[Edge]:
    known = set(modules)
    edges: list[Edge] = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        is_package = path.name == "__init__.py"
        for node in ast.walk(tree):  # module level, function bodies and TYPE_CHECKING alike
            if isinstance(node, ast.Import | ast.ImportFrom):
                edges.extend(Edge(name, target, node.lineno)
                             for target in _imported(node, name, is_package, known)
                             if target != name)
    return edges


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(graph.get(node, ()))
    return seen


def cycles(edges: list[Edge]) -> list[list[str]]:
    """Strongly connected components with more than one module: modules that reach each
    other (the graph has under a hundred modules, so plain reachability will do)."""
    graph: dict[str, set[str]] = {}
    for e in edges:
        graph.setdefault(e.source, set()).add(e.target)
    reach = {node: _reachable(graph, node) for node in graph}
    found: list[list[str]] = []
    done: set[str] = set()
    for node in sorted(graph):
        if node in done:
            continue
        component = sorted({node} | {other for other in reach[node]
                                     if node in reach.get(other, ())})
        done.update(component)
        if len(component) > 1:
            found.append(component)
    return found


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def is_dto_module(name: str) -> bool:
    """The contract between the services and the printouts and tabs: DTOs and their texts."""
    return _within(name, "app.dto")


# ---- the rules -----------------------------------------------------------------------------
MODULES = app_modules()
EDGES = import_edges(MODULES)


def test_the_graph_is_read_from_every_kind_of_import() -> None:
    """The reader is not vacuous: it sees a lazy import and a TYPE_CHECKING import."""
    pairs = {(e.source, e.target) for e in EDGES}
    assert ("app.services.documents", "app.documents.month_sheet") in pairs  # in a function
    assert ("app.documents.month_sheet", "app.dto.attendance") in pairs  # TYPE_CHECKING
    assert ("app.services", "app.services.attendance") in pairs  # module level
    assert len(MODULES) > 60


def test_cycle_finder_finds_a_cycle() -> None:
    edges = [Edge("a", "b", 1), Edge("b", "c", 2), Edge("c", "a", 3), Edge("c", "d", 4)]
    assert cycles(edges) == [["a", "b", "c"]]
    assert cycles([Edge("a", "b", 1)]) == []


def test_no_import_cycle_in_app() -> None:
    found = cycles(EDGES)
    offending = [str(e) for e in EDGES
                 if any(e.source in c and e.target in c for c in found)]
    assert found == [], "import cycles:\n" + "\n".join(offending)


def test_documents_import_only_the_dto_modules_of_the_services() -> None:
    offending = [str(e) for e in EDGES if _within(e.source, "app.documents")
                 and _within(e.target, "app.services") and not is_dto_module(e.target)]
    assert offending == []


def test_dto_modules_import_no_service_and_no_storage() -> None:
    """A DTO module is safe to import from anywhere: domain, strings and other DTOs only."""
    offending = [str(e) for e in EDGES if is_dto_module(e.source)
                 and (_within(e.target, "app.storage") or _within(e.target, "app.documents")
                      or (_within(e.target, "app.services") and not is_dto_module(e.target)))]
    assert offending == []


def test_devices_and_domain_stay_below_services_storage_and_documents() -> None:
    above = ("app.services", "app.storage", "app.documents")
    offending = [str(e) for e in EDGES
                 if (_within(e.source, "app.devices") or _within(e.source, "app.domain"))
                 and any(_within(e.target, p) for p in above)]
    assert offending == []


def test_only_the_document_service_calls_the_printing_package() -> None:
    """One home for printouts: app.services.documents (DESIGN §1, issue 13)."""
    offending = [str(e) for e in EDGES if _within(e.source, "app.services")
                 and e.source != "app.services.documents"
                 and _within(e.target, "app.documents")]
    assert offending == []
