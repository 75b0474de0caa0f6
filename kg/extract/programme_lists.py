"""Programmes named by the items of a list (the checks of the rules listed-strategy and
listed-town of data/rules/entities.toml: 实施科教兴省、人才强省、创新驱动发展战略; 太谷玛钢、
祁县玻璃器皿、平遥牛肉和推光漆3个省级专业镇) or by a title of their own (titled-programme:
《全球数据安全倡议》).

:class:`ProgrammeLists` is a part of :class:`kg.extract.other_names.OtherNames`, which gives
it ``res`` (the resources)."""

from __future__ import annotations

import re

from kg.extract.candidates import Candidate
from kg.extract.patterns import Hit

#: The last part of a list of strategies that share one 战略 (科教兴省、人才强省、创新驱动发展战略;
#: 全民健身、健康中国、体育强国等国家战略): the last item with the suffix, or with 等 and a kind.
LISTED_STRATEGY_END = re.compile(r"([\u4e00-\u9fff]{4})等?国家战略|[\u4e00-\u9fff]{2,8}?战略")


class ProgrammeLists:
    """The checks named by the rules (see the module docstring)."""

    def listed_strategies(self, hit: Hit) -> list[Candidate]:
        """The check of the rule listed-strategy: after a verb of carrying out, the items of
        a list that shares the 战略 of its last item (实施科教兴省、人才强省、创新驱动发展战略:
        科教兴省 and 人才强省 are strategies too; the last is the suffix grammar's). An item
        is a four-character slogan, no ordinary word, place or verb phrase; lists of clauses
        (不敢腐、不能腐、不想腐, 更加成熟稳定、更加富有成果的…) are left alone."""
        text, res = hit.doc.text, self.res
        end = LISTED_STRATEGY_END.match(text, hit.end)
        rule = res.suffix_map.get("战略")
        if end is None or "的" in end.group(0) or (rule is not None and rule.compounds and text.startswith(rule.compounds, end.end())):
            return []  # …提供坚强战略支撑: 战略 modifies the word after it, no strategy is named
        spans = []
        pos = hit.start
        for item in hit.surface.split("、")[:-1]:
            spans.append((pos, pos + len(item)))
            pos += len(item) + 1
        if end.group(1):
            spans.append(end.span(1))  # …、体育强国等国家战略: the last item is one of them
        out = []
        for s, e in spans:
            item = text[s:e]
            tag = res.dictionary.get(item, (0, ""))[1]
            if len(item) != 4 or tag.startswith("v") or res.common_word(item, 300):
                return []  # a clause or a common phrase in the list: no list of names
            if item in res.not_entities or item in res.place_forms:
                return []
            out.append(Candidate(s, e, "Initiative", "listed-strategy", 1))
        return out

    def titled_programme(self, hit: Hit) -> Candidate | None:
        """The check of the rule titled-programme: a title that is a programme's own name,
        not a document about one (关于…的, …的行动计划) nor a word of kinds alone (《行动计划》)."""
        title = hit.surface
        if "关于" in title or "的" in title or len(title) < 6:
            return None
        return Candidate(hit.start, hit.end, "Initiative", "titled-programme", 2)

    def listed_towns(self, hit: Hit) -> list[Candidate]:
        """The check of the rule listed-town: the items of a list before a count of 专业镇
        (太谷玛钢、祁县玻璃器皿、平遥牛肉和推光漆3个省级专业镇) are towns named without their
        suffix, when there are as many as the count says and each opens with a place; the
        first item starts at its place (我市共有 | 太谷玛钢)."""
        text = hit.doc.text
        count = TOWN_COUNT.match(text, hit.end)
        n = count and _count_of(count.group(1))
        items = hit.surface.split("、")
        if not n or n != len(items):
            return []
        forms = self.res.place_forms
        first = items[0]
        cut = next((k for k in range(len(first) - 3) if any(first[k : k + w] in forms for w in (2, 3, 4))), None)
        if cut is None:
            return []
        out, pos = [], hit.start + cut
        items[0] = first[cut:]
        for item in items:
            if len(item) < 4 or not any(item[:w] in forms for w in (2, 3, 4)):
                return []  # a trade (玻璃器皿) or a place alone (介休): no town
            out.append(Candidate(pos, pos + len(item), "Initiative", "listed-town", 1))
            pos += len(item) + 1
        return out


#: The count after a list of specialised towns: 3个省级专业镇, 共6个市级专业镇.
TOWN_COUNT = re.compile(r"\s*(?:共|等)?\s*(\d{1,2}|[一二三四五六七八九十两]{1,2})\s*个")
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2}


def _count_of(word: str) -> int:
    """The number a count of one or two figures writes (3, 12, 六, 十二, 二十, 两); 0 if none."""
    if word.isdigit():
        return int(word)
    if len(word) == 1:
        return 10 if word == "十" else _DIGITS.get(word, 0)
    if word[0] == "十":
        return 10 + _DIGITS.get(word[1], 0)
    return _DIGITS.get(word[0], 0) * 10 if word[1] == "十" else 0
