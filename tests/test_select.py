from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import distinct_text
from digest.cli import app
from digest.model import Article, Window
from digest.selection import Considered, Group, Placer, Selection, select, shingles, similar_groups
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


# --- each rule where it alone decides (issue 17) -------------------------------------------------


def story(name: str, words: list[str], *, hours: float = 3) -> Article:
    """An article whose text (headline, then body) is exactly ``words``, in order."""
    return Article(
        id=name,
        path=Path(name),
        title=" ".join(words[:3]),
        published=NOW - timedelta(hours=hours),
        date_source="front matter",
        paragraphs=(" ".join(words[3:]),),
    )


def words(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{i}" for i in range(count)]


def test_an_article_has_one_shingle_per_run_of_five_words_and_short_ones_have_one() -> None:
    assert len(shingles(story("a", words("w", 12)))) == 8  # 12 distinct words: 8 runs of five
    assert len(shingles(story("b", words("w", 5)))) == 1
    assert len(shingles(story("c", words("w", 3)))) == 1  # padded to five
    assert len(shingles(story("d", ["storm"]))) == 1


def test_shingles_without_a_vocabulary_number_the_words_afresh() -> None:
    article = story("a", words("w", 9))
    assert shingles(article).tolist() == shingles(article, {}).tolist()


def test_padding_is_never_read_as_a_word() -> None:
    vocabulary: dict[str, int] = {}
    one = shingles(story("a", ["storm"]), vocabulary)
    twice = shingles(story("b", ["storm", "storm"]), vocabulary)
    assert set(one.tolist()).isdisjoint(twice.tolist())


def test_word_order_counts() -> None:
    text = words("w", 10)
    assert similar_groups([story("a", text), story("b", text[::-1])]) == [[0], [1]]


def test_word_numbering_goes_on_across_articles() -> None:
    # two stories with no word in common: numbered afresh, their words would hash alike
    assert similar_groups([story("a", words("w", 24)), story("b", words("v", 24))]) == [[0], [1]]


def test_a_pair_groups_from_exactly_half_of_their_shingles_shared() -> None:
    base = words("w", 24)  # 20 shingles, all of them also in both longer texts
    half = story("half", base + words("x", 20))  # 40 shingles: 20 / 40 shared
    under = story("under", base + words("y", 21))  # 41 shingles: 20 / 41 shared
    assert similar_groups([story("base", base), half]) == [[0, 1]]
    assert similar_groups([story("base", base), under]) == [[0], [1]]


def boilerplate_stories(count: int) -> list[Article]:
    footer = words("footer", 20)  # 16 shingles shared by all: Jaccard 16 / 26 for any pair
    return [story(f"s{n}", words(f"lead{n}x", 5) + footer) for n in range(count)]


def test_a_passage_in_more_than_fifty_articles_is_boilerplate_not_evidence() -> None:
    assert similar_groups(boilerplate_stories(50)) == [list(range(50))]
    assert similar_groups(boilerplate_stories(51)) == [[n] for n in range(51)]


def status(selection: Selection) -> dict[str, tuple[str, str]]:
    return {c.article.path.name: (c.status, c.detail) for c in selection.considered}


def at(name: str, moment: datetime) -> Article:
    """A story of its own (no other name's text) published at ``moment``."""
    seed = int.from_bytes(name.encode(), "big") % 100_000 + 100
    return dataclasses.replace(art(name, distinct_text(seed)), published=moment)


def test_the_window_boundaries() -> None:
    skew = timedelta(minutes=15)
    second = timedelta(seconds=1)
    edges = [
        at("since.md", WINDOW.since),
        at("before.md", WINDOW.since - second),
        at("skewed.md", NOW + skew - second),
        at("ahead.md", NOW + skew),
    ]
    assert status(select(edges, WINDOW, now=NOW)) == {
        "since.md": ("selected", ""),
        "before.md": ("outside window", ""),
        "skewed.md": ("selected", ""),
        "ahead.md": ("future", f"dated {(NOW + skew).isoformat()}, after now"),
    }
    # with no clock to go by, the window is half-open: [since, until)
    ends = [at("until.md", WINDOW.until), at("last.md", WINDOW.until - second)]
    assert status(select(ends, WINDOW)) == {
        "until.md": ("outside window", ""),
        "last.md": ("selected", ""),
    }


def test_a_window_that_ended_before_now_has_no_future_and_no_skew() -> None:
    later = NOW + timedelta(days=2)
    articles = [
        at("after.md", NOW + timedelta(minutes=5)),
        at("tomorrow.md", NOW + timedelta(days=1)),
    ]
    assert status(select(articles, WINDOW, now=later)) == {
        "after.md": ("outside window", ""),
        "tomorrow.md": ("outside window", ""),
    }


def test_the_placer_names_where_a_moment_falls() -> None:
    # outbox/kept.py places indexed dates with it directly
    place = Placer.of(WINDOW, NOW)  # include_future defaults to False
    hour = timedelta(hours=1).total_seconds()
    now = NOW.timestamp()
    assert [place(now - hour), place(now - 30 * hour), place(now + hour)] == [
        "in",
        "outside",
        "future",
    ]
    assert Placer.of(WINDOW, NOW, include_future=True)(now + hour) == "in"
    assert Placer(0.0, 10.0, 20.0)(30.0) == "future"  # include_future defaults to False


def test_duplicates_and_seen_stories_say_why() -> None:
    first = art("first.md", distinct_text(21), url="https://example.org/a")
    again = art("again.md", distinct_text(22), url="https://example.org/a/")
    old = art("old.md", distinct_text(23))
    assert status(select([first, again, old], WINDOW, seen=lambda a: a is old)) == {
        "first.md": ("selected", ""),
        "again.md": ("duplicate", "same story as first.md"),
        "old.md": ("seen", "an earlier digest had this story"),
    }


def test_the_stories_after_a_seen_one_are_still_selected() -> None:
    seen = art("seen.md", distinct_text(31))
    rest = [art(f"{n}.md", distinct_text(32 + n)) for n in range(3)]
    selection = select([seen, *rest], WINDOW, seen=lambda a: a is seen)
    assert [g.best.path.name for g in selection.groups] == ["0.md", "1.md", "2.md"]
    assert [c.status for c in selection.considered] == ["seen", "selected", "selected", "selected"]


def test_stories_come_newest_first_then_by_headline_then_by_path() -> None:
    articles = [
        art("old.md", distinct_text(41), hours=9),
        art("new.md", distinct_text(42), hours=1),
        art("z.md", distinct_text(43), hours=4, title="Same"),
        art("b.md", distinct_text(44), hours=4, title="Beta"),
        art("a.md", distinct_text(45), hours=4, title="Same"),
    ]
    selection = select(articles, WINDOW)
    assert [g.best.path.name for g in selection.groups] == [
        "new.md",
        "b.md",
        "a.md",
        "z.md",
        "old.md",
    ]


@pytest.mark.parametrize(
    "record",
    [
        Group(art("a.md", "Text.")),
        Considered(art("a.md", "Text."), "selected"),
        Selection((), ()),
        Placer(0.0, 1.0, None),
    ],
)
def test_selection_records_are_frozen(record: object) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.detail = "changed"  # type: ignore[attr-defined]


def test_a_repost_is_found_among_many_unrelated_stories() -> None:
    text = distinct_text(50, 15)
    unrelated = [art(f"u{n}", distinct_text(60 + n, 15)) for n in range(12)]
    repost = art("repost", text.replace("The ", "This ", 2) + " Updated at noon.")
    articles = [*unrelated[:6], art("first", text), *unrelated[6:], repost]
    assert similar_groups(articles) == [
        *([n] for n in range(6)),
        [6, 13],
        *([n] for n in range(7, 13)),
    ]


def test_the_same_headline_from_two_feeds_shows_once() -> None:
    # headline-only items: one shingle each, which one time in four was never compared
    headlines = [
        "Storm closes the pier",
        "Council approves the harbour budget",
        "Mayor resigns",
        "Rail fares rise in January",
        "School wins award",
    ]
    articles = [
        Article(
            id=f"https://{feed}.example/{n}",
            path=Path(f"{feed}-{n}"),
            title=headline,
            published=NOW - timedelta(hours=2 + n),
            date_source="feed",
            paragraphs=(),
            url=f"https://{feed}.example/{n}",
        )
        for n, headline in enumerate(headlines)
        for feed in ("one", "two")
    ]
    selection = select(articles, WINDOW)
    assert [(g.best.title, len(g.others)) for g in selection.groups] == [(h, 1) for h in headlines]


@pytest.mark.parametrize(("size", "every"), [(64, True), (65, False)])
def test_an_article_offers_every_shingle_up_to_64_and_one_in_four_beyond(
    size: int, every: bool
) -> None:
    # each piece is one five-word run of the long article: with so low a threshold it joins the
    # long one exactly when the two are compared, that is when its shingle is offered by both
    text = words("w", size + 4)  # ``size`` shingles
    pieces = [story(f"p{n}", text[n : n + 5]) for n in range(0, size, 7)]
    vocabulary: dict[str, int] = {}
    shingles(story("long", text), vocabulary)
    sampled = [n for n, p in enumerate(pieces, 1) if shingles(p, vocabulary)[0] % 4 == 0]
    assert 0 < len(sampled) < len(pieces)
    groups = similar_groups([story("long", text), *pieces], threshold=0.01)
    joined = next(g for g in groups if 0 in g)[1:]
    assert joined == (list(range(1, len(pieces) + 1)) if every else sampled)
