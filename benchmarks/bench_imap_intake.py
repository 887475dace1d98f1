"""How fast reply intake reads a folder, by batch size, against a private Dovecot on 127.0.0.1.

    python benchmarks/bench_imap_intake.py [--messages 1000] [--repeat 3]

Appends ``--messages`` realistic replies (3-6 KB each) once, then reads the whole folder with a
fresh checkpoint for each configuration and prints the best of ``--repeat`` runs, with the ratio
against ``batch_size=1`` (one FETCH round trip per message) measured in the same run. A local
Maildir holding the same bytes is read too, for comparison. Needs Debian package dovecot-imapd.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from imapclient import IMAPClient

from mailer.imap import ImapIntake, ImapSettings, MemoryCheckpointStore, RawMessage
from mailer.maildirsource import MaildirSource
from tests.servers import start_dovecot

WORDS = [
    "Rechnung",
    "Zahlung",
    "überweisen",
    "Freitag",
    "Betrag",
    "offen",
    "Mahnung",
    "bitte",
    "danke",
    "Grüße",
    "invoice",
    "payment",
]


def make_reply(number: int, rng: random.Random) -> bytes:
    message = EmailMessage()
    message["From"] = f"Kunde {number} <kunde{number}@example.com>"
    message["To"] = "ar@tactful.example"
    message["Subject"] = f"Re: Zahlungserinnerung RE-{number}"
    message["Message-ID"] = f"<bench{number}@example.com>"
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(400, 800)))
    message.set_content(body)
    return message.as_bytes(policy=SMTP)


def time_poll(settings: ImapSettings) -> tuple[float, int]:
    received: list[RawMessage] = []
    started = time.perf_counter()
    with ImapIntake(settings, MemoryCheckpointStore()) as intake:
        intake.poll(received.append)
    return time.perf_counter() - started, len(received)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    rng = random.Random(1)
    raws = [make_reply(n, rng) for n in range(args.messages)]
    server = start_dovecot()
    try:
        account = server.new_account("bench")
        sender = IMAPClient(account.host, account.port, ssl=False, timeout=30)
        sender.login(account.username, account.password)
        for raw in raws:
            sender.append("INBOX", raw)
        sender.logout()

        rows: list[tuple[str, float]] = []
        for batch_size in (1, 10, 50, 200):
            settings = ImapSettings(
                host=account.host,
                port=account.port,
                security="none",
                username=account.username,
                password=account.password,
                batch_size=batch_size,
                timeout_s=30,
            )
            runs = [time_poll(settings) for _ in range(args.repeat)]
            if any(count != args.messages for _, count in runs):
                sys.exit(
                    f"batch_size={batch_size}: read {[c for _, c in runs]} messages, expected {args.messages}"
                )
            best = min(seconds for seconds, _ in runs)
            rows.append((f"IMAP batch_size={batch_size}", best))

        with tempfile.TemporaryDirectory() as tmp:
            for sub in ("cur", "new", "tmp"):
                os.makedirs(os.path.join(tmp, sub))
            for number, raw in enumerate(raws):
                Path(tmp, "new", f"{1_700_000_000 + number}.M{number}P1.bench").write_bytes(raw)
            source = MaildirSource(tmp)
            best = min(_time_maildir(source) for _ in range(args.repeat))
            rows.append(("Maildir (local files)", best))
    finally:
        server.stop()

    baseline = rows[0][1]
    total_kib = sum(len(r) for r in raws) / 1024
    print(f"{args.messages} messages, {total_kib:.0f} KiB, best of {args.repeat}")
    print(f"{'source':<24} {'seconds':>8} {'msgs/s':>8} {'vs batch 1':>10}")
    for name, seconds in rows:
        print(f"{name:<24} {seconds:8.3f} {args.messages / seconds:8.0f} {baseline / seconds:9.1f}x")


def _time_maildir(source: MaildirSource) -> float:
    started = time.perf_counter()
    count = sum(1 for _ in source.messages())
    assert count > 0
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
