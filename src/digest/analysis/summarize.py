"""Extractive summaries with sumy: the only module that imports it.

Sentences are split offline (:mod:`digest.analysis.language`); the summary keeps the article order.
Candidates are the body sentences that can stand in a summary: a dateline is cut off the front
of a sentence, and bylines, picture captions and credits, "Also read" lines, date stamps, bare
quote fragments, very short lines, repeats and restatements of the headline or dek are left out.
Every algorithm chooses among the same candidates.

The default, ``news`` (:class:`NewsSummarizer`), ranks by topicality on the word graph TextRank
and Reduction use, leans towards fuller sentences, and puts the lead first whenever it is on the
article's topic: in news the lead carries the story.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer, null_stemmer
from sumy.summarizers import AbstractSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from digest.analysis import boilerplate, quotemarks
from digest.analysis.interview import is_interview
from digest.analysis.language import ScriptTokenizer, tokenizer
from digest.analysis.names import (
    CALENDAR_WORDS,
    FIRST_NAMES,
    WORD,
    norm,
    without_possessive,
    word_list,
)
from digest.model import Article
from digest.settings import DEFAULT_ALGORITHM, DEFAULT_SENTENCES, check_algorithm

STEMS_MEMO = 50_000  # words whose stems a summarizer remembers
REPEAT_SHARE = 0.8  # a sentence with this share of its words in the headline or dek repeats it


class NewsSummarizer(AbstractSummarizer):
    """Lead first, then the sentences that carry the story, each able to stand alone.

    * lead: the first candidate that states news: not a sentence that leans on one before it
      ("But ...", "He ..."), not a teaser by its form (a quotation first, "you", "It was a"),
      not an anecdote (one that shares no word with the headline and dek nor with the sentence
      after it, unless it :func:`reports`), not about someone by description
      (:func:`describes`), at least ``LEAD_MIN_WORDS`` words; failing that, the "nut graf":
      the most topical of the first ``NUT_GRAF_WINDOW`` candidates;
    * the other places go to the highest ``(topicality + LEAD_WEIGHT * overlap with the lead
      + HEADLINE_WEIGHT * overlap with the headline and dek) * words ** length_exponent *
      position prior``: topicality is the summed cosine overlap of a sentence's stemmed words
      (no stop words) with every other sentence's, normalised to the most topical; the
      position prior ``1 / (1 + position / POSITION_SCALE)`` is news's
      inverted pyramid;
    * a sentence that opens on a connective or a pronoun ("However", "This", "She", "The
      letter"), or points back inside it ("also", "that decision"), is taken only together
      with the sentence before it in the article, shown right before it (never across a
      sentence left out);
    * a sentence that says again what a chosen one says (cosine ``REDUNDANT``) is passed over,
      and one about someone by description comes only after a chosen sentence.
    """

    length_exponent = 0.3  # cosine overlap favours short sentences: a little back to fuller ones
    LEAD_MIN_WORDS = 8
    NUT_GRAF_WINDOW = 5
    NUT_GRAF_AFTER = 3  # a scene-setting lead gives way to one of the next three sentences
    NUT_GRAF_SHARED = 3  # that shares this many of the headline's words
    LEAD_WEIGHT = 1.0
    HEADLINE_WEIGHT = 1.0  # the headline and dek name the story: a sentence about it is worth more
    # news's inverted pyramid, strongly: what follows the lead is what the reporter put next.
    # Read blind on 80 articles it changes (2026-12-02), 0.5 was preferred to 3.0 46 to 32
    # and to the first three sentences 20 to 12; it costs BBC ROUGE-2 2.4 points
    POSITION_SCALE = 0.5
    MAX_WORDS = 45  # a longer unit (a run-on quotation, a list) is a poor summary line …
    LONGEST = 60  # … taken only when no shorter one can fill the place, and never longer
    REDUNDANT = 0.5  # a sentence this close (cosine) to one already chosen says it again
    _stop_words: frozenset[str] = frozenset()

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._stems: dict[str, str] = {}  # the stemmer is deterministic and costly: remembered

    @property
    def stop_words(self) -> frozenset[str]:
        return self._stop_words

    @stop_words.setter
    def stop_words(self, words: Iterable[str]) -> None:
        self._stop_words = frozenset(map(self.normalize_word, words))

    headline: tuple[str, ...] = ()  # the headline and dek's words, set by :func:`summarize`
    # sentences the article does not have right after the sentence before them (something was
    # left out between), set by :func:`summarize`: no sentence before them answers a lean back
    after_gap: frozenset[str] = frozenset()
    # the surnames the article's body gives with a first name ("Graham Lane"), set by
    # :func:`summarize`: a lead naming one by title alone ("Mr Lane") meets a stranger
    given_names: frozenset[str] = frozenset()

    def __call__(self, document: Any, sentences_count: int) -> tuple[Any, ...]:
        sentences = list(document.sentences)
        chosen = self.choose(sentences, sentences_count)
        return tuple(sentences[i] for i in sorted(chosen))

    def _stemmed(self, words: Iterable[str]) -> set[str]:
        """The stems of ``words`` without stop words (each word stemmed once, remembered)."""
        stems = self._stems
        normal = (self.normalize_word(w) for w in words)
        return {
            stems.get(w) or stems.setdefault(w, self.stem_word(w))
            for w in normal
            if w not in self._stop_words
        }

    def _to_words_sets(self, sentences: list[Any]) -> list[set[str]]:
        """Each sentence's stemmed words without stop words."""
        if len(self._stems) > STEMS_MEMO:
            self._stems.clear()
        return [self._stemmed(sentence.words) for sentence in sentences]

    @staticmethod
    def _overlap(a: set[str], b: set[str]) -> float:
        return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0

    def topicality(self, sets: list[set[str]]) -> list[float]:
        """Summed cosine overlap of each sentence's word set with every other sentence's."""
        scores = [0.0] * len(sets)
        for i, a in enumerate(sets):
            for j in range(i + 1, len(sets)):
                shared = self._overlap(a, sets[j])
                scores[i] += shared
                scores[j] += shared
        return scores

    def _lead(
        self,
        sentences: list[Any],
        sets: list[set[str]],
        topic: list[float],
        aside: set[int],
        headline: set[str],
        introduced: dict[str, int],
    ) -> int:
        """The lead's index: the first sentence that states the news; a teaser or scene-setter
        before it is put ``aside``: one that reads as one (:func:`is_teaser`), or one that shares
        no word with the headline and dek nor with the sentence after it and does not report (an
        anecdote). A sentence about someone by description never leads."""
        texts = [str(s) for s in sentences]
        heading = " ".join(self.headline)

        def stranger(i: int) -> bool:
            # "The problem, according to Mr Lane, is …" opening the summary: who is Mr Lane?
            # (by title only: a bare "Trump" or "Jindal" in a lead reads well enough; and only
            # someone the article gives a first name: not "Dr Martens shares fell")
            titled = {without_possessive(m[1]) for m in _TITLED_SURNAME.finditer(texts[i])}
            return bool(titled & self.given_names & unintroduced(texts[i], introduced, i, heading))

        for i, sentence in enumerate(sentences[: self.NUT_GRAF_WINDOW]):
            if leans_back(str(sentence)) or len(sentence.words) < self.LEAD_MIN_WORDS:
                continue
            if stranger(i):
                continue
            if describes(str(sentence)):
                continue  # "The Vermont senator won …": who, the reader has not been told
            after = sets[i + 1] if i + 1 < len(sets) else set()
            if is_teaser(str(sentence)) or (
                headline
                and not sets[i] & headline
                and not sets[i] & after
                and not reports(str(sentence))
            ):
                aside.add(i)  # a teaser or scene-setter: the news is further down
                continue
            nut = self._nut_graf(sentences, sets, headline, i)
            if nut is not None:
                aside.add(i)
                return nut
            return i
        window = list(range(min(len(sentences), self.NUT_GRAF_WINDOW)))
        if all(i in aside for i in window):  # none shares a word with the headline: no teaser
            aside.clear()
        # a lead that leans on a sentence it is not shown with ("He needs to keep speaking…")
        # is worse than a scene-setter: one put aside still beats a sentence that leans back
        lead = max(
            window,
            key=lambda i: (
                not leans_back(str(sentences[i]))
                and not describes(str(sentences[i]))
                and not stranger(i),
                i not in aside,
                len(sets[i] & headline),
                topic[i],
                -i,
            ),
        )
        aside.discard(lead)
        return lead

    def _nut_graf(
        self, sentences: list[Any], sets: list[set[str]], headline: set[str], i: int
    ) -> int | None:
        """The sentence that states the news when lead ``i`` only sets the scene: the lead
        shares at most one word with the headline and dek, neither reports nor is placed in
        time ("Millennials have a message for the next president.", a subhead "Plan would
        create huge experiment …"), and one of the next ``NUT_GRAF_AFTER`` sentences that
        stands alone shares at least ``NUT_GRAF_SHARED`` (and two more than the lead):
        "Donald Trump's accusation that Hillary Clinton is playing the 'woman's card' …"."""
        text = str(sentences[i])
        shared = len(sets[i] & headline)
        if not headline or shared > 1 or reports(text) or _PLACED_IN_TIME.search(text):
            return None
        for j in range(i + 1, min(len(sentences), i + 1 + self.NUT_GRAF_AFTER)):
            later = str(sentences[j])
            if (
                leans_back(later)
                or describes(later)
                or is_teaser(later)
                or _ADDRESSES_READER.search(later)
                or len(sentences[j].words) < self.LEAD_MIN_WORDS
            ):
                continue
            if len(sets[j] & headline) >= self.NUT_GRAF_SHARED:  # two more than the lead's
                return j
        return None

    def choose(self, sentences: list[Any], count: int) -> set[int]:
        """The indexes of the ``count`` sentences of the summary."""
        if len(sentences) <= count:
            return set(range(len(sentences)))
        sets = self._to_words_sets(sentences)
        topic = self.topicality(sets)
        top = max(topic) or 1.0
        aside: set[int] = set()
        headline = self._headline_set()
        texts = [str(s) for s in sentences]
        introduced = first_named(texts)
        heading = " ".join(self.headline)
        lead = self._lead(sentences, sets, topic, aside, headline, introduced)
        score = {
            i: (
                topic[i] / top
                + self.LEAD_WEIGHT * self._overlap(sets[i], sets[lead])
                + self.HEADLINE_WEIGHT * self._overlap(sets[i], headline)
            )
            * len(s.words) ** self.length_exponent
            / (1 + i / self.POSITION_SCALE)
            for i, s in enumerate(sentences)
            if i != lead and i not in aside and len(s.words) <= self.LONGEST
        }
        # a longer unit comes only when nothing shorter can take the place
        long = {i for i in score if len(sentences[i].words) > self.MAX_WORDS}
        chosen = {lead}

        def strangers(i: int, also: int | None = None) -> bool:
            """Sentence ``i`` names someone by surname alone ("Mr. Bennett", "Oksuz said")
            whom no sentence shown before it (``also``, and the chosen) nor the headline has
            named."""
            before = sorted(j for j in chosen if j < i) + ([] if also is None else [also])
            shown = [heading, *(texts[j] for j in before)]
            return bool(unintroduced(texts[i], introduced, i, " ".join(shown)))

        def unknown_thing(i: int, also: int | None = None) -> bool:
            """Sentence ``i``'s subject is a thing a story names by a title ("The song will not
            be released …") that neither the headline nor a sentence shown before it
            (``also``, and the chosen) mentions: which song?"""
            noun = the_thing(texts[i])
            if noun is None:
                return False
            known = set(headline)
            for j in [*(j for j in chosen if j < i), *([] if also is None else [also])]:
                known |= sets[j]
            return self._stemmed([noun]).isdisjoint(known)

        def unplaced(i: int) -> bool:
            """Sentence ``i`` is about someone by description with no chosen sentence before
            it: shown, it would open the summary."""
            return describes(texts[i]) and not any(j < i for j in chosen)

        def stranger_by_role(i: int, also: int | None = None) -> bool:
            """Sentence ``i`` credits a quotation to "the Florida senator" when neither the
            headline, nor a sentence shown before it (``also``, and the chosen), nor the
            sentence itself names anyone by full name or says senator: whose words? (After
            "Michael Howard has said", "the Conservative leader said" is Howard.)"""
            role = credited_by_role(texts[i])
            if role is None:
                return False
            before = [j for j in chosen if j < i] + ([] if also is None else [also])
            words = [*self.headline, *(w for j in before for w in WORD.findall(texts[j]))]
            if _full_named([*words, *WORD.findall(texts[i])]):
                return False
            shown = {w.lower().rstrip(".") for w in words}
            return not ({role} | _ROLE_TITLES.get(role, set())) & shown

        def misread(i: int) -> bool:
            """Sentence ``i``'s subject is a person by description right after an article
            sentence naming someone the summary has not shown: "Sprinter Mark Lewis-Francis
            will also not compete. The Birmingham athlete, who …" after a lead on Chris
            Tomlinson would be read as him."""
            if i == 0 or not describes_after(texts[i]):
                return False
            shown = {
                without_possessive(w) for j in chosen if j < i for w in WORD.findall(texts[j])
            } | {without_possessive(w) for w in self.headline}
            return any(name not in shown for name in _full_named(WORD.findall(texts[i - 1])))

        def says_again(i: int) -> bool:
            """Sentence ``i`` says again what a chosen one says (an abstract, then its story)."""
            return any(self._overlap(sets[i], sets[j]) >= self.REDUNDANT for j in chosen)

        for i in sorted(score, key=lambda i: (i in long, -score[i], i)):
            if len(chosen) >= count:
                break
            if says_again(i):
                continue
            if unplaced(i) or says_here(texts[i]):
                # a description needs a sentence shown before it; after the lead (never among
                # these), "here" is the place of a dateline the summary cuts off
                continue
            joined = texts[i] not in self.after_gap  # right after sentence i - 1
            back = leans_back(texts[i]) or misread(i)
            if not back or (i - 1 in chosen and joined):
                if not strangers(i) and not unknown_thing(i) and not stranger_by_role(i):
                    chosen.add(i)
            elif (
                joined
                and i - 1 in score
                and i - 1 not in long  # a longer unit only fills a place alone
                and count - len(chosen) >= 2
                and not says_again(i - 1)
                and not leans_back(texts[i - 1])
                and not unplaced(i - 1)
                and not says_here(texts[i - 1])
                and not strangers(i - 1)
                and not strangers(i, also=i - 1)
                and not unknown_thing(i - 1)
                and not unknown_thing(i, also=i - 1)
                and not stranger_by_role(i - 1)
                and not stranger_by_role(i, also=i - 1)
            ):
                chosen.update((i - 1, i))
        return chosen

    def _headline_set(self) -> set[str]:
        return self._stemmed(self.headline)

    def rate_sentences(self, document: Any, sentences_count: int = 3) -> dict[Any, float]:
        """sumy's interface: the chosen sentences rate 1 (in article order), the others 0."""
        sentences = list(document.sentences)
        chosen = self.choose(sentences, sentences_count)
        return {s: float(i in chosen) for i, s in enumerate(sentences)}


# "But ...", "However, ...", "This ...", "She ...", "The letter ...": a sentence that leans on
# the one before it for its meaning
_LEANS_BACK = re.compile(
    r"^[\"“‘']?(?:But|However|And|Yet|Still|Also|Meanwhile|Instead|Moreover|Furthermore"
    r"|Nonetheless|Nevertheless|Indeed|Thus|Therefore|Hence|So|Then|Otherwise|Besides"
    r"|Unfortunately|Fortunately|Ironically|Likewise|Similarly|Rather(?! than)|Conversely|Again"
    r"|In (?:addition|contrast(?! to\b)|response(?! to\b)|turn|fact|other (?:cases|words)|any case)"
    r"|As a result"
    r"|By contrast|On the other hand|At the same time|Either way|Nor"
    r"|Having said that|To be sure|Even then|Even so|Later(?=,)|Adding(?=[ \t]*[,:])"
    r"|Separately(?=,)|In (?:a|another) separate\b"  # "In a separate statement, the EU said …"
    r"|To (?:this|that) end\b"  # "To this end, Switzerland presents itself …": what end?
    r"|Actually(?=,)"  # "Actually, what socialism does is …": answering what?
    r"|Well(?=,)"  # "Well, the GOP had three before …": a reply, to what?
    r"|(?:One|Another|Two|Three|Some|Other)[ \t]+such"  # "One such avatar is Jeremiah."
    # "Six stops later, …", "Two days later …", "Minutes later": after what?
    r"|(?:A|An|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Twelve|\d+|Several|Some|Few"
    r"|Seconds|Minutes|Hours|Days|Weeks|Months|Years|Moments)[ \t]+(?:[a-z]+[ \t]+)?later"
    r"(?=[ \t,])"
    # "The next series of emails shows …" (not "The next day", "The next president")
    r"|The[ \t]+next(?![ \t]+(?:[A-Z]|(?:day|week|month|year|morning|afternoon|evening|night"
    r"|weekend|season|election|president|generation|government|decade|century)\b))"
    r"|That's|That’s|This|That|These|Those|It|Its|He|She|They|His|Her|Their|Him|Them"
    r"|All (?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
    r"|The (?:numbers|figures)(?! (?:of|from|for|on|in)\b)"
    r"|Such|Both|The (?:(?:former|two|three)(?![\w-])"
    # "The former head of the firm", "The two executives at the bank" say whom; "The former",
    # "The two men" point back
    r"(?:(?=[ \t]*[,.;:]|[ \t]+(?:is|was|are|were|has|had|have|will|would|can|could|may|might"
    r"|should|must|said|says|told|met|did|do|does|also|both|\w+ed)\b)"
    r"|(?!(?:[ \t]+(?!(?:is|was|are|were|has|had|have|met|said|says|told|\w+ed)\b)[\w’'-]+){1,4}?"
    r"[ \t]+(?:of|at|from|in|on|for|with|who|whose|which|that)\b))"
    r"|same(?!(?:[ \t]+[\w'’-]+){0,4}[ \t]+(?:as|that|who|which)\b)"
    r"|other|move|letter|decision|plan|statement|comments?|remarks"
    r"|report|bill|deal|announcement|proposal|request|change|measure|law|case|ruling|vote"
    r"|incident|attack|pair|couple))\b(?!-)"  # not "Then-Gov. Bush"
)


# a person by a description of who they are, as the subject: "The Vermont senator won …",
# "The 21-year-old singer said …", "Sooner or later, the New Jersey governor told reporters"
# (not "The governor of Texas", which names the post)
_ROLE_NOUNS = (
    r"senator|governor|candidate|nominee|front-?runner|congress(?:wo)?man|lawmaker|mayor"
    r"|president|chairman|chairwoman|leader|secretary|minister|chancellor|businessman"
    r"|businesswoman|billionaire|mogul|incumbent|challenger|hopeful|contender|actor|actress"
    r"|singer|star|rapper|comedian|host|presenter|striker|midfielder|defender|goalkeeper"
    r"|coach|manager|boss|captain|champion|winner|veteran|politician|speaker|justice|judge"
    # sport's positions: "The Borders flanker has a knee injury" (round 29)
    r"|flanker|winger|fly-half|scrum-half|full-back|forward|keeper|batsman|bowler|jockey"
    r"|sprinter|swimmer|golfer|cyclist|boxer"
)
_ROLES = rf"(?:{_ROLE_NOUNS})"
# an opening phrase before the subject: "Sooner or later, the governor …"
_OPENING_PHRASE = r"^(?:[A-Z][^,.;:!?\"“”]{0,40},[ \t]+)?"
# the words before a role: "the former", "the Vermont", "the 21-year-old", "the twice-elected"
_ROLE_MODIFIERS = (
    r"former|then|longtime|veteran|embattled|outgoing|retiring|incoming"
    r"|[A-Z][\w.’'-]*|\d+-year-old|[a-z]+-[a-z]+(?:-[a-z]+)*"
)
_ROLE_MODIFIER = rf"(?:{_ROLE_MODIFIERS})"
_DESCRIBED = re.compile(
    rf"{_OPENING_PHRASE}(?i:t)he[ \t]+(?:{_ROLE_MODIFIER}[ \t]+){{0,3}}"
    rf"{_ROLES}(?:-[a-z]+)*(?:['’]s)?"  # "nominee-in-waiting", "president-elect"
    r"[ \t]+(?!of\b|for\b|in\b|at\b|who\b|whose\b|from\b|on\b|to\b)[a-z]"
)
# after the lead, a subject by description is whoever the sentence before it in the article
# named: "Sprinter Mark Lewis-Francis will also not compete. The Birmingham athlete, who
# clocked …" (round 34) read after a lead on Chris Tomlinson names the wrong man. Wider than
# :data:`_DESCRIBED` (a lead may well be "The prime minister has defended …"): more roles,
# plain words before them ("The vulture fund manager"), and an aside after them.
_DESCRIBED_AFTER = re.compile(
    rf"{_OPENING_PHRASE}(?i:t)he[ \t]+(?:(?:{_ROLE_MODIFIERS}"
    # plain words, not a verb or a function word ("The court heard the driver …")
    r"|(?!(?:the|an?|his|her|its|their|this|that|of|for|in|at|by|with|who|whose|from|on|to"
    r"|and|or|but|is|was|are|were|be|been|has|had|have|will|would|said|says|told)\b)"
    r"(?![a-z]+ed\b)[a-z]+)[ \t]+){0,3}"
    rf"(?:{_ROLE_NOUNS}"
    r"|athlete|player|runner|jumper|driver|rider|skier|musician|guitarist|drummer|director"
    r"|producer|author|writer|novelist|executive|tycoon|entrepreneur|founder|investor"
    r"|financier|banker)(?:-[a-z]+)*(?:['’]s)?"
    # then a verb or an aside: not a noun ("The executive order bans …", "The driver shortage")
    r"(?:,(?![ \t]*[A-Z])|[ \t]+(?:who|has|had|is|was|will|would|said|says|also|then|wrote|won"
    r"|lost|took|made|told|came|went|got|gave|ran|[a-z]+ed|[a-z]+[^s]s)\b)"
)
# a back-reference inside the sentence: "The story also noted", "... on the other hand ...",
# "the same court" (not "the same day as"), "such a change", "that decision", "this week's ruling"
_EVENT = (
    r"(?:decision|ruling|move|announcement|statement|report|story|article|deal|plan|proposal"
    r"|vote|question|case|incident|attack|bill|law|comment|remark|claim|meeting|speech|verdict"
    r"|finding|policy|approach|idea|letter|view|argument|criticism|promise|pledge|threat|vow)"
)
_REFERS_BACK = re.compile(
    r"^[^,.;:!?]{1,40},[ \t]*however,"  # "A short drive away, however, …"
    # "Jones, in short, may be Trump's kind of guy.": summing up what came before
    r"|^[^,.;:!?]{1,40},[ \t]*in (?:short|sum|other words),"
    r"|\b(?:on the other hand|the latter\b"
    # "were another matter altogether", "is not the only factor at play": compared with what?
    r"|(?:another|a different) matter\b|(?:is|was|are|were) not the only\b"
    r"|(?:isn|wasn|aren|weren)['’]t the only\b"
    r"|(?:a|an|another|the other)\s+(?:[a-z]+\s+)?one[.!]?$"  # "had a terrible one.": one what?
    # "The resulting song", "Hundreds more showed up", "Dianne Bystrom agreed.": after what?
    r"|\b(?:the|its|their)\s+(?:resulting|ensuing|subsequent)\b"
    r"|^(?:hundreds|thousands|dozens|scores|millions)\s+more\b|\bagreed[.!]?$"
    # "…, she added." ending reported speech: who is she? ("The government would go ahead …,
    # she added.")
    r"|,[ \t]*(?:he|she|they)[ \t]+(?:said|says|added|adds|continued|told\s+\w+)[.!]?$"
    # "paid this much attention", "If it takes this long": as much as what?
    r"|\b(?:this\s+(?:much|many|long|far)|that\s+(?:long|far))\b(?!\s+(?:as|ago|before|since)\b)"
    # "Two Americans were killed at each location.": each of which?
    r"|\beach\s+(?:location|site|place|venue|facility|compound|incident|attack)\b"
    # "Each celebrity will be paired with …" (not "Each year …", "Each Monday …", "Each of the
    # three …", nor "Each election cycle, …", a time)
    r"|^each\s+(?!(?:of|year|day|week|month|time|season|night|morning|evening|weekend"
    r"|summer|winter|spring|autumn|fall|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january"
    r"|february|march|april|may|june|july|august|september|october|november|december)\b)"
    r"[a-z]++(?:\s+[a-z]++)?+(?!,)"
    # "There is then a trio …": after what? ("There are also …" is _ALSO's)
    r"|^there\s+(?:is|are|was|were|will\s+be)\s+then\b"
    # "Unless countries act, they say, the world …", "If Clinton is elected, he said, …": who
    # says? (after an opening subordinate clause; "The Greens want the tax because, they
    # argue, …" names them)
    r"|^(?:If|Unless|When|While|Whether|Because|Although|Though|As|Once|Until|Before|After"
    r"|Since|Even\s+if)\b[^,;]{1,60},\s*(?:he|she|they)\s+(?:say|says|said|add|adds|added"
    r"|argue|argues|argued|warn|warns|warned|believe|believes|believed)\s*,"
    r"|(?:the same|such an?)\b(?!\s+time\b)"
    r"(?!(?:\s+[\w'’-]+){0,4}\s+(?:as|that|who|which|where|when)\b)"
    rf"|that\s+{_EVENT}\b(?!\s+to\b)|(?:this|these|those)\s+{_EVENT}s?\b"
    rf"|(?:this|last|that|next)\s+(?:week|month|year|weekend)['’]s\s+{_EVENT}\b)",
    re.I,
)
# "also" in the main clause (the first words): "The station also confirmed ..."; a reply in
# them ("Clinton fired back that ...") answers something said before it
_ALSO = re.compile(
    r"^(?:\S+\s+){0,6}?(?:also\b(?!\s+known\b)"
    r"|(?:fired|shot|hit|struck) back\b|(?:countered|retorted|responded|replied)\b"
    r"|added(?=[ \t]*[:,]|[ \t]+that\b)|(?:went|goes)[ \t]+on[ \t]+to\b)",
    re.I,
)
_TEASER = re.compile(
    r"^(?:It (?:was|is) (?:a|an|the)\b|Imagine\b|Picture this\b)"
    # the reader told to do something: "Spin the radio dial in the US and you are likely to …"
    r"|^(?-i:(?:Spin|Meet|Consider|Picture|Forget) the [a-z]|Meet [A-Z][a-z]+ [A-Z]"
    r"|(?:Picture|Consider|Forget|Think (?:of|about|back)|Look at|Walk into|Step into"
    r"|Ask (?:anyone|any)|Take a (?:look|walk|drive|stroll))(?![\w-]))"
    r"|^(?:\S+\s+){0,3}(?:you|your|you['’](?:re|ve|ll|d))(?![\w-])",
    re.I,
)


# "Mr. Bennett", "Ms Simonetti", "Dr Patel": a person by title and surname
# (not "Dr. Sebastian Gorka": a first name after the title)
_TITLED_SURNAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?[ \t]+([A-Z][\w’'-]++)(?![ \t]+[A-Z][a-z])"
)


def _full_named(words: list[str]) -> list[str]:
    """The surnames these words give after a first name ("Adil Oksuz"), in order."""
    return [
        without_possessive(last)
        for first, last in itertools.pairwise(words)
        if first[:1].isupper() and last[:1].isupper() and norm(first) in FIRST_NAMES
    ]


def first_named(sentences: list[str]) -> dict[str, int]:
    """Each surname the sentences give a person, with a first name ("Adil Oksuz") or a title
    ("Mr. Bennett"), and the index of the first sentence that does."""
    found: dict[str, int] = {}
    for index, sentence in enumerate(sentences):
        for surname in _full_named(WORD.findall(sentence)):
            found.setdefault(surname, index)
        for titled in _TITLED_SURNAME.finditer(sentence):
            found.setdefault(without_possessive(titled[1]), index)
    return found


def unintroduced(sentence: str, introduced: dict[str, int], index: int, shown: str) -> set[str]:
    """The surnames ``sentence`` uses alone, by title ("Mr. Bennett") or bare for a person the
    article introduced in an earlier sentence ("Oksuz"), that neither the sentence itself names
    with a first name nor ``shown`` (the headline and what the summary shows before it) names at
    all. A reader of the summary would meet a stranger: "Ms Simonetti said …"."""
    words = WORD.findall(sentence)
    alone = {without_possessive(m[1]) for m in _TITLED_SURNAME.finditer(sentence)}
    alone |= {s for s in map(without_possessive, words) if introduced.get(s, index) < index}
    known = {without_possessive(w) for w in WORD.findall(shown)}
    return alone - set(_full_named(words)) - known


# a sentence that only announces what comes next: "Maher was not done with his train of
# thought.", "Fox told a slightly different tale.", "But he didn't stop there.", "It was a
# different story in Virginia's 10th district.", "That's not all." (round 20's empty teasers)
ANNOUNCES_MAX_WORDS = 12
_ANNOUNCES = re.compile(
    r"\b(?:was|were|is|are)(?:\s+not|n['’]t)\s+(?:done|finished)(?:\s+there|\s+with\s+"
    r"(?:his|her|their|its)\s+(?:train\s+of\s+thought|tirade|rant|remarks|attacks?|criticism"
    r"|comments))[.!]?$"
    r"|\bdid(?:\s+not|n['’]t)\s+(?:stop|end)\s+there[.!]?$"
    r"|\btold\s+a\s+(?:\w+\s+)?different\s+(?:tale|story)[.!]?$"
    r"|^(?:But\s+|And\s+)?(?:It|That|Things?)\s+(?:was|were|is|are)\s+(?:a\s+)?(?:\w+\s+)?"
    r"different\s+(?:story|tale|matter)\b"
    r"|^(?:But\s+|And\s+)?(?:that['’]s|that\s+is|there['’]s|there\s+is)\s+(?:not\s+all|more)[.!]?$"
    # "Bill Thompson thinks it's about time."
    r"|\b(?:it['’]s|it\s+is)\s+(?:about|high)\s+time[.!]?$"
    # "Enter The Washington Post.": a stage direction bringing on who comes next
    r"|^(?-i:Enter\s+(?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})[.!]?$",
    re.I,
)
# "Here are five key trends to watch across the states this year.": a list's heading, at any
# length, promising what a summary does not show
_LIST_HEADING = re.compile(
    r"(?:^|:[ \t]+)(?:And[ \t]+|So[ \t]+)?(?:Here|Below)[ \t]*(?:are|is|['’]s|['’]re)\b"
    r"(?!.*\b(?:said|says)\b)"
    r"|^(?:The[ \t]+)?following[ \t]+(?:are|is)\b",
    re.I,
)


def announces(sentence: str) -> bool:
    """A short sentence that only announces what follows ("But he didn't stop there."): shown
    without what it announces, it promises the reader nothing."""
    outside = quotemarks.outside_quotes(sentence).strip()
    heading = _LIST_HEADING.search(outside)
    # "Here are the numbers: unemployment fell to 4.1 per cent": what it announces follows
    if heading and not re.search(r":[ \t]+(?:\S+[ \t]+){3,}\S", outside[heading.end() :]):
        return True
    if len(WORD.findall(sentence)) > ANNOUNCES_MAX_WORDS:
        return False  # "But it was a different story for Denise Lewis, who withdrew …" says it
    return bool(_ANNOUNCES.search(outside))


# "voters here", "a rally here last week", "the nomination here Thursday": "here" in the
# reporter's words is the dateline's place; not "are (still) here", "better here than", "Here
# is", "the point here is", "click here", "neither here nor there"
_HERE = re.compile(r"(?<=[a-z] )here\b")
_NOT_PLACE_HERE = re.compile(
    r"\b(?:is|are|was|were|be|been|am|['’]s|['’]re)(?:[ \t]+[a-z]+ly|[ \t]+still|[ \t]+not)?"
    r"[ \t]+here\b"
    r"|\bhere[ \t]+(?:than|to[ \t]+stay|nor[ \t]+there|is[ \t]+that)\b"
    r"|\b(?:point|issue|question|problem|thing|lesson|story|message)[ \t]+here\b"
    r"|\b(?i:click)[ \t]+here\b"
)


_PLACED_AFTER = re.compile(r"\b(?:from|near|to|around|outside|of|in|at|by)[ \t]+$", re.I)


def placed(sentence: str, place: str | None) -> str:
    """The sentence with its "here" (the reporter's, for a place) written as the dateline's
    place the summary cut off: "accepted the nomination here Thursday" → "accepted the
    nomination in Cleveland Thursday" (round 39's readers: "'here' dangles")."""
    if place is None or not says_here(sentence):
        return sentence
    mask = quotemarks.quoted(sentence, begins_inside=False)
    not_places = [m.span() for m in _NOT_PLACE_HERE.finditer(sentence)]
    for found in _HERE.finditer(sentence):
        if mask[found.start()] or any(lo <= found.start() < hi for lo, hi in not_places):
            continue
        before = sentence[: found.start()]
        if re.search(r"\bthe[ \t]+$", before, re.I):
            continue  # "the here and now"
        # "a few miles from here" → "from Cleveland"; else "here" → "in Cleveland"
        into = place if _PLACED_AFTER.search(before) else f"in {place}"
        return f"{before}{into}{sentence[found.end() :]}"
    return sentence


def says_here(sentence: str) -> bool:
    """Whether the reporter's words (outside quotations) say "here" for a place."""
    outside = quotemarks.outside_quotes(sentence)
    return bool(_HERE.search(outside)) and not _NOT_PLACE_HERE.search(outside)


def is_teaser(sentence: str) -> bool:
    """A sentence that opens a feature rather than stating news: a quotation first (an
    anecdote), "It was a ... morning", "Imagine ...", the reader addressed as "you" in its first
    words."""
    if sentence.lstrip()[:1] in "\"“‘'":
        return True
    return bool(_TEASER.search(quotemarks.outside_quotes(sentence)))


# "took action against the pair", "The sprint duo face charges" (round 35): which pair? (Not
# after a name: "Kluft was full of admiration for Kelly Sotherton as the pair prepared")
_PAIR = re.compile(
    r"^\W*(?:\S+(?:[ \t]+(?![A-Z])\S+)*?[ \t]+)?(?i:the)[ \t]+"
    r"(?:(?!(?:string|coxless|coxed|double|skating|dance|comedy|jazz)\b)[a-z]+[ \t]+)?"
    r"(?i:trio|duo|quartet|pair)\b"
    # not "the pair, John Smith, 34, and …", "the trio who robbed a bank", "the pair of shoes"
    r"(?![ \t]+(?:of|who|which|that)\b|[ \t]*,[ \t]*[A-Z])"
)


def refers_back(sentence: str) -> bool:
    """Whether the sentence, outside its quotations, points back to something said before it
    ("also" or a reply such as "fired back" in its main clause, "on the other hand", "the
    same", "that decision")."""
    # ('"Thank you, son," Cruz replied': what is left of it opens on a space)
    outside = quotemarks.outside_quotes(sentence).strip()
    return bool(_REFERS_BACK.search(outside) or _ALSO.match(outside) or _PAIR.match(outside))


_PRONOUN_SPEAKER = re.compile(r"^\W*(?:he|she|they|it|we)\b", re.I)
# "Now he's doing the same.", "Then she left.": a pronoun subject in the first words
_EARLY_PRONOUN = re.compile(
    r"^(?:[A-Z]\w*,?\s+){1,2}(?:he|she|they|it|his|her|their)\b"
    # "Some liken them to …", "Many call him …": an object pronoun in the first words
    r"|^[A-Z]\w*[ \t]+[a-z]+[ \t]+(?:them|him)\b"
    # "Tax credits As a result, …": a heading the copy ran into the sentence after it
    r"|^[A-Z][a-z]+(?:[ \t]+[a-z]+){0,2}[ \t]+(?:As a result|However|But|Meanwhile|And)\b"
    # "Toward the end of the debate, she was asked …": the main clause's pronoun subject after
    # an opening phrase that names nobody (no capital in it: "When Sarah McBride took the
    # stage, she …" names whom "she" means)
    r"|^[A-Z][^,.;:!?\"“”()A-Z]{0,80},[ \t]+(?:he|she|they)[ \t]"
    # "The ad then cuts to …", "Trump then said …": what came before?
    r"|^(?:[A-Z][\w’'-]*[ \t]+)(?:[\w’'-]+[ \t]+){0,2}?then[ \t]+(?!on\b)[a-z]+"
    # "While that bodes well for rugby, …": a demonstrative standing for what came before
    r"|^(?:While|Although|Though|If|Even[ \t]+if|As|Because|Since|When|Whether|Despite|And"
    r"|But)[ \t]+"
    r"(?:that|this|these|those)[ \t]+(?:is|was|are|were|has|had|may|might|will|would|could"
    r"|can|should|does|did|[a-z]+s)\b"
    # "While the idea was popular, …": a back-reference in the opening clause
    rf"|^(?:While|Although|Though|Because|Since|When|Despite)[ \t]+the[ \t]+{_EVENT}\b"
)


# a subordinate clause standing as a sentence, the answer to the one before it: "Because he
# did not want to.", "If that's what people want." (not "Because of the snow, …", nor "If
# Trump wins, …", whose main clause follows the comma)
_CLAUSE_ONLY = re.compile(
    r"^(?:Because(?![ \t]+of\b)|If|Unless|Even[ \t]+if)\b(?=[^,;:—–]{0,45}[.!?][\"”’']?$)"
)


# "In her pursuit of the nomination, Hillary Rodham Clinton …", "Though he has no shot, John
# Kasich …": a pronoun in an opening phrase that points forward, to the name after its comma
_FORWARD_PRONOUN = re.compile(
    r"^(?:In|During|With|After|Before|Despite|Since|Throughout|Through|At|From|Under|Upon"
    r"|Following|Over|On|As|Though|Although|While|When|If|Whether|Once|Until|Because)[ \t]+"
    r"(?P<pronoun>he|she|his|her|they|their|it)[ \t][^,.;:!?\"“”()]{1,150},[ \t]+"
    r"(?:(?!(?:he|she|it|they|his|her|its|their|him|them)\b)(?:[a-z][\w’'-]*|[A-Z][\w.’'-]*)[ \t]+)"
    r"{0,5}?(?P<first>[A-Z][\w’'-]+)[ \t]+(?:[A-Z]\.[ \t]+)?[A-Z][\w’'-]+"
)
_MALE_PRONOUNS = {"he", "his"}
_FEMALE_PRONOUNS = {"she", "her"}


def _points_forward(sentence: str) -> bool:
    """An opening phrase's pronoun that means whom the words after its comma name ("In her
    statement, Hillary Clinton said …", "As it puts Donald Trump atop its ticket, the Grand Old
    Party …"): a "he" or "she" needs a first name of its gender when the name has a known one."""
    found = _FORWARD_PRONOUN.match(sentence)
    if found is None:
        return False
    pronoun = found["pronoun"]
    gender = FIRST_NAMES.get(norm(found["first"]))
    if pronoun in _MALE_PRONOUNS:
        return gender != "f"
    if pronoun in _FEMALE_PRONOUNS:
        return gender != "m"
    return True


# "It is a common misconception that …", "It won't be easy to …", "It takes 2,383 delegates
# to …": "it" stands for what follows, not for something said before
_EXTRAPOSED = re.compile(
    r"^It(?:['’]s|[ \t]+(?:is|was|has been|will be|would be|could be|may be|might be|isn['’]t"
    r"|wasn['’]t|won['’]t be|remains|seems))[ \t]+(?:not[ \t]+|no[ \t]+|a[ \t]+|an[ \t]+)?"
    r"(?:[a-z]+[ \t]+)?(?:easy|hard|difficult|possible|impossible|likely|unlikely|important"
    r"|clear|unclear|true|necessary|time|secret|surprise|surprising|misconception|mistake|rule"
    r"|shame|pity|wonder|fact|commonplace|good|bad|vital|crucial|worth|safe|fair|odd|strange)"
    r"[ \t]+(?:that|to|whether|how|why|when)\b"
    r"|^It[ \t]+(?:takes|took|costs?|could cost|will cost|will take)[ \t]+[^.]{1,60}?[ \t]to\b"
)


# what a scene-setter does not do: report ("…, says a study", "according to", "has warned") or
# give a figure ("40%", "£80m", "$2.7bn")
_REPORTS = re.compile(
    r"\b(?:says?|said|warn(?:s|ed)|announce[sd]|report(?:s|ed)|according[ \t]+to|forecast"
    r"|told|tells|declared|proclaimed|stated|insisted|pledged|vowed|promised"
    r"|reveal(?:s|ed)|confirm(?:s|ed)|claim(?:s|ed)|accused|charged|ruled|estimate[sd])\b"
    r"|\d[\d,.]*[ \t]?(?:%|per[ \t]?cent\b|bn\b|m\b|million\b|billion\b)|[$£€][ \t]?\d"
)


def reports(sentence: str) -> bool:
    """Whether the sentence reports news: a reporting verb or a figure. A lead that shares no
    word with a terse headline ("Tokyo says deflation 'controlled'") is still the news when it
    does ("The Japanese government has forecast that growth will slow to 1.6%")."""
    return bool(_REPORTS.search(quotemarks.outside_quotes(sentence)))


# a thing by a bare noun as the subject, its verb right after: "The game sold more than 1
# million copies", "The song, recorded in Hong Kong, …" (not "The game's makers",
# "The unemployment rate", "The director of the film": a qualifier says which)
_THE_THING = re.compile(
    rf"{_OPENING_PHRASE}The[ \t]+([a-z][a-z-]*)"
    r"(?=,|[ \t]+(?:is|was|are|were|has|had|have|will|would|can|could|may|might|should|must"
    r"|did|does|do|[a-z]+ed|[a-z]+s"
    # irregular pasts: "The title broke the UK sales record …" (round 28)
    r"|broke|won|sold|became|made|took|hit|beat|set|led|drew|fell|rose|went|came|got|lost|ran)\b)"
)
# the things a story names by a title (a song, a race, a painting): "The song" with none named
# before it leaves the reader asking which
_NAMED_THINGS = word_list("named_things.txt")


def the_thing(sentence: str) -> str | None:
    """The noun of a sentence whose subject is "The <noun>", its verb right after, when the
    noun is a thing a story names (:data:`_NAMED_THINGS`: "The song", "The game")."""
    found = _THE_THING.match(sentence)
    return found[1] if found is not None and found[1] in _NAMED_THINGS else None


# a sentence placed in time is news, not a scene: "on Wednesday", "this week", "in 2004"
_PLACED_IN_TIME = re.compile(
    rf"\b(?:{'|'.join(sorted(w.capitalize() for w in CALENDAR_WORDS))}|yesterday|today|tonight"
    r"|(?:this|last|next)\s+(?:week|month|year|weekend|morning|afternoon|evening|night)"
    r"|(?:19|20)\d\d)\b"
)
_ADDRESSES_READER = re.compile(r"\b(?:you|your)\b", re.I)


# a quotation credited to someone by description: "…," the Florida senator said in a statement
_CREDITED_BY_ROLE = re.compile(  # (lower-case words too here: "the state senator said")
    rf"\bthe[ \t]+(?:(?:{_ROLE_MODIFIER}|[a-z]+)[ \t]+){{0,3}}?(?P<role>{_ROLES})"
    r"(?:[ \t]+and[ \t]+[^,.;:]{0,60}?)?[ \t]+(?:said|says|told|added|wrote|tweeted|explained"
    r"|argued|insisted|continued)\b"
)
# the title a role is also written as before a name ("Sen. Marco Rubio")
_ROLE_TITLES = {
    "senator": {"sen"},
    "governor": {"gov"},
    "congressman": {"rep"},
    "congresswoman": {"rep"},
    "secretary": {"sec"},
    "president": {"pres"},
}


def credited_by_role(sentence: str) -> str | None:
    """The role a quotation in the sentence is credited to ("senator" in "…," the Florida
    senator said"), None when it names its speaker or has none."""
    found = _CREDITED_BY_ROLE.search(quotemarks.outside_quotes(sentence))
    return found["role"].lower() if found else None


def describes(sentence: str) -> bool:
    """Whether the sentence's subject is a person by description ("The Vermont senator", "The
    21-year-old singer"): it reads after a sentence naming them, never first."""
    return bool(_DESCRIBED.match(sentence))


def describes_after(sentence: str) -> bool:
    """Whether the sentence's subject is a person by description in the wider sense of
    :data:`_DESCRIBED_AFTER`: after the lead it is shown only right after the sentence it
    follows in the article."""
    return bool(_DESCRIBED_AFTER.match(sentence))


# "Mr. Trump asked, repeating …": the tail of a quotation the splitter cut from it (the
# sentence itself quotes nothing: '"…," Clinton said, drawing gasps' is whole)
_ATTRIBUTION_TAIL = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr)\.?[ \t]+)?[A-Z][\w’'-]+(?:[ \t]+[A-Z][\w’'-]+)?[ \t]+"
    r"(?:asked|said|added|replied|continued|wrote)[ \t]*,[ \t]+[a-z]+ing\b"
)


def leans_back(sentence: str) -> bool:
    """Whether the sentence opens on a connective, a pronoun or a back-pointing description,
    is a quotation credited to a bare pronoun ("“...,” he said."), or points back inside it
    (:func:`refers_back`). A pronoun that points forward, to the name after its opening phrase,
    does not lean back."""
    if refers_back(sentence):
        return True
    if _LEANS_BACK.match(sentence) and not _EXTRAPOSED.match(sentence):
        return True
    if _EARLY_PRONOUN.match(sentence) and not _points_forward(sentence):
        return True
    if _CLAUSE_ONLY.match(sentence) or _ATTRIBUTION_TAIL.match(sentence):
        return True
    opens_quoted = sentence.lstrip()[:1] in "\"“„«‘'"
    return opens_quoted and bool(_PRONOUN_SPEAKER.match(quotemarks.outside_quotes(sentence)))


SUMMARIZERS: dict[str, type[Any]] = {
    "news": NewsSummarizer,
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
    "sumbasic": SumBasicSummarizer,
    "kl": KLSummarizer,
    "reduction": ReductionSummarizer,
}


class _Stemmer:
    """sumy's stemmer for a language, or none (words compared unstemmed, lower case) where sumy
    has none or its stemmer fails at first use: sumy builds the Polish and Greek stemmers
    without the packages they need (pystempel, greek-stemmer) and they raise ValueError on the
    first word. The switch happens before any word is stemmed, so a text is stemmed throughout
    or not at all."""

    def __init__(self, language: str) -> None:
        try:
            self._stem: Callable[[str], str] = Stemmer(language)
        except (LookupError, ValueError):
            self._stem = null_stemmer

    def __call__(self, word: str) -> str:
        try:
            return self._stem(word)
        except (ValueError, ImportError):
            if self._stem is null_stemmer:
                raise
            self._stem = null_stemmer
            return null_stemmer(word)


@cache
def _summarizer(algorithm: str, language: str) -> Any:
    stemmer = _Stemmer(language)
    stemmer("digest")  # a stemmer that cannot work says so now, not halfway through a text
    summarizer = SUMMARIZERS[algorithm](stemmer)
    try:
        summarizer.stop_words = get_stop_words(language)
    except LookupError:
        summarizer.stop_words = frozenset()
    return summarizer


def _normal(text: str) -> str:
    return " ".join(text.lower().split()).strip(" .")


def _repeats(words: tuple[str, ...], shown: list[set[str]]) -> bool:
    """Whether the sentence's words are mostly the headline's or the dek's (it says it again)."""
    own = {w.lower() for w in words}
    return any(len(own & other) >= REPEAT_SHARE * len(own) for other in shown if other)


def _units(tok: Any, paragraph: str) -> list[str]:
    """The paragraph's sentences, a quotation that runs over several kept together (never
    starting inside one or leaving one open); a unit that cannot be balanced is dropped."""
    units: list[str] = []
    start = None
    for begin, end in tok.sentence_spans(paragraph):
        if start is None:
            start = begin
        text = paragraph[start:end].strip()
        if quotemarks.balance(text) > 0 and end < len(paragraph.rstrip()):
            continue  # a quotation still open: the next sentence belongs to it
        if quotemarks.balance(text) == 0 and not quotemarks.starts_inside(text):
            units.append(text)
        start = None
    return units


def candidate_sentences(article: Article, avoid: tuple[str, ...] = ()) -> list[list[str]]:
    """The body's sentences by paragraph, without fragments, repeats of headline and dek, or
    sentences containing any of the ``avoid`` snippets (see :func:`_candidates`)."""
    return _candidates(article, avoid)[0]


# the lead-in of a transcript, a paragraph of its own: "Partial transcript as follows:", "Here
# is the transcript:"
_TRANSCRIPT_FOLLOWS = re.compile(r"[^.!?]{0,30}\btranscript\b[^.!?]{0,40}:", re.I)


def _candidates(article: Article, avoid: tuple[str, ...] = ()) -> tuple[list[list[str]], set[str]]:
    """The body's sentences by paragraph, without fragments, repeats of headline and dek, or
    sentences containing any of the ``avoid`` snippets (the pull quote).

    A dateline in front of a sentence is cut off (the rest is still a substring of the body);
    what :func:`boilerplate.not_summary` names, questions, first-person narration (unless the
    whole piece is written so) and repeats of an earlier sentence are left out. An interview
    (question and answer lines) is summarised from its introduction, a letters page from its
    first letter; a paragraph that is a social-media embed is skipped whole.

    Also the sentences that do not follow the one before them in the article (one or more
    left out between): shown after that one, a sentence that leans back ("Cueto was also
    puzzled …") would lean on what was left out.
    """
    tok = tokenizer(article.language)
    english = article.language == "english"  # the first-person words are English ones
    skip = {_normal(article.title), _normal(article.dek)}
    shown = [{w.lower() for w in tok.to_words(t)} for t in (article.title, article.dek)]
    paragraphs: list[list[tuple[str, bool]]] = []
    after_gap: set[str] = set()
    gap = False
    letters = any(boilerplate.is_letters_label(p) for p in article.paragraphs[:2])
    questions = is_interview(article.paragraphs)
    # speakers' lines ("TAPPER: …", "FALLIN: …"): two paragraphs at least open on a label (one
    # alone is a dateline or a note: "LONDON: …", "UPDATE: …")
    transcript = sum(map(boilerplate.is_interview_line, article.paragraphs)) >= 2
    deck = boilerplate.deck_paragraphs(article.paragraphs)
    for paragraph in article.paragraphs[deck:]:
        if letters and paragraphs and boilerplate.is_sign_off(paragraph):
            break  # a letters page: the first letter, one reader's view, not a digest of them
        if boilerplate.is_embed(paragraph):
            gap = True
            continue  # a tweet pasted in, with its link and sign-off
        units = _units(tok, paragraph)
        labelled = bool(units) and boilerplate.is_interview_line(units[0])
        if labelled and paragraphs and questions:
            break  # the questions and answers begin: the introduction is what summarises
        if paragraphs and _TRANSCRIPT_FOLLOWS.fullmatch(paragraph.strip()):
            break  # "Partial transcript as follows:": the rest is the transcript
        if labelled and transcript and not questions:
            gap = True  # "TRUMP: … Racial divisions have gotten worse.": a transcript's lines
            continue  # (an interview with no introduction is summarised from its answers)
        if units and boilerplate.ends_with_credit(units[-1]):
            gap = True
            continue  # a picture caption: "... Image: J. Doe."
        sentences = []
        for raw in units:
            s = boilerplate.strip_front(raw)
            key = _normal(s)
            if (  # the words only for a sentence the cheap tests keep (tokenizing costs most)
                boilerplate.is_interview_line(raw)
                or key in skip
                or any(snippet and snippet in s for snippet in avoid)
                or boilerplate.not_summary(s, words := tok.to_words(s))
                or boilerplate.is_question(s)
                or announces(s)
                or _repeats(words, shown)
            ):
                gap = True
                continue
            skip.add(key)
            if gap:
                after_gap.add(s)
            gap = False
            sentences.append((s, english and boilerplate.is_first_person(s)))
        if sentences:
            paragraphs.append(sentences)
    narration = [[s for s, first in p if not first] for p in paragraphs]
    if sum(map(len, narration)) >= min(3, sum(map(len, paragraphs))):
        # first-person narration left out is a gap too
        flat = [x for p in paragraphs for x in p]
        after_gap |= {flat[i][0] for i in range(1, len(flat)) if flat[i - 1][1]}
        return [p for p in narration if p], after_gap
    return [[s for s, _ in p] for p in paragraphs], after_gap


def summarize(
    article: Article,
    sentences: int = DEFAULT_SENTENCES,
    algorithm: str = DEFAULT_ALGORITHM,
    avoid: tuple[str, ...] = (),
) -> tuple[str, ...]:
    """Up to ``sentences`` sentences of the body, chosen by the sumy ``algorithm``, in order."""
    paragraphs, after_gap = _candidates(article, avoid)
    flat = [s for p in paragraphs for s in p]
    tok = tokenizer(article.language)
    if not flat and isinstance(tok, ScriptTokenizer):
        return _lead(article, sentences, avoid)
    if len(flat) <= sentences:
        if algorithm != "news":
            return tuple(flat)
        # all of them, but none that leans on a sentence left out right before it (the first
        # is the article's own opening: it leans on nothing the reader missed)
        return tuple(s for i, s in enumerate(flat) if not (i and s in after_gap and leans_back(s)))
    document = ObjectDocumentModel([Paragraph([Sentence(s, tok) for s in p]) for p in paragraphs])
    summarizer = _summarizer(check_algorithm(algorithm), article.language)
    if isinstance(summarizer, NewsSummarizer):
        summarizer.headline = tok.to_words(f"{article.title} {article.dek}")
        summarizer.after_gap = frozenset(after_gap)
        summarizer.given_names = frozenset(_full_named(WORD.findall(article.body)))
    chosen = {str(s) for s in summarizer(document, sentences)}
    english = article.language == "english"  # "here" is an English word
    place = boilerplate.dateline_place(article.paragraphs) if english else None
    return tuple(placed(s, place) for s in flat if s in chosen)


def _lead(article: Article, sentences: int, avoid: tuple[str, ...]) -> tuple[str, ...]:
    """The first sentences of the body: a language split by its script alone, whose sentences
    the rules above all left out (too few "words" where words are not spaced), still gets a
    summary."""
    tok = tokenizer(article.language)
    found = (
        s
        for p in article.paragraphs
        for s in tok.to_sentences(p)
        if not any(snippet and snippet in s for snippet in avoid)
    )
    return tuple(s for _, s in zip(range(sentences), found, strict=False))
