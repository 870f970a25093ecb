"""The one URL kit: what counts as a web link, making links absolute, what a template may link,
and the one normal form and tracking-parameter list used to spot the same story twice.

URLs are kept as written wherever they are shown; only :func:`normalise` rewrites one, to
compare it.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

__all__ = ["TRACKING", "absolute", "host", "is_http", "normalise", "safe_link", "untrack"]

# Query parameters that say how a reader arrived, not what they read: the one list.
TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ocid|cmpid|at_medium|at_campaign"
    r"|ref)$"
)


_SPACE = re.compile(r"\s")


def _parts(url: str) -> tuple[str, str] | None:
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unbalanced "[" in the host
        return None
    return parts.scheme.lower(), parts.netloc


def is_http(url: object) -> bool:
    """Whether ``url`` is an absolute http(s) URL: a scheme of http or https in any case
    (``HTTPS://`` is one), a host, and no whitespace inside."""
    if not isinstance(url, str):
        return False
    url = url.strip()
    if not url or _SPACE.search(url):
        return False
    parts = _parts(url)
    return parts is not None and parts[0] in ("http", "https") and bool(parts[1])


def absolute(link: object, base: str | None = None) -> str | None:
    """``link`` made absolute against ``base`` (when given), as written otherwise; None unless
    the result is an http(s) URL."""
    if not isinstance(link, str) or not link.strip():
        return None
    link = link.strip()
    if base and not is_http(link):
        try:
            link = urljoin(base, link)
        except ValueError:
            return None
    return link if is_http(link) else None


def safe_link(url: str | None, *, mailto: bool = False) -> str | None:
    """The URL when a template may link it: an absolute https link (the scheme in any case),
    and with ``mailto`` also a mailto: link with an address. Plain http, javascript:, data:
    and relative links are never linked (the story is shown, unlinked)."""
    if not url:
        return None
    url = url.strip()
    parts = _parts(url)
    if parts is None or _SPACE.search(url):
        return None
    scheme, netloc = parts
    if (scheme == "https" and netloc) or (mailto and scheme == "mailto" and "@" in url):
        return url
    return None


def host(url: str | None) -> str:
    """The URL's host in lower case without ``www.``; "" when it has none."""
    if not url:
        return ""
    try:
        name = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return name.removeprefix("www.")


def untrack(url: str) -> str:
    """The URL without tracking parameters and fragment; otherwise as written."""
    parts = urlsplit(url.strip())
    query = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in query if not TRACKING.match(k.lower())]
    if len(kept) == len(query):
        return url.strip().partition("#")[0]
    return urlunsplit(parts._replace(query=urlencode(kept), fragment=""))


def normalise(url: str) -> str:
    """The URL as a story's identity: no tracking parameters, fragment, ``www.`` or trailing
    slash; scheme and host in lower case, http the same as https; remaining query parameters
    sorted."""
    parts = urlsplit(url.strip())
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not TRACKING.match(k.lower())
    )
    path = parts.path.rstrip("/") or "/"
    scheme = parts.scheme.lower()
    scheme = "https" if scheme in ("http", "https") else scheme  # the same page either way
    netloc = (parts.hostname or "").lower().removeprefix("www.")
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))
