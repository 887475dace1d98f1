"""Render and send reminders to a local SMTP server, beside a bare smtplib loop.

    python benchmarks/bench_send.py [--messages 5000] [--server-delay-ms 0]

An aiosmtpd server runs in a subprocess (so it does not share our GIL) and accepts and discards
every message, after ``--server-delay-ms`` (0: answer at once; a real provider takes a few ms to
queue a message). The same N reminders go out over one connection per run, in the same run:

- bare sendmail: ``smtplib.SMTP.sendmail`` of pre-rendered, pre-flattened bytes (the baseline);
- bare send_message: ``smtplib.SMTP.send_message`` of pre-built ``EmailMessage`` objects;
- tactful send: ``SmtpTransport.session().send`` of the pre-built messages;
- tactful render+send: ``render_reminder`` + ``build_message`` + send, one after the other;
- tactful send_all: the same, but ``send_all`` renders the next messages in a worker thread
  while the main thread waits for the server's answers.

Ratios are messages per second against the bare sendmail loop; the target for render+send is
>= 0.7x. Each row also shows the time per message, to compare with the untimed render+build cost.
"""

from __future__ import annotations

import argparse
import smtplib
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mailer.message import build_message, make_message_id, make_reply_to
from mailer.render import load_templates, render_reminder, sample_context
from mailer.transport import SmtpTransport, flatten, send_all

SERVER = """
import asyncio, sys
from aiosmtpd.controller import Controller

DELAY_S = float(sys.argv[2]) / 1000

class Discard:
    async def handle_DATA(self, server, session, envelope):
        if DELAY_S:
            await asyncio.sleep(DELAY_S)
        return "250 OK"

controller = Controller(Discard(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
sys.stdin.read()  # run until the parent closes our stdin
controller.stop()
"""

STAGES = ("courtesy", "reminder", "firm", "final_demand", "broken_promise")
LANGUAGES = ("pl", "en", "de")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def contexts(n: int) -> list[tuple[str, str, dict]]:
    """N different reminders: stages, languages, customers, 1-4 invoices each."""
    out = []
    for i in range(n):
        stage, language = STAGES[i % len(STAGES)], LANGUAGES[(i // 5) % len(LANGUAGES)]
        ctx = sample_context(stage, language)
        ctx["customer"] = {"id": f"K-{i:05d}", "name": f"Klient {i} Sp. z o.o."}
        count = 1 + i % 4
        invoices = [dict(ctx["invoices"][k % 3], number=f"FV/{i}/{k}") for k in range(count)]
        for k, inv in enumerate(invoices):
            inv["open_amount"] = Decimal(100 + i) + Decimal(k) / 4
        ctx["invoices"] = invoices
        totals: dict[str, Decimal] = {}
        for inv in invoices:
            totals[inv["currency"]] = totals.get(inv["currency"], Decimal(0)) + inv["open_amount"]
        ctx["totals"] = [{"amount": a, "currency": c} for c, a in totals.items()]
        ctx["transfer_title"] = f"K-{i:05d} " + " ".join(inv["number"] for inv in invoices)
        out.append((stage, language, ctx))
    return out


def make(templates, i: int, stage: str, language: str, ctx: dict):
    rendered = render_reminder(templates, stage, language, ctx)
    return build_message(
        rendered,
        from_addr="Biuro Przykład <ar@firma.example>",
        to=[f"Klient {i} <k{i}@klient.example>"],
        reply_to=make_reply_to("ar@firma.example", f"T{i}"),
        message_id=make_message_id(f"r{i}", "firma.example"),
        in_reply_to=make_message_id(f"r{i}-prev", "firma.example") if stage != "courtesy" else None,
        references=(),
        date_at=datetime(2026, 12, 1, 8, 30, tzinfo=UTC) + timedelta(seconds=i),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--server-delay-ms", type=float, default=0.0)
    args = parser.parse_args()
    n = args.messages

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(port), str(args.server_delay_ms)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    rows: list[tuple[str, float]] = []
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready"
        templates = load_templates(None, default_language="en")
        work = contexts(n)

        # Untimed preparation for the baselines and the send-only run.
        t0 = time.perf_counter()
        prebuilt = [make(templates, i, *item) for i, item in enumerate(work)]
        prep_s = time.perf_counter() - t0
        raw = [(str(m["To"].addresses[0].addr_spec), flatten(m)) for m in prebuilt]

        def timed(name: str, run: Callable[[], None]) -> None:
            t0 = time.perf_counter()
            run()
            rows.append((name, time.perf_counter() - t0))

        def bare_sendmail() -> None:
            with smtplib.SMTP("127.0.0.1", port) as smtp:
                for rcpt, data in raw:
                    smtp.sendmail("ar@firma.example", [rcpt], data)

        def bare_send_message() -> None:
            with smtplib.SMTP("127.0.0.1", port) as smtp:
                for msg in prebuilt:
                    smtp.send_message(msg)

        transport = SmtpTransport("127.0.0.1", port, security="none", allow_insecure=True)

        def tactful_send() -> None:
            with transport.session() as session:
                for msg in prebuilt:
                    session.send(msg)

        def tactful_in_turn() -> None:
            with transport.session() as session:
                for i, item in enumerate(work):
                    session.send(make(templates, i, *item))

        def tactful_send_all() -> None:
            with transport.session() as session:
                for outcome in send_all(
                    session, enumerate(work), lambda job: make(templates, job[0], *job[1])
                ):
                    if outcome.error is not None:
                        raise outcome.error

        timed("bare sendmail, pre-flattened bytes (baseline)", bare_sendmail)
        timed("bare send_message, pre-built messages", bare_send_message)
        timed("tactful send, pre-built messages", tactful_send)
        timed("tactful render + build + send, in turn", tactful_in_turn)
        timed("tactful send_all (renders ahead in a thread)", tactful_send_all)
    finally:
        if server.stdin:
            server.stdin.close()
        server.wait(timeout=10)

    base_s = rows[0][1]
    print(
        f"{n} reminders to aiosmtpd on 127.0.0.1 (subprocess, answers after {args.server_delay_ms:g} ms), "
        f"one connection per run"
    )
    print(
        f"render + build alone (untimed preparation): {prep_s / n * 1000:.2f} ms/msg, {n / prep_s:,.0f} msg/s"
    )
    print()
    print(f"{'path':<47} {'seconds':>8} {'msg/s':>8} {'ms/msg':>7} {'vs bare':>8}")
    for name, seconds in rows:
        print(
            f"{name:<47} {seconds:>8.2f} {n / seconds:>8,.0f} {seconds / n * 1000:>7.2f} {base_s / seconds:>7.2f}x"
        )
    print()
    for name, seconds in rows[3:]:
        ratio = base_s / seconds
        print(
            f"{name}: {ratio:.2f}x the bare loop (target >= 0.70x): {'ok' if ratio >= 0.7 else 'BELOW TARGET'}"
        )


if __name__ == "__main__":
    main()
