"""Issue 14, static-site conventions and Markdown through a real parser: YAML, TOML and JSON
front matter, Pelican / MultiMarkdown headers, drafts left out (one line, not one warning
each), the date keys site generators use, the file name's date when the front matter's does not
parse; code spans, images, links, entities and Liquid / shortcodes as a reader sees them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digest.analysis.workers import analyse
from digest.cli import app
from digest.errors import ArticleError
from digest.model import Skipped
from digest.readers import rst
from digest.readers.frontmatter import split
from digest.readers.markdown import paragraphs
from digest.readers.scan import ReadOptions, read_article, read_file

REAL = Path(__file__).resolve().parent / "real_world" / "static"
NOW = "2026-11-27T07:00:00+00:00"
BODY = (
    "The harbour board approved the new ferry timetable on Tuesday after a long debate.\n\n"
    "Boats will leave every twenty minutes from the north pier during the summer season.\n"
)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- real posts --------------------------------------------------------------------------------


def test_real_jekyll_posts_read_as_written() -> None:
    sticker = read_article(REAL / "2014-06-04-jekyll-stickers-1-dollar-stickermule.markdown", UTC)
    assert sticker.title == "Pick Up your $1 Jekyll Sticker"
    assert (sticker.published, sticker.date_source) == (
        datetime.fromisoformat("2014-06-04T15:46:53-04:00"),
        "front matter",
    )
    body = sticker.body
    assert "[](" not in body and body[0] != "!" and "img/jekyll-sticker" not in body
    # emphasis and a link across a line break: no stray marks, one paragraph
    assert 'says, "Pine no longer!" StickerMule has discounted the price' in body
    assert "free (domestic) shipping! Go grab one" in body and "*" not in body
    two = read_article(REAL / "2014-05-06-jekyll-turns-2-0-0.markdown", UTC)
    assert "Just run jekyll new <path> and you're good to go." in two.body  # code span kept
    assert "Sass and CoffeeScript. We now offer native support for these file types — no" in (
        two.body
    )
    assert "we released Jekyll 1.0.0. One year later" in two.body  # Liquid-made reference
    assert (two.date_source, two.published.date().isoformat()) == ("filename", "2014-05-06")


def test_real_jekyll_liquid_is_removed() -> None:
    post = read_article(REAL / "2013-05-08-jekyll-1-0-1-released.markdown", UTC)
    assert not any(mark in post.body for mark in ("{%", "%}", "{{", "}}", "[#"))
    assert "Add newer language- class name prefix to code blocks (#1037)" in post.paragraphs
    holidays = read_article(REAL / "2014-12-22-jekyll-2-5-3-released.markdown", UTC)
    assert "please let us know." in holidays.body and "site.repository" not in holidays.body
    assert "Jekyll 3 — The Road Ahead." in holidays.body  # &mdash;


def test_real_zola_page_with_toml_front_matter() -> None:
    page = read_article(REAL / "zola-math.md", UTC)
    assert page.title == "Math Rendering"
    assert page.paragraphs[0].startswith("Zola supports math expression rendering")
    assert not any(p.startswith(("+++", "title =", "weight =")) for p in page.paragraphs)
    assert "[markdown.math]" not in page.body and "addon.typ" not in page.body  # code: not text
    assert page.date_source == "mtime"


# --- front matter styles ----------------------------------------------------------------------


def test_toml_front_matter_hugo_and_zola(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "post.md",
        '+++\ntitle = "Ferry timetable approved"\ndate = 2026-11-26T08:30:00+01:00\n'
        'path = "/blog/ferry"\ntags = ["harbour", "ferry"]\nauthors = ["Ann Lee"]\n+++\n\n' + BODY,
    )
    article = read_article(path, UTC)
    assert article.title == "Ferry timetable approved"
    assert article.published == datetime(2026, 11, 26, 7, 30, tzinfo=UTC)
    assert article.date_source == "front matter"
    assert article.paragraphs[0].startswith("The harbour board approved")
    assert (article.tags, article.author) == (("harbour", "ferry"), "Ann Lee")


def test_json_front_matter(tmp_path: Path) -> None:
    meta = {"title": "Ferry timetable approved", "date": "2026-11-26T08:30:00Z", "draft": False}
    path = _write(tmp_path, "post.md", json.dumps(meta, indent=2) + "\n\n" + BODY)
    article = read_article(path, UTC)
    assert (article.title, article.published) == (
        "Ferry timetable approved",
        datetime(2026, 11, 26, 8, 30, tzinfo=UTC),
    )
    assert article.paragraphs[0].startswith("The harbour board")
    # a body that merely opens with a brace is body
    assert split('{"a": 1} and more text\n') == ({}, '{"a": 1} and more text\n')


@pytest.mark.parametrize("suffix", [".md", ".markdown", ".mdown", ".mkd", ".txt"])
def test_pelican_and_multimarkdown_headers(tmp_path: Path, suffix: str) -> None:
    path = _write(
        tmp_path,
        f"post{suffix}",
        "Title: Ferry timetable approved\nDate: 2026-11-26 10:20\nCategory: Harbour\n"
        "Tags: ferry, harbour\nAuthors: Ann Lee\nSummary: The new timetable.\n"
        "    Boats every twenty minutes.\n\n" + BODY,
    )
    article = read_article(path, UTC)
    assert article.title == "Ferry timetable approved"
    assert (article.published, article.date_source) == (
        datetime(2026, 11, 26, 10, 20, tzinfo=UTC),
        "front matter",
    )
    assert article.paragraphs[0].startswith("The harbour board")
    assert not any("Title:" in p or "Date:" in p for p in article.paragraphs)
    # the Category leads the tags: it names the story's section in the digest (#16)
    assert (article.tags, article.author) == (("Harbour", "ferry", "harbour"), "Ann Lee")


def test_a_headline_with_a_colon_is_not_a_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "2026-11-26-storm.txt", "Breaking: storm hits the coast\n\n" + BODY)
    article = read_article(path, UTC)
    assert article.title == "Breaking: storm hits the coast"


@pytest.mark.parametrize(
    "key,value",
    [
        ("pubDate", "2026-11-26T08:30:00Z"),  # Astro
        ("publishDate", "2026-11-26T08:30:00Z"),  # Hugo
        ("published", "2026-11-26T08:30:00Z"),
        ("createdAt", "2026-11-26T08:30:00Z"),  # Nuxt Content
        ("created", "2026-11-26T08:30:00Z"),
    ],
)
def test_the_common_date_keys(tmp_path: Path, key: str, value: str) -> None:
    path = _write(tmp_path, "post.md", f"---\ntitle: Ferry\n{key}: {value}\n---\n{BODY}")
    article = read_article(path, UTC)
    assert (article.published, article.date_source) == (
        datetime(2026, 11, 26, 8, 30, tzinfo=UTC),
        "front matter",
    )


def test_an_unparseable_date_falls_back_to_the_file_name_with_a_warning(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "2026-11-26-ferry.md", f"---\ntitle: Ferry\ndate: soon-ish\n---\n{BODY}"
    )
    article = read_article(path, UTC)
    assert (article.published, article.date_source) == (
        datetime(2026, 11, 26, tzinfo=UTC),
        "filename",
    )
    assert len(article.notes) == 1 and "'soon-ish'" in article.notes[0]
    assert "dated by the file name" in article.notes[0]
    undated = _write(tmp_path, "ferry.md", f"---\ntitle: Ferry\ndate: soon-ish\n---\n{BODY}")
    with pytest.raises(ArticleError, match="front matter date"):
        read_article(undated, UTC)


# --- drafts -----------------------------------------------------------------------------------

DRAFTS = {
    "hugo-yaml.md": ("---\ntitle: A\ndraft: true\n---\n", "unpublished: draft: true"),
    "hugo-toml.md": ('+++\ntitle = "A"\ndraft = true\n+++\n', "unpublished: draft: true"),
    "jekyll.markdown": ("---\ntitle: A\npublished: false\n---\n", "unpublished: published: false"),
    "astro.md": (
        "---\ntitle: A\npubDate: 2026-11-26\ndraft: true\n---\n",
        "unpublished: draft: true",
    ),
    "pelican.md": ("Title: A\nDate: 2026-11-26\nStatus: draft\n\n", "unpublished: status: draft"),
    "_drafts/2026-11-26-idea.md": ("---\ntitle: A\n---\n", "unpublished: in _drafts/"),
}


@pytest.mark.parametrize("name", sorted(DRAFTS))
def test_drafts_and_unpublished_posts_are_skipped(tmp_path: Path, name: str) -> None:
    head, reason = DRAFTS[name]
    path = _write(tmp_path, name, head + BODY)
    articles, skipped = read_file(path, ReadOptions(UTC))
    assert articles == [] and [(s.path, s.reason) for s in skipped] == [(path, reason)]
    assert skipped[0].unpublished


def test_published_posts_are_not_drafts(tmp_path: Path) -> None:
    for text in (
        "---\ntitle: A\ndraft: false\npublished: true\n---\n",
        "Title: A\nDate: 2026-11-26\nStatus: published\n\n",
    ):
        path = _write(tmp_path, "2026-11-26-post.md", text + BODY)
        assert read_article(path, UTC).title == "A"


def _invoke(*args: str):
    return CliRunner().invoke(app, list(args), env={"DIGEST_NOW": NOW, "TZ": "UTC"})


def test_make_counts_drafts_in_one_line_and_ls_lists_each(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name, (head, _) in DRAFTS.items():
        _write(site, name, head + BODY)
    _write(site, "2026-11-26-real.md", "---\ntitle: Ferry timetable approved\n---\n" + BODY)
    _write(site, "broken.md", "---\ntitle: [unclosed\n---\n" + BODY)
    out = tmp_path / "out"
    made = _invoke("make", "--since", "2026-11-25", "-s", str(site), "--out", str(out))
    assert made.exit_code == 0, made.stderr
    warnings = [line for line in made.stderr.splitlines() if line.startswith("warning: skipped")]
    assert len(warnings) == 1 and "broken.md" in warnings[0]  # not one warning a draft
    assert "1 skipped, 6 unpublished left out" in made.stderr
    manifest = json.loads((Path(made.stdout.strip()) / "manifest.json").read_text())
    assert [a["title"] for a in manifest["articles"]] == ["Ferry timetable approved"]
    assert sum(s["reason"].startswith("unpublished") for s in manifest["skipped"]) == 6
    listed = _invoke("ls", "--since", "2026-11-25", "-s", str(site), "--json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert sorted(
        r["detail"] for r in rows if r["status"] == "skipped" and "unpub" in r["detail"]
    ) == (sorted(reason for _, reason in DRAFTS.values()))


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_is_read_by_a_parser() -> None:
    found = paragraphs(
        'A linked image [![logo](https://x.example/i.png)](https://y.example "Title") here.\n\n'
        "Use `Vec<T>` or `HashMap<K, V>` &mdash; and *emphasis\nacross* lines &amp; more.\n\n"
        "<div>An HTML <b>block</b>.</div>\n\n"
        "```rust\nlet v: Vec<u8> = vec![];\n```\n\n"
        "    indented code\n\n"
        '{% include note.html %}{{ page.title }} {{< figure src="a.png" >}} Liquid gone.\n\n'
        "{% highlight ruby %}\nputs 1\n{% endhighlight %}\n\n"
        "{% raw %}Write {{ page.title }} to show it.{% endraw %}\n\n"
        "See <https://example.org> for more.\n\n"
        "## A heading\n\n- one item\n- two items\n"
    )
    assert found == (
        "A linked image here.",
        "Use Vec<T> or HashMap<K, V> — and emphasis across lines & more.",
        "An HTML block.",
        "Liquid gone.",
        "Write {{ page.title }} to show it.",
        "See for more.",
        "A heading",
        "one item",
        "two items",
    )


def test_markdown_headline_from_a_heading_or_the_first_line(tmp_path: Path) -> None:
    heading = _write(tmp_path, "2026-11-26-a.md", "# The *ferry* &amp; `Vec<T>`\n\n" + BODY)
    assert read_article(heading, UTC).title == "The ferry & Vec<T>"
    front = _write(tmp_path, "2026-11-26-c.md", "---\ntitle: Why Vec<T> is **fast**\n---\n" + BODY)
    assert read_article(front, UTC).title == "Why Vec<T> is fast"
    first = _write(tmp_path, "2026-11-26-b.mkd", "**Ferry** approved\n" + BODY)
    article = read_article(first, UTC)
    assert article.title == "Ferry approved"
    assert article.paragraphs[0].startswith("The harbour board")


# --- reStructuredText -------------------------------------------------------------------------

RST = """Ferry timetable approved
########################

:date: 2026-11-26 10:20
:tags: harbour, ferry
:category: news
:authors: Ann Lee, Bo Chen
:lang: en

The harbour board approved the new ferry timetable on Tuesday after a
long *debate* with ``Vec<T>`` users.

.. code-block:: python

    print("not text")

.. include:: /etc/passwd

.. raw:: html

    <script>alert(1)</script>

Boats will leave every twenty minutes from the `north pier <https://example.org>`_.

Later changes
=============

- The winter timetable follows in March.

.. a comment, not text
"""


def test_restructuredtext_with_pelican_fields(tmp_path: Path) -> None:
    pytest.importorskip("docutils")
    path = _write(tmp_path, "ferry.rst", RST)
    article = read_article(path, UTC)
    assert article.title == "Ferry timetable approved"
    assert (article.published, article.date_source) == (
        datetime(2026, 11, 26, 10, 20, tzinfo=UTC),
        "front matter",
    )
    # the category leads the tags: it names the story's section in the digest (#16)
    assert (article.author, article.tags) == ("Ann Lee, Bo Chen", ("news", "harbour", "ferry"))
    assert article.paragraphs == (
        "The harbour board approved the new ferry timetable on Tuesday after a long debate "
        "with Vec<T> users.",
        "Boats will leave every twenty minutes from the north pier.",
        "Later changes",
        "The winter timetable follows in March.",
    )
    assert article.text[article.body_start :].startswith("The harbour board approved")
    draft = _write(tmp_path, "draft.rst", RST.replace(":lang: en", ":status: draft"))
    assert read_file(draft, ReadOptions(UTC))[1][0].reason == "unpublished: status: draft"
    broken = _write(tmp_path, "2026-11-26-broken.rst", "Title\n=====\n\n.. unknown:: x\n\nText.\n")
    assert read_article(broken, UTC).paragraphs == ("Text.",)


def test_restructuredtext_without_docutils_is_skipped_saying_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rst, "supported", lambda: False)
    path = _write(tmp_path, "ferry.rst", RST)
    assert read_file(path, ReadOptions(UTC)) == (
        [],
        [
            Skipped(
                path, "reading reStructuredText needs the 'rst' extra: pip install 'digest[rst]'"
            )
        ],
    )


def test_every_real_sample_reads_and_analyses() -> None:
    """What bench/readers_static.py does over the whole sets, on the samples kept here."""
    for path in sorted(REAL.iterdir()):
        article = read_article(path, UTC)
        summary, _, _ = analyse(article, 3, "news")
        assert article.title and article.paragraphs and summary, path.name
        assert all(s in article.body for s in summary), path.name
