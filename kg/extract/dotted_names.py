"""A name written with a middle dot read off the segmenter's words around the dots, for
the parts that are no run of transliteration characters: minorities' names (阿不都·黑力力,
司马义·铁力瓦尔地), Thai ones (差瓦利·永猜裕), initials (拉·甘地, 让·皮埃尔) and foreign names
with a less common character (安迪·葛鲁夫, 塞尔焦·马塔雷拉, 卡尔·莱文).

The rule dotted (``kg.extract.other_names.OtherNames.dotted_name``) reads a dotted name by
its characters; this reading by words takes over where it reaches further. The part before
the first dot runs back over the words that may be a name's (tagged as a name, all
transliteration characters, or the word right before the dot when it is no common word) up
to a title, a verb or a function word; the part after the last dot runs on likewise up to
the first word that ends the name. Titles of programmes and columns written with a dot
(建功新时代·伟大变革, 中国梦·劳动美, 甘肃·庆阳) fail: their words are common ones or places.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.extract.candidates import NameChecks
from kg.extract.foreign_names import PLACE_WORD_AFTER
from kg.extract.segment import Tokens
from kg.resources import Resources

#: The middle dots that join the parts of a name.
_DOT = re.compile("[·•・]")
_CJK = re.compile(r"[\u4e00-\u9fff]+")
#: Tags of the words of people's names.
_PERSON_TAGS = frozenset({"nr", "nrt", "nrfg"})
#: Tags of a word before a dotted name's first part that make the part the end of a noun
#: phrase (二十四 | 节气·白露), unless the word is a title or a nationality.
_INSIDE_A_PHRASE = frozenset({"m", "q", "n", "nz", "vn", "an", "b", "ng"})
#: Tags of words that are no part of a name (function words, verbs, counts, idioms).
_NOT_NAME_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "d", "r", "v", "vn", "f", "m", "q", "x", "l", "i", "t"})
#: Tags of function words (因/p, 及/c; 特/d and 什/r end names: 阿马 | 特, 加巴 | 什).
_FUNCTION_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz"})
#: Characters before a dot that are no initial.
_NO_INITIAL = frozenset("的了和与及或是在")
#: The longest part of a name on either side of the dots, in characters.
_MAX_PART = 7
#: What follows the name of a ship in quotes or not (“卡尔·文森”号).
VESSEL_AFTER = ("号", "”号", '"号')
#: Characters the tagger glues to the end of a name's last word (葛鲁夫任 | 英特尔总裁).
_GLUED_LAST = frozenset("任在说是和与及称将对向等均都也已因")


def _name_word(res: Resources, checks: NameChecks, word: str, tag: str, next_to_dot: bool, initial: bool = False) -> bool:
    """Whether ``word`` may be part of a dotted name: all transliteration characters; next
    to the dot a word that is no common word, title, place, known name or function word
    (阿不都·黑力力, 卡尔·莱文) and, before the first dot, a single character, an initial
    (拉·甘地, 让·皮埃尔); further from the dot a word of three characters at most tagged as
    a name that the dictionary does not know (巴依卡·凯力迪 | 别克, not 谢里夫 | 宣誓就职)."""
    if not _CJK.fullmatch(word) or checks.is_title_word(word) or word in res.place_forms or word in res.lexicon_forms:
        return False  # (中国铁建•青秀城: a company's, a development's name)
    if len(word) == 1 and tag in _FUNCTION_TAGS:
        return False  # 乔治·弗洛伊德 | 因/p 警察…: 因 transliterates too
    if res.translit_chars.issuperset(word):
        return True
    if len(word) == 1:
        return initial and word not in _NO_INITIAL
    if (tag in _NOT_NAME_TAGS and (len(word) < 3 or word in res.dictionary)) or res.common_word(word, 300) or nationality(res, word):
        return False  # 荷兰人 | 维姆·杜伊森贝赫: the nationality before a name; 二十四节气/l
    if next_to_dot:
        return True
    return tag in _PERSON_TAGS and len(word) <= 3 and word not in res.dictionary


def _strong(res: Resources, word: str, tag: str) -> bool:
    """``word`` is surely a name's: all transliteration characters or tagged as a name (or,
    for the caller, an initial or a word the dictionary does not know: 阿不都·黑力力)."""
    return res.translit_chars.issuperset(word) or tag in _PERSON_TAGS


def dotted_name_by_words(res: Resources, checks: NameChecks, text: str, tokens: Tokens, start: int, end: int) -> tuple[int, int] | None:
    """The span of the dotted name in ``text[start:end]`` (a run of Chinese characters and
    dots) read off the words around its dots, or None when a part has no word of a name."""
    words, tags, starts, ends = tokens.words, tokens.tags, tokens.starts, tokens.ends
    dots = [m.start() for m in _DOT.finditer(text, start, end)]
    if not dots:
        return None
    first = bisect_left(starts, dots[0])  # the first dot's token
    last = bisect_left(starts, dots[-1])
    if first >= len(words) or starts[first] != dots[0] or last >= len(words) or starts[last] != dots[-1]:
        return None  # a dot glued inside a word
    # the words between the dots must all be a name's (何塞·米格尔·因苏尔萨)
    for k in range(first + 1, last):
        if not _DOT.fullmatch(words[k]) and not _name_word(res, checks, words[k], tags[k], True):
            return None
    k = first - 1
    while k >= 0 and starts[k] >= start and dots[0] - starts[k] <= _MAX_PART and _name_word(res, checks, words[k], tags[k], k == first - 1, k == first - 1):
        k -= 1
    s = ends[k] if k >= 0 and starts[k] >= start else start
    if s == dots[0]:
        return None
    if k >= 0 and starts[k] >= start and tags[k] in _INSIDE_A_PHRASE and not (checks.title_before(words[k]) or nationality(res, words[k])):
        return None  # 二十四节气·白露, 中国梦·劳动美: the dot parts a title's words, no name's
    k = last + 1
    e = dots[-1] + 1
    while k < len(words) and ends[k] - dots[-1] - 1 <= _MAX_PART and _name_word(res, checks, words[k], tags[k], k == last + 1):
        e = ends[k]
        k += 1
        w = words[k - 1]
        if len(w) >= 3 and w not in res.dictionary and (
            w[-1] in _GLUED_LAST or (tags[k - 1] not in _PERSON_TAGS and res.translit_chars.issuperset(w[:-1]) and w[-1] not in res.translit_chars)
        ):
            # 安迪·葛鲁夫任 | 英特尔总裁, 黑尔·毕什站/r | 在: the word after the name (任,
            # 站在) glued its first character to the name's last word
            e -= 1
            break
    if e == dots[-1] + 1:
        return None
    letters = e - s - len(dots)
    if letters < 3 or text[s:e] in res.place_forms or text.startswith(VESSEL_AFTER, e) or PLACE_WORD_AFTER.match(text, e) or text.startswith(("机场", "空港"), e):
        return None  # “卡尔·文森”号, 努尔·汗机场: a ship's, a place's name
    # one word at least surely a name's: not two words of a title (征程·老区, 国风·港味)
    parts = [k for k in range(len(words)) if s <= starts[k] and ends[k] <= e and not _DOT.fullmatch(words[k])]
    if not any(_strong(res, words[k], tags[k]) or len(words[k]) == 1 or (len(words[k]) >= 3 and words[k] not in res.dictionary) for k in parts):
        return None
    return s, e


def nationality(res: Resources, words: str) -> bool:
    """``words`` is a nationality, a place and 人 (荷兰人, 美国人)."""
    return len(words) >= 2 and words[-1] == "人" and words[:-1] in res.place_forms


def function_word_at(tokens: Tokens, start: int, end: int) -> bool:
    """``start``–``end`` is one word of the segmentation, a function word or a verb (因/p)."""
    k = bisect_left(tokens.starts, start)
    return k < len(tokens.words) and tokens.starts[k] == start and tokens.ends[k] == end and tokens.tags[k] in _NOT_NAME_TAGS
