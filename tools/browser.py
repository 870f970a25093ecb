"""Look at a digest the way a reader's mail client would: in a real headless Chromium.
(Test and docs tooling: in the checkout, not shipped in the wheel.)

Chromium will not make a window narrower than 500 px, so the digest is loaded in an iframe of
the width under test (600 px desktop, 375 px phone) inside a host page; a small script measures
horizontal overflow and the lowest contrast of visible text, with the reader's colour scheme
light or dark (``prefers-color-scheme``), and posts the numbers back to the host page.
Everything runs offline from files; Chromium's background networking is switched off.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from digest.errors import DigestError

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--allow-file-access-from-files",
)
PROBE = Path(__file__).resolve().parent / "probe.js"  # measures the page, posts the numbers
_PROBE_RESULT = re.compile(r'<pre id="digest-probe">([^<]*)</pre>')


@dataclass(frozen=True)
class Measure:
    width: int
    dark: bool
    scroll_width: int
    inner_width: int
    min_contrast: float
    worst_text: str
    headings: int = 0  # h1-h4 elements
    rtl_blocks: int = 0  # elements with dir="rtl"
    rtl_misaligned: int = 0  # ...of which not laid out right-to-left and right-aligned

    @property
    def overflows(self) -> bool:
        return self.scroll_width > self.inner_width


def chromium() -> str | None:
    """The Chromium binary on this machine, if any."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(args: list[str], timeout: float) -> str:
    binary = chromium()
    if binary is None:
        raise DigestError("Chromium is not installed (Debian package 'chromium')")
    with tempfile.TemporaryDirectory(prefix="digest-chromium-") as profile:
        proc = subprocess.run(
            [binary, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    if proc.returncode != 0:
        raise DigestError(f"Chromium failed: {proc.stderr.strip()[-300:]}")
    return proc.stdout


_STYLE = re.compile(r"<style\b[^>]*>.*?</style>", re.S | re.I)


def _host_page(html: Path, work: Path, width: int, probe: bool, strip_styles: bool = False) -> Path:
    page = html.read_text(encoding="utf-8")
    if strip_styles:  # as Gmail shows a message to a non-Google account, or when clipped
        page = _STYLE.sub("", page)
    if probe:
        script = PROBE.read_text(encoding="utf-8")
        hook = f'<script>window.addEventListener("load", function () {{{script}}});</script>'
        page = page.replace("</body>", hook + "</body>", 1)
    (work / "digest.html").write_text(page, encoding="utf-8")
    host = work / f"host-{width}.html"
    host.write_text(
        '<!doctype html><html><body style="margin:0;background:#777">'
        f'<iframe src="digest.html" width="{width}" height="4000" style="border:0"></iframe>'
        '<script>window.addEventListener("message", function (e) {'
        'var p = document.createElement("pre"); p.id = "digest-probe";'
        "p.textContent = e.data; document.body.appendChild(p); });</script></body></html>",
        encoding="utf-8",
    )
    return host


def measure(
    html: Path, width: int, dark: bool = False, timeout: float = 90, strip_styles: bool = False
) -> Measure:
    """Load ``html`` at ``width`` px (light or dark scheme; with ``strip_styles`` without its
    style sheets) and measure it."""
    with tempfile.TemporaryDirectory(prefix="digest-page-") as tmp:
        host = _host_page(html, Path(tmp), width, probe=True, strip_styles=strip_styles)
        args = ["--window-size=800,1000", "--virtual-time-budget=5000", "--dump-dom"]
        if dark:
            args.insert(0, "--force-dark-mode")
        out = _run([*args, host.as_uri()], timeout)
    found = _PROBE_RESULT.search(out)
    if found is None:
        raise DigestError("the page did not report its measurements (did it load?)")
    data = json.loads(
        found.group(1)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&amp;", "&")
    )
    return Measure(
        width=width,
        dark=bool(data["dark"]),
        scroll_width=int(data["scrollWidth"]),
        inner_width=int(data["innerWidth"]),
        min_contrast=float(data["minContrast"]),
        worst_text=str(data["worstText"]),
        headings=int(data["headings"]),
        rtl_blocks=int(data["rtl"]),
        rtl_misaligned=int(data["rtlMisaligned"]),
    )


def screenshot(
    html: Path,
    out: Path,
    width: int,
    height: int = 2200,
    dark: bool = False,
    timeout: float = 90,
    strip_styles: bool = False,
) -> Path:
    """A PNG of the digest at ``width`` px, as a reader would see it (``strip_styles``: as a
    client that drops the style sheets shows it)."""
    with tempfile.TemporaryDirectory(prefix="digest-shot-") as tmp:
        host = _host_page(html, Path(tmp), width, probe=False, strip_styles=strip_styles)
        args = [
            f"--window-size={width},{height}",
            "--virtual-time-budget=3000",
            f"--screenshot={out.resolve()}",
        ]
        if dark:
            args.insert(0, "--force-dark-mode")
        # the host page's iframe fills the window exactly: no grey margin in the picture
        host.write_text(host.read_text().replace('height="4000"', f'height="{height}"'))
        _run([*args, host.as_uri()], timeout)
    if not out.exists():
        raise DigestError(f"Chromium wrote no screenshot to {out}")
    return out


@dataclass(frozen=True)
class Landing:
    """Where a click led: the page's address and title, and the first text of its body."""

    url: str
    title: str
    text: str


_CLICK = """
var frame = document.getElementById("page"), loads = 0;
function report(data) {
  var p = document.createElement("pre"); p.id = "digest-probe";
  p.textContent = JSON.stringify(data); document.body.appendChild(p);
}
frame.addEventListener("load", function () {
  loads += 1;
  var doc = frame.contentDocument;
  if (!doc) { report({error: "the page cannot be read (file access?)"}); return; }
  if (loads === 1) {
    var link = doc.querySelector(SELECTOR);
    if (!link) { report({error: "no element matches " + SELECTOR}); return; }
    link.click();  // a real click: the browser follows the link as a reader's would
  } else {
    report({url: frame.contentWindow.location.href, title: doc.title,
            text: (doc.body ? doc.body.innerText : "").slice(0, 2000)});
  }
});
"""


def click_through(page: Path, selector: str, timeout: float = 90) -> Landing:
    """Open ``page`` from disk (in a frame of a host page), click the first element matching
    the CSS ``selector`` and say where the browser landed. Relative links resolve against
    ``page``'s own folder, as when a reader opens the file."""
    with tempfile.TemporaryDirectory(prefix="digest-click-") as tmp:
        host = Path(tmp) / "host.html"
        script = _CLICK.replace("SELECTOR", json.dumps(selector))
        host.write_text(
            '<!doctype html><html><body style="margin:0">'
            f'<iframe id="page" width="800" height="900" src="{page.resolve().as_uri()}">'
            f"</iframe><script>{script}</script></body></html>",
            encoding="utf-8",
        )
        args = ["--window-size=900,1000", "--virtual-time-budget=5000", "--dump-dom"]
        out = _run([*args, host.as_uri()], timeout)
    found = _PROBE_RESULT.search(out)
    if found is None:
        raise DigestError("the page did not report where the click led (did it load?)")
    data = json.loads(html.unescape(found.group(1)))
    if "error" in data:
        raise DigestError(str(data["error"]))
    return Landing(url=str(data["url"]), title=str(data["title"]), text=str(data["text"]))
