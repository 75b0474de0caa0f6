"""Pure text functions: cleaning, PDF line repair, page furniture and sentence splitting.

Everything here maps ``str`` to ``str`` or to tuples of plain values, does no I/O and keeps
full-width characters as they are (no NFKC: it would turn ``，！：`` into ASCII). Offsets
returned by :func:`split_sentences` and :func:`find_furniture` index the string passed in,
which for the rest of the pipeline is the cleaned ``Document.text``.

The functions run on the whole corpus (millions of characters), so they work line by line
or with compiled regular expressions, never character by character in Python.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from kg.model import Sentence

__all__ = [
    "Section",
    "clean_text",
    "find_furniture",
    "join_broken_lines",
    "looks_like_pdf_text",
    "sections",
    "split_sentences",
]

# --------------------------------------------------------------------------- character classes

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
#: Characters that end a sentence (the ellipsis counts when it is one or more ``…``).
_TERMINALS = "。！？!?；"
#: Closing quotes and brackets that stay with the sentence they close.
_CLOSERS = "”’」』）)】》〉〕］"
#: Any punctuation mark, CJK or ASCII. The middle dot ``·`` is left out on purpose: it sits
#: inside names and headlines ("晋创谷·太原").
_PUNCT_RE = re.compile(
    "[\u3001-\u3006\u3008-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2010-\u2027\u2030-\u205e"
    "!-/:-@\\[-`{-~]"
)

_SENTENCE_END_RE = re.compile(f"(?:[{_TERMINALS}]|…+)+[{_CLOSERS}]*")
#: A line ending that closes a sentence or announces what follows (``：``).
_LINE_END_RE = re.compile(f"[{_TERMINALS};…：:][{_CLOSERS}]*$")
#: A sentence ending that rules out a headline (a headline has no closing punctuation).
_NOT_HEADING_END_RE = re.compile(f"[{_TERMINALS};…：:，,、][{_CLOSERS}]*$")
_LINE_RE = re.compile(r"[^\n]+")

#: "(上接第1版)", "（下转第2版）", "（转第 3 版）".
_MARKER_RE = re.compile(
    r"[（(]\s*(?:上接|下转|紧接|接|转)\s*第?\s*[0-9０-９一二三四五六七八九十]{1,3}\s*版\s*[）)]"
)
_MARKER_START_RE = re.compile(r"\s*" + _MARKER_RE.pattern)
_MARKER_END_RE = re.compile(_MARKER_RE.pattern + r"\s*$")

#: Three or more CJK characters each separated by one space: letter-spaced PDF text
#: ("探 寻 国 际"). Words separated by a space ("深化市校协同创新 赋能农业") do not match.
_LETTER_SPACED_RE = re.compile(f"[{_CJK}](?: [{_CJK}]){{2,}}")
#: A byline alone on its line: "新华社记者 谢希瑶 郑钧天", "本报通讯员 张文军 摄".
_BYLINE_RE = re.compile(
    f"(?:新华社|本报|中新社|人民日报)?(?:特约)?(?:记者|通讯员|实习生)(?: ?[{_CJK}·]{{2,4}})(?: [{_CJK}·]{{2,4}})*(?: ?摄)?$"
)
_LATIN_END_RE = re.compile(r"[A-Za-z]$")
_LATIN_START_RE = re.compile(r"^[A-Za-z]")

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
#: Cheap pre-filter: a line without any of these cannot be furniture.
_FURNITURE_HINT_RE = re.compile(f"{_IMPRINT_FIELDS}|版|责编|编辑", re.IGNORECASE)
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
#: A source, navigation or link line is short and states nothing: no sentence ends in it.
_WEB_LINE_MAX_LEN = 200
_STATEMENT_END_RE = re.compile(f"[{_TERMINALS}]")
#: Breadcrumbs: "您现在的位置：首页 > 新闻", "当前位置:首页 >> 要闻", "新闻首页 » 正文".
_BREADCRUMB_RE = re.compile(r"(?:所在的?|现在的|当前)位置\s*[：:]|位置\s*[：:]\s*首页|首页(?=\s|[>»＞|｜]|$)")
#: The separators of a link bar: "要闻 | 城市远洋 | 老外在龙江 | 直观中国".
_LINK_BAR_SEP_RE = re.compile(r"\s*[|｜]\s*")
_LINK_ITEM_MAX_LEN = 12
#: The heading of a list of links to other stories; the list items after it are links too.
_LINK_LIST_HEADING_RE = re.compile(
    r"\s*(?:相关新闻|相关阅读|相关链接|相关报道|推荐阅读|延伸阅读|热门排行|热门推荐|热点新闻|热门文章|更多新闻|猜你喜欢|排行榜)\s*$"
)
#: An item of a link list: a list mark or a rank number, then a short title.
_LINK_LIST_ITEM_RE = re.compile(r"\s*(?:[-•·*]|\d{1,2}[.、]?)\s*\S.{0,40}$")

# --------------------------------------------------------------------------- cleaning

_NEWLINES_RE = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
#: Zero-width characters, BOM, soft hyphen and C0/C1 controls other than tab and newline.
_INVISIBLE_RE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
#: Spaces at a line's end. A run is tried from its first space only and taken whole: tried
#: from every space of a long run inside a line, the pattern took time quadratic in the
#: run's length (40,000 spaces, 10 s).
_TRAILING_SPACE_RE = re.compile(r"(?<![^\S\n])[^\S\n]++$", re.MULTILINE)
_BLANK_RUN_RE = re.compile(r"\n{3,}")

#: Longest sentence handed downstream; longer pieces are cut at a comma or at this length.
MAX_SENTENCE = 500
_COMMA_RE = re.compile("[，,、]")
_SPACES_RE = re.compile(r"\s*")


def clean_text(text: str) -> str:
    """Normalise line breaks and invisible characters, keep everything else as it is.

    ``\\r\\n``, ``\\r`` and other line separators become ``\\n``; zero-width characters, the
    BOM, soft hyphens and control characters (except tab and newline) are removed; trailing
    whitespace is stripped from every line; runs of blank lines collapse into one blank line;
    the whole text is stripped. Full-width characters, ideographic spaces inside lines and
    indentation are kept (no NFKC). The function is idempotent.

    Args:
        text: Raw decoded text.

    Returns:
        The cleaned text.

    Example:
        >>> clean_text("\\ufeff山西\\u200b晋中 \\r\\n\\r\\n\\r\\n\\r\\n榆次区：汇通路！  ")
        '山西晋中\\n\\n榆次区：汇通路！'
    """
    text = _NEWLINES_RE.sub("\n", text)
    text = _INVISIBLE_RE.sub("", text)
    text = _TRAILING_SPACE_RE.sub("", text)
    text = _BLANK_RUN_RE.sub("\n\n", text)
    return text.strip()


# --------------------------------------------------------------------------- sentences


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split cleaned document text into sentences with exact offsets.

    A sentence ends after ``。！？!?；`` or an ellipsis (``…``/``……``); closing quotes and
    brackets right after that punctuation stay with the sentence. Every line break is a
    boundary too: after cleaning a line is a paragraph or a headline. Whitespace around a
    sentence is left out, so ``text[s.start:s.end] == s.text`` and the text neither starts nor
    ends with whitespace. ``paragraph`` counts non-empty lines from 0; ``heading`` marks a
    line that is one short sentence (at most 40 characters) without closing punctuation.
    Pieces longer than ``MAX_SENTENCE`` characters are cut after the last comma before the
    limit, or at the limit.

    Args:
        text: Cleaned document text.

    Returns:
        The sentences in document order, ``index`` running from 0.

    Example:
        >>> ss = split_sentences("创新引擎不断提速\\n他说：“要加快发展。”记者了解到……情况良好！")
        >>> [(s.text, s.paragraph, s.heading) for s in ss]
        [('创新引擎不断提速', 0, True), ('他说：“要加快发展。”', 1, False), ('记者了解到……', 1, False), ('情况良好！', 1, False)]
    """
    sentences: list[Sentence] = []
    paragraph = 0
    for line_match in _LINE_RE.finditer(text):
        line = line_match.group()
        if line.isspace():
            continue
        base = line_match.start()
        spans: list[tuple[int, int]] = []
        pos = 0
        for end_match in _SENTENCE_END_RE.finditer(line):
            _add_piece(line, pos, end_match.end(), spans)
            pos = end_match.end()
        if pos < len(line):
            _add_piece(line, pos, len(line), spans)
        heading = (
            len(spans) == 1
            and spans[0][1] - spans[0][0] <= 40
            and not _NOT_HEADING_END_RE.search(line, 0, spans[0][1])
        )
        for start, end in spans:
            sentences.append(
                Sentence(
                    index=len(sentences),
                    start=base + start,
                    end=base + end,
                    text=line[start:end],
                    paragraph=paragraph,
                    heading=heading,
                )
            )
        paragraph += 1
    return tuple(sentences)


def _add_piece(line: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``line[start:end]`` without surrounding whitespace, cut to ``MAX_SENTENCE``."""
    piece = line[start:end]
    stripped = piece.lstrip()
    if not stripped:
        return
    start += len(piece) - len(stripped)
    end = start + len(stripped.rstrip())
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = None
        # The last comma in the window, unless it is so early that the rest stays huge.
        for comma in _COMMA_RE.finditer(line, start + MAX_SENTENCE // 10, limit):
            cut = comma.end()
        if cut is None:
            cut = _safe_cut(line, start + MAX_SENTENCE // 10, limit)
        head = line[start:cut].rstrip()
        if head:
            spans.append((start, start + len(head)))
        # skip the spaces after the cut where they are, not in a copy of the rest of the
        # line (copying the rest at every cut took time quadratic in the line's length)
        start = _SPACES_RE.match(line, cut, end).end()
    if end > start:
        spans.append((start, end))


def _safe_cut(line: str, low: int, limit: int) -> int:
    """Where to cut ``line`` near ``limit`` when no punctuation offers a place: moved back
    (not as far as ``low``) so that no Latin word or number is cut in two and no character
    is parted from a mark that modifies it (an accent, a variation selector)."""
    cut = limit
    while cut > low and _keeps_together(line[cut - 1], line[cut]):
        cut -= 1
    return cut if cut > low else limit


def _keeps_together(before: str, after: str) -> bool:
    if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
        return True
    return unicodedata.category(after) in ("Mn", "Mc", "Me")


# --------------------------------------------------------------------------- sections

#: A document longer than this (in characters) is read in sections of about this size:
#: the segmenter's tokens of a 50 MB document would take gigabytes, a section's take a
#: few megabytes. News articles are far shorter and are read whole.
SECTION_CHARS = 100_000
#: Context read on either side of a section, in whole sentences of at least this many
#: characters: the rules look a few words (at most a sentence or two) around a name, so a
#: name near a section's edge is found as it would be in the whole text.
SECTION_MARGIN = 1_000


@dataclass(frozen=True, slots=True)
class Section:
    """A part of a long document, read on its own.

    ``start``–``end`` are the characters the section answers for (the sections tile the
    text); ``read_start``–``read_end`` the text that is read, the section and a margin of
    whole sentences on either side; ``sentences[first:last]`` the sentences in that text.
    """

    start: int
    end: int
    read_start: int
    read_end: int
    first: int
    last: int


def sections(
    sentences: Sequence[Sentence], length: int, size: int = SECTION_CHARS, margin: int = SECTION_MARGIN
) -> tuple[Section, ...]:
    """Cut a text of ``length`` characters into sections of at most ``size`` characters.

    Sections begin at sentence starts, at a paragraph's start where one falls in the
    second half of the allowed length; a text without paragraphs or punctuation is still
    cut, since :func:`split_sentences` ends every sentence within ``MAX_SENTENCE``
    characters (at a comma or a safe point). A text no longer than ``size`` is one
    section.

    Example:
        >>> ss = split_sentences("一二三。四五六。\\n七八九。十一二。")
        >>> [(x.start, x.end, x.read_start, x.read_end) for x in sections(ss, 17, size=9, margin=2)]
        [(0, 9, 0, 13), (9, 17, 4, 17)]
    """
    n = len(sentences)
    if length <= size or n <= 1:
        return (Section(0, length, 0, length, 0, n),)
    opens = [0]  # the first sentence of each section
    i = 0
    while True:
        begin = 0 if i == 0 else sentences[i].start
        if length - begin <= size:
            break
        cut = i + 1
        paragraph_cut = None
        j = i + 1
        while j < n and sentences[j].start - begin <= size:
            cut = j
            if sentences[j].paragraph != sentences[j - 1].paragraph and sentences[j].start - begin >= size // 2:
                paragraph_cut = j
            j += 1
        if paragraph_cut is not None:
            cut = paragraph_cut
        if cut >= n:
            break
        opens.append(cut)
        i = cut
    out = []
    for k, i in enumerate(opens):
        start = 0 if k == 0 else sentences[i].start
        stop = opens[k + 1] if k + 1 < len(opens) else n
        end = sentences[stop].start if stop < n else length
        first = i
        while first > 0 and sentences[first].start > start - margin:
            first -= 1
        last = stop
        while last < n and sentences[last - 1].end < end + margin:
            last += 1
        read_start = sentences[first].start if first > 0 else 0
        read_end = sentences[last].start if last < n else length
        out.append(Section(start, end, read_start, read_end, first, last))
    return tuple(out)


# --------------------------------------------------------------------------- PDF text


def _visual_width(line: str) -> int:
    """Columns a line takes, about: CJK characters count two, ASCII one.

    In UTF-8 a CJK character takes 3 bytes and ASCII 1, so ``(bytes + chars) / 2`` gives
    2 and 1 without a Python loop over characters.
    """
    return (len(line.encode("utf-8", "surrogatepass")) + len(line)) // 2


def _is_headline_block(block: list[str]) -> bool:
    """1–2 short lines (<= 20 characters without spaces) with no punctuation at all."""
    if not 1 <= len(block) <= 2:
        return False
    return all(len(line.replace(" ", "")) <= 20 and not _PUNCT_RE.search(line) for line in block)


def _ends_paragraph(line: str) -> bool:
    return bool(_LINE_END_RE.search(line) or _MARKER_END_RE.search(line))


def looks_like_pdf_text(text: str) -> bool:
    """Tell text extracted from a PDF page (lines broken at the column width) from articles.

    PDF dumps break lines in the middle of sentences and words, at a similar width: at least
    8 non-empty lines, at least 40 % of them end without closing punctuation and are followed
    by a non-empty line, and at least half of the lines are within 25 % of the median width.
    Articles with one paragraph per line fail the first test.

    Args:
        text: Cleaned text.

    Returns:
        True when the text looks like a PDF dump.

    Example:
        >>> looks_like_pdf_text("2019 年 5 月，习近平总书记主持召开中\\n央全面深化改革委员会第八次会议，审议通\\n" * 4)
        True
        >>> looks_like_pdf_text("山西加快转型发展。\\n\\n晋中市推动焦化行业高质量发展。\\n" * 8)
        False
    """
    lines = [line.strip() for line in text.split("\n")]
    nonempty = [line for line in lines if line]
    if len(nonempty) < 8:
        return False
    broken = sum(
        1
        for line, following in itertools.pairwise(lines)
        if line and following and not _ends_paragraph(line) and not _MARKER_START_RE.match(following)
    )
    if broken < 0.4 * len(nonempty):
        return False
    widths = [_visual_width(line) for line in nonempty]
    median = statistics.median(widths)
    similar = sum(1 for w in widths if abs(w - median) <= 0.25 * median)
    return similar >= 0.5 * len(nonempty)


def _unspace_cjk(line: str) -> str:
    return _LETTER_SPACED_RE.sub(lambda m: m.group().replace(" ", ""), line)


def _glue(left: str, right: str) -> str:
    """Join two pieces of one sentence: no space, except between two Latin words."""
    if _LATIN_END_RE.search(left) and _LATIN_START_RE.match(right):
        return left + " " + right
    return left + right


def join_broken_lines(text: str) -> str:
    """Rejoin lines that PDF extraction broke in the middle of sentences and words.

    Rules:

    - Inside a block of lines, a line break is removed (no space added, except between two
      Latin letters) when the line does not end with closing punctuation (``。！？；…：``,
      possibly followed by a closing quote or bracket). A bare closing quote (``“车间”``)
      does not close a sentence, so such a line is joined too.
    - Breaks around page furniture (imprint and header lines), around bylines alone on a
      line (``新华社记者 谢希瑶 郑钧天``), before an indented line (when few lines are
      indented) and before/after jump markers such as ``（下转第2版）`` stay.
    - A headline block — 1–2 short lines without any punctuation between blank lines or
      document edges — keeps one line per headline line.
    - Paragraphs are separated by one blank line. A blank line is also dropped when it is a
      column break inside a sentence: the line before is full (at least 80 % of its block's
      width), does not close the sentence and is not furniture, and the block after it is
      not a headline.
    - Runs of three or more CJK characters separated by single spaces (letter-spaced text)
      lose their spaces; spaces next to digits or Latin text stay.

    Only whitespace is removed or added: the non-whitespace characters keep their order.

    Args:
        text: Text of a PDF dump (newlines normalised).

    Returns:
        The repaired text: one paragraph per line, paragraphs separated by a blank line
        (so :func:`split_sentences` sees the same shape as in a plain article).

    Example:
        >>> join_broken_lines("主持召开中\\n央全面深化改革委员会第八次会议。\\n\\n创新引擎不断提速\\n引领行业风向\\n\\n探\\n寻 国 际 数 字 治 理 之\\n道。")
        '主持召开中央全面深化改革委员会第八次会议。\\n\\n创新引擎不断提速\\n引领行业风向\\n\\n探寻国际数字治理之道。'
    """
    blocks: list[list[str]] = [[]]
    indented: set[tuple[int, int]] = set()
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            if raw[0].isspace():
                indented.add((len(blocks) - 1, len(blocks[-1])))
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    if not blocks[-1]:
        blocks.pop()
    if not blocks:
        return ""
    # Indentation marks a paragraph start, unless the extraction indents every line.
    if len(indented) > 0.2 * sum(len(block) for block in blocks):
        indented = set()

    body_widths = [_visual_width(line) for block in blocks if len(block) >= 3 for line in block]
    all_widths = body_widths or [_visual_width(line) for block in blocks for line in block]
    doc_width = statistics.median(all_widths)

    headline = [_is_headline_block(block) for block in blocks]
    # Furniture and bylines are lines of their own: never glued to their neighbours.
    furniture = [
        [_furniture_kind(line) in ("header", "imprint") or bool(_BYLINE_RE.match(line)) for line in block]
        for block in blocks
    ]

    paragraphs: list[str] = []
    current: str | None = None
    for b, block in enumerate(blocks):
        if headline[b]:
            if current is not None:
                paragraphs.append(current)
                current = None
            paragraphs.append("\n".join(_unspace_cjk(line) for line in block))
            continue
        if current is not None and not _continues_across_blank(blocks, b, headline, furniture, doc_width):
            paragraphs.append(current)
            current = None
        for i, line in enumerate(block):
            if current is None:
                current = line
                continue
            previous = block[i - 1] if i else blocks[b - 1][-1]
            previous_is_furniture = furniture[b][i - 1] if i else furniture[b - 1][-1]
            if (
                _ends_paragraph(previous)
                or previous_is_furniture
                or furniture[b][i]
                or (b, i) in indented
                or _MARKER_START_RE.match(line)
            ):
                paragraphs.append(current)
                current = line
            else:
                current = _glue(current, line)
    if current is not None:
        paragraphs.append(current)
    return "\n\n".join(_unspace_cjk(p) if "\n" not in p else p for p in paragraphs)


def _continues_across_blank(
    blocks: list[list[str]],
    b: int,
    headline: list[bool],
    furniture: list[list[bool]],
    doc_width: float,
) -> bool:
    """Whether block ``b`` continues the sentence left open at the end of block ``b - 1``."""
    before = blocks[b - 1]
    last = before[-1]
    if headline[b - 1] or headline[b] or furniture[b - 1][-1] or furniture[b][0]:
        return False
    if _ends_paragraph(last) or _MARKER_START_RE.match(blocks[b][0]):
        return False
    if len(before) == 1 and not _PUNCT_RE.search(last):
        # A lone line without punctuation is a title or a byline, not a column fragment.
        return False
    width = max(_visual_width(line) for line in before) if len(before) >= 2 else doc_width
    return _visual_width(last) >= 0.8 * width


# --------------------------------------------------------------------------- furniture


def _furniture_kind(line: str) -> str | None:
    """``"imprint"``, ``"header"`` or None for one line of text."""
    if len(line) > _IMPRINT_MAX_LEN or not _FURNITURE_HINT_RE.search(line):
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
        and not _SENTENCE_END_RE.search(line)
    ):
        # A short contact line such as "刊登热线:0350—3032752".
        return "imprint"
    stripped = line.strip()
    if (
        len(stripped) <= _HEADER_MAX_LEN
        and _HEADER_WORD_RE.search(stripped)
        and _HEADER_DATE_RE.search(stripped)
        and not _SENTENCE_END_RE.search(stripped)
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
    if len(items) >= 4 and all(len(item) <= _LINK_ITEM_MAX_LEN for item in items):
        if not any(_SOURCE_FIELD_RE.search(item) for item in items):
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
    lines = list(_LINE_RE.finditer(text))
    links = _link_list_lines(lines)
    for n, line_match in enumerate(lines):
        line = line_match.group()
        kind = _furniture_kind(line)
        if kind is None and n in links:
            kind = "nav"
        if kind is None:
            spans.extend((line_match.start() + s, line_match.start() + e, k) for s, e, k in _web_furniture(line))
            continue
        stripped = line.lstrip()
        start = line_match.start() + len(line) - len(stripped)
        spans.append((start, start + len(stripped.rstrip()), kind))
    spans.extend((m.start(), m.end(), "marker") for m in _MARKER_RE.finditer(text))
    return tuple(sorted(spans))
