"""``Services`` wires the use cases: each service is built once, there, and handed to the
services that need it (issue 13, "dependencies passed in by Services, one instance each")."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from app.services import Services

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "app" / "services"


def _service_class_names() -> set[str]:
    names = set()
    for path in SERVICES.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and (node.name.endswith("Service")
                                                   or node.name == "RosterIO"):
                names.add(node.name)
    return names


def _reachable_services(root: Services) -> dict[type, list[object]]:
    """Every object of a class from app.services reachable through attributes of ``root``."""
    found: dict[type, list[object]] = defaultdict(list)
    seen: set[int] = set()
    todo: list[Any] = [*vars(root).values(), *getattr(root, "_lazy", {}).values()]
    while todo:
        obj = todo.pop()
        if id(obj) in seen or not type(obj).__module__.startswith("app.services."):
            continue
        seen.add(id(obj))
        found[type(obj)].append(obj)
        todo.extend(vars(obj).values())
    return found


def test_one_services_holds_one_instance_of_each_service(services: Services) -> None:
    every = services.each()  # builds the services built on first use
    assert set(Services.LAZY) <= set(every) and "accounts" in every
    found = _reachable_services(services)
    names = {cls.__name__: len(objs) for cls, objs in found.items()}
    assert names["HolidayService"] == 1
    assert {n for n, count in names.items() if count > 1} == set()
    # the walk did reach through the collaborators, so the counts mean something
    assert {"HolidayService", "LeaveService", "AttendanceService", "ScoreService",
            "DocumentService", "HandoverService", "RosterService", "ProjectService"} <= set(names)
    assert services.attendance.holidays is services.holidays
    assert services.attendance.leave is services.leave
    assert services.documents.scores is services.scores
    assert services.handover.roster is services.roster
    assert all(getattr(services, name) is service for name, service in every.items())


def test_a_lazy_service_is_built_once_across_threads(services: Services,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Threads asking for an unbuilt service at the same moment all get the same one (a
    slow build: without the lock each thread would build its own)."""
    import threading
    import time

    from app.services.documents import DocumentService

    slow_init = DocumentService.__init__

    def init(self: DocumentService, *args: Any, **kwargs: Any) -> None:
        time.sleep(0.05)
        slow_init(self, *args, **kwargs)

    monkeypatch.setattr(DocumentService, "__init__", init)
    assert "documents" not in services._lazy  # built on first use
    barrier = threading.Barrier(6)
    got: list[object] = []

    def ask() -> None:
        barrier.wait()
        got.append(services.documents)

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 6 and all(g is got[0] for g in got)
    found = _reachable_services(services)
    assert {n: len(o) for n, o in ((c.__name__, o) for c, o in found.items()) if len(o) > 1} \
        == {}
    assert services.documents.attendance is services.attendance


def test_reachable_walk_counts_a_duplicate() -> None:
    """The walk would notice a service built twice."""

    class Fake:
        pass

    from app.services.project import ProjectService

    root = Fake()
    a = ProjectService.__new__(ProjectService)
    b = ProjectService.__new__(ProjectService)
    a.other = b  # type: ignore[attr-defined]
    root.first, root.second = a, b  # type: ignore[attr-defined]
    assert len(_reachable_services(root)[ProjectService]) == 2  # type: ignore[arg-type]


def constructor_calls(path: Path, classes: set[str]) -> list[str]:
    """Calls of another module's service class in ``path`` (its own class may copy itself)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = {n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)}
    calls = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else \
            func.attr if isinstance(func, ast.Attribute) else ""
        if name in classes and name not in own:
            calls.append(f"{path.name}:{node.lineno} {name}(...)")
    return calls


def test_no_service_module_builds_another_service() -> None:
    classes = _service_class_names()
    assert {"HolidayService", "RosterIO", "DocumentService"} <= classes
    offending = [call for path in sorted(SERVICES.glob("*.py")) if path.name != "__init__.py"
                 for call in constructor_calls(path, classes)]
    assert offending == []


def test_constructor_scan_sees_a_lazy_construction(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("class A:\n    def f(self):\n        from x import HolidayService\n"
                      "        return HolidayService(self.db, None)\n", encoding="utf-8")
    assert constructor_calls(sample, {"HolidayService"}) == ["sample.py:4 HolidayService(...)"]
