"""The shape of the code, read from its imports (ast, no import is executed):
- no two packages of procure import each other (a wish to do so means a function belongs
  lower down);
- `core` (cross-cutting web concerns) and `domain` (the vocabulary) import no feature;
- `domain` is pure: no Flask, no SQLAlchemy;
- a procure module is imported inside a function only by the app factory, or with a comment
  saying why.
Imports under `if TYPE_CHECKING:` are left out: they never run (two models that name each
other in their relationships need them).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

PROCURE = Path(__file__).resolve().parent.parent / "procure"

FEATURES = {"accounts", "api", "dashboard", "demo", "digests", "matching", "ocds"}
FEATURES |= {"imports", "suppliers", "tenders"}


def package_of(path: Path) -> str:
    parts = path.relative_to(PROCURE).with_suffix("").parts
    return parts[0]


def imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        return [node.module]
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return []


def _type_checking(node: ast.AST) -> bool:
    test = getattr(node, "test", None)
    return isinstance(node, ast.If) and ast.unparse(test) in {
        "TYPE_CHECKING",
        "typing.TYPE_CHECKING",
    }


def walk(node: ast.AST, in_function: bool = False) -> Iterator[tuple[ast.AST, bool]]:
    """Every node with whether it sits in a function, skipping `if TYPE_CHECKING:` blocks."""
    for child in ast.iter_child_nodes(node):
        if _type_checking(child):
            continue
        inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
        yield child, inner
        yield from walk(child, inner)


def procure_imports() -> Iterator[tuple[Path, ast.AST, str, bool]]:
    for path in sorted(PROCURE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node, in_function in walk(tree):
            for name in imported(node):
                yield path, node, name, in_function


def package_graph() -> dict[str, dict[str, list[str]]]:
    """package -> imported package -> the files that import it."""
    graph: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path, _node, name, _inner in procure_imports():
        parts = name.split(".")
        if parts[0] != "procure" or len(parts) < 2:
            continue
        source, target = package_of(path), parts[1]
        if source != target and source != "__init__":
            graph[source][target].append(str(path.relative_to(PROCURE)))
    return graph


def cycles(graph: dict[str, dict[str, list[str]]]) -> dict[tuple[str, ...], list[str]]:
    """Pairs of packages importing each other, with the files doing it."""
    return {
        tuple(sorted((a, b))): sorted(set(graph[a][b]) | set(graph[b][a]))
        for a in graph
        for b in graph[a]
        if a in graph.get(b, {})
    }


def test_no_two_packages_import_each_other():
    found = cycles(package_graph())
    assert not found, f"packages importing each other (and the files doing it): {found}"


def test_core_and_domain_import_no_feature():
    graph = package_graph()
    for lower in ("core", "domain"):
        reached = {target: files for target, files in graph[lower].items() if target in FEATURES}
        assert not reached, f"{lower} imports features: {reached}"


def test_the_domain_vocabulary_is_pure_python():
    for path, _node, name, _inner in procure_imports():
        if package_of(path) == "domain":
            top = name.split(".")[0]
            assert top not in {"flask", "flask_babel", "sqlalchemy", "flask_sqlalchemy"}, path
            assert top != "procure" or name.startswith("procure.domain"), (path, name)


def explained(lines: list[str], index: int) -> bool:
    """A comment on the import's line or between its function's `def` and it."""
    if "#" in lines[index]:
        return True
    for line in reversed(lines[:index]):
        text = line.strip()
        if text.startswith("#"):
            return True
        if text.startswith(("def ", "async def ")):
            return False
    return False


def test_procure_modules_are_imported_inside_functions_only_with_a_reason():
    unexplained = []
    for path, node, name, in_function in procure_imports():
        if not in_function or not name.startswith("procure"):
            continue
        if path == PROCURE / "__init__.py":
            continue  # the app factory imports the features it plugs in
        if not explained(path.read_text(encoding="utf-8").splitlines(), node.lineno - 1):
            unexplained.append(f"{path.relative_to(PROCURE)}:{node.lineno} {name}")
    assert not unexplained, f"imports inside functions without a comment saying why: {unexplained}"


def test_the_checks_see_a_cycle_when_there_is_one():
    """The graph is built from real imports (matching reads tenders, tenders reads the domain,
    never matching), and a pair importing each other is reported with its files."""
    graph = package_graph()
    assert "tenders" in graph["matching"] and "matching" not in graph["tenders"]
    assert "procure.domain.clauses" in {
        name for path, _n, name, _i in procure_imports() if package_of(path) == "tenders"
    }
    graph["tenders"]["matching"].append("tenders/example.py")
    assert cycles(graph) == {
        ("matching", "tenders"): sorted({*graph["matching"]["tenders"], "tenders/example.py"})
    }
