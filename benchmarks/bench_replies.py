"""How well and how fast tactful reads customers' replies.

    python benchmarks/bench_replies.py [--per-cell 12] [--seed 20261123] [--show-misses]

Builds the labelled corpus of ``benchmarks/reply_corpus.py`` (Polish, English, German
replies with quotes, signatures, HTML, legacy charsets, auto-replies, bounces) and scores:

- intent macro-F1 per language (target >= 0.95) and a confusion summary;
- promised date exact match over correctly classified promises and plans (target >= 0.95),
  promised amounts and out-of-office return dates;
- speed: ``baseline`` = parsing each message with the stdlib (``email.message_from_bytes``
  with ``policy.default`` and ``get_body``), against ``read_message`` and ``read_message`` +
  ``classify_reply``, all measured in the same run; each row shows its ratio to the baseline.

``--set`` picks the phrasings: ``examples`` (the shipped example replies: the phrase lists
were tuned on them and the second opinion learns from them, so this is a training-set
figure), or a held-out set from ``reply_heldout.py``, written blind and never in the examples.
Only the newest held-out set has never been scored before; quote its figures for phrasings
nobody has seen. ``--phrases-only`` turns the second opinion off, to show what it adds.

When the real bounce corpus is present (``../shared/fixtures/mail/sisimai``) its figures are
printed too.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from email import message_from_bytes, policy
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

from reply_corpus import TEMPLATE_SETS, build_corpus, score

from mailer.inbound import read_message
from rules.replies import classify_reply, load_phrasebook

WARSAW = ZoneInfo("Europe/Warsaw")
SISIMAI = Path(__file__).resolve().parents[1] / ".." / "shared" / "fixtures" / "mail" / "sisimai"


def _best_of(repeat: int, func) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-cell", type=int, default=12, help="replies per language and intent")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--show-misses", action="store_true", help="print every misread reply")
    parser.add_argument(
        "--set",
        dest="template_set",
        choices=list(TEMPLATE_SETS),
        default="heldout29",
        help="which phrasings: the shipped examples, or a held-out set (see reply_heldout.py)",
    )
    parser.add_argument(
        "--phrases-only", action="store_true", help="without the second opinion learnt from the examples"
    )
    args = parser.parse_args()

    corpus = build_corpus(args.seed, args.per_cell, template_set=args.template_set)
    phrases = load_phrasebook(min_probability=1.0) if args.phrases_only else load_phrasebook()

    def baseline() -> None:
        for _, raw, _ in corpus:
            msg = message_from_bytes(raw, policy=policy.default)
            body = msg.get_body(("plain", "html"))
            if body is not None:
                with contextlib.suppress(Exception):
                    body.get_content()

    def read_only() -> None:
        for _, raw, _ in corpus:
            read_message(raw)

    rows = []

    def read_and_classify() -> None:
        rows.clear()
        for name, raw, label in corpus:
            message = read_message(raw)
            received_on = (
                message.date_at.astimezone(WARSAW).date()
                if message.date_at
                else date.fromisoformat(label["received_on"])
            )
            result = classify_reply(message, phrases, received_on)
            rows.append(
                (
                    name,
                    label,
                    {
                        "intent": result.intent,
                        "promised_date": result.promised_on.isoformat() if result.promised_on else None,
                        "promised_amount": str(result.promised_amount)
                        if result.promised_amount is not None
                        else None,
                        "return_date": result.return_on.isoformat() if result.return_on else None,
                        "language": result.language,
                        "evidence": result.evidence,
                        "decided_by": result.decided_by,
                        "text": message.text,
                    },
                )
            )

    timings = [
        ("baseline: stdlib parse + get_body", _best_of(args.repeat, baseline)),
        ("read_message", _best_of(args.repeat, read_only)),
        ("read_message + classify_reply", _best_of(args.repeat, read_and_classify)),
    ]
    n = len(corpus)
    base = timings[0][1]
    print(f"corpus: {n} replies (seed {args.seed}, phrasings: {args.template_set})\n")
    print(f"{'stage':<36} {'total s':>9} {'ms/msg':>8} {'x base':>7}")
    for stage, seconds in timings:
        print(f"{stage:<36} {seconds:>9.3f} {1000 * seconds / n:>8.2f} {seconds / base:>7.2f}")

    figures = score([(label, got) for _, label, got in rows])
    print("\nintent macro-F1 per language (target >= 0.95)")
    for language, value in sorted(figures["macro_f1"].items()):
        count = sum(1 for _, label, _ in rows if label["language"] == language)
        print(f"  {language}: {value:.3f}  ({count} replies)")
    right, total = figures["dates"]
    print(f"promised date exact match (target >= 0.95): {figures['date_exact']:.3f}  ({right}/{total})")
    right, total = figures["amounts"]
    print(f"promised amount exact match: {right}/{total}")
    right, total = figures["returns"]
    print(f"out-of-office return date exact match: {right}/{total}")

    # Precision first: a wrong automatic decision is worse than "other" (which goes to a person).
    decided = [(label["intent"], got["intent"]) for _, label, got in rows if got["intent"] != "other"]
    right = sum(1 for expected, got in decided if expected == got)
    print(f"precision of decided intents (not 'other'): {right / len(decided):.3f}  ({right}/{len(decided)})")
    for language in sorted({label["language"] for _, label, _ in rows}):
        mine = [(label["intent"], got["intent"]) for _, label, got in rows if label["language"] == language]
        made = [(expected, got) for expected, got in mine if got != "other"]
        hits = sum(1 for expected, got in made if expected == got)
        print(f"  {language}: {hits}/{len(made)} decided right, {len(mine) - len(made)} left to a person")
    sent_to_person = sum(1 for _, _, got in rows if got["intent"] == "other")
    print(f"left to a person ('other'): {sent_to_person} of {len(rows)}")
    by_examples = [
        (label["intent"], got["intent"]) for _, label, got in rows if got["decided_by"] == "examples"
    ]
    right = sum(1 for expected, got in by_examples if expected == got)
    print(f"decided by the second opinion (examples): {len(by_examples)}, {right} of them right")

    print("\nconfusion (expected -> got: count), misreads only")
    misreads = sorted(
        ((k, v) for k, v in figures["confusion"].items() if k[0] != k[1]), key=lambda kv: -kv[1]
    )
    for (expected, got), count in misreads or [(("-", "-"), 0)]:
        print(f"  {expected:>15} -> {got:<15} {count}")
    if args.show_misses:
        for name, label, got in rows:
            if label["intent"] != got["intent"]:
                print(
                    f"\n{name}: expected {label['intent']}, got {got['intent']} by {got['decided_by']} "
                    f"({got['evidence']!r})\n  {got['text']!r}"
                )
        for words, expected, got in figures["date_misses"]:
            print(f"\ndate: expected {expected}, got {got}: {words!r}")

    if SISIMAI.is_dir():
        files = sorted(SISIMAI.glob("*/*.eml"))
        bounces = auto = 0
        start = time.perf_counter()
        for path in files:
            message = read_message(path.read_bytes())
            bounces += message.bounce is not None
            auto += message.is_auto_reply
        seconds = time.perf_counter() - start
        print(
            f"\nreal corpus {SISIMAI.name}: {len(files)} files in {seconds:.2f} s, "
            f"{bounces} read as bounces, {auto} as auto-replies (see tests/unit/test_inbound_corpus.py)"
        )


if __name__ == "__main__":
    main()
