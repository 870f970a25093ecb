from __future__ import annotations

import email
import json
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from conftest import NOW, distinct_text
from digest.compose import Layout, compose
from digest.errors import ConfigError
from digest.model import Digest
from digest.pipeline import make
from digest.render.fit import DEFAULT_MARGIN, encoded_size, fit_under_clip
from digest.render.fit import GMAIL_CLIP_BYTES as CLIP_BYTES
from digest.render.message import parse_address
from digest.render.templates import render_html
from digest.settings import Settings


def run(articles: Path, out: Path, **overrides: object):
    settings = Settings(
        sources=(articles,),
        out=out,
        since="2026-11-20",
        timezone="UTC",
        sender="Fixture Desk <desk@example.org>",
        recipients=("one@example.org",),
        **overrides,
    )
    return make(settings, now=NOW)


def parse(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_eml_is_multipart_alternative_text_then_html(articles: Path, tmp_path: Path) -> None:
    folder = run(articles, tmp_path / "out").folder
    raw = (folder / "digest.eml").read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF throughout
    msg = parse(folder / "digest.eml")
    assert msg.get_content_type() == "multipart/alternative"
    text_part, html_part = msg.get_payload()
    assert text_part.get_content_type() == "text/plain"
    assert html_part.get_content_type() == "text/html"
    for part in (text_part, html_part):
        assert part.get_content_charset() == "utf-8"
        assert part["Content-Transfer-Encoding"] == "quoted-printable"
    # MIME text is canonically CRLF; decoded, each part is exactly the file beside it
    assert text_part.get_content().replace("\r\n", "\n") == (folder / "digest.txt").read_text()
    assert html_part.get_content().replace("\r\n", "\n") == (folder / "digest.html").read_text()
    assert str(msg["From"]) == "Fixture Desk <desk@example.org>"
    assert str(msg["To"]) == "one@example.org"
    # the subject is the lead story's hook (#16): the From name carries the title
    assert msg["Subject"] == "Night ferry returns to Gullhaven after two-year pause"
    assert msg["Date"] == "Fri, 27 Nov 2026 07:00:00 +0000"
    assert msg["Message-ID"].endswith("@example.org>")
    assert msg["MIME-Version"] == "1.0"


def test_same_input_and_clock_give_the_same_bytes(articles: Path, tmp_path: Path) -> None:
    first = run(articles, tmp_path / "a").folder
    second = run(articles, tmp_path / "b").folder
    for name in ("digest.eml", "digest.html", "digest.txt", "manifest.json"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_titles_cannot_inject_headers(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "evil.md").write_text(
        '---\ntitle: "Hello\\r\\nBcc: victim@example.org\\nX-Evil: 1"\ndate: 2026-11-26\n---\n'
        "Body text of the evil article.\n"
    )
    msg = parse(run(src, tmp_path / "out").folder / "digest.eml")
    assert msg["Bcc"] is None and msg["X-Evil"] is None
    assert "Bcc: victim@example.org" in msg["Subject"]  # kept as harmless text


@pytest.mark.parametrize("value", ["not an address", "a@", "x\r\nBcc: y@z.org <a@b.org>", ""])
def test_bad_sender_is_a_config_error(value: str) -> None:
    with pytest.raises(ConfigError, match="sender"):
        parse_address(value, "sender")


def test_reply_to_unsubscribe_and_subject_template(articles: Path, tmp_path: Path) -> None:
    result = run(
        articles,
        tmp_path / "out",
        reply_to="Editors <editors@example.org>",
        unsubscribe_url="https://example.org/unsub?u=1",
        manage_url="https://example.org/m",
        subject="{title} ({count}): {top}",
        title="Fixture Digest",
    )
    msg = parse(result.folder / "digest.eml")
    assert str(msg["Reply-To"]) == "Editors <editors@example.org>"
    assert msg["List-Unsubscribe"] == "<https://example.org/unsub?u=1>"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # {top} is cut at a word so that the whole subject stays within 60 characters (#16)
    assert msg["Subject"] == "Fixture Digest (2): Night ferry returns to Gullhaven after…"
    assert len(msg["Subject"]) <= 60


def test_mailto_unsubscribe_has_no_one_click_header(articles: Path, tmp_path: Path) -> None:
    result = run(articles, tmp_path / "out", unsubscribe_url="mailto:leave@example.org")
    msg = parse(result.folder / "digest.eml")
    assert msg["List-Unsubscribe"] == "<mailto:leave@example.org>"
    assert msg["List-Unsubscribe-Post"] is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"subject": "{title} {oops}"}, "subject template"),
        ({"unsubscribe_url": "http://example.org/u"}, "unsubscribe_url must be"),
        ({"archive_url": "mailto:x@example.org"}, "archive_url must be an https: URL"),
        ({"reply_to": "not-an-address"}, "reply_to"),
    ],
)
def test_bad_mail_settings(
    articles: Path, tmp_path: Path, overrides: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        run(articles, tmp_path / "out", **overrides)


def test_stories_move_to_more_stories_to_stay_under_gmail_clip(tmp_path: Path) -> None:
    src = tmp_path / "many"
    src.mkdir()
    for i in range(40):
        body = distinct_text(i, 60)
        (src / f"story-{i:02d}.md").write_text(
            f"---\ntitle: Story number {i} about the harbour works\ndate: 2026-11-26T{i % 24:02d}:"
            f"{i % 60:02d}:00Z\nurl: https://example.org/story/{i}\nsource: Wire\n---\n{body}\n"
        )
    # every story a card with all its sentences (since #16 the default is a lead, eight
    # short blurbs and headlines, which stays far under the clip)
    result = run(src, tmp_path / "out", sentences=12, blurbs=100, blurb_words=400)
    html = (result.folder / "digest.html").read_bytes()
    assert encoded_size(html.decode()) <= CLIP_BYTES - DEFAULT_MARGIN  # as sent (#16)
    digest = result.digest
    assert digest.more and len(digest.stories) + len(digest.more) == 40
    assert any("lower-ranked stories are listed as headlines only" in w for w in result.warnings)
    for story in digest.more:  # every dropped story is still listed and linked
        assert story.article.url.encode() in html
    manifest = json.loads((result.folder / "manifest.json").read_text())
    assert len(manifest["more_stories"]) == len(digest.more)


def test_the_clip_search_keeps_the_most_full_stories_that_fit(tmp_path: Path) -> None:
    """The interpolating search gives what trying every count would: the largest count of full
    stories whose HTML stays under the clip."""
    src = tmp_path / "many"
    src.mkdir()
    for i in range(40):
        body = distinct_text(i, 90 + 40 * (i % 3))  # uneven cards: sizes are not linear
        (src / f"s{i:02d}.md").write_text(
            f"---\ntitle: Story {i}\ndate: 2026-11-26T{i % 24:02d}:00:00Z\n---\n{body}\n"
        )
    result = run(src, tmp_path / "out", sentences=20, blurbs=100, blurb_words=400)
    digest = result.digest
    everything = (*digest.stories, *digest.more)
    layout = Layout(blurbs=100, blurb_words=400)
    budget = CLIP_BYTES - DEFAULT_MARGIN  # the encoded part's budget (#16)

    def build(shown: int, listed: int | None = None) -> Digest:
        return compose(
            digest.title,
            digest.window,
            digest.generated,
            everything,
            shown=shown,
            listed=listed,
            layout=layout,
        )

    sizes = [encoded_size(render_html(build(n))) for n in range(1, len(everything) + 1)]
    # (with every story a card the "more headlines" block goes: the last can be smaller)
    assert sizes[:-1] == sorted(sizes[:-1]) and sizes[-2] > budget  # the case searched for
    expected = max([n for n, size in enumerate(sizes, 1) if size <= budget], default=1)
    for count in (len(everything), 37, 35, 12, 2):
        fitted = fit_under_clip(build, count, None)
        kept, html = fitted.digest, fitted.html
        assert len(kept.stories) == (count if sizes[count - 1] <= budget else expected)
        assert html == render_html(build(len(kept.stories)))


def test_a_window_too_wide_for_even_the_headlines_lists_what_fits(tmp_path: Path) -> None:
    src = tmp_path / "wide"
    src.mkdir()
    for i in range(360):
        title = f"Story {i:03d} on the harbour works and the long council debate about them"
        (src / f"s{i:03d}.md").write_text(
            f"---\ntitle: {title}\ndate: 2026-11-26T{i % 24:02d}:{i % 60:02d}:00Z\n"
            f"url: https://example.org/news/{i:03d}/{'x' * 40}\n---\n{distinct_text(i, 2)}\n"
        )
    result = run(src, tmp_path / "out")
    digest = result.digest
    assert len(digest.stories) == 1 and digest.more and digest.unlisted
    assert digest.count == 360 == len(digest.stories) + len(digest.more) + len(digest.unlisted)
    html = (result.folder / "digest.html").read_text()
    text = (result.folder / "digest.txt").read_text()
    assert encoded_size(html) <= CLIP_BYTES - DEFAULT_MARGIN
    line = f"and {len(digest.unlisted)} more from this window, not listed"
    assert line in html and line in " ".join(text.split())
    assert any("not listed at all" in w for w in result.warnings)
    assert not any("FAIL html-size" in p for p in result.problems), result.problems
    manifest = json.loads((result.folder / "manifest.json").read_text())
    assert len(manifest["unlisted_stories"]) == len(digest.unlisted)
    # one more headline would not have fitted
    bigger = compose(
        digest.title,
        digest.window,
        digest.generated,
        (*digest.stories, *digest.more, *digest.unlisted),
        footer=digest.footer,
        shown=1,
        listed=len(digest.more) + 1,
    )
    assert encoded_size(render_html(bigger)) > CLIP_BYTES - DEFAULT_MARGIN
