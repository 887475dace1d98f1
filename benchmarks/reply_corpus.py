"""A labelled corpus of realistic replies to payment reminders, and its scorer.

    python benchmarks/reply_corpus.py --out /tmp/replies   # writes NNN-<intent>.eml + labels.jsonl

The replies are generated from sentence templates written the way customers write
(Polish, English, German), deliberately *not* copied from ``rules/phrases/*.toml``, with:
greetings and sign-offs, company signatures, the quoted reminder below in the styles of
Gmail, Outlook, Apple Mail and Thunderbird, HTML-only bodies, Polish and German legacy
charsets (including cp1250 mislabelled as iso-8859-2), auto-replies with and without
headers, RFC 3464 and home-grown bounces, negations, conditions, and absolute, relative
and vague dates. Each label's date is computed here, independently of ``rules.dates``.

``build_corpus(seed)`` returns ``[(name, raw_bytes, label)]``; ``score(results)`` the figures.
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

from reply_heldout import (
    HELDOUT29_TEMPLATES,
    HELDOUT30_TEMPLATES,
    HELDOUT31_TEMPLATES,
    HELDOUT32_TEMPLATES,
    HELDOUT33_TEMPLATES,
)

from rules.replies import shipped_examples

INTENTS = ("promise_to_pay", "payment_plan", "already_paid", "dispute", "out_of_office", "bounce", "other")

# --------------------------------------------------------------------------------------------
# dates: an expression in words plus the day it means (computed here, not by rules.dates)

PL_WD_NOM = ["poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota", "niedziela"]
PL_WD_GEN = ["poniedziałku", "wtorku", "środy", "czwartku", "piątku", "soboty", "niedzieli"]
PL_WD_ACC = ["poniedziałek", "wtorek", "środę", "czwartek", "piątek", "sobotę", "niedzielę"]
PL_MONTH_GEN = [
    "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
    "lipca", "sierpnia", "września", "października", "listopada", "grudnia",
]  # fmt: skip
EN_WD = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EN_MONTH = list(calendar.month_name)[1:]
DE_WD = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
DE_MONTH = [
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
]  # fmt: skip


def _upcoming(received: date, weekday: int) -> date:
    return received + timedelta(days=(weekday - received.weekday()) % 7)


def _ahead(received: date, rng: random.Random) -> date:
    return received + timedelta(days=rng.randint(3, 40))


def _ordinal(day: int) -> str:
    return f"{day}{'th' if 11 <= day % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def date_phrase(language: str, received: date, rng: random.Random) -> tuple[str, date | None]:
    """A way of naming a payment day in ``language`` and the day it means (``None`` if vague)."""
    kind = rng.choice(
        ["weekday", "weekday", "absolute", "absolute", "absolute", "relative", "relative", "vague"]
    )
    if kind == "weekday":
        wd = rng.randrange(5)
        day = _upcoming(received, wd)
        if language == "pl":
            return rng.choice(
                [f"do {PL_WD_GEN[wd]}", f"w {PL_WD_ACC[wd]}", f"najpóźniej w {PL_WD_ACC[wd]}"]
            ), day
        if language == "en":
            return rng.choice([f"by {EN_WD[wd]}", f"on {EN_WD[wd]}", f"this {EN_WD[wd]}"]), day
        return rng.choice([f"bis {DE_WD[wd]}", f"am {DE_WD[wd]}", f"spätestens am {DE_WD[wd]}"]), day
    if kind == "absolute":
        day = _ahead(received, rng)
        d, m, y = day.day, day.month, day.year
        if language == "pl":
            forms = [
                f"do {d}.{m:02d}",
                f"{d:02d}.{m:02d}.{y}",
                f"do {d} {PL_MONTH_GEN[m - 1]}",
                f"{d} {PL_MONTH_GEN[m - 1]}",
            ]
        elif language == "en":
            month = EN_MONTH[m - 1]
            forms = [f"by {d} {month}", f"on {month} {_ordinal(d)}", f"on the {_ordinal(d)} of {month}",
                     f"by {d:02d}/{m:02d}/{y}", f"on {month} {d}, {y}"]  # fmt: skip
        else:
            forms = [
                f"bis zum {d:02d}.{m:02d}.{y}",
                f"am {d}. {DE_MONTH[m - 1]}",
                f"bis zum {d}.{m}.",
                f"zum {d}. {DE_MONTH[m - 1]}",
            ]
        return rng.choice(forms), day
    if kind == "relative":
        choice = rng.randrange(4)
        if choice == 0:
            return {"pl": "jutro", "en": "tomorrow", "de": "morgen"}[language], received + timedelta(days=1)
        if choice == 1:
            n = rng.choice([3, 5, 7, 10, 14])
            phrase = {"pl": f"w ciągu {n} dni", "en": f"within {n} days", "de": f"innerhalb von {n} Tagen"}[
                language
            ]
            return phrase, received + timedelta(days=n)
        if choice == 2:
            last = date(received.year, received.month, calendar.monthrange(received.year, received.month)[1])
            phrase = rng.choice(
                {
                    "pl": ["do końca miesiąca", "do końca tego miesiąca"],
                    "en": ["by the end of the month", "before the end of this month"],
                    "de": ["bis Ende des Monats", "bis zum Monatsende"],
                }[language]
            )
            return phrase, last
        phrase = {"pl": "pojutrze", "en": "the day after tomorrow", "de": "übermorgen"}[language]
        return phrase, received + timedelta(days=2)
    vague = {
        "pl": ["w przyszłym tygodniu", "wkrótce", "jak najszybciej", "po 10-tym", "na dniach"],
        "en": ["next week", "soon", "as soon as we can", "after the 10th", "in the coming days"],
        "de": ["nächste Woche", "bald", "so schnell wie möglich", "nach dem 10.", "in den nächsten Tagen"],
    }[language]
    return rng.choice(vague), None


def amount_phrase(language: str, rng: random.Random) -> tuple[str, str, str]:
    """An amount as the customer would write it, its decimal value and currency."""
    value = rng.choice([480, 1204.5, 2460, 4920, 5000, 12300.99, 899.9, 15750])
    whole, cents = int(value), round((value - int(value)) * 100)
    canonical = f"{value:.2f}"
    if language == "pl":
        grouped = f"{whole:,}".replace(",", " ")
        text = rng.choice([f"{grouped},{cents:02d} zł", f"{whole},{cents:02d} PLN", f"{grouped} zł"])
        if text.endswith(" zł") and "," not in text and cents:
            text = f"{grouped},{cents:02d} zł"
        return text, canonical, "PLN"
    if language == "en":
        grouped = f"{whole:,}"
        return rng.choice([f"£{grouped}.{cents:02d}", f"GBP {whole}.{cents:02d}"]), canonical, "GBP"
    grouped = f"{whole:,}".replace(",", ".")
    return (
        rng.choice([f"{grouped},{cents:02d} EUR", f"{grouped},{cents:02d} €", f"EUR {grouped},{cents:02d}"]),
        canonical,
        "EUR",
    )


# --------------------------------------------------------------------------------------------
# what customers write: the example replies tactful ships (rules/phrases/<lang>.examples.toml,
# which its second opinion learns from) and held-out sets it has never seen (reply_heldout.py).
# {date} and {amount} are filled in; {inv} is the invoice number.


def shipped_templates() -> dict[str, dict[str, list[str]]]:
    """The shipped example replies per language and intent, annotations and all."""
    return {language: shipped_examples(language) for language in ("pl", "en", "de")}


GREETINGS = {
    "pl": ["Dzień dobry,", "Witam,", "Szanowni Państwo,", "Dzień dobry Pani Anno,", ""],
    "en": ["Hi,", "Hello,", "Dear Sir or Madam,", "Hi Anna,", ""],
    "de": ["Guten Tag,", "Hallo,", "Sehr geehrte Damen und Herren,", "Liebe Frau Nowak,", ""],
}
SIGNOFFS = {
    "pl": ["Pozdrawiam\n{name}", "Z poważaniem\n{name}\nKsięgowa", "Pozdrawiam serdecznie,\n{name}", "--\n{name}\ntel. +48 601 234 567", "{name}"],
    "en": ["Best regards,\n{name}", "Kind regards\n{name}\nFinance Manager", "Thanks,\n{name}", "-- \n{name} | Accounts Payable\n+44 20 7946 0000", "Cheers\n{name}"],
    "de": ["Mit freundlichen Grüßen\n{name}", "Viele Grüße\n{name}", "Beste Grüße,\n{name}\nBuchhaltung", "--\n{name}\nTel. +49 30 1234567", "LG {name}"],
}  # fmt: skip
NAMES = {
    "pl": ["Anna Nowak", "Łukasz Żółkiewski", "Małgorzata Świątek", "Piotr Wiśniewski", "Zofia Kąkol"],
    "en": ["Tom Baker", "Sarah Lee", "James O'Neill", "Priya Patel", "Emma Clarke"],
    "de": ["Jürgen Müller", "Petra Schäfer", "Klaus Weiß", "Anja Köhler", "Stefan Groß"],
}
REMINDERS = {
    "pl": (
        "Szanowni Państwo,\nuprzejmie przypominamy o nieopłaconej fakturze {inv} na kwotę 4 920,00 zł, "
        "której termin płatności minął. Prosimy o zapłatę do piątku.\nJeśli faktura została już opłacona, "
        "prosimy zignorować tę wiadomość.\nZ poważaniem\nDział Należności"
    ),
    "en": (
        "Dear customer,\nOur records show that invoice {inv} for £1,204.50 is overdue. Please pay by Friday.\n"
        "If you have already paid, please disregard this message. If you dispute the invoice, let us know.\n"
        "Kind regards,\nAccounts Receivable"
    ),
    "de": (
        "Sehr geehrte Damen und Herren,\ndie Rechnung {inv} über 5.000,00 EUR ist überfällig. Bitte überweisen "
        "Sie den Betrag bis Freitag.\nSollten Sie bereits bezahlt haben, betrachten Sie dieses Schreiben als "
        "gegenstandslos.\nMit freundlichen Grüßen\nBuchhaltung"
    ),
}
SUBJECTS = {
    "pl": (
        "Re: Przypomnienie o płatności {inv}",
        "Odp: Przypomnienie o płatności {inv}",
        "RE: Przypomnienie {inv}",
    ),
    "en": ("Re: Payment reminder {inv}", "RE: Overdue invoice {inv}", "Re: Invoice {inv} overdue"),
    "de": ("AW: Zahlungserinnerung {inv}", "Re: Zahlungserinnerung {inv}", "AW: Offene Rechnung {inv}"),
}
AUTO_SUBJECTS = {
    "pl": ["Odpowiedź automatyczna: Przypomnienie o płatności {inv}", "Automatyczna odpowiedź: {inv}"],
    "en": [
        "Automatic reply: Payment reminder {inv}",
        "Out of Office: Payment reminder {inv}",
        "Auto: Invoice {inv}",
    ],
    "de": ["Automatische Antwort: Zahlungserinnerung {inv}", "Abwesenheitsnotiz: Zahlungserinnerung {inv}"],
}
AR = "Dział Należności <windykacja@firma.example.pl>"


def _quote_block(language: str, style: str, reminder: str, sent: datetime) -> str:
    """The reminder quoted below a reply, as mail programs do it."""
    quoted = "\n".join(("> " + line) if line else ">" for line in reminder.splitlines())
    when = sent.strftime("%d.%m.%Y %H:%M")
    if style == "gmail":
        head = {
            "pl": f"W dniu {when} {AR} napisał(a):",
            "en": f"On {sent.strftime('%a, %d %b %Y at %H:%M')} Accounts Receivable <ar@firma.example.pl> wrote:",
            "de": f"Am {when} schrieb Buchhaltung <buchhaltung@firma.example.pl>:",
        }[language]
        return f"\n\n{head}\n{quoted}\n"
    if style == "outlook":
        fields = {
            "pl": ("Od", "Wysłano", "Do", "Temat"),
            "en": ("From", "Sent", "To", "Subject"),
            "de": ("Von", "Gesendet", "An", "Betreff"),
        }[language]
        return (
            f"\n\n________________________________\n{fields[0]}: {AR}\n{fields[1]}: {when}\n"
            f"{fields[2]}: klient@example.com\n{fields[3]}: Przypomnienie\n\n{reminder}\n"
        )
    if style == "separator":
        line = {
            "pl": "-----Oryginalna wiadomość-----",
            "en": "-----Original Message-----",
            "de": "-----Ursprüngliche Nachricht-----",
        }[language]
        return f"\n\n{line}\nFrom: {AR}\nSent: {when}\n\n{reminder}\n"
    if style == "apple":
        head = {
            "pl": f"> Wiadomość napisana przez Dział Należności w dniu {when}:",
            "en": f"> On {sent.strftime('%d %b %Y')}, at {sent.strftime('%H:%M')}, Accounts Receivable <ar@firma.example.pl> wrote:",
            "de": f"> Am {when} schrieb Buchhaltung <buchhaltung@firma.example.pl>:",
        }[language]
        return f"\n\n{head}\n>\n{quoted}\n"
    return ""


def _html_body(own: str, language: str, reminder: str, style: str) -> str:
    paragraphs = "".join(f"<div>{line or '<br>'}</div>" for line in own.splitlines())
    quoted = "<br>".join(reminder.splitlines())
    if style == "outlook":
        return (
            f"<html><head><style>p.MsoNormal{{margin:0}}</style></head><body>{paragraphs}"
            f'<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg"><b>From:</b> {AR}<br>'
            f"<b>Sent:</b> Monday</div><div>{quoted}</div></body></html>"
        )
    if style == "thunderbird":
        return (
            f'<html><body><p>{"<br>".join(own.splitlines())}</p><div class="moz-cite-prefix">{AR} wrote:</div>'
            f'<blockquote type="cite">{quoted}</blockquote></body></html>'
        )
    return (
        f'<html><body><div dir="ltr">{paragraphs}</div><br><div class="gmail_quote"><div class="gmail_attr">'
        f'{AR} wrote:</div><blockquote class="gmail_quote">{quoted}</blockquote></div></body></html>'
    )


@dataclass
class _Ctx:
    rng: random.Random
    language: str
    received_at: datetime
    inv: str


def _headers(ctx: _Ctx, sender: str, subject: str, extra: list[str] | None = None) -> list[str]:
    lines = [
        f"From: {sender}",
        "To: windykacja@firma.example.pl",
        f"Subject: {subject}",
        f"Date: {format_datetime(ctx.received_at)}",
        f"Message-ID: <{ctx.rng.getrandbits(48):x}@mail.example>",
        "In-Reply-To: <reminder-1@firma.example.pl>",
        "MIME-Version: 1.0",
    ]
    return lines + (extra or [])


def _encode_header(value: str) -> str:
    from email.header import Header

    return Header(value, "utf-8").encode() if not value.isascii() else value


def _render_reply(
    ctx: _Ctx,
    own: str,
    subject: str,
    extra_headers: list[str] | None = None,
    attachments: tuple[str, ...] = (),
) -> bytes:
    rng, language = ctx.rng, ctx.language
    name = rng.choice(NAMES[language])
    greeting = rng.choice(GREETINGS[language])
    signoff = rng.choice(SIGNOFFS[language]).format(name=name)
    text = (f"{greeting}\n\n" if greeting else "") + own + "\n\n" + signoff
    reminder = REMINDERS[language].format(inv=ctx.inv)
    sent = ctx.received_at - timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 8))
    sender = _encode_header(f"{name} <{name.split()[0].lower().replace('ł', 'l')}@example.com>")
    headers = _headers(ctx, sender, _encode_header(subject), extra_headers)
    form = rng.choice(["plain", "plain", "plain", "html", "alternative", "legacy"])
    if attachments:
        return _with_attachments(headers, text + _quote_block(language, "gmail", reminder, sent), attachments)
    if form == "html":
        html = _html_body(text, language, reminder, rng.choice(["gmail", "outlook", "thunderbird"]))
        headers += ['Content-Type: text/html; charset="utf-8"', "Content-Transfer-Encoding: 8bit"]
        return ("\n".join(headers) + "\n\n" + html + "\n").encode("utf-8")
    quote_style = rng.choice(["gmail", "outlook", "separator", "apple", "none"])
    body = text + _quote_block(language, quote_style, reminder, sent)
    if form == "alternative":
        html = _html_body(text, language, reminder, "outlook" if quote_style == "outlook" else "gmail")
        headers += ['Content-Type: multipart/alternative; boundary="=_alt"']
        parts = (
            f'--=_alt\nContent-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 8bit\n\n{body}\n'
            f'--=_alt\nContent-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: 8bit\n\n{html}\n--=_alt--\n'
        )
        return ("\n".join(headers) + "\n\n" + parts).encode("utf-8")
    if form == "legacy":
        if language == "pl":
            # Outlook Express and old webmails: windows-1250 bytes, sometimes labelled iso-8859-2.
            label = rng.choice(["iso-8859-2", "windows-1250"])
            headers += [f'Content-Type: text/plain; charset="{label}"', "Content-Transfer-Encoding: 8bit"]
            return ("\n".join(headers) + "\n\n").encode("ascii") + body.encode("cp1250", "replace")
        if language == "de":
            headers += ['Content-Type: text/plain; charset="iso-8859-1"', "Content-Transfer-Encoding: 8bit"]
            return ("\n".join(headers) + "\n\n").encode("ascii") + body.encode("latin-1", "replace")
    headers += ['Content-Type: text/plain; charset="utf-8"', "Content-Transfer-Encoding: 8bit"]
    return ("\n".join(headers) + "\n\n" + body + "\n").encode("utf-8")


def _with_attachments(headers: list[str], body: str, attachments: tuple[str, ...]) -> bytes:
    """A multipart/mixed reply: the text, then each named file as a small PDF."""
    parts = [
        f'--=_mix\nContent-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 8bit\n\n{body}\n'
    ]
    for filename in attachments:
        parts.append(
            f'--=_mix\nContent-Type: application/pdf; name="{filename}"\n'
            f'Content-Disposition: attachment; filename="{filename}"\nContent-Transfer-Encoding: base64\n\n'
            "JVBERi0xLjQKJcOkw7zDtsOfCjEgMCBvYmoKPDwvVHlwZS9DYXRhbG9nPj4KZW5kb2JqCg==\n"
        )
    headers = [*headers, 'Content-Type: multipart/mixed; boundary="=_mix"']
    return ("\n".join(headers) + "\n\n" + "".join(parts) + "--=_mix--\n").encode("utf-8")


_ATTACHMENT = re.compile(r"\s*\[\[attachment:\s*([^\]]+?)\s*\]\]\s*$")


def _split_attachment(template: str) -> tuple[str, tuple[str, ...]]:
    """A template without its trailing ``[[attachment: name.pdf]]``, and the file names."""
    match = _ATTACHMENT.search(template)
    if match is None:
        return template, ()
    return template[: match.start()], (match.group(1),)


def _fill(template: str, ctx: _Ctx, label: dict[str, object]) -> str:
    """Fill a template's slots, recording in ``label`` what a reader must find.

    A template starting with "~" names its date in a negated clause ("we can't pay by
    Friday"): that date is not a promise, so the label has no promised date.
    """
    rng, language = ctx.rng, ctx.language
    is_negated_date = template.startswith("~")
    template = template.lstrip("~")
    received = ctx.received_at.date()
    values: dict[str, str] = {"inv": ctx.inv}
    if "{date}" in template:
        phrase, day = date_phrase(language, received, rng)
        values["date"] = phrase
        if is_negated_date:
            # "not {date}, but on the 10th", "not all by {date}: half now, the rest at the end
            # of the month": the day promised is in the writer's own words, so it is not scored
            pass
        elif label["intent"] in ("promise_to_pay", "payment_plan"):
            label["promised_on"] = day.isoformat() if day else None
    # Without a {date} slot the day is not known here (the writer may have named one in their
    # own words: "jutro rano", "in our Friday BACS run"), so the date is not scored.
    if "{amount}" in template:
        text, value, _currency = amount_phrase(language, rng)
        values["amount"] = text
        if label["intent"] in ("promise_to_pay", "payment_plan"):
            label["promised_amount"] = value
    if "{paid_on}" in template:
        paid = received - timedelta(days=rng.randint(1, 12))
        values["paid_on"] = {
            "pl": paid.strftime("%d.%m.%Y"),
            "en": f"{paid.day} {EN_MONTH[paid.month - 1]}",
            "de": paid.strftime("%d.%m.%Y"),
        }[language]
    if "{return}" in template:
        back = received + timedelta(days=rng.randint(2, 20))
        values["return"] = {
            "pl": rng.choice([back.strftime("%d.%m.%Y"), f"{back.day} {PL_MONTH_GEN[back.month - 1]}"]),
            "en": rng.choice(
                [f"{back.day} {EN_MONTH[back.month - 1]}", f"{EN_MONTH[back.month - 1]} {_ordinal(back.day)}"]
            ),
            "de": rng.choice([back.strftime("%d.%m.%Y"), f"{back.day}. {DE_MONTH[back.month - 1]}"]),
        }[language]
        label["return_on"] = back.isoformat()
    return template.format(**values)


# --------------------------------------------------------------------------------------------
# bounces


def _bounce(ctx: _Ctx, label: dict[str, object]) -> bytes:
    rng = ctx.rng
    address = (
        rng.choice(["ksiegowosc", "faktury", "billing", "buchhaltung", "jan.kowalski"])
        + "@"
        + rng.choice(["stara-firma.example.pl", "closed.example.com", "alt.example.de"])
    )
    label["bounce_recipient"] = address
    date_header = format_datetime(ctx.received_at)
    kind = rng.choice(["dsn", "dsn", "qmail", "exim", "exchange", "gmail", "sendmail_delay"])
    label["bounce_permanent"] = kind != "sendmail_delay"
    original = (
        f"From: windykacja@firma.example.pl\nTo: {address}\nSubject: Przypomnienie o płatności {ctx.inv}\n\n"
        + REMINDERS[ctx.language].format(inv=ctx.inv)
    )
    if kind == "dsn":
        status = rng.choice(["5.1.1", "5.2.1", "5.1.10", "5.4.1"])
        return (
            f"From: Mail Delivery System <MAILER-DAEMON@mx.firma.example.pl>\nTo: windykacja@firma.example.pl\n"
            f"Subject: Undelivered Mail Returned to Sender\nDate: {date_header}\nAuto-Submitted: auto-replied\n"
            f'MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="dsn"\n\n'
            f"--dsn\nContent-Type: text/plain; charset=us-ascii\n\nThis is the mail system at host mx.firma.example.pl.\n\n"
            f"I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n"
            f"--dsn\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.firma.example.pl\n\n"
            f"Final-Recipient: rfc822; {address}\nAction: failed\nStatus: {status}\n"
            f"Diagnostic-Code: smtp; 550 {status} <{address}>: Recipient address rejected\n\n"
            f"--dsn\nContent-Type: message/rfc822\n\n{original}\n--dsn--\n"
        ).encode()
    if kind == "qmail":
        return (
            f"From: MAILER-DAEMON@mail.example.net\nTo: windykacja@firma.example.pl\nSubject: failure notice\n"
            f"Date: {date_header}\n\nHi. This is the qmail-send program at mail.example.net.\n"
            f"I'm afraid I wasn't able to deliver your message to the following addresses.\n"
            f"This is a permanent error; I've given up. Sorry it didn't work out.\n\n<{address}>:\n"
            f"Sorry, no mailbox here by that name. (#5.1.1)\n\n--- Below this line is a copy of the message.\n\n{original}\n"
        ).encode()
    if kind == "exim":
        return (
            f"From: Mail Delivery System <Mailer-Daemon@relay.example.org>\nTo: windykacja@firma.example.pl\n"
            f"Subject: Mail delivery failed: returning message to sender\nDate: {date_header}\n"
            f"X-Failed-Recipients: {address}\nAuto-Submitted: auto-replied\n\n"
            f"This message was created automatically by mail delivery software.\n\n"
            f"A message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. "
            f"The following address(es) failed:\n\n  {address}\n    SMTP error from remote mail server after RCPT TO:<{address}>:\n"
            f"    550 5.1.1 User unknown\n\n------ This is a copy of the message, including all the headers. ------\n\n{original}\n"
        ).encode()
    if kind == "exchange":
        return (
            f"From: Microsoft Outlook <postmaster@example.onmicrosoft.com>\nTo: windykacja@firma.example.pl\n"
            f"Subject: Undeliverable: Przypomnienie o płatności {ctx.inv}\nDate: {date_header}\n"
            f'MIME-Version: 1.0\nContent-Type: text/plain; charset="utf-8"\n\n'
            f"Delivery has failed to these recipients or groups:\n\n{address}\n"
            f"The email address you entered couldn't be found. Please check the recipient's email address and try to "
            f"resend the message.\n\nDiagnostic information for administrators:\n\nRemote Server returned "
            f"'550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'\n"
        ).encode()
    if kind == "gmail":
        return (
            f"From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\nTo: windykacja@firma.example.pl\n"
            f"Subject: Delivery Status Notification (Failure)\nDate: {date_header}\n\n"
            f"** Address not found **\n\nYour message wasn't delivered to {address} because the address couldn't be "
            f"found, or is unable to receive mail.\n\nThe response from the remote server was:\n"
            f"550 5.1.1 The email account that you tried to reach does not exist.\n"
        ).encode()
    return (
        f"From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>\nTo: windykacja@firma.example.pl\n"
        f"Subject: Warning: could not send message for past 4 hours\nDate: {date_header}\n\n"
        f"    **********************************************\n    **      THIS IS A WARNING MESSAGE ONLY      **\n"
        f"    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **\n    **********************************************\n\n"
        f"The original message was received at {date_header}\n\n"
        f"   ----- Transcript of session follows -----\n<{address}>... Deferred: Connection timed out with mx.example.org.\n"
        f"Warning: message still undelivered after 4 hours\nWill keep trying until message is 5 days old\n"
    ).encode()


def _auto_reply(ctx: _Ctx, label: dict[str, object]) -> bytes:
    """An absence notice: with RFC 3834 headers, with only a telling subject, or with neither."""
    rng, language = ctx.rng, ctx.language
    template = rng.choice(shipped_examples(language)["out_of_office"])
    own = _fill(template, ctx, label)
    name = rng.choice(NAMES[language])
    style = rng.choice(["headers", "subject", "text"])
    extra: list[str] = []
    subject = rng.choice(SUBJECTS[language]).format(inv=ctx.inv)
    if style == "headers":
        extra = [rng.choice(["Auto-Submitted: auto-replied", "X-Autoreply: yes", "Precedence: auto_reply"])]
        subject = rng.choice(AUTO_SUBJECTS[language]).format(inv=ctx.inv)
    elif style == "subject":
        subject = rng.choice(AUTO_SUBJECTS[language]).format(inv=ctx.inv)
    sender = _encode_header(f"{name} <absent@example.com>")
    headers = _headers(ctx, sender, _encode_header(subject), extra)
    headers += ['Content-Type: text/plain; charset="utf-8"', "Content-Transfer-Encoding: 8bit"]
    return ("\n".join(headers) + "\n\n" + own + "\n\n" + name + "\n").encode("utf-8")


# --------------------------------------------------------------------------------------------


TEMPLATE_SETS = {
    "examples": shipped_templates(),
    "heldout29": HELDOUT29_TEMPLATES,
    "heldout30": HELDOUT30_TEMPLATES,
    "heldout31": HELDOUT31_TEMPLATES,
    "heldout32": HELDOUT32_TEMPLATES,
    "heldout33": HELDOUT33_TEMPLATES,
}


def build_corpus(
    seed: int = 20261123, per_cell: int = 12, template_set: str = "heldout29"
) -> list[tuple[str, bytes, dict[str, object]]]:
    """``per_cell`` replies per (language, intent), every template used at least once; bounces in every language.

    ``template_set`` chooses what people write (``TEMPLATE_SETS``); auto-replies and bounces stay.
    """
    source = TEMPLATE_SETS[template_set]
    rng = random.Random(seed)
    corpus: list[tuple[str, bytes, dict[str, object]]] = []
    start = datetime(2026, 1, 5, 8, 0, tzinfo=timezone(timedelta(hours=1)))
    for language in ("pl", "en", "de"):
        for intent in INTENTS:
            templates = source[language].get(intent, [])
            count = max(per_cell, len(templates))
            for index in range(count):
                received_at = start + timedelta(
                    days=rng.randint(0, 360), hours=rng.randint(0, 10), minutes=rng.randint(0, 59)
                )
                ctx = _Ctx(
                    rng,
                    language,
                    received_at,
                    f"{rng.choice(['FV/2026/', 'INV-2026-', 'RE-2026-'])}{rng.randint(100, 999)}",
                )
                label: dict[str, object] = {
                    "intent": intent,
                    "language": language,
                    "received_on": received_at.date().isoformat(),
                }
                if intent == "bounce":
                    raw = _bounce(ctx, label)  # "language" here is only the group it is scored in
                elif intent == "out_of_office":
                    raw = _auto_reply(ctx, label)
                else:
                    template = templates[index] if index < len(templates) else rng.choice(templates)
                    template, attachments = _split_attachment(template)
                    attachments = tuple(a.replace("{inv}", ctx.inv.replace("/", "_")) for a in attachments)
                    own = _fill(template, ctx, label)
                    subject = rng.choice(SUBJECTS[language]).format(inv=ctx.inv)
                    raw = _render_reply(ctx, own, subject, attachments=attachments)
                    label["own_words"] = own
                corpus.append((f"{len(corpus):03d}-{language}-{intent}", raw, label))
    return corpus


def score(rows: list[tuple[dict[str, object], dict[str, object]]]) -> dict[str, object]:
    """Figures for ``[(label, got)]``: per-language macro-F1 of intents, date exact match, confusion."""
    by_language: dict[str, list[tuple[str, str]]] = defaultdict(list)
    confusion: Counter[tuple[str, str]] = Counter()
    dates_total = dates_right = returns_total = returns_right = amounts_total = amounts_right = 0
    date_misses = []
    for label, got in rows:
        language = str(label.get("language", "xx"))
        pair = (str(label["intent"]), str(got["intent"]))
        by_language[language].append(pair)
        confusion[pair] += 1
        if (
            label["intent"] in ("promise_to_pay", "payment_plan")
            and "promised_on" in label
            and pair[0] == pair[1]
        ):
            dates_total += 1
            if label["promised_on"] == got.get("promised_date"):
                dates_right += 1
            else:
                date_misses.append((label.get("own_words"), label["promised_on"], got.get("promised_date")))
        if "promised_amount" in label and pair[0] == pair[1]:
            amounts_total += 1
            amounts_right += label["promised_amount"] == got.get("promised_amount")
        if "return_on" in label and pair[0] == pair[1]:
            returns_total += 1
            returns_right += label["return_on"] == got.get("return_date")
    f1: dict[str, float] = {}
    for language, pairs in by_language.items():
        present = sorted({t for t, _ in pairs})
        scores = []
        for intent in present:
            tp = sum(1 for t, g in pairs if t == intent and g == intent)
            fp = sum(1 for t, g in pairs if t != intent and g == intent)
            fn = sum(1 for t, g in pairs if t == intent and g != intent)
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
        f1[language] = sum(scores) / len(scores)
    return {
        "macro_f1": f1,
        "date_exact": dates_right / dates_total if dates_total else 1.0,
        "dates": (dates_right, dates_total),
        "amounts": (amounts_right, amounts_total),
        "returns": (returns_right, returns_total),
        "confusion": confusion,
        "date_misses": date_misses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="folder for the .eml files and labels.jsonl")
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    corpus = build_corpus(args.seed)
    with (args.out / "labels.jsonl").open("w", encoding="utf-8") as labels:
        for name, raw, label in corpus:
            (args.out / f"{name}.eml").write_bytes(raw)
            labels.write(json.dumps({"file": f"{name}.eml", **label}, ensure_ascii=False) + "\n")
    print(f"{len(corpus)} replies written to {args.out}")


if __name__ == "__main__":
    main()
