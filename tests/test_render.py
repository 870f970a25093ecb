from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from digest.compose import compose, preheader
from digest.errors import ConfigError
from digest.models import Article, Quote, Story, Window
from digest.render import TEXT_WIDTH, render_html, render_mjml, render_text, safe_url

NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)
HOSTILE = "<script>alert(1)</script> & {{ 7*7 }} {% raw %} <mj-raw>x</mj-raw> ]]> <!--"


def story(
    title: str = "A calm headline",
    url: str | None = "https://example.org/a?x=1&y=2",
    text: str = "Plain body sentence one.",
    quote: str | None = "We did it together",
) -> Story:
    article = Article(
        id=title,
        path=Path("a.md"),
        title=title,
        published=NOW - timedelta(hours=3),
        date_source="front matter",
        paragraphs=(text,),
        url=url,
        source="Example News",
        author="Ann Author",
    )
    key = (
        None
        if quote is None
        else Quote(
            text=quote, speaker="Jane Doe", speaker_as_written="Doe", start=0, end=len(quote) + 2
        )
    )
    return Story(article=article, summary=(text,), key_quote=key)


def digest_of(*stories: Story):
    return compose("Morning Brief", Window(NOW - timedelta(days=1), NOW), NOW, stories)


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k == "href"]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    return collector


def test_html_has_every_part_of_a_story() -> None:
    html = render_html(digest_of(story(), story("Second story", url=None, quote=None)))
    page = parse(html)
    text = " ".join(page.text)
    for expected in (
        "Morning Brief",
        "2 stories",
        "A calm headline",
        "Example News",
        "Plain body sentence one.",
        "We did it together",
        "Jane Doe",
        "Second story",
        "27 Nov 2026",
    ):
        assert expected in text
    assert "https://example.org/a?x=1&y=2" in page.hrefs  # & escaped in HTML, intact when parsed
    assert not any(t.startswith("mj-") for t in page.tags)
    assert "<mjml" not in html and "{{" not in html


def test_article_text_is_data_never_markup() -> None:
    html = render_html(digest_of(story(title=HOSTILE, text=HOSTILE, quote=HOSTILE)))
    page = parse(html)
    assert "script" not in page.tags and "mj-raw" not in page.tags
    assert HOSTILE in "".join(page.text).replace("\n", "")  # shown as text, verbatim
    assert "49" not in "".join(page.text)  # never evaluated as a template
    text = render_text(digest_of(story(title=HOSTILE, text=HOSTILE, quote=HOSTILE)))
    assert "<script>alert(1)</script>" in text  # the text part shows it as typed


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/x", "https://example.org/x"),
        ("http://example.org/x", "http://example.org/x"),
        ("javascript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("//example.org/x", None),
        ("/relative", None),
        ("", None),
    ],
)
def test_only_absolute_web_links(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_unsafe_url_is_not_linked() -> None:
    page = parse(render_html(digest_of(story(url="javascript:alert(1)"))))
    assert not any("javascript" in h for h in page.hrefs)


def test_text_part_is_wrapped_and_tidy() -> None:
    long_text = " ".join(["Wordy sentence with many words in it."] * 12)
    text = render_text(digest_of(story(text=long_text, quote=long_text)))
    for line in text.splitlines():
        assert len(line) <= TEXT_WIDTH or "https://" in line, line
        assert line == line.rstrip()
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "Read more: https://example.org/a?x=1&y=2" in text


def test_preheader_lists_top_headlines_within_limit() -> None:
    stories = [story(f"Headline number {i}") for i in range(20)]
    line = preheader(stories)
    assert line.startswith("Headline number 0 · Headline number 1")
    assert len(line) <= 140


def test_template_override_and_extension(tmp_path: Path) -> None:
    (tmp_path / "digest.txt.j2").write_text(
        "CUSTOM {{ digest.title }}\n{% for s in stories %}- {{ s.article.title }}\n{% endfor %}"
    )
    (tmp_path / "digest.mjml.j2").write_text('{% extends "builtin/digest.mjml.j2" %}')
    digest = digest_of(story())
    assert render_text(digest, tmp_path) == "CUSTOM Morning Brief\n- A calm headline\n"
    assert "A calm headline" in render_html(digest, tmp_path)


def test_template_error_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "digest.txt.j2").write_text("line one\n{% for %}\n")
    with pytest.raises(ConfigError, match=r"digest\.txt\.j2, line 2"):
        render_text(digest_of(story()), tmp_path)


def test_mjml_uses_only_known_tags() -> None:
    known = {
        "mjml",
        "mj-head",
        "mj-title",
        "mj-preview",
        "mj-attributes",
        "mj-all",
        "mj-text",
        "mj-section",
        "mj-style",
        "mj-body",
        "mj-column",
    }
    source = render_mjml(digest_of(story()))
    used = set(re.findall(r"<(mj[\w-]*)", source))
    assert used <= known, used - known
