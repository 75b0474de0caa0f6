"""What the readers of records files share: the roles a field can serve and the names that
serve them, the records of a file, one record made an :class:`Item`, and the lines of a
file as JSON lines are split.

Fields are found by name, case and spacing aside (``Publish Time`` = ``publish_time``):
the name given in the settings (``text_field`` …) first, then the common names of
:data:`COMMON_NAMES`. The names that were used are reported per file. Lone surrogates
(``"\\ud800"`` escapes, legal JSON but not text) are replaced by U+FFFD in every field, the
text included, and the record is reported as repaired.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from kg.read.markup import as_str, as_tuple, body_to_text, date_from_head, iso_date
from kg.read.text import clean_text

__all__ = [
    "COMMON_NAMES",
    "ROLES",
    "SETTING_ROLES",
    "Adder",
    "Item",
    "Records",
    "field_names",
    "first_line",
    "normalise",
    "shown_names",
    "split_lines",
]

#: What a field can be used as, in the order the manifest lists them.
ROLES = ("text", "title", "date", "id", "source", "categories", "tags")

#: Field names recognised without options, in order of preference (compared after
#: :func:`normalise`). ``url`` names a record when it has no id, and its source when it
#: has no source field.
COMMON_NAMES: dict[str, tuple[str, ...]] = {
    "text": (
        "text", "content", "body", "article", "contents", "main_text", "maintext", "full_text",
        "fulltext", "article_text", "story", "正文", "内容", "文本", "全文", "新闻内容", "文章内容",
    ),
    "title": ("title", "headline", "heading", "subject", "标题", "题目", "新闻标题"),
    "date": (
        "date", "pubdate", "pub_date", "publish_date", "publish_time", "published", "published_at",
        "publication_date", "pubtime", "pub_time", "time", "datetime", "created_at",
        "日期", "时间", "发布时间", "发布日期",
    ),
    "id": ("id", "doc_id", "docid", "document_id", "article_id", "_id", "uuid", "guid", "编号", "url", "link"),
    "source": ("source", "media", "publisher", "site", "outlet", "newspaper", "来源", "媒体", "url", "link"),
    "categories": ("categories", "category", "分类", "栏目"),
    "tags": ("tags", "keywords", "标签", "关键词"),
}

#: Settings that name a field (``text_field`` …) and the role each names.
SETTING_ROLES = {"text_field": "text", "title_field": "title", "date_field": "date", "id_field": "id",
                 "source_field": "source"}

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
#: Roles of one value each, and of several, in the order a record is read.
_ONE_ROLES = ("title", "date", "id", "source")
_MANY_ROLES = ("categories", "tags")
#: Roles whose value most records of a file share with others (a date, a source).
_REPEATED_ROLES = frozenset({"date", "source"})
#: At most this many keys or columns are named in a warning.
_NAMES_SHOWN = 12


@dataclass(slots=True)  # not frozen: made once per record, and a frozen one is made slowly
class Item:
    """One record, ready to become a document: the text cleaned and free of markup."""

    line: int
    text: str
    title: str = ""
    date: str = ""
    record_id: str = ""
    source: str = ""
    categories: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass
class Records:
    """The records of a file: what was read, skipped and repaired, and the fields used."""

    format: str
    items: list[Item] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    total: int = 0
    #: role -> field names used, in order of first use
    used: dict[str, list[str]] = field(default_factory=dict)

    def fields(self) -> tuple[tuple[str, str], ...]:
        """``((role, "name"), …)`` in the order of :data:`ROLES`; several names joined."""
        return tuple((role, ", ".join(self.used[role])) for role in ROLES if role in self.used)


def field_names(settings: object | None = None) -> dict[str, tuple[str, ...]]:
    """Candidate names per role: the one a setting names first, then the common ones."""
    out = {}
    for role, names in COMMON_NAMES.items():
        setting = next((s for s, r in SETTING_ROLES.items() if r == role), None)
        given = normalise(getattr(settings, setting, "") or "") if setting and settings is not None else ""
        out[role] = tuple(dict.fromkeys(n for n in (given, *map(normalise, names)) if n))
    return out


def normalise(name: str) -> str:
    """``Publish Time`` -> ``publish_time``: field names compared without case or spacing."""
    return "_".join(name.replace("\ufeff", "").replace("-", " ").lower().split())


def split_lines(text: str) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` split at ``\\n`` only; a ``\\r`` before it is dropped."""
    start = 0
    n = 0
    size = len(text)
    while start <= size:
        end = text.find("\n", start)
        if end < 0:
            end = size
        n += 1
        line = text[start:end]
        yield n, line.removesuffix("\r")
        start = end + 1


def first_line(text: str) -> str:
    for _n, line in split_lines(text):
        if line.strip():
            return line
    return ""

def shown_names(names: object) -> str:
    """Up to a dozen field names for a message, repaired and on one line."""
    shown = [" ".join(_SURROGATE_RE.sub("\ufffd", str(n)).split()) for n in names]
    more = len(shown) - _NAMES_SHOWN
    return ", ".join(shown[:_NAMES_SHOWN]) + (f" (and {more} more)" if more > 0 else "") if shown else "none"


# --------------------------------------------------------------------------- one record


class Adder:
    """Turns the records of one file into :class:`Item` values, or names why one is skipped.

    The records of a file mostly share their field names, so which field serves which role
    is worked out once per set of names, not once per record; a date or source written
    alike in many records is read once, and a field used is noted once.
    """

    def __init__(self, records: Records, where: str, names: dict[str, tuple[str, ...]]) -> None:
        self.records = records
        self.where = where
        self.names = names
        #: field names of a record, in its order -> its :class:`_Layout`
        self._layouts: dict[tuple[Any, ...], _Layout] = {}
        self._dates: dict[str, str] = {}
        #: a date or source as written -> on one line, and the number of characters replaced
        self._one_lines: dict[str, tuple[str, int]] = {}
        #: the (role, field) pairs of a record, for each set of them met
        self._noted: set[tuple[tuple[str, Any], ...]] = set()

    def _layout_of(self, value: dict[str, Any]) -> _Layout:
        keys: dict[str, Any] = {}
        for k in value:
            keys.setdefault(normalise(str(k)), k)
        fields = {role: tuple(keys[name] for name in names if name in keys) for role, names in self.names.items()}
        layout = _Layout(
            fields["text"],
            tuple((slot, role, fields[role]) for slot, role in enumerate(_ONE_ROLES) if fields[role]),
            tuple((slot, role, fields[role]) for slot, role in enumerate(_MANY_ROLES) if fields[role]),
        )
        self._layouts[tuple(value)] = layout
        return layout

    def add(self, n: int, value: dict[str, Any]) -> None:
        """Turn one record into an :class:`Item`, or name the reason it is skipped."""
        records, where = self.records, self.where
        layout = self._layouts.get(tuple(value)) or self._layout_of(value)
        raw = None
        for k in layout.text:
            v = value[k]
            if isinstance(v, str) and v and not v.isspace():  # not blank, without a stripped copy
                raw, text_key = v, k
                break
        if raw is None:
            blank = any(isinstance(value[k], str) for k in layout.text)
            records.skipped.append(f"{where} {n}: {'empty text' if blank else 'no text'}")
            return
        chosen = [("text", text_key)]
        repaired: list[str] = []
        if not _encodable(raw):
            raw, lone = _SURROGATE_RE.subn("\ufffd", raw)
            if lone:
                repaired.append("text")
        cleaned = clean_text(raw)
        if not cleaned:
            records.skipped.append(f"{where} {n}: empty text")
            return
        text, _fmt, html_title, html_date = body_to_text(cleaned, front_matter=False, cleaned=True)
        if not text:
            records.skipped.append(f"{where} {n}: no text after removing markup")
            return
        one = ["", "", "", ""]  # title, date, id, source: "" when no field serves the role
        for slot, role, keys in layout.one:
            got = None
            for k in keys:  # the first usable, not blank
                v = value[k]
                if isinstance(v, str):
                    if not v or v.isspace():
                        continue
                elif not isinstance(v, (int, float)) or isinstance(v, bool):
                    continue
                got = v
                chosen.append((role, k))
                break
            if isinstance(got, str) and role in _REPEATED_ROLES:
                known = self._one_lines.get(got)
                if known is None:
                    known = self._one_lines[got] = _one_line(as_str(got))
                fixed, bad = known
            else:
                fixed, bad = _one_line(as_str(got))
            one[slot] = fixed
            if bad:
                repaired.append(role)
        title, date, record_id, source = one
        many: list[tuple[str, ...]] = [(), ()]  # categories, tags
        for slot, role, keys in layout.many:
            got = None
            for k in keys:  # a list (even empty), or a string not blank
                v = value[k]
                if isinstance(v, list) or (isinstance(v, str) and v and not v.isspace()):
                    got = v
                    chosen.append((role, k))
                    break
            items = []
            for item in as_tuple(got):
                fixed, bad = _one_line(item)
                if bad and role not in repaired:
                    repaired.append(role)
                if fixed:
                    items.append(fixed)
            many[slot] = tuple(items)
        iso = self._dates.get(date)
        if iso is None:
            iso = self._dates[date] = iso_date(date)
        records.items.append(
            Item(n, text, title or html_title, iso or html_date or date_from_head(text), record_id, source, many[0], many[1])
        )
        if repaired:
            records.repaired.append(f"{where} {n}: lone surrogate replaced in {', '.join(repaired)}")
        noted = tuple(chosen)
        if noted not in self._noted:
            self._noted.add(noted)
            for role, k in chosen:
                shown = shown_names([k])
                used = records.used.setdefault(role, [])
                if shown not in used:
                    used.append(shown)


class _Layout(NamedTuple):
    """The fields of a record that can serve each role, in order of preference."""

    text: tuple[Any, ...]
    #: ``(slot, role, fields)`` of the one-value roles (:data:`_ONE_ROLES`) some field serves
    one: tuple[tuple[int, str, tuple[Any, ...]], ...]
    #: the same for :data:`_MANY_ROLES`
    many: tuple[tuple[int, str, tuple[Any, ...]], ...]


def _encodable(text: str) -> bool:
    """No lone surrogate in the text (the usual case). UTF-8 encoding fails on one and on
    nothing else, and runs faster than a search for one."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _one_line(value: str) -> tuple[str, int]:
    """A metadata value on one line, lone surrogates replaced; the number replaced."""
    if value.isprintable():  # the usual case: no control, invisible or separator character
        return " ".join(value.split()), 0
    value, bad = _SURROGATE_RE.subn("\ufffd", value)
    return " ".join(clean_text(value).split()), bad
