"""The ``located`` engine: where a thing lies, stated by 位于, 地处, 坐落于 or 落户.

The verb is read two ways. As a predicate, what lies there is the name right before it in
its clause (米尔本小学位于英国北爱尔兰科尔雷恩市), or the topic of the sentence when the clause
opens with the verb or a word that carries the topic on (中山…，而且还地处大湾区核心区位;
中国一重集团有限公司是…企业，总部位于…). Inside a description (来到位于三亚的崖州湾种子实验室,
以军对位于…的目标实施空袭) the place and a 的 describe the name after the 的, and no name
there means no relation: the subject of the sentence does not lie in the place it strikes,
reaches or visits.
"""

from __future__ import annotations

import re

from kg.extract.relation_base import CLAUSE_MARK, LIST_MARKS, EngineBase
from kg.model import Mention

#: What may stand between the name and the verb: its seat or main part, adverbs
#: (山西华晋纺织有限公司总部位于…, …均位于…).
SUBJECT_GAP = re.compile(r"(?:总部|本部|主体|厂区|园区|均|都|也|还|仍|目前|现|正|就|分别|主要|恰好|正好)*")
#: What may open the verb's clause and carry the sentence's topic on to it (…，而且还地处…,
#: …，总部位于…).
TOPIC_GAP = re.compile(r"(?:而且|并且|并|且|同时|其|总部|本部|主体|均|都|也|还|目前|现|主要)*")
#: The rest of a description after the place, up to its 的 (位于加沙地带中部的…, 位于基辅州
#: 瓦西里科夫等地的…): no clause mark and no verb of its own.
DESCRIBED = re.compile(r"[^，。；：、！？,;:!?\s“”《》的]{0,12}的")
#: What may follow the site named after 位于…的 when the site is the whole of what is
#: described: a mark, a word of place, a list, or the opening of the predicate (位于三亚的
#: 崖州湾种子实验室考察调研, 位于延庆赛区的国家高山滑雪中心是…). Anything else continues a
#: longer noun the site only modifies (位于提尔的黎真主党武装指挥中心, 位于红海的美国“杜鲁门”号).
SITE_ENDS = re.compile(
    r"[，。；：、！？,;:!?）)\s]|$|附近|内|旁|周边|是|以|将|于|在|已|正|也|还|共|全|首次|近日|今天|日前|当天|\d"
    r"|进行|考察|调研|发生|遭|举行|举办|召开|开馆|开业|开放|对外开放|投产|建成|启用|运行|迎来|传来|取得|作为|成为|拥有|吸引|进入"
    r"|完成|实现|开展|启动|发动|实施|出庭|接待|正式|的|[（(]"
)
#: The end of a place phrase after 位于…的 when the verb is a predicate (拉西瓦水电站位于青海省境内
#: 的黄河干流上); anything else makes the name before 位于 the owner of what lies there (乌军位于
#: 波尔塔瓦的军用机场瘫痪: the airfield lies there, not the army).
PLACE_PHRASE_END = re.compile(
    r"[^，。；：！？,;:!?]*?(?:上|中|内|旁|附近|一带|之间|边|处|带|位置|区位|腹地|境内|深处)(?=[，。；：！？,;:!?]|$)"
)
#: Words before a clause's name that make it no subject (the place describes an object of
#: these): 以军对…, 俄军打击了…, 来自深圳的企业从落户南通.
NOT_SUBJECT_BEFORE = ("对", "向", "从", "使", "让", "打击", "袭击", "空袭", "轰炸", "攻击", "摧毁", "控制", "进入", "抵达", "来到", "走进", "前往", "了", "来自")
#: What may stand before a sentence's first name when it is the sentence's topic.
TOPIC_LEAD = re.compile(r"[\s\d年月日号，,、（）()今昨当天上下午晚间]*")


class LocatedEngine(EngineBase):
    """located_in from 位于 and its like (the rule ``located_in.located``)."""

    def _located(self, rule, text, sent, ms, bounds):
        if not self._may_fire(rule):
            return
        for ts, te in self._trigger_hits(rule):
            if ts not in bounds.starts or any(m.start <= ts < m.end for m in ms):
                continue  # inside a word or a name (所在地处理, 落户口)
            stop = CLAUSE_MARK.search(text, te, sent.end)
            end = stop.start() if stop else sent.end
            after = [m for m in ms if te <= m.start and m.end <= end and m.type in rule.tail]
            if not after or after[0].start - te > rule.max_gap:
                continue
            tails = self._places_named(after, text)
            described = DESCRIBED.match(text, tails[-1].end)
            heads = self._subjects(rule, text, sent, ms, ts, bounds)
            if heads and described is not None and not PLACE_PHRASE_END.match(text, described.end()):
                heads = []  # 乌军位于…的军用机场: the owner's site lies there, not the owner
            if heads:
                for h in heads:
                    for t in tails:
                        yield h, t
            elif described is not None:
                # 来到位于三亚的崖州湾种子实验室: the site named right after the 的
                site = next((m for m in ms if m.start >= described.end() and m.type in rule.head), None)
                if site is not None and site.start - described.end() <= 1 and SITE_ENDS.match(text, site.end):
                    for t in tails:
                        yield site, t

    @staticmethod
    def _places_named(after: list[Mention], text: str) -> list[Mention]:
        """The place after the verb, the innermost of a chain (山西临汾 → 临汾), and the places
        listed with it (位于太原和大同)."""
        out: list[Mention] = []
        i = 0
        while i < len(after):
            m = after[i]
            while i + 1 < len(after) and after[i + 1].start == m.end:
                i += 1
                m = after[i]
            out.append(m)
            if i + 1 < len(after) and text[m.end : after[i + 1].start] in LIST_MARKS:
                i += 1
                continue
            return out
        return out

    def _subjects(self, rule, text, sent, ms, ts, bounds) -> list[Mention]:
        """What lies there when the verb is a predicate: the name (and the names listed
        with it) right before the verb in its clause, or the sentence's topic when the
        clause opens with the verb; none after a verb or a preposition that makes the
        place describe an object, nor after a call or a wish (rule blockers)."""
        opening = max(text.rfind(p, sent.start, ts) for p in "，,；;：:") + 1
        opening = max(opening, sent.start)
        before = [m for m in ms if opening <= m.start and m.end <= ts]
        near = next((m for m in reversed(before) if SUBJECT_GAP.fullmatch(text, m.end, ts)), None)
        if near is not None:
            if near.type not in rule.head or self._object_before(text, opening, near.start):
                return []
            if self._blocked(rule, text, near.start, ts, bounds):
                return []
            return [m for m in self._listed_before(ms, ms.index(near), text) if m.type in rule.head]
        if before or opening == sent.start or text[opening - 1] not in "，," or not TOPIC_GAP.fullmatch(text, opening, ts) or opening == ts:
            return []  # (a clause that opens with 位于 itself describes what follows: …，位于…的X)
        # 中山不仅…，而且还地处大湾区: the clause opens with the verb; the name opening the
        # clause before it is the topic that lies there
        previous = max(max(text.rfind(p, sent.start, opening - 1) for p in "，,；;：:") + 1, sent.start)
        lead = TOPIC_LEAD.match(text, previous, opening).end()
        topic = next((m for m in ms if m.start == lead), None)
        if topic is None or topic.type not in rule.head:
            return []
        return [topic]

    @staticmethod
    def _object_before(text: str, start: int, end: int) -> bool:
        """Whether a word of NOT_SUBJECT_BEFORE stands in text[start:end]."""
        return any(text.find(w, start, end) != -1 for w in NOT_SUBJECT_BEFORE)
