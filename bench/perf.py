"""Speed of `digest make` at newsroom scale (issue 7).

    python bench/perf.py            # both parts
    python bench/perf.py bbc        # only the BBC part (needs ../shared/corpus)
    python bench/perf.py archive    # only the 100,000-file part (generated, needs nothing)

Prints, as ratios measured in one run on this machine:

1. BBC (../shared/corpus/bbc, 1,666 articles, all in the window): a cold `make` (empty
   outbox, default --jobs) against a plain single-process loop that reads and summarizes the
   same files with the same sumy-based algorithm and sentence count (`digest.analysis.summarize`, as
   `digest summarize` would, without quotes or a digest).
2. A warm rerun with nothing changed (a new clock: the real one) against the cold make; and,
   for what a change costs, a rerun with --rebuild (every file read, every analysis from the
   cache, the digest rendered and written again).
3. A generated archive of 100,000 small articles spread over a year, `--since 1d`: a cold
   first run (no index: every file read once), a warm rerun with nothing changed, and a rerun
   after one new article arrives (the index spares every other file outside the day).
4. Peak RSS of each archive run (the largest process: `make` or one of its workers).

Every `make` is a fresh `python -m digest.cli` process, so imports are counted.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from digest.analysis.summarize import summarize  # noqa: E402
from digest.errors import ArticleError  # noqa: E402
from digest.readers.scan import read_article  # noqa: E402
from digest.settings import DEFAULT_ALGORITHM, DEFAULT_SENTENCES  # noqa: E402

BBC = ROOT.parent / "shared" / "corpus" / "bbc" / "News Articles"
ARCHIVE_FILES = 100_000
ARCHIVE_NOW = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)

# Reports its child's peak RSS (KiB): ru_maxrss of RUSAGE_CHILDREN is the largest descendant
# waited for, which covers the worker processes too.
MEASURE = (
    "import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
    "sys.exit(code)"
)


def plain_loop(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        try:
            summarize(read_article(path, UTC), DEFAULT_SENTENCES, DEFAULT_ALGORITHM)
        except ArticleError:
            continue
    return time.perf_counter() - started


def make(source: Path, out: Path, since: str, *extra: str, now: str | None = None) -> dict:
    """One `digest make` in a fresh process: seconds, peak RSS (MB), and its JSON summary."""
    command = [sys.executable, "-c", MEASURE, sys.executable, "-m", "digest.cli", "make"]
    command += ["-s", str(source), "--out", str(out), "--since", since, "--json", "-q", *extra]
    # bytecode is cached as on an installed machine (this one sets PYTHONDONTWRITEBYTECODE,
    # which would have every run compile the package again)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["TZ"] = "UTC"
    if now:
        env["DIGEST_NOW"] = now
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    rss = int(done.stderr.strip().splitlines()[-1]) / 1024
    return {"seconds": seconds, "rss": rss, **json.loads(done.stdout)}


def bbc_part(work: Path) -> list[str]:
    paths = sorted(BBC.glob("*/*.txt"))
    loop = plain_loop(paths)
    out = work / "bbc"
    cold = make(BBC, out, "2000-01-01", "--include-seen")
    warm = make(BBC, out, "2000-01-01", "--include-seen")
    rebuilt = make(BBC, out, "2000-01-01", "--include-seen", "--rebuild")
    assert warm["kept"] and not rebuilt["kept"]
    c, w, r = cold["seconds"], warm["seconds"], rebuilt["seconds"]
    return [
        f"BBC: {len(paths)} articles, all in the window ({cold['stories']} full stories and "
        f"{cold['more_stories']} headlines after near-duplicates and Gmail's clip)\n",
        "| measure | seconds | ratio | target |",
        "|---|---:|---:|---:|",
        f"| plain single-process loop ({DEFAULT_ALGORITHM}, {DEFAULT_SENTENCES} sentences) "
        f"| {loop:.2f} | 1.00 | |",
        f"| cold make vs loop | {c:.2f} | {c / loop:.2f} | <= 0.6 |",
        f"| warm rerun, nothing changed, vs cold | {w:.2f} | {w / c:.3f} | <= 0.05 |",
        f"| rerun with --rebuild (all from the cache) vs cold | {r:.2f} | {r / c:.3f} | |",
    ]


def generate(folder: Path, count: int = ARCHIVE_FILES) -> None:
    """Small dated articles spread evenly over the year before ARCHIVE_NOW (at 30 s past a
    minute), 100 per folder."""
    rng = random.Random(7)
    words = [
        "council",
        "harbour",
        "budget",
        "school",
        "river",
        "transport",
        "vote",
        "report",
        "police",
        "market",
        "housing",
        "energy",
        "water",
        "health",
        "court",
        "teachers",
        "bridge",
        "station",
        "museum",
        "festival",
        "storm",
        "rail",
    ]
    step = timedelta(days=365) / count
    for i in range(count):
        folder_i = folder / f"{i // 1000:03d}" / f"{i // 100 % 10}"
        if i % 100 == 0:
            folder_i.mkdir(parents=True, exist_ok=True)
        when = (ARCHIVE_NOW - timedelta(days=365) + step * i).replace(second=30, microsecond=0)
        topic = rng.sample(words, 3)
        body = " ".join(
            f"The {topic[0]} {rng.choice(words)} plan for the {topic[1]} was discussed on day "
            f"{i % 97} by {rng.choice(words)} officials, who said the {topic[2]} work goes on."
            for _ in range(5)
        )
        (folder_i / f"a{i:06d}.md").write_text(
            f"---\ntitle: {topic[0].title()} {topic[1]} update {i}\n"
            f"date: {when.isoformat()}\n---\n{body}\n\n{body[::-1].capitalize()}.\n"
        )


def archive_part(work: Path) -> list[str]:
    folder = work / "archive"
    started = time.perf_counter()
    generate(folder)
    made = time.perf_counter() - started
    out = work / "archive-out"
    now = ARCHIVE_NOW.isoformat()
    later = (ARCHIVE_NOW + timedelta(seconds=20)).isoformat()  # no article moves out
    cold = make(folder, out, "1d", now=now)
    warm = make(folder, out, "1d", now=later)
    (folder / "new.md").write_text(
        f"---\ntitle: A new story\ndate: {(ARCHIVE_NOW - timedelta(minutes=5)).isoformat()}\n"
        "---\nThe harbour council said the new bridge opens in spring, ahead of plan.\n"
    )
    changed = make(folder, out, "1d", now=later)
    assert warm["kept"] and not changed["kept"]
    c, w, n = cold["seconds"], warm["seconds"], changed["seconds"]
    return [
        f"Archive: {ARCHIVE_FILES:,} generated articles over a year (written in {made:.0f} s), "
        f"--since 1d selects {cold['stories'] + cold['more_stories']}\n",
        "| measure | seconds | ratio to cold | peak RSS MB | target |",
        "|---|---:|---:|---:|---:|",
        f"| cold first run (no index) | {c:.2f} | 1.00 | {cold['rss']:.0f} | RSS < 300 |",
        f"| warm rerun, nothing changed | {w:.2f} | {w / c:.3f} | {warm['rss']:.0f} "
        "| < 1.5 s, <= 0.05 |",
        f"| rerun after one new article | {n:.2f} | {n / c:.3f} | {changed['rss']:.0f} | |",
    ]


def main() -> int:
    parts = sys.argv[1:] or ["bbc", "archive"]
    work = Path(tempfile.mkdtemp(prefix="digest-perf-"))
    lines = [f"{os.cpu_count()} cores, Python {sys.version.split()[0]}\n"]
    try:
        if "bbc" in parts:
            if BBC.exists():
                lines += [*bbc_part(work), ""]
            else:
                lines.append(f"BBC part skipped: {BBC} is not here (evaluation data)\n")
        if "archive" in parts:
            lines += archive_part(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
