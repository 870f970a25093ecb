from __future__ import annotations

import email
import json
from email import policy
from html import unescape
from pathlib import Path

import pytest
from typer.testing import CliRunner

from digest.cli import app

runner = CliRunner()
NOW = "2026-11-27T07:00:00+00:00"


def invoke(*args: str, now: str = NOW):
    return runner.invoke(app, list(args), env={"DIGEST_NOW": now, "TZ": "UTC"})


def test_make_on_seeds_end_to_end(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "outbox"
    result = invoke("make", "--since", "2026-11-20", "--source", str(seeds), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    folder = Path(result.stdout.strip().splitlines()[-1])
    assert folder == out / "2026-11-27"
    assert sorted(p.name for p in folder.iterdir()) == [
        "digest.eml",
        "digest.html",
        "digest.txt",
        "manifest.json",
    ]
    assert "8 stories from 8 articles read, 0 skipped" in result.stderr
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["window"]["since"] == "2026-11-20T00:00:00+00:00"
    assert manifest["window"]["until"] == "2026-11-27T07:00:00+00:00"
    stories = manifest["articles"]
    assert len(stories) == len(list(seeds.iterdir()))
    msg = email.message_from_bytes((folder / "digest.eml").read_bytes(), policy=policy.default)
    text_part, html_part = msg.get_payload()
    text = " ".join(text_part.get_content().split())
    html = " ".join(html_part.get_content().split())
    # since #16 the lead story (the first) has its whole summary and its key quote, the
    # others a blurb: their summary's first sentence or two, within a word budget
    for i, story in enumerate(stories):
        assert {"path", "title", "published", "date_source", "summary", "key_quote"} <= set(story)
        assert len(story["summary"]) == 3
        for part in (text, unescape(html)):
            assert story["title"].rstrip(".") in part
            shown = story["summary"] if i == 0 else story["summary"][:1]
            for sentence in shown:
                assert " ".join(sentence.split()[:8]) in part
            if story["key_quote"] and i == 0:
                assert story["key_quote"]["text"] in part
                assert story["key_quote"]["speaker"] in part
    seed = next(s for s in stories if s["path"].endswith("000_2534067fcf5ef89c.txt"))
    assert seed["date_source"] == "mtime"
    key = seed["key_quote"]
    # the quotation goes on right after "Zelensky said.": the key quote shows it whole
    assert (key["text"], key["speaker"], key["speaker_as_written"]) == (
        "I can just as well invite him to Kyiv, let him come. "
        "I am publicly inviting him, if he dares, of course.",
        "Volodymyr Zelensky",
        "Zelensky",
    )
    raw = (seeds / "000_2534067fcf5ef89c.txt").read_text(encoding="utf-8")
    assert raw[key["start"] : key["end"]] == (
        "“I can just as well invite him to Kyiv, let him come,” Zelensky said. "
        "“I am publicly inviting him, if he dares, of course.”"
    )
    sources = {s["date_source"] for s in stories}
    assert sources == {"front matter", "filename", "mtime"}
    quoted = [s for s in stories if s["key_quote"]]
    assert len(quoted) >= 6


def test_window_selects_by_date(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = invoke(
        "make",
        "--since",
        "2026-11-25",
        "--until",
        "2026-11-26",
        "-s",
        str(seeds),
        "--out",
        str(out),
    )
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((out / "2026-11-26" / "manifest.json").read_text())
    published = [a["published"][:10] for a in manifest["articles"]]
    assert published and set(published) == {"2026-11-25"}
    assert published == sorted(published, reverse=True)


def test_nothing_in_window_writes_nothing(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    result = invoke(
        "make",
        "--since",
        "2020-01-01",
        "--until",
        "2020-01-02",
        "-s",
        str(seeds),
        "--out",
        str(out),
    )
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "nothing new in the window" in result.stderr
    assert [p for p in out.iterdir() if not p.name.startswith(".")] == []  # no digest folder
    assert not (out / ".digest-state.json").exists()  # and the state did not advance


def test_bad_files_are_skipped_reported_and_recorded(articles: Path, tmp_path: Path) -> None:
    (articles / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    (articles / "empty.md").write_text("")
    out = tmp_path / "o"
    result = invoke("make", "--since", "1w", "-s", str(articles), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"warning: skipped {articles / 'broken.txt'}: binary file" in result.stderr
    assert f"warning: skipped {articles / 'empty.md'}: empty file" in result.stderr
    manifest = json.loads((out / "2026-11-27" / "manifest.json").read_text())
    assert {Path(s["path"]).name: s["reason"] for s in manifest["skipped"]} == {
        "broken.txt": "binary file, not text",
        "empty.md": "empty file",
    }
    assert len(manifest["articles"]) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "last tuesday"], "cannot read 'last tuesday' as a time"),
        (["--since", "2026-11-27", "--until", "2026-11-20"], "the window is empty"),
        (["--source", "/no/such/folder"], "does not exist"),
        (["--algorithm", "magic"], "unknown algorithm 'magic'"),
        (["--timezone", "Mars/Base"], "unknown timezone 'Mars/Base'"),
        (["--from", "nobody"], "sender: 'nobody' is not an email address"),
    ],
)
def test_usage_errors_exit_2_with_a_message(args: list[str], message: str, seeds: Path) -> None:
    base = ["make", "-s", str(seeds)] if "--source" not in args else ["make"]
    result = invoke(*base, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_bad_option_value_is_click_usage_error() -> None:
    result = invoke("make", "--sentences", "0")
    assert result.exit_code == 2
    assert "--sentences" in result.output


def test_accepted_when_forms_are_named_on_error(seeds: Path) -> None:
    result = invoke("make", "-s", str(seeds), "--since", "soonish")
    for form in ("today", "yesterday", "36h", "2d", "1w", "ISO"):
        assert form in result.stderr


def test_write_failure_is_exit_1(seeds: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = invoke("make", "--since", "2026-11-20", "-s", str(seeds), "--out", str(blocker))
    assert result.exit_code == 1
    assert "cannot use the outbox" in result.stderr


def test_help_documents_exit_codes_and_example() -> None:
    result = invoke("make", "--help")
    assert result.exit_code == 0
    assert "Exit codes" in result.stdout and "Example: digest make" in result.stdout
    assert "yesterday" in result.stdout


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("digest ")


def test_summarize_json_lines_with_offsets_into_the_file(seeds: Path) -> None:
    result = invoke("summarize", str(seeds), "--json")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(list(seeds.iterdir()))
    for record in records:
        assert {
            "path",
            "title",
            "published",
            "date_source",
            "language",
            "summary",
            "quotes",
            "key_quote",
        } <= set(record)
        raw = Path(record["path"]).read_text(encoding="utf-8")
        for quote in record["quotes"]:
            span = raw[quote["start"] : quote["end"]]
            assert span[0] in '"“«' and span[-1] in '"”»', span
            assert quote["text"].split()[0] in span
        if record["key_quote"]:
            # the key quote is one of the quotes, or one with the rest of its thought: the
            # quotation that goes on right after its attribution ("…,” he said. “…")
            key = record["key_quote"]
            first = next(q for q in record["quotes"] if q["start"] == key["start"])
            assert key["text"].startswith(first["text"].rstrip(" ,"))
            assert key["end"] >= first["end"] and raw[key["end"] - 1] in '"”»'
            goes_on = [q for q in record["quotes"] if q["end"] == key["end"]]
            assert key == first or key["text"].endswith(goes_on[0]["text"])
    market = next(r for r in records if r["path"].endswith("market-prices.txt"))
    assert market["quotes"] == [] and market["key_quote"] is None  # a scare quote only


def test_summarize_readable_view_and_options(seeds: Path) -> None:
    seed = seeds / "000_2534067fcf5ef89c.txt"
    result = invoke("summarize", str(seed), "--sentences", "2", "--algorithm", "textrank")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("\n    - ") == 2
    assert (
        "key quote: “I can just as well invite him to Kyiv, let him come. I am publicly "
        "inviting him, if he dares, of course.” — Volodymyr Zelensky" in result.stdout
    )


def test_summarize_unsupported_language(tmp_path: Path) -> None:
    # issue 14: an article in a language without sentence tables is summarised (split by its
    # script), not skipped; --language must still name a known one
    (tmp_path / "a.md").write_text("---\ntitle: T\nlanguage: tlh\n---\nSentence one here.\n")
    (tmp_path / "b.md").write_text("---\ntitle: U\nlanguage: de\n---\nDas ist ein Satz.\n")
    result = invoke("summarize", str(tmp_path), "--json")
    assert result.exit_code == 0
    assert "skipped" not in result.stderr
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["language"] for x in lines] == ["tlh", "german"]
    assert lines[0]["summary"] == ["Sentence one here."]
    bad = invoke("summarize", str(tmp_path), "--language", "klingon")
    assert bad.exit_code == 2 and "english" in bad.stderr


def test_check_command_on_a_made_digest(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    made = invoke(
        "make",
        "--since",
        "2026-11-20",
        "-s",
        str(seeds),
        "--out",
        str(out),
        "--from",
        "Desk <desk@example.org>",
        "--unsubscribe-url",
        "https://example.org/u",
        "--archive-url",
        "https://example.org/d",
    )
    assert made.exit_code == 0, made.stderr
    assert "check:" not in made.stderr  # make ran the checks and found nothing to say
    result = invoke("check", str(out / "2026-11-27"))
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.strip().splitlines()
    assert len(lines) >= 11 and all(line.startswith("PASS") for line in lines)
    eml = invoke("check", str(out / "2026-11-27" / "digest.eml"))
    assert eml.exit_code == 0


def test_check_fails_on_a_broken_digest(seeds: Path, tmp_path: Path) -> None:
    out = tmp_path / "o"
    invoke("make", "--since", "2026-11-20", "-s", str(seeds), "--out", str(out))
    folder = out / "2026-11-27"
    text = folder / "digest.txt"
    text.write_text(text.read_text() + "x" * 90 + "\n")
    result = invoke("check", str(folder))
    assert result.exit_code == 1
    assert "FAIL  text-lines" in result.stdout
    assert "WARN  headers" in result.stdout  # the default sender's domain is local only
    missing = invoke("check", str(tmp_path / "nothing-here"))
    assert missing.exit_code == 1 and "nothing-here" in missing.stderr
