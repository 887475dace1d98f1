"""Table tests for the escalation planner: one rule per test."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from ledger.model import Contact
from rules.escalation import (
    Approval,
    CustomerOverride,
    EscalationRules,
    Guards,
    Ladder,
    Pause,
    Promise,
    Segment,
    Stage,
    evaluate_promises,
    may_grant_promise,
    promise_decision,
)
from tests.unit.test_escalation_support import (
    NOW,
    RULES,
    STANDARD,
    TODAY,
    at,
    book,
    customer,
    invoice,
    only_message,
    plan,
    sent,
)

# --------------------------------------------------------------------------- stages


def test_it_sends_nothing_before_the_courtesy_window() -> None:
    result = plan(book([invoice("FV/1", -10)]))
    assert result.messages == () and result.held == ()


def test_the_first_letter_before_the_due_date_is_the_courtesy_note() -> None:
    message = only_message(plan(book([invoice("FV/1", -3)])))
    assert (message.stage, message.template) == ("courtesy", "courtesy")
    assert "due in 3 days" in message.reason


def test_an_overdue_invoice_without_history_starts_at_the_first_reminder_not_the_courtesy_note() -> None:
    message = only_message(plan(book([invoice("FV/1", 40)])))
    assert message.stage == "reminder"


def test_a_reminder_waits_for_its_after_due_days() -> None:
    assert plan(book([invoice("FV/1", 6)])).messages == ()
    assert only_message(plan(book([invoice("FV/1", 7)]))).stage == "reminder"


def test_one_letter_lists_every_overdue_invoice_oldest_first_with_totals_per_currency() -> None:
    invoices = [
        invoice("FV/3", 9, "50.00"),
        invoice("FV/1", 30, "100.00"),
        invoice("FV/2", 12, "70.00", currency="EUR"),
        invoice("FV/9", -2, "999.00"),  # not overdue yet: not in a reminder
    ]
    message = only_message(plan(book(invoices)))
    assert message.invoice_numbers == ("FV/1", "FV/2", "FV/3")
    assert message.totals == (("EUR", Decimal("70.00")), ("PLN", Decimal("150.00")))
    assert message.to == ("ap@c1.example",)
    assert message.days_overdue == 30


def test_the_stage_follows_the_most_advanced_invoice_and_new_invoices_ride_along() -> None:
    state = book([invoice("FV/1", 25), invoice("FV/2", 2)], sent=(sent("reminder", 12, "FV/1"),))
    message = only_message(plan(state))
    assert message.stage == "firm"
    assert message.invoice_numbers == ("FV/1", "FV/2")
    assert message.previous_stage == "reminder"


def test_after_an_outage_only_the_next_stage_goes_out() -> None:
    state = book([invoice("FV/1", 90)], sent=(sent("reminder", 60, "FV/1"),))
    assert only_message(plan(state)).stage == "firm"


def test_min_days_since_previous_is_respected() -> None:
    state = book([invoice("FV/1", 30)], sent=(sent("reminder", 5, "FV/1"),))
    assert plan(state).messages == ()
    history = (sent("reminder", 5, "FV/1"),)  # 18 Nov; firm needs 10 days since
    friday, monday = date(2026, 11, 27), date(2026, 11, 30)
    for day, expected in ((friday, 0), (monday, 1)):
        later = book(
            [invoice("FV/1", 30 + (day - TODAY).days, today=day)], sent=history, newest_statement_on=day
        )
        assert [m.stage for m in plan(later, now=at(day)).messages] == ["firm"] * expected


def test_once_everything_reminded_is_paid_a_new_invoice_starts_at_the_top_of_the_ladder() -> None:
    state = book([invoice("FV/7", 8)], sent=(sent("firm", 20, "FV/1"),))
    assert only_message(plan(state)).stage == "reminder"


def test_after_the_final_stage_the_customer_is_held_for_a_person() -> None:
    state = book([invoice("FV/1", 80)], sent=(sent("final_demand", 20, "FV/1"),))
    result = plan(state)
    assert result.messages == ()
    assert [h.reason for h in result.held] == ["ladder_complete"]


def test_a_stage_from_another_ladder_maps_to_the_nearest_milder_stage() -> None:
    # The customer moved to the gentle ladder after a standard 'courtesy'... then got a gentle letter.
    rules = dataclasses.replace(RULES, default_ladder="gentle")
    state = book([invoice("FV/1", 40)], sent=(sent("courtesy", 44, "FV/1"),))
    # 'courtesy' (-3 days) maps to nothing milder on 'gentle' than its first stage, so the next is 'firm'.
    assert only_message(plan(state, rules)).stage == "firm"


def test_the_key_is_deterministic_per_customer_stage_and_local_day() -> None:
    state = book([invoice("FV/1", 8)])
    first, second = plan(state), plan(state, now=NOW + timedelta(hours=3))
    assert first.messages[0].key == second.messages[0].key == "C1:reminder:2026-11-23"


def test_the_reason_reads_as_a_sentence() -> None:
    state = book([invoice("FV/1", 16), invoice("FV/3", 16)], sent=(sent("courtesy", 19, "FV/1"),))
    reason = only_message(plan(state)).reason
    assert reason.startswith("FV/1 and FV/3 are 16 days overdue; previous 'courtesy' sent on 2026-11-04")
    assert "ladder 'standard'" in reason


# --------------------------------------------------------------------------- money


def test_nobody_who_has_paid_in_full_is_chased() -> None:
    assert plan(book([invoice("FV/1", 30, "100.00", paid="100.00")])).messages == ()


def test_a_partially_paid_invoice_is_reminded_for_what_is_left() -> None:
    message = only_message(plan(book([invoice("FV/1", 30, "100.00", paid="60.00")])))
    assert message.totals == (("PLN", Decimal("40.00")),)


def test_a_credit_note_correcting_an_invoice_lowers_it() -> None:
    invoices = [invoice("FV/1", 30, "100.00"), invoice("KOR/1", 0, "-100.00", corrects="FV/1")]
    assert plan(book(invoices)).messages == ()


def test_unused_credit_is_netted_per_currency() -> None:
    invoices = [invoice("FV/1", 30, "100.00"), invoice("KOR/2", 5, "-30.00")]
    message = only_message(plan(book(invoices)))
    assert message.totals == (("PLN", Decimal("70.00")),)
    assert message.credits == (("PLN", Decimal("30.00")),)


def test_an_amount_below_the_minimum_is_held() -> None:
    result = plan(book([invoice("FV/1", 30, "15.00")]))
    assert result.messages == ()
    assert [(h.reason, h.invoice_numbers) for h in result.held] == [("below_minimum", ("FV/1",))]


def test_a_per_currency_minimum_beats_the_general_one() -> None:
    guards = dataclasses.replace(RULES.guards, min_open_amounts={"EUR": Decimal("5")})
    rules = dataclasses.replace(RULES, guards=guards)
    message = only_message(plan(book([invoice("FV/1", 30, "15.00", currency="EUR")]), rules))
    assert message.totals == (("EUR", Decimal("15.00")),)


def test_a_customer_override_sets_its_own_minimum() -> None:
    rules = dataclasses.replace(RULES, overrides=(CustomerOverride("C1", min_open_amount=Decimal("500")),))
    assert plan(book([invoice("FV/1", 30, "400.00")]), rules).messages == ()


# --------------------------------------------------------------------------- announcements


def test_a_letter_that_announces_prints_a_deadline_on_a_business_day() -> None:
    state = book([invoice("FV/1", 21)], sent=(sent("reminder", 14, "FV/1"),))
    message = only_message(plan(state))
    assert message.stage == "firm" and message.announces is not None
    assert message.announces.stage == "final_demand"
    # send date + 10 = Thursday 3 Dec, but final_demand needs 35 days overdue, i.e. Sunday 6 Dec
    # can be the deadline; the next business day is Monday 7 Dec.
    assert message.announces.deadline_on == date(2026, 12, 7)


def test_an_announcement_carries_what_the_next_step_does() -> None:
    firm = dataclasses.replace(STANDARD.stages[2], consequence="legal_action")
    ladder = dataclasses.replace(STANDARD, stages=(*STANDARD.stages[:2], firm, STANDARD.stages[3]))
    rules = dataclasses.replace(RULES, ladders=(ladder,))
    state = book([invoice("FV/1", 21)], sent=(sent("reminder", 14, "FV/1"),))
    announces = only_message(plan(state, rules)).announces
    assert announces is not None and announces.consequence == "legal_action"


def test_the_announced_stage_never_fires_on_or_before_the_deadline_and_fires_right_after() -> None:
    deadline = date(2026, 12, 7)
    history = (sent("firm", 0, "FV/1", deadline=deadline),)
    for day in (date(2026, 12, 1), date(2026, 12, 4), deadline):
        state = book([invoice("FV/1", 21 + (day - TODAY).days)], sent=history, newest_statement_on=day)
        assert plan(state, now=at(day)).messages == (), day
    day = deadline + timedelta(days=1)
    state = book([invoice("FV/1", 21 + (day - TODAY).days)], sent=history, newest_statement_on=day)
    message = only_message(plan(state, now=at(day)))
    assert message.stage == "final_demand" and message.requires_approval


def test_an_announced_deadline_beats_the_announced_stages_own_timing() -> None:
    # The deadline printed was kept short (e.g. set by hand); the stage still fires right after it.
    history = (sent("firm", 3, "FV/1", deadline=TODAY - timedelta(days=1)),)
    message = only_message(plan(book([invoice("FV/1", 24)], sent=history)))
    assert message.stage == "final_demand"


def test_the_deadline_leaves_room_for_the_weekly_limit() -> None:
    guards = dataclasses.replace(RULES.guards, max_messages_per_week=1)
    ladder = Ladder(
        "short",
        (
            Stage("reminder", 1, announces="final", announce_days=1),
            Stage("final", 2, final=True),
        ),
    )
    rules = EscalationRules(ladders=(ladder,), guards=guards, default_ladder="short")
    message = only_message(plan(book([invoice("FV/1", 3)]), rules))
    assert message.announces is not None
    # One letter a week: the next may go out 7 days after this one, so the deadline is the day before.
    assert message.announces.deadline_on >= TODAY + timedelta(days=6)


def test_a_ladder_may_only_announce_the_stage_right_after() -> None:
    with pytest.raises(ValueError, match="right after"):
        Ladder(
            "x",
            (
                Stage("a", 1, announces="c"),
                Stage("b", 5),
                Stage("c", 9, final=True),
            ),
        )


@pytest.mark.parametrize(
    ("stages", "message"),
    [
        ((Stage("a", 5), Stage("b", 5, final=True)), "must come later"),
        ((Stage("a", 5, final=True), Stage("b", 9, final=True)), "only the last is final"),
        ((Stage("a", 5), Stage("b", 9)), "must be marked final"),
        ((Stage("a", 5, announces="a"), Stage("b", 9, final=True)), "not a later stage"),
        ((Stage("a", 5), Stage("a", 9, final=True)), "appears twice"),
        ((Stage("a", -5, announces="b"), Stage("b", 0), Stage("c", 9, final=True)), "courtesy stage"),
        ((), "at least one stage"),
    ],
)
def test_it_refuses_ladders_that_cannot_work(stages: tuple[Stage, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Ladder("x", stages)


def test_rules_file_problems_name_the_key_and_line() -> None:
    from rules.loader import load_rules
    from rules.toml import RuleError

    text = """
default_ladder = "standard"

[[ladders]]
name = "standard"

[[ladders.stages]]
name = "reminder"
after_due_days = 7
announces = "final"

[[ladders.stages]]
name = "final"
after_due_days = 3
final = true

[guards]
timezone = "Europe/Warsw"
"""
    with pytest.raises(RuleError) as caught:
        load_rules(text, "rules.toml")
    text_of = str(caught.value)
    assert "rules.toml:4: ladders[0].stages" in text_of and "must come later" in text_of
    assert "guards.timezone" in text_of and "Europe/Warsaw" in text_of


# --------------------------------------------------------------------------- holds and pauses


def test_a_disputed_invoice_is_left_out_and_held() -> None:
    state = book(
        [invoice("FV/1", 30), invoice("FV/2", 10)],
        pauses=(Pause("C1", "dispute", ("FV/1",), reason="wrong quantity"),),
    )
    result = plan(state)
    message = only_message(result)
    assert message.invoice_numbers == ("FV/2",)
    assert "FV/1" not in message.reason
    assert [(h.reason, h.invoice_numbers, h.until_on) for h in result.held] == [("dispute", ("FV/1",), None)]


def test_a_customer_whose_whole_debt_is_paused_gets_nothing_and_is_listed_as_held() -> None:
    state = book([invoice("FV/1", 30), invoice("FV/2", 10)], pauses=(Pause("C1", "manual"),))
    result = plan(state)
    assert result.messages == ()
    assert [(h.reason, h.invoice_numbers) for h in result.held] == [("manual", ("FV/1", "FV/2"))]


def test_out_of_office_waits_until_the_return_date_or_the_next_business_day() -> None:
    returns = date(2026, 11, 28)  # a Saturday
    state = book([invoice("FV/1", 30)], pauses=(Pause("C1", "out_of_office", until_on=returns),))
    result = plan(state)
    assert result.messages == ()
    assert result.held[0].reason == "out_of_office" and result.held[0].until_on == date(2026, 11, 30)
    monday = date(2026, 11, 30)
    later = book([invoice("FV/1", 37, today=monday)], pauses=state.pauses, newest_statement_on=monday)
    assert only_message(plan(later, now=at(monday))).stage == "reminder"


def test_a_manual_hold_with_an_end_date_ends() -> None:
    pause = Pause("C1", "manual", until_on=TODAY)
    assert only_message(plan(book([invoice("FV/1", 30)], pauses=(pause,)))).stage == "reminder"
    pause = Pause("C1", "manual", until_on=TODAY + timedelta(days=1))
    assert plan(book([invoice("FV/1", 30)], pauses=(pause,))).messages == ()


def test_a_payment_plan_pause_holds_with_its_own_reason() -> None:
    result = plan(book([invoice("FV/1", 30)], pauses=(Pause("C1", "payment_plan"),)))
    assert [h.reason for h in result.held] == ["payment_plan"]


def test_when_every_address_bounced_the_customer_is_held() -> None:
    bounced = customer("C1").__class__(
        id="C1", name="C1", contacts=(Contact("a@c1.example", is_undeliverable=True),)
    )
    result = plan(book([invoice("FV/1", 30)], [bounced], pauses=(Pause("C1", "bounce"),)))
    assert result.messages == ()
    assert [h.reason for h in result.held] == ["bounce"]


def test_a_bounce_hold_ends_once_another_deliverable_contact_exists() -> None:
    both = customer("C1").__class__(
        id="C1",
        name="C1",
        contacts=(Contact("a@c1.example", is_undeliverable=True), Contact("b@c1.example")),
    )
    message = only_message(plan(book([invoice("FV/1", 30)], [both], pauses=(Pause("C1", "bounce"),))))
    assert message.to == ("b@c1.example",)


def test_a_customer_without_any_address_is_held_for_no_contact() -> None:
    nobody = customer("C1").__class__(id="C1", name="C1")
    result = plan(book([invoice("FV/1", 30)], [nobody]))
    assert [h.reason for h in result.held] == ["no_contact"]


def test_a_customer_missing_from_the_customer_list_is_written_to_at_the_invoice_address() -> None:
    inv = dataclasses.replace(invoice("FV/1", 30), emails=("billing@x.example",), language="de")
    message = only_message(plan(book([inv], [])))
    assert message.to == ("billing@x.example",) and message.language == "de"


@pytest.mark.parametrize("where", ["customer", "override"])
def test_do_not_contact_is_never_contacted(where: str) -> None:
    cust = customer("C1", do_not_contact=(where == "customer"))
    overrides = (CustomerOverride("C1", do_not_contact=True),) if where == "override" else ()
    result = plan(book([invoice("FV/1", 30)], [cust]), dataclasses.replace(RULES, overrides=overrides))
    assert result.messages == ()
    assert [h.reason for h in result.held] == ["do_not_contact"]


def test_stale_statements_hold_every_stage_after_the_courtesy_note() -> None:
    old = TODAY - timedelta(days=10)
    courtesy = plan(book([invoice("FV/1", -3)], newest_statement_on=old))
    assert only_message(courtesy).stage == "courtesy"
    result = plan(book([invoice("FV/1", 30)], newest_statement_on=old))
    assert result.messages == ()
    assert [h.reason for h in result.held] == ["stale_statements"]
    assert "2026-11-13" in result.held[0].detail


def test_statements_count_as_fresh_for_the_configured_business_days() -> None:
    # Wednesday's statement is 3 business days old on Monday: still fresh with the limit of 3.
    state = book([invoice("FV/1", 30)], newest_statement_on=date(2026, 11, 18))
    assert only_message(plan(state)).stage == "reminder"
    state = book([invoice("FV/1", 30)], newest_statement_on=date(2026, 11, 17))
    assert plan(state).messages == ()


def test_no_statement_at_all_counts_as_stale() -> None:
    result = plan(book([invoice("FV/1", 30)], newest_statement_on=None))
    assert [h.reason for h in result.held] == ["stale_statements"]


def test_the_weekly_limit_holds_and_says_until_when() -> None:
    history = (sent("courtesy", 6, "FV/1"), sent("reminder", 2, "FV/1"))
    rules = dataclasses.replace(
        RULES,
        ladders=(
            Ladder("standard", (Stage("courtesy", -3), Stage("reminder", 1), Stage("firm", 3, final=True))),
        ),
    )
    result = plan(book([invoice("FV/1", 30)], sent=history), rules)
    assert result.messages == ()
    held = result.held[0]
    assert held.reason == "weekly_limit" and held.until_on == TODAY + timedelta(days=1)


def test_no_customer_gets_two_letters_in_one_day() -> None:
    rules = dataclasses.replace(
        RULES, ladders=(Ladder("standard", (Stage("reminder", 1), Stage("firm", 3, final=True))),)
    )
    result = plan(book([invoice("FV/1", 30)], sent=(sent("reminder", 0, "FV/1"),)), rules)
    assert result.messages == ()
    assert [h.reason for h in result.held] == ["weekly_limit"]


# --------------------------------------------------------------------------- send window


@pytest.mark.parametrize(
    "now",
    [
        datetime(2026, 11, 23, 6, 0, tzinfo=UTC),  # 07:00 in Warsaw
        datetime(2026, 11, 23, 16, 30, tzinfo=UTC),  # 17:30 in Warsaw
        at(date(2026, 11, 21)),  # Saturday
        at(date(2026, 11, 11)),  # Independence Day
    ],
)
def test_outside_the_send_window_nothing_goes_out(now: datetime) -> None:
    state = book([invoice("FV/1", 30, today=now.date())], newest_statement_on=now.date())
    result = plan(state, now=now)
    assert result.messages == () and not result.is_send_time
    assert result.next_send_at is not None and result.next_send_at > now


def test_the_local_date_decides_what_is_due() -> None:
    # 23:30 UTC on the 22nd is already the 23rd in Warsaw.
    now = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert plan(book([invoice("FV/1", 30)]), now=now).today == TODAY


# --------------------------------------------------------------------------- approvals


def _final_state(**kwargs: object) -> object:
    return book(
        [invoice("FV/1", 40)], sent=(sent("firm", 15, "FV/1", deadline=TODAY - timedelta(days=2)),), **kwargs
    )


def test_a_stage_needing_approval_is_planned_for_approval_without_blocking_others() -> None:
    state = book(
        [invoice("FV/1", 40), invoice("FV/8", 8, customer="C2")],
        sent=(sent("firm", 15, "FV/1", deadline=TODAY - timedelta(days=2)),),
    )
    result = plan(state)
    by_customer = {m.customer_id: m for m in result.messages}
    assert by_customer["C1"].stage == "final_demand" and by_customer["C1"].requires_approval
    assert by_customer["C2"].stage == "reminder" and not by_customer["C2"].requires_approval


def test_an_approved_letter_is_sendable_and_a_rejected_one_is_held() -> None:
    pending = only_message(plan(_final_state()))  # type: ignore[arg-type]
    approved = plan(_final_state(approvals=(Approval(pending.approval_key, True),)))  # type: ignore[arg-type]
    assert not only_message(approved).requires_approval
    rejected = plan(
        _final_state(approvals=(Approval(pending.approval_key, False, decided_by="Ann", note="talk first"),))  # type: ignore[arg-type]
    )
    assert rejected.messages == ()
    assert rejected.held[0].reason == "approval" and "talk first" in rejected.held[0].detail


def test_an_approval_survives_to_the_next_day_but_not_a_letter_that_grew() -> None:
    pending = only_message(plan(_final_state()))  # type: ignore[arg-type]
    tomorrow = TODAY + timedelta(days=1)
    state = book(
        [invoice("FV/1", 41, today=tomorrow), invoice("FV/2", 9, today=tomorrow)],
        sent=(sent("firm", 15, "FV/1", deadline=TODAY - timedelta(days=2)),),
        approvals=(Approval(pending.approval_key, True, invoice_numbers=("FV/1",)),),
        newest_statement_on=TODAY,
    )
    message = only_message(plan(state, now=at(tomorrow)))
    assert message.approval_key == pending.approval_key
    assert message.requires_approval  # FV/2 joined after the approval: ask again


# --------------------------------------------------------------------------- promises


def test_a_promise_waits_until_the_promised_date_plus_grace() -> None:
    promise = Promise("C1", promised_on=TODAY + timedelta(days=3), made_on=TODAY - timedelta(days=1))
    result = plan(book([invoice("FV/1", 30)], promises=(promise,)))
    assert result.messages == ()
    held = result.held[0]
    # Thursday 26 Nov + 2 days of grace = Saturday 28; the first send day after it is Monday 30.
    assert held.reason == "promise" and held.until_on == date(2026, 11, 30)


def test_a_broken_promise_resumes_the_ladder_with_a_polite_letter() -> None:
    day = date(2026, 11, 30)
    promise = Promise("C1", promised_on=date(2026, 11, 26), made_on=TODAY - timedelta(days=1))
    state = book(
        [invoice("FV/1", 38, today=day)],
        sent=(sent("reminder", 8, "FV/1", today=day),),
        promises=(promise,),
        newest_statement_on=day,
    )
    friday = date(2026, 11, 27)
    assert plan(state, now=at(friday)).messages == ()  # still in grace
    message = only_message(plan(state, now=at(day)))
    assert message.is_broken_promise and message.template == "broken_promise"
    assert message.stage == "reminder"  # the ladder resumes where it was, no jump
    assert message.promise == promise
    assert "promise to pay by 2026-11-26 was broken" in message.reason


def test_a_broken_promise_letter_goes_out_once() -> None:
    day = date(2026, 12, 2)
    promise = Promise("C1", promised_on=date(2026, 11, 26), made_on=TODAY, state="broken")
    state = book(
        [invoice("FV/1", 39, today=day)],
        sent=(sent("reminder", 1, "FV/1", today=day, is_broken_promise=True),),
        promises=(promise,),
        newest_statement_on=day,
    )
    assert plan(state, now=at(day)).messages == ()


def test_a_kept_promise_closes_without_a_letter() -> None:
    promise = Promise("C1", promised_on=TODAY - timedelta(days=5), made_on=TODAY - timedelta(days=9))
    state = book([invoice("FV/1", 30, paid="100.00")], promises=(promise,))
    assert plan(state).messages == ()
    (outcome,) = evaluate_promises(state.promises, state.invoices, NOW, RULES)
    assert outcome.state == "kept"


def test_a_partial_payment_keeps_the_promise_for_the_paid_part_only() -> None:
    promise = Promise(
        "C1",
        promised_on=TODAY - timedelta(days=5),
        made_on=TODAY - timedelta(days=9),
        invoice_numbers=("FV/1", "FV/2"),
    )
    invoices = [invoice("FV/1", 30, paid="100.00"), invoice("FV/2", 30)]
    (outcome,) = evaluate_promises((promise,), invoices, NOW, RULES)
    assert outcome.state == "broken"
    assert outcome.paid_invoice_numbers == ("FV/1",) and outcome.unpaid_invoice_numbers == ("FV/2",)
    message = only_message(plan(book(invoices, promises=(promise,))))
    assert message.is_broken_promise and message.invoice_numbers == ("FV/2",)


def test_a_promise_without_invoice_numbers_covers_what_was_issued_before_it() -> None:
    made_on = TODAY - timedelta(days=22)
    promise = Promise("C1", promised_on=TODAY + timedelta(days=5), made_on=made_on)
    # Invoices are issued 14 days before due: FV/1 on made_on - 22 days, FV/3 one day after the promise.
    invoices = [invoice("FV/1", 30), invoice("FV/3", 7)]
    result = plan(book(invoices, promises=(promise,)))
    assert [h.invoice_numbers for h in result.held if h.reason == "promise"] == [("FV/1",)]
    assert only_message(result).invoice_numbers == ("FV/3",)


@pytest.mark.parametrize(
    ("promised_in", "history_broken", "action"),
    [
        (5, 0, "grant"),
        (None, 0, "grant"),
        (45, 0, "payment_plan"),
        (5, 2, "human"),
        (-1, 0, "human"),
    ],
)
def test_promise_decision(promised_in: int | None, history_broken: int, action: str) -> None:
    promised_on = None if promised_in is None else TODAY + timedelta(days=promised_in)
    history = [Promise("C1", TODAY, TODAY, state="broken")] * history_broken
    decision = promise_decision(promised_on, TODAY, history, RULES)
    assert decision.action == action
    if promised_in is None:
        assert decision.promised_on == TODAY + timedelta(days=RULES.guards.default_promise_days)
    if action == "grant":
        assert decision.resume_on is not None and decision.resume_on > decision.promised_on


def test_after_max_broken_promises_no_promise_is_granted_automatically() -> None:
    one = [Promise("C1", TODAY, TODAY, state="broken")]
    assert may_grant_promise(one, RULES)
    assert not may_grant_promise(one * 2, RULES)


# --------------------------------------------------------------------------- segments and overrides


def test_a_segment_picks_the_ladder_and_the_first_match_wins() -> None:
    rules = dataclasses.replace(
        RULES,
        segments=(
            Segment("loyal", "gentle", tags=("loyal",)),
            Segment("big", "standard", min_open_amount=Decimal("50")),
        ),
    )
    loyal = customer("C1", tags=("loyal",))
    assert plan(book([invoice("FV/1", 8)], [loyal]), rules).messages == ()  # gentle reminds at 10
    assert only_message(plan(book([invoice("FV/1", 10)], [loyal]), rules)).ladder == "gentle"
    assert only_message(plan(book([invoice("FV/1", 8)]), rules)).ladder == "standard"


@pytest.mark.parametrize(
    ("segment", "matches"),
    [
        (Segment("s", "gentle", customer_ids=("C1",)), True),
        (Segment("s", "gentle", customer_ids=("C2",)), False),
        (Segment("s", "gentle", languages=("pl",)), True),
        (Segment("s", "gentle", languages=("de",)), False),
        (Segment("s", "gentle", min_open_amount=Decimal("1000")), False),
        (Segment("s", "gentle", max_open_amount=Decimal("1000")), True),
        (Segment("s", "gentle", min_days_overdue=20), False),
        (Segment("s", "gentle", min_days_overdue=10), True),
    ],
)
def test_segment_selectors(segment: Segment, matches: bool) -> None:
    rules = dataclasses.replace(RULES, segments=(segment,))
    message = only_message(plan(book([invoice("FV/1", 12, "500.00")]), rules))
    assert (message.ladder == "gentle") is matches


def test_a_customer_override_beats_segments_and_sets_language_and_contacts() -> None:
    rules = dataclasses.replace(
        RULES,
        segments=(Segment("all", "standard"),),
        overrides=(CustomerOverride("C1", ladder="gentle", language="en", contacts=("cfo@c1.example",)),),
    )
    message = only_message(plan(book([invoice("FV/1", 12)], [customer("C1", language="pl")]), rules))
    assert (message.ladder, message.language, message.to) == ("gentle", "en", ("cfo@c1.example",))


def test_the_language_falls_back_from_customer_to_company_default() -> None:
    assert only_message(plan(book([invoice("FV/1", 8)], [customer("C1", language="de")]))).language == "de"
    assert only_message(plan(book([invoice("FV/1", 8)]))).language == "pl"


def test_guards_refuse_a_window_that_ends_before_it_starts_and_unknown_holidays() -> None:
    from datetime import time

    with pytest.raises(ValueError, match="not after"):
        Guards(send_window_start=time(17, 0), send_window_end=time(8, 0))
    with pytest.raises(ValueError, match="XX"):
        Guards(holiday_country="XX")


def test_a_promise_of_an_amount_is_kept_once_that_amount_is_paid() -> None:
    promise = Promise(
        "C1",
        promised_on=TODAY - timedelta(days=5),
        made_on=TODAY - timedelta(days=9),
        currency="PLN",
        amount=Decimal("100.00"),
        invoice_numbers=("FV/1", "FV/2"),
        open_when_made=Decimal("300.00"),
    )
    paid_enough = [invoice("FV/1", 30, "100.00", paid="100.00"), invoice("FV/2", 30, "200.00")]
    (outcome,) = evaluate_promises((promise,), paid_enough, NOW, RULES)
    assert outcome.state == "kept"
    message = only_message(plan(book(paid_enough, promises=(promise,))))
    assert not message.is_broken_promise  # the rest follows the ladder as usual
    paid_less = [invoice("FV/1", 30, "100.00", paid="60.00"), invoice("FV/2", 30, "200.00")]
    (outcome,) = evaluate_promises((promise,), paid_less, NOW, RULES)
    assert outcome.state == "broken"


def test_a_broken_promise_letter_waits_for_fresh_statements() -> None:
    promise = Promise("C1", promised_on=TODAY - timedelta(days=6), made_on=TODAY - timedelta(days=9))
    state = book([invoice("FV/1", -1)], promises=(promise,), newest_statement_on=TODAY - timedelta(days=9))
    result = plan(state)
    assert result.messages == ()
    assert [h.reason for h in result.held] == ["stale_statements"]


def test_after_the_final_stage_even_a_broken_promise_goes_to_a_person() -> None:
    promise = Promise("C1", promised_on=TODAY - timedelta(days=6), made_on=TODAY - timedelta(days=9))
    state = book([invoice("FV/1", 60)], sent=(sent("final_demand", 10, "FV/1"),), promises=(promise,))
    result = plan(state)
    assert result.messages == ()
    assert [h.reason for h in result.held] == ["ladder_complete"]


def test_explain_customer_says_when_the_next_stage_is_due() -> None:
    from rules.escalation import explain_customer

    state = book([invoice("FV/1", 12)], sent=(sent("reminder", 5, "FV/1"),))
    lines = explain_customer(state, RULES, NOW, "C1")
    assert lines == (
        "C1: next stage 'firm' is due when the oldest invoice is 21 days overdue, on 2026-12-02",
    )
    held = explain_customer(book([invoice("FV/1", 30)], pauses=(Pause("C1", "dispute"),)), RULES, NOW, "C1")
    assert held[0].startswith("C1: held (dispute): FV/1: disputed")
    sendable = explain_customer(book([invoice("FV/1", 30)]), RULES, NOW, "C1")
    assert sendable[0].startswith("C1: letter 'reminder' to ap@c1.example: FV/1 is 30 days overdue")


def test_the_planner_follows_the_window_across_the_spring_clock_change() -> None:
    friday, monday = date(2026, 3, 27), date(2026, 3, 30)
    # 06:30 UTC is 07:30 in Warsaw on Friday (CET) but 08:30 on Monday (CEST).
    for day, expected in ((friday, 0), (monday, 1)):
        state = book([invoice("FV/1", 30, today=day)], newest_statement_on=day)
        now = datetime(day.year, day.month, day.day, 6, 30, tzinfo=UTC)
        assert len(plan(state, now=now).messages) == expected, day


def test_a_new_debt_after_a_settled_one_is_a_new_step_with_a_new_approval_key() -> None:
    earlier = only_message(plan(book([invoice("FV/1", 8)])))
    # FV/1 was reminded and paid; FV/7 starts the ladder again and must not reuse the old id.
    later = only_message(plan(book([invoice("FV/7", 8)], sent=(sent("reminder", 40, "FV/1"),))))
    assert earlier.stage == later.stage == "reminder"
    assert earlier.approval_key != later.approval_key
    # The same step on another day keeps its key.
    tomorrow = TODAY + timedelta(days=1)
    again = only_message(
        plan(book([invoice("FV/1", 9, today=tomorrow)], newest_statement_on=TODAY), now=at(tomorrow))
    )
    assert again.approval_key == earlier.approval_key and again.key != earlier.key


def test_a_newer_invoice_is_not_escalated_on_the_history_of_a_disputed_one() -> None:
    history = (sent("firm", 12, "FV/1", deadline=TODAY - timedelta(days=2)),)
    disputed = (Pause("C1", "dispute", ("FV/1",)),)
    state = book([invoice("FV/1", 40), invoice("FV/2", 9)], sent=history, pauses=disputed)
    message = only_message(plan(state))
    # Not the announced final demand: FV/2 was never reminded, so it starts at the top.
    assert (message.stage, message.invoice_numbers, message.previous_stage) == ("reminder", ("FV/2",), None)


def test_once_the_dispute_is_released_the_most_advanced_invoice_sets_the_stage() -> None:
    # While FV/1 was disputed FV/2 got its own reminder; released, FV/1's announced final demand is due.
    history = (sent("firm", 12, "FV/1", deadline=TODAY - timedelta(days=2)), sent("reminder", 3, "FV/2"))
    message = only_message(plan(book([invoice("FV/1", 40), invoice("FV/2", 12)], sent=history)))
    assert (message.stage, message.invoice_numbers) == ("final_demand", ("FV/1", "FV/2"))
    assert message.previous_stage == "reminder"  # the newest letter about these invoices
