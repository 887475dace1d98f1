"""Payment reviews in the digest speak the digest's language; the stored text stays English."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import sqlalchemy as sa
import tomli_w

import service
from ledger.explain import render_explanations
from store.schema import review_items
from tests.integration.test_cli_daemon import tactful, write_unmatched_payment
from tests.integration.test_daemon import EXAMPLES

AT = "2026-10-07T07:30"


@pytest.fixture
def books(tmp_path: Path) -> Path:
    """The Polish example company with its invoices and a payment of K005 that fits no invoice."""
    config = service.demo_workspace(tmp_path / "books", EXAMPLES)
    assert tactful(config, "import", "invoices", str(EXAMPLES / "invoices.csv"))[0] == 0
    customer = service.open_app(service.load_config(config)).store.customer("K005")
    assert customer is not None and customer.ibans
    odd = write_unmatched_payment(config, "odd.sta", "ODD0001", customer.name, customer.ibans[0])
    code, output = tactful(config, "import", "statement", str(odd))
    assert code == 0 and "1 payment(s) to review" in output, output
    return config


def review_summary(app: service.App) -> str:
    facts = service.digest_facts(app, service.parse_at(AT, "Europe/Warsaw"))
    (summary,) = [i.summary for i in facts.needs_you if i.kind == "payment_review" and i.ref == "ODD0001"]
    return summary


def test_a_polish_companys_digest_shows_the_review_reason_in_polish(books: Path) -> None:
    app = service.open_app(service.load_config(books))
    assert app.settings.digest_language == "pl"
    (item,) = app.store.reviews(open_only=True)
    assert item.explanation is not None

    summary = review_summary(app)

    # The stored suggestion is the English text, as before; the digest renders the explanations.
    assert item.suggestion.startswith("maybe ") and item.suggestion.endswith("; review")
    assert item.suggestion == render_explanations(item.explanation, "en")
    assert summary == f"Mazur Transport: {render_explanations(item.explanation, 'pl')}"
    assert summary.startswith("Mazur Transport: może ")
    assert "brak numeru faktury" in summary and summary.endswith("; do sprawdzenia")
    assert "maybe" not in summary and "review" not in summary
    _, message = service.render_digest_message(app, service.parse_at(AT, "Europe/Warsaw"))
    body = message.get_body(("plain",)).get_content()
    assert "brak numeru faktury" in body and "no reference" not in body


def test_a_german_digest_language_shows_it_in_german(books: Path) -> None:
    settings = tomllib.loads(books.read_text(encoding="utf-8"))
    settings.setdefault("digest", {})["language"] = "de"
    books.write_text(tomli_w.dumps(settings), encoding="utf-8")
    app = service.open_app(service.load_config(books))
    assert app.settings.digest_language == "de"

    summary = review_summary(app)

    assert summary.startswith("Mazur Transport: vielleicht ") and summary.endswith("; bitte prüfen")


def test_a_review_stored_before_explanations_existed_shows_its_english_text(books: Path) -> None:
    app = service.open_app(service.load_config(books))
    with app.store.engine.begin() as conn:
        conn.execute(sa.update(review_items).values(explanation=None))
    (item,) = app.store.reviews(open_only=True)
    assert item.explanation is None

    assert review_summary(app) == f"Mazur Transport: {item.suggestion}"


def test_an_explanation_this_version_cannot_render_falls_back_to_the_stored_text(books: Path) -> None:
    app = service.open_app(service.load_config(books))
    with app.store.engine.begin() as conn:
        conn.execute(sa.update(review_items).values(explanation=[{"code": "from_the_future", "params": {}}]))
    (item,) = app.store.reviews(open_only=True)

    assert review_summary(app) == f"Mazur Transport: {item.suggestion}"
