"""Who is no subject of a programme verb although named before it: a place that says where
(在广东佛山，我们…), a partner after 同/与 (加强同粤港澳大湾区联动发展); which subject an item
of a list of clauses has (A与B签署…项目、C和D签署的…项目); and the tails a verb takes (a list
after it). Used by the trigger engine (:mod:`kg.extract.relation_triggers`)."""

from __future__ import annotations

import re

from kg.extract.relation_base import CLAUSE_MARK, LIST_MARKS, last_clause_mark
from kg.extract.trigger_words import (
    CALL_WORDS,
    CO_PARTY_GAP,
    CO_PARTY_WORDS,
    NO_PHRASE,
    OBJECT_OF,
    SLOGAN_BEFORE,
    SOMEONE_ELSE,
    TIME_CLAUSE_END,
    WITH_PARTNER,
)
from kg.model import Mention

#: Words that end in 在 and are no preposition before a place (现在中国踏上了…，将…推进…): the
#: place after them may be the subject.
NOT_PREPOSITION = ("现在", "正在", "存在", "所在", "实在", "旨在", "意在", "志在", "贵在", "好在", "潜在", "内在", "外在", "自在")
#: Words that open a clause of aim or topic (针对…毕业生群体，国家启动…; 为做好深圳产业衔接，中山
#: 启动…): a name inside it is what the act is for, not who acts after the clause.
AIM_OPENERS = ("针对", "为了", "为", "围绕", "面对", "面向", "对于")
#: What precedes the subject at a clause's opening: a date or time, spaces.
_LEAD = re.compile(r"[\s\d年月日号至到－\-—上下午晚早间当地时]*")
#: What follows a programme that is not what the verb before it takes: the setting of the
#: act (开启了“一国两制”环境下…新篇章) or a clause modifying another noun (纳入《…方案》所规划的
#: …名单).
MODIFIES_AFTER = re.compile(r"[”\"》]?(?:环境下|背景下|条件下|所[\u4e00-\u9fff]{1,3}的)")


def where_before(head: Mention, ms: list[Mention], text: str, ts: int) -> bool:
    """Whether ``head`` follows 在/于 in a clause that closes before the trigger at ``ts``:
    it says where, not who. So does a place after the province that names where it lies
    when someone else acts after the clause (在广东佛山，我们看到了…推进…; 在河南郑州，丁薛祥
    …调研…); with no one else named, the place itself acts (在浙江安吉，通过建设…，打造…)."""
    mark = CLAUSE_MARK.search(text, head.end, ts)
    if mark is None:
        return False
    k = ms.index(head)
    while k > 0 and ms[k - 1].type == "Place" and ms[k - 1].end == ms[k].start:
        k -= 1
    if text[ms[k].start - 1 : ms[k].start] not in ("在", "于") or text[max(0, ms[k].start - 2) : ms[k].start] in NOT_PREPOSITION:
        return False
    return ms[k] is head or any(m.type == "Person" and mark.end() <= m.start < ts for m in ms) or bool(
        SOMEONE_ELSE.search(text, mark.end(), ts)
    )


def partner_only(head: Mention, ms: list[Mention], head_types, text: str) -> bool:
    """Whether ``head`` follows 同/与 as the partner of something that is no name
    (加强同粤港澳大湾区联动发展, 推动港口发展同洋浦经济开发区…相得益彰, 推动共建“一带一路”倡议
    同埃及“2030愿景”对接): it is what another works with, not who acts. After a co-party's
    name (塔方同中方签署, 我国与埃及…签署) both act, and the partner stays."""
    if text[head.start - 1 : head.start] not in WITH_PARTNER:
        return False
    with_at = head.start - 1
    gap = CO_PARTY_GAP.search(text, max(0, with_at - 12), with_at)
    before = text[: gap.start()]
    if before.endswith(CO_PARTY_WORDS) or (gap.group().startswith("方") and before):
        return False  # 我国与埃及…, 塔方同中方…: X方 is a state's or a party's short name
    if "愿" in gap.group():
        return False  # 非方表示，愿同中方…，推动…: a wish with the partner, which blocks
    return not any(m.end == len(before) and m.type in head_types for m in ms)


def object_before(head: Mention, ms: list[Mention], text: str, ts: int) -> bool:
    """Whether ``head`` is the object of a verb right before it, in a clause that closes
    before the trigger at ``ts`` (推动高水平大学开展教师教育，…，推进“特岗计划”改革; 隆重庆祝
    中国共产党成立100周年，…，如期打赢脱贫攻坚战; 横贯亚欧大陆…的运输大动脉): the later
    clauses go on with their own subject, not with that object. The names listed with it
    are objects as well (连接贝尔格莱德和匈牙利首都布达佩斯)."""
    ends = {m.end for m in ms}
    # a clause mark, or a 、 closing one act of a list of acts (围绕庆祝中国共产党成立一百周年、
    # 开展…、实现“十四五”良好开局), not one that lists names (推动福州、厦门加快建设…)
    parted = CLAUSE_MARK.search(text, head.end, ts) is not None or any(
        text[p] == "、" and p not in ends for p in range(head.end, ts)
    )
    if not parted:
        return False
    k = ms.index(head)
    while k > 0 and text[ms[k - 1].end : ms[k].start] in ("、", "和", "与", "及", "", "首都"):
        k -= 1  # 连接雄安新区与河南商丘, 连接贝尔格莱德和匈牙利首都布达佩斯
    return OBJECT_OF.search(text, max(0, ms[k].start - 4), ms[k].start) is not None


def in_slogan(head: Mention, text: str) -> bool:
    """Whether ``head`` is the country's name closing a programme's slogan (加强平安中国、法治
    中国建设; 全面推进健康中国建设): the slogan names a goal, the country does not act in it.
    So is the country of the one-China principle (哥方将坚守一个中国原则，积极参与共建…): the
    principle is named, the side that keeps it acts."""
    if head.type != "Place":
        return False
    before = text[max(0, head.start - 2) : head.start]
    return before in SLOGAN_BEFORE or (before == "一个" and text.startswith(("原则", "政策"), head.end))


def call_before(text: str, start: int, ts: int, bounds) -> bool:
    """Whether a word of a call (要, 希望) stands as a token between ``start`` (the sentence's
    opening) and the trigger at ``ts``: 双方要继续…，加紧落实中非合作论坛“九项工程”; 他强调，要以…为
    指导，贯彻党中央、国务院部署，…推进改革开放. The call governs the clauses after it."""
    for word in CALL_WORDS:
        pos = text.find(word, start, ts)
        while pos != -1:
            if bounds.is_token(pos, pos + len(word)):
                return True
            pos = text.find(word, pos + len(word), ts)
    return False


def in_time_clause(text: str, head: Mention, ts: int) -> bool:
    """Whether ``head`` stands in a clause of time that closes before the trigger at
    ``ts`` (…作出部署5年来，…; 中国加入世贸组织以来，…; …访问期间，…)."""
    mark = CLAUSE_MARK.search(text, head.end, ts)
    return mark is not None and TIME_CLAUSE_END.search(text, head.end, mark.start()) is not None


def aim_before(head: Mention, text: str, ts: int) -> bool:
    """Whether ``head`` stands in a clause of aim or topic (针对…，为…，围绕…，) that closes
    before the trigger at ``ts``: the act of the later clause is for it, not by it."""
    if CLAUSE_MARK.search(text, head.end, ts) is None:
        return False
    opening = last_clause_mark(text, max(0, head.start - 60), head.start) + 1
    if opening == 0:
        opening = max(0, head.start - 60, text.rfind("\n", 0, head.start) + 1)
    lead = _LEAD.match(text, opening, head.start).end()
    return text.startswith(AIM_OPENERS, lead)


def innermost(head: Mention, ms: list[Mention], heads: list[Mention], ts: int, inside) -> Mention:
    """The last place of a chain that starts at ``head`` before the trigger at ``ts``, each
    inside the one before it by ``inside(outer, inner)`` (the gazetteer): in 河北唐山启动…,
    广西柳州站开展… the province says where the city lies, and the city acts. Two countries
    side by side (中越, 柬中) are partners, not a chain."""
    k = ms.index(head)
    while (
        head.type == "Place" and k + 1 < len(ms) and ms[k + 1].type == "Place" and ms[k + 1].start == ms[k].end
        and ms[k + 1].end <= ts and ms[k + 1] in heads and inside(ms[k], ms[k + 1])
    ):
        k += 1
    return ms[k]


def item_start(text: str, ms: list[Mention], opening: int, ts: int) -> int:
    """Where the subject of a verb at ``ts`` may open its clause: after the last 、 of the
    clause that closes an item of its own (项目分别是：A与B签署…项目、C和D签署的…项目: each item
    has its own signers), not one between names (山西、河北推进…: the names share the verb)."""
    mark = text.rfind("、", opening, ts)
    if mark == -1 or any(m.end == mark for m in ms):
        return opening
    return mark + 1 if any(m.start == mark + 1 and m.end <= ts for m in ms) else opening


def verb_again(text: str, ms: list[Mention], ts: int, te: int, tail: int) -> bool:
    """True when the verb at ``ts:te`` is said again, outside any name, before a tail at
    ``tail`` (A与B签署…项目、C和D签署的…项目): the later one takes the tail, with its own subject."""
    k = text.find(text[ts:te], te, tail)
    while k != -1:
        if not any(m.start <= k < m.end for m in ms):
            return True
        k = text.find(text[ts:te], k + 1, tail)
    return False


def tail_group(after: list[Mention], text: str) -> list[Mention]:
    """The first tail, made specific (福建省宁德市 → 宁德市), and a list that follows it."""
    group: list[Mention] = []
    i = 0
    while i < len(after):
        m = after[i]
        # a chain of adjacent places names one place: take the innermost
        while i + 1 < len(after) and m.type == "Place" and after[i + 1].type == "Place" and after[i + 1].start == m.end:
            i += 1
            m = after[i]
        # X的…Y: X modifies the tail (接待马斯卡廷的房东德沃切克 → 德沃切克)
        while (
            i + 1 < len(after)
            and after[i + 1].type == m.type
            and text.startswith("的", m.end)
            and after[i + 1].start - m.end <= 5
            and not NO_PHRASE.search(text, m.end, after[i + 1].start)
        ):
            i += 1
            m = after[i]
        group.append(m)
        gap = text[m.end : after[i + 1].start] if i + 1 < len(after) else "."
        # two quoted names side by side or listed (“A”“B”, “A”、“B”) are a list too
        if gap in LIST_MARKS or (gap[:1] == "”" and gap[-1:] == "“" and gap.strip("“”") in LIST_MARKS | {""}):
            i += 1
            continue
        break
    return group
