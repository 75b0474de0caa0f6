"""Newspaper and web page furniture: imprint lines, page headers, source lines,
navigation and jump markers.

Furniture stays in the text (offsets do not move); :func:`find_furniture` only says where
it is, and the pipeline takes no entity mention from it. :func:`furniture_kind` judges one
line, which :func:`kg.read.text.join_broken_lines` also asks so that it never glues an
imprint or a header to the text around it.
"""

from __future__ import annotations

import re

from kg.read.sentences import LINE_RE, SENTENCE_END_RE, TERMINALS

#: "(上接第1版)", "（下转第2版）", "（转第 3 版）".
MARKER_RE = re.compile(
    r"[（(]\s*(?:上接|下转|紧接|接|转)\s*第?\s*[0-9０-９一二三四五六七八九十]{1,3}\s*版\s*[）)]"
)
MARKER_START_RE = re.compile(r"\s*" + MARKER_RE.pattern)
MARKER_END_RE = re.compile(MARKER_RE.pattern + r"\s*$")

# --------------------------------------------------------------------------- page furniture

_IMPRINT_FIELDS = (
    r"社址|地址|邮政编码|邮编|电子信箱|电子邮箱|E-?mail|电话|热线|传真|广告许可证|发行|定价|印刷|印务|网址"
)
#: A field name followed by a colon, possibly with a parenthesis between ("定价（含晚报版）：").
_IMPRINT_FIELD_COLON_RE = re.compile(
    f"(?:{_IMPRINT_FIELDS})(?:[（(][^）)\n]{{0,12}}[）)])?\\s*[：:]", re.IGNORECASE
)
_IMPRINT_FIELD_RE = re.compile(_IMPRINT_FIELDS, re.IGNORECASE)
_IMPRINT_START_RE = re.compile(r"\s*" + _IMPRINT_FIELD_COLON_RE.pattern, re.IGNORECASE)
_LONG_NUMBER_RE = re.compile(r"\d{5,}")
_HEADER_WORD_RE = re.compile(r"版|责编|编辑")
_HEADER_DATE_RE = re.compile(
    r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|星期[一二三四五六日天]|\d{4}[-./]\d{1,2}[-./]\d{1,2}"
)
#: Cheap pre-filter: a line without any of these cannot be furniture. In two patterns:
#: the one cased word (E-mail) would keep the regex engine from skipping to the
#: characters the Chinese words start with. The cased word is spelt out in the letters
#: that IGNORECASE lets match (the dotted and dotless i too), so that the pattern starts
#: with a character class the engine skips to, as a case-blind one it cannot.
_FURNITURE_HINT_RE = re.compile(
    f"{_IMPRINT_FIELDS.replace('|E-?mail', '')}|版|责编|编辑", re.IGNORECASE
)
_FURNITURE_HINT_CASED_RE = re.compile("[Ee]-?[Mm][Aa][Ii\u0130\u0131][Ll]")
_HEADER_MAX_LEN = 60
#: A paper's imprint fills a line of a few hundred characters at most (the longest in the
#: sample corpus has 178); a longer line that names two fields is text, or a whole
#: document on one line, which would otherwise be left out as furniture entirely.
_IMPRINT_MAX_LEN = 400

#: Fields of a web page's source line (``来源：湖南日报 编辑：张三 责编：李四``). ``作者`` is a
#: field too, so that it ends the field before it, but it is a byline and stays in the text.
_SOURCE_FIELD_RE = re.compile(
    r"(?:文章来源|来源|稿源|责任编辑|编辑|责编|发布时间|时间|点击数|浏览次数|浏览|字体|分享到|作者)\s*[：:]"
)
_SOURCE_KEEP = "作者"
#: The fields of a source line whose values are names (the outlet, the editors): furniture
#: for relations and co-occurrence, but the entity finder reads them.
SOURCE_NAMES_FIELD = re.compile(r"(?:文章来源|来源|稿源|责任编辑|编辑|责编)\s*[：:]")
#: A source, navigation or link line is short and states nothing: no sentence ends in it.
_WEB_LINE_MAX_LEN = 200
_STATEMENT_END_RE = re.compile(f"[{TERMINALS}]")
#: Breadcrumbs: "您现在的位置：首页 > 新闻", "当前位置:首页 >> 要闻", "新闻首页 » 正文".
_BREADCRUMB_RE = re.compile(r"(?:所在的?|现在的|当前)位置\s*[：:]|位置\s*[：:]\s*首页|首页(?=\s|[>»＞|｜]|$)")
#: The separators of a link bar: "要闻 | 城市远洋 | 老外在龙江 | 直观中国".
_LINK_BAR_SEP_RE = re.compile(r"\s*[|｜]\s*")
_LINK_ITEM_MAX_LEN = 12
_LINK_LIST_HEADINGS = (
    "相关新闻|相关阅读|相关链接|相关报道|推荐阅读|延伸阅读|热门排行|热门推荐|热点新闻|热门文章|更多新闻|猜你喜欢|排行榜"
)
#: The heading of a list of links to other stories; the list items after it are links too.
_LINK_LIST_HEADING_RE = re.compile(rf"\s*(?:{_LINK_LIST_HEADINGS})\s*$")
_LINK_LIST_HINT_RE = re.compile(_LINK_LIST_HEADINGS)
#: A web page's footer or masthead line: its copyright, its registration with the
#: authorities, who built it, or its claim to be a site (版权所有 中国报道网, 京ICP备…号,
#: 技术支持：…, 中国报道网——中国报道杂志唯一官方网站). On a short line in which no sentence
#: ends it is furniture whole: the names in it are the site's, not the story's. (主办单位：
#: is not a site's word alone: a notice of an event names its organisers so.)
_FOOTER_RE = re.compile(r"版权所有|版权声明|[Cc]opyright|©|ICP备|ICP证|公网安备|官方网站|技术支持\s*[：:]")
#: Whether a text holds any word that furniture other than a web page's source line or
#: navigation needs: an imprint field, a page header's word, a link list heading, and the
#: ``版`` of every jump marker. Most texts hold none, and one search of the text says so.
_ANY_HINT_RE = re.compile(f"{_FURNITURE_HINT_RE.pattern}|{_LINK_LIST_HEADINGS}")
#: Every jump marker holds this character; most texts do not, and skip the marker search.
MARKER_CHAR = "版"
#: An item of a link list: a list mark or a rank number, then a short title.
_LINK_LIST_ITEM_RE = re.compile(r"\s*(?:[-•·*]|\d{1,2}[.、]?)\s*\S.{0,40}$")

# --------------------------------------------------------------------------- furniture


def furniture_kind(line: str) -> str | None:
    """``"imprint"``, ``"header"`` or None for one line of text."""
    if len(line) > _IMPRINT_MAX_LEN or not (_FURNITURE_HINT_RE.search(line) or _FURNITURE_HINT_CASED_RE.search(line)):
        return None
    if _IMPRINT_START_RE.match(line) or len(_IMPRINT_FIELD_COLON_RE.findall(line)) >= 2:
        return "imprint"
    fields = {m.group().lower() for m in _IMPRINT_FIELD_RE.finditer(line)}
    if len(fields) >= 3 and _LONG_NUMBER_RE.search(line):
        return "imprint"
    if (
        len(line.strip()) <= 40
        and _IMPRINT_FIELD_COLON_RE.search(line)
        and _LONG_NUMBER_RE.search(line)
        and not SENTENCE_END_RE.search(line)
    ):
        # A short contact line such as "刊登热线:0350—3032752".
        return "imprint"
    stripped = line.strip()
    if (
        len(stripped) <= _HEADER_MAX_LEN
        and _HEADER_WORD_RE.search(stripped)
        and _HEADER_DATE_RE.search(stripped)
        and not SENTENCE_END_RE.search(stripped)
    ):
        return "header"
    return None


def _web_furniture(line: str) -> list[tuple[int, int, str]]:
    """Spans of a web page's source line or navigation line, relative to ``line``.

    A source line (``来源：黑龙江日报 编辑：刘才星 责编：赵滢溪``) gives each of its fields
    but ``作者`` (a byline); a breadcrumb (``您所在的位置：首页 > 要闻``) or a bar of four or
    more short links separated by ``|`` is furniture whole. A line in which a sentence
    ends states something and is never furniture here.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > _WEB_LINE_MAX_LEN or _STATEMENT_END_RE.search(stripped):
        return []
    lead = len(line) - len(line.lstrip())
    whole = [(lead, lead + len(stripped), "nav")]
    if _BREADCRUMB_RE.search(stripped):
        return whole
    items = _LINK_BAR_SEP_RE.split(stripped.strip("|｜ "))
    if (
        len(items) >= 4
        and all(len(item) <= _LINK_ITEM_MAX_LEN for item in items)
        and not any(_SOURCE_FIELD_RE.search(item) for item in items)
    ):
        return whole
    fields = list(_SOURCE_FIELD_RE.finditer(line))
    spans = []
    for k, field in enumerate(fields):
        if field.group().startswith(_SOURCE_KEEP):
            continue
        end = fields[k + 1].start() if k + 1 < len(fields) else len(line)
        piece = line[field.start() : end].rstrip(" \t|｜")
        spans.append((field.start(), field.start() + len(piece), "source"))
    return spans


def _is_footer(line: str) -> bool:
    """A web page's footer or masthead line (see ``_FOOTER_RE``): short, no sentence ends in it."""
    stripped = line.strip()
    return (len(stripped) <= _WEB_LINE_MAX_LEN and _FOOTER_RE.search(stripped) is not None
            and not _STATEMENT_END_RE.search(stripped))


def _may_be_web_line(line: str) -> bool:
    """A colon (of a source field or a breadcrumb), a bar (of a link bar) or ``首页`` (a
    breadcrumb): a line without any is neither a source line nor navigation."""
    return "：" in line or ":" in line or "|" in line or "｜" in line or "首页" in line


def _link_list_lines(lines: list[re.Match]) -> set[int]:
    """Indexes of the lines of a list of links to other stories: a heading such as
    ``相关新闻`` or ``推荐阅读`` (and headings right after it), then the list items up to the
    first line that is not one."""
    out: set[int] = set()
    i = 0
    while i < len(lines):
        if not _LINK_LIST_HEADING_RE.match(lines[i].group()):
            i += 1
            continue
        while i < len(lines) and _LINK_LIST_HEADING_RE.match(lines[i].group()):
            out.add(i)
            i += 1
        while i < len(lines) and _LINK_LIST_ITEM_RE.match(lines[i].group()):
            out.add(i)
            i += 1
    return out


def name_fields(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The name-bearing fields of a source line inside the furniture span ``text[start:end]``
    (``来源：黑龙江日报``, ``编辑：刘才星``), each up to the next field or the span's end:
    a header line with a date (``2023-12-08 来源：黑龙江日报编辑：刘才星``) holds them too."""
    fields = list(_SOURCE_FIELD_RE.finditer(text, start, end))
    return [
        (f.start(), fields[k + 1].start() if k + 1 < len(fields) else end)
        for k, f in enumerate(fields)
        if SOURCE_NAMES_FIELD.match(f.group())
    ]


def find_furniture(text: str) -> tuple[tuple[int, int, str], ...]:
    """Find newspaper page furniture: imprint lines, page headers and jump markers.

    Kinds:

    - ``"imprint"``: a whole line with the paper's address, post code, e-mail, phone,
      licence, distributor, price or printer (``社址：… 邮政编码：… 电话：…``): a line that
      starts with such a field and a colon, has two such fields with colons, or three fields
      and a long number; at most 400 characters long (a longer line is text).
    - ``"header"``: a short page-header line naming the page or its editor together with a
      date (``44 本版责编：王慧卿 苗皓然综合 2023年11月9日 星期四``). A byline alone
      (``本报记者 刘冬冬``) is not furniture.
    - ``"source"``: a field of a web page's source line (``来源：…``, ``编辑：…``, ``责编：…``,
      ``发布时间：…``) on a short line in which no sentence ends; ``作者：…`` is a byline and
      stays in the text.
    - ``"nav"``: a breadcrumb (``您所在的位置：首页 > 要闻``, ``首页 本地 正文``), a bar of
      four or more short links separated by ``|``, or a list of links to other stories
      (a heading such as ``相关新闻`` and the list items after it).
    - ``"footer"``: a web page's copyright, registration or masthead line (``版权所有
      中国报道网``, ``京ICP备12345678号``, ``中国报道网——中国报道杂志唯一官方网站``), short
      and with no sentence ending in it.
    - ``"marker"``: only the jump marker itself (``(上接第1版)``, ``（下转第2版）``), not its
      line, since article text usually follows it on the same line.

    Furniture stays in the text (offsets do not move); the pipeline takes no entity
    mention from it and keeps co-occurrence and relation rules out of it, except a few
    address rules. Spans cover a line without its surrounding whitespace.

    Args:
        text: Cleaned document text.

    Returns:
        ``(start, end, kind)`` triples sorted by position.

    Example:
        >>> t = "44 本版责编：王慧卿 2023年11月9日 星期四\\n社址：榆次区汇通路96号 邮政编码：030600\\n(上接第1版)全球发展。"
        >>> [(t[s:e], kind) for s, e, kind in find_furniture(t)]
        [('44 本版责编：王慧卿 2023年11月9日 星期四', 'header'), ('社址：榆次区汇通路96号 邮政编码：030600', 'imprint'), ('(上接第1版)', 'marker')]
    """
    spans: list[tuple[int, int, str]] = []
    # Most lines are none of these: the tests that cost a regex search each are asked of
    # the whole text once, and a line meets only those its text gave a hint of.
    hinted: set[int] = set()  # where the lines start that hold a hint of an imprint or header
    links: set[int] = set()
    first = _ANY_HINT_RE.search(text)
    if first is not None:
        at = first.start()  # no hint of any kind before it
        hinted.update(text.rfind("\n", 0, m.start()) + 1 for m in _FURNITURE_HINT_RE.finditer(text, at))
        if _LINK_LIST_HINT_RE.search(text, at):
            lines = list(LINE_RE.finditer(text))
            links = {lines[n].start() for n in _link_list_lines(lines)}
        if MARKER_CHAR in text:
            spans.extend((m.start(), m.end(), "marker") for m in MARKER_RE.finditer(text))
    if ("a" in text or "A" in text) and _FURNITURE_HINT_CASED_RE.search(text):  # E-mail
        hinted.update(text.rfind("\n", 0, m.start()) + 1 for m in _FURNITURE_HINT_CASED_RE.finditer(text))
    footers = _FOOTER_RE.search(text) is not None
    line_start = 0
    for line in text.split("\n"):  # the lines LINE_RE finds, and the empty ones between
        if line:
            kind = furniture_kind(line) if line_start in hinted else None
            if kind is None and line_start in links:
                kind = "nav"
            if kind is None and footers and _is_footer(line):
                kind = "footer"
            if kind is not None:
                stripped = line.lstrip()
                start = line_start + len(line) - len(stripped)
                spans.append((start, start + len(stripped.rstrip()), kind))
            elif _may_be_web_line(line) and not _STATEMENT_END_RE.search(line):
                # a line in which a sentence ends is text
                spans.extend((line_start + s, line_start + e, k) for s, e, k in _web_furniture(line))
        line_start += len(line) + 1
    return tuple(sorted(spans))
