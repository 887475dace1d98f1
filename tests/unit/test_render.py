"""Reminder templates: every default renders, amounts and dates are local, errors name file and line."""

from __future__ import annotations

import logging
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailer import TemplateError
from mailer.render import (
    DEFAULT_STAGES,
    check_templates,
    load_templates,
    normalize_language,
    render_reminder,
    sample_context,
)

LANGUAGES = ("pl", "en", "de")
DEFAULTS = load_templates(None, default_language="en")
NBSP = ("\u00a0", "\u202f")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def money_context(language: str, amount: str, currency: str) -> dict:
    ctx = sample_context("reminder", language)
    ctx["invoices"] = [dict(ctx["invoices"][0], open_amount=Decimal(amount), currency=currency)]
    ctx["totals"] = [{"amount": Decimal(amount), "currency": currency}]
    return ctx


def test_the_default_templates_have_no_problems_for_the_default_stages() -> None:
    assert check_templates(DEFAULTS, DEFAULT_STAGES, LANGUAGES) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("stage", DEFAULT_STAGES)
@pytest.mark.parametrize("is_minimal", [False, True])
def test_every_letter_lists_each_invoice_the_totals_the_account_and_the_contact(
    stage: str, language: str, is_minimal: bool
) -> None:
    ctx = sample_context(stage, language, minimal=is_minimal)
    rendered = render_reminder(DEFAULTS, stage, language, ctx)

    assert rendered.language == language
    assert rendered.subject and "\n" not in rendered.subject
    assert rendered.html is not None
    plain_html = re.sub(r"<[^>]+>", " ", rendered.html).replace("&amp;", "&")
    for part in (rendered.text, plain_html):
        for inv in ctx["invoices"]:
            assert inv["number"] in part
        assert ctx["company"]["bank_account"] in part
        assert ctx["transfer_title"] in part
        assert ctx["company"]["contact_name"] in part
        assert ctx["company"]["email"] in part
    # Empty optional company fields leave no holes behind.
    for part in (rendered.text, re.sub(r"<[^>]+>", "", rendered.html)):
        hole = re.search(r".{0,30}( ,|,\s*,|:\s*,|\(\s*\)|None).{0,30}", part)
        assert hole is None, hole.group()
    totals = [re.sub(r"\s", " ", t) for t in _formatted_totals(ctx)]
    for total in totals:
        assert total in rendered.text
        assert total in re.sub(r"[\u00a0\u202f]", " ", plain_html)


def _formatted_totals(ctx: dict) -> list[str]:
    probe = load_templates(None)
    out = []
    for t in ctx["totals"]:
        env = probe.environment
        tmpl = env.from_string("{{ a|money(c) }}")
        out.append(tmpl.render(language=ctx["language"], a=t["amount"], c=t["currency"]))
    return out


@pytest.mark.parametrize(
    ("language", "amount", "currency", "expected"),
    [
        ("pl", "12345.67", "PLN", "12 345,67 zł"),
        ("en", "1204.50", "GBP", "£1,204.50"),
        ("de", "1204.50", "EUR", "1.204,50 €"),
        ("en", "1204.50", "PLN", "PLN 1,204.50"),
    ],
)
def test_money_is_written_the_local_way_with_plain_spaces_in_the_text_part(
    language: str, amount: str, currency: str, expected: str
) -> None:
    rendered = render_reminder(DEFAULTS, "reminder", language, money_context(language, amount, currency))

    assert expected in rendered.text
    assert not any(ch in rendered.text for ch in NBSP)
    # The HTML keeps the no-break spaces so an amount never wraps before its currency.
    assert expected.replace(" ", "\u00a0") in rendered.html or expected in rendered.html


def test_dates_are_local_and_the_final_demand_states_deadline_and_consequence() -> None:
    expected = {
        "pl": ("15 grudnia 2026 r.", "przekażemy sprawę firmie windykacyjnej", "21.10.2026"),
        "en": ("15 December 2026", "we will pass the debt to a collection agency", "21 Oct 2026"),
        "de": (
            "15. Dezember 2026",
            "werden wir die Forderung an ein Inkassounternehmen übergeben",
            "21.10.2026",
        ),
    }
    for language, phrases in expected.items():
        ctx = sample_context("final_demand", language)
        rendered = render_reminder(DEFAULTS, "final_demand", language, ctx)
        for phrase in phrases:
            assert phrase in rendered.text, (language, phrase)
            assert phrase in rendered.html, (language, phrase)
        assert "collection_agency" not in rendered.text


def test_a_free_text_action_is_used_as_written() -> None:
    ctx = sample_context("final_demand", "en")
    ctx["announces"] = {"action": "stop the maintenance contract", "deadline_on": date(2027, 1, 4)}

    rendered = render_reminder(DEFAULTS, "final_demand", "en", ctx)

    assert "by 4 January 2027" in rendered.text
    assert "we will stop the maintenance contract." in rendered.text


def test_the_broken_promise_letter_refers_to_the_promise() -> None:
    ctx = sample_context("broken_promise", "pl")
    rendered = render_reminder(DEFAULTS, "broken_promise", "pl", ctx)

    assert "kwota 5 000,00 zł zostanie wpłacona do 20 listopada 2026 r." in rendered.text
    assert "20.11.2026" in rendered.subject


def test_the_courtesy_note_does_not_call_anything_overdue() -> None:
    for language, word in (("pl", "po terminie"), ("en", "overdue"), ("de", "überfällig")):
        rendered = render_reminder(DEFAULTS, "courtesy", language, sample_context("courtesy", language))
        assert word not in rendered.text.lower()


def test_a_customer_name_is_escaped_in_html_and_kept_in_text() -> None:
    ctx = sample_context("reminder", "en")
    ctx["customer"] = {"id": "K1", "name": '<script>alert("x")</script> & Co'}

    rendered = render_reminder(DEFAULTS, "reminder", "en", ctx)

    assert "<script>" not in rendered.html
    assert "&lt;script&gt;" in rendered.html
    assert '<script>alert("x")</script> & Co' in rendered.text


def test_the_html_is_one_narrow_table_with_inline_styles_and_no_images() -> None:
    html = render_reminder(DEFAULTS, "firm", "de", sample_context("firm", "de")).html

    assert "max-width:600px" in html and "width:100%" in html
    assert "<style" not in html and "<img" not in html and "<link" not in html


def test_a_user_template_overrides_the_default_of_the_same_name(tmp_path: Path) -> None:
    write(tmp_path, "pl/firm-subject.txt", "Pilne: {{ customer.name }}\n")
    templates = load_templates(tmp_path, default_language="pl")

    rendered = render_reminder(templates, "firm", "pl", sample_context("firm", "pl"))

    assert rendered.subject == "Pilne: Kowalski & Synowie <Handel> Sp.j."
    assert "Wezwanie" not in rendered.subject
    assert "Szanowni Państwo," in rendered.text  # the body still comes from the defaults


def test_a_misspelt_variable_names_the_file_the_line_and_the_known_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "pl/firm-body.txt", "Szanowni Państwo,\n\n{{ customer.nmae }}\n")
    templates = load_templates(tmp_path, default_language="pl")

    with pytest.raises(TemplateError) as info:
        render_reminder(templates, "firm", "pl", sample_context("firm", "pl"))

    message = str(info.value)
    assert message.startswith(f"{path} line 3: 'customer.nmae' is undefined")
    assert "customer has: id, name" in message


def test_an_error_in_a_default_partial_is_reported_under_templates(tmp_path: Path) -> None:
    ctx = sample_context("reminder", "en")
    del ctx["company"]["bank_account"]

    with pytest.raises(
        TemplateError, match=r"^templates/_invoices\.txt line \d+: 'company\.bank_account' is undefined"
    ):
        render_reminder(DEFAULTS, "reminder", "en", ctx)


def test_a_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "en/reminder-subject.txt", "Hello\n{% if %}\n")
    templates = load_templates(tmp_path)

    with pytest.raises(TemplateError, match=rf"^{re.escape(str(path))} line 2: "):
        render_reminder(templates, "reminder", "en", sample_context("reminder", "en"))


def test_a_float_amount_is_refused() -> None:
    ctx = money_context("en", "10", "GBP")
    ctx["invoices"][0]["open_amount"] = 10.5

    with pytest.raises(TemplateError, match="money\\(\\) needs a Decimal"):
        render_reminder(DEFAULTS, "reminder", "en", ctx)


def test_the_sandbox_refuses_to_reach_python_internals(tmp_path: Path) -> None:
    write(tmp_path, "en/reminder-subject.txt", "{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    templates = load_templates(tmp_path)

    with pytest.raises(TemplateError, match="line 1"):
        render_reminder(templates, "reminder", "en", sample_context("reminder", "en"))


def test_a_language_without_templates_falls_back_to_the_default_with_a_warning(caplog) -> None:
    templates = load_templates(None, default_language="de")

    with caplog.at_level(logging.WARNING, logger="tactful.mailer"):
        rendered = render_reminder(templates, "reminder", "fr", sample_context("reminder", "fr"))

    assert rendered.language == "de"
    assert rendered.text.startswith("Sehr geehrte Damen und Herren,")
    assert "12.345,67 €" in rendered.text  # formatted for the letter's language, not the customer's
    assert "'fr'" in caplog.text and "'de'" in caplog.text


def test_regional_language_codes_use_the_base_language() -> None:
    assert normalize_language("pl-PL") == "pl"
    assert normalize_language("DE_at") == "de"
    assert normalize_language(None) == ""
    rendered = render_reminder(DEFAULTS, "reminder", "pl-PL", sample_context("reminder", "pl"))
    assert rendered.language == "pl"


def test_an_unknown_stage_is_an_error_and_check_reports_it(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="no template for stage 'legal'"):
        render_reminder(DEFAULTS, "legal", "pl", sample_context("reminder", "pl"))

    problems = check_templates(DEFAULTS, ["reminder", "legal"], ["pl"])

    assert len(problems) == 2  # in pl and in the default language en
    assert all("stage 'legal'" in p and "legal-subject.txt" in p for p in problems)


def test_check_finds_a_user_stage_only_in_one_language_as_a_fallback_not_a_problem(tmp_path: Path) -> None:
    write(tmp_path, "en/legal-subject.txt", "Legal notice\n")
    write(tmp_path, "en/legal-body.txt", "Dear {{ customer.name }},\n")
    templates = load_templates(tmp_path)

    assert check_templates(templates, ["legal"], ["pl", "en"]) == []
    assert render_reminder(templates, "legal", "pl", sample_context("legal", "pl")).html is None


def test_check_reports_a_template_that_fails_only_without_the_optional_parts(tmp_path: Path) -> None:
    write(tmp_path, "en/firm-subject.txt", "Since {{ previous.sent_on|date }}\n")
    templates = load_templates(tmp_path)

    problems = check_templates(templates, ["firm"], ["en"])

    assert len(problems) == 1
    assert "en/firm-subject.txt line 1" in problems[0] and "minimal variant" in problems[0]


def test_check_flags_external_images(tmp_path: Path) -> None:
    write(tmp_path, "en/courtesy-body.html", '<p>Hi</p><img src="https://tracker.example/p.gif">\n')
    templates = load_templates(tmp_path)

    problems = check_templates(templates, ["courtesy"], ["en"])

    assert problems == [
        f"{tmp_path.resolve()}/en/courtesy-body.html: loads an external image; mail clients block them, embed the text instead"
    ]


def test_a_missing_user_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="templates folder not found"):
        load_templates(tmp_path / "nope")


@settings(deadline=None)  # the machine is shared: timing says nothing here
@given(
    amount=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2),
    currency=st.sampled_from(["PLN", "EUR", "GBP", "USD", "CHF"]),
    language=st.sampled_from(LANGUAGES),
)
def test_money_in_text_keeps_every_digit_and_no_no_break_space(
    amount: Decimal, currency: str, language: str
) -> None:
    text = DEFAULTS.environment.from_string("{{ a|money(c) }}").render(
        language=language, a=amount, c=currency
    )

    assert not any(ch in text for ch in NBSP)
    digits = re.sub(r"\D", "", text)
    assert Decimal(digits) / 100 == amount


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_customer_without_a_name_still_gets_a_proper_letter(language: str) -> None:
    ctx = sample_context("reminder", language)
    ctx["customer"] = {"id": "K-7", "name": ""}

    rendered = render_reminder(DEFAULTS, "reminder", language, ctx)

    assert "K-7" in rendered.text
    assert not re.search(r"Dear ,|:  \(| \(\S+ K-7\)", rendered.text)
