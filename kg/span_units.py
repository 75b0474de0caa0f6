"""Units of bodies in the flat span view (``kg annotate --flat``): a body's name with the
unit named right after it is one organisation span there (教育部高校学生司, 中央电视台体育部,
澳门日报社, 海军北海舰队政治部), as the People's Daily and MSRA corpora mark them. The graph
keeps the parent body alone (GUIDELINES: sub-units are not entities), so this runs on the
flat spans only."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kg.extract.body_words import COUNT_WORD, QUANTIFIERS
from kg.model import Mention, Token

__all__ = ["UNIT_END", "units_whole"]

#: What a unit's name ends with: a committee, an office, a department, a branch, a team or
#: a unit of the armed forces, a newspaper's 社 (澳门日报社), a party's 中央 (俄共中央).
UNIT_END = re.compile(
    r"(?:委员会|理事会|委会|办公厅|办公室|书记处|主席团|代表团|参观团|艺术团|合唱团|编队|舰队"
    r"|大队|中队|支队|总队|考古队|医疗队|工作队|稽查队|勘探队|救援队|党组|党委|党团|分会|分行|支行|分厂|分公司|总公司|中心|学院|司|局|处|科|室|部|所|社|系|中央)$"
)
#: Units of companies, which end a unit's name although they end in 公司.
COMPANY_UNITS = ("分公司", "总公司")
#: Ends of words that end like a unit and name none: ranks and parts (老干部, 内部, 西部),
#: outcomes and situations (格局, 当局, 好处), places (场所), a company's own company
#: (贷款子公司).
NOT_UNIT = (
    "干部", "内部", "外部", "全部", "局部", "东部", "西部", "南部", "北部", "中部", "总部", "腹部",
    "格局", "布局", "结局", "大局", "当局", "时局", "开局", "好处", "到处", "处处", "之处",
    "场所", "学科", "专科", "百科", "重心", "核心", "公司",
    "体系", "关系", "联系", "派系", "水系", "星系", "世系", "直系",
    "平局", "胜局", "败局", "僵局", "残局", "棋局", "骗局", "赛局",
)
#: Word classes of the words of a unit's name: nouns, names, abbreviations, numbers and
#: ordinals (第三图书编辑室), distinguishing words, Latin letters.
_UNIT_WORD_TAGS = re.compile(r"n|j|m|b|eng|q|vn|a$")
#: A word the tagger calls a verb that names a unit's work right before the unit's word
#: (宣教 | 科, 飞行 | 部, 经济开发 | 委员会); elsewhere a verb ends the unit.
#: A unit's word with a title glued to it (党组书记, 宣传部长 is not one: 部长 contracts 部).
GLUED_TITLE = re.compile(r"(.+?)(?:副?书记|副?主任|常委|委员|原|前|副)")
#: Longest unit name after the body, in characters.
MAX_UNIT = 14


def units_whole(text: str, tokens: Sequence[Token] | Iterable[Token], mentions: list[Mention]) -> list[Mention]:
    """``mentions`` with each organisation followed right away by a unit's name (words of
    ``_UNIT_WORD_TAGS``, at most ``MAX_UNIT`` characters, up to the last word ending with
    ``UNIT_END``) replaced by one span over both; a unit that holds another mention (a person, a place
    of its own: 建行湘潭市雨湖支行) is left as it is.

    >>> from kg.model import Token
    >>> toks = [Token("教育部", 0, 3, "nt"), Token("高校", 3, 5, "n"), Token("学生", 5, 7, "n"), Token("司", 7, 8, "n")]
    >>> [m.text for m in units_whole("教育部高校学生司", toks, [Mention(0, 3, "教育部", "Organization", 0, "lexicon")])]
    ['教育部高校学生司']
    """
    words = list(tokens)
    at_start = {t.start: k for k, t in enumerate(words)}
    out = []
    for m in mentions:
        if m.type not in ("Organization", "Enterprise"):
            out.append(m)
            continue
        k = at_start.get(m.end)
        if k is None:
            # 教育部高校学生司 kept whole by the segmenter: the word holding the body ends with the unit
            t = words[k] if (k := at_start.get(m.start)) is not None else None
            if t is not None and t.end > m.end and _unit_word(t.text) and t.end - m.end <= MAX_UNIT:
                out.append(m._replace(end=t.end, text=text[m.start : t.end], rule="unit-whole", name=text[m.start : t.end]))
            else:
                out.append(m)
            continue
        end = None
        while k < len(words) and words[k].end - m.end <= MAX_UNIT:
            t = words[k]
            unit_next = k + 1 < len(words) and _unit_word(words[k + 1].text) and words[k + 1].text != "中央" and words[k + 1].end - m.end <= MAX_UNIT
            work = unit_next and (t.pos == "v" or t.pos in ("i", "l")) and len(t.text) >= 2  # 宣教 | 科, 心连心 | 艺术团
            if t.text == "所" and end is None and k > at_start[m.end] and not (k + 1 < len(words) and words[k + 1].pos.startswith("v")):
                end = t.end  # 高能物理 | 所/c: the tagger misreads a research institute's 所 (not
                break  # 观众所喜爱: 所 before a verb is the particle)
            if not (_UNIT_WORD_TAGS.match(t.pos) or work) or not all("\u4e00" <= ch <= "\u9fff" or ch.isalnum() for ch in t.text):
                break
            if t.text in QUANTIFIERS or COUNT_WORD.fullmatch(t.text) or (t.pos == "m" and t.text.isdigit()):
                break  # 印度空军所有5个中队: units counted, no unit's name
            if _unit_word(t.text):
                end = t.end  # the longest: 民革第九届中央 | 常委会, 检察日报社 | 影视部
            elif (glued := GLUED_TITLE.fullmatch(t.text)) and _unit_word(glued.group(1)):
                end = t.start + len(glued.group(1))  # 旅游局 | 党组书记: the title glued to the unit
                break
            k += 1
        if end is None or any(m.end <= x.start < end and not (x.end == end and x.type == "Organization" and x.rule != "lexicon") for x in mentions):
            out.append(m)
            continue
        out.append(m._replace(end=end, text=text[m.start : end], rule="unit-whole", name=text[m.start : end]))
    return out


def _unit_word(word: str) -> bool:
    """``word`` ends a unit's name: with ``UNIT_END``, not with one of ``NOT_UNIT`` (but a
    company's unit, 分公司, ends one)."""
    return UNIT_END.search(word) is not None and (word.endswith(COMPANY_UNITS) or not word.endswith(NOT_UNIT))
