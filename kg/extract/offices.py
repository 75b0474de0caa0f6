"""Offices named by the suffix 办公室 (rules/suffixes.tsv) that are bodies of a state or of a
programme: 乌克兰总统办公室, 以色列总理办公室, 中国载人航天工程办公室, 联合国减少灾害风险办公室.
A person's office (刘延宇办公室) or a company's (…公司5G+智能化矿井建设办公室) is no body, and
a body's office (国家防总办公室) is read with its parent kept inside it
(``kg.extract.chosen_names.unit_words_after_bodies``). Asked by
:class:`kg.extract.bodies.BodyFinder` once it has read an office's name."""

from __future__ import annotations

from dataclasses import replace

from kg.extract.body_words import PROPER_PREFIXES
from kg.extract.candidates import Candidate
from kg.resources import Resources

__all__ = ["STATE_OFFICE_SUFFIXES", "state_office"]

#: The suffixes whose names are read here.
STATE_OFFICE_SUFFIXES = frozenset({"办公室"})


def state_office(res: Resources, text: str, tokens, j: int, start: int, sfx_start: int, places, org_suffixes: tuple[str, ...]) -> list[Candidate] | None:
    """The names kept inside the office read from ``start`` to its suffix at ``sfx_start``
    when it is a body of a state or a programme, else None. It is one when it opens with a
    place (乌克兰总统办公室) or a word of the nation (中国, 国家, 中央, 联合国:
    ``PROPER_PREFIXES``) and holds no other body's name (…委员会 | 办公室). ``tokens[j]`` is the
    token before the walk's last, ``places`` the place candidates by their end
    (``PlacesByEnd``)."""
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    inside = [k for k in range(max(j, 0), len(words)) if starts[k] >= start and ends[k] <= sfx_start]
    if not inside or starts[inside[0]] != start:
        return None
    for k in inside:
        w = words[k]
        entry = res.lexicon_forms.get(w)
        if w.endswith(org_suffixes) or (entry is not None and entry.type == "Organization" and w not in PROPER_PREFIXES):
            return None
    w = words[inside[0]]
    if not (start in places.starts or w in PROPER_PREFIXES or w.startswith(("中国", "中华"))):
        return None
    return _names_inside(res, text, start, sfx_start, places)


def _names_inside(res: Resources, text: str, start: int, sfx_start: int, places) -> list[Candidate]:
    """The names kept inside an office of a state, a body of government (GUIDELINES): its
    places (台湾 of 中央台湾工作办公室, 加沙地带 of 加沙地带媒体办公室) and the programme it is
    named after (中国载人航天工程 of 中国载人航天工程办公室: the body ends with a programme's
    suffix of the grammar)."""
    out = [replace(c, rule="nested-place", priority=0) for e in range(start + 1, sfx_start + 1) for c in places.get(e, ()) if c.start >= start]
    body = text[start:sfx_start]
    for n in range(min(4, len(body) - 2), 0, -1):
        rule = res.suffix_map.get(body[-n:])
        if rule is not None and rule.type == "Initiative":
            out.append(Candidate(start, sfx_start, "Initiative", "nested-name", 0))
            break
    return out
