"""tactful's mail layer: rendering reminders, building messages, sending and reading mail.

Modules (import them directly; this package itself stays light so that the CLI starts fast):

- ``mailer.render``: the Jinja2 templates (``load_templates``, ``render_reminder``, ``check_templates``).
- ``mailer.message``: one reminder as an ``EmailMessage`` (``build_message``, ``make_message_id``,
  ``make_reply_to``).
- ``mailer.transport``: ``SmtpTransport``, ``MaildirOutbox``, ``ImapSentCopy``, ``check_smtp_login``.

The error types live here so every module (and the caller) shares them.
"""

from __future__ import annotations

from collections.abc import Mapping


class DeliveryError(Exception):
    """A message was not delivered.

    ``permanent`` is True when sending the same message again cannot succeed (a 5xx answer,
    a refused recipient): the caller marks it failed. Otherwise it is worth retrying later.
    ``refused`` maps each refused recipient to the server's ``(code, text)`` answer.
    """

    #: True only for :class:`UnknownFateError`: the server may or may not have accepted the message.
    is_unknown_fate: bool = False

    def __init__(
        self,
        message: str,
        permanent: bool = False,
        *,
        refused: Mapping[str, tuple[int, str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.permanent = permanent
        self.refused: dict[str, tuple[int, str]] = dict(refused or {})

    def __str__(self) -> str:
        return self.message


class UnknownFateError(DeliveryError):
    """The connection broke after the whole message was sent and before the server answered.

    The message may or may not have been accepted. The caller must hold the reminder (never resend
    it silently) until a person, or a look-up in the Sent copy / outbox, settles what happened.
    """

    is_unknown_fate = True

    def __init__(self, message: str) -> None:
        super().__init__(message, permanent=False)


class TemplateError(Exception):
    """A reminder template is missing, does not parse or does not render; the message names file and line."""


class TransportConfigError(ValueError):
    """The transport settings are unsafe or inconsistent (e.g. plain SMTP to a remote host)."""


__all__ = ["DeliveryError", "TemplateError", "TransportConfigError", "UnknownFateError"]
