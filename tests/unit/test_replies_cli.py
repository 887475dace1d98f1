"""`tactful classify-reply`: .eml files and Maildir folders in, one line (or JSON object) per reply out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from service import cli

DATA = Path(__file__).resolve().parents[1] / "data" / "replies"


def test_it_prints_one_json_object_per_reply_with_the_documented_keys():
    paths = [str(DATA / "pl-outlook-amount-date.eml"), str(DATA / "bounce-qmail.eml")]
    result = CliRunner().invoke(cli, ["classify-reply", "--json", *paths])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["intent"] for r in rows] == ["promise_to_pay", "bounce"]
    assert set(rows[0]) == {
        "path", "intent", "promised_date", "promised_amount", "return_date", "language", "evidence"
    }  # fmt: skip
    assert rows[0]["promised_date"] == "2026-12-03"
    assert rows[0]["promised_amount"] == "4920.00"
    assert rows[0]["language"] == "pl"


def test_it_reads_the_cur_and_new_folders_of_a_maildir(tmp_path):
    for sub in ("cur", "new", "tmp"):
        (tmp_path / sub).mkdir()
    shutil.copy(DATA / "en-within-7-days-gbp.eml", tmp_path / "cur" / "1.eml:2,S")
    shutil.copy(DATA / "de-ratenzahlung.eml", tmp_path / "new" / "2.eml")
    shutil.copy(DATA / "en-other-copy-request.eml", tmp_path / "tmp" / "3.eml")  # still being delivered
    result = CliRunner().invoke(cli, ["classify-reply", "--json", str(tmp_path)])
    assert result.exit_code == 0, result.output
    intents = sorted(json.loads(line)["intent"] for line in result.output.splitlines())
    assert intents == ["payment_plan", "promise_to_pay"]


def test_the_timezone_decides_the_day_received(tmp_path):
    # Sent 23:30 UTC on Thursday 19 November: Friday already in Warsaw, still Thursday in New York.
    raw = (DATA / "pl-gmail-promise-friday.eml").read_bytes()
    raw = raw.replace(b"Wed, 18 Nov 2026 10:15:00 +0100", b"Thu, 19 Nov 2026 23:30:00 +0000")
    path = tmp_path / "late.eml"
    path.write_bytes(raw.replace("przelew puścimy w piątek".encode(), "przelew puścimy jutro".encode()))
    runner = CliRunner()
    warsaw = json.loads(runner.invoke(cli, ["classify-reply", "--json", str(path)]).output)
    new_york = json.loads(
        runner.invoke(cli, ["classify-reply", "--json", "--at-tz", "America/New_York", str(path)]).output
    )
    assert (warsaw["promised_date"], new_york["promised_date"]) == ("2026-11-21", "2026-11-20")


def test_an_unknown_timezone_is_an_actionable_error():
    result = CliRunner().invoke(
        cli, ["classify-reply", "--at-tz", "Mars/Olympus", str(DATA / "bounce-qmail.eml")]
    )
    assert result.exit_code == 1
    assert "Mars/Olympus" in result.output and "IANA" in result.output


def test_the_plain_output_names_the_intent_and_the_evidence():
    result = CliRunner().invoke(cli, ["classify-reply", str(DATA / "bounce-rfc3464-user-unknown.eml")])
    assert result.exit_code == 0
    assert "bounce" in result.output and "permanent: ksiegowosc@stara-firma.example.pl" in result.output
