"""Dates and amounts in replies, resolved against the day the reply arrived."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules.dates import find_amounts, find_dates, fold

FRIDAY = date(2026, 11, 20)
MONDAY = date(2026, 11, 23)


def first(text: str, received_on: date = FRIDAY) -> date | None:
    found = find_dates(text, received_on)
    return found[0].on if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("do piątku", FRIDAY),  # sent on a Friday: that same day
        ("by Friday", FRIDAY),
        ("bis Freitag", FRIDAY),
        ("w poniedziałek", MONDAY),
        ("do poniedziałku", MONDAY),
        ("w środę", date(2026, 11, 25)),
        ("do środy", date(2026, 11, 25)),
        ("we pay on Wednesday", date(2026, 11, 25)),
        ("am Donnerstag", date(2026, 11, 26)),
        ("next Friday", date(2026, 11, 27)),
        ("w przyszły piątek", date(2026, 11, 27)),
        ("jutro", date(2026, 11, 21)),
        ("tomorrow", date(2026, 11, 21)),
        ("morgen", date(2026, 11, 21)),
        ("pojutrze", date(2026, 11, 22)),
        ("übermorgen", date(2026, 11, 22)),
        ("the day after tomorrow", date(2026, 11, 22)),
        ("do końca miesiąca", date(2026, 11, 30)),
        ("by the end of the month", date(2026, 11, 30)),
        ("bis Ende des Monats", date(2026, 11, 30)),
        ("15.12", date(2026, 12, 15)),
        ("15.12.2026", date(2026, 12, 15)),
        ("15.12.26", date(2026, 12, 15)),
        ("15 grudnia", date(2026, 12, 15)),
        ("15 grudnia 2026", date(2026, 12, 15)),
        ("w grudniu 15-go", date(2026, 12, 15)),
        ("December 15th", date(2026, 12, 15)),
        ("December 15, 2026", date(2026, 12, 15)),
        ("15th of December", date(2026, 12, 15)),
        ("on the 15th", date(2026, 12, 15)),
        ("do 15-go", date(2026, 12, 15)),
        ("am 15. Dezember", date(2026, 12, 15)),
        ("bis zum 15.", date(2026, 12, 15)),
        ("within 7 days", date(2026, 11, 27)),
        ("w ciągu 7 dni", date(2026, 11, 27)),
        ("innerhalb von 7 Tagen", date(2026, 11, 27)),
        ("within a week", date(2026, 11, 27)),
        ("w ciągu dwóch tygodni", date(2026, 12, 4)),
        ("within 3 business days", date(2026, 11, 25)),
        ("2026-12-01", date(2026, 12, 1)),
        ("5 stycznia", date(2027, 1, 5)),
        ("10.11", date(2027, 11, 10)),  # no year and already past: next year
        ("I'm on holiday until 2 December", date(2026, 12, 2)),
        ("jestem na urlopie do 2.12", date(2026, 12, 2)),
        ("bis zum 02.12.2026 abwesend", date(2026, 12, 2)),
        ("zapłacimy w piatek", FRIDAY),  # typed without Polish letters
    ],
)
def test_it_resolves_dates_against_the_day_received(text, expected):
    assert first(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "next week",
        "w przyszłym tygodniu",
        "nächste Woche",
        "po 10-tym",
        "after the 10th",
        "nach dem 10.",
        "soon",
        "wkrótce",
        "bald",
        "we will pay",  # "we" is not Wednesday
        "do zapłaty",  # "do" is not Donnerstag
        "call +48 601 234 567",
        "o 10.30",
        "12.50 zł",
        "Guten Morgen",
        "invoice FV/2026/11/015",
        "May we pay later?",
    ],
)
def test_vague_and_misleading_expressions_give_no_date(text):
    assert find_dates(text, FRIDAY) == []


def test_positions_point_at_the_words_in_the_original_text():
    text = "Zapłacimy do PIĄTKU, dziękuję."
    (found,) = find_dates(text, FRIDAY)
    assert text[found.start : found.end] == found.text == "PIĄTKU"


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("5 000,00 zł", "5000.00", "PLN"),
        ("5.000,00 EUR", "5000.00", "EUR"),
        ("£1,204.50", "1204.50", "GBP"),
        ("1204.50 PLN", "1204.50", "PLN"),
        ("EUR 5.000,00", "5000.00", "EUR"),
        ("1 500 zł", "1500.00", "PLN"),
        ("$ 99", "99.00", "USD"),
        ("12,5 EUR", "12.50", "EUR"),
        ("kwota 4\u00a0920,00\u00a0zł", "4920.00", "PLN"),
    ],
)
def test_it_reads_amounts_in_local_formats(text, amount, currency):
    (found,) = find_amounts(text)
    assert (found.amount, found.currency) == (Decimal(amount), currency)


def test_numbers_without_a_currency_are_not_amounts():
    assert find_amounts("invoice 2026/11/015, 3 pieces, tel. 601 234 567") == []


@given(st.text(max_size=200))
def test_folding_keeps_the_length_so_positions_map_back(text):
    assert len(fold(text)) == len(text)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(1, 28),
    st.integers(1, 12),
)
def test_a_date_without_a_year_is_never_in_the_past(received_on, day, month):
    (found,) = find_dates(f"{day}.{month:02d}", received_on)
    assert received_on <= found.on < received_on + timedelta(days=367)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)), st.integers(0, 6))
def test_a_weekday_is_always_within_the_coming_week(received_on, weekday):
    name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][weekday]
    (found,) = find_dates(f"by {name}", received_on)
    assert found.on.weekday() == weekday
    assert received_on <= found.on < received_on + timedelta(days=7)
