"""Rendering the accountant's daily digest (a :class:`rules.digest.Digest`) to an e-mail.

Templates: ``templates/<language>/digest-subject.txt``, ``digest-body.txt`` and ``digest-body.html``;
their wording lives in ``<language>/_digest_labels.txt`` and the layout, shared by all languages, in
``_digest_body.txt`` and ``_digest_body.html``. They render in the environment of
:mod:`mailer.render` (sandboxed, ``StrictUndefined``, the Babel ``money``/``date``/``longdate``/``days``
filters), with this context:

``digest``
    the :class:`rules.digest.Digest` (attributes, not dict keys).
``language``
    the language the digest is written in (the filters format for it).
``plural(n, one, other, few=None, many=None)``
    the word form for ``n`` by the language's CLDR plural rules (Polish needs ``few``: "2 sprawy").

A language without digest templates falls back to the default language of the template set, then
to English.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from mailer import TemplateError
from mailer.message import build_message
from mailer.render import RenderedMessage, TemplateSet, _render, _tidy_text, locale_for, normalize_language
from rules.digest import Digest

log = logging.getLogger("tactful.mailer")

KIND = "digest"


def digest_language(templates: TemplateSet, language: str | None) -> str:
    """The language the digest is written in: ``language`` if it has digest templates, else the default, else English."""
    wanted = normalize_language(language) or templates.default_language
    for candidate in (wanted, templates.default_language, "en"):
        if all(templates.has(f"{candidate}/{KIND}{suffix}") for suffix in ("-subject.txt", "-body.txt")):
            if candidate != wanted:
                log.warning(
                    "no digest templates in language %r; writing the digest in %r "
                    "(add %s/digest-subject.txt, %s/digest-body.txt and %s/digest-body.html to change that)",
                    wanted,
                    candidate,
                    wanted,
                    wanted,
                    wanted,
                )
            return candidate
    raise TemplateError(
        f"no digest templates in language {wanted!r}, {templates.default_language!r} or 'en': "
        f"add {wanted}/digest-subject.txt and {wanted}/digest-body.txt to your templates folder"
    )


def digest_context(templates: TemplateSet, digest: Digest) -> dict[str, Any]:
    """The template context for ``digest`` (see the module docstring)."""
    language = digest_language(templates, digest.language)
    locale = locale_for(language)

    def plural(n: int, one: str, other: str, few: str | None = None, many: str | None = None) -> str:
        form = locale.plural_form(n)
        return {"one": one, "few": few or other, "many": many or other}.get(form, other)

    return {"digest": digest, "language": language, "plural": plural}


def render_digest_subject(templates: TemplateSet, digest: Digest) -> str:
    """The subject line, on one line ("Daily digest 23 Nov 2026: 3 need you today · £15,550.50 matched")."""
    ctx = digest_context(templates, digest)
    name = f"{ctx['language']}/{KIND}-subject.txt"
    subject = " ".join(_render(templates, name, ctx).split())
    if not subject:
        raise TemplateError(f"templates/{name}: the digest subject came out empty")
    return subject


def render_digest_text(templates: TemplateSet, digest: Digest) -> str:
    """The plain-text part (72 columns, no no-break spaces in amounts)."""
    ctx = digest_context(templates, digest)
    return _tidy_text(_render(templates, f"{ctx['language']}/{KIND}-body.txt", ctx))


def render_digest_html(templates: TemplateSet, digest: Digest) -> str:
    """The HTML part (inline CSS, at most 600 px wide; for ``tactful digest --html FILE``)."""
    ctx = digest_context(templates, digest)
    name = f"{ctx['language']}/{KIND}-body.html"
    if not templates.has(name):
        raise TemplateError(
            f"templates/{name}: missing; add it to your templates folder (copy the English one)"
        )
    return _render(templates, name, ctx)


def render_digest(
    templates: TemplateSet,
    digest: Digest,
    *,
    from_addr: str,
    to: str | Sequence[str],
    message_id: str,
    date_at: datetime,
) -> EmailMessage:
    """The digest as a multipart/alternative message (text, then HTML if the language has an HTML template)."""
    ctx = digest_context(templates, digest)
    language = ctx["language"]
    html_name = f"{language}/{KIND}-body.html"
    rendered = RenderedMessage(
        subject=render_digest_subject(templates, digest),
        text=render_digest_text(templates, digest),
        html=_render(templates, html_name, ctx) if templates.has(html_name) else None,
        language=language,
    )
    recipients = [to] if isinstance(to, str) else list(to)
    message = build_message(
        rendered,
        from_addr=from_addr,
        to=recipients,
        reply_to=None,
        message_id=message_id,
        in_reply_to=None,
        references=(),
        date_at=date_at,
    )
    # Unlike a reminder, the digest should get no out-of-office answers: they would land in the reply
    # mailbox as replies from nobody tactful knows (RFC 3834; the second header is Exchange's).
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    return message
