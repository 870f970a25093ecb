from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import distinct_text
from digest.cli import app
from digest.model import Article, Window
from digest.selection import select, similar_groups
from digest.urls import normalise as normalize_url

NOW = datetime(2026, 11, 27, 7, 0, tzinfo=UTC)
WINDOW = Window(NOW - timedelta(days=1), NOW)


def art(
    name: str,
    text: str,
    *,
    hours: float = 3,
    url: str | None = None,
    source: str | None = None,
    title: str | None = None,
) -> Article:
    return Article(
        id=url or name,
        path=Path(name),
        title=title or f"Title {name}",
        published=NOW - timedelta(hours=hours),
        date_source="front matter",
        paragraphs=(text,),
        url=url,
        source=source,
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://example.org/a?utm_source=x&utm_medium=y", "https://example.org/a"),
        ("http://www.Example.org/a/", "https://example.org/a"),
        ("https://example.org/a?b=2&a=1#top", "https://example.org/a?a=1&b=2"),
        ("https://example.org/a?fbclid=1&id=7", "https://example.org/a?id=7"),
    ],
)
def test_normalized_urls_match(a: str, b: str) -> None:
    assert normalize_url(a) == normalize_url(b)


def test_different_pages_stay_different() -> None:
    assert normalize_url("https://example.org/a?id=7") != normalize_url(
        "https://example.org/a?id=8"
    )


def test_exact_duplicates_by_url_are_merged() -> None:
    one = art("one.md", distinct_text(1), url="https://example.org/story?utm_source=feed")
    two = art("two.md", distinct_text(2), url="https://www.example.org/story/")
    selection = select([one, two], WINDOW)
    assert [g.best for g in selection.groups] == [one]
    assert [c.status for c in selection.considered] == ["selected", "duplicate"]


def test_near_duplicates_show_once_from_the_best_source() -> None:
    text = distinct_text(5, 12)
    wire = art("wire.md", text, source="Wire")  # no link
    paper = art(
        "paper.md",
        text + " A local councillor welcomed the decision.",
        url="https://paper.example/story",
        source="Paper",
    )
    other = art("other.md", distinct_text(6, 12))
    selection = select([wire, paper, other], WINDOW)
    bests = {g.best.path.name: [o.path.name for o in g.others] for g in selection.groups}
    assert bests == {"paper.md": ["wire.md"], "other.md": []}


def test_lightly_edited_repost_groups_but_a_different_story_does_not() -> None:
    base = distinct_text(9, 15)
    edited = base.replace("The ", "This ", 2) + " Updated at noon."
    groups = similar_groups([art("a", base), art("b", edited), art("c", distinct_text(10, 15))])
    assert groups == [[0, 1], [2]]


def test_future_articles_are_left_out_unless_asked() -> None:
    future = art("f.md", distinct_text(3), hours=-5)
    skew = art("s.md", distinct_text(4), hours=-0.1)  # six minutes ahead: clock skew
    selection = select([future, skew], WINDOW, now=NOW)
    assert [g.best.path.name for g in selection.groups] == ["s.md"]
    assert selection.future == (future,)
    included = select([future, skew], WINDOW, now=NOW, include_future=True)
    assert len(included.groups) == 2


def test_a_story_seen_before_is_left_out_with_its_duplicates() -> None:
    text = distinct_text(7, 12)
    old = art("old.md", text, url="https://example.org/old")
    repost = art("repost.md", text + " Updated.", url="https://example.org/repost")
    selection = select([old, repost], WINDOW, seen=lambda a: a.path.name == "old.md")
    assert selection.groups == ()
    assert {c.status for c in selection.considered} == {"seen"}


def test_ls_lists_every_status(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    text = distinct_text(11, 10)
    (news / "a.md").write_text(
        f"---\ntitle: A\ndate: 2026-11-27T05:00:00Z\nsource: S\n---\n{text}\n"
    )
    (news / "b.md").write_text(f"---\ntitle: B\ndate: 2026-11-27T04:00:00Z\n---\n{text} More.\n")
    (news / "c.md").write_text("---\ntitle: C\ndate: 2026-11-20T04:00:00Z\n---\nOld news here.\n")
    (news / "d.md").write_text("---\ntitle: D\ndate: 2026-12-20T04:00:00Z\n---\nFuture news.\n")
    (news / "e.md").write_text("")
    result = CliRunner().invoke(
        app,
        ["ls", "-s", str(news), "--out", str(tmp_path / "out"), "--since", "1d", "--json"],
        env={"DIGEST_NOW": NOW.isoformat(), "TZ": "UTC"},
    )
    assert result.exit_code == 0, result.stderr
    rows = {Path(r["path"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    assert {k: v["status"] for k, v in rows.items()} == {
        "a.md": "duplicate",
        "b.md": "selected",  # b has the fuller text
        "c.md": "outside window",
        "d.md": "future",
        "e.md": "skipped",
    }
    assert rows["b.md"]["date_source"] == "front matter" and rows["b.md"]["words"] > 50
    assert "shown from" in rows["a.md"]["detail"]
    assert rows["e.md"]["detail"] == "empty file"
    assert not (tmp_path / "out").exists()  # ls writes nothing
    table = CliRunner().invoke(
        app,
        ["ls", "-s", str(news), "--since", "1d"],
        env={"DIGEST_NOW": NOW.isoformat(), "TZ": "UTC"},
    )
    assert "selected: B" in table.stdout and "skipped (empty file): " in table.stdout
