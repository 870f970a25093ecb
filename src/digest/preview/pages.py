"""The preview's pages, rendered from the Jinja templates in ``templates/preview/`` (autoescaped;
their CSS and script are files there too): the index of digests, one digest's viewer, and the
page for a date with no digest yet. Every page polls ``/_state`` and reloads on a change."""

from __future__ import annotations

import json
from datetime import datetime
from email import policy
from email.message import Message
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from digest.checks import CheckResult, run
from digest.errors import DigestError
from digest.outbox import names
from digest.outbox.digest_folder import DigestFolder
from digest.preview import contained
from digest.preview.contained import FILES, outbox_state
from digest.render.template_files import builtin_templates

POLL_MS = 1500
DESKTOP, PHONE = 600, 375


def _js(value: object) -> Markup:
    """A JSON literal safe inside a <script> element."""
    return Markup(
        json.dumps(value)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(builtin_templates() / "preview"),
        autoescape=True,
        keep_trailing_newline=True,
    )
    env.filters["js"] = _js
    return env


def _page(template: str, nonce: str, key: str | None, seen: str | None, **data: Any) -> bytes:
    page = _environment().get_template(template)
    return page.render(
        nonce=nonce, key=key, seen=seen, poll_ms=POLL_MS, files=names, **data
    ).encode()


# --- what the pages show -----------------------------------------------------------------------


def _stories(manifest: dict[str, Any] | None) -> int | None:
    if manifest is None:
        return None
    articles, more = manifest.get("articles"), manifest.get("more_stories", [])
    if not isinstance(articles, list) or not isinstance(more, list):
        return None
    return len(articles) + len(more)


def _when(value: object) -> str:
    if not isinstance(value, str):
        return "?"
    try:
        return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return value


def _window(manifest: dict[str, Any] | None) -> str:
    window = manifest.get("window") if manifest else None
    if not isinstance(window, dict):
        return "?"
    zone = window.get("timezone")
    text = f"{_when(window.get('since'))} – {_when(window.get('until'))}"
    return f"{text} {zone}" if isinstance(zone, str) and zone else text


def _count(value: int | None) -> str:
    return "?" if value is None else str(value)


def _headers(message: Message) -> list[tuple[str, str]]:
    rows = []
    for name, value in message.raw_items():
        try:
            shown = str(policy.default.header_fetch_parse(name, value))
        except Exception:  # a malformed header: show it as written
            shown = str(value)
        rows.append((name, shown))
    return rows


def _parts(message: Message) -> list[tuple[str, str, int | None]]:
    """(type, "charset, encoding", size in bytes; None for a multipart) for every part."""
    items: list[tuple[str, str, int | None]] = []
    for part in message.walk():
        if part.is_multipart():
            items.append((part.get_content_type(), "", None))
            continue
        payload = part.get_payload(decode=True)
        size = len(payload) if isinstance(payload, bytes) else 0
        charset = part.get_content_charset()
        encoding = part.get("Content-Transfer-Encoding")
        extra = ", ".join(str(x) for x in (charset, encoding) if x)
        items.append((part.get_content_type(), extra, size))
    return items


def _checks(outbox: Path, folder: Path) -> list[CheckResult]:
    outside = contained.outside(folder, outbox)
    if outside:
        listed = ", ".join(outside)
        verb = "leads" if len(outside) == 1 else "lead"
        return [CheckResult("read", False, f"not checked: {listed} {verb} outside the outbox")]
    try:
        return run(folder)
    except DigestError as exc:
        return [CheckResult("read", False, exc.message)]


def _summary(results: list[CheckResult]) -> list[tuple[str, int, str]]:
    counts = {s: sum(r.status == s for r in results) for s in ("PASS", "WARN", "FAIL")}
    warnings = "warning" if counts["WARN"] == 1 else "warnings"
    labels = (("PASS", "passed"), ("WARN", warnings), ("FAIL", "failed"))
    return [(status, counts[status], label) for status, label in labels]


def _message(digest: DigestFolder) -> Message | None:
    try:
        return digest.message
    except DigestError:  # missing, empty or unreadable: the page says so
        return None


# --- pages -------------------------------------------------------------------------------------


def render_index(outbox: Path, nonce: str) -> bytes:
    """The list of digests, newest first."""
    state = outbox_state(outbox)  # before reading: a change while reading still reloads
    rows = []
    for name, _ in contained.digests(outbox):
        digest = contained.digest(outbox, name)
        manifest = digest.manifest()
        rows.append(
            {
                "name": name,
                "window": _window(manifest),
                "stories": _count(_stories(manifest)),
                "subject": digest.subject(),
            }
        )
    return _page(
        "index.html.j2",
        nonce,
        None,
        state["fingerprint"],
        title="Digest preview",
        outbox=str(outbox),
        rows=rows,
        archive=[name for name in contained.ARCHIVE if contained.archive_file(outbox, name)],
    )


def _neighbours(outbox: Path, name: str) -> list[tuple[str, str]]:
    key = contained.order(name)
    ordered = [n for n, _ in contained.digests(outbox)]  # newest first
    older = next((n for n in ordered if contained.order(n) < key), None)
    newer = next((n for n in reversed(ordered) if contained.order(n) > key), None)
    return [(label, n) for n, label in ((newer, "newer"), (older, "older")) if n]


def render_viewer(outbox: Path, name: str, folder: Path, nonce: str) -> bytes:
    """One digest: both widths, the text part, the headers and the checks."""
    state = outbox_state(outbox)  # before reading: a change while reading still reloads
    digest = contained.digest(outbox, name)
    manifest = digest.manifest()
    message = _message(digest)
    title = manifest.get("title") if manifest else None
    heading = digest.subject() or (title if isinstance(title, str) else None) or name
    results = _checks(outbox, folder)
    return _page(
        "viewer.html.j2",
        nonce,
        name,
        state["digests"].get(name),
        title=f"{heading} · digest preview",
        heading=heading,
        name=name,
        nav=_neighbours(outbox, name),
        window=_window(manifest),
        stories=_count(_stories(manifest)),
        raw_files=[f for f in FILES if digest.file(f) is not None],
        summary=_summary(results),
        has_html=digest.file(names.HTML) is not None,
        desktop=DESKTOP,
        phone=PHONE,
        text=digest.text(),
        headers=None if message is None else _headers(message),
        parts=[] if message is None else _parts(message),
        results=results,
    )


def render_missing(outbox: Path, name: str, nonce: str) -> bytes:
    """A 404 for a well-formed date with no digest: it reloads when the digest appears."""
    return _page(
        "missing.html.j2",
        nonce,
        name,
        None,
        title=f"No digest for {name}",
        name=name,
        outbox=str(outbox),
    )
