"""The readers' rules, each pinned by a case where it alone decides (issue 17).

One small real file a test (a text article, an RSS/Atom/JSON feed, a JSON export, a saved
page, a list of feeds), read through the readers' public functions; each test is named after
the rule it pins and says what breaks without it. Measured by ``bench/mutation.py`` on the
``readers/*`` modules (see docs/reliability.md and docs/mutation-equivalents.md).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

import digest.readers.feeds as feeds_module
from digest.errors import ArticleError
from digest.model import Article, Location
from digest.readers.base import (
    MAX_BYTES,
    Entry,
    EntrySkip,
    ReadOptions,
    SourceFile,
    reader_for,
)
from digest.readers.decode import decode_text
from digest.readers.exports import is_json_feed, read_export
from digest.readers.feeds import FEEDS, is_json_feed_object, parse_feed
from digest.readers.first_seen import FirstSeen
from digest.readers.index import FileIndex, load_in_background
from digest.readers.pages import html_supported, read_page
from digest.readers.scan import (
    inventory,
    passed_over,
    read_article,
    read_file,
    read_sources,
    read_url,
)

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


def _article_file(path: Path, title: str, body: str, when: datetime | None = None) -> Path:
    """A plain-text article: the headline, a blank line, the body; dated by its mtime."""
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    stamp = (when or datetime(2026, 11, 26, 8, 0, tzinfo=UTC)).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def _rss(*items: str, title: str = "Harbour Wire", link: str = "https://wire.example/") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>{link}</link>{''.join(items)}</channel></rss>\n"
    ).encode()


def _item(
    title: str,
    text: str,
    *,
    guid: str | None = None,
    date: str | None = "Thu, 26 Nov 2026 10:00:00 +0200",
    link: str | None = None,
    author: str | None = None,
) -> str:
    parts = [f"<title>{title}</title>", f"<description>{text}</description>"]
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{guid}</guid>')
    if date is not None:
        parts.append(f"<pubDate>{date}</pubDate>")
    if link is not None:
        parts.append(f"<link>{link}</link>")
    if author is not None:
        parts.append(f"<author>{author}</author>")
    return f"<item>{''.join(parts)}</item>"


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """Change the file's text without changing its size or mtime (the index's version)."""
    assert len(old.encode()) == len(new.encode())
    stat = path.stat()
    path.write_bytes(path.read_bytes().replace(old.encode(), new.encode()))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


# --- base.py: the records, the registry, the limit ---------------------------------------------


def test_max_bytes_a_file_one_byte_over_five_mib_is_skipped(tmp_path: Path) -> None:
    """Without the 5 MiB default limit a huge file would be read whole (or none at all)."""
    assert MAX_BYTES == 5 * 1024 * 1024
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.write(b"Big\n\n")
        out.truncate(MAX_BYTES + 1)
    articles, skipped = read_sources([big], UTC, now=NOW)
    assert articles == []
    assert skipped[0].reason == "file is 5,242,881 bytes, over the 5,242,880 byte limit"
    small = _article_file(tmp_path / "small.txt", "Ferry returns", "The ferry is back.")
    assert read_file(small, ReadOptions(UTC))[0][0].title == "Ferry returns"


def test_records_are_frozen() -> None:
    """Entries, skips and options are values: a reader that changed one would change it for all."""
    entry = parse_feed(_rss(_item("Ferry back", "The ferry is back.")), "wire.xml")[0]
    assert isinstance(entry, Entry)
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.title = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        EntrySkip("entry 1", "no text").reason = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        ReadOptions(UTC).language = "german"  # type: ignore[misc]


def test_entry_repr_leaves_out_the_whole_file_text() -> None:
    """Without repr=False every logged entry would print the whole decoded file."""
    entry = Entry(title="Ferry back", paragraphs=("The ferry is back.",), text="WHOLE FILE")
    assert "WHOLE FILE" not in repr(entry)
    assert "Ferry back" in repr(entry)


def test_read_options_compare_by_settings_not_by_the_loaded_record(tmp_path: Path) -> None:
    """The loaded first-seen record is not a setting: two runs' options are equal without it."""
    one = ReadOptions(UTC, seen=FirstSeen(None, NOW))
    two = ReadOptions(UTC, seen=FirstSeen(None, NOW + timedelta(days=1)))
    assert one == two


def test_entry_defaults_a_plain_article_is_dated_by_mtime_in_the_default_language(
    tmp_path: Path,
) -> None:
    """An entry needs no feed date by default, starts its body at 0 unless told, and the
    options' language is English: else a text file would be dated "first seen" and unnamed."""
    path = _article_file(tmp_path / "a.txt", "Ferry returns", "The ferry is back on Monday.")
    (article,), skipped = read_file(path, ReadOptions(UTC))
    assert skipped == []
    assert article.date_source == "mtime"
    assert article.published == datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    assert article.language == "english"
    feed = tmp_path / "wire.xml"
    feed.write_bytes(_rss(_item("Ferry back", "The ferry is back.")))
    (item,), _ = read_file(feed, ReadOptions(UTC))
    assert item.body_start == 0 and item.text == ""


def test_register_urls_only_the_feed_reader_reads_fetched_urls() -> None:
    """A source URL is read by the feed reader (registered with urls=True), no other."""
    assert reader_for(Location("https://wire.example/feed")) is FEEDS
    assert reader_for(Path("wire.xml")) is FEEDS
    assert reader_for(Path("notes.xyz")) is None


def test_source_file_path_and_stat_come_from_its_key(tmp_path: Path) -> None:
    """A scanned file is read at its key's path and indexed by its size and mtime."""
    item = SourceFile((tmp_path / "a.txt").as_posix(), 12, 34)
    assert item.path == tmp_path / "a.txt"
    assert item.stat == [12, 34]


# --- scan.py: what is read, and how a failure is reported ---------------------------------------


def test_walk_reads_files_in_subfolders_and_passes_over_hidden_ones(tmp_path: Path) -> None:
    """Without the recursive walk a folder's subfolders would be left out."""
    src = tmp_path / "src"
    (src / "deep" / "deeper").mkdir(parents=True)
    (src / ".hidden").mkdir()
    _article_file(src / "deep" / "deeper" / "a.txt", "Deep story", "It was found deep down.")
    _article_file(src / ".hidden" / "b.txt", "Hidden story", "It was never read at all.")
    _article_file(src / ".c.txt", "Hidden file", "It was never read either.")
    articles, skipped = read_sources([src], UTC, now=NOW)
    assert [a.title for a in articles] == ["Deep story"]
    assert articles[0].path == src / "deep" / "deeper" / "a.txt"
    assert skipped == []


def test_inventory_a_file_source_is_taken_with_its_stat(tmp_path: Path) -> None:
    """A file named as a source is in the inventory with its own size and mtime."""
    path = _article_file(tmp_path / "a.txt", "Ferry returns", "The ferry is back.")
    stat = path.stat()
    assert inventory([path]) == [SourceFile(path.as_posix(), stat.st_size, stat.st_mtime_ns)]


def test_with_listed_a_list_of_feeds_adds_its_urls_after_itself(tmp_path: Path) -> None:
    """Without the OPML rule the feeds a list names would never be read."""
    src = tmp_path / "src"
    src.mkdir()
    _article_file(src / "a.txt", "Ferry returns", "The ferry is back.")
    (src / "feeds.OPML").write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        '<outline text="Wire" type="rss" xmlUrl="https://wire.example/feed.xml"/>'
        '<outline text="Gazette" type="rss" xmlUrl="https://gazette.example/rss"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    found = inventory([src])
    assert [getattr(x, "key", x) for x in found] == [
        (src / "a.txt").as_posix(),
        (src / "feeds.OPML").as_posix(),
        "https://wire.example/feed.xml",
        "https://gazette.example/rss",
    ]


def test_passed_over_counts_unread_files_by_extension(tmp_path: Path) -> None:
    """`digest make -v` says how many files no reader reads, one each, by extension."""
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    (src / "photo.png").write_bytes(b"\x89PNG")
    (src / "sub" / "scan.PNG").write_bytes(b"\x89PNG")
    (src / "README").write_text("notes")
    (src / ".DS_Store").write_bytes(b"x")
    _article_file(src / "a.txt", "Ferry returns", "The ferry is back.")
    assert passed_over([src, "https://wire.example/feed"]) == {".png": 2, "no extension": 1}


def test_read_bytes_a_file_gone_since_the_scan_is_skipped_with_the_reason(tmp_path: Path) -> None:
    """A file deleted between the scan and the read is one skip, not a crash."""
    gone = SourceFile((tmp_path / "gone.txt").as_posix(), 10, 0)
    articles, skipped = read_sources([gone], UTC, now=NOW)
    assert articles == []
    assert skipped[0].reason == "cannot read: No such file or directory"


def test_articles_a_skipped_entry_is_named_by_file_and_label(tmp_path: Path) -> None:
    """A feed entry without text, or with a date that does not parse, is skipped under
    ``file#label`` (its GUID, else its position): the user can find it."""
    feed = tmp_path / "wire.xml"
    feed.write_bytes(
        _rss(
            _item("Ferry back", "The ferry is back.", guid="g-1"),
            _item("Empty", "", guid=None),
            _item("Bad date", "The text is here.", guid="g-3", date="the day after tomorrow"),
        )
    )
    articles, skipped = read_file(feed, ReadOptions(UTC))
    assert [a.title for a in articles] == ["Ferry back"]
    assert [(str(s.path), s.reason.split(":")[0]) for s in skipped] == [
        (f"{feed.as_posix()}#entry 2", "no text"),
        (f"{feed.as_posix()}#g-3", "feed published date"),
    ]


def test_reader_a_file_of_unknown_kind_is_named_by_its_extension(tmp_path: Path) -> None:
    """An unknown extension is skipped with "no reader for '.xyz' files"."""
    path = tmp_path / "notes.xyz"
    path.write_text("text")
    articles, skipped = read_file(path, ReadOptions(UTC))
    assert articles == []
    assert [(s.path, s.reason) for s in skipped] == [(path, "no reader for '.xyz' files")]


def test_read_article_raises_the_reason_of_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    """read_article turns the file's one skip into an ArticleError with its reason."""
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ArticleError, match=r"^binary file, not text$"):
        read_article(path, UTC)


def test_read_sources_dates_an_undated_feed_entry_by_the_given_clock(tmp_path: Path) -> None:
    """``now`` is the run's clock: an undated entry is first seen then, not at the wall time."""
    feed = tmp_path / "wire.xml"
    feed.write_bytes(_rss(_item("Undated notice", "It has no date.", date=None)))
    (article,), _ = read_sources([feed], UTC, now=NOW)
    assert article.published == NOW
    assert article.date_source == "first seen"


def test_span_articles_older_than_the_window_are_not_kept(tmp_path: Path) -> None:
    """With a span, an article dated before it is dropped at once (memory follows the window)."""
    src = tmp_path / "src"
    src.mkdir()
    _article_file(src / "old.txt", "Old story", "From last year.", datetime(2025, 1, 1, tzinfo=UTC))
    _article_file(
        src / "new.txt", "New story", "From this week.", datetime(2026, 11, 26, tzinfo=UTC)
    )
    span = (datetime(2026, 11, 20, tzinfo=UTC), NOW)
    articles, _ = read_sources([src], UTC, span=span, now=NOW)
    assert [a.title for a in articles] == ["New story"]
    articles, _ = read_sources([src], UTC, now=NOW)
    assert sorted(a.title for a in articles) == ["New story", "Old story"]


# --- index.py (through scan.py): what an unchanged source gives without being read again -----


def _indexed_folder(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    _article_file(src / "a.txt", "Ferry returns", "The ferry is back on Monday.")
    (src / "wire.xml").write_bytes(
        _rss(
            _item(
                "Bridge opens",
                "The bridge opens on Friday.",
                guid="g-1",
                link="https://wire.example/bridge",
                author="Ann Lee",
            ),
            _item("Market moves", "The market moves to the harbour.", guid="g-2", date=None),
            _item("Empty", "", guid="g-3"),
        )
    )
    return src


def _read(src: Path, cache: Path, **kwargs: object) -> tuple[list[Article], list[object]]:
    index = FileIndex(cache, "UTC", "english")
    found = read_sources([src], UTC, index=index, now=NOW, **kwargs)  # type: ignore[arg-type]
    index.save()
    return found  # type: ignore[return-value]


def test_index_an_unchanged_file_is_recalled_as_it_was_read(tmp_path: Path) -> None:
    """A source whose size and mtime are unchanged is recalled, every field as read then (the
    date in the offset it was written with), and not read again."""
    src, cache = _indexed_folder(tmp_path), tmp_path / "cache"
    first, first_skips = _read(src, cache)
    assert [a.title for a in first] == ["Ferry returns", "Bridge opens", "Market moves"]
    _same_size_edit(src / "a.txt", "Ferry returns", "Ferry RETURNS")
    _same_size_edit(src / "wire.xml", "Bridge opens", "Bridge OPENS")
    again, again_skips = _read(src, cache)
    assert again == first
    assert again_skips == first_skips and len(first_skips) == 1
    assert [a.published.utcoffset() for a in again] == [
        timedelta(0),
        timedelta(hours=2),
        timedelta(0),
    ]
    assert again[0].path == src / "a.txt" and isinstance(again[0].path, Path)
    assert (again[1].url, again[1].author) == ("https://wire.example/bridge", "Ann Lee")
    assert (again[0].url, again[0].author) == (None, None)
    # a changed mtime is a changed file: read again
    os.utime(src / "a.txt", (NOW.timestamp(), NOW.timestamp()))
    third, _ = _read(src, cache)
    assert third[0].title == "Ferry RETURNS"


def test_index_a_utc_date_is_recalled_in_utc_in_another_zone(tmp_path: Path) -> None:
    """A date written in UTC (offset 0) comes back as UTC in a run whose zone is not UTC."""
    feed = tmp_path / "wire.xml"
    feed.write_bytes(_rss(_item("Bridge opens", "It opens.", date="Thu, 26 Nov 2026 10:00:00 GMT")))
    zone = timezone(timedelta(hours=-5))
    for _ in range(2):
        index = FileIndex(tmp_path / "cache", "UTC-5")
        (article,), _ = read_sources([feed], zone, index=index, now=NOW)
        index.save()
        assert article.published.utcoffset() == timedelta(0)
        assert article.published == datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def test_index_a_missing_article_record_means_reading_again(tmp_path: Path) -> None:
    """When an entry's article record is gone the file is read again (not recalled as none)."""
    src, cache = _indexed_folder(tmp_path), tmp_path / "cache"
    _read(src, cache)
    for record in (cache / "articles").rglob("*.json"):
        record.unlink()
    _same_size_edit(src / "a.txt", "Ferry returns", "Ferry RETURNS")
    again, _ = _read(src, cache)
    assert [a.title for a in again] == ["Ferry RETURNS", "Bridge opens", "Market moves"]


def test_index_a_file_that_gave_no_article_is_recalled_with_its_skip(tmp_path: Path) -> None:
    """A file that was only a skip is not read again while unchanged: the skip is repeated."""
    path = tmp_path / "src" / "notes.txt"
    path.parent.mkdir()
    path.write_bytes(b"\x00" * 40)
    stat = path.stat()
    first = _read(path.parent, tmp_path / "cache")
    path.write_bytes(b"Ferry returns\n\nThe ferry is back again.\n".ljust(40, b" "))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    again = _read(path.parent, tmp_path / "cache")
    assert again == first == ([], [first[1][0]])
    assert first[1][0].reason == "binary file, not text"


def test_index_outside_an_unchanged_file_dated_only_after_the_span_is_passed_over(
    tmp_path: Path,
) -> None:
    """With a span, an unchanged file none of whose dates is in it is passed over unread."""
    src = tmp_path / "src"
    src.mkdir()
    later = datetime(2026, 12, 5, tzinfo=UTC)
    _article_file(src / "a.txt", "Next week", "This is dated next week.", later)
    span = (datetime(2026, 11, 20, tzinfo=UTC), NOW)
    first, _ = _read(src, tmp_path / "cache", span=span)
    assert [a.title for a in first] == ["Next week"]  # read: kept, to be reported as future
    again, skipped = _read(src, tmp_path / "cache", span=span)
    assert again == [] and skipped == []
    wide = (datetime(2026, 11, 20, tzinfo=UTC), datetime(2026, 12, 31, tzinfo=UTC))
    assert [a.title for a in _read(src, tmp_path / "cache", span=wide)[0]] == ["Next week"]


def test_index_is_kept_for_its_settings_only(tmp_path: Path) -> None:
    """An index written for other reading settings (language, limits) is not used."""
    src, cache = _indexed_folder(tmp_path), tmp_path / "cache"
    index = FileIndex(cache, "UTC", "english", 100)
    read_sources([src], UTC, index=index, now=NOW)
    index.save()
    assert FileIndex(cache, "UTC", "english", 100).entries.keys() == index.entries.keys()
    assert FileIndex(cache, "UTC", "german", 100).entries == {}
    assert FileIndex(cache, "UTC").entries == {}


def test_index_settings_compare_by_value_whatever_a_mapping_s_order(tmp_path: Path) -> None:
    """Settings given as a mapping hold whatever the order of its keys."""
    src, cache = _indexed_folder(tmp_path), tmp_path / "cache"
    index = FileIndex(cache, "UTC", {"language": "english", "max": 100})
    read_sources([src], UTC, index=index, now=NOW)
    index.save()
    assert len(FileIndex(cache, "UTC", {"max": 100, "language": "english"}).entries) == 2


def test_index_read_only_records_nothing(tmp_path: Path) -> None:
    """`digest ls` reads with a read-only index: it writes no index and no article record."""
    src, cache = _indexed_folder(tmp_path), tmp_path / "cache"
    index = FileIndex(cache, "UTC", read_only=True)
    articles, _ = read_sources([src], UTC, index=index, now=NOW)
    index.save()
    assert len(articles) == 3
    assert not cache.exists()


def test_index_save_drops_sources_no_longer_found(tmp_path: Path) -> None:
    """A source gone from the scan loses its entry and its article record."""
    src, cache = _indexed_folder(tmp_path), tmp_path / "cache"
    _read(src, cache)
    assert len(list((cache / "articles").rglob("*.json"))) == 2
    (src / "wire.xml").unlink()
    _read(src, cache)
    assert list(FileIndex(cache, "UTC", "english").entries) == [(src / "a.txt").as_posix()]
    assert len(list((cache / "articles").rglob("*.json"))) == 1


def test_load_in_background_gives_the_index_or_raises_what_loading_raised(tmp_path: Path) -> None:
    """The loader thread hands over the loaded index, or the exception loading raised."""
    src, cache = _indexed_folder(tmp_path), tmp_path / "cache"
    _read(src, cache)
    index = load_in_background(cache, "UTC", "english")()
    assert len(index.entries) == 2
    failing = load_in_background("not a folder", "UTC")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        failing()


# --- read_url: a feed URL on 127.0.0.1 -------------------------------------------------------


class _Feed(BaseHTTPRequestHandler):
    body: ClassVar[bytes] = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.end_headers()
        self.wfile.write(type(self).body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def feed_url() -> Iterator[str]:
    _Feed.body = _rss(
        _item("Bridge opens", "The bridge opens on Friday.", guid="g-1"),
        _item("Empty", "", guid="g-2"),
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Feed)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    finally:
        server.shutdown()
        server.server_close()


def test_read_url_an_unchanged_response_is_recalled_not_parsed(
    feed_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With an index, a response the same as last time's is recalled: parsed once only; and
    when its article record is gone it is parsed again."""
    parsed: list[str] = []
    real = feeds_module.parse_feed

    def counting(data: bytes, label: str, **kwargs: object) -> list[Entry | EntrySkip]:
        parsed.append(label)
        return real(data, label, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(feeds_module, "parse_feed", counting)
    options = ReadOptions(UTC, cache=tmp_path / "feeds", now=NOW)
    index = FileIndex(tmp_path / "cache", "UTC")
    first = read_url(feed_url, options, index)
    again = read_url(feed_url, options, index)
    assert [a.title for a in first[0]] == ["Bridge opens"]
    assert again == first and len(parsed) == 1
    assert [(str(s.path), s.reason) for s in again[1]] == [(f"{feed_url}#g-2", "no text")]
    assert isinstance(again[0][0].path, Location) and again[0][0].path == feed_url
    for record in (tmp_path / "cache" / "articles").rglob("*.json"):
        record.unlink()
    assert read_url(feed_url, options, index) == first and len(parsed) == 2
    # without a cache folder the feed is fetched all the same
    assert read_sources([feed_url], UTC, now=NOW)[0] == first[0]


# --- decode.py: which encoding a file that is not plain UTF-8 is read with --------------------


def test_mostly_utf8_up_to_sixteen_stray_bytes_are_still_utf8() -> None:
    """UTF-8 with 16 stray cp1252 bytes is UTF-8 (the strays read as cp1252); a 17th makes it
    a file in some other encoding: without the limit any amount of mojibake passes as UTF-8."""
    base = "Café “one” — two.\n".encode() * 6
    text, name = decode_text(base + b"It\x92s here. " * 16)
    assert name == "utf-8"
    assert text == "Café “one” — two.\n" * 6 + "It’s here. " * 16
    try:
        name = decode_text(base + b"It\x92s here. " * 17)[1]
    except ArticleError:
        name = "no encoding"  # no encoding reads it plausibly: binary
    assert name != "utf-8"


def test_utf16_big_endian_with_its_mark() -> None:
    """A UTF-16 file with a big-endian mark is read as such, the mark kept (offsets count it)."""
    assert decode_text("\ufeffCafé “x”.\n".encode("utf-16-be")) == (
        "\ufeffCafé “x”.\n",
        "utf-16-be",
    )


def test_alphabets_sharp_s_is_german() -> None:
    """ß is a German letter: without it in the German alphabet "Maß" reads as Hebrew cp1255."""
    assert decode_text("Maß und Fuß.\n".encode("cp1252")) == ("Maß und Fuß.\n", "cp1252")


def test_odd_words_a_superscript_fused_with_letters_is_a_wrong_decoding() -> None:
    """Polish in cp1250 read as cp1252 gives "Ma³a ³¹ka": superscripts inside words mark it."""
    assert decode_text("Mała łąka.\n".encode("cp1250")) == ("Mała łąka.\n", "cp1250")


def test_odd_words_short_words_are_not_judged_by_their_accents() -> None:
    """ "Ærø og Øster": a word under four letters is not "mostly accents" (else mac-roman wins)."""
    assert decode_text("Ærø og Øster.\n".encode("cp1252")) == ("Ærø og Øster.\n", "cp1252")


def test_preferred_latin_9_is_heard_for_french_oe() -> None:
    """ISO 8859-15 is among the code pages always tried: French "œ" (0xBD) reads right only
    there; otherwise "un ˝uf" (cp1250) wins."""
    text = "Un bœuf, un œuf et un cœur.\n"
    assert decode_text(text.encode("iso8859_15")) == (text, "iso8859-15")


def test_odd_words_latin_words_mostly_of_accents_are_a_wrong_decoding() -> None:
    """Russian in cp1251 read as cp1252 gives "Êîçà, ëîæêà": Latin words made mostly of
    accented letters mark it (every letter there is French, so no letter is foreign)."""
    text = "Коза, ложка и плов.\n"
    assert decode_text(text.encode("cp1251")) == (text, "cp1251")


def test_check_chars_only_the_first_64k_characters_are_judged() -> None:
    """The word check reads 65,536 characters of each candidate, no more (its cost is bounded):
    a Polish word right after them does not change the choice, one inside them does."""
    polish = " ł łąka mała.\n".encode("cp1250")
    assert decode_text(b"a " * 32767 + b"a" + polish)[1] == "cp1252"
    assert decode_text(b"a " * 32760 + b"a" + polish)[1] == "cp1250"


# --- feeds.py: RSS, Atom and JSON Feed -----------------------------------------------------


def _atom(entries: str, feed_extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Gazette</title><id>urn:gazette</id>{feed_extra}{entries}</feed>\n"
    ).encode()


def _json_feed(items: list[object], **feed: object) -> bytes:
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "Wire", **feed, "items": items}
    return json.dumps(doc).encode()


def test_feeds_all_names_the_public_functions() -> None:
    """``from digest.readers.feeds import *`` gives what ``__all__`` promises."""
    names: dict[str, object] = {}
    exec("from digest.readers.feeds import *", names)
    assert names["parse_feed"] is parse_feed
    assert names["JSON_FEED_PREFIX"] == "https://jsonfeed.org/version/"


def test_unique_tags_are_cleaned_and_kept_once() -> None:
    """An item's categories become its tags: cleaned, blank ones dropped, each once."""
    item = _item("Ferry back", "The ferry is back.").replace(
        "</item>",
        "<category>Ferry </category><category> Ferry</category><category></category>"
        "<category>Harbour</category></item>",
    )
    (entry,) = parse_feed(_rss(item), "wire.xml")
    assert isinstance(entry, Entry) and entry.tags == ("Ferry", "Harbour")


def test_dated_json_feed_published_else_modified() -> None:
    """A JSON Feed item is dated by date_published, else by date_modified (and says which)."""
    entries = parse_feed(
        _json_feed(
            [
                {"id": "1", "content_text": "One.", "title": "A", "date_published": "2026-11-26"},
                {"id": "2", "content_text": "Two.", "title": "B", "date_modified": "2026-11-25"},
                {"id": "3", "content_text": "Three.", "title": "C"},
            ]
        ),
        "wire.json",
    )
    assert [(e.date, e.date_origin) for e in entries if isinstance(e, Entry)] == [
        ("2026-11-26", "feed published"),
        ("2026-11-25", "feed updated"),
        (None, ""),
    ]


def test_bozo_message_a_malformed_feed_says_where() -> None:
    """A feed cut short before any entry says what the XML parser found, and where."""
    data = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</ti'
    with pytest.raises(ArticleError) as failure:
        parse_feed(data, "wire.xml")
    assert failure.value.message == (
        "truncated or malformed feed: unclosed token at line 1, column 74"
    )


def test_parse_xml_a_well_formed_feed_without_items_is_empty_not_an_error() -> None:
    """A feed with no items right now gives no entries, and no error."""
    assert parse_feed(_rss(), "wire.xml") == []


def test_parse_xml_well_formed_xml_that_is_not_a_feed_is_refused() -> None:
    """XML with no RSS or Atom in it is "not a feed", not an empty feed."""
    with pytest.raises(ArticleError, match=r"^not a feed: no RSS, Atom or JSON Feed"):
        parse_feed(b'<?xml version="1.0"?><note>hi</note>', "note.xml")


def test_parse_xml_relative_links_against_the_channel_link_else_the_feed_url() -> None:
    """An item's relative link is read against the channel's link; without one, against the
    URL the feed came from (a feed file without either keeps no link)."""
    item = _item("Ferry back", "The ferry is back.", link="story-1")
    (entry,) = parse_feed(_rss(item, link="https://wire.example/news/"), "wire.xml")
    assert isinstance(entry, Entry) and entry.url == "https://wire.example/news/story-1"
    (entry,) = parse_feed(_rss(item, link=""), "https://wire.example/feeds/main.xml")
    assert isinstance(entry, Entry) and entry.url == "https://wire.example/feeds/story-1"


def test_atom_the_feed_author_is_every_entry_author() -> None:
    """In Atom an entry without an author has the feed's."""
    entries = (
        "<entry><title>Ferry back</title><id>urn:1</id><updated>2026-11-26T10:00:00Z</updated>"
        "<content type='text'>The ferry is back.</content></entry>"
        "<entry><title>Bridge</title><id>urn:2</id><updated>2026-11-26T10:00:00Z</updated>"
        "<author><name>Bo Berg</name></author><content type='text'>It opens.</content></entry>"
    )
    data = _atom(entries, "<author><name>Ann Lee</name></author>")
    assert [e.author for e in parse_feed(data, "g.atom") if isinstance(e, Entry)] == [
        "Ann Lee",
        "Bo Berg",
    ]


def test_xml_bodies_content_first_then_the_summary_as_typed() -> None:
    """An entry's content wins over its summary; a plain-text summary is not read as HTML."""
    entries = (
        "<entry><title>Ferry back</title><id>urn:1</id><updated>2026-11-26T10:00:00Z</updated>"
        "<summary type='text'>Short.</summary>"
        "<content type='text'>The whole story.</content></entry>"
        "<entry><title>Maths</title><id>urn:2</id><updated>2026-11-26T10:00:00Z</updated>"
        "<summary type='text'>In HTML write &amp;amp; for an ampersand.</summary></entry>"
    )
    first, second = parse_feed(_atom(entries), "g.atom")
    assert isinstance(first, Entry) and first.paragraphs == ("The whole story.",)
    assert isinstance(second, Entry)
    assert second.paragraphs == ("In HTML write &amp; for an ampersand.",)


def test_json_author_version_one_one_authors_then_version_one_author() -> None:
    """JSON Feed 1.1 names authors in a list, 1.0 in one object: both are read."""
    entries = parse_feed(
        _json_feed(
            [
                {"id": "1", "title": "A", "content_text": "One.", "authors": [{"name": "Ann"}]},
                {"id": "2", "title": "B", "content_text": "Two.", "author": {"name": "Bo"}},
            ]
        ),
        "wire.json",
    )
    assert [e.author for e in entries if isinstance(e, Entry)] == ["Ann", "Bo"]


def test_json_bodies_html_then_text_then_summary() -> None:
    """An item's text is content_html, else content_text, else summary."""
    entries = parse_feed(
        _json_feed(
            [
                {"id": "1", "title": "A", "content_html": "<p>Html.</p>", "content_text": "T."},
                {"id": "2", "title": "B", "content_text": "Text only."},
                {"id": "3", "title": "C", "summary": "Summary only."},
            ]
        ),
        "wire.json",
    )
    assert [e.paragraphs for e in entries if isinstance(e, Entry)] == [
        ("Html.",),
        ("Text only.",),
        ("Summary only.",),
    ]


def test_json_text_a_title_with_tags_or_entities_is_read_as_html() -> None:
    """A JSON Feed title with tags loses them; one with only entities has them decoded."""
    entries = parse_feed(
        _json_feed(
            [
                {"id": "1", "title": "<b>Ferry</b> back", "content_text": "One."},
                {"id": "2", "title": "Ann&#x27;s ferry", "content_text": "Two."},
            ]
        ),
        "wire.json",
    )
    assert [e.title for e in entries if isinstance(e, Entry)] == ["Ferry back", "Ann's ferry"]


def test_is_json_feed_object_needs_a_version_that_names_a_json_feed() -> None:
    """A JSON object with items is a JSON Feed only when its version says so ("jsonfeed 1",
    "1.1", the jsonfeed.org URL); another version string is an export's."""
    assert is_json_feed_object({"version": "jsonfeed 1", "items": []})
    assert is_json_feed_object({"version": 1.1, "items": []})
    assert not is_json_feed_object({"version": "beta", "items": []})
    assert not is_json_feed_object({"version": True, "items": []})
    assert not is_json_feed_object({"items": []})


def test_parse_json_feed_items_must_be_a_list_and_each_an_object() -> None:
    """A JSON Feed without a list of items is malformed; an item that is no object is skipped."""
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "Wire"}
    with pytest.raises(ArticleError, match=r"^malformed JSON Feed: 'items' is not a list$"):
        parse_feed(json.dumps(doc).encode(), "wire.json")
    entries = parse_feed(_json_feed(["oops", {"id": "2", "title": "B", "content_text": "T."}]), "w")
    assert entries[0] == EntrySkip("entry 1", "not a JSON object")
    assert isinstance(entries[1], Entry) and entries[1].title == "B"


def test_parse_json_feed_relative_urls_against_the_feed_url() -> None:
    """A JSON Feed item's relative url is read against the URL the feed came from."""
    data = _json_feed([{"id": "1", "title": "A", "content_text": "One.", "url": "a/1"}])
    (entry,) = parse_feed(data, "https://wire.example/feeds/feed.json")
    assert isinstance(entry, Entry) and entry.url == "https://wire.example/feeds/a/1"


def test_parse_feed_an_empty_document_is_not_a_feed() -> None:
    """Blank bytes are "not a feed: empty document"."""
    with pytest.raises(ArticleError, match=r"^not a feed: empty document$"):
        parse_feed(b" \n\t", "wire.xml")


# --- exports.py: JSON exports and JSON Lines -----------------------------------------------


def _export(rows: object, **kwargs: object) -> list[Entry | EntrySkip]:
    return read_export(json.dumps(rows), "news.json", **kwargs)  # type: ignore[arg-type]


def _row(**fields: object) -> dict[str, object]:
    return {"title": "Ferry back", "body": "The ferry is back on Monday.", **fields}


def _one(rows: object, **kwargs: object) -> Entry:
    (entry,) = _export(rows, **kwargs)
    assert isinstance(entry, Entry), entry
    return entry


def test_default_fields_content_and_dek_are_read_by_their_own_names() -> None:
    """The body may be under "content", the standfirst under "dek"."""
    entry = _one([{"title": "Ferry back", "content": "The ferry is back.", "dek": "At last."}])
    assert (entry.paragraphs, entry.dek) == (("The ferry is back.",), "At last.")


def test_list_keys_entries_holds_the_list_among_other_lists() -> None:
    """The list under "entries" is the articles, though the object holds another list."""
    doc = {"entries": [_row()], "authors": [{"name": "Ann"}, {"name": "Bo"}]}
    assert [e.title for e in _export(doc) if isinstance(e, Entry)] == ["Ferry back"]


def test_items_the_one_list_of_objects_under_any_name_beside_other_members() -> None:
    """An object with one list of objects under an unknown name (and a count beside it) holds
    the articles there."""
    assert _one({"total": 1, "hits": [_row()]}).title == "Ferry back"


def test_items_no_list_of_articles_is_refused_naming_the_usual_keys() -> None:
    """An object without a list of articles says where one is expected."""
    with pytest.raises(ArticleError) as failure:
        _export({"total": 0, "note": "none"})
    assert failure.value.message == (
        "no list of articles found: expected a list of objects, or an object with one under "
        "'items', 'articles', 'entries', 'data'"
    )


def test_text_keys_an_object_is_read_by_its_name_or_label() -> None:
    """An author object gives its "name", a tag object its "label"."""
    entry = _one([_row(author={"name": "Ann Lee"}, tags=[{"label": "Ferry"}, {"label": "Port"}])])
    assert (entry.author, entry.tags) == ("Ann Lee", ("Ferry", "Port"))


def test_is_json_feed_is_false_for_what_is_not_json() -> None:
    """is_json_feed answers False, not None, for text that does not parse."""
    assert is_json_feed("{broken") is False
    assert is_json_feed(_json_feed([]).decode()) is True


def test_read_export_refuses_a_json_feed() -> None:
    """A JSON Feed handed to the export reader is refused, for the feed reader to read."""
    data = _json_feed([{"id": "1", "title": "A", "content_text": "One."}]).decode()
    with pytest.raises(ArticleError, match=r"^this is a JSON Feed$"):
        read_export(data, "wire.json")


def test_lines_of_objects_a_json_file_of_object_lines_is_json_lines() -> None:
    """A .json file holding one object a line is read as JSON Lines, each line an entry."""
    text = json.dumps(_row()) + "\n" + json.dumps(_row(title="Bridge opens")) + "\n"
    entries = read_export(text, "news.json")
    assert [e.title for e in entries if isinstance(e, Entry)] == ["Ferry back", "Bridge opens"]


def test_lines_a_broken_line_is_skipped_with_the_parser_message() -> None:
    """In JSON Lines a line that does not parse is skipped saying why; the others are read."""
    text = json.dumps(_row()) + "\n{broken\n"
    entries = read_export(text, "news.jsonl", jsonl=True)
    assert isinstance(entries[0], Entry)
    assert entries[1] == EntrySkip(
        "line 2", "not valid JSON: Expecting property name enclosed in double quotes (column 2)"
    )


def test_known_our_field_wins_over_the_other_names() -> None:
    """A member under our field's name wins over NewsAPI's and WordPress's names for it."""
    entry = _one([_row(url="https://a.example/1", link="https://b.example/2", date="2026-11-26")])
    assert (entry.url, entry.date) == ("https://a.example/1", "2026-11-26")


def test_unpublished_drafts_and_trash_are_skipped_published_posts_kept() -> None:
    """WordPress REST statuses: "draft", "trash" (and the like) are skipped; "publish" is kept."""
    entries = _export([_row(status="publish"), _row(status="draft"), _row(status="Trash")])
    assert isinstance(entries[0], Entry)
    assert entries[1:] == [
        EntrySkip("item 2", "draft (not published)"),
        EntrySkip("item 3", "trash (not published)"),
    ]


def test_dek_that_only_repeats_the_opening_is_dropped() -> None:
    """A description that is the body's first sentence again is no standfirst."""
    entry = _one([_row(body="The ferry is back on Monday. It sails at nine.", dek="The ferry is")])
    assert entry.dek == ""


def test_entry_date_origin_export_only_with_a_date() -> None:
    """An export's own date is "export"; without one there is no origin (the file's mtime
    decides later)."""
    assert _one([_row(date="2026-11-26")]).date_origin == "export"
    assert _one([_row()]).date_origin == ""


def test_entry_author_a_wordpress_user_number_is_no_name() -> None:
    """WordPress REST gives the author as a number: no name; a string author is kept."""
    assert _one([_row(author=42)]).author is None
    assert _one([_row(author="Ann Lee")]).author == "Ann Lee"
    assert _one([_row(author=["Ann Lee", "Bo Berg"])]).author == "Ann Lee, Bo Berg"


def test_entry_extra_labels_the_entry_by_file_and_position() -> None:
    """Each entry carries "file: position" to name it by."""
    assert _one([_row()]).extra == {"label": "news.json: item 1"}


def test_also_date_published_is_a_date() -> None:
    """schema.org's datePublished dates an export row."""
    assert _one([_row(datePublished="2026-11-26T10:00:00Z")]).date == "2026-11-26T10:00:00Z"


def test_ident_a_row_number_is_no_id_when_there_is_a_url() -> None:
    """A bare number id (a database row) is dropped when a URL tells the article apart."""
    assert _one([_row(id=42, url="https://a.example/42")]).id is None
    assert _one([_row(id=42)]).id == "42"
    assert _one([_row(id="abc-1", url="https://a.example/42")]).id == "abc-1"


def test_date_gmt_wordpress_utc_date_wins_for_the_default_date_field_only() -> None:
    """WordPress's date_gmt (UTC, no zone) is the date, as UTC; not with a custom date field,
    and not when it is WordPress's 0000 date of a draft."""
    row = _row(date="2026-11-26T12:00:00", date_gmt="2026-11-26T10:00:00")
    assert _one([row]).date == "2026-11-26T10:00:00+00:00"
    assert _one([{**row, "when": "2026-11-20"}], fields={"date": "when"}).date == "2026-11-20"
    draft = _row(date="2026-11-26T12:00:00", date_gmt="0000-00-00T00:00:00")
    assert _one([draft]).date == "2026-11-26T12:00:00"


def test_clip_marker_newsapi_cut_body_ends_with_an_ellipsis() -> None:
    """NewsAPI's "… [+2377 chars]" is taken off, an ellipsis left in its place."""
    entry = _one([{"title": "Ferry back", "content": "The ferry is back... [+2377 chars]"}])
    assert entry.paragraphs == ("The ferry is back…",)


def test_get_dotted_paths_list_positions_and_case() -> None:
    """A field may be a dotted path, with list positions; a key matches its exact spelling
    first, else any case."""
    row = {
        "Headline": "Ferry back",
        "text": "The ferry is back.",
        "byline": {"people": [{"Name": "Ann Lee"}]},
        "meta": {"source": "Exact", "Source": "Other case"},
    }
    fields = {"title": "headline", "body": "text", "author": "byline.people.0.name"}
    entry = _one([row], fields={**fields, "source": "meta.source"})
    assert (entry.title, entry.author, entry.source) == ("Ferry back", "Ann Lee", "Exact")


def test_text_a_rendered_object_is_its_text() -> None:
    """WordPress REST gives the title as {"rendered": ...}: that is the title."""
    entry = _one([{"title": {"rendered": "Ferry &amp; bridge"}, "content": "The ferry."}])
    assert entry.title == "Ferry & bridge"


def test_date_unix_times_and_booleans() -> None:
    """A number is a Unix time (seconds, or milliseconds when that large); true is no date."""
    assert _one([_row(date=1795687200)]).date == datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    assert _one([_row(date=1795687200000)]).date == datetime(2026, 11, 26, 10, 0, tzinfo=UTC)
    assert _one([_row(date=True)]).date is None


def test_tags_a_comma_separated_string_is_a_list() -> None:
    """Tags written as "a, b" are two tags."""
    assert _one([_row(tags="ferry, harbour, ferry")]).tags == ("ferry", "harbour")


def test_json_reader_reads_an_export_file(tmp_path: Path) -> None:
    """A .json export file is read through the registry into articles."""
    path = tmp_path / "news.json"
    path.write_text(json.dumps([_row(date="2026-11-26T10:00:00Z")]), encoding="utf-8")
    (article,), skipped = read_file(path, ReadOptions(UTC))
    assert (article.title, article.date_source, skipped) == ("Ferry back", "export", [])


# --- pages.py: saved article pages ----------------------------------------------------------

STORY = (
    "The harbour ferry returned to service on Thursday morning after three weeks of repairs "
    "to its engines and its loading ramp, the operator said."
)
STORY_2 = (
    "Commuters who had used the long road around the bay welcomed the return, and the first "
    "crossing left the quay at seven with every seat taken."
)


def _page(
    head: str = "",
    body: str = "",
    *,
    lang: str = ' lang="en"',
    h1: str = "Harbour ferry returns to service",
) -> str:
    return (
        f"<!DOCTYPE html><html{lang}><head><meta charset='utf-8'>{head}</head><body>"
        f"<article><h1>{h1}</h1><p>{STORY}</p><p>{STORY_2}</p>{body}</article></body></html>"
    )


def test_html_extra_missing_trafilatura_is_named_with_the_install_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without trafilatura a saved page is skipped saying which extra to install."""
    path = tmp_path / "page.html"
    path.write_text(_page(), encoding="utf-8")
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    assert not html_supported()
    assert read_file(path, ReadOptions(UTC))[1][0].reason == (
        "reading saved HTML pages needs the 'html' extra: pip install 'digest[html]'"
    )


def test_html_supported_is_asked_without_importing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before trafilatura is imported, whether it is installed is asked of the import system."""
    monkeypatch.delitem(sys.modules, "trafilatura", raising=False)
    assert html_supported()
    assert "trafilatura" not in sys.modules


def test_read_page_a_parser_failure_is_a_message_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever trafilatura raises on a page becomes "cannot read the page: ..."."""
    import trafilatura

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    with pytest.raises(ArticleError, match=r"^cannot read the page: RuntimeError: boom$"):
        read_page(_page(), "page.html")


def test_published_meta_pubdate_and_time_pubdate_and_json_ld() -> None:
    """The page's own statement of its publication time: <meta name="pubdate">, a <time
    pubdate>, JSON-LD's datePublished; "Z" is UTC."""
    meta = '<meta name="pubdate" content="2026-11-26T10:15:00+01:00">'
    assert read_page(_page(meta), "p.html").date == "2026-11-26T10:15:00+01:00"
    time = '<time pubdate datetime="2026-11-25T08:30:00Z">25 November</time>'
    assert read_page(_page(body=time), "p.html").date == "2026-11-25T08:30:00+00:00"
    ld = (
        '<script type="application/ld+json">[{"@type": "NewsArticle", '
        '"datePublished": "2026-11-24T07:45:00+02:00"}]</script>'
    )
    assert read_page(_page(ld), "p.html").date == "2026-11-24T07:45:00+02:00"


def test_language_meta_dc_language_when_the_html_has_no_lang() -> None:
    """Without <html lang>, the page's DC.language (any case) names its language."""
    page = _page('<meta name="DC.language" content="en-GB">', lang="")
    assert read_page(page, "p.html").language == "en-GB"
    assert read_page(_page(lang=' lang="de_AT"'), "p.html").language == "de-AT"


def test_entry_extra_a_page_is_labelled_by_its_file() -> None:
    """A page's entry carries its label."""
    assert read_page(_page(), "page.html").extra == {"label": "page.html"}


def test_min_text_chars_a_page_with_exactly_enough_text_keeps_the_precise_extraction() -> None:
    """100 characters of main text are enough: the precise extraction stands, and the teaser
    box that the wider (recall) extraction would add stays out."""
    text = (
        "The harbour ferry returned to service on Thursday, after three weeks of repairs to "
        "both its engines."
    )
    assert len(text) == 100
    teaser = (
        "<div class='teaser'><p>The bridge opens on Friday evening after long works, the council "
        "said on Monday.</p></div>"
    )
    page = (
        "<!DOCTYPE html><html lang='en'><head><title>Ferry returns to service</title></head>"
        f"<body><article><h1>Ferry returns to service</h1><p>{text}</p>{teaser}</article>"
        "</body></html>"
    )
    assert read_page(page, "p.html").paragraphs == (text,)


def test_max_date_a_page_date_after_tomorrow_is_not_believed() -> None:
    """A date later than tomorrow (a typo, an event's date) is no publication date."""
    today = date.today()
    later = (today + timedelta(days=2)).isoformat()
    earlier = (today - timedelta(days=2)).isoformat()
    assert read_page(_page(f'<meta name="date" content="{later}">'), "p.html").date != later
    assert read_page(_page(f'<meta name="date" content="{earlier}">'), "p.html").date == earlier


def test_searched_date_a_day_written_in_the_text_is_the_last_resort() -> None:
    """A page with no date in its markup is dated by the day its text says it was first
    published; not by a day after tomorrow, and not by a footer's bare year."""
    said = "<p>Published on 24 November 2026 by the harbour desk.</p>"
    assert read_page(_page(body=said), "p.html").date == "2026-11-24"
    both = "<p>Updated 25 November 2026.</p><p>Published 20 November 2026.</p>"
    assert read_page(_page(body=both), "p.html").date == "2026-11-20"
    later = (date.today() + timedelta(days=2)).isoformat()
    assert read_page(_page(body=f"<p>Published {later}.</p>"), "p.html").date != later
    assert read_page(_page(body="<footer>© 2025 Gazette</footer>"), "p.html").date is None


def test_menu_words_a_menu_is_never_the_headline() -> None:
    """ "Menu" or "Startseite" in the first <h1> is a menu, not the headline."""
    for menu in ("Menu", "Startseite"):
        page = _page("<title>Ferry</title>", h1=menu)
        assert read_page(page, "p.html").title == "Ferry"


def test_without_site_the_site_name_at_either_end_is_dropped() -> None:
    """ "Gazette | Headline" and "Headline | Gazette.com" lose the site's name; a part with no
    letters, or one too long to be a name, is no site's name."""
    site = '<meta property="og:site_name" content="Gazette">'

    def title(text: str) -> str:
        return read_page(_page(site + f'<meta property="og:title" content="{text}">'), "p").title

    assert title("Gazette | Ferry returns to service") == "Ferry returns to service"
    assert title("Ferry returns to service | Gazette.com") == "Ferry returns to service"
    assert title("Ferry returns | ★★★") == "Ferry returns | ★★★"
    long = "Ferry returns | Gazette readers say the ferry is back now"
    assert title(long) == long


def test_title_the_application_name_is_the_site_before_the_publisher() -> None:
    """<meta name="application-name"> names the site whose name a title drops, before a
    publisher's name (trafilatura's choice)."""
    head = (
        '<meta name="publisher" content="Harbour Media Group">'
        '<meta name="application-name" content="Gazette">'
        '<meta property="og:title" content="Ferry returns | Gazette">'
    )
    assert read_page(_page(head), "p.html").title == "Ferry returns"


def test_paragraphs_the_headline_repeated_at_the_top_is_left_out() -> None:
    """A page that repeats its headline as the article's first line gives it once."""
    entry = read_page(_page(), "p.html")
    assert entry.title == "Harbour ferry returns to service"
    assert entry.paragraphs == (STORY, STORY_2)


def test_dek_a_description_that_repeats_the_opening_is_no_standfirst() -> None:
    """The description is the dek unless it is the article's opening again."""
    repeat = f'<meta name="description" content="{STORY[:60]}...">'
    assert read_page(_page(repeat), "p.html").dek == ""
    own = '<meta name="description" content="Three weeks of repairs are over.">'
    assert read_page(_page(own), "p.html").dek == "Three weeks of repairs are over."


def test_page_url_the_canonical_link_wins() -> None:
    """The canonical link is the page's URL, before og:url."""
    head = (
        '<link rel="Canonical" href="https://gazette.example/ferry">'
        '<meta property="og:url" content="https://gazette.example/ferry?from=share">'
    )
    assert read_page(_page(head), "p.html").url == "https://gazette.example/ferry"
