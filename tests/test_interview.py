"""Interviews set as questions and answers: the key quote is an answer, credited to the
interviewee; the summary comes from the introduction."""

from __future__ import annotations

import pytest

from conftest import make_article as article
from digest.analysis.interview import answers, is_interview
from digest.analysis.workers import analyse

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


# --- one case per rule (issue 17) ------------------------------------------------------------


def speakers(*paragraphs: str, title: str = "Headline") -> list[str | None]:
    return [q.speaker for q in answers(article(*paragraphs, title=title))]


@pytest.mark.parametrize("asker", ["Q", "Question", "Interviewer", "Q&A"])
def test_an_asking_label_asks_whatever_its_lines_end_on(asker: str) -> None:
    """Without it a "Q:" line that is no question ("Tell us ...") makes the piece no interview."""
    assert is_interview(
        ("The museum reopened.", f"{asker}: Tell us about the rebuild.", "A: It took two years.")
    )


@pytest.mark.parametrize("answerer", ["A", "Answer"])
def test_an_answering_label_answers_even_with_a_question_mark(answerer: str) -> None:
    """Without it an answer that ends on "?" makes its label ask too, and nobody answers."""
    assert is_interview(
        ("The museum reopened.", "Q: Was it worth it?", f"{answerer}: Who could say no?")
    )


def test_is_interview_reads_labels_after_leading_spaces() -> None:
    """Without it (or with no labelled line read at all) a question-and-answer piece is not an
    interview."""
    assert is_interview(("The museum reopened.", "  Q: Why?", "  A: The pier was rotten.")) is True
    assert is_interview(("The museum reopened.", "It took two years.")) is False


def test_labels_that_all_ask_are_not_an_interview() -> None:
    """Without it two interviewers' questions, with nobody answering, make an interview."""
    assert not is_interview(("The museum reopened.", "Q: Why?", "Interviewer: And then?"))


def test_a_name_asks_only_when_more_than_half_its_lines_are_questions() -> None:
    """Without it an interviewee with one answer in two ending on "?" is taken for an asker."""
    found = speakers(
        "Tomas Brandt talked to Ann Lowe.",
        "LOWE: Where did the idea come from?",
        "BRANDT: Who knows?",
        "LOWE: And the title?",
        "BRANDT: It is the last line.",
    )
    assert found == ["Tomas Brandt", "Tomas Brandt"]


def test_an_answer_with_no_sentence_end_is_taken_whole_and_not_a_whole_thought() -> None:
    """Without it an answer with no full stop fails, comes out empty, or claims a whole
    thought."""
    (found,) = answers(
        article("Ruth Adeyemi spoke to us.", "Q: What did it cost?", "A: Forty million pounds")
    )
    assert (found.text, found.whole) == ("Forty million pounds", False)


def test_an_opening_sentence_of_exactly_forty_words_is_kept() -> None:
    """Without it a first sentence of exactly the key quote's 40 words is too long and the
    whole answer is taken."""
    forty = " ".join(["word"] * 39) + " end."
    (found,) = answers(
        article("Ruth Adeyemi spoke to us.", "Q: Why?", f"A: {forty} More words follow here.")
    )
    assert (found.text, found.whole) == (forty, True)


def test_the_person_the_headline_names_answers_before_the_most_named() -> None:
    """Without it the person the introduction names most answers "A:" though the headline
    names the interviewee."""
    found = speakers(
        "Ann Lowe met Tomas Brandt, and Ann Lowe asked the questions.",
        "Q: Why now?",
        "A: Because the letters were ready.",
        title="Brandt on his grandmother's letters",
    )
    assert found == ["Tomas Brandt"]


def test_a_one_word_name_is_never_the_interviewee() -> None:
    """Without it "Mr. Brandt", named by surname alone, answers "A:" under that one word."""
    assert speakers(
        "Mr. Brandt talked to us about his book, and Mr. Brandt said it took years.",
        "Q: Why now?",
        "A: Because the songs were ready.",
    ) == [None]


def test_only_a_full_name_label_lends_its_name_to_a_later_surname_label() -> None:
    """Without it an unresolved one-word label is remembered first and keeps the full name
    given later from the surname labels after it."""
    found = speakers(
        "The strategist was on the programme.",
        "HOST: Another debate?",
        "BENENSON: Yes, one more debate.",
        "HOST: Who?",
        "JOEL BENENSON: The voters want one.",
        "HOST: When?",
        "BENENSON: Before the primary.",
    )
    assert found == ["Benenson", "Joel Benenson", "Joel Benenson"]
