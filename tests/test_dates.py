from __future__ import annotations

import os
import time
import zoneinfo
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from digest import dates
from digest.errors import ConfigError, UsageError

NOW = datetime(2026, 11, 27, 7, 30, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")
TOKYO = ZoneInfo("Asia/Tokyo")
JST = timezone(timedelta(hours=9))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("today", datetime(2026, 11, 27, tzinfo=UTC)),
        ("yesterday", datetime(2026, 11, 26, tzinfo=UTC)),
        ("YESTERDAY ", datetime(2026, 11, 26, tzinfo=UTC)),
        ("36h", NOW - timedelta(hours=36)),
        ("2d", NOW - timedelta(days=2)),
        ("1w", NOW - timedelta(weeks=1)),
        ("90m", NOW - timedelta(minutes=90)),
        ("1d12h", NOW - timedelta(hours=36)),
        ("2026-11-20", datetime(2026, 11, 20, tzinfo=UTC)),
        ("2026-11-20T06:15", datetime(2026, 11, 20, 6, 15, tzinfo=UTC)),
        ("2026-11-20T06:15:00+01:00", datetime(2026, 11, 20, 5, 15, tzinfo=UTC)),
        ("2026-11-20T06:15:00Z", datetime(2026, 11, 20, 6, 15, tzinfo=UTC)),
        ("2026-11-20 06:15", datetime(2026, 11, 20, 6, 15, tzinfo=UTC)),
    ],
)
def test_when_grammar(text: str, expected: datetime) -> None:
    assert dates.parse_when(text, NOW, UTC) == expected


def test_day_names_follow_the_zone() -> None:
    # 07:30 UTC is already 16:30 in Tokyo: "today" starts at Tokyo's midnight.
    today = dates.parse_when("today", NOW, TOKYO)
    assert today == datetime(2026, 11, 27, tzinfo=TOKYO)
    assert today.utcoffset() == timedelta(hours=9)
    assert dates.parse_when("2026-11-20", NOW, TOKYO).isoformat() == "2026-11-20T00:00:00+09:00"


def test_naive_datetimes_are_in_the_zone_across_dst() -> None:
    summer = dates.parse_when("2026-07-01T12:00", NOW, LONDON)
    winter = dates.parse_when("2026-12-01T12:00", NOW, LONDON)
    assert summer.utcoffset() == timedelta(hours=1)
    assert winter.utcoffset() == timedelta(0)


@pytest.mark.parametrize("text", ["", "soon", "3 days", "-2d", "2026-13-01", "2d3x", "h"])
def test_bad_when_names_the_accepted_forms(text: str) -> None:
    with pytest.raises(UsageError) as info:
        dates.parse_when(text, NOW, UTC)
    message = str(info.value)
    for form in ("ISO date", "today", "yesterday", "36h", "2d", "1w"):
        assert form in message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-24T07:30:00+00:00", datetime(2026, 11, 24, 7, 30, tzinfo=UTC)),
        ("2026-11-24T07:30:00Z", datetime(2026, 11, 24, 7, 30, tzinfo=UTC)),
        ("2026-11-24", datetime(2026, 11, 24, tzinfo=LONDON)),
        ("2026-11-24 09:00", datetime(2026, 11, 24, 9, 0, tzinfo=LONDON)),
        ("20261124", datetime(2026, 11, 24, tzinfo=LONDON)),  # ISO basic format
        ("2026-W48-2", datetime(2026, 11, 24, tzinfo=LONDON)),  # ISO week date
        (date(2026, 11, 24), datetime(2026, 11, 24, tzinfo=LONDON)),
        (datetime(2026, 11, 24, 9, 0), datetime(2026, 11, 24, 9, 0, tzinfo=LONDON)),
    ],
)
def test_metadata_dates_are_aware(value: object, expected: datetime) -> None:
    parsed = dates.parse_date(value, LONDON)
    assert parsed == expected
    assert parsed.tzinfo is not None


@pytest.mark.parametrize("value", ["last tuesday", "24/11/2026", 20261124, None, ["2026-11-24"]])
def test_bad_metadata_date(value: object) -> None:
    with pytest.raises(ValueError, match="not an ISO 8601 or RFC 822 date"):
        dates.parse_date(value, UTC)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2026-11-25_market.txt", date(2026, 11, 25)),
        ("report-2026-11-25.md", date(2026, 11, 25)),
        ("2026-13-45-then-2026-11-02.txt", date(2026, 11, 2)),
        ("120260-11-25.txt", None),
        ("story.txt", None),
    ],
)
def test_date_in_filename(name: str, expected: date | None) -> None:
    found = dates.date_in_filename(Path(name), UTC)
    assert (found.date() if found else None) == expected


def test_unknown_timezone_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="Mars/Olympus"):
        dates.resolve_timezone("Mars/Olympus")


def test_machine_zone_from_tz_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    assert dates.resolve_timezone().utcoffset(NOW) == timedelta(hours=9)


# --- feed dates on a 12-hour clock (RFC 822 has none; feeds write one) -----------------------

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Mon, 23 Nov 2026 3:45 PM EST", datetime(2026, 11, 23, 20, 45, tzinfo=UTC)),
        ("Mon, 23 Nov 2026 03:45:00 pm +0000", datetime(2026, 11, 23, 15, 45, tzinfo=UTC)),
        ("Mon, 23 Nov 2026 9:30 a.m. JST", datetime(2026, 11, 23, 0, 30, tzinfo=UTC)),
        ("Mon, 23 Nov 2026 1:05 AM GMT", datetime(2026, 11, 23, 1, 5, tzinfo=UTC)),
        ("Mon, 23 Nov 2026 12:05 AM GMT", datetime(2026, 11, 23, 0, 5, tzinfo=UTC)),
        ("Mon, 23 Nov 2026 12:05 PM GMT", datetime(2026, 11, 23, 12, 5, tzinfo=UTC)),
        ("Mon, 23 Nov 2026 08:00 AMT", datetime(2026, 11, 23, 7, 0, tzinfo=UTC)),  # a zone
    ],
)
def test_feed_dates_on_a_12_hour_clock(value: str, expected: datetime) -> None:
    # email.utils took "PM" for an unknown zone: 3:45 in the reader's zone, 17 hours off
    assert dates.parse_feed_date(value, BERLIN) == expected


@pytest.mark.parametrize("value", ["Mon, 23 Nov 2026 13:05 PM GMT", "Mon, 23 Nov 2026 0:05 AM"])
def test_feed_dates_with_an_impossible_12_hour_time_are_rejected(value: str) -> None:
    with pytest.raises(ValueError, match="not an RFC 822 or ISO 8601 date"):
        dates.parse_feed_date(value, BERLIN)


# --- one case per rule (issue 17: each rule is the only thing that decides the answer) --------


def test_a_named_zone_is_that_zone() -> None:
    zone = dates.resolve_timezone("Asia/Tokyo")
    assert zone == ZoneInfo("Asia/Tokyo")
    assert dates.zone_name(zone) == "Asia/Tokyo"


def test_unknown_timezone_message_says_what_to_use() -> None:
    with pytest.raises(ConfigError, match="use an IANA name such as 'Europe/London' or 'UTC'"):
        dates.resolve_timezone("Mars/Olympus")


def test_tz_variable_may_start_with_a_colon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", ":Asia/Tokyo")
    assert dates.resolve_timezone() == ZoneInfo("Asia/Tokyo")


def test_machine_zone_from_etc_localtime(monkeypatch: pytest.MonkeyPatch) -> None:
    if not Path("/etc/localtime").is_file():
        pytest.skip("no /etc/localtime on this machine")
    with open("/etc/localtime", "rb") as handle:
        expected = ZoneInfo.from_file(handle, key="localtime")
    for tz in (None, "Mars/Olympus"):  # unset, or not a zone ZoneInfo knows: the file decides
        if tz is None:
            monkeypatch.delenv("TZ", raising=False)
        else:
            monkeypatch.setenv("TZ", tz)
        zone = dates.resolve_timezone()
        assert isinstance(zone, ZoneInfo)
        assert zone.key == "localtime"
        assert zone.utcoffset(NOW) == expected.utcoffset(NOW)


def test_machine_zone_without_etc_localtime_is_the_clocks(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_file(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError("/etc/localtime")

    monkeypatch.setattr(dates, "open", no_file, raising=False)
    monkeypatch.setenv("TZ", "JST-9")  # a POSIX rule: the C library knows it, ZoneInfo does not
    time.tzset()
    try:
        zone = dates.resolve_timezone()
    finally:
        monkeypatch.undo()
        time.tzset()
    assert zone.utcoffset(NOW) == timedelta(hours=9)


def tokyo_as_localtime() -> ZoneInfo:
    """Asia/Tokyo read from its file the way /etc/localtime is: no IANA key."""
    for root in zoneinfo.TZPATH:
        path = Path(root, "Asia", "Tokyo")
        if path.is_file():
            with path.open("rb") as handle:
                return ZoneInfo.from_file(handle, key="localtime")
    pytest.skip("no tz database files on this machine")


def test_zone_name() -> None:
    assert dates.zone_name(ZoneInfo("Europe/Berlin")) == "Europe/Berlin"  # not "CET"
    assert dates.zone_name(UTC) == "UTC"
    assert dates.zone_name(timezone(timedelta(hours=1))) == "UTC+01:00"
    # the machine's zone read from /etc/localtime has no name: its abbreviation, not "localtime"
    assert dates.zone_name(tokyo_as_localtime()) == "JST"


def test_zone_name_of_a_zone_without_any_name() -> None:
    class Nameless(tzinfo):
        def utcoffset(self, dt: datetime | None) -> timedelta:
            return timedelta(hours=2)

        def dst(self, dt: datetime | None) -> timedelta:
            return timedelta(0)

        def tzname(self, dt: datetime | None) -> None:
            return None

        def __str__(self) -> str:
            return "nameless"

    assert dates.zone_name(Nameless()) == "nameless"


def test_an_aware_datetime_keeps_its_offset() -> None:
    moment = datetime(2026, 11, 24, 9, 0, tzinfo=TOKYO)
    assert dates.parse_date(moment, LONDON) is moment
    assert dates.parse_when("2026-11-20T06:15:00+09:00", NOW, LONDON).utcoffset() == timedelta(
        hours=9
    )


@pytest.mark.parametrize(("length", "shown"), [(60, 60), (61, 57)])
def test_bad_when_shows_at_most_60_characters(length: int, shown: int) -> None:
    text = "x" * length
    with pytest.raises(UsageError) as info:
        dates.parse_when(text, NOW, UTC)
    quoted = repr(text) if shown == length else repr(text[:shown] + "...")
    assert str(info.value).startswith(f"cannot read {quoted} as a time")


@pytest.mark.parametrize(
    "text",
    [
        "0001-12-31T23:59:59+00:00",  # just before the first instant allowed
        "9998-12-31T00:00:01+00:00",  # just after the last
        "0001-01-01T00:00+14:00",  # before year 1 in UTC: datetime overflows
        "99999999w",  # before year 1: timedelta arithmetic overflows
        "0001-06-01",
    ],
)
def test_when_out_of_range(text: str) -> None:
    with pytest.raises(UsageError) as info:
        dates.parse_when(text, NOW, UTC)
    assert str(info.value) == (
        f"{text!r} is out of range: a time must fall between the years 2 and 9998"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0002-01-01T00:00:00+00:00", datetime(2, 1, 1, tzinfo=UTC)),
        ("9998-12-31T00:00:00+00:00", datetime(9998, 12, 31, tzinfo=UTC)),
    ],
)
def test_when_range_ends_are_inside(text: str, expected: datetime) -> None:
    assert dates.parse_when(text, NOW, UTC) == expected


def test_bad_metadata_date_message_names_the_value() -> None:
    with pytest.raises(ValueError) as info:
        dates.parse_date("last tuesday", UTC)
    assert str(info.value) == "'last tuesday' is not an ISO 8601 or RFC 822 date"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-24T07:30:00z", datetime(2026, 11, 24, 7, 30, tzinfo=UTC)),
        ("2026-W48-2T07:30z", datetime(2026, 11, 24, 7, 30, tzinfo=UTC)),  # ISO week date
        ("Tue, 24 Nov 2026 16:30:00 JST", datetime(2026, 11, 24, 16, 30, tzinfo=JST)),
    ],
)
def test_metadata_dates_with_their_offset(value: str, expected: datetime) -> None:
    parsed = dates.parse_date(value, TOKYO)
    assert parsed == expected
    assert parsed.utcoffset() == expected.utcoffset()


def test_mtime_is_in_the_zone(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("x", encoding="utf-8")
    stamp = datetime(2026, 11, 24, 7, 30, tzinfo=UTC).timestamp()
    os.utime(path, (stamp, stamp))
    found = dates.mtime(path, TOKYO)
    assert found == datetime(2026, 11, 24, 16, 30, tzinfo=TOKYO)
    assert found.utcoffset() == timedelta(hours=9)


ODD_ZONE = timezone(timedelta(hours=-3, minutes=-30))


# Each abbreviation in the table, on a day its zone uses it: the offset the zone really has then.
@pytest.mark.parametrize(
    ("name", "zone", "day"),
    [
        ("WET", "Europe/Lisbon", date(2026, 1, 15)),
        ("WEST", "Europe/Lisbon", date(2026, 7, 15)),
        ("BST", "Europe/London", date(2026, 7, 15)),
        ("CET", "Europe/Berlin", date(2026, 1, 15)),
        ("MET", "Europe/Berlin", date(2026, 1, 15)),
        ("CEST", "Europe/Berlin", date(2026, 7, 15)),
        ("MEST", "Europe/Berlin", date(2026, 7, 15)),
        ("EET", "Europe/Athens", date(2026, 1, 15)),
        ("EEST", "Europe/Athens", date(2026, 7, 15)),
        ("MSK", "Europe/Moscow", date(2026, 1, 15)),
        ("JST", "Asia/Tokyo", date(2026, 1, 15)),
        ("KST", "Asia/Seoul", date(2026, 1, 15)),
        ("HKT", "Asia/Hong_Kong", date(2026, 1, 15)),
        ("SGT", "Asia/Singapore", date(2026, 1, 15)),
        ("AWST", "Australia/Perth", date(2026, 1, 15)),
        ("AEST", "Australia/Sydney", date(2026, 7, 15)),
        ("AEDT", "Australia/Sydney", date(2026, 1, 15)),
        ("NZST", "Pacific/Auckland", date(2026, 7, 15)),
        ("NZDT", "Pacific/Auckland", date(2026, 1, 15)),
    ],
)
def test_every_zone_abbreviation_is_its_zones_offset(name: str, zone: str, day: date) -> None:
    local = datetime.combine(day, datetime.min.time()).replace(hour=12)
    offset = local.replace(tzinfo=ZoneInfo(zone)).utcoffset()
    text = f"{day.day} {local:%b} {day.year} 12:00 {name}"
    # read in a zone no abbreviation has: "zone unknown" (the fallback) would give -03:30
    assert dates.parse_feed_date(text, ODD_ZONE).utcoffset() == offset
    assert dates.parse_feed_date(text.lower(), ODD_ZONE).utcoffset() == offset


def test_jst_is_nine_hours_ahead_wherever_it_is_read() -> None:
    # issue 17: without the abbreviation table "16:00 JST" was read in the reader's zone
    for zone in (UTC, LONDON, ZoneInfo("Europe/Berlin")):
        assert dates.parse_feed_date("Fri, 27 Nov 2026 16:00 JST", zone) == datetime(
            2026, 11, 27, 7, 0, tzinfo=UTC
        )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "Fri, 27 Nov 2026 16:00 JST (Japan Standard Time)",
            datetime(2026, 11, 27, 7, 0, tzinfo=UTC),
        ),
        ("Fri, 27 Nov 2026 08:00:00 GMT+1 (CET)", datetime(2026, 11, 27, 7, 0, tzinfo=UTC)),
    ],
)
def test_a_trailing_comment_does_not_hide_the_zone(value: str, expected: datetime) -> None:
    parsed = dates.parse_feed_date(value, ODD_ZONE)
    assert parsed == expected
    assert parsed.utcoffset() != ODD_ZONE.utcoffset(None)


def test_an_abbreviation_inside_a_longer_name_is_not_that_zone() -> None:
    # "AKST" (Alaska) ends in "KST" (Korea): an unknown name, read in the given zone
    parsed = dates.parse_feed_date("Fri, 27 Nov 2026 08:00 AKST", TOKYO)
    assert parsed.utcoffset() == timedelta(hours=9)
    assert parsed == datetime(2026, 11, 27, 8, 0, tzinfo=TOKYO)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Fri, 27 Nov 2026 08:00:00 GMT+1", timedelta(hours=1)),
        ("Fri, 27 Nov 2026 08:00:00 UTC-3", timedelta(hours=-3)),
        ("Fri, 27 Nov 2026 08:00:00 GMT+05:30", timedelta(hours=5, minutes=30)),
    ],
)
def test_feed_offsets_after_gmt(value: str, expected: timedelta) -> None:
    assert dates.parse_feed_date(value, TOKYO).utcoffset() == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-27  07:00:00 UTC", datetime(2026, 11, 27, 7, 0, tzinfo=UTC)),
        ("2026-11-27t07:00:00 +01", datetime(2026, 11, 27, 6, 0, tzinfo=UTC)),
        ("2026-11-27 07:00:00   +01:00", datetime(2026, 11, 27, 6, 0, tzinfo=UTC)),
    ],
)
def test_iso_feed_dates_with_spaces_and_zone_names(value: str, expected: datetime) -> None:
    assert dates.parse_feed_date(value, TOKYO) == expected


@pytest.mark.parametrize("value", ["", "   ", None, 20261127])
def test_feed_date_that_is_not_text(value: object) -> None:
    with pytest.raises(ValueError) as info:
        dates.parse_feed_date(value, UTC)  # type: ignore[arg-type]
    assert str(info.value) == f"{value!r} is not a date"


def test_feed_date_that_cannot_be_read() -> None:
    with pytest.raises(ValueError) as info:
        dates.parse_feed_date("Fri, 27 Foo 2026", UTC)
    assert str(info.value) == "'Fri, 27 Foo 2026' is not an RFC 822 or ISO 8601 date"


@pytest.mark.parametrize("text", ["", "  ", "soon", "3 days", "1d-2h", "d"])
def test_parse_duration_refuses_what_is_not_a_duration(text: str) -> None:
    """A duration setting that is not one ("soon", "3 days") is an error naming the value and
    the forms that work, never a span of nothing (which would make an empty window)."""
    with pytest.raises(ValueError, match=r"is not a duration such as 90m, 36h, 3d, 1w"):
        dates.parse_duration(text)


def test_parse_duration_adds_its_parts() -> None:
    assert dates.parse_duration(" 1D12h ") == timedelta(days=1, hours=12)
    assert dates.parse_duration("90m") == timedelta(minutes=90)
