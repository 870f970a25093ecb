from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest

from conftest import SEEDS
from conftest import make_article as article
from digest.analysis.keyquote import key_quote
from digest.analysis.quotes import find_quotes
from digest.model import Quote
from digest.readers.scan import read_article


def test_seed_key_quote_and_speaker() -> None:
    seed = read_article(SEEDS / "000_2534067fcf5ef89c.txt", UTC)
    quotes = find_quotes(seed)
    chosen = key_quote(quotes)
    assert chosen is not None
    assert chosen.text == "I can just as well invite him to Kyiv, let him come"
    assert chosen.speaker == "Volodymyr Zelensky"
    assert chosen.speaker_as_written == "Zelensky"
    # offsets are into the whole file and span the quote marks
    assert seed.text[chosen.start] == "“" and seed.text[chosen.end - 1] == "”"
    # every quote in the seed is Zelensky's, whether named, "he", or following on
    assert len(quotes) == 5
    assert {q.speaker for q in quotes} == {"Volodymyr Zelensky"}
    # the first one opens with a straight mark and closes with a curly one
    assert quotes[0].text.startswith("If Russia does not strike our energy infrastructure")
    assert quotes[0].speaker_as_written == "he"


@pytest.mark.parametrize(
    "paragraph",
    [
        "“We will rebuild the pier before summer,” said Mayor Elena Marsh.",
        "“We will rebuild the pier before summer,” Mayor Elena Marsh said.",
        "Mayor Elena Marsh said: “We will rebuild the pier before summer.”",
        '"We will rebuild the pier before summer," said Mayor Elena Marsh.',
        '"We will rebuild the pier before summer,” said Mayor Elena Marsh.',
        '“We will rebuild the pier before summer," Mayor Elena Marsh told reporters.',
        "«We will rebuild the pier before summer», said Mayor Elena Marsh.",
    ],
)
def test_quote_forms_and_marks(paragraph: str) -> None:
    quotes = find_quotes(article(paragraph))
    assert len(quotes) == 1
    assert quotes[0].text.rstrip(".") == "We will rebuild the pier before summer"
    assert quotes[0].speaker == "Elena Marsh"


def test_split_quote_is_one_quotation_with_parts() -> None:
    text = (
        "Head librarian Aisling Brennock watched the machines work.",
        "“We were worried about staff,” she said, “but they have given us hours back.”",
    )
    quotes = find_quotes(article(*text))
    assert len(quotes) == 1
    quote = quotes[0]
    assert quote.text == "We were worried about staff, but they have given us hours back."
    assert quote.speaker == "Aisling Brennock" and quote.speaker_as_written == "she"
    assert len(quote.parts) == 2


def test_quote_running_across_paragraphs() -> None:
    quotes = find_quotes(
        article(
            "Coach Dana Whitlow spoke after the match.",
            "“We were not good enough in the first half.",
            "“After the break we played the way we train,” Whitlow said.",
        )
    )
    assert len(quotes) == 1
    assert quotes[0].text == (
        "We were not good enough in the first half. After the break we played the way we train"
    )
    assert quotes[0].speaker == "Dana Whitlow"
    assert len(quotes[0].parts) == 2


def test_pronoun_resolves_to_the_nearest_person_not_an_earlier_speaker() -> None:
    quotes = find_quotes(
        article(
            "“The gusts will peak at midnight,” forecaster Hannah Calloway said.",
            "Harbour master Owen Tregarthen has told boat owners to double their lines.",
            "“I would rather be accused of being too cautious,” he said.",
        )
    )
    assert [q.speaker for q in quotes] == ["Hannah Calloway", "Owen Tregarthen"]


def test_scare_quotes_and_anonymous_quotes_are_not_key_quotes() -> None:
    quotes = find_quotes(
        article(
            "The so-called “winter basket” of goods now costs more.",
            "Traders described the market as “busy but nervous” this week.",
        )
    )
    assert quotes == ()  # scare quotes are not quotations of a speaker
    assert key_quote(quotes) is None


def test_key_quote_prefers_a_named_whole_sentence_over_a_fragment() -> None:
    quotes = find_quotes(
        article(
            "Minister Rhea Tan called the plan “a first step”, officials said.",
            "“We will open four new clinics in the spring and hire the nurses to run them,” "
            "Tan said.",
        )
    )
    chosen = key_quote(quotes)
    assert chosen is not None and chosen.text.startswith("We will open four new clinics")
    assert chosen.speaker == "Rhea Tan"


def test_quote_marks_inside_words_are_not_quotes() -> None:
    assert find_quotes(article('The 6" pipe and the 12" valve were replaced on Monday.')) == ()


@pytest.mark.parametrize(
    ("paragraphs", "speaker", "as_written"),
    [
        (("“The vote is close,” according to Mayor Elena Marsh.",), None, None),
        (("Marsh told the council on Tuesday: “The vote is close.”",), "Marsh", "Marsh"),
        (("Said Elena Marsh, “The vote is close.”",), "Elena Marsh", "Elena Marsh"),
        (
            ("Elena Marsh, the town’s mayor since 2019, said, “The vote is close.”",),
            "Elena Marsh",
            "Elena Marsh",
        ),
        (("Marsh ended the meeting early, saying, “The vote is close.”",), "Marsh", "Marsh"),
        (("“The vote is close,” beamed Elena Marsh.",), "Elena Marsh", "Elena Marsh"),
        (("“The vote is close,” Marsh Tweeted.",), "Marsh", "Marsh"),
        (
            ("Mayor Elena Marsh spoke after the count. She said:", "“The vote is close.”"),
            "Elena Marsh",
            "She",
        ),
    ],
)
def test_attribution_forms(
    paragraphs: tuple[str, ...], speaker: str | None, as_written: str | None
) -> None:
    quotes = find_quotes(article(*paragraphs))
    assert len(quotes) == 1
    assert quotes[0].text.rstrip(".") == "The vote is close"
    if as_written is not None:
        assert quotes[0].speaker_as_written == as_written
        assert quotes[0].speaker is not None and quotes[0].speaker.endswith("Marsh")
    else:
        assert quotes[0].speaker == "Elena Marsh"


def test_description_speaker_is_kept_as_written_but_not_named() -> None:
    (quote,) = find_quotes(article("“We will appeal the ruling,” the council’s lawyer said."))
    assert quote.speaker_as_written == "the council’s lawyer"
    assert quote.speaker is None
    assert key_quote((quote,)) is None  # a key quote needs a named speaker


@pytest.mark.parametrize(
    "paragraph",
    [
        "Marsh said that “the vote is close” before leaving.",  # woven into her sentence
        "He appeared on ABC’s “This Week” on Sunday, Marsh said.",  # a show's title
        "Fans chanted “Build The Bridge” as Marsh said goodbye.",  # a slogan
        "The so-called “Harbour Deal” was signed, Marsh said.",  # scare quotes
    ],
)
def test_woven_phrases_titles_and_scare_quotes_are_not_quotations(paragraph: str) -> None:
    assert find_quotes(article(paragraph)) == ()


def test_quote_following_on_after_a_long_attribution_keeps_the_speaker() -> None:
    quotes = find_quotes(
        article(
            "“We did our best,” said David Gilbert, president of the host committee. “It is a "
            "tremendous opportunity for the town.”"
        )
    )
    assert [q.speaker for q in quotes] == ["David Gilbert", "David Gilbert"]


def test_quote_opening_the_next_paragraph_continues_the_speaker() -> None:
    quotes = find_quotes(
        article(
            "“Politics is a tough game,” Senator Nicole Brandt said.",
            "“That is the way it is, and we carry on.”",
        )
    )
    assert [q.speaker for q in quotes] == ["Nicole Brandt", "Nicole Brandt"]


def test_offsets_are_into_the_file_text(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_text(
        "---\ntitle: A title\ndate: 2026-11-26\n---\nIntro line here.\n\n"
        "“We **will** win,” said Coach Dana Whitlow.\n",
        encoding="utf-8",
    )
    story = read_article(path, UTC)
    (quote,) = find_quotes(story)
    raw = path.read_text(encoding="utf-8")
    assert raw[quote.start : quote.end] == "“We **will** win,”"
    assert quote.text == "We will win"  # the Markdown is stripped from the words shown


def test_a_speaker_ends_at_the_sentence_end_not_at_the_next_capital() -> None:
    """A period after a surname ends the sentence: "said Elena Marsh. Work began" names Elena
    Marsh (not "Elena Marsh. Work"), and the next quote's "she" resolves to her. A period after
    an initial or a title still joins the name."""
    body = (
        "“The pier is finished,” said Elena Marsh. Work began in May.\n\n"
        "“It took a year,” she said.\n\n"
        "“We will vote,” said Sen. Jane Doe.\n\n"
        "“Ask not,” said John F. Kennedy."
    )
    found = find_quotes(article(*body.split("\n\n")))
    assert [(q.speaker, q.speaker_as_written) for q in found] == [
        ("Elena Marsh", "Elena Marsh"),
        ("Elena Marsh", "she"),
        ("Jane Doe", "Sen. Jane Doe"),
        ("John F. Kennedy", "John F. Kennedy"),
    ]


# --- who is speaking (#13): each case is decided by the one rule its name gives ---


def only(*paragraphs: str, title: str = "Headline") -> Quote:
    (quote,) = find_quotes(article(*paragraphs, title=title))
    return quote


def test_title_and_party_around_a_name() -> None:
    quote = only("“The bill is dead in committee,” said Sen. Jane Doe (R-Utah).")
    assert (quote.speaker, quote.speaker_kind) == ("Jane Doe", "person")


def test_appositive_after_the_name() -> None:
    quote = only("“The bill is dead in committee,” Jane Doe, the committee’s chair, said.")
    assert quote.speaker == "Jane Doe"


def test_role_noun_before_the_name() -> None:
    quote = only("“Nobody has seen this map since 1890,” said curator Ruth Adeyemi.")
    assert (quote.speaker, quote.speaker_kind) == ("Ruth Adeyemi", "person")


def test_place_and_role_before_the_name() -> None:
    quote = only("“We have waited two years for this,” said Gullhaven resident Tomas Reyes.")
    assert quote.speaker == "Tomas Reyes"  # not the place


def test_according_to() -> None:
    quote = only("“The vote is close,” according to council leader Ruth Adeyemi.")
    assert quote.speaker == "Ruth Adeyemi"


def test_possessive_speaker_is_the_spokesman_not_the_possessor() -> None:
    quote = only("“The minister will not resign,” Marsh’s spokesman said.")
    assert quote.speaker is None
    assert quote.speaker_kind == "unnamed"
    assert key_quote((quote,)) is None


def test_unnamed_officials() -> None:
    quote = only("“The pier is unsafe and will stay closed,” officials in Harbourton said.")
    assert (quote.speaker, quote.speaker_kind) == (None, "unnamed")


def test_an_outlet_is_an_organisation_not_a_person() -> None:
    quote = only("“The pier will stay closed all winter,” the Harbourton Gazette reported.")
    assert quote.speaker_kind == "organisation"
    assert key_quote((quote,)) is None


def test_a_function_word_is_not_part_of_the_name() -> None:
    quote = only("Yet Elena Marsh said: “The vote is close and we will see it through.”")
    assert quote.speaker == "Elena Marsh"


def test_a_title_case_headline_is_not_a_name() -> None:
    quote = only(
        "“We were ready for the storm,” Marsh said.", title="Storm Response Praised By Marsh"
    )
    assert quote.speaker == "Marsh"


def test_mr_surname_never_resolves_to_a_woman_of_that_surname() -> None:
    quotes = find_quotes(
        article(
            "Anna Kowalski, the mayor, opened the bridge on Monday.",
            "Her husband watched from the crowd.",
            "“It took nine years to build this bridge,” Mr. Kowalski said.",
        )
    )
    assert quotes[-1].speaker != "Anna Kowalski"


def test_mrs_surname_resolves_to_the_woman_of_that_surname() -> None:
    quotes = find_quotes(
        article(
            "Ann Lee and Tom Lee run the bakery on Quay Street.",
            "“We bake four hundred loaves before dawn,” Mrs. Lee said.",
        )
    )
    assert quotes[0].speaker == "Ann Lee"


def test_she_follows_the_gender_of_the_first_name() -> None:
    quotes = find_quotes(
        article(
            "Paul Grant sold the boatyard to Laura Finch in March.",
            "“I always wanted to build boats for a living,” she said.",
        )
    )
    assert quotes[0].speaker == "Laura Finch"


def test_he_is_the_subject_speaking_not_the_last_man_named() -> None:
    quotes = find_quotes(
        article(
            "Tom Baker criticised the plan drawn up by Governor Dan Price.",
            "“Nobody asked the fishermen what they needed,” he said.",
        )
    )
    assert quotes[0].speaker == "Tom Baker"


def test_he_is_the_reporting_subject_not_a_possessor() -> None:
    quotes = find_quotes(
        article(
            "Price’s plan would close the harbour, Tom Baker said.",
            "“Nobody asked the fishermen what they needed,” he said.",
        )
    )
    assert quotes[0].speaker == "Tom Baker"


def test_a_continuing_quote_keeps_its_speaker() -> None:
    quotes = find_quotes(
        article(
            "“We sold the first week in an afternoon,” Laura Finch said, pointing at "
            "Paul Grant. “People have missed this route.”"
        )
    )
    assert [q.speaker for q in quotes] == ["Laura Finch", "Laura Finch"]


def test_a_surname_resolves_to_the_full_name_given_earlier() -> None:
    quotes = find_quotes(
        article(
            "Harbour master Owen Tregarthen closed the quay on Friday.",
            "“The swell will peak at midnight,” Tregarthen said.",
        )
    )
    assert quotes[0].speaker == "Owen Tregarthen"


def test_a_definite_description_resolves_through_the_title() -> None:
    quotes = find_quotes(
        article(
            "Sen. Jane Doe toured the flooded valley on Monday.",
            "“Nobody here has seen water like this,” the senator said.",
        )
    )
    assert (quotes[0].speaker, quotes[0].speaker_kind) == ("Jane Doe", "person")


# --- the key quote (#13) ---


def test_key_quote_word_limits_are_enforced() -> None:
    short = only("“We will win this,” said Elena Marsh.")  # 4 words
    assert key_quote((short,)) is None
    long_text = " ".join(["We will rebuild the pier and the road"] * 6)  # 48 words
    long = only(f"“{long_text}.” said Elena Marsh.")
    assert key_quote((long,)) is None


def test_key_quote_is_not_title_case() -> None:
    quote = only("Elena Marsh said: “Build Back The Harbour Wall Before The Winter Storms.”")
    assert key_quote((quote,)) is None


def test_key_quote_is_not_cut_before_its_but() -> None:
    quotes = find_quotes(
        article(
            "“We will finish the pier well before the summer season,” Elena Marsh said. "
            "“But the money for the road has run out and nobody will say why.”"
        )
    )
    chosen = key_quote(quotes)
    assert chosen is not None and chosen.text.startswith("But the money")


def test_key_quote_prefers_the_person_in_the_headline() -> None:
    quotes = find_quotes(
        article(
            "“The new timetable puts a ferry in every hour of the day,” said Tomas Reyes.",
            "“The new timetable gives the island a ferry every single hour,” said Ann Lee.",
            title="Lee promises hourly ferries",
        )
    )
    chosen = key_quote(quotes, headline="Lee promises hourly ferries")
    assert chosen is not None and chosen.speaker == "Ann Lee"


def test_quote_of_the_day_is_chosen_by_content_not_position() -> None:
    from digest.compose import quote_of_day
    from digest.model import Story

    def story(text: str, speaker: str) -> Story:
        quote = Quote(text, speaker, speaker, 0, len(text) + 2, speaker_kind="person")
        return Story(article=article("x"), summary=(), key_quote=quote)

    weak = story("The results are the results, and that is that", "Ann Lee")
    strong = story("I rowed the whole crossing alone because my father never could", "Tom Baker")
    assert quote_of_day([weak, strong]) is strong
    assert quote_of_day([strong, weak]) is strong


def test_speaker_kind_is_in_the_json_record() -> None:
    from digest.analysis.cache import quote_record

    quote = only("“The minister will not resign,” Marsh’s spokesman said.")
    assert quote_record(quote)["speaker_kind"] == "unnamed"


def test_an_acronym_is_an_organisation_not_a_person() -> None:
    quote = only("“The appeal has been rejected in full,” said the IAAF.")
    assert quote.speaker_kind == "organisation"


def test_a_generic_organisation_noun_is_not_printed_as_a_name() -> None:
    quote = only("“We have worked diligently to meet the deadline,” the agency said.")
    assert (quote.speaker, quote.speaker_kind) == (None, "organisation")


def test_a_capitalised_modifier_before_a_role_is_not_the_speaker() -> None:
    quote = only("“We are very pleased with the viewing figures,” a BBC spokesman said.")
    assert (quote.speaker, quote.speaker_kind) == (None, "unnamed")


def test_key_quote_needs_a_full_name() -> None:
    quote = only("“We are very pleased with how the first season went,” Marsh said.")
    assert quote.speaker == "Marsh"
    assert key_quote((quote,)) is None


def test_a_name_in_apposition_to_a_description_is_the_speaker() -> None:
    quote = only("“Life is very hard here,” his wife, Gabriela Lazar, wrote to the court.")
    assert quote.speaker == "Gabriela Lazar"


def test_a_photo_credit_is_not_a_person() -> None:
    quotes = find_quotes(
        article(
            "Peter Sands posted the clip on Thursday.",
            "Neilson Barnard via Getty Images.",
            "“What if the mayor had elocution lessons?” he asked in the description.",
        )
    )
    assert quotes[0].speaker == "Peter Sands"


def test_he_is_never_someone_named_after_him_in_his_own_sentence() -> None:
    quotes = find_quotes(
        article(
            "Tom Baker spoke at the harbour on Friday.",
            "He only hinted at Dan Price by mentioning the new wall and adding, “I have an "
            "idea of who should pay for it.”",
        )
    )
    assert quotes[0].speaker == "Tom Baker"


def test_a_shared_surname_is_the_namesake_the_passage_is_about() -> None:
    quotes = find_quotes(
        article(
            "Tom Lee spoke for his wife, Ann Lee, at the town hall.",
            "“She has run this bakery for thirty years,” he said.",
            "“Nobody works harder than she does,” Lee said.",
        )
    )
    assert [q.speaker for q in quotes] == ["Tom Lee", "Tom Lee"]


def test_he_falls_back_to_a_possessor_when_nobody_else_fits() -> None:
    quotes = find_quotes(
        article(
            "Tom Baker’s voice was hoarser than in 1992.",
            "“I have been doing this for thirty years,” he said.",
        )
    )
    assert quotes[0].speaker == "Tom Baker"


def test_unnamed_plural_before_the_verb() -> None:
    quote = only("“The harm is incalculable,” federal prosecutors wrote in their filing.")
    assert (quote.speaker, quote.speaker_kind) == (None, "unnamed")


def test_the_nearest_subject_after_as_speaks() -> None:
    quotes = find_quotes(
        article(
            "“There is a young man with some problems,” Cruz said as the heckler yelled: "
            "“You suck!”"
        )
    )
    assert quotes[-1].speaker_kind == "unnamed" and quotes[-1].speaker is None


def test_an_indefinite_description_is_unnamed_even_when_capitalised() -> None:
    quote = only("“The gap is too wide to close by March,” said a Nevada Democrat.")
    assert (quote.speaker, quote.speaker_kind) == (None, "unnamed")


def test_a_surname_with_a_particle_resolves_to_the_full_name() -> None:
    quotes = find_quotes(
        article(
            "Marine Le Pen spoke in Lyon on Sunday.",
            "“France comes first in everything we do,” Le Pen told the crowd.",
        )
    )
    assert quotes[0].speaker == "Marine Le Pen"


def test_a_quote_continuing_a_woven_phrase_keeps_that_speaker() -> None:
    quotes = find_quotes(
        article(
            "“Her plan will cost families their homes,” Ann Lee said.",
            "Tom Baker shot back, saying he has “made money in down markets.”",
            "“Frankly, this is the kind of thinking our country needs right now.”",
        )
    )
    assert quotes[-1].speaker == "Tom Baker"


def test_key_quote_is_not_a_piece_of_the_writers_sentence() -> None:
    quote = only(
        "Elena Marsh said: “We will take this fight and this plan for the harbour” to the "
        "rest of the county next spring."
    )
    assert not quote.whole
    assert key_quote((quote,)) is None


def test_he_skips_a_capitalised_pair_nobody_attests_as_a_person() -> None:
    quotes = find_quotes(
        article(
            "Tom Baker said the party would appeal.",
            "Inmates at Marlow Grange were moved on Friday.",
            "“I hope the government will act on this decision now,” he said.",
        )
    )
    assert quotes[0].speaker == "Tom Baker"


def _key(*paragraphs: str, title: str = "Headline") -> str | None:
    chosen = key_quote(find_quotes(article(*paragraphs, title=title)), headline=title)
    return None if chosen is None else chosen.text


def test_key_quote_that_trails_off_is_not_a_key_quote() -> None:
    """Without the rule, a quotation ending on an ellipsis or a dash is pulled, unfinished."""
    assert (
        _key("“I am going to look at a lot of different people for the job…” said Ann Marsh.")
        is None
    )
    assert _key("“I am going to look at a lot of different people for the job,” said Ann Marsh.")


def test_key_quote_on_the_headlines_subject_beats_an_aside() -> None:
    """Without the headline overlap, the earlier aside wins the tie."""
    text = (
        "“What stuns me is how little anything seems to shift from week to week,” said Adam Sharp.",
        "“The harbour bridge will stay closed to lorries until the repairs are finished,” "
        "said Ruth Adeyemi.",
    )
    assert _key(*text, title="Harbour bridge closed to lorries").startswith("The harbour bridge")
    assert _key(*text, title="Council news").startswith("What stuns me")


def test_key_quote_set_up_loses_to_the_point() -> None:
    """Without the set-up penalty, “Well, …” (earlier, same length band) is pulled."""
    chosen = _key(
        "“Well, we will have to see what engineers say about the pier next week,” said Ann Marsh.",
        "“Our engineers will decide whether the pier can open next week,” said Tom Reed.",
    )
    assert chosen is not None and chosen.startswith("Our engineers")


def test_key_quote_leaning_on_it_loses_to_one_that_stands_alone() -> None:
    """Without the rule, “It had …” (whose “it” is outside the quotation) is pulled."""
    chosen = _key(
        "“It had a real impact on the players and on the whole of the club,” said Sol Barnes.",
        "“The players were hurt by the defeat and the club knows it,” said Tom Reed.",
    )
    assert chosen is not None and chosen.startswith("The players")


def test_key_quote_question_loses_to_a_statement() -> None:
    """Without the question penalty, the earlier question is pulled."""
    chosen = _key(
        "“Who would want us to build a pier in a place like this one anyway?” said Ann Marsh.",
        "“We will build the pier by the spring whatever the weather does,” said Tom Reed.",
    )
    assert chosen is not None and chosen.startswith("We will build")


def test_key_quote_with_handles_and_links_loses_to_plain_speech() -> None:
    """Without the rule, a post's “@handle” text is pulled before plain speech."""
    chosen = _key(
        "“Proud of my friend @GovernorVA for breaking down these barriers,” wrote Ann Marsh.",
        "“Proud of my friends in the council for breaking down these barriers,” said Tom Reed.",
    )
    assert chosen is not None and "@" not in chosen


def test_a_quote_that_closed_its_sentence_is_not_credited_to_the_next_sentences_subject() -> None:
    """Without the rule, the correspondent who speaks in the next sentence gets the quote."""
    quotes = find_quotes(
        article(
            "Union leader Mark Serwotka warned of more walkouts. “If you want the pension you "
            "were promised you must work five more years,” he said. “That is completely "
            "unacceptable.” BBC correspondent Stephen Cape said the unions were a formidable "
            "force."
        )
    )
    assert [q.speaker for q in quotes] == ["Mark Serwotka", "Mark Serwotka"]


def test_a_short_attribution_after_a_closed_sentence_still_counts() -> None:
    """The rule above must not drop “…” said Jane Roe. (the whole next sentence, short)."""
    quote = only("“The pier will open in May.” said Jane Roe, the harbour master.")
    assert quote.speaker == "Jane Roe"


def test_he_after_an_unnamed_spokesman_is_not_the_last_person_named() -> None:
    """Without the rule, “he added” goes to Mr Seller, named two sentences earlier."""
    quotes = find_quotes(
        article(
            "“Other markets matter too,” added James Seller of the music trade body. "
            "A US Embassy spokesman said: “We are doing everything we can to process the "
            "applications.” “We will do our best to help the musicians,” he added."
        )
    )
    assert quotes[-1].speaker is None


def test_a_title_case_role_in_apposition_is_not_the_speaker() -> None:
    """Without the rule, “the venue's Promotions Coordinator” is printed as a person."""
    quote = only(
        "Mike Eccleshall, the venue's Promotions Coordinator, said: “Tickets sold out by 4pm "
        "on the day the news broke.”"
    )
    assert quote.speaker == "Mike Eccleshall"


def test_a_bare_shared_surname_follows_the_gender_the_passage_uses() -> None:
    """Without the cue, “said Sanders” goes to Jane, named last, not to Bernie."""
    quotes = find_quotes(
        article(
            "Bernie Sanders campaigned in New York on Friday with his wife, Jane Sanders.",
            "Sanders let Kingson speak first, and then he spent much of his own speech praising "
            "the candidate.",
            "“We really can win on Tuesday,” said Sanders as he closed out.",
        )
    )
    assert quotes[-1].speaker == "Bernie Sanders"


def test_he_said_goes_back_past_a_person_only_mentioned() -> None:
    """Without the rule, “He added” goes to Mr Houston, mentioned in a “He said that” line."""
    quotes = find_quotes(
        article(
            "Peter Nielson, who is the party's Scotland chairman, said he had suspended Mr John "
            "Houston on Friday night. He said that Mr Houston may be interviewed by the party. "
            "He added: “I have one version from him but I haven't seen the papers yet.”"
        )
    )
    assert quotes[-1].speaker == "Peter Nielson"


def test_a_headline_run_without_a_first_name_is_not_a_person() -> None:
    """Without the rule, “Wisconsin Trump” from the headline is the speaker's full name."""
    quote = only(
        "Trump spoke at the hotel on Tuesday.",
        "“Wisconsin was facing a $2.2 billion budget deficit,” Trump said.",
        "Donald Trump then went after the governor.",
        title="Teen pepper-sprayed in scuffle outside Wisconsin Trump rally",
    )
    assert quote.speaker == "Donald Trump"


def test_titles_end_at_the_last_title_word_even_after_an_acronym() -> None:
    """Without it “FBI General Counsel James A. Baker” is an organisation (the acronym)."""
    quote = only(
        "“We followed the statute to the letter,” said FBI General Counsel James A. Baker."
    )
    assert (quote.speaker, quote.speaker_kind) == ("James A. Baker", "person")


def test_an_abbreviated_military_title_gives_the_role() -> None:
    """Without "capt" among the titles, "the captain" goes to the fisherman named last."""
    quotes = find_quotes(
        article(
            "Capt. Jane Doe led the rescue on Tuesday. Tom Baker, a fisherman, watched from "
            "the pier.",
            "“We got everyone off the boat before the tide turned,” the captain said.",
        )
    )
    assert quotes[-1].speaker == "Jane Doe"


def test_a_short_attribution_sentence_counts_when_the_paragraph_goes_on() -> None:
    """Without it “…” Tom Baker said. followed by another sentence loses the quote."""
    quote = only("“We will rebuild the pier.” Tom Baker said. The unions agreed to the plan.")
    assert quote.speaker == "Tom Baker"


def test_a_quotation_in_another_language_is_found_but_credited_to_nobody() -> None:
    # the attribution rules are English: read by them, "Am Ende" and "Er" were people
    paragraphs = (
        "Die Stadt plant eine neue Brücke über den Fluss.",
        "Im März: „Wir haben bereits die Zusage für die neue Brücke bekommen, und sie kommt.“",
        "Am Ende: „Wollen wir so leben? Das wollen wir alle nicht, sagen die Anwohner.“",
    )
    german = find_quotes(article(*paragraphs, language="german"))
    assert [q.text[:8] for q in german] == ["Wir habe", "Wollen w"]
    credits = {(q.speaker, q.speaker_kind, q.speaker_as_written) for q in german}
    assert credits == {(None, None, None)}
    assert key_quote(german) is None
    # the same text read as English still credits its speakers
    english = find_quotes(article(*paragraphs))
    assert [q.speaker_as_written for q in english] != [None, None]
