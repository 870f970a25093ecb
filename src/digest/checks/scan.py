"""One pass over a digest's HTML collecting what the HTML checks need."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_CONDITIONAL = re.compile(r"\[if[^\]]*\]>(.*)<!\[endif\]\s*$", re.DOTALL | re.IGNORECASE)
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_FILLER = " \t\r\n\u00a0\u00ad\u034f\u200b\u200c\u200d\u2007\u2060\ufeff"


@dataclass(frozen=True)
class Tag:
    line: int
    name: str
    attrs: dict[str, str | None]


class Scan(HTMLParser):
    """Collects what the HTML checks need. Markup inside Outlook conditional comments
    (``<!--[if mso]>...<![endif]-->``) is scanned too: Outlook users see it."""

    def __init__(self, first_line: int = 1) -> None:
        super().__init__(convert_charrefs=True)
        self._first_line = first_line
        self.html_lang: str | None = None
        self.seen_html = False
        self.tags: list[Tag] = []  # table, img, a, area, link (including conditional ones)
        self.ids: set[str] = set()  # every element id (the targets of in-page links)
        self.texts: list[tuple[int, str]] = []  # visible text and attribute values
        self.styles: list[str] = []
        self.metas: list[dict[str, str | None]] = []
        self.preheader: str | None = None
        self._raw_text: str | None = None  # inside <style>/<script>
        self._in_head = False
        self._table_seen = False
        self._hidden_depth = 0
        self._hidden_text: list[str] = []

    def line(self) -> int:
        return self.getpos()[0] + self._first_line - 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        line = self.line()
        if values.get("id"):
            self.ids.add(values["id"] or "")
        for attr, value in attrs:
            if value and attr != "style":
                self.texts.append((line, value))
        if tag == "html" and not self.seen_html:
            self.seen_html = True
            self.html_lang = values.get("lang")
        elif tag == "head":
            self._in_head = True
        elif tag == "body":
            self._in_head = False
        elif tag in ("style", "script"):
            self._raw_text = tag
        elif tag == "meta":
            self.metas.append(values)
        if tag in ("table", "img", "a", "area", "link"):
            self.tags.append(Tag(line, tag, values))
        if tag == "table":
            self._table_seen = True
        if tag == "div":
            if self._hidden_depth:
                self._hidden_depth += 1
            elif (
                self.preheader is None
                and not self._table_seen
                and not self._in_head
                and _HIDDEN.search(values.get("style") or "")
            ):
                self._hidden_depth = 1
                self._hidden_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._raw_text:
            self._raw_text = None
        elif tag == "head":
            self._in_head = False
        elif tag == "div" and self._hidden_depth:
            self._hidden_depth -= 1
            if not self._hidden_depth:
                text = "".join(self._hidden_text).strip(_FILLER)
                if text:
                    self.preheader = " ".join(text.split())

    def handle_data(self, data: str) -> None:
        if self._raw_text == "style":
            self.styles.append(data)
        elif self._raw_text is None:
            self.texts.append((self.line(), data))
            if self._hidden_depth:
                self._hidden_text.append(data)

    def handle_comment(self, data: str) -> None:
        match = _CONDITIONAL.match(data)
        if not match:
            return
        inner = Scan(first_line=self.line())
        inner.feed(match.group(1))
        inner.close()
        self.tags.extend(inner.tags)
        self.texts.extend(inner.texts)


def scan_html(html: str) -> Scan:
    scan = Scan()
    scan.feed(html)
    scan.close()
    return scan
