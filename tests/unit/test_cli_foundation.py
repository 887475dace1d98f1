"""tactful init / check / --help / --version, and the config problems check reports."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import service


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(service.cli, list(args), env=env, catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def setup(tmp_path: Path) -> Path:
    code, output = invoke(
        "init",
        str(tmp_path / "books"),
        "--company",
        "Acme Sp. z o.o.",
        "--email",
        "naleznosci@acme.pl",
        "--language",
        "pl",
        "--timezone",
        "Europe/Warsaw",
        "--country",
        "PL",
    )
    assert code == 0, output
    return tmp_path / "books"


def test_init_then_check_succeeds_and_summarises_the_setup(setup: Path) -> None:
    code, output = invoke("--config", str(setup / "tactful.toml"), "check")
    assert code == 0, output
    assert "Company: Acme Sp. z o.o. <naleznosci@acme.pl>, language pl" in output
    assert "courtesy         3 days before due" in output
    assert "final_demand     35 days overdue (needs approval, final)" in output
    assert "dunning on business days at 09:30" in output
    assert f"Mail goes out: Maildir {setup / 'outbox'} (nothing leaves this machine)" in output
    assert f"Database: sqlite:///{setup / 'tactful.db'}" in output
    assert output.rstrip().endswith("OK")


def test_init_never_overwrites(setup: Path) -> None:
    before = (setup / "tactful.toml").read_text()
    code, output = invoke("init", str(setup))
    assert code == 1
    assert "init never overwrites" in output
    assert (setup / "tactful.toml").read_text() == before


def test_the_config_path_comes_from_the_environment(setup: Path) -> None:
    code, output = invoke("check", env={"TACTFUL_CONFIG": str(setup / "tactful.toml")})
    assert code == 0, output


def test_a_missing_config_file_says_how_to_make_one(tmp_path: Path) -> None:
    code, output = invoke("--config", str(tmp_path / "nope.toml"), "check")
    assert code == 1
    assert "configuration file not found; create it with `tactful init" in output


def test_check_lists_every_problem_across_config_rules_and_secrets(setup: Path) -> None:
    config = setup / "tactful.toml"
    config.write_text(
        config.read_text()
        + '\n[smtp]\nhost = "smtp.acme.pl"\nusername = "ar"\npassword_file = "smtp.secret"\n',
        encoding="utf-8",
    )
    (setup / "smtp.secret").write_text("hunter2\n")
    os.chmod(setup / "smtp.secret", 0o644)
    rules = setup / "rules.toml"
    rules.write_text(
        rules.read_text().replace("max_messages_per_week", "max_mesages_per_week"), encoding="utf-8"
    )
    code, output = invoke("--config", str(config), "check")
    assert code == 1
    assert (
        "guards.max_mesages_per_week: unknown key 'max_mesages_per_week'; did you mean 'max_messages_per_week'?"
        in output
    )
    assert "is readable by others (mode 644); run: chmod 600" in output
    assert "hunter2" not in output
    assert "2 problem(s) in the configuration" in output


def test_a_missing_environment_secret_is_named(setup: Path) -> None:
    config = setup / "tactful.toml"
    config.write_text(
        config.read_text()
        + '\n[smtp]\nhost = "smtp.acme.pl"\nusername = "ar"\npassword_env = "TACTFUL_TEST_NOPE"\n',
        encoding="utf-8",
    )
    code, output = invoke("--config", str(config), "check", env={"TACTFUL_TEST_NOPE": None})  # type: ignore[dict-item]
    assert code == 1
    assert "environment variable TACTFUL_TEST_NOPE is not set" in output


def test_a_missing_rules_file_is_reported(setup: Path) -> None:
    (setup / "rules.toml").unlink()
    code, output = invoke("--config", str(setup / "tactful.toml"), "check")
    assert code == 1
    assert "rules.toml: rules file not found" in output


def test_a_template_with_a_misspelt_variable_is_found_before_any_send(setup: Path) -> None:
    letter = setup / "templates" / "en" / "reminder-body.txt"
    letter.write_text(letter.read_text() + "\n{{ customer.nmae }}\n", encoding="utf-8")
    config = setup / "tactful.toml"
    config.write_text(config.read_text().replace('language = "pl"', 'language = "en"'), encoding="utf-8")
    code, output = invoke("--config", str(config), "check")
    assert code == 1
    assert "reminder-body.txt" in output and "nmae" in output


def test_a_rules_conflict_with_the_company_timezone_is_reported(setup: Path) -> None:
    rules = setup / "rules.toml"
    rules.write_text(
        rules.read_text().replace("[guards]", '[guards]\ntimezone = "Europe/Berlin"'), encoding="utf-8"
    )
    code, output = invoke("--config", str(setup / "tactful.toml"), "check")
    assert code == 1
    assert "guards.timezone = 'Europe/Berlin' differs from [company] timezone = 'Europe/Warsaw'" in output


def test_bad_reply_examples_and_phrases_are_reported_by_check(setup: Path) -> None:
    rules = setup / "rules.toml"
    rules.write_text(
        rules.read_text()
        + '\n[replies]\nsecond_opinion = 0.2\n\n[replies.examples.pl]\nother = ["zapłacę {kiedy}"]\n'
        + '\n[replies.phrases.pl]\npromise_to_pay = ["re:(unclosed"]\n',
        encoding="utf-8",
    )
    code, output = invoke("--config", str(setup / "tactful.toml"), "check")
    assert code == 1
    assert "replies.second_opinion" in output and "between 0.5 and 1.0" in output
    rules.write_text(
        rules.read_text().replace("second_opinion = 0.2", "second_opinion = 0.95"), encoding="utf-8"
    )
    code, output = invoke("--config", str(setup / "tactful.toml"), "check")
    assert code == 1
    assert "replies.examples.pl.other[0]" in output and "{kiedy}" in output
    assert "replies.phrases.pl.promise_to_pay[0]" in output


def test_version_and_help() -> None:
    code, output = invoke("--version")
    assert code == 0 and output.strip() == f"tactful, version {service.__version__}"
    code, output = invoke("--help")
    assert code == 0
    for command in (
        "init",
        "check",
        "run",
        "plan",
        "import",
        "match",
        "read-statement",
        "classify-reply",
        "digest",
    ):
        assert f"  {command} " in output
