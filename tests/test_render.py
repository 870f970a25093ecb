from __future__ import annotations

from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from digest.compose import compose, preheader
from digest.errors import ConfigError, DigestError
from digest.model import Article, Footer, Quote, Story, Window
from digest.render.templates import (
    TEXT_WIDTH,
    render_html,
    render_mjml,
    render_text,
    safe_url,
    validate_mjml,
)

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
        self.tables: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k == "href"]
        if tag == "table":
            self.tables.append(dict(attrs))

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
        "November 27, 2026",  # the edition's date, in the digest's locale (en)
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
        ("http://example.org/x", None),  # only https is linked
        ("https://example.org/a b", None),
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
    assert "Read more: [1]" in text
    assert "[1] https://example.org/a?x=1&y=2" in text


def test_preheader_teases_the_lead_then_lists_the_next_headlines_within_limit() -> None:
    stories = [story(f"Headline number {i}", text=f"What happened {i} today.") for i in range(20)]
    line = preheader(stories)
    # the subject is the lead's headline: the preheader does not repeat it
    assert "Headline number 0" not in line
    assert line.startswith("What happened 0 today. · Headline number 1 · Headline number 2")
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


def full_digest():
    """Every optional part: footer links, quote of the day, more stories, a dek."""
    stories = [
        story(f"Story {i}", url=f"https://example.org/{i}", quote=f"We said {i} things here")
        for i in range(4)
    ]
    footer = Footer(
        sender="Desk <desk@example.org>",
        address="desk@example.org",
        reason="You get this because you asked.",
        unsubscribe_url="https://example.org/u?id=1",
        manage_url="mailto:desk@example.org?subject=manage",
        view_url="https://example.org/archive/2026-11-27/digest.html",
    )
    return compose(
        "Morning Brief",
        Window(NOW - timedelta(days=1), NOW),
        NOW,
        stories,
        footer=footer,
        lang="de",
        shown=3,
    )


def test_full_digest_mjml_is_valid_and_complete() -> None:
    digest = full_digest()
    validate_mjml(render_mjml(digest))  # raises on an unknown or misplaced tag
    html = render_html(digest)
    page = parse(html)
    text = " ".join(" ".join(page.text).split())
    assert '<html lang="de"' in html
    assert '<meta name="color-scheme" content="light dark"' in html
    assert "prefers-color-scheme: dark" in html
    # the labels are in the digest's language (de) since issue #16
    assert "Zitat des Tages" in text and "Weitere Schlagzeilen" in text and "4 Artikel" in text
    assert "Story 3" in text  # the fourth story is in the "more stories" list
    assert text.count("We said 3 things") == 0  # ...with no card and no quote
    assert "1 Min. Lesezeit" in text
    for link in (
        "https://example.org/u?id=1",
        "mailto:desk@example.org?subject=manage",
        "https://example.org/archive/2026-11-27/digest.html",
        "https://example.org/3",
    ):
        assert link in page.hrefs
    assert all(t.get("role") == "presentation" for t in page.tables)


def test_text_part_has_the_same_content_and_every_link() -> None:
    digest = full_digest()
    # every link out (the "In this issue" anchors are the text part's numbers)
    html_links = {h for h in parse(render_html(digest)).hrefs if not h.startswith("#")}
    text = render_text(digest)
    for link in html_links:
        assert link in text, link
    # in this issue, the lead, the quote of the day (after the lead since #16), the headlines
    assert (
        text.index("IN DIESER AUSGABE")
        < text.index("1. Story")
        < text.index("ZITAT DES TAGES")
        < text.index("WEITERE SCHLAGZEILEN")
    )
    assert "Abbestellen: [" in text and "Abonnement verwalten: [" in text
    refs = [line for line in text.splitlines() if line.startswith("[")]
    assert [r.split("]")[0] for r in refs] == [f"[{i}" for i in range(1, len(refs) + 1)]


def test_quote_of_the_day_is_not_repeated_in_its_card() -> None:
    text = render_text(full_digest())
    chosen = text.split("ZITAT DES TAGES", 1)[1].split("\n")[1].strip()
    assert text.count(chosen) == 1


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "<mjml><mj-body><mj-section><mj-column><mj-foo/></mj-column></mj-section></mj-body>"
            "</mjml>",
            "<mj-foo> cannot stand inside <mj-column>",
        ),
        (
            "<mjml><mj-body><mj-section><mj-text>x</mj-text></mj-section></mj-body></mjml>",
            "<mj-text> cannot stand inside <mj-section>",
        ),
        ("<mjml><mj-body><mj-section></mj-body></mjml>", "not well-formed"),
        ("<html></html>", "must produce <mjml>"),
    ],
)
def test_unknown_or_misplaced_mjml_tags_are_errors(source: str, message: str) -> None:
    with pytest.raises(DigestError, match=message):
        validate_mjml(source)


def test_misplaced_tag_in_a_user_template_is_reported(tmp_path: Path) -> None:
    (tmp_path / "digest.mjml.j2").write_text(
        "<mjml><mj-body><mj-text>{{ digest.title }}</mj-text></mj-body></mjml>"
    )
    with pytest.raises(DigestError, match="<mj-text> cannot stand inside <mj-body>"):
        render_html(digest_of(story()), tmp_path)
