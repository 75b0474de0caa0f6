"""Steps over the chosen candidates of a text that join or retype names: a unit named
after its parent body, foreign names that a club or a town list claims."""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.candidates import Candidate, in_text_order
from kg.resources import Resources

__all__ = ["compass_parts", "retype_foreign", "units_of_bodies"]

#: The compass regions of China the lexicon names (东北, 西南地区, 东部地区, 华北): after
#: another place they are a part of that place, no region of their own.
COMPASS_REGION = re.compile(r"[东西南北中华][东西南北中]?部?(?:地区)?")


def units_of_bodies(res: Resources, text: str, chosen: list[Candidate]) -> list[Candidate]:
    """A unit named right after its parent body is one name (福州市公安局经侦支队,
    中山大学岭南学院, 共青团四川省委); the parent stays inside it as a name of its own.
    Clubs side by side (切尔西曼联) and a national body after another (中国气象局国家气候
    中心) are not units."""
    bodies = ("Organization", "Enterprise")
    # where each body ends -> its index in ``out``; a unit that took its parent in is
    # the parent of the unit after it (铁道部十四局三处)
    by_end = {c.end: k for k, c in enumerate(chosen) if c.type in bodies and c.priority > 0}
    if len(by_end) < 2:
        return chosen
    gated = res.gated_forms
    out = list(chosen)
    joined = False
    for j, c in enumerate(chosen):
        i = by_end.get(c.start)
        if i is None or c.type not in bodies or c.priority == 0 or not c.rule.startswith("suffix:"):
            continue
        parent = out[i]
        entry = res.lexicon_forms.get(parent.ref) if parent.rule == "lexicon" else None
        if (
            text.startswith(("国家", "中国", "中华", "全国"), c.start)
            or text[parent.start : parent.end] in gated
            or (entry is not None and entry.domain)  # clubs, brands
        ):
            continue
        out[j] = replace(c, start=parent.start)
        out[i] = replace(parent, rule="nested-name", priority=0)
        joined = True
    if joined:
        out.sort(key=in_text_order)
    return out


def retype_foreign(chosen: list[Candidate], text: str, names: set[str], typ: str, rule: str) -> list[Candidate]:
    """Give every foreign-name candidate whose surface is in ``names`` another type."""
    if not names:
        return chosen
    return [
        replace(c, type=typ, rule=rule) if c.rule == "pos:foreign" and text[c.start : c.end] in names else c
        for c in chosen
    ]


def compass_parts(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Drop a compass region right after a place other than China (乌克兰东部地区, 基辅西北
    方向, 陕西西南地区, 哈尔滨东北虎林园): it names a part of that place (or a word), not
    China's region, which the lexicon means (GUIDELINES: 西部地区 is a place only as a named
    region). After 中国 it is that region (中国东北地区)."""
    place_ends = {c.end: c for c in chosen if c.type == "Place" and c.priority > 0}
    if not place_ends:
        return chosen
    return [
        c
        for c in chosen
        if not (
            c.type == "Place"
            and c.rule == "lexicon"
            and c.start in place_ends
            and COMPASS_REGION.fullmatch(text, c.start, c.end)
            and place_ends[c.start].ref != "CN"
            and not COMPASS_REGION.fullmatch(text, place_ends[c.start].start, c.start)  # 华北东北: a list
        )
    ]
