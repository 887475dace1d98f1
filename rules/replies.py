"""Classifying a customer's reply to a payment reminder: intent, promised date and amount, return date.

Pure: the message comes in as an ``InboundMessage``-like value (duck-typed: this package
does not import ``mailer``), the day it arrived as ``received_on``. Only the customer's own
words (``message.text``) are searched, never the quoted reminder or the signature.
Phrases are data (``rules/phrases/<lang>.toml``, extendable per company); see the format
described at the top of those files.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from importlib import resources
from typing import Any, Protocol

from rules import Problem, RuleError
from rules.dates import INVOICE_NUMBER, MONTH_PATTERN, FoundDate, find_amounts, find_dates, fold
from rules.reply_model import SLOTS, IntentModel, train_intent_model

__all__ = [
    "INTENTS",
    "PhraseBook",
    "ReplyClassification",
    "classify_reply",
    "detect_language",
    "load_phrasebook",
]

INTENTS = (
    "promise_to_pay",
    "payment_plan",
    "already_paid",
    "dispute",
    "out_of_office",
    "bounce",
    "other",
)
# When a reply says several things, the one that needs a person most wins: a dispute
# stops the dunning, a plan request needs an answer, "paid" needs a check of the bank.
_PRIORITY = ("dispute", "payment_plan", "already_paid", "promise_to_pay", "out_of_office")
_NEGATABLE = frozenset({"promise_to_pay", "already_paid"})
_SHIPPED_LANGUAGES = ("pl", "en", "de")
_PHRASE_KEYS = (
    *_PRIORITY,
    "negations",
    "markers",
    "payment_words",
    "due_words",
    "uncertainty",
    "conditions",
    "not_disputes",
    "first_person",
    "third_person",
    "plan_reasons",
    "no_commitment",
    "not_plans",
    "retracted",
    "remainder",
    "goods_words",
)
_MAX_CHARS = 20_000


class _Message(Protocol):
    # Read-only, so that a frozen dataclass such as mailer's InboundMessage fits.
    @property
    def text(self) -> str: ...
    @property
    def full_text(self) -> str: ...
    @property
    def language_hint(self) -> str: ...
    @property
    def is_auto_reply(self) -> bool: ...
    @property
    def auto_reply_evidence(self) -> str: ...
    @property
    def bounce(self) -> Any: ...


@dataclass(frozen=True, slots=True)
class LanguagePhrases:
    """Compiled phrase patterns of one language (patterns match ``fold``-ed text)."""

    language: str
    intents: Mapping[str, tuple[re.Pattern[str], ...]]
    negation: re.Pattern[str] | None
    markers: tuple[re.Pattern[str], ...]
    is_negation_after_verb: bool = False
    payment_words: re.Pattern[str] | None = None
    due_words: re.Pattern[str] | None = None
    uncertainty: re.Pattern[str] | None = None
    conditions: re.Pattern[str] | None = None
    not_disputes: re.Pattern[str] | None = None
    first_person: re.Pattern[str] | None = None
    third_person: re.Pattern[str] | None = None
    plan_reasons: re.Pattern[str] | None = None
    no_commitment: re.Pattern[str] | None = None
    not_plans: re.Pattern[str] | None = None
    retracted: re.Pattern[str] | None = None
    remainder: re.Pattern[str] | None = None
    goods_words: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class PhraseBook:
    """Phrase patterns per language; build it with ``load_phrasebook``."""

    languages: Mapping[str, LanguagePhrases] = field(default_factory=dict)
    # The second opinion for replies no phrase decides (None: phrases only).
    model: IntentModel | None = None


@dataclass(frozen=True, slots=True)
class ReplyClassification:
    """What a reply means for the dunning process.

    ``evidence`` quotes the customer's sentence that decided the intent (or the header
    that made it an auto-reply/bounce); ``promised_on`` is set for promises and plans
    only when a definite date was named; ``return_on`` for out-of-office replies.
    ``language`` is an ISO 639-1 code, or ``"und"`` when there are no words to judge.
    """

    intent: str
    promised_on: date | None = None
    promised_amount: Decimal | None = None
    promised_currency: str | None = None
    return_on: date | None = None
    language: str = "und"
    evidence: str = ""
    disputed_invoices: tuple[str, ...] = ()
    bounce: Any = None
    # "phrase" (a phrase list decided), "examples" (no phrase did; the reply is most like the
    # example replies of this intent, with this probability), "headers" (bounce, auto-reply).
    decided_by: str = "phrase"
    probability: float | None = None


# ---------------------------------------------------------------------------------------------
# phrase book


class _BadPhrase(ValueError):
    pass


def _compile_entry(entry: Any) -> re.Pattern[str]:
    if not isinstance(entry, str) or not entry.strip():
        raise _BadPhrase(f"each phrase must be a non-empty string, got {entry!r}")
    try:
        if entry.startswith("re:"):
            return re.compile(_fold_pattern(entry[3:]))
        words = []
        for token in fold(entry.strip()).split():
            if token == "...":
                words.append(r"[^\n]{0,40}?")
            elif token.endswith("*") and len(token) > 1:
                words.append(re.escape(token[:-1]) + r"\w*")
            else:
                words.append(re.escape(token))
        body = r"\s+".join(words)
        start = r"\b" if re.match(r"\w", fold(entry.strip())[0]) else ""
        end = r"\b" if re.search(r"\w$", entry.strip()) and not entry.strip().endswith("*") else ""
        return re.compile(start + body + end)
    except re.error as exc:
        raise _BadPhrase(
            f"phrase {entry!r} is not a valid regular expression ({exc}); fix it or drop the 're:' prefix"
        ) from exc


def _fold_pattern(pattern: str) -> str:
    """Fold a regex's literal letters but not its escapes (``\\S`` must stay upper case)."""
    out = []
    escaped = False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        else:
            out.append(fold(ch))
    return "".join(out)


def _read_shipped(language: str) -> dict[str, Any]:
    data = resources.files("rules").joinpath("phrases", f"{language}.toml").read_text(encoding="utf-8")
    return tomllib.loads(data)


def load_phrasebook(
    extra: Mapping[str, Any] | None = None,
    examples: Mapping[str, Any] | None = None,
    *,
    min_probability: float = 0.9,
    shipped: bool = True,
) -> PhraseBook:
    """The shipped phrase lists (pl, en, de) plus a company's own from ``extra``, and the second opinion.

    ``extra`` is the ``[replies.phrases]`` table of the rules file: ``{"pl": {"promise_to_pay":
    ["..."]}}``; its entries are added to the shipped ones, and a new language may be added.
    ``examples`` (``[replies.examples]``, same shape) adds example replies to the shipped ones
    (``rules/phrases/<lang>.examples.toml``) that the second opinion learns from; it speaks
    when it is at least ``min_probability`` sure (1.0 or more turns it off).
    ``shipped=False`` leaves out the shipped lists and examples: a quick check of a company's
    own entries (no second opinion is trained then).
    Raises ``RuleError`` naming the key path of a bad entry.
    """
    # Every entry keeps where it came from, so a bad one is reported at its own key path.
    raw: dict[str, dict[str, list[tuple[Any, str, str]]]] = {}
    negation_after: dict[str, bool] = {}
    for language in _SHIPPED_LANGUAGES if shipped else ():
        data = _read_shipped(language)
        negation_after[language] = bool(data.get("negation_follows_verb", False))
        raw[language] = {
            key: [
                (entry, f"rules/phrases/{language}.toml", f"{key}[{i}]")
                for i, entry in enumerate(data.get(key, []))
            ]
            for key in _PHRASE_KEYS
        }
    problems: list[Problem] = []

    def problem(source: str, path: str, message: str) -> None:
        problems.append(Problem(source=source, line=None, path=path, message=message))

    for language, table in (extra or {}).items():
        where = f"replies.phrases.{language}"
        if not isinstance(table, Mapping):
            problem("rules file", where, f"must be a table of phrase lists, got {table!r}")
            continue
        target = raw.setdefault(str(language), {key: [] for key in _PHRASE_KEYS})
        for key, values in table.items():
            if key == "negation_follows_verb" and isinstance(values, bool):
                negation_after[str(language)] = values
                continue
            if key not in _PHRASE_KEYS:
                problem(
                    "rules file",
                    f"{where}.{key}",
                    f"is not a known list; use one of {', '.join(_PHRASE_KEYS)}",
                )
                continue
            if isinstance(values, str) or not isinstance(values, list | tuple):
                problem("rules file", f"{where}.{key}", f'must be a list of phrases, e.g. {key} = ["..."]')
                continue
            target[key].extend((entry, "rules file", f"{where}.{key}[{i}]") for i, entry in enumerate(values))

    def compiled(entries: list[tuple[Any, str, str]]) -> list[re.Pattern[str]]:
        out = []
        for entry, source, path in entries:
            try:
                out.append(_compile_entry(entry))
            except _BadPhrase as exc:
                problem(source, path, str(exc))
        return out

    languages: dict[str, LanguagePhrases] = {}
    for language, table in raw.items():

        def combined(
            key: str, table: dict[str, list[tuple[Any, str, str]]] = table
        ) -> re.Pattern[str] | None:
            """One pattern for a whole list: a match of any of its entries."""
            return _any_of(compiled(table.get(key, [])))

        languages[language] = LanguagePhrases(
            language=language,
            intents={intent: tuple(compiled(table.get(intent, []))) for intent in _PRIORITY},
            negation=combined("negations"),
            markers=tuple(compiled(table.get("markers", []))),
            is_negation_after_verb=negation_after.get(language, False),
            payment_words=combined("payment_words"),
            due_words=combined("due_words"),
            uncertainty=combined("uncertainty"),
            conditions=combined("conditions"),
            not_disputes=combined("not_disputes"),
            first_person=combined("first_person"),
            third_person=combined("third_person"),
            plan_reasons=combined("plan_reasons"),
            no_commitment=combined("no_commitment"),
            not_plans=combined("not_plans"),
            retracted=combined("retracted"),
            remainder=combined("remainder"),
            goods_words=combined("goods_words"),
        )
    model_examples = _examples(examples, problem, shipped)
    if problems:
        raise RuleError(problems)
    model = (
        train_intent_model(model_examples, min_probability=min_probability)
        if shipped and min_probability < 1.0
        else None
    )
    return PhraseBook(languages=languages, model=model)


_EXAMPLE_INTENTS = (*_PRIORITY, "other")
# Benchmark annotations an example may carry, which the model ignores: a leading "~" (the day
# named is one the customer can NOT pay) and a trailing "[[attachment: name.pdf]]".
_EXAMPLE_ATTACHMENT = re.compile(r"\s*\[\[attachment:[^\]]*\]\]\s*$")
_EXAMPLE_SLOT = re.compile(r"\{(\w*)\}")


def shipped_examples(language: str) -> dict[str, list[str]]:
    """The example replies shipped for ``language`` (``{}`` if none), as written in the file."""
    path = resources.files("rules").joinpath("phrases", f"{language}.examples.toml")
    if not path.is_file():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {intent: list(data.get(intent, [])) for intent in _EXAMPLE_INTENTS if data.get(intent)}


def _examples(
    extra: Mapping[str, Any] | None, problem: Callable[[str, str, str], None], shipped: bool = True
) -> dict[str, dict[str, list[str]]]:
    """Shipped plus company example replies per language and intent, annotations removed."""
    out: dict[str, dict[str, list[str]]] = {}

    def add(language: str, intent: str, entries: Any, source: str, where: str) -> None:
        if intent not in _EXAMPLE_INTENTS:
            problem(source, where, f"is not an intent; use one of {', '.join(_EXAMPLE_INTENTS)}")
            return
        if isinstance(entries, str) or not isinstance(entries, list | tuple):
            problem(source, where, f'must be a list of example replies, e.g. {intent} = ["..."]')
            return
        for i, entry in enumerate(entries):
            if not isinstance(entry, str) or not entry.strip():
                problem(source, f"{where}[{i}]", f"each example must be a non-empty string, got {entry!r}")
                continue
            unknown = sorted(set(_EXAMPLE_SLOT.findall(entry)) - SLOTS)
            if unknown or entry.count("{") != entry.count("}"):
                problem(
                    source,
                    f"{where}[{i}]",
                    f"braces may only mark the slots {', '.join('{' + slot + '}' for slot in sorted(SLOTS))}; "
                    f"found {', '.join('{' + u + '}' for u in unknown) or 'an unpaired brace'}",
                )
                continue
            text = _EXAMPLE_ATTACHMENT.sub("", entry.lstrip("~"))
            out.setdefault(language, {}).setdefault(intent, []).append(text)

    for language in _SHIPPED_LANGUAGES if shipped else ():
        for intent, entries in shipped_examples(language).items():
            add(language, intent, entries, f"rules/phrases/{language}.examples.toml", intent)
    for language, table in (extra or {}).items():
        where = f"replies.examples.{language}"
        if not isinstance(table, Mapping):
            problem("rules file", where, f"must be a table of example lists, got {table!r}")
            continue
        for intent, entries in table.items():
            add(str(language), str(intent), entries, "rules file", f"{where}.{intent}")
    return out


# ---------------------------------------------------------------------------------------------
# language

_DIACRITICS = {"pl": set("ąćęłńśźżĄĆĘŁŃŚŹŻ"), "de": set("äöüßÄÖÜ")}


def _language_scores(folded: str, original: str, phrases: PhraseBook) -> dict[str, int]:
    scores: dict[str, int] = {}
    for language, table in phrases.languages.items():
        score = sum(len(marker.findall(folded)) for marker in table.markers)
        score += 2 * sum(1 for ch in original if ch in _DIACRITICS.get(language, ()))
        scores[language] = score
    return scores


def detect_language(text: str, phrases: PhraseBook, hint: str = "") -> str:
    """The ISO 639-1 code whose common words ``text`` uses most; ``hint`` breaks ties; ``"und"`` if none."""
    scores = _language_scores(fold(text), text, phrases)
    best = max(scores.values(), default=0)
    if best == 0:
        return hint or "und"
    leaders = [language for language, score in scores.items() if score == best]
    return hint if hint in leaders else leaders[0]


# ---------------------------------------------------------------------------------------------
# classification

# A point or comma inside a number ("2460.00", "4 920,00") does not end a clause.
_CLAUSE_BREAK = re.compile(
    r"(?<!\d)[.,]|[.,](?!\d)|[;:!?\n()\u2013\u2014]|\s-\s|\b(ale|but|aber|jedoch|however|lecz|natomiast)\b"
    # run-on sentences without commas: "nie rozumiem o co chodzi bo ja to płaciłam"
    r"|\b(bo|poniewaz|because|weil|denn|prosze|please|bitte)\b"
)
# "tj. 3 maja", "z.B. am Freitag", "i.e. on the 3rd": a point that ends no sentence
_ABBREVIATION = "".join(
    f"(?<!\\b{a}\\.)(?<!\\b{a.capitalize()}\\.)"
    for a in ("tj", "np", "ul", "nr", "ca", "bzw", "vs", "approx", "etc", "z.b", "i.e", "e.g", "u.a", "d.h")
)
# A point after a number that a lower-case word or a month follows is part of a date
# ("bis zum 21.1. zur Zahlung angewiesen", "am 12. November"), not the end of a sentence.
_SENTENCE_BREAK = re.compile(
    r"(?<=[!?])\s+|(?<=[^\d\s]\.)" + _ABBREVIATION + r"\s+"
    r"|(?<=\d\.)[ \t]+(?![a-z\u00e0-\u017f]|(?i:" + MONTH_PATTERN + r")\b)|\n"
)
_LOOKS_LIKE_DATE = re.compile(r"^\d{1,4}[/-]\d{1,2}(?:[/-]\d{1,4})?$")


@dataclass(frozen=True, slots=True)
class _Hit:
    intent: str
    start: int
    end: int
    language: str


def _clause_negated(
    folded: str, position: int, negation: re.Pattern[str] | None, end: int | None = None
) -> bool:
    """Whether a negation precedes ``position`` in its clause ("we can't pay BY FRIDAY").

    With ``end``, a negation after ``end`` in the same clause counts too (German puts it
    late: "wir können AM MITTWOCH leider nicht zahlen").
    """
    if negation is None:
        return False
    before = folded[max(0, position - 40) : position]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    if negation.search(before):
        return True
    if end is None:
        return False
    if end >= 2 and folded[end - 1] == "." and folded[end - 2].isalpha():
        return False  # "19 października." ended the sentence
    after = folded[end : end + 50]
    stop = _CLAUSE_BREAK.search(after)
    return bool(negation.search(after[: stop.start()] if stop else after))


def _is_negated(folded: str, hit: _Hit, table: LanguagePhrases) -> bool:
    negation = table.negation
    if negation is None:
        return False
    end = hit.end if table.is_negation_after_verb else None
    return _clause_negated(folded, hit.start, negation, end) or bool(
        negation.search(folded[hit.start : hit.end])
    )


_PAID_TO_US = re.compile(r"\s+(nam|mi|us|me|uns|mir)\b")
# "We have always paid", "zawsze płaciliśmy", "wir haben immer bezahlt": a habit, not this invoice
# ("as always, we paid on the 3rd" still reports a payment).
_HABITUAL = re.compile(
    r"(?<!as )(?<!jak )(?<!wie )\b(always|zawsze|immer|stets|last year|last quarter|w zeszlym roku"
    r"|w ubieglym roku|w zeszlym kwartale|letztes jahr|im letzten jahr|im vorjahr|letztes quartal)\b"
)
# "Our payment runs are on the 15th and the last working day of each month": how the customer
# pays in general, in the clause of the promise words ("as every month, on Friday" promises).
_ROUTINE = re.compile(
    r"(?<!as )(?<!like )(?<!jak )(?<!wie )\b((each|every)\s+(month|week|quarter|year)|co\s+(miesiac|tydzien|kwartal)"
    r"|(jeden|jede|jedes|jeder)\s+(monat|woche|quartal|jahr)|usually|normally|generally|as a rule"
    r"|zwykle|zazwyczaj|z reguly|normalerweise|grundsatzlich|ublicherweise|in der regel"
    r"|always|zawsze|immer|stets|standard|standardowo|standardmassig)\b"
)


def _about_someone_else(folded: str, hit: _Hit, table: LanguagePhrases) -> bool:
    """An absence told of a third person ("our MD is on holiday until the 20th"), not the writer's own."""
    if table.third_person is None:
        return False
    # The clause decides when it names anyone ("ich frage ihn, wenn er aus dem Urlaub zurück
    # ist"), else the sentence ("Our MD is on holiday until the 20th").
    for start, end in (_clause_bounds(folded, hit), _sentence_bounds(folded, hit.start, hit.end)):
        text = folded[start:end]
        is_first = table.first_person is not None and bool(table.first_person.search(text))
        if is_first or table.third_person.search(text):
            return not is_first
    return False


def _any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    return re.compile("|".join(p.pattern for p in patterns)) if patterns else None


def _takes_back_commitment(folded: str, hit: _Hit, table: LanguagePhrases) -> bool:
    """ "Mal sehen, was die Liquidität hergibt", "maybe this month, but no promises"."""
    if table.no_commitment is None:
        return False
    left, right = _sentence_bounds(folded, hit.start, hit.end)
    return bool(table.no_commitment.search(folded, left, right))


_BECAUSE = re.compile(r"\b(bo|poniewaz|because|weil|denn)\b")


def _is_uncertain(folded: str, hit: _Hit, table: LanguagePhrases) -> bool:
    """A question or a doubt is no statement: "Is it already paid?", "we'll check whether it was paid"."""
    left, right = _sentence_bounds(folded, hit.start, hit.end)
    # A question mark ending the hit's own clause: "Is it paid?" but not "We paid, can you check?"
    clause_end = re.search(r"[.,;:!?\n]|\s[-\u2013\u2014]\s", folded[hit.end : right + 1])
    if clause_end is not None and clause_end.group() == "?":
        return True
    if _takes_back_commitment(folded, hit, table):
        return True  # "we should manage this month, but no promises"
    if table.uncertainty is None:
        return False
    # "Zu Ihrer Frage, ob ...: nein, die Rechnung ist bereits erledigt": a colon or semicolon
    # ends the doubt that came before it.
    left = max(left, folded.rfind(":", left, hit.start) + 1, folded.rfind(";", left, hit.start) + 1)
    # "Nie wiem, skąd ten monit, bo środki zeszły 30.09": a reason given after "because" is stated.
    reasons = list(_BECAUSE.finditer(folded, left, hit.start))
    if reasons:
        left = reasons[-1].end()
    return bool(table.uncertainty.search(folded[left : hit.start]))


def _clause_bounds(folded: str, hit: _Hit) -> tuple[int, int]:
    left, right = _sentence_bounds(folded, hit.start, hit.end)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(folded, left, hit.start)]
    after = _CLAUSE_BREAK.search(folded, hit.end, right)
    return (breaks[-1] if breaks else left), (after.start() if after else right)


def _spans(pattern: re.Pattern[str] | None, folded: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(folded)] if pattern is not None else []


# "Wir zahlen den kompletten Betrag, nicht in Raten": a plan word the customer turns down.
_DECLINED = re.compile(
    r"\b(nicht|kein|keine|keinen|ohne|not|no|without|nie|bez)\s+((in|im|w|na|as|als)\s+)?$"
)


# "in our BACS run", "w przebiegu płatności", "im Zahlungslauf": a payment run is about money
_PAYMENT_RUN = re.compile(r"\b(bacs|payment|pay|supplier)\s+run\b|\bzahlungslauf|\bprzebieg\w*\s+platnosci")


def _about_goods(folded: str, hit: _Hit, table: LanguagePhrases) -> bool:
    """ "Pojutrze wysyłamy Państwu zamówienie": goods in the clause and no word about money."""
    if table.goods_words is None:
        return False
    start, end = _clause_bounds(folded, hit)
    clause = folded[start:end]
    if (table.payment_words is not None and table.payment_words.search(clause)) or _PAYMENT_RUN.search(
        clause
    ):
        return False
    return bool(table.goods_words.search(clause))


_BULLET = re.compile(r"\n[ \t]*([-*\u2022\u2013\u2014]|\d+[.)])\s")
# What ends a thought the writer takes back: "we were going to ask for instalments, BUT ..."
_TAKEN_BACK_UNTIL = re.compile(
    r"\b(ale|jednak|lecz|but|however|aber|allerdings|jedoch|doch)\b|[!?\n]|\.(\s|$)"
)


def _retracted_spans(folded: str, table: LanguagePhrases) -> list[tuple[int, int]]:
    """Where the writer reports what they once thought, said or meant to do, up to the "but".

    "Ich dachte, wir hätten das längst bezahlt, aber ...", "we were going to ask you for
    instalments, but ... we'll pay the whole lot on Wednesday": the words before the "but"
    are taken back and decide nothing.
    """
    if table.retracted is None:
        return []
    spans = []
    for match in table.retracted.finditer(folded):
        stop = _TAKEN_BACK_UNTIL.search(folded, match.end())
        spans.append((match.start(), stop.start() if stop else len(folded)))
    return spans


# "Jeśli inwestor przeleje nam transzę, to ureguluję ...": a plan word inside the condition
# that opens the sentence ("Es wäre eine Hilfe, wenn wir in Raten zahlen könnten" asks for one).
_IF_CLAUSE = re.compile(r"\s*(jesli|jezeli|gdyby|if|falls|wenn|sofern)\b")


def _in_opening_condition(folded: str, hit: _Hit) -> bool:
    sentence_start = _sentence_bounds(folded, hit.start, hit.end)[0]
    clause_start = _clause_bounds(folded, hit)[0]
    return not folded[sentence_start:clause_start].strip() and bool(_IF_CLAUSE.match(folded, clause_start))


def _plan_turned_down(folded: str, hit: _Hit, table: LanguagePhrases) -> bool:
    """ "I won't be paying in instalments", "Eine Ratenzahlung brauchen wir nicht": a plan word
    in a negated statement. A plan phrase that is itself a "cannot" ("we can't pay it all") and
    a polite question ("Czy nie moglibyśmy rozłożyć na raty?") are not turned down."""
    if table.negation is None or table.negation.search(folded, hit.start, hit.end):
        return False
    left, right = _sentence_bounds(folded, hit.start, hit.end)
    if folded[left:right].rstrip().endswith("?"):
        return False
    return _is_negated(folded, hit, table)


def _find_hits(folded: str, table: LanguagePhrases) -> list[_Hit]:
    # "Nie kwestionujemy zadłużenia", "we don't dispute the debt", "falsch zugeordnet": a dispute
    # word inside one of these disputes nothing; "the last instalment went out on the 3rd"
    # reports a plan paid off and asks for none.
    acknowledged = _spans(table.not_disputes, folded)
    plan_paid = _spans(table.not_plans, folded)
    taken_back = _retracted_spans(folded, table)
    hits = []
    for intent in _PRIORITY:
        for pattern in table.intents.get(intent, ()):
            for match in pattern.finditer(folded):
                if match.end() == match.start():
                    continue
                hit = _Hit(intent, match.start(), match.end(), table.language)
                if _BULLET.search(folded, hit.start, hit.end):
                    continue  # "- Betrag ist korrekt\n- Überweisung erfolgt": two points, not one
                if any(a <= hit.start < b for a, b in taken_back):
                    continue
                if intent == "dispute" and any(a <= hit.start < b for a, b in acknowledged):
                    continue
                if intent == "payment_plan" and (
                    any(a <= hit.start < b for a, b in plan_paid)
                    or _DECLINED.search(folded, max(0, hit.start - 16), hit.start)
                    or _takes_back_commitment(folded, hit, table)
                    or _plan_turned_down(folded, hit, table)
                    or _in_opening_condition(folded, hit)
                ):
                    continue
                if intent == "out_of_office" and _about_someone_else(folded, hit, table):
                    continue
                if intent in _NEGATABLE and _PAID_TO_US.match(folded, hit.end):
                    continue  # "Inwestor zapłacił nam wczoraj": someone paid the customer
                if intent == "already_paid" and _HABITUAL.search(folded, *_clause_bounds(folded, hit)):
                    continue
                if intent == "promise_to_pay" and _about_goods(folded, hit, table):
                    continue
                if intent in _NEGATABLE and (
                    _is_negated(folded, hit, table) or _is_uncertain(folded, hit, table)
                ):
                    continue
                if intent == "promise_to_pay" and _ROUTINE.search(folded, *_clause_bounds(folded, hit)):
                    continue
                hits.append(hit)
    return hits


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    # A sentence longer than a thousand characters is cut there; ``finditer`` gets no end
    # position, because its lookahead must see past ``start``.
    left = max(0, start - 1000)
    for match in _SENTENCE_BREAK.finditer(text, left):
        if match.end() > start:
            break
        left = match.end()
    right_match = _SENTENCE_BREAK.search(text, end)
    right = right_match.start() if right_match else len(text)
    return left, right


def _quote(text: str, start: int, end: int) -> str:
    left, right = _sentence_bounds(text, start, end)
    sentence = " ".join(text[left:right].split())
    if len(sentence) > 200:
        sentence = " ".join(text[max(left, start - 60) : min(right, end + 60)].split())
    return sentence


_REFERENCE_DATE = re.compile(r"\b(vom|von|dated|of|from|z dnia|z)\s+(dem\s+|dnia\s+)?$")


def _pick_date(
    dates: list[FoundDate], text: str, hit: _Hit, received_on: date, table: LanguagePhrases
) -> date | None:
    """The date a promise names: in its own sentence first, else the only future date in the
    reply named in a sentence about money or a deadline.

    Past dates and dates in a negated clause ("we can't pay by Friday") are not promises, nor is
    "we need the fittings on site on 4.12." next to "we'll pay the invoice soon".
    """
    left, right = _sentence_bounds(text, hit.start, hit.end)
    folded = fold(text)
    future = [
        d
        for d in dates
        if d.on >= received_on and not _clause_negated(folded, d.start, table.negation, d.end)
    ]
    in_sentence = [d for d in future if left <= d.start < right]
    if in_sentence:
        # "Ihr Schreiben vom 12. November", "your letter of 3 December": a reference, not a day
        named = [d for d in in_sentence if not _REFERENCE_DATE.search(folded, max(0, d.start - 12), d.start)]
        in_sentence = named or in_sentence
        after = [d for d in in_sentence if d.start >= hit.start]
        # the first day after the promise, else the nearest before it
        return after[0].on if after else in_sentence[-1].on
    # A plan's days stand in sentences of their own ("Pierwsza rata w piątek, druga w styczniu").
    candidates = (
        future if hit.intent == "payment_plan" else [d for d in future if _about_money(folded, d, table)]
    )
    distinct = {d.on for d in candidates}
    return candidates[0].on if len(distinct) == 1 else None


def _about_money(folded: str, found: FoundDate, table: LanguagePhrases) -> bool:
    left, right = _sentence_bounds(folded, found.start, found.end)
    sentence = folded[left:right]
    return any(
        words is not None and words.search(sentence) for words in (table.payment_words, table.due_words)
    )


def classify_reply(
    message: _Message, phrases: PhraseBook, received_on: date, tz: str | None = None
) -> ReplyClassification:
    """Classify one reply; ``received_on`` is the day it arrived in the company's timezone.

    ``tz`` is accepted for callers that track it; all relative dates ("jutro", "by Friday")
    are already resolved against ``received_on``, so it does not change the result.
    """
    # What a customer decides is said at the top; a pasted log or contract must not stall the
    # daemon, so only the first _MAX_CHARS characters of their own words are read.
    text = (message.text or "")[:_MAX_CHARS]
    own_or_full = text or message.full_text or ""
    # The first few thousand characters say which language it is; bounces can be megabytes.
    language = detect_language(own_or_full[:3000], phrases, message.language_hint or "")
    if message.bounce is not None:
        return ReplyClassification(
            intent="bounce",
            language=language,
            evidence=getattr(message.bounce, "evidence", "") or "delivery failure notice",
            bounce=message.bounce,
            decided_by="message",
        )
    if message.is_auto_reply:
        return ReplyClassification(
            intent="out_of_office",
            return_on=_return_date(own_or_full, received_on),
            language=language,
            evidence=message.auto_reply_evidence,
            decided_by="message",
        )
    result = _classify_words(text, message, language, phrases, received_on)
    if result.intent in ("other", "out_of_office"):
        # German written without umlauts ("Koennten Sie ... Fristverlaengerung"): read it again
        # with them, if it then reads as German (which the missing umlauts may have hidden).
        # An absence read first ("Buchhaltung war im Urlaub, ueberweisen das ...") gives way to
        # what the restored words decide.
        variant = _with_umlauts(text)
        if variant != text and "de" in (language, detect_language(variant[:3000], phrases)):
            spelled = _classify_words(variant, message, "de", phrases, received_on)
            if spelled.intent not in ("other", result.intent):
                return dataclasses.replace(spelled, evidence=_original_sentence(text, spelled.evidence))
    # A mailing (newsletter, list) is nobody's answer: the examples are not asked about it.
    if result.intent == "other" and not result.evidence and not getattr(message, "is_bulk", False):
        return _second_opinion(text, language, received_on, phrases) or result
    return result


# "ue", "oe", "ae" for ü, ö, ä, but not in "neue", "Steuer", "Frauen", "Quelle", "Michael".
_UMLAUT_SPELLING = re.compile(r"(?<![eaqEAQ])(ue|oe|ae|Ue|Oe|Ae)")
_UMLAUTS = {"ue": "ü", "oe": "ö", "ae": "ä", "Ue": "Ü", "Oe": "Ö", "Ae": "Ä"}


def _with_umlauts(text: str) -> str:
    """German written without umlauts, with them put back (phones mix both: "für ... ueberweise").

    Only a re-reading of a reply the plain text left undecided uses it, so a word such as
    "aktuell" spelled wrongly in the variant costs nothing.
    """
    return _UMLAUT_SPELLING.sub(lambda m: _UMLAUTS[m.group()], text)


def _original_sentence(text: str, evidence: str) -> str:
    """The customer's own sentence behind ``evidence`` quoted from the umlaut-restored text."""
    for match in re.finditer(r"[^.!?\n]+[.!?]*", text):
        sentence = " ".join(match.group().split())
        if sentence and " ".join(_with_umlauts(sentence).split()) in evidence:
            return sentence
    return evidence


def _classify_words(
    text: str, message: _Message, language: str, phrases: PhraseBook, received_on: date
) -> ReplyClassification:
    """What the customer's own words say, by the phrase lists alone (``other`` when none decides)."""
    folded = fold(text)
    scores = _language_scores(folded, text, phrases)
    order = (
        list(phrases.languages)
        if language not in phrases.languages
        else [
            language,
            *sorted(
                (lang for lang, score in scores.items() if score > 0 and lang != language),
                key=lambda lang: -scores[lang],
            ),
        ]
    )
    hits: list[_Hit] = []
    for candidate in order:
        table = phrases.languages.get(candidate)
        if table is None:
            continue
        hits = _find_hits(folded, table)
        if hits:
            break
    if not hits:
        result = _dated_payment_statement(text, folded, received_on, phrases, order, language)
        proof = _proof_of_payment(message) if result.intent == "other" else None
        if proof is not None:
            return ReplyClassification(intent="already_paid", language=language, evidence=proof)
        return result
    found = hits
    dates = find_dates(text, received_on)  # found once; every check below reads these
    hits = _not_by_that_day(hits, folded, dates, received_on, phrases)
    hits = _paid_by_a_future_day(hits, text, folded, dates, received_on)
    hits = _without_conditional_promises(hits, text, folded, dates, received_on, phrases)
    kept = [h for h in hits if h.intent != "dispute" or not _asks_who_or_where(folded, h)]
    if not kept:
        # A phrase matched but only as a condition or a question: quote it, so the person who
        # reads the reply sees why nothing was decided (and no second opinion overrules it).
        return ReplyClassification(
            intent="other", language=language, evidence=_quote(text, found[0].start, found[0].end)
        )
    hits = kept
    intent = next(name for name in _PRIORITY if any(h.intent == name for h in hits))
    intent = _weigh_needs_a_person(intent, hits, text, language, received_on, phrases)
    if intent == "payment_plan":
        intent = _plan_or_new_date(hits, text, folded, dates, received_on, phrases)
    if intent in ("payment_plan", "already_paid") and _rest_after_part_paid(
        hits, text, folded, dates, received_on, phrases
    ):
        intent = "promise_to_pay"
    if intent == "already_paid" and _only_a_part_paid(hits, folded):
        # "Wpłaciłam część, ile jeszcze zostało?": a part paid and a question about the rest
        # is for a person to answer; the invoice is not said to be paid.
        paid = min((h for h in hits if h.intent == "already_paid"), key=lambda h: h.start)
        return ReplyClassification(
            intent="other", language=language, evidence=_quote(text, paid.start, paid.end)
        )
    decisive = min((h for h in hits if h.intent == intent), key=lambda h: h.start)
    evidence = _quote(text, decisive.start, decisive.end)
    if intent == "out_of_office":
        return ReplyClassification(
            intent=intent,
            return_on=_return_date(text, received_on),
            language=language,
            evidence=evidence,
        )
    if intent == "dispute":
        return ReplyClassification(
            intent=intent,
            language=language,
            evidence=evidence,
            disputed_invoices=tuple(dict.fromkeys(m.group(1).upper() for m in INVOICE_NUMBER.finditer(text))),
        )
    promised_on = promised_amount = promised_currency = None
    if intent in ("promise_to_pay", "payment_plan"):
        table = phrases.languages[decisive.language]
        promised_on = _pick_date(dates, text, decisive, received_on, table)
        amounts = find_amounts(text)
        left, right = _sentence_bounds(text, decisive.start, decisive.end)
        in_sentence = [a for a in amounts if left <= a.start < right]
        chosen = in_sentence[0] if in_sentence else (amounts[0] if len(amounts) == 1 else None)
        if chosen is not None:
            promised_amount, promised_currency = chosen.amount, chosen.currency
    return ReplyClassification(
        intent=intent,
        promised_on=promised_on,
        promised_amount=promised_amount,
        promised_currency=promised_currency,
        language=language,
        evidence=evidence,
    )


def _days_soon(text: str, received_on: date) -> list[FoundDate]:
    """Days named in ``text`` from ``received_on`` to two months on: a promise's horizon.

    "Covered on 23 April" written in May is a past day that a date without a year would
    otherwise push into next year.
    """
    return [d for d in find_dates(text, received_on) if 0 <= (d.on - received_on).days <= 62]


def _names_absence(sentence: str, table: LanguagePhrases) -> bool:
    return any(p.search(sentence) for p in table.intents.get("out_of_office", ()))


def _dated_payment_statement(
    text: str, folded: str, received_on: date, phrases: PhraseBook, order: list[str], language: str
) -> ReplyClassification:
    """No phrase matched: a plain statement naming money and a definite future day is a promise.

    "Mamy to w grafiku płatności na piątek", "It's in our payment calendar for Friday". Questions
    ("Do we have to pay by Friday?") and negated clauses do not count; otherwise "other".
    """
    dates = _days_soon(text, received_on)
    if not dates:
        return ReplyClassification(intent="other", language=language)
    for candidate in order:
        table = phrases.languages.get(candidate)
        if table is None or table.payment_words is None:
            continue
        for found in dates:
            left, right = _sentence_bounds(text, found.start, found.end)
            sentence = folded[left:right]
            if sentence.rstrip().endswith("?") or _clause_negated(
                folded, found.start, table.negation, found.end
            ):
                continue
            if table.negation is not None and table.negation.search(sentence):
                continue
            if table.due_words is not None and table.due_words.search(sentence):
                continue  # restating a deadline is not promising to meet it
            if _ROUTINE.search(sentence):
                continue  # "our payment runs are on the 15th of each month" tells how, not when
            if _PAST_BEFORE.search(folded[max(0, found.start - 20) : found.start]):
                continue  # "seit Montag ist die Überweisung raus" is past
            if _names_absence(sentence, table):
                continue  # "the person who pays is on leave until the 20th" is no promise
            if table.uncertainty is not None and table.uncertainty.search(folded[left : found.start]):
                continue  # "if all goes well, we pay on Friday" is no statement of fact
            if table.payment_words.search(sentence):
                return ReplyClassification(
                    intent="promise_to_pay",
                    promised_on=found.on,
                    language=language,
                    evidence=_quote(text, found.start, found.end),
                )
    return ReplyClassification(intent="other", language=language)


# Intents that put the reply in front of a person anyway; among these the examples may choose.
_FOR_A_PERSON = ("dispute", "payment_plan", "already_paid")


def _weigh_needs_a_person(
    intent: str, hits: list[_Hit], text: str, language: str, received_on: date, phrases: PhraseBook
) -> str:
    """When phrases of several intents that all ask a person match, let the examples choose.

    "It went in two parts, the remainder a week later" names a plan word but reports a payment.
    The fixed priority (dispute > plan > paid) decides otherwise; a promise never wins this way,
    because a promise pauses dunning with nobody looking.
    """
    present = {h.intent for h in hits} & set(_FOR_A_PERSON)
    model = phrases.model
    if intent not in _FOR_A_PERSON or len(present) < 2 or model is None:
        return intent
    prediction = model.predict(text, language, received_on, with_evidence=False)
    if (
        prediction is not None
        and prediction.intent in present
        and prediction.probability >= model.min_probability
        and prediction.support >= model.min_support + 1
    ):
        return prediction.intent
    return intent


def _second_opinion(
    text: str, language: str, received_on: date, phrases: PhraseBook
) -> ReplyClassification | None:
    """What the example replies suggest for a reply no phrase decided, when the model is sure enough.

    The model learns words, not logic, so its reading must pass the checks a phrase passes: a
    question or a doubt ("Czy faktura została wysłana?", "if our client pays, we might pay
    Friday") states neither a payment nor a promise, and a promise is dated only by the one
    future day the reply names.
    """
    model = phrases.model
    if model is None:
        return None
    prediction = model.predict(text, language, received_on)
    if prediction is None or prediction.intent == "other" or prediction.probability < model.min_probability:
        return None
    intent, evidence = prediction.intent, prediction.evidence
    folded, sentence = fold(text), fold(evidence)
    # A promise pauses dunning with no person looking, and a question ("Do we have to pay by
    # Friday?") reads like a plan request to the model: each needs one more clear word.
    is_question = sentence.rstrip().endswith("?")
    table = phrases.languages.get(language)
    if is_question and table is not None and table.due_words is not None and table.due_words.search(sentence):
        return None  # "Do we have to pay by Friday?" asks about the deadline, it requests nothing
    if prediction.support < model.min_support + (intent == "promise_to_pay") + is_question:
        return None
    if intent != "dispute" and _ROUTINE.search(sentence):
        return None  # "our standard payment terms are 60 days" tells how they pay, not what they do
    if table is not None and table.no_commitment is not None and table.no_commitment.search(folded):
        return None  # "maybe this month, but no promises": the customer decided nothing
    if intent in _NEGATABLE:
        if is_question:
            return None
        # "Das Geld kommt nicht vor Januar": the model counts words, a negation turns them round.
        if table is not None and table.negation is not None and table.negation.search(sentence):
            return None
        if table is not None and any(
            pattern is not None and pattern.search(sentence)
            for pattern in (table.uncertainty, table.conditions)
        ):
            return None
        # "Our MD is away until the 12th and has to approve any payment": an absence, not a date
        if table is not None and _names_absence(sentence, table):
            return None
    if intent == "out_of_office":
        return None  # absences are told by headers and phrases; a guess would delay dunning
    promised_on = None
    if intent in ("promise_to_pay", "payment_plan"):
        future = {d.on for d in _days_soon(text, received_on)}
        promised_on = next(iter(future)) if len(future) == 1 else None
        # "Faktura pójdzie do księgowości" (forwarded) reads like a promise to the model: one
        # names money or a day ("Wyślę w piątek"), else it is no promise.
        names_money = (
            table is not None and table.payment_words is not None and bool(table.payment_words.search(folded))
        )
        if intent == "promise_to_pay" and not future and not names_money:
            return None
        # "Our next order goes out to you on Monday": goods and a day, but no money
        if (
            intent == "promise_to_pay"
            and not names_money
            and table is not None
            and table.goods_words is not None
            and table.goods_words.search(sentence)
        ):
            return None
        # "If our customer pays on time we might pay on Friday" states a condition, not a request
        if (
            intent == "payment_plan"
            and not is_question
            and table is not None
            and any(p is not None and p.search(sentence) for p in (table.conditions, table.uncertainty))
        ):
            return None  # "the board decides in mid-month about all payments" requests nothing
    return ReplyClassification(
        intent=intent,
        promised_on=promised_on,
        language=language,
        evidence=evidence,
        disputed_invoices=_invoice_numbers(text) if intent == "dispute" else (),
        decided_by="examples",
        probability=round(prediction.probability, 3),
    )


# "Wer ist bei Ihnen für Reklamationen zuständig?": asking for the right person names a
# dispute word without disputing anything.
_ASKS_WHO = re.compile(r"\s*(wer|wo|an wen|bei wem|who|whom|where|to whom|kto|gdzie|do kogo|z kim)\b")


def _asks_who_or_where(folded: str, hit: _Hit) -> bool:
    left, right = _sentence_bounds(folded, hit.start, hit.end)
    return folded[left:right].rstrip().endswith("?") and bool(_ASKS_WHO.match(folded, left))


# A day of the month on its own still sets a time frame: "zapłacimy po 10-tym, jak tylko ...".
_DAY_OF_MONTH = re.compile(r"(?<![\d.,£$€])\d{1,2}(-?(tym|ego|go|th|st|nd|rd)\b|\.(?!\d))")


def _without_conditional_promises(
    hits: list[_Hit], text: str, folded: str, found: list[FoundDate], received_on: date, phrases: PhraseBook
) -> list[_Hit]:
    """Drop promises that hang on a condition and name no day: "we'll pay once it's approved".

    With a definite day the condition is only a reason ("wir zahlen am Freitag, wenn unsere
    Einnahmen da sind"), and the promise stands.
    """
    if not any(h.intent == "promise_to_pay" for h in hits):
        return hits
    dates = [d for d in found if d.on >= received_on]
    out = []
    for hit in hits:
        table = phrases.languages.get(hit.language)
        if hit.intent == "promise_to_pay" and table is not None and table.conditions is not None:
            left, right = _sentence_bounds(text, hit.start, hit.end)
            has_day = any(left <= d.start < right for d in dates) or bool(
                _DAY_OF_MONTH.search(folded, left, right)
            )
            around = folded[left : hit.start] + " " + folded[hit.end : right]
            if not has_day and table.conditions.search(around):
                continue
        out.append(hit)
    return out


# "W terminie nie zapłacimy, ..., natomiast przelew wyślemy dwudziestego": the deadline itself
_ON_TIME = re.compile(
    r"\b(w terminie|na czas|on time|by the deadline|by the due date|fristgerecht|termingerecht|rechtzeitig|punktlich)\b"
)


def _not_by_that_day(
    hits: list[_Hit], folded: str, found: list[FoundDate], received_on: date, phrases: PhraseBook
) -> list[_Hit]:
    """ "Nie zapłacimy do 22.02, ..., ale całość przelejemy we wtorek": a refusal to pay by a day is
    about the day, not the invoice, when the reply also promises or asks for another one.

    Only a dispute phrase that itself carries the negation and names a day right after it
    ("we won't pay by Friday") is dropped, and only when a promise or plan phrase remains.
    """
    if not any(h.intent in ("promise_to_pay", "payment_plan") for h in hits):
        return hits
    days = [d for d in found if d.on >= received_on]
    out = []
    for hit in hits:
        table = phrases.languages.get(hit.language)
        if (
            hit.intent == "dispute"
            and table is not None
            and table.negation is not None
            and table.negation.search(folded[hit.start : hit.end])
            and (
                any(0 <= d.start - hit.end <= 12 for d in days)
                or _ON_TIME.search(folded, max(0, hit.start - 40), hit.end + 20)
            )
        ):
            continue
        out.append(hit)
    return out


# "bis zum 24.4. ist alles bezahlt", "by Friday it's paid", "do piątku będzie zapłacone":
# a deadline word right before the date.
_DEADLINE_BEFORE = re.compile(
    r"\b(bis|by|until|till|do|najpozniej|spatestens)\s+(zum\s+|zur\s+|dem\s+|the\s+)?$"
)

# "mit Ausführungsdatum Freitag", "z datą realizacji 5.12", "execution date Friday": a
# transfer ordered now that leaves on a coming day is a promise, not a payment made.
_EXECUTION_DAY = re.compile(
    r"\b(ausfuhrungsdatum|ausfuhrungstermin|valuta|wertstellung|execution date|value date|data realizacji"
    r"|data wykonania|z data)\b[^.!?\n]{0,12}$"
)

# "seit Montag", "since Friday", "od poniedziałku": a weekday that is past, however it resolves
_PAST_BEFORE = re.compile(r"\b(seit|since|od|last|ostatni\w*|letzten|zeszl\w*|vergangenen)\s+$")

_DEADLINE_WORD = re.compile(r"(bis|by|until|till|do|najpozniej|spatestens)\b")


def _paid_by_a_future_day(
    hits: list[_Hit], text: str, folded: str, found: list[FoundDate], received_on: date
) -> list[_Hit]:
    """A "paid" whose sentence sets a later day as its deadline is a promise, not a payment made."""
    if not any(h.intent == "already_paid" for h in hits):
        return hits

    def before(d: FoundDate, width: int) -> str:
        return folded[max(0, d.start - width) : d.start]

    future = [
        d for d in found if 0 < (d.on - received_on).days <= 92 and not _PAST_BEFORE.search(before(d, 20))
    ]
    if not future:
        return hits
    executions = [d for d in future if _EXECUTION_DAY.search(before(d, 30))]
    deadlines = executions + [
        d for d in future if _DEADLINE_BEFORE.search(before(d, 20)) or _DEADLINE_WORD.match(folded, d.start)
    ]
    out = []
    for hit in hits:
        if hit.intent == "already_paid":
            # The deadline comes first or inside, on the same line ("bis zum 24.4. ist ..." ends
            # a "sentence" at the date's dot); "paid on 3.11., please confirm by 27.11." stays
            # paid. An execution day may follow in the sentence ("sie wird mit Ausführungsdatum
            # Freitag ausgeführt"), and a coming day may open it ("Am Montag darauf ist die
            # Überweisung raus").
            left = max(text.rfind("\n", 0, hit.start) + 1, hit.start - 40)
            opening, right = _sentence_bounds(text, hit.start, hit.end)
            if (
                any(left <= d.start < hit.end for d in deadlines)
                or any(hit.end <= d.start < right for d in executions)
                or any(opening <= d.start <= opening + 3 and d.end <= hit.start for d in future)
            ):
                hit = _Hit("promise_to_pay", hit.start, hit.end, hit.language)
        out.append(hit)
    return out


# File names banks and accounting programs give a transfer confirmation, in any of the
# languages: "potwierdzenie_przelewu.pdf", "Payment_Confirmation_88213.pdf", "Ueberweisung.pdf".
_PROOF_NAME = re.compile(
    r"(potwierdz|przelew|confirm|remittance|proof|zahlungsnachweis|beleg|bestatig|bestaetig|"
    r"uberweis|ueberweis|kontoauszug|wyciag)"
)
_PROOF_EXTENSIONS = (".pdf", ".png", ".jpg", ".jpeg")


def _proof_of_payment(message: _Message) -> str | None:
    """Evidence that a reply with no telling words sends proof of payment: an attachment's name.

    Only consulted when the words decide nothing, so "we dispute it, see attached
    confirmation" stays a dispute and "we'll pay Friday" with a PDF stays a promise.
    """
    for attachment in getattr(message, "attachments", ()) or ():
        name = str(getattr(attachment, "filename", "") or "")
        folded = fold(name)
        if folded.endswith(_PROOF_EXTENSIONS) and _PROOF_NAME.search(folded):
            return f"attachment: {name}"
    return None


def _plan_or_new_date(
    hits: list[_Hit], text: str, folded: str, dates: list[FoundDate], received_on: date, phrases: PhraseBook
) -> str:
    """ "Not by Friday, but on 4 December" is a promise with a new date, not a plan request.

    Only when every plan phrase merely says what the customer cannot do (it contains a
    negation: "can't pay by Friday", "schaffen wir nicht") and a promise names a date.
    """
    plan_hits = [h for h in hits if h.intent == "payment_plan"]
    only_reasons = True
    for hit in plan_hits:
        table = phrases.languages[hit.language]
        said = folded[hit.start : hit.end]
        is_cannot = table.negation is not None and bool(table.negation.search(said))
        is_reason = table.plan_reasons is not None and bool(table.plan_reasons.fullmatch(said.strip()))
        if not (is_cannot or is_reason):
            return "payment_plan"  # instalments, split, more time: a real plan request
        only_reasons = only_reasons and is_reason
    promises = [h for h in hits if h.intent == "promise_to_pay"]
    if not promises:
        return "payment_plan"
    # "Zapłacę, ale nie wszystko naraz – teraz 2 tys., reszta do 27.08.": a part and the rest
    table = phrases.languages[plan_hits[0].language]
    if not only_reasons and table.remainder is not None and table.remainder.search(folded):
        return "payment_plan"
    # "Last month cash flow was tight, hence the delay. We'll pay the full amount soon.": a
    # reason told before a promise in another sentence needs no date to be a promise.
    last_reason = max(h.end for h in plan_hits)
    if only_reasons and any(_sentence_bounds(text, p.start, p.end)[0] >= last_reason for p in promises):
        return "promise_to_pay"
    for promise in promises:
        table = phrases.languages[promise.language]
        if _pick_date(dates, text, promise, received_on, table) is not None:
            return "promise_to_pay"
    return "payment_plan"


# "a part", "część", "einen Teil", "towards it": a payment that is not the whole invoice
_PART_PAID = re.compile(
    r"\b(part(?!\s+of\s+(a|the|our)\s+(bulk|collective|batch|combined|single|larger|joint))|partly|partially"
    r"|some of it|towards it|a portion|czesc|czesciow\w*|teil(?!\s+(der|des|einer|eines|unserer|unseres))"
    r"|teilweise|teilbetrag)\b"
)


def _only_a_part_paid(hits: list[_Hit], folded: str) -> bool:
    if any(h.intent == "promise_to_pay" for h in hits):
        return False
    paid = [h for h in hits if h.intent == "already_paid"]
    return bool(paid) and all(_PART_PAID.search(folded, *_clause_bounds(folded, h)) for h in paid)


_FIRST_PART = re.compile(
    r"\b(half|halves|part|partial|first|today|now|polow\w*|czesc\w*|pierwsz\w*|dzis|teraz"
    r"|halfte|teil\w*|erste\w*|heute|jetzt|sofort)\b|[\u00a3\u20ac$]\s?\d|\d\s?(zl|pln|eur|gbp)\b"
)


def _rest_after_part_paid(
    hits: list[_Hit], text: str, folded: str, dates: list[FoundDate], received_on: date, phrases: PhraseBook
) -> bool:
    """A part paid earlier and a promise to pay the rest is a promise, not a plan or a payment.

    "We paid £500 on account last month; the remaining balance will be paid on the 24th in one
    payment." Every plan phrase must only name the part or the rest ("the remaining balance",
    "Restbetrag"); instalments or a split keep it a plan. Without a payment told, one such
    phrase in the sentence of a dated promise ("The remaining balance will be cleared by
    5 April") is a promise too; "half now and the rest in May" names two parts and stays a plan.
    """
    paid = [h for h in hits if h.intent == "already_paid"]
    promises = [h for h in hits if h.intent == "promise_to_pay"]
    plans = [h for h in hits if h.intent == "payment_plan"]
    if not promises:
        return False
    for hit in plans:
        table = phrases.languages[hit.language]
        if table.remainder is None or not table.remainder.search(folded, hit.start, hit.end):
            return False
    if not paid:
        if len(plans) != 1:
            return False
        left, right = _sentence_bounds(text, plans[0].start, plans[0].end)
        if _FIRST_PART.search(folded, left, right) or sum(left <= d.start < right for d in dates) != 1:
            return False  # "£480 today and the balance on 4 October": two parts, a plan
        return any(
            left <= p.start < right
            and _pick_date(dates, text, p, received_on, phrases.languages[p.language]) is not None
            for p in promises
        )
    first_paid = min(h.start for h in paid)
    for promise in promises:
        table = phrases.languages[promise.language]
        left, right = _sentence_bounds(text, promise.start, promise.end)
        if (
            promise.start > first_paid
            and table.remainder is not None
            and table.remainder.search(folded, left, right)
        ):
            return True
    return False


def _invoice_numbers(text: str) -> tuple[str, ...]:
    """Invoice numbers named in ``text`` (dates such as 15/12 or 2026-12-01 excluded), in order."""
    numbers = (m.group(1).upper() for m in INVOICE_NUMBER.finditer(text))
    return tuple(dict.fromkeys(n for n in numbers if not _LOOKS_LIKE_DATE.match(n)))


def _return_date(text: str, received_on: date) -> date | None:
    """The first future date in an absence notice: the day the person is back (or away until)."""
    for found in find_dates(text, received_on):
        if found.on >= received_on:
            return found.on
    return None
