"""No module of the package imports itself back through others.

Every import counts, at module level, inside functions (deferred for start-up time) and under
``TYPE_CHECKING``: a circle that only works because one side imports late breaks as soon as
someone moves an import to the top, and it blurs which module is built on which. Two circles
existed (the engine and its reporters; the request and statistics checks and the framework
that imported them back); this keeps them, and any new one, out.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "spocschema"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _imports(name: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                if candidate in known:
                    yield candidate
                elif base in known:
                    yield base


def import_graph() -> dict[str, set[str]]:
    known = _modules()
    return {
        name: {target for target in _imports(name, path, known) if target != name}
        for name, path in known.items()
    }


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


#: Circles known and not yet broken, each with the reason it is tolerated for now. An entry
#: must still be a circle (the test below fails once it is broken, so the list only shrinks).
KNOWN_CIRCLES: dict[tuple[str, ...], str] = {
    ("spocschema.editor_schemas", "spocschema.schemas"): (
        "schemas writes the editor variants through editor_schemas, which reads schemas' "
        "constants (DRAFT_07, SCHEMA_VERSION, DocumentType) back; the constants want a module "
        "of their own"
    ),
}


def test_the_package_has_no_import_circle() -> None:
    found = {tuple(circle) for circle in circles(import_graph())}
    assert found - set(KNOWN_CIRCLES) == set()


def test_every_known_circle_still_exists() -> None:
    found = {tuple(circle) for circle in circles(import_graph())}
    assert set(KNOWN_CIRCLES) - found == set(), "a known circle is gone: remove it from the list"


def test_the_detector_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert circles(graph) == [["a", "b", "c"]]


def test_reporters_do_not_import_the_engine_and_rules_do_not_import_their_shims() -> None:
    graph = import_graph()
    reporters = [m for m in graph if m.startswith("spocschema.cli.reporters")]
    assert reporters and all("spocschema.cli.engine" not in graph[m] for m in reporters)
    shims = {"spocschema.request_check", "spocschema.statistics_check", "spocschema.exchange_rules"}
    rules = [m for m in graph if m.startswith("spocschema.rules")]
    assert all(not graph[m] & shims for m in rules)
    assert "spocschema.cli.results" in graph["spocschema.cli.engine"]
