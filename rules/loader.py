"""The rules files: ladders, segments, guards, matching, import mappings and reply phrases.

:func:`load_rules_files` is pure: ``(source, text)`` pairs in, one frozen
:class:`Rules` out, or a :class:`~rules.toml.RuleError` with every problem of
every file. Several files may share the work (say ``ladders.toml`` and
``matching.toml``): lists such as ``[[ladders]]`` are concatenated, a table such
as ``[guards]`` may appear in one file only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ledger.importers.csvbank import BankCsvMapping
from ledger.invoices import InvoiceMapping
from ledger.match import MatchSettings
from rules.escalation import CustomerOverride, EscalationRules, Guards, Ladder, Segment
from rules.settings import Company, doc
from rules.toml import Context, Invalid, Problem, RuleError, build, parse_toml

LIST_SECTIONS = ("ladders", "segments", "customers")


@dataclass(frozen=True, slots=True)
class StatementImport:
    csv: BankCsvMapping | None = field(default=None, metadata=doc("Column mapping of your bank's CSV export"))


@dataclass(frozen=True, slots=True)
class ImportRules:
    invoices: InvoiceMapping = field(default_factory=InvoiceMapping)
    customers: InvoiceMapping | None = field(
        default=None, metadata=doc("Column mapping of a separate customers export")
    )
    statements: StatementImport = field(default_factory=StatementImport)


@dataclass(frozen=True, slots=True)
class ReplyRules:
    phrases: dict[str, dict[str, tuple[str, ...]]] = field(
        default_factory=dict,
        metadata=doc(
            "Extra phrases per language and intent, added to the built-in lists",
            '{ pl = { promise_to_pay = ["przelew pójdzie"] } }',
        ),
    )
    examples: dict[str, dict[str, tuple[str, ...]]] = field(
        default_factory=dict,
        metadata=doc(
            "Extra example replies per language and intent, which the second opinion learns from",
            '{ pl = { promise_to_pay = ["Szef klepnie przelew {date}."] } }',
        ),
    )
    second_opinion: float = field(
        default=0.9,
        metadata=doc(
            "How sure the second opinion (learnt from the examples) must be to decide a reply no "
            "phrase decides; 1.0 turns it off",
            "0.95",
        ),
    )
    require_dmarc_pass: bool = field(
        default=True, metadata=doc("Ignore replies whose Authentication-Results show a DMARC failure")
    )

    def __post_init__(self) -> None:
        if not 0.5 <= self.second_opinion <= 1.0:
            raise Invalid(
                "second_opinion",
                f"must be between 0.5 and 1.0 (got {self.second_opinion}); e.g. second_opinion = 0.9, "
                "or 1.0 to decide by phrases alone",
            )


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything in the rules files."""

    guards: Guards = field(default_factory=Guards)
    ladders: tuple[Ladder, ...] = ()
    segments: tuple[Segment, ...] = ()
    customers: tuple[CustomerOverride, ...] = ()
    default_ladder: str = field(default="", metadata=doc("Ladder for customers no segment picks"))
    matching: MatchSettings = field(default_factory=MatchSettings)
    imports: ImportRules = field(default_factory=ImportRules)
    replies: ReplyRules = field(default_factory=ReplyRules)

    def escalation(self, company: Company | None = None) -> EscalationRules:
        """The part the escalation planner reads; the company's timezone, country and language win."""
        guards = self.guards
        if company is not None:
            guards = dataclasses.replace(guards, timezone=company.timezone, holiday_country=company.country)
        return EscalationRules(
            ladders=self.ladders,
            segments=self.segments,
            overrides=self.customers,
            guards=guards,
            default_ladder=self.default_ladder or (self.ladders[0].name if self.ladders else ""),
            default_language=company.language if company is not None else "en",
        )

    def conflicts_with(self, company: Company) -> list[str]:
        """Settings given twice with different values (the company's timezone and holiday country)."""
        defaults = Guards()
        out = []
        for key, mine in (("timezone", company.timezone), ("holiday_country", company.country)):
            value = getattr(self.guards, key)
            if value != getattr(defaults, key) and value != mine:
                where = "timezone" if key == "timezone" else "country"
                out.append(
                    f"guards.{key} = {value!r} differs from [company] {where} = {mine!r} in tactful.toml; "
                    f"set it once, in tactful.toml, and remove guards.{key}"
                )
        return out

    @property
    def templates_used(self) -> tuple[str, ...]:
        """Every template a ladder can send, plus the broken-promise letter."""
        names = {stage.template or stage.name for ladder in self.ladders for stage in ladder.stages}
        return tuple(sorted(names | {"broken_promise"}))

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages named by customer overrides (letters must exist for them)."""
        return tuple(sorted({o.language for o in self.customers if o.language is not None}))


def load_rules(text: str, source: str = "rules.toml") -> Rules:
    """Parse and validate one rules file."""
    return load_rules_files([(source, text)])


def load_rules_files(files: Sequence[tuple[str, str]]) -> Rules:
    """Parse, validate and combine several rules files; raise RuleError listing every problem."""
    problems: list[Problem] = []
    parts: list[tuple[Rules, dict[str, Any], Context]] = []
    owner: dict[str, str] = {}
    for source, text in files:
        data, ctx = parse_toml(text, source)
        if ctx.problems:
            problems.extend(ctx.problems)
            continue
        for key in data:
            if key in LIST_SECTIONS:
                continue
            if key in owner:
                ctx.add((key,), f"is already set in {owner[key]}; keep each table in one rules file")
            owner.setdefault(key, source)
        built = _build_one(data, ctx)
        problems.extend(ctx.problems)
        if built is not None:
            parts.append((built, data, ctx))
    if problems:
        raise RuleError(problems)
    merged = _merge(parts)
    cross = list(_cross_check(merged, parts))
    if cross:
        raise RuleError(cross)
    return merged


def _build_one(data: dict[str, Any], ctx: Context) -> Rules | None:
    # ``import`` is a Python keyword: that table is built on its own under its TOML name.
    raw_import = data.pop("import", {})
    imports = build(ImportRules, raw_import, ctx, ("import",))
    rules: Rules | None = build(Rules, data, ctx)
    data["import"] = raw_import
    if rules is None or imports is None:
        return None
    return dataclasses.replace(rules, imports=imports)


def _merge(parts: Sequence[tuple[Rules, Mapping[str, Any], Context]]) -> Rules:
    merged = Rules()
    for rules, data, _ in parts:
        changes: dict[str, Any] = {
            name: getattr(merged, name) + getattr(rules, name) for name in LIST_SECTIONS
        }
        for key in data:
            if key not in LIST_SECTIONS:
                name = "imports" if key == "import" else key
                changes[name] = getattr(rules, name)
        merged = dataclasses.replace(merged, **changes)
    return merged


def _cross_check(rules: Rules, parts: Sequence[tuple[Rules, Mapping[str, Any], Context]]) -> list[Problem]:
    """Checks that span tables or files: names that must refer to something that exists."""
    problems: list[Problem] = []

    def add(section: str, index: int | None, key: str, message: str) -> None:
        # List sections are numbered across files: find the file holding item ``index``.
        offset = 0
        source, line = (parts[0][2].source if parts else "rules.toml"), None
        for _, data, ctx in parts:
            value = data.get(section)
            if index is None and value is not None:
                source, line = ctx.source, ctx.locator.line_of((section, key) if key else (section,))
                break
            if index is not None and isinstance(value, list):
                if index < offset + len(value):
                    source, line = ctx.source, ctx.locator.line_of((section, index - offset, key))
                    break
                offset += len(value)
        path = f"{section}[{index}].{key}" if index is not None else section
        problems.append(Problem(source, line, path, message))

    names = [ladder.name for ladder in rules.ladders]
    if not names:
        source = parts[0][2].source if parts else "rules.toml"
        problems.append(
            Problem(
                source,
                None,
                "ladders",
                'at least one [[ladders]] is needed; e.g. [[ladders]] name = "standard"',
            )
        )
    for index, name in enumerate(names):
        if names.index(name) != index:
            add("ladders", index, "name", f"ladder {name!r} is defined twice; give each ladder its own name")
    known = ", ".join(repr(n) for n in names) or "none defined"
    if rules.default_ladder and rules.default_ladder not in names:
        add("default_ladder", None, "", f"{rules.default_ladder!r} is not a ladder; known ladders: {known}")
    for index, segment in enumerate(rules.segments):
        if segment.ladder not in names:
            add("segments", index, "ladder", f"{segment.ladder!r} is not a ladder; known ladders: {known}")
    for index, override in enumerate(rules.customers):
        ladder = getattr(override, "ladder", None)
        if ladder and ladder not in names:
            add("customers", index, "ladder", f"{ladder!r} is not a ladder; known ladders: {known}")
    return problems


__all__ = [
    "ImportRules",
    "Invalid",
    "ReplyRules",
    "Rules",
    "StatementImport",
    "load_rules",
    "load_rules_files",
]
