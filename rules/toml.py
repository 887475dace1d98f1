"""Turn parsed TOML into frozen dataclasses, collecting every problem with its file and line.

The dataclasses themselves are the schema: a field's name is the TOML key, its
type annotation says what is accepted, its default says what happens when the
key is absent (no default means required). A dataclass may validate its values
in ``__post_init__`` by raising :class:`Invalid` (names the key) or ``ValueError``
(blamed on the table), or, to report several problems at once, in a method
``validate(self) -> Iterator[Invalid]``. Field metadata may carry ``"example"`` (a TOML value as
text, shown in error messages) and ``"doc"`` (shown by ``tactful check`` and the
README).

Nothing here stops at the first problem: :func:`build` returns the value it
could build plus every :class:`Problem`, so ``tactful check`` can list them all.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import tomllib
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

PathPart = str | int
Path = tuple[PathPart, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a configuration file, said so a person can fix it."""

    source: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class RuleError(Exception):
    """Configuration or rules that cannot be used; carries every problem found."""

    def __init__(self, problems: typing.Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Invalid(ValueError):
    """Raised by a dataclass's ``__post_init__`` to blame one key of its table."""

    def __init__(self, key: str, message: str) -> None:
        self.key = key
        self.message = message
        super().__init__(f"{key}: {message}")


def format_path(path: Path) -> str:
    """``("ladders", 0, "stages", 2, "after_due_days")`` -> ``ladders[0].stages[2].after_due_days``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)


def _split_key(text: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", text)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


class Locator:
    """Finds the line of a key path in TOML text (1-based), or of its nearest ancestor.

    A light line scanner, not a parser: it understands table headers, arrays of
    tables and dotted keys, which covers how people write config files. Keys
    inside multi-line strings are ignored by tracking triple quotes.
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        counters: dict[Path, int] = {}
        table: Path = ()
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = _HEADER.match(line)
            if header and "=" not in header.group(2):
                keys = _split_key(header.group(2))
                resolved = self._resolve(keys, counters)
                if header.group(1) == "[[":
                    base = tuple(resolved)
                    index = counters.get(base, -1) + 1
                    counters[base] = index
                    table = (*base, index)
                else:
                    table = tuple(resolved)
                self._lines.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if key:
                path = (*table, *_split_key(key.group(1)))
                self._lines.setdefault(path, number)
                rest = line[key.end() :]
                for quote in ('"""', "'''"):
                    if rest.count(quote) % 2 == 1:
                        in_multiline = quote

    def _resolve(self, keys: list[str], counters: dict[Path, int]) -> list[PathPart]:
        # Inside [[ladders]] a header [ladders.stages] refers to the latest ladder.
        resolved: list[PathPart] = []
        for key in keys:
            resolved.append(key)
            current = tuple(resolved)
            if current in counters and key is not keys[-1]:
                resolved.append(counters[current])
        return resolved

    def line_of(self, path: Path) -> int | None:
        """The line of ``path`` or of its closest ancestor that appears in the text."""
        probe = tuple(path)
        while probe:
            if probe in self._lines:
                return self._lines[probe]
            probe = probe[:-1]
        return None


@dataclasses.dataclass(slots=True)
class Context:
    """Where problems are collected while building one file's values."""

    source: str
    locator: Locator
    problems: list[Problem] = dataclasses.field(default_factory=list)

    def add(self, path: Path, message: str) -> None:
        self.problems.append(Problem(self.source, self.locator.line_of(path), format_path(path), message))


_MISSING = object()


def parse_toml(text: str, source: str) -> tuple[dict[str, Any], Context]:
    """Parse TOML text; a syntax error becomes a Problem with tomllib's line number."""
    ctx = Context(source, Locator(text))
    try:
        return tomllib.loads(text), ctx
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line = int(match.group(1)) if match else None
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        ctx.problems.append(
            Problem(
                source, line, "", f"not valid TOML: {message}; check quotes, brackets and '=' on this line"
            )
        )
        return {}, ctx


def _describe(value: Any) -> str:
    kinds = {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "an array",
        dict: "a table",
        date: "a date",
        datetime: "a date-time",
        time: "a time",
    }
    kind = kinds.get(type(value), type(value).__name__)
    shown = (
        repr(value)
        if not isinstance(value, dict | list)
        else ("{...}" if isinstance(value, dict) else "[...]")
    )
    return f"{shown} ({kind})"


def _example(key: str, hint: Any, field: dataclasses.Field[Any] | None) -> str:
    if field is not None and "example" in field.metadata:
        return f"{key} = {field.metadata['example']}"
    if field is not None and field.default is not dataclasses.MISSING and field.default not in (None, "", ()):
        return f"{key} = {_toml_literal(field.default)}"
    samples: dict[Any, str] = {
        int: "14",
        float: "0.9",
        bool: "true",
        str: '"..."',
        Decimal: '"100.00"',
        date: "2026-12-24",
        time: '"08:30"',
    }
    return f"{key} = {samples.get(_strip_optional(hint), '...')}"


def _toml_literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Decimal):
        return f'"{value}"'
    if isinstance(value, time):
        return f'"{value.strftime("%H:%M")}"'
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_literal(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def build(cls: type[Any], table: Mapping[str, Any], ctx: Context, path: Path = ()) -> Any:
    """Build dataclass ``cls`` from a TOML table; problems go to ``ctx``; returns None if it can't."""
    if not isinstance(table, Mapping):
        ctx.add(path, f"expected a table, got {_describe(table)}")
        return None
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    kwargs: dict[str, Any] = {}
    ok = True
    for key, value in table.items():
        if key not in fields:
            close = difflib.get_close_matches(key, list(fields), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; known keys: {', '.join(sorted(fields))}"
            ctx.add((*path, key), f"unknown key {key!r}{hint}")
            ok = False
            continue
        converted = convert(value, hints[key], ctx, (*path, key), fields[key])
        if converted is _MISSING:
            ok = False
        else:
            kwargs[key] = converted
    for name, field in fields.items():
        if name not in kwargs and name not in table and _is_required(field):
            ctx.add((*path, name), f"is required; add e.g. {_example(name, hints[name], field)}")
            ok = False
    missing_required = any(name not in kwargs and _is_required(f) for name, f in fields.items())
    if missing_required:
        return None
    # Build even when a sibling key was unknown or mistyped, so that the table's own
    # checks still run and every problem is reported in one go.
    try:
        value = cls(**kwargs)
    except Invalid as exc:
        ctx.add((*path, exc.key), exc.message)
        return None
    except (ValueError, TypeError) as exc:
        ctx.add(path, str(exc))
        return None
    validate = getattr(value, "validate", None)
    if callable(validate):
        for problem in validate():
            ctx.add((*path, problem.key), problem.message)
            ok = False
    return value if ok else None


def _is_required(field: dataclasses.Field[Any]) -> bool:
    return field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING


def convert(
    value: Any, hint: Any, ctx: Context, path: Path, field: dataclasses.Field[Any] | None = None
) -> Any:
    """Convert one TOML value to ``hint``; on failure record a Problem and return a sentinel."""
    key = str(path[-1]) if path and isinstance(path[-1], str) else "value"

    def bad(expected: str) -> Any:
        ctx.add(path, f"expected {expected}, got {_describe(value)}; e.g. {_example(key, hint, field)}")
        return _MISSING

    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(hint)
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            return convert(value, inner[0], ctx, path, field)
        for arg in inner:
            probe = Context(ctx.source, ctx.locator)
            result = convert(value, arg, probe, path, field)
            if result is not _MISSING:
                return result
        return bad(" or ".join(getattr(a, "__name__", str(a)) for a in inner))
    if origin is typing.Literal:
        allowed = typing.get_args(hint)
        if value in allowed:
            return value
        return bad("one of " + ", ".join(repr(a) for a in allowed))
    if origin in (tuple, list):
        args = typing.get_args(hint)
        item_hint = args[0] if args else Any
        if not isinstance(value, list):
            if isinstance(value, str) and item_hint is str:
                return bad('an array of strings such as ["a", "b"]')
            return bad("an array")
        items = [convert(v, item_hint, ctx, (*path, i), None) for i, v in enumerate(value)]
        return _MISSING if any(i is _MISSING for i in items) else tuple(items)
    if origin in (dict, Mapping) or hint is dict:
        args = typing.get_args(hint)
        value_hint = args[1] if len(args) == 2 else Any
        if not isinstance(value, dict):
            return bad("a table")
        out = {k: convert(v, value_hint, ctx, (*path, k), None) for k, v in value.items()}
        return _MISSING if any(v is _MISSING for v in out.values()) else types.MappingProxyType(out)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        built = build(hint, value, ctx, path)
        return _MISSING if built is None else built
    if hint is Any:
        return value
    if hint is bool:
        return value if isinstance(value, bool) else bad("true or false")
    if hint is int:
        return value if isinstance(value, int) and not isinstance(value, bool) else bad("a whole number")
    if hint is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        return bad("a number")
    if hint is str:
        return value if isinstance(value, str) else bad("a string")
    if hint is Decimal:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            return bad("an amount")
        try:
            amount = Decimal(str(value).replace(" ", ""))
        except InvalidOperation:
            return bad('an amount such as "100.00"')
        return amount if amount.is_finite() else bad("a finite amount")
    if hint is date:
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        return bad("a date (YYYY-MM-DD)")
    if hint is time:
        return _to_time(value, bad)
    if isinstance(hint, type):
        return value if isinstance(value, hint) else bad(hint.__name__)
    return value


def _to_time(value: Any, bad: Callable[[str], Any]) -> Any:
    if isinstance(value, time):
        return value.replace(tzinfo=None)
    if isinstance(value, str):
        match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value.strip())
        if match:
            return time(int(match.group(1)), int(match.group(2)))
    return bad('a local time "HH:MM" (24-hour clock)')


def field_docs(cls: type[Any], prefix: str = "") -> list[tuple[str, str, str]]:
    """List ``(key path, type, doc)`` for every field of ``cls``, descending into nested dataclasses."""
    rows: list[tuple[str, str, str]] = []
    hints = typing.get_type_hints(cls)
    for field in dataclasses.fields(cls):
        if not field.init:
            continue
        hint = hints[field.name]
        name = f"{prefix}{field.name}"
        inner = _strip_optional(hint)
        if dataclasses.is_dataclass(inner) and isinstance(inner, type):
            rows.extend(field_docs(inner, f"{name}."))
            continue
        rows.append(
            (name, _type_name(hint), str(field.metadata.get("doc", "")) or _docstring_entry(cls, field.name))
        )
    return rows


def _docstring_entry(cls: type[Any], name: str) -> str:
    """The text of a ``- ``name``: text`` bullet in the class docstring (how some tables document keys)."""
    doc = cls.__doc__ or ""
    match = re.search(rf"^\s*[-*] ``{re.escape(name)}``:\s*(.+?)(?=^\s*[-*] ``|^\s*$|\Z)", doc, re.S | re.M)
    return " ".join(match.group(1).split()) if match else ""


def _type_name(hint: Any) -> str:
    text = str(hint).replace("typing.", "").replace("datetime.", "").replace("decimal.", "")
    return re.sub(r"<class '([^']+)'>", r"\1", text)
