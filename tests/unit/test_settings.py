"""tactful.toml: every class of mistake is reported with file, line, key path, value and an example."""

from __future__ import annotations

from datetime import time

import pytest

from rules.settings import load_settings
from rules.toml import Locator, RuleError

MINIMAL = """
[company]
name = "Acme Sp. z o.o."
email = "naleznosci@acme.pl"
"""


def problems_of(text: str) -> list[str]:
    with pytest.raises(RuleError) as info:
        load_settings(text, "tactful.toml")
    return [str(p) for p in info.value.problems]


def test_a_minimal_config_gets_embedded_defaults() -> None:
    settings = load_settings(MINIMAL, "tactful.toml")
    assert settings.storage.url == "sqlite:///tactful.db"
    assert settings.outbound.transport == "maildir"
    assert settings.replies.source == "maildir"
    assert settings.schedule.dunning_at == time(9, 30)
    assert settings.company.message_domain == "acme.pl"


def test_an_unknown_key_is_an_error_with_a_suggestion() -> None:
    [problem] = problems_of(MINIMAL + 'langauge = "pl"\n')
    assert problem == "tactful.toml:5: company.langauge: unknown key 'langauge'; did you mean 'language'?"


def test_an_unknown_table_is_an_error_listing_the_known_ones() -> None:
    [problem] = problems_of(MINIMAL + "[smpt]\nhost = 'x'\n")
    assert problem.startswith("tactful.toml:5: smpt: unknown key 'smpt'; did you mean 'smtp'?")


def test_a_wrong_type_names_the_value_and_gives_an_example() -> None:
    [problem] = problems_of(MINIMAL + '[smtp]\nhost = "smtp.acme.pl"\nport = "587"\n')
    assert problem == (
        "tactful.toml:7: smtp.port: expected a whole number, got '587' (a string); e.g. port = 587"
    )


def test_a_bad_time_of_day_is_reported_with_the_expected_format() -> None:
    [problem] = problems_of(MINIMAL + '[schedule]\ndigest_at = "7.30"\n')
    assert 'tactful.toml:6: schedule.digest_at: expected a local time "HH:MM"' in problem
    assert "got '7.30'" in problem


def test_a_bad_timezone_suggests_the_closest_name() -> None:
    [problem] = problems_of(MINIMAL + 'timezone = "Europe/Warsw"\n')
    assert (
        "company.timezone: 'Europe/Warsw' is not a known IANA timezone; did you mean 'Europe/Warsaw'?"
        in problem
    )


def test_every_problem_is_reported_not_just_the_first() -> None:
    text = (
        "[company]\nname = 'A'\nemail = 'not-an-address'\ncolour = 'red'\n"
        "[storage]\nurl = 'mysql://db/x'\n[schedule]\ndunning_at = '25:00'\n"
    )
    found = problems_of(text)
    assert len(found) == 4
    assert [p.split(":")[1] for p in found] == ["3", "4", "6", "8"]


def test_a_toml_syntax_error_gives_the_line() -> None:
    [problem] = problems_of('[company]\nname = "Acme\n')
    assert problem.startswith("tactful.toml:2: not valid TOML")


def test_a_missing_required_table_says_what_to_add() -> None:
    [problem] = problems_of("[storage]\nurl = 'sqlite:///x.db'\n")
    assert "company: is required" in problem and 'name = "..."' in problem


def test_passwords_never_live_in_the_file() -> None:
    [problem] = problems_of(MINIMAL + '[smtp]\nhost = "smtp.acme.pl"\npassword = "hunter2"\n')
    assert "unknown key 'password'" in problem
    assert "hunter2" not in problem


def test_a_login_without_a_password_source_is_an_error() -> None:
    [problem] = problems_of(MINIMAL + '[smtp]\nhost = "smtp.acme.pl"\nusername = "ar"\n')
    assert 'password_env = "TACTFUL_SMTP_PASSWORD"' in problem


def test_a_database_url_with_a_password_is_refused() -> None:
    [problem] = problems_of(MINIMAL + '[storage]\nurl = "postgresql+psycopg://u:secret@db/x"\n')
    assert "must not contain a password" in problem


def test_plain_text_smtp_is_allowed_only_on_loopback() -> None:
    remote = MINIMAL + '[smtp]\nhost = "smtp.acme.pl"\nsecurity = "none"\nallow_insecure = true\n'
    assert any("clear text" in p for p in problems_of(remote))
    local = MINIMAL + '[smtp]\nhost = "127.0.0.1"\nport = 2525\nsecurity = "none"\nallow_insecure = true\n'
    assert load_settings(local).smtp is not None


def test_smtp_transport_needs_an_smtp_table() -> None:
    [problem] = problems_of(MINIMAL + '[outbound]\ntransport = "smtp"\n')
    assert "needs an [smtp] table" in problem


def test_the_import_table_keeps_its_toml_name_in_messages() -> None:
    [problem] = problems_of(MINIMAL + '[import]\ninbx = "in"\n')
    assert problem == "tactful.toml:6: import.inbx: unknown key 'inbx'; did you mean 'inbox'?"


def test_the_locator_finds_keys_in_arrays_of_tables() -> None:
    text = "[[ladders]]\nname='a'\n[[ladders.stages]]\nname='x'\n[[ladders]]\nname='b'\n[[ladders.stages]]\nname='y'\nafter_due_days=3\n"
    locator = Locator(text)
    assert locator.line_of(("ladders", 1, "stages", 0, "after_due_days")) == 9
    assert locator.line_of(("ladders", 0, "stages", 0, "missing")) == 3
