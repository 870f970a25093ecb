"""reStructuredText (``.rst``, ``.rest``): one article a file, read with docutils.

The document title is the headline; the bibliographic fields after it (Pelican's ``:date:``,
``:author:``, ``:tags:``, ``:lang:``, ``:status: draft``, ...) are its front matter, read by the
same rules as Markdown's (:func:`digest.readers.plain.meta_entry`); paragraphs, list items and
section titles are the body, code and comments are not. Directives that read other files or
pass raw HTML through are off, and docutils' own messages are silenced: a file that does not
parse cleanly still gives what it has.

docutils is an optional extra (``pip install 'digest[rst]'``, about 5 MB, pure Python); without
it an ``.rst`` file is skipped saying so.
"""

from __future__ import annotations

import importlib.util
import io
from typing import Any

from digest.readers.base import Entry, register
from digest.readers.plain import OneArticleReader, meta_entry
from digest.text import clean_line, text_paragraphs

MISSING_EXTRA = "reading reStructuredText needs the 'rst' extra: pip install 'digest[rst]'"

_SETTINGS = {
    "report_level": 5,  # no messages on stderr
    "halt_level": 5,  # never stop on an error: keep what parsed
    "file_insertion_enabled": False,  # no .. include:: of other files
    "raw_enabled": False,  # no .. raw:: html
    "input_encoding": "unicode",
    "_disable_config": True,  # no docutils.conf from the machine
    "doctitle_xform": True,
    "docinfo_xform": True,
}
_NOT_TEXT = (
    "literal_block",
    "doctest_block",
    "comment",
    "system_message",
    "raw",
    "docinfo",
    "field_list",
    "substitution_definition",
    "target",
    "image",
    "figure",
    "math_block",
)


def supported() -> bool:
    return importlib.util.find_spec("docutils") is not None


def _fields(doctree: Any) -> dict[str, object]:
    """The docinfo fields (and a field list at the top, as Pelican writes it), lower case."""
    from docutils import nodes  # (docutils is loaded already: read_rst imported it)

    meta: dict[str, object] = {}
    for block in doctree.findall(lambda n: isinstance(n, (nodes.docinfo, nodes.field_list))):
        if isinstance(block, nodes.field_list) and block.parent is not doctree:
            continue
        for child in block.children:
            if isinstance(child, nodes.field):
                name, value = child[0].astext(), child[1].astext()
            elif isinstance(child, nodes.authors):
                name, value = "author", ", ".join(a.astext() for a in child.children)
            else:
                name, value = child.tagname, child.astext()
            meta.setdefault(name.strip().lower(), clean_line(value))
    return meta


def _body(doctree: Any) -> list[str]:
    from docutils import nodes

    found: list[str] = []

    def walk(node: Any) -> None:
        for child in node.children:
            if child.tagname in _NOT_TEXT or (node is doctree and isinstance(child, nodes.title)):
                continue  # (the document's title is the headline)
            if isinstance(child, (nodes.paragraph, nodes.title, nodes.line)):
                found.extend(text_paragraphs(child.astext()))
            elif isinstance(child, nodes.Element):
                walk(child)

    walk(doctree)
    return found


def read_rst(text: str) -> Entry:
    """The article in a reStructuredText document."""
    # imported here: docutils costs 0.13 s to load, and only .rst files need it
    from docutils.core import publish_doctree

    doctree = publish_doctree(
        text, settings_overrides={**_SETTINGS, "warning_stream": io.StringIO()}
    )
    meta = _fields(doctree)
    title = clean_line(str(doctree.get("title") or meta.get("title") or ""))
    paragraphs = tuple(p for p in (clean_line(p) for p in _body(doctree)) if p)
    start = text.find(paragraphs[0][:30]) if paragraphs else -1
    return meta_entry(meta, title, paragraphs, max(start, 0))


class _RstReader(OneArticleReader):
    def enabled(self) -> str | None:
        return None if supported() else MISSING_EXTRA


RST = register(_RstReader(read_rst, ".rst", ".rest"))
