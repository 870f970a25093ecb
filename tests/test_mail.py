from __future__ import annotations

import email
import hashlib
import hmac
import json
import re
from datetime import UTC, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from conftest import NOW, distinct_text
from digest.compose import Layout, compose
from digest.errors import ConfigError
from digest.model import Article, Digest, Story, Window
from digest.pipeline import make
from digest.render.fit import DEFAULT_MARGIN, encoded_size, fit_under_clip
from digest.render.fit import GMAIL_CLIP_BYTES as CLIP_BYTES
from digest.render.message import (
    build_message,
    check_unsubscribe,
    message_bytes,
    message_id,
    parse_address,
    parse_addresses,
    personalize,
    read_recipients,
    story_ids,
    subject,
    token,
    unsubscribe_link,
)
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


# --- render/message.py, each rule where it alone decides (issue 17) ---------------------------
# Direct calls with hand-made digests: fast, and each case changes one input.

SENDER = Address("Fixture Desk", "desk", "example.org")
UNTIL = datetime(2026, 11, 27, 6, 0, tzinfo=UTC)
WINDOW = Window(datetime(2026, 11, 26, 6, 0, tzinfo=UTC), UNTIL)
TEMPLATE = "https://example.org/u?e={email}&t={token}"


def story(ident: str, title: str = "", *also: str) -> Story:
    def article(name: str) -> Article:
        return Article(name, Path(f"{name}.md"), title or name, UNTIL, "front matter", ("x",))

    return Story(article(ident), ("x",), also=tuple(article(a) for a in also))


def hand_digest(title: str = "Daily Digest", *stories: Story, **fields: object) -> Digest:
    return Digest(title, WINDOW, NOW, stories, "", **fields)


def message(
    digest: Digest | None = None, text: str = "text\n", html: str = "<p>html</p>\n", **kw: Any
) -> EmailMessage:
    digest = digest or hand_digest("Daily Digest", story("a1", "Top story"))
    recipients = kw.pop("recipients", (Address("", "one", "example.org"),))
    return build_message(digest, html, text, SENDER, recipients, NOW, **kw)


def reparse(msg: EmailMessage) -> EmailMessage:
    parsed = email.message_from_bytes(message_bytes(msg), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


@pytest.mark.parametrize("value", ["a@example.org\n", "a@example.org\r", "A <a@example.org>\r\n"])
def test_an_address_with_any_line_break_is_refused_as_such(value: str) -> None:
    with pytest.raises(ConfigError, match=r"^sender: an address cannot contain a line break$"):
        parse_address(value, "sender")


@pytest.mark.parametrize("value", ["a@", "@example.org", "example.org", "a b@example.org"])
def test_an_address_needs_a_user_an_at_and_a_domain_and_no_space(value: str) -> None:
    with pytest.raises(ConfigError, match=r"^reply_to: '.*' is not an email address$"):
        parse_address(value, "reply_to")


def test_an_address_keeps_its_display_name_user_and_domain() -> None:
    address = parse_address("Fixture Desk <desk@example.org>", "sender")
    assert (address.display_name, address.username, address.domain) == (
        "Fixture Desk",
        "desk",
        "example.org",
    )
    assert str(parse_address("x.y@sub.example.org", "sender")) == "x.y@sub.example.org"


def test_parse_addresses_reads_several_with_and_without_names() -> None:
    found = parse_addresses(("Ann Lee <ann@example.org>, bo@example.org",), "recipients")
    assert [str(a) for a in found] == ["Ann Lee <ann@example.org>", "bo@example.org"]
    assert [a.display_name for a in found] == ["Ann Lee", ""]


def test_subject_fills_every_field_on_one_line() -> None:
    digest = hand_digest("Daily\nDigest", story("a1", "Top  story"), more=(story("b2"),))
    template = "{title}|{date}|{top}|{count}"
    assert subject(digest, template) == "Daily Digest|27 November 2026|Top story|2"
    assert subject(hand_digest("D"), "{top} ({count})") == "no new stories (0)"
    assert subject(digest) == "Top story"  # the default (#16): the lead's hook alone


def test_story_ids_cover_shown_listed_unlisted_and_also_sorted() -> None:
    digest = hand_digest(
        "D", story("s2", "", "s1"), more=(story("m1"),), unlisted=(story("u1", "", "a0"),)
    )
    assert story_ids(digest) == ["a0", "m1", "s1", "s2", "u1"]


def test_message_id_is_edition_and_a_hash_of_the_sorted_ids() -> None:
    made = message_id("2026-11-27-2", ["b", "a"], "example.org")
    assert re.fullmatch(r"<digest\.202611272\.[0-9a-f]{20}@example\.org>", made)
    assert made == message_id("2026-11-27-2", ["a", "b"], "example.org")
    assert made != message_id("2026-11-27-2", ["a", "c"], "example.org")
    assert made != message_id("2026-11-27-3", ["a", "b"], "example.org")

    def hashed(edition: str, ids: list[str]) -> str:
        return message_id(edition, ids, "d.org").split(".")[2].removesuffix("@d")

    # the parts are separated: moving a character from the edition into an id changes the hash
    assert hashed("x", ["ab"]) != hashed("xa", ["b"])


def test_build_message_headers() -> None:
    digest = hand_digest("Daily Digest", story("a1", "Top story", "a0"), more=(story("m1"),))
    msg = reparse(message(digest))
    assert str(msg["From"]) == "Fixture Desk <desk@example.org>"
    assert str(msg["To"]) == "one@example.org"
    assert msg["Reply-To"] is None and msg["List-Unsubscribe"] is None
    assert msg["Subject"] == "Top story"  # the default (#16): the lead's hook alone
    assert msg["Date"] == "Fri, 27 Nov 2026 07:00:00 +0000"
    assert msg["Message-ID"] == message_id("2026-11-27", ["a0", "a1", "m1"], "example.org")
    assert msg["MIME-Version"] == "1.0"
    assert msg["List-Id"] == "Daily Digest <daily-digest.example.org>"
    keys = [k.lower() for k in msg]
    assert keys.count("content-type") == 1 and len(keys) == len(set(keys))


def test_build_message_edition_recipients_reply_to_and_list_id() -> None:
    digest = hand_digest("Daily Digest", story("a1", "Top story"))
    msg = reparse(
        message(
            digest,
            recipients=(),
            edition="2026-11-27-2",
            reply_to=Address("Editors", "ed", "example.org"),
            list_id="news.example.net",
        )
    )
    assert str(msg["To"]) == "Fixture Desk <desk@example.org>"  # nobody listed: the sender
    assert str(msg["Reply-To"]) == "Editors <ed@example.org>"
    assert msg["Message-ID"] == message_id("2026-11-27-2", ["a1"], "example.org")
    assert msg["List-Id"] == "Daily Digest <news.example.net>"
    several = (Address("", "a", "x.org"), Address("B", "b", "x.org"))
    assert str(reparse(message(digest, recipients=several))["To"]) == "a@x.org, B <b@x.org>"


@pytest.mark.parametrize(
    ("title", "list_id"),
    [
        ('News: "Today" \\ more', '"News: \\"Today\\" \\\\ more" <news-today-more.example.org>'),
        ("The (Harbour) Digest", '"The (Harbour) Digest" <the-harbour-digest.example.org>'),
        ("--The Weekly!--", "--The Weekly!-- <the-weekly.example.org>"),
        ("!!!", "!!! <digest.example.org>"),
        ("Plain\ttitle", "Plain title <plain-title.example.org>"),
        ("x" * 70, "x" * 70 + " <" + "x" * 60 + ".example.org>"),
    ],
)
def test_list_id_phrase_is_quoted_when_special_and_the_label_is_cleaned(
    title: str, list_id: str
) -> None:
    raw = message_bytes(message(hand_digest(title, story("a1"))))
    assert f"List-Id: {list_id}\r\n".encode() in raw


def test_one_click_unsubscribe_only_for_an_https_link() -> None:
    https = reparse(message(unsubscribe_url="https://example.org/u?e=1"))
    assert https["List-Unsubscribe"] == "<https://example.org/u?e=1>"
    assert https["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    mailto = reparse(message(unsubscribe_url="mailto:leave@example.org"))
    assert mailto["List-Unsubscribe"] == "<mailto:leave@example.org>"
    assert mailto["List-Unsubscribe-Post"] is None
    assert reparse(message(unsubscribe_url=""))["List-Unsubscribe"] is None


def parts(msg: EmailMessage) -> tuple[EmailMessage, EmailMessage]:
    text_part, html_part = msg.get_payload()
    return text_part, html_part


def test_the_parts_are_text_then_html_utf8_quoted_printable() -> None:
    msg = reparse(message(text="Grüße\n", html="<p>Grüße</p>\n"))
    assert msg.get_content_type() == "multipart/alternative"
    text_part, html_part = parts(msg)
    assert text_part.get_content_type() == "text/plain"
    assert html_part.get_content_type() == "text/html"
    for part in (text_part, html_part):
        assert part.get_content_charset() == "utf-8"
        assert part["Content-Transfer-Encoding"] == "quoted-printable"
    assert text_part.get_content().replace("\r\n", "\n") == "Grüße\n"
    assert html_part.get_content().replace("\r\n", "\n") == "<p>Grüße</p>\n"


def test_the_boundary_is_24_hex_from_the_content() -> None:
    def boundary(text: str, html: str) -> str:
        found = message(text=text, html=html).get_boundary()
        assert found is not None
        return found

    first = boundary("ab", "c")
    assert re.fullmatch(r"=_digest_[0-9a-f]{24}", first)
    assert first == boundary("ab", "c")
    assert first != boundary("a", "bc")  # the fields are separated before hashing
    assert f'boundary="{first}"'.encode() in message_bytes(message(text="ab", html="c"))


def test_unsubscribe_link_fills_the_address_and_its_token() -> None:
    link = unsubscribe_link(TEMPLATE, "Ann+x@Example.org", "s3cret")
    expected = hmac.new(b"s3cret", b"ann+x@example.org", hashlib.sha256).hexdigest()
    assert link == f"https://example.org/u?e=Ann%2Bx@Example.org&t={expected}"
    assert token("ANN+X@example.ORG", "s3cret") == expected
    assert unsubscribe_link("https://x.org/u/{email}", "a b@x.org", None) == (
        "https://x.org/u/a%20b@x.org"
    )


@pytest.mark.parametrize("secret", [None, ""])
def test_a_token_needs_the_secret(secret: str | None) -> None:
    with pytest.raises(ConfigError, match=r"^unsubscribe_url uses \{token\} but DIGEST_SECRET"):
        unsubscribe_link(TEMPLATE, "a@x.org", secret)


def edition(text: str, html: str, unsubscribe_url: str | None = TEMPLATE) -> EmailMessage:
    return reparse(
        message(
            text=text,
            html=html,
            unsubscribe_url=unsubscribe_url,
            reply_to=Address("Editors", "ed", "example.org"),
        )
    )


def test_personalize_gives_each_recipient_its_own_headers_and_links() -> None:
    escaped = TEMPLATE.replace("&", "&amp;")
    written = edition(
        f"Leave: {TEMPLATE}\n", f'<a href="{escaped}">leave</a> <!-- {TEMPLATE} -->\n'
    )
    ann = Address("Ann", "ann", "example.org")
    filled = "https://example.org/u?e=ann@example.org&t=abc"
    copy = reparse(personalize(written, ann, unsubscribe=filled))
    assert str(copy["To"]) == "Ann <ann@example.org>"
    local, domain = written["Message-ID"].strip("<>").split("@")
    mine = hashlib.sha256(b"ann@example.org").hexdigest()[:12]
    assert copy["Message-ID"] == f"<{local}.{mine}@{domain}>"
    assert copy["List-Unsubscribe"] == f"<{filled}>"
    assert copy["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for name in ("From", "Reply-To", "Subject", "Date", "MIME-Version", "List-Id"):
        assert copy[name] == written[name], name
    keys = [k.lower() for k in copy]
    assert len(keys) == len(set(keys)), keys  # nothing doubled, Content-Type included
    assert copy.get_content_type() == "multipart/alternative"
    text_part, html_part = parts(copy)
    assert text_part.get_content().replace("\r\n", "\n") == f"Leave: {filled}\n"
    amp = filled.replace("&", "&amp;")
    assert html_part.get_content().replace("\r\n", "\n") == (
        f'<a href="{amp}">leave</a> <!-- {amp} -->\n'
    )
    assert html_part["Content-Transfer-Encoding"] == "quoted-printable"
    boundary = copy.get_boundary()
    assert boundary is not None and re.fullmatch(r"=_digest_[0-9a-f]{24}", boundary)
    assert boundary != written.get_boundary()


def test_personalize_is_per_address_whatever_its_case() -> None:
    written = edition("t\n", "<p>h</p>\n")
    one = personalize(written, Address("", "ann", "example.org"), unsubscribe="https://x.org/1")
    same = personalize(written, Address("", "ANN", "Example.org"), unsubscribe="https://x.org/1")
    other = personalize(written, Address("", "bo", "example.org"), unsubscribe="https://x.org/1")
    assert one["Message-ID"] == same["Message-ID"] != other["Message-ID"]
    assert one.get_boundary() == same.get_boundary() != other.get_boundary()


def test_personalize_without_a_link_drops_the_template_headers() -> None:
    written = edition(f"Leave: {TEMPLATE}\n", "<p>h</p>\n")
    copy = reparse(personalize(written, Address("", "ann", "example.org")))
    assert copy["List-Unsubscribe"] is None and copy["List-Unsubscribe-Post"] is None
    assert str(copy["To"]) == "ann@example.org"
    assert parts(copy)[0].get_content().replace("\r\n", "\n") == f"Leave: {TEMPLATE}\n"


def test_personalize_with_the_same_link_or_none_in_the_edition() -> None:
    plain = "https://example.org/leave"
    written = edition(f"Leave: {plain}\n", "<p>h</p>\n", unsubscribe_url=plain)
    copy = reparse(personalize(written, Address("", "a", "x.org"), unsubscribe=plain))
    assert copy["List-Unsubscribe"] == f"<{plain}>"
    assert parts(copy)[0].get_content().replace("\r\n", "\n") == f"Leave: {plain}\n"
    bare = edition("t\n", "<p>h</p>\n", unsubscribe_url=None)
    copy = reparse(personalize(bare, Address("", "a", "x.org"), unsubscribe=plain))
    assert copy["List-Unsubscribe"] is None  # the edition offered none: nothing to fill in


def test_personalize_needs_both_parts() -> None:
    for subtype in ("plain", "html"):
        half = EmailMessage()
        half.set_content("only one", subtype=subtype)
        with pytest.raises(ValueError, match=r"^the message has no text or no HTML part$"):
            personalize(half, Address("", "a", "x.org"))


def test_recipients_file_one_a_line(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text(
        "\ufeffann@example.org\n\n# a comment\n  Bo Lin <bo@example.org>  \nANN@Example.org\n",
        encoding="utf-8",
    )
    found = read_recipients(path)
    assert [str(a) for a in found] == ["ann@example.org", "Bo Lin <bo@example.org>"]
    (tmp_path / "empty.txt").write_text("")
    assert read_recipients(tmp_path / "empty.txt") == ()


def test_recipients_csv_with_email_and_name_columns(tmp_path: Path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "Name, Email ,note\nAnn Lee,ann@example.org,x\n,blank@example.org\nSolo\n"
        "Bo,  \nCy,cy@example.org\n"
    )
    assert [str(a) for a in read_recipients(path)] == [
        "Ann Lee <ann@example.org>",
        "blank@example.org",
        "Cy <cy@example.org>",
    ]
    short = tmp_path / "short.csv"
    short.write_text("email,name\nann@example.org\nbo@example.org,Bo\n")
    assert [str(a) for a in read_recipients(short)] == ["ann@example.org", "Bo <bo@example.org>"]
    nameless = tmp_path / "nameless.csv"
    nameless.write_text("email\nann@example.org\n")
    assert [str(a) for a in read_recipients(nameless)] == ["ann@example.org"]


def test_email_on_a_later_line_is_an_address_not_a_header(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("ann@example.org\nemail\n")
    with pytest.raises(ConfigError, match=r"list\.txt, line 2: 'email' is not an email address"):
        read_recipients(path)


@pytest.mark.parametrize(
    ("content", "line"),
    [("ann@example.org\n\nnot-an-address\n", 3), ("email\nann@example.org\nnope\n", 3)],
)
def test_a_bad_recipient_names_its_file_and_line(tmp_path: Path, content: str, line: int) -> None:
    path = tmp_path / "list.txt"
    path.write_text(content)
    with pytest.raises(
        ConfigError, match=rf"^recipients_file {re.escape(str(path))}, line {line}: '"
    ):
        read_recipients(path)


def test_an_unreadable_recipients_file_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_bytes(b"ann@example.org\n\xff\n")
    with pytest.raises(ConfigError, match=r"^recipients_file '.*list\.txt' cannot be read: "):
        read_recipients(path)
    with pytest.raises(ConfigError, match="cannot be read"):
        read_recipients(tmp_path / "missing.txt")


def test_headers_are_written_unfolded_up_to_998_characters() -> None:
    title = "Story (with brackets) " + "word " * 20
    digest = hand_digest("D", story("a1", title.strip()))
    # the subject as a template of its own ({top} is cut to 60 characters, #16)
    raw = message_bytes(message(digest, subject_template=title.strip()))
    assert f"Subject: {title.strip()}\r\n".encode() in raw  # one line, though over 78
    # RFC 5322: no line longer than 998 characters. "Subject: " and 990 make 999: folded
    exact = ("word " * 200)[:989] + "s"
    raw = message_bytes(message(hand_digest("D", story("a1", "A")), subject_template=exact))
    lines = raw.split(b"\r\n")
    assert max(len(line) for line in lines) <= 998
    start = lines.index(b"Subject:")  # folded (after the name), not left at 999
    assert lines[start + 1] == b" " + exact.encode()


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


def test_the_subject_keeps_a_60_character_headline_and_cuts_a_61_character_one() -> None:
    """#16: the whole subject stays within 60 characters (what a phone shows), cut at a word."""
    sixty = ("abcde " * 10)[:59] + "x"  # 60 characters, words of five
    assert len(sixty) == 60
    assert subject(hand_digest("D", story("a1", sixty)), "{top}") == sixty
    sixty_one = sixty + "y"
    assert len(sixty_one) == 61
    cut_to = subject(hand_digest("D", story("a1", sixty_one)), "{top}")
    assert len(cut_to) <= 60 and cut_to.endswith("…") and cut_to.startswith("abcde abcde")


def test_a_long_template_still_leaves_the_headline_30_characters() -> None:
    """A template whose own words take most of the 60 leaves the headline at least 30 (not
    the few characters left), cut at a word: 30, not 31, not fewer."""
    template = "X" * 50 + ": {top}"
    headline = "abcde fghij klmno pqrst uvwxy z tail words"  # a word ends at 31 characters
    top = subject(hand_digest("D", story("a1", headline)), template)[len("X" * 50 + ": ") :]
    # room 30; with room 31 it would keep "uvwxy", with the 10 left only "abcde"
    assert top == "abcde fghij klmno pqrst…"


def test_an_unsubscribe_template_that_cannot_be_filled_in_is_an_error_when_checked() -> None:
    """Without the check, a {token} template with no DIGEST_SECRET passes until the first send."""
    with pytest.raises(ConfigError, match=r"uses \{token\} but DIGEST_SECRET is not set"):
        check_unsubscribe("https://example.org/u?e={email}&t={token}", None)
    check_unsubscribe("https://example.org/u?e={email}&t={token}", "s3cret")
    check_unsubscribe("https://example.org/u?e={email}", None)
