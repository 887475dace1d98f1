"""Damaged statements never escape as bare Python errors: either a Statement or one StatementError."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import StatementError
from ledger.importers import parse_statement

DATA = Path(__file__).resolve().parents[1] / "data" / "statements"
INPUTS = sorted(
    p for p in DATA.glob("*/*") if p.is_file() and not p.name.endswith((".expected.json", ".mapping.toml"))
)


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "cut", "insert", "delete", "dup"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(
                st.sampled_from([b"<", b">", b":61:", b"</Ntry>", b"\n", b"~", b"?20", b";", b"\x00"])
            )
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif kind == "dup":
            data[at:at] = data[at : at + draw(st.integers(1, 200))]
    return bytes(data)


@pytest.mark.parametrize("path", INPUTS, ids=[f"{p.parent.name}/{p.name}" for p in INPUTS])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_file_gives_a_statement_or_one_clear_error(path: Path, data: st.DataObject) -> None:
    broken = data.draw(damaged(path.read_bytes()))
    try:
        statement = parse_statement(broken, path.name)
    except StatementError as exc:
        assert str(exc).startswith(path.name)
        assert "\n" not in str(exc)
        return
    assert all(line.id and len(line.currency) == 3 for line in statement.lines)
