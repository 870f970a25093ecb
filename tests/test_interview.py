"""Interviews set as questions and answers: the key quote is an answer, credited to the
interviewee; the summary comes from the introduction."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from digest.analysis.interview import answers
from digest.analysis.workers import analyse
from digest.model import Article


def article(*paragraphs: str, title: str = "Headline") -> Article:
    return Article(
        id="x",
        path=Path("x.txt"),
        title=title,
        published=datetime(2026, 11, 26, tzinfo=UTC),
        date_source="front matter",
        paragraphs=paragraphs,
    )


INTRO = (
    "Ruth Adeyemi has run the city's harbour museum for eleven years. "
    "This week the museum reopened after a two-year rebuild, and Adeyemi spoke to us about "
    "what changed and what it cost."
)
Q_AND_A = (
    INTRO,
    "Q: Why did the rebuild take two years?",
    "A: The old pier was rotten under the waterline and nobody knew until the divers went "
    "down. We had to rebuild the foundations before we could touch the galleries.",
    "Q: What did it cost?",
    "A: Forty million pounds, most of it from the lottery fund. I am proud that not a penny "
    "came from the council's schools budget.",
)


def test_an_answer_is_the_interviewees_quote() -> None:
    found = answers(article(*Q_AND_A, title="Harbour museum reopens"))
    assert [q.speaker for q in found] == ["Ruth Adeyemi", "Ruth Adeyemi"]
    assert found[0].text.startswith("The old pier was rotten under the waterline")
    assert found[0].speaker_kind == "person" and found[0].whole


def test_the_interviewers_questions_are_not_quotes() -> None:
    found = answers(article(*Q_AND_A))
    assert not any(q.text.endswith("?") for q in found)
    assert len(found) == 2


def test_the_key_quote_of_an_interview_is_an_answer_and_the_summary_its_introduction() -> None:
    summary, quotes, chosen = analyse(article(*Q_AND_A, title="Harbour museum reopens"), 3, "news")
    assert chosen is not None
    assert quotes[chosen].speaker == "Ruth Adeyemi"
    assert quotes[chosen].speaker_as_written == "A"
    assert all("rotten" not in s and "lottery" not in s for s in summary)
    assert summary[0].startswith("Ruth Adeyemi has run")


def test_name_labels_resolve_to_the_full_name_the_introduction_gives() -> None:
    found = answers(
        article(
            "The novelist Tomas Brandt talked to our books editor, Ann Lowe, about his new book.",
            "LOWE: Where did the idea come from?",
            "BRANDT: From my grandmother's letters, which sat in a shoebox for forty years "
            "before anyone read them.",
            "LOWE: And the title?",
            "BRANDT: It is the last line of the last letter she wrote.",
        )
    )
    assert [(q.speaker, q.speaker_as_written) for q in found] == [
        ("Tomas Brandt", "BRANDT"),
        ("Tomas Brandt", "BRANDT"),
    ]


def test_an_answer_with_nobody_named_has_no_speaker_and_is_never_the_key_quote() -> None:
    paragraphs = (
        "We asked a reader who works nights about the new bus timetable.",
        "Q: Has the timetable changed your commute?",
        "A: It has made it an hour longer each way, and nobody at the council will say why.",
    )
    found = answers(article(*paragraphs))
    assert [q.speaker for q in found] == [None]
    _, _, chosen = analyse(article(*paragraphs), 3, "news")
    assert chosen is None


def test_a_news_story_with_one_label_is_not_an_interview() -> None:
    found = answers(
        article(
            "UPDATE: The council has now published the figures.",
            "The harbour museum reopened on Monday after a two-year rebuild costing forty "
            "million pounds.",
        )
    )
    assert found == ()


def test_labels_that_never_ask_are_not_an_interview() -> None:
    found = answers(
        article(
            "WASHINGTON: The Senate passed the bill late on Tuesday by a single vote.",
            "LONDON: Markets rose on the news, with the pound up a cent against the dollar.",
        )
    )
    assert found == ()


def test_an_answer_longer_than_a_key_quote_is_cut_at_a_sentence_end() -> None:
    long_tail = " ".join(["It went on and on for the whole of that long winter"] * 5) + "."
    found = answers(
        article(
            "Ruth Adeyemi spoke to us.",
            "Q: How was the winter?",
            f"A: The winter was hard on the crews. {long_tail}",
        )
    )
    assert found[0].text == "The winter was hard on the crews."
    assert found[0].whole


def test_a_surname_label_takes_the_full_name_an_earlier_label_gave() -> None:
    found = answers(
        article(
            "The campaign's strategist appeared on the Sunday programme.",
            "HOST: Will there be another debate?",
            "JOEL BENENSON: We have said all along that the voters deserve one more debate.",
            "HOST: When?",
            "BENENSON: Before the primary in New York, and not a day later than that.",
        )
    )
    assert [q.speaker for q in found] == ["Joel Benenson", "Joel Benenson"]


def test_one_labelled_paragraph_does_not_end_the_summary() -> None:
    """Without the interview check, an "Editor's Note:" paragraph would end the summary there."""
    paragraphs = (
        "The harbour museum reopened on Monday after a two-year rebuild of its old pier.",
        "Editor's Note: The opening hours were corrected on Tuesday after readers wrote in.",
        "The rebuild cost forty million pounds, most of it paid for by the lottery fund.",
        "Visitors queued along the sea wall from dawn to see the new galleries open.",
    )
    summary, _, _ = analyse(article(*paragraphs, title="Harbour museum reopens"), 3, "news")
    assert any("forty million" in s for s in summary)


def test_a_title_case_name_label_interview_is_summarised_from_its_introduction() -> None:
    """The answers after "Ann Lowe:"/"Tomas Brandt:" labels are not summary sentences."""
    paragraphs = (
        "The novelist Tomas Brandt has written a new book about his grandmother's letters.",
        "Ann Lowe: Where did the idea come from?",
        "Tomas Brandt: From my grandmother's letters, which sat in a shoebox for forty years.",
        "Ann Lowe: And the title?",
        "Tomas Brandt: It is the last line of the last letter she wrote before the war.",
    )
    summary, quotes, chosen = analyse(article(*paragraphs), 3, "news")
    assert summary == (paragraphs[0],)
    assert chosen is not None and quotes[chosen].speaker == "Tomas Brandt"
