"""Rendering the digest in pl/en/de: no missing variable, the key figures in both parts, the quiet day."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from mailer import TemplateError
from mailer.digest import (
    digest_context,
    digest_language,
    render_digest,
    render_digest_html,
    render_digest_subject,
    render_digest_text,
)
from mailer.render import TemplateSet, load_templates
from rules.digest import (
    NEEDS_YOU_ORDER,
    PROMISE_ORDER,
    STAGE_ORDER,
    Digest,
    DigestFacts,
    NeedsYouItem,
    PromiseItem,
    build_digest,
    sample_facts,
)

LANGUAGES = ("pl", "en", "de")
DAY = date(2026, 11, 23)
SENT_AT = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def templates() -> TemplateSet:
    return load_templates()


def money(templates: TemplateSet, amount: Decimal, currency: str, language: str) -> str:
    """An amount as the templates' own ``money`` filter writes it in text (plain spaces)."""
    return templates.environment.from_string("{{ a|money(c) }}").render(
        a=amount, c=currency, language=language
    )


def labels(templates: TemplateSet, digest: Digest) -> Any:
    """The language's wording module (``W``, ``kinds``, ...), as the templates see it."""
    ctx = digest_context(templates, digest)
    return templates.environment.get_template(f"{ctx['language']}/_digest_labels.txt").make_module(ctx)


def visible_text(html_part: str) -> str:
    """The HTML's text as a reader sees it: tags, the hidden preheader and no-break spaces gone."""
    body = re.sub(r'<div style="display:none.*?</div>', " ", html_part, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def squash(text: str) -> str:
    return " ".join(text.split())


def key_figures(templates: TemplateSet, digest: Digest) -> list[str]:
    figures = []
    for book in digest.books:
        figures += [money(templates, book.open, book.currency, digest.language)]
        figures += [money(templates, book.overdue, book.currency, digest.language)]
    figures += [money(templates, m.amount, m.currency, digest.language) for m in digest.matched]
    figures += [squash(c.customer_name) for c in digest.top_overdue]
    for needs in digest.needs_you:
        figures.append(squash(needs.summary))
        if needs.amount is not None:
            figures.append(money(templates, needs.amount, needs.currency, digest.language))
        if needs.quote:
            figures.append(squash(needs.quote))
    return figures


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_key_figures_appear_in_both_the_text_and_the_html_part(
    templates: TemplateSet, language: str
) -> None:
    digest = build_digest(sample_facts(language, DAY))

    text = squash(render_digest_text(templates, digest))
    shown = visible_text(render_digest_html(templates, digest))

    for figure in key_figures(templates, digest):
        assert figure in text, f"{figure!r} missing from the {language} text part"
        assert figure in shown, f"{figure!r} missing from the {language} HTML part"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_subject_counts_what_needs_you_and_names_the_money_matched(
    templates: TemplateSet, language: str
) -> None:
    digest = build_digest(sample_facts(language, DAY))

    subject = render_digest_subject(templates, digest)

    assert "\n" not in subject
    assert str(digest.needs_you_count) in subject
    for matched in digest.matched:
        assert money(templates, matched.amount, matched.currency, language) in subject.replace("\u00a0", " ")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_quiet_day_says_so_in_one_line_at_the_top(templates: TemplateSet, language: str) -> None:
    digest = build_digest(DigestFacts(day=DAY, company_name="Biuro & Co", language=language))
    words = labels(templates, digest)

    text = render_digest_text(templates, digest)
    page = render_digest_html(templates, digest)
    subject = render_digest_subject(templates, digest)

    assert words.W["quiet"] in text.split("\n\n")[1]
    assert words.W["quiet"] in visible_text(page)
    assert words.W["needs_you"].upper() not in text and words.W["needs_you"] not in visible_text(page)
    assert "0" not in subject.split(":", 1)[1]  # no "0 need you today"
    assert "Biuro &amp; Co" in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_kind_state_stage_and_intent_renders_with_its_own_words(
    templates: TemplateSet, language: str
) -> None:
    items = [
        NeedsYouItem(kind, f"C{n}", f"Customer {n}", Decimal(n), "EUR", f"summary {kind}", quote=f"quote {n}")
        for n, kind in enumerate(NEEDS_YOU_ORDER)
    ]
    promises = [PromiseItem("C1", "Promiser", DAY, Decimal("5"), "EUR", state) for state in PROMISE_ORDER]
    digest = build_digest(
        DigestFacts(
            day=DAY,
            company_name="Firma",
            language=language,
            needs_you=items,
            promises=promises,
            reminders_sent=dict.fromkeys((*STAGE_ORDER, "my_own_stage"), 1),
            replies_by_intent={"promise_to_pay": 2, "dispute": 1, "something_new": 1},
        )
    )
    words = labels(templates, digest)

    text = render_digest_text(templates, digest)
    shown = visible_text(render_digest_html(templates, digest))

    expected = [words.kinds[k] for k in NEEDS_YOU_ORDER] + [words.states[s] for s in PROMISE_ORDER]
    expected += [words.stages[s] for s in STAGE_ORDER] + ["my own stage", "something new"]
    for phrase in expected:
        assert phrase in text and html.unescape(phrase) in shown, phrase


def test_polish_counts_take_the_right_plural_form(templates: TemplateSet) -> None:
    def subject_for(n: int) -> str:
        items = [NeedsYouItem("bounce", f"C{i}", f"C{i}", None, "", "x") for i in range(n)]
        return render_digest_subject(
            templates, build_digest(DigestFacts(DAY, "Biuro", "pl", needs_you=items))
        )

    forms = {1: "1 sprawa", 2: "2 sprawy", 4: "4 sprawy", 5: "5 spraw", 12: "12 spraw", 22: "22 sprawy"}
    for n, phrase in forms.items():
        assert f"{phrase} do załatwienia" in subject_for(n)


def test_the_text_part_has_no_no_break_spaces_and_the_html_keeps_them(templates: TemplateSet) -> None:
    digest = build_digest(sample_facts("pl", DAY))

    assert "\u00a0" not in render_digest_text(templates, digest)
    assert "\u00a0" in render_digest_html(templates, digest)


def test_customer_names_are_escaped_in_html(templates: TemplateSet) -> None:
    digest = build_digest(sample_facts("en", DAY))  # a name contains "& ... <Oddział Pomorski>"

    page = render_digest_html(templates, digest)

    assert "<Oddział" not in page
    assert "&lt;Oddział Pomorski&gt;" in page


def test_render_digest_builds_a_multipart_message_with_both_parts(templates: TemplateSet) -> None:
    digest = build_digest(sample_facts("de", DAY))

    message = render_digest(
        templates,
        digest,
        from_addr="tactful <tactful@beispiel.de>",
        to=["anna@beispiel.de", "jonas@beispiel.de"],
        message_id="<digest-2026-11-23@beispiel.de>",
        date_at=SENT_AT,
    )
    parsed = message_from_bytes(message.as_bytes(), policy=policy.default)

    assert isinstance(parsed, EmailMessage)
    assert parsed.get_content_type() == "multipart/alternative"
    assert parsed["Subject"] == render_digest_subject(templates, digest)
    assert parsed["To"] == "anna@beispiel.de, jonas@beispiel.de"
    assert parsed["Message-ID"] == "<digest-2026-11-23@beispiel.de>"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert parsed["Content-Language"] == "de"
    text = parsed.get_body(("plain",))
    page = parsed.get_body(("html",))
    assert text is not None and page is not None
    # The message is built for SMTP (policy.SMTP): its lines end in CRLF.
    assert text.get_content().replace("\r\n", "\n") == render_digest_text(templates, digest)
    assert page.get_content().replace("\r\n", "\n") == render_digest_html(templates, digest)


def test_render_digest_refuses_a_naive_date(templates: TemplateSet) -> None:
    digest = build_digest(sample_facts("en", DAY))
    with pytest.raises(ValueError, match="aware"):
        render_digest(
            templates,
            digest,
            from_addr="a@b.c",
            to="d@e.f",
            message_id="<x@b.c>",
            date_at=datetime(2026, 1, 1),
        )


def test_a_language_without_digest_templates_falls_back_to_the_default(templates: TemplateSet) -> None:
    digest = build_digest(sample_facts("en", DAY))
    french = Digest(**{**{f: getattr(digest, f) for f in Digest.__slots__}, "language": "fr"})  # type: ignore[arg-type]

    assert digest_language(templates, "fr") == templates.default_language
    assert render_digest_text(templates, french) == render_digest_text(templates, digest)


def test_a_user_template_with_a_missing_variable_names_the_file(
    templates: TemplateSet, tmp_path: Any
) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "digest-subject.txt").write_text("Digest for {{ digest.no_such_field }}\n")
    user = load_templates(tmp_path)

    with pytest.raises(TemplateError, match=r"digest-subject\.txt"):
        render_digest_subject(user, build_digest(sample_facts("en", DAY)))


GOLDEN = Path(__file__).resolve().parents[1] / "data" / "digest"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sample_digest_reads_as_its_golden_file(
    templates: TemplateSet, language: str, update_golden: bool
) -> None:
    digest = build_digest(sample_facts(language, DAY))
    got = f"Subject: {render_digest_subject(templates, digest)}\n\n{render_digest_text(templates, digest)}"
    golden = GOLDEN / f"sample-{language}.txt"

    if update_golden or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(got, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{golden.name} did not exist and was written; read it and run again")
    assert got == golden.read_text(encoding="utf-8"), (
        f"run with --update-golden and read the diff of {golden}"
    )
