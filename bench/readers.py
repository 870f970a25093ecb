"""The readers over real-world files (issue 14): no internal error, what is read and skipped,
and what a warm rerun costs.

    python bench/readers.py            # both parts
    python bench/readers.py sets       # only the real-world sets
    python bench/readers.py warm       # only the warm-rerun timings

1. Every real-world set present under ../shared/corpus/real-world (feedparser's, rss-parser's
   and feedjira's test feeds, Jekyll posts, saved news pages; see its README) and this
   repository's tests/real_world/: for each set, the files, the articles read, the skips by
   reason (the most common ones) and the internal errors, which must be 0 (an exception other
   than a reader's own "cannot use this" is a bug; each is printed with its file).
2. A mixed folder of about 4,000 files (every real-world set plus generated plain-text
   articles up to 4,000 files): a cold `make`, a warm `make` with nothing changed (which must
   keep its digest), and a warm `ls`, each a fresh `python -m digest.cli` process. The warm
   ones must take under 1 s.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from digest.readers.base import ReadOptions  # noqa: E402
from digest.readers.scan import inventory, read_file  # noqa: E402

# ../shared beside the checkout (a worktree may sit one folder deeper)
CORPUS = next(
    (p / "shared" / "corpus" / "real-world" for p in ROOT.parents if (p / "shared").is_dir()),
    ROOT.parent / "shared" / "corpus" / "real-world",
)
SETS = {
    "feedparser": CORPUS / "feedparser",
    "rss-parser": CORPUS / "rss-parser",
    "feedjira": CORPUS / "feedjira",
    "jekyll-posts": CORPUS / "jekyll-posts",
    "pages": CORPUS / "pages",
    "tests/real_world": ROOT / "tests" / "real_world",
}
MIXED_FILES = 4_000
NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


def sets() -> int:
    """Read every set; the number of internal errors."""
    options = ReadOptions(UTC)
    errors = 0
    for name, folder in SETS.items():
        if not folder.is_dir():
            print(f"{name}: not present, passed over")
            continue
        files = [item for item in inventory([folder]) if not isinstance(item, str)]
        articles = 0
        reasons: Counter[str] = Counter()
        failed: list[str] = []
        started = time.perf_counter()
        for item in files:
            try:
                found, skipped = read_file(item.path, options)
            except Exception:  # the bug this counts
                failed.append(f"{item.key}: {traceback.format_exc(limit=-3)}")
                continue
            articles += len(found)
            reasons.update(_reason(s.reason) for s in skipped)
        took = time.perf_counter() - started
        errors += len(failed)
        print(
            f"{name}: {len(files):,} files, {articles:,} articles, "
            f"{sum(reasons.values()):,} skipped, {len(failed)} internal errors ({took:.1f} s)"
        )
        for reason, count in reasons.most_common(12):
            print(f"    {count:6,}  {reason}")
        for line in failed[:20]:
            print("  INTERNAL ERROR", line)
    return errors


def _reason(reason: str) -> str:
    """A reason without the details that make each one unique (line numbers, quoted values)."""
    head = reason.split(":")[0]
    return head if len(head) < 60 else head[:60] + "..."


def _digest(args: list[str], out: Path, source: Path) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["TZ"] = "UTC"
    env["DIGEST_NOW"] = NOW.isoformat()
    env["PYTHONPATH"] = str(ROOT / "src")
    command = [
        sys.executable,
        "-m",
        "digest.cli",
        *args,
        "--source",
        str(source),
        "--out",
        str(out),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=out.parent)
    took = time.perf_counter() - started
    if done.returncode not in (0, 4):
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    said = [line for line in done.stderr.splitlines() if not line.startswith("warning:")]
    return took, said[0] if said else ""


def warm() -> bool:
    """Time cold make, warm make and warm ls over a mixed folder; whether the warm ones are
    under 1 s."""
    with tempfile.TemporaryDirectory(prefix="digest-bench-") as tmp:
        if os.environ.get("BENCH_KEEP"):  # a folder to look at afterwards
            tmp = os.environ["BENCH_KEEP"]
            shutil.rmtree(tmp, ignore_errors=True)
            Path(tmp).mkdir(parents=True)
        folder = Path(tmp) / "mixed"
        folder.mkdir()
        count = 0
        for name, source in SETS.items():
            if source.is_dir():
                shutil.copytree(source, folder / name.replace("/", "-"))
                count += sum(1 for p in (folder / name.replace("/", "-")).rglob("*") if p.is_file())
        generated = folder / "generated"
        generated.mkdir()
        for n in range(max(0, MIXED_FILES - count)):
            day = NOW - timedelta(hours=n * 7)
            path = generated / f"{day:%Y-%m-%d}-story-{n}.txt"
            path.write_text(
                f"Story number {n} about the harbour\n\nThe council met on day {n} to talk "
                f"about the harbour and its ferry.\n\nMembers of the council said the "
                f"ferry number {n} would run again in spring after repairs to the pier.\n"
            )
            count += 1
        out = Path(tmp) / "outbox"
        window = ["--since", "2026-11-26", "--until", NOW.isoformat()]
        print(f"mixed folder: {count:,} files")
        cold, said = _digest(["make", *window], out, folder)
        print(f"  cold make   {cold:6.2f} s   {said}")
        again, said = _digest(["make", *window], out, folder)
        print(f"  warm make   {again:6.2f} s   {said}")
        listed, _ = _digest(["ls", *window], out, folder)
        print(f"  warm ls     {listed:6.2f} s")
        return again < 1 and listed < 1


def main() -> None:
    parts = sys.argv[1:] or ["sets", "warm"]
    ok = True
    if "sets" in parts:
        ok = sets() == 0 and ok
    if "warm" in parts:
        ok = warm() and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
