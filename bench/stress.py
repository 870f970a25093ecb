"""Does the suite pass under load? Runs the whole test suite N rounds in a row, S suites at once
in each round, and prints one row per suite run (issue 17: "the suite passes 5 runs in a row
with two suites running at once").

    python bench/stress.py                 # 5 rounds of 2 suites at once
    python bench/stress.py --rounds 3 --suites 3 -- -k preview   # extra pytest arguments

Run it with the project's Python (the README's test venv). Each suite gets its own pytest
``--basetemp``, so two runs never share a temporary folder; everything else (the source tree,
loopback ports, the machine's cores) is shared, which is the point. Exit 0 when every run
passed, 1 otherwise; a failing run's last lines are printed under the table.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_COUNTS = re.compile(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed)")


@dataclass
class Run:
    round: int
    suite: int
    code: int
    seconds: float
    counts: dict[str, int]
    tail: str


def _failures(lines: list[str]) -> str:
    """What a failing run says about its failures: pytest's short summary (one line a failed
    test) and the last lines before it."""
    summary = next((i for i, line in enumerate(lines) if "short test summary" in line), None)
    if summary is None:
        return "\n".join(lines[-25:])
    return "\n".join(lines[max(0, summary - 40) :])


def _suite(number: int, suite: int, extra: list[str], scratch: Path, started: float) -> Run:
    """One whole suite, its output in a file of its own (a pipe left unread while another
    suite is awaited would stall it), timed from the round's start to its own end."""
    log = scratch / f"r{number}s{suite}.log"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    command += [f"--basetemp={scratch / f'r{number}s{suite}'}", *extra]
    with log.open("w") as out:
        code = subprocess.run(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT).returncode
    seconds = time.monotonic() - started
    lines = log.read_text(errors="replace").strip().splitlines()
    summary = lines[-1] if lines else ""
    counts = {
        kind.rstrip("s") if kind.startswith("error") else kind: int(n)
        for n, kind in _COUNTS.findall(summary)
    }
    return Run(number, suite, code, seconds, counts, _failures(lines))


def _round(number: int, suites: int, extra: list[str], scratch: Path) -> list[Run]:
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=suites) as pool:
        futures = [
            pool.submit(_suite, number, i, extra, scratch, started) for i in range(1, suites + 1)
        ]
        return [future.result() for future in futures]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="rounds in a row (default 5)")
    parser.add_argument("--suites", type=int, default=2, help="suites at once (default 2)")
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments, after --")
    args = parser.parse_args(argv)
    print(f"{os.cpu_count()} cores; {args.rounds} rounds of {args.suites} suites at once")
    print("| round | suite | exit | passed | failed | errors | skipped | wall (s) | load (1 min) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    failed: list[Run] = []
    # not a TemporaryDirectory: the tests leave read-only and other users' files behind, and
    # its cleanup can take minutes; the failures are printed as they happen, before any cleanup
    scratch = Path(tempfile.mkdtemp(prefix="digest-stress-"))
    try:
        for number in range(1, args.rounds + 1):
            for run in _round(number, args.suites, args.pytest_args, scratch):
                c = run.counts
                print(
                    f"| {run.round} | {run.suite} | {run.code} | {c.get('passed', 0)} | "
                    f"{c.get('failed', 0)} | {c.get('error', 0)} | {c.get('skipped', 0)} | "
                    f"{run.seconds:.0f} | {os.getloadavg()[0]:.1f} |",
                    flush=True,
                )
                if run.code != 0:
                    failed.append(run)
                    print(
                        f"\nround {run.round}, suite {run.suite} (exit {run.code}):",
                        file=sys.stderr,
                    )
                    print(run.tail, file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"\n{'all passed' if not failed else f'{len(failed)} run(s) failed'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
