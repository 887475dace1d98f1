"""Dates and amounts in customers' replies (Polish, English, German), resolved against the day received.

General date libraries misread this domain ("15.12" as a time, "we" as Wednesday, "do"
as Donnerstag, "+48" as a year, "do piątku" not at all), so these are explicit rules.
Everything works on ``fold(text)``: lower case, Polish and German diacritics removed,
*same length* as the original, so positions map back to the customer's own words.
Vague expressions ("next week", "po 10-tym", "soon", "bald") give no date at all.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

__all__ = [
    "INVOICE_NUMBER",
    "MONTH_PATTERN",
    "FoundAmount",
    "FoundDate",
    "find_amounts",
    "find_dates",
    "fold",
]


# Invoice numbers as accounting software writes them: FV/2026/10/118, INV-2026-0412, RE-7781,
# 2026/10/118 (group 1). Dates such as 15/12 match too; callers that care tell them apart.
INVOICE_NUMBER = re.compile(
    r"(?<![\w/-])((?:[A-Za-z]{1,5}[/-]?)?\d{1,6}(?:[/-][A-Za-z0-9]{1,8})+|[A-Za-z]{1,5}[/-]\d{2,})(?![\w/-])"
)


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date named in a text: the resolved day, where it is (``start``/``end`` offsets) and the words used."""

    on: date
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class FoundAmount:
    """An amount of money named in a text, with its ISO 4217 currency."""

    amount: Decimal
    currency: str
    start: int
    end: int
    text: str


_FOLD_SPECIAL = {"ł": "l", "Ł": "l", "đ": "d", "ø": "o", "æ": "a", "œ": "o"}


def _fold_char(ch: str) -> str:
    if ch in _FOLD_SPECIAL:
        return _FOLD_SPECIAL[ch]
    if ord(ch) < 128:
        return ch.lower()
    base = unicodedata.normalize("NFD", ch)[0]
    low = base.lower()
    return low if len(low) == 1 else ch


class _FoldTable(dict[int, str]):
    """Code point -> folded character, filled on first sight (``str.translate`` asks for each)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case ``text`` and strip diacritics (ą→a, ł→l, ü→u), keeping its length unchanged."""
    return text.translate(_FOLD_TABLE)


# ---------------------------------------------------------------------------------------------
# vocabulary (folded forms)

_MONTHS: dict[str, int] = {}
for _number, _forms in enumerate(
    [
        "styczen stycznia styczniu january jan januar janner jaenner",
        "luty lutego lutym february feb februar",
        "marzec marca marcu march mar marz maerz",
        "kwiecien kwietnia kwietniu april apr",
        "maj maja maju may mai",
        "czerwiec czerwca czerwcu june jun juni",
        "lipiec lipca lipcu july jul juli",
        "sierpien sierpnia sierpniu august aug",
        "wrzesien wrzesnia wrzesniu september sep sept",
        "pazdziernik pazdziernika pazdzierniku october oct oktober okt",
        "listopad listopada listopadzie november nov",
        "grudzien grudnia grudniu december dec dezember dez",
    ],
    start=1,
):
    for _form in _forms.split():
        _MONTHS[_form] = _number

_WEEKDAYS: dict[str, int] = {}
for _number, _forms in enumerate(
    [
        "poniedzialek poniedzialku poniedzialkiem monday montag",
        "wtorek wtorku wtorkiem tuesday dienstag",
        "sroda srody srode srodzie srodka wednesday mittwoch",
        "czwartek czwartku czwartkiem thursday donnerstag",
        "piatek piatku piatkiem friday freitag",
        "sobota soboty sobote sobocie saturday samstag sonnabend",
        "niedziela niedzieli niedziele sunday sonntag",
    ]
):
    for _form in _forms.split():
        _WEEKDAYS[_form] = _number
_WEEKDAYS.pop("srodka", None)

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
    "jeden": 1, "jednego": 1, "dwa": 2, "dwoch": 2, "dwu": 2, "trzy": 3, "trzech": 3, "cztery": 4,
    "czterech": 4, "piec": 5, "pieciu": 5, "szesc": 6, "szesciu": 6, "siedem": 7, "siedmiu": 7,
    "osiem": 8, "osmiu": 8, "dziewiec": 9, "dziewieciu": 9, "dziesiec": 10, "dziesieciu": 10,
    "czternascie": 14, "czternastu": 14, "trzydziestu": 30, "ein": 1, "eine": 1, "einem": 1,
    "einer": 1, "zwei": 2, "drei": 3, "vier": 4, "funf": 5, "fuenf": 5, "sechs": 6, "sieben": 7,
    "acht": 8, "neun": 9, "zehn": 10, "vierzehn": 14, "dreissig": 30, "dreißig": 30,
}  # fmt: skip

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Month names and abbreviations (lower case, without diacritics), longest first, for a regex.
MONTH_PATTERN = _MONTH_RE
_WEEKDAY_RE = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_NUM_RE = r"\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_ORD = r"(?:\.|-?(?:go|ego|tego|ty|szy|gi|ci|ta|st|nd|rd|th))?"

# "after the 10th", "po 10-tym", "nach dem 10." are not dates one can hold anybody to.
_VAGUE_BEFORE = re.compile(
    r"(?:\bpo|\bafter|\bnach(?: dem)?|\bod|\bfrom|\bab(?: dem)?|\bnot before|\bnie wczesniej niz|"
    r"\bsometime|\baround|\bokolo|\bgegen)\s+(?:the\s+|dniu\s+|dem\s+)?$"
)


def _num(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return _NUMBER_WORDS.get(token)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _without_year(month: int, day: int, received_on: date) -> date | None:
    """A day and month with no year: this year, or next year if it has already passed."""
    candidate = _make(received_on.year, month, day)
    if candidate is None:
        candidate = _make(received_on.year + 1, month, day)  # 29 February
        return candidate
    if candidate < received_on:
        return _make(received_on.year + 1, month, day)
    return candidate


def _year(token: str | None) -> int | None:
    if not token:
        return None
    value = int(token)
    return 2000 + value if value < 100 else value


def _day_of_month(day: int, received_on: date) -> date | None:
    """ "On the 15th": this month if not yet past, else next month."""
    if not 1 <= day <= 31:
        return None
    year, month = received_on.year, received_on.month
    for _ in range(3):
        candidate = _make(year, month, day)
        if candidate is not None and candidate >= received_on:
            return candidate
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return None


def _end_of_month(received_on: date, months_ahead: int = 0) -> date:
    year, month = received_on.year, received_on.month + months_ahead
    while month > 12:
        year, month = year + 1, month - 12
    return date(year, month, calendar.monthrange(year, month)[1])


def _next_weekday(received_on: date, weekday: int, strictly_after: bool) -> date:
    delta = (weekday - received_on.weekday()) % 7
    if delta == 0 and strictly_after:
        delta = 7
    return received_on + timedelta(days=delta)


def _add_business_days(start: date, days: int) -> date:
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


_Resolver = Callable[[re.Match[str], date], date | None]
_RULES: list[tuple[re.Pattern[str], _Resolver]] = []


def _rule(pattern: str) -> Callable[[_Resolver], _Resolver]:
    def register(func: _Resolver) -> _Resolver:
        _RULES.append((re.compile(pattern), func))
        return func

    return register


_B = r"(?<![\w])"  # word start (folded text is lower case)
_E = r"(?![\w])"


@_rule(_B + r"(\d{4})-(\d{1,2})-(\d{1,2})" + _E)
def _iso(m: re.Match[str], received_on: date) -> date | None:
    return _make(int(m[1]), int(m[2]), int(m[3]))


@_rule(
    r"(?<![\w.,/+-])(\d{1,2})\.\s?(\d{1,2})(?:\.\s?(\d{4}|\d{2}))?\.?(?![\d]|[.,]\d|\s?(?:zl|pln|eur|usd|gbp|chf|%|h\b|godz|uhr))"
)
def _dotted(m: re.Match[str], received_on: date) -> date | None:
    day, month = int(m[1]), int(m[2])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    year = _year(m[3])
    return _make(year, month, day) if year else _without_year(month, day, received_on)


_DAY_BEFORE = re.compile(r"\b(by|on|until|till|before|do|na|dnia|przed|bis|am|zum|vor)\s+$")


@_rule(r"(?<![\w.,/+-])(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}|\d{2}))?(?![\w/-]|[.,]\d)")
def _slashed(m: re.Match[str], received_on: date) -> date | None:
    first, second = int(m[1]), int(m[2])
    # "1/3 now, the rest later", "halbe jetzt, 2/3 im Januar": a fraction, unless a
    # preposition makes it a day ("by 1/3", "do 1/3").
    if (
        m[3] is None
        and m[0][1] == "/"
        and first < second <= 4
        and not _DAY_BEFORE.search(m.string, max(0, m.start() - 12), m.start())
    ):
        return None
    # Day first is the norm in Poland, Germany and the UK; a US-style date is taken
    # only when it cannot be anything else (second number above 12).
    if second > 12 and first <= 12:
        day, month = second, first
    else:
        day, month = first, second
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    year = _year(m[3])
    return _make(year, month, day) if year else _without_year(month, day, received_on)


@_rule(
    _B
    + r"(\d{1,2})"
    + _ORD
    + r"\s*(?:of\s+|-)?("
    + _MONTH_RE
    + r")\.?"
    + _E
    + r"(?:,?\s*(\d{4})"
    + _E
    + r")?"
)
def _day_month(m: re.Match[str], received_on: date) -> date | None:
    month, day, year = _MONTHS[m[2]], int(m[1]), _year(m[3])
    return _make(year, month, day) if year else _without_year(month, day, received_on)


@_rule(
    _B
    + r"("
    + "|".join(f for f in sorted(_MONTHS, key=len, reverse=True) if f not in ("may", "mar"))
    + r")\.?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?"
    + _E
    + r"(?:,?\s*(\d{4})"
    + _E
    + r")?"
)
def _month_day(m: re.Match[str], received_on: date) -> date | None:
    month, day, year = _MONTHS[m[1]], int(m[2]), _year(m[3])
    return _make(year, month, day) if year else _without_year(month, day, received_on)


# "May" and "Mar" are also words ("we may 2x the order"): as a month before a day they need a
# preposition or a year ("on May 30", "May 30, 2026").
@_rule(
    r"(?:\b(?:on|by|until|till|before|from|after)\s+(may|mar)\.?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?"
    + _E
    + r"(?:,?\s*(\d{4})"
    + _E
    + r")?)|(?:\b(may|mar)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s*(\d{4})"
    + _E
    + r")"
)
def _may_or_march_day(m: re.Match[str], received_on: date) -> date | None:
    name, day, year = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
    month, year_value = _MONTHS[name], _year(year)
    return _make(year_value, month, int(day)) if year_value else _without_year(month, int(day), received_on)


@_rule(
    r"(?:\b(?:on|by|until|till|before)\s+the\s+|\bthe\s+)(\d{1,2})(?:st|nd|rd|th)"
    + _E
    + r"(?!\s*(?:of\s+)?(?:"
    + _MONTH_RE
    + r"))"
)
def _the_nth(m: re.Match[str], received_on: date) -> date | None:
    return _day_of_month(int(m[1]), received_on)


@_rule(
    r"\b(?:do|na|dnia|dopiero|najpozniej|przed)\s+(\d{1,2})-?(?:go|ego|tego)"
    + _E
    + r"(?!\s*(?:"
    + _MONTH_RE
    + r"))"
)
def _polish_nth(m: re.Match[str], received_on: date) -> date | None:
    return _day_of_month(int(m[1]), received_on)


@_rule(r"\b(?:zum|am|bis zum|bis)\s+(\d{1,2})\.(?!\s*\d)(?!\s*(?:" + _MONTH_RE + r"))")
def _german_nth(m: re.Match[str], received_on: date) -> date | None:
    return _day_of_month(int(m[1]), received_on)


_PL_UNITS = {
    "pierwszego": 1, "drugiego": 2, "trzeciego": 3, "czwartego": 4, "piatego": 5, "szostego": 6,
    "siodmego": 7, "osmego": 8, "dziewiatego": 9,
}  # fmt: skip
_PL_ORDINALS = {
    **_PL_UNITS, "dziesiatego": 10, "jedenastego": 11, "dwunastego": 12, "trzynastego": 13,
    "czternastego": 14, "pietnastego": 15, "szesnastego": 16, "siedemnastego": 17,
    "osiemnastego": 18, "dziewietnastego": 19, "dwudziestego": 20, "trzydziestego": 30,
}  # fmt: skip
_EN_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9,
}  # fmt: skip
_EN_ORDINALS = {
    **_EN_UNITS, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}  # fmt: skip


# The tens a unit follows in a compound day: "dwudziestego piątego", "twenty-fifth".
_PL_TENS = {"dwudziestego": 20, "trzydziestego": 30}
_EN_TENS = {"twenty": 20, "thirty": 30}


def _ordinal_words(table: dict[str, int], units: dict[str, int], tens: dict[str, int], joiner: str) -> str:
    """A regex for a day written as an ordinal word: "dwudziestego piątego", "twenty-fifth"."""
    compound = "(?:" + "|".join(tens) + ")" + joiner + "(?:" + "|".join(units) + ")"
    return "(" + compound + "|" + "|".join(sorted(table, key=len, reverse=True)) + ")"


def _ordinal_day(words: str, values: dict[str, int]) -> int:
    """The day a compound or single ordinal names: the sum of its words' values."""
    return sum(values.get(word, 0) for word in re.split(r"[\s-]+", words))


_PL_ORDINAL = _ordinal_words(_PL_ORDINALS, _PL_UNITS, _PL_TENS, r"\s+")
_EN_ORDINAL = _ordinal_words(_EN_ORDINALS, _EN_UNITS, _EN_TENS, r"[\s-]")


_DE_ORDINALS = {
    "ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "funften": 5, "sechsten": 6,
    "siebten": 7, "achten": 8, "neunten": 9, "zehnten": 10, "elften": 11, "zwolften": 12,
    "dreizehnten": 13, "vierzehnten": 14, "funfzehnten": 15, "sechzehnten": 16, "siebzehnten": 17,
    "achtzehnten": 18, "neunzehnten": 19, "zwanzigsten": 20, "dreissigsten": 30, "dreißigsten": 30,
}  # fmt: skip
_DE_UNITS = {
    "ein": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "funf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
}


def _german_ordinal_day(words: str) -> int:
    """ "zwanzigsten" 20, "einundzwanzigsten" 21, "einunddreißigsten" 31."""
    if words in _DE_ORDINALS:
        return _DE_ORDINALS[words]
    unit, _, tens = words.partition("und")
    return _DE_UNITS.get(unit, 0) + _DE_ORDINALS.get(tens, 0)


# "am Zwanzigsten", "bis zum Fünfzehnten", "zum Ersten des kommenden Monats"
@_rule(
    r"\b(?:am|zum|bis zum|bis|vor dem)\s+((?:(?:"
    + "|".join(_DE_UNITS)
    + r")und)?(?:"
    + "|".join(sorted(_DE_ORDINALS, key=len, reverse=True))
    + r"))\b(?!\s+(?:mal|teil|rate|mahnung|schritt|tag|tage|woche|monat|quartal|jahr|versuch|termin|lieferung"
    r"|rechnung|zahlung|posten|position|halfte)\b)"
)
def _german_ordinal_word(m: re.Match[str], received_on: date) -> date | None:
    day = _german_ordinal_day(m[1])
    return _day_of_month(day, received_on) if day else None


# "Przelejemy dwunastego", "do dwudziestego piątego": the day of the month in words. "Drugiego"
# and the other small ones also mean "second" ("drugiego przelewu"), so they need a preposition.
@_rule(
    r"\b(?:(?:do|na|dnia|przed|najpozniej)\s+)?" + _PL_ORDINAL + r"\b" + _E + r"(?!\s*(?:" + _MONTH_RE + r"))"
)
def _polish_ordinal_word(m: re.Match[str], received_on: date) -> date | None:
    day = _ordinal_day(m[1], _PL_ORDINALS)  # the Polish tens are ordinals themselves
    has_preposition = m[0] != m[1]
    if day < 10 and not has_preposition:
        return None
    return _day_of_month(day, received_on)


# "On the twentieth", "by the twenty-fifth" (not "the second reminder": a month or a
# preposition must come with it, and no noun after it).
@_rule(
    r"\b(?:on|by|until|till|before)\s+the\s+"
    + _EN_ORDINAL
    + r"\b(?!\s+(?:of\s+)?(?:"
    + _MONTH_RE
    + r"))(?!\s+(?:reminder|invoice|letter|time|one|payment|instal\w*|install\w*|week|month|quarter)\b)"
)
def _english_ordinal_word(m: re.Match[str], received_on: date) -> date | None:
    return _day_of_month(_ordinal_day(m[1], {**_EN_ORDINALS, **_EN_TENS}), received_on)


@_rule(r"\b(?:today|tonight|tonite|this evening|this afternoon|close of business today|dzisiaj|dzis|heute)\b")
def _today(m: re.Match[str], received_on: date) -> date | None:
    return received_on


@_rule(r"\b(?:the\s+)?day after tomorrow\b|\bpojutrze\b|\bubermorgen\b|\buebermorgen\b")
def _day_after(m: re.Match[str], received_on: date) -> date | None:
    return received_on + timedelta(days=2)


@_rule(
    r"\btomorrow\b|\bjutr[oa]\b|(?<!guten )(?<!am )(?<!heute )(?<!jeden )(?<!den )(?<!uber)\bmorgen\b(?!s)"
)
def _tomorrow(m: re.Match[str], received_on: date) -> date | None:
    return received_on + timedelta(days=1)


@_rule(
    r"\b(?:(?:next|this|coming|w przyszl[ya]|w nastepn[ya]|w najblizsz[ya]|przyszl(?:ego|ej|y|a)|"
    r"najblizsz(?:ego|ej|y|a)|nachsten|naechsten|kommenden|diesen)\s+)?(" + _WEEKDAY_RE + r")\b"
)
def _weekday(m: re.Match[str], received_on: date) -> date | None:
    prefix = m[0][: m.start(1) - m.start(0)].strip()
    strictly_after = bool(prefix) and not prefix.startswith(("this", "diesen", "najblizsz", "w najblizsz"))
    return _next_weekday(received_on, _WEEKDAYS[m[1]], strictly_after)


@_rule(
    r"\b(?:(?:within|in|in the next|during the next|w ciagu|w przeciagu|w terminie|za|"
    r"innerhalb(?: von)?|binnen|in den nachsten)\s+)(" + _NUM_RE + r")?\s*"
    r"(business days?|working days?|days?|weeks?|dni roboczych|dni|dzien|dnia|tygodni[ae]?|tydzien|"
    r"werktagen|arbeitstagen|tagen|tage|tag|wochen|woche)\b"
)
def _within(m: re.Match[str], received_on: date) -> date | None:
    unit = m[2]
    if m[1]:
        count = _num(m[1])
    elif unit in ("week", "tydzien", "tygodnia", "woche"):
        count = 1  # "w ciągu tygodnia", "within the week"
    else:
        return None  # "in the next days", "w ciągu dni": no day one can hold anybody to
    if count is None or count > 90:
        return None
    if unit.startswith(("business", "working", "dni robocz", "werktag", "arbeitstag")):
        return _add_business_days(received_on, count)
    if unit.startswith(("week", "tydz", "tygod", "woch")):
        return received_on + timedelta(days=7 * count)
    return received_on + timedelta(days=count)


@_rule(
    r"\b(?:end of (?:the |this )?month|(?:do |z )?(?:konca|koncem|koniec) (?:tego |biezacego )?miesiaca|"
    r"(?:ende|zum ende) (?:des |dieses )?monats|monatsende|ende (?:des )?monat)\b"
)
def _month_end(m: re.Match[str], received_on: date) -> date | None:
    return _end_of_month(received_on)


@_rule(
    r"\b(?:end of next month|(?:do )?(?:konca|koncem) (?:przyszlego|nastepnego) miesiaca|"
    r"ende (?:des )?(?:nachsten|naechsten|kommenden) monats)\b"
)
def _next_month_end(m: re.Match[str], received_on: date) -> date | None:
    return _end_of_month(received_on, 1)


@_rule(
    r"\b(?:end of (?:the |this )?week|(?:do )?(?:konca|koncem) (?:tego )?tygodnia|ende (?:der|dieser) woche)\b"
)
def _week_end(m: re.Match[str], received_on: date) -> date | None:
    # The business week: Friday, or today when written at the weekend.
    if received_on.weekday() >= 4:
        return received_on
    return _next_weekday(received_on, 4, strictly_after=False)


def find_dates(text: str, received_on: date) -> list[FoundDate]:
    """Every date ``text`` names, in order, resolved against ``received_on`` (the day the mail arrived).

    Overlapping candidates keep the longest; dates introduced by "after"/"po"/"nach" are dropped as vague.
    """
    folded = fold(text)
    found: list[FoundDate] = []
    for pattern, resolve in _RULES:
        for match in pattern.finditer(folded):
            if _VAGUE_BEFORE.search(folded[max(0, match.start() - 25) : match.start()]):
                continue
            resolved = resolve(match, received_on)
            if resolved is None:
                continue
            found.append(FoundDate(resolved, match.start(), match.end(), text[match.start() : match.end()]))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[FoundDate] = []
    for item in sorted(found, key=lambda f: -(f.end - f.start)):
        if all(item.end <= k.start or item.start >= k.end for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


# ---------------------------------------------------------------------------------------------
# amounts

_CURRENCIES = {
    "zł": "PLN", "zl": "PLN", "pln": "PLN", "złotych": "PLN", "zlotych": "PLN",
    "eur": "EUR", "€": "EUR", "euro": "EUR", "usd": "USD", "$": "USD", "gbp": "GBP", "£": "GBP",
    "chf": "CHF", "czk": "CZK", "kč": "CZK",
}  # fmt: skip
_CUR_RE = r"(?:złotych|zlotych|zł|zl|pln|euro|eur|€|usd|\$|gbp|£|chf|czk|kč)"
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.,']\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_AMOUNT_RE = re.compile(
    r"(?<![\w.,])(?:(?P<cur1>" + _CUR_RE + r")\s?(?P<num1>" + _NUMBER + r")(?![\d])"
    r"|(?P<num2>" + _NUMBER + r")\s?(?P<cur2>" + _CUR_RE + r")(?!\w))",
    re.I,
)


def _parse_number(raw: str) -> Decimal | None:
    text = re.sub(r"[ \u00a0\u202f']", "", raw)
    if "," in text and "." in text:
        decimal_sep = "," if text.rfind(",") > text.rfind(".") else "."
    elif "," in text or "." in text:
        sep = "," if "," in text else "."
        _head, _, tail = text.rpartition(sep)
        decimal_sep = sep if (text.count(sep) == 1 and len(tail) in (1, 2)) else ""
    else:
        decimal_sep = ""
    thousands = {",", "."} - {decimal_sep}
    for sep in thousands:
        text = text.replace(sep, "")
    if decimal_sep:
        text = text.replace(decimal_sep, ".")
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def find_amounts(text: str) -> list[FoundAmount]:
    """Every amount of money ``text`` names with a currency ("5 000,00 zł", "£1,204.50", "EUR 5.000,00")."""
    found = []
    for match in _AMOUNT_RE.finditer(text):
        raw = match["num1"] or match["num2"]
        currency = _CURRENCIES.get((match["cur1"] or match["cur2"]).lower())
        amount = _parse_number(raw)
        if amount is None or currency is None:
            continue
        found.append(FoundAmount(amount, currency, match.start(), match.end(), match.group(0)))
    return found
