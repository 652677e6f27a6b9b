"""The package's layering, read from its source with `ast` (nothing is imported): the doors go
through `api` and the ground floor only, the inner folders do not reach outwards, xlwings stays
under `excel/`, and the folders import each other without a cycle (design.md, "Data flow")."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest

PACKAGE = "xl_dashboard"
ROOT = Path(__file__).resolve().parents[1] / PACKAGE
GROUND_FLOOR = {"errors", "progress", "calendar", "settings", "issues", "outputs"}
CLI_START_UP = {"entry", "readahead", "bounds"}


@dataclass(frozen=True)
class Import:
    """One import statement's target: `module` is dotted from the package ('excel.book'; ''
    for the package itself), or the outside package's name ('xlwings') when `outside`."""

    file: Path
    line: int
    module: str
    outside: bool = False

    @property
    def where(self) -> str:
        return f"{self.file.relative_to(ROOT.parent).as_posix()}:{self.line} imports {self.module}"


def source_files() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "__pycache__" not in p.parts)


def module_of(path: Path) -> list[str]:
    """A file's module as parts below the package ('excel', 'macros'); [] for the package."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _is_module(parts: list[str]) -> bool:
    base = ROOT.joinpath(*parts)
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imports_of(path: Path) -> Iterator[Import]:
    """Every import in the file (at the top, in functions, under TYPE_CHECKING alike)."""
    here = module_of(path)
    package = here if path.name == "__init__.py" else here[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top, *rest = alias.name.split(".")
                if top == PACKAGE:
                    yield Import(path, node.lineno, ".".join(rest))
                else:
                    yield Import(path, node.lineno, top, outside=True)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                top, *rest = (node.module or "").split(".")
                if top != PACKAGE:
                    yield Import(path, node.lineno, top, outside=True)
                    continue
                base = rest
            else:
                base = package[: len(package) - (node.level - 1)]
                base = base + (node.module.split(".") if node.module else [])
            for alias in node.names:
                # `from . import readahead` names a module; `from . import __version__` does not
                target = base + [alias.name] if _is_module(base + [alias.name]) else base
                yield Import(path, node.lineno, ".".join(target))


def node_of(module: str) -> str:
    """The folder a module belongs to ('excel.book' → 'excel'); a top-level module is its own
    node ('api'), the package's own __init__ is '__init__'."""
    return module.split(".")[0] or "__init__"


def _under(module: str, *folders: str) -> bool:
    return node_of(module) in folders


def offences(files: list[Path], forbidden: Callable[[Import], bool]) -> list[str]:
    return list(dict.fromkeys(i.where for f in files for i in imports_of(f) if forbidden(i)))


def doors() -> list[Path]:
    """The headless door and the Excel doors (the macros, the UDFs, and Lite when it comes)."""
    return [ROOT / "cli.py", *sorted((ROOT / "excel").glob("*.py"))]


def door_may_import(door: Path, target: Import) -> bool:
    if target.outside:
        return True
    allowed = {"api", *GROUND_FLOOR}
    if door.name == "cli.py":
        # start-up (version, signals, reading ahead) and the `template` command, which writes
        # the Excel door's own template
        allowed |= {"__init__", "excel", *CLI_START_UP}
    if door.parent.name == "excel":
        allowed |= {"excel"}
    return node_of(target.module) in allowed


@pytest.mark.parametrize(
    "door", [pytest.param(d, id=d.relative_to(ROOT).as_posix()) for d in doors()]
)
def test_doors_import_only_api_and_the_ground_floor(door: Path) -> None:
    assert door.is_file()
    found = offences([door], lambda i: not door_may_import(door, i))
    assert not found, "\n".join(found)


def _folder(name: str) -> list[Path]:
    return [p for p in source_files() if module_of(p)[:1] == [name]]


@pytest.mark.parametrize(
    ("folder", "outer"),
    [
        ("inputs", ("indicators", "dashboard", "validation", "excel")),
        ("indicators", ("dashboard", "excel")),
        ("dashboard", ("inputs", "excel")),
    ],
)
def test_inner_folders_do_not_reach_outwards(folder: str, outer: tuple[str, ...]) -> None:
    assert _folder(folder)
    found = offences(_folder(folder), lambda i: not i.outside and _under(i.module, *outer))
    assert not found, "\n".join(found)


def test_xlwings_is_imported_only_under_excel() -> None:
    files = [p for p in source_files() if module_of(p)[:1] != ["excel"]]
    found = offences(files, lambda i: i.outside and i.module == "xlwings")
    assert not found, "\n".join(found)
    assert offences(_folder("excel"), lambda i: i.outside and i.module == "xlwings")


def folder_graph() -> dict[str, dict[str, list[str]]]:
    """node → imported node → the imports that make the edge (file:line)."""
    graph: dict[str, dict[str, list[str]]] = {}
    for path in source_files():
        here = node_of(".".join(module_of(path)))
        edges = graph.setdefault(here, {})
        for i in imports_of(path):
            there = node_of(i.module)
            if not i.outside and there != here and i.where not in edges.get(there, []):
                edges.setdefault(there, []).append(i.where)
    return graph


def find_cycle(graph: dict[str, dict[str, list[str]]]) -> list[str]:
    """One cycle of the graph as its nodes (first node repeated at the end), or []."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, {})):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = "done"
        return []

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return []


def test_find_cycle_finds_one() -> None:
    assert find_cycle({"a": {"b": []}, "b": {"c": []}, "c": {"a": []}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b": []}, "b": {"c": []}, "c": {}, "d": {"a": []}}) == []


def test_no_import_cycle_between_folders() -> None:
    graph = folder_graph()
    assert {"api", "cli", "excel", "inputs", "indicators", "dashboard"} <= set(graph)
    cycle = find_cycle(graph)
    edges = [w for a, b in pairwise(cycle) for w in graph[a][b]]
    assert not cycle, " → ".join(cycle) + "\n" + "\n".join(edges)


def test_no_strftime_format_specs() -> None:
    """`f"{month:%B %Y}"` works on a pandas Period only from pandas 3; Pyodide (xlwings Lite)
    ships pandas 2.3, where it raises. Dates and months are formatted with `.strftime`."""
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
                spec = "".join(
                    v.value for v in ast.walk(node.format_spec) if isinstance(v, ast.Constant)
                )
                if "%" in str(spec):
                    found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}: {spec}")
    assert not found, "\n".join(found)
