"""Mutation testing for digest's modules (issue 17), with no dependency beyond pytest.

    python bench/mutation.py --module dates.py
    python bench/mutation.py --module dates.py --list-survivors \\
        --equivalent docs/mutation-equivalents.md
    python bench/mutation.py --module selection.py --sample 60 --jobs 2
    python bench/mutation.py --module dates.py --show 'dates.py:254:negate-cond:not'
    python bench/mutation.py                  # every module in CONFIG (slow: minutes per module)

Run it with the project's Python (the one that has pytest and digest's dependencies). For each
module it parses the source, makes one mutant per mutation point, writes each mutant into a
temporary copy of the working tree (src/, tests/, templates/, ...; the real files are never
touched) and runs that module's test files from CONFIG there:

    python -m pytest -x -q -p no:cacheprovider <test files>

with PYTHONPATH pointing at the copy's src/ and no bytecode written (two mutants of the same
size written within the same second would otherwise reuse a stale .pyc). A mutant is *killed*
when pytest fails (any non-zero exit, including a collection or import error), *survived* when
every test passes and *timeout* when the run takes longer than --timeout-factor times the clean
run (an infinite loop is a detected mutant: timeouts count as killed in the score).

Operators (the id's third field):

    flip-compare   < -> <=, <= -> <, > -> >=, >= -> >, == <-> !=, is <-> is not, in <-> not in
    negate-cond    the test of an if / while / ternary becomes `not (test)`
    bool-op        and <-> or
    delete-stmt    a statement inside a function becomes `pass` (not returns, defs or docstrings)
    constant       int/float n -> n+1 and n -> 0, True <-> False, a string (or f-string) -> ""
                   (not docstrings, not annotations)
    arith          + <-> - (binary and augmented)
    return-none    `return <expr>` -> `return None`

A mutant's id is `<module>:<line>:<operator>:<detail>`, e.g. `dates.py:123:flip-compare:<` (the
detail is what the code becomes), with `#2`, `#3`, ... when the same id occurs again on one line.
Ids follow line numbers: edit the module and the ids below the edit move.

--equivalent FILE reads the ids of mutants judged equivalent (no test can tell them from the
original) from FILE: every `backticked` token that looks like an id. They are still run; a
listed mutant that survives is counted under "equivalent" and left out of the score, a listed
mutant that is killed is reported as a stale entry (and counted as killed).

score = (killed + timeout) / (mutants run - equivalent)

Mutants are written with ast.unparse (comments and layout are lost, the code is the same); the
clean run uses the unparsed, unmutated module as well, so a test that reads the source text
fails there and is reported before any mutant runs.
"""

from __future__ import annotations

import argparse
import ast
import os
import queue
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path("src/digest")

# --- configuration: module (path under src/digest) -> the pytest arguments that test it --------
# Edit freely when modules move: a key that no longer exists is reported, not skipped silently.
# Entries are pytest arguments: files, or node ids (tests/test_feeds.py::test_x) to narrow a slow
# file down to the tests that exercise the module.
# Left out on purpose: tests/test_properties.py (Hypothesis: random examples make a mutant's fate
# vary between runs) and the end-to-end files that start browsers, SMTP servers or many processes.
# A module's score only counts the files listed here: add a file when a module's tests move.
CONFIG: dict[str, list[str]] = {
    "dates.py": ["tests/test_dates.py", "tests/test_feeds.py"],
    "selection.py": ["tests/test_select.py"],
    "render/message.py": ["tests/test_mail.py", "tests/test_golden.py"],
    "analysis/quotes.py": ["tests/test_quotes.py", "tests/test_quote_rules.py"],
    "analysis/candidates.py": ["tests/test_quotes.py", "tests/test_quote_rules.py"],
    "analysis/speakers.py": ["tests/test_quotes.py", "tests/test_quote_rules.py"],
    "analysis/cast.py": ["tests/test_quotes.py", "tests/test_quote_rules.py"],
    "analysis/keyquote.py": ["tests/test_quotes.py", "tests/test_quote_rules.py"],
    "analysis/names.py": ["tests/test_quotes.py", "tests/test_quote_rules.py"],
    "text.py": ["tests/test_text_urls.py", "tests/test_reader_rules.py"],
    "analysis/boilerplate.py": ["tests/test_summary_rules.py", "tests/test_summarize.py"],
    "analysis/summarize.py": ["tests/test_summary_rules.py", "tests/test_summarize.py"],
    "analysis/interview.py": ["tests/test_interview.py"],
    # outbox: the fast tests only (test_faults, test_unattended and test_delivery run whole
    # digests and many processes: a minute a mutant); test_outbox_rules pins each rule
    "outbox/folder.py": ["tests/test_outbox.py", "tests/test_outbox_rules.py"],
    "outbox/state.py": [
        "tests/test_records.py::"
        "test_a_state_of_the_old_layout_is_read_and_migrated_without_losing_anything",
        "tests/test_records.py::"
        "test_a_state_of_an_unknown_version_or_damaged_is_an_error_never_a_reset",
        "tests/test_outbox_rules.py",
    ],
    "readers/scan.py": [
        "tests/test_reader_rules.py",
        "tests/test_sources.py",
        "tests/test_mixed_sources.py",
    ],
    "readers/feeds.py": ["tests/test_reader_rules.py", "tests/test_feeds.py"],
    "readers/exports.py": ["tests/test_reader_rules.py", "tests/test_pages_exports.py"],
    "readers/pages.py": ["tests/test_reader_rules.py", "tests/test_pages_exports.py"],
    "readers/decode.py": [
        "tests/test_reader_rules.py",
        "tests/test_pages_exports.py",
        "tests/test_sources.py",
    ],
    "readers/base.py": [
        "tests/test_reader_rules.py",
        "tests/test_feeds.py",
        "tests/test_pages_exports.py",
    ],
    "readers/index.py": [
        "tests/test_reader_rules.py",
        "tests/test_records.py::test_an_index_or_kept_record_of_the_old_format_is_absent",
        "tests/test_records.py::test_the_index_keeps_its_entries_for_its_version_and_zone_only",
        "tests/test_unattended.py::test_a_touched_article_is_not_repeated",
        "tests/test_unchanged.py::test_any_change_makes_the_digest_again[touched article]",
        "tests/test_unchanged.py::test_any_change_makes_the_digest_again[edited article]",
        "tests/test_unchanged.py::test_any_change_makes_the_digest_again[new article]",
    ],
}

# Copied into each worker's tree: everything but these (at any depth) ...
_IGNORE_ANYWHERE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "__pycache__",
    ".hypothesis",
    "*.egg-info",
    ".ruff_cache",
    ".pytest_cache",
    ".mypy_cache",
)
# ... and these only at the top of the tree: the generated digests in ./outbox, never the
# src/digest/outbox package (ignoring that name everywhere left the copy without it, so every
# module whose tests import digest.outbox failed the clean run).
_IGNORE_AT_ROOT = {"outbox"}


def _ignore(folder: str, names: list[str]) -> set[str]:
    ignored = set(_IGNORE_ANYWHERE(folder, names))
    if Path(folder).resolve() == ROOT:
        ignored |= _IGNORE_AT_ROOT & set(names)
    return ignored


# --- the mutator ------------------------------------------------------------------------------

COMPARE_FLIP: dict[type, type] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
SYMBOL: dict[type, str] = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}


@dataclass
class Point:
    line: int
    operator: str
    detail: str
    before: str = ""
    after: str = ""


def _is_docstring(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
    )


def _short(node: ast.AST) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= 110 else text[:107] + "..."


class Mutator:
    """Walks a module in a fixed order, numbering mutation points; applies the one at ``target``.

    With target None it only lists the points. The walk is the same for every target, so point
    ``k`` of the listing is the mutation applied with ``target=k``.
    """

    def __init__(self, target: int | None = None) -> None:
        self.target = target
        self.points: list[Point] = []
        self.applied: Point | None = None

    def _hit(self, node: ast.AST, operator: str, detail: str) -> bool:
        point = Point(getattr(node, "lineno", 0), operator, detail)
        self.points.append(point)
        if len(self.points) - 1 == self.target:
            self.applied = point
            return True
        return False

    # statements ------------------------------------------------------------------------------

    def body(self, stmts: list[ast.stmt], *, in_function: bool, docstring: bool) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for index, stmt in enumerate(stmts):
            if docstring and index == 0 and _is_docstring(stmt):
                out.append(stmt)
                continue
            if in_function and self._deletable(stmt):
                kind = type(stmt).__name__.lower()
                if self._hit(stmt, "delete-stmt", kind):
                    self.applied.before = _short(stmt)
                    self.applied.after = "pass"
                    out.append(ast.copy_location(ast.Pass(), stmt))
                    continue
            out.append(self.visit(stmt, in_function))
        return out

    @staticmethod
    def _deletable(stmt: ast.stmt) -> bool:
        skip = (
            ast.Pass,
            ast.Return,
            ast.FunctionDef,
            ast.AsyncFunctionDef,
            ast.ClassDef,
            ast.Global,
            ast.Nonlocal,
            ast.Import,
            ast.ImportFrom,
        )
        if isinstance(stmt, skip):
            return False
        return not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant))

    # nodes -----------------------------------------------------------------------------------

    def visit(self, node: ast.AST, in_function: bool = False) -> ast.AST:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            node.decorator_list = [self.visit(d, in_function) for d in node.decorator_list]
            node.args.defaults = [self.visit(d, in_function) for d in node.args.defaults]
            node.args.kw_defaults = [
                d if d is None else self.visit(d, in_function) for d in node.args.kw_defaults
            ]
            node.body = self.body(node.body, in_function=True, docstring=True)
            return node
        if isinstance(node, ast.ClassDef):
            node.decorator_list = [self.visit(d, in_function) for d in node.decorator_list]
            node.bases = [self.visit(b, in_function) for b in node.bases]
            node.keywords = [self.visit(k, in_function) for k in node.keywords]
            node.body = self.body(node.body, in_function=in_function, docstring=True)
            return node
        if isinstance(node, ast.AnnAssign):  # the annotation is not code that runs
            node.target = self.visit(node.target, in_function)
            if node.value is not None:
                node.value = self.visit(node.value, in_function)
            return node
        if isinstance(node, ast.arg):
            return node
        self._mutate_here(node)
        if isinstance(node, ast.JoinedStr):  # the f-string as a whole, then its expressions
            for part in node.values:
                if isinstance(part, ast.FormattedValue):
                    part.value = self.visit(part.value, in_function)
            return node
        for name, value in ast.iter_fields(node):
            if isinstance(value, list):
                if value and all(isinstance(v, ast.stmt) for v in value):
                    setattr(node, name, self.body(value, in_function=in_function, docstring=False))
                else:
                    setattr(
                        node,
                        name,
                        [
                            self.visit(v, in_function) if isinstance(v, ast.AST) else v
                            for v in value
                        ],
                    )
            elif isinstance(value, ast.AST):
                setattr(node, name, self.visit(value, in_function))
        return node

    def _mutate_here(self, node: ast.AST) -> None:  # one branch per operator
        if isinstance(node, ast.Compare):
            for index, op in enumerate(node.ops):
                new = COMPARE_FLIP[type(op)]
                if self._hit(node, "flip-compare", SYMBOL[new]):
                    self.applied.before = _short(node)
                    node.ops[index] = new()
                    self.applied.after = _short(node)
        elif isinstance(node, (ast.If, ast.While, ast.IfExp)):
            if self._hit(node, "negate-cond", "not"):
                self.applied.before = _short(node.test)
                node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
                self.applied.after = _short(node.test)
        elif isinstance(node, ast.BoolOp):
            new = ast.Or if isinstance(node.op, ast.And) else ast.And
            if self._hit(node, "bool-op", "or" if new is ast.Or else "and"):
                self.applied.before = _short(node)
                node.op = new()
                self.applied.after = _short(node)
        elif isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool):
                if self._hit(node, "constant", str(not value)):
                    self.applied.before = repr(value)
                    node.value = not value
                    self.applied.after = repr(node.value)
            elif isinstance(value, (int, float)):
                for new in (value + 1, 0 * value):
                    if new == value:
                        continue
                    if self._hit(node, "constant", repr(new)):
                        self.applied.before = repr(value)
                        node.value = new
                        self.applied.after = repr(new)
            elif isinstance(value, str) and value and self._hit(node, "constant", '""'):
                self.applied.before = _short(node)
                node.value = ""
                self.applied.after = '""'
        elif isinstance(node, ast.JoinedStr):
            if self._hit(node, "constant", '""'):
                self.applied.before = _short(node)
                node.values = []
                self.applied.after = '""'
        elif isinstance(node, (ast.BinOp, ast.AugAssign)):
            if isinstance(node.op, (ast.Add, ast.Sub)):
                new = ast.Sub if isinstance(node.op, ast.Add) else ast.Add
                if self._hit(node, "arith", "-" if new is ast.Sub else "+"):
                    self.applied.before = _short(node)
                    node.op = new()
                    self.applied.after = _short(node)
        elif isinstance(node, ast.Return):
            value = node.value
            returns_none = isinstance(value, ast.Constant) and value.value is None
            if value is not None and not returns_none and self._hit(node, "return-none", "None"):
                self.applied.before = _short(node)
                node.value = ast.Constant(None)
                self.applied.after = "return None"


def walk(source: str, target: int | None = None) -> tuple[Mutator, ast.Module]:
    tree = ast.parse(source)
    mutator = Mutator(target)
    tree.body = mutator.body(tree.body, in_function=False, docstring=True)
    return mutator, ast.fix_missing_locations(tree)


@dataclass
class Mutant:
    module: str
    index: int
    id: str
    point: Point


def mutants_of(module: str, source: str) -> list[Mutant]:
    mutator, _ = walk(source)
    seen: dict[str, int] = {}
    out = []
    for index, point in enumerate(mutator.points):
        base = f"{module}:{point.line}:{point.operator}:{point.detail}"
        seen[base] = seen.get(base, 0) + 1
        mutant_id = base if seen[base] == 1 else f"{base}#{seen[base]}"
        out.append(Mutant(module, index, mutant_id, point))
    return out


def mutated_source(source: str, index: int) -> tuple[str, Point]:
    mutator, tree = walk(source, index)
    assert mutator.applied is not None, index
    return ast.unparse(tree) + "\n", mutator.applied


# --- running ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    mutant: Mutant
    status: str  # killed / survived / timeout / invalid
    seconds: float
    before: str = ""
    after: str = ""


@dataclass
class Trees:
    """Copies of the working tree, one per worker, handed out through a queue."""

    base: Path
    free: queue.Queue = field(default_factory=queue.Queue)

    @classmethod
    def make(cls, jobs: int) -> Trees:
        base = Path(tempfile.mkdtemp(prefix="digest-mutation-"))
        trees = cls(base)
        for n in range(jobs):
            copy = base / f"tree{n}"
            shutil.copytree(ROOT, copy, ignore=_ignore)
            (copy / "outbox").mkdir(exist_ok=True)
            trees.free.put(copy)
        return trees

    def remove(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)


def pytest_command(tests: list[str]) -> list[str]:
    return [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]


def run_tests(tree: Path, tests: list[str], timeout: float | None) -> tuple[str, float, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree / "src")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    start = time.monotonic()
    try:
        done = subprocess.run(
            pytest_command(tests),
            cwd=tree,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            start_new_session=True,
        )
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - start, ""
    status = "survived" if done.returncode == 0 else "killed"
    return status, time.monotonic() - start, done.stdout[-3000:] + done.stderr[-2000:]


def check_import_path(tree: Path) -> None:
    """digest must come from the copy, not from an installed or editable checkout."""
    env = dict(os.environ, PYTHONPATH=str(tree / "src"), PYTHONDONTWRITEBYTECODE="1")
    found = subprocess.run(
        [sys.executable, "-c", "import digest; print(digest.__file__)"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not Path(found).resolve().is_relative_to(tree.resolve()):
        sys.exit(f"digest imports from {found}, not from the copy {tree}: check PYTHONPATH")


def run_module(
    module: str,
    trees: Trees,
    jobs: int,
    sample: int | None,
    seed: int,
    factor: float,
    only: set[str] | None,
) -> tuple[list[Outcome], float, float]:
    tests = CONFIG[module]
    path = ROOT / PACKAGE / module
    source = path.read_text(encoding="utf-8")
    mutants = mutants_of(module, source)
    if only:
        mutants = [m for m in mutants if m.id in only]
    if sample is not None and sample < len(mutants):
        picked = sorted(random.Random(f"{seed}:{module}").sample(range(len(mutants)), sample))
        mutants = [mutants[i] for i in picked]

    # clean run: the unparsed, unmutated module, in every tree
    clean_source = ast.unparse(ast.parse(source)) + "\n"
    copies = [trees.free.get() for _ in range(jobs)]
    for copy in copies:
        check_import_path(copy)
        (copy / PACKAGE / module).write_text(clean_source, encoding="utf-8")
    status, clean_seconds, output = run_tests(copies[0], tests, None)
    for copy in copies:
        trees.free.put(copy)
    if status != "survived":
        print(output, file=sys.stderr)
        sys.exit(f"{module}: the tests fail on the unmutated (unparsed) module; fix that first")
    timeout = max(factor * clean_seconds, 10.0)
    print(
        f"{module}: {len(mutants)} mutants, tests {' '.join(tests)}; clean run "
        f"{clean_seconds:.1f}s, timeout {timeout:.0f}s",
        file=sys.stderr,
    )

    lock = threading.Lock()
    progress = [0]

    def one(mutant: Mutant) -> Outcome:
        text, point = mutated_source(source, mutant.index)
        try:
            compile(text, str(path), "exec")
        except (SyntaxError, ValueError):
            return Outcome(mutant, "invalid", 0.0, point.before, point.after)
        tree = trees.free.get()
        try:
            (tree / PACKAGE / module).write_text(text, encoding="utf-8")
            status, seconds, _ = run_tests(tree, tests, timeout)
        finally:
            (tree / PACKAGE / module).write_text(source, encoding="utf-8")  # never left mutated
            trees.free.put(tree)
        with lock:
            progress[0] += 1
            mark = {"killed": ".", "survived": "S", "timeout": "T"}[status]
            print(mark, end="\n" if progress[0] % 60 == 0 else "", file=sys.stderr, flush=True)
        return Outcome(mutant, status, seconds, point.before, point.after)

    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        outcomes = list(pool.map(one, mutants))
    print(file=sys.stderr)
    return outcomes, time.monotonic() - start, clean_seconds


# --- report -----------------------------------------------------------------------------------

ID_IN_TEXT = re.compile(r"`([\w./-]+\.py:\d+:[a-z-]+:[^`]+)`")


def read_equivalents(path: Path | None) -> set[str]:
    if path is None:
        return set()
    return set(ID_IN_TEXT.findall(path.read_text(encoding="utf-8")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--module",
        action="append",
        metavar="PATH",
        help="a module under src/digest, e.g. dates.py (repeatable; default: all)",
    )
    parser.add_argument(
        "--sample", type=int, metavar="N", help="run a deterministic sample of N mutants per module"
    )
    parser.add_argument("--seed", type=int, default=17, help="the sample's seed (default 17)")
    parser.add_argument("--jobs", type=int, default=1, help="mutants run at once (default 1)")
    parser.add_argument(
        "--timeout-factor",
        type=float,
        default=10.0,
        help="a mutant times out after this many clean runs (default 10, min 10s)",
    )
    parser.add_argument(
        "--list-survivors",
        action="store_true",
        help="print every surviving mutant with the change it made",
    )
    parser.add_argument(
        "--equivalent",
        type=Path,
        metavar="FILE",
        help="a file naming equivalent mutants by id, in backticks",
    )
    parser.add_argument(
        "--only", action="append", metavar="ID", help="run only this mutant (repeatable)"
    )
    parser.add_argument("--list", action="store_true", help="list the mutants' ids and stop")
    parser.add_argument("--show", metavar="ID", help="print the change one mutant makes and stop")
    args = parser.parse_args(argv)

    modules = args.module or list(CONFIG)
    for module in modules:
        if module not in CONFIG:
            parser.error(f"{module} is not in CONFIG (bench/mutation.py): add it with its tests")
        if not (ROOT / PACKAGE / module).is_file():
            parser.error(f"src/digest/{module} does not exist: update CONFIG to the new path")
    jobs = max(1, args.jobs)
    equivalents = read_equivalents(args.equivalent)

    if args.list or args.show:
        for module in modules:
            source = (ROOT / PACKAGE / module).read_text(encoding="utf-8")
            for mutant in mutants_of(module, source):
                if args.show and mutant.id != args.show:
                    continue
                _, point = mutated_source(source, mutant.index)
                print(f"{mutant.id}\t{point.before}  ->  {point.after}")
        return 0

    trees = Trees.make(jobs)
    rows = []
    survivors: list[tuple[Outcome, bool]] = []
    stale: list[str] = []
    try:
        for module in modules:
            outcomes, seconds, clean = run_module(
                module,
                trees,
                jobs,
                args.sample,
                args.seed,
                args.timeout_factor,
                set(args.only) if args.only else None,
            )
            count = {s: 0 for s in ("killed", "survived", "timeout", "invalid", "equivalent")}
            for outcome in outcomes:
                listed = outcome.mutant.id in equivalents
                if outcome.status == "survived" and listed:
                    count["equivalent"] += 1
                    survivors.append((outcome, True))
                    continue
                if listed:
                    stale.append(f"{outcome.mutant.id} ({outcome.status})")
                count[outcome.status] += 1
                if outcome.status == "survived":
                    survivors.append((outcome, False))
            ran = len(outcomes) - count["invalid"]
            scored = ran - count["equivalent"]
            detected = count["killed"] + count["timeout"]
            score = f"{100 * detected / scored:.1f}%" if scored else "-"
            rows.append(
                (
                    module,
                    ran,
                    count["killed"],
                    count["timeout"],
                    count["survived"],
                    count["equivalent"],
                    score,
                    seconds,
                    clean,
                )
            )
    finally:
        trees.remove()

    if args.list_survivors and survivors:
        print("\nSurvivors (E: listed as equivalent):")
        for outcome, listed in sorted(survivors, key=lambda s: s[0].mutant.index):
            flag = "E" if listed else " "
            print(f"{flag} {outcome.mutant.id}\n      {outcome.before}  ->  {outcome.after}")
    if stale:
        print("\nListed as equivalent but detected (remove from the equivalents file):")
        for line in stale:
            print(f"  {line}")
    print()
    print("| module | mutants run | killed | timeout | survived | equivalent | score | time |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for module, ran, killed, timeouts, survived, equivalent, score, seconds, clean in rows:
        print(
            f"| {module} | {ran} | {killed} | {timeouts} | {survived} | {equivalent} | "
            f"{score} | {seconds:.0f}s (clean run {clean:.1f}s) |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
