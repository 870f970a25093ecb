"""Templates to documents: Jinja2 fills MJML (compiled by mjml-python) and a plain-text part.

Templates are looked up in the user's folder first (if any), then in the built-in ones, so a
user can override one file or ``{% extends "builtin/digest.mjml.j2" %}``. Everything from an
article is data: the HTML template autoescapes, and MRML never sees a raw ``<`` or ``&``.
"""

from __future__ import annotations

import re
import textwrap
from datetime import datetime
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import jinja2
import markupsafe
import mjml

from digest.errors import ConfigError, DigestError
from digest.model import Article, Digest
from digest.render.filters import FILTERS, PREHEADER_PADDING, Words
from digest.render.filters import reading_minutes as reading_minutes
from digest.render.template_files import builtin_templates
from digest.render.words import long_date
from digest.text import lf
from digest.urls import safe_link

__all__ = ["builtin_templates", "render_html", "render_text"]

HTML_TEMPLATE = "digest.mjml.j2"
TEXT_TEMPLATE = "digest.txt.j2"
TEXT_WIDTH = 72


safe_url = safe_link  # the templates' filter: only absolute https links are linked


def byline(article: Article) -> str:
    """Source · date · reading time (· author)."""
    parts = [article.source] if article.source else []
    parts += [published(article), f"{reading_minutes(article)} min read"]
    if article.author:
        parts.append(article.author)
    return " · ".join(parts)


class References:
    """Numbered links for the text part: ``ref(url)`` gives "[n]", the same n for the same URL."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, url: str) -> str:
        if url not in self.urls:
            self.urls.append(url)
        return f"[{self.urls.index(url) + 1}]"


def short_date(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y}, {moment:%H:%M}"


def published(article: Article) -> str:
    """When the article appeared; a date from a file name has no time of day to show."""
    if article.date_source == "filename":
        return f"{article.published.day} {article.published:%b %Y}"
    return short_date(article.published)


_LINK_WORD = re.compile(r"\W*(https?://|mailto:|www\.)", re.IGNORECASE)


def wrap(text: str, width: int = TEXT_WIDTH, indent: str = "", first: str | None = None) -> str:
    """Wrap a paragraph for the text part. A link is never broken, so only a long URL can
    overrun the width; any other word longer than a line (a hash, a run of letters) is cut
    into line-long pieces."""
    room = max(8, width - max(len(indent), len(first or "")))
    words = []
    for word in text.split():
        if len(word) > room and not _LINK_WORD.match(word):
            words += [word[i : i + room] for i in range(0, len(word), room)]
        else:
            words.append(word)
    return textwrap.fill(
        " ".join(words),
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


# Characters XML 1.0 does not allow (C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF): a
# single one from an article would make the rendered MJML unparseable and fail the whole run.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_chars(value: object) -> object:
    """Every value a template prints, with the characters XML cannot carry dropped."""
    if not isinstance(value, str):
        return value
    cleaned = _NOT_XML.sub("", value)
    return type(value)(cleaned) if isinstance(value, markupsafe.Markup) else cleaned


def _autoescape(name: str | None) -> bool:
    return not (name or "").endswith(".txt.j2")


@cache
def environment(user_dir: Path | None = None) -> jinja2.Environment:
    builtin = jinja2.FileSystemLoader(str(builtin_templates()))
    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None:
        if not user_dir.is_dir():
            raise ConfigError(f"templates folder {str(user_dir)!r} does not exist")
        loaders.append(jinja2.FileSystemLoader(str(user_dir)))
    loaders.append(builtin)
    loaders.append(jinja2.PrefixLoader({"builtin": builtin}))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=_autoescape,
        finalize=_xml_chars,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        safe_url=safe_url,
        long_date=long_date,
        short_date=short_date,
        wrap=wrap,
        published=published,
        byline=byline,
        **FILTERS,
    )
    return env


def _render(name: str, digest: Digest, user_dir: Path | None, **extra: object) -> str:
    try:
        template = environment(user_dir).get_template(name)
        return template.render(
            digest=digest,
            stories=digest.stories,
            L=Words(digest.locale),
            preheader_padding=PREHEADER_PADDING,
            **extra,
        )
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name
        raise ConfigError(f"template {where}, line {exc.lineno}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise ConfigError(f"template {name}: {exc}") from None


def render_mjml(digest: Digest, user_dir: Path | None = None) -> str:
    return _render(HTML_TEMPLATE, digest, user_dir)


# Where each MJML tag may stand: MRML renders an unknown or misplaced tag silently (as raw
# text or nothing), so the rendered MJML is checked against this before compiling.
MJML_CHILDREN: dict[str, set[str]] = {
    "mjml": {"mj-head", "mj-body"},
    "mj-head": {
        "mj-title",
        "mj-preview",
        "mj-attributes",
        "mj-style",
        "mj-raw",
        "mj-font",
        "mj-breakpoint",
        "mj-html-attributes",
    },
    "mj-attributes": {
        "mj-all",
        "mj-class",
        "mj-text",
        "mj-section",
        "mj-column",
        "mj-body",
        "mj-image",
        "mj-button",
        "mj-divider",
        "mj-spacer",
        "mj-wrapper",
    },
    "mj-body": {"mj-section", "mj-wrapper", "mj-hero", "mj-raw"},
    "mj-wrapper": {"mj-section", "mj-raw"},
    "mj-section": {"mj-column", "mj-group", "mj-raw"},
    "mj-group": {"mj-column", "mj-raw"},
    "mj-column": {
        "mj-text",
        "mj-image",
        "mj-button",
        "mj-divider",
        "mj-spacer",
        "mj-table",
        "mj-social",
        "mj-raw",
        "mj-navbar",
    },
    "mj-hero": {"mj-text", "mj-image", "mj-button", "mj-divider", "mj-spacer", "mj-raw"},
}
CONTENT_TAGS = {
    "mj-text",
    "mj-button",
    "mj-table",
    "mj-raw",
    "mj-style",
    "mj-title",
    "mj-preview",
}  # these hold HTML or text, not MJML


def validate_mjml(source: str) -> None:
    """Every MJML tag is known and where MJML allows it; raises DigestError naming the tag."""
    try:
        root = ElementTree.fromstring(source)
    except ElementTree.ParseError as exc:
        line, column = exc.position
        raise DigestError(
            f"the rendered MJML is not well-formed at line {line}, column {column}: {exc}"
        ) from None
    if root.tag != "mjml":
        raise DigestError(f"the template must produce <mjml>, not <{root.tag}>")

    def walk(node: ElementTree.Element) -> None:
        if node.tag in CONTENT_TAGS:
            return
        allowed = MJML_CHILDREN.get(node.tag, set())
        for child in node:
            if child.tag not in allowed:
                raise DigestError(
                    f"<{child.tag}> cannot stand inside <{node.tag}> in MJML (allowed: "
                    f"{', '.join(sorted(allowed)) or 'nothing'})"
                )
            walk(child)

    walk(root)


def render_html(digest: Digest, user_dir: Path | None = None, validate: bool = True) -> str:
    """The digest's HTML email. ``validate=False`` skips checking the MJML's tags (for trial
    renders whose only use is their size; the one kept is validated)."""
    source = render_mjml(digest, user_dir)
    if validate:
        validate_mjml(source)
    try:
        html = mjml.mjml2html(source, disable_comments=True, fonts={})
    except Exception as exc:  # MRML raises a bare exception type with the parse error
        raise DigestError(f"the MJML template did not compile: {exc}") from None
    # a bare CR (say from a configured footer reason) would not survive the message's CRLF
    # line endings, and the .eml's HTML part would differ from digest.html
    return lf(html).rstrip("\n") + "\n"


def render_text(digest: Digest, user_dir: Path | None = None) -> str:
    refs = References()
    text = lf(_render(TEXT_TEMPLATE, digest, user_dir, ref=refs, refs=refs))
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n") + "\n"
