"""The digest's pure content model: ordering, totals, change since the previous digest, aging, top ten."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledger.model import Invoice
from rules.digest import (
    AGING_BUCKETS,
    NEEDS_YOU_ORDER,
    PROMISE_ORDER,
    STAGE_ORDER,
    TOP_OVERDUE_LIMIT,
    DigestFacts,
    NeedsYouItem,
    PromiseItem,
    aging_bucket,
    build_digest,
    sample_facts,
)

DAY = date(2026, 11, 23)
BUCKET_KEYS = [key for key, _, _ in AGING_BUCKETS]


def invoice(
    number: str,
    days_late: int,
    total: str,
    currency: str = "PLN",
    customer: str = "C1",
    paid: str = "0",
    name: str = "",
) -> Invoice:
    due = DAY - timedelta(days=days_late)
    return Invoice(
        number=number,
        customer_id=customer,
        issued_on=due - timedelta(days=14),
        due_on=due,
        total=Decimal(total),
        currency=currency,
        paid=Decimal(paid),
        customer_name=name or f"Customer {customer}",
    )


def facts(**kwargs: object) -> DigestFacts:
    base: dict[str, object] = {"day": DAY, "company_name": "Biuro", "language": "pl", "main_currency": "PLN"}
    base.update(kwargs)
    return DigestFacts(**base)  # type: ignore[arg-type]


def item(
    kind: str, amount: str | None = None, currency: str = "PLN", name: str = "A", ref: str = ""
) -> NeedsYouItem:
    return NeedsYouItem(
        kind=kind,
        customer_id=name,
        customer_name=name,
        amount=None if amount is None else Decimal(amount),
        currency=currency if amount is not None else "",
        summary=f"{kind} of {name}",
        ref=ref,
    )


# --- needs you ----------------------------------------------------------------------------------------


def test_it_orders_needs_you_items_by_urgency_whatever_the_input_order() -> None:
    items = [item(kind, "100", name=f"N{i}") for i, kind in enumerate(NEEDS_YOU_ORDER)]
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)

    digest = build_digest(facts(needs_you=shuffled))

    assert [i.kind for i in digest.needs_you] == list(NEEDS_YOU_ORDER)
    assert [g.kind for g in digest.needs_you_groups] == list(NEEDS_YOU_ORDER)
    assert digest.has_urgent
    assert digest.needs_you_count == len(NEEDS_YOU_ORDER)


def test_within_a_kind_main_currency_amounts_come_first_largest_first_then_other_currencies_then_none() -> (
    None
):
    items = [
        item("dispute", None, name="NoMoney"),
        item("dispute", "50", "EUR", name="SmallEur"),
        item("dispute", "10", name="SmallPln"),
        item("dispute", "900", "EUR", name="BigEur"),
        item("dispute", "5000", name="BigPln"),
        item("dispute", "700", "CHF", name="Chf"),
    ]

    digest = build_digest(facts(needs_you=items))

    assert [i.customer_name for i in digest.needs_you] == [
        "BigPln",
        "SmallPln",
        "Chf",
        "BigEur",
        "SmallEur",
        "NoMoney",
    ]


def test_equal_items_are_ordered_by_customer_name_then_reference_so_the_digest_is_stable() -> None:
    items = [
        item("bounce", name="beta", ref="2"),
        item("bounce", name="Alpha"),
        item("bounce", name="beta", ref="1"),
    ]

    first = build_digest(facts(needs_you=items)).needs_you
    second = build_digest(facts(needs_you=list(reversed(items)))).needs_you

    assert first == second
    assert [(i.customer_name, i.ref) for i in first] == [("Alpha", ""), ("beta", "1"), ("beta", "2")]


def test_an_unknown_kind_is_refused_with_the_allowed_kinds_named() -> None:
    with pytest.raises(ValueError, match=r"unknown kind 'complaint'.*dispute"):
        item("complaint", "1")


def test_a_float_amount_is_refused() -> None:
    with pytest.raises(TypeError, match="Decimal"):
        NeedsYouItem("dispute", "C", "C", 12.5, "PLN", "x")  # type: ignore[arg-type]


def test_an_empty_day_has_nothing_urgent_and_no_sections_to_fill() -> None:
    digest = build_digest(DigestFacts(day=DAY, company_name="Biuro", language="en"))

    assert not digest.has_urgent
    assert digest.needs_you_count == 0
    assert digest.needs_you_groups == ()
    assert digest.promise_groups == ()
    assert digest.matched == () and digest.matched_count == 0
    assert digest.books == () and digest.top_overdue == ()
    assert not digest.has_yesterday and not digest.has_overdue and not digest.has_previous


# --- promises and yesterday -------------------------------------------------------------------------------


def test_promises_are_grouped_broken_first_and_by_date_within_a_state() -> None:
    promises = [
        PromiseItem("C1", "One", DAY + timedelta(days=9), Decimal("10"), "PLN", "new"),
        PromiseItem("C2", "Two", DAY, Decimal("20"), "PLN", "due_today"),
        PromiseItem("C3", "Three", DAY + timedelta(days=2), Decimal("30"), "PLN", "new"),
        PromiseItem("C4", "Four", DAY - timedelta(days=1), Decimal("40"), "PLN", "broken"),
        PromiseItem("C5", "Five", DAY - timedelta(days=1), Decimal("50"), "PLN", "kept"),
    ]

    digest = build_digest(facts(promises=promises))

    assert [g.state for g in digest.promise_groups] == list(PROMISE_ORDER)
    assert [p.customer_name for p in digest.promises_in("new")] == ["Three", "One"]
    assert digest.promises_in("missing") == ()


def test_an_unknown_promise_state_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown state 'late'"):
        PromiseItem("C1", "One", DAY, Decimal("1"), "PLN", "late")


def test_matched_money_is_summed_per_currency_main_currency_first_with_counts() -> None:
    matched = [
        (Decimal("100.10"), "EUR"),
        (Decimal("12000"), "PLN"),
        (Decimal("450.50"), "pln"),
        (Decimal("1"), "CHF"),
    ]

    digest = build_digest(facts(matched=matched))

    assert [(m.currency, m.amount, m.count) for m in digest.matched] == [
        ("PLN", Decimal("12450.50"), 2),
        ("CHF", Decimal("1"), 1),
        ("EUR", Decimal("100.10"), 1),
    ]
    assert digest.matched_count == len(matched)


def test_reminders_follow_the_escalation_order_and_zero_counts_are_left_out() -> None:
    sent = {"final_demand": 1, "custom_stage": 2, "courtesy": 4, "firm": 0, "reminder": 7}

    digest = build_digest(facts(reminders_sent=sent))

    assert [c.key for c in digest.reminders_sent] == ["courtesy", "reminder", "final_demand", "custom_stage"]
    assert digest.reminders_total == sum(sent.values())
    assert all(c.key in STAGE_ORDER or c.key == "custom_stage" for c in digest.reminders_sent)


def test_replies_are_listed_most_frequent_intent_first() -> None:
    digest = build_digest(
        facts(replies_by_intent={"dispute": 1, "out_of_office": 5, "bounce": 1, "promise_to_pay": 3})
    )

    assert [(c.key, c.count) for c in digest.replies_by_intent] == [
        ("out_of_office", 5),
        ("promise_to_pay", 3),
        ("bounce", 1),
        ("dispute", 1),
    ]
    assert digest.replies_total == 10


# --- the book ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "bucket"),
    [(-30, "current"), (0, "current"), (1, "1-30"), (30, "1-30"), (31, "31-60"), (60, "31-60"), (61, "61-90"),
     (90, "61-90"), (91, "90+"), (4000, "90+")],
)  # fmt: skip
def test_aging_bucket_boundaries(days: int, bucket: str) -> None:
    assert aging_bucket(days) == bucket


def test_each_invoice_lands_in_the_bucket_of_its_days_overdue_on_the_digest_day() -> None:
    boundary_days = [0, 1, 30, 31, 60, 61, 90, 91]
    invoices = [invoice(f"F{d}", d, str(1000 + d)) for d in boundary_days]

    book = build_digest(facts(open_invoices=invoices)).books[0]

    expected = {key: Decimal("0") for key in BUCKET_KEYS}
    expected_counts = dict.fromkeys(BUCKET_KEYS, 0)
    for d in boundary_days:
        expected[aging_bucket(d)] += Decimal(1000 + d)
        expected_counts[aging_bucket(d)] += 1
    assert {b.key: b.amount for b in book.aging} == expected
    assert {b.key: b.count for b in book.aging} == expected_counts
    assert [b.key for b in book.aging] == BUCKET_KEYS


def test_open_and_overdue_are_summed_per_currency_from_what_is_still_owed() -> None:
    invoices = [
        invoice("due-today", 0, "100.00"),  # open, not yet overdue
        invoice("late-partly-paid", 5, "1000.00", paid="400.00"),
        invoice("paid", 20, "300.00", paid="300.00"),  # nothing owed: left out
        invoice("credit", 20, "-50.00"),  # a credit note owes nothing
        invoice("eur", 40, "70.00", currency="EUR"),
    ]

    digest = build_digest(facts(open_invoices=invoices))

    pln, eur = digest.books
    assert (pln.currency, pln.open, pln.overdue, pln.open_count, pln.overdue_count) == (
        "PLN",
        Decimal("700.00"),
        Decimal("600.00"),
        2,
        1,
    )
    assert (eur.currency, eur.open, eur.overdue) == ("EUR", Decimal("70.00"), Decimal("70.00"))
    assert digest.has_overdue


def test_change_since_the_previous_digest_per_currency() -> None:
    invoices = [
        invoice("a", 10, "1000.00"),
        invoice("b", -3, "500.00"),
        invoice("c", 10, "80.00", currency="USD"),
    ]
    previous = {
        "PLN": (Decimal("2000.00"), Decimal("900.00")),
        "EUR": (Decimal("300.00"), Decimal("300.00")),  # fully paid since: still shown, going to zero
    }

    digest = build_digest(facts(open_invoices=invoices, previous_totals=previous))

    changes = {b.currency: (b.open, b.open_change, b.overdue_change) for b in digest.books}
    assert changes == {
        "PLN": (Decimal("1500.00"), Decimal("-500.00"), Decimal("100.00")),
        "EUR": (Decimal("0"), Decimal("-300.00"), Decimal("-300.00")),
        "USD": (Decimal("80.00"), Decimal("80.00"), Decimal("80.00")),  # new currency: all of it is change
    }
    assert [b.currency for b in digest.books] == ["PLN", "EUR", "USD"]
    assert digest.has_previous


def test_without_a_previous_digest_there_is_no_change_to_report() -> None:
    digest = build_digest(facts(open_invoices=[invoice("a", 10, "1000.00")]))

    assert digest.books[0].open_change is None and digest.books[0].overdue_change is None
    assert not digest.has_previous


def test_bar_widths_are_percentages_of_the_largest_bucket_and_any_money_shows() -> None:
    invoices = [invoice("big", 45, "2000.00"), invoice("half", 70, "1000.00"), invoice("tiny", 100, "0.01")]

    widths = {b.key: b.width_pct for b in build_digest(facts(open_invoices=invoices)).books[0].aging}

    assert widths == {"current": 0, "1-30": 0, "31-60": 100, "61-90": 50, "90+": 1}


def test_the_main_currency_defaults_to_the_one_with_most_open_invoices() -> None:
    invoices = [invoice("a", 1, "1", "EUR"), invoice("b", 1, "1", "EUR"), invoice("c", 1, "99999", "PLN")]

    digest = build_digest(facts(open_invoices=invoices, main_currency=None))

    assert digest.main_currency == "EUR"
    assert [b.currency for b in digest.books] == ["EUR", "PLN"]


# --- top ten -----------------------------------------------------------------------------------------------


def test_the_top_ten_are_the_largest_overdue_customers_and_ignore_money_not_yet_due() -> None:
    invoices = [invoice(f"F{n}", 10, str(100 * n), customer=f"C{n:02d}") for n in range(1, 13)]
    invoices.append(invoice("future", -5, "999999", customer="C01"))  # not overdue: does not lift C01

    top = build_digest(facts(open_invoices=invoices)).top_overdue

    assert len(top) == TOP_OVERDUE_LIMIT
    assert [c.customer_id for c in top] == [f"C{n:02d}" for n in range(12, 2, -1)]
    assert top[0].amounts[0].amount == Decimal("1200")
    assert top[0].invoice_count == 1 and top[0].max_days_overdue == 10


def test_ties_in_the_top_ten_are_broken_by_name_then_id_whatever_the_input_order() -> None:
    invoices = [
        invoice("1", 5, "500", customer="C3", name="Beta"),
        invoice("2", 5, "500", customer="C2", name="alpha"),
        invoice("3", 5, "500", customer="C1", name="Beta"),
        invoice("4", 5, "900", customer="C9", name="Zeta"),
    ]
    orders = [invoices, list(reversed(invoices)), invoices[2:] + invoices[:2]]

    results = [[c.customer_id for c in build_digest(facts(open_invoices=o)).top_overdue] for o in orders]

    assert results == [["C9", "C2", "C1", "C3"]] * 3


def test_customers_owing_only_foreign_currency_rank_after_main_currency_ones_by_currency_then_amount() -> (
    None
):
    invoices = [
        invoice("e1", 5, "90000", currency="EUR", customer="E1"),
        invoice("u1", 5, "50", currency="USD", customer="U1"),
        invoice("e2", 5, "100", currency="EUR", customer="E2"),
        invoice("p1", 5, "10", customer="P1"),
        invoice("m1", 5, "20", customer="M1"),
        invoice("m1e", 5, "99999", currency="EUR", customer="M1"),
    ]

    top = build_digest(facts(open_invoices=invoices)).top_overdue

    assert [c.customer_id for c in top] == ["M1", "P1", "E1", "E2", "U1"]
    mixed = top[0]
    assert [(m.currency, m.amount) for m in mixed.amounts] == [
        ("PLN", Decimal("20")),
        ("EUR", Decimal("99999")),
    ]
    assert mixed.invoice_count == 2


def test_customer_names_come_from_the_customer_list_before_the_invoice() -> None:
    invoices = [invoice("a", 5, "10", customer="C1", name="Old Name on Invoice")]

    top = build_digest(facts(open_invoices=invoices, customers={"C1": "Current Name"})).top_overdue

    assert top[0].customer_name == "Current Name"


# --- invariants ----------------------------------------------------------------------------------------------

amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2)
invoice_specs = st.lists(
    st.tuples(st.integers(-60, 400), amounts, st.sampled_from(["PLN", "EUR", "GBP"]), st.integers(0, 15)),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(invoice_specs)
def test_the_buckets_add_up_to_the_book_and_bars_are_scaled_to_the_largest(specs: list) -> None:
    invoices = [
        invoice(f"F{n}", late, str(amount), currency, customer=f"C{cust}")
        for n, (late, amount, currency, cust) in enumerate(specs)
    ]

    digest = build_digest(facts(open_invoices=invoices))

    for book in digest.books:
        assert sum(b.amount for b in book.aging) == book.open
        assert sum(b.amount for b in book.aging if b.key != "current") == book.overdue
        assert sum(b.count for b in book.aging) == book.open_count
        assert all(0 <= b.width_pct <= 100 and (b.width_pct > 0) == (b.amount > 0) for b in book.aging)
        assert max(b.width_pct for b in book.aging) == 100
    overdue_customers = {i.customer_id for i in invoices if i.due_on < DAY}
    assert len(digest.top_overdue) == min(TOP_OVERDUE_LIMIT, len(overdue_customers))


def test_the_sample_facts_fill_every_section_in_every_language() -> None:
    for language in ("pl", "en", "de"):
        digest = build_digest(sample_facts(language, DAY))
        assert digest.has_urgent and digest.has_promises and digest.has_yesterday and digest.has_overdue
        assert digest.has_previous and len(digest.top_overdue) == TOP_OVERDUE_LIMIT
