"""The newsletter layout (#16): ranking by news value, the lead, blurbs and headlines, sections,
"In this issue", the subject and the preheader, in both parts of a real digest."""

from __future__ import annotations

import email
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import NOW, distinct_text
from digest.compose import Layout, compose, headline, news_value, ranked
from digest.errors import ConfigError
from digest.model import Article, Footer, Quote, Story, Window
from digest.pipeline import make
from digest.readers.scan import read_sources
from digest.render.templates import render_html, render_text
from digest.render.words import blurb, capped, direction, lang, tidy
from digest.settings import Settings

WINDOW = Window(NOW - timedelta(days=1), NOW)


def story(
    title: str,
    hours_ago: float = 1,
    *,
    source: str = "Wire",
    words: int = 200,
    summary: tuple[str, ...] | None = None,
    also: int = 0,
    tags: tuple[str, ...] = (),
    quote: str | None = None,
) -> Story:
    def article(i: int) -> Article:
        return Article(
            id=f"{title}-{i}",
            path=Path(f"news/{title[:10]}-{i}.md"),
            title=title,
            published=NOW - timedelta(hours=hours_ago),
            date_source="front matter",
            paragraphs=(" ".join(["word"] * words),),
            url=f"https://example.org/{i}/{len(title)}",
            source=source if i == 0 else f"Other {i}",
            tags=tags,
        )

    key = None
    if quote is not None:
        key = Quote(quote, "Ada Speaker", "Speaker", 0, len(quote) + 2)
    return Story(
        article=article(0),
        summary=(f"{title} happened.", "Then more.") if summary is None else summary,
        key_quote=key,
        also=tuple(article(i) for i in range(1, also + 1)),
    )


def test_the_story_most_sources_carried_leads_even_when_older() -> None:
    fresh = story("Fresh single-source item", 0.5)
    covered = story("Story three outlets carried", 20, also=2)
    assert news_value(covered, WINDOW) > news_value(fresh, WINDOW)
    assert [s.article.title for s in ranked([fresh, covered], WINDOW)] == [
        "Story three outlets carried",
        "Fresh single-source item",
    ]
    # --order time is newest first, --order source by source name
    by_time = ranked([covered, fresh], WINDOW, Layout(order="time"))
    assert by_time[0] is fresh
    a, b = story("From Zeta", source="Zeta"), story("From Alpha", 10, source="Alpha")
    assert ranked([a, b], WINDOW, Layout(order="source"))[0] is b


def test_source_weights_and_substance_move_stories() -> None:
    plain = story("Plain", 1, source="Gazette")
    weighted = story("Weighted", 1, source="Trusted Post")
    assert (
        ranked([plain, weighted], WINDOW, Layout(source_weights={"trusted post": 2}))[0] is weighted
    )
    stub = story("A stub of a headline", 0.1, words=12)
    substantial = story("A reported piece", 5, words=700, quote="We will build it this year")
    assert ranked([stub, substantial], WINDOW)[0] is substantial


def test_a_window_from_2000_does_not_make_every_story_equally_recent() -> None:
    old = Window(datetime(2000, 1, 1, tzinfo=UTC), NOW)
    newer, older = story("Newer", 1), story("Older", 40)
    assert ranked([older, newer], old)[0] is newer


def test_lead_blurbs_headlines_and_numbers() -> None:
    stories = [story(f"Story {i}", i + 1) for i in range(12)]
    stories.append(story("Headline only", 0.1, summary=()))
    digest = compose("Brief", WINDOW, NOW, stories, layout=Layout(blurbs=3))
    assert digest.lead is not None and digest.lead.article.title == "Story 0"
    assert [s.article.title for s in digest.blurbs] == ["Story 1", "Story 2", "Story 3"]
    assert "Headline only" in [s.article.title for s in digest.more]  # no summary: a headline
    numbers = [s.number for s in (*digest.stories, *digest.more)]
    assert numbers == list(range(1, 14))
    assert digest.hook == "Story 0"


def test_sections_group_the_blurbs_and_headlines_only_when_there_are_several() -> None:
    tagged = [
        story("World one", 1, tags=("world",)),
        story("Local one", 2, tags=("local",)),
        story("World two", 3, tags=("world",)),
        story("Local two", 4, tags=("local",)),
        story("Sport one", 5, tags=("sport",)),
    ]
    layout = Layout(blurbs=4, section_order=("Local",))
    digest = compose("Brief", WINDOW, NOW, tagged, layout=layout)
    assert digest.sectioned
    names = [name for name, _ in digest.sections]
    assert names[0] == "Local" and set(names) == {"Local", "World", "Sport"}
    # a mapping names sections from the source, a tag or the folder
    mapped = compose(
        "Brief",
        WINDOW,
        NOW,
        tagged,
        layout=Layout(blurbs=4, sections={"sport": "Games", "world": "Games", "local": "Home"}),
    )
    assert {name for name, _ in mapped.sections} == {"Games", "Home"}
    one = compose("Brief", WINDOW, NOW, [story(f"S{i}", i + 1, tags=("x",)) for i in range(4)])
    assert not one.sectioned and one.sections == (("", one.blurbs),)


def test_front_matter_section_or_category_names_the_section(tmp_path: Path) -> None:
    for name, key in (("a", "section: Sport"), ("b", "category: Sport"), ("c", "tags: [world]")):
        (tmp_path / f"{name}.md").write_text(
            f"---\ntitle: Story {name}\ndate: 2026-11-26T06:00:00Z\n{key}\n---\n"
            f"{distinct_text(ord(name), 4)}\n"
        )
    articles, _ = read_sources([tmp_path], UTC, "english")
    tags = {a.title: a.tags for a in articles}
    assert tags == {"Story a": ("Sport",), "Story b": ("Sport",), "Story c": ("world",)}


def test_blurb_keeps_a_sentence_or_two_within_the_budget() -> None:
    first = "One two three four five six."
    second = "Seven eight nine ten."
    assert blurb((first, second, "Eleven."), 60) == f"{first} {second}"
    assert blurb((first, second), 8) == first
    assert blurb((" ".join(["long"] * 30) + ".",), 10) == " ".join(["long"] * 10) + "…"
    assert blurb((), 60) == ""


def test_quotes_are_capped_and_their_stray_marks_dropped() -> None:
    long = " ".join(f"word{i}" for i in range(85))
    assert len(capped(long).split()) <= 30 and capped(long).endswith("…")
    sentences = "We built it. " * 20
    cut = capped(sentences.strip())
    assert cut.endswith("We built it.") and len(cut.split()) <= 30
    assert tidy("It was a 'crazy election'.'.") == "It was a 'crazy election'."
    assert tidy("and the result was crazy election'.") == "and the result was crazy election."
    assert tidy("the 'best' result") == "the 'best' result"
    assert headline("Council agrees budget.") == "Council agrees budget"
    assert headline("Wait for it...") == "Wait for it..."
    assert headline("Tariffs hit exports to the U.S.") == "Tariffs hit exports to the U.S."


def test_a_story_in_arabic_script_is_right_to_left_with_its_language() -> None:
    arabic = replace(story("العاصفة تضرب الساحل الليلة").article, paragraphs=("رياح قوية",))
    assert direction(arabic.title) == "rtl" and lang(arabic) == "ar"
    assert direction("Storm hits the coast") == "ltr" and lang(story("Storm").article) == "en"


def test_text_and_html_show_the_same_numbered_issue() -> None:
    stories = [story(f"Story {i}", i + 1, quote="We will build it this year") for i in range(6)]
    digest = compose("Brief", WINDOW, NOW, stories, layout=Layout(blurbs=2))
    html, text = render_html(digest), render_text(digest)
    issue = text.split("IN THIS ISSUE", 1)[1].split("=" * 72, 1)[0]
    assert [line.strip() for line in issue.strip().splitlines()] == [
        "1. Story 0",
        "2. Story 1",
        "3. Story 2",
        "and 3 more headlines below",
    ]
    for n in range(1, 7):
        assert f'id="story-{n}"' in html
    for n in range(1, 4):
        assert f'href="#story-{n}"' in html


def test_intro_footer_dark_rules_and_no_empty_blocks() -> None:
    footer = Footer(
        sender="Harbourton Morning <morning@example.org>",
        address="morning@example.org",
        reason="You asked for it.",
        postal_address="1 Harbour Street",
        forward_url="https://example.org/forward",
        subscribe_url="https://example.org/subscribe",
        archive_url="https://example.org/archive",
    )
    only = story("A headline with nothing else", summary=())
    layout = Layout(intro="Good morning.\n\nTwo things today.")
    digest = compose("Brief", WINDOW, NOW, [only], footer=footer, layout=layout)
    html, text = render_html(digest), render_text(digest)
    assert '<p style="margin:0;"></p>' not in html and "<p></p>" not in html
    for part in (html, text):
        assert "Good morning." in part and "Two things today." in part
        assert "1 Harbour Street" in part and "Sent by Harbourton Morning." in part
        assert "morning@example.org" not in part  # the name, never the raw address
        for url in ("forward", "subscribe", "archive"):
            assert f"https://example.org/{url}" in part
    assert "[data-ogsc]" in html and "[data-ogsb]" in html
    # the pull-quote bar is a table cell's border (Outlook's Word engine drops a span's)
    quoted = compose("Brief", WINDOW, NOW, [story("Q", quote="We will build it this year")])
    assert re.search(r'<td class="bar" style="border-left:4px solid', render_html(quoted))


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [("order", "random", "order must be one of"), ("locale", "xx_YY_ZZ", "unknown locale")],
)
def test_layout_settings_are_checked(setting: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings(**{setting: value}).validated()


def test_labels_follow_the_locale() -> None:
    stories = [story(f"Story {i}", i + 1) for i in range(3)]
    for locale, label in (("fr", "Dans ce numéro"), ("ar", "في هذا العدد"), ("ru", "В этом")):
        digest = compose("Brief", WINDOW, NOW, stories, layout=Layout(locale=locale))
        html = render_html(digest)
        assert label in html
    arabic = render_html(compose("Brief", WINDOW, NOW, stories, layout=Layout(locale="ar")))
    assert '<html lang="ar" dir="rtl"' in arabic
    # the default reason ("" in the footer) is said in the digest's locale
    footer = Footer(sender="Le Matin <m@example.org>", address="m@example.org", reason="")
    french = compose("Le Matin", WINDOW, NOW, stories, footer=footer, layout=Layout(locale="fr"))
    for part in (" ".join(render_html(french).split()), " ".join(render_text(french).split())):
        assert "Vous recevez ce résumé parce que vous êtes abonné à Le Matin." in part
        assert "Envoyé par Le Matin." in part


# --- the issue's "done when": a 40-story digest from several sources -------------------------

# 39 words: long enough for the 30-word cap to cut, short enough to be a key quote (6-40 words)
LONG_QUOTE = " ".join(
    [
        "We have spent three years arguing about this bridge and every single one of those years",
        "has cost the people who cross it every morning more time and more money than anyone",
        "in this building seems willing to admit",
    ]
)


def write_forty(folder: Path) -> None:
    folder.mkdir()
    sections = ["world", "local", "sport"]
    sources = ["Harbourton Gazette", "Northvale Tribune", "Sample Wire", "Coast Radio"]
    for i in range(37):
        (folder / f"story-{i:02d}.md").write_text(
            f"---\ntitle: Harbourton item {i} is announced\n"
            f"date: 2026-11-26T{(i % 20) + 2:02d}:{i % 60:02d}:00Z\n"
            f"url: https://example.org/news/{i}\nsource: {sources[i % 4]}\n"
            f"tags: [{sections[i % 3]}]\n---\n{distinct_text(i, 6)}\n",
            encoding="utf-8",
        )
    body = (
        f"{distinct_text(500, 4)}\n\n“{LONG_QUOTE},” said Councillor Maya Okafor, who chairs "
        f"the bridge committee.\n\n{distinct_text(501, 4)}\n"
    )
    for n, source in enumerate(["Harbourton Gazette", "Northvale Tribune", "Coast Radio"]):
        (folder / f"bridge-{n}.md").write_text(
            f"---\ntitle: Old Harbour Bridge to close for repairs\n"
            f"date: 2026-11-26T01:0{n}:00Z\nurl: https://example.org/bridge/{n}\n"
            f"source: {source}\ntags: [local]\n---\n{body}",
            encoding="utf-8",
        )


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.text: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3"):
            self._in = tag
            self.headings.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def forty(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("forty")
    write_forty(base / "news")
    result = make(
        Settings(
            sources=(base / "news",),
            out=base / "out",
            since="2026-11-25",
            timezone="UTC",
            title="Harbourton Morning",
            sender="Harbourton Morning <morning@example.org>",
            postal_address="1 Harbour Street, Harbourton",
        ),
        now=NOW,
    )
    assert result.folder is not None
    assert result.problems == (), result.problems
    return result.folder


def _message(folder: Path) -> EmailMessage:
    message = email.message_from_bytes((folder / "digest.eml").read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_forty_stories_lead_with_the_story_three_sources_carried(forty: Path) -> None:
    message = _message(forty)
    text_part, html_part = message.get_payload()
    text, html = text_part.get_content(), html_part.get_content()
    subject = str(message["Subject"])
    assert subject == "Old Harbour Bridge to close for repairs" and len(subject) <= 60
    # the lead is first in both parts, with the other sources named
    assert text.index("1. Old Harbour Bridge to close for repairs") < text.index("2. ")
    assert "Also reported by" in text and "Also reported by" in html
    # "In this issue", sections and "More headlines" in both parts
    for part in (text, html):
        assert "IN THIS ISSUE" in part.upper() and "MORE HEADLINES" in part.upper()
        for name in ("World", "Local", "Sport"):
            assert name.upper() in part.upper()
    page = Page()
    page.feed(html)
    assert page.headings.count("h1") == 1 and "h2" in page.headings and "h3" in page.headings
    # the lead's 39-word quote is capped at 30, in both parts
    quoted = re.findall(r"“([^”]+)”", " ".join(text.split()))
    assert quoted and all(len(q.split()) <= 30 for q in quoted), quoted
    assert LONG_QUOTE not in " ".join(html.split())


def test_forty_stories_preheader_does_not_repeat_the_subject(forty: Path) -> None:
    message = _message(forty)
    html = message.get_payload()[1].get_content()
    hidden = re.search(r'<div style="display:none[^>]*>(.*?)</div>', html, re.S)
    assert hidden is not None
    preheader = hidden.group(1).split("&#847;")[0].split("\u034f")[0].strip()
    assert preheader and str(message["Subject"]) not in preheader
    assert len(preheader) <= 140
    assert "\u034f" in hidden.group(1) or "&#847;" in hidden.group(1)  # padded
    assert "1 Harbour Street, Harbourton" in html and "morning@example.org" not in html
