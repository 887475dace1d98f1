"""Business days and the send window, in the company timezone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rules.calendar import (
    add_business_days,
    business_days_after,
    is_business_day,
    is_within_send_window,
    local_today,
    next_business_day,
    next_send_time,
)
from rules.escalation import Guards

WARSAW = ZoneInfo("Europe/Warsaw")
PL = Guards(holiday_country="PL", timezone="Europe/Warsaw")


def warsaw(*args: int) -> datetime:
    return datetime(*args, tzinfo=WARSAW)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 23), True),  # Monday
        (date(2026, 11, 21), False),  # Saturday
        (date(2026, 11, 22), False),  # Sunday
        (date(2026, 11, 11), False),  # Independence Day, a Wednesday
        (date(2026, 12, 25), False),  # Christmas
        (date(2026, 5, 1), False),  # Labour Day, a Friday
        (date(2026, 11, 12), True),
    ],
)
def test_it_knows_polish_business_days(day: date, expected: bool) -> None:
    assert is_business_day(day, PL) is expected


def test_extra_closed_days_are_not_business_days() -> None:
    guards = Guards(holiday_country="PL", extra_closed_days=(date(2026, 11, 27),))
    assert not is_business_day(date(2026, 11, 27), guards)
    assert is_business_day(date(2026, 11, 27), PL)


def test_a_subdivision_adds_its_regional_holidays() -> None:
    epiphany = date(2027, 1, 6)  # a Wednesday; a holiday in Bavaria, not in Berlin
    assert not is_business_day(
        epiphany, Guards(holiday_country="DE", holiday_subdivision="BY", timezone="Europe/Berlin")
    )
    assert is_business_day(
        epiphany, Guards(holiday_country="DE", holiday_subdivision="BE", timezone="Europe/Berlin")
    )


def test_no_country_means_only_weekends_are_closed() -> None:
    guards = Guards(holiday_country="")
    assert is_business_day(date(2026, 12, 25), guards)
    assert not is_business_day(date(2026, 12, 26), guards)  # a Saturday


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Friday + 1 -> Monday
        (date(2026, 11, 10), 1, date(2026, 11, 12)),  # over Independence Day
        (date(2026, 11, 23), 5, date(2026, 11, 30)),
        (date(2026, 11, 23), -1, date(2026, 11, 20)),  # Monday - 1 -> Friday
        (date(2026, 11, 21), 0, date(2026, 11, 21)),  # zero leaves even a Saturday alone
        (date(2026, 12, 23), 1, date(2026, 12, 28)),  # over Christmas and the weekend
    ],
)
def test_it_adds_business_days(start: date, count: int, expected: date) -> None:
    assert add_business_days(start, count, PL) == expected


def test_next_business_day_keeps_a_business_day_and_moves_a_closed_one() -> None:
    assert next_business_day(date(2026, 11, 23), PL) == date(2026, 11, 23)
    assert next_business_day(date(2026, 11, 21), PL) == date(2026, 11, 23)


def test_it_counts_business_days_after_a_date() -> None:
    assert business_days_after(date(2026, 11, 20), date(2026, 11, 23), PL) == 1
    assert business_days_after(date(2026, 11, 23), date(2026, 11, 23), PL) == 0


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (warsaw(2026, 11, 23, 8, 0), True),
        (warsaw(2026, 11, 23, 7, 59), False),
        (warsaw(2026, 11, 23, 16, 59), True),
        (warsaw(2026, 11, 23, 17, 0), False),  # the end is exclusive
        (warsaw(2026, 11, 21, 10, 0), False),  # Saturday
        (warsaw(2026, 11, 11, 10, 0), False),  # holiday
    ],
)
def test_the_send_window_is_local_time_on_business_days(now: datetime, expected: bool) -> None:
    assert is_within_send_window(now, PL) is expected


def test_the_window_follows_local_time_across_daylight_saving() -> None:
    # 07:30 UTC is 09:30 in summer (CEST) and 08:30 in winter (CET); 06:30 UTC is 07:30 in winter.
    assert is_within_send_window(datetime(2026, 10, 23, 6, 30, tzinfo=UTC), PL)
    assert not is_within_send_window(datetime(2026, 10, 26, 6, 30, tzinfo=UTC), PL)
    assert is_within_send_window(datetime(2026, 10, 26, 7, 0, tzinfo=UTC), PL)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (warsaw(2026, 11, 23, 10, 15), warsaw(2026, 11, 23, 10, 15)),  # inside: now
        (warsaw(2026, 11, 23, 6, 0), warsaw(2026, 11, 23, 8, 0)),  # before: today's start
        (warsaw(2026, 11, 20, 18, 0), warsaw(2026, 11, 23, 8, 0)),  # Friday evening: Monday
        (warsaw(2026, 11, 10, 17, 0), warsaw(2026, 11, 12, 8, 0)),  # the 11th is a holiday
        (warsaw(2026, 10, 23, 18, 0), warsaw(2026, 10, 26, 8, 0)),  # over the clock change
        (warsaw(2026, 3, 27, 18, 0), warsaw(2026, 3, 30, 8, 0)),  # over the spring change
    ],
)
def test_next_send_time_is_the_first_allowed_instant(now: datetime, expected: datetime) -> None:
    got = next_send_time(now, PL)
    assert got == expected
    assert got.tzinfo is not None and got.utcoffset() == timedelta(0)


def test_without_business_days_only_a_weekend_is_a_send_day() -> None:
    guards = Guards(business_days_only=False, send_window_start=time(9, 0), send_window_end=time(12, 0))
    assert is_within_send_window(warsaw(2026, 11, 21, 10, 0), guards)
    assert next_send_time(warsaw(2026, 11, 21, 13, 0), guards) == warsaw(2026, 11, 22, 9, 0)


def test_local_today_uses_the_company_timezone() -> None:
    late_utc = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)  # 00:30 on the 24th in Warsaw
    assert local_today(late_utc, PL) == date(2026, 11, 24)


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        next_send_time(datetime(2026, 11, 23, 10, 0), PL)


@settings(max_examples=200, deadline=None)
@given(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)))
def test_next_send_time_is_never_earlier_and_always_inside_the_window(now: datetime) -> None:
    at = next_send_time(now, PL)
    assert at >= now
    assert is_within_send_window(at, PL)
    # Nothing between now and the answer is a send time (probe every 15 minutes).
    probe = now
    while probe + timedelta(minutes=15) < at:
        probe += timedelta(minutes=15)
        assert not is_within_send_window(probe, PL)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)), st.integers(-30, 30))
def test_adding_business_days_lands_on_a_business_day_that_many_business_days_away(
    start: date, count: int
) -> None:
    end = add_business_days(start, count, PL)
    if count == 0:
        assert end == start
        return
    assert is_business_day(end, PL)
    if count > 0:
        assert business_days_after(start, end, PL) == count
    else:
        # Business days in [end, start) are -count; business_days_after counts (end, start].
        in_between = business_days_after(end, start, PL) + 1 - is_business_day(start, PL)
        assert in_between == -count
