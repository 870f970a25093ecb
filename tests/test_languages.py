"""Issue 14, no language crashes: every language summarises (a stemmer that fails at first use
falls back to unstemmed words), languages without Punkt tables are split by their script, and a
declared language the text contradicts is overridden with a warning."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import make_article
from digest.analysis.language import ScriptTokenizer, Tokenizer, tokenizer
from digest.analysis.summarize import SUMMARIZERS, summarize
from digest.analysis.workers import analyse
from digest.cli import app
from digest.readers.scan import read_article
from digest.settings import known_languages, punkt_languages
from digest.settings.languages import detect, override

NOW = "2026-11-27T07:00:00+00:00"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

POLISH = (
    "Rada miasta ogłosiła w poniedziałek, że most zostanie zamknięty na trzy miesiące.",
    "Prace mają rozpocząć się w przyszłym tygodniu i potrwać do wiosny, jak podał rzecznik.",
    "Mieszkańcy są niezadowoleni z decyzji, ponieważ objazd wydłuży drogę do pracy.",
    "Burmistrz zapowiedział, że miasto uruchomi dodatkowe linie autobusowe na czas remontu.",
    "Koszt remontu wyniesie około dwudziestu milionów złotych z funduszy unijnych.",
)
GREEK = (
    "Το δημοτικό συμβούλιο ανακοίνωσε τη Δευτέρα ότι η γέφυρα θα κλείσει για τρεις μήνες.",
    "Οι εργασίες θα ξεκινήσουν την επόμενη εβδομάδα και θα διαρκέσουν μέχρι την άνοιξη.",
    "Οι κάτοικοι είναι δυσαρεστημένοι με την απόφαση του δημάρχου για τη γέφυρα.",
    "Ο δήμαρχος είπε ότι θα υπάρξουν επιπλέον λεωφορεία κατά τη διάρκεια των εργασιών.",
    "Το κόστος θα φτάσει τα είκοσι εκατομμύρια ευρώ από ευρωπαϊκά κονδύλια.",
)
ENGLISH = (
    "The city council said on Monday that the old bridge would close for three months.",
    "Work is due to start next week and should last until the spring, a spokesman said.",
    "Residents are unhappy with the decision because the detour adds miles to their commute.",
    "The mayor said that the city would run extra buses while the bridge was being repaired.",
    "The repairs will cost about twenty million euros, most of it from European funds.",
)
UNSPACED_OR_UNTABLED = {
    "japanese": (
        "市議会は月曜日、橋を三か月間閉鎖すると発表した。工事は来週始まり、春まで続く予定だ。",
        "住民は決定に不満を示している。市長は臨時バスを運行すると述べた。",
        "費用は約二千万ユーロで、その大半は欧州の資金で賄われる。",
    ),
    "chinese": (
        "市议会周一宣布，这座老桥将关闭三个月。工程将于下周开始，持续到明年春天。",
        "居民对这一决定感到不满，因为绕行会让通勤时间变长。市长表示将增加公交车。",
        "维修费用约为两千万欧元，大部分来自欧洲基金。",
    ),
    "korean": (
        "시의회는 월요일 오래된 다리를 석 달 동안 폐쇄한다고 발표했다. 공사는 다음 주에 시작된다.",
        "주민들은 우회로 때문에 출퇴근 시간이 길어진다며 불만을 나타냈다. "
        "시장은 버스를 늘리겠다고 말했다.",
        "수리 비용은 약 이천만 유로이며 대부분 유럽 기금에서 나온다.",
    ),
    "arabic": (
        "أعلن مجلس المدينة يوم الاثنين أن الجسر القديم سيغلق لمدة ثلاثة أشهر. "
        "تبدأ الأعمال الأسبوع المقبل.",
        "السكان غير راضين عن القرار لأن الطريق البديل أطول بكثير. "
        "قال رئيس البلدية إن حافلات إضافية ستعمل؟",
        "ستبلغ تكلفة الإصلاح نحو عشرين مليون يورو من الأموال الأوروبية.",
    ),
    "hindi": (
        "नगर परिषद ने सोमवार को घोषणा की कि पुराना पुल तीन महीने के लिए बंद रहेगा। काम अगले सप्ताह शुरू होगा।",
        "निवासी इस फैसले से नाखुश हैं क्योंकि रास्ता लंबा हो जाएगा। महापौर ने कहा कि अतिरिक्त बसें चलेंगी।",
        "मरम्मत पर लगभग दो करोड़ यूरो खर्च होंगे।",
    ),
}


@pytest.mark.parametrize("algorithm", sorted(SUMMARIZERS))
@pytest.mark.parametrize("language,body", [("polish", POLISH), ("greek", GREEK)])
def test_polish_and_greek_summarise_with_every_algorithm(
    language: str, body: tuple[str, ...], algorithm: str
) -> None:
    # sumy builds these stemmers, then raises ValueError ("requires pystempel") on the first word
    summary = summarize(make_article(*body, language=language), 2, algorithm)
    assert len(summary) == 2 and all(s in body for s in summary)


@pytest.mark.parametrize("language", known_languages())
def test_every_known_language_is_analysed(language: str) -> None:
    summary, _, _ = analyse(make_article(*ENGLISH, language=language), 2, "news")
    assert len(summary) == 2 and all(s in ENGLISH for s in summary)


def test_punkt_languages_keep_punkt_and_the_others_split_by_script() -> None:
    assert all(isinstance(tokenizer(lang), Tokenizer) for lang in punkt_languages())
    for language in ("arabic", "chinese", "japanese", "korean", "hindi", "thai", "xx"):
        assert isinstance(tokenizer(language), ScriptTokenizer)


@pytest.mark.parametrize("language", sorted(UNSPACED_OR_UNTABLED))
def test_languages_without_tables_are_split_by_script(language: str) -> None:
    body = UNSPACED_OR_UNTABLED[language]
    tok = tokenizer(language)
    sentences = [s for p in body for s in tok.to_sentences(p)]
    assert len(sentences) >= 5
    assert all(s[-1] in "。.?؟।" for s in sentences[:-1])  # each ends at the script's full stop
    summary = summarize(make_article(*body, language=language), 2)
    assert len(summary) == 2 and all(any(s in p for p in body) for s in summary)


def test_unspaced_words_are_character_pairs_and_spaced_words_stay_whole() -> None:
    tok = tokenizer("japanese")
    assert tok.to_words("東京で2026年 abc") == ("東京", "京で", "2026", "年", "abc")
    assert tokenizer("hindi").to_words("सरकार ने घोषणा की।") == ("सरकार", "ने", "घोषणा", "की")
    assert tokenizer("xx").to_sentences("Version 3.5 is out. Is it? Yes") == (
        "Version 3.5 is out.",
        "Is it?",
        "Yes",
    )


def test_a_language_split_by_script_falls_back_to_the_lead() -> None:
    # three "words" a sentence: the summary rules leave them all out; the lead stands in
    body = ("Hoch ka pa. Ra vo ta.", "Ne mi ro.")
    assert summarize(make_article(*body, language="xx"), 2) == ("Hoch ka pa.", "Ra vo ta.")


def test_detection_by_script_and_common_words() -> None:
    assert detect(" ".join(ENGLISH)) == "english"
    assert detect(" ".join(POLISH)) == "polish"
    assert detect(" ".join(GREEK)) == "greek"
    for language, body in UNSPACED_OR_UNTABLED.items():
        assert detect(" ".join(body)) == language
    assert detect("Too short") is None
    # another script, or overwhelmingly another language's words: overridden
    assert override("kannada", " ".join(ENGLISH)) == "english"
    assert override("japanese", " ".join(ENGLISH)) == "english"
    assert override("german", " ".join(ENGLISH)) == "english"
    assert override("tlh", " ".join(GREEK)) == "greek"
    # what the text supports, or close neighbours, stand
    assert override("english", " ".join(ENGLISH)) is None
    norwegian = (
        "Regjeringen sier at det er viktig at vi ikke glemmer hva som skjedde i fjor, og at "
        "det var en vanskelig tid for mange av oss som bor her i byen og i landet."
    )
    assert override("danish", norwegian) is None
    assert override("norwegian", norwegian) is None


def _invoke(*args: str):
    return CliRunner().invoke(app, list(args), env={"DIGEST_NOW": NOW, "TZ": "UTC"})


def _rss(language: str, items: list[tuple[str, tuple[str, ...]]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>https://example.org/{language}/{n}</link>"
        f"<guid>https://example.org/{language}/{n}</guid>"
        "<pubDate>Thu, 26 Nov 2026 08:00:00 GMT</pubDate>"
        f"<description>{''.join(f'&lt;p&gt;{p}&lt;/p&gt;' for p in body)}</description></item>"
        for n, (title, body) in enumerate(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Example</title><link>https://example.org/</link><language>{language}</language>"
        f"{entries}</channel></rss>"
    )


def test_make_digests_polish_and_greek_feeds(tmp_path: Path) -> None:
    """The crash of issue 14: a Polish or Greek article stopped make with an internal error."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "pl.xml").write_text(_rss("pl", [("Most zamknięty", POLISH)]))
    (tmp_path / "src" / "el.xml").write_text(_rss("el", [("Η γέφυρα κλείνει", GREEK)]))
    out = tmp_path / "out"
    made = _invoke("make", "--since", "2026-11-26", "-s", str(tmp_path / "src"), "--out", str(out))
    assert made.exit_code == 0, made.stderr
    manifest = json.loads((Path(made.stdout.strip()) / "manifest.json").read_text())
    stories = {a["title"]: a for a in manifest["articles"]}
    assert set(stories) == {"Most zamknięty", "Η γέφυρα κλείνει"}
    assert all(len(a["summary"]) == 3 for a in stories.values())
    summarized = _invoke("summarize", str(tmp_path / "src"), "--json")
    assert summarized.exit_code == 0 and "internal error" not in summarized.stderr
    assert {json.loads(x)["language"] for x in summarized.stdout.splitlines()} == {
        "polish",
        "greek",
    }


def test_a_feed_declaring_the_wrong_language_is_read_in_the_texts(tmp_path: Path) -> None:
    """A real English feed declares <language>kn</language>: ls listed its items as selected
    and make then dropped them all."""
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "kn.xml").write_text(_rss("kn", [("Bridge to close", ENGLISH)]))
    out = tmp_path / "out"
    listed = _invoke("ls", "--since", "2026-11-26", "-s", str(tmp_path / "src"), "--json")
    assert [json.loads(x)["status"] for x in listed.stdout.splitlines()] == ["selected"]
    made = _invoke("make", "--since", "2026-11-26", "-s", str(tmp_path / "src"), "--out", str(out))
    assert made.exit_code == 0, made.stderr
    assert "declared language 'kn', but the text is english" in made.stderr
    manifest = json.loads((Path(made.stdout.strip()) / "manifest.json").read_text())
    assert [a["title"] for a in manifest["articles"]] == ["Bridge to close"]
    assert manifest["articles"][0]["language"] == "english"


def test_front_matter_language_contradicted_by_the_text(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    body = "\n\n".join(ENGLISH)
    path.write_text(f"---\ntitle: Bridge\nlanguage: ja\n---\n{body}\n")
    article = read_article(path, UTC)
    assert article.language == "english"
    assert article.notes == ("declared language 'ja', but the text is english: read as english",)
    path.write_text(f"---\ntitle: Bridge\nlanguage: en-GB\n---\n{body}\n")
    assert (read_article(path, UTC).language, read_article(path, UTC).notes) == ("english", ())


def test_a_page_declaring_the_wrong_language_is_read_in_the_texts(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    page = (FIXTURES / "pages" / "news-page.html").read_text(encoding="utf-8")
    wrong = tmp_path / "page.html"
    wrong.write_text(page.replace('<html lang="en-GB">', '<html lang="ja">'), encoding="utf-8")
    article = read_article(wrong, UTC)
    assert article.language == "english"
    assert article.notes == ("declared language 'ja', but the text is english: read as english",)
    right = tmp_path / "right.html"
    right.write_text(page, encoding="utf-8")
    assert (read_article(right, UTC).language, read_article(right, UTC).notes) == ("english", ())
