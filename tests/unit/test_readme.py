"""The README opens with the two commands and lists every command and config key the code has."""

from __future__ import annotations

import re
from pathlib import Path

import service

README = Path(__file__).resolve().parents[2] / "README.md"


def section(text: str, name: str) -> str:
    match = re.search(rf"<!-- {name}:start -->\n(.*?)\n<!-- {name}:end -->", text, re.S)
    assert match, f"README.md has no <!-- {name}:start --> ... <!-- {name}:end --> section"
    return match.group(1)


def test_the_readme_starts_with_make_demo_and_make_test() -> None:
    commands = [line.split("#")[0].strip() for line in README.read_text(encoding="utf-8").splitlines()[:6]]
    assert [c for c in commands if c.startswith("make ")] == ["make demo", "make test"]


def test_the_readme_lists_every_command_and_config_key() -> None:
    # Regenerate with: tactful reference --write README.md
    text = README.read_text(encoding="utf-8")
    for name, expected in service.reference_markdown().items():
        assert section(text, name) == expected, (
            f"README section {name!r} is stale; run `tactful reference --write README.md`"
        )
