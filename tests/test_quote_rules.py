"""One case per quote rule, where that rule alone decides the result (issue 17).

Each test is named after the rule it pins; its docstring says what breaks without the rule.
The cases are small and written by hand: articles of one to three paragraphs for the
finding and attributing of quotes (``find_quotes``), and ``Quote`` records built directly for the
key quote's rules (``eligible``, ``score``, ``protagonist``, ``key_quote``) and the quote of
the day's (``interest``), so that nothing but the rule under test differs between two cases.
"""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest

from conftest import make_article as article
from digest.analysis import candidates as candidates_module
from digest.analysis.cast import Cast, genders_from_pronouns
from digest.analysis.keyquote import (
    eligible,
    interest,
    key_quote,
    on_the_story,
    protagonist,
    score,
    with_its_point,
)
from digest.analysis.names import looks_like_person, name_words
from digest.analysis.quotes import find_quotes, part_texts
from digest.analysis.speakers import owner_before, parse_speaker, refers_back
from digest.model import Quote
from digest.readers.scan import read_article


def quotes_of(*paragraphs: str, title: str = "Headline") -> list[tuple[str, str | None]]:
    """(text, speaker) of every quote found."""
    return [(q.text, q.speaker) for q in find_quotes(article(*paragraphs, title=title))]


def say(
    text: str,
    speaker: str | None = "Elena Marsh",
    *,
    written: str | None = "",
    at: int = 0,
    kind: str | None = "person",
    whole: bool = True,
) -> Quote:
    """A quote as ``find_quotes`` makes it, at offset ``at``; ``written`` defaults to the
    speaker's name."""
    return Quote(
        text,
        speaker,
        speaker if written == "" else written,
        at,
        at + len(text) + 2,
        speaker_kind=kind,
        whole=whole,
    )


# words with no first-person pronoun and no function word, so that a quote made of the first
# n of them has n distinct content words
PLAIN = (
    "Harbour ferries resumed crossings: engineers repaired damaged ramps, replaced rusted "
    "cables, painted railings, checked lifeboats, tested radios, cleared gullies, mended nets, "
    "rebuilt benches, fixed lamps, swept decks, serviced pumps, trimmed hedges, restored signs, "
    "relaid paving, sealed windows, patched roofs, renewed fences, scrubbed hulls, oiled hinges, "
    "recoated bollards, relit beacons, restocked kiosks, retuned horns, renamed berths"
).replace(",", "")


def plain(count: int, end: str = ".") -> str:
    words = PLAIN.split()
    assert count <= len(words)
    return " ".join(words[:count]) + end


# --- the key quote: the 6-40-word window ---------------------------------------------------


def test_key_window_six_words_is_the_floor() -> None:
    """Without the floor a five-word scrap could be the key quote; with it off by one a
    six-word sentence could not."""
    assert eligible(say(plain(6)))
    assert not eligible(say(plain(5)))
    assert key_quote((say(plain(5)),)) is None


def test_key_window_forty_words_is_the_ceiling() -> None:
    """Without the ceiling a 41-word block could be pulled; off by one, a 40-word one could not."""
    assert eligible(say(plain(40)))
    assert not eligible(say(plain(41)))
    assert key_quote((say(plain(41)),)) is None


# --- the key quote: each bonus of score(), decided by key_quote between two quotes ---------
# Two speakers quoted once each have no protagonist; on a tie the earlier quote wins, so the
# later one is chosen only when its bonus counts.


def voiced(count: int, pronoun: str = "We", end: str = ".") -> str:
    """``count`` words, the first "We" (first person) or a word that is not ("Crews", "They")."""
    rest = plain(count - 1, end)
    return f"{pronoun} {rest[0].lower()}{rest[1:]}"


def test_score_bonus_for_the_name_written_at_the_quote() -> None:
    """Without it a quote given to "he" ties with one that names its speaker right there."""
    pronoun = say(plain(7), "Tom Baker", written="he")
    named = say(plain(7), "Ann Lee", at=1000)
    assert key_quote((pronoun, named)) is named


def test_score_the_written_name_weighs_less_than_a_readable_length() -> None:
    """The written name is worth half a point: a 10-word quote given to "the mayor" still
    scores above a 7-word one that names its speaker."""
    named = say(plain(7), "Ann Lee")
    described = say(plain(10), "Tom Baker", written="the mayor", at=1000)
    assert score(described) > score(named)
    assert key_quote((named, described)) is described


def test_score_a_name_written_at_the_quote_beats_a_description() -> None:
    """The written name's half point decides between two quotes alike but for how the text
    credits them: "Tom Baker said" beats "the mayor said" (without it the earlier wins)."""
    described = say(plain(10), "Tom Baker", written="the mayor")
    named = say(plain(10), "Tom Baker", at=1000)
    assert key_quote((described, named)) is named


def test_a_quote_credited_only_by_a_pronoun_is_never_the_key_quote() -> None:
    """Without the rule a quotation credited to "he" could be the pull quote, though who "he"
    is was worked out, not written: the editors found 27 of 143 such key quotes given to the
    wrong person (13 of 448 credited by name or description)."""
    pronoun = say(plain(10), "Tom Baker", written="he", at=1000)
    assert key_quote((pronoun,)) is None
    named = say(plain(7), "Ann Lee")
    assert key_quote((named, pronoun)) is named


def test_score_full_name_bonus_is_for_any_name_of_two_words_or_more() -> None:
    """A three-word name earns no more than a two-word one: on a tie the earlier quote wins."""
    two = say(plain(7), "Ann Lee")
    three = say(plain(7), "Mary Ann Evans", at=1000)
    assert key_quote((two, three)) is two


def test_score_penalty_for_a_quote_leaning_on_what_came_before() -> None:
    """Without it “And …” ties with a quote that stands alone (and, earlier, wins)."""
    leaning = say("And " + plain(6)[0].lower() + plain(6)[1:], "Tom Baker")
    alone = say(plain(7), "Ann Lee", at=1000)
    assert key_quote((leaning, alone)) is alone


@pytest.mark.parametrize("count", [10, 30])
def test_score_bonus_for_ten_to_thirty_words(count: int) -> None:
    """10 and 30 words are inside the readable length; without the bonus (or with either
    edge moved inward) the earlier 9-word quote wins the tie."""
    short = say(plain(9), "Tom Baker")
    readable = say(plain(count), "Ann Lee", at=1000)
    assert key_quote((short, readable)) is readable


def test_score_no_length_bonus_past_thirty_words() -> None:
    """31 words earn no bonus: the earlier 9-word quote wins the tie (the edge moved out
    would give it to the later one)."""
    short = say(plain(9), "Tom Baker")
    long = say(plain(31), "Ann Lee", at=1000)
    assert key_quote((short, long)) is short


def test_score_bonus_for_the_speakers_own_voice() -> None:
    """Without it (or as a penalty) “We …” ties with or loses to “They …”."""
    third = say(voiced(8, "Crews"), "Tom Baker")
    first = say(voiced(8, "We"), "Ann Lee", at=1000)
    assert key_quote((third, first)) is first


def test_score_own_voice_weighs_as_much_as_a_readable_length() -> None:
    """One point each: a 10-word quote and an 8-word “We …” tie, and the earlier wins."""
    readable = say(plain(10), "Tom Baker")
    first = say(voiced(8, "We"), "Ann Lee", at=1000)
    assert key_quote((readable, first)) is readable
    first, readable = say(voiced(8, "We"), "Ann Lee"), say(plain(10), "Tom Baker", at=1000)
    assert key_quote((first, readable)) is first


def test_score_leaning_costs_as_much_as_the_own_voice_earns() -> None:
    """One point each: “And we …” ties with a plain quote, and the earlier wins."""
    rest = voiced(7, "we")
    leaning = say(f"And {rest}", "Tom Baker")
    plain_quote = say(plain(8), "Ann Lee", at=1000)
    assert key_quote((leaning, plain_quote)) is leaning


def test_score_that_or_those_opening_costs_three_points() -> None:
    """ "That's …" points back at what the quotation answers (none of the seven the editors
    read was right): it costs three points, so a 9-word quote that stands alone beats a 10-word
    "That's …" (its readable length's point against three); "It's …" costs one, ties, and
    being earlier wins."""
    that = say(voiced(10, "That's"), "Tom Baker")
    alone = say(plain(9), "Ann Lee", at=1000)
    assert key_quote((that, alone)) is alone
    it = say(voiced(10, "It's"), "Tom Baker")
    assert key_quote((it, alone)) is it


# --- the key quote: the protagonist and their bonus ------------------------------------------


def test_protagonist_bonus_outweighs_a_one_point_lead() -> None:
    """The person the headline names wins over a quote one point better (the bonus is 1.5);
    without the bonus, or as a penalty, the better quote wins."""
    other = say(voiced(8, "We"), "Tom Baker")
    lead = say(voiced(8, "Crews"), "Ann Lee", at=1000)
    assert key_quote((other, lead), headline="Lee opens the pier") is lead
    assert key_quote((other, lead)) is other


def test_protagonist_bonus_does_not_outweigh_a_two_point_lead() -> None:
    """A quote two points better (own voice and readable length) still beats the
    protagonist's: the bonus is 1.5, not more."""
    other = say(voiced(12, "We"), "Tom Baker")
    lead = say(voiced(8, "Crews"), "Ann Lee", at=1000)
    assert key_quote((other, lead), headline="Lee opens the pier") is other


def test_protagonist_is_the_most_quoted_person_in_two_turns() -> None:
    """Without a headline name, the person quoted in two separate turns is the protagonist,
    and their quote beats a better one by someone quoted once."""
    other = say(voiced(8, "We"), "Tom Baker")
    lead = say(voiced(8, "Crews"), "Ann Lee", at=1000)
    again = say(plain(7), "Ann Lee", at=2000)
    assert protagonist((other, lead, again)) == "Ann Lee"
    assert key_quote((other, lead, again)) is lead


def test_protagonist_counts_only_people() -> None:
    """An organisation quoted twice is nobody's story: no protagonist."""
    quotes = (
        say(plain(7), "Harbour Board", kind="organisation"),
        say(plain(7), "Harbour Board", kind="organisation", at=1000),
    )
    assert protagonist(quotes) is None


def test_protagonist_one_speaker_in_two_turns() -> None:
    """The only speaker, quoted twice, is the protagonist (no second rank to compare)."""
    quotes = (say(plain(7), "Ann Lee"), say(plain(8), "Ann Lee", at=1000))
    assert protagonist(quotes) == "Ann Lee"


def test_protagonist_quotes_within_300_characters_are_one_turn() -> None:
    """“A,” she said. “B.” is one turn: a second quotation starting 300 characters after the
    first ends does not make its speaker the most quoted."""
    first = say(plain(7), "Ann Lee", at=1000)
    second = say(plain(7), "Ann Lee", at=first.end + 300)
    other = say(plain(7), "Tom Baker")
    assert protagonist((other, first, second)) is None
    assert protagonist((other, first, say(plain(7), "Ann Lee", at=first.end + 301))) == "Ann Lee"


def test_protagonist_needs_two_turns() -> None:
    """Two people quoted once each: nobody is the protagonist."""
    assert protagonist((say(plain(7), "Tom Baker"), say(plain(7), "Ann Lee", at=1000))) is None


def test_protagonist_a_tie_for_most_quoted_is_nobody() -> None:
    """Two people quoted in two turns each: no protagonist, so the better quote wins (without
    the tie rule the first-counted speaker would take the bonus and the pick)."""
    quotes = (
        say(plain(7), "Tom Baker"),
        say(voiced(8, "We"), "Ann Lee", at=1000),
        say(plain(7), "Tom Baker", at=2000),
        say(plain(7), "Ann Lee", at=3000),
    )
    assert protagonist(quotes) is None
    assert key_quote(quotes) is quotes[1]


# --- the key quote: what is eligible -----------------------------------------------------------


@pytest.mark.parametrize(
    "small", ["a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "by", "with"]
)
def test_eligible_small_words_do_not_count_against_a_heading(small: str) -> None:
    """Seven capitalised words in ten content words is a heading (70%); a lowercase small word
    is not counted, so it does not dilute the heading into speech."""
    heading = f"Harbour Board Backs New Pier Plan Today {small} despite rising costs."
    assert not eligible(say(heading))


def test_eligible_a_heading_needs_four_content_words() -> None:
    """Three capitalised content words among small words are not a heading."""
    assert eligible(say("At the Harbour, in the Rain, on Sunday."))


def test_eligible_lowercase_content_words_make_it_speech() -> None:
    """Below 70% capitalised content words it is speech, not a heading."""
    assert eligible(say("Harbour Board Backs New Pier Plan despite rising costs and delays."))


# --- what is a quotation (quotes.is_quotation) ------------------------------------------------


@pytest.mark.parametrize(
    "paragraph",
    [
        "Marsh said that “The vote is close, and we will see it through.”",
        "Elena Marsh praised the so-called “Harbour Deal, signed in May, for the jobs.”",
        "Elena Marsh said on ABC’s “This Week, the vote is close.”",
        "Elena Marsh said on ABC's “This Week, the vote is close.”",
    ],
)
def test_woven_after_that_so_called_or_a_possessive_is_not_a_quotation(paragraph: str) -> None:
    """Each quotation here is attributed, opens with a capital and is not a short title: only
    the word before it ("that", "so-called", "ABC’s") makes it part of the writer's sentence.
    Without the rule each would be a quote."""
    assert quotes_of(paragraph) == []


def test_woven_rule_leaves_a_quotation_after_a_colon() -> None:
    """The same words after "said:" are a quotation (the rule looks only at the word before)."""
    assert quotes_of("Marsh said: “The vote is close, and we will see it through.”") == [
        ("The vote is close, and we will see it through.", "Marsh")
    ]


def test_continuation_an_unattributed_paragraph_after_other_words_is_not_a_quote() -> None:
    """After “…,” said Elena Marsh, the writer goes on in the same paragraph; an unattributed
    quotation paragraph then does not continue her quote (treating every candidate as a
    continuation would make it one)."""
    assert quotes_of(
        "“The pier is finished,” said Elena Marsh. The council met on Monday.",
        "“Work begins in May.”",
    ) == [("The pier is finished", "Elena Marsh")]


def test_continuation_a_quotation_paragraph_after_the_attribution_continues() -> None:
    """The same paragraph, with nothing after the attribution: the next quotation paragraph
    is hers."""
    assert quotes_of("“The pier is finished,” said Elena Marsh.", "“Work begins in May.”") == [
        ("The pier is finished", "Elena Marsh"),
        ("Work begins in May.", "Elena Marsh"),
    ]


def test_continuation_must_open_its_paragraph() -> None:
    """A quotation inside the next paragraph, after the writer's "Later,", is not hers."""
    assert quotes_of(
        "“The pier is finished,” said Elena Marsh.", "Later, “Work begins in May.”"
    ) == [("The pier is finished", "Elena Marsh")]


def test_continuation_of_an_unattributed_quotation_is_not_a_quote() -> None:
    """Two quotation paragraphs with nobody named: neither is a quote."""
    assert quotes_of("“The pier is finished.”", "“Work begins in May.”") == []


# --- quoted spans (candidates.find_spans) ------------------------------------------------------


def test_spans_a_quote_left_open_at_a_paragraph_end_is_dropped() -> None:
    """A mark left open at a blank line is stray: the closing mark in the next paragraph does
    not make the two paragraphs one quotation (without the blank-line rule it would)."""
    assert (
        quotes_of(
            "Elena Marsh said: “We will rebuild the pier",
            "before the summer storms,” said Tom Baker.",
        )
        == []
    )


def test_spans_a_quote_carries_on_over_a_line_break_in_its_paragraph() -> None:
    """A single line break inside a wrapped paragraph is not a paragraph end."""
    assert quotes_of("Elena Marsh said: “We will rebuild the pier\nbefore the summer storms.”") == [
        ("We will rebuild the pier before the summer storms.", "Elena Marsh")
    ]


def _long_quote(break_at: int) -> str:
    """A quotation whose one line break comes ``break_at`` characters after its opening mark."""
    lead = "Elena Marsh said: “"
    filler = ("We will rebuild the pier " * 200)[: break_at - 2].rstrip() + "x"
    filler = filler.ljust(break_at - 1)
    return lead + filler + "\nand the road.”"


def test_spans_a_quote_may_run_3000_characters_to_a_line_break() -> None:
    """A line break 3000 characters into an open quotation still carries it on; at 3001 the
    mark is taken as stray (the limit moved by one would drop the first or keep the second)."""
    (kept,) = find_quotes(article(_long_quote(3000)))
    assert kept.text.endswith("and the road.")
    assert find_quotes(article(_long_quote(3001))) == ()


# --- attribution (candidates.candidates) ---------------------------------------------------------


def test_attribution_according_to_before_the_quote_names_the_speaker() -> None:
    """ "…, according to Elena Marsh: “…”": the speaker is the name after "according to"."""
    assert quotes_of(
        "The plan is dead, according to Elena Marsh: “The council will not vote.”"
    ) == [("The council will not vote.", "Elena Marsh")]


def _lead_in(length: int) -> str:
    """A paragraph whose one sentence leads into a quote: "Marsh" starts ``length``
    characters before the quote mark, and the reporting verb is near the end."""
    tail = ", saying, "
    body = "Marsh walked along the old harbour wall beside the boats and the nets"
    body = body + " and the gulls and the boats" * 10
    body = body[: length - len(tail)]
    assert not body.endswith(" ")
    return body + tail + "“We will rebuild the pier before the summer storms.”"


def test_attribution_the_lead_in_sentence_reaches_240_characters_back() -> None:
    """The sentence leading into a quote is read at most 240 characters back: "Marsh" at
    240 is the speaker, at 241 she is out of reach (the window moved by one changes that)."""
    assert quotes_of(_lead_in(240))[0][1] == "Marsh"
    assert quotes_of(_lead_in(241))[0][1] is None


def test_attribution_a_paragraph_without_a_colon_does_not_introduce_the_next() -> None:
    """Only a paragraph ending in a colon ("She said:") introduces the quotation opening the
    next one; one ending in a full stop does not, and the quotation has no speaker."""
    assert quotes_of("Mayor Elena Marsh spoke after the count.", "“The vote is close.”") == []


def test_attribution_before_a_colon_the_name_nearest_the_verb_speaks() -> None:
    """In a colon lead-in without a nearby reporting verb, of the names before the verb the
    last one speaks (Marsh, not Baker, who only watched)."""
    assert quotes_of(
        "Tom Baker watched as Elena Marsh told the council, in a long speech that ran well past "
        "midnight and into the early hours of the morning:",
        "“We will rebuild the pier.”",
    ) == [("We will rebuild the pier.", "Elena Marsh")]


def test_attribution_a_lead_in_with_only_we_is_spoken_by_we() -> None:
    """A lead-in with no name and no he/she/they gives "we" as written (an empty pronoun
    pattern would give nothing)."""
    (quote,) = find_quotes(
        article("On the quay we waited with the crew, telling them: “We will be back.”")
    )
    assert quote.speaker_as_written == "we"


def test_attribution_a_name_in_apposition_to_an_unnamed_speaker_is_the_speaker() -> None:
    """“…,” a spokesman, Tom Baker, said: the name in apposition to "a spokesman" speaks."""
    assert quotes_of("“The minister will not resign,” a spokesman, Tom Baker, said.") == [
        ("The minister will not resign", "Tom Baker")
    ]


def test_attribution_role_words_after_the_verb_run_to_the_phrase_end() -> None:
    """ "said former Marsh adviser Tom Baker": the speaker phrase runs past the first
    capitalised word (Marsh) to the end of the phrase."""
    assert quotes_of(
        "“The pier is unsafe and will stay shut,” said former Marsh adviser Tom Baker."
    ) == [("The pier is unsafe and will stay shut", "Tom Baker")]


def test_attribution_a_quote_that_closed_its_sentence_keeps_its_lead_in_speaker() -> None:
    """“….” closes its sentence, so "Elena Marsh said" after it starts a new sentence: the
    lead-in's Tom Baker is the speaker."""
    assert quotes_of(
        "Tom Baker told the council: “We will rebuild the pier before summer.” Elena Marsh said "
        "the money is there."
    ) == [("We will rebuild the pier before summer.", "Tom Baker")]


def test_split_a_quote_split_after_a_comma_is_one_quotation() -> None:
    """“A,” she said, “B.” is one quotation even when B opens with a capital: the comma before
    the attribution leaves A open."""
    quotes = find_quotes(
        article(
            "Head librarian Aisling Brennock watched the machines work.",
            "“We were worried about staff,” she said, “The machines have given us hours back.”",
        )
    )
    assert [(q.speaker, len(q.parts)) for q in quotes] == [("Aisling Brennock", 2)]


def test_split_a_quote_closed_by_an_exclamation_is_not_joined_to_the_next() -> None:
    """“A!” she said, “B.”: A closed its sentence, so B is a second quotation by the same
    speaker, not a part of A."""
    quotes = find_quotes(
        article(
            "Head librarian Aisling Brennock watched the machines work.",
            "“The pier is finished!” she said, “Work begins in May.”",
        )
    )
    assert [(q.speaker, len(q.parts)) for q in quotes] == [
        ("Aisling Brennock", 1),
        ("Aisling Brennock", 1),
    ]


# --- the quote of the day's strength of a quote on its own (keyquote.interest) ----------------


def test_interest_bonus_for_a_full_name() -> None:
    """The same words by "Elena Marsh" are stronger than by a bare "Marsh"."""
    assert interest(say(plain(8), "Elena Marsh")) > interest(say(plain(8), "Marsh"))


@pytest.mark.parametrize(("inside", "outside"), [(10, 9), (30, 31)])
def test_interest_bonus_for_ten_to_thirty_words(inside: int, outside: int) -> None:
    """10 and 30 words earn the readable-length point that 9 and 31 do not."""
    assert interest(say(plain(inside))) > interest(say(plain(outside)))


@pytest.mark.parametrize(("inside", "outside"), [(6, 5), (40, 41)])
def test_interest_penalty_outside_six_to_forty_words(inside: int, outside: int) -> None:
    """Below 6 or above 40 words a quote loses a point; 6 and 40 do not."""
    assert interest(say(plain(inside))) > interest(say(plain(outside)))


def test_interest_bonus_for_the_speakers_own_voice() -> None:
    """“We …” is stronger than the same words after “They …”."""
    assert interest(say(voiced(8, "We"))) > interest(say(voiced(8, "They")))


def test_interest_varied_words_over_filler() -> None:
    """Eight distinct content words beat eight words of filler ("it is what it is")."""
    assert interest(say(plain(8))) > interest(say("It is what it is and that is."))


def test_interest_a_question_is_weaker() -> None:
    """The same words as a question lean on their context: a quarter of a point less."""
    assert interest(say(plain(8, "?"))) < interest(say(plain(8, ".")))


def test_interest_a_question_costs_less_than_the_own_voice_earns() -> None:
    """A question in the speaker's own voice still beats a statement without it (the
    question costs 0.25, the voice earns 1)."""
    assert interest(say(voiced(8, "We", "?"))) > interest(say(voiced(8, "They")))


# --- what is a quotation, and whose (quotes.is_quotation, quotes.find_quotes) ----------------


def test_quotation_an_opening_ellipsis_is_skipped_before_the_capital() -> None:
    """“…We will …” opens with a capital once the ellipsis is skipped: a quotation."""
    assert quotes_of("Elena Marsh said: “…We will rebuild the pier before summer.”") == [
        ("…We will rebuild the pier before summer.", "Elena Marsh")
    ]


def test_quotation_a_title_cased_phrase_of_ten_words_is_a_name() -> None:
    """Ten title-cased words without punctuation are a name or slogan, not speech."""
    assert quotes_of("Elena Marsh said: “Make The Harbour Great Again For All Of The Town”") == []


def test_quotation_eleven_title_cased_words_are_speech() -> None:
    """From eleven words on, title case alone does not make a phrase a name."""
    assert quotes_of(
        "Elena Marsh said: “Make The Harbour Great Again For All Of The Town Folk”"
    ) == [("Make The Harbour Great Again For All Of The Town Folk", "Elena Marsh")]


def test_speaker_the_first_quote_may_continue_a_woven_phrase() -> None:
    """The first quotation found continues a woven phrase (itself no quotation): it takes the
    phrase's speaker, Tom Baker, as written there."""
    assert quotes_of(
        "Tom Baker shot back, saying he has “made money in down markets.”",
        "“Frankly, this is the kind of thinking our country needs right now.”",
    ) == [("Frankly, this is the kind of thinking our country needs right now.", "Tom Baker")]


def test_speaker_a_continuing_quote_is_a_turn_of_its_speaker_for_a_later_he() -> None:
    """“It will take a year.” continues Tom Baker's quote: it counts as his turn, so the next
    "he" is Baker, not Dan Price, named in the sentence before it."""
    assert [
        speaker
        for _, speaker in quotes_of(
            "Tom Baker stood on the quay.",
            "“We will rebuild. It takes time,” he said, pointing at Dan Price. “It will take a "
            "year.”",
            "“Nobody asked the fishermen,” he said.",
        )
    ] == ["Tom Baker", "Tom Baker", "Tom Baker"]


@pytest.mark.parametrize(("pronoun", "kind"), [("they", "unnamed"), ("he", None)])
def test_speaker_an_unresolved_they_is_unnamed_but_he_is_unknown(
    pronoun: str, kind: str | None
) -> None:
    """ "they said" with nobody to refer to is some unnamed group; "he said" is someone the
    text does not say."""
    (quote,) = find_quotes(article(f"“The pier is unsafe and will stay shut,” {pronoun} said."))
    assert (quote.speaker, quote.speaker_kind) == (None, kind)


def test_speaker_a_definite_description_refers_back_to_the_person_in_the_passage() -> None:
    """ "the businessman" (no title to match) refers back like a pronoun, to Tom Baker; without
    the rule the quote would be unnamed."""
    assert quotes_of(
        "Tom Baker stood on the quay.",
        "“We will rebuild the pier before summer,” the businessman said.",
    ) == [("We will rebuild the pier before summer", "Tom Baker")]


def _who(paragraph: str) -> tuple[str | None, str | None]:
    (quote,) = find_quotes(article(paragraph))
    return quote.speaker, quote.speaker_kind


def test_speaker_an_organisation_described_by_a_common_noun_is_not_named() -> None:
    """ "The agency" opening the sentence is an organisation the text does not name: its
    capital "The" does not make it a name."""
    assert _who("The agency said: “We have worked diligently to meet the deadline.”") == (
        None,
        "organisation",
    )


def test_speaker_an_organisation_described_with_a_proper_name_is_named_without_the() -> None:
    """ "the Harbour port authority" names the organisation: printed without "the"."""
    assert _who(
        "“We have worked diligently to meet the deadline,” the Harbour port authority said."
    ) == (
        "Harbour port authority",
        "organisation",
    )


def test_speaker_an_unresolved_description_is_unnamed() -> None:
    """ "the lawyer" with nobody in the story to refer to is someone unnamed."""
    assert _who("“We will appeal the ruling,” the lawyer said.") == (None, "unnamed")


def test_part_texts_are_the_words_of_each_part_of_a_split_quote() -> None:
    """What a summary must not repeat: each part's own words, without marks or the comma
    before "she said"."""
    story = article("“We were worried about staff,” she said, “but they have given us hours back.”")
    (quote,) = find_quotes(story)
    assert part_texts(story, quote) == (
        "We were worried about staff",
        "but they have given us hours back.",
    )


# --- the words naming a speaker (speakers.parse_speaker) ------------------------------------


def test_parse_i_is_a_pronoun() -> None:
    """ "I said" is the first person, not a one-letter name."""
    assert parse_speaker("I") == ("pronoun", "i")


def test_parse_a_full_name_keeps_its_first_name() -> None:
    """ "Jane Doe" is Jane Doe, not the bare surname (which may be her husband's)."""
    assert parse_speaker("Jane Doe") == ("person", "Jane Doe")


def test_parse_a_name_before_a_lowercase_tail_is_the_speaker() -> None:
    """ "Jane Doe on Monday": the name run before "on Monday" still names her."""
    assert parse_speaker("Jane Doe on Monday") == ("person", "Jane Doe")


def test_parse_their_makes_a_description() -> None:
    """ "their lawyer" is someone to resolve in the story, not nothing."""
    assert parse_speaker("their lawyer") == ("description", "their lawyer")


def test_parse_a_capitalised_title_after_the_is_a_description() -> None:
    """ "the Senator" is a description to resolve, not a person called Senator."""
    assert parse_speaker("the Senator") == ("description", "the Senator")


def test_parse_an_organisation_noun_after_a_possessive_with_the_is_a_description() -> None:
    """ "the council’s agency" points back to an organisation; "a spokesman" is unnamed."""
    assert parse_speaker("the council’s agency") == ("description", "the council’s agency")
    assert parse_speaker("a spokesman") == ("unnamed", "a spokesman")


@pytest.mark.parametrize(
    "phrase", ["many fishermen", "an Ulster Unionist", "many Ulster Unionists"]
)
def test_parse_an_indefinite_is_unnamed_even_before_capitals(phrase: str) -> None:
    """ "an"/"many" make someone unnamed, even when capitalised words follow."""
    assert parse_speaker(phrase) == ("unnamed", phrase)


def test_parse_a_number_word_opening_the_phrase_is_not_a_name() -> None:
    """ "Three Tenors" is some unnamed people, not a person called Three Tenors."""
    assert parse_speaker("Three Tenors") == ("unnamed", "Three Tenors")


def test_parse_the_possessor_is_not_the_speaker_even_before_a_place() -> None:
    """ "Tom Baker’s aide in Ohio" is the aide, unnamed: not Tom (the place is no name, and the
    possessive ends the search)."""
    assert parse_speaker("Tom Baker’s aide in Ohio") == ("unnamed", "Tom Baker’s aide in Ohio")


def test_parse_a_two_letter_acronym_is_an_organisation() -> None:
    """ "the FA": two capitals are an acronym, so an organisation."""
    assert parse_speaker("the FA") == ("organisation", "FA")


def test_parse_an_organisation_keeps_its_capitalised_function_words() -> None:
    """ "the Bank Of England" is printed as written, not "Bank England"."""
    assert parse_speaker("the Bank Of England") == ("organisation", "Bank Of England")


# --- who "he" is (speakers.resolve_pronoun) ----------------------------------------------------

HE_SAID = "“Nobody asked the fishermen what they needed,” he said."


def test_pronoun_a_title_abbreviation_does_not_end_the_sentence() -> None:
    """ "Tom Baker met Gov. Dan Price": the period after "Gov." does not start a sentence in
    which Dan Price would be the nearest subject; "he" is Tom Baker."""
    assert quotes_of("Tom Baker met Gov. Dan Price on the quay.", HE_SAID)[0][1] == "Tom Baker"


def test_pronoun_the_subject_of_a_reporting_verb_comes_first() -> None:
    """In "Dan Price listened as Tom Baker said …", Baker (who said) is "he", though Price is
    named first."""
    assert (
        quotes_of("Dan Price listened as Tom Baker said the pier was unsafe.", HE_SAID)[0][1]
        == "Tom Baker"
    )


def test_pronoun_he_skips_a_woman() -> None:
    """ "he" passes over Ann Lee, named last, to Tom Baker."""
    assert quotes_of("Tom Baker spoke first.", "Ann Lee spoke next.", HE_SAID)[0][1] == "Tom Baker"


def test_pronoun_she_is_not_someone_of_unknown_gender_when_others_are_named() -> None:
    """With Tom Baker also named, "she" does not go to Kel Varno, whose gender the story does
    not give: the quote has no speaker."""
    assert quotes_of(
        "Tom Baker and Kel Varno met on the quay.",
        "Kel Varno said the pier was unsafe.",
        "“We will rebuild the pier before summer,” she said.",
    ) == [("We will rebuild the pier before summer", None)]


def test_pronoun_falls_back_to_a_name_in_the_headline() -> None:
    """Nobody is named in the body: "she" is Elena Marsh, named in the headline."""
    assert quotes_of(
        "“We will rebuild the pier before summer,” she said.", title="Elena Marsh opens the pier"
    ) == [("We will rebuild the pier before summer", "Elena Marsh")]


def test_pronoun_a_shared_surname_is_the_subject_of_the_passage() -> None:
    """ "Lee said" with Tom and Ann Lee: the one the sentence is about (Tom, its subject), not
    the one named last."""
    assert quotes_of(
        "Tom Lee spoke after Ann Lee.", "“We bake four hundred loaves before dawn,” Lee said."
    ) == [("We bake four hundred loaves before dawn", "Tom Lee")]


# --- "the senator" (speakers.resolve_description) ----------------------------------------------


def test_description_resolves_to_the_holder_of_the_role_not_the_nearest_person() -> None:
    """ "the senator" is Sen. Jane Doe, not Tom Baker, named since (without the role match it
    would refer back to the nearest person)."""
    assert (
        quotes_of(
            "Sen. Jane Doe toured the valley on Monday.",
            "Tom Baker drove her there.",
            "“Nobody here has seen water like this,” the senator said.",
        )[0][1]
        == "Jane Doe"
    )


def test_description_the_front_runner_is_a_role() -> None:
    """ "the front-runner" is the person introduced as front-runner, not the nearest one."""
    assert (
        quotes_of(
            "Front-runner Tom Baker spoke in Leeds.",
            "Dan Price replied on Tuesday.",
            "“Nobody here has seen water like this,” the front-runner said.",
        )[0][1]
        == "Tom Baker"
    )


# --- "the businessman" (speakers.refers_back) --------------------------------------------------


def test_refers_back_a_definite_description_of_up_to_six_words() -> None:
    """ "the quiet tall young local businessman" (six words) points back to someone named;
    seven words are a description of its own."""
    assert refers_back("the quiet tall young local businessman")
    assert not refers_back("the quiet tall young local rich businessman")


def test_refers_back_only_after_the() -> None:
    """ "a businessman" or a bare "businessman" is someone new, not someone named before."""
    assert not refers_back("a businessman")
    assert not refers_back("businessman")


def test_refers_back_a_capitalised_qualifier_too() -> None:
    """ "the former Florida governor" is the story's Bush as much as "the governor" is: a
    capital in the description does not stop it pointing back (it used to, and left
    Jeb Bush's words unattributed)."""
    assert refers_back("the former Florida governor")
    assert refers_back("The businessman")
    assert quotes_of(
        "Donald Trump told the Post that he was not worried.",
        "Jeb Bush went after Trump at the debate. “He is a chaos candidate,” the former"
        " Florida governor said.",
    ) == [("He is a chaos candidate", "Jeb Bush")]


def test_description_passes_over_who_holds_another_post() -> None:
    """ "the Republican presidential candidate said" after a sentence about the mayor: going
    back past the mayor (who holds another post) to the candidate, not giving up at him; and
    the quotation after it, "he went on", is then the candidate's, not the mayor's."""
    found = quotes_of(
        "Donald Trump called upon Mayor Bill de Blasio to restart the surveillance of mosques."
        " De Blasio disbanded the unit in April.",
        "“There is hatred like nobody has ever seen,” the Republican presidential candidate"
        " said in an interview.",
        "“We ought to start it up again this morning,” he went on.",
    )
    assert found == [
        ("There is hatred like nobody has ever seen", "Donald Trump"),
        ("We ought to start it up again this morning", "Donald Trump"),
    ]


def test_description_candidate_and_nominee_are_one_race() -> None:
    """ "The candidate added" after the nominee's own quotation: a nominee is a candidate, so
    he does not count as holding another post."""
    found = quotes_of(
        "Republican nominee Donald Trump told the Post: “I really don’t want Jeb’s endorsement.”",
        "The candidate added, “He is not going to win anyway.”",
    )
    assert found[-1] == ("He is not going to win anyway.", "Donald Trump")


def test_description_may_be_a_possessor() -> None:
    """ "Mr Blair's was asked … The prime minister told MPs": a description may point back to
    a possessor, which "he" only does when nobody else will (else it went on back past the
    home secretary to the Tory named before)."""
    found = quotes_of(
        "Liam Fox said the plans were a sham. Home Secretary Charles Clarke said the Tories"
        " were scaremongering.",
        "Mr Blair's spokesman was asked if the plans would cut migration. The prime minister"
        " told MPs: “The numbers will probably fall.”",
    )
    assert found[-1] == ("The numbers will probably fall.", "Blair")


def test_described_reporter_closing_the_sentence_before() -> None:
    """ "Mr Brown liked to rattle off …, the Tory leader said. “…,” he said.": the sentence's
    reporter is the Tory leader, named before by that role, not Mr Brown, whom his words
    mention."""
    found = quotes_of(
        "Tory leader Michael Howard attacked the Budget. Mr Brown liked to rattle off"
        " “magical balances” in a bid to convince people, the Tory leader said. “This dodgy"
        " government is publishing a dodgy Budget,” he said."
    )
    assert found[-1] == ("This dodgy government is publishing a dodgy Budget", "Michael Howard")


def test_may_the_surname_after_its_quotation() -> None:
    """ "“…,” May wrote on his website": the story's Brian May, though May is a month; with
    nobody of that name in the story, nobody."""
    assert quotes_of(
        "Guitarist Brian May has said he expects to tour.",
        "“The show went so incredibly well,” May wrote on his website.",
    ) == [("The show went so incredibly well", "Brian May")]
    assert quotes_of(
        "The deal was signed in May.", "“The show went so incredibly well,” May wrote."
    ) == [("The show went so incredibly well", None)]


def test_a_document_word_is_nobody() -> None:
    """ "Transcript as follows:" or "Full text:" before a speech: not a person called
    Transcript or Full; the speech goes on from the speaker before it."""
    for lead in ("Transcript as follows:", "Full text:"):
        found = quotes_of(
            "Gov. John Kasich said, “I am getting ready to rent a covered wagon.”",
            lead,
            "“Tonight we arrived in Cleveland, and we went to a restaurant.”",
        )
        assert [who for _, who in found] == ["John Kasich", "John Kasich"]


def test_description_head_before_of() -> None:
    """ "the chairman of the committee" is a person (the head is "chairman", not
    "committee"), never the organisation "chairman of the committee"; and a party and title
    before the name after it ("…, Labour MP Barry Sheerman") are not the name's words."""
    assert _who("“It will be a tragedy,” said the chairman of the education committee.") == (
        None,
        "unnamed",
    )
    assert _who(
        "“It will be a tragedy,” said the chairman of the Commons education select committee,"
        " Labour MP Barry Sheerman."
    ) == ("Barry Sheerman", "person")


def test_possessor_before_a_noun_that_reports() -> None:
    """ "In response to Dr Gibbons' comments, Ieuan Wyn Jones … said:": "comments" is a
    reporting verb's form, but the possessor before it is not who speaks."""
    assert _who(
        "In response to Dr Gibbons' comments, Ieuan Wyn Jones, leader of the Plaid Cymru"
        " group, said: “This reshuffle is just changing the deckchairs.”"
    ) == ("Ieuan Wyn Jones", "person")


def test_name_before_pronoun_after() -> None:
    """ "Kisrty Williams, for the Lib Dems, added: “…,” she said": the name before the
    quotation says who "she" is (an unknown first name gives no gender to go by)."""
    found = quotes_of(
        "Health minister Jane Hutt was moved on Monday.",
        "Kisrty Williams, for the Lib Dems, added: “Changing the minister will serve no"
        " purpose,” she said.",
    )
    assert found[-1] == ("Changing the minister will serve no purpose", "Kisrty Williams")


def test_description_of_someone_introduced_unnamed() -> None:
    """ "One ad stars an Abraham Lincoln impersonator … “…,” the Lincoln actor says": the
    actor was introduced with "an" and never named, so the quotation is nobody's in
    particular, not the candidate the sentence before was about."""
    found = quotes_of(
        "Gary Johnson won't send you to fight wars overseas, the ad says. One ad stars an"
        " Abraham Lincoln impersonator who promises that Johnson won't tell you who to marry.",
        "“It's like a two-horse race where one horse cheats,” the Lincoln actor says.",
    )
    assert found == [("It's like a two-horse race where one horse cheats", None)]


def test_who_is_named_in_a_parenthesis_is_not_the_subject() -> None:
    """ "In the letter - addressed to the U.S. attorney, Channing D. Phillips - the Utah
    Republican asks …": the name between the dashes is not who the description is."""
    found = quotes_of(
        "House Oversight Committee Chairman Jason Chaffetz on Tuesday requested another"
        " investigation.",
        "In the letter - addressed to the U.S. attorney for the District of Columbia, Channing"
        " D. Phillips - the Utah Republican asks for an investigation to determine whether"
        " “Secretary Clinton or her employees violated statutes.”",
    )
    assert found == [("Secretary Clinton or her employees violated statutes.", "Jason Chaffetz")]


def test_an_event_named_after_someone_is_not_a_person() -> None:
    """ "the Jose M Cagigal Memorial meeting": a meeting, not a man called Memorial, and not
    who "the East Kilbride athlete" is (the name after "at the" is not the subject either)."""
    assert not looks_like_person(["Jose", "M", "Cagigal", "Memorial"])
    found = quotes_of(
        "Allan Scott said he is confident of winning a medal next week.",
        "The 22-year-old Scot finished fourth at the Jose M Cagigal Memorial meeting in Madrid."
        " “It was definitely a learning curve,” said the East Kilbride athlete.",
    )
    assert found == [("It was definitely a learning curve", "Allan Scott")]


def test_name_before_pronoun_after_only_a_name() -> None:
    """ "For the Lib Dems David Laws said: “…,” he said": the words before are not a name as
    they stand, so "he" still decides (and finds David Laws)."""
    found = quotes_of(
        "Ed Balls said the plans were sound.",
        "For the Lib Dems David Laws said: “The chancellor will tell us how the economy is"
        " doing,” he said.",
    )
    assert found == [("The chancellor will tell us how the economy is doing", "David Laws")]


def test_an_editors_bracketed_capital_starts_a_quotation() -> None:
    """ "“[T]he stakes are higher …,” he wrote": an editor's bracketed capital still starts a
    sentence, so the quotation is found (and its names, inside it, are not who "he" is)."""
    found = quotes_of(
        "Josh Hendler, a top Democratic tech operative, warned Saturday that the move against"
        " Sanders could damage the party.",
        "“[T]he stakes are higher than the fight between Bernie and Hillary,” he wrote in a"
        " blog post.",
    )
    assert found == [
        ("[T]he stakes are higher than the fight between Bernie and Hillary", "Josh Hendler")
    ]


def test_an_outlet_reports() -> None:
    """ "“…,” Fox News reported": an outlet's name (made only of words that name nobody) is the
    organisation that speaks, not the person quoted before it."""
    assert quotes_of(
        "“We had only two agents on the ground,” wrote Eric Nordstrom.",
        "“Two months before the attack, Stevens requested 13 security personnel but he was"
        " turned down,” Fox News reported.",
    )[-1] == (
        "Two months before the attack, Stevens requested 13 security personnel but he was"
        " turned down",
        "Fox News",
    )


def test_a_title_before_a_word_that_names_nobody() -> None:
    """ "Dr Fox told BBC Radio": a title only a person bears makes "Fox" a surname (the story's
    Liam Fox), not the broadcaster."""
    assert parse_speaker("Dr Fox") == ("person", "Fox")
    assert parse_speaker("Mr Fox") == ("person", "Fox")
    assert parse_speaker("Fox")[0] == "organisation"
    found = quotes_of(
        "Tory co-chairman Liam Fox was speaking after Mr Blair told Labour members the Tories"
        " offered a “hard right agenda”. Dr Fox told BBC Radio: “If you are willing to lie about"
        " the war, you are going to lie about anything.”"
    )
    assert found[-1] == (
        "If you are willing to lie about the war, you are going to lie about anything.",
        "Liam Fox",
    )


def test_after_a_question_the_next_sentence_is_not_its_attribution() -> None:
    """ "Mr McLetchie asked: “…?” The Scottish Green Party's health spokeswoman, Eleanor Scott,
    said …": after a question mark an attribution goes on in lower case, so "The …" begins a
    sentence of its own; "“…?” the spokeswoman asked" still attributes."""
    assert quotes_of(
        "Mr McLetchie asked: “Would it not be ironic that the criminals can be smokers?” The"
        " Scottish Green Party's health spokeswoman, Eleanor Scott, said she was pleased."
    ) == [("Would it not be ironic that the criminals can be smokers?", "McLetchie")]
    assert quotes_of(
        "“Would it not be ironic that the criminals can be smokers?” the Scottish Green"
        " Party's health spokeswoman, Eleanor Scott, said."
    ) == [("Would it not be ironic that the criminals can be smokers?", "Eleanor Scott")]


def test_only_role_words_right_before_a_name_are_its_roles() -> None:
    """ "a poster which pictured the prime minister and Mr Brown": "minister" is the words
    before "and", not Mr Brown's post; so "the chancellor told reporters" after it is still Mr
    Brown, not Mr Blair (Mr Brown used to count as holding another post)."""
    found = quotes_of(
        "Tony Blair and Gordon Brown met on Monday. The Tories unveiled a poster"
        " which pictured the prime minister and Mr Brown under the words “Fighting each"
        " other”.",
        "Mr Peston's book claimed that Mr Brown told Mr Blair: “There is nothing you could ever"
        " say to me now that I could ever believe.” On Wednesday Mr Blair denied it, and before"
        " he left for Africa the chancellor told reporters: “Of course I trust the prime"
        " minister.”",
    )
    assert found[-1] == ("Of course I trust the prime minister.", "Gordon Brown")


def test_the_prime_minister_is_not_the_deputy() -> None:
    """ "the prime minister said" is not Deputy Prime Minister John Prescott: a lesser post's
    word ("deputy", "vice", "shadow") the description lacks rules him out."""
    found = quotes_of(
        "Tony Blair told Gordon Brown of his plan at a dinner hosted by Deputy Prime Minister"
        " John Prescott. According to Mr Peston the prime minister said: “Help me to get"
        " through the year and I will then stand down.”"
    )
    assert found == [("Help me to get through the year and I will then stand down.", "Tony Blair")]


def test_who_is_told_listens() -> None:
    """ "Mr Brown is alleged to have told the prime minister: “…”", "The MP … told BBC News:":
    the one told is the listener; the sentence's subject speaks."""
    found = quotes_of(
        "Tony Blair spoke on Monday. In Mr Peston's book Mr Brown is alleged to have told the"
        " prime minister: “There is nothing you could ever say to me now that I could ever"
        " believe.”"
    )
    assert found == [
        ("There is nothing you could ever say to me now that I could ever believe.", "Brown")
    ]
    found = quotes_of(
        "Howard Flight says he will not stand down. The MP, who is consulting his lawyers, told"
        " BBC News: “They selected me and they can dispose of me or keep me.”"
    )
    assert found == [("They selected me and they can dispose of me or keep me.", "Howard Flight")]


def test_a_question_put_to_someone_is_not_theirs() -> None:
    """ "Blumenthal was asked, “If you had known …?” He answered, “…”": the question is the
    interviewer's (unnamed), the answer his; "was asked about it and said:" still his."""
    found = find_quotes(
        article(
            "Former Clinton adviser Sidney Blumenthal spoke on CNN on Wednesday.",
            "Blumenthal was asked, “If you had known she had a personal server, would you have"
            " told her it is not a good idea?” He answered, “I have no idea. We are old"
            " friends.”",
        )
    )
    assert [(q.speaker, q.speaker_kind) for q in found] == [
        (None, "unnamed"),
        ("Sidney Blumenthal", "person"),
    ]
    assert quotes_of(
        "Gordon Brown was asked about the book on Monday and said: “I have no idea what it says.”"
    ) == [("I have no idea what it says.", "Gordon Brown")]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # the review of the fourth session's rules: each was over-reached by one of them
        (
            (
                "Mr Smith, who was asked to step down last year, remained defiant: “I am not going"
                " anywhere.”",
            ),
            [("I am not going anywhere.", "Smith")],
        ),
        (
            (
                "Donald Trump was asked about the wall, and his reply was simple: “Mexico will pay"
                " for it.”",
            ),
            [("Mexico will pay for it.", "Donald Trump")],
        ),
        (
            (
                "An Abraham Lincoln impersonator appears in the ad. The Lincoln actor said: “It is"
                " like a two-horse race where one horse cheats.”",
            ),
            [("It is like a two-horse race where one horse cheats.", None)],
        ),
        (
            (
                "Questions were fired at Mark Zuckerberg by Senator Ted Cruz. “We do not censor"
                " anyone,” he said.",
            ),
            [("We do not censor anyone", "Mark Zuckerberg")],
        ),
        (
            ("Her successor — Theresa May — rejected the claim. “It is simply untrue,” she said.",),
            [("It is simply untrue", "Theresa May")],
        ),
        (
            (
                "The president of the European Commission, Jean-Claude Juncker, told MEPs: “We will"
                " not give in to this pressure.”",
            ),
            [("We will not give in to this pressure.", "Jean-Claude Juncker")],
        ),
        (
            (
                "Donald Trump spoke on Monday. “Why would the president sign a bill like this?” The"
                " White House said in a statement.",
            ),
            [("Why would the president sign a bill like this?", "White House")],
        ),
        (
            ("US coach Bruce Arena named his squad.", "“We have a strong group,” Arena said."),
            [("We have a strong group", "Bruce Arena")],
        ),
    ],
)
def test_the_reviews_cases_keep_their_speakers(
    paragraphs: tuple[str, ...], expected: list[tuple[str, str | None]]
) -> None:
    assert quotes_of(*paragraphs) == expected


@pytest.mark.parametrize("verb", ["told", "tells", "asked", "asks", "warned", "urged"])
def test_every_verb_to_a_listener(verb: str) -> None:
    """ "Mr Brown warned the prime minister: “…”": whoever the verb is addressed to listens."""
    found = quotes_of(
        f"Tony Blair spoke on Monday. Later Mr Brown {verb} the prime minister: “There is"
        " nothing you could ever say to me now that I could ever believe.”"
    )
    assert found[-1][1] == "Brown"


def test_after_a_question_an_attribution_in_lower_case_stands() -> None:
    """Only "The …", "A …", "His …" after a question mark can begin a new sentence: "“…?” she
    asked quietly." is the quotation's attribution."""
    assert quotes_of(
        "Eleanor Scott spoke on Friday. “Would it not be ironic that the criminals can be"
        " smokers?” she asked quietly."
    ) == [("Would it not be ironic that the criminals can be smokers?", "Eleanor Scott")]


def test_a_title_at_a_sentences_end_is_not_the_next_ones() -> None:
    """ "… argued Mr Howard. Pointing to national insurance, he added: “…”": "Mr" belongs to
    the sentence before, so there is no Mr Pointing, and "he" is Mr Howard."""
    found = quotes_of(
        "Tory leader Michael Howard spoke on Monday. Labour would raise taxes, argued Mr"
        " Howard. Pointing to national insurance, he added: “They will put it up again after"
        " the election.”"
    )
    assert found == [("They will put it up again after the election.", "Michael Howard")]


@pytest.mark.parametrize(
    "word", ["Memorial", "Trophy", "Cup", "Prize", "Award", "Awards", "Stadium", "Lecture"]
)
def test_every_event_word_ends_no_persons_name(word: str) -> None:
    """ "the Jose Cagigal Memorial", "the Ryder Cup", "the Bobby Moore Stadium": named after
    someone, none of them a person; the name alone still is one."""
    assert not looks_like_person(["Jose", "Cagigal", word])
    assert looks_like_person(["Jose", "Cagigal"])


def test_a_sentence_closing_on_said_the_description() -> None:
    """ "…, said the Tory leader. “…,” he said.": the other order of a closing reporter."""
    found = quotes_of(
        "Tory leader Michael Howard attacked the Budget. Mr Brown liked to rattle off figures in"
        " a bid to convince people, said the Tory leader. “This dodgy government is publishing"
        " a dodgy Budget,” he said."
    )
    assert found[-1] == ("This dodgy government is publishing a dodgy Budget", "Michael Howard")


@pytest.mark.parametrize("lesser", ["Deputy", "Vice"])
def test_every_lesser_post(lesser: str) -> None:
    """ "the secretary" is not the story's Deputy (or Vice) Secretary."""
    found = quotes_of(
        f"{lesser} Secretary Jane Hale met Secretary Tom Reed on Monday. Ms Hale said little."
        " Ms Hale left early.",
        "“We will publish the plan in the spring,” the secretary said.",
    )
    assert found[-1] == ("We will publish the plan in the spring", "Tom Reed")


def test_a_capital_seen_before_but_not_after_a_or_an() -> None:
    """ "Texas Sen. Ted Cruz … the Texas senator said": "Texas" came before, but not in
    someone introduced with "a"/"an", so the description still points back to Cruz."""
    found = quotes_of(
        "Texas Sen. Ted Cruz spoke in Iowa on Monday and took questions from voters.",
        "“We will win this state,” the Texas senator said.",
    )
    assert found == [("We will win this state", "Ted Cruz")]


def test_subject_not_the_object_of_a_preposition() -> None:
    """ "One month after announcing his support for Donald Trump, Marco Rubio still
    believes …": the name after "for" is not the sentence's subject, so "the Florida senator"
    is Rubio."""
    found = quotes_of(
        "One month after announcing his support for Donald Trump, Marco Rubio still believes"
        " that he is unfit. “I stand by everything I said,” the Florida senator told a"
        " magazine on Thursday."
    )
    assert found == [("I stand by everything I said", "Marco Rubio")]


def test_refers_back_by_the_last_word() -> None:
    """ "the tall businessman": the head noun is the last word."""
    assert refers_back("the tall businessman")


def test_refers_back_an_age_is_a_person() -> None:
    """ "the 43-year-old" is someone the story named."""
    assert refers_back("the 43-year-old")


def test_kind_an_unknown_single_name_is_a_person() -> None:
    """ "said Pulvermann", a name the story never gives in full, is still a person (not an
    organisation: it has no organisation word)."""
    assert _who("“The pier will stay shut all winter,” said Pulvermann.") == (
        "Pulvermann",
        "person",
    )


# --- the cast (cast.cast_of, Cast) --------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Sen.", "senator"),
        ("Sens.", "senator"),
        ("Rep.", "representative"),
        ("Reps.", "representative"),
        ("Gov.", "governor"),
        ("Gen.", "general"),
        ("Prof.", "professor"),
        ("Dr.", "doctor"),
        ("Rev.", "reverend"),
    ],
)
def test_cast_an_abbreviated_title_gives_its_role(title: str, role: str) -> None:
    """ "Gov. Jane Doe" is the governor: "the governor" is she, not Tom Baker, named since."""
    assert (
        quotes_of(
            f"{title} Jane Doe toured the valley on Monday.",
            "Tom Baker drove her there.",
            f"“Nobody here has seen water like this,” the {role} said.",
        )[0][1]
        == "Jane Doe"
    )


def test_cast_a_title_case_headline_of_three_words_names_nobody() -> None:
    """ "Elena Marsh Speaks" is heading copy (three title-cased words): "she" in the body has no
    one to refer to."""
    assert quotes_of(
        "“We will rebuild the pier before summer,” she said.", title="Elena Marsh Speaks"
    ) == [("We will rebuild the pier before summer", None)]


def test_cast_a_photo_credit_is_not_a_person() -> None:
    """ "Tom Price via Getty Images" credits a photographer: "he" is Peter Sands."""
    assert (
        quotes_of(
            "Peter Sands posted the clip on Thursday.",
            "Tom Price via Getty Images.",
            "“What if the mayor had elocution lessons?” he asked in the description.",
        )[0][1]
        == "Peter Sands"
    )


def test_cast_names_inside_a_quotation_are_not_the_cast() -> None:
    """Dan Price, named only inside a quotation, is not who "he" refers to: Tom Baker is."""
    assert (
        quotes_of(
            "Tom Baker stood on the quay.",
            "“Dan Price never came,” a fisherman said.",
            "“It was cold,” he said.",
        )[1][1]
        == "Tom Baker"
    )


def test_cast_a_long_run_is_cut_to_a_name_only_at_a_first_name() -> None:
    """ "Washington Post Harbour Desk Kel Varno": no known first name starts a tail, so the run
    names nobody (not a person called "Desk Kel Varno")."""
    assert quotes_of(
        "Washington Post Harbour Desk Kel Varno said the pier was unsafe.",
        "“We will rebuild the pier before summer,” he said.",
    ) == [("We will rebuild the pier before summer", None)]


def test_cast_a_hyphenated_lowercase_phrase_is_a_title_not_a_name() -> None:
    """ "Man-of-the-match Kel Varno" is Kel Varno."""
    assert quotes_of(
        "Man-of-the-match Kel Varno scored twice.", "“We will win the cup this year,” Varno said."
    ) == [("We will win the cup this year", "Kel Varno")]


def test_cast_surnames_merge_into_the_full_name() -> None:
    """ "Mrs. Lee", named before Kel Lee, is Kel Lee (not Kel Baker): one person, with both
    mentions and the gender the honorific gives."""
    cast = Cast()
    cast.add(["Lee"], ["Mrs."], 0)
    cast.add(["Kel", "Lee"], [], 50)
    cast.add(["Kel", "Baker"], [], 90)
    cast.merge_surnames()
    assert [(p.name, sorted(p.mentions), p.gender) for p in cast.people] == [
        ("Kel Lee", [0, 50], "f"),
        ("Kel Baker", [90], None),
    ]


def test_cast_find_a_full_name_needs_its_first_name() -> None:
    """ "Kel Varno" is Kel Varno, though Tam Varno was named more recently."""
    cast = Cast()
    kel = cast.add(["Kel", "Varno"], [], 0)
    cast.add(["Tam", "Varno"], [], 10)
    assert [p.name for p in cast.people] == ["Kel Varno", "Tam Varno"]
    assert cast.find("Kel Varno", None, 20) is kel


def test_cast_find_a_surname_is_the_one_named_most_recently_on_a_tie() -> None:
    """ "Varno" is Kel Varno, named last before the quote when both are named as often (here
    twice each), not the first one in the index."""
    cast = Cast()
    cast.add(["Tam", "Varno"], [], 0)
    kel = cast.add(["Kel", "Varno"], [], 10)
    cast.add(["Tam", "Varno"], [], 15)
    cast.add(["Kel", "Varno"], [], 20)
    assert cast.find("Varno", None, 30) is kel


def test_cast_find_a_surname_is_the_one_named_most_often() -> None:
    """ "Varno" is Kel Varno, named twice, not Tam Varno, named once since: the story's main
    Varno (without the count, the most recent would win)."""
    cast = Cast()
    kel = cast.add(["Kel", "Varno"], [], 0)
    cast.add(["Kel", "Varno"], [], 10)
    cast.add(["Tam", "Varno"], [], 20)
    assert cast.find("Varno", None, 30) is kel


def test_cast_find_does_not_add_by_default() -> None:
    """Looking up a name nobody has does not put them in the cast."""
    cast = Cast()
    assert cast.find("Pulvermann", None, 0) is None
    assert cast.people == []


def test_cast_a_name_after_the_is_a_modifier_not_a_person() -> None:
    """ "the Blue Anchor said" names a pub, not a person: "he" is still Tom Baker."""
    assert (
        quotes_of(
            "Tom Baker stood on the quay.",
            "On Monday the Blue Anchor said the pier would open.",
            "“We will rebuild the pier before summer,” he said.",
        )[0][1]
        == "Tom Baker"
    )


def test_cast_names_in_the_front_matter_are_not_the_cast(tmp_path: Path) -> None:
    """The file's author field names Tom Baker, but the story does not: "Baker said" is a
    bare Baker, not the author's full name."""
    path = tmp_path / "x.md"
    path.write_text(
        "---\ntitle: The pier will reopen\nauthor: Tom Baker\ndate: 2026-11-26\n---\n"
        "“We will rebuild the pier before summer,” Baker said.\n",
        encoding="utf-8",
    )
    (quote,) = find_quotes(read_article(path, UTC))
    assert quote.speaker == "Baker"


# --- the key quote after the new penalties (second pass, issue 17) ----------------------------


def test_cut_before_the_next_quote_counts_within_80_characters() -> None:
    """Without the 80-character reach (or with it one longer) a "but …" 81 characters on would
    cut the quote before it, or one 80 characters on would not."""
    first = say(plain(8))
    rest = "but not this year, engineers said."
    assert not eligible(first, (first, say(rest, at=first.end + 80)))
    assert eligible(first, (first, say(rest, at=first.end + 81)))


def test_eligible_a_quote_trailing_off_behind_a_closing_mark_is_cut() -> None:
    """Without stripping the closing marks, “… nets —’” would not count as trailing off."""
    assert not eligible(say(plain(8, " —’")))
    assert eligible(say(plain(8, " ’")))


def test_score_what_is_not_eligible_scores_minus_infinity() -> None:
    """Without it a five-word scrap would get a finite score like any pull quote."""
    assert score(say(plain(5))) == float("-inf")


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        (plain(8), "Harbor opens today"),  # "harbour" and "harbor" meet at five letters
        ("Port ferries resumed crossings after engineers repaired damaged ramps.", "Port reopens"),
    ],
)
def test_score_headline_stems_are_content_words_of_four_letters_cut_to_five(
    text: str, headline: str
) -> None:
    """Without the five-letter cut "Harbour" misses "Harbor"; without four letters being
    enough, "Port" misses "Port": the quote on the headline's subject loses its point."""
    assert score(say(text), headline) == score(say(text)) + 1


def test_score_headline_stems_skip_words_under_four_letters() -> None:
    """Without the length floor a shared "Sea" would count as the headline's subject."""
    text = "Sea ferries resumed crossings after engineers repaired damaged ramps."
    assert score(say(text), "Sea wall") == score(say(text))


def test_score_headline_overlap_earns_two_points_at_most() -> None:
    """Without the cap a quote repeating the headline word for word would outscore the rest by
    as many points as it shares words."""
    assert score(say(plain(8)), "Harbour ferries resumed crossings") == score(say(plain(8))) + 2


def _question_mid(count: int) -> str:
    words = plain(count).split()
    return " ".join(words[:4]) + "? " + " ".join(words[4:])


def test_score_a_quote_ending_in_a_question_loses_two_points() -> None:
    """Without the rule (or with the milder point of a question inside) a closing question
    would score like the statement, or only one below it."""
    assert score(say(plain(8, "?"))) == score(say(plain(8))) - 2


def test_score_a_question_inside_the_quote_loses_one_point() -> None:
    """Without the rule a question inside would cost nothing, or two points like one at the
    end."""
    assert score(say(_question_mid(8))) == score(say(plain(8))) - 1


def test_protagonist_one_quote_is_not_a_protagonist() -> None:
    """Counting a turn twice, a person quoted once would be the story's protagonist."""
    assert protagonist((say(plain(7), "Tom Baker"),)) is None


def test_interest_a_full_name_weighs_as_much_as_a_readable_length() -> None:
    """Nine words by "Elena Marsh" are as strong as ten by "Marsh": one point each."""
    assert interest(say(plain(9), "Elena Marsh")) == interest(say(plain(10), "Marsh"))


def test_interest_a_scrap_loses_as_much_as_a_full_name_earns() -> None:
    """Five words by "Elena Marsh" are as strong as six by "Marsh": minus one, plus one."""
    assert interest(say(plain(5), "Elena Marsh")) == interest(say(plain(6), "Marsh"))


# --- speakers after _unnamed_reporter, _PRONOUN_REPORTS and the title cut (second pass) ------


def test_description_a_role_answers_to_its_synonyms() -> None:
    """Without the synonyms "the congressman" does not find Rep. Ann Lee and goes to Tom Baker,
    the last person named."""
    assert quotes_of(
        "Rep. Ann Lee opened the meeting.",
        "Tom Baker replied at length.",
        "“We will rebuild the pier before summer,” the congressman said.",
    ) == [("We will rebuild the pier before summer", "Ann Lee")]


def test_description_the_most_named_role_holder_wins_over_a_later_one() -> None:
    """Without comparing the keys, the last senator named would be "the senator" although the
    story is about Jane Doe, named twice."""
    assert quotes_of(
        "Sen. Jane Doe toured the valley on Monday. Jane Doe met farmers.",
        "Sen. Tom Baker visited later.",
        "“Nobody here has seen water like this,” the senator said.",
    ) == [("Nobody here has seen water like this", "Jane Doe")]


def test_kind_a_lone_name_that_is_an_organisation_word_is_an_organisation() -> None:
    """Without it "Alliance said" (a capitalised word, so parsed as a name, but nobody in the
    cast) would be a person called Alliance."""
    quote = find_quotes(article("“We will rebuild the pier before summer,” Alliance said."))[0]
    assert (quote.speaker, quote.speaker_kind) == ("Alliance", "organisation")


# --- candidates after _closes_sentence (second pass) -----------------------------------------


def test_closes_sentence_an_attribution_may_run_on_eight_words() -> None:
    """After a quote that closed its sentence, "said Tom Baker" and eight words more are still
    its attribution (nine are a sentence of their own, and the quote goes unattributed)."""
    eight = "“We will rebuild the pier.” said Tom Baker, who ran the harbour for many years."
    nine = "“We will rebuild the pier.” said Tom Baker, who ran the harbour for many long years."
    assert quotes_of(eight) == [("We will rebuild the pier.", "Tom Baker")]
    assert quotes_of(nine) == []


def test_closes_sentence_an_attribution_ending_its_sentence_counts() -> None:
    """Without the full stop allowed after the name, “….” Tom Baker said. loses its speaker."""
    assert quotes_of("“We will rebuild the pier.” Tom Baker said.") == [
        ("We will rebuild the pier.", "Tom Baker")
    ]


def test_spans_a_quote_left_open_after_a_full_stop_at_a_line_break_is_dropped() -> None:
    """A mark left open when its line ends a sentence is stray: without the rule the closing
    mark on the next line would make the two lines one quotation."""
    assert (
        quotes_of(
            "Elena Marsh said: “We will rebuild the pier.\n"
            "before the summer storms,” said Tom Baker."
        )
        == []
    )


def test_subject_a_person_is_preferred_to_an_organisation_in_the_lead_in() -> None:
    """Without preferring person-like names, the sentence's first name "Harbour Board" would
    speak instead of Tom Baker."""
    assert quotes_of(
        "At the Harbour Board meeting Tom Baker stepped up his defence of the pier, saying, "
        "“We will rebuild the pier before summer.”"
    ) == [("We will rebuild the pier before summer.", "Tom Baker")]


def test_closed_sentence_the_lead_in_names_the_speaker_over_the_words_after() -> None:
    """After a lead-in and a quote closed by a full stop, “Tom Baker said.” starts a new
    sentence: without the rule he would be the speaker; after a question mark he still is."""
    assert quotes_of("Ann Lee told reporters: “We will rebuild the pier.” Tom Baker said.") == [
        ("We will rebuild the pier.", "Ann Lee")
    ]
    assert quotes_of("Ann Lee told reporters: “We will rebuild the pier?” Tom Baker said.") == [
        ("We will rebuild the pier?", "Tom Baker")
    ]


def test_a_lead_in_to_the_next_quote_is_not_the_attribution_of_the_one_before() -> None:
    """Without it "… move on." Mike Hobday said: "…" (straight marks, as BBC copy has them)
    credits both quotations to Hobday."""
    quotes = find_quotes(
        article(
            '"It is no wonder the government wants to move on from this law." Mike Hobday '
            'said: "There is no confusion about it at all."'
        )
    )
    assert [(q.text, q.speaker) for q in quotes] == [
        ("There is no confusion about it at all.", "Mike Hobday")
    ]


def test_a_bare_surname_is_the_story_s_main_bearer_of_it() -> None:
    """Without the rule "Howard said" went to whoever was named last with that surname: the
    actor's famous brother, named once in passing, took the actor's quote."""
    quotes = quotes_of(
        "Actor Clint Howard admits his choice is not the most handsome man, said Howard.",
        "Howard, the younger brother of Hollywood legend Ron Howard, endorsed Ted Cruz in "
        "November.",
        "Howard, who has been making movies since 1961, had no such praise for Clinton.",
        "“She cannot change how people see her,” Howard said recently.",
    )
    assert quotes == [("She cannot change how people see her", "Clint Howard")]


def test_a_shared_surname_follows_a_he_or_she_only_when_it_means_one_of_them() -> None:
    """Without the rule the interviewer's "he" chose Bill Clinton for "Clinton said": the
    nearby pronoun told a gender, and the only man among the Clintons took the quote. That
    "he" is the host's; it says nothing of which Clinton, so the story's main one speaks."""
    quotes = quotes_of(
        "Hillary Clinton does not recognize the man she used to know.",
        "In an interview with Morning Joe hosts Joe Scarborough and Mika Brzezinski, she "
        "spoke of the wedding.",
        "Clinton and her husband, former President Bill Clinton, went to the wedding.",
        "“He is fun, he is an interesting guy,” Scarborough said.",
        "But he wanted to know more about the wedding.",
        "“I did not expect this at all,” Clinton said.",
    )
    assert quotes[-1] == ("I did not expect this at all", "Hillary Clinton")


def test_parse_speaker_the_place_and_a_role_is_a_description_not_a_name() -> None:
    """Without the rule "the Utah Republican" was a person named "Utah Republican" (a title
    never takes a name's last word, so the place and the party word made a two-word name), and
    a key quote went out under that label."""
    assert parse_speaker("the Utah Republican") == ("description", "the Utah Republican")
    assert parse_speaker("the Rev. Jesse Jackson") == ("person", "Jesse Jackson")


def test_a_research_firm_is_not_a_person() -> None:
    """Without "research" among the organisation words, "Mr Hirsch from Retail Banking
    Research" put the firm in the cast as a man, and every "he said" went to it."""
    quotes = quotes_of(
        "Dominic Hirsch, who runs the firm Retail Banking Research, spoke on Monday.",
        "Mr Hirsch from Retail Banking Research said the risk was low.",
        "“Most banks simply upgrade as part of their usual cycle,” he said.",
    )
    assert quotes == [("Most banks simply upgrade as part of their usual cycle", "Dominic Hirsch")]


def test_olympian_is_a_title_not_a_first_name() -> None:
    """Without "olympian" among the titles, "Olympian Tomlinson" was a two-word name and so a
    key quote's full name; it is the surname of Chris Tomlinson, titled."""
    assert parse_speaker("Olympian Tomlinson") == ("person", "Tomlinson")


def test_a_name_after_a_preposition_is_not_who_speaks() -> None:
    """Without the rule "Clinton, on her plane en route to Tampa, said: …" credited Tampa, the
    name nearest the verb."""
    quotes = quotes_of(
        "Hillary Clinton, speaking to reporters on her plane en route to Tampa, said of the "
        "request: “The FBI resolved all of this.”",
    )
    assert quotes == [("The FBI resolved all of this.", "Hillary Clinton")]


def test_the_one_told_is_not_who_speaks() -> None:
    """Without the rule "He told Cadena Cope" made the radio station a reporting subject (a
    reporting verb before a name usually inverts "said Jane Roe"), and the next "he said"
    went to it: a key quote went out under a station's name."""
    quotes = quotes_of(
        "Jose Reyes was caught out by a radio prank on Monday.",
        "The striker believed he was talking to a club director. He told Cadena Cope about his "
        "team-mates.",
        "“I love the way Madrid play,” he said.",
    )
    assert quotes == [("I love the way Madrid play", "Jose Reyes")]


def test_a_name_after_of_does_not_report() -> None:
    """Without the rule "executive partner of Tods Murray said" made the law firm the one who
    said it, and the next "he said" went to the firm."""
    quotes = quotes_of(
        "David McLetchie resigned on Monday.",
        "Peter Misselbrook, executive partner of Tods Murray said the firm was sorry.",
        "“I have tendered my resignation as a partner,” he said.",
    )
    assert quotes == [("I have tendered my resignation as a partner", "Peter Misselbrook")]


SET_UP = "I was feeling horrible earlier in the week"
POINT = "Tonight I felt great and I played my best tennis of the year."
ONE_PARAGRAPH = " " * 1000  # the source text around the Quote records: no paragraph break


def test_a_quotation_that_goes_on_after_its_attribution_is_shown_whole() -> None:
    """Without the rule the pull quote was the set-up alone (“I was feeling horrible earlier
    in the week”): its point came after "he said" and was left out (the commonest weak key
    quote in the editors' readings)."""
    first = say(SET_UP, "Andy Roddick", at=100)
    then = say(POINT, None, written="he", at=first.end + 10, kind=None)
    shown = with_its_point(first, (first, then), ONE_PARAGRAPH)
    assert shown.text == f"{SET_UP}. {POINT}"
    assert (shown.start, shown.end, shown.speaker) == (first.start, then.end, "Andy Roddick")
    assert shown.parts == ((first.start, first.end), (then.start, then.end))


@pytest.mark.parametrize("gap", [0, 80])
def test_a_continuation_named_or_back_to_back_is_joined_too(gap: int) -> None:
    """The continuation may name the same person (“…,” Roddick said. “…”, resolved to him) and
    may follow at once or up to eighty characters on."""
    first = say(SET_UP, "Andy Roddick", at=100)
    then = say(POINT, "Andy Roddick", written="Roddick", at=first.end + gap)
    assert with_its_point(first, (first, then), ONE_PARAGRAPH).end == then.end


NOT_ITS_POINT = {
    "another paragraph": (81, None, "he", plain(12)),
    "another speaker": (10, "Jane Roe", "Jane Roe", plain(12)),
    "another speaker as she": (10, "Jane Roe", "she", plain(12)),
    "over forty words": (10, None, "he", plain(35)),
    "trails off": (10, None, "he", "We will see what happens after the final round of talks …"),
    "a post": (10, None, "he", "Follow the final round of talks live at @harbourferries today."),
}


@pytest.mark.parametrize("case", NOT_ITS_POINT)
def test_a_quotation_is_joined_only_to_its_own_continuation(case: str) -> None:
    """Not joined: a quotation further on than an attribution's length, another speaker's
    (named, or a "she" resolved to someone else), one that would make the pull quote longer
    than forty words, one that trails off, or a post with handles."""
    gap, speaker, written, text = NOT_ITS_POINT[case]
    first = say(SET_UP, "Andy Roddick", at=100)
    then = say(text, speaker, written=written, at=first.end + gap)
    assert with_its_point(first, (first, then), ONE_PARAGRAPH) == first


@pytest.mark.parametrize(
    "between",
    [
        "\n\n",
        " When asked whether the roof should be fixed first, he said: ",
        ", he said. Asked about the roof, he added: ",
    ],
)
def test_a_new_paragraph_or_a_question_between_is_not_a_continuation(between: str) -> None:
    """Without it a quotation was joined to the next paragraph's (the same thing said again,
    read back to front: “But even so …. I love women …”), and to an answer to another question
    (“I don't see statehood for D.C. I think that's something that would be okay.”: the second
    was about a vote in the House), both wrong in the tenth key-quote reading."""
    first = say(SET_UP, "Andy Roddick", at=100)
    then = say(POINT, None, written="he", at=first.end + len(between))
    text = " " * first.end + between + " " * 500
    assert with_its_point(first, (first, then), text) == first
    plain_gap = " " * first.end + ", he said. " + " " * 500
    then = say(POINT, None, written="he", at=first.end + len(", he said. "))
    assert with_its_point(first, (first, then), plain_gap).end == then.end


def test_what_a_possessive_owns_takes_nothing_from_before_the_name() -> None:
    """Without the rule "The BBC spokeswoman said Graham Norton's Strictly Dance Fever …" gave
    the show the spokeswoman's gender and role (and the verb before the name), and her next
    "she said" went to the show: a key quote under a programme's title."""
    quotes = find_quotes(
        article(
            "Johnny Vaughan's show will not return to screens, the BBC has said.",
            "The BBC spokeswoman said Graham Norton's Strictly Dance Fever would be a priority "
            "for 2005. “That's very much on the cards for next year,” she said.",
        )
    )
    assert [(q.speaker, q.speaker_kind) for q in quotes] == [(None, None)]


def test_before_a_colon_the_name_before_an_apposition_speaks() -> None:
    """Without the rule "Parker Eaton, a nominal Republican who voted for Bill Clinton, said:"
    credited the quotation to Bill Clinton, the name nearest the verb."""
    quotes = quotes_of(
        "For many, that candidate is Trump. 81-year-old Parker Eaton, a nominal Republican who "
        "voted for JFK and Bill Clinton, said that given the crop of candidates on both sides:",
        "“There is only one: Trump, who spends his own money.”",
    )
    assert quotes == [("There is only one: Trump, who spends his own money.", "Parker Eaton")]


def test_elections_never_name_a_person() -> None:
    """Without "elections" among the words that are nobody, "Dave Leip's Atlas of U.S.
    Presidential Elections … to state, “…”" printed "S. Presidential Elections" as a person."""
    assert parse_speaker("Presidential Elections")[0] != "person"


def test_a_watchdog_named_watch_is_an_organisation() -> None:
    """Without "watch" among the organisation words, "Judicial Watch" was a person named
    Judicial Watch, and a key quote went out under it (the eighth key-quote reading)."""
    assert parse_speaker("Judicial Watch") == ("organisation", "Judicial Watch")
    assert parse_speaker("Human Rights Watch") == ("organisation", "Human Rights Watch")


def test_score_a_quote_ending_on_a_quoted_question_is_a_question() -> None:
    """A question costs two points when it ends the quote, even inside a quotation of its
    own (“He asked me, ‘why now?’”), and one when the point follows it."""
    ends = say(plain(10, end=", ‘why now?’"))
    goes_on = say(plain(10, end=", ‘why now?’ and more"))
    assert score(goes_on) - score(ends) == 1


def test_a_continuation_up_to_forty_words_in_all_is_joined() -> None:
    """Forty words together is within the key quote's length: joined."""
    first = say(SET_UP, "Andy Roddick", at=100)  # eight words
    then = say(plain(32), None, written="he", at=first.end + 10)
    assert with_its_point(first, (first, then), ONE_PARAGRAPH).end == then.end


@pytest.mark.parametrize(
    ("written", "shown", "pronoun"),
    [
        ("Attorney General Lord Goldsmith", "Lord Goldsmith", "he"),
        ("chief executive Sir Anthony O'Reilly", "Sir Anthony O'Reilly", "he"),
        ("Baroness Helena Kennedy", "Baroness Helena Kennedy", "she"),
        ("Lord Chancellor Charles Falconer", "Charles Falconer", "he"),
        ("First Lady Michelle Obama", "Michelle Obama", "she"),
        ("Chancellor Gordon Brown", "Gordon Brown", "he"),
    ],
)
def test_a_peer_or_knight_is_named_with_the_title(written: str, shown: str, pronoun: str) -> None:
    """Without it the digest printed "Goldsmith" for Lord Goldsmith, whom the copy names no
    other way, and "Anthony O'Reilly" for Sir Anthony; a post ("Lord Chancellor", "Chancellor")
    and "First Lady" are still dropped. The "he" that continues takes the same name."""
    found = quotes_of(
        f"“We will publish the advice in full before the vote,” said {written}.",
        f"“Nothing will be held back from the House,” {pronoun} said.",
    )
    assert [speaker for _, speaker in found] == [shown, shown]


QUOTED = "“Access is growing at an incredible rate in every region of the world,”"


@pytest.mark.parametrize(
    ("before", "said", "owner"),
    [
        ("The divide is narrowing, according to a World Bank report.", "the report", "World Bank"),
        ("Phones top a list drawn up by US magazine Mobile PC.", "the magazine", "Mobile PC"),
        ("Growth will slow, says a report by the IMF published on Monday.", "the report", "IMF"),
        ("Inflation rose, the IMF warned on Tuesday in its annual review.", "the report", "IMF"),
        (
            "EADS and BAE Systems, which own Airbus, welcomed it.",
            "the companies",
            "EADS and BAE Systems",
        ),
        (
            "Fans were angry at the Royal Bank of Scotland on Friday.",
            "the firm",
            "Royal Bank of Scotland",
        ),
    ],
)
def test_what_speaks_for_an_organisation_names_its_owner(
    before: str, said: str, owner: str
) -> None:
    """Without it "the report said", "said the magazine" and "the companies said" printed no
    one though the article had named whose they were (BBC copy: the second held-out sample's
    commonest miss)."""
    found = find_quotes(article(before, f"{QUOTED} {said} said."))
    assert (found[-1].text, found[-1].speaker) == (QUOTED.strip("“”,"), owner)
    assert found[-1].speaker_kind == "organisation"


@pytest.mark.parametrize(
    ("before", "said"),
    [
        ("Jane Roe told the BBC that prices would rise in the spring.", "the report"),
        ("The Baltimore Sun reported the figures on Friday.", "the magazine"),
        ("Prices rose on Friday in London and in Paris.", "the report"),
        ("Robin Cook and Gordon Brown met on Friday.", "the report"),
        ("Nothing has been named in this paragraph at all.", "the company"),
    ],
)
def test_no_owner_is_made_up(before: str, said: str) -> None:
    """Without the limits the owner was whoever "told the BBC" spoke to, a newspaper for "the
    magazine", a day or a city, or two people named together."""
    assert quotes_of(before, f"{QUOTED} {said} said.")[-1][1] is None


def test_a_first_name_before_a_middle_name_keeps_the_whole_name() -> None:
    """Without "Norbert" among the first names, "Norbert Leo Butz" read as a title before
    "Leo Butz" (as "Guitarist Brian May" is), and the key quote printed "Leo Butz" (the tenth
    key-quote reading)."""
    found = quotes_of(
        "“I love women, and I have always tried to treat them well,” said Norbert Leo Butz."
    )
    assert found == [
        ("I love women, and I have always tried to treat them well", "Norbert Leo Butz")
    ]
    found = quotes_of("Guitarist Keith Richards said: “We played every song twice as loud.”")
    assert found == [("We played every song twice as loud.", "Keith Richards")]


@pytest.mark.parametrize(
    "lead_in",
    [
        "The date was so odd that a spokesman for Bernie Sanders could only quip:",
        "Asked about the date, a senior adviser to Bernie Sanders could only say:",
        "A spokesman for Bernie Sanders could only quip:",
    ],
)
def test_someone_unnamed_for_a_named_person_speaks_unnamed(lead_in: str) -> None:
    """Without it the quip of "a spokesman for Bernie Sanders" went out as a key quote under
    Bernie Sanders (the tenth key-quote reading): the name after "for" is whose spokesman."""
    found = find_quotes(article(f"{lead_in} “I guess Christmas Eve was booked for the night.”"))
    assert [(q.speaker, q.speaker_kind) for q in found] == [(None, "unnamed")]


OWNED_NOUNS = (
    "report",
    "study",
    "survey",
    "statement",
    "release",
    "editorial",
    "poll",
    "research",
    "analysis",
    "review",
    "memo",
    "company",
    "companies",
    "firm",
    "firms",
    "organisation",
    "organization",
    "agency",
    "ministry",
    "department",
    "bank",
    "union",
    "committee",
    "commission",
    "council",
    "board",
    "institute",
    "charity",
    "watchdog",
    "regulator",
    "body",
    "alliance",
    "association",
    "federation",
    "foundation",
    "coalition",
)
OUTLET_NOUNS = ("paper", "magazine", "newspaper", "journal", "website")


def owner(before: str, description: str) -> str | None:
    text = f"{before}\n\n“Access is growing at an incredible rate,” {description} said."
    return owner_before(description, text, text.index("“"), Cast())


@pytest.mark.parametrize("noun", OWNED_NOUNS)
def test_each_noun_that_speaks_for_an_organisation_finds_it(noun: str) -> None:
    """Each of these nouns speaks for the organisation named before it, tied or not."""
    assert owner("Figures from the IFS were published on Monday.", f"the {noun}") == "IFS"


@pytest.mark.parametrize("noun", OUTLET_NOUNS)
def test_an_outlet_is_only_the_one_named_as_such(noun: str) -> None:
    """A newspaper or a magazine is the one the article calls so ("the Daily Planet
    newspaper"), never the nearest organisation (the IFS is not a newspaper)."""
    assert owner(f"The figures ran in the Daily Planet {noun} on Monday.", f"the {noun}") == (
        "Daily Planet"
    )
    assert owner("Figures from the IFS were published on Monday.", f"the {noun}") is None


@pytest.mark.parametrize("name", ["US", "UK", "USA", "TV", "CEO", "GMT", "AM", "PM"])
def test_a_country_or_a_common_abbreviation_is_no_owner(name: str) -> None:
    assert owner(f"Figures from the {name} were published on Monday.", "the report") is None


@pytest.mark.parametrize(
    ("before", "description", "expected"),
    [
        ("Fans were angry at the Royal Bank of Scotland.", "the bank", "Royal Bank of Scotland"),
        ("The Advocate's Friday editorial backed the senator.", "the editorial", "Advocate"),
        ("A World Bank report and an IMF report came out.", "the report", "IMF"),
        ("Investors in the Acme Holdings company were angry.", "the companies", "Acme Holdings"),
        ("Investors in the Acme Holdings firm were angry.", "the firms", "Acme Holdings"),
        ("Shares in Acme Holdings and Baker Brothers fell.", "the firm", None),
        ("Shares in Acme Holdings and Baker Brothers fell.", "the analysis", None),
        ("A Washington report was published on Monday.", "the report", None),
        ("Reporter Jane Doe visited the plant on Monday.", "the report", None),
        ("The Department of State issued guidance.", "the department", "Department of State"),
        ("Prices were cut. He told EADS and BAE Systems so.", "the companies", None),
        (
            "Shares in Acme Holdings and Baker Brothers fell.",
            "the firms",
            "Acme Holdings and Baker Brothers",
        ),
        ("Figures from the IFS were published on Monday.", "the annual report", None),
        ("Figures from the IFS were published on Monday.", "a report", None),
        ("Figures from the IFS were published on Monday.", "the senator", None),
    ],
)
def test_the_owner_is_the_nearest_tied_name_whole(
    before: str, description: str, expected: str | None
) -> None:
    """The nearest name tied to the noun, whole ("of Scotland" is part of the bank), cut at a
    possessive; a plural takes two names joined by "and"; only "the" and one noun."""
    assert owner(before, description) == expected


@pytest.mark.parametrize(
    ("before", "description", "expected"),
    [
        # the fifth held-out sample: "the ministry said" printed no one
        (
            "Growth will slow, the Finance and Economy Ministry said."
            + " The won rose on Friday against the dollar and the yen." * 20,
            "the ministry",
            "Finance and Economy Ministry",
        ),
        (
            "The Making Decisions Alliance, which includes charities, spoke.",
            "the alliance",
            "Making Decisions Alliance",
        ),
        # "group" is a crowd as often as a body: not a name that only ends in it
        ("UnitedHealth Group may leave. The trade group for the plans wrote.", "the group", None),
        ("The crowd rallied at Temple University before the march.", "the group", None),
    ],
)
def test_a_name_that_ends_in_the_noun_is_tied_to_it(
    before: str, description: str, expected: str | None
) -> None:
    """A name ending in the description's own noun ("the Finance and Economy Ministry" for
    "the ministry") is tied to it, so it is found from as far back as "a World Bank report"
    is; not for "the group" (a crowd, or "the trade group for …")."""
    assert owner(before, description) == expected


@pytest.mark.parametrize(
    ("before", "description", "expected"),
    [
        ("Game maker Valve shut the accounts. Valve said piracy was easy.", "the company", "Valve"),
        (
            "It was condemned by human rights watchdog Reporters Without Borders.",
            "the organisation",
            "Reporters Without Borders",
        ),
        (
            "It was condemned by the media watchdog, Reporters Without Borders.",
            "the group",
            "Reporters Without Borders",
        ),
        ("Profits rose at housebuilder Persimmon and elsewhere.", "the firm", "Persimmon"),
        # a first name after the noun is a person's ("maker Nick Broomfield"), so "housebuilder
        # George Wimpey" is not taken for a company
        ("Profits rose at housebuilder George Wimpey and elsewhere.", "the firm", None),
        # the noun must say the same kind of body: a carmaker is no group
        ("Game maker Valve shut the accounts. Valve said piracy was easy.", "the group", None),
        # a statement or a report is anyone's: "the fan-based group Shareholders United" does
        # not own the club's statement
        ("The fan-based group Shareholders United opposes any bid.", "the statement", None),
        # a word describing the body is not its name
        ("The Paris-based pressure group spoke on Friday.", "the group", None),
        # two are not one
        ("Game maker Valve and its rival spoke.", "the companies", None),
    ],
)
def test_a_name_introduced_as_a_body_is_that_body(
    before: str, description: str, expected: str | None
) -> None:
    """A name the text introduces with a noun before it ("Game maker Valve", "human rights
    watchdog Reporters Without Borders") is that kind of body wherever it is named again, so
    "the company" or "the organisation" points back to it though the name has no "Bank" or
    "Ministry" in it (the fifth held-out sample: these printed no one)."""
    assert owner(before, description) == expected


@pytest.mark.parametrize(
    ("before", "said", "expected"),
    [
        # a name introduced as a magazine is no person, so "the magazine" finds it (held-out
        # samples three and five: Rolling Stone had been a person, and the quote no one's)
        (
            "Prince beat Madonna and Elton John in US magazine Rolling Stone's annual list.",
            "the magazine",
            ("Rolling Stone", "organisation"),
        ),
        # a role noun before a person's name: a developer may be a man
        (
            "Florida developer Mel Sembler expressed dismay at the thought.",
            "he",
            ("Mel Sembler", "person"),
        ),
    ],
)
def test_a_name_after_a_body_noun_is_that_body(
    before: str, said: str, expected: tuple[str, str]
) -> None:
    found = find_quotes(article(before, f"{QUOTED} {said} said."))
    assert (found[-1].speaker, found[-1].speaker_kind) == expected


def test_an_owner_is_looked_for_so_far_back() -> None:
    """A tie ("an IFS study") counts from four thousand characters back, an untied name from
    one thousand: further back, the description may mean something else."""
    filler = " The weather in the town was cold and wet for most of the week." * 25  # 1,575
    assert owner("Figures from the IFS were published." + filler, "the study") is None
    assert owner("An IFS study was published." + filler * 2, "the study") == "IFS"
    assert owner("An IFS study was published." + filler * 3, "the study") is None


@pytest.mark.parametrize(
    ("back", "found"),
    [(1000, True), (1001, False)],
)
def test_an_untied_owner_counts_up_to_a_thousand_characters_back(back: int, found: bool) -> None:
    before = "IFS" + " figures" * ((back - 2 - 3) // 8)
    before += " " * (back - 2 - len(before))  # the quote opens ``back`` characters after "IFS"
    assert (owner(before, "the report") == "IFS") is found


@pytest.mark.parametrize(
    ("back", "found"),
    [(4000, True), (4001, False)],
)
def test_a_tied_owner_counts_up_to_four_thousand_characters_back(back: int, found: bool) -> None:
    before = "IFS study" + " figures" * ((back - 2 - 9) // 8)
    before += " " * (back - 2 - len(before))
    assert (owner(before, "the study") == "IFS") is found


def test_a_person_the_story_names_is_no_owner() -> None:
    """ "The Robin Cook report" is a man's, not an organisation's: the cast knows him."""
    found = quotes_of(
        "The Robin Cook report was published on Monday, and Robin Cook spoke to reporters.",
        "“Access is growing at an incredible rate,” the report said.",
    )
    assert found[-1][1] is None


def test_a_question_the_speaker_asks_is_joined_to_its_point() -> None:
    """“Why would we …?” he asked. “It makes no sense …”: the speaker's own "asked" is the
    attribution, not a question put to him."""
    first = say(SET_UP + "?", "Andy Roddick", at=100)
    text = " " * first.end + ", he asked. " + " " * 500
    then = say(POINT, None, written="he", at=first.end + len(", he asked. "))
    assert with_its_point(first, (first, then), text).end == then.end


@pytest.mark.parametrize(
    ("lead_in", "first", "expected"),
    [
        ("After meeting Hillary Clinton at the rally, Bernie Sanders", False, "Bernie Sanders"),
        ("After meeting Hillary Clinton at the rally, Bernie Sanders, ", False, "Bernie Sanders"),
        ("Elizabeth Warren met the press and endorsed Hillary Clinton, ", True, "Elizabeth Warren"),
    ],
)
def test_the_speaker_of_a_lead_in_is_the_name_before_the_verb_or_the_clause_s_subject(
    lead_in: str, first: bool, expected: str
) -> None:
    """The name right before the reporting verb speaks ("…, Bernie Sanders said,"); before a
    participle after a comma ("… endorsed Hillary Clinton, saying,") the clause's subject does,
    the name before it being the verb's object."""
    assert candidates_module._subject(lead_in, first=first) == expected
    assert candidates_module._subject(lead_in) == (expected if not first else "Hillary Clinton")


def test_a_participle_after_a_comma_is_the_subject_s() -> None:
    """Without it "Warren … endorsed Clinton, saying, “…”" was Clinton's (the eleventh
    key-quote reading)."""
    found = quotes_of(
        "On Thursday, Elizabeth Warren appeared on television and endorsed Hillary Clinton, "
        "saying, “I think having a fighter in the lead is exactly what this country needs.”"
    )
    assert found[-1][1] == "Elizabeth Warren"


@pytest.mark.parametrize(
    ("before", "description"),
    [
        ("Shares in the Acme company fell on Monday.", "the companies"),
        ("Shares in the Acme companies fell on Monday.", "the company"),
        ("Shares in the Acme firms fell on Monday.", "the firm"),
    ],
)
def test_an_owner_is_tied_by_the_noun_singular_or_plural(before: str, description: str) -> None:
    assert owner(before, description) == "Acme"


@pytest.mark.parametrize(
    ("paragraph", "speaker", "kind"),
    [
        (
            "The firm has more patents than any other. In a statement, Dr John E. Kelly, IBM "
            "senior vice president, Technology and Intellectual Property, said: “True innovation "
            "is about more than the number of patents granted.”",
            "John E. Kelly",
            "person",
        ),
        (
            "Piracy remains a problem. A spokesman for the Business Software Alliance said: “Our "
            "members claim they did not profit at all, but they did.”",
            None,
            "unnamed",
        ),
        (
            "Spain's press was divided. Journalist Guillem Balague writes: “In our country, "
            "where multi-culturalism is a new thing, we are learning.”",
            "Guillem Balague",
            "person",
        ),
    ],
)
def test_an_initial_an_apposition_or_a_role_does_not_take_the_quote(
    paragraph: str, speaker: str | None, kind: str
) -> None:
    """Without them these three BBC key quotes went out under "Intellectual Property" (the
    lead-in's sentence was cut at "E." and the apposition's last name taken), "Business Software
    Alliance" read as a person (the spokesman is unnamed), and "Journalist Guillem Balague"."""
    found = find_quotes(article(paragraph))
    assert [(q.speaker, q.speaker_kind) for q in found] == [(speaker, kind)]


@pytest.mark.parametrize(
    ("paragraph", "speaker", "kind"),
    [
        (
            "Sales fell in Sweden. “We remain cautious about the outlook for growth across "
            "western Europe,” investment bank Merrill Lynch said of the brewer.",
            "Merrill Lynch",
            "organisation",
        ),
        (
            "The party wants a new chair. “We will want a person at the head of the party who "
            "unites it,” campaign Chairman John Podesta told reporters.",
            "John Podesta",
            "person",
        ),
        (
            "Research firm Gartner said: “Demand for the new phones will stay strong next year.”",
            "Gartner",
            "organisation",
        ),
    ],
)
def test_an_organisation_noun_before_a_name_makes_it_an_organisation(
    paragraph: str, speaker: str, kind: str
) -> None:
    """Without it "investment bank Merrill Lynch said" credited the bank's words to a person
    named Merrill Lynch, and the key quote went out under a bank (round 12 of the readings).
    A title between the noun and the name ("campaign Chairman John Podesta") is a person's."""
    found = find_quotes(article(paragraph))
    assert [(q.speaker, q.speaker_kind) for q in found] == [(speaker, kind)]


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Mike Lake", True),
        ("Jeremy Dear", True),
        ("Oliver Irish", True),
        ("Theresa May", True),
        ("Clinton Friday", False),  # "said Clinton Friday": a day, not a surname
        ("Sarah But", False),
        ("Jordan River", False),  # the first name is a place too
        ("Victoria Lake Station", False),  # the exception is for a first name and a surname
    ],
)
def test_after_a_known_first_name_a_surname_may_be_a_listed_word(name: str, person: bool) -> None:
    """Without it "Mike Lake" (a place word), "Jeremy Dear" (a function word) and "Oliver
    Irish" (a nationality) were nobody, and their quotes went uncredited."""
    assert (parse_speaker(name)[0] == "person") is person


def test_a_surname_after_an_honorific_is_a_person_and_the_story_s_bearer() -> None:
    """Without it "Mr Irish said" was nobody; with it, the story's Oliver Irish."""
    found = find_quotes(
        article(
            "Oliver Irish, editor of Stuff magazine, expects a rush on gadgets.",
            "“Demand is huge and people might struggle to find one,” said Mr Irish.",
        )
    )
    assert [(q.speaker, q.speaker_kind) for q in found] == [("Oliver Irish", "person")]


def test_a_bare_listed_surname_is_the_one_person_of_the_story_bearing_it() -> None:
    """Without it "Lake said" (a place word) was nobody, though the story names Mike Lake."""
    found = find_quotes(
        article(
            "Yukos spokesman Mike Lake spoke after the auction of its main unit.",
            "“We believe the auction was illegal and we will pursue every remedy,” Lake said.",
        )
    )
    assert [(q.speaker, q.speaker_kind) for q in found] == [("Mike Lake", "person")]


def test_he_is_the_subject_named_earlier_by_a_role() -> None:
    """Without it "The home secretary said … He said:" went past the description to the last
    man named in a sentence before (Liam Fox, once Liam was a known first name)."""
    found = find_quotes(
        article(
            "Home Secretary Charles Clarke will unveil a points system for migrants.",
            "Tory Liam Fox said his party offered a clear choice on the issue.",
            "The home secretary said he wanted fingerprints taken from every visitor. He said: "
            "“We will establish a system which looks at the skills of people coming here.”",
        )
    )
    assert [(q.speaker, q.speaker_kind) for q in found] == [("Charles Clarke", "person")]


def test_she_is_the_woman_the_first_name_tells() -> None:
    """Without "Martina" among the known first names, "she" found no one of that gender and the
    quote went uncredited."""
    found = find_quotes(
        article(
            "Martina Navratilova has defended her decision to play on at 48.",
            "“Women's tennis is really strong,” she said.",
        )
    )
    assert [(q.speaker, q.speaker_kind) for q in found] == [("Martina Navratilova", "person")]


def test_a_key_quote_must_touch_the_story() -> None:
    """Without it an aside sharing no word with the headline nor the opening paragraphs was
    the pull quote: the editors found such quotes right 39% of the time (74% for the rest)."""
    headline = "Council votes to close the Harbour Street library"
    opening = "The council voted on Monday to close the library after 90 years."
    aside = say("The weather this winter has been terrible for everyone who farms here.", at=0)
    on = say("Closing the library is the saddest vote I have cast in this council.", at=200)
    assert key_quote((aside,), headline) is aside  # no opening given: as before
    assert key_quote((aside,), headline, opening) is None
    assert key_quote((aside, on), headline, opening) is on
    # a word of the opening paragraphs is enough ("voted"/"votes" share a stem)
    story = say("We voted with our hearts and against the budget cuts, whatever comes.", at=300)
    assert key_quote((story,), headline, opening) is story


def test_a_key_quote_speaking_to_more_of_the_story_wins() -> None:
    """Without it the two quotes tie and the earlier wins: a local's loyalty, sharing one word
    with the opening paragraphs, over the petition the story is about (the editors found key
    quotes sharing more of the story right more often: 62% for one word, 80% for five)."""
    headline = "Council votes to close the Harbour Street library"
    opening = (
        "The council voted on Monday to close the library after 90 years. Readers gathered "
        "outside the building with a petition signed by thousands."
    )
    side = say("I have lived in this town all my life and readers here will always stay loyal.")
    on = say(
        "We gathered outside the building with a petition signed by thousands of readers.", at=300
    )
    assert score(side, headline) == score(on, headline)
    assert key_quote((side, on), headline, opening) is on
    assert key_quote((side, on), headline) is side  # no opening given: as before


@pytest.mark.parametrize(("shared", "value"), [(1, 0.5), (4, 2.0), (6, 2.0)])
def test_on_the_story_counts_shared_words_to_a_cap(shared: int, value: float) -> None:
    """Half a point a word the quote shares with the story, up to four words."""
    words = ["council", "library", "petition", "readers", "building", "thousands"]
    story = {w[:5] for w in words}
    assert on_the_story(say(" ".join(words[:shared]) + " and the rest."), story) == value


def test_an_office_nobody_in_the_story_holds_is_not_the_holder_of_another() -> None:
    """Without it "the prime minister said:" went to whoever the passage was about: the
    story's London mayor (round 13 of the key-quote readings)."""
    found = find_quotes(
        article(
            "London mayor Ken Livingstone says he is standing by his remarks about a reporter.",
            "Mr Livingstone said he would not apologise even if asked. Later the prime minister "
            "said: “He should apologise to the journalist, and he should do it today.”",
        )
    )
    assert [(q.speaker, q.speaker_kind) for q in found] == [(None, "unnamed")]
    # the same passage about a minister gives "the prime minister" to no one else either, but
    # a description of what the subject is ("the mayor") still goes to him
    found = find_quotes(
        article(
            "London mayor Ken Livingstone says he is standing by his remarks about a reporter.",
            "Later the mayor said: “I will not apologise to the journalist, today or ever.”",
        )
    )
    assert [(q.speaker, q.speaker_kind) for q in found] == [("Ken Livingstone", "person")]


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Continental Airlines", False),
        ("Acme Pharmaceuticals", False),
        ("Margaret Court", True),  # a known first name: a surname that is an organisation word
    ],
)
def test_a_name_ending_in_an_organisation_word_is_no_person(name: str, person: bool) -> None:
    """Without it "Continental Airlines" was a person, and its filing the key quote of a story
    under "Continental" (round 13 of the key-quote readings)."""
    assert (parse_speaker(name)[0] == "person") is person


def test_the_opening_is_the_first_three_paragraphs() -> None:
    """Without it the key quote's test of being on the story reads too few or too many
    paragraphs, or none."""
    from digest.analysis.keyquote import opening_of

    story = article("One para.", "Two para.", "Three para.", "Four para.")
    assert opening_of(story) == "One para. Two para. Three para."


def test_the_last_name_before_the_verb_speaks() -> None:
    """Without it "Harbourton councillor Jane Roe said" credited "Harbourton"."""
    quote = find_quotes(
        article("“The pier will stay closed all winter,” Harbourton councillor Jane Roe said.")
    )
    assert [q.speaker for q in quote] == ["Jane Roe"]


def test_an_honorific_is_read_right_before_the_surname() -> None:
    """Without it a title further back ("Deputy Mayor Mr Lake") was taken for the honorific's
    place, or the honorific missed."""
    assert parse_speaker("Deputy Mayor Mr Lake") == ("person", "Lake")


def test_he_is_not_the_subject_named_by_role_when_the_gender_is_wrong() -> None:
    """Without it "The home secretary said … She said:" gave her words to the man who holds
    that post."""
    found = find_quotes(
        article(
            "Home Secretary Charles Clarke will unveil a points system for migrants.",
            "Shadow minister Jane Roe said the plan was late.",
            "The home secretary said he wanted fingerprints taken from every visitor. She said: "
            "“We will establish a system which looks at the skills of people coming here.”",
        )
    )
    assert [q.speaker for q in found] != ["Charles Clarke"]


@pytest.mark.parametrize(
    ("held", "described"),
    [
        ("Governor", "the president"),
        ("Senator", "the chancellor"),
        ("Mayor", "the secretary"),
        ("President", "the senator"),
        ("Chancellor", "the governor"),
    ],
)
def test_each_office_is_one_another_holder_does_not_take(held: str, described: str) -> None:
    """Without each of them in the list of offices, "the president said" went to the story's
    governor (and so on), when nobody in the story is known to hold the office."""
    found = find_quotes(
        article(
            f"{held} Ken Livingstone says he is standing by his remarks about a reporter.",
            f"Mr Livingstone said he would not apologise. Later {described} said: “He should "
            "apologise to the journalist, and he should do it today.”",
        )
    )
    assert [q.speaker for q in found] == [None]


def test_a_description_that_is_no_office_still_goes_to_the_holder_of_one() -> None:
    """Without it "the 59-year-old said" was not given to the story's mayor, whom it means."""
    found = find_quotes(
        article(
            "London mayor Ken Livingstone says he is standing by his remarks about a reporter.",
            "Later the 59-year-old said: “I will not apologise to the journalist, today or ever.”",
        )
    )
    assert [q.speaker for q in found] == ["Ken Livingstone"]


def test_a_credit_line_under_a_quotation_names_its_speaker() -> None:
    """Without it a fact-check's quotation ("“…”" then "- Sanders." on a line of its own) was
    read as a continuation of the quotation before it and credited to that speaker (the
    economist quoted two paragraphs up)."""
    found = find_quotes(
        article(
            "The economist had revised his numbers. “The recovery now looks less lopsided,” "
            "Emmanuel Saez said.",
            "Bernie Sanders spoke in New Hampshire on Thursday.",
            "“Boeing and GE and other multinationals pay zero taxes in some years.”",
            "- Sanders.",
        )
    )
    assert [q.speaker for q in found] == ["Emmanuel Saez", "Bernie Sanders"]
    # a dash line that is more than a name is no credit
    found = find_quotes(
        article(
            "“Boeing and GE and other multinationals pay zero taxes in some years.”",
            "- Sanders spoke for an hour.",
        )
    )
    assert found == ()


def test_the_speaker_as_written_after_a_quotation_is_the_name_without_its_title() -> None:
    """Without it "“…,” Mayor Elena Marsh said." kept "Mayor" in the speaker as written that
    ``--json`` prints (an honorific stays: "Mr. Cruz")."""
    found = find_quotes(article("“The pier will stay closed all winter,” Mayor Elena Marsh said."))
    assert [(q.speaker, q.speaker_as_written) for q in found] == [("Elena Marsh", "Elena Marsh")]
    found = find_quotes(article("“The pier will stay closed all winter,” Mr. Cruz said."))
    assert [q.speaker_as_written for q in found] == ["Mr. Cruz"]


def test_someone_described_in_a_sentence_between_two_quotations_speaks_the_second() -> None:
    """Without it the spokesman's words went to the official quoted before him: “…” But her
    spokesman insisted she had only delayed her entry. “…” (key-quote round 12)."""
    found = find_quotes(
        article(
            "Open chief Paul McNamee had said: “Her wrist is not going to heal in time.” But her "
            "spokesman insisted she had simply delayed her entry. “The doctors are assessing "
            "her injury every week and she could still play.”"
        )
    )
    assert [(q.speaker, q.speaker_kind, q.speaker_as_written) for q in found] == [
        ("Paul McNamee", "person", "Paul McNamee"),
        (None, "unnamed", "her spokesman"),
    ]
    # a description ("the minister") the same way
    found = find_quotes(
        article(
            "Open chief Paul McNamee had said: “Her wrist is not going to heal in time.” But the "
            "minister insisted the player had simply delayed her entry. “The doctors are "
            "assessing her injury every week and she could still play.”"
        )
    )
    assert [q.speaker_as_written for q in found] == ["Paul McNamee", "the minister"]
    # the same speaker going on after his own attribution keeps the quote
    found = find_quotes(
        article("“Her wrist is not going to heal,” McNamee said. “She will miss the Open.”")
    )
    assert [q.speaker for q in found] == ["McNamee", "McNamee"]
    # after “…,” the words are the first quotation's own attribution, whoever they describe
    found = find_quotes(
        article(
            "“This has to be the first time a candidate has done this,” Clinton’s top foreign "
            "policy aide Jake Sullivan said. “It is a national security issue.”"
        )
    )
    assert [q.speaker for q in found] == ["Jake Sullivan", "Jake Sullivan"]
    found = find_quotes(
        article(
            "“Positions are gonna soften on Donald Trump,” California Rep. Duncan Hunter’s chief "
            "of staff, Joe Kasper, told POLITICO before the interview. “That’s inevitable.”"
        )
    )
    assert [q.speaker for q in found] == ["Joe Kasper", "Joe Kasper"]


def test_an_organisation_noun_counts_before_an_earlier_run_too() -> None:
    """Without it, when the last capitalised run names no one ("… on Friday"), the run before it
    was read without the word before it, and the bank became a person."""
    assert parse_speaker("investment bank Merrill Lynch on Friday") == (
        "organisation",
        "Merrill Lynch",
    )


# --- the fifth held-out sample's errors (2026-12-02) -----------------------------------------


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # no first name gives her sex; "her knees" does, in the sentence she opens
        (
            (
                "Sania Mirza beat Alyona Bondarenko in three sets on Saturday.",
                "Sania Mirza, ranked 134 in the world, sank to her knees after the match.",
                "“It is a big moment in my career,” she said.",
            ),
            "Sania Mirza",
        ),
        # the name must open its sentence: a rival named later is not who "her" is
        (
            (
                "Ahead of the final, the crowd cheered for Alyona Bondarenko, and her coach.",
                "“It is a big moment in my career,” she said.",
            ),
            None,
        ),
        # cues that disagree tell nothing
        (
            (
                "Sania Mirza sank to her knees after the match on Saturday.",
                "Sania Mirza thanked his coach in front of the crowd.",
                "“It is a big moment in my career,” she said.",
            ),
            None,
        ),
        # nobody else named between: "Sania Mirza beat Alyona Bondarenko, her …"
        (
            (
                "Sania Mirza beat Alyona Bondarenko before her home crowd on Saturday.",
                "“It is a big moment in my career,” she said.",
            ),
            None,
        ),
    ],
)
def test_a_pronoun_after_a_name_tells_its_gender(
    paragraphs: tuple[str, ...], expected: str | None
) -> None:
    """Without it, "she" found no woman in a story whose women have first names no list
    holds (Sania Mirza, Imelda Staunton): the fifth held-out sample and the unread third."""
    assert quotes_of(*paragraphs)[-1][1] == expected


def test_one_word_is_given_no_gender_by_a_pronoun() -> None:
    """A full name only: a lone capitalised word the cast took for someone may be a place
    ("Nevada … her appearance": PolNeAR had "Nevada" say Hillary Clinton's words)."""
    text = "Nevada waited for her appearance. Jane Kowalczyk waited for her turn."
    cast = Cast()
    for words in (["Nevada"], ["Jane", "Kowalczyk"]):
        person = cast.add(words, ["Sen."], text.index(words[0]))
        assert person is not None
        person.gender = None
    genders_from_pronouns(cast, text)
    assert [(p.name, p.gender) for p in cast.people] == [("Nevada", None), ("Jane Kowalczyk", "f")]


def test_who_a_description_opens_the_sentence_with_is_not_a_name_in_it() -> None:
    """ "The 31-year-old was third behind Hayley Yelling and Justyna Bak, but she prefers the
    track": she is the 31-year-old, not a rival the sentence names (held-out sample five gave
    the quote to Justyna Bak); in 48 corpus changes read blind, 37 became right, 6 stayed so."""
    found = quotes_of(
        "Jo Pavey will miss the race to prepare for the indoor championships.",
        "The 31-year-old was third behind Mary Yelling and Susan Bak last week but she"
        " prefers the track. “It was great winning bronze,” she said.",
    )
    assert found[-1] == ("It was great winning bronze", None)
    # with a reporting verb the sentence names its speaker: "…, said Sun's Jonathan Schwartz"
    found = quotes_of(
        "The system could mature like electricity did, said Sun's chief operating officer"
        " Jonathan Schwartz. “Why build your own grid?” he asked.",
    )
    assert found[-1][1] == "Jonathan Schwartz"


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("said central bank governor Park Seung", ("Park Seung", "person")),  # "park": a word
        ("said Le Figaro newspaper", ("Le Figaro", "organisation")),
        ("the Herald newspaper said", ("Herald", "organisation")),
        ("said the Spaniard", ("Guillermo Garcia-Lopez", "person")),  # a nationality, a role
    ],
)
def test_who_is_named_with_a_role_or_an_outlet_noun(said: str, expected: tuple[str, str]) -> None:
    found = find_quotes(
        article("Spaniard Guillermo Garcia-Lopez won in Madrid.", f"{QUOTED} {said}.")
    )
    assert (found[-1].speaker, found[-1].speaker_kind) == expected


def test_mps_are_no_one_and_a_paper_that_quotes_is_not_the_speaker() -> None:
    """ "The prime minister told MPs:" had credited "MPs"; "Mr Houston was quoted in the
    Herald newspaper saying:" the Herald (held-out samples one and five)."""
    found = quotes_of(
        "Prime Minister Tony Blair spoke in the Commons.",
        "The prime minister told MPs: “We will not give way on this.”",
    )
    assert found[-1][1] == "Tony Blair"
    found = quotes_of(
        "UKIP candidate John Houston left the party.",
        "Mr Houston was quoted in the Herald newspaper saying: “They have over-reacted.”",
    )
    assert found[-1][1] == "John Houston"


def test_a_newspaper_is_no_person_and_a_mayor_named_like_one_still_is() -> None:
    """ "told the Evening Standard" had made the Standard a man, and "he" his (held-out sample
    five); "Guardian said" is still Atlantic City's Mayor Don Guardian."""
    found = quotes_of(
        "Home Secretary Charles Clarke spoke on Monday.",
        "London's Evening Standard quoted Mr Clarke telling activists that he wanted more."
        f" {QUOTED} he said.",
    )
    assert found[-1][1] == "Charles Clarke"
    found = quotes_of(
        "Atlantic City Mayor Don Guardian welcomed the plan on Monday.",
        f"{QUOTED} Guardian said.",
    )
    assert found[-1][1] == "Don Guardian"


def test_a_name_in_apposition_that_reports_is_whom_he_goes_back_to() -> None:
    """ "The head of that tribunal, Kostas Panagopoulos, said …" reports, so the next "he"
    is his (held-out sample five had given it to the sprinter the story is about); "…, who
    had been nominated for Secrets and Lies and Topsy Turvy, told …" does not make the film
    report."""
    found = quotes_of(
        "Sprinter Kostas Kenteris was cleared on Friday.",
        "The head of that tribunal, Kostas Panagopoulos, said it had not been proven."
        f" {QUOTED} he said.",
    )
    assert found[-1][1] == "Kostas Panagopoulos"
    found = quotes_of(
        "Director Mike Leigh was nominated on Tuesday.",
        "Leigh, who had previously received three Oscar nominations for Secrets and Lies and"
        ' Topsy Turvy, told BBC News 24 the latest success was "amazing".'
        f" He said: {QUOTED.rstrip(',”')}.”",
    )
    assert found[-1][1] == "Mike Leigh"


def test_he_after_an_unnamed_speaker_is_that_speaker_unnamed() -> None:
    """“…,” said a Juventus official, who declined to be named. “…,” he added: the official,
    not the player the story names (held-out sample five)."""
    found = find_quotes(
        article(
            "Former Chelsea striker Adrian Mutu is to begin talks with Juventus.",
            f"{QUOTED} said a Juventus official, who declined to be named."
            f" {QUOTED.replace('Access', 'Trade')} he added.",
        )
    )
    assert [(q.speaker, q.speaker_kind) for q in found] == [(None, "unnamed"), (None, None)]


@pytest.mark.parametrize(
    ("before", "said", "expected"),
    [
        # a first name that is also a title or a word: "Dean" had printed "Goldfine", "Will"
        # printed "Davies" (held-out samples one, four and six)
        ("Coach Dean Goldfine joined on Monday.", "Goldfine said", "Dean Goldfine"),
        ("Researcher Will Davies wrote the report.", "said Mr Davies", "Will Davies"),
        (
            f"{QUOTED} Will Davies, senior research fellow at the IPPR told the BBC.",
            "said Mr Davies",
            "Will Davies",
        ),
        ("The report was read by Jurgen den Hartog.", "said Mr den Hartog", "Jurgen den Hartog"),
        # a typo for "Mr" (held-out sample six): "Me" is no one's first name
        ("The report was read by Jurgen den Hartog.", "Me den Hartog said", "Jurgen den Hartog"),
        # a particle inside a name had made it no name at all, so "de Blasio" was "De Blasio"
        ("Mayor Bill de Blasio spoke on Monday.", "de Blasio said", "Bill de Blasio"),
        ("Striker Robin van Persie scored twice.", "said van Persie", "Robin van Persie"),
        # a description by a role the story gave her: "TV presenter Cat Deeley"
        ("TV presenter Cat Deeley has resigned as host.", "the presenter said", "Cat Deeley"),
    ],
)
def test_a_full_name_is_kept_whole(before: str, said: str, expected: str) -> None:
    assert quotes_of(before, f"{QUOTED} {said}.")[-1][1] == expected


@pytest.mark.parametrize("post", ["Republican presidential candidate", "Democratic nominee"])
def test_a_candidate_is_not_the_mayor(post: str) -> None:
    """ "the Republican presidential candidate said" is not the story's mayor, whom the
    passage last named: a candidacy is a post like an office."""
    found = quotes_of(
        "Donald Trump called upon Mayor Bill de Blasio to restart surveillance.",
        "De Blasio disbanded the unit in April 2014.",
        f"{QUOTED} the {post} said.",
    )
    assert found[-1][1] != "Bill de Blasio"


# --- the review of 2026-12-02's speaker rules: where they must not reach ----------------------


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # "her" after a verb or before a preposition is someone else: no cue for him
        (("Kostas Panagopoulos thanked her for the help.", f"{QUOTED} she said."), None),
        # "She beat …" is a subject and its verb: the name it opens is no subject
        (
            (
                "Alyona Bondarenko lost in three sets.",
                "She beat Alyona Bondarenko before her home crowd.",
                f"{QUOTED} she said.",
            ),
            None,
        ),
        # a body noun before a person's first name or title is still a person
        (
            ("Documentary maker Nick Broomfield won the prize.", f"{QUOTED} he said."),
            "Nick Broomfield",
        ),
        (
            ("The rail union General Secretary Bob Crowe spoke on Monday.", f"{QUOTED} he said."),
            "Bob Crowe",
        ),
        # a nationality before "newspaper" says which one, not its name
        (("The story ran on Monday.", f"{QUOTED} the French newspaper said."), None),
        # the Guardian newspaper is not the mayor named Guardian
        (
            (
                "Atlantic City Mayor Don Guardian welcomed the plan.",
                f"{QUOTED} the Guardian newspaper said.",
            ),
            "Guardian",
        ),
        # "Will Britain …?" is a question, not a man
        (("Will Britain leave the EU this year?", f"{QUOTED} he said."), None),
        # a spokesman named after a comma is named
        (
            (
                "Adrian Mutu is to begin talks.",
                f"{QUOTED} said a Juventus spokesman, Marco Rossi. {QUOTED} he added.",
            ),
            "Marco Rossi",
        ),
        # a spokeswoman is a woman: her "she added" stays hers, not the story's woman's
        (
            (
                "Adriana Mutu is to begin talks.",
                f"{QUOTED} said a Juventus spokeswoman. {QUOTED} she added.",
            ),
            None,
        ),
        # a ministry is not a charity introduced before it
        (("The charity Oxfam criticised the plan.", f"{QUOTED} the ministry said."), None),
    ],
)
def test_the_new_rules_stay_within_their_cases(
    paragraphs: tuple[str, ...], expected: str | None
) -> None:
    """Each case was a probe of the review (2026-12-02) that one of the morning's rules got
    wrong before it was narrowed."""
    assert quotes_of(*paragraphs)[-1][1] == expected


@pytest.mark.parametrize(
    "particle",
    ["de", "da", "van", "von", "der", "den", "del", "du", "dos", "ter", "bin", "al", "la", "le"],
)
def test_each_particle_joins_a_name(particle: str) -> None:
    """ "Robin van Persie", "Jurgen den Hartog", "Osama bin Laden": the small word is part of
    the name, which must still end on a capital."""
    assert looks_like_person(["Mario", particle, "Rossi"])
    assert not looks_like_person(["Mario", particle])
    assert not looks_like_person(["Mario", "bianchi", "Rossi"])  # only a particle is small


def test_a_first_name_that_is_a_word_is_kept_only_before_a_surname() -> None:
    assert name_words(["Will", "Davies"]) == ["Will", "Davies"]
    assert name_words(["Will"]) == []  # a lone "Will" is the verb
    assert name_words(["Dean", "Goldfine"]) == ["Dean", "Goldfine"]


def test_a_public_body_finds_a_name_introduced_as_itself() -> None:
    """ "the regulator Ofcom" … "the regulator said": a public body is its own kind."""
    assert owner("It was referred to the regulator Ofcom on Monday.", "the regulator") == "Ofcom"


def test_his_gives_a_man_his_gender() -> None:
    """ "Kostas Panagopoulos lost his appeal" makes him a man, so a "she" is not his."""
    assert (
        quotes_of("Kostas Panagopoulos lost his appeal on Monday.", f"{QUOTED} she said.")[-1][1]
        is None
    )


def test_a_name_in_apposition_reports_only_before_its_verb() -> None:
    """ "The head of that tribunal, Kostas Panagopoulos, said": a name between a noun's comma
    and a reporting verb reports; one followed by a comma and no verb ("…, Kostas
    Panagopoulos, cleared him") does not, and "he" stays with the one who spoke."""
    found = quotes_of(
        "Kostas Kenteris said he was innocent on Friday.",
        "The head of that tribunal, Kostas Panagopoulos, cleared him. The ruling came late."
        f" {QUOTED} he said.",
    )
    assert found[-1][1] == "Kostas Kenteris"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Mr van Persie", ("person", "van Persie")),
        ("Mr de la Cruz", ("person", "de la Cruz")),
        ("Mr van", ("none", None)),  # a particle ends no name
        ("central bank governor Park Seung Hoon", ("person", "Park Seung Hoon")),
        ("bank governor BBC Radio", ("organisation", "BBC Radio")),  # an acronym is a body's
        ("bank governor QMX Park", ("organisation", "QMX Park")),
        # more than three words after a role is a phrase, not a name
        ("central bank governor Park Seung Hoon Lee", ("none", None)),
    ],
)
def test_a_name_after_a_particle_or_a_role_is_read_whole(
    phrase: str, expected: tuple[str, str | None]
) -> None:
    assert parse_speaker(phrase) == expected


def test_she_after_an_unnamed_official_is_that_official() -> None:
    """An official may be a woman: "said a Juventus official … she added" stays unnamed, not
    the story's named woman (only a "-man" noun is never "she")."""
    found = quotes_of(
        "Adriana Mutu is to begin talks with Juventus.",
        f"{QUOTED} said a Juventus official. {QUOTED} she added.",
    )
    assert found[-1][1] is None


def test_a_spokesman_is_not_she() -> None:
    """ "said a Juventus spokesman … she added" is not the spokesman: "she" goes back to the
    woman the story names."""
    found = quotes_of(
        "Adriana Mutu is to begin talks with Juventus.",
        f"{QUOTED} said a Juventus spokesman. {QUOTED} she added.",
    )
    assert found[-1][1] == "Adriana Mutu"


def test_a_gender_cue_counts_at_the_text_s_first_word_and_beside_a_headline_name() -> None:
    """The name that opens an article built in memory is at offset 0, and a headline's name
    has no offset in the body: neither is skipped nor breaks the vote."""
    found = quotes_of(
        "Sania Mirza sank to her knees as Roger Federer watched.",
        f"{QUOTED} she said.",
        title="Teenager Sania Mirza wins in Hyderabad",
    )
    assert found[-1][1] == "Sania Mirza"


# --- the seventh held-out sample's errors --------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "speaker"),
    [
        # the headline opens on its speaker, a first name no list knows (PolNeAR: "Richards")
        ("Cecile Kowalski: ‘I’m Sick Of Men Telling Us What To Do’", "Cecile Kowalski"),
        ("Anna Kowalski Opens The Harbour Street Library", "Anna Kowalski"),  # a first name
        ("Harbour Street Library Opens With Kowalski", "Kowalski"),  # no first name
        ("Elena Marsh Speaks", "Kowalski"),  # another name than the one who speaks
        ("Why Anna Kowalski Built A Library", "Anna Kowalski"),  # after a word that is none
        ("Anna Kowalski’s Library Opens", "Anna Kowalski"),  # a possessive
    ],
)
def test_a_title_case_headline_gives_the_full_name_of_a_surname_that_speaks(
    title: str, speaker: str
) -> None:
    """Every word of a title-case headline is capitalised, so only two words that a first
    name (or the headline's opening "Name:") starts, whose surname the story has speak alone,
    are believed a name: without it four quotations of the seventh sample were "Richards"."""
    assert quotes_of("“It took nine years to build,” said Kowalski.", title=title) == [
        ("It took nine years to build", speaker)
    ]


def test_a_surname_that_never_speaks_alone_takes_nothing_from_a_title_case_headline() -> None:
    assert quotes_of(
        "“It took nine years to build,” said Kowalski.",
        title="Kowalski Says Bridge Will Open: Anna Harbour Explains",
    ) == [("It took nine years to build", "Kowalski")]


@pytest.mark.parametrize(
    ("phrase", "parsed"),
    [
        ("The Muslim Council of Britain", ("organisation", "Muslim Council of Britain")),
        ("the Illinois Board of Elections", ("organisation", "Illinois Board of Elections")),
        ("the Council on Thursday", ("organisation", "Council")),  # "on" is no link
    ],
)
def test_an_organisations_name_goes_on_after_of(phrase: str, parsed: tuple[str, str]) -> None:
    assert parse_speaker(phrase) == parsed


@pytest.mark.parametrize("opener", ["It", "This", "They", "They’re"])
def test_score_a_quote_opening_on_a_pronoun_it_never_names_scores_lower(opener: str) -> None:
    """“They have a great opportunity …” (the Great Britain side, never named in it): of the
    key quotes the editors judged, those opening on "They" were right 4 times in 10, against
    73% for all (key-quote rounds 3 to 16)."""
    rest = plain(8)
    leaning = say(f"{opener} {rest[0].lower()}{rest[1:]}", "Tom Baker")
    alone = say(plain(8), "Ann Lee", at=1000)
    assert score(leaning) < score(alone)


@pytest.mark.parametrize(
    ("phrase", "parsed"),
    [
        ("a CAS statement", ("organisation", "CAS")),  # the eighth sample's
        ("a Capital Economics statement", ("organisation", "Capital Economics")),
        ("an agency statement", ("unnamed", "an agency statement")),  # which agency?
        ("the Friday statement", ("unnamed", "the Friday statement")),  # a day
        ("the US statement", ("unnamed", "the US statement")),
    ],
)
def test_a_statement_named_by_its_body_is_the_bodys(phrase: str, parsed: tuple[str, str]) -> None:
    assert parse_speaker(phrase) == parsed


def test_the_statement_is_its_issuers() -> None:
    """Without it "the statement said" went to the nearest organisation, the newspaper that
    reported it (the seventh sample: "The Times said Cook provided a written statement")."""
    quotes = quotes_of(
        "The Courier said Tom Baker, the council's press secretary, provided a written "
        "statement on Monday.",
        "“The library will stay open until the end of March,” the statement said.",
    )
    assert quotes == [("The library will stay open until the end of March", "Tom Baker")]


def test_the_statement_of_a_body_that_issued_it() -> None:
    """Not the body named nearer to it, which reported the statement."""
    quotes = quotes_of(
        "Harbour Rail Ltd issued a brief statement, the Harbour Times Group reported.",
        "“No passenger was hurt and the line will reopen on Friday,” the statement said.",
    )
    assert quotes == [
        ("No passenger was hurt and the line will reopen on Friday", "Harbour Rail Ltd")
    ]


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        (  # the eighth sample's: Reuters reports, the trader speaks
            "“A deal with the council does not seem likely,” Reuters quoted one trader as saying.",
            None,
        ),
        (
            "“We will rebuild the pier before the summer,” the Courier quoted Anna Kowalski as "
            "saying.",
            "Anna Kowalski",
        ),
    ],
)
def test_who_a_report_quoted_as_saying_speaks(paragraph: str, speaker: str | None) -> None:
    ((_quote, who),) = quotes_of(paragraph)
    assert who == speaker


def test_a_report_quoting_someone_it_never_names_keeps_the_quotation_unnamed() -> None:
    """ "the newspaper quoted the executive as saying" after "an unnamed executive at
    Euronext": the executive is nobody named (the second held-out sample), and taking the
    description made him Euronext."""
    quotes = find_quotes(
        article(
            "The Courier quoted an unnamed executive at Portbury as saying the firm would bid.",
            "“The cost savings are far greater for us,” the newspaper quoted the executive as "
            "saying.",
        )
    )
    assert quotes[-1].speaker_kind in {None, "unnamed"}
    assert quotes[-1].speaker is None


def test_the_release_is_its_issuers_and_a_body_is_an_organisation() -> None:
    quotes = find_quotes(
        article(
            "Harbour Rail Ltd put out a press release, the Harbour Times Group reported.",
            "“The line will reopen on Friday after the repairs,” the release said.",
        )
    )
    assert (quotes[-1].speaker, quotes[-1].speaker_kind) == ("Harbour Rail Ltd", "organisation")


@pytest.mark.parametrize(
    "title",
    [
        "As Its Rivals Pair Up, Will Kowalski Be Next?",  # "Will", a question's verb
        "Harbour Kowalski Opens The Library",  # "Harbour" is no first name, nor a speaker label
    ],
)
def test_a_title_case_headline_s_other_capitals_name_nobody(title: str) -> None:
    assert quotes_of("“It took nine years to build,” said Kowalski.", title=title) == [
        ("It took nine years to build", "Kowalski")
    ]


@pytest.mark.parametrize(
    ("lead", "said", "speaker"),
    [
        (  # a time word before the issuer's name is not part of it
            "Yesterday Harbour Rail Ltd issued a brief statement, the Harbour Times Group said.",
            "the statement said",
            "Harbour Rail Ltd",
        ),
        (  # "its statement": the issuer's too
            "Harbour Rail Ltd issued a brief statement, the Harbour Times Group reported.",
            "its statement said",
            "Harbour Rail Ltd",
        ),
        (  # no issuer named: the nearest organisation, as before
            "The Harbour Times Group reported the derailment on Monday.",
            "the statement said",
            "Harbour Times Group",
        ),
    ],
)
def test_the_issuer_of_a_statement(lead: str, said: str, speaker: str) -> None:
    quotes = quotes_of(lead, f"“The line will reopen on Friday after the repairs,” {said}.")
    assert quotes[-1] == ("The line will reopen on Friday after the repairs", speaker)


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("the National Union of Journalists", "National Union of Journalists"),
        ("the Bank of Scotland", "Bank of Scotland"),
        ("the Campaign for Nuclear Disarmament", "Campaign for Nuclear Disarmament"),
        ("the Council of Mortgage Lenders", "Council of Mortgage Lenders"),
    ],
)
def test_the_words_after_an_organisations_of_are_not_read_alone(phrase: str, name: str) -> None:
    """Read alone, "Journalists" or "Scotland" after "of" would be a person."""
    assert parse_speaker(phrase) == ("organisation", name)


# --- the third session's pronoun rules (held-out samples three to eight) ------------------------


def test_he_after_but_he_said_goes_back_past_the_name_he_spoke_of() -> None:
    """ "But he said Mr Blair had lost the trust …. "…," he said." is the Lib Dem leader, not
    Blair: the sentence before the quote opens on he and a reporting verb, so who it only
    mentions is not who "he" is (a connective before "he" no longer hides that)."""
    found = quotes_of(
        "Lib Dem leader Charles Kennedy has said voters distrust the prime minister. "
        "Mr Kennedy said he had seen leaders come and go. But he said Mr Blair had lost "
        'the trust of the people. Polls suggest many voters agree. "There is a fundamental '
        'lack of trust in him as prime minister and in his government," he said.',
        title="Kennedy questions trust",
    )
    assert found[-1][1] == "Charles Kennedy"


def test_a_name_inside_quotation_marks_the_finder_left_is_not_who_he_is() -> None:
    """A quotation re-opened and never closed is not found as a quote; the names in it are
    still its speaker's words, not a referent for the next "he"."""
    found = quotes_of(
        "Lib Dem leader Charles Kennedy spoke on Monday. "
        '"We were all class of 83, Tony Blair, Michael Howard and myself, he said. '
        '"The world has changed.',
        'Then he spoke of trust. "There is a fundamental lack of trust in the government," '
        "he said.",
        title="Kennedy questions trust",
    )
    assert found[-1][1] == "Charles Kennedy"


def test_a_name_that_modifies_a_noun_is_not_the_subject() -> None:
    """ "An early own goal followed by an Alan Shearer strike earned them a win. "…," he said."
    is the manager named before it, not Shearer: "an Alan Shearer strike" is a strike."""
    found = quotes_of(
        "Boss Graeme Souness felt Newcastle were never in danger of going out of the cup.",
        "An early own goal followed by an Alan Shearer strike earned them a 2-1 win. "
        '"Winning the first leg gave us a great advantage," he said.',
        title="Souness delight at Euro progress",
    )
    assert found[-1][1] == "Graeme Souness"


def test_a_place_after_of_is_no_person() -> None:
    """ "The Bishop of Durham, the Rt Rev Dr Tom Wright, described …": Durham is the see."""
    found = quotes_of(
        "The Bishop of Durham, the Rt Rev Dr Tom Wright, described the novel as a thriller. "
        "The book has sold seven million copies. Despite enjoying the novel, the Bishop said "
        'it lacked evidence. "The evidence for the origins of Christianity is good," he said.',
        title="Bishop calls novel laughable",
    )
    assert found[-1][1] == "Tom Wright"


def test_a_surname_never_given_a_first_name_that_speaks_of_itself_is_a_person() -> None:
    """BBC sport names a player by surname alone: "Safin said he was trying to keep calm."
    makes Safin the "he" of the quote after it, not the opponent named with a first name."""
    found = quotes_of(
        "Marat beat Mario Ancic in four sets in Melbourne on Monday. Safin said he was trying "
        "to keep his temper under control. The Russian hit himself on the head in the second "
        'set. "I try to stay calm against players like him," he said.',
        title="Safin through to the last 16",
    )
    assert found[-1][1] == "Safin"
    # "the Republican Party of Wyoming announced she …": a place, no one's surname
    found = quotes_of(
        "On Thursday, the Republican Party of Wyoming announced she was not coming. "
        '"She will not be attending the convention," it said in a release.',
        title="Palin will not attend",
    )
    assert all(speaker != "Wyoming" for _, speaker in found)


def test_a_no_break_space_inside_a_name_is_a_space() -> None:
    """ "Former House Speaker Newt\\xa0Gingrich said …" named two people, "Newt" and
    "Gingrich", and the quotation was credited to the bare surname (ninth sample)."""
    found = quotes_of(
        "Former House Speaker Newt\xa0Gingrich said the transition reflects reality.",
        "“The general election is like a gigantic football team,” Gingrich said.",
        title="Trump fires his campaign manager",
    )
    assert found[-1][1] == "Newt Gingrich"


@pytest.mark.parametrize(
    ("introduced", "said", "speaker"),
    [
        ("Former Navy SEAL John “Tig” Tiegen spoke at the convention.", "Tiegen", "John Tiegen"),
        ('Another player, Jimmy "the Whirlwind" White, missed school.', "Mr White", "Jimmy White"),
    ],
)
def test_a_nickname_inside_a_name_leaves_the_name_whole(
    introduced: str, said: str, speaker: str
) -> None:
    """A quoted nickname between the first name and the surname cut the name in two, so the
    surname alone stood for the speaker (ninth sample: Tiegen, White)."""
    found = quotes_of(
        introduced, f'"We loved the game and the atmosphere in those halls," {said} said.'
    )
    assert found[-1][1] == speaker


def test_calling_someone_a_name_is_no_nickname() -> None:
    """ "calling Trump “an orange buffoon,” Susan said": no name runs across the quotation."""
    found = quotes_of(
        'Protesters mocked his campaign, calling Trump "an orange buffoon," Susan Lee said as '
        'she turned. "We will not stop marching," she said.',
    )
    assert all(speaker != "Trump Susan" for _, speaker in found)


@pytest.mark.parametrize(
    ("phrase", "parsed"),
    [
        ("the cardinal will", ("description", "the cardinal")),
        ("Mr Kennedy would", ("person", "Kennedy")),
        ("the London conference he", ("pronoun", "he")),
        ("the Vox Populi", ("organisation", "Vox Populi")),
        ("the Rev. Jesse Jackson", ("person", "Jesse Jackson")),
        ("the New Zealander", ("description", "the New Zealander")),
    ],
)
def test_parse_an_auxiliary_a_closing_pronoun_and_the_before_a_name(
    phrase: str, parsed: tuple[str, str]
) -> None:
    """ "“…?” the cardinal will ask" credited "the cardinal will", which named nobody;
    "Speaking at the London conference he said" credited "the London conference he"; "said
    the Vox Populi (…) column" was a person (ninth sample)."""
    assert parse_speaker(phrase) == parsed


@pytest.mark.parametrize(
    ("introduced", "said", "speaker"),
    [
        ("Clinton was joined by retired astronaut Mark Kelly.", "Kelly", "Mark Kelly"),
        ("The song was written by radio DJ Mike Read.", "Read", "Mike Read"),
        ("The bill was sponsored by Rep. Peter King.", "King", "Peter King"),
    ],
)
def test_a_surname_that_looks_like_an_adverb_or_a_verb_still_names(
    introduced: str, said: str, speaker: str
) -> None:
    """ "Kelly said" was read as an adverb ("-ly") and "Mike Read" as no one's name (a verb's
    word), so their quotations had no speaker (ninth sample)."""
    found = quotes_of(introduced, f'"Elections matter to all of us this year," {said} said.')
    assert found[-1][1] == speaker


@pytest.mark.parametrize(
    ("attribution", "speaker"),
    [
        ("said the firm's chief executive, John Smith.", "John Smith"),
        ("exhorted Clinton's introducer, actress Jamie Lee Curtis.", "Jamie Lee Curtis"),
        ("said a spokesman, adding that profits would rise.", None),
        ("said the chairman, who took over in May.", None),
        ("said the chancellor, Gordon Brown.", "Gordon Brown"),  # a description, then the name
        ("said his wife, Sheila.", None),  # a first name alone names no one the digest can print
        ("said a party spokesman, Mr. Jones.", "Jones"),  # a title and a surname do
    ],
)
def test_a_name_in_apposition_after_a_described_speaker_is_the_speaker(
    attribution: str, speaker: str | None
) -> None:
    """ "“…,” exhorted Clinton's introducer, actress Jamie Lee Curtis." credited nobody: the
    name after the comma is who spoke (ninth sample; corpus: "said Rubio's deputy campaign
    manager, Rich Beeson", "EEF chief economist, Steve Radley")."""
    found = quotes_of(f'"We will grow again next year and hire more people," {attribution}')
    assert found[-1][1] == speaker


# --- the third session's review: where the new speaker rules reached too far ------------------


@pytest.mark.parametrize(
    "attribution",
    [
        "said the former aide, referring to Boris Johnson.",
        "said the Chelsea manager, who blamed referee Mike Dean.",
        "said a local official, in Kabul.",
        "said a witness, a friend of Mary Jones.",
        "said the captain, after losing to Andy Murray.",
    ],
)
def test_a_name_later_in_the_attribution_is_not_the_speaker(attribution: str) -> None:
    found = quotes_of(f'"We were robbed of a win today, and everyone knows it," {attribution}')
    assert found[-1][1] is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Prosecutors said he had stolen two million pounds from the firm.",
        "Opponents said he had misled MPs about the contract.",
        "Moscow said he was a spy working for the British.",
    ],
)
def test_a_plural_or_a_place_that_says_he_is_no_lone_speaker(sentence: str) -> None:
    """The review: "Prosecutors said he …" made "Prosecutors" a person, then the "he" of the
    quotation after it."""
    found = quotes_of(
        "John Smith appeared in court in Moscow on Monday.",
        sentence + ' "I am innocent of every charge," he said.',
    )
    assert found[-1][1] == "John Smith"


@pytest.mark.parametrize(
    ("phrase", "parsed"),
    [
        ("Theresa May", ("person", "Theresa May")),
        ("the Dalai Lama", ("person", "Dalai Lama")),
        ("the Grand Mufti", ("person", "Grand Mufti")),
    ],
)
def test_parse_a_name_ending_on_may_and_a_style_after_the(
    phrase: str, parsed: tuple[str, str]
) -> None:
    assert parse_speaker(phrase) == parsed


def test_only_opening_a_sentence_is_no_name() -> None:
    found = quotes_of(
        "John Smith spoke on Monday. Only later did he tell reporters: "
        '"It was a mistake, and I regret it deeply."'
    )
    assert found[-1][1] == "John Smith"


def test_a_name_as_a_modifier_opening_a_sentence_is_no_subject() -> None:
    found = quotes_of(
        "Tony Blair was at the ground on Saturday. An Alan Shearer strike won it.",
        '"It was a great goal to win any game," he said.',
    )
    assert found[-1][1] == "Tony Blair"


def test_a_reporting_verb_after_a_first_name_is_no_surname() -> None:
    assert not looks_like_person(["John", "Said"])
    assert not looks_like_person(["Donald", "Tweeted"])
    assert looks_like_person(["Mike", "Read"])


def test_those_who_opening_a_key_quote_costs_one_point_not_three() -> None:
    """ "Those who …", "Those responsible …" point forward: only the leaning opener's point,
    so a 10-word one ties with a 9-word plain quote, and being earlier wins."""
    those = say(voiced(10, "Those who"), "Tom Baker")
    alone = say(plain(9), "Ann Lee", at=1000)
    assert key_quote((those, alone)) is those


def test_a_lone_speaker_takes_her_gender_from_she_and_each_bare_mention() -> None:
    """ "Mauresmo said she was tired": a woman, so the "she" of the quotation two sentences
    later is her (with no gender she could not be "she" beside another person); her later
    bare mention ("Mauresmo's coach") is hers too, a possessive, not a subject."""
    found = quotes_of(
        "Amelie beat Serena Williams in Melbourne. Mauresmo said she was tired after the match. "
        "Mauresmo's coach was pleased. "
        '"I have never played better on this court," she said.',
        title="Mauresmo through to the final",
    )
    assert found[-1][1] == "Mauresmo"


@pytest.mark.parametrize(
    "sentence",
    [
        "The Russian added that he was not worried by his ankle.",
        "Fans of Arsenal said he was the best player they had seen.",
        "A statement for Chelsea said he would be fit on Saturday.",
    ],
)
def test_a_description_or_a_name_after_of_or_for_is_no_lone_speaker(sentence: str) -> None:
    found = quotes_of(
        "Mario Ancic lost in four sets on Monday. " + sentence,
        '"It will be fine by the weekend, I am sure of it," he said.',
    )
    assert found[-1][1] not in {"Russian", "Arsenal", "Chelsea"}
