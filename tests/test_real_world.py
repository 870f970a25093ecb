"""Real-world checks on real digests: SpamAssassin, the Nu HTML Checker, headless Chromium.

Each test skips with the reason when its tool is not installed here; `.ci/run` installs all
three (Debian spamassassin and chromium, npm vnu-jar), so in CI they run.
"""

from __future__ import annotations

import email
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from tools import browser

from conftest import NOW, ROOT, distinct_text, vnu_command
from digest.pipeline import make
from digest.render.fit import GMAIL_CLIP_BYTES
from digest.settings import Settings

MAIL = {
    "sender": "Harbourton Morning <morning@example.org>",
    "recipients": ("reader@example.org",),
    "unsubscribe_url": "https://example.org/unsubscribe?list=morning",
    "manage_url": "https://example.org/preferences",
    "archive_url": "https://example.org/digests",
    "title": "Harbourton Morning",
}
# MJML's own Outlook markup, which the Nu checker reports but every mail client expects
KNOWN_MJML = re.compile(r"mso-|xmlns:v|xmlns:o|“height”.*“auto”|Bad value “auto” for attribute")


def _make(src: Path, out: Path, **settings: Any) -> Path:
    options: dict[str, Any] = {**MAIL, **settings}
    result = make(
        Settings(
            sources=(src,),
            out=out,
            since="2026-11-01",
            timezone="UTC",
            postal_address="1 Harbour Street, Harbourton HB1 2AB",
            **options,
        ),
        now=NOW,
    )
    assert result.folder is not None
    return result.folder


@pytest.fixture(scope="module")
def digests(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("real")
    seeds = base / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    stamp = NOW.timestamp() - 3600
    os.utime(seeds / "000_2534067fcf5ef89c.txt", (stamp, stamp))
    many = base / "forty"
    many.mkdir()
    paragraphs = [
        "The council confirmed on Tuesday that the works would start in the spring.",
        "Residents have been asked to comment on the plans before the end of the month.",
        "“We want every household to have its say before a single stone is moved,” said "
        "Councillor Maya Okafor, who chairs the planning committee.",
        "The scheme is expected to cost about £4 million over three years.",
        "Opponents say the money would be better spent on repairing existing roads.",
    ]
    for i in range(40):
        (many / f"story-{i:02d}.md").write_text(
            f"---\ntitle: Harbourton plan number {i} goes out to consultation\n"
            f"date: 2026-11-{1 + i % 26:02d}T08:{i:02d}:00Z\n"
            f"url: https://example.org/news/{i}\nsource: Sample Wire\n---\n"
            + "\n\n".join([distinct_text(i, 3), *paragraphs, distinct_text(100 + i, 3)])
            + "\n",
            encoding="utf-8",
        )
    languages = ROOT / "tests" / "fixtures" / "languages"
    return {
        "seeds": _make(seeds, base / "out-seeds"),
        "forty": _make(many, base / "out-forty"),
        "arabic": _make(languages / "arabic", base / "out-arabic"),  # Arabic and English
        "french": _make(languages / "french", base / "out-french", locale="fr"),
    }


CASES = ["seeds", "forty", "arabic", "french"]


@pytest.mark.skipif(shutil.which("spamassassin") is None, reason="spamassassin is not installed")
@pytest.mark.parametrize("case", CASES)
def test_spamassassin_local_score_below_one(digests: dict[str, Path], case: str) -> None:
    eml = (digests[case] / "digest.eml").read_bytes()
    proc = subprocess.run(
        ["spamassassin", "-L", "-t"], input=eml, capture_output=True, timeout=180, check=True
    )
    status = re.search(rb"X-Spam-Status: \w+, score=(-?[\d.]+)", proc.stdout)
    assert status is not None, proc.stdout[-2000:]
    score = float(status.group(1))
    assert score < 1.0, proc.stdout.decode(errors="replace").split("Content analysis")[-1]


@pytest.mark.skipif(
    vnu_command() is None, reason="the Nu HTML Checker (npm vnu-jar + java) is absent"
)
@pytest.mark.parametrize("case", CASES)
def test_nu_html_checker_finds_only_mjml_outlook_markup(
    digests: dict[str, Path], case: str
) -> None:
    command = vnu_command()
    assert command is not None
    proc = subprocess.run(
        [*command, "--errors-only", "--format", "json", str(digests[case] / "digest.html")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    errors = [m["message"] for m in messages if m.get("type") == "error"]
    unexpected = [e for e in errors if not KNOWN_MJML.search(e)]
    assert unexpected == []
    assert errors  # the known MJML markup is there: the checker really looked at the page


needs_chromium = pytest.mark.skipif(browser.chromium() is None, reason="chromium is absent")


@needs_chromium
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", [600, 375])
def test_chromium_no_overflow_and_readable_text(
    digests: dict[str, Path], case: str, dark: bool, width: int
) -> None:
    result = browser.measure(digests[case] / "digest.html", width, dark=dark)
    assert result.dark is dark  # the page really saw the colour scheme asked for
    assert result.inner_width == width
    assert not result.overflows, f"{result.scroll_width}px of content in {width}px"
    # WCAG AA for every text colour: no light-on-light (or dark-on-dark) text in either scheme
    assert result.min_contrast >= 4.5, f"contrast {result.min_contrast}: {result.worst_text!r}"
    # real headings to jump between: the title and one per story at least
    assert result.headings >= 2
    # every right-to-left block is laid out right-to-left and right-aligned
    assert result.rtl_misaligned == 0
    if case == "arabic":
        assert result.rtl_blocks >= 2  # its two Arabic stories, in an English digest


@needs_chromium
@pytest.mark.parametrize("case", ["seeds", "arabic"])
def test_chromium_without_style_sheets_keeps_colours_and_contrast(
    digests: dict[str, Path], case: str
) -> None:
    """Gmail for non-Google accounts (and Gmail's clipped view) drops <style>: the colours
    are inline too, so the text stays readable and links are not default blue."""
    result = browser.measure(digests[case] / "digest.html", 375, strip_styles=True)
    assert not result.overflows
    assert result.min_contrast >= 4.5, f"contrast {result.min_contrast}: {result.worst_text!r}"
    assert result.headings >= 2 and result.rtl_misaligned == 0
    html = (digests[case] / "digest.html").read_text()
    for link in re.findall(r"<a [^>]*>", html):
        assert "color:" in link, link  # every link carries its colour inline


def test_encoded_html_part_stays_under_the_clip(digests: dict[str, Path]) -> None:
    for folder in digests.values():
        message = email.message_from_bytes((folder / "digest.eml").read_bytes())
        html_part = next(p for p in message.walk() if p.get_content_type() == "text/html")
        encoded = html_part.get_payload()
        assert isinstance(encoded, str)
        assert len(encoded.encode()) + encoded.count("\n") <= GMAIL_CLIP_BYTES


@needs_chromium
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_chromium_screenshots(digests: dict[str, Path], tmp_path: Path, dark: bool) -> None:
    for width in (600, 375):
        shot = browser.screenshot(
            digests["seeds"] / "digest.html", tmp_path / f"{width}.png", width, 1200, dark=dark
        )
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(data[16:20], "big") == width  # the PNG is as wide as asked
