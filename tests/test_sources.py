from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import SEEDS, set_mtime
from digest.errors import UsageError
from digest.readers.base import READERS
from digest.readers.scan import read_article, read_sources
from digest.text import strip_markdown

SEED = SEEDS / "000_2534067fcf5ef89c.txt"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_readers_are_registered_by_extension() -> None:
    assert {".txt", ".md", ".markdown"} <= set(READERS)


def test_seed_txt_layout() -> None:
    article = read_article(SEED, UTC)
    assert article.title.startswith("Zelenskyy rejects Kremlin's Putin meeting proposal")
    assert article.dek == (
        "Russia on Thursday proposed a Putin-Zelenskyy meeting in Moscow to discuss the "
        "ceasefire to the ongoing conflict."
    )
    assert article.paragraphs[0].startswith("Ukrainian President Volodymyr Zelensky on Friday")
    assert article.paragraphs[-1].startswith("Russia has demanded that Ukraine surrender")
    assert not any("Also read" in p for p in article.paragraphs)
    assert len(article.paragraphs) == 9
    assert article.date_source == "mtime"
    assert article.url is None
    assert article.id.endswith("#" + article.content_hash[:16])


def test_txt_blank_line_paragraphs_and_hard_wrapped_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "wrapped.txt",
        "Headline here\nFirst dek line\ncontinues here.\n\nA paragraph that is\nhard wrapped "
        "over lines.\n\nSecond paragraph.\nThird paragraph on its own line.\n\n"
        "Read more: something else\nRelated: another\n",
    )
    article = read_article(path, UTC)
    assert article.dek == "First dek line continues here."
    assert article.paragraphs == (
        "A paragraph that is hard wrapped over lines.",
        "Second paragraph.",
        "Third paragraph on its own line.",
    )


def test_markdown_front_matter_and_stripping(tmp_path: Path) -> None:
    path = write(
        tmp_path / "2020-01-01-story.md",
        "---\ntitle: 'A *big* day'\ndate: 2026-11-24T07:30:00+01:00\nurl: https://example.org/a\n"
        "source: Example News\nauthor: Ann Author\nlanguage: en\ntags: [one, two]\n---\n"
        "## Sub heading\n\nThe **mayor** said _this_ and [that](https://example.org/x).\n\n"
        "- first item\n- second item\n\n![a photo](https://example.org/p.jpg)\n\n"
        "```\ncode()\n```\n\n> A quoted line with `code`.\n",
    )
    article = read_article(path, UTC)
    assert article.title == "A big day"
    assert article.published == datetime(2026, 11, 24, 6, 30, tzinfo=UTC)
    assert article.date_source == "front matter"
    assert article.url == "https://example.org/a"
    assert article.id == "https://example.org/a"
    assert (article.source, article.author, article.language) == (
        "Example News",
        "Ann Author",
        "english",
    )
    assert article.tags == ("one", "two")
    body = article.body
    assert "The mayor said this and that." in body
    assert "first item" in body and "Sub heading" in body
    for mark in ("**", "](", "##", "```", "code()", "photo", "> "):
        assert mark not in body


def test_markdown_heading_title_without_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "note.md", "# The title\n\nBody sentence here.\n")
    article = read_article(path, UTC)
    assert (article.title, article.paragraphs) == ("The title", ("Body sentence here.",))


def test_txt_with_front_matter(tmp_path: Path) -> None:
    path = write(
        tmp_path / "x.txt",
        "---\ntitle: Front title\ndate: 2026-11-25\n---\nFirst paragraph.\n\nSecond one.\n",
    )
    article = read_article(path, ZoneInfo("Europe/Paris"))
    assert article.title == "Front title"
    assert article.paragraphs == ("First paragraph.", "Second one.")
    assert article.published == datetime(2026, 11, 25, tzinfo=ZoneInfo("Europe/Paris"))


def test_date_precedence(tmp_path: Path) -> None:
    mtime = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    both = write(
        tmp_path / "2026-11-01-both.md", "---\ntitle: T\ndate: 2026-11-24T10:00:00Z\n---\nBody.\n"
    )
    name_only = write(tmp_path / "2026-11-01-name.md", "---\ntitle: T\n---\nBody.\n")
    neither = write(tmp_path / "plain.md", "---\ntitle: T\n---\nBody.\n")
    for path in (both, name_only, neither):
        set_mtime(path, mtime)
    assert read_article(both, UTC).published == datetime(2026, 11, 24, 10, tzinfo=UTC)
    assert read_article(both, UTC).date_source == "front matter"
    named = read_article(name_only, UTC)
    assert (named.published, named.date_source) == (datetime(2026, 11, 1, tzinfo=UTC), "filename")
    plain = read_article(neither, UTC)
    assert (plain.published, plain.date_source) == (mtime, "mtime")


def test_titles_are_one_clean_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "x.md",
        '---\ntitle: "Evil\\r\\nBcc: victim@example.org\\u202e\\u200b title"\n---\nBody.\n',
    )
    title = read_article(path, UTC).title
    assert title == "Evil Bcc: victim@example.org title"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", "", "empty file"),
        ("blank.txt", "\n\n   \n", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        ("headless.md", "---\nauthor: x\n---\n", "no headline"),
        ("bodiless.txt", "Just a headline\n", "no body text"),
        ("badyaml.md", "---\ntitle: [unclosed\n---\nBody.\n", "malformed front matter"),
        ("listyaml.md", "---\n- a\n- b\n---\nBody.\n", "malformed front matter"),
        ("baddate.md", "---\ntitle: T\ndate: next tuesday\n---\nBody.\n", "front matter date"),
    ],
)
def test_bad_files_are_skipped_with_a_reason(
    tmp_path: Path, name: str, content: str | bytes, reason: str
) -> None:
    write(tmp_path / "good.txt", "Good headline\n\nGood body.\n")
    bad = write(tmp_path / name, content)
    articles, skipped = read_sources([tmp_path], UTC)
    assert [a.title for a in articles] == ["Good headline"]
    assert len(skipped) == 1
    assert skipped[0].path == bad
    assert reason in skipped[0].reason


def test_folders_are_walked_in_order_and_unknown_or_hidden_files_ignored(tmp_path: Path) -> None:
    write(tmp_path / "b" / "two.txt", "Two\n\nBody.\n")
    write(tmp_path / "a.md", "# One\n\nBody.\n")
    write(tmp_path / ".hidden" / "x.txt", "Hidden\n\nBody.\n")
    write(tmp_path / "notes.docx", "not ours")
    articles, skipped = read_sources([tmp_path], UTC)
    assert [a.title for a in articles] == ["One", "Two"]
    assert skipped == []


def test_explicit_file_of_unknown_type_is_skipped(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.docx", "x")
    articles, skipped = read_sources([path], UTC)
    assert articles == [] and "no reader for '.docx'" in skipped[0].reason


def test_missing_source_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        read_sources([tmp_path / "nope"], UTC)


def test_strip_markdown_keeps_words() -> None:
    assert strip_markdown("**a** _b_ `c` [d](http://e) ~~f~~") == "a b c d f"


def test_legacy_encodings_are_detected(tmp_path: Path) -> None:
    cp1252 = (
        "Council\u2019s \u201cbig\u201d plan\n\n"
        "The mayor\u2019s caf\u00e9 said \u201cyes\u201d today."
    )
    write(tmp_path / "cp1252.txt", cp1252.encode("cp1252"))
    (article,) = read_sources([tmp_path], UTC)[0]
    assert article.title == "Council\u2019s \u201cbig\u201d plan"
    assert "caf\u00e9" in article.body


def test_the_scan_finds_article_files_in_sorted_path_order(tmp_path: Path) -> None:
    from digest.readers.scan import inventory

    root = tmp_path / "news"
    names = [
        "a.md", "a/b.txt", "a-b/c.md", "a.b/d.TXT", "B/e.md", "b/f.json", "z.rss", "m/n/o/p.md",
        ".hidden/q.md", "r/.s.md", "t/u.bin", "v.MD",
    ]  # fmt: skip
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("Title\n\nBody.\n")
    (root / "link").symlink_to(root / "a")  # a link to a folder is not followed
    found = inventory([root])
    expected = [
        p
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and p.suffix.lower() in READERS
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and "link" not in p.relative_to(root).parts
    ]
    assert [f.path for f in found] == expected and len(found) == 9
    assert all(
        f.stat == [p.stat().st_size, p.stat().st_mtime_ns]
        for f, p in zip(found, expected, strict=True)
    )
