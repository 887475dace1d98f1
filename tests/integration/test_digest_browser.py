"""The digest (and a reminder) in a real browser: nothing overflows at 600 and 375 px, key figures are visible.

Headless Chromium (Debian package ``chromium``) loads one page holding every case in an iframe of the
exact width a mail client would give it; a script measures each iframe's document (scroll width, where
each key figure is and whether it is shown) and writes the result into the DOM, which ``--dump-dom``
prints. Iframes rather than ``--window-size``: headless Chromium's window is never narrower than 500 px,
an iframe is. Screenshots of each case at both widths, side by side, go to ``tests/artifacts/``.
"""

from __future__ import annotations

import base64
import contextlib
import html
import json
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ledger.model import Invoice
from mailer.digest import render_digest_html
from mailer.render import TemplateSet, load_templates, render_reminder, sample_context
from rules.digest import DigestFacts, NeedsYouItem, PromiseItem, build_digest, sample_facts
from tests.servers import require_or_skip

pytestmark = pytest.mark.integration

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
WIDTHS = (600, 375)
GAP = 24
DAY = date(2026, 11, 23)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--hide-scrollbars",
    "--mute-audio",
)
# Tall enough that no case gets a vertical scrollbar eating into its width.
FRAME_HEIGHT = 12000

MEASURE_SCRIPT = """
<script>
window.addEventListener('load', function () {
  var norm = function (s) { return s.replace(/[\\u00a0\\u202f]/g, ' ').replace(/\\s+/g, ' '); };
  var skip = {SCRIPT: 1, STYLE: 1, TITLE: 1, HEAD: 1};
  var results = {};
  document.querySelectorAll('iframe[data-case]').forEach(function (frame) {
    var doc = frame.contentDocument, width = frame.clientWidth;
    var needles = JSON.parse(frame.getAttribute('data-figures'));
    // The content's own height: the document's scrollHeight is never less than the (tall) iframe.
    var out = {width: width, scrollWidth: doc.documentElement.scrollWidth,
               height: Math.ceil(doc.body.getBoundingClientRect().bottom), figures: {}, overflowing: []};
    needles.forEach(function (n) { out.figures[n] = {found: false, visible: false, inside: false}; });
    var walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT), node;
    while ((node = walker.nextNode())) {
      var el = node.parentElement;
      if (!el || skip[el.tagName]) continue;
      var text = norm(node.nodeValue);
      needles.forEach(function (n) {
        if (text.indexOf(norm(n)) < 0) return;
        var seen = out.figures[n], rects = el.getClientRects(), style = doc.defaultView.getComputedStyle(el);
        seen.found = true;
        if (rects.length > 0 && style.visibility !== 'hidden' && parseFloat(style.fontSize) > 0) {
          var r = el.getBoundingClientRect();
          seen.visible = true;
          seen.inside = seen.inside || (r.left >= -0.5 && r.right <= width + 0.5);
        }
      });
    }
    doc.querySelectorAll('body *').forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (r.right > width + 0.5 && out.overflowing.length < 5)
        out.overflowing.push(el.tagName + ' ' + Math.round(r.right) + 'px: ' + norm(el.textContent).slice(0, 60));
    });
    out.bars = Array.prototype.filter.call(doc.querySelectorAll('.digest-bar'),
      function (el) { return el.getBoundingClientRect().width >= 1; }).length;
    results[frame.getAttribute('data-case')] = out;
  });
  var pre = document.createElement('pre');
  pre.id = 'tactful-measure';
  pre.textContent = btoa(unescape(encodeURIComponent(JSON.stringify(results))));
  document.body.appendChild(pre);
});
</script>
"""


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    html: str
    figures: tuple[str, ...]
    bars: int = 0  # aging bars that must be drawn (buckets holding money)


def chromium_binary() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        require_or_skip(
            "install Debian package chromium (apt-get install -y chromium) to run the layout tests"
        )
    assert found is not None
    return found


def run_chromium(binary: str, args: list[str], profile: Path, timeout_s: float = 60.0) -> str:
    """Run headless Chromium with a fresh profile; its stdout. The whole process group goes when it is done."""
    process = subprocess.Popen(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        process_group=0,
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise AssertionError(f"chromium {args[-1]} did not finish in {timeout_s} s") from None
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    if process.returncode != 0:
        raise AssertionError(
            f"chromium exited with {process.returncode}: {stderr.decode(errors='replace')[-2000:]}"
        )
    return stdout.decode()


def frame(case: Case, width: int, height: int) -> str:
    return (
        f'<iframe data-case="{case.name}@{width}" data-figures="{html.escape(json.dumps(case.figures))}" '
        f'width="{width}" height="{height}" style="border:0;width:{width}px;height:{height}px;vertical-align:top;" '
        f'srcdoc="{html.escape(case.html, quote=True)}"></iframe>'
    )


def page(body: str, script: str = "") -> str:
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
        f'<body style="margin:0;padding:0;background:#ffffff;white-space:nowrap;">{body}{script}</body></html>'
    )


def money(templates: TemplateSet, amount: Any, currency: str, language: str) -> str:
    return templates.environment.from_string("{{ a|money(c) }}").render(
        a=amount, c=currency, language=language
    )


def digest_case(templates: TemplateSet, name: str, facts: DigestFacts) -> Case:
    digest = build_digest(facts)
    lang = digest.language
    figures = [money(templates, b.overdue, b.currency, lang) for b in digest.books]
    figures += [money(templates, m.amount, m.currency, lang) for m in digest.matched]
    figures += [n.customer_name for n in digest.needs_you if n.customer_name][:3]
    figures += [
        money(templates, n.amount, n.currency, lang) for n in digest.needs_you if n.amount is not None
    ]
    figures += [c.customer_name for c in digest.top_overdue[:3]]
    words = templates.environment.get_template(f"{lang}/_digest_labels.txt").module
    if not digest.has_urgent:
        figures.append(words.W["quiet"])  # type: ignore[attr-defined]
    bars = sum(1 for book in digest.books for bucket in book.aging if bucket.amount > 0)
    return Case(name, render_digest_html(templates, digest), tuple(dict.fromkeys(figures)), bars)


def extreme_facts() -> DigestFacts:
    """Unbreakable names and references, twelve-digit amounts, one customer owing in four currencies."""
    long_name = "Grundstücksverwaltungsgesellschaftfürgewerblicheimmobilienundbeteiligungen" + "GmbH&CoKG"
    huge = Decimal("999999999999.99")
    owed = [("EUR", 5), ("PLN", 40), ("USD", 70), ("CHF", 100)]
    invoices = [
        Invoice(
            f"RE-{n}",
            "K1",
            DAY - timedelta(days=late + 14),
            DAY - timedelta(days=late),
            huge,
            cur,
            customer_name=long_name,
        )
        for n, (cur, late) in enumerate(owed)
    ]
    needs = [
        NeedsYouItem("unattributed_reply", "", "", huge, "EUR", "Antwort von " + "x" * 80 + "@example.com",
                     quote="Bitte" + "sehr" * 40, ref="<CAF" + "q" * 120 + "@mail.gmail.com>"),
        NeedsYouItem("dispute", "K1", long_name, huge, "CHF", "Einwand", quote="Nein.", ref="RE-1/" + "9" * 60),
    ]  # fmt: skip
    return DigestFacts(
        day=DAY,
        company_name=long_name,
        language="de",
        needs_you=needs,
        promises=[PromiseItem("K1", long_name, DAY, huge, "USD", "due_today")],
        matched=[(huge, cur) for cur, _ in owed],
        open_invoices=invoices,
        previous_totals={cur: (Decimal("0.01"), Decimal("0.01")) for cur, _ in owed},
        main_currency="EUR",
    )


@pytest.fixture(scope="module")
def cases() -> list[Case]:
    templates = load_templates()
    found = [digest_case(templates, f"digest-{lang}", sample_facts(lang, DAY)) for lang in ("pl", "en", "de")]
    found.append(
        digest_case(
            templates, "digest-quiet-en", DigestFacts(day=DAY, company_name="Example Ltd", language="en")
        )
    )
    found.append(digest_case(templates, "digest-extreme-de", extreme_facts()))
    for stage, lang in (("firm", "pl"),):
        if stage in templates.stages(lang) and templates.has(f"{lang}/{stage}-body.html"):
            context = sample_context(stage, lang)
            rendered = render_reminder(templates, stage, lang, context)
            assert rendered.html is not None
            figures = [money(templates, t["amount"], t["currency"], lang) for t in context["totals"]]
            figures += [context["customer"]["name"], context["company"]["bank_account"]]
            found.append(Case(f"reminder-{stage}-{lang}", rendered.html, tuple(figures)))
    return found


@pytest.fixture(scope="module")
def measured(
    cases: list[Case], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, dict[str, Any]]]:
    binary = chromium_binary()
    work = tmp_path_factory.mktemp("chromium")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for case in cases:
        (ARTIFACTS / f"{case.name}.html").write_text(case.html, encoding="utf-8")
    frames = "".join(frame(case, width, FRAME_HEIGHT) for case in cases for width in WIDTHS)
    (work / "measure.html").write_text(page(frames, MEASURE_SCRIPT), encoding="utf-8")

    dom = run_chromium(
        binary, ["--window-size=1000,800", "--dump-dom", (work / "measure.html").as_uri()], work / "p0"
    )

    found = re.search(r'id="tactful-measure">([^<]*)<', dom)
    assert found, f"the measuring script did not run; chromium printed: {dom[-1000:]}"
    results: dict[str, dict[str, Any]] = json.loads(base64.b64decode(found.group(1)).decode())

    def screenshot(case: Case) -> None:
        height = max(int(results[f"{case.name}@{w}"]["height"]) for w in WIDTHS) + 2
        spacer = f'<span style="display:inline-block;width:{GAP}px"></span>'
        side_by_side = spacer.join(frame(case, width, height) for width in WIDTHS)
        source = work / f"{case.name}.html"
        source.write_text(page(side_by_side), encoding="utf-8")
        window = f"--window-size={sum(WIDTHS) + GAP * (len(WIDTHS) - 1)},{height}"
        target = ARTIFACTS / f"{case.name}-600-375.png"
        run_chromium(binary, [window, f"--screenshot={target}", source.as_uri()], work / f"p-{case.name}")

    # Two at a time: the machine has two cores.
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(screenshot, cases))
    yield results


def case_ids() -> list[str]:
    return [
        f"{name}@{w}"
        for name in ("digest-pl", "digest-en", "digest-de", "digest-quiet-en", "digest-extreme-de")
        for w in WIDTHS
    ]


@pytest.mark.parametrize("key", case_ids())
def test_the_digest_never_scrolls_sideways_and_shows_its_key_figures(
    measured: dict[str, Any], cases: list[Case], key: str
) -> None:
    check(measured[key], key)
    case = next(c for c in cases if key.startswith(f"{c.name}@"))
    assert measured[key]["bars"] == case.bars, (
        f"{key}: {measured[key]['bars']} aging bars drawn, {case.bars} expected"
    )


@pytest.mark.parametrize("width", [600, 375])
def test_a_reminder_never_scrolls_sideways_and_shows_its_key_figures(
    measured: dict[str, Any], cases: list[Case], width: int
) -> None:
    reminders = [c for c in cases if c.name.startswith("reminder-")]
    if not reminders:
        pytest.skip("no reminder templates with an HTML part yet (templates/pl/firm-body.html)")
    for case in reminders:
        check(measured[f"{case.name}@{width}"], f"{case.name}@{width}")


def test_screenshots_were_saved_for_every_case(measured: dict[str, Any], cases: list[Case]) -> None:
    for case in cases:
        shot = ARTIFACTS / f"{case.name}-600-375.png"
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", f"{shot} is not a PNG"


def check(result: dict[str, Any], key: str) -> None:
    width = result["width"]
    assert result["scrollWidth"] <= width, (
        f"{key}: the page is {result['scrollWidth']} px wide in a {width} px window; "
        f"overflowing: {result['overflowing']}; see tests/artifacts/"
    )
    problems = [
        f"{figure!r}: "
        + ("not in the page" if not seen["found"] else "hidden" if not seen["visible"] else "cut off")
        for figure, seen in result["figures"].items()
        if not (seen["found"] and seen["visible"] and seen["inside"])
    ]
    assert result["figures"], f"{key}: no key figures to look for"
    assert not problems, f"{key}: " + "; ".join(problems)
