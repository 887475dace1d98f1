"""The import direction: service -> store, mailer, rules -> ledger. Pure packages never read the clock."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What each package must never import (top-level module names).
FORBIDDEN = {
    "ledger": {
        "rules",
        "mailer",
        "store",
        "service",
        "apscheduler",
        "smtplib",
        "imaplib",
        "sqlite3",
        "sqlalchemy",
        "psycopg",
        "imapclient",
        "socket",
        "jinja2",
    },
    "rules": {
        "mailer",
        "store",
        "service",
        "apscheduler",
        "smtplib",
        "imaplib",
        "sqlite3",
        "sqlalchemy",
        "psycopg",
        "imapclient",
        "socket",
    },
    "mailer": {"store", "service", "apscheduler", "sqlalchemy", "sqlite3", "psycopg"},
    "store": {"service", "mailer", "apscheduler", "smtplib", "imaplib", "imapclient"},
}
CLOCK_CALLS = {"now", "today", "utcnow", "time", "monotonic", "perf_counter"}
CLOCK_OWNERS = {"datetime", "date", "time"}


def python_files(package: str) -> list[Path]:
    return sorted(p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts)


def imported_modules(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_packages_import_only_downwards(package: str) -> None:
    offenders = []
    for path in python_files(package):
        bad = imported_modules(ast.parse(path.read_text(encoding="utf-8"))) & FORBIDDEN[package]
        if bad:
            offenders.append(f"{path.relative_to(ROOT)} imports {', '.join(sorted(bad))}")
    assert not offenders, "\n".join(offenders)


@pytest.mark.parametrize("package", ["ledger", "rules"])
def test_pure_packages_never_read_the_clock(package: str) -> None:
    offenders = []
    for path in python_files(package):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in CLOCK_CALLS
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in CLOCK_OWNERS
            ):
                offenders.append(
                    f"{path.relative_to(ROOT)}:{node.lineno} calls {node.func.value.id}.{node.func.attr}()"
                )
    assert not offenders, "\n".join(offenders)


def test_the_cli_starts_without_importing_heavy_libraries() -> None:
    # `tactful --help` must answer fast: the heavy libraries load inside the commands that use them.
    code = (
        "import sys, service; service.cli.main(['--help'], standalone_mode=False); "
        "heavy = {'sqlalchemy', 'alembic', 'jinja2', 'ofxparse', 'mt940', 'babel', 'holidays', 'imapclient',"
        " 'apscheduler', 'aiosmtpd', 'psycopg'}; "
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout
