"""Front matter, HTML and Markdown bodies, and metadata values.

A file's body is HTML when it holds HTML tags (stripped with
:class:`html.parser.HTMLParser`), Markdown when it has front matter or Markdown markup (the
markup is removed, code blocks kept as text), else plain text; plain text that looks like a
PDF dump gets its broken lines rejoined. Front matter (``---`` … ``---``) is read by a tiny
parser of flat ``key: value`` lines. Metadata values (titles, dates, tags) are normalised
here for every format, records included.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any, NamedTuple

from kg.read.text import clean_text, find_furniture, join_broken_lines, looks_like_pdf_text

__all__ = ["Body", "as_str", "as_tuple", "body_to_text", "date_from_head", "iso_date", "split_front_matter"]

_HEAD_LINES = 5

# --------------------------------------------------------------------------- front matter

_FRONT_END_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_YAML_KEY_RE = re.compile(r"^([^\s:#\-][^:]*?)[ \t]*:(?:[ \t]+(.*))?[ \t]*$")
_YAML_ITEM_RE = re.compile(r"^[ \t]*-[ \t]+(.*)$")
_YAML_COMMENT_RE = re.compile(r"[ \t]+#.*$")


def split_front_matter(text: str) -> tuple[dict[str, Any], str] | None:
    """``(metadata, body)`` when the text starts with a ``---`` block closed by ``---``."""
    if not text.startswith("---\n"):
        return None
    end = _FRONT_END_RE.search(text, 4)
    if end is None:
        return None
    return _parse_yaml(text[4 : end.start()]), text[end.end() :].lstrip("\n")


def _parse_yaml(block: str) -> dict[str, Any]:
    """A tiny, safe reader for flat YAML: ``key: value``, ``key: [a, b]``, ``- item`` lists.

    Nested mappings, anchors and multi-line strings are not understood and are skipped.
    """
    data: dict[str, Any] = {}
    list_key: str | None = None
    for line in block.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _YAML_ITEM_RE.match(line)
        if item and list_key is not None:
            data[list_key].append(_unquote(item.group(1)))
            continue
        match = _YAML_KEY_RE.match(line)
        if match is None:
            list_key = None
            continue
        key = match.group(1).strip().lower()
        value = (match.group(2) or "").strip()
        if value[:1] not in ("'", '"'):
            value = _YAML_COMMENT_RE.sub("", value)
        list_key = None
        if not value:
            data[key] = []
            list_key = key
        elif value.startswith("[") and value.endswith("]"):
            data[key] = [_unquote(v) for v in _split_flow_list(value[1:-1])]
        else:
            data[key] = _unquote(value)
    return data


def _split_flow_list(inner: str) -> list[str]:
    """Split ``a, "b, c", 'd'`` at commas outside quotes."""
    parts = re.findall(r"""\s*("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^,]*)\s*(?:,|$)""", inner)
    return [p for p in parts if p.strip()]


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            loaded = json.loads(value)
        except ValueError:
            return value[1:-1]
        return loaded if isinstance(loaded, str) else value[1:-1]
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


def as_str(value: Any) -> str:
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return str(value).strip()


_TAG_SPLIT_RE = re.compile(r"[\s,，、;；]+")


def as_tuple(value: Any) -> tuple[str, ...]:
    """Categories or tags as a tuple: a list, or a string split at spaces and commas.

    Splitting a string at spaces follows Jekyll, where ``categories: a b`` names two.
    """
    if value is None:
        return ()
    if isinstance(value, list):
        items: Iterable[Any] = value
    else:
        items = _TAG_SPLIT_RE.split(str(value))
    return tuple(s for s in (as_str(v) for v in items) if s)


_DATE_RE = re.compile(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")


def iso_date(value: str) -> str:
    """``yyyy-mm-dd`` when the value starts with a valid date, else the value unchanged."""
    match = _DATE_RE.match(value)
    if match is None:
        return value
    try:
        return _dt.date(*(int(g) for g in match.groups())).isoformat()
    except ValueError:
        return value


_DATELINE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:星期|周)[一二三四五六日天]")
_HEAD_CHARS = 400


def date_from_head(text: str) -> str:
    """A publication date from the first lines: a page header or ``2023年11月9日 星期四``."""
    head = "\n".join(text[:_HEAD_CHARS].split("\n")[:_HEAD_LINES])
    headers = [head[s:e] for s, e, kind in find_furniture(head) if kind == "header"]
    for candidate in headers:
        match = _DATELINE_RE.search(candidate) or _DATE_RE.search(candidate)
        if match:
            return _valid_iso(match)
    match = _DATELINE_RE.search(head)
    return _valid_iso(match) if match else ""


def _valid_iso(match: re.Match[str]) -> str:
    try:
        return _dt.date(*(int(g) for g in match.groups()[:3])).isoformat()
    except ValueError:
        return ""


# --------------------------------------------------------------------------- HTML and Markdown

_HTML_TAG_RE = re.compile(
    r"<(?:/?(?:p|div|br|span|a|b|i|u|em|strong|font|h[1-6]|li|ul|ol|dl|dt|dd|table|thead|tbody|tr|td|th"
    r"|section|article|blockquote|pre|code|img|figure|figcaption|header|footer|nav|main|aside|hr"
    r"|html|head|body|meta|title|script|style|center|small|sub|sup|iframe|noscript|link)\b[^<>]*>|!--)",
    re.IGNORECASE,
)
_MD_SIGNAL_RE = re.compile(
    r"^#{1,6}[ \t]+\S|^```|^~~~|!?\[[^\]\n]+\]\([^)\n]*\)|\*\*[^*\n]+\*\*", re.MULTILINE
)


def _markdown_signal(body: str) -> bool:
    # Every match of _MD_SIGNAL_RE holds one of the characters # ` ~ [ *. The pattern opens
    # with anchors and an optional "!", so the regex engine tries it at every offset; a
    # text without them (most news) is told plain at the speed of a character search
    # (spelt out: a generator over the characters costs more than the five searches).
    has_char = "#" in body or "`" in body or "~" in body or "[" in body or "*" in body
    return has_char and _MD_SIGNAL_RE.search(body) is not None


class Body(NamedTuple):
    """A document's body read as text: its clean text, format (html, markdown, txt,
    pdf-text), and the ``<title>`` and ``<meta>`` publication date of an HTML body ("")."""

    text: str
    fmt: str
    title: str = ""
    date: str = ""


def body_to_text(body: str, *, front_matter: bool, cleaned: bool = False) -> Body:
    """The :class:`Body` of ``body``: HTML, Markdown or plain text.

    ``cleaned``: the body is :func:`clean_text`'s output already, so plain text is not
    cleaned again (cleaning is idempotent: the same text either way).
    """
    title = date = ""
    if _HTML_TAG_RE.search(body):
        text, title, date = _html_to_text(body)
        fmt = "html"
    elif front_matter or _markdown_signal(body):
        text, fmt = _markdown_to_text(body), "markdown"
    else:
        text, fmt = body, "txt"
    if not (cleaned and fmt == "txt"):
        text = clean_text(text)
    if fmt == "txt" and looks_like_pdf_text(text):
        text, fmt = clean_text(join_broken_lines(text)), "pdf-text"
    return Body(text, fmt, title, date)


_BREAK = "\x00"  # a block boundary while markup is removed; clean_text removes every NUL before
_BLOCK_TAGS = frozenset(
    {
        *("p", "div", "br", "hr", "pre", "blockquote", "address", "center", "form", "fieldset"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd"),
        *("table", "thead", "tbody", "tr", "figure", "figcaption"),
        *("section", "article", "header", "footer", "nav", "main", "aside"),
    }
)
_SKIP_TAGS = frozenset({"script", "style", "head", "noscript", "template", "svg", "iframe", "object"})
#: ``<meta>`` names (``name``, ``property`` or ``itemprop``, any case) that give a page's
#: publication date: Open Graph and schema.org, Dublin Core, and the names Chinese news
#: and government sites use (PubDate, publishdate, firstpublishedtime).
DATE_META = frozenset({
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish_date", "publication_date", "firstpublishedtime", "date", "dc.date", "dc.date.issued",
    "dcterms.issued", "dcterms.date",
})  # fmt: skip
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WIDE_CLASS = "\u2e80-\u303f\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
#: A newline in HTML source between two CJK characters is a soft wrap: no space.
_SOFT_WRAP_WIDE_RE = re.compile(f"(?<=[{_WIDE_CLASS}])[^\\S\\x00]*\n[^\\S\\x00]*(?=[{_WIDE_CLASS}])")
_SOFT_WRAP_RE = re.compile("[^\\S\\x00]*\n[^\\S\\x00]*")
_LINE_EDGE_SPACE_RE = re.compile(r"[^\S\n]*\n[^\S\n]*")
_MD_AUTOLINK_RE = re.compile(r"<(?:https?|ftp|mailto):[^<>\s]*>", re.IGNORECASE)
_MD_IMAGE_RE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK_RE = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")


class _TextExtractor(HTMLParser):
    """Collects text: skipped elements dropped, block elements turned into breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        #: the first publication date a ``<meta>`` tag gives (see :data:`DATE_META`)
        self.date = ""
        self._skip: list[str] = []
        self._in_title = False
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        while self._skip and self._skip[-1] == "head" and (tag == "body" or tag in _BLOCK_TAGS):
            # An unclosed <head> ends where the body visibly starts.
            self._skip.pop()
        if tag == "meta":
            self._meta(attrs)
        elif tag in _SKIP_TAGS:
            self._skip.append(tag)
        elif tag == "title":
            self._in_title = True
        elif tag in _BLOCK_TAGS:
            self.parts.append(_BREAK)
            if tag == "pre":
                self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self._meta(attrs)
        elif tag in _BLOCK_TAGS:
            self.parts.append(_BREAK)

    def _meta(self, attrs: list[tuple[str, str | None]]) -> None:
        """Keep the first publication date of a ``<meta>`` tag that names one."""
        if self.date:
            return
        values = {k: v or "" for k, v in attrs}
        key = (values.get("name") or values.get("property") or values.get("itemprop") or "").strip().lower()
        if key in DATE_META:
            date = iso_date(values.get("content", "").strip())
            if _ISO_DATE_RE.fullmatch(date):
                self.date = date

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            if tag in self._skip:
                del self._skip[len(self._skip) - 1 - self._skip[::-1].index(tag) :]
        elif tag == "title":
            self._in_title = False
        elif tag in _BLOCK_TAGS:
            self.parts.append(_BREAK)
            if tag == "pre" and self._pre:
                self._pre -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        if self._skip or self._in_title:
            return
        self.parts.append(data.replace("\n", _BREAK) if self._pre else data)


def _html_to_text(body: str) -> tuple[str, str, str]:
    """Text, ``<title>`` and the publication date of its ``<meta>`` tags (``yyyy-mm-dd``
    or "") of an HTML (or HTML-in-Markdown) body."""
    body = _MD_AUTOLINK_RE.sub("", body)
    body = _MD_IMAGE_RE.sub("", body)
    body = _MD_LINK_RE.sub(r"\1", body)
    parser = _TextExtractor()
    parser.feed(body.replace(_BREAK, ""))
    parser.close()
    text = "".join(parser.parts)
    text = _SOFT_WRAP_WIDE_RE.sub("", text)
    text = _SOFT_WRAP_RE.sub(" ", text)
    text = text.replace(_BREAK, "\n")
    text = _LINE_EDGE_SPACE_RE.sub("\n", text)
    title = " ".join("".join(parser.title_parts).split())
    return text, title, parser.date


_MD_FENCE_RE = re.compile(r"^[ \t]*(```|~~~)")
_MD_HEADING_RE = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+|$)")
_MD_CLOSING_HASHES_RE = re.compile(r"[ \t]+#+[ \t]*$")
_MD_RULE_RE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$|^[ \t]*=+[ \t]*$")
_MD_QUOTE_RE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_MD_BULLET_RE = re.compile(r"^[ \t]*[-*+][ \t]+")
_MD_REFDEF_RE = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$")
_MD_REFLINK_RE = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_MD_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM_STAR_RE = re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*")
_MD_EM_UNDERSCORE_RE = re.compile(r"(?<![A-Za-z0-9_])_(?=\S)(.+?)(?<=\S)_(?![A-Za-z0-9_])")
_MD_CODE_RE = re.compile(r"`([^`\n]+)`")


def _markdown_to_text(body: str) -> str:
    """Plain text of a Markdown body: markup removed, code blocks kept as text."""
    out: list[str] = []
    in_fence = False
    for line in body.split("\n"):
        if _MD_FENCE_RE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        if _MD_RULE_RE.match(line) or _MD_REFDEF_RE.match(line):
            out.append("")
            continue
        line = _MD_QUOTE_RE.sub("", line)
        if _MD_HEADING_RE.match(line):
            line = _MD_CLOSING_HASHES_RE.sub("", _MD_HEADING_RE.sub("", line))
        line = _MD_BULLET_RE.sub("", line)
        line = _MD_AUTOLINK_RE.sub("", line)
        line = _MD_IMAGE_RE.sub("", line)
        line = _MD_LINK_RE.sub(r"\1", line)
        line = _MD_REFLINK_RE.sub(r"\1", line)
        line = _MD_CODE_RE.sub(r"\1", line)
        line = _MD_STRONG_RE.sub(r"\2", line)
        line = _MD_EM_STAR_RE.sub(r"\1", line)
        line = _MD_EM_UNDERSCORE_RE.sub(r"\1", line)
        out.append(line)
    return "\n".join(out)
