from __future__ import annotations

import re
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

from digest.checks import CHECKS, CheckResult, check_path, failed, format_results
from digest.errors import DigestError

URL = "https://example.org/ferry?utm_source=test&id=7"

VALID_HTML = """<!doctype html>
<html lang="en">
<head>
<title>Daily Digest</title>
<meta name="color-scheme" content="light dark">
<style>
@media (prefers-color-scheme: dark) { body { background: #111; }}
</style>
</head>
<body>
<div style="display:none;max-height:0;overflow:hidden;">Ferry returns; apples saved</div>
<!--[if mso]><table role="presentation" width="600"><tr><td><![endif]-->
<table role="presentation"><tr><td>
<a href="https://example.org/ferry?utm_source=test&amp;id=7">Night ferry returns</a>
<img src="https://example.org/logo.png" alt="">
<p><a href="mailto:desk@example.org">Write to the desk</a></p>
</td></tr></table>
<!--[if mso]></td></tr></table><![endif]-->
</body>
</html>
"""

VALID_TEXT = f"""DAILY DIGEST
27 November 2026

1. Night ferry returns
   {URL}

Write to the desk: mailto:desk@example.org

--
Daily Digest
"""

HEADERS = {
    "From": "Fixture Desk <desk@example.org>",
    "To": "Reader One <one@example.org>",
    "Subject": "Daily Digest: Night ferry returns",
    "Date": "Fri, 27 Nov 2026 07:00:00 +0000",
    "Message-ID": "<digest.20261127.abc@example.org>",
    "MIME-Version": "1.0",
}


def message(
    html: str = VALID_HTML,
    text: str = VALID_TEXT,
    *,
    cte: str = "quoted-printable",
    charset: str = "utf-8",
    html_first: bool = False,
) -> bytes:
    msg = EmailMessage(policy=SMTP)
    for name, value in HEADERS.items():
        msg[name] = value
    parts = [(text, "plain"), (html, "html")]
    if html_first:
        parts.reverse()
    (first, first_type), (second, second_type) = parts
    msg.set_content(first, subtype=first_type, charset=charset, cte=cte)
    msg.add_alternative(second, subtype=second_type, charset=charset, cte=cte)
    msg.set_boundary("=_digest_test")
    return msg.as_bytes(policy=SMTP)


def set_header(raw: bytes, name: str, value: str | None) -> bytes:
    """Replace (or drop, or add) one top-level header in serialised message bytes."""
    head, blank, body = raw.partition(b"\r\n\r\n")
    fields = re.split(rb"\r\n(?![ \t])", head)
    prefix = name.lower().encode() + b":"
    kept = [f for f in fields if not f.lower().startswith(prefix)]
    if value is not None:
        kept.insert(0, f"{name}: {value}".encode())
    return b"\r\n".join(kept) + blank + body


def folder(
    tmp_path: Path,
    html: str = VALID_HTML,
    text: str = VALID_TEXT,
    raw: bytes | None = None,
    files: bool = True,
) -> Path:
    target = tmp_path / "out" / "2026-11-27"
    target.mkdir(parents=True)
    (target / "digest.eml").write_bytes(message(html, text) if raw is None else raw)
    if files:
        (target / "digest.html").write_text(html)
        (target / "digest.txt").write_text(text)
    (target / "manifest.json").write_text("{}\n")
    return target


def eml(tmp_path: Path, raw: bytes) -> Path:
    path = tmp_path / "message.eml"
    path.write_bytes(raw)
    return path


def by_name(path: Path) -> dict[str, CheckResult]:
    return {r.name: r for r in check_path(path)}


def failing(path: Path) -> list[str]:
    return [r.name for r in check_path(path) if not r.ok]


def warned(path: Path) -> list[str]:
    return [r.name for r in check_path(path) if r.warning]


def only_failure(path: Path, name: str) -> CheckResult:
    """Assert that exactly the named check fails, and return it."""
    assert failing(path) == [name], format_results(check_path(path))
    return by_name(path)[name]


# --- inputs ---------------------------------------------------------------------------------


def test_valid_folder_passes_every_check(tmp_path: Path) -> None:
    results = check_path(folder(tmp_path))
    assert [r.name for r in results] == [*CHECKS, "parts-match"]
    assert all(r.ok and not r.warning for r in results), format_results(results)
    assert not failed(results)


def test_single_eml_runs_the_same_checks(tmp_path: Path) -> None:
    results = check_path(eml(tmp_path, message()))
    assert [r.name for r in results] == list(CHECKS)
    assert all(r.ok and not r.warning for r in results), format_results(results)


def test_folder_with_only_the_eml_uses_its_parts(tmp_path: Path) -> None:
    results = check_path(folder(tmp_path, files=False))
    assert [r.name for r in results] == list(CHECKS)
    assert not failed(results)


def test_folder_checks_its_files_and_that_they_match_the_message(tmp_path: Path) -> None:
    path = folder(tmp_path)
    (path / "digest.txt").write_text(VALID_TEXT.replace("DAILY DIGEST\n", "DAILY DIGEST \n"))
    results = by_name(path)
    assert not results["text-lines"].ok  # the file is what was checked
    assert "line 1" in results["text-lines"].detail
    assert not results["parts-match"].ok
    assert "digest.txt differs from the text/plain part (line 1)" in results["parts-match"].detail


def test_missing_path_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "out" / "2026-11-27"
    with pytest.raises(DigestError) as caught:
        check_path(missing)
    assert str(missing) in str(caught.value)
    assert caught.value.exit_code == 1


def test_folder_without_eml_names_the_missing_file(tmp_path: Path) -> None:
    path = folder(tmp_path)
    (path / "digest.eml").unlink()
    with pytest.raises(DigestError, match=re.escape(str(path / "digest.eml"))):
        check_path(path)


@pytest.mark.parametrize(
    ("name", "content"),
    [("empty.eml", b""), ("notes.eml", b"\r\n\r\njust text, no headers\r\n")],
)
def test_unparseable_eml_names_the_file(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DigestError, match=re.escape(str(path))):
        check_path(path)


def test_other_files_are_refused(tmp_path: Path) -> None:
    path = folder(tmp_path) / "digest.html"
    with pytest.raises(DigestError, match=re.escape(str(path))):
        check_path(path)


def test_html_file_that_is_not_utf8_names_the_file(tmp_path: Path) -> None:
    path = folder(tmp_path)
    (path / "digest.html").write_bytes(b"<html lang='en'>\xff</html>")
    with pytest.raises(DigestError, match=re.escape(str(path / "digest.html"))):
        check_path(path)


# --- output ---------------------------------------------------------------------------------


def test_format_results_one_line_per_check() -> None:
    results = [
        CheckResult("html-size", True, "38.2 KB of HTML (Gmail clips at 102 KB)"),
        CheckResult("preheader", True, "no hidden preheader", warning=True),
        CheckResult("headers", False, "Subject is empty"),
    ]
    assert format_results(results) == (
        "PASS  html-size  38.2 KB of HTML (Gmail clips at 102 KB)\n"
        "WARN  preheader  no hidden preheader\n"
        "FAIL  headers  Subject is empty"
    )
    assert failed(results)
    assert not failed(results[:2])


# --- 1. html-size ---------------------------------------------------------------------------


def padded(size: int) -> str:
    """VALID_HTML grown to exactly ``size`` bytes with a comment."""
    pad = size - len(VALID_HTML.encode()) - len("<!---->")
    return VALID_HTML.replace("</body>", f"<!--{'x' * pad}--></body>")


@pytest.mark.parametrize(
    ("size", "status"),
    [(89_999, "PASS"), (90_000, "WARN"), (102_000, "WARN"), (102_001, "FAIL")],
)
def test_html_size_thresholds(tmp_path: Path, size: int, status: str) -> None:
    html = padded(size)
    assert len(html.encode()) == size
    result = by_name(folder(tmp_path, html=html))["html-size"]
    assert result.status == status
    assert f"{size / 1000:.1f} KB of HTML (Gmail clips at 102 KB)" in result.detail
    if status == "FAIL":
        assert only_failure(folder(tmp_path / "again", html=html), "html-size")


def test_html_size_counts_utf8_bytes(tmp_path: Path) -> None:
    html = padded(89_998).replace("xx", "é", 1)  # one character fewer, the same bytes
    assert len(html.encode()) == 89_998
    assert by_name(folder(tmp_path / "a", html=html))["html-size"].status == "PASS"
    html = padded(90_000).replace("xx", "é", 1)
    assert by_name(folder(tmp_path / "b", html=html))["html-size"].status == "WARN"


# --- 2. headers -----------------------------------------------------------------------------

LONG_SUBJECT = "\r\n ".join(["headline" * 5] * 25)  # folded, 1,024 characters unfolded


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("From", None, "From is missing"),
        ("From", "desk@example.org", "has no display name"),
        ("From", "Fixture Desk <desk@>", "From"),
        ("From", "Desk <desk@example.org>, Other <other@example.org>", "2 addresses"),
        ("To", None, "To is missing"),
        ("To", "Reader <one@exa_mple.org>", "'one@exa_mple.org' has an invalid domain"),
        ("To", "undisclosed-recipients:;", "To has no address"),
        ("Subject", None, "Subject is missing"),
        ("Subject", "", "Subject is empty"),
        ("Subject", LONG_SUBJECT, "Subject is 1024 characters"),
        ("Date", None, "Date is missing"),
        ("Date", "tomorrow morning", "is not an RFC 5322 date"),
        ("Date", "Fri, 27 Nov 2026 07:00:00", "has no time zone"),
        ("Date", "Fri, 27 Nov 2026 07:00:00 -0000", "has no time zone"),
        ("Message-ID", None, "Message-ID is missing"),
        ("Message-ID", "digest.1@example.org", "is not of the form <local@domain>"),
        ("Message-ID", "<digest.1@>", "has no domain"),
        ("MIME-Version", None, "MIME-Version is missing"),
        ("MIME-Version", "2.0", "MIME-Version is '2.0', not 1.0"),
        ("Reply-To", "not an address", "Reply-To"),
        ("List-Unsubscribe", "<https://example.org/unsub?u=1>", "List-Unsubscribe-Post"),
        ("List-Unsubscribe", "<http://example.org/unsub>", "has no <https://...> or <mailto:"),
        ("List-Unsubscribe", "https://example.org/unsub", "has no <https://...> or <mailto:"),
        ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click", "without List-Unsubscribe"),
    ],
)
def test_bad_header_fails(tmp_path: Path, name: str, value: str | None, expected: str) -> None:
    path = eml(tmp_path, set_header(message(), name, value))
    assert expected in only_failure(path, "headers").detail


@pytest.mark.parametrize(
    "extra",
    [
        {"List-Unsubscribe": "<mailto:unsubscribe@example.org?subject=stop>"},
        {
            "List-Unsubscribe": "<https://example.org/unsub?u=1>, <mailto:unsub@example.org>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        {"Reply-To": "Letters <letters@example.org>"},
        {"Date": "Fri, 27 Nov 2026 07:00:00 +0100 (CET)"},
        {"MIME-Version": "1.0 (made by digest)"},
    ],
)
def test_good_optional_headers_pass(tmp_path: Path, extra: dict[str, str]) -> None:
    raw = message()
    for name, value in extra.items():
        raw = set_header(raw, name, value)
    result = by_name(eml(tmp_path, raw))["headers"]
    assert result.ok, result.detail


def test_one_click_is_mentioned(tmp_path: Path) -> None:
    raw = set_header(message(), "List-Unsubscribe", "<https://example.org/unsub?u=1>")
    raw = set_header(raw, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
    assert "List-Unsubscribe with one-click" in by_name(eml(tmp_path, raw))["headers"].detail


def test_duplicate_header_fails(tmp_path: Path) -> None:
    raw = message().replace(b"MIME-Version: 1.0\r\n", b"MIME-Version: 1.0\r\nSubject: again\r\n", 1)
    assert "Subject appears 2 times" in only_failure(eml(tmp_path, raw), "headers").detail


def test_header_injection_with_a_bare_line_feed_is_detected(tmp_path: Path) -> None:
    # EmailMessage refuses a line break in a header value, so write the bytes by hand
    raw = (
        b"From: Fixture Desk <desk@example.org>\r\n"
        b"To: Reader One <one@example.org>\r\n"
        b"Subject: Daily Digest\nBcc: victim@example.net\r\n"
        b"Date: Fri, 27 Nov 2026 07:00:00 +0000\r\n"
        b"Message-ID: <digest.1@example.org>\r\n"
        b"MIME-Version: 1.0\r\n"
    ) + message().partition(b"MIME-Version: 1.0\r\n")[2]
    result = by_name(eml(tmp_path, raw))["headers"]
    assert not result.ok
    assert "bare LF in the Subject header (line 3)" in result.detail


def test_header_injection_with_a_bare_carriage_return_is_detected(tmp_path: Path) -> None:
    raw = message().replace(b"Subject: Daily Digest", b"Subject: Daily\rBcc: victim@example.net")
    result = by_name(eml(tmp_path, raw))["headers"]
    assert not result.ok
    assert "bare CR in the Subject header" in result.detail


def test_line_break_inside_an_encoded_word_is_detected(tmp_path: Path) -> None:
    raw = set_header(message(), "Subject", "=?utf-8?q?Digest=0D=0ABcc:_victim@example.net?=")
    assert "Subject contains a line break" in only_failure(eml(tmp_path, raw), "headers").detail


# --- 3. mime-structure ----------------------------------------------------------------------


def test_mime_structure_detail_names_the_encoding(tmp_path: Path) -> None:
    result = by_name(eml(tmp_path, message()))["mime-structure"]
    assert result.detail == (
        "multipart/alternative: text/plain then text/html, UTF-8, quoted-printable, "
        "CRLF line endings"
    )


@pytest.mark.parametrize("cte", ["base64", "7bit"])
def test_base64_and_ascii_7bit_pass(tmp_path: Path, cte: str) -> None:
    result = by_name(eml(tmp_path, message(cte=cte)))["mime-structure"]
    assert result.ok, result.detail
    assert cte in result.detail


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (message(html_first=True), "holds text/html, text/plain"),
        (message().replace(b"\r\n", b"\n"), "bare LF at line 1"),
        (message(charset="iso-8859-1"), "charset 'iso-8859-1', not utf-8"),
        (message(cte="8bit"), "text/plain uses 8bit"),
        (
            message(text=VALID_TEXT.replace("DIGEST", "DIGÉST"), cte="8bit").replace(
                b"8bit", b"7bit"
            ),
            "text/plain is 7bit but not pure ASCII",
        ),
    ],
)
def test_bad_mime_structure_fails(tmp_path: Path, raw: bytes, expected: str) -> None:
    assert expected in only_failure(eml(tmp_path, raw), "mime-structure").detail


def test_html_only_message_fails_structure_and_text_checks(tmp_path: Path) -> None:
    msg = EmailMessage(policy=SMTP)
    for name, value in HEADERS.items():
        msg[name] = value
    msg.set_content(VALID_HTML, subtype="html", charset="utf-8", cte="quoted-printable")
    results = by_name(eml(tmp_path, msg.as_bytes()))
    assert "not multipart/alternative" in results["mime-structure"].detail
    assert not results["text-lines"].ok
    assert "no text/plain part" in results["text-lines"].detail
    assert results["accessibility"].ok  # the HTML is still checked


# --- 4. text-lines --------------------------------------------------------------------------


def with_text(tmp_path: Path, *lines: str) -> Path:
    text = VALID_TEXT.replace("Daily Digest\n", "Daily Digest\n" + "".join(f"{x}\n" for x in lines))
    return folder(tmp_path, text=text)


def test_line_of_78_passes_and_79_fails(tmp_path: Path) -> None:
    ok = with_text(tmp_path / "a", "x" * 78)
    assert by_name(ok)["text-lines"].status == "PASS"
    bad = with_text(tmp_path / "b", "word " * 15 + "four")
    result = only_failure(bad, "text-lines")
    assert result.detail == "1 line over 78 characters: line 11 (79)"


def test_trailing_spaces_fail_but_the_signature_separator_is_fine(tmp_path: Path) -> None:
    assert by_name(with_text(tmp_path / "a", "-- "))["text-lines"].ok
    result = only_failure(with_text(tmp_path / "b", "tail ", "fine", "tab\t"), "text-lines")
    assert result.detail == "trailing spaces on 2 lines: line 11, 13"


LONG_URL = "https://example.org/" + "a" * 70  # 90 characters: it cannot fit in 78


@pytest.mark.parametrize("line", [LONG_URL, f"   [12] {LONG_URL}", f"  <{LONG_URL}>"])
def test_a_lone_url_too_long_to_fit_is_only_a_warning(tmp_path: Path, line: str) -> None:
    result = by_name(with_text(tmp_path, line))["text-lines"]
    assert result.status == "WARN"
    assert "1 line over 78 characters is a URL too long to wrap (line 11)" in result.detail


@pytest.mark.parametrize(
    "line",
    [
        f"   Read more: {LONG_URL}",  # not alone on its line
        "     https://example.org/" + "a" * 54,  # the URL fits; the indent made it too long
    ],
)
def test_a_url_that_could_fit_is_a_violation(tmp_path: Path, line: str) -> None:
    assert "line 11" in only_failure(with_text(tmp_path, line), "text-lines").detail


def test_real_violations_hide_the_long_url_note(tmp_path: Path) -> None:
    result = by_name(with_text(tmp_path, LONG_URL, "y" * 80))["text-lines"]
    assert result.status == "FAIL"
    assert result.detail == "1 line over 78 characters: line 12 (80)"


def test_many_lines_over_72_warn(tmp_path: Path) -> None:
    result = by_name(with_text(tmp_path, "z" * 75, "z" * 75))["text-lines"]
    assert result.status == "WARN"
    assert "2 of 12 lines are over 72 characters" in result.detail
    assert by_name(with_text(tmp_path / "b", "z" * 75))["text-lines"].status == "PASS"


# --- 5. links-in-text -----------------------------------------------------------------------


def test_link_missing_from_text_fails(tmp_path: Path) -> None:
    path = folder(tmp_path, text=VALID_TEXT.replace(URL, "(link in the HTML version)"))
    result = only_failure(path, "links-in-text")
    assert result.detail == f"1 of 2 links in the HTML is missing from the text part: {URL}"


def test_link_must_not_be_only_the_start_of_a_longer_url(tmp_path: Path) -> None:
    path = folder(tmp_path, text=VALID_TEXT.replace(URL, URL + "7"))
    assert URL in only_failure(path, "links-in-text").detail


def test_mailto_link_may_show_as_the_bare_address(tmp_path: Path) -> None:
    text = VALID_TEXT.replace("mailto:desk@example.org", "desk@example.org")
    assert by_name(folder(tmp_path, text=text))["links-in-text"].ok


def test_anchor_links_are_ignored(tmp_path: Path) -> None:
    html = VALID_HTML.replace("<p>", '<p><a href="#top">Top</a>')
    assert by_name(folder(tmp_path, html=html))["links-in-text"].ok


# --- 6. accessibility -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('<html lang="en">', "<html>", "<html> has no lang attribute"),
        ('<html lang="en">', '<html lang=" ">', "<html> has no lang attribute"),
        (
            '<table role="presentation"><tr>',
            "<table><tr>",
            '1 of 2 tables has no role="presentation" (line 13)',
        ),
        (
            '<table role="presentation" width="600">',
            '<table width="600">',
            '1 of 2 tables has no role="presentation" (line 12)',
        ),
        ('alt="">', ">", "1 of 1 image has no alt: https://example.org/logo.png (line 15)"),
    ],
)
def test_accessibility_failures(tmp_path: Path, old: str, new: str, expected: str) -> None:
    path = folder(tmp_path, html=VALID_HTML.replace(old, new))
    assert expected in only_failure(path, "accessibility").detail


def test_data_tables_and_decorative_images_pass(tmp_path: Path) -> None:
    html = VALID_HTML.replace("<p>", '<table role="grid"><tr><td>1</td></tr></table><p>')
    result = by_name(folder(tmp_path, html=html))["accessibility"]
    assert result.ok
    assert result.detail == 'lang="en", 3 tables with a role, 1 image with alt'


# --- 7. absolute-links ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "reason"),
    [
        ('<a href="http://example.org/x">x</a>', "http:, not https:"),
        ('<a href="/archive">x</a>', "relative"),
        ('<a href="//cdn.example.org/x">x</a>', "protocol-relative"),
        ('<a href="javascript:alert(1)">x</a>', "javascript: is not allowed"),
        ('<a href="data:text/html,hi">x</a>', "data: is not allowed"),
        ('<a href="#top">x</a>', "an in-page anchor"),
        ('<img src="logo.png" alt="">', "relative"),
        ('<area href="ftp://example.org/x">', "ftp: is not allowed"),
    ],
)
def test_non_absolute_links_fail(tmp_path: Path, tag: str, reason: str) -> None:
    html = VALID_HTML.replace("<p>", f"{tag}<p>")
    text = VALID_TEXT + "http://example.org/x\n"  # so links-in-text stays happy
    detail = only_failure(folder(tmp_path, html=html, text=text), "absolute-links").detail
    assert "1 of 4 links is not absolute https:/mailto:" in detail
    assert f"line 16: {reason}" in detail


def test_a_mailto_link_needs_an_address(tmp_path: Path) -> None:
    """The templates' own rule (urls.safe_link): ``mailto:newsroom`` is never linked, so check
    does not pass it either."""
    html = VALID_HTML.replace("<p>", '<a href="mailto:newsroom">x</a><p>')
    text = VALID_TEXT + "mailto:newsroom\n"  # so links-in-text stays happy
    detail = only_failure(folder(tmp_path, html=html, text=text), "absolute-links").detail
    assert "line 16: mailto: without an address" in detail


def test_an_in_page_link_to_a_heading_of_the_page_passes(tmp_path: Path) -> None:
    html = VALID_HTML.replace("<p>", '<h2 id="story-1">One</h2><a href="#story-1">1</a><p>', 1)
    results = {r.name: r for r in check_path(folder(tmp_path, html=html))}
    assert results["absolute-links"].ok, results["absolute-links"].detail


def test_link_tags_are_checked_and_only_three_offenders_are_named(tmp_path: Path) -> None:
    head = '<link rel="stylesheet" href="style.css"></head>'
    body = "".join(f'<img src="img{n}.png" alt="">' for n in range(4))
    html = VALID_HTML.replace("</head>", head).replace("<p>", body + "<p>")
    detail = only_failure(folder(tmp_path, html=html), "absolute-links").detail
    assert detail.startswith("5 of 8 links are not absolute https:/mailto: — ")
    assert '<link href="style.css"> line 9: relative' in detail
    assert detail.endswith("and 2 more")


# --- 8. leftovers ---------------------------------------------------------------------------


def test_template_syntax_left_in_text_fails(tmp_path: Path) -> None:
    text = VALID_TEXT.replace("Daily Digest\n", "{{ digest.title }}\n")
    assert only_failure(folder(tmp_path, text=text), "leftovers").detail == (
        "1 leftover of template syntax or MJML: text line 10: '{{ digest.title }}'"
    )


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("<p>{% if story.link %}", "1 leftover of template syntax or MJML: HTML line 16: "),
        ("<p>{# a comment #}", "HTML line 16: '{# a comment #}'"),
        ('<p><span title="{{ title }}">t</span>', "HTML line 16: '{{ title }}'"),
        ("<mj-text>Orphan</mj-text><p>", "2 leftovers"),
        ("<mj-text>Orphan</mj-text><p>", "HTML line 16: '</mj-text>'"),
        ("\n<mjml><p>", "HTML line 17: '<mjml>'"),
    ],
)
def test_leftovers_in_html_fail(tmp_path: Path, new: str, expected: str) -> None:
    html = VALID_HTML.replace("<p>", new)
    assert expected in only_failure(folder(tmp_path, html=html), "leftovers").detail


def test_braces_in_css_are_not_leftovers(tmp_path: Path) -> None:
    assert "}}" in VALID_HTML  # the dark-mode rule ends in }}
    assert by_name(folder(tmp_path))["leftovers"].ok


# --- 9. outlook-conditionals ----------------------------------------------------------------


def test_conditionals_are_counted(tmp_path: Path) -> None:
    assert by_name(folder(tmp_path))["outlook-conditionals"].detail == (
        "2 conditional comments, all closed"
    )


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("<!--[if !mso]><!--><p>", "1 <!--[if ...]> never closed (line 16)"),
        ("<!--<![endif]--><p>", "<![endif]--> at line 16 closes no <!--[if ...]>"),
    ],
)
def test_unbalanced_conditionals_fail(tmp_path: Path, new: str, expected: str) -> None:
    html = VALID_HTML.replace("<p>", new)
    assert only_failure(folder(tmp_path, html=html), "outlook-conditionals").detail == expected


def test_conditional_closed_before_opened_fails_even_when_counts_match(tmp_path: Path) -> None:
    html = VALID_HTML.replace("<p>", "<!--<![endif]--><!--[if !mso]><!--><p>")
    assert (
        "line 16 closes no"
        in only_failure(folder(tmp_path, html=html), "outlook-conditionals").detail
    )


# --- 10. dark-mode --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('<meta name="color-scheme" content="light dark">', "", "no <meta name="),
        ('content="light dark"', 'content="light"', "the color-scheme meta ('light') omits dark"),
        ("@media (prefers-color-scheme: dark)", "@media screen", "no @media (prefers-color"),
    ],
)
def test_dark_mode_failures(tmp_path: Path, old: str, new: str, expected: str) -> None:
    path = folder(tmp_path, html=VALID_HTML.replace(old, new))
    assert expected in only_failure(path, "dark-mode").detail


def test_supported_color_schemes_meta_is_enough(tmp_path: Path) -> None:
    html = VALID_HTML.replace('name="color-scheme"', 'name="supported-color-schemes"')
    assert by_name(folder(tmp_path, html=html))["dark-mode"].detail == (
        "color-scheme 'light dark' and 1 prefers-color-scheme: dark rule"
    )


# --- 11. preheader --------------------------------------------------------------------------

PREHEADER = (
    '<div style="display:none;max-height:0;overflow:hidden;">Ferry returns; apples saved</div>'
)


def test_preheader_found(tmp_path: Path) -> None:
    result = by_name(folder(tmp_path))["preheader"]
    assert result.detail == "hidden preheader: 'Ferry returns; apples saved'"


@pytest.mark.parametrize(
    "html",
    [
        VALID_HTML.replace(PREHEADER, ""),
        VALID_HTML.replace(PREHEADER, "<div>Ferry returns; apples saved</div>"),
        VALID_HTML.replace(PREHEADER, PREHEADER.replace("Ferry returns; apples saved", "&zwnj;")),
        VALID_HTML.replace(PREHEADER, "").replace(
            "</td></tr></table>", PREHEADER + "</td></tr></table>"
        ),
    ],
    ids=["none", "visible", "only-filler", "after-the-first-table"],
)
def test_missing_preheader_only_warns(tmp_path: Path, html: str) -> None:
    path = folder(tmp_path, html=html)
    assert warned(path) == ["preheader"]
    assert not failed(check_path(path))
    assert "no hidden preheader" in by_name(path)["preheader"].detail


def test_local_only_domain_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    path = eml(tmp_path, set_header(message(), "To", "Reader <reader@localhost>"))
    result = by_name(path)["headers"]
    assert result.ok and result.warning
    assert "reader@localhost" in result.detail


def test_registry_runs_every_check_once_in_order() -> None:
    from digest.checks.registry import ORDER, REGISTRY

    assert sorted(REGISTRY) == sorted(ORDER)
    assert (*CHECKS, "parts-match") == ORDER


def test_digest_folder_decodes_an_unknown_charset(tmp_path: Path) -> None:
    """The one mail-part decoder: an unknown charset falls back to UTF-8 with replacement."""
    from digest.outbox.digest_folder import DigestFolder

    raw = message(cte="base64").replace(b'charset="utf-8"', b"charset=x-unknown")
    assert b"charset=x-unknown" in raw
    digest = DigestFolder.open(eml(tmp_path, raw))
    assert digest.part("text/plain") == VALID_TEXT
    assert digest.text() == VALID_TEXT
    assert digest.manifest() is None
