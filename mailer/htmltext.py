"""HTML mail bodies to readable plain text, with the quoted part optionally dropped.

Only the stdlib ``html.parser`` is used: mail HTML is tag soup, and all we need is
the words in reading order with line breaks where a reader would see them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "tr",
        "li",
        "ul",
        "ol",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "hr",
        "section",
        "article",
        "header",
        "footer",
        "address",
        "center",
        "dd",
        "dt",
        "dl",
    }
)
_SKIP_TAGS = frozenset({"style", "script", "head", "title", "xml", "o:p", "template"})
_VOID_TAGS = frozenset(
    {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr"}
)

# Markers of the quoted original in replies: Gmail, Thunderbird, Apple Mail, Outlook, Yahoo, Zimbra.
_QUOTE_CLASSES = ("gmail_quote", "moz-cite-prefix", "yahoo_quoted", "zmail_extra", "ms-outlook-quote")
_SIGNATURE_CLASSES = ("gmail_signature", "moz-signature")
# Outlook puts the reply header in this element and the original *after* it as siblings,
# so everything from here on is quoted.
_STOP_IDS = ("divrplyfwdmsg", "appendonsend", "stopspelling", "zwchr", "x_divrplyfwdmsg")


class _TextExtractor(HTMLParser):
    def __init__(self, drop_quotes: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.drop_quotes = drop_quotes
        self.parts: list[str] = []
        self.skip_depth = 0  # inside style/script
        self.quote_stack: list[str] = []  # tags opened while inside a dropped element
        self.stopped = False

    def _dropping(self) -> bool:
        return self.stopped or self.skip_depth > 0 or bool(self.quote_stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if self.stopped:
            return
        if self.quote_stack:
            if tag not in _VOID_TAGS:
                self.quote_stack.append(tag)
            return
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
            return
        if self.drop_quotes:
            attr = {k.lower(): (v or "") for k, v in attrs}
            classes = attr.get("class", "").lower()
            ident = attr.get("id", "").lower()
            if ident in _STOP_IDS:
                self.stopped = True
                return
            is_quote = (
                tag == "blockquote"
                or any(name in classes for name in _QUOTE_CLASSES)
                or any(name in classes for name in _SIGNATURE_CLASSES)
            )
            if is_quote and tag not in _VOID_TAGS:
                self.quote_stack.append(tag)
                return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag.lower() not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if self.stopped:
            return
        if self.quote_stack:
            # Pop up to the matching tag: mail HTML often leaves tags unclosed.
            if tag in self.quote_stack:
                while self.quote_stack:
                    if self.quote_stack.pop() == tag:
                        break
            return
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._dropping():
            return
        self.parts.append(re.sub(r"[ \t\r\n\f\u00a0]+", " ", data))


def html_to_text(html: str, drop_quotes: bool = False) -> str:
    """Readable text of an HTML body; with ``drop_quotes`` the quoted original and signature go."""
    parser = _TextExtractor(drop_quotes)
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient, but a reader must never crash on mail
        pass
    text = "".join(parser.parts)
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    return "\n".join(out).strip()
