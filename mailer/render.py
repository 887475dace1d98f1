"""Rendering reminder letters from Jinja2 templates.

Templates live in ``templates/<language>/<stage>-subject.txt``, ``<stage>-body.txt`` and
``<stage>-body.html`` (the HTML part is optional for stages a user adds). Shared pieces sit at the
top of the folder (``_layout.html``, ``_invoice_table.html``, ``_invoices.txt``) and per language
in ``<language>/_labels.txt`` (column headings, translated actions). A user overrides any file by
putting one with the same relative name into their own templates folder: it is searched first,
then the packaged defaults.

Templates render in a ``SandboxedEnvironment`` with ``StrictUndefined``: a misspelt or missing
variable is a :class:`mailer.TemplateError` naming the file and line, never an odd letter. HTML
templates are autoescaped, text templates are not.

The context is a plain dict built by the caller from the ledger. Keys (all required, values may
be ``None`` where said):

``company``
    dict: ``name``, ``email``, ``phone``, ``bank_account`` (IBAN), ``bank_name``,
    ``contact_name``, ``signature`` (several lines of plain text).
``customer``
    dict: ``id``, ``name``.
``stage``
    the stage name, e.g. ``"firm"`` (set by :func:`render_reminder`).
``language``
    ISO 639-1 code of the letter; :func:`render_reminder` sets it to the language actually used.
``today``
    ``date`` of the letter.
``invoices``
    list of dicts: ``number``, ``issued_on`` (date), ``due_on`` (date), ``open_amount``
    (``Decimal``), ``currency`` (ISO 4217), ``days_overdue`` (int; zero or negative when not yet
    overdue, as for a courtesy note).
``totals``
    list of dicts ``amount`` (``Decimal``), ``currency``: one per currency, in display order.
``transfer_title``
    the payment reference the customer should write on the transfer.
``announces``
    ``None`` or a dict ``action``, ``deadline_on`` (date): what happens next and when. ``action``
    is either a key translated by ``<language>/_labels.txt`` (``collection_agency``,
    ``legal_action``, ``statutory_interest``, ``suspend_deliveries``, ``debt_register``) or free
    text in the customer's language completing "we will ...".
``promise``
    ``None`` or a dict ``promised_on`` (date), ``amount`` (``Decimal``), ``currency``: the payment
    promise that was not kept (stage ``broken_promise``).
``previous``
    ``None`` or a dict ``sent_on`` (date), ``stage``: the last reminder sent about these invoices.

Filters: ``money(amount, currency)`` ("12 345,67 zł", "£1,204.50", "1.204,50 €"), ``date``
(short, "15.12.2026" / "15 Dec 2026"), ``longdate`` ("15 grudnia 2026"), ``days`` ("1 dzień",
"5 Tage") and ``nl2br`` (HTML). They format for the letter's language with Babel. Babel's group
separator and the space before the currency are no-break spaces: the HTML part keeps them (an
amount never wraps between its digits and "zł"); the text part gets plain spaces, because the
amount is often copied from a plain-text mail into a bank form and some forms reject U+00A0.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_currency
from babel.units import format_unit
from jinja2 import (
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    pass_context,
    select_autoescape,
)
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from mailer import TemplateError

log = logging.getLogger("tactful.mailer")

DEFAULT_TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
DEFAULT_STAGES = ("courtesy", "reminder", "firm", "final_demand", "broken_promise")
PART_SUFFIXES = ("-subject.txt", "-body.txt", "-body.html")

# The locale each letter language is formatted in. English letters use British conventions
# ("15 December 2026"), the usual choice for a European company writing in English.
LOCALES = {"pl": "pl_PL", "en": "en_GB", "de": "de_DE"}
# Short dates with a four-digit year: Babel's "short" German is "05.12.26", too easy to misread.
SHORT_DATE_PATTERNS = {"pl": "dd.MM.yyyy", "de": "dd.MM.yyyy", "en": "d MMM yyyy"}
_NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


@dataclass(frozen=True, slots=True)
class RenderedMessage:
    """One rendered reminder: a one-line subject, the text part and the HTML part (``None`` if no HTML template)."""

    subject: str
    text: str
    html: str | None
    language: str = ""


@dataclass(frozen=True, slots=True)
class TemplateSet:
    """The templates found on the search path (user folder first, then the packaged defaults)."""

    search_path: tuple[Path, ...]
    default_language: str
    environment: SandboxedEnvironment = field(compare=False, repr=False)
    #: Template names (``"pl/firm-body.txt"``) found at load time; load again to see files added later.
    names: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    @property
    def user_dir(self) -> Path | None:
        return self.search_path[0] if len(self.search_path) > 1 else None

    def has(self, name: str) -> bool:
        """Whether a template ``name`` (e.g. ``"pl/firm-body.txt"``) exists anywhere on the search path."""
        return name in self.names

    def path_of(self, name: str) -> Path | None:
        """The file that serves template ``name``: the user's copy if there is one."""
        for base in self.search_path:
            if (base / name).is_file():
                return base / name
        return None

    def languages(self) -> set[str]:
        """Languages with at least one complete stage."""
        return {lang for lang in self._language_dirs() if self.stages(lang)}

    def stages(self, language: str) -> set[str]:
        """Stages that have both a subject and a text body for ``language``."""
        prefix = f"{language}/"
        found = {
            name[len(prefix) :].removesuffix("-subject.txt")
            for name in self.names
            if name.startswith(prefix) and name.endswith("-subject.txt") and name.count("/") == 1
        }
        return {stage for stage in found if self.has(f"{language}/{stage}-body.txt")}

    def _language_dirs(self) -> set[str]:
        return {
            name.split("/", 1)[0] for name in self.names if "/" in name and not name.startswith(("_", "."))
        }


def load_templates(user_dir: Path | None = None, *, default_language: str = "en") -> TemplateSet:
    """The template set: ``user_dir`` (may be ``None``) overrides the packaged defaults file by file."""
    search: list[Path] = []
    if user_dir is not None:
        user_dir = Path(user_dir)
        if not user_dir.is_dir():
            raise TemplateError(
                f"{user_dir}: templates folder not found; create it or remove the setting to use the defaults"
            )
        search.append(user_dir.resolve())
    search.append(DEFAULT_TEMPLATES_DIR)
    env = SandboxedEnvironment(
        loader=FileSystemLoader([str(p) for p in search], encoding="utf-8"),
        undefined=StrictUndefined,
        autoescape=select_autoescape(
            enabled_extensions=("html", "htm"), default_for_string=False, default=False
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(money=_money, date=_short_date, longdate=_long_date, days=_days, nl2br=_nl2br)
    names = frozenset(
        path.relative_to(base).as_posix()
        for base in search
        if base.is_dir()
        for path in base.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(base).parts)
    )
    return TemplateSet(tuple(search), normalize_language(default_language) or "en", env, names)


def normalize_language(language: str | None) -> str:
    """``"pl-PL"``, ``"PL"`` or ``"pl_PL"`` -> ``"pl"``; ``None`` or blank -> ``""``."""
    if not language:
        return ""
    return re.split(r"[-_]", language.strip().lower(), maxsplit=1)[0]


def choose_language(templates: TemplateSet, stage: str, language: str | None) -> str:
    """The language to write ``stage`` in: ``language`` if it has the stage, else the default (with a warning)."""
    wanted = normalize_language(language) or templates.default_language
    if stage in templates.stages(wanted):
        return wanted
    fallback = templates.default_language
    if stage in templates.stages(fallback):
        log.warning(
            "no %r templates in language %r; writing in the default language %r instead "
            "(add %s/%s-subject.txt and %s/%s-body.txt to your templates folder to change that)",
            stage,
            wanted,
            fallback,
            wanted,
            stage,
            wanted,
            stage,
        )
        return fallback
    languages = f"language {wanted!r}" + (
        "" if wanted == fallback else f" nor the default language {fallback!r}"
    )
    raise TemplateError(
        f"no template for stage {stage!r} in {languages}: "
        f"add {wanted}/{stage}-subject.txt, {wanted}/{stage}-body.txt and {wanted}/{stage}-body.html "
        f"to your templates folder, or fix the stage name in the rules"
    )


def render_reminder(
    templates: TemplateSet, stage: str, language: str | None, context: Mapping[str, Any]
) -> RenderedMessage:
    """Render the subject, text and HTML of ``stage`` in ``language`` (or the default language)."""
    lang = choose_language(templates, stage, language)
    ctx = {**context, "stage": stage, "language": lang}
    subject = " ".join(_render(templates, f"{lang}/{stage}-subject.txt", ctx).split())
    if not subject:
        raise TemplateError(
            f"{_display(templates, f'{lang}/{stage}-subject.txt')}: the subject came out empty"
        )
    text = _tidy_text(_render(templates, f"{lang}/{stage}-body.txt", ctx))
    html_name = f"{lang}/{stage}-body.html"
    html = _render(templates, html_name, ctx) if templates.has(html_name) else None
    return RenderedMessage(subject=subject, text=text, html=html, language=lang)


def check_templates(templates: TemplateSet, stages: Iterable[str], languages: Iterable[str]) -> list[str]:
    """Render every stage in every language with sample data (with and without the optional parts); every problem found."""
    problems: list[str] = []
    wanted_languages = sorted({normalize_language(x) for x in languages if x} | {templates.default_language})
    for stage in sorted(set(stages)):
        for language in wanted_languages:
            if stage not in templates.stages(language):
                if language == templates.default_language or stage not in templates.stages(
                    templates.default_language
                ):
                    problems.append(
                        f"stage {stage!r}: no template in language {language!r}"
                        + (
                            ""
                            if language == templates.default_language
                            else f" nor the default language {templates.default_language!r}"
                        )
                        + f"; add {language}/{stage}-subject.txt and {language}/{stage}-body.txt "
                        f"(and -body.html) to your templates folder"
                    )
                continue  # falls back to the default language, which is checked on its own
            for variant in ("full", "minimal"):
                context = sample_context(stage, language, minimal=(variant == "minimal"))
                try:
                    rendered = render_reminder(templates, stage, language, context)
                except TemplateError as exc:
                    message = f"{exc} (with sample data, {variant} variant)"
                    if message not in problems:
                        problems.append(message)
                    continue
                problems.extend(_lint_html(templates, f"{language}/{stage}-body.html", rendered.html))
    return sorted(set(problems), key=problems.index)


def _lint_html(templates: TemplateSet, name: str, html: str | None) -> list[str]:
    if html is None:
        return []
    problems = []
    where = _display(templates, name)
    if re.search(r"""<img[^>]+src\s*=\s*["']?(?:https?:)?//""", html, re.IGNORECASE):
        problems.append(f"{where}: loads an external image; mail clients block them, embed the text instead")
    if re.search(r"""<link[^>]+stylesheet""", html, re.IGNORECASE):
        problems.append(
            f"{where}: links an external stylesheet; Gmail and Outlook ignore it, use inline style="
        )
    return problems


# --- sample data -------------------------------------------------------------------------------------

_SAMPLE_COMPANY = {
    "pl": {
        "name": "Biuro Rachunkowe Przykład Sp. z o.o.",
        "email": "naleznosci@przyklad.pl",
        "phone": "+48 22 123 45 67",
        "bank_account": "PL61 1090 1014 0000 0712 1981 2874",
        "bank_name": "Santander Bank Polska",
        "contact_name": "Anna Nowak",
        "signature": "Anna Nowak\nDział rozliczeń\nBiuro Rachunkowe Przykład Sp. z o.o.\ntel. +48 22 123 45 67",
    },
    "de": {
        "name": "Beispiel Buchhaltung GmbH",
        "email": "forderungen@beispiel.de",
        "phone": "+49 30 1234567",
        "bank_account": "DE89 3704 0044 0532 0130 00",
        "bank_name": "Commerzbank",
        "contact_name": "Jonas Weber",
        "signature": "Jonas Weber\nDebitorenbuchhaltung\nBeispiel Buchhaltung GmbH\nTel. +49 30 1234567",
    },
}
_SAMPLE_COMPANY_EN = {
    "name": "Example Accounts Ltd",
    "email": "accounts@example.co.uk",
    "phone": "+44 20 7946 0000",
    "bank_account": "GB29 NWBK 6016 1331 9268 19",
    "bank_name": "NatWest",
    "contact_name": "Emily Clarke",
    "signature": "Emily Clarke\nCredit Control\nExample Accounts Ltd\n+44 20 7946 0000",
}
_SAMPLE_CURRENCY = {"pl": "PLN", "de": "EUR", "en": "GBP"}


def sample_context(stage: str, language: str, *, minimal: bool = False) -> dict[str, Any]:
    """A realistic context for trying templates: two currencies, three invoices.

    ``minimal`` sets the optional parts to ``None`` and leaves the optional company fields empty.
    """
    lang = normalize_language(language) or "en"
    currency = _SAMPLE_CURRENCY.get(lang, "EUR")
    other = "EUR" if currency != "EUR" else "USD"
    today = date(2026, 12, 1)
    courtesy = stage == "courtesy"
    # A courtesy note goes out around the due date; the others weeks later.
    overdue = (-3, 0) if courtesy else (41, 18)
    invoices = [
        {
            "number": "FV/2026/10/117",
            "issued_on": date(2026, 10, 7),
            "due_on": date.fromordinal(today.toordinal() - overdue[0]),
            "open_amount": Decimal("12345.67"),
            "currency": currency,
            "days_overdue": overdue[0],
        },
        {
            "number": "FV/2026/11/004",
            "issued_on": date(2026, 11, 2),
            "due_on": date.fromordinal(today.toordinal() - overdue[1]),
            "open_amount": Decimal("1204.50"),
            "currency": currency,
            "days_overdue": overdue[1],
        },
        {
            "number": "FV/2026/11/031",
            "issued_on": date(2026, 11, 3),
            "due_on": date.fromordinal(today.toordinal() - overdue[1]),
            "open_amount": Decimal("980.00"),
            "currency": other,
            "days_overdue": overdue[1],
        },
    ]
    company = dict(_SAMPLE_COMPANY.get(lang, _SAMPLE_COMPANY_EN))
    if minimal:  # a company that filled in only what tactful.toml requires
        company.update(phone="", bank_name="", contact_name="", signature="")
    return {
        "company": company,
        "customer": {"id": "K-0042", "name": "Kowalski & Synowie <Handel> Sp.j."},
        "stage": stage,
        "language": lang,
        "today": today,
        "invoices": invoices,
        "totals": [
            {"amount": Decimal("13550.17"), "currency": currency},
            {"amount": Decimal("980.00"), "currency": other},
        ],
        "transfer_title": "K-0042 FV/2026/10/117 FV/2026/11/004 FV/2026/11/031",
        "announces": None if minimal else {"action": "collection_agency", "deadline_on": date(2026, 12, 15)},
        "promise": None
        if minimal
        else {"promised_on": date(2026, 11, 20), "amount": Decimal("5000.00"), "currency": currency},
        "previous": None if minimal else {"sent_on": date(2026, 11, 17), "stage": "reminder"},
    }


# --- filters -----------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=64)
def locale_for(language: str | None) -> Locale:
    """The Babel locale a letter in ``language`` is formatted with (British English when unknown)."""
    lang = normalize_language(language)
    try:
        return Locale.parse(LOCALES.get(lang, lang or "en_GB"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_GB")


def _is_html(ctx: Context) -> bool:
    return bool(ctx.eval_ctx.autoescape)


def _finish(ctx: Context, text: str) -> str:
    return text if _is_html(ctx) else text.translate(_NO_BREAK_SPACES)


@pass_context
def _money(ctx: Context, amount: object, currency: str) -> str:
    if isinstance(amount, float) or not isinstance(amount, Decimal | int | str):
        raise TypeError(f"money() needs a Decimal amount, got {amount!r}; floats lose cents")
    return _finish(
        ctx, _format_money(Decimal(amount), str(currency), normalize_language(ctx.get("language")))
    )


def _as_date(value: object) -> date:
    if not isinstance(value, date):
        raise TypeError(f"expected a date, got {value!r}")
    return value


@pass_context
def _short_date(ctx: Context, value: object) -> str:
    lang = normalize_language(ctx.get("language"))
    return _finish(ctx, _format_date(_as_date(value), SHORT_DATE_PATTERNS.get(lang, "medium"), lang))


@pass_context
def _long_date(ctx: Context, value: object) -> str:
    return _finish(ctx, _format_date(_as_date(value), "long", normalize_language(ctx.get("language"))))


@pass_context
def _days(ctx: Context, value: object) -> str:
    if not isinstance(value, int):
        raise TypeError(f"days() needs a whole number of days, got {value!r}")
    return _finish(ctx, _format_days(value, normalize_language(ctx.get("language"))))


# Babel's formatting is the costliest part of a render and letters repeat the same amounts and
# dates (text and HTML part, invoice and total): remember recent results. All three are pure.
@functools.lru_cache(maxsize=8192)
def _format_money(amount: Decimal, currency: str, language: str) -> str:
    text = format_currency(amount, currency, locale=locale_for(language))
    # CLDR puts a space between a currency *code* and the digits ("PLN 1,204.50"); Babel does not.
    return re.sub(r"(?<=[A-Za-z])(?=[\d-])|(?<=\d)(?=[A-Za-z])", "\u00a0", text)


@functools.lru_cache(maxsize=4096)
def _format_date(value: date, pattern: str, language: str) -> str:
    return format_date(value, pattern, locale=locale_for(language))


@functools.lru_cache(maxsize=1024)
def _format_days(value: int, language: str) -> str:
    return format_unit(value, "duration-day", length="long", locale=locale_for(language))


def _nl2br(value: object) -> Markup:
    return Markup("<br>\n").join(escape(line) for line in str(value).splitlines())


# --- rendering and error reports ---------------------------------------------------------------------


def _tidy_text(text: str) -> str:
    # Optional paragraphs leave blank lines behind: no trailing spaces, at most one empty line in a row.
    lines = [line.rstrip() for line in text.strip("\n").splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def _display(templates: TemplateSet, name_or_path: str) -> str:
    """How a template file is named in messages: ``templates/pl/firm-body.txt`` for a default, the full path for the user's."""
    path = Path(name_or_path)
    if not path.is_absolute():
        found = templates.path_of(name_or_path)
        if found is None:
            return f"templates/{name_or_path}"
        path = found
    try:
        return f"templates/{path.relative_to(DEFAULT_TEMPLATES_DIR).as_posix()}"
    except ValueError:
        return str(path)


def _template_frame(templates: TemplateSet, tb: TracebackType | None) -> tuple[str, int] | None:
    """The innermost template file and line in a traceback (Jinja rewrites frames to point into templates)."""
    found = None
    roots = [str(p) for p in templates.search_path]
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if any(filename.startswith(root) for root in roots) and filename.endswith((".txt", ".html", ".htm")):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _render(templates: TemplateSet, name: str, ctx: Mapping[str, Any]) -> str:
    try:
        template = templates.environment.get_template(name)
        return template.render(ctx)
    except TemplateNotFound as exc:
        missing = exc.name or name
        where = ", ".join(str(p) for p in templates.search_path)
        raise TemplateError(
            f"{_display(templates, name)}: needs template {missing!r}, which is in none of {where}; "
            f"add it or fix the include"
        ) from None
    except TemplateSyntaxError as exc:
        filename = exc.filename or exc.name or name
        raise TemplateError(
            f"{_display(templates, filename)} line {exc.lineno}: {exc.message}; fix the template syntax"
        ) from None
    except UndefinedError as exc:
        frame = _template_frame(templates, exc.__traceback__)
        where, detail = _undefined_report(templates, frame, str(exc.message or exc), ctx, name)
        raise TemplateError(f"{where}: {detail}") from None
    except Exception as exc:  # a filter or a sandbox refusal: still name the file and line
        frame = _template_frame(templates, exc.__traceback__)
        where = f"{_display(templates, frame[0])} line {frame[1]}" if frame else _display(templates, name)
        raise TemplateError(f"{where}: {type(exc).__name__}: {exc}") from None


def _undefined_report(
    templates: TemplateSet,
    frame: tuple[str, int] | None,
    message: str,
    ctx: Mapping[str, Any],
    name: str,
) -> tuple[str, str]:
    if frame is None:
        return _display(templates, name), f"{message}; see mailer/render.py for the context keys"
    filename, lineno = frame
    where = f"{_display(templates, filename)} line {lineno}"
    match = re.search(r"has no (?:attribute|element) '([^']*)'|^'([^']*)' is undefined", message)
    missing = (match.group(1) or match.group(2)) if match else None
    if missing is None:
        return where, f"{message}; see mailer/render.py for the context keys"
    try:
        source = Path(filename).read_text(encoding="utf-8").splitlines()[lineno - 1]
    except (OSError, IndexError):
        source = ""
    # The line may name the key several times ("{{ L.bank_account }}: {{ company.bank_account }}"):
    # prefer a parent that is in the context and lacks the key, then one we cannot see (a loop
    # variable, a macro argument), never one that has the key.
    candidates: list[tuple[int, str, Any]] = []
    for found in re.finditer(rf"([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\.{re.escape(missing)}\b", source):
        parent: Any = ctx
        for part in found.group(1).split("."):
            parent = parent.get(part) if isinstance(parent, Mapping) else None
        if isinstance(parent, Mapping) and missing in parent:
            continue
        candidates.append((0 if isinstance(parent, Mapping) else 1, found.group(1), parent))
    candidates.sort(key=lambda c: c[0])
    dotted = candidates[0] if candidates else None
    expression = f"{dotted[1]}.{missing}" if dotted else missing
    hint = "see mailer/render.py for the context keys"
    if dotted:
        if isinstance(dotted[2], Mapping):
            hint = f"{dotted[1]} has: {', '.join(sorted(map(str, dotted[2])))}"
    elif missing not in ctx:
        hint = f"the context has: {', '.join(sorted(ctx))}"
    return where, f"{expression!r} is undefined ({hint})"
