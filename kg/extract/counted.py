"""Which mentions count: the one definition every count of the project uses.

A document's extraction keeps every entity it finds, for the document's own entity list
(``documents.jsonl``, what the gold scores: a reporter in a byline is a Person of the
document, the agency of 新华社北京3月23日电 an Organization of it). Counting is another
matter. A mention *counts* (adds to an entity's ``mentions``, to the sentences it is named
in, and to co-occurrence pairs) unless it is

- a nested name: the place inside 山西省委 (rule ``nested-…``); the outer name is the mention;
- in page furniture (``Document.excluded``: imprints, page headers, source lines);
- in a byline or credit (:func:`byline_spans`): 新华社记者 谢希瑶 郑钧天, （记者刘冬冬）,
  the outlet that opens a story (央视网消息（新闻联播）：, 湖南日报8月26日讯, 新华社北京3月23日电)
  and source notes ((据《山西日报》)). These name the messenger, not the story: an outlet
  opening every story would otherwise co-occur with everything in it.

Resolved references (习主席 → 习近平, 这次全会 → the meeting named before) count: they
name the entity in the running text. :func:`counted_mentions` applies the definition;
the build (:mod:`kg.extract.document`: document entities' ``mentions``, sentence counts,
co-occurrence; summed by :mod:`kg.merge` into ``entities.csv``, the RDF and the graph page)
and ``kg analyze`` (:mod:`kg.analysis.units`) both call it, so one entity has one count.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from kg.extract.scan import led_finditer, word_lead
from kg.extract.spans import SpanIndex
from kg.model import Document, Mention

__all__ = ["byline_spans", "counted_mentions", "mention_counts"]


#: A byline's role word, with the agency or paper that may stand before it.
_ROLE_PREFIXES = ("特约", "实习", "首席", "全媒体")
_ROLE_WORDS = ("记者", "通讯员", "实习生", "摄影", "摄影记者", "责编", "编辑", "撰稿", "撰文")
_ROLE = re.compile(f"(?:{'|'.join(_ROLE_PREFIXES)})?(?:{'|'.join(_ROLE_WORDS)})[：:/\\s\u3000]*")
#: Where a role word or its prefix starts: ``_ROLE`` opens with an optional part, which
#: the regex engine tries at every offset (see :mod:`kg.extract.scan`).
_ROLE_LEAD = word_lead(_ROLE_PREFIXES + _ROLE_WORDS)
_BYLINE_SEP = re.compile(r"[ \t\u3000、，,：:/]*")
_BYLINE_TAIL = re.compile(r"(?:摄影|摄|报道|采写|整理|文/图|文图)?[ \t\u3000]*")
_OPENERS = "（("
_CLOSERS = "）)"
_OPENER_RE = re.compile("[（(]")
#: An agency or paper crediting the story at the start of a line or in brackets, whether or
#: not it was found as a name: 新华社北京3月23日电, 央视网消息（新闻联播）：, 本报讯.
_OUTLETS = ("新华社", "中新社", "中新网", "人民网", "央视网", "央广网", "光明网", "本报")
_CREDIT = re.compile(
    rf"(?:^|(?<=[（(]))[ \t\u3000]*((?:{'|'.join(_OUTLETS)})(?:消息)?)"
    r"(?=讯|记者|[（(]|[\u4e00-\u9fff]{0,8}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*电)",
    re.MULTILINE,
)
_OUTLET_LEAD = word_lead(_OUTLETS)
_SPACES = " \t\u3000"
#: What follows an outlet's name that opens a story: 消息（新闻联播）：, 讯, 快讯, a dateline
#: (北京9月4日电, 8月26日讯), possibly after the outlet's other name in brackets
#: (荆楚网(湖北日报网)讯). Checked after a mention (not a place) that starts a line or
#: follows an opening bracket.
_CREDIT_AFTER = re.compile(
    r"[ \t\u3000]*(?:[（(][^（()）\n]{1,12}[）)])?[ \t\u3000]*"
    r"(?:消息(?=[（(：:\s])|快讯|讯|电(?=[（(：:\s])"
    r"|[^\s，。、；！？]{0,8}?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日\s*(?:电|讯))"
)
_LINE_OPEN = re.compile(r"(?:^|[（(【])[ \t\u3000]*$")
#: The characters that may stand right before a mention that ``_LINE_OPEN`` accepts (or
#: that starts a line): after any other, the mention neither opens a line nor a bracket.
_LINE_OPEN_BEFORE = frozenset("（(【 \t\u3000\n")
#: A source note: (据《山西日报》), (文图均据《山西日报》), （文章来源：山西晚报）.
_SOURCE = re.compile(
    r"[（(][ \t\u3000]*(?:(?:文图均?|图文均?)?据《[^》\n]{1,30}》|(?:文章)?来源[：:][^）)\n]{1,30})[ \t\u3000]*[）)]"
)
#: A bracket holding only names and 报道/摄: (陈赞亮 报道), （张三 李四 摄）.
_CREDIT_TAIL = re.compile(r"[ \t\u3000]*(?:报道|摄影|摄|采写|文/图|文图)[ \t\u3000]*[）)]")


def _people_at(mentions: Sequence[Mention]) -> dict[int, int]:
    people: dict[int, int] = {}
    for m in mentions:
        if m.type == "Person":
            people[m.start] = max(people.get(m.start, 0), m.end)
    return people


def _names_from(text: str, pos: int, people: dict[int, int]) -> tuple[int, int]:
    """The end of a run of people's names (with separators) from ``pos``, and how many."""
    names = 0
    while True:
        pos = _BYLINE_SEP.match(text, pos).end()
        if pos in people:
            pos, names = people[pos], names + 1
            continue
        return pos, names


def _outlet_credits(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Outlets named where a story opens: a mention other than a place at the start of a
    line (or just inside a bracket) followed by 消息, 讯 or a dateline."""
    out = []
    for m in mentions:
        # a place there is the dateline's (北京9月4日电): where the story is, it stays; an
        # outlet's name may be taken for a person's (荆楚网), so any other type is looked at
        if m.type == "Place" or m.rule.startswith("nested-"):
            continue
        if m.start and text[m.start - 1] not in _LINE_OPEN_BEFORE:
            continue  # what _LINE_OPEN asks, told by one character for most mentions
        # only the last eight characters before the mention are read: a line break further
        # back is as good as none (a document of one long line is not searched back whole
        # for each mention)
        line_start = text.rfind("\n", max(0, m.start - 8), m.start) + 1
        if not _LINE_OPEN.search(text[max(line_start, m.start - 8) : m.start]) and m.start != line_start:
            continue
        if _CREDIT_AFTER.match(text, m.end):
            out.append((m.start, m.end))
    return out


def _credit_spans(text: str) -> list[tuple[int, int]]:
    """The spans of group 1 of ``_CREDIT.finditer(text)``, the outlets' names.

    ``_CREDIT`` opens with a line start or a bracket, which the regex engine would try at
    every offset; a match starts where the spaces before an outlet's name start, so only
    those offsets are tried, in order, as ``finditer`` would try them (the outlets' names
    are no spaces, so these offsets grow with the names')."""
    out = []
    pos = 0  # where finditer would look next
    at = 0
    while (found := _OUTLET_LEAD.search(text, at)) is not None:
        q = found.start()
        at = q + 1
        p = q
        while p and text[p - 1] in _SPACES:
            p -= 1
        if p < pos:
            continue
        m = _CREDIT.match(text, p)
        if m is not None:
            out.append(m.span(1))
            pos = m.end()
    return out


def byline_spans(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Spans of ``text`` that are bylines: a role word (记者, 通讯员, 摄影, 编辑 …) followed
    only by the names of people (the ``Person`` mentions), separators and 摄/报道, up to
    the end of the line, the sentence or a closing bracket; a bracket of names ending in
    报道 or 摄; and credits: the outlet that opens a story (the 新华社 of 新华社北京3月23日电,
    央视网消息（新闻联播）：, 湖南日报8月26日讯, 本报讯) and source notes ((据《山西日报》),
    （文章来源：山西晚报）), which name the messenger, not the story. The place of a dateline
    stays: it is where the story is.

    A byline in brackets (``（记者刘冬冬）``) is the bracketed span; a byline that is its own
    line or sentence (``山西日报记者刘通摄``, ``新华社记者 谢希瑶 郑钧天``) runs from the
    line's start, so the paper or agency before the role word goes too. A role word
    followed by anything else (记者了解到, 记者张三采访了李四) is not a byline.

    >>> from kg.model import Mention
    >>> t = "本报讯 （记者刘冬冬）近日，经纬公司在越南参展。"
    >>> m = [Mention(7, 10, "刘冬冬", "Person", 0, "pos:name", "刘冬冬", "刘冬冬")]
    >>> [t[s:e] for s, e in byline_spans(t, m)]
    ['本报', '（记者刘冬冬）']
    """
    people = _people_at(mentions)
    spans = _credit_spans(text) + [m.span() for m in _SOURCE.finditer(text)]
    spans += _outlet_credits(text, mentions)
    for role in led_finditer(_ROLE, _ROLE_LEAD, text):
        pos, names = _names_from(text, role.end(), people)
        if not names:
            continue
        pos = _BYLINE_TAIL.match(text, pos).end()
        # the byline's own line, or its own sentence after a photo caption (…现场。山西日报记者刘通摄)
        line_start = text.rfind("\n", 0, role.start()) + 1
        line_start = max([line_start] + [text.rfind(c, line_start, role.start()) + 1 for c in "。！？"])
        before = text[line_start : role.start()]
        opener = max(before.rfind(c) for c in _OPENERS)
        if pos < len(text) and text[pos] in _CLOSERS and opener >= 0:
            spans.append((line_start + opener, pos + 1))
        elif (
            (pos >= len(text) or text[pos] in "\n。")
            and len(before.strip()) <= 12
            and not re.search(r"[，；,;：:]", before)
        ):
            spans.append((line_start, pos))
    # (陈赞亮 报道): names only, then the credit word, in brackets
    for opener in _OPENER_RE.finditer(text):
        pos, names = _names_from(text, opener.end(), people)
        if names and (tail := _CREDIT_TAIL.match(text, pos)):
            spans.append((opener.start(), tail.end()))
    return sorted(set(spans))


def counted_mentions(doc: Document, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions of ``doc`` that count (see the module's docstring), in their order:
    no nested names, nothing in page furniture, nothing in a byline or credit."""
    furniture = SpanIndex(doc.excluded) if doc.excluded else None
    credits = byline_spans(doc.text, mentions)
    inside = SpanIndex(credits).reaches if credits else None
    out = []
    for m in mentions:
        if m.rule.startswith("nested-"):
            continue
        if furniture is not None and furniture.overlaps(m.start, m.end):
            continue
        if inside is not None and inside(m.start, m.end):
            continue
        out.append(m)
    return out


def mention_counts(doc: Document, mentions: Sequence[Mention]) -> dict[tuple[str, str], int]:
    """Counted mentions per (type, document-level entity name): what each entity of the
    document adds to its corpus entity's ``mentions``."""
    out: dict[tuple[str, str], int] = defaultdict(int)
    for m in counted_mentions(doc, mentions):
        out[(m.type, m.key or m.name or m.text)] += 1
    return dict(out)
