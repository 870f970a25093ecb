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
   keep its digest), and a warm `ls`, each a fresh `python -m digest.cli` process; then the
   same warm `make()` and `consider()` (ls) timed alone in a fresh process, after the imports,
   which must take under 1 s. The machine's load average is printed: on a shared machine the
   wall times of the whole commands follow it.
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


# Times the call alone (after the imports), in a fresh process: what `make` and `ls` do,
# without the interpreter's start and the command line's imports.
IN_PROCESS = """
import sys, time
from datetime import datetime
from pathlib import Path
from digest.pipeline import consider, make
from digest.settings import Settings
now = datetime.fromisoformat(sys.argv[4])
settings = Settings(sources=(Path(sys.argv[2]),), out=Path(sys.argv[3]), since=sys.argv[5],
                    until=sys.argv[4], timezone="UTC")
if sys.argv[1] == "make":  # these settings' own digest first (the command line's may differ)
    make(settings, now=now)
started = time.perf_counter()
if sys.argv[1] == "ls":
    consider(settings, now)
else:
    assert make(settings, now=now).kept, "the warm make did not keep its digest"
print(time.perf_counter() - started)
"""


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["TZ"] = "UTC"
    env["DIGEST_NOW"] = NOW.isoformat()
    env["DIGEST_TIMEZONE"] = "UTC"
    env["PYTHONPATH"] = str(ROOT / "src")
    return env


def _digest(args: list[str], out: Path, source: Path) -> tuple[float, str]:
    """A `digest` command as a user runs it: the process's wall time and its summary line."""
    command = [sys.executable, "-m", "digest.cli", *args]
    command += ["--source", str(source), "--out", str(out)]
    started = time.perf_counter()
    done = subprocess.run(command, env=_env(), capture_output=True, text=True, cwd=out.parent)
    took = time.perf_counter() - started
    if done.returncode not in (0, 4):
        raise SystemExit(f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    said = [line for line in done.stderr.splitlines() if not line.startswith("warning:")]
    return took, said[0] if said else ""


def _in_process(what: str, out: Path, source: Path, since: str) -> float:
    command = [sys.executable, "-c", IN_PROCESS, what, str(source), str(out), NOW.isoformat()]
    done = subprocess.run([*command, since], env=_env(), capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


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
            if source.is_dir():  # (not the OPML sample: its feeds are a test's local server)
                ignore = shutil.ignore_patterns("*.opml")
                shutil.copytree(source, folder / name.replace("/", "-"), ignore=ignore)
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
        since = "2026-11-26"
        window = ["--since", since, "--until", NOW.isoformat()]
        load = os.getloadavg()[0]
        print(f"mixed folder: {count:,} files ({os.cpu_count()} CPUs, load average {load:.1f})")
        cold, said = _digest(["make", *window], out, folder)
        print(f"  cold make   {cold:6.2f} s   {said}")
        again, said = _digest(["make", *window], out, folder)
        print(f"  warm make   {again:6.2f} s   (the whole command) {said}")
        listed, _ = _digest(["ls", *window], out, folder)
        print(f"  warm ls     {listed:6.2f} s   (the whole command)")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "digest.cli", "--version"], env=_env(), capture_output=True
        )
        start_up = time.perf_counter() - started
        print(f"  start-up    {start_up:6.2f} s   (digest --version: the interpreter and CLI)")
        made = _in_process("make", out, folder, since)
        print(f"  warm make() {made:6.2f} s   (the call alone, imports done)")
        considered = _in_process("ls", out, folder, since)
        print(f"  warm ls()   {considered:6.2f} s   (pipeline.consider alone, imports done)")
        return made < 1 and considered < 1


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
