"""The check registry: :func:`check` registers a named check over a :class:`Loaded` digest,
:func:`run` runs them all in :data:`ORDER`. Also the result type and the small helpers every
check's wording shares."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from digest.checks.scan import Scan, scan_html
from digest.outbox import names
from digest.outbox.digest_folder import DigestFolder

SHOW = 3  # offenders named in a detail

CHECKS = (  # reported for every digest, in this order
    "html-size",
    "headers",
    "mime-structure",
    "text-lines",
    "links-in-text",
    "accessibility",
    "absolute-links",
    "leftovers",
    "outlook-conditionals",
    "dark-mode",
    "preheader",
)
ORDER = (*CHECKS, "parts-match")  # parts-match: only for a folder with digest.html/.txt

HTML, TEXT = "html", "text"  # what a check needs (see :func:`check`)


@dataclass(frozen=True)
class CheckResult:
    """One check. A warning is ``ok=True`` but worth saying."""

    name: str
    ok: bool
    detail: str
    warning: bool = False

    @property
    def status(self) -> str:
        if not self.ok:
            return "FAIL"
        return "WARN" if self.warning else "PASS"


def format_results(results: Iterable[CheckResult]) -> str:
    """One line per check: ``PASS  html-size  38.2 KB of HTML (Gmail clips at 102 KB)``."""
    return "\n".join(f"{r.status}  {r.name}  {r.detail}" for r in results)


def failed(results: Iterable[CheckResult]) -> bool:
    return any(not r.ok for r in results)


def passed(name: str, detail: str) -> CheckResult:
    return CheckResult(name, True, detail)


def warned(name: str, detail: str) -> CheckResult:
    return CheckResult(name, True, detail, warning=True)


def failure(name: str, detail: str) -> CheckResult:
    return CheckResult(name, False, detail)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def first(items: Sequence[str], show: int = SHOW) -> str:
    """'a, b, c and 4 more'."""
    shown = ", ".join(items[:show])
    return shown if len(items) <= show else f"{shown} and {len(items) - show} more"


def clip(value: str, width: int = 60) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= width else value[: width - 1] + "…"


def lineno(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


# --- the digest under check ------------------------------------------------------------------


def _first_difference(a: str, b: str) -> int:
    left, right = a.split("\n"), b.split("\n")
    for number, (x, y) in enumerate(zip(left, right, strict=False), start=1):
        if x != y:
            return number
    return min(len(left), len(right)) + 1


class Loaded:
    """What the checks look at: the message, and its HTML and text (LF line endings). In a
    folder, ``digest.html`` and ``digest.txt`` are what is checked, and where they differ
    from the message's parts is noted (``mismatches``)."""

    def __init__(self, digest: DigestFolder) -> None:
        self.digest = digest
        self.raw = digest.raw
        self.message = digest.message
        self.html: str | None = digest.part("text/html")
        self.text: str | None = digest.part("text/plain")
        self.html_from, self.text_from = "the text/html part", "the text/plain part"
        self.mismatches: list[str] = []
        if digest.folder:
            self._read_files()

    def _read_files(self) -> None:
        for name, kind in ((names.HTML, "text/html"), (names.TEXT, "text/plain")):
            content = self.digest.file_text(name)
            if content is None:
                continue
            part = self.html if kind == "text/html" else self.text
            if part is None:
                self.mismatches.append(f"{name} exists but {names.EML} has no {kind} part")
            elif content != part:
                line = _first_difference(content, part)
                self.mismatches.append(f"{name} differs from the {kind} part (line {line})")
            if kind == "text/html":
                self.html, self.html_from = content, name
            else:
                self.text, self.text_from = content, name

    @cached_property
    def scan(self) -> Scan:
        """The HTML scanned (checks that need HTML only)."""
        return scan_html(self.html or "")


# --- the registry ----------------------------------------------------------------------------

CheckFunction = Callable[[Loaded], CheckResult | None]


@dataclass(frozen=True)
class Check:
    name: str
    function: CheckFunction
    needs: tuple[str, ...]  # HTML and/or TEXT: without it, the check fails saying so


REGISTRY: dict[str, Check] = {}


def check(name: str, *, needs: tuple[str, ...] = ()) -> Callable[[CheckFunction], CheckFunction]:
    """Register ``function`` as the check ``name`` (one of :data:`ORDER`). It returns its
    result, or None when it has nothing to say about this digest."""

    def register(function: CheckFunction) -> CheckFunction:
        if name not in ORDER or name in REGISTRY:
            raise ValueError(f"check {name!r} is unknown or registered twice")
        REGISTRY[name] = Check(name, function, needs)
        return function

    return register


def _missing(check: Check, loaded: Loaded) -> CheckResult | None:
    eml = loaded.digest.eml.name
    for need in check.needs:
        if need == HTML and loaded.html is None:
            return failure(check.name, f"no HTML to check: {eml} has no text/html part")
        if need == TEXT and loaded.text is None:
            return failure(check.name, f"no plain text to check: {eml} has no text/plain part")
    return None


def run_loaded(loaded: Loaded) -> list[CheckResult]:
    results: list[CheckResult] = []
    for name in ORDER:
        registered = REGISTRY[name]
        result = _missing(registered, loaded) or registered.function(loaded)
        if result is not None:
            results.append(result)
    return results


def load(path: Path | DigestFolder) -> Loaded:
    digest = path if isinstance(path, DigestFolder) else DigestFolder.open(Path(path))
    return Loaded(digest)
