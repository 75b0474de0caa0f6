"""Pure text functions: cleaning and PDF line repair here, page furniture and sentences
in their own modules and imported here, so that ``kg.read.text`` names all of them.

- cleaning (:func:`clean_text`: line breaks, invisible characters, trailing spaces) and
  the repair of text extracted from PDF pages (:func:`looks_like_pdf_text`,
  :func:`join_broken_lines`) are in this module;
- page furniture (:func:`find_furniture`) is in :mod:`kg.read.furniture`;
- sentences and sections (:func:`split_sentences`, :func:`sections`) are in
  :mod:`kg.read.sentences`.

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

from kg.read.furniture import MARKER_CHAR, MARKER_END_RE, MARKER_START_RE, find_furniture, furniture_kind
from kg.read.sentences import (
    CLOSERS,
    MAX_SENTENCE,
    SECTION_CHARS,
    SECTION_MARGIN,
    TERMINALS,
    Section,
    sections,
    split_sentences,
)

__all__ = [
    "MAX_SENTENCE",
    "SECTION_CHARS",
    "SECTION_MARGIN",
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
#: Any punctuation mark, CJK or ASCII. The middle dot ``·`` is left out on purpose: it sits
#: inside names and headlines ("晋创谷·太原").
_PUNCT_RE = re.compile(
    "[\u3001-\u3006\u3008-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2010-\u2027\u2030-\u205e"
    "!-/:-@\\[-`{-~]"
)

#: What ends a line that closes a sentence or announces what follows (``：``), before any
#: closing quotes and brackets.
_LINE_END_CHARS = frozenset(f"{TERMINALS};…：:")

#: Three or more CJK characters each separated by one space: letter-spaced PDF text
#: ("探 寻 国 际"). Words separated by a space ("深化市校协同创新 赋能农业") do not match.
_LETTER_SPACED_RE = re.compile(f"[{_CJK}](?: [{_CJK}]){{2,}}")
#: A byline alone on its line: "新华社记者 谢希瑶 郑钧天", "本报通讯员 张文军 摄".
_BYLINE_RE = re.compile(
    f"(?:新华社|本报|中新社|人民日报)?(?:特约)?(?:记者|通讯员|实习生)(?: ?[{_CJK}·]{{2,4}})(?: [{_CJK}·]{{2,4}})*(?: ?摄)?$"
)
_LATIN_END_RE = re.compile(r"[A-Za-z]$")
_LATIN_START_RE = re.compile(r"^[A-Za-z]")

# --------------------------------------------------------------------------- cleaning

#: Line separators other than ``\n``, as the body of a regex character class; each becomes
#: ``\n`` (and ``\r\n`` one ``\n``).
_LINE_BREAKS = "\r\u2028\u2029\x0b\x0c\x85"
#: Zero-width characters, BOM, soft hyphen and C0/C1 controls other than tab, newline and
#: the line breaks above, as the body of a regex character class; each is removed.
_INVISIBLE = "\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"
_NEWLINES_RE = re.compile(f"\r\n|[{_LINE_BREAKS}]")
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
#: Spaces at a line's end. A run is tried from its first space only and taken whole: tried
#: from every space of a long run inside a line, the pattern took time quadratic in the
#: run's length (40,000 spaces, 10 s).
_TRAILING_SPACE_RE = re.compile(r"(?<![^\S\n])[^\S\n]++$", re.MULTILINE)
#: Whether there is any such space: that pattern starts with a lookbehind, so the regex
#: engine tries it at every offset, while this one skips to the spaces.
_ANY_TRAILING_SPACE_RE = re.compile(r"[^\S\n](?:\n|\Z)")
_BLANK_RUN_RE = re.compile(r"\n{3,}")
#: Every character the two substitutions above change (line separators and invisible
#: characters), as one character class made of the same two lists: a text without any is
#: searched once, at the speed of a character scan, instead of rewritten twice.
_CHANGED_CHAR_RE = re.compile(f"[{_LINE_BREAKS}{_INVISIBLE}]")
#: A space before a line break, or a run of blank lines. The pattern starts with a
#: newline, so the regex engine jumps from newline to newline (a handful per article).
_LINE_END_WORK_RE = re.compile(r"\n(?:(?<=[^\S\n]\n)|\n\n)")


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
    if _CHANGED_CHAR_RE.search(text) is None and _LINE_END_WORK_RE.search(text) is None:
        # Most texts, and every cleaned one: nothing to replace or remove inside, and no
        # space before a line break; spaces at the very end go with the final strip.
        return text.strip()
    text = _NEWLINES_RE.sub("\n", text)
    text = _INVISIBLE_RE.sub("", text)
    if _ANY_TRAILING_SPACE_RE.search(text):  # most texts have none
        text = _TRAILING_SPACE_RE.sub("", text)
    text = _BLANK_RUN_RE.sub("\n\n", text)
    return text.strip()


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
    """The line (one line break may follow) ends with one of ``_LINE_END_CHARS`` and any
    closers, or with a jump marker (``MARKER_END_RE``). Its end is read, not searched for
    along the whole line."""
    end = line.removesuffix("\n").rstrip(CLOSERS)  # closers and terminals have no character in common
    if end and end[-1] in _LINE_END_CHARS:
        return True
    return MARKER_CHAR in line and MARKER_END_RE.search(line) is not None


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
    if text.count("\n") < 7:
        return False  # fewer than 8 lines (most articles): no need to split them
    lines = [line.strip() for line in text.split("\n")]
    nonempty = [line for line in lines if line]
    if len(nonempty) < 8:
        return False
    broken = sum(
        1
        for line, following in itertools.pairwise(lines)
        if line and following and not _ends_paragraph(line) and not MARKER_START_RE.match(following)
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
        [furniture_kind(line) in ("header", "imprint") or bool(_BYLINE_RE.match(line)) for line in block]
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
                or MARKER_START_RE.match(line)
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
    if _ends_paragraph(last) or MARKER_START_RE.match(blocks[b][0]):
        return False
    if len(before) == 1 and not _PUNCT_RE.search(last):
        # A lone line without punctuation is a title or a byline, not a column fragment.
        return False
    width = max(_visual_width(line) for line in before) if len(before) >= 2 else doc_width
    return _visual_width(last) >= 0.8 * width
