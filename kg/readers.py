"""Readers: input paths to cleaned ``Document`` values, and one ``FileRecord`` per file.

The format of a file is chosen by its content, never by its extension:

1. gzip magic bytes: decompress, then look at the content (``.jsonl.gz`` is the main case);
2. NUL bytes or many control characters: an error (``binary file, not text``);
3. decode as UTF-8 (a BOM is dropped) or else strictly as GB18030 (covers GBK and GB2312);
4. JSON lines (the first non-empty line is a JSON object with a ``text`` field), one document
   per record; a whole-file JSON object or array of such objects is read the same way;
5. YAML front matter (``---`` … ``---``) read by a tiny parser of ``key: value`` lines;
6. a body with HTML tags is stripped with :class:`html.parser.HTMLParser`, a Markdown body
   loses its markup, plain text that looks like a PDF dump gets its broken lines rejoined.

Then the text is cleaned (:func:`kg.text.clean_text`), which fixes the offset space for
every later stage. Bad input never raises: the file gets a ``FileRecord`` with status
``error`` (or ``partial`` for JSONL files with skipped records) and the run goes on.
"""

from __future__ import annotations

import datetime as _dt
import gzip
import hashlib
import json
import os
import re
import zlib
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from kg.dates import document_date, year_from_path
from kg.errors import InputError
from kg.model import Document, FileRecord
from kg.text import clean_text, find_furniture, join_broken_lines, looks_like_pdf_text

__all__ = ["read_file", "read_inputs"]

_GZIP_MAGIC = b"\x1f\x8b"
_UTF8_BOM = b"\xef\xbb\xbf"
#: Control bytes that do not occur in text (tab, newlines, form feed and ESC are allowed).
_CONTROL_BYTES = bytes([*range(0x01, 0x09), 0x0E, 0x0F, *range(0x10, 0x1B), *range(0x1C, 0x20)])
_BINARY_SAMPLE = 1 << 16
_BINARY_CONTROL_SHARE = 0.05
#: At most this many skipped JSONL lines are named in a reason.
_REASON_DETAILS = 5
_HEAD_LINES = 5

# --------------------------------------------------------------------------- public API


def read_inputs(paths: Sequence[str | Path]) -> tuple[list[Document], list[FileRecord]]:
    """Read files and directories into documents, with one record per file seen.

    Directories are walked recursively; hidden files and directories (name starting with
    ``.``) are skipped, files are taken in order of their relative path. A path that does
    not exist gets an error record. A file reached twice (given twice, or given and inside
    a given directory) is read once.

    Args:
        paths: Files and directories.

    Returns:
        The documents sorted by path (records of one file in file order), and the file
        records sorted by path. ``FileRecord.path`` is the path as given, or joined with the
        given directory, in POSIX form.
    """
    documents: list[Document] = []
    records: list[FileRecord] = []
    seen: set[str] = set()
    for given in paths:
        root = Path(given)
        if root.is_dir():
            files = _walk(root)
        elif root.exists() or root.is_symlink():
            files = [root]
        else:
            records.append(
                FileRecord(path=root.as_posix(), status="error", reason="no such file or directory")
            )
            continue
        for file in files:
            key = os.path.realpath(file)
            if key in seen:
                continue
            seen.add(key)
            docs, record = read_file(file)
            documents.extend(docs)
            records.append(record)
    documents.sort(key=lambda d: d.path)
    records.sort(key=lambda r: r.path)
    return documents, records


def read_file(path: str | Path) -> tuple[list[Document], FileRecord]:
    """Read one file into documents; bad input gives an error record, never an exception.

    Args:
        path: The file.

    Returns:
        The documents of the file (several for JSONL) and its record: ``ok``, ``partial``
        (some JSONL records skipped, the reason names them) or ``error`` (the reason says why
        nothing was read).
    """
    path = Path(path)
    shown = path.as_posix()
    try:
        documents, fmt, encoding, reason = _read(path, shown)
    except InputError as exc:
        return [], FileRecord(path=shown, status="error", reason=exc.reason)
    except OSError as exc:
        return [], FileRecord(path=shown, status="error", reason=f"cannot read file: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop a corpus run
        return [], FileRecord(path=shown, status="error", reason=_one_line(f"{type(exc).__name__}: {exc}"))
    status = "partial" if reason else "ok"
    record = FileRecord(
        path=shown, status=status, reason=reason, format=fmt, encoding=encoding, documents=len(documents)
    )
    return documents, record


# --------------------------------------------------------------------------- files and bytes


def _walk(root: Path) -> list[Path]:
    """Files under ``root``, hidden ones skipped, sorted by relative POSIX path."""
    found: list[tuple[str, Path]] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        for name in files:
            if not name.startswith("."):
                file = base / name
                found.append((file.relative_to(root).as_posix(), file))
    found.sort(key=lambda item: item[0])
    return [file for _, file in found]


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _stem(path: Path) -> str:
    """File name without its last extension (and without ``.jsonl`` before ``.gz``)."""
    name = path.name
    if name.lower().endswith(".gz") and len(name) > 3:
        name = name[:-3]
    stem = Path(name).stem
    return stem or name


def _read(path: Path, shown: str) -> tuple[list[Document], str, str, str]:
    """Documents, format, encoding and partial-reason of one file; raises InputError."""
    if not path.is_file():
        raise InputError(shown, "not a regular file")
    raw = path.read_bytes()
    gzipped = raw.startswith(_GZIP_MAGIC)
    if gzipped:
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(shown, _one_line(f"corrupt gzip data: {exc}")) from None
    if not raw.strip():
        raise InputError(shown, "empty file")
    if _is_binary(raw):
        raise InputError(shown, "binary file, not text")
    text, encoding = _decode(raw, shown)
    if gzipped:
        encoding += "+gzip"
    text = clean_text(text)
    if not text:
        raise InputError(shown, "empty file")
    stem = _stem(path)

    records = _json_records(text)
    if records is not None:
        fmt, items = records
        documents, problems, total = _documents_from_records(items, stem, shown, fmt, encoding)
        details = "; ".join(problems[:_REASON_DETAILS]) + ("; …" if len(problems) > _REASON_DETAILS else "")
        if not documents:
            raise InputError(shown, f"no valid records: {details}" if details else "no records")
        reason = f"{len(problems)} of {total} records skipped: {details}" if problems else ""
        return documents, "jsonl", encoding, reason

    meta: dict[str, Any] = {}
    body = text
    split = _split_front_matter(text)
    if split is not None:
        meta, body = split
    body_text, fmt, html_title = _body_to_text(body, front_matter=split is not None)
    if not body_text:
        raise InputError(shown, "no text after removing markup")
    title = _as_str(meta.get("title")) or html_title
    date = _iso_date(_as_str(meta.get("date"))) or _date_from_head(body_text)
    document = _document(
        doc_id=stem,
        text=body_text,
        path=shown,
        title=title,
        date=date,
        source=_as_str(meta.get("source")),
        categories=_as_tuple(meta.get("categories", meta.get("category"))),
        tags=_as_tuple(meta.get("tags")),
        fmt=fmt,
        encoding=encoding,
    )
    return [document], fmt, encoding, ""


def _is_binary(raw: bytes) -> bool:
    sample = raw[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > _BINARY_CONTROL_SHARE * len(sample)


def _decode(raw: bytes, shown: str) -> tuple[str, str]:
    if raw.startswith(_UTF8_BOM):
        try:
            return raw[len(_UTF8_BOM) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise InputError(shown, "cannot decode as UTF-8 or GB18030") from None
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise InputError(shown, "cannot decode as UTF-8 or GB18030") from None


def _document(
    *,
    doc_id: str,
    text: str,
    path: str,
    title: str,
    date: str,
    source: str,
    categories: tuple[str, ...],
    tags: tuple[str, ...],
    fmt: str,
    encoding: str,
) -> Document:
    # Page furniture (page headers with editors, imprint lines, jump markers) is kept out of
    # extraction: it names the paper's staff and address, not what the article is about.
    excluded = tuple((s, e) for s, e, _kind in find_furniture(text))
    # no date in the metadata or the page header: a dateline or a date at the head of the
    # text, the year of a dateline taken from the file's name or folder when needed (a
    # JSONL file's name is no date for each of its records, only a year hint)
    if not date:
        date = document_date(text, year_hint=year_from_path(path)) if fmt == "jsonl" else document_date(text, path=path)
    return Document(
        id=doc_id,
        text=text,
        path=path,
        title=title,
        date=date,
        source=source,
        categories=categories,
        tags=tags,
        format=fmt,
        encoding=encoding,
        excluded=excluded,
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
    )


# --------------------------------------------------------------------------- JSON lines


def _json_records(text: str) -> tuple[str, list[tuple[int, Any]]] | None:
    """``(format, [(line number, parsed value or None)])`` when the text is JSON records.

    JSON lines: the first non-empty line starts with ``{`` and one of the first few
    non-empty lines is an object with a ``text`` field. A whole-file JSON object (or array
    of objects) with ``text`` fields is accepted too, with line number 1 (or the index).
    """
    if not text.startswith(("{", "[")):
        return None
    if text.startswith("{"):
        lines = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
        parsed = [(n, _loads(line)) for n, line in lines]
        if any(isinstance(v, dict) and "text" in v for _, v in parsed[:_HEAD_LINES]):
            return "jsonl", parsed
    whole = _loads(text)
    if isinstance(whole, dict) and "text" in whole:
        return "json", [(1, whole)]
    if isinstance(whole, list) and any(isinstance(v, dict) and "text" in v for v in whole[:_HEAD_LINES]):
        return "json", [(i, v) for i, v in enumerate(whole, 1)]
    return None


_NOT_JSON = object()


def _loads(line: str) -> Any:
    try:
        return json.loads(line)
    except ValueError:
        return _NOT_JSON


def _documents_from_records(
    items: list[tuple[int, Any]], stem: str, shown: str, fmt: str, encoding: str
) -> tuple[list[Document], list[str], int]:
    """Documents, the problems of skipped records (``line 3: not JSON``) and the total."""
    where = "line" if fmt == "jsonl" else "record"
    documents: list[Document] = []
    problems: list[str] = []
    for number, value in items:
        if value is _NOT_JSON:
            problems.append(f"{where} {number}: not JSON")
            continue
        if not isinstance(value, dict):
            problems.append(f"{where} {number}: not a JSON object")
            continue
        body = value.get("text")
        if not isinstance(body, str):
            problems.append(f"{where} {number}: no text")
            continue
        text, _, html_title = _body_to_text(clean_text(body), front_matter=False)
        if not text:
            problems.append(f"{where} {number}: empty text")
            continue
        record_id = _as_str(value.get("id"))
        documents.append(
            _document(
                doc_id=record_id or f"{stem}#{number}",
                text=text,
                path=shown,
                title=_as_str(value.get("title")) or html_title,
                date=_iso_date(_as_str(value.get("date"))) or _date_from_head(text),
                source=_as_str(value.get("source")),
                categories=_as_tuple(value.get("categories", value.get("category"))),
                tags=_as_tuple(value.get("tags")),
                fmt="jsonl",
                encoding=encoding,
            )
        )
    return documents, problems, len(items)


# --------------------------------------------------------------------------- front matter

_FRONT_END_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_YAML_KEY_RE = re.compile(r"^([^\s:#\-][^:]*?)[ \t]*:(?:[ \t]+(.*))?[ \t]*$")
_YAML_ITEM_RE = re.compile(r"^[ \t]*-[ \t]+(.*)$")
_YAML_COMMENT_RE = re.compile(r"[ \t]+#.*$")


def _split_front_matter(text: str) -> tuple[dict[str, Any], str] | None:
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


def _as_str(value: Any) -> str:
    if value is None or isinstance(value, (dict, list, bool)):
        return ""
    return str(value).strip()


_TAG_SPLIT_RE = re.compile(r"[\s,，、;；]+")


def _as_tuple(value: Any) -> tuple[str, ...]:
    """Categories or tags as a tuple: a list, or a string split at spaces and commas.

    Splitting a string at spaces follows Jekyll, where ``categories: a b`` names two.
    """
    if value is None:
        return ()
    if isinstance(value, list):
        items: Iterable[Any] = value
    else:
        items = _TAG_SPLIT_RE.split(str(value))
    return tuple(s for s in (_as_str(v) for v in items) if s)


_DATE_RE = re.compile(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")


def _iso_date(value: str) -> str:
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


def _date_from_head(text: str) -> str:
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


def _body_to_text(body: str, *, front_matter: bool) -> tuple[str, str, str]:
    """``(clean text, format, html title)`` of a body: HTML, Markdown or plain text."""
    title = ""
    if _HTML_TAG_RE.search(body):
        text, title = _html_to_text(body)
        fmt = "html"
    elif front_matter or _MD_SIGNAL_RE.search(body):
        text, fmt = _markdown_to_text(body), "markdown"
    else:
        text, fmt = body, "txt"
    text = clean_text(text)
    if fmt == "txt" and looks_like_pdf_text(text):
        text, fmt = clean_text(join_broken_lines(text)), "pdf-text"
    return text, fmt, title


_BREAK = "\x00"  # a block boundary while markup is removed; NUL never survives _is_binary
_BLOCK_TAGS = frozenset(
    {
        *("p", "div", "br", "hr", "pre", "blockquote", "address", "center", "form", "fieldset"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd"),
        *("table", "thead", "tbody", "tr", "figure", "figcaption"),
        *("section", "article", "header", "footer", "nav", "main", "aside"),
    }
)
_SKIP_TAGS = frozenset({"script", "style", "head", "noscript", "template", "svg", "iframe", "object"})
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
        self._skip: list[str] = []
        self._in_title = False
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        while self._skip and self._skip[-1] == "head" and (tag == "body" or tag in _BLOCK_TAGS):
            # An unclosed <head> ends where the body visibly starts.
            self._skip.pop()
        if tag in _SKIP_TAGS:
            self._skip.append(tag)
        elif tag == "title":
            self._in_title = True
        elif tag in _BLOCK_TAGS:
            self.parts.append(_BREAK)
            if tag == "pre":
                self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(_BREAK)

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


def _html_to_text(body: str) -> tuple[str, str]:
    """Text and ``<title>`` of an HTML (or HTML-in-Markdown) body."""
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
    return text, title


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
