"""Sentences with exact offsets, and the sections a long document is read in.

:func:`split_sentences` runs on every cleaned document (millions of characters in all), so
it works line by line with compiled regular expressions, never character by character in
Python. The sentence punctuation defined here is shared with :mod:`kg.read.furniture` and
:mod:`kg.read.text` (a line that ends a sentence is neither furniture nor a broken line).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from kg.model import Sentence

# --------------------------------------------------------------------------- character classes

#: Characters that end a sentence (the ellipsis counts when it is one or more ``…``). The
#: semicolon in both widths: news written with ASCII punctuation (many web pages) splits
#: where the same text in full-width punctuation does, so both read the same.
TERMINALS = "。！？!?；;"
#: The terminals that end a clause rather than a whole sentence: readers that count
#: sentences (a reference word's reach) count the clauses so ended with their sentence.
SEMICOLONS = "；;"
#: Marks that end a clause within a sentence (他说：…, 在山西考察，…), and with the terminals
#: every mark that ends a clause: the extraction's rules read a clause between two of them.
PAUSES = "，,：:"
CLAUSE_MARKS = TERMINALS + PAUSES
#: Closing quotes and brackets that stay with the sentence they close.
CLOSERS = "”’」』）)】》〉〕］"

#: One or more terminals or ellipsis characters, then closers: written as one character
#: class (not ``(?:[。！？]|…+)+``, the same language) so that the regex engine skips
#: straight to the characters a match starts with instead of trying every offset.
SENTENCE_END_RE = re.compile(f"[{TERMINALS}…]+[{CLOSERS}]*")
#: A sentence ending that rules out a headline (a headline has no closing punctuation).
_NOT_HEADING_END_RE = re.compile(f"[{TERMINALS};…：:，,、][{CLOSERS}]*$")
LINE_RE = re.compile(r"[^\n]+")

#: Longest sentence handed downstream; longer pieces are cut at a comma or at this length.
MAX_SENTENCE = 500
_COMMA_RE = re.compile("[，,、]")
_SPACES_RE = re.compile(r"\s*")

# --------------------------------------------------------------------------- sentences


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split cleaned document text into sentences with exact offsets.

    A sentence ends after ``。！？!?；;`` or an ellipsis (``…``/``……``); closing quotes and
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
    for line_match in LINE_RE.finditer(text):
        line = line_match.group()
        if line.isspace():
            continue
        base = line_match.start()
        spans: list[tuple[int, int]] = []
        pos = 0
        ends = [m.end() for m in SENTENCE_END_RE.finditer(line)]
        if not ends or ends[-1] < len(line):
            ends.append(len(line))  # the rest of the line, without closing punctuation
        for end in ends:
            # most pieces need neither trimming nor cutting: kept as they are, without a call
            if end - pos <= MAX_SENTENCE and not line[pos].isspace() and not line[end - 1].isspace():
                spans.append((pos, end))
            else:
                _add_piece(line, pos, end, spans)
            pos = end
        heading = (
            len(spans) == 1
            and spans[0][1] - spans[0][0] <= 40
            and not _NOT_HEADING_END_RE.search(line, 0, spans[0][1])
        )
        index = len(sentences)
        sentences += [
            Sentence(index + k, base + start, base + end, line[start:end], paragraph, heading)
            for k, (start, end) in enumerate(spans)
        ]
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
