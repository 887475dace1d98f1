"""Business days and send windows in the company's timezone.

Pure: every function takes the date or the aware datetime it reasons about.
Public holidays come from the ``holidays`` package (country plus optional
subdivision); ``Guards.extra_closed_days`` adds company closures. Local times
are computed with :mod:`zoneinfo`, so a window of 08:00-17:00 stays 08:00-17:00
local on both sides of a daylight-saving change.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from rules.escalation import Guards

ONE_DAY = timedelta(days=1)
# No calendar has a run of closed days this long; a guard against looping forever
# on a configuration that closes every day (extra_closed_days is finite, so only
# a bug could get here).
_MAX_CLOSED_RUN = 400


class _Calendar:
    """Closed days of one (country, subdivision, extra closed days) combination, memoised per date."""

    __slots__ = ("_cache", "_extra", "_holidays")

    def __init__(self, country: str, subdivision: str, extra: tuple[date, ...]) -> None:
        self._holidays: Any = None
        if country:
            import holidays  # imported here: `tactful --help` must not pay for it

            self._holidays = holidays.country_holidays(country, subdiv=subdivision or None)
        self._extra = frozenset(extra)
        self._cache: dict[date, bool] = {}

    def is_business_day(self, day: date) -> bool:
        cached = self._cache.get(day)
        if cached is None:
            cached = (
                day.weekday() < 5
                and day not in self._extra
                and (self._holidays is None or day not in self._holidays)
            )
            self._cache[day] = cached
        return cached


@functools.lru_cache(maxsize=64)
def _calendar(country: str, subdivision: str, extra: tuple[date, ...]) -> _Calendar:
    return _Calendar(country, subdivision, extra)


def _calendar_of(guards: Guards) -> _Calendar:
    return _calendar(
        guards.holiday_country, guards.holiday_subdivision or "", tuple(guards.extra_closed_days)
    )


@functools.lru_cache(maxsize=64)
def company_zone(name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name (cached)."""
    return ZoneInfo(name)


def is_business_day(day: date, guards: Guards) -> bool:
    """True on Monday to Friday unless a public holiday or one of ``extra_closed_days``."""
    return _calendar_of(guards).is_business_day(day)


def is_send_day(day: date, guards: Guards) -> bool:
    """True if letters may go out on ``day``: any day, or business days only when so configured."""
    return is_business_day(day, guards) if guards.business_days_only else True


def next_business_day(day: date, guards: Guards) -> date:
    """``day`` itself if it is a business day, else the first business day after it."""
    cal = _calendar_of(guards)
    for _ in range(_MAX_CLOSED_RUN):
        if cal.is_business_day(day):
            return day
        day += ONE_DAY
    raise ValueError(f"no business day within {_MAX_CLOSED_RUN} days of {day}; check extra_closed_days")


def next_send_day(day: date, guards: Guards) -> date:
    """``day`` itself if letters may go out on it, else the first such day after it."""
    return next_business_day(day, guards) if guards.business_days_only else day


def add_business_days(day: date, count: int, guards: Guards) -> date:
    """Move ``count`` business days from ``day`` (forward if positive, back if negative).

    ``add_business_days(friday, 1)`` is the next Monday (when it is not a holiday);
    with ``count == 0`` the day is returned unchanged even if it is closed.
    """
    cal = _calendar_of(guards)
    step = ONE_DAY if count >= 0 else -ONE_DAY
    remaining = abs(count)
    guard = 0
    while remaining:
        day += step
        guard += 1
        if cal.is_business_day(day):
            remaining -= 1
            guard = 0
        elif guard > _MAX_CLOSED_RUN:
            raise ValueError(
                f"no business day within {_MAX_CLOSED_RUN} days of {day}; check extra_closed_days"
            )
    return day


def local_datetime(now: datetime, guards: Guards) -> datetime:
    """``now`` (aware) as a wall-clock datetime in the company timezone; naive input is refused."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError(f"now must be timezone-aware, got {now!r}")
    return now.astimezone(company_zone(guards.timezone))


def local_today(now: datetime, guards: Guards) -> date:
    """The calendar date at the company's offices at instant ``now``."""
    return local_datetime(now, guards).date()


def is_within_send_window(now: datetime, guards: Guards) -> bool:
    """True if ``now`` falls on a send day, at or after the window start and before its end (local time)."""
    local = local_datetime(now, guards)
    if not is_send_day(local.date(), guards):
        return False
    clock = local.time().replace(tzinfo=None)
    return guards.send_window_start <= clock < guards.send_window_end


def _at_local(day: date, clock: time, zone: ZoneInfo) -> datetime:
    # A round trip through UTC turns a wall time that does not exist (inside a
    # spring-forward gap) into a real instant instead of an impossible one.
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


def next_send_time(now: datetime, guards: Guards) -> datetime:
    """The first instant at or after ``now`` when letters may go out, as an aware UTC datetime."""
    if is_within_send_window(now, guards):
        return now.astimezone(UTC)
    local = local_datetime(now, guards)
    zone = company_zone(guards.timezone)
    day = local.date()
    if local.time().replace(tzinfo=None) >= guards.send_window_end:
        day += ONE_DAY
    day = next_send_day(day, guards)
    start = _at_local(day, guards.send_window_start, zone)
    return max(start, now.astimezone(UTC))


def business_days_after(start: date, end: date, guards: Guards) -> int:
    """How many business days lie after ``start`` up to and including ``end`` (0 if ``end <= start``)."""
    cal = _calendar_of(guards)
    count = 0
    day = start + ONE_DAY
    while day <= end:
        if cal.is_business_day(day):
            count += 1
        day += ONE_DAY
    return count


__all__ = [
    "add_business_days",
    "business_days_after",
    "company_zone",
    "is_business_day",
    "is_send_day",
    "is_within_send_window",
    "local_datetime",
    "local_today",
    "next_business_day",
    "next_send_day",
    "next_send_time",
]
