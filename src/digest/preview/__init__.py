"""``digest preview``: a small local web server for looking at the outbox before sending.

``/`` lists every digest in the outbox, newest first; ``/d/<date>/`` shows one digest: its HTML
side by side at desktop (600 px) and phone (375 px) widths, the plain-text part, the message
headers and what ``digest check`` says. Pages poll ``/_state`` and reload when the outbox
changes, so a ``digest make`` in another terminal shows up on its own. ``/index.html`` and
``/feed.xml`` are the outbox's archive, served as published (its links, ``/<date>/<file>``,
too).

:mod:`~digest.preview.server` is the HTTP side (URL map, containment, CSP, Host check);
:mod:`~digest.preview.pages` renders the pages from ``templates/preview/``;
:mod:`~digest.preview.contained` decides what of the outbox may be read.
"""

from __future__ import annotations

from digest.preview.contained import FILES, outbox_state
from digest.preview.pages import render_index, render_missing, render_viewer
from digest.preview.server import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    PORT_TRIES,
    URLS,
    PreviewHandler,
    PreviewServer,
    make_server,
    serve,
)

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "FILES",
    "PORT_TRIES",
    "URLS",
    "PreviewHandler",
    "PreviewServer",
    "make_server",
    "outbox_state",
    "render_index",
    "render_missing",
    "render_viewer",
    "serve",
]
