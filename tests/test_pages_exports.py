"""Text decoding (encoding.py), saved HTML pages (pages.py) and JSON exports (exports.py)."""

from __future__ import annotations

import json
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from digest.errors import ArticleError, ConfigError
from digest.readers.base import Entry, EntrySkip
from digest.readers.decode import decode_text
from digest.readers.exports import DEFAULT_FIELDS, is_json_feed, read_export
from digest.readers.pages import MISSING_EXTRA, html_supported, read_page
from digest.text import html_to_paragraphs
from digest.text import text_paragraphs as text_to_paragraphs

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
NEWS_PAGE = PAGES / "news-page.html"


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# --- encoding ------------------------------------------------------------------------------


def test_cp1252_curly_quotes() -> None:
    data = b"\x93It\x92s done,\x94 the minister said of the council\x92s plan.\n"
    text, name = decode_text(data)
    assert text == "“It’s done,” the minister said of the council’s plan.\n"
    assert name == "cp1252"
    assert "â€" not in text


def test_cp1252_article_with_dashes_euro_and_pound() -> None:
    original = (
        "Council approves \u00a34m plan\n\nThe committee voted 7\u20132 on Tuesday. "
        "\u201cIt\u2019s a good day,\u201d said the chair \u2014 the plan costs \u20ac4.7m.\n"
    )
    assert decode_text(original.encode("cp1252")) == (original, "cp1252")


def test_latin1_e_acute() -> None:
    text, name = decode_text("Caf\xe9 owners say the caf\xe9 will reopen.\n".encode("latin-1"))
    assert text == "Café owners say the café will reopen.\n"
    assert name in {"cp1252", "iso8859-1", "iso8859-15"}


@pytest.mark.parametrize(
    ("original", "encoding"),
    [
        ("Grüße aus Köln, sagte die Ärztin. „Wir sind da“.\n", "cp1252"),
        ("El niño y el señor llegaron el lunes.\n", "cp1252"),
        ("Vláda v pondělí schválila nový rozpočet na příští rok.\n", "cp1250"),
        ("Zażółć gęślą jaźń.\n", "cp1250"),
        ("Правительство одобрило новый бюджет.\n", "cp1251"),
        ("Привет, мир.\n", "koi8_r"),
        ("Η κυβέρνηση ενέκρινε τον νέο προϋπολογισμό.\n", "cp1253"),
        ("Güzel bir gün, değil mi?\n", "cp1254"),
        (
            "Valitsus kiitis esmaspäeval heaks uue eelarve. „Šokolaad ja žürii“, ütles ta.\n",
            "cp1257",
        ),
        ("政府は月曜日、来年度の新しい予算案を承認した。\n", "shift_jis"),
    ],
)
def test_legacy_code_pages(original: str, encoding: str) -> None:
    text, _ = decode_text(original.encode(encoding))
    assert text == original


def test_utf8_with_bom_keeps_offsets() -> None:
    body = "Headline\n\nCafé “quoted” text.\n"
    data = b"\xef\xbb\xbf" + body.encode("utf-8")
    text, name = decode_text(data)
    assert name == "utf-8"
    assert text == "\ufeff" + body  # the mark stays: offsets count it, as the file does
    assert text.index("“quoted”") == len("\ufeffHeadline\n\nCafé ")


def test_utf8_with_a_stray_cp1252_byte_is_not_mojibake() -> None:
    data = "Café “one” — two.\n".encode() * 3 + b"A pasted \x92quote\x92.\n"
    text, name = decode_text(data)
    assert name == "utf-8"
    assert text.endswith("Café “one” — two.\nA pasted ’quote’.\n")


def test_utf16_with_bom() -> None:
    text, name = decode_text("\ufeffCafé “x”.\n".encode("utf-16-le"))
    assert (text, name) == ("\ufeffCafé “x”.\n", "utf-16-le")


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nstream\nx\x9c\x00\x01endstream",
        bytes(range(1, 256)) * 20,
    ],
)
def test_binary_files(data: bytes) -> None:
    with pytest.raises(ArticleError, match=r"^binary file, not text$"):
        decode_text(data)


@pytest.mark.parametrize("data", [b"", b"  \n\t \r\n", b"\xef\xbb\xbf \n"])
def test_empty_files(data: bytes) -> None:
    with pytest.raises(ArticleError, match=r"^empty file$"):
        decode_text(data)


# --- saved pages ---------------------------------------------------------------------------


def test_news_page(offline: None) -> None:
    entry = read_page(NEWS_PAGE.read_text(encoding="utf-8"), NEWS_PAGE.name)
    assert entry.title == "Council approves £4m cycle lane plan"
    assert entry.date == "2026-11-26T07:45:00+00:00"  # with its time, not just the day
    assert entry.date_origin == "page metadata"
    assert entry.needs_date is False
    # the canonical link, not og:url with its tracking parameter
    assert entry.url == "https://www.rivertoncourier.example/news/2026/11/26/cycle-lanes"
    assert entry.source == "The Riverton Courier"
    assert entry.author == "Priya Natarajan"
    assert entry.language == "en-GB"
    assert entry.tags == ("Transport", "Cycling")
    assert entry.dek.startswith("Seven kilometres of protected lanes")
    assert entry.paragraphs[0].startswith("Riverton’s transport committee voted seven to two")
    assert entry.paragraphs[-1].startswith("The council says a further consultation")
    assert len(entry.paragraphs) == 5
    body = "\n".join(entry.paragraphs)
    for boilerplate in (
        "Subscribe for just £1",  # navigation
        "All rights reserved",  # footer
        "Privacy policy",
        "About time!",  # reader comments
        "ruin business",
        "We use cookies",  # cookie banner
        "Bus fares to rise",  # related stories box
        "Share on X",
        "Photograph: Riverton Courier",  # image caption
        "Council approves £4m cycle lane plan",  # the headline is not body text
    ):
        assert boilerplate not in body, boilerplate


def test_page_in_cp1252_reads_the_same(offline: None) -> None:
    page = NEWS_PAGE.read_text(encoding="utf-8").replace(
        '<meta charset="utf-8">', '<meta charset="windows-1252">'
    )
    text, name = decode_text(page.encode("cp1252"))
    assert name == "cp1252"
    entry = read_page(text, "news-page.html")
    assert entry.title == "Council approves £4m cycle lane plan"
    assert "“This is the biggest investment" in entry.paragraphs[2]


BODY = "".join(
    f"<p>Paragraph {n} of the report gives the details that make this a real article, "
    "long enough for the extractor to keep it.</p>"
    for n in range(1, 5)
)


def page(head: str, article: str = BODY, footer: str = "", lang: str = "") -> str:
    return (
        f"<!DOCTYPE html><html{lang}><head>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Water rates to rise in April</h1>{article}</article>"
        f"<footer>{footer}</footer></body></html>"
    )


def test_page_date_from_json_ld_and_url_from_relative_canonical(offline: None) -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Example"},
            {"@type": "NewsArticle", "datePublished": "2026-11-25T18:30:00Z"},
        ],
    }
    head = (
        "<title>Water rates to rise in April</title>"
        '<link rel="canonical" href="/money/water-rates">'
        '<meta property="og:url" content="https://news.example/money/water-rates?utm_source=x">'
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    )
    entry = read_page(page(head, lang=' lang="de"'), "p.html")
    assert entry.date == "2026-11-25T18:30:00+00:00"
    assert entry.url == "https://news.example/money/water-rates"
    assert entry.language == "de"


def test_page_og_url_loses_tracking_parameters(offline: None) -> None:
    head = (
        "<title>t</title>"
        '<meta property="og:url" content="https://news.example/a?id=7&utm_source=tw&fbclid=z">'
    )
    assert read_page(page(head), "p.html").url == "https://news.example/a?id=7"


def test_page_canonical_link_to_the_home_page_is_passed_over(offline: None) -> None:
    head = (
        '<title>t</title><link rel="canonical" href="https://news.example/">'
        '<meta property="og:url" content="https://news.example/money/water-rates">'
    )
    assert read_page(page(head), "p.html").url == "https://news.example/money/water-rates"


def test_page_without_absolute_http_url(offline: None) -> None:
    head = '<title>t</title><link rel="canonical" href="ftp://news.example/a">'
    assert read_page(page(head), "p.html").url is None


def test_page_day_only_date(offline: None) -> None:
    entry = read_page(page('<title>t</title><meta name="date" content="2026-11-20">'), "p.html")
    assert entry.date == "2026-11-20"
    assert entry.date_origin == "page metadata"


def test_page_without_date_leaves_it_to_the_caller(offline: None) -> None:
    # the footer's copyright year is not a publication date
    entry = read_page(page("<title>t</title>", footer="© 2026 Example News Ltd"), "p.html")
    assert entry.date is None
    assert entry.date_origin == ""
    assert entry.needs_date is False


def test_page_description_that_repeats_the_opening_is_no_dek(offline: None) -> None:
    head = '<title>t</title><meta name="description" content="Paragraph 1 of the report gives">'
    assert read_page(page(head), "p.html").dek == ""


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><nav><a href=/>Home</a><a href=/x>News</a></nav>"
        "<footer>© 2026 Example</footer></body></html>",
        "<html><head><title>Log in</title></head><body><form><input name=e>"
        "<button>Sign in</button></form><p>Forgot your password? Reset it here.</p></body></html>",
        "<html><head><title>Not found</title></head><body><h1>404</h1>"
        "<p>Sorry, the page you are looking for does not exist.</p></body></html>",
        "<html><body><div class='cookie-banner'><p>We use cookies to improve your experience on "
        "our site. By continuing to browse you agree to our use of cookies and our privacy "
        "policy.</p></div></body></html>",
        "",
    ],
    ids=["menu", "login", "404", "cookie-banner", "empty"],
)
def test_page_without_article_text(offline: None, html: str) -> None:
    with pytest.raises(ArticleError, match=r"^no article text found in the page$"):
        read_page(html, "p.html")


def test_missing_html_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import now raises ImportError
    assert html_supported() is False
    with pytest.raises(ArticleError) as caught:
        read_page(NEWS_PAGE.read_text(encoding="utf-8"), NEWS_PAGE.name)
    assert str(caught.value) == MISSING_EXTRA
    assert MISSING_EXTRA == (
        "reading saved HTML pages needs the 'html' extra: pip install 'digest[html]'"
    )


def test_html_extra_installed() -> None:
    assert html_supported() is True


# --- exports -------------------------------------------------------------------------------


def entries(result: list[Entry | EntrySkip]) -> list[Entry]:
    assert all(isinstance(r, Entry) for r in result), result
    return [r for r in result if isinstance(r, Entry)]


ITEM = {
    "id": "a-1",
    "title": "Bridge reopens after repairs",
    "date": "2026-11-26T08:00:00Z",
    "url": "https://news.example/bridge",
    "body": "The bridge reopened on Wednesday.\n\nRepairs took six months\nand cost £2m.",
    "author": "Sam Lee",
    "source": "Example News",
    "language": "en",
    "tags": ["transport", "roads"],
}


def test_export_list() -> None:
    second = {"title": "Second", "content": "Only content here."}
    [first, other] = entries(read_export(json.dumps([ITEM, second]), "export.json"))
    assert first.title == "Bridge reopens after repairs"
    assert first.paragraphs == (
        "The bridge reopened on Wednesday.",
        "Repairs took six months and cost £2m.",
    )
    assert first.date == "2026-11-26T08:00:00Z"
    assert first.date_origin == "export"
    assert first.needs_date is False
    assert first.url == "https://news.example/bridge"
    assert first.id == "a-1"
    assert (first.author, first.source, first.language) == ("Sam Lee", "Example News", "en")
    assert first.tags == ("transport", "roads")
    assert other.paragraphs == ("Only content here.",)  # body, else content
    assert other.date is None
    assert other.date_origin == ""


@pytest.mark.parametrize("key", ["items", "articles", "entries", "data", "Results"])
def test_export_wrapped_in_an_object(key: str) -> None:
    text = json.dumps({"exported": "2026-11-27", "count": 1, key: [ITEM]})
    assert entries(read_export(text, "export.json"))[0].title == ITEM["title"]


def test_export_wrapped_one_level_deeper() -> None:
    text = json.dumps({"response": {"status": "ok", "results": [ITEM]}})
    assert entries(read_export(text, "export.json"))[0].title == ITEM["title"]


def test_export_without_a_list() -> None:
    with pytest.raises(ArticleError, match=r"^no list of articles found"):
        read_export(json.dumps({"status": "ok", "count": 0}), "export.json")


def test_jsonl_with_a_bad_line() -> None:
    text = (
        json.dumps({"title": "One", "body": "First."})
        + "\n\n"
        + '{"title": "Two", "body": \n'
        + json.dumps({"title": "Three", "body": "Third \u2028 line."})
        + "\n"
    )
    for mode in (True, None):  # told, and found out from the text
        result = read_export(text, "export.jsonl", jsonl=mode)
        assert [type(r) for r in result] == [Entry, EntrySkip, Entry]
        skip = result[1]
        assert isinstance(skip, EntrySkip)
        assert skip.label == "line 3"
        assert skip.reason.startswith("not valid JSON: ")
        assert [r.title for r in result if isinstance(r, Entry)] == ["One", "Three"]


def test_custom_field_names_and_dotted_paths() -> None:
    item = {
        "headline": "Mayor resigns",
        "text": "<p>The mayor resigned on Friday.</p>",
        "published_at": 1764144000,
        "byline": {"name": "Ana Ruiz"},
        "meta": {"links": [{"href": "https://news.example/mayor"}]},
        "title": "ignored: title is mapped to headline",
    }
    fields = {
        "title": "headline",
        "body": "text",
        "date": "published_at",
        "author": "byline.name",
        "url": "meta.links.0.href",
    }
    [entry] = entries(read_export(json.dumps([item]), "export.json", fields=fields))
    assert entry.title == "Mayor resigns"
    assert entry.paragraphs == ("The mayor resigned on Friday.",)
    assert entry.date == datetime(2025, 11, 26, 8, 0, tzinfo=UTC)  # Unix seconds
    assert entry.author == "Ana Ruiz"
    assert entry.url == "https://news.example/mayor"


def test_unknown_field_name_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown export field 'headline'"):
        read_export("[]", "export.json", fields={"headline": "title"})
    assert set(DEFAULT_FIELDS) >= {"title", "date", "url", "body", "content", "tags"}


def test_html_bodies() -> None:
    body = (
        "<div class='story'><p>Storm Amy closed <b>300</b> schools &amp; two bridges.</p>"
        "<script>track('x')</script><style>p{}</style>"
        "<figure><img src='a.jpg'><figcaption>Photo: Agency</figcaption></figure>"
        "<h2>Travel</h2><p>Trains were cancelled<br>across the north.<br><br>Roads too.</p>"
        "<ul><li>Carlisle line shut.</li><li>Tyne Bridge closed</li></ul>"
        "<p>It&#8217;s expected to ease &mdash; by Friday.</p></div>"
    )
    [entry] = entries(read_export(json.dumps([{"title": "Storm", "body": body}]), "e.json"))
    assert entry.paragraphs == (
        "Storm Amy closed 300 schools & two bridges.",
        "Travel",
        "Trains were cancelled across the north.",
        "Roads too.",
        "Carlisle line shut.",
        "Tyne Bridge closed",
        "It’s expected to ease — by Friday.",
    )


def test_wordpress_style_objects_and_paragraph_lists() -> None:
    items = [
        {
            "title": {"rendered": "Rates &#8211; what changes"},
            "content": {"rendered": "<p>Rates rise in April.</p>"},
            "date": {"$date": "2026-11-20T10:00:00Z"},
        },
        {"title": "List body", "body": ["First paragraph.", "<p>Second &amp; last.</p>"]},
    ]
    first, second = entries(read_export(json.dumps({"posts": items}), "wp.json"))
    assert first.title == "Rates – what changes"
    assert first.paragraphs == ("Rates rise in April.",)
    assert first.date == "2026-11-20T10:00:00Z"
    assert second.paragraphs == ("First paragraph.", "Second & last.")


def test_missing_title_body_and_non_objects_are_skipped() -> None:
    items = [
        {"body": "No title here."},
        {"title": "   ", "body": "Blank title."},
        {"title": "No body"},
        {"title": "Empty HTML body", "body": "<p> </p><script>x()</script>"},
        "just a string",
        ITEM,
    ]
    result = read_export(json.dumps(items), "export.json")
    assert result[:5] == [
        EntrySkip("item 1", "no title"),
        EntrySkip("item 2", "no title"),
        EntrySkip("item 3", "no body text"),
        EntrySkip("item 4", "no body text"),
        EntrySkip("item 5", "not a JSON object"),
    ]
    assert isinstance(result[5], Entry)


def test_relative_url_is_dropped() -> None:
    [entry] = entries(read_export(json.dumps([{**ITEM, "url": "/bridge"}]), "e.json"))
    assert entry.url is None


def test_malformed_json_names_line_and_column() -> None:
    text = '[\n  {"title": "One", "body": "x"},\n  {"title": "Two" "body": "y"}\n]\n'
    with pytest.raises(ArticleError) as caught:
        read_export(text, "export.json")
    assert str(caught.value) == "malformed JSON at line 3, column 19: Expecting ',' delimiter"


def test_json_export_with_bom() -> None:
    text = "\ufeff" + json.dumps([ITEM])
    assert entries(read_export(text, "export.json"))[0].title == ITEM["title"]


def test_json_feed_is_not_an_export() -> None:
    feed = json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", "title": "Blog", "items": [ITEM]}
    )
    assert is_json_feed(feed)
    assert not is_json_feed(json.dumps([ITEM]))
    assert not is_json_feed("{not json")
    with pytest.raises(ArticleError, match=r"^this is a JSON Feed$"):
        read_export(feed, "feed.json")


def test_paragraph_helpers() -> None:
    assert text_to_paragraphs("One line.\nAnother line.\n\nWrapped\nline.") == (
        "One line.",
        "Another line.",
        "Wrapped line.",
    )
    assert html_to_paragraphs("<p>A</p>text<div>B<br/>C.</div>") == ("A", "text", "B C.")


# --- issue 14: recall, titles, the visible date ---------------------------------------------


def test_page_precision_finds_nothing_recall_finds_the_article(offline: None) -> None:
    html = (
        "<html><head><title>Pier news</title></head><body><table>"
        "<tr><td>The ferry pier reopened on Thursday after six weeks of repairs to its timber "
        "deck, said the harbour master.</td></tr><tr><td>Passengers were greeted with tea on "
        "the quay and the first crossing left on time.</td></tr></table></body></html>"
    )
    entry = read_page(html, "p.html")
    assert entry.paragraphs[0].startswith("The ferry pier reopened on Thursday")


@pytest.mark.parametrize(
    ("head", "heading", "title"),
    [
        (  # og:title with the site's name appended
            '<meta property="og:title" content="Water rates to rise in April | Harbourton '
            'Gazette"><meta property="og:site_name" content="Harbourton Gazette">',
            "Water rates to rise in April",
            "Water rates to rise in April",
        ),
        (  # the site's name first, with a colon
            "<title>Harbourton Gazette: Water rates to rise in April</title>"
            '<meta property="og:site_name" content="Harbourton Gazette">',
            "Hauptmenü",
            "Water rates to rise in April",
        ),
        (  # a menu word in the first <h1>, the headline in the second
            "",
            "Hauptmenü</h1><h1>Wasserpreise steigen im April",
            "Wasserpreise steigen im April",
        ),
    ],
)
def test_page_title_without_site_name_or_menu_words(
    offline: None, head: str, heading: str, title: str
) -> None:
    html = (
        f"<!DOCTYPE html><html><head>{head}</head><body><header><h1>{heading}</h1></header>"
        f"<article>{BODY}</article></body></html>"
    )
    assert read_page(html, "p.html").title == title


def test_page_date_found_in_the_visible_text_before_the_file_time(offline: None) -> None:
    article = "<p class='byline'>Published 24 November 2026</p>" + BODY
    entry = read_page(page("<title>t</title>", article=article), "p.html")
    assert entry.date == "2026-11-24"
    assert entry.date_origin == "page metadata"
