"""Property-based tests (hypothesis): readers, the WHEN grammar, quotes, summaries and the
rendered digest take arbitrary text without an exception escaping, other than the project's
own errors with a message. Deterministic (derandomize) and modest, so CI stays quick.
"""

from __future__ import annotations

import email
import re
import tempfile
import unicodedata
from datetime import UTC, timedelta
from email import policy
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NOW
from digest.analysis.keyquote import key_quote
from digest.analysis.quotemarks import MARKS
from digest.analysis.quotes import find_quotes
from digest.analysis.summarize import summarize
from digest.compose import compose, headline
from digest.dates import parse_when, resolve_timezone
from digest.errors import DigestError, UsageError
from digest.model import Article, Footer, Story, Window
from digest.readers.plain import read_markdown, read_text
from digest.readers.scan import ReadOptions, read_file
from digest.render.message import build_message, message_bytes, parse_address
from digest.render.templates import render_html, render_text
from digest.settings import ALGORITHMS
from digest.text import clean_line

EXAMPLES = 200
PROFILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Characters that have broken text pipelines before: controls, NUL, bidi and zero-width marks,
# XML non-characters, line separators, quote marks of every shape, markup and template syntax.
NASTY = [
    "\x00",
    "\x01",
    "\x0b",
    "\x1b",
    "\x7f",
    "\x85",
    "\x9b",
    "\r",
    "\r\n",
    "\n\n",
    "\t",
    "\u200b",
    "\u200d",
    "\u200e",
    "\u061c",
    "\u2060",
    "\u202e",
    "\u2066",
    "\u2028",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\U0001f600",
    '"',
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "'",
    "<script>alert(1)</script>",
    "<!--",
    "-->",
    "]]>",
    "<mj-raw>",
    "</mj-text>",
    "{{ 7*7 }}",
    "{% if x %}",
    "&amp;",
    "javascript:alert(1)",
    "---\n",
    "# ",
    "said",
    " he said",
    "Mayor Elena Marsh said: ",
    "according to",
    ". ",
    "? ",
]
WORDS = ["The", "council", "voted", "on", "Monday", "We", "will", "win", "I", "think", "budget"]
chunk = st.one_of(
    st.sampled_from(NASTY),
    st.sampled_from(WORDS).map(lambda w: w + " "),
    st.text(st.characters(codec="utf-8"), max_size=12),
)
hostile = st.lists(chunk, max_size=60).map("".join)

# Forbidden in displayed one-line text (titles, sources, authors): controls, bidi, zero-width.
UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufffe\uffff]"
)


def assert_error_has_message(exc: DigestError) -> None:
    assert isinstance(exc.message, str) and exc.message.strip()


# --- readers ---------------------------------------------------------------------------------


@PROFILE
@given(hostile)
def test_text_and_markdown_readers_take_any_text(text: str) -> None:
    for reader in (read_text, read_markdown):
        try:
            parsed = reader(text)
        except DigestError as exc:
            assert_error_has_message(exc)
            continue
        assert 0 <= parsed.body_start <= len(text)
        assert all(p and p == clean_line(p) for p in parsed.paragraphs)


EXTENSIONS = [".txt", ".md", ".json", ".jsonl", ".xml", ".rss", ".html"]


@settings(PROFILE, max_examples=EXAMPLES * 2)
@given(
    st.sampled_from(EXTENSIONS),
    st.one_of(hostile.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=300)),
)
def test_every_reader_turns_any_file_into_articles_or_skips(ext: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"2026-11-26-item{ext}"
        path.write_bytes(data)
        articles, skipped = read_file(path, ReadOptions(UTC))
    for skip in skipped:
        assert skip.reason.strip()
    for article in articles:
        assert article.title and not UNSAFE.search(article.title)
        for value in (article.dek, article.source or "", article.author or ""):
            assert not UNSAFE.search(value)
        assert article.published.tzinfo is not None
        assert article.paragraphs and all(not UNSAFE.search(p) for p in article.paragraphs)


# --- the WHEN grammar ------------------------------------------------------------------------

ZONES = st.sampled_from(["UTC", "Europe/London", "Pacific/Kiritimati", "Pacific/Niue"])
durations = st.lists(
    st.tuples(st.integers(0, 10**12), st.sampled_from("mhdw")), min_size=1, max_size=4
).map(lambda parts: "".join(f"{n}{u}" for n, u in parts))
iso = st.datetimes(timezones=st.none() | st.just(UTC)).map(lambda d: d.isoformat())
dates_ = st.dates().map(lambda d: d.isoformat())
when_text = st.one_of(
    hostile, durations, iso, dates_, st.sampled_from(["now", "today", "yesterday", " NOW "])
)


@settings(PROFILE, max_examples=EXAMPLES * 4)
@given(when_text, ZONES)
def test_parse_when_gives_an_instant_or_a_usage_error(text: str, zone_name: str) -> None:
    zone = resolve_timezone(zone_name)
    try:
        moment = parse_when(text, NOW, zone)
    except UsageError as exc:
        assert_error_has_message(exc)
        return
    assert moment.tzinfo is not None
    # the pipeline moves a window end by the clock skew and shows it in the zone: never overflows
    (moment + timedelta(days=1)).astimezone(zone)
    (moment - timedelta(days=121)).astimezone(zone)


@PROFILE
@given(st.lists(st.tuples(st.integers(0, 5000), st.sampled_from("mhdw")), min_size=1, max_size=3))
def test_durations_count_back_from_now(parts: list[tuple[int, str]]) -> None:
    unit = {"m": 60, "h": 3600, "d": 86400, "w": 604800}
    text = "".join(f"{n}{u}" for n, u in parts)
    seconds = sum(n * unit[u] for n, u in parts)
    assert parse_when(text, NOW, UTC) == NOW - timedelta(seconds=seconds)


# --- quotes and summaries --------------------------------------------------------------------


def article_from(title: str, text: str) -> Article:
    body = text.split("\n")
    paragraphs = tuple(p for p in (clean_line(line) for line in body) if p) or ("Nothing.",)
    whole = f"{title}\n\n{text}"
    return Article(
        id="prop",
        path=Path("prop.txt"),
        title=clean_line(title) or "Untitled",
        published=NOW - timedelta(hours=1),
        date_source="mtime",
        paragraphs=paragraphs,
        text=whole,
        body_start=len(title) + 2,
    )


@settings(PROFILE, max_examples=EXAMPLES * 2)
@given(hostile, hostile)
def test_quotes_lie_in_the_text_with_their_marks(title: str, text: str) -> None:
    article = article_from(title, text)
    quotes = find_quotes(article)
    whole, start = article.source_text
    for quote in quotes:
        assert start <= quote.start < quote.end <= len(whole)
        assert whole[quote.start] in MARKS
        assert not UNSAFE.search(quote.text)
        assert quote.speaker is None or quote.speaker.strip()
    chosen = key_quote(quotes)
    assert chosen is None or chosen in quotes


@settings(PROFILE, max_examples=EXAMPLES)
@given(hostile, hostile, st.sampled_from(sorted(ALGORITHMS)), st.integers(1, 5))
def test_summaries_are_the_articles_own_sentences(
    title: str, text: str, algorithm: str, sentences: int
) -> None:
    article = article_from(title, text)
    summary = summarize(article, sentences, algorithm)
    assert len(summary) <= sentences
    body = article.body
    positions = [body.find(sentence) for sentence in summary]
    assert all(p >= 0 for p in positions)  # verbatim, never made up
    assert positions == sorted(positions)  # in article order


# --- the rendered digest ---------------------------------------------------------------------


class _Html(HTMLParser):
    """Collects the things that would run or link: script elements and link targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts = 0
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scripts += tag == "script"
        self.links += [v or "" for k, v in attrs if k in ("href", "src", "action")]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


urls = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            " JAVASCRIPT:alert(1)",
            'https://example.org/a?b=<c>&d="e"\'',
            "https://example.org/\u202e",
            "http://example.org/plain",
            "//example.org/relative",
            "https://exa mple.org/",
        ]
    ),
    hostile.map(lambda t: "https://example.org/" + t),
)


@st.composite
def stories(draw: st.DrawFn) -> Story:
    title, text = draw(hostile), draw(hostile)
    article = article_from(title, text)
    article = Article(
        **{
            **article.__dict__,
            "title": clean_line(draw(hostile)) or "Untitled",
            "dek": clean_line(draw(hostile)),
            "url": draw(urls),
            "source": clean_line(draw(hostile)) or None,
            "author": clean_line(draw(hostile)) or None,
        }
    )
    quotes = find_quotes(article)
    return Story(
        article=article, summary=article.paragraphs[:3], quotes=quotes, key_quote=key_quote(quotes)
    )


@settings(PROFILE, max_examples=EXAMPLES)
@given(st.lists(stories(), min_size=1, max_size=3), hostile, st.integers(1, 3))
def test_any_digest_compiles_and_parses(story_list: list[Story], title: str, shown: int) -> None:
    window = Window(NOW - timedelta(days=1), NOW)
    footer = Footer(
        sender="Digest <digest@example.org>",
        address="digest@example.org",
        reason=title,
        unsubscribe_url="https://example.org/unsubscribe",
    )
    digest = compose(
        " ".join(title.split()) or "Daily", window, NOW, story_list, footer=footer, shown=shown
    )
    html = render_html(digest)  # validated and compiled by MJML, or a DigestError
    text = render_text(digest)
    sender = parse_address("Digest <digest@example.org>", "sender")
    raw = message_bytes(
        build_message(digest, html, text, sender, (), NOW, unsubscribe_url=footer.unsubscribe_url)
    )

    parser = _Html()
    parser.feed(html)
    parser.close()
    assert parser.scripts == 0
    # links out are https: or mailto:; "In this issue" links to the stories' headings (#16)
    internal = {link for link in parser.links if link.startswith("#")}
    assert all(re.fullmatch(r"#(story-\d+|more)", link) for link in internal), internal
    assert all(
        link.startswith(("https://", "mailto:")) for link in parser.links if link not in internal
    )
    shown_text = unicodedata.normalize("NFC", "".join(parser.text))
    for story in digest.stories:  # as a headline shows it: no trailing full stop (#16)
        assert " ".join(headline(story.article.title).split()) in " ".join(shown_text.split())

    message = email.message_from_bytes(raw, policy=policy.default)
    assert not message.defects
    head = raw.split(b"\r\n\r\n", 1)[0]
    names = [line.split(b":", 1)[0] for line in head.split(b"\r\n") if line[:1] not in b" \t"]
    expected = [b"From", b"To", b"Subject", b"Date", b"Message-ID", b"MIME-Version"]
    expected += [b"Content-Type", b"List-Id", b"List-Unsubscribe", b"List-Unsubscribe-Post"]
    assert sorted(names) == sorted(expected)  # no header smuggled in
    for name, value in message.items():
        assert not re.search("[\x00-\x1f\x7f]", str(value)), (name, value)
    plain = message.get_body(("plain",))
    rich = message.get_body(("html",))
    assert plain is not None and rich is not None
    assert plain.get_content().replace("\r\n", "\n") == text
    assert rich.get_content().replace("\r\n", "\n") == html
