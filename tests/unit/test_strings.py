"""The strings package (DESIGN §6): every ``strings.NAME.format(...)`` call in app/ and ui/
passes exactly its template's placeholders, and the area modules re-export cleanly.

A wrong placeholder otherwise fails only at run time, on the one screen or printout that uses
it. The check is static: it reads the source of app/ and ui/ (ast) and the templates from the
imported package, so it covers code paths no other test reaches.
"""

from __future__ import annotations

import ast
import importlib
import re
import string
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app import strings

ROOT = Path(__file__).resolve().parents[2]
STRINGS = ROOT / "app" / "strings"
AREA_MODULES = sorted(p.stem for p in STRINGS.glob("*.py") if p.stem != "__init__")


# ---- template placeholders ----------------------------------------------------------------
@dataclass(frozen=True)
class Fields:
    named: frozenset[str]
    positional: int  # how many positional arguments the template reads


def template_fields(template: str) -> Fields:
    """The placeholders of a ``str.format`` template, nested ones (``{x:{width}}``) included."""
    named: set[str] = set()
    auto = 0
    numbered: set[int] = set()

    def walk(text: str) -> None:
        nonlocal auto
        for _literal, field, spec, _conversion in string.Formatter().parse(text):
            if field is None:
                continue
            root = re.split(r"[.\[]", field, maxsplit=1)[0]
            if root == "":
                auto += 1
            elif root.isdigit():
                numbered.add(int(root))
            else:
                named.add(root)
            if spec:
                walk(spec)

    walk(template)
    return Fields(frozenset(named), max(auto, max(numbered, default=-1) + 1))


# ---- the source scan ----------------------------------------------------------------------
@dataclass(frozen=True)
class FormatCall:
    where: str  # path:line
    what: str  # the template's name, e.g. CH_WARNING or SV_PROBLEMS["before_reported"]
    template: object
    keywords: frozenset[str] | None  # None: the call passes **mapping
    positional: int | None  # None: the call passes *sequence
    alternatives: tuple[object, ...]  # every template this call may format (``a if c else b``)


class _Scanner(ast.NodeVisitor):
    """Finds ``<template>.format(...)`` where <template> is, statically: ``strings.NAME``,
    ``strings.NAME[<constant>]``, ``strings.NAME[<any key>]`` or ``strings.NAME.get(<key>)``
    (then every value of the mapping), an alias of either (``import app.strings as S``,
    ``from app.strings import NAME``), ``a if c else b`` of those, or a local name every
    assignment of which in the enclosing function is one of those."""

    def __init__(self, rel: str, module: Any) -> None:
        self.rel = rel
        self.module = module
        self.module_aliases: set[str] = set()
        self.name_aliases: dict[str, str] = {}
        self.calls: list[FormatCall] = []
        self.unresolved: list[str] = []
        self.local_templates: list[dict[str, list[tuple[str, object]] | None]] = [{}]

    # imports ---------------------------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for a in node.names:
            if a.name == "app.strings" and a.asname:
                self.module_aliases.add(a.asname)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for a in node.names:
            if node.module == "app" and a.name == "strings":
                self.module_aliases.add(a.asname or a.name)
            elif node.module == "app.strings":
                self.name_aliases[a.asname or a.name] = a.name

    # resolving a template expression ----------------------------------------------------------
    def resolve(self, node: ast.expr) -> list[tuple[str, object]] | None:
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
                and node.value.id in self.module_aliases:
            return [(node.attr, getattr(self.module, node.attr, _MISSING))]
        if isinstance(node, ast.Name) and node.id in self.name_aliases:
            name = self.name_aliases[node.id]
            return [(name, getattr(self.module, name, _MISSING))]
        if isinstance(node, ast.Name):
            for scope in reversed(self.local_templates):
                if node.id in scope:
                    return scope[node.id]
            return None
        if isinstance(node, ast.Subscript):
            base = self.resolve(node.value)
            if base is None:
                return None
            if isinstance(node.slice, ast.Constant):
                key = node.slice.value
                return [(f"{name}[{key!r}]", value[key] if isinstance(value, dict)
                         and key in value else _MISSING) for name, value in base]
            # any key: each of the mapping's templates may be the one formatted
            return [(f"{name}[{k!r}]", v) for name, value in base if isinstance(value, dict)
                    for k, v in value.items()] or None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and node.func.attr == "get" and node.args:
            base = self.resolve(node.func.value)  # strings.MAPPING.get(key[, default])
            if base is None:
                return None
            return [(f"{name}[{k!r}]", v) for name, value in base if isinstance(value, dict)
                    for k, v in value.items()] or None
        if isinstance(node, ast.IfExp):
            a, b = self.resolve(node.body), self.resolve(node.orelse)
            return None if a is None or b is None else a + b
        return None

    # local names holding a template -------------------------------------------------------------
    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """Track the function's local names; a name counts as a template only if every
        assignment to it is a plain ``name = <template expression>``."""
        scope: dict[str, list[tuple[str, object]] | None] = {}
        for sub in ast.walk(node):
            bound: list[tuple[str, list[tuple[str, object]] | None]] = []
            if isinstance(sub, ast.Assign) and len(sub.targets) == 1 \
                    and isinstance(sub.targets[0], ast.Name):
                bound.append((sub.targets[0].id, self.resolve(sub.value)))
            elif isinstance(sub, ast.Assign | ast.AnnAssign | ast.AugAssign | ast.NamedExpr
                            | ast.For | ast.comprehension | ast.With | ast.arguments):
                bound += [(n.id, None) for n in ast.walk(sub) if isinstance(n, ast.Name)
                          and isinstance(n.ctx, ast.Store)]
                if isinstance(sub, ast.arguments):
                    bound += [(a.arg, None) for a in ast.walk(sub) if isinstance(a, ast.arg)]
            for name, resolved in bound:
                if name in scope and (scope[name] is None or resolved is None):
                    scope[name] = None
                else:
                    scope[name] = None if resolved is None else [*(scope.get(name) or []),
                                                                 *resolved]
        self.local_templates.append(scope)
        self.generic_visit(node)
        self.local_templates.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._function(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._function(node)

    # the calls ------------------------------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "format":
            templates = self.resolve(func.value)
            where = f"{self.rel}:{node.lineno}"
            if templates is None:
                if _mentions_strings(func.value, self.module_aliases | set(self.name_aliases)):
                    self.unresolved.append(where)
            else:
                keywords = None if any(k.arg is None for k in node.keywords) \
                    else frozenset(k.arg for k in node.keywords if k.arg is not None)
                positional = None if any(isinstance(a, ast.Starred) for a in node.args) \
                    else len(node.args)
                alternatives = tuple(t for _, t in templates)
                for what, template in templates:
                    self.calls.append(FormatCall(where, what, template, keywords, positional,
                                                 alternatives))
        self.generic_visit(node)


_MISSING = object()


def _mentions_strings(node: ast.expr, aliases: set[str]) -> bool:
    return any(isinstance(n, ast.Name) and n.id in aliases for n in ast.walk(node))


def scan_source(source: str, rel: str, module: Any = strings) -> _Scanner:
    scanner = _Scanner(rel, module)
    scanner.visit(ast.parse(source))
    return scanner


def problems(calls: list[FormatCall]) -> list[str]:
    """One line per call whose arguments do not match its template's placeholders."""
    out: list[str] = []
    for c in calls:
        if c.template is _MISSING:
            out.append(f"{c.where}: {c.what}: no such string")
            continue
        if not isinstance(c.template, str):
            out.append(f"{c.where}: {c.what}: is a {type(c.template).__name__}, not a template")
            continue
        fields = template_fields(c.template)
        if c.keywords is not None:
            # A call shared by alternative templates may pass what only a sibling reads.
            used = set(fields.named).union(*(template_fields(t).named for t in c.alternatives
                                             if isinstance(t, str)))
            missing, extra = fields.named - c.keywords, c.keywords - used
            if missing:
                out.append(f"{c.where}: {c.what}: missing {sorted(missing)}")
            if extra:
                out.append(f"{c.where}: {c.what}: not in the template {sorted(extra)}")
        if c.positional is not None and c.positional != fields.positional:
            out.append(f"{c.where}: {c.what}: {c.positional} positional argument(s), "
                       f"the template reads {fields.positional}")
    return out


def _source_files() -> Iterator[Path]:
    for folder in (ROOT / "app", ROOT / "ui"):
        for path in sorted(folder.rglob("*.py")):
            if not path.is_relative_to(STRINGS):
                yield path


def _scan_project() -> tuple[list[FormatCall], list[str]]:
    calls: list[FormatCall] = []
    unresolved: list[str] = []
    for path in _source_files():
        scanner = scan_source(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
        calls += scanner.calls
        unresolved += scanner.unresolved
    return calls, unresolved


# ---- the tests --------------------------------------------------------------------------------
def test_every_format_call_passes_exactly_the_templates_placeholders() -> None:
    """Out of static reach (and so unchecked): templates passed in as parameters or unpacked
    from tuples, and ``**mapping`` keywords (only the positional count is checked there)."""
    calls, unresolved = _scan_project()
    assert len(calls) > 500  # the scan really reached the ~560 call sites
    assert problems(calls) == []
    # a ``.format`` on an expression built from strings that the scanner cannot follow
    assert unresolved == []


def test_template_fields_reads_named_positional_and_nested_placeholders() -> None:
    assert template_fields("{a}：{b.c} {d[0]} {{literal}} {e!r:>{width}}") == Fields(
        frozenset({"a", "b", "d", "e", "width"}), 0)
    assert template_fields("{} {}") == Fields(frozenset(), 2)
    assert template_fields("{1} {0} {1}") == Fields(frozenset(), 2)
    assert template_fields("{year}年{month:02d}月") == Fields(frozenset({"year", "month"}), 0)


class _Templates:
    GREETING = "{name}，你好"
    PAIR = "{} and {}"
    PROBLEMS = {"late": "{who} is late", "gone": "gone"}  # noqa: RUF012
    HEADERS = ("a", "b")


def test_checker_reports_typos_missing_and_extra_arguments_with_file_and_line() -> None:
    """Each kind of mismatch is caught and located; matching calls pass."""
    source = """
from app import strings
import app.strings as S
from app.strings import PAIR as P

def f(flag):
    strings.GREETING.format(name=1)          # ok
    strings.GREETING.format(nmae=1)          # 8: typo
    S.GREETING.format(name=1, extra=2)       # 9: extra
    P.format(1)                              # 10: one positional short
    strings.PROBLEMS["late"].format(who=1)   # ok
    strings.PROBLEMS["late"].format()        # 12: missing
    (strings.GREETING if flag else strings.PAIR).format(name=1)   # 13: PAIR gets no positionals
    template = strings.GREETING
    template.format(name=2)                  # ok
    template.format(who=2)                   # 16: wrong name via a local
    strings.HEADERS.format()                 # 17: not a template
    strings.NO_SUCH.format()                 # 18: unknown name
    strings.GREETING.format(**{"name": 1})   # unverifiable keywords: positional still checked
    (strings.GREETING if flag else strings.PROBLEMS["late"]).format(name=1, who=2, bogus=3)  # 20
    strings.PROBLEMS[flag].format(who=1)     # ok: "gone" reads nothing, "late" reads who
    strings.PROBLEMS[flag].format()          # 22: "late" would miss who
    problem = strings.PROBLEMS.get(flag)
    problem.format(who=1) if problem else None  # ok: as above
"""
    found = problems(scan_source(source, "ui/x.py", _Templates).calls)
    assert found == [
        "ui/x.py:8: GREETING: missing ['name']",
        "ui/x.py:8: GREETING: not in the template ['nmae']",
        "ui/x.py:9: GREETING: not in the template ['extra']",
        "ui/x.py:10: PAIR: 1 positional argument(s), the template reads 2",
        "ui/x.py:12: PROBLEMS['late']: missing ['who']",
        "ui/x.py:13: PAIR: 0 positional argument(s), the template reads 2",
        "ui/x.py:16: GREETING: missing ['name']",
        "ui/x.py:16: GREETING: not in the template ['who']",
        "ui/x.py:17: HEADERS: is a tuple, not a template",
        "ui/x.py:18: NO_SUCH: no such string",
        "ui/x.py:20: GREETING: not in the template ['bogus']",
        "ui/x.py:20: PROBLEMS['late']: not in the template ['bogus']",
        "ui/x.py:22: PROBLEMS['late']: missing ['who']",
    ]


def test_checker_sees_a_typo_in_real_call_site() -> None:
    """Renaming one keyword of a real call in the project's source is reported at its line."""
    path = ROOT / "ui" / "tabs" / "roster" / "tab.py"
    source = path.read_text(encoding="utf-8")
    call = "strings.ROSTER_COUNT.format(shown="
    assert call in source
    line = source[:source.index(call)].count("\n") + 1
    broken = source.replace(call, "strings.ROSTER_COUNT.format(shwon=", 1)
    found = problems(scan_source(broken, "ui/tabs/roster/tab.py").calls)
    assert found == [f"ui/tabs/roster/tab.py:{line}: ROSTER_COUNT: missing ['shown']",
                     f"ui/tabs/roster/tab.py:{line}: ROSTER_COUNT: not in the template ['shwon']"]


# ---- the package --------------------------------------------------------------------------
def _definitions(module: str) -> list[str]:
    tree = ast.parse((STRINGS / f"{module}.py").read_text(encoding="utf-8"))
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
        elif isinstance(node, ast.FunctionDef):
            names.append(node.name)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.append(f"<import at line {node.lineno}>")
    return names


def test_area_modules_define_each_name_once_and_import_nothing() -> None:
    """The star imports in app/strings/__init__.py re-export exactly the area modules' own names:
    a module that imported something would leak it, and a name defined in two modules would
    silently take the value of whichever is imported last."""
    counts = Counter(n for m in AREA_MODULES for n in _definitions(m))
    assert [n for n in counts if n.startswith("<import")] == []
    assert sorted(n for n, c in counts.items() if c > 1) == []
    assert len(counts) > 1300


@pytest.mark.parametrize("module", AREA_MODULES)
def test_package_reexports_every_name_of_each_area_module(module: str) -> None:
    area = importlib.import_module(f"app.strings.{module}")
    for name in _definitions(module):
        assert getattr(strings, name) is getattr(area, name), name
    public = {n for n in vars(area) if not n.startswith("_")}
    assert public == set(_definitions(module))


def test_init_star_imports_every_area_module() -> None:
    source = (STRINGS / "__init__.py").read_text(encoding="utf-8")
    imported = re.findall(r"^    from \.(\w+) import \*", source, flags=re.MULTILINE)
    assert sorted(imported) == AREA_MODULES


def test_typed_helpers() -> None:
    assert strings.person_label("A", "HX1001") == "A\uff08HX1001\uff09"
    assert strings.with_note("A", "b") == "A\uff08b\uff09"
    assert strings.paren("b") == "\uff08b\uff09"
    assert strings.labelled("A", "b") == "A\uff1ab"
    assert strings.without_note("A\uff08b\uff09") == "A"
    assert strings.without_note("A") == "A"


def test_every_area_module_is_looked_up_and_typed() -> None:
    """app/strings loads its area modules on first use (issue 16): an area module missing from
    ``_AREAS`` would make its names unreachable at run time, one missing from the
    TYPE_CHECKING imports would hide them from mypy."""
    init = (STRINGS / "__init__.py").read_text(encoding="utf-8")
    areas = vars(strings)["_AREAS"]
    assert sorted(areas) == AREA_MODULES
    for area in AREA_MODULES:
        assert f"    from .{area} import *" in init
    assert areas[:2] == ("window", "common")  # the window paints with only these loaded


def test_the_window_paints_with_two_string_areas_loaded() -> None:
    """A fresh interpreter importing what the window needs before its first paint loads at
    most the window's and the shared texts (the other areas cost ~12 ms of start-up)."""
    import subprocess
    import sys

    code = ("import sys, ui.entry, ui.main_window; "
            "print(sorted(m for m in sys.modules if m.startswith('app.strings.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT, env={**__import__("os").environ,
                                                    "PYTHONPATH": str(ROOT)}).stdout
    assert set(ast.literal_eval(out)) <= {"app.strings.common", "app.strings.window"}
