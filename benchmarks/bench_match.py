"""Quality and speed of payment matching.

    python benchmarks/bench_match.py [--quality-only | --speed-only] [--invoices 50000] [--lines 200000]

Quality: books and statements from ``gen_books.py`` with known truth (several seeds);
precision of automatic matches, recall, per case category. Targets: precision >= 99.5 %,
recall >= 90 %, no automatic match of a transaction that cannot be attributed.

Speed: ``tactful match`` on a CAMT.053 of 200,000 transactions against 50,000 invoices,
as a ratio of ``tactful read-statement`` on the same file measured in the same run
(target <= 1.5x), plus the peak memory of each (target < 1 GB).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gen_books import AUTO_CATEGORIES, NONE_CATEGORIES, REVIEW_CATEGORIES, generate, score, write_files

from ledger.match import match_payments

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
REPEATS = 2

# Runs a CLI command in this interpreter and reports its own peak RSS on stderr.
_RUNNER = """
import resource, sys
sys.argv = ["tactful", *sys.argv[1:]]
import service
try:
    service.main()
finally:
    print("PEAK_RSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def quality(seeds: range, n_invoices: int, n_lines: int) -> bool:
    totals: dict[str, list[int]] = {}
    overall = [0, 0, 0, 0, 0, 0]  # auto rows, correct, expected, found, unattributable auto, review auto
    elapsed = 0.0
    for seed in seeds:
        books = generate(n_invoices, n_lines, seed)
        start = time.perf_counter()
        result = match_payments(books.invoices, books.lines, customers=books.customers)
        elapsed += time.perf_counter() - start
        s = score(
            books.truth, [(m.transaction_id, m.invoice_number, m.amount, m.is_auto) for m in result.matches]
        )
        for k, v in enumerate(
            (
                s.auto_rows,
                s.auto_correct,
                s.expected_rows,
                s.expected_found,
                s.unattributable_auto,
                s.review_auto,
            )
        ):
            overall[k] += v
        for category, row in s.per_category.items():
            acc = totals.setdefault(category, [0, 0, 0, 0])
            for k in range(4):
                acc[k] += row[k]
    print(
        f"## Quality: {len(seeds)} seeds x {n_invoices} invoices, {n_lines} lines (matching took {elapsed:.2f} s)\n"
    )
    print(
        f"{'category':<18} {'expect':>6} {'lines':>6} {'alloc':>6} {'auto ok':>8} {'wrong':>6} {'recall':>7}"
    )
    for category in (*AUTO_CATEGORIES, *REVIEW_CATEGORIES, *NONE_CATEGORIES):
        if category not in totals:
            continue
        expected, found, wrong, count = totals[category]
        expect = (
            "auto" if category in AUTO_CATEGORIES else ("review" if category in REVIEW_CATEGORIES else "none")
        )
        recall = f"{found / expected:7.1%}" if expected else "      -"
        print(f"{category:<18} {expect:>6} {count:>6} {expected:>6} {found:>8} {wrong:>6} {recall}")
    auto_rows, correct, expected, found, unattributable, review_auto = overall
    precision = correct / auto_rows if auto_rows else 1.0
    recall = found / expected if expected else 1.0
    print()
    print(f"automatic precision {precision:.4%}  (target >= 99.5%)")
    print(f"recall              {recall:.2%}  (target >= 90%)")
    print(f"automatic matches of unattributable transactions: {unattributable}  (target 0)")
    print(f"automatic matches of review-only transactions:    {review_auto}")
    return precision >= 0.995 and recall >= 0.90 and unattributable == 0


def _run_cli(args: list[str]) -> tuple[float, int, int]:
    start = time.perf_counter()
    proc = subprocess.run(
        [PYTHON, "-c", _RUNNER, *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    elapsed = time.perf_counter() - start
    peak = 0
    for line in proc.stderr.splitlines():
        if line.startswith("PEAK_RSS_KB"):
            peak = int(line.split()[1])
    if proc.returncode != 0:
        print(proc.stderr[-2000:], file=sys.stderr)
    return elapsed, peak, proc.returncode


def speed(n_invoices: int, n_lines: int) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        start = time.perf_counter()
        books = generate(n_invoices, n_lines, seed=7, noise_share=0.75)
        write_files(books, out)
        print(
            f"\n## Speed: {len(books.lines)} transactions vs {len(books.invoices)} invoices "
            f"(generated in {time.perf_counter() - start:.1f} s; CAMT.053 "
            f"{(out / 'statement.xml').stat().st_size / 1e6:.0f} MB)\n"
        )
        statement, invoices = str(out / "statement.xml"), str(out / "invoices.csv")
        # The machine is shared: interleave the two commands and keep each one's best run.
        reads, matches = [], []
        for _ in range(REPEATS):
            reads.append(_run_cli(["read-statement", "--json", statement]))
            matches.append(_run_cli(["match", "--invoices", invoices, "--statement", statement, "--json"]))
        read_s, read_kb = min(reads)[:2]
        match_s, match_kb = min(matches)[:2]
        rc1 = max(r[2] for r in reads)
        rc2 = max(r[2] for r in matches)
        # The matcher alone, in this process, for the record.
        start = time.perf_counter()
        result = match_payments(books.invoices, books.lines, customers=books.customers)
        pure = time.perf_counter() - start
    print(f"best of {REPEATS} interleaved runs each\n")
    print(f"{'command':<42} {'seconds':>8} {'ratio':>6} {'peak MB':>8}")
    print(f"{'tactful read-statement --json (baseline)':<42} {read_s:8.2f} {1.0:6.2f} {read_kb / 1024:8.0f}")
    print(f"{'tactful match --json':<42} {match_s:8.2f} {match_s / read_s:6.2f} {match_kb / 1024:8.0f}")
    print(f"{'match_payments() alone (in-process)':<42} {pure:8.2f} {pure / read_s:6.2f} {'-':>8}")
    print(
        f"\n{sum(1 for m in result.matches if m.is_auto)} automatic matches, {len(result.unmatched)} unmatched credits"
    )
    ok = rc1 == 0 and rc2 == 0 and match_s <= 1.5 * read_s and match_kb < 1024 * 1024
    print(f"target: match <= 1.5x read-statement and < 1 GB: {'met' if ok else 'NOT met'}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality-only", action="store_true")
    parser.add_argument("--speed-only", action="store_true")
    parser.add_argument("--invoices", type=int, default=50_000)
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--seeds", type=int, default=5)
    args = parser.parse_args()
    ok = True
    if not args.speed_only:
        ok &= quality(range(1, args.seeds + 1), 3000, 6000)
    if not args.quality_only:
        ok &= speed(args.invoices, args.lines)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
