"""Markdown to paragraphs through a real parser (markdown-it-py, CommonMark), so code spans,
images, links, entities and HTML blocks come out as a reader sees them, not as regexes guess.

The parsed document is rendered to HTML and read by the one HTML converter
(:func:`digest.text.html_to_paragraphs`): a block ends a paragraph; a line break inside a
paragraph is a space, as CommonMark has it (a hard break, two spaces or a backslash at the end
of the line, follows the plain-text rule: a line that ends a sentence ends its paragraph).
A reference link whose definition is missing (Liquid was to write it) keeps its text. Code
blocks, images and bare autolinks are not text. Jekyll's Liquid (``{% ... %}``, ``{{ ... }}``)
and Hugo's shortcodes (``{{< ... >}}``, ``{{% ... %}}``) are template code, not text: they are
removed first (``{% raw %}`` keeps what it wraps; a highlighted or commented-out
block goes with its tags).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from digest.text import html_to_paragraphs, markup_line

_MD = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_LINE = MarkdownIt("commonmark", {"html": False}).enable(["strikethrough"])  # "Vec<T>" in a title
# "[text][ref]" whose definition a Liquid loop was to write: the text stays
_UNRESOLVED = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")

_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
_LIQUID_BLOCKS = re.compile(
    r"\{%-?\s*(highlight|comment)\b[^%]*?-?%\}.*?\{%-?\s*end\1\s*-?%\}", re.S
)
_SHORTCODE_BLOCKS = re.compile(
    r"\{\{[<%]\s*(highlight|code|comment)\b.*?[>%]\}\}.*?\{\{[<%]\s*/\1\s*[>%]\}\}", re.S
)
_TEMPLATE_TAGS = re.compile(r"\{%.*?%\}|\{\{[<%].*?[>%]\}\}|\{\{.*?\}\}|\{#.*?#\}", re.S)


def _strip(text: str) -> str:
    text = _LIQUID_BLOCKS.sub("", text)
    text = _SHORTCODE_BLOCKS.sub("", text)
    return _TEMPLATE_TAGS.sub("", text)


def strip_templates(text: str) -> str:
    """The text without Liquid tags and outputs or Hugo shortcodes."""
    if "{" not in text:
        return text
    pieces = []
    start = 0
    for raw in _RAW.finditer(text):
        pieces += [_strip(text[start : raw.start()]), raw.group(1)]
        start = raw.end()
    pieces.append(_strip(text[start:]))
    return "".join(pieces)


def _without_autolinks(children: list[Token]) -> list[Token]:
    out: list[Token] = []
    skipping = False
    for child in children:
        if child.type == "link_open" and child.markup == "autolink":
            skipping = True
        elif skipping and child.type == "link_close":
            skipping = False
        elif not skipping:
            out.append(child)
    return out


def paragraphs(source: str) -> tuple[str, ...]:
    """Markdown as clean paragraphs of plain text."""
    tokens = []
    for token in _MD.parse(strip_templates(source)):
        if token.type in ("fence", "code_block"):
            continue
        if token.type == "inline" and token.children:
            token.children = _without_autolinks(token.children)
        tokens.append(token)
    found = html_to_paragraphs(_MD.renderer.render(tokens, _MD.options, {}))
    return tuple(_UNRESOLVED.sub(r"\1", p) if "][" in p else p for p in found)


def line(source: str, *, templates: bool = True) -> str:
    """One line of Markdown (a headline) as clean text; with ``templates=False`` Liquid and
    shortcodes stay (a front-matter title is data, which generators do not run templates in)."""
    return markup_line(_LINE.renderInline(strip_templates(source) if templates else source))
