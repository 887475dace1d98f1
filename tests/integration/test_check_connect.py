"""tactful check --connect logs in to the real SMTP and IMAP servers and says what failed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import service
from tests.integration.test_daemon import EXAMPLES


def configure(tmp_path: Path, smtp: Any, imap: Any) -> Path:
    config = service.demo_workspace(tmp_path / "books", EXAMPLES)
    text = config.read_text(encoding="utf-8")
    text = text.replace('transport = "maildir"', 'transport = "smtp"').replace(
        'source = "maildir"', 'source = "imap"'
    )
    text += (
        f'\n[smtp]\nhost = "{smtp.host}"\nport = {smtp.port}\nsecurity = "none"\nallow_insecure = true\n'
        f'\n[imap]\nhost = "{imap.host}"\nport = {imap.tls_port}\nsecurity = "tls"\nca_file = "{imap.ca_path}"\n'
        f'username = "{imap.username}"\npassword_env = "TACTFUL_TEST_IMAP_PASSWORD"\n'
    )
    config.write_text(text, encoding="utf-8")
    return config


def test_check_connect_logs_in_to_both_servers(
    start_smtp_server: Any, imap_account: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = configure(tmp_path, start_smtp_server(), imap_account)
    monkeypatch.setenv("TACTFUL_TEST_IMAP_PASSWORD", imap_account.password)
    result = CliRunner().invoke(service.cli, ["--config", str(config), "check", "--connect"])
    assert result.exit_code == 0, result.output
    assert "Connections: OK" in result.output and "IMAP folder 'INBOX'" in result.output


def test_check_connect_names_the_server_that_refused_and_never_prints_the_password(
    start_smtp_server: Any, imap_account: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = configure(tmp_path, start_smtp_server(), imap_account)
    monkeypatch.setenv("TACTFUL_TEST_IMAP_PASSWORD", "wrong-password-42")
    result = CliRunner().invoke(service.cli, ["--config", str(config), "check", "--connect"])
    assert result.exit_code == 1
    assert f"IMAP {imap_account.host}:{imap_account.tls_port}:" in result.output
    assert "wrong-password-42" not in result.output
