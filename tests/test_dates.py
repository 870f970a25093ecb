from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from digest import dates
from digest.errors import ConfigError, UsageError

NOW = datetime(2026, 11, 27, 7, 30, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")
TOKYO = ZoneInfo("Asia/Tokyo")


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
