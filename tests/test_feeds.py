"""Feeds: parsing RSS / RDF / Atom / JSON Feed, feed dates, and fetching over real HTTP."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from digest.dates import parse_feed_date
from digest.errors import ArticleError
from digest.files import load_record
from digest.readers.base import Entry, EntrySkip
from digest.readers.feeds import parse_feed
from digest.readers.fetch import fetch
from digest.text import html_to_paragraphs

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"
BERLIN = ZoneInfo("Europe/Berlin")


def load(name: str) -> list[Entry | EntrySkip]:
    return parse_feed((FEEDS / name).read_bytes(), name)


def entries(items: list[Entry | EntrySkip]) -> list[Entry]:
    return [item for item in items if isinstance(item, Entry)]


def skips(items: list[Entry | EntrySkip]) -> list[EntrySkip]:
    return [item for item in items if isinstance(item, EntrySkip)]


# --- RSS 2.0 -------------------------------------------------------------------------------


def test_rss20_html_content_becomes_plain_paragraphs() -> None:
    bridge = entries(load("rss20.xml"))[0]
    assert bridge.title == "Council approves the new bridge"
    assert bridge.paragraphs == (
        "The council voted 9–2 on Thursday.",
        "Work starts in spring & ends in 2028.",  # <br> mid-sentence: the line goes on
        "Cost: €40m",
        "Length: 300 m",
    )
    text = " ".join(bridge.paragraphs)
    for dropped in ("trackReader", "color", "JavaScript", "City archive", "teaser"):
        assert dropped not in text


def test_rss20_metadata() -> None:
    bridge, markets, undated = entries(load("rss20.xml"))
    assert bridge.url == "https://news.example.com/local/bridge"  # relative link made absolute
    assert bridge.id == "bridge-2026"
    assert bridge.author == "Jane Doe"
    assert bridge.source == "Example & Sons News"
    assert bridge.language == "en-us"
    assert bridge.tags == ("Local", "Transport")
    assert bridge.date == "Fri, 27 Nov 2026 07:15:00 +0100"  # the raw string, as given
    assert bridge.date_origin == "feed published"
    assert bridge.needs_date is True
    assert bridge.extra["feed"] == "rss20.xml"
    assert markets.author == "Markets Desk"
    assert markets.paragraphs == ("Stocks rose.", "Bonds fell.")
    assert markets.id == markets.url == "https://news.example.com/markets/close"
    assert undated.paragraphs == ("Plain text first paragraph.", "Plain text second paragraph.")


def test_rss20_entry_without_date_is_kept_for_the_caller_to_skip() -> None:
    undated = entries(load("rss20.xml"))[2]
    assert undated.title == "Undated notice"
    assert undated.date is None
    assert undated.date_origin == ""
    assert undated.needs_date is True


def test_rss20_entries_without_text_are_skipped() -> None:
    assert skips(load("rss20.xml")) == [
        EntrySkip(label="photo-1", reason="no text"),
        EntrySkip(label="https://news.example.com/empty", reason="no title or text"),
    ]


# --- RSS 1.0 (RDF) -------------------------------------------------------------------------


def test_rss10_rdf() -> None:
    first, second = load("rss10.rdf")
    assert isinstance(first, Entry) and isinstance(second, Entry)
    assert first.title == "Erster Beitrag"
    assert first.paragraphs == ("Hallo Welt.",)
    assert first.source == "Example Blog"
    assert first.language == "de"
    assert first.author == "Max Muster"
    assert first.tags == ("Allgemein",)
    assert first.url == first.id == "https://blog.example.org/posts/1"
    # feedparser files dc:date under "updated"
    assert (first.date, first.date_origin) == ("2026-11-27T08:00:00+01:00", "feed updated")
    assert second.url == "https://blog.example.org/posts/2"
    assert second.date is None


# --- Atom ----------------------------------------------------------------------------------


def test_atom_xhtml_content_published_date_and_relative_link() -> None:
    chips = load("atom.xml")[0]
    assert isinstance(chips, Entry)
    assert chips.title == "Chips get faster"
    assert chips.paragraphs == ("Faster", "New chips are faster & cooler.", "We are pleased.")
    assert chips.url == "https://tech.example.net/articles/chips.html"
    assert chips.id == "tag:tech.example.net,2026:chips"
    assert chips.author == "Ada"
    assert chips.source == "Tech Weekly"  # type="html" title, tags stripped
    assert chips.language == "en-GB"
    assert chips.tags == ("Hardware", "chips")
    assert (chips.date, chips.date_origin) == ("2026-11-26T10:00:00Z", "feed published")


def test_atom_only_updated_date_and_inherited_author() -> None:
    updated = load("atom.xml")[1]
    assert isinstance(updated, Entry)
    assert updated.title == "Only updated <not a tag>"  # type="text": kept literally
    assert updated.paragraphs == ("Line one", "Line two")
    assert (updated.date, updated.date_origin) == ("2026-11-27 07:30:00", "feed updated")
    assert updated.author == "Tech Desk"


def test_atom_entry_without_title_or_text() -> None:
    assert load("atom.xml")[2] == EntrySkip(
        label="tag:tech.example.net,2026:nothing", reason="no title or text"
    )


def test_xml_base_and_document_url_resolve_links() -> None:
    data = b"""<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/a/">
  <title>B</title>
  <entry><title>T</title><id>x</id><link href="b/c.html"/><content>Text</content></entry>
</feed>"""
    assert entries(parse_feed(data, "b.xml"))[0].url == "https://base.example/a/b/c.html"
    rss = b"""<rss version="2.0"><channel><title>No link</title>
<item><title>T</title><link>/x/1</link><description>d</description></item>
<item><title>U</title><link>javascript:alert(1)</link><description>d</description></item>
</channel></rss>"""
    no_base = entries(parse_feed(rss, "local.xml"))
    assert [e.url for e in no_base] == [None, None]
    from_label = entries(parse_feed(rss, "https://site.example/feeds/rss"))
    assert from_label[0].url == "https://site.example/x/1"
    assert from_label[1].url is None
    assert entries(parse_feed(rss, "x", base_url="http://o.example/"))[0].url == (
        "http://o.example/x/1"
    )


# --- JSON Feed -----------------------------------------------------------------------------


def test_json_feed_1_1() -> None:
    items = load("feed.json")
    storm, plain, summary = entries(items)
    assert storm.title == "Storm warning issued"
    assert storm.paragraphs == ("Winds of 100 km/h.", "Stay indoors.")  # content_html wins
    assert storm.url == "https://json.example.com/stories/one"
    assert storm.id == "1"
    assert storm.author == "Sam, Alex"
    assert storm.source == "JSON Daily"
    assert storm.language == "en"
    assert storm.tags == ("weather", "alerts")
    assert (storm.date, storm.date_origin) == ("2026-11-27T06:30:00+00:00", "feed published")
    assert storm.needs_date is True
    assert plain.id == "2"
    assert plain.paragraphs == ("First paragraph still first.", "Second paragraph.")
    assert (plain.date, plain.date_origin) == ("2026-11-27T05:00:00Z", "feed updated")
    assert plain.author == "Newsroom"  # the feed's authors
    assert summary.paragraphs == ("Just a summary.",)
    assert summary.language == "fr"
    assert summary.date is None
    assert skips(items) == [
        EntrySkip(label="entry 4", reason="not a JSON object"),
        EntrySkip(label="5", reason="no text"),
    ]


def test_json_feed_version_1() -> None:
    doc = {
        "version": "https://jsonfeed.org/version/1",
        "title": "Old style",
        "home_page_url": "https://old.example/",
        "author": {"name": "Feed Person"},
        "items": [
            {
                "id": "a",
                "url": "posts/a",
                "title": "A &amp; B",
                "content_text": "Text.",
                "author": {"name": "Item Person"},
            },
            {"id": "b", "content_html": "<p>No title</p>", "date_published": "2026-11-27"},
        ],
    }
    first, second = parse_feed(b"\xef\xbb\xbf" + json.dumps(doc).encode(), "old.json")
    assert isinstance(first, Entry) and isinstance(second, Entry)
    assert first.url == "https://old.example/posts/a"
    assert first.author == "Item Person"
    # plain text by the specification, but real feeds write entities (issue 14: decoded)
    assert first.title == "A & B"
    assert second.title == "No title"  # issue 14: an untitled entry is headed by its text
    assert second.author == "Feed Person"
    assert second.date == "2026-11-27"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"title": "x"}', "not a feed: JSON without a JSON Feed version"),
        (b'{"version": "1.0", "posts": []}', "not a feed: JSON without a JSON Feed version"),
        (
            b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}',
            "malformed JSON Feed: 'items' is not a list",
        ),
        (
            b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "tit',
            "truncated or malformed JSON Feed: ",
        ),
    ],
)
def test_bad_json_feeds(data: bytes, message: str) -> None:
    with pytest.raises(ArticleError, match="^" + re.escape(message)):
        parse_feed(data, "x.json")


# --- not feeds -----------------------------------------------------------------------------


def test_html_page_is_not_a_feed() -> None:
    with pytest.raises(ArticleError, match=r"^not a feed: an HTML page"):
        load("page.html")


def test_html_page_without_doctype_is_not_a_feed() -> None:
    with pytest.raises(ArticleError, match=r"^not a feed"):
        parse_feed(b"<html><head><title>T</title></head><body><p>Hi", "p.html")


def test_truncated_feed() -> None:
    data = (FEEDS / "rss20.xml").read_bytes()
    cut = data[: data.index(b"<item>")]
    with pytest.raises(ArticleError, match=r"^truncated or malformed feed: .+ at line \d+"):
        parse_feed(cut, "rss20.xml")


def test_feed_cut_inside_a_later_entry_keeps_the_entries_before_it() -> None:
    data = (FEEDS / "rss20.xml").read_bytes()
    cut = data[: data.index(b"<title>Undated notice")]
    items = entries(parse_feed(cut, "rss20.xml"))
    assert [e.title for e in items] == ["Council approves the new bridge", "Markets close higher"]


@pytest.mark.parametrize(
    "data",
    [b"", b"  \n", b"hello world", b"<?xml version='1.0'?><note><to>x</to></note>"],
)
def test_other_documents_are_not_feeds(data: bytes) -> None:
    with pytest.raises(ArticleError, match=r"^not a feed"):
        parse_feed(data, "x")


def test_bytes_naming_a_file_are_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes((FEEDS / "rss20.xml").read_bytes())
    with pytest.raises(ArticleError, match=r"^not a feed"):
        parse_feed(str(path).encode(), "x")


def test_minor_problem_is_accepted() -> None:
    data = (
        "<?xml version='1.0' encoding='us-ascii'?><rss version='2.0'><channel><title>T</title>"
        "<item><title>Café</title><description>Crème</description></item></channel></rss>"
    ).encode()
    (item,) = parse_feed(data, "x")
    assert isinstance(item, Entry)
    assert (item.title, item.paragraphs) == ("Café", ("Crème",))


def test_rss091_with_html_entities_is_read_leniently() -> None:
    data = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old &amp; gold</title>
<link>http://old.example/</link><language>en</language>
<item><title>One&nbsp;two</title><link>http://old.example/1</link>
<description>Caf&eacute; &amp; more&nbsp;text</description></item></channel></rss>"""
    (item,) = parse_feed(data, "x")  # &nbsp; is not XML: feedparser's lenient parser reads it
    assert isinstance(item, Entry)
    assert (item.title, item.paragraphs, item.source) == (
        "One two",
        ("Café & more text",),
        "Old & gold",
    )
    assert item.url == "http://old.example/1"


def test_empty_but_valid_feed_has_no_entries() -> None:
    data = b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>"
    assert parse_feed(data, "x") == []


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        '<rss version="2.0"><channel><title>T</title><item><title>A</title>'
        "<description>before &x; after</description></item></channel></rss>"
    ).encode()
    text = repr(parse_feed(data, "x"))
    assert "TOP-SECRET" not in text


# --- HTML to text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>One</p><p>Two</p>", ("One", "Two")),
        # <br> ends a line, as in the .txt rule: mid-sentence lines join, a line that ends a
        # sentence ends its paragraph, <br><br> is a blank line (the same in every reader)
        ("a<br>b<br/>c", ("a b c",)),
        ("One.<br>Two<br/>three.", ("One.", "Two three.")),
        ("a<br><br>b", ("a", "b")),
        ("<div>x <span>y</span></div>z", ("x y", "z")),
        ("<h2>Head</h2><blockquote>Quote</blockquote>", ("Head", "Quote")),
        ("<section><article>In</article></section>", ("In",)),
        ("<p>&lt;tag&gt; &amp;amp; &quot;q&quot; &#8217; &#x2014;</p>", ('<tag> &amp; "q" ’ —',)),
        ("<p>spaced\n\n   out\ttext</p>", ("spaced out text",)),
        ("<script>var a = '<p>no</p>';</script><p>yes</p>", ("yes",)),
        ("<noscript><p>no</p></noscript><style>.a{}</style>ok", ("ok",)),
        ("plain\n\nparagraphs\nhere", ("plain", "paragraphs here")),
        ("<p>zero\u200bwidth\x07</p>", ("zero width",)),
        ("", ()),
    ],
)
def test_html_to_paragraphs(markup: str, expected: tuple[str, ...]) -> None:
    assert html_to_paragraphs(markup) == expected


# --- dates ---------------------------------------------------------------------------------

UTC_0700 = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Fri, 27 Nov 2026 07:00:00 GMT", UTC_0700),
        ("Fri, 27 Nov 2026 07:00:00 +0000", UTC_0700),
        ("Fri, 27 Nov 2026 08:00:00 +0100", UTC_0700),
        ("Fri, 27 Nov 2026 07:00:00 UT", UTC_0700),
        ("Fri, 27 Nov 2026 07:00:00 Z", UTC_0700),
        ("Fri, 27 Nov 2026 02:00:00 EST", UTC_0700),
        ("Fri, 27 Nov 2026 08:00:00 CET", UTC_0700),
        ("Fri, 27 Nov 2026 08:00:00 GMT+1", UTC_0700),
        ("Fri, 27 Nov 2026 08:00:00 GMT+01:00", UTC_0700),
        ("Fri, 27 Nov 2026 01:30:00 UTC-05:30", UTC_0700),
        ("Fri, 27 Nov 2026 08:00:00 +01:00", UTC_0700),
        ("27 Nov 2026 07:00 GMT", UTC_0700),  # no day name, no seconds
        ("Fri, 27 Nov 26 07:00:00 GMT", UTC_0700),  # two-digit year
        ("Friday, 27-Nov-26 07:00:00 GMT", UTC_0700),  # RFC 850
        ("Fri, 27 November 2026 07:00:00 GMT", UTC_0700),
        ("Fri,  27 Nov 2026  7:00:00 GMT (Coordinated Universal Time)", UTC_0700),
        ("Sat, 7 Nov 2026 07:00:00 GMT", UTC_0700 - timedelta(days=20)),  # one-digit day
        ("2026-11-27T07:00:00Z", UTC_0700),
        ("2026-11-27t07:00:00z", UTC_0700),
        ("2026-11-27T08:00:00+01:00", UTC_0700),
        ("2026-11-27 08:00:00 +0100", UTC_0700),
        ("2026-11-27 07:00:00 UTC", UTC_0700),
        ("2026-11-27T07:00:00.123456789Z", UTC_0700.replace(microsecond=123456)),
        ("20261127T070000Z", UTC_0700),
    ],
)
def test_parse_feed_date_with_zone(value: str, expected: datetime) -> None:
    parsed = parse_feed_date(value, BERLIN)
    assert parsed.tzinfo is not None
    assert parsed == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Fri, 27 Nov 2026 08:00:00", datetime(2026, 11, 27, 8, 0)),
        ("Fri, 27 Nov 2026 08:00:00 -0000", datetime(2026, 11, 27, 8, 0)),  # zone unknown
        ("Fri, 27 Nov 2026 08:00:00 XYZ", datetime(2026, 11, 27, 8, 0)),  # unknown name
        ("Fri, 27 Nov 2026", datetime(2026, 11, 27, 0, 0)),
        ("2026-11-27T08:00:00", datetime(2026, 11, 27, 8, 0)),
        ("2026-11-27 08:00", datetime(2026, 11, 27, 8, 0)),
        ("2026-11-27", datetime(2026, 11, 27, 0, 0)),
    ],
)
def test_parse_feed_date_without_zone_uses_the_given_zone(value: str, expected: datetime) -> None:
    parsed = parse_feed_date(value, BERLIN)
    assert parsed == expected.replace(tzinfo=BERLIN)
    assert parsed.utcoffset() == timedelta(hours=1)


def test_parse_feed_date_keeps_the_feeds_offset() -> None:
    parsed = parse_feed_date("Fri, 27 Nov 2026 08:00:00 +0100", UTC)
    assert parsed.utcoffset() == timedelta(hours=1)
    assert parsed.tzinfo == timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    "value",
    [
        "",
        "   ",
        "yesterday",
        "Fri, 32 Nov 2026 07:00:00 GMT",
        "Fri, 27 Nov 2026 25:00:00 GMT",
        "Fri, 27 Foo 2026 07:00:00 GMT",
        "2026-13-01",
        "2026-11-27T07:00:00+25:00",
        "27 Nov",
        "12345",
    ],
)
def test_parse_feed_date_rejects_bad_values(value: str) -> None:
    with pytest.raises(ValueError, match=r"not (an RFC 822 or ISO 8601 date|a date)") as info:
        parse_feed_date(value, UTC)
    assert repr(value) in str(info.value)


def test_parse_feed_date_reads_every_fixture_date() -> None:
    for name in ("rss20.xml", "rss10.rdf", "atom.xml", "feed.json"):
        for item in entries(load(name)):
            if item.date is not None:
                assert isinstance(item.date, str)
                assert parse_feed_date(item.date, BERLIN).tzinfo is not None


# --- fetching over HTTP --------------------------------------------------------------------

FEED = (FEEDS / "rss20.xml").read_bytes()


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


Route = Callable[[BaseHTTPRequestHandler, int], None]


@dataclass
class Server:
    """A real HTTP server on 127.0.0.1; ``routes`` map a path to a handler function."""

    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]


def reply(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> None:
    handler.send_response(status)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    if status != 304:
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if status != 304:
        handler.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # e.g. a slow handler writing to a client that timed out and left


@pytest.fixture
def server() -> Iterator[Server]:
    state: dict[str, Server] = {}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            srv = state["server"]
            with lock:
                srv.seen.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}))
                count = len(srv.hits(self.path))
            route = srv.routes.get(self.path)
            if route is None:
                reply(self, 404, b"no such page")
            else:
                route(self, count)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = QuietServer(("127.0.0.1", 0), Handler)
    host, port = httpd.server_address[:2]
    state["server"] = Server(base=f"http://{host}:{port}")
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield state["server"]
    finally:
        state["server"].release.set()  # let slow handlers finish
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def sleeps() -> list[float]:
    return []


def get(server: Server, path: str, cache: Path, sleeps: list[float], **options: object) -> bytes:
    return fetch(server.url(path), cache, sleep=sleeps.append, **options)  # type: ignore[arg-type]


def test_etag_then_not_modified_comes_from_the_cache(
    server: Server, tmp_path: Path, sleeps: list[float]
) -> None:
    def route(handler: BaseHTTPRequestHandler, count: int) -> None:
        if handler.headers.get("If-None-Match") == '"v1"':
            reply(handler, 304, headers={"ETag": '"v1"'})
        else:
            reply(handler, 200, FEED, {"ETag": '"v1"', "Content-Type": "application/rss+xml"})

    server.routes["/feed"] = route
    assert get(server, "/feed", tmp_path, sleeps) == FEED
    assert get(server, "/feed", tmp_path, sleeps) == FEED
    first, second = server.hits("/feed")
    assert "if-none-match" not in first.headers
    assert second.headers["if-none-match"] == '"v1"'
    assert first.headers["user-agent"].startswith("digest/")
    key = hashlib.sha256(server.url("/feed").encode()).hexdigest()
    meta = load_record(tmp_path / f"{key}.json", "feed response", 1)  # the one record format
    assert isinstance(meta, dict)
    assert meta["url"] == server.url("/feed")
    assert meta["etag"] == '"v1"'
    assert meta["last_modified"] is None
    assert datetime.fromisoformat(meta["fetched"]).tzinfo is not None
    assert (tmp_path / f"{key}.body").read_bytes() == FEED
    assert sleeps == []


def test_last_modified_flow(server: Server, tmp_path: Path, sleeps: list[float]) -> None:
    stamp = "Fri, 27 Nov 2026 07:00:00 GMT"

    def route(handler: BaseHTTPRequestHandler, count: int) -> None:
        if handler.headers.get("If-Modified-Since") == stamp:
            reply(handler, 304)
        else:
            reply(handler, 200, FEED, {"Last-Modified": stamp})

    server.routes["/lm"] = route
    assert get(server, "/lm", tmp_path, sleeps) == FEED
    assert get(server, "/lm", tmp_path, sleeps) == FEED
    first, second = server.hits("/lm")
    assert "if-modified-since" not in first.headers
    assert second.headers["if-modified-since"] == stamp
    assert "if-none-match" not in second.headers


def test_changed_feed_replaces_the_cache(
    server: Server, tmp_path: Path, sleeps: list[float]
) -> None:
    def route(handler: BaseHTTPRequestHandler, count: int) -> None:
        reply(handler, 200, f"version {count}".encode(), {"ETag": f'"v{count}"'})

    server.routes["/changing"] = route
    assert get(server, "/changing", tmp_path, sleeps) == b"version 1"
    assert get(server, "/changing", tmp_path, sleeps) == b"version 2"
    assert get(server, "/changing", tmp_path, sleeps) == b"version 3"
    assert server.hits("/changing")[2].headers["if-none-match"] == '"v2"'


def test_404_is_not_retried(server: Server, tmp_path: Path, sleeps: list[float]) -> None:
    with pytest.raises(ArticleError, match=r"^HTTP 404 Not Found$"):
        get(server, "/missing", tmp_path, sleeps)
    assert len(server.hits("/missing")) == 1
    assert sleeps == []


def test_500_then_200_is_retried(server: Server, tmp_path: Path, sleeps: list[float]) -> None:
    def route(handler: BaseHTTPRequestHandler, count: int) -> None:
        if count == 1:
            reply(handler, 500, b"oops")
        else:
            reply(handler, 200, FEED)

    server.routes["/flaky"] = route
    assert get(server, "/flaky", tmp_path, sleeps) == FEED
    assert len(server.hits("/flaky")) == 2
    assert sleeps == [1.0]


def test_500_always_gives_up_after_3_tries(
    server: Server, tmp_path: Path, sleeps: list[float]
) -> None:
    server.routes["/down"] = lambda handler, count: reply(handler, 500, b"oops")
    with pytest.raises(ArticleError, match=r"^HTTP 500 Internal Server Error after 3 tries$"):
        get(server, "/down", tmp_path, sleeps, backoff=0.5)
    assert len(server.hits("/down")) == 3
    assert sleeps == [0.5, 1.0]  # backoff * 2**attempt


def test_429_honours_a_small_retry_after(
    server: Server, tmp_path: Path, sleeps: list[float]
) -> None:
    def route(handler: BaseHTTPRequestHandler, count: int) -> None:
        if count == 1:
            reply(handler, 429, b"slow down", {"Retry-After": "5"})
        else:
            reply(handler, 200, FEED)

    server.routes["/busy"] = route
    assert get(server, "/busy", tmp_path, sleeps) == FEED
    assert sleeps == [5.0]


def test_429_with_a_long_retry_after_gives_up(
    server: Server, tmp_path: Path, sleeps: list[float]
) -> None:
    server.routes["/later"] = lambda h, count: reply(h, 429, b"", {"Retry-After": "3600"})
    with pytest.raises(ArticleError, match=r"^HTTP 429 Too Many Requests \(retry after 3600 s\)$"):
        get(server, "/later", tmp_path, sleeps)
    assert len(server.hits("/later")) == 1
    assert sleeps == []


def test_slow_server_times_out(server: Server, tmp_path: Path, sleeps: list[float]) -> None:
    def route(handler: BaseHTTPRequestHandler, count: int) -> None:
        server.release.wait(10)  # until the test is over
        reply(handler, 200, FEED)

    server.routes["/slow"] = route
    with pytest.raises(ArticleError, match=r"^timed out after 0\.3 s \(2 tries\)$"):
        get(server, "/slow", tmp_path, sleeps, timeout=0.3, retries=1)
    assert sleeps == [1.0]
    with pytest.raises(ArticleError, match=r"^timed out after 0\.3 s$"):
        get(server, "/slow", tmp_path, sleeps, timeout=0.3, retries=0)


def test_connection_refused(tmp_path: Path, sleeps: list[float]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(ArticleError, match=r"^connection refused after 3 tries$"):
        fetch(f"http://127.0.0.1:{port}/feed", tmp_path, sleep=sleeps.append)
    assert sleeps == [1.0, 2.0]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "ftp://127.0.0.1/feed.xml",
        "feed.xml",
        "javascript:alert(1)",
        "http:/x",
    ],
)
def test_only_http_urls_are_fetched(url: str, tmp_path: Path, sleeps: list[float]) -> None:
    with pytest.raises(
        ArticleError, match=r"^cannot fetch .*: only http:// and https:// URLs are read$"
    ):
        fetch(url, tmp_path, sleep=sleeps.append)
    assert list(tmp_path.iterdir()) == []


def test_redirect_to_another_scheme_is_refused(
    server: Server, tmp_path: Path, sleeps: list[float]
) -> None:
    server.routes["/moved"] = lambda h, count: reply(h, 302, b"", {"Location": "ftp://x/f"})
    server.routes["/here"] = lambda h, count: reply(h, 301, b"", {"Location": "/feed"})
    server.routes["/feed"] = lambda h, count: reply(h, 200, FEED)
    with pytest.raises(ArticleError, match=r"^redirected to a non-HTTP URL: ftp://x/f$"):
        get(server, "/moved", tmp_path, sleeps)
    assert get(server, "/here", tmp_path, sleeps) == FEED


@pytest.mark.parametrize(
    "damage",
    [
        lambda meta, body: meta.write_text("{not json"),
        lambda meta, body: meta.write_text('["a list"]'),
        lambda meta, body: meta.write_text(json.dumps({"url": "http://other/", "etag": '"v1"'})),
        lambda meta, body: body.write_bytes(b"tampered body"),
        lambda meta, body: body.unlink(),
    ],
    ids=["not-json", "not-object", "other-url", "body-changed", "body-missing"],
)
def test_corrupt_cache_is_ignored(
    damage: Callable[[Path, Path], object], server: Server, tmp_path: Path, sleeps: list[float]
) -> None:
    def route(handler: BaseHTTPRequestHandler, count: int) -> None:
        if handler.headers.get("If-None-Match") == '"v1"':
            reply(handler, 304)
        else:
            reply(handler, 200, FEED, {"ETag": '"v1"'})

    server.routes["/feed"] = route
    assert get(server, "/feed", tmp_path, sleeps) == FEED
    key = hashlib.sha256(server.url("/feed").encode()).hexdigest()
    damage(tmp_path / f"{key}.json", tmp_path / f"{key}.body")
    assert get(server, "/feed", tmp_path, sleeps) == FEED
    assert "if-none-match" not in server.hits("/feed")[1].headers
    assert get(server, "/feed", tmp_path, sleeps) == FEED  # and the cache works again
    assert server.hits("/feed")[2].headers["if-none-match"] == '"v1"'


def test_304_without_a_cache_is_an_error(
    server: Server, tmp_path: Path, sleeps: list[float]
) -> None:
    server.routes["/odd"] = lambda h, count: reply(h, 304)
    with pytest.raises(ArticleError, match=r"^HTTP 304 Not Modified, but there is no cached copy"):
        get(server, "/odd", tmp_path, sleeps)


def test_body_size_is_limited(server: Server, tmp_path: Path, sleeps: list[float]) -> None:
    server.routes["/big"] = lambda h, count: reply(h, 200, b"x" * 1000)

    def chunked(handler: BaseHTTPRequestHandler, count: int) -> None:
        handler.send_response(200)
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(b"y" * 1000)
        handler.close_connection = True

    server.routes["/unsized"] = chunked
    with pytest.raises(ArticleError, match=r"^response is 1,000 bytes, over the 100 byte limit$"):
        get(server, "/big", tmp_path, sleeps, max_bytes=100)
    with pytest.raises(ArticleError, match=r"^response is over the 100 byte limit$"):
        get(server, "/unsized", tmp_path, sleeps, max_bytes=100)
    assert get(server, "/unsized", tmp_path, sleeps, max_bytes=1000) == b"y" * 1000


def test_gzip_responses_are_decompressed_within_the_limit(
    server: Server, tmp_path: Path, sleeps: list[float]
) -> None:
    def route(handler: BaseHTTPRequestHandler, count: int) -> None:
        assert "gzip" in handler.headers.get("Accept-Encoding", "")
        body = FEED if handler.path == "/gz" else b" " * 100_000
        reply(handler, 200, gzip.compress(body), {"Content-Encoding": "gzip"})

    server.routes["/gz"] = route
    server.routes["/bomb"] = route
    assert get(server, "/gz", tmp_path, sleeps) == FEED
    with pytest.raises(ArticleError, match=r"^response is over the 10,000 byte limit$"):
        get(server, "/bomb", tmp_path, sleeps, max_bytes=10_000)


def test_fetched_feed_parses(server: Server, tmp_path: Path, sleeps: list[float]) -> None:
    server.routes["/rss"] = lambda h, count: reply(h, 200, FEED)
    url = server.url("/rss")
    items = parse_feed(get(server, "/rss", tmp_path, sleeps), url)
    assert entries(items)[0].url == "https://news.example.com/local/bridge"
