"""Draw digest's import graph: which of our modules each module imports.

    python tools/import_graph.py                 # module -> the digest modules it imports
    python tools/import_graph.py --packages      # the same, folded to packages (digest.readers)
    python tools/import_graph.py --dot | dot -Tsvg > imports.svg
    python tools/import_graph.py --external      # the standard library and third-party too

Reads this checkout's src/ (not an installed copy) with grimp, the library import-linter
is built on, so it shows the same graph `lint-imports` checks. Imports inside functions
count too: grimp sees every import statement.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "digest"


def fold(module: str, packages: bool) -> str:
    """`digest.readers.scan` -> `digest.readers` when folding to packages, else unchanged."""
    if not packages or not module.startswith(PACKAGE + "."):
        return module
    return ".".join(module.split(".")[:2])


def edges(packages: bool = False, external: bool = False) -> dict[str, set[str]]:
    """Every digest module (or package) -> the modules it imports directly."""
    graph = grimp.build_graph(PACKAGE, include_external_packages=external)
    found: dict[str, set[str]] = {}
    for module in sorted(graph.modules):
        if not module.startswith(PACKAGE):
            continue  # a third-party package, present only as an import target
        source = fold(module, packages)
        targets = found.setdefault(source, set())
        for imported in graph.find_modules_directly_imported_by(module):
            target = fold(imported, packages)
            if target != source:
                targets.add(target)
    return found


def as_text(found: dict[str, set[str]]) -> Iterable[str]:
    for module, targets in sorted(found.items()):
        yield f"{module} -> {', '.join(sorted(targets)) if targets else '(nothing of ours)'}"


def as_dot(found: dict[str, set[str]]) -> Iterable[str]:
    yield "digraph digest {"
    yield "  rankdir=TB;"
    yield "  node [shape=box, fontname=Helvetica, fontsize=10];"
    for module in sorted(found):
        yield f'  "{module}";'
    for module, targets in sorted(found.items()):
        for target in sorted(targets):
            yield f'  "{module}" -> "{target}";'
    yield "}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--packages", action="store_true", help="fold modules into packages")
    parser.add_argument(
        "--external", action="store_true", help="include standard-library and third-party imports"
    )
    parser.add_argument("--dot", action="store_true", help="print a Graphviz DOT graph")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))  # this checkout, ahead of any installed digest
    found = edges(packages=args.packages, external=args.external)
    for line in (as_dot if args.dot else as_text)(found):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
