"""How often the second opinion is right on example replies it has not learnt from.

    python benchmarks/bench_reply_model.py [--folds 5] [--show-errors]

The shipped example replies (``rules/phrases/<lang>.examples.toml``) are split into folds;
for each fold the model is trained on the others and every reply of the fold is classified
by the whole pipeline (phrases first). Only the replies the second opinion decides are
counted: how many it decides and how many of those it gets right, at several thresholds
(``replies.second_opinion`` in the rules file), and per intent at the shipped 0.9.

The phrase lists were tuned on these examples, so what they leave to the model is easier
than new wording; the figure is for the model's own precision, not for the pipeline.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mailer.inbound import InboundMessage
from rules.replies import classify_reply, load_phrasebook, shipped_examples
from rules.reply_model import fill_slots, train_intent_model

_THRESHOLDS = (0.5, 0.8, 0.9, 0.95, 0.99)
_DAY = date(2026, 11, 23)


def _clean(template: str) -> str:
    """An example without its benchmark annotations ("~", "[[attachment: ...]]")."""
    text = template.lstrip("~")
    cut = text.find("[[attachment:")
    return (text[:cut] if cut >= 0 else text).rstrip()


def cross_validate(folds: int) -> list[tuple[str, str, str, float, str]]:
    """(language, expected, got, probability, text) for every reply the model decided."""
    phrases = load_phrasebook(min_probability=1.0)
    rows = []
    for language in ("pl", "en", "de"):
        examples = {
            intent: [_clean(t) for t in texts] for intent, texts in shipped_examples(language).items()
        }
        for fold in range(folds):
            train = {i: [t for n, t in enumerate(ts) if n % folds != fold] for i, ts in examples.items()}
            model = train_intent_model({language: train}, min_probability=min(_THRESHOLDS))
            book = dataclasses.replace(phrases, model=model)
            for intent, texts in examples.items():
                if intent == "out_of_office":
                    continue  # absences are told by headers and phrases, never by the model
                for n, template in enumerate(texts):
                    if n % folds != fold:
                        continue
                    text = fill_slots(template, language, n)
                    result = classify_reply(InboundMessage(text=text, full_text=text), book, _DAY)
                    if result.decided_by == "examples":
                        rows.append((language, intent, result.intent, result.probability or 0.0, text))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--show-errors", action="store_true", help="print every wrong decision at 0.9")
    args = parser.parse_args()
    rows = cross_validate(args.folds)
    print(f"second opinion, {args.folds}-fold cross-validation over the shipped examples")
    print("threshold  decided  right  precision")
    for threshold in _THRESHOLDS:
        chosen = [r for r in rows if r[3] >= threshold]
        right = sum(1 for r in chosen if r[1] == r[2])
        print(f"{threshold:>9}  {len(chosen):>7}  {right:>5}  {right / max(1, len(chosen)):.3f}")
    at_default = [r for r in rows if r[3] >= 0.9]
    by_intent = Counter((r[2], r[1] == r[2]) for r in at_default)
    print("at 0.9, per intent decided (right/all):")
    for intent in sorted({r[2] for r in at_default}):
        right, wrong = by_intent[(intent, True)], by_intent[(intent, False)]
        print(f"  {intent:15} {right}/{right + wrong}")
    if args.show_errors:
        for language, expected, got, probability, text in at_default:
            if expected != got:
                print(f"{language} {expected} -> {got} {probability:.3f}: {text[:150]!r}")


if __name__ == "__main__":
    main()
