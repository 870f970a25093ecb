"""Screenshots of digests for the README, in headless Chromium (Debian package chromium).

python docs/screenshots.py

Makes, with a fixed clock, the seeds digest (seeds/), an Arabic and English digest and a
French one (tests/fixtures/languages/), and writes docs/digest-*.png: the seeds digest at
600 px, at 375 px, at 375 px in dark mode and at 600 px with its style sheets stripped (as
Gmail shows it to other accounts), the Arabic and English digest and the French one at 375 px.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))  # tools/ lives in the checkout, not in the wheel

from tools.browser import screenshot  # noqa: E402

from digest.outbox import names  # noqa: E402
from digest.pipeline import make  # noqa: E402
from digest.settings import Settings  # noqa: E402

NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)  # the clock of the tests' digests
MAIL = {
    "title": "Harbourton Morning",
    "sender": "Harbourton Morning <morning@example.org>",
    "archive_url": "https://example.org/digests",
    "unsubscribe_url": "https://example.org/unsubscribe",
    "forward_url": "https://example.org/forward",
    "postal_address": "1 Harbour Street, Harbourton HB1 2AB",
    "timezone": "UTC",
}
SHOTS = (  # name, digest, width, height, dark, styles stripped
    ("desktop", "seeds", 600, 1500, False, False),
    ("phone", "seeds", 375, 1500, False, False),
    ("phone-dark", "seeds", 375, 1500, True, False),
    ("unstyled", "seeds", 600, 1500, False, True),
    ("arabic", "arabic", 375, 1500, False, False),
    ("french", "french", 375, 1300, False, False),
)


def digests(work: Path) -> dict[str, Path]:
    seeds = work / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    stamp = NOW.timestamp() - 3600  # the seed dated by its file time: an hour before
    for path in seeds.glob("000_*.txt"):
        os.utime(path, (stamp, stamp))
    languages = ROOT / "tests" / "fixtures" / "languages"
    made = {}
    for name, source, extra in (
        ("seeds", seeds, {}),
        ("arabic", languages / "arabic", {}),
        ("french", languages / "french", {"locale": "fr", "title": "Le Matin du Port"}),
    ):
        options: dict[str, Any] = {**MAIL, **extra}
        settings = Settings(sources=(source,), out=work / name, since="2026-11-20", **options)
        result = make(settings, now=NOW)
        assert result.folder is not None
        made[name] = result.folder / names.HTML
    return made


def main(argv: list[str]) -> int:
    if argv:
        print(__doc__)
        return 2
    with tempfile.TemporaryDirectory(prefix="digest-shots-") as tmp:
        html = digests(Path(tmp))
        for name, case, width, height, dark, bare in SHOTS:
            out = HERE / f"digest-{name}.png"
            screenshot(html[case], out, width, height, dark=dark, strip_styles=bare)
            print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
