"""A person named once in a document is the same person where the name comes back: its
other mentions are found by the name itself, where the tagger read them otherwise
(韩正 | 在 of 韩正在河北, a name at a sentence's start with no cue, 在会见拉索时).

The rules of ``kg.extract.persons`` read a name from the words around it; a story names a
person with a title once (国务院副总理韩正) and by the bare name after, where the
segmenter may cut it another way and no cue stands. The mentions matter for the
sentences they are in: a relation or a co-occurrence is read in one sentence.
"""

from __future__ import annotations

from collections.abc import Container

from kg.extract.candidates import CJK, NAME_JOINERS, Candidate, in_text_order
from kg.extract.foreign_names import GLUED_AFTER_NAME as FOREIGN_GLUED_AFTER_NAME
from kg.extract.foreign_names import NO_NAME_OPENING, PLACE_WORD_AFTER
from kg.resources import Resources

#: The rule of a mention found again by its name.
RULE = "person:repeated"
#: One-character words the segmenter glues to the end of a name (韩正 | 在, 李强 | 说): the
#: name ends before them even where no token starts there. Those the foreign-name reader
#: knows, with 的 and 了 (韩正的讲话), not 时.
GLUED_AFTER_NAME = (FOREIGN_GLUED_AFTER_NAME - {"时"}) | frozenset("的了")
#: One-character prepositions and conjunctions the segmenter glues to the start of a name
#: (和普京 | 总统, 同法 | 耶): the name starts after them where their token starts before it.
GLUED_BEFORE_NAME = frozenset("同和与及向对")
#: Tags of the dictionary's ordinary words: a name the dictionary knows so (全票, 雷达) may
#: have been read as a person once, rightly or not; its other uses are not looked for.
_WORD_TAGS = frozenset({"n", "v", "vn", "a", "ad", "an", "d", "l", "i"})
#: Below this frequency the dictionary's word is as likely a name (郎平 19).
_WORD_FREQ = 10


def _looked_for(res: Resources, name: str) -> bool:
    """Whether the other mentions of a person's ``name`` are looked for: a name of two
    characters or more, of Chinese characters, not a word the dictionary knows as an
    ordinary one (全票, 雷达, 高峰) nor one opening with a character no name opens with (尔茨
    of 朔尔茨, cut)."""
    if len(name) < 2 or not CJK.match(name) or name[0] in NO_NAME_OPENING:
        return False
    hit = res.dictionary.get(name)
    return hit is None or not ((hit[1] in _WORD_TAGS and hit[0] >= _WORD_FREQ) or res.common_word(name, 300))


def _title_at(res: Resources, text: str, at: int) -> bool:
    """Whether a title of two characters or more starts at ``at``, after a word that may
    stand before one or not (韩正 | 副主席 of 韩正副主席, which the segmenter reads 韩 | 正副
    | 主席): the name ends there."""
    titles = res.title_set
    heads = [at, *(at + len(p) for p in res.title_prefixes if text.startswith(p, at))]
    return any(text[h : h + n] in titles for h in heads for n in range(2, 6))


def occurrences(forms: list[str], text: str) -> list[tuple[int, int, int]]:
    """Every occurrence of each of ``forms`` (distinct words) in ``text``, inside one
    another too, as (index of the form, start, end), by end and the longest first where
    two end together: the order of an Aho–Corasick automaton's overlapping matches, found
    with a ``str.find`` a form (a document names a few people; building an automaton for
    them cost more than reading the text once a name)."""
    out = []
    for k, form in enumerate(forms):
        size = len(form)
        s = text.find(form)
        while s >= 0:
            out.append((s + size, -size, k, s))
            s = text.find(form, s + 1)
    out.sort()
    return [(k, s, e) for e, _size, k, s in out]


def repeated_names(res: Resources, text: str, chosen: list[Candidate], starts: Container[int]) -> list[Candidate]:
    """``chosen`` with every other mention of a person it names, in text order: where the
    name occurs again as a whole word (a token starts there or a preposition glued to it
    opens its token, and where it ends one starts,
    the text ends, or a function word or reporting verb glued to it follows), over no
    mention found, nor right before or after a person's mention (雷任 | 科夫 of 雷任科夫,
    which the rules cut). Not where a transliteration runs on after a foreign name (麦格 | 耐特:
    another, longer name) or a place's word follows (钱凯 | 港口). Names of one character,
    of Latin letters, and ordinary words are not looked for (``_looked_for``)."""
    names = {
        text[c.start : c.end]: c.name
        for c in chosen
        if c.type == "Person" and c.priority > 0 and _looked_for(res, text[c.start : c.end])
    }
    if not names:
        return chosen
    taken = bytearray(len(text) + 1)
    people = bytearray(len(text) + 1)  # a person's mention there: no name runs on into it
    for c in chosen:
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        if c.type == "Person":
            people[c.start : c.end] = b"\x01" * (c.end - c.start)
    forms = list(names)
    translit = res.translit_chars
    found = []
    for k, s, e in occurrences(forms, text):
        glued_before = s > 0 and text[s - 1] in GLUED_BEFORE_NAME and s - 1 in starts
        if taken.find(1, s, e) != -1 or (s not in starts and not glued_before) or (s > 0 and people[s - 1]) or people[e]:
            continue  # (雷任 | 科夫: the end of a name already read, cut)
        if not (e == len(text) or e in starts or text[e] in GLUED_AFTER_NAME or _title_at(res, text, e)):
            continue  # 李强国: a longer name runs on
        if translit.issuperset(text[s:e]) and ((e < len(text) and text[e] in NAME_JOINERS) or (s > 0 and text[s - 1] in NAME_JOINERS)):
            continue  # 特莎 | ·莫德: part of a longer, dotted foreign name (not 精粹·张君秋)
        if e < len(text) and (
            (text[e] in translit and text[e] not in GLUED_AFTER_NAME and translit.issuperset(text[s:e]))
            or PLACE_WORD_AFTER.match(text, e)
        ):
            continue  # 麦格 | 耐特: a longer foreign name; 钱凯 | 港口: a place
        found.append(Candidate(s, e, "Person", RULE, 1, name=names[forms[k]]))
        taken[s:e] = b"\x01" * (e - s)
    if not found:
        return chosen
    return sorted(chosen + found, key=in_text_order)
