"""Foreign names among the tagger's words: runs of transliteration characters (马克龙,
托卡耶夫), joined across tokens and ·, and the foreign places the tagger files as names
(马斯卡廷小镇). ``kg.extract.persons`` asks these first at each anchor."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.extract.candidates import NAME_JOINERS, PERSON_POS, Candidate, NameChecks
from kg.model import Token
from kg.resources import Resources

#: Words after a foreign name that make it a place (马斯卡廷小镇).
PLACE_WORD_AFTER = re.compile(
    r"小镇|小城|古城|市|镇|村|县|州|港|岛|河畔|湖畔|以[东南西北]|[东南西北]部|[东南西北]郊|[东南西北]?海岸"
    r"|[东西南北]岸|市区|市中心|郊区|境内|一带|地区|海滩|海湾|沿岸|山区"
)
#: Verbs of going to or being at a place, before a foreign name that is then a place's
#: (来到斯坦福桥, 留在安菲尔德).
PLACE_VERB_BEFORE = re.compile(
    r"(?:来到|前往|抵达|到达|飞抵|飞往|去往|赶赴|位于|地处|坐落[在于]|留在|途经|游览|移居|定居|迁往|回到|返回)$"
)


def foreign_name_at(
    res: Resources, checks: NameChecks, text: str, tokens: Sequence[Token], i: int, cue: bool
) -> tuple[Candidate, int] | None:
    """A foreign name: a run of transliteration characters, joined across tokens and ·,
    run on after a title up to a word boundary; a foreign place when a place word
    follows (马斯卡廷小镇)."""
    t = tokens[i]
    prev = tokens[i - 1] if i > 0 else None
    j = i + 1
    end = t.end
    while j < len(tokens):
        w = tokens[j].text
        if w in NAME_JOINERS and j + 1 < len(tokens) and all(c in res.translit_chars for c in tokens[j + 1].text):
            end = tokens[j + 1].end
            j += 2
            continue
        if tokens[j].pos in PERSON_POS and all(c in res.translit_chars for c in w) and len(w) >= 2:
            end = tokens[j].end
            j += 1
            continue
        break
    if cue or t.pos == "nrt" or (i + 1 < len(tokens) and tokens[i + 1].pos == "nrt"):
        # after a title the name runs on over transliteration characters up to a
        # word boundary: 总统马克龙访华 → 马克龙
        k = end
        while k < len(text) and k - t.start < 8 and (text[k] in res.translit_chars or text[k] in "·"):
            k += 1
        # the name does not run over a verb, particle or adverb (劳斯莱斯 | 提)
        bounds = []
        for tk in tokens[i : i + 6]:
            if tk.end > k:
                break
            if tk is not t and (tk.pos in ("p", "c", "u", "d", "uj", "ul", "r", "m", "q") or (tk.pos == "v" and len(tk.text) > 1)):
                break
            bounds.append(tk.end)
        inside = next((tk for tk in tokens[i : i + 6] if tk.start < k < tk.end), None)
        if inside is not None and inside.start >= end and inside.pos in ("d", "p", "c", "u") and k - inside.start == 1:
            # 拉赫 + 蒙互: the segmenter glued the name's last character to an adverb
            bounds.append(k)
        if bounds and max(bounds) > end:
            end = max(bounds)
            j = next((q for q in range(i, min(i + 6, len(tokens))) if tokens[q].end >= end), j - 1) + 1
    begin = t.start
    if (
        prev is not None
        and len(prev.text) == 1
        and prev.text in res.translit_chars
        and (i < 2 or checks.title_before(tokens[i - 2].text) or tokens[i - 2].pos in ("x", "w", "c", "p"))
    ):
        # 总统托 + 卡耶夫: the segmenter cut the first character off the name
        begin = prev.start
    elif (
        prev is not None
        and t.pos == "nrt"
        and 2 <= len(prev.text) <= 3
        and prev.pos in ("nz", "nr", "nrt")
        and all(c in res.translit_chars for c in prev.text)
        and prev.text not in res.place_forms
    ):
        # 德沃 + 切克: a foreign name the segmenter cut in two
        begin = prev.start
    name = text[begin:end]
    hit = res.dictionary.get(name)
    ordinary = hit is not None and not hit[1].startswith("nr") and hit[0] > 200
    if len(name) >= 2 and name not in res.person_stop and not ordinary:
        if foreign_looking(res, name, t.pos, cue):
            if (len(name) >= 3 or cue) and name not in res.place_forms:
                if (
                    PLACE_WORD_AFTER.match(text, end)
                    or (begin > 0 and text[begin - 1] == "州")
                    or (not cue and PLACE_VERB_BEFORE.search(text, max(0, begin - 3), begin))
                ):
                    # 马斯卡廷小镇, 艾奥瓦州马斯卡廷, 来到斯坦福桥: a foreign place, not a person
                    return Candidate(begin, end, "Place", "pos:foreign-place", 1), j
                return Candidate(begin, end, "Person", "pos:foreign", 1), j
    return None


def foreign_looking(res: Resources, name: str, pos: str, cue: bool) -> bool:
    """Mostly transliteration characters: all of them, or (for a word tagged as a
    name, three characters or more and not starting with a surname) three in four,
    two in three after a title (若斯潘, 基里延科)."""
    chars = [c for c in name if c not in NAME_JOINERS]
    if not chars:
        return False
    share = sum(c in res.translit_chars for c in chars) / len(chars)
    if share == 1.0:
        return True
    known = res.dictionary.get(name)
    if (pos in PERSON_POS or (cue and pos == "ns")) and len(chars) >= 3 and name[0] not in res.surnames and (
        known is None or known[1].startswith("nr") or (cue and known[1] == "ns" and name not in res.place_forms)
    ):
        return share >= (0.66 if cue else 0.75)
    return False
