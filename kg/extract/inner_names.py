"""Names kept inside the name of an event or a programme (GUIDELINES): the place where an
event happens (二十国集团领导人杭州峰会 → 杭州) and a named body in an event's or a
programme's name (二十国集团领导人峰会 → 二十国集团), each a mention of its own beside the
longer name (the rules nested-place and nested-name of data/rules/entities.toml)."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Sequence

import ahocorasick_rs

from kg.extract.candidates import Candidate, in_text_order
from kg.resources.lexicon import LexEntry

__all__ = ["EDITION_OPENING", "PARTY_NAMES", "InnerNames"]

#: The party whose congresses and plenums are named after it (中共二十大): inside such a
#: name it is no entity of its own (the gold's reading; 中国共产党与…对话会 keeps it).
PARTY_NAMES = frozenset({"中国共产党", "中共"})
#: An edition or a year before the proper part of an event's name (第七届, 首届, 2024年).
EDITION_OPENING = re.compile(r"(?:第[一二三四五六七八九十百零〇\d]+[届次]|首届|\d{4}年?)?")


class InnerNames:
    """The lookups of places and named bodies inside longer names; built once with the
    entity finder, from its gazetteer and lexicon forms."""

    def __init__(
        self,
        forms: Sequence[str],
        form_info: Sequence[tuple[str, str, str, bool]],
        body_forms: Sequence[tuple[str, LexEntry]],
        body_matcher: ahocorasick_rs.AhoCorasick,
        common: Callable[[str], bool] = lambda _w: False,
    ) -> None:
        # places alone, looked up inside event names (乌克兰 in 乌克兰危机): (ref, rule, short?)
        self._place_info = [(ref, rule, short) for typ, ref, rule, short in form_info if typ == "Place"]
        self._place_matcher = ahocorasick_rs.AhoCorasick(
            [form for form, info in zip(forms, form_info) if info[0] == "Place"],
            matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
        )
        self._body_forms = body_forms
        self._body_matcher = body_matcher
        #: whether a word is an ordinary one (平安, 民生), which a body's short form may be too
        self._common = common

    def add(self, text: str, chosen: list[Candidate], starts: Container[int]) -> list[Candidate]:
        """``chosen`` with the places and named bodies inside its events and programmes
        added (priority 0, in text order). A place inside an event's name is where it
        happens, a short form only where a token starts (not 中山 in 中山大学论坛); a
        Chinese place or a curated feature that opens the name is part of it
        (中国共产党二十届三中全会, 天山论坛), and so is the party whose own congress or
        plenum it is (中共二十大); a named body's short form only where a token starts and
        when it is no ordinary word."""
        inner = []
        for c in chosen:
            if c.priority == 0 or c.type not in ("Event", "Initiative"):
                continue
            name = text[c.start : c.end]
            if c.type == "Event":
                opening = EDITION_OPENING.match(name).end()
                for idx, s, e in self._place_matcher.find_matches_as_indexes(name):
                    ref, source, short = self._place_info[idx]
                    if e - s < c.end - c.start and (s + c.start in starts or not short):
                        if s == opening and (ref == "CN" or ref.startswith("cn:") or source == "lexicon"):
                            continue
                        inner.append(Candidate(c.start + s, c.start + e, "Place", "nested-place", 0, ref))
            for idx, s, e in self._body_matcher.find_matches_as_indexes(name):
                if e - s <= 2 and (s + c.start not in starts or self._common(name[s:e])):
                    # 和平安全高级别会议, “民生直达”平台: a short form that is no word of the
                    # name or an ordinary word (平安, 民生) is no body's mention
                    continue
                if e - s < c.end - c.start:
                    if c.type == "Event" and s == 0 and name[:e] in PARTY_NAMES and name[e : e + 1] not in "与和同及、":
                        continue  # 中共二十大, 中国共产党澧县第十二届委员会第四次全体会议
                    entry = self._body_forms[idx][1]
                    inner.append(Candidate(c.start + s, c.start + e, entry.type, "nested-name", 0, entry.name))
        if not inner:
            return chosen
        taken = {(c.start, c.end) for c in chosen}
        return sorted(chosen + [c for c in inner if (c.start, c.end) not in taken], key=in_text_order)
