"""Screenshots of a digest for the README, in headless Chromium (Debian package chromium).

digest make --since 2026-11-20            # the README's demo command
python docs/screenshots.py outbox/<date>  # writes docs/digest-desktop.png, -phone.png
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tools/ lives in the checkout, not in the wheel

from tools.browser import screenshot  # noqa: E402

from digest.outbox import names  # noqa: E402


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    html = Path(argv[0]) / names.HTML
    for name, width, height, dark in (
        ("desktop", 600, 1500, False),
        ("phone", 375, 1500, False),
        ("phone-dark", 375, 1500, True),
    ):
        out = screenshot(html, HERE / f"digest-{name}.png", width, height, dark=dark)
        print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
