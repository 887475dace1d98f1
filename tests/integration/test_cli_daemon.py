"""The stateful commands as a person types them, on a workspace with some history."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import service
from tests.integration.test_daemon import EXAMPLES


def tactful(config: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(service.cli, ["--config", str(config), *args], catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def books(tmp_path: Path) -> Path:
    """A workspace with the example invoices and the first two statements imported, nothing sent yet."""
    config = service.demo_workspace(tmp_path / "books", EXAMPLES)
    code, output = tactful(config, "import", "invoices", str(EXAMPLES / "invoices.csv"))
    assert code == 0, output
    first = sorted((EXAMPLES / "statements").iterdir())[:2]
    code, output = tactful(config, "import", "statement", *map(str, first))
    assert code == 0, output
    return config


def test_import_reports_new_and_known_and_is_idempotent(books: Path) -> None:
    code, output = tactful(books, "import", "invoices", str(EXAMPLES / "invoices.csv"))
    assert code == 0
    assert "invoices.csv: 0 new, 0 updated, 53 unchanged" in output
    statement = sorted((EXAMPLES / "statements").iterdir())[0]
    code, output = tactful(books, "import", "statement", str(statement))
    assert code == 0
    assert "0 new, " in output and "already known" in output


def test_a_broken_statement_is_one_clear_line_and_nothing_is_imported(books: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    text = sorted((EXAMPLES / "statements").glob("*.xml"))[1].read_text(encoding="utf-8")
    head, entry, rest = text.partition("<Ntry>")
    amount_at = rest.index("</Amt>")
    broken.write_text(
        head + entry + rest[: rest.index(">") + 1] + "12,3x" + rest[amount_at:], encoding="utf-8"
    )
    code, output = tactful(books, "import", "statement", str(broken))
    assert code == 1
    error = [line for line in output.splitlines() if line.startswith("tactful: broken.xml")]
    assert len(error) == 1 and "Traceback" not in output
    assert "0 file(s) imported, 1 rejected" in output


def test_plan_json_has_exactly_the_documented_shape(books: Path) -> None:
    code, output = tactful(books, "plan", "--at", "2026-10-02T09:30", "--json")
    assert code == 0, output
    plan = json.loads(output)
    assert set(plan) == {"at", "messages", "held"}
    assert plan["at"].startswith("2026-10-02T09:30")
    assert plan["messages"], "some letters are due on the second day"
    for message in plan["messages"]:
        assert set(message) == {
            "customer",
            "stage",
            "invoices",
            "to",
            "language",
            "requires_approval",
            "reason",
        }
    for held in plan["held"]:
        assert {"customer", "invoices", "until", "reason"} <= set(held)


def test_plan_touches_nothing(books: Path) -> None:
    app = service.open_app(service.load_config(books))
    before = (app.store.outbox_counts(), len(app.store.events()))
    tactful(books, "plan", "--at", "2026-10-02T09:30")
    assert (app.store.outbox_counts(), len(app.store.events())) == before


def test_run_once_twice_at_the_same_time_sends_nothing_twice(books: Path) -> None:
    code, output = tactful(books, "run", "--once", "--at", "2026-10-02T09:30")
    assert code == 0, output
    app = service.open_app(service.load_config(books))
    sent = app.store.outbox_counts()["sent"]
    assert sent > 0
    outbox = sorted((books.parent / "outbox" / "new").iterdir())
    code, _ = tactful(books, "run", "--once", "--at", "2026-10-02T11:00")
    assert code == 0
    assert app.store.outbox_counts()["sent"] == sent
    assert sorted((books.parent / "outbox" / "new").iterdir()) == outbox  # no second digest either


def test_run_json_logs_are_one_object_per_line(books: Path, capfd: pytest.CaptureFixture[str]) -> None:
    service.setup_logging("json", verbose=False)
    service.log.info("hello %s", "world", extra={"job": "dunning"})
    line = capfd.readouterr().err.strip().splitlines()[-1]
    entry = json.loads(line)
    assert entry["message"] == "hello world" and entry["job"] == "dunning" and entry["level"] == "info"


def test_status_explain_and_the_digest(books: Path, tmp_path: Path) -> None:
    tactful(books, "run", "--once", "--at", "2026-10-02T09:30")
    code, output = tactful(books, "status")
    assert code == 0 and "dunning  last 2026-10-02 09:30 ok" in output
    code, output = tactful(books, "explain", "K001")
    assert code == 0 and "K001 Kowalski Budownictwo" in output and "History:" in output
    code, output = tactful(books, "explain", "NOPE")
    assert code == 1 and "no customer 'NOPE'" in output
    html = tmp_path / "digest.html"
    code, output = tactful(books, "digest", "--at", "2026-10-03T07:30", "--html", str(html))
    assert code == 0, output
    assert "Subject:" in output and html.read_text(encoding="utf-8").lstrip().lower().startswith(
        "<!doctype html"
    )


def test_hold_release_and_promise_change_the_plan(books: Path) -> None:
    plan = json.loads(tactful(books, "plan", "--at", "2026-10-02T09:30", "--json")[1])
    customer = plan["messages"][0]["customer"]
    assert tactful(books, "hold", customer, "--reason", "talking to them")[0] == 0
    plan = json.loads(tactful(books, "plan", "--at", "2026-10-02T09:30", "--json")[1])
    assert customer not in {m["customer"] for m in plan["messages"]}
    assert any(h["customer"] == customer and h["reason"] == "manual" for h in plan["held"])
    assert tactful(books, "release", customer)[0] == 0
    assert tactful(books, "promise", customer, "--until", "2026-10-09")[0] == 0
    plan = json.loads(tactful(books, "plan", "--at", "2026-10-02T09:30", "--json")[1])
    assert any(h["customer"] == customer and h["reason"] == "promise" for h in plan["held"])


def test_preview_shows_the_letter_without_sending_it(books: Path) -> None:
    plan = json.loads(tactful(books, "plan", "--at", "2026-10-02T09:30", "--json")[1])
    message = plan["messages"][0]
    code, output = tactful(books, "preview", message["customer"], "--at", "2026-10-02T09:30")
    assert code == 0, output
    assert f"To: {message['to'][0]}" in output and message["invoices"][0] in output
    app = service.open_app(service.load_config(books))
    assert app.store.outbox_counts().get("sent", 0) == 0


def write_unmatched_payment(books: Path, name: str, ref: str, payer: str, iban: str) -> Path:
    """An MT940 statement with one credit that fits no invoice (odd amount, no reference)."""
    statement = books.parent / name
    statement.write_text(
        ":20:ODD\r\n:25:/PL61109010140000071219812874\r\n:28C:00099\r\n:60F:C261005PLN0,00\r\n"
        f":61:2610051005C123,45NTRFNONREF//{ref}\r\n"
        f":86:~00TRF~20przelew~32{payer[:35]}~38{iban}\r\n"
        ":62F:C261005PLN123,45\r\n-\r\n",
        encoding="utf-8",
    )
    return statement


def test_review_lists_and_dismisses(books: Path) -> None:
    odd = write_unmatched_payment(
        books, "unknown.sta", "ODD0009", "Nieznany Nadawca", "PL27114020040000300201355387"
    )
    assert tactful(books, "import", "statement", str(odd))[0] == 0
    code, output = tactful(books, "review")
    assert code == 0 and "ODD0009" in output and "payment(s) waiting for review" in output
    app = service.open_app(service.load_config(books))
    items = app.store.reviews(open_only=True)
    (item,) = [i for i in items if i.transaction_id == "ODD0009"]
    code, output = tactful(books, "review", "dismiss", str(item.id), "--note", "bank interest")
    assert code == 0, output
    assert len(app.store.reviews(open_only=True)) == len(items) - 1


def test_approve_sends_a_waiting_letter_in_the_next_cycle(tmp_path: Path) -> None:
    app = service.run_demo(tmp_path / "demo", 30, lambda _line: None)
    waiting = app.store.reminders(state="awaiting_approval")
    assert waiting, "the final demands wait for a person"
    config = app.config.path
    code, output = tactful(config, "approve", waiting[0].id)
    assert code == 0, output
    code, output = tactful(config, "reject", waiting[-1].id, "--reason", "we talk to them first")
    assert code == 0 or len(waiting) == 1
    service.run_cycle(app, service.parse_at("2026-11-02T09:30", "Europe/Warsaw"), ("dunning",))
    assert app.store.reminder(waiting[0].id).state == "sent"
    if len(waiting) > 1:
        assert app.store.reminder(waiting[-1].id).state == "rejected"


def test_the_inbox_folder_moves_good_and_bad_files(books: Path) -> None:
    inbox = books.parent / "inbox" / "statements"
    good = sorted((EXAMPLES / "statements").iterdir())[3]
    shutil.copy(good, inbox / good.name)
    (inbox / "garbage.sta").write_bytes(b"this is not a statement\n")
    app = service.open_app(service.load_config(books))
    service.run_cycle(app, service.parse_at("2026-10-06T07:00", "Europe/Warsaw"), ("import",))
    assert (inbox / "processed" / good.name).exists()
    assert (inbox / "failed" / "garbage.sta").exists()
    assert "garbage.sta" in (inbox / "failed" / "garbage.sta.error.txt").read_text(encoding="utf-8")


def test_already_paid_points_at_a_payment_waiting_in_review(books: Path) -> None:
    from email.message import EmailMessage

    app = service.open_app(service.load_config(books))
    customer = app.store.customer("K005")
    assert customer is not None and customer.ibans
    statement = write_unmatched_payment(books, "odd.sta", "ODD0001", customer.name, customer.ibans[0])
    assert tactful(books, "import", "statement", str(statement))[0] == 0
    reply = EmailMessage()
    reply["From"] = f"{customer.name} <{customer.contacts[0].email}>"
    reply["To"] = "naleznosci@nordwind.pl"
    reply["Subject"] = "Re: Przypomnienie"
    reply["Date"] = "Tue, 06 Oct 2026 10:00:00 +0200"
    reply["Message-ID"] = "<paid-1@example.pl>"
    reply.set_content("Dzień dobry,\n\nfaktura została już zapłacona przelewem 5 października.\n\nPozdrawiam")
    (books.parent / "replies" / "new" / "paid.eml").write_bytes(bytes(reply))
    assert service.run_cycle(app, service.parse_at("2026-10-06T11:00", "Europe/Warsaw"), ("replies",))
    (hold,) = [h for h in app.store.holds("K005") if h.released_at is None]
    assert hold.kind == "manual" and "ODD0001" in hold.reason and "already paid" in hold.reason
    facts = service.digest_facts(app, service.parse_at("2026-10-07T07:30", "Europe/Warsaw"))
    assert any(i.kind == "claimed_paid_not_found" and i.customer_id == "K005" for i in facts.needs_you)


def test_an_invoice_export_adds_contacts_but_never_drops_those_of_a_customers_export(
    books: Path, tmp_path: Path
) -> None:
    customers = tmp_path / "customers.csv"
    customers.write_text(
        "id,name,vat_id,iban,email,language,tags,do_not_contact\n"
        "K001,Kowalski Budownictwo Sp. z o.o.,,,ksiegowosc@kowalski.pl;prezes@kowalski.pl,pl,loyal,false\n",
        encoding="utf-8",
    )
    assert tactful(books, "import", "customers", str(customers))[0] == 0
    assert tactful(books, "import", "invoices", str(EXAMPLES / "invoices.csv"))[0] == 0
    app = service.open_app(service.load_config(books))
    customer = app.store.customer("K001")
    assert customer is not None
    assert {c.email for c in customer.contacts} == {"ksiegowosc@kowalski.pl", "prezes@kowalski.pl"}
    assert customer.tags == ("loyal",)
