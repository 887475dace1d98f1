"""The daemon's jobs over weeks of simulated time: the example book's story, exactly once, restarts.

The book in examples/ (40 customers, daily statements in three formats, replies) is replayed day by
day through the same jobs the daemon schedules. ``examples/story.csv`` says what each customer does.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

import service

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
START = date.fromisoformat(service.DEMO_START)


def story() -> dict[str, str]:
    with (EXAMPLES / "story.csv").open(encoding="utf-8") as handle:
        return {row["customer_id"]: row["script"] for row in csv.DictReader(handle)}


def start_app(target: Path, database_url: str | None = None) -> service.App:
    config_path = service.demo_workspace(target, EXAMPLES)
    if database_url is not None:
        text = config_path.read_text(encoding="utf-8")
        config_path.write_text(
            text.replace('url = "sqlite:///tactful.db"', f'url = "{database_url}"'), encoding="utf-8"
        )
    (target / "inbox/invoices/invoices.csv").write_bytes((EXAMPLES / "invoices.csv").read_bytes())
    return service.open_app(service.load_config(config_path))


def replay(app: service.App, first: int, last: int) -> None:
    arrivals = service.demo_arrivals(EXAMPLES)
    for offset in range(first, last):
        day = START + timedelta(days=offset)
        service.replay_day(app, day, arrivals.get(day, []))


def letters(app: service.App) -> list[tuple[str, str, date, tuple[str, ...]]]:
    """(customer, stage, local send day, invoices) of every letter sent, in order."""
    return [
        (r.customer_id, r.stage, app.local_date(r.sent_at), tuple(sorted(r.invoice_numbers)))
        for r in app.store.sent_reminders()
    ]


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory) -> service.App:
    """The whole 45-day story on SQLite and a Maildir outbox (shared by the read-only tests below)."""
    app = start_app(tmp_path_factory.mktemp("story"))
    replay(app, 0, 45)
    return app


def test_nobody_is_chased_for_an_invoice_already_paid(finished: service.App) -> None:
    store = finished.store
    paid_at: dict[str, datetime] = {}
    for allocation in store.allocations_for(state="applied"):
        paid_at[allocation.invoice_number] = max(
            paid_at.get(allocation.invoice_number, allocation.decided_at), allocation.decided_at
        )
    applied = store.applied_amounts()
    totals = {inv.number: inv.total for inv in store.open_invoices()}
    for reminder in store.sent_reminders():
        for number in reminder.invoice_numbers:
            fully_paid = number in applied and number in totals and applied[number] >= totals[number]
            assert not (fully_paid and paid_at[number] <= reminder.sent_at), (reminder.id, number)


def test_no_customer_gets_two_letters_on_one_day_or_any_on_a_weekend(finished: service.App) -> None:
    sent = letters(finished)
    per_day = Counter((customer, day) for customer, _, day, _ in sent)
    assert max(per_day.values()) == 1
    assert all(day.weekday() < 5 for _, _, day, _ in sent)


def test_the_story_plays_out_as_written(finished: service.App) -> None:
    scripts = story()
    store = finished.store
    sent = letters(finished)
    by_customer: dict[str, list[tuple[str, date]]] = {}
    for customer, stage, day, _ in sent:
        by_customer.setdefault(customer, []).append((stage, day))
    holds = {h.customer_id: h for h in store.holds()}
    for customer, script in scripts.items():
        got = by_customer.get(customer, [])
        if script == "dispute":
            hold = holds[customer]
            assert hold.kind == "dispute" and hold.released_at is None
            assert all(day <= finished.local_date(hold.created_at) for _, day in got), (customer, got)
        elif script == "bounce":
            contact = store.customer(customer).contacts[0]
            assert contact.is_undeliverable
            assert len(got) <= 1, (customer, got)  # the letter that bounced, and nothing after it
        elif script == "silent":
            stages = [stage for stage, _ in got]
            assert stages[-2:] == ["reminder", "firm"] or stages[-1] == "firm", (customer, stages)
            waiting = store.reminders(state="awaiting_approval", customer_id=customer)
            assert [r.stage for r in waiting] == ["final_demand"], customer
        elif script == "promise_kept":
            (promise,) = store.promises(customer)
            assert promise.state == "kept"
            assert all(not (promise.made_on <= day <= promise.promised_on) for _, day in got), (customer, got)
        elif script == "promise_broken":
            (promise,) = store.promises(customer)
            assert promise.state == "broken"
            after = [stage for stage, day in got if day > promise.promised_on]
            assert after, f"{customer}: the ladder never resumed after the broken promise"
        elif script == "holiday":
            # Back on the return date: letters wait until then (the planner moves it to a business day).
            (hold,) = [h for h in store.holds(customer) if h.kind == "out_of_office"]
            assert hold.until_on is not None and hold.until_on > finished.local_date(hold.created_at)
            assert all(not (finished.local_date(hold.created_at) <= day < hold.until_on) for _, day in got)
        elif script == "on_time":
            assert all(stage == "courtesy" for stage, _ in got), (customer, got)


def test_one_transfer_for_two_invoices_settles_both(finished: service.App) -> None:
    (customer,) = [c for c, s in story().items() if s == "two_in_one"]
    numbers = {inv.number for inv in finished.store.invoices_of(customer, include_closed=True)}
    allocations = [a for a in finished.store.allocations_for(state="applied") if a.invoice_number in numbers]
    assert {a.invoice_number for a in allocations} == numbers
    assert len({a.transaction_id for a in allocations}) == 1


def test_an_overpayment_is_reported_for_a_person(finished: service.App) -> None:
    (customer,) = [c for c, s in story().items() if s == "overpays"]
    events = [e for e in finished.store.events(customer) if e.kind == "payment.overpaid"]
    assert events and "150.00" in events[0].message


def test_running_the_same_moment_again_sends_nothing_twice(finished: service.App) -> None:
    before = Counter(finished.store.outbox_counts())
    outbox = sorted((finished.config.resolve("outbox") / "new").iterdir())
    last = START + timedelta(days=44)
    for hhmm in (time(7, 30), time(9, 30), time(12, 0)):
        at = datetime.combine(last, hhmm, tzinfo=finished.tz).astimezone(UTC)
        assert service.run_cycle(finished, at)
    assert Counter(finished.store.outbox_counts()) == before
    assert sorted((finished.config.resolve("outbox") / "new").iterdir()) == outbox


def test_every_letter_in_the_outbox_is_there_once_with_its_recorded_message_id(finished: service.App) -> None:
    import mailbox

    box = mailbox.Maildir(finished.config.resolve("outbox"), create=False)
    recorded = {r.message_id for r in finished.store.sent_reminders()}
    # Long ids are folded over two lines in the file; unfold them before comparing.
    found = ["".join(str(message["Message-ID"]).split()) for message in box]
    ids = [mid for mid in found if mid in recorded]
    assert len(ids) == len(recorded) == len(set(ids))


def test_a_restart_mid_run_changes_nothing(tmp_path: Path, finished: service.App) -> None:
    app = start_app(tmp_path / "a")
    replay(app, 0, 20)
    app.store.close()
    again = service.open_app(service.load_config(app.config.path))
    replay(again, 20, 45)
    assert letters(again) == letters(finished)


def test_refunds_are_set_aside_with_their_reason_and_never_reach_the_digest(finished: service.App) -> None:
    store = finished.store
    refunds = [line for line in store.transactions(credits_only=True) if "Zwrot" in line.text]
    assert refunds
    reviews = {r.transaction_id: r for r in store.reviews(open_only=False)}
    for line in refunds:
        review = reviews[line.id]
        assert review.state == "resolved" and review.resolution == "not_customer_payment"
        assert "not a customer payment" in (review.resolution_note or "")
    assert not store.allocations_for(transaction_id=refunds[0].id, state="applied")
