"""Issue 14: what real sites and feeds publish, from tests/real_world/ (see its README for
where each file comes from): feeds as feedparser decodes them, WordPress exports (WXR and REST),
NewsAPI, OPML lists of feeds, mail (.eml, .mbox); and what `digest ls` says of each."""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

from digest.cli import app
from digest.errors import ArticleError
from digest.model import Article, Skipped
from digest.pipeline import make
from digest.readers.base import Entry, EntrySkip
from digest.readers.feeds import parse_feed
from digest.readers.mail import read_mail, remove_chrome
from digest.readers.opml import feed_urls
from digest.readers.scan import ReadOptions, read_file
from digest.settings import Settings

REAL = Path(__file__).resolve().parent / "real_world"
NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)


def read(name: str) -> tuple[list[Article], list[Skipped]]:
    return read_file(REAL / name, ReadOptions(UTC, now=NOW))


def by_title(articles: list[Article]) -> dict[str, Article]:
    return {a.title: a for a in articles}


# --- feeds -------------------------------------------------------------------------------


def test_rss_092_items_without_dates_are_dated_when_first_seen() -> None:
    articles, skipped = read("rss092-no-dates.rss")  # RSS 0.92: items have no date
    assert skipped == []
    assert [a.title for a in articles] == ["The First Item", "The Second Item"]
    assert {(a.published, a.date_source) for a in articles} == {(NOW, "first seen")}


def test_atom_03_base64_content_without_a_type_shows_no_tags() -> None:
    # Atom 0.3's default type is text/plain; this base64 body is "Example <b>Atom</b>"
    (article,), _ = read("atom03-base64.xml")
    assert article.paragraphs == ("Example Atom",)
    assert article.title == "Example Atom"  # no title: its first sentence heads it


def test_atom_03_created_date_is_used() -> None:
    (article,), _ = read("atom03-created-et.xml")
    assert article.published == datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    assert article.date_source == "feed created"
    assert article.paragraphs == (
        "The ferry pier reopened on Thursday after six weeks of repairs.",
    )


def test_us_zone_letters_and_dcterms_created() -> None:
    articles = by_title(read("us-zone-letters.rss")[0])
    assert articles["Council meets late"].published == datetime(2026, 11, 26, 14, tzinfo=UTC)
    assert articles["West coast office opens"].published == datetime(2026, 11, 26, 17, tzinfo=UTC)
    created = articles["Created only"]
    assert (created.published, created.date_source) == (
        datetime(2026, 11, 25, 8, tzinfo=UTC),
        "feed created",
    )


def test_a_date_without_a_zone_is_still_read_in_the_run_zone() -> None:
    feed = (
        b"<rss version='2.0'><channel><title>t</title><item><title>Naive</title>"
        b"<pubDate>Thu, 26 Nov 2026 09:00:00</pubDate><description>Text here.</description>"
        b"</item></channel></rss>"
    )
    (entry,) = parse_feed(feed, "naive.xml")
    assert entry.date == "Thu, 26 Nov 2026 09:00:00"  # left to the run's zone


def test_double_escaped_html_leaves_no_tags() -> None:
    (article,), _ = read("reddit-double-escaped.rss")
    assert article.paragraphs[:2] == (
        "Took the first crossing this morning. The pier repairs look solid.",
        "Tea on the quay was a nice touch.",
    )
    assert not any("<" in p or "&lt;" in p or "&quot;" in p for p in article.paragraphs)


def test_escaped_html_in_a_real_feed_leaves_no_tags() -> None:
    (article,), _ = read("escaped-html.rss")
    assert article.title == "FAQ for Narro"
    assert not any("<" in p for p in article.paragraphs)


def test_text_after_an_unclosed_object_is_kept() -> None:
    feed = (
        b"<rss version='2.0'><channel><title>t</title><item><title>Embed</title>"
        b"<description><![CDATA[<p>Before the video.<object data='v.swf'><param name='a'>"
        b"</p><p>After the video, the story goes on.</p>]]></description>"
        b"<pubDate>Thu, 26 Nov 2026 09:00:00 GMT</pubDate></item></channel></rss>"
    )
    (entry,) = parse_feed(feed, "embed.xml")
    assert entry.paragraphs == ("Before the video.", "After the video, the story goes on.")
    (safe,), _ = read("object-in-body.xml")  # feedparser's own test: a closed <object/>
    assert safe.paragraphs == ("safe description",)


def test_json_feed_with_a_plain_version_titles_from_text_and_entities_decoded() -> None:
    articles, skipped = read("microblog.json")
    assert skipped == []
    assert [a.title for a in articles] == [
        "First ferry across since October left on time this morning.",
        "Harbour's new crane",
    ]
    assert {a.source for a in articles} == {"Ruth's harbour log"}
    assert [a.date_source for a in articles] == ["feed published", "feed published"]


def test_a_long_first_sentence_is_cut_for_the_headline() -> None:
    words = " ".join(f"word{n}" for n in range(30))
    doc = {"version": "1", "items": [{"id": "1", "content_text": f"{words}. Second one."}]}
    (entry,) = parse_feed(json.dumps(doc).encode(), "x.json")
    assert entry.title == " ".join(f"word{n}" for n in range(14)) + "…"


# --- WordPress, NewsAPI ------------------------------------------------------------------


def test_wxr_export_gives_published_posts_only() -> None:
    articles, skipped = read("wordpress-export.xml")
    (post,) = articles
    assert post.title == "Ferry pier reopens after repairs"
    assert post.published == datetime(2026, 11, 26, 9, 30, tzinfo=UTC)  # wp:post_date_gmt
    assert post.url == "https://notes.example.org/2026/11/ferry-pier-reopens/"
    assert post.id == "https://notes.example.org/?p=101"
    assert (post.author, post.source) == ("tessa", "Harbourton Harbour Notes")
    assert post.dek == "Six weeks of repairs are over."
    assert post.tags == ("Harbour", "ferry")
    assert post.paragraphs == (  # blank lines are paragraphs; the caption and [shortcodes] go
        "The ferry pier at Harbourton reopened on Thursday after six weeks of repairs to its "
        "timber deck.",
        "Harbour master Ruth Penhale said the first crossing left on time.",
        "Passengers were greeted with tea on the quay.",
        "The council paid £240,000 for the work, which was delayed by the October storms.",
    )
    assert sorted(s.reason for s in skipped) == [
        "WordPress attachment, not a post",
        "WordPress draft (not published)",
        "WordPress page, not a post",
    ]


def test_newsapi_fields_are_read() -> None:
    articles = by_title(read("newsapi-everything.json")[0])
    storm = articles["Amber warning as Storm Ingrid heads for Harbourton"]
    assert storm.published == datetime(2026, 11, 26, 6, 45, tzinfo=UTC)  # publishedAt
    assert storm.date_source == "export"
    assert storm.source == "Harbourton Gazette" and storm.author == "Tessa Morrow"
    assert storm.dek == "Forecasters expect gusts of 70mph along the coast on Thursday night."
    assert storm.paragraphs[-1].endswith("Ferries have been cancelled and the…")
    assert not any("chars]" in p for a in articles.values() for p in a.paragraphs)
    robots = articles["Library robots sort 10,000 books in their first week"]
    assert robots.published.isoformat() == "2026-11-25T09:15:00+01:00"
    assert robots.url == "https://tribune.example.org/library-robots"


def test_wordpress_rest_fields_are_read() -> None:
    articles, skipped = read("wordpress-rest-posts.json")
    (post,) = articles
    assert post.title == "Ferry pier reopens after repairs – at last"
    assert post.url == "https://notes.example.org/2026/11/ferry-pier-reopens/"  # link
    assert post.id == post.url  # not the bare row number 101
    assert post.published == datetime(2026, 11, 26, 9, 30, tzinfo=UTC)  # date_gmt, not date
    assert post.author is None  # a user number is no name
    assert post.dek == ""  # the excerpt only repeats the opening
    assert [s.reason for s in skipped] == ["draft (not published)"]


# --- mail --------------------------------------------------------------------------------


def test_eml_newsletter_without_its_chrome() -> None:
    (article,), skipped = read("newsletter.eml")
    assert skipped == []
    assert article.title == "Harbourton Weekly: the ferry is back"
    assert article.published == datetime(2026, 11, 26, 7, 45, tzinfo=UTC)
    assert article.date_source == "mail date"
    assert article.source == article.author == "Harbourton Weekly"
    assert article.id == "mid:weekly-2026-48@news.example.org"
    text = "\n".join(article.paragraphs)
    assert "timber deck" in text and "October storms" in text  # base64 HTML part, decoded
    for chrome in ("browser", "receiving", "nsubscribe", "preferences", "©"):
        assert chrome not in text


def test_mbox_gives_each_message() -> None:
    articles, skipped = read("newsletters.mbox")
    assert skipped == []
    notice = by_title(articles)["Road closure on Quay Street – Monday"]  # RFC 2047 subject
    assert notice.source == "council-notices@harbourton.example.gov"  # no display name
    assert notice.published.isoformat() == "2026-11-25T16:10:00+01:00"
    # a body line starting "From " (quoted in the mbox) is text, not a new message
    assert notice.paragraphs[-1].startswith("From Tuesday the road reopens")
    assert len(articles) == 2


def test_chrome_words_inside_an_article_stay() -> None:
    kept = ("Readers can unsubscribe from the council's alerts, the mayor said.", "A", "B", "C")
    assert remove_chrome(kept) == kept  # in the first half: an article's own words


def test_a_message_without_text_is_skipped_with_the_reason() -> None:
    (skip,) = read_mail(b"Subject: empty\nMessage-ID: <e@x>\n\n", "x.eml")
    assert skip.reason == "no text in the message"  # type: ignore[union-attr]


# --- OPML --------------------------------------------------------------------------------


def test_opml_names_each_feed_once() -> None:
    urls = feed_urls((REAL / "subscriptions.opml").read_bytes())
    assert urls == ["http://127.0.0.1:PORT/wire.xml", "http://127.0.0.1:PORT/notices.json"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<opml><body><outline text='x'/></body></opml>", "no feeds listed"),
        (b"<opml><body>", "malformed OPML"),
        (b"<rss/>", "not an OPML list"),
    ],
)
def test_a_bad_opml_is_skipped_with_the_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "feeds.opml"
    path.write_bytes(data)
    articles, (skip,) = read_file(path, ReadOptions(UTC))
    assert articles == [] and skip.reason.startswith(reason)
    with pytest.raises(ArticleError):
        feed_urls(data)


class Feeds(BaseHTTPRequestHandler):
    bodies: ClassVar[dict[str, bytes]] = {}
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        body = self.bodies.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Feeds)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Feeds.requests.clear()
    try:
        yield f"127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_make_reads_the_feeds_an_opml_lists(server: str, tmp_path: Path) -> None:
    Feeds.bodies = {
        "/wire.xml": (REAL / "us-zone-letters.rss").read_bytes(),
        "/notices.json": (REAL / "microblog.json").read_bytes(),
    }
    src = tmp_path / "src"
    src.mkdir()
    opml = (REAL / "subscriptions.opml").read_text().replace("PORT", server.split(":")[1])
    (src / "subscriptions.opml").write_text(opml)
    settings = Settings(sources=(src,), out=tmp_path / "out", since="2026-11-20", timezone="UTC")
    result = make(settings, now=NOW)
    assert result.folder is not None
    manifest = json.loads((result.folder / "manifest.json").read_text())
    paths = {a["path"] for a in manifest["articles"] + manifest["more_stories"]}
    assert paths == {f"http://{server}/wire.xml", f"http://{server}/notices.json"}
    assert sorted(Feeds.requests) == ["/notices.json", "/wire.xml"]  # each once
    assert manifest["skipped"] == []


# --- digest ls shows each case ------------------------------------------------------------


def test_ls_shows_title_date_and_skip_reason_for_every_real_world_file(tmp_path: Path) -> None:
    src = tmp_path / "real_world"
    shutil.copytree(REAL, src)
    (src / "subscriptions.opml").unlink()  # its feeds are on a local server: tested above
    result = CliRunner().invoke(
        app,
        ["ls", "--json", "--source", str(src), "--out", str(tmp_path / "out")],
        env={"DIGEST_NOW": NOW.isoformat(), "DIGEST_TIMEZONE": "UTC"},
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    titles = {r["title"]: r for r in rows if r["title"]}
    assert titles["Council meets late"]["published"] == "2026-11-26T14:00+00:00"
    assert titles["Pier reopens"]["date_source"] == "feed created"
    assert titles["The First Item"]["date_source"] == "first seen"
    assert titles["Example Atom"]["published"] == "2026-11-27T07:00+00:00"
    assert titles["Harbourton Weekly: the ferry is back"]["date_source"] == "mail date"
    assert titles["Amber warning as Storm Ingrid heads for Harbourton"]["date_source"] == "export"
    assert titles["Ferry pier reopens after repairs"]["source"] == "Harbourton Harbour Notes"
    reasons = sorted(r["detail"] for r in rows if r["status"] == "skipped")
    assert reasons == [
        "WordPress attachment, not a post",
        "WordPress draft (not published)",
        "WordPress page, not a post",
        "draft (not published)",
    ]
    assert all("<" not in r["title"] and "&#" not in r["title"] for r in rows if r["title"])


def test_blogger_export_gives_posts_only() -> None:
    kind = "http://schemas.google.com/g/2005#kind"
    blogger = "http://schemas.google.com/blogger/2008/kind#"

    def entry(ident: str, what: str, text: str) -> str:
        return (
            f"<entry><id>{ident}</id><published>2026-11-26T09:00:00Z</published>"
            f"<category scheme='{kind}' term='{blogger}{what}'/>"
            "<category scheme='http://www.blogger.com/atom/ns#' term='harbour'/>"
            f"<title type='text'>{what} entry</title><content type='html'>{text}</content></entry>"
        )

    feed = (
        "<feed xmlns='http://www.w3.org/2005/Atom'><title>Blog</title>"
        + entry("s1", "settings", "BLOGGER_SETTING_VALUE")
        + entry("t1", "template", "&lt;b:skin&gt;body {}&lt;/b:skin&gt;")
        + entry("p1", "post", "&lt;p&gt;The ferry is back on Thursday.&lt;/p&gt;")
        + "</feed>"
    ).encode()
    post, *rest = sorted(parse_feed(feed, "blog.xml"), key=lambda e: isinstance(e, EntrySkip))
    assert isinstance(post, Entry) and post.title == "post entry" and post.tags == ("harbour",)
    assert sorted(s.reason for s in rest) == [  # type: ignore[union-attr]
        "Blogger settings, not a post",
        "Blogger template, not a post",
    ]


def test_an_article_sentence_starting_with_a_chrome_word_stays() -> None:
    paragraphs = (
        "Twitter said on Monday that it would close its office on the quay next spring.",
        "Follow us on Twitter",
        "© 2026 Harbourton Weekly",
    )
    assert remove_chrome(paragraphs) == paragraphs[:1]


def test_make_verbose_says_what_no_reader_reads(tmp_path: Path) -> None:
    src = tmp_path / "docs"
    src.mkdir()
    for name in ("a.docx", "b.docx", "notes", ".hidden.rst"):
        (src / name).write_text("text")
    result = CliRunner().invoke(
        app,
        ["make", "-v", "--source", str(src), "--out", str(tmp_path / "out")],
        env={"DIGEST_NOW": NOW.isoformat(), "DIGEST_TIMEZONE": "UTC"},
    )
    assert result.exit_code == 0, result.output
    assert "passed over 3 file(s) no reader reads: .docx (2), no extension (1)" in result.stderr
    assert "nothing new" in result.stderr
