"""The one text kit (digest.text) and the one URL kit (digest.urls): the rules every reader,
the selection and the templates share."""

from __future__ import annotations

import pytest

from digest.text import (
    clean_line,
    html_to_paragraphs,
    is_also_read,
    markup_paragraphs,
    one_line,
    repair_mojibake,
    text_paragraphs,
)
from digest.urls import TRACKING, absolute, is_http, normalise, safe_link, untrack


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", True),
        ("HTTPS://Example.org/a", True),  # the scheme in any case is still http(s)
        ("Http://example.org", True),
        (" https://example.org/a ", True),
        ("https://", False),
        ("https://example.org/a b", False),
        ("ftp://example.org/a", False),
        ("javascript:alert(1)", False),
        ("//example.org/a", False),
        ("/a", False),
        ("", False),
        (None, False),
        ("https://[::1", False),  # urlsplit raises on it: not a URL
    ],
)
def test_is_http(url: object, expected: bool) -> None:
    assert is_http(url) is expected


def test_absolute_keeps_a_url_as_written_and_resolves_a_relative_one() -> None:
    assert absolute("HTTPS://Example.org/A?b=1") == "HTTPS://Example.org/A?b=1"
    assert absolute("/news/1", "https://example.org/feed") == "https://example.org/news/1"
    assert absolute("news/1", None) is None
    assert absolute("mailto:a@b.org", "https://example.org/") is None
    assert absolute("  ", "https://example.org/") is None


def test_safe_link_is_https_only_unless_mailto_is_asked_for() -> None:
    assert safe_link("https://example.org/x") == "https://example.org/x"
    assert safe_link("HTTPS://example.org/x") == "HTTPS://example.org/x"
    assert safe_link("http://example.org/x") is None
    assert safe_link("mailto:a@example.org") is None
    assert safe_link("mailto:a@example.org", mailto=True) == "mailto:a@example.org"
    assert safe_link("mailto:", mailto=True) is None


@pytest.mark.parametrize(
    "param",
    [
        "utm_source",
        "utm_campaign",
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "ocid",
        "cmpid",
        "at_medium",
        "at_campaign",
        "ref",
    ],
)
def test_one_tracking_list_for_links_shown_and_for_duplicates(param: str) -> None:
    """A page's link loses the same parameters the duplicate check ignores (once two lists)."""
    assert TRACKING.match(param)
    url = f"https://example.org/a?id=7&{param}=x"
    assert untrack(url) == "https://example.org/a?id=7"
    assert normalise(url) == normalise("https://example.org/a?id=7")


def test_untrack_keeps_the_rest_as_written() -> None:
    assert untrack("HTTPS://Example.org/A?b=2&a=1#top") == "HTTPS://Example.org/A?b=2&a=1"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Also read: Night ferry returns", True),
        ("READ MORE – the full report", True),
        ("Related stories", True),
        ("Sign up - our newsletter", True),
        ("Related-party loans rose by a third.", False),  # a hyphen without spaces is a word
        ("Readers said more was needed.", False),
        ("Read the rest of the story at The New York Post.", True),
        ("Continue reading on Mediaite.", True),
        ("Read more at the council's website.", True),
        ("Read the letter the council sent to residents in March.", False),
        ("Read part 1 here, and part 2 here.", True),  # a serial's pointers (PolNeAR)
        ("Read the full transcript of the interview here.", True),
        ("Reading here was banned by the council in 1902.", False),
        ("Read my lips, he said, and the crowd laughed at the old line there.", False),
    ],
)
def test_one_also_read_filter(line: str, expected: bool) -> None:
    assert is_also_read(line) is expected


def test_one_set_of_unseen_characters() -> None:
    text = "a\x00b\tc\u200bd\u202ee\ufefff\x85g"
    assert one_line(text) == "a b c d e f g"
    assert clean_line("Cafe\u0301\u2066 x") == "Caf\u00e9 x"  # NFC too


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # UTF-8 read as Windows-1252 (the PolNeAR summaries read "TomÃ¡s" and "rÃ©sumÃ©")
        ("TomÃ¡s Regalado and Enrique PeÃ±a Nieto", "Tomás Regalado and Enrique Peña Nieto"),
        ("her rÃ©sumÃ©", "her résumé"),
        ("itâ€™s â€œfineâ€\x9d", "it’s “fine”"),  # 0x9D: a C1 control where cp1252 has none
        ("Â£5m", "£5m"),
        ("a smile ðŸ˜€", "a smile 😀"),
        ("“Ãœber”", "“Über”"),  # 0x9C read as cp1252's œ
        ("voilÃ\xa0 25Â°C", "voilà 25°C"),
        # correct text stays as it is
        ("Zürich café – naïve", "Zürich café – naïve"),
        # an accented capital before punctuation (the review's probes: each had been "mended")
        ("LIBERTÉ… PERCHÈ… SÓ… ZŁÓ… AĞAÇ…", "LIBERTÉ… PERCHÈ… SÓ… ZŁÓ… AĞAÇ…"),
        ("«SE ACABÓ» “GANÓ” «IRMÃ» «È»", "«SE ACABÓ» “GANÓ” «IRMÃ» «È»"),
        ("Ô\xa0Canada, KOÇ’UN, HAÏ»", "Ô\xa0Canada, KOÇ’UN, HAÏ»"),
        ("voilà\xa0»", "voilà\xa0»"),  # French: an accented letter, NBSP, guillemet (not U+083B)
        ("CAFÉ»", "CAFÉ»"),  # would spell U+027B, an IPA letter: not a repair
        ("SÃO PAULO", "SÃO PAULO"),
        ("GÃ1⁄4len", "GÃ1⁄4len"),  # broken further than a repair can tell: left alone
        ("€100 — “yes”", "€100 — “yes”"),
    ],
)
def test_mojibake_is_repaired_and_correct_text_left_alone(text: str, expected: str) -> None:
    assert repair_mojibake(text) == expected


def test_every_reader_line_goes_through_the_repair() -> None:
    assert clean_line("PeÃ±a  Nieto") == "Peña Nieto"
    assert clean_line("PeA\u0303\u00b1a Nieto") == "Peña Nieto"  # "Ã" decomposed (PolNeAR)
    assert text_paragraphs("Fethullah GÃ¼len spoke.\n\nThe rÃ©sumÃ© was long.") == (
        "Fethullah Gülen spoke.",
        "The résumé was long.",
    )


def test_the_same_html_gives_the_same_paragraphs_as_html_and_as_a_field_value() -> None:
    markup = "<p>Work starts in spring &amp; ends<br>in 2028.</p><p>One.<br>Two.</p>"
    expected = ("Work starts in spring & ends in 2028.", "One.", "Two.")
    assert html_to_paragraphs(markup) == expected
    assert markup_paragraphs(markup) == expected
    # markup without structure is plain text, by the plain-text rule
    assert html_to_paragraphs("First line.\nSecond &amp; last") == text_paragraphs(
        "First line.\nSecond & last"
    )


def test_one_set_of_quote_marks_for_quotes_and_summaries() -> None:
    """‟ opens a quotation for the summary's check as it does for the quote finder."""
    from digest.analysis.quotemarks import MARKS, is_open, outside_quotes

    assert "‟" in MARKS and is_open("He said ‟no” today.", 8)
    assert outside_quotes("He said ‟no” today.") == "He said  today."
    assert outside_quotes("Sie sagte „so“ und ging.") == "Sie sagte  und ging."
    assert outside_quotes("“All of it,” she said.") == " she said."


def _read_as_cp1252(char: str) -> str:
    """``char``'s UTF-8 bytes as Windows-1252 shows them (Latin-1's C1 control where cp1252
    has no character): the mojibake of ``char``."""
    out = []
    for byte in char.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


@pytest.mark.parametrize(
    ("point", "mended"),
    [
        (0x00A0, True),  # a no-break space
        (0x024F, True),  # the last Latin letter
        (0x0250, False),  # IPA: not a repair
        (0x0370, True),  # Greek and Cyrillic, first and last
        (0x052F, True),
        (0x0530, False),
        (0x2000, True),  # punctuation and letterlike signs
        (0x1FFF, False),
        (0x1F000, True),  # emoji
        (0x1FAFF, True),
        (0x1FB00, False),
        (0x0085, False),  # a C1 control is never what the text meant
    ],
)
def test_mojibake_is_mended_only_into_the_scripts_news_uses(point: int, mended: bool) -> None:
    broken = _read_as_cp1252(chr(point))
    assert repair_mojibake(f"x{broken}y") == (f"x{chr(point)}y" if mended else f"x{broken}y")


def test_bytes_that_are_no_utf8_are_left_as_they_are() -> None:
    assert repair_mojibake("à€€ and Ã") == "à€€ and Ã"  # an overlong form; a lone lead
