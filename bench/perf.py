"""Speed of `digest make` at newsroom scale (issue 7), on the BBC set in ../shared/corpus.

    python bench/perf.py

Prints, measured in one run on this machine: a cold make over every BBC article (all in the
window, empty cache) against a plain single-process loop that reads and summarizes the same
files with the same sumy-based algorithm and sentence count; and a warm rerun (nothing
changed) against the cold make. The 100,000-file index measures of the issue are not built
yet.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from digest.choices import DEFAULT_ALGORITHM, DEFAULT_SENTENCES  # noqa: E402
from digest.errors import ArticleError  # noqa: E402
from digest.sources import read_article  # noqa: E402
from digest.summarize import summarize  # noqa: E402

BBC = ROOT.parent / "shared" / "corpus" / "bbc" / "News Articles"


def plain_loop(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        try:
            summarize(read_article(path, UTC), DEFAULT_SENTENCES, DEFAULT_ALGORITHM)
        except ArticleError:
            continue
    return time.perf_counter() - started


def make(out: Path, *extra: str) -> float:
    command = [
        sys.executable,
        "-m",
        "digest.cli",
        "make",
        "-s",
        str(BBC),
        "--out",
        str(out),
        "--since",
        "2000-01-01",
        "-q",
        "--include-seen",
        *extra,
    ]
    started = time.perf_counter()
    subprocess.run(command, check=True, env={**os.environ, "TZ": "UTC"}, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    if not BBC.exists():
        print(f"skipped: {BBC} is not here (it is evaluation data, not shipped)")
        return 0
    paths = sorted(BBC.glob("*/*.txt"))
    work = Path(tempfile.mkdtemp(prefix="digest-perf-"))
    try:
        loop = plain_loop(paths)
        cold = make(work / "out")
        warm = make(work / "out")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(paths)} BBC articles, {os.cpu_count()} cores\n")
    print("| measure | seconds | ratio | target |")
    print("|---|---:|---:|---:|")
    print(f"| plain single-process loop ({DEFAULT_ALGORITHM}) | {loop:.1f} | 1.00 | |")
    print(f"| cold make (--jobs default) vs loop | {cold:.1f} | {cold / loop:.2f} | <= 0.6 |")
    print(f"| warm rerun vs cold make | {warm:.1f} | {warm / cold:.2f} | <= 0.05 |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
