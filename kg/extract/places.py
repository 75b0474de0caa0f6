"""Places and curated names: gazetteer and lexicon matches, lexicon names that count only in
a sentence of their domain (米兰 the club), and the check of the pattern rule of foreign
towns spelt out in transliteration characters (马斯卡廷市). Villages named after a family
(梁家河) are a pattern of data/rules/entities.toml alone."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from operator import le

import ahocorasick_rs

from kg.extract.candidates import CJK, Candidate, country_ref, in_text_order, inside_latin_word
from kg.extract.chosen_names import GLUED_TAILS
from kg.extract.patterns import Hit
from kg.extract.spans import SpanIndex
from kg.model import Sentence
from kg.read.sentences import CLAUSE_MARKS
from kg.resources import Resources

#: Prepositions and conjunctions the segmenter keeps as words of their own, which may open a
#: place's form in the gazetteer (同德, 和平, 向阳) before another place (同 | 德国).
FUNCTION_CHARS = frozenset("同对为与跟给把被让在将和及向从于至往由")
#: Words whose last character may open a place's form (其中 | 江西 hides 中江).
FUNCTION_WORDS = ("其中", "之中", "当中", "从中")
#: Common words that open with the last character of a place's or body's name and follow
#: it often: 北京市场 is 北京 and a market, 重庆市民 Chongqing's citizens, 卫生部门 health
#: departments (no ministry), 联合报道 a joint report (no 联合报). 省委, 市政府 and 市长 share the
#: character instead (山西省委).
WORDS_OPENED_BY_A_NAME_END = frozenset({"市场", "市民", "部门", "报道", "报告", "报批", "报送", "报名"})
#: A time zone's name after a place: 时间 and the time it tells (北京时间10日, 北京时间明天凌晨,
#: 北京时间的明天); 到西昌时间缩短 is the place.
TIME_ZONE_AFTER = re.compile(r"时间(?:[\d０-９一二三四五六七八九十]|[今明昨前后凌上下晚早中清深午夜周星本当]|的|[，,：:])")
#: How often the dictionary must file a gated form as an ordinary word (民生 452, 平安,
#: 苹果) for it to need its domain's cue in its own clause, not anywhere in the scene: long
#: sentences of policy news name 金融 or 保险 beside 改善民生.
ORDINARY_FREQ = 300
#: Words the segmenter glues to a place's name that speak of its people, rule or return
#: (宜兴人, 江西籍, 台湾同胞, 香港市民, 台湾当局, 香港回归, 印尼政府, 亚洲各国): the place is
#: named all the same.
PLACE_TOKEN_TAILS = ("人", "籍", "同胞", "市民", "居民", "当局", "回归", "各国", "政府")


def _people_or_rule_after(text: str, e: int, ends: set[int]) -> bool:
    """True when a token that opens with a place's name at ``e`` ends with one of
    ``PLACE_TOKEN_TAILS`` (宜兴 | 人 inside the token 宜兴人)."""
    return any(text.startswith(tail, e) and e + len(tail) in ends for tail in PLACE_TOKEN_TAILS)


#: Words before a measure word (这段, 一张): a surname's character after them counts (pos:surname-county).
COUNTING_BEFORE = frozenset("这那每各该某本此一二两三四五六七八九十百千万几半")
#: Surnames that before a place mean "former" (原沭阳副县长: 原 is a surname too).
NOT_A_SURNAME_BEFORE_A_PLACE = frozenset("原")
#: The dots inside a foreign name (伯恩哈德·鲁西): what follows one is a piece of the name.
NAME_DOTS = frozenset("·•・")
#: Provinces' abbreviations and compass points that name something else first: 苏东 (苏东剧变)
#: is the Soviet Union and Eastern Europe.
NOT_PROVINCE_REGIONS = frozenset({"苏东"})
#: Kinds of division a place's full name ends with, whose character the segmenter may glue
#: to the party committee or the head's title after it (洪泽 | 县委书记, 江山 | 市长).
DIVISION_CHARS = frozenset("省市县区州旗")
#: Heads' titles that the division's character opens as one word (县长, 市长 …).
HEAD_TITLES = frozenset({"省长", "市长", "县长", "区长", "州长", "旗长"})


def _division_glued_to_body(text: str, e: int, starts: set[int], ends: set[int]) -> bool:
    """True when the division character ending a place's name at ``e`` opens the next word,
    a party committee or its head's title: 洪泽 | 县委书记 names 洪泽县 and its 县委,
    江山 | 市长 the city's mayor. The place is named all the same."""
    if text[e - 1] not in DIVISION_CHARS or e - 1 not in starts:
        return False
    return text[e : e + 1] == "委" or (text[e - 1 : e + 1] in HEAD_TITLES and e + 1 in ends)


#: Characters after a county's short form that make it open another place's name (大冶湖, 天门山).
FEATURE_AFTER = frozenset("湖山河江海港岛峡湾溪泉塘洞")


def ordinary_county_short_form(res: Resources, form: str) -> bool:
    """``form`` is a county's short form that is an ordinary word (和平, 新建, 平原) or one more
    frequent in the dictionary than a name is (天门, 敦煌): not looked up alone."""
    ids = res.place_forms.get(form, ())
    if len(form) < 2 or not ids:
        return False
    place = res.places[ids[0]]
    return form != place.name and place.kind == "county" and (res.common_word(form, 300) or res.dictionary.get(form, (0, ""))[0] > 500)


class PlaceFinder:
    """Gazetteer, lexicon and domain-gated matches; the check of foreign places.

    ``matcher`` finds every gazetteer and lexicon form of ``forms`` (``form_info`` gives
    each one's type, ref, rule and whether it is a short form); the lookups that only
    these finders need are built here.
    """

    def __init__(
        self,
        res: Resources,
        matcher: ahocorasick_rs.AhoCorasick,
        forms: Sequence[str],
        form_info: Sequence[tuple[str, str, str, bool]],
    ):
        self.res = res
        self._matcher = matcher
        self._form_info = form_info
        gated = res.gated_forms
        # Every form of an entry with a domain, matched on lower-cased text so that Latin forms
        # match in any case (bwin, BWIN). The gated ones name their entry only in a sentence of
        # its domain; the others (found by the matcher anyway) help show that a sentence is one.
        domain_forms = {f.lower(): (e, False) for f, e in res.lexicon_forms.items() if e.domain}
        domain_forms.update({f.lower(): (e, True) for f, e in gated.items()})
        self._gated_forms = sorted((f, e, g, f in res.place_forms) for f, (e, g) in domain_forms.items())
        self._gated_matcher = (
            ahocorasick_rs.AhoCorasick([x[0] for x in self._gated_forms], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
            if gated
            else None
        )
        # county-level divisions named by an ordinary word, several cities over (城区, 郊区)
        self._generic_divisions: dict[str, tuple[str, ...]] = {
            form: tuple(ids)
            for form, ids in res.place_forms.items()
            if len(form) == 2 and all(res.places[i].kind == "county" for i in ids) and res.common_word(form, 300)
        }
        # county short forms that are ordinary words, places right after a place holding them
        # (湖北天门, 甘肃敦煌, 北京东城; ``ordinary_county_short_form``)
        ordinary = sorted(f for f in res.place_forms if ordinary_county_short_form(res, f) and f not in res.not_entities)
        self._ordinary_forms = ordinary
        self._ordinary_matcher = ahocorasick_rs.AhoCorasick(ordinary) if ordinary else None
        #: what ``gazetteer`` asks of a match that its form alone decides, once per form
        self._match_info = [self._form_checks(form, *info) for form, info in zip(forms, form_info, strict=True)]
        self._form_index = {form: k for k, form in enumerate(forms)}
        #: the length of the longest form, how far past a hidden match a second look reads
        self._longest_form = max(map(len, forms), default=1)
        self._titles = tuple(res.titles)
        #: the cities abroad, whose names the news may write with 市 (维也纳市)
        self._foreign_cities = frozenset(k for k, p in res.places.items() if p.kind == "city")

    # ------------------------------------------------------------------ finders
    def _form_checks(self, form: str, typ: str, ref: str, rule: str, short: bool) -> tuple:
        """A form's match as ``gazetteer`` reads it: its type, ref, rule and priority; whether
        it is a place; whether it may run on into a Latin word (it opens or ends with an
        ASCII character); whether it must be a whole word of the segmentation, as itself and
        as a region's name (+地区); whether it is a country's full name (which may open a
        longer token); whether it names a district of several cities."""
        place = typ == "Place"
        return (
            typ,
            ref,
            rule,
            3 if rule == "lexicon" else 2,
            place,
            form[:1].isascii() or form[-1:].isascii(),
            short or len(form) <= 2,
            short,
            not short and place and country_ref(ref),
            place and form in self._generic_divisions,
        )

    def gazetteer(self, text: str, starts: set[int], ends: set[int]) -> list[Candidate]:
        out = []
        for idx, s, e in self._matcher.find_matches_as_indexes(text):
            cand = self._gazetteer_match(text, idx, s, e, starts, ends)
            if cand is not None:
                out.append(cand)
            elif e - s >= 2 and s + 1 in starts and (
                (s in starts and text[s] in FUNCTION_CHARS) or text.endswith(FUNCTION_WORDS, 0, s + 1)
            ):
                # 同 | 德国总理, 其中 | 江西: a form that opens with a preposition or ends a
                # function word (the counties 同德, 中江) hides the name that opens right
                # after it, which the matcher, taking matches that do not overlap, never
                # gave; the first match there is read instead (not after other words: 幸福 |
                # 安康 is well-being, 黄 | 河源 no 河源, 木兰溪 no 兰溪)
                lo = s + 1
                for idx2, s2, e2 in self._matcher.find_matches_as_indexes(text[lo : e + self._longest_form]):
                    if s2 == 0:
                        cand = self._gazetteer_match(text, idx2, lo, e2 + lo, starts, ends)
                        if cand is not None:
                            out.append(cand)
                    break
        if self._ordinary_matcher is not None:
            out += self._held_short_forms(text, starts, ends)
        return out

    def _gazetteer_match(self, text: str, idx: int, s: int, e: int, starts: set[int], ends: set[int]) -> Candidate | None:
        """The candidate of the form ``idx`` matched at ``text[s:e]``, or None where the form
        names nothing there (see the rule gazetteer)."""
        n = len(text)
        info = self._match_info
        if text[e - 1 : e + 1] in WORDS_OPENED_BY_A_NAME_END:
            # 北京市 | 场, 外交部 | 门 (财政部门, 司法部门: the word for a department, no
            # ministry): the name's last character opens a common word (市场, 部门); the
            # name is the part before it when that is one (北京), else none
            idx = self._form_index.get(text[s : e - 1], -1)
            if idx < 0:
                return None
            e -= 1
        typ, ref, rule, prio, place, latin, whole, short, country, generic = info[idx]
        if place and e < n:
            if text[e] == "裔":
                return None  # 非洲裔, 亚裔, 日裔: people of that descent, not the place
            if text[e] in "式化" and (e + 1 in ends or e + 1 == n):
                return None  # 中国式现代化, 中国化: an adjective, not the place
            if TIME_ZONE_AFTER.match(text, e):
                return None  # 北京时间明天, 莫斯科时间23日: a time zone's name, no mention of the place
            if text.startswith("地区", e) and e + 2 in ends:
                e += 2  # 中亚地区, 西非地区: the region itself (it ends in 区, no Latin)
                whole, generic = short, False  # (no district's name has four characters)
            elif text[e] == "市" and e in starts and e + 1 in ends and ref in self._foreign_cities:
                e += 1  # 维也纳 | 市 | 市长, 多伦多 | 市 | 举行: a city abroad written with 市
        if latin and inside_latin_word(text, s, e):
            return None  # EA in area
        if rule == "lexicon" and not place and e - s == 3 and s not in starts and (s + 1 in ends or s + 2 in ends):
            # 共产党 | 中央: a body's short form (党中央) whose first characters end another
            # word (in one longer word, 纽约联合国总部, the name stays)
            return None
        if whole and (
            s not in starts
            or (
                e not in ends
                and not country
                and not (place and (_people_or_rule_after(text, e, ends) or _division_glued_to_body(text, e, starts, ends)))
            )
        ):
            # short forms must be whole words of the segmentation: 南开 in 南开大学 is
            # fine as a token, but 中非 inside 华中非常 is not. A country's full name
            # may open a longer token (智利队).
            return None
        if generic:
            # 城区, 郊区, 矿区 name districts of several cities but are ordinary words:
            # a district only right after its city (阳泉市城区)
            ref = self._district_after_city(text, s, self._generic_divisions[text[s:e]])
            if not ref:
                return None
        return Candidate(s, e, typ, rule, prio, ref)

    def _held_short_forms(self, text: str, starts: set[int], ends: set[int]) -> list[Candidate]:
        """County short forms that are ordinary words (``ordinary_county_short_form``), as
        whole words right after the name of a place that holds them: 湖北天门, 甘肃敦煌,
        广西全州, 北京东城 (平和 alone is "mild", 天门 alone a gate of heaven)."""
        out = []
        places = self.res.places
        for idx, s, e in self._ordinary_matcher.find_matches_as_indexes(text):
            if s not in starts or e not in ends or text[e : e + 1] in FEATURE_AFTER:
                continue  # (黄石大冶 | 湖高新区: the county's name opens a lake's)
            for pid in self.res.place_forms[self._ordinary_forms[idx]]:
                if any(
                    text.endswith(f, 0, s)
                    for a in self.res.parent_chain(pid)
                    if places[a].kind != "country"  # 中国龙泉青瓷: a product's name
                    for f in (places[a].name, *places[a].short)
                    if len(f) >= 2
                ):
                    out.append(Candidate(s, e, "Place", "gazetteer", 2, pid))
                    break
        return out

    def gated_names(self, text: str, starts: set[int], ends: set[int], sentences: Sequence[Sentence]) -> list[Candidate]:
        """Lexicon forms that are also places or words (米兰, 民生, 暴雪), in the sentences of
        their entry's domain: 罗马主场战胜米兰 names two clubs, 在罗马举行 a city; 民生银行
        信用卡 makes 民生 the bank, 关注民生 does not."""
        if self._gated_matcher is None:
            return []
        domains = self.res.domains
        out = []
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = text  # a letter whose lower case is longer (İ): match as written
        hits = self._gated_hits(lowered, sentences)
        if not hits:
            return out
        cues: dict[int, set[str]] = {}  # each sentence's domains, when needed
        vouch: dict[int, dict[str, set[str]]] = {}  # domain -> entries named by a form that is no place
        for i, sent_hits in hits.items():
            seen: dict[str, set[str]] = {}
            for idx, _s, _e in sent_hits:
                _form, entry, _gated, is_place = self._gated_forms[idx]
                if not is_place:
                    seen.setdefault(entry.domain, set()).add(entry.name)
            vouch[i] = seen
        for i, sent_hits in hits.items():
            sent = sentences[i]
            # the sentence and those either side in its paragraph set the scene; two different
            # entries of one domain there vouch for each other (阿贾克斯和鹿特丹斯巴达)
            found: set[str] = set()
            together: dict[str, set[str]] = {}
            for j in (i - 1, i, i + 1):
                if not (0 <= j < len(sentences)) or sentences[j].paragraph != sent.paragraph:
                    continue
                if j not in cues:
                    near = text[sentences[j].start : sentences[j].end]
                    cues[j] = {d for d, pat in domains.items() if pat.search(near)}
                found |= cues[j]
                for d, names in vouch.get(j, {}).items():
                    together.setdefault(d, set()).update(names)
            found |= {d for d, names in together.items() if len(names) > 1}
            for idx, s, e in sent_hits:
                s += sent.start
                e += sent.start
                form, entry, is_gated, is_place = self._gated_forms[idx]
                if not is_gated or entry.domain not in found:
                    continue
                if not is_place and self._ordinary(form) and not self._clause_cued(text, s, e, sent, domains[entry.domain]):
                    continue  # 持续改善民生 in a sentence that names 金融 elsewhere: the word
                if inside_latin_word(text, s, e):
                    continue
                before = text[s - 1] if s > 0 else ""
                after = text[e] if e < len(text) else ""
                if (s in starts or not CJK.match(before)) and (e in ends or not CJK.match(after) or after == "队"):
                    # 拉齐奥队 is the club's name with its word for team
                    out.append(Candidate(s, e + (after == "队"), entry.type, "lexicon", 3, entry.name))
        return out

    def _ordinary(self, form: str) -> bool:
        """A gated form that is an ordinary word of the language (民生, 平安, 苹果, 光线),
        filed so by the dictionary and frequent: it names its entry only with a cue close by."""
        hit = self.res.dictionary.get(form)
        return hit is not None and hit[0] >= ORDINARY_FREQ and not hit[1].startswith(("nr", "nz", "ns", "nt"))

    @staticmethod
    def _clause_cued(text: str, s: int, e: int, sent: Sentence, pattern) -> bool:
        """Whether the clause holding ``text[s:e]`` (up to the marks around it, within the
        sentence) matches the entry's domain: 民生银行信用卡, 工行、建行、民生等银行."""
        lo = max(text.rfind(m, sent.start, s) for m in CLAUSE_MARKS) + 1
        lo = max(lo, sent.start)
        hi = min((k for k in (text.find(m, e, sent.end) for m in CLAUSE_MARKS) if k != -1), default=sent.end)
        return bool(pattern.search(text, lo, hi))

    def _gated_hits(self, lowered: str, sentences: Sequence[Sentence]) -> dict[int, list[tuple[int, int, int]]]:
        """The gated forms in each sentence that holds any, offsets into the sentence, by
        the sentence's index in ``sentences`` (in order).

        One pass over the whole text, its matches dealt to the sentences that hold them:
        the same matches as a pass over each sentence (a call per sentence cost more than
        the matching) as long as no match runs over a sentence's bounds; when one does, the
        sentences are read one by one. A text without a match has none in any sentence
        (each is a part of it), and most texts have none."""
        matcher = self._gated_matcher
        found = matcher.find_matches_as_indexes(lowered)
        if not found:
            return {}
        hits: dict[int, list[tuple[int, int, int]]] = {}
        starts = [x.start for x in sentences]
        ends = [x.end for x in sentences]
        if all(map(le, ends, starts[1:])) and all(map(le, starts, ends)):  # in order, none overlapping
            for idx, s, e in found:
                k = bisect_right(starts, s) - 1
                if k >= 0 and e <= ends[k]:
                    hits.setdefault(k, []).append((idx, s - starts[k], e - starts[k]))
                elif (k >= 0 and s < ends[k]) or (k + 1 < len(sentences) and e > starts[k + 1]):
                    break  # over a sentence's bounds
            else:
                return hits
        pieces = (matcher.find_matches_as_indexes(lowered[x.start : x.end]) for x in sentences)
        return {k: found for k, found in enumerate(pieces) if found}

    def _district_after_city(self, text: str, s: int, ids: Sequence[str]) -> str:
        """The division among ``ids`` whose parent's name or short form ends at ``s``."""
        for pid in ids:
            parent = self.res.places.get(self.res.places[pid].parent)
            if parent is not None and any(text.endswith(f, 0, s) for f in (parent.name, *parent.short) if f):
                return pid
        return ""

    def foreign_place(self, hit: Hit) -> bool:
        """The check of the rule foreign-place (阿马里洛市, 罗赖马州, 德尔迪卜区): the run of
        transliteration characters opens no longer run, unless a known place ends where it
        starts, and overlaps no known place (加拿大温哥华市 is two known places, not one new
        one); it is no common word. The finder leaves the document's known places in
        ``hit.doc.state["places"]``."""
        doc, s, e = hit.doc, hit.start, hit.end
        state = doc.state
        if "known" not in state:
            places = state.get("places", ())
            state["known"] = SpanIndex((c.start, c.end) for c in places), {c.end for c in places}
        known, known_ends = state["known"]
        text, tr = doc.text, self.res.translit_chars
        if s > 0 and text[s - 1] in tr and s not in known_ends:
            return False  # inside a longer run
        if known.overlaps(s, e - 1):
            return False
        run = text[s : e - 1]
        return not (self.res.common_word(run, 100) or run in self.res.not_entities)

    def province_region(self, hit: Hit) -> bool:
        """The check of the rule province-region (陕北, 赣南, 晋西北): the region is no
        division or place of the gazetteer (湘西, 黔南: those read it), no name of the
        lexicon (京东), and no piece of a foreign name (伯恩哈德·鲁西)."""
        text, s, e = hit.doc.text, hit.start, hit.end
        form = text[s:e]
        if form in self.res.place_forms or form in self.res.lexicon_forms or form in NOT_PROVINCE_REGIONS:
            return False
        return not (s > 0 and text[s - 1] in NAME_DOTS)

    def surname_and_county(self, hit: Hit) -> bool:
        """The check of the rule pos:surname-county (陆 | 新平, 郅 | 顺义, 张 | 新民): the place is
        a county's short form only, no full name nor a city's or a province's, not ending in
        a word the segmenter glues to names (都, 在), and no known place ends right before the surname (湖南 | 平江 is never cut so; a place there makes
        the surname a place's last character)."""
        doc, s, e = hit.doc, hit.start, hit.end
        form = doc.text[s + 1 : e]
        if form[-1] in GLUED_TAILS:
            return False  # 林武 | 都与: a name and the word after it, no name 林武都
        text = doc.text
        if s > 0 and (text[s - 1] in COUNTING_BEFORE or text[s - 1].isdigit()):
            return False  # 这段 | 新建的高速路: the surname's character is a measure word here
        if text[s] in NOT_A_SURNAME_BEFORE_A_PLACE or text.startswith(self._titles, e) or text.startswith(("县委", "区委", "市委"), e):
            return False  # 原沭阳副县长: former; a title after the county makes it the place
        ids = self.res.place_forms.get(form, ())
        if not ids or any(self.res.places[i].name == form or self.res.places[i].kind != "county" for i in ids):
            return False
        return not any(c.end == s for c in doc.state.get("places", ()))


def names_read_as_places(res: Resources, text: str, chosen: list[Candidate]) -> list[Candidate]:
    """A county's short form whose first character ends a person's name that the document
    names elsewhere is the segmenter's join of the name's end and the word after it (林武 |
    都与, 范锐平 | 罗强, 杜紫平 | 陆振华): the place is dropped and the person read there, when
    nothing else is found on the name's other characters but the name cut short (范锐).
    Full names (武都区) and the short forms of cities and provinces stay places."""
    people = {text[c.start : c.end] for c in chosen if c.type == "Person" and c.priority > 0 and 2 <= c.end - c.start <= 3}
    if not people:
        return chosen
    by_end = {c.end: k for k, c in enumerate(chosen)}
    covered = {i for c in chosen for i in range(c.start, c.end)}
    out, dropped = None, set()
    for k, c in enumerate(chosen):
        if c.type != "Place" or c.rule != "gazetteer" or c.end - c.start != 2:
            continue
        ids = res.place_forms.get(text[c.start : c.end], ())
        if not ids or any(res.places[i].name == text[c.start : c.end] or res.places[i].kind != "county" for i in ids):
            continue
        for n in (3, 2):
            start = c.start + 1 - n
            if start < 0 or text[start : c.start + 1] not in people:
                continue
            cut = by_end.get(c.start)  # the name cut short before the place (范锐 | 平罗)
            cut_ok = cut is not None and chosen[cut].start == start and chosen[cut].type == "Person"
            if cut_ok or not any(i in covered for i in range(start, c.start)):
                out = out or list(chosen)
                out[k] = Candidate(start, c.start + 1, "Person", "pos:name-before-place", 1)
                if cut_ok:
                    dropped.add(cut)
                break
    if out is None:
        return chosen
    return sorted((c for k, c in enumerate(out) if k not in dropped), key=in_text_order)
