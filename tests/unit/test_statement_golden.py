"""Hand-written statements in tests/data/statements/<format>/ against their read-statement JSON.

Run ``pytest tests/unit/test_statement_golden.py --update-golden`` to rewrite the
``*.expected.json`` files, then read the diff before committing.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from ledger.importers import parse_statement, statement_to_json
from ledger.importers.csvbank import mapping_from_config

DATA = Path(__file__).resolve().parents[1] / "data" / "statements"
INPUTS = sorted(
    p for p in DATA.glob("*/*") if p.is_file() and not p.name.endswith((".expected.json", ".mapping.toml"))
)


@pytest.mark.parametrize("path", INPUTS, ids=[f"{p.parent.name}/{p.name}" for p in INPUTS])
def test_it_reads_each_golden_statement_as_expected(path: Path, update_golden: bool) -> None:
    mapping_file = path.with_name(path.name + ".mapping.toml")
    mapping = None
    if mapping_file.exists():
        mapping = mapping_from_config(
            tomllib.loads(mapping_file.read_text(encoding="utf-8")), mapping_file.name
        )
    statement = parse_statement(path.read_bytes(), path.name, csv_mapping=mapping)
    assert statement.format == path.parent.name
    got = statement_to_json([statement])
    expected_file = path.with_name(path.name + ".expected.json")
    if update_golden or not expected_file.exists():
        expected_file.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{expected_file.name} did not exist and was written; check it and run again")
    assert got == json.loads(expected_file.read_text(encoding="utf-8"))


def test_every_format_has_golden_inputs() -> None:
    assert {p.parent.name for p in INPUTS} >= {"ofx", "camt053", "mt940", "csvbank"}
