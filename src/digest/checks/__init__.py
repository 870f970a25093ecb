"""Pre-send checks: what a careful newsletter sender looks at before hitting send.

:func:`run` (and :func:`check_path`) takes a digest folder (its ``digest.eml``, plus
``digest.html`` and ``digest.txt`` when present) or a single ``.eml`` file and returns one
:class:`CheckResult` per check, in :data:`CHECKS` order: size (Gmail clipping), headers, MIME
structure, the plain-text part's lines, links in both parts, accessibility, absolute links,
template leftovers, Outlook conditional comments, dark mode and the preheader; then, for a
folder, whether its files match the message's parts. Each check is a function registered with
:func:`~digest.checks.registry.check` in the module of its topic. The digest's checks use only
the standard library.

An outbox (or its ``index.html`` or ``feed.xml``) gets the archive's checks instead
(:mod:`digest.checks.archive`: the page and the feed against the editions the outbox holds;
feedparser reads the feed).
"""

from __future__ import annotations

from pathlib import Path

# the topic modules register their checks when imported
from digest.checks import archive, headers, html, leftovers, mime, text
from digest.checks.html import GMAIL_CLIP_BYTES, HTML_WARN_BYTES
from digest.checks.registry import CHECKS, CheckResult, failed, format_results, load, run_loaded
from digest.outbox.digest_folder import DigestFolder
from digest.outbox.editions import Edition

__all__ = [
    "CHECKS",
    "GMAIL_CLIP_BYTES",
    "HTML_WARN_BYTES",
    "CheckResult",
    "check_archive",
    "check_path",
    "failed",
    "format_results",
    "run",
]

_TOPICS = (headers, html, leftovers, mime, text)


def run(folder_or_eml: Path | DigestFolder) -> list[CheckResult]:
    """Run every check on a digest folder or a single ``.eml`` file (or an opened
    :class:`DigestFolder`); on an outbox, or its ``index.html`` or ``feed.xml``, the archive's
    checks (:func:`check_archive`).

    Raises DigestError (naming the file) when the folder has no ``digest.eml`` or a file is
    missing, unreadable or not an email message.
    """
    if not isinstance(folder_or_eml, DigestFolder):
        found = archive.target(Path(folder_or_eml))
        if found is not None:
            return archive.check(*found)
    return run_loaded(load(folder_or_eml))


def check_archive(out: Path, found: list[Edition] | None = None) -> list[CheckResult]:
    """The archive's checks of the outbox ``out`` (``OUT/index.html`` and ``OUT/feed.xml``);
    ``found``: its editions, when the caller has read them already."""
    return archive.check(out, found=found)


check_path = run  # the name the CLI and the pipeline know
