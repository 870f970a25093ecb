"""Templates to documents: Jinja2 fills MJML (compiled by mjml-python) and a plain-text part.

Templates are looked up in the user's folder first (if any), then in the built-in ones, so a
user can override one file or ``{% extends "builtin/digest.mjml.j2" %}``. Everything from an
article is data: the HTML template autoescapes, and MRML never sees a raw ``<`` or ``&``.
"""

from __future__ import annotations

import textwrap
from datetime import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import mjml

from .errors import ConfigError, DigestError
from .models import Article, Digest

HTML_TEMPLATE = "digest.mjml.j2"
TEXT_TEMPLATE = "digest.txt.j2"
TEXT_WIDTH = 72


def builtin_templates() -> Path:
    """The packaged templates (in a wheel: ``digest/templates``; in a checkout: ``templates/``)."""
    packaged = Path(str(resources.files("digest"))) / "templates"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "templates"
    if checkout.is_dir():
        return checkout
    raise DigestError("the built-in templates are missing from this installation")


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) link, else None (never javascript:, data:, ...)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() in {"http", "https"} and parts.netloc:
        return url.strip()
    return None


def long_date(moment: datetime) -> str:
    return f"{moment.day} {moment:%B %Y}"


def short_date(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y}, {moment:%H:%M}"


def published(article: Article) -> str:
    """When the article appeared; a date from a file name has no time of day to show."""
    if article.date_source == "filename":
        return f"{article.published.day} {article.published:%b %Y}"
    return short_date(article.published)


def wrap(text: str, width: int = TEXT_WIDTH, indent: str = "", first: str | None = None) -> str:
    """Wrap a paragraph for the text part; words are never broken, so only a long URL can
    overrun the width."""
    return textwrap.fill(
        " ".join(text.split()),
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


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
    )
    return env


def _render(name: str, digest: Digest, user_dir: Path | None, **extra: object) -> str:
    try:
        template = environment(user_dir).get_template(name)
        return template.render(digest=digest, stories=digest.stories, **extra)
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name
        raise ConfigError(f"template {where}, line {exc.lineno}: {exc.message}") from None
    except jinja2.TemplateError as exc:
        raise ConfigError(f"template {name}: {exc}") from None


def render_mjml(digest: Digest, user_dir: Path | None = None, lang: str = "en") -> str:
    return _render(HTML_TEMPLATE, digest, user_dir, lang=lang)


def render_html(digest: Digest, user_dir: Path | None = None, lang: str = "en") -> str:
    source = render_mjml(digest, user_dir, lang)
    try:
        html = mjml.mjml2html(source, disable_comments=True, fonts={})
    except Exception as exc:  # MRML raises a bare exception type with the parse error
        raise DigestError(f"the MJML template did not compile: {exc}") from None
    return html.rstrip("\n") + "\n"


def render_text(digest: Digest, user_dir: Path | None = None) -> str:
    text = _render(TEXT_TEMPLATE, digest, user_dir)
    return "\n".join(line.rstrip() for line in text.splitlines()).strip("\n") + "\n"
