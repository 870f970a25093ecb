"""Fitting a digest under Gmail's clip: the most full stories whose HTML stays small enough.

Gmail shows a message whose HTML part is over :data:`GMAIL_CLIP_BYTES` cut off, counted as
sent: quoted-printable, which makes it some 8% larger than the HTML as written. The budget is
that size less a margin (the ``clip_margin`` setting). When a digest's HTML is larger, the
lowest-ranked stories move into the "more stories" list of headlines; when even the headlines
of a very wide window do not fit, only as many as fit are listed and the rest are counted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from email import quoprimime
from pathlib import Path

from digest.model import Digest
from digest.render.templates import render_html

GMAIL_CLIP_BYTES = 102_000  # Gmail clips a message whose HTML is larger
HTML_WARN_BYTES = 90_000  # past this, a run warns that the clip is near

DEFAULT_MARGIN = 2000


def encoded_size(html: str) -> int:
    """The size in bytes of the HTML part as the message carries it: UTF-8, quoted-printable
    in lines of 76 with CRLF line ends."""
    encoded = quoprimime.body_encode(html, maxlinelen=76)
    return len(encoded) + encoded.count("\n")


Build = Callable[[int, int | None], Digest]  # (full stories shown, headlines listed) -> digest


@dataclass(frozen=True)
class Rendered:
    digest: Digest
    html: str
    size: int  # the HTML's size in bytes


@dataclass(frozen=True)
class Fitted:
    """The digest that fits, its HTML, and what the run should say about the fitting."""

    digest: Digest
    html: str
    warnings: tuple[str, ...]


def largest_fitting(
    render: Callable[[int], Rendered],
    low: int,
    fits: Rendered,
    high: int,
    high_size: int,
    budget: int = GMAIL_CLIP_BYTES,
) -> tuple[int, Rendered]:
    """The largest n in [low, high) whose render is within Gmail's clip, given that ``low``
    is the floor (``fits`` is its render) and ``high`` is over it (sizes against ``budget``).
    Sizes grow almost linearly with n, so the search interpolates, with a bisection step
    whenever that fails to halve the range: a handful of renders for a thousand stories, the
    answer of a plain bisection."""
    bisect = False
    while high - low > 1:
        if bisect:
            guess = (low + high) // 2
        else:
            span = max(1, high_size - fits.size)
            guess = low + int((budget - fits.size) * (high - low) / span)
            guess = min(max(guess, low + 1), high - 1)
        before = high - low
        attempt = render(guess)
        if attempt.size <= budget:
            low, fits = guess, attempt
        else:
            high, high_size = guess, attempt.size
        bisect = not bisect and high - low > before // 2  # interpolation stalled: bisect once
    return low, fits


def fit_under_clip(
    build: Build,
    count: int,
    templates: Path | None,
    total: int | None = None,
    margin: int = DEFAULT_MARGIN,
) -> Fitted:
    """Render the HTML; when it is over Gmail's clip size, move the lowest-ranked stories into
    the "more stories" list of headlines: the most full stories that fit (one always stays).
    When even the headlines of a very wide window do not fit, only as many as fit are listed
    and the rest counted. ``build(shown, listed)`` composes the digest; ``count`` is the most
    full stories wanted, ``total`` all the stories (``count`` when not given). Sizes are
    of the encoded part, within ``margin`` bytes of the clip."""
    total = count if total is None else total
    budget = GMAIL_CLIP_BYTES - margin

    def render(shown: int, listed: int | None = None, validate: bool = False) -> Rendered:
        digest = build(shown, listed)
        html = render_html(digest, templates, validate=validate)
        return Rendered(digest, html, encoded_size(html))

    done = render(count, validate=True)
    if done.size > budget and count > 1:
        one = render(1)
        listed: int | None = None
        if one.size <= budget:
            shown, _ = largest_fitting(render, 1, one, count, done.size, budget)
        else:  # a single card and every headline is already too much: list fewer
            shown = 1
            empty = render(1, 0)
            listed, _ = largest_fitting(
                lambda n: render(1, n), 0, empty, total - 1, one.size, budget
            )
        done = render(shown, listed, validate=True)
    return Fitted(done.digest, done.html, _warnings(done, count))


def _warnings(done: Rendered, count: int) -> tuple[str, ...]:
    digest, clip = done.digest, GMAIL_CLIP_BYTES // 1000
    warnings = []
    clipped = digest.more[: count - len(digest.stories)]  # moved for size, not by max_stories
    if clipped:
        titles = "; ".join(s.article.title for s in clipped[:5])
        if len(clipped) > 5:
            titles += f"; and {len(clipped) - 5:,} more"
        warnings.append(
            f"to stay under Gmail's {clip} KB clip, {len(clipped):,} "
            f"lower-ranked stories are listed as headlines only: {titles}"
        )
    if digest.unlisted:
        warnings.append(
            f"to stay under Gmail's {clip} KB clip, the {len(digest.unlisted):,} "
            "lowest-ranked stories are not listed at all, only counted (a narrower window or "
            "max_stories keeps a digest readable)"
        )
    if done.size > HTML_WARN_BYTES:
        warnings.append(
            f"the HTML part is {done.size / 1000:.1f} KB encoded; Gmail clips messages over "
            f"{clip} KB"
        )
    return tuple(warnings)
