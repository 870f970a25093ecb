"""Hostile articles, metadata and file names, through real files, ``make`` and the CLI.

Markup, template syntax, dangerous URLs, bidi and zero-width characters and line breaks are
shown as text or dropped: never executed, never a template, never a header. File names and
titles never make a path: every output stays inside the outbox.
"""

from __future__ import annotations

import email
import json
import os
import re
import unicodedata
from datetime import UTC, datetime, timedelta
from email import policy
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import distinct_text, set_mtime
from digest.checks import check_path
from digest.cli import app
from digest.pipeline import make
from digest.settings import Settings

T0 = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)
runner = CliRunner()
BODY = (
    "The harbour council approved the ferry budget on Monday after a long debate. "
    "Residents welcomed the plan for the station and the bridge repairs. "
    '"We will start the work before the winter storms arrive," Mayor Elena Marsh said.'
)
# bidi overrides and isolates, zero-width and invisible marks, non-characters, C0/C1 controls
# (not U+0085 or U+2028: those end a line, and the first line of a .txt is its headline)
INVISIBLE = "\u202e\u202d\u2066\u2069\u061c\u200b\u200d\u2060\ufeff\ufffe\uffff\x9b\x01"
UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2069\ufeff\ufffe\uffff]"
)


class Page(HTMLParser):
    """What a browser or mail client would act on, and the text it would show."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[str] = []
        self.handlers: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("href", "src", "action", "formaction", "background"):
                self.links.append(value or "")
            if name.startswith("on"):
                self.handlers.append(name)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @property
    def shown(self) -> str:
        return " ".join(unicodedata.normalize("NFC", "".join(self.text)).split())


def parse_html(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def write(path: Path, text: str, when: datetime = T0 - timedelta(hours=2)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    set_mtime(path, when)
    return path


HEADERS = ["Content-Type", "Date", "From", "List-Id", "MIME-Version", "Message-ID", "Subject", "To"]


def assert_clean_message(raw: bytes, extra: tuple[str, ...] = ()) -> email.message.EmailMessage:
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert b"\x00" not in head and not re.search(rb"\r(?!\n)|(?<!\r)\n", head)
    names = [line.split(b":", 1)[0].decode() for line in head.split(b"\r\n")]
    assert sorted(names) == sorted([*HEADERS, *extra])  # every line a known header: none smuggled
    message = email.message_from_bytes(raw, policy=policy.default)
    assert not message.defects
    for name, value in message.items():
        assert not re.search("[\x00-\x1f\x7f]", str(value)), (name, value)
        assert not UNSAFE.search(str(value)), (name, value)
    return message


def test_hostile_articles_are_shown_as_text(tmp_path: Path) -> None:
    news = tmp_path / "news"
    write(
        news / "script.txt",
        f"<script>alert('title')</script> Harbour vote{INVISIBLE} ends\n"
        "<!-- a dek --> ]]> <mj-raw><script>alert(2)</script></mj-raw>\n\n"
        f"{BODY} </mj-text><mj-raw><script>alert(3)</script></mj-raw> {{{{ 7*7 }}}} done.\n",
    )
    write(
        news / "front.md",
        "---\n"
        'title: "Ferry {{ 7*7 }} {% if true %}plans{% endif %} '
        '\\u202egnp.exe\\r\\nBcc: x@evil.example"\n'
        'url: "javascript:alert(1)"\n'
        "source: \"</mj-text><mj-button href='javascript:alert(4)'>Win</mj-button>\"\n"
        'author: "Eve\\r\\nX-Injected: 1\\u0000"\n'
        "date: 2026-11-27T05:00:00Z\n"
        "---\n\n"
        f"{distinct_text(5)}\n",
    )
    export = [
        {
            "title": "Bridge\r\nBcc: victim@example.org\u0000 repairs",
            "url": "data:text/html,<script>alert(5)</script>",
            "body": "<p>" + distinct_text(6) + "</p><script>alert(6)</script>"
            '<a href="javascript:alert(7)" onclick="alert(8)">link</a>',
            "date": "2026-11-27T04:00:00Z",
            "author": "\u202eeve",
        },
        {
            "title": "Station news",
            "url": "https://example.org/a?x=\"><script>alert(9)</script>&y='",
            "body": distinct_text(7),
            "date": "2026-11-27T03:00:00Z",
        },
    ]
    write(news / "export.json", json.dumps(export))
    out = tmp_path / "out"
    settings = Settings(
        sources=(news,),
        out=out,
        since="1d",
        timezone="UTC",
        sender="Digest <digest@example.org>",
        unsubscribe_url="https://example.org/unsubscribe",
    )
    result = make(settings, now=T0, jobs=1)
    assert result.folder is not None and result.skipped == ()
    assert result.digest is not None and result.digest.count == 4
    folder = result.folder

    message = assert_clean_message(
        (folder / "digest.eml").read_bytes(), ("List-Unsubscribe", "List-Unsubscribe-Post")
    )
    assert message["Bcc"] is None and message["X-Injected"] is None
    html = (folder / "digest.html").read_text()
    text = (folder / "digest.txt").read_text()
    page = parse_html(html)
    assert "script" not in page.tags and "mj-raw" not in page.tags and "mj-button" not in page.tags
    assert page.handlers == []
    # links out are https: or mailto:; "In this issue" links to the stories' headings (#16)
    internal = {link for link in page.links if link.startswith("#")}
    assert all(re.fullmatch(r"#(story-\d+|more)", link) for link in internal), internal
    assert all(
        link.startswith(("https://", "mailto:")) for link in page.links if link not in internal
    )
    assert "javascript" not in " ".join(page.links) and "data:" not in " ".join(page.links)
    assert not re.search(r"<(script|mj-)", html, re.I)
    assert not UNSAFE.search(html) and not UNSAFE.search(text)
    # the markup and template syntax are there, as text
    shown = page.shown
    for visible in (
        "<script>alert('title')</script> Harbour vote ends",
        "<!-- a dek --> ]]> <mj-raw><script>alert(2)</script></mj-raw>",
        "Ferry {{ 7*7 }} {% if true %}plans{% endif %} gnp.exe Bcc: x@evil.example",
        "</mj-text><mj-button href='javascript:alert(4)'>Win</mj-button>",
        "Bridge Bcc: victim@example.org repairs",
        "Eve X-Injected: 1",
    ):
        assert visible in shown, visible
        assert visible in " ".join(text.split()), visible
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    # the only linked story is the https one, its URL escaped inside the attribute
    assert 'href="https://example.org/a?x=&#34;&gt;&lt;script&gt;' in html
    manifest = json.loads((folder / "manifest.json").read_text())
    assert {a["title"] for a in manifest["articles"]} >= {"Station news"}
    for article in manifest["articles"]:
        assert not UNSAFE.search(article["title"]) and "\n" not in article["title"]
    # an article's own {{ }} is text, not a template leftover: the check does not cry wolf
    assert not [p for p in result.problems if "leftovers" in p], result.problems
    assert {r.name: r.ok for r in check_path(folder)}["leftovers"]
    html_path = folder / "digest.html"
    html_path.write_text(html.replace("</body>", "<p>{{ story.summary }}</p></body>"))
    assert not {r.name: r.ok for r in check_path(folder)}["leftovers"]  # a real one still fails


def test_cli_settings_cannot_inject_headers(tmp_path: Path) -> None:
    news = tmp_path / "news"
    write(news / "a.txt", f"A quiet day\n\n{BODY}\n")
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            *("make", "-s", str(news), "--out", str(out), "--since", "1d"),
            *("--title", "Morning\r\nBcc: victim@example.org\u202e"),
            *("--subject", "{title}\r\nX-Evil: 1 {top}"),
            *("--reason", "Because\r\nyou <script>alert(1)</script> asked"),
            *("--from", "Digest <digest@example.org>"),
        ],
        env={"DIGEST_NOW": T0.isoformat(), "TZ": "UTC"},
    )
    assert result.exit_code == 0, result.stderr
    folder = Path(result.stdout.strip())
    message = assert_clean_message((folder / "digest.eml").read_bytes())
    assert message["Subject"] == "Morning Bcc: victim@example.org X-Evil: 1 A quiet day"
    page = parse_html((folder / "digest.html").read_text())
    assert "script" not in page.tags and "you <script>alert(1)</script> asked" in page.shown
    assert (folder / "digest.html").read_bytes().count(b"\r") == 0
    for bad in ("Digest <digest@example.org>\r\nBcc: x@example.org", "a@b\nc"):
        refused = runner.invoke(
            app,
            ["make", "-s", str(news), "--out", str(tmp_path / "o2"), "--from", bad],
            env={"DIGEST_NOW": T0.isoformat(), "TZ": "UTC"},
        )
        assert refused.exit_code == 2 and "line break" in refused.stderr


@pytest.mark.parametrize(
    "value", ["99999999999w", "0001-01-01T00:00+14:00", "9999-12-31T23:59-14:00", "1" * 5000 + "m"]
)
def test_a_when_out_of_range_is_a_usage_error(tmp_path: Path, value: str) -> None:
    news = tmp_path / "news"
    write(news / "a.txt", f"A quiet day\n\n{BODY}\n")
    result = runner.invoke(
        app,
        ["make", "-s", str(news), "--out", str(tmp_path / "out"), "--since", value],
        env={"DIGEST_NOW": T0.isoformat(), "TZ": "UTC"},
    )
    assert result.exit_code == 2 and "internal error" not in result.stderr
    assert result.stderr.startswith("digest: usage error: ") and len(result.stderr) < 600


# --- file names and titles that would make paths -------------------------------------------

NAMES = [
    "..txt",
    "...md",
    "CON.txt",
    "NUL.md",
    "aux.txt",
    "COM1.txt",
    "LPT1.markdown",
    " leading space.txt",
    "-out.txt",
    "--out=evil.txt",
    "a\nb.txt",
    "tab\there.txt",
    "back\\slash.txt",
    "日本語のニュース.txt",
    "ünïcödé-náme.md",
    "\u202etxt.exe.txt",
    "2026-11-27.txt",
    "x" * 251 + ".txt",  # 255 bytes, the longest a name can be
    "é" * 125 + ".txt",  # 254 bytes
]
TITLES = [
    "../../../../etc/passwd",
    "/etc/passwd",
    "..\\..\\windows\\system32",
    "CON",
    "NUL",
    "~/.ssh/authorized_keys",
    "%2e%2e%2f%2e%2e%2fescape",
    "file:///etc/shadow",
    "a" * 300,
]


def test_file_names_and_titles_never_make_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "root"
    news = root / "news"
    deep = news / "../news/sub"  # a source path that goes up and back down
    for i, name in enumerate(NAMES):
        title = TITLES[i % len(TITLES)]
        write(news / "sub" / name, f"{title}\n\n{distinct_text(100 + i)}\n")
    write(news / "sub" / ("d" * 200) / "CON" / "nested.txt", f"../../x\n\n{distinct_text(99)}\n")
    cwd = root / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    before = {p for p in tmp_path.rglob("*")}
    out = root / "out"
    result = runner.invoke(
        app,
        ["make", "-s", str(deep), "--out", str(out), "--since", "1d", "--jobs", "1"],
        env={"DIGEST_NOW": T0.isoformat(), "TZ": "UTC"},
    )
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((out / "2026-11-27" / "manifest.json").read_text())
    hidden = [n for n in NAMES if n.startswith(".")]  # passed over, as hidden files are
    assert len(manifest["articles"]) + len(manifest["more_stories"]) == len(NAMES) - len(hidden) + 1
    assert manifest["skipped"] == []
    created = {p for p in tmp_path.rglob("*")} - before
    outside = [p for p in created if not p.resolve().is_relative_to(out.resolve())]
    assert outside == [], outside  # nothing written anywhere but the outbox
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve()), path
    assert sorted(p.name for p in out.iterdir()) == [
        ".cache",
        ".digest-state.json",
        ".lock",
        "2026-11-27",
        "feed.xml",  # the archive
        "index.html",
    ]
    assert list(cwd.iterdir()) == []
    assert not (Path("/etc") / "passwd.txt").exists()
    html = (out / "2026-11-27" / "digest.html").read_text()
    assert "../../../../etc/passwd" in parse_html(html).shown  # a title is only text
    assert os.path.isdir(out / "2026-11-27")


def test_a_word_longer_than_a_line_does_not_overrun_the_text_part(tmp_path: Path) -> None:
    news = tmp_path / "news"
    token = "x" * 150
    write(
        news / "long.txt",
        f"Hash {token} published\n\n{distinct_text(2)} The checksum was {token} today.\n"
        f"{distinct_text(4)} See https://example.org/{'p' * 90} for more.\n",
    )
    settings = Settings(sources=(news,), out=tmp_path / "out", since="1d", timezone="UTC")
    result = make(settings, now=T0, jobs=1)
    assert result.folder is not None
    text = (result.folder / "digest.txt").read_text()
    long_lines = [line for line in text.splitlines() if len(line) > 78]
    assert all("https://example.org/ppp" in line for line in long_lines)  # only the link
    assert token in "".join(text.split())  # the word is all there, cut into pieces
    assert {r.name: r.ok for r in check_path(result.folder)}["text-lines"]
