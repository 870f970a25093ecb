"""The archive: ``OUT/index.html`` and ``OUT/feed.xml``, what writes them, and their checks.

The outbox is made by ``make`` (two real digests); a later edition of a day (``<date>-2``) is
added by copying a digest folder and moving its window, as any writer of the outbox may. The
page is checked with the Nu HTML Checker and clicked through in Chromium; the feed is read
with feedparser.
"""

from __future__ import annotations

import email
import email.policy
import json
import re
import shutil
import subprocess
from calendar import timegm
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
from tools import browser
from typer.testing import CliRunner

from conftest import NOW, SEEDS, set_mtime, vnu_command
from digest.checks import check_path
from digest.cli import app
from digest.errors import OutputError
from digest.outbox import archive, editions, state
from digest.pipeline import make
from digest.settings import Settings

NEWER, OLDER = "2026-11-27", "2026-11-26"
SETTINGS = Settings(title="Harbourton Morning", sender="Harbourton Morning <morning@example.org>")
PUBLIC = Settings(
    title="Harbourton Morning",
    sender="Harbourton Morning <morning@example.org>",
    archive_url="https://example.org/digests/",
)
runner = CliRunner()


def _settings(seeds: Path, out: Path, until: str | None = None, **extra: object) -> Settings:
    return Settings(
        sources=(seeds,),
        out=out,
        since="2026-11-24",
        until=until,
        timezone="UTC",
        title=SETTINGS.title,
        sender=SETTINGS.sender,
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An outbox with two real digests, 2026-11-26 and 2026-11-27, made by ``make``."""
    base = tmp_path_factory.mktemp("archive")
    seeds = base / "seeds"
    shutil.copytree(SEEDS, seeds)
    set_mtime(seeds / "000_2534067fcf5ef89c.txt", NOW.replace(hour=6))
    out = base / "out"
    for until in (OLDER, NEWER):
        result = make(_settings(seeds, out, until), now=NOW)
        assert result.folder is not None and result.problems == ()
    return out


@pytest.fixture
def outbox(built: Path, tmp_path: Path) -> Path:
    target = tmp_path / "out"
    shutil.copytree(built, target, symlinks=True)
    return target


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text())


def add_edition(
    out: Path, name: str, until: datetime, like: str = NEWER, **changes: object
) -> Path:
    """A copy of the digest ``like`` as the edition ``name``, its window ending at ``until``."""
    folder = out / name
    shutil.copytree(out / like, folder)
    data = manifest(folder)
    data["window"]["until"] = until.isoformat()
    data.update(changes)
    (folder / "manifest.json").write_text(json.dumps(data))
    return folder


class Page(HTMLParser):
    """The editions of index.html as a reader sees them: link, date, meta line, headlines."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.editions: list[dict] = []
        self.hrefs: list[str] = []
        self.lang: str | None = None
        self._in: str | None = None
        self._list = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        if "href" in values:
            self.hrefs.append(values["href"] or "")
        if tag == "article":
            self.editions.append({"href": None, "label": "", "meta": "", "headlines": []})
        elif self.editions and tag == "a" and self.editions[-1]["href"] is None:
            self.editions[-1]["href"] = values["href"]
            self._in = "label"
        elif self.editions and tag == "p" and values.get("class") == "meta":
            self._in = "meta"
        elif tag == "ul" and values.get("class") == "headlines":
            self._list = True
        elif self._list and tag == "li":
            self.editions[-1]["headlines"].append("")
            self._in = "headline"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("a", "p", "li"):
            self._in = None
        if tag == "ul":
            self._list = False

    def handle_data(self, data: str) -> None:
        if self._in == "headline":
            self.editions[-1]["headlines"][-1] += data
        elif self._in is not None:
            self.editions[-1][self._in] += data


def page(out: Path) -> Page:
    return Page((out / "index.html").read_text(encoding="utf-8"))


def feed(out: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((out / "feed.xml").read_bytes(), resolve_relative_uris=False)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def stories(folder: Path) -> list[str]:
    data = manifest(folder)
    return [s["title"] for s in (*data["articles"], *data["more_stories"])]


# --- what make writes ----------------------------------------------------------------------------


def test_make_writes_the_archive_of_every_edition_newest_first(built: Path) -> None:
    shown = page(built)
    assert shown.lang == "en"
    assert [e["href"] for e in shown.editions] == [f"{NEWER}/digest.html", f"{OLDER}/digest.html"]
    for edition, (name, label) in zip(
        shown.editions, [(NEWER, "27 November 2026"), (OLDER, "26 November 2026")], strict=True
    ):
        assert (built / edition["href"]).is_file()  # relative, and it leads to the digest
        assert edition["label"] == label
        count = len(stories(built / name))
        assert edition["meta"] == f"Harbourton Morning · {count} stories"
        assert edition["headlines"] == stories(built / name)[:3]
    assert not any(p.name.startswith(".tmp-") for p in built.iterdir())  # written atomically
    assert [r.status for r in check_path(built)] == ["PASS", "PASS"]


def test_make_checks_the_archive_it_wrote(seeds: Path, tmp_path: Path, monkeypatch) -> None:
    """The archive's checks are part of make's own check run: a broken feed is reported."""
    monkeypatch.setattr(archive, "render_feed", lambda found, settings: b"<feed>")
    result = make(_settings(seeds, tmp_path / "out"), now=NOW)
    assert result.folder is not None
    failed = [p for p in result.problems if p.startswith("FAIL archive-feed")]
    assert len(failed) == 1 and "feed.xml does not parse" in failed[0]


def test_a_kept_digest_brings_back_a_missing_archive(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = make(_settings(seeds, out), now=NOW)
    assert first.folder is not None and not first.kept
    index, feed_file = out / "index.html", out / "feed.xml"
    written = index.read_bytes()
    inode = feed_file.stat().st_ino
    index.unlink()
    again = make(_settings(seeds, out), now=NOW)
    assert again.kept  # nothing changed: the digest is kept, byte for byte
    assert index.read_bytes() == written
    assert feed_file.stat().st_ino == inode  # left alone: it was right


def test_a_later_edition_comes_first_and_editions_sort_by_number(outbox: Path) -> None:
    at = datetime.fromisoformat(manifest(outbox / NEWER)["window"]["until"])
    for number in (2, 9, 10):
        add_edition(outbox, f"{NEWER}-{number}", at + timedelta(hours=number))
    archive.update(outbox, SETTINGS)
    names = [f"{NEWER}-10", f"{NEWER}-9", f"{NEWER}-2", NEWER, OLDER]
    shown = page(outbox)
    assert [e["href"] for e in shown.editions] == [f"{n}/digest.html" for n in names]
    assert shown.editions[0]["label"] == "27 November 2026, edition 10"
    assert shown.editions[3]["label"] == "27 November 2026"
    entries = feed(outbox).entries
    assert [e.link for e in entries] == [f"{n}/digest.html" for n in names]
    assert [r.status for r in check_path(outbox)] == ["PASS", "PASS"]


def test_only_digest_folders_are_editions(outbox: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(outbox / NEWER, elsewhere)
    shutil.copytree(outbox / NEWER, outbox / ".tmp-2026-11-28.999")  # a run's temporary
    shutil.copytree(outbox / NEWER, outbox / "notes")
    for name in ("2026-11-27-1", "2026-11-27-02", "2026-13-01", "2026-11-27-x"):
        shutil.copytree(outbox / NEWER, outbox / name)
    (outbox / "2026-11-28").mkdir()  # empty
    (add_edition(outbox, "2026-11-29", NOW) / "manifest.json").write_text("{not json")
    (add_edition(outbox, "2026-11-30", NOW) / "digest.eml").unlink()
    (outbox / "2026-12-01").symlink_to(elsewhere)  # leads outside the outbox
    (outbox / "2026-12-02").write_text("a file")
    assert [e.name for e in editions.read_editions(outbox)] == [NEWER, OLDER]


def test_everything_shown_is_escaped_data(outbox: Path) -> None:
    hostile = '<script>alert("x")</script> & <b>bold</b>\x07'
    add_edition(
        outbox,
        "2026-11-28",
        NOW + timedelta(days=1),
        title=hostile,
        articles=[{**manifest(outbox / NEWER)["articles"][0], "title": hostile}],
    )
    settings = Settings(title=hostile, sender=f'"{hostile}" <x@example.org>')
    archive.update(outbox, settings)
    text = (outbox / "index.html").read_text()
    assert "<script" not in text and "<b>" not in text and "\x07" not in text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in text
    shown = page(outbox).editions[0]
    assert shown["headlines"][0] == '<script>alert("x")</script> & <b>bold</b>'
    parsed = feed(outbox)
    assert parsed.feed.title == '<script>alert("x")</script> & <b>bold</b>'
    assert [r.status for r in check_path(outbox)] == ["PASS", "PASS"]


def test_an_archive_that_cannot_be_written_is_an_output_error(outbox: Path) -> None:
    (outbox / "index.html").unlink()
    (outbox / "index.html").mkdir()
    with pytest.raises(OutputError, match=r"cannot write the archive .*index\.html"):
        archive.update(outbox, SETTINGS)


def test_make_fails_before_the_state_advances_when_the_archive_cannot_be_written(
    seeds: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (out / "feed.xml").mkdir(parents=True)  # in the way
    with pytest.raises(OutputError, match=r"cannot write the archive .*feed\.xml"):
        make(_settings(seeds, out), now=NOW)
    assert state.load(out) == state.State()  # not advanced: the next run makes it again
    (out / "feed.xml").rmdir()
    again = make(_settings(seeds, out), now=NOW)
    assert again.folder is not None and not again.kept and again.problems == ()
    assert (out / "feed.xml").is_file()


# --- the feed ----------------------------------------------------------------------------------


def _until(out: Path, name: str) -> int:
    return int(datetime.fromisoformat(manifest(out / name)["window"]["until"]).timestamp())


def test_the_feed_links_relative_without_an_archive_url(built: Path) -> None:
    parsed = feed(built)
    assert parsed.version == "atom10"
    assert parsed.feed.title == "Harbourton Morning"
    assert [link.href for link in parsed.feed.links] == ["index.html"]  # no self: no address
    assert [e.link for e in parsed.entries] == [f"{NEWER}/digest.html", f"{OLDER}/digest.html"]
    for entry, name in zip(parsed.entries, (NEWER, OLDER), strict=True):
        assert timegm(entry.updated_parsed) == _until(built, name)
        assert entry.summary.startswith(f"{len(stories(built / name))} stories: ")
        assert stories(built / name)[0] in entry.summary
        message = email.message_from_bytes(
            (built / name / "digest.eml").read_bytes(), policy=email.policy.default
        )
        assert entry.title == str(message["Subject"])  # the edition's subject (the lead's hook)
    assert timegm(parsed.feed.updated_parsed) == _until(built, NEWER)


def test_the_feed_links_absolute_with_an_archive_url(outbox: Path) -> None:
    relative = feed(outbox)
    archive.update(outbox, PUBLIC)
    parsed = feed(outbox)
    base = "https://example.org/digests/"
    links = {link.rel: link.href for link in parsed.feed.links}
    assert links == {"self": base + "feed.xml", "alternate": base + "index.html"}
    assert [e.link for e in parsed.entries] == [
        f"{base}{NEWER}/digest.html",
        f"{base}{OLDER}/digest.html",
    ]
    # the ids do not depend on where the archive is published
    assert parsed.feed.id == relative.feed.id
    assert [e.id for e in parsed.entries] == [e.id for e in relative.entries]
    assert len({e.id for e in parsed.entries}) == 2
    # the page itself keeps relative links: it works from disk and wherever OUT/ is served
    assert [e["href"] for e in page(outbox).editions] == [
        f"{NEWER}/digest.html",
        f"{OLDER}/digest.html",
    ]
    assert [r.status for r in check_path(outbox)] == ["PASS", "PASS"]


def test_ids_and_bytes_are_stable(outbox: Path) -> None:
    before = {name: (outbox / name).read_bytes() for name in ("index.html", "feed.xml")}
    inodes = {name: (outbox / name).stat().st_ino for name in before}
    ids = [e.id for e in feed(outbox).entries]
    archive.update(outbox, SETTINGS)
    for name, data in before.items():
        assert (outbox / name).read_bytes() == data
        assert (outbox / name).stat().st_ino == inodes[name]  # not rewritten
    add_edition(outbox, "2026-11-28", NOW + timedelta(days=1))
    archive.update(outbox, SETTINGS)
    entries = feed(outbox).entries
    assert [e.id for e in entries[1:]] == ids  # the earlier editions keep their ids
    assert entries[0].id not in ids


# --- digest check --------------------------------------------------------------------------------


def check(*args: str) -> tuple[int, list[str]]:
    result = runner.invoke(app, ["check", *map(str, args)])
    return result.exit_code, result.stdout.splitlines()


def test_digest_check_on_the_outbox_and_on_each_file(outbox: Path) -> None:
    code, lines = check(outbox)
    assert code == 0
    assert [line.split()[:2] for line in lines] == [
        ["PASS", "archive-index"],
        ["PASS", "archive-feed"],
    ]
    assert "2 editions newest first" in lines[0]
    assert "2 entries for 2 editions, relative links" in lines[1]
    assert [line.split()[1] for line in check(outbox / "index.html")[1]] == ["archive-index"]
    assert [line.split()[1] for line in check(outbox / "feed.xml")[1]] == ["archive-feed"]
    # a digest folder still gets the digest's checks
    assert "archive-index" not in {r.name for r in check_path(outbox / NEWER)}


def _remove_older(out: Path) -> None:
    shutil.rmtree(out / OLDER)


def _add_unlisted(out: Path) -> None:
    add_edition(out, "2026-11-28", NOW + timedelta(days=1))


def _edit(name: str, old: str, new: str, count: int = 1):
    def edit(out: Path) -> None:
        text = (out / name).read_text()
        assert old in text
        (out / name).write_text(text.replace(old, new, count))

    return edit


def _swap(out: Path) -> None:
    text = (out / "index.html").read_text()
    head, rest = text.split('<ol class="editions">\n')
    body, tail = rest.split("</ol>")
    items = [item + "</article>\n</li>\n" for item in body.split("</article>\n</li>\n") if item]
    assert len(items) == 2
    swapped = head + '<ol class="editions">\n' + items[1] + items[0] + "</ol>" + tail
    (out / "index.html").write_text(swapped)


def _same_ids(out: Path) -> None:
    text = (out / "feed.xml").read_text()
    (out / "feed.xml").write_text(re.sub(r"(<entry>\s*<id>)[^<]*", r"\1urn:uuid:same", text))


BROKEN = [
    ("a digest removed", _remove_older, "1 link lead to no digest: '2026-11-26/digest.html'"),
    ("an edition not listed", _add_unlisted, "1 edition not listed: 2026-11-28"),
    ("a script", _edit("index.html", "</main>", "<script>x()</script></main>"), "1 script"),
    ("an outside link", _edit("index.html", 'href="2026', 'href="/etc/../2026'), "lead to no"),
    ("unclosed", _edit("index.html", "</ul>", ""), "never closed: <ul>"),
    ("no lang", _edit("index.html", ' lang="en"', ""), "<html> has no lang attribute"),
    ("out of order", _swap, "the editions are not newest first"),
    ("missing", lambda out: (out / "index.html").unlink(), "index.html does not exist"),
]


@pytest.mark.parametrize(("what", "damage", "expected"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_index_fails_its_check(outbox: Path, what: str, damage, expected: str) -> None:
    damage(outbox)
    results = {r.name: r for r in check_path(outbox)}
    assert not results["archive-index"].ok
    assert expected in results["archive-index"].detail
    code, lines = check(outbox / "index.html")
    assert code == 1 and lines[0].startswith("FAIL  archive-index")


FEED_BROKEN = [
    ("a digest removed", _remove_older, "2 entries for 1 edition"),
    ("an edition not listed", _add_unlisted, "1 edition not listed: 2026-11-28"),
    ("truncated", _edit("feed.xml", "</feed>", ""), "feed.xml does not parse"),
    ("not atom", _edit("feed.xml", "http://www.w3.org/2005/Atom", "urn:x"), "not an Atom 1.0"),
    (
        "a link elsewhere",
        _edit("feed.xml", 'href="2026-11-27', 'href="https://elsewhere.example/2026-11-27'),
        "lead to no digest: 'https://elsewhere.example/2026-11-27/digest.html'",
    ),
    ("a repeated id", _same_ids, "entry ids are missing or repeated"),
    ("missing", lambda out: (out / "feed.xml").unlink(), "feed.xml does not exist"),
]


@pytest.mark.parametrize(
    ("what", "damage", "expected"), FEED_BROKEN, ids=[b[0] for b in FEED_BROKEN]
)
def test_a_broken_feed_fails_its_check(outbox: Path, what: str, damage, expected: str) -> None:
    damage(outbox)
    results = {r.name: r for r in check_path(outbox)}
    assert not results["archive-feed"].ok
    assert expected in results["archive-feed"].detail
    code, lines = check(outbox / "feed.xml")
    assert code == 1 and lines[0].startswith("FAIL  archive-feed")


def test_an_absolute_feed_is_checked_through_its_self_link(outbox: Path) -> None:
    archive.update(outbox, PUBLIC)
    assert check_path(outbox)[1].ok
    moved = "https://elsewhere.example/feed.xml"
    _edit("feed.xml", "https://example.org/digests/feed.xml", moved)(outbox)
    result = check_path(outbox)[1]
    assert not result.ok and "lead to no digest" in result.detail


# --- real-world tools ----------------------------------------------------------------------------


@pytest.mark.skipif(
    vnu_command() is None, reason="the Nu HTML Checker (npm vnu-jar + java) is absent"
)
def test_the_nu_html_checker_finds_nothing_in_the_index(outbox: Path) -> None:
    add_edition(outbox, f"{NEWER}-2", NOW + timedelta(hours=6))
    archive.update(outbox, PUBLIC)
    command = vnu_command()
    assert command is not None
    proc = subprocess.run(
        [*command, "--format", "json", str(outbox / "index.html")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(proc.stderr or proc.stdout)
    assert report["messages"] == []  # neither errors nor warnings
    # and the checker does look: a page with a mistake is reported
    _edit("index.html", "<main>", "<main><li>stray</li>")(outbox)
    proc = subprocess.run(
        [*command, "--format", "json", str(outbox / "index.html")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert json.loads(proc.stderr or proc.stdout)["messages"]


needs_chromium = pytest.mark.skipif(browser.chromium() is None, reason="chromium is absent")


@needs_chromium
def test_chromium_clicks_from_the_index_to_an_edition(built: Path) -> None:
    for nth, name in ((1, NEWER), (2, OLDER)):
        landed = browser.click_through(
            built / "index.html", f"ol.editions > li:nth-child({nth}) h2 a"
        )
        assert landed.url == (built / name / "digest.html").resolve().as_uri()
        assert landed.title.startswith("Harbourton Morning — ")  # the digest's own page
        assert f"November {int(name[-2:])}, 2026" in landed.title  # of that edition's day
        assert stories(built / name)[0] in landed.text  # the digest itself, not an error page


@needs_chromium
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("width", [600, 375])
def test_chromium_index_fits_and_reads(built: Path, dark: bool, width: int) -> None:
    result = browser.measure(built / "index.html", width, dark=dark)
    assert result.dark is dark
    assert not result.overflows, f"{result.scroll_width}px of content in {width}px"
    assert result.min_contrast >= 4.5, f"contrast {result.min_contrast}: {result.worst_text!r}"
