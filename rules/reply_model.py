"""A second opinion for replies that no phrase decides: naive Bayes over example replies.

The phrase lists (``rules/phrases/<lang>.toml``) decide first and say which words decided.
A reply they leave undecided is compared with labelled example replies
(``rules/phrases/<lang>.examples.toml`` plus a company's own ``[replies.examples]``): a
binarised multinomial naive Bayes per language over word, word-pair, word-piece and negated
word features. It speaks only when it is confident (``IntentModel.min_probability``); the rest
stays "other" for a person.

Pure and deterministic: the model is trained from data when the phrase book is loaded, in
milliseconds, so teaching tactful a new idiom is adding one example sentence to a rules file.
Dates, amounts and invoice numbers are replaced by placeholders before anything is counted, so
"we paid on 3 May" and "we paid on 14 June" are the same reply to the model.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from rules.dates import INVOICE_NUMBER, find_amounts, find_dates, fold

__all__ = ["SLOTS", "IntentModel", "Prediction", "normalize", "reply_features", "train_intent_model"]

# The day slot-filled examples are read against; any fixed day works, it only has to make
# the fillers below parse as dates.
_EXAMPLE_DAY = date(2026, 1, 5)

# What an example's {slots} are filled with before it is read like a reply: each is replaced
# by its placeholder anyway, so only the words around the value (prepositions) matter.
SLOT_FILLERS: Mapping[str, Mapping[str, Sequence[str]]] = {
    "pl": {
        "date": ("do piątku", "w piątek", "15 grudnia", "do 15.12", "jutro", "w ciągu 7 dni"),
        "paid_on": ("03.11.2026", "12.10.2026"),
        "amount": ("5 000,00 zł", "4920,00 PLN"),
        "return": ("15.12.2026", "15 grudnia"),
    },
    "en": {
        "date": ("by Friday", "on Friday", "by 15 December", "on December 15th", "tomorrow", "within 7 days"),
        "paid_on": ("3 November", "12 October"),
        "amount": ("£1,204.50", "GBP 480.00"),
        "return": ("15 December", "December 15th"),
    },
    "de": {
        "date": (
            "bis Freitag",
            "am Freitag",
            "bis zum 15.12.2026",
            "am 15. Dezember",
            "morgen",
            "innerhalb von 7 Tagen",
        ),
        "paid_on": ("03.11.2026", "12.10.2026"),
        "amount": ("1.204,50 €", "EUR 480,00"),
        "return": ("15.12.2026", "15. Dezember"),
    },
}
_DEFAULT_FILLERS = SLOT_FILLERS["en"]
# Every slot an example may use: the filled ones and {inv}.
SLOTS = frozenset({*_DEFAULT_FILLERS, "inv"})
_INVOICE_FILLERS = ("FV/2026/118", "INV-2026-0412", "RE-2026-77")

_DATE_TOKEN = " zzdate "
_AMOUNT_TOKEN = " zzamount "
_INVOICE_TOKEN = " zzinvoice "
_NUMBER_TOKEN = " zznumber "

_NUMBER = re.compile(r"\d+")
_TOKEN = re.compile(r"[a-z_]+(?:'[a-z]+)?|zz[a-z]+")
_CLAUSE_BREAK = re.compile(r"[.;:!?\n,()\u2013\u2014]")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
# Words that turn the next few words around ("we will NOT pay", "nie zapłacimy", "nicht bezahlt").
_NEGATIONS = frozenset(
    {
        "not", "no", "never", "cannot", "nie", "nigdy", "ani", "brak", "nicht", "kein", "keine",
        "keinen", "keinem", "keiner", "niemals", "weder", "unable", "without", "ohne", "bez",
    }
)  # fmt: skip
_NEGATION_SCOPE = 3
# "Sehr geehrte Damen und Herren,", "Hi Anna,": a short first line ending in a comma greets;
# the examples rarely carry one, so its words would only add noise.
_SALUTATION = re.compile(r"\A\s*[^\n.!?]{1,40},[ \t]*\n")
# A feature "speaks clearly" for an intent when examples of it had the feature at least this
# often, and it is at least this many times likelier there than with any other intent.
_CLEAR_MIN_COUNT = 2
_CLEAR_LOG_RATIO = math.log(3)


def normalize(text: str, received_on: date) -> str:
    """``text`` folded (lower case, no diacritics) with dates, amounts and invoice numbers as placeholders."""
    spans: list[tuple[int, int, str]] = []
    spans += [(d.start, d.end, _DATE_TOKEN) for d in find_dates(text, received_on)]
    spans += [(a.start, a.end, _AMOUNT_TOKEN) for a in find_amounts(text)]
    spans += [(m.start(1), m.end(1), _INVOICE_TOKEN) for m in INVOICE_NUMBER.finditer(text)]
    out = []
    position = 0
    for start, end, token in sorted(spans):
        if start < position:
            continue  # overlapping finds: the first one wins
        out.append(text[position:start])
        out.append(token)
        position = end
    out.append(text[position:])
    return _NUMBER.sub(_NUMBER_TOKEN, fold("".join(out)))


def reply_features(normalized: str) -> set[str]:
    """The features of one normalised text: words, word pairs, word pieces, negated words."""
    features: set[str] = set()
    for clause in _CLAUSE_BREAK.split(normalized):
        tokens = _TOKEN.findall(clause)
        negated_until = -1
        previous = "^"
        for index, token in enumerate(tokens):
            is_negation = token in _NEGATIONS or token.endswith("n't")
            features.add(token)
            features.add(f"{previous}+{token}")
            if index <= negated_until:
                features.add(f"!{token}")
            if len(token) > 4 and not token.startswith("zz"):
                # Polish and German inflect: the stem carries the meaning across endings
                # ("zapłac-imy", "zapłac-ę"; the whole word still tells the tense apart).
                features.add(f"{token[:5]}-")
            if is_negation:
                negated_until = index + _NEGATION_SCOPE
            previous = token
    return features


@dataclass(frozen=True, slots=True)
class Prediction:
    """The model's reading: most likely intent, its probability, and the sentence that weighed most."""

    intent: str
    probability: float
    evidence: str
    support: int = 0


@dataclass(frozen=True, slots=True)
class _LanguageModel:
    intents: tuple[str, ...]
    log_prior: Mapping[str, float]
    # log P(feature present | intent) per feature, and the value for a feature never seen with that intent
    log_likelihood: Mapping[str, Mapping[str, float]]
    log_unseen: Mapping[str, float]
    counts: Mapping[str, Mapping[str, int]]

    def support(self, features: Iterable[str], intent: str) -> int:
        """How many of ``features`` speak clearly for ``intent``: seen with it at least twice,
        and several times likelier with it than with any other intent."""
        count = 0
        for feature in features:
            weights = self.log_likelihood.get(feature)
            if weights is None or self.counts[feature].get(intent, 0) < _CLEAR_MIN_COUNT:
                continue
            rival = max(
                weights.get(other, self.log_unseen[other]) for other in self.intents if other != intent
            )
            if weights[intent] - rival >= _CLEAR_LOG_RATIO:
                count += 1
        return count

    def log_scores(self, features: Iterable[str]) -> dict[str, float]:
        scores = dict(self.log_prior)
        for feature in features:
            weights = self.log_likelihood.get(feature)
            if weights is None:
                continue  # a feature no example has says nothing
            for intent in self.intents:
                scores[intent] += weights.get(intent, self.log_unseen[intent])
        return scores


@dataclass(frozen=True, slots=True)
class IntentModel:
    """Naive Bayes per language; build it with ``train_intent_model``."""

    languages: Mapping[str, _LanguageModel]
    min_probability: float = 0.9
    # How many features must speak clearly for the intent (``_LanguageModel.support``): the
    # probability alone is overconfident on short replies with few known words.
    min_support: int = 1

    def predict(
        self, text: str, language: str, received_on: date, *, with_evidence: bool = True
    ) -> Prediction | None:
        """The intent the examples suggest for ``text``, or ``None`` when the language has no examples.

        Finding the evidence reads each sentence again; ``with_evidence=False`` skips that
        (``evidence`` is then empty) for callers that only weigh the intent.
        """
        model = self.languages.get(language)
        if model is None or not text.strip():
            return None
        text = _SALUTATION.sub("", text)
        features = reply_features(normalize(text, received_on))
        scores = model.log_scores(features)
        top = max(scores.values())
        total = sum(math.exp(score - top) for score in scores.values())
        intent = max(model.intents, key=lambda name: (scores[name], name))
        return Prediction(
            intent=intent,
            probability=1.0 / total,
            evidence=_weightiest_sentence(text, model, intent, received_on) if with_evidence else "",
            support=model.support(features, intent),
        )


def _weightiest_sentence(text: str, model: _LanguageModel, intent: str, received_on: date) -> str:
    """The sentence of ``text`` that speaks most for ``intent`` against the runner-up."""
    best, best_weight = "", -math.inf
    for match in _SENTENCE.finditer(text):
        sentence = " ".join(match.group().split())
        if not sentence:
            continue
        scores = model.log_scores(reply_features(normalize(sentence, received_on)))
        others = max((score for name, score in scores.items() if name != intent), default=0.0)
        weight = scores[intent] - others
        if weight > best_weight:
            best, best_weight = sentence, weight
    return best[:200]


def fill_slots(template: str, language: str, index: int) -> str:
    """An example with its ``{date}``, ``{amount}``, ``{inv}``, ``{paid_on}`` slots filled in."""
    fillers = SLOT_FILLERS.get(language, _DEFAULT_FILLERS)
    values = {slot: options[index % len(options)] for slot, options in fillers.items()}
    values["inv"] = _INVOICE_FILLERS[index % len(_INVOICE_FILLERS)]
    return template.format(**values)


def train_intent_model(
    examples: Mapping[str, Mapping[str, Sequence[str]]],
    *,
    alpha: float = 0.5,
    min_probability: float = 0.9,
) -> IntentModel:
    """Train on ``{language: {intent: [example, ...]}}``; examples may use the slots of ``fill_slots``.

    ``alpha`` is the additive smoothing; intents are equally likely a priori (how often each
    comes in differs from company to company, and "other" is the safe answer anyway).
    """
    languages: dict[str, _LanguageModel] = {}
    for language, by_intent in examples.items():
        intents = tuple(sorted(intent for intent, texts in by_intent.items() if texts))
        if len(intents) < 2:
            continue
        counts: dict[str, Counter[str]] = {}
        documents: dict[str, int] = {}
        for intent in intents:
            counter: Counter[str] = Counter()
            for index, template in enumerate(by_intent[intent]):
                text = fill_slots(template, language, index)
                counter.update(reply_features(normalize(text, _EXAMPLE_DAY)))
            counts[intent] = counter
            documents[intent] = len(by_intent[intent])
        vocabulary: set[str] = set().union(*counts.values())
        log_likelihood: dict[str, dict[str, float]] = {}
        feature_counts: dict[str, dict[str, int]] = {}
        log_unseen: dict[str, float] = {}
        for intent in intents:
            total = sum(counts[intent].values()) + alpha * len(vocabulary)
            log_unseen[intent] = math.log(alpha / total)
            for feature, count in counts[intent].items():
                log_likelihood.setdefault(feature, {})[intent] = math.log((count + alpha) / total)
                feature_counts.setdefault(feature, {})[intent] = count
        languages[language] = _LanguageModel(
            intents=intents,
            log_prior={intent: -math.log(len(intents)) for intent in intents},
            log_likelihood=log_likelihood,
            log_unseen=log_unseen,
            counts=feature_counts,
        )
    return IntentModel(languages=languages, min_probability=min_probability)
