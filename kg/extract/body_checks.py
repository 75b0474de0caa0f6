"""Checks of a body's name once the walk has read it (``kg.extract.bodies``): whether the
words before the suffix name something (a place, a proper word, a number, a quotation) or
only a kind (重点项目, 一家公司), where the first proper word stands, whether a country opens
a company's name, and the parts of an event's name (a sub-event, a ceremony's project).
Plain functions of the tokens, the place candidates and ``Resources``, as in
:mod:`kg.extract.body_parts`, whose word tests they use."""

from __future__ import annotations

import re

from kg.extract.body_parts import starts_place
from kg.extract.body_words import (
    CARRIED_OUT,
    CARRIED_OUT_BEFORE,
    GENERIC_PLAN_WORDS,
    GENERIC_PROJECT_WORDS,
    MILITARY_WORDS,
    NAME_INNER_VERBS,
    PHRASE_STOP_POS,
    PHRASE_STOP_WORDS,
    PROJECT_BEFORE_CEREMONY,
    PROPER_POS,
    PROPER_PREFIXES,
    SUB_EVENT,
    VERB_SUFFIX_WORDS,
)
from kg.extract.candidates import BRACKET_INSIDE, Candidate, all_common, country_ref
from kg.resources import Resources


def distinctive(res: Resources, tokens, lo, hi, start, end, places) -> bool:
    """True when the body names something: a place or proper word (国家, 全国 do not
    count), a number, a quotation, or a word the dictionary does not know as common."""
    if re.search(r"[\d“”‘’\"A-Za-z]", text_of(tokens, lo, hi, start, end)):
        return True
    for t in tokens[lo : hi + 1]:
        if t.start < start or t.end > end:
            continue
        if t.text in PROPER_PREFIXES:
            continue
        if (t.pos in PROPER_POS and len(t.text) >= 2) or starts_place(t, places):
            return True
        if len(t.text) >= 2 and t.text not in res.dictionary:
            return True
    return False


def carried_out(tokens, lo, hi, start, end, text) -> bool:
    """True when a verb of carrying out stands right before a body of common words of four
    characters or more, at least one of which says what the programme does (实施 | 市场主体倍增
    | 工程, 实施 | 扩大内需 | 战略): such a body names a programme. Words of scope or weight only
    (实施国家重大区域战略) name none."""
    if end - start < 4 or not CARRIED_OUT_BEFORE.search(text, max(0, start - 7), start):
        return False
    words = [t.text for t in tokens[lo : hi + 1] if t.start >= start and t.end <= end]
    return len(words) >= 2 and any(w not in GENERIC_PLAN_WORDS and len(w) >= 2 for w in words)


def verb_inside_programme(tokens, j: int) -> bool:
    """True when the verb ``tokens[j]`` is a word of a programme's name that a verb of carrying
    out takes, with only words of the name between (开展 | 第二轮国家生态产品价值实现机制 | 试点,
    实施 | 旅游促进各民族交往交流交融 | 计划): the walk over the name goes on past it."""
    words, tags = tokens.words, tokens.tags
    if words[j] not in NAME_INNER_VERBS:
        return False
    for k in range(j - 1, max(j - 9, -1), -1):
        if words[k] in CARRIED_OUT:
            return True
        if tags[k] in PHRASE_STOP_POS or tags[k] == "x" or words[k] in PHRASE_STOP_WORDS or tags[k] == "v":
            return False
    return False


def _short_programme(tokens, lo, hi, start, end, text) -> bool:
    """True when a short body of common words names a programme carried out (``carried_out``)
    with no word of scope or weight (专项帮扶行动), none of a military operation and no 好 of
    the verb (实施好扩大内需战略)."""
    words = [t.text for t in tokens[lo : hi + 1] if t.start >= start and t.end <= end]
    if not words or words[0] == "好" or any(w in GENERIC_PLAN_WORDS or w in MILITARY_WORDS for w in words):
        return False
    return carried_out(tokens, lo, hi, start, end, text)


def text_of(tokens, lo, hi, start, end) -> str:
    return "".join(t.text for t in tokens[lo : hi + 1] if t.start >= start and t.end <= end)


def generic_run(res: Resources, tokens, lo, hi, start, end) -> bool:
    """True when ``[start, end)`` is made of common dictionary words of two or more characters."""
    for t in tokens[max(lo, 0) : hi + 1]:
        if t.start < start:
            continue
        if t.start >= end:
            break
        if t.end > end or len(t.text) < 2 or not res.common_word(t.text, 100):
            return False
    return True


def first_proper(res: Resources, tokens, lo, hi, start, end, places) -> int | None:
    """Start of the first proper word (a place, a name-tagged token, 国家…) in the body.

    Only tokens wholly inside ``[start, end)`` count, so the token that carries the
    suffix (上市公司) does not vouch for itself.
    """
    words, tags, starts, ends = tokens.words, tokens.tags, tokens.starts, tokens.ends  # no Token made
    opening = getattr(places, "starts", None)  # where places start, when known (PlacesByEnd)
    for k in range(lo, min(hi + 1, len(words))):  # lo >= 0
        s, w = starts[k], words[k]
        if s < start:
            continue
        may_open = opening is None or s in opening
        if ends[k] > end:
            # the token that carries the suffix: a place at its head still counts (智利队)
            if may_open and any(c.start == s for c in places.get(end, ())):
                return s
            break
        if may_open and any(c.start == s and c.end <= end for x in range(s + 1, min(end, s + 12) + 1) for c in places.get(x, ())):
            return s
        pos = tags[k]
        if pos in PROPER_POS and len(w) >= 2 and w not in res.not_entities and not (pos != "ns" and res.common_word(w, 300)):
            return s  # 小镇 is tagged as a name but is a common word
        if len(w) >= 2 and w in res.lexicon_forms and w not in res.gated_forms:
            return s  # 八路军文化旅游区: a named body the tagger files as a noun
        if w in PROPER_PREFIXES:
            return s
    return None


def country_names_company(res: Resources, text, tokens, i, j, start, sfx_start, rule, first, country) -> bool:
    """True when the walk stopped at a ``country`` right before a body of common words
    only, which then names its company with the country (英国石油公司, 古巴航空公司)."""
    return (
        rule.body == "proper"
        and first is None
        and country is not None
        and country.end == start
        and start < sfx_start  # 中国公司, 美国公司: a country and a kind alone name no company
        and rule.type in ("Enterprise", "Organization")
        and (
            res.common_word(text[start:sfx_start], 500)
            or all_common(res, text, tokens[max(j, 0) : i + 1], start, sfx_start)
            # 波兰 | 科学院地球物理研究所, 日本 | 汽车制造商协会: a body's words need only be
            # words the dictionary knows as no name (a rare one is a field of study or trade);
            # a company's rare word is more often its trade name (美国 | 休斯公司)
            # (not a kind: 美国民权组织, 黎巴嫩最大公立医院)
            or (
                rule.type == "Organization"
                and rule.suffix not in VERB_SUFFIX_WORDS
                and not rule.suffix.endswith("集团")  # 巴西 | 旗手传媒集团: a media group is a company too
                and not RANK_INSIDE.search(text, start, sfx_start)
                and all_known(res, text, tokens[max(j, 0) : i + 1], start, sfx_start)
            )
        )
        and text[start:sfx_start] not in res.lexicon_forms  # 美国 | 微软公司: a known name
        # 微软公司/nt: tagged a name, unless a common word (国家银行/nt, 中央银行/nt)
        and not (tokens[i].start == start and tokens[i].pos in ("nt", "nz") and not res.common_word(text[start:sfx_start], 500))
    )


#: A rank among bodies of a kind (最大, 第三大): the body is described, not named.
RANK_INSIDE = re.compile(r"(?:第[一二三四五六七八九十\d]+|最)大")
#: Tags of the dictionary for names: a word filed with one is no ordinary word of a body.
NAME_TAGS = ("nr", "ns", "nt", "nz", "eng")


def all_known(res: Resources, text, tokens, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is made of words the dictionary knows, none of them as a
    name (科学院 地球物理, 药品 研究 和 制造商), each token inside or its part inside."""
    pieces = [text[tk.start : min(tk.end, end)] for tk in tokens if start <= tk.start < end]
    if not pieces or not any(tk.start == start for tk in tokens):
        return False
    return all(p in res.dictionary and not res.dictionary[p][1].startswith(NAME_TAGS) for p in pieces)


#: Company suffixes that after a country's name alone make a kind, not a name (中国公司).
GENERIC_COMPANY_SUFFIXES = frozenset({"公司", "企业", "工厂"})


def _country_alone(text, tokens, j, start, sfx_start, places) -> bool:
    """True when the body ``text[start:sfx_start]`` is one country's name (中国 included) and
    no name runs into it from the left (中石化 | 美国公司 is a unit of a company)."""
    if not any(
        c.start == start and country_ref(c.ref)
        for c in places.get(sfx_start, ())
    ):
        return False
    k = max(j, 0)
    while k < len(tokens) and tokens[k].end <= start:
        k += 1
    return not (k > 0 and tokens[k - 1].end == start and tokens[k - 1].pos in PROPER_POS)


def no_name(res: Resources, text, tokens, i, j, start, sfx_start, rule, places, body, first) -> bool:
    """True when the body, for all its words, names nothing: a kind of company, a
    common plan, a ceremony or meeting of common words only. ``body`` is the text before
    common words were trimmed off its head, ``first`` the start of its first proper word."""
    if rule.body == "proper" and first is None:
        # 太重集团: a short body that is no ordinary word names the company by itself
        if not (2 <= len(body) <= 4 and rule.type == "Enterprise" and not res.common_word(body, 500)):
            return True
        if rule.suffix == "厂" and res.dictionary.get(body, (0, ""))[1] == "n":
            return True  # 编织袋厂, 蓄电池厂: a factory of a product, no name
        body_tokens = [tk for tk in tokens[max(j, 0) : i + 1] if start <= tk.start and tk.end <= sfx_start]
        if body_tokens and (body_tokens[0].pos == "b" or (len(body_tokens) >= 2 and all(res.common_word(tk.text, 50) for tk in body_tokens))):
            return True  # 小型催账公司, 国有商业银行: a kind of company, not a name
    if rule.type == "Enterprise" and rule.suffix in GENERIC_COMPANY_SUFFIXES and _country_alone(text, tokens, j, start, sfx_start, places):
        return True  # 中国公司, 美国公司为…: the companies of a country, no company's name
    if (
        rule.type == "Initiative"
        and rule.body == "phrase"
        and not distinctive(res, tokens, max(j, 0), i, start, sfx_start, places)
        and not carried_out(tokens, max(j, 0), i, start, sfx_start, text)
    ):
        # 国家重大区域战略, 重点专项行动: common words only describe a kind of plan
        return True
    if rule.type == "Event" and rule.suffix.endswith(("仪式", "活动")) and first is None and not re.search(r"\d|第|届|“|暨", body):
        # 举行一体化项目投资开发协议签约仪式: a ceremony named by common words only; a title
        # joining two parts with 暨 is the formal name of one (投资说明会暨招商项目签约仪式)
        return True
    if rule.body == "phrase" and first is None and len(BRACKET_INSIDE.sub("", body)) < 6 and not re.search(r"\d|第|届|“", body):
        # (县委常委会(扩大)会议: a bracketed word adds no name); a short programme of common
        # words carried out still names one (实施换道领跑战略, 实施种业振兴行动)
        return not (rule.type == "Initiative" and _short_programme(tokens, max(j, 0), i, start, sfx_start, text))
    return len(text[start:sfx_start]) < rule.min_body


def event_parts(res: Resources, text, tokens, i, j, start, e, places, nested: list[Candidate], rule_id: str = "") -> int:
    """Where an event's name ends, and the project it names or the event held with its
    opening (added to ``nested``; ``rule_id`` names the rule that read the whole)."""
    sub = SUB_EVENT.search(text, start + 4, e)
    if sub:
        # 世界制造业大会开幕式暨主旨论坛, …峰会第一阶段会议: the opening or a stage is a
        # part of the named event, which is the event the news speaks of
        joint = sub.end() + 1
        if (
            rule_id
            and text.startswith("暨", sub.end())
            and e - joint >= 4
            and first_proper(res, tokens, max(j, 0), i, joint, e, places) is not None
        ):
            # 第七届中国—亚欧博览会开幕式暨天山论坛: a named event held with the opening is
            # one of its own (主旨论坛, named by common words, is not)
            nested.append(Candidate(joint, e, "Event", rule_id, 1))
        e = sub.start()
    project = PROJECT_BEFORE_CEREMONY.search(text, start, e)
    if (
        project
        and project.end() - start >= 6
        and not text.endswith(GENERIC_PROJECT_WORDS, start, project.end() - 2)
        and first_proper(res, tokens, max(j, 0), i, start, project.end() - 2, places) is not None
    ):
        # 惠州新材料产业园项目签约仪式: the ceremony's project is an Initiative of its own
        nested.append(Candidate(start, project.end(), "Initiative", "suffix:项目", 0))
    return e
