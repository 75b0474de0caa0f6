"""Entity mentions from gazetteers, lexicons, POS tags and rules; alias merging.

The mention finders each propose candidate spans with a priority:

1. gazetteer and lexicon matches (places, well-known bodies, programmes, events);
2. the suffix grammar: a body of tokens before a name suffix (…有限公司, …市委, …峰会);
3. person names from POS tags, checked against surnames, transliteration characters,
   a stop list, dictionary frequency and context (titles before, reporting verbs after);
4. quoted programme names (“六稳”, “晋创谷”), bylines (记者 闫杰 张毅), companies listed
   before 等企业, villages named after a family (梁家河), and one-character place
   abbreviations in context (中美关系, 对华, 晋冀鲁豫四省交界).

Overlaps are resolved as spaCy does: the longest span wins, then the higher priority, then
the earliest. A few nested names are kept on purpose (GUIDELINES): the place inside a party
or government body (山西省委 → 山西省) or a state's body (苏丹卫生部 → 苏丹), places and
named bodies inside an event's name (二十国集团领导人杭州峰会 → 二十国集团, 杭州).
A foreign country before a company is split off (印度 | AMNS公司).

``merge_aliases`` then groups the mentions of one document into entities: places by
gazetteer id, curated names by lexicon entry, 以下简称 declarations, abbreviations of
company names (太重集团 ↔ 太原重型机械集团有限公司, 新元公司 ↔ 山西新元煤炭有限责任公司),
editions of a series (第六届中国国际进口博览会 ↔ 中国国际进口博览会 ↔ 进博会) and variant
spellings of a foreign name. ``resolve_references`` adds mentions for reference words
(我省, a bare 座谈会, 常书记) that are never aliases.

The finders live in a module per kind of mention (``kg.extract.places``, ``bodies``,
``persons``, ``other_names``; shared pieces in ``candidates``), alias merging in
``kg.extract.aliases`` and references in ``kg.extract.references``. ``EntityFinder``
builds the lookups they share, runs them in the order overlaps are settled in and
settles the candidates of a whole document into its mentions.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Container, Sequence

import ahocorasick_rs

from kg.extract.aliases import is_abbreviation, merge_aliases, series_key
from kg.extract.bodies import BodyFinder
from kg.extract.body_parts import town_bodies
from kg.extract.body_words import party_name
from kg.extract.candidates import (
    CJK,
    TITLE_CUES_AFTER,
    UNCUED,
    Candidate,
    NameChecks,
    WordMemo,
    cued_names,
    drop_uncued,
    in_text_order,
    normalise_name,
    not_before_suffix,
    resolve_overlaps,
    set_phrase,
)
from kg.extract.chosen_names import (
    compass_parts,
    editions_of_known_events,
    features_read_as_names,
    foreign_ministers,
    foreign_places_in_lists,
    glued_tails,
    joined_transliterations,
    names_in_lists,
    retype_foreign,
    settlement_chains,
    storms_and_weapons,
    sultans,
    unit_words_after_bodies,
    units_of_bodies,
    zones_of_committees,
)
from kg.extract.function_words import function_word_names
from kg.extract.inner_names import InnerNames
from kg.extract.joined_events import commemorations, joined_events, listed_gatherings
from kg.extract.name_echoes import repeated_names
from kg.extract.name_runs import NameRuns
from kg.extract.other_names import LISTED_COMPANIES, OtherNames, listed_company_matches
from kg.extract.patterns import PatternEngine, Vocabulary
from kg.extract.persons import HONORIFICS, PersonFinder
from kg.extract.places import WORDS_OPENED_BY_A_NAME_END, PlaceFinder, names_read_as_places, ordinary_county_short_form
from kg.extract.references import resolve_references, surname_references
from kg.extract.segment import TokenBounds, Tokens
from kg.extract.settlements import SettlementReader
from kg.extract.spans import SpanIndex
from kg.model import Mention, Sentence, Token
from kg.read.text import SECTION_CHARS, SECTION_MARGIN, sections
from kg.resources import Resources

#: names other modules import from here (kg.extract.lac, kg.extract.document): they lived here
#: before the finders were split into a module per kind of mention
__all__ = [
    "CJK",
    "HONORIFICS",
    "LISTED_COMPANIES",
    "TITLE_CUES_AFTER",
    "UNCUED",
    "Candidate",
    "EntityFinder",
    "is_abbreviation",
    "listed_company_matches",
    "merge_aliases",
    "normalise_name",
    "resolve_overlaps",
    "resolve_references",
    "series_key",
]

#: The title of a book, film or document in 《》.
WORK_TITLE = re.compile(r"《[^《》\n]{1,40}》")
#: Endings of descriptions, not names: 旅游名县, 能源大省, 历史名城.
GENERIC_PLACE_ENDINGS = frozenset(["名县", "大县", "强县", "大省", "强省", "名城", "名镇", "名村", "大市", "强市", "古城", "新城", "大湾"])
#: Last characters of place names tagged ns by the segmenter that are kept as places.
NS_PLACE_ENDINGS = frozenset("区园县市省镇村乡州岛山河湖江海湾峡岭峰原港城街路寺陵宫馆塔桥坝")
#: Last characters of organisation names the dictionary tags nt (新四军, 中央气象台, 国际排联,
#: a party's central committee: 越共中央, 苏共中央).
ORG_END_CHARS = frozenset("军台社会院所局部委办处署厅团组盟党校站馆署庭协联央")
#: Match-report words around a foreign name that make it a club.
SPORT_BEFORE = re.compile(r"(?:战胜|击败|负于|对阵|逼平|迎战|做客|力克|不敌|战平|主场|客场|淘汰|输给|胜|负|平|[vV][sS]\s*)$")
#: Bits of ``EntityFinder.name_word``.
_NS_PLACE, _NT_BODY, _NT_COMPANY = 1, 2, 4
#: The rules of data/rules/entities.toml with a pattern whose mentions count as the tagger's
#: places and bodies (``candidates``: found before the others, which may look at them).
_TAGGED_NAMES = ("pos:place", "pos:organization", "pos:company")
SPORT_AFTER = re.compile(r"队|俱乐部|主场|客场|球迷|主帅|主教练|前锋|中场|后卫|门将|以\d|\d+[:：∶]\d+|[0-9０-９]+比|\s*[vV][sS]")


class EntityFinder:
    """Finds entity mentions in a document; built once per ``Resources``."""

    def __init__(self, res: Resources):
        self.res = res
        #: an optional second source of candidates (``kg.extract.lac.LacSource``): called with a
        #: document's (or section's) text, tokens and sentences and the rules' candidates
        self.second: Callable[..., list[Candidate]] | None = None
        self.checks = NameChecks(res)
        forms: list[str] = []
        self._form_info: list[tuple[str, str, str, bool]] = []  # (type, ref, rule, short?)
        for form, ids in res.place_forms.items():
            if len(form) < 2:
                continue
            place = res.places[ids[0]]
            is_short = form != place.name
            if is_short and ordinary_county_short_form(res, form):
                # 和平, 新建, 东方: county short forms that are ordinary words (found only
                # after a place holding them: PlaceFinder._held_short_forms)
                continue
            if form in res.not_entities:
                continue
            forms.append(form)
            self._form_info.append(("Place", ids[0], "gazetteer", is_short))
        gated = res.gated_forms
        for form, entry in res.lexicon_forms.items():
            if form in gated:
                continue  # looked up only in sentences of the entry's domain
            forms.append(form)
            self._form_info.append((entry.type, entry.name, "lexicon", False))
        self._forms = forms
        self._matcher = ahocorasick_rs.AhoCorasick(forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        # named bodies looked up inside event and programme names (二十国集团领导人峰会)
        self._body_forms = [(f, e) for f, e in res.lexicon_forms.items() if e.type in ("Organization", "Enterprise")]
        self._body_matcher = ahocorasick_rs.AhoCorasick(
            [f for f, _e in self._body_forms], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )
        self.places = PlaceFinder(res, self._matcher, forms, self._form_info)
        self.bodies = BodyFinder(res, self.checks, self._body_forms, self._body_matcher)
        self.inner = InnerNames(forms, self._form_info, self._body_forms, self._body_matcher, self._ordinary_short_form)
        self.runs = NameRuns(res, self.checks)
        #: Which word tests of the rules pos:place, pos:organization and pos:company a word
        #: passes (``_name_word``), kept per word: the patterns ask each class once a word
        self.name_word: Callable[[str], int] = WordMemo(self._name_word).__getitem__
        #: a surface's name (``normalise_name``), kept per surface: most names recur (a few
        #: megabytes at most)
        self._names: Callable[[str], str] = WordMemo(normalise_name, 50_000).__getitem__
        self.persons = PersonFinder(res, self.checks, self.runs)
        self.others = OtherNames(res, self.checks, self.runs)
        self.settlements = SettlementReader(res)
        # the checks and suffixes ``kg.extract.lac`` asks the finder for
        self._plausible_chinese_name = self.checks.plausible_chinese_name
        self._title_before = self.checks.title_before
        self._is_title_word = self.checks.is_title_word
        self._org_suffixes = self.bodies.org_suffixes
        self._company_suffixes = self.bodies.company_suffixes
        # the rules written as patterns; the sets and word tests their patterns may name
        sets = {
            "surnames": res.surnames,
            "titles": self.checks.titles,
            "person_stop": res.person_stop,
            "not_entities": res.not_entities,
            "translit": res.translit_chars,
            "places": res.place_forms,
            "title_cues": TITLE_CUES_AFTER,
        }
        tests = {
            "cjk": lambda w: CJK.match(w) is not None,
            "ns-place": lambda w: bool(self.name_word(w) & _NS_PLACE),
            "nt-body": lambda w: bool(self.name_word(w) & _NT_BODY),
            "nt-company": lambda w: bool(self.name_word(w) & _NT_COMPANY),
            "party": lambda w: party_name(w, res.dictionary.get(w, (0, ""))[1]),
        }
        # the word classes the rules in code start at, asked with the patterns' own
        anchors = {**self.bodies.anchors, **self.persons.anchors, **self.others.anchors}
        finders = (self, self.places, self.bodies, self.runs, self.persons, self.others, self.checks)
        self.patterns = PatternEngine(res.entity_rules.rules, Vocabulary(sets, {**tests, **anchors}), finders, anchors,
                                      self.persons.anchor_tags)
        #: the pattern rules run after the tagger's places and bodies (they may look at them)
        self._later = {c.rule.id for c in self.patterns.rules} - set(_TAGGED_NAMES)

    # ------------------------------------------------------------------ driver
    def surname_references(self, text: str, tokens: Sequence[Token]) -> list[tuple[int, int]]:
        """Spans of bare surnames before a title or a form of address (``kg.annotate`` reports
        them as person mentions): ``kg.extract.references.surname_references``."""
        return surname_references(self.res, text, tokens)

    def find(self, text: str, tokens: Sequence[Token], sentences: Sequence[Sentence], excluded=()) -> list[Mention]:
        """The mentions of a document segmented as a whole (``tokens`` cover ``text``);
        ``excluded`` spans (page furniture) hold no mention."""
        tokens = Tokens.of(tokens)
        cands, people = self.candidates(text, tokens, sentences)
        cued = cued_names(text, cands[people])
        return self.choose(text, cands, cued, sentences, set(tokens.starts), excluded)

    def find_sections(
        self,
        text: str,
        sentences: Sequence[Sentence],
        tokenize: Callable[[str], Sequence[Token]],
        excluded: Sequence[tuple[int, int]] = (),
        size: int = SECTION_CHARS,
        margin: int = SECTION_MARGIN,
    ) -> tuple[list[Mention], TokenBounds]:
        """``find`` for a document of any length; also the bounds of its tokens.

        A document longer than ``size`` characters is segmented and searched a section
        at a time (``kg.read.text.sections``). Each section is read with a margin of whole
        sentences on either side and keeps the candidates that start inside it, which
        are those the whole text gives, with offsets into the whole text; its tokens are
        dropped once it is done, so memory holds one section's tokens at a time. What
        looks at the whole document (overlaps, cues, clubs, titles) then runs once over
        all the candidates. A shorter document is read whole, exactly as ``find`` reads it.
        """
        parts = sections(sentences, len(text), size, margin)
        bounds = TokenBounds(len(text))
        if len(parts) == 1:
            tokens = tokenize(text)
            bounds.add(tokens)
            return self.find(text, tokens, sentences, excluded), bounds
        cands: list[Candidate] = []
        cued: set[str] = set()
        for part in parts:
            off = part.read_start
            piece = text[off : part.read_end]
            tokens = Tokens.of(tokenize(piece))
            local = [
                Sentence(x.index, x.start - off, x.end - off, x.text, x.paragraph, x.heading)
                for x in sentences[part.first : part.last]
            ]
            found, people = self.candidates(piece, tokens, local)
            low, high = part.start - off, part.end - off
            for k, c in enumerate(found):
                if not low <= c.start < high:
                    continue  # another section's: found there with the text around it
                if off:
                    c = Candidate(c.start + off, c.end + off, c.type, c.rule, c.priority, c.ref, c.name)
                cands.append(c)
                if people.start <= k < people.stop and c.rule != UNCUED:
                    cued.add(c.name or text[c.start : c.end])
            # the tokens that start inside the section, a run of them
            bounds.add(tokens, off, bisect_left(tokens.starts, low), bisect_left(tokens.starts, high))
        return self.choose(text, cands, cued, sentences, bounds.starts, excluded), bounds

    def candidates(
        self, text: str, tokens: Sequence[Token], sentences: Sequence[Sentence]
    ) -> tuple[list[Candidate], slice]:
        """Every finder's candidates, in the order overlaps are settled in, and the slice
        of them the tagger proposed as people (those cue the uncued names, see ``persons``).

        Each candidate depends on the text and tokens around it only, so a long
        document's candidates can be found a section at a time (``find_sections``).
        """
        tokens = Tokens.of(tokens)
        starts = set(tokens.starts)
        ends = set(tokens.ends)
        gaz = self.places.gazetteer(text, starts, ends)
        if any(c.rule == "lexicon" and c.type != "Place" and text[c.start : c.end] != c.ref for c in gaz):
            # 使我联想到: a short name (联想 for 联想集团) the tagger reads as a verb
            spans = {(c.start, c.end) for c in gaz if c.rule == "lexicon" and c.type != "Place"}
            verbs = self._verb_tokens(tokens, spans)
            gaz = [
                c
                for c in gaz
                if not (c.rule == "lexicon" and c.type != "Place" and (c.start, c.end) in verbs and text[c.start : c.end] != c.ref)
            ]
        gaz += self.places.gated_names(text, starts, ends, sentences)
        place_by_end: dict[int, list[Candidate]] = defaultdict(list)
        places = [c for c in gaz if c.type == "Place"]
        for c in places:
            place_by_end[c.end].append(c)
        doc = self.patterns.document(text, tokens)
        hits = self.patterns.find(doc, _TAGGED_NAMES)
        for rule in _TAGGED_NAMES:
            tagged = hits.pop(rule, [])
            gaz += tagged
            places += [c for c in tagged if c.type == "Place"]
        doc.state["places"] = places
        doc.state["place_by_end"] = place_by_end
        hits.update(self.patterns.find(doc, self._later))
        bodies = self.bodies.suffixes(text, tokens, place_by_end, doc.where("may-end-body"))
        bodies += joined_events(text, tokens, bodies)  # …会议暨…部署会: one event under two titles
        bodies += town_bodies(text, bodies)  # 公明镇党委: a town's body, the town found by its suffix
        bodies += commemorations(text, bodies) + listed_gatherings(text, bodies)  # cut at a name or 、
        head = gaz + bodies + hits.pop("session", [])
        people = self.persons.tagged_people(doc) + hits.pop("pos:glued", []) + hits.pop("pos:name-run", [])
        bylines = hits.pop("byline", [])
        unsure = doc.state.get("unsure_bylines")
        if unsure:
            people = [p for p in people if not any(s < p.end and p.start < e for s, e in unsure)]
        quoted = hits.pop("quoted", [])
        cands = (
            head
            + people
            + bylines
            + quoted
            + joined_events(text, tokens, quoted)  # …消费季暨第五届上海“五五购物节”
            + self.others.abbreviations(text, starts, tokens, doc.where("abbr-word"))
            + self.others.listed_companies(text, tokens)
            + hits.pop("village", [])
            + self.settlements.settlements(text, tokens, places, bodies)
            + hits.pop("speaker", [])
            + hits.pop("pos:title-name", [])
            + hits.pop("newspaper", [])
            + hits.pop("dateline", [])
            + hits.pop("byline:photo", [])
            + hits.pop("dotted", [])
            + hits.pop("latin-name", [])
            + hits.pop("foreign-place", [])
        )
        for more in hits.values():
            cands += more  # the pattern rules of a user's rules file, in its order
        if self.second is not None:
            cands += self.second(text, tokens, sentences, cands)
        return cands, slice(len(head), len(head) + len(people))

    def _verb_tokens(self, tokens: Sequence[Token], spans: set[tuple[int, int]]) -> set[tuple[int, int]]:
        """Those of ``spans`` that are one token tagged as a common verb; each span's token is
        found by its start (the tokens run in order), not by reading every token."""
        tokens = Tokens.of(tokens)
        starts, ends, tags, words = tokens.starts, tokens.ends, tokens.tags, tokens.words
        out = set()
        for s, e in spans:
            k = bisect_left(starts, s)
            while k < len(starts) and starts[k] == s:
                if ends[k] == e and tags[k] == "v" and self.res.common_word(words[k], 500):
                    out.add((s, e))
                k += 1
        return out

    def _ordinary_short_form(self, word: str) -> bool:
        """A body's short form that is an ordinary word (平安, 民生), not an abbreviation the
        dictionary knows as one (央视, 国航: tagged j)."""
        return self.res.common_word(word, 300) and self.res.dictionary[word][1] != "j"

    def _name_word(self, word: str) -> int:
        """``name_word`` of a word not met yet: ``_NS_PLACE`` when it is a place if tagged
        ns (永定河, not the frequent 高速铁路), ``_NT_BODY`` a body if tagged nt (中央气象台),
        ``_NT_COMPANY`` a company if tagged nt (英特尔公司)."""
        res = self.res
        if len(word) < 3 or word in res.not_entities:
            return 0
        flags = 0
        if (
            word[-1] in NS_PLACE_ENDINGS
            and not word.endswith(("地区", "城市"))  # 文明城市, 宜居城市: kinds of city
            and word[0] != "各"  # 各省市, 各县区: every one of a kind
            and word[-2:] not in GENERIC_PLACE_ENDINGS
            and res.dictionary.get(word, (0, ""))[0] <= 700
            and not set_phrase(word)
        ):
            flags |= _NS_PLACE
        if (
            word[-1] in ORG_END_CHARS
            and not not_before_suffix(word, len(word) - 2, word[-1])
            and not res.common_word(word, 500)
        ) or (
            word.endswith(self._org_suffixes)
            and not word.endswith("政府")  # 新政府, 联邦政府: a government is named by its place alone (suffix:政府)
            and any(
                len(word) > len(x) and word.endswith(x) and not not_before_suffix(word, len(word) - len(x) - 1, x)
                for x in self._org_suffixes
            )
        ):
            flags |= _NT_BODY
        elif (
            len(word) >= 4
            and word.endswith(self._company_suffixes)
            and any(
                word.endswith(x)
                and len(word) - len(x) >= 2
                and not res.common_word(word[: -len(x)], 300)
                and word[: -len(x)] not in res.place_forms  # 美国公司: a country's companies, no name
                for x in self._company_suffixes
            )
        ):
            flags |= _NT_COMPANY
        return flags

    def choose(
        self,
        text: str,
        cands: list[Candidate],
        cued: set[str],
        sentences: Sequence[Sentence],
        starts: Container[int],
        excluded: Sequence[tuple[int, int]] = (),
    ) -> list[Mention]:
        """Settle the candidates of a whole document into its mentions.

        ``cued`` holds the names the tagger's people were found with (``cued_names``),
        ``starts`` the offsets where tokens start. What is decided here looks at the whole
        document: overlaps, a foreign name that is a club or a town wherever it appears,
        a name that is only a character in a book's title.
        """
        cands = drop_uncued(cands, cued)
        # 宜宾市人社部 | 门: a body's last character opening a common word (人社部门, the word
        # for a department) names no body; the place inside it stays a candidate
        cands = [c for c in cands if c.type not in ("Organization", "Enterprise") or text[c.end - 1 : c.end + 1] not in WORDS_OPENED_BY_A_NAME_END]
        if excluded:
            furniture = SpanIndex(excluded)
            cands = [c for c in cands if not furniture.holds(c.start)]
        chosen = resolve_overlaps(cands)
        glossed = self.others.glossed_names(text, chosen)
        if glossed:
            taken = SpanIndex((c.start, c.end) for c in chosen)
            chosen += [g for g in glossed if not taken.overlaps(g.start, g.end)]
            chosen.sort(key=in_text_order)
        titles = SpanIndex((m.start(), m.end()) for m in WORK_TITLE.finditer(text))
        if titles or "“" in text:
            # 《哈利·波特》, 《关于施密特》: a foreign name inside the title of a book or film is
            # a character's, part of the title, unless the text names the person outside
            # titles as well; a Chinese name keeps its person (《邓小平文选》) unless it is the
            # whole title or quote a rule of the tagger read (《白毛女》, “龙龙”, “何尊”: a work,
            # an animal, a thing)
            in_title = {
                id(c)
                for c in chosen
                if c.type == "Person"
                and (
                    (titles.reaches(c.start - 1, c.end + 1)  # strictly inside a title
                     and not self.checks.plausible_chinese_name(c.name or text[c.start : c.end], strict=False))
                    or (c.rule.startswith("pos:") and text[c.start - 1 : c.start] in "“《" and text[c.end : c.end + 1] in "”》" and c.start > 0)
                )
            }
            outside = {text[c.start : c.end] for c in chosen if c.type == "Person" and id(c) not in in_title}
            chosen = [c for c in chosen if id(c) not in in_title or text[c.start : c.end] in outside]
        # a foreign name in a match report is a club: 切尔西主场战胜阿森纳
        clubs = {
            text[c.start : c.end]
            for c in chosen
            if c.rule == "pos:foreign"
            and (SPORT_BEFORE.search(text, max(0, c.start - 4), c.start) or SPORT_AFTER.match(text, c.end))
        }
        chosen = retype_foreign(chosen, text, clubs, "Organization", "pos:club")
        # one foreign name, one type in a document: 马斯卡廷小镇 makes every 马斯卡廷 a place
        chosen = foreign_places_in_lists(text, chosen)
        towns = {text[c.start : c.end] for c in chosen if c.rule == "pos:foreign-place"}
        chosen = retype_foreign(chosen, text, towns, "Place", "pos:foreign-place")
        chosen = foreign_ministers(text, chosen, lambda name: self.checks.plausible_chinese_name(name, strict=False))
        chosen = sultans(text, chosen)
        chosen = unit_words_after_bodies(self.res, text, chosen, starts)
        chosen = units_of_bodies(self.res, text, chosen)
        chosen = compass_parts(text, chosen)
        chosen = settlement_chains(self.res, text, chosen)
        chosen = zones_of_committees(self.res, text, chosen)
        chosen = names_in_lists(self.res, text, chosen)
        chosen = glued_tails(self.res, text, chosen)
        chosen = names_read_as_places(self.res, text, chosen)
        chosen = editions_of_known_events(text, chosen)
        chosen = storms_and_weapons(text, chosen)
        chosen = joined_transliterations(self.res, text, chosen)
        chosen = features_read_as_names(text, chosen)
        chosen = function_word_names(self.res, text, chosen)  # 快于 | 城镇, 服务于超 | 220个
        chosen = repeated_names(self.res, text, chosen, starts)  # 韩正 | 在河北: a person named before
        chosen = self.inner.add(text, chosen, starts)  # 杭州 in 二十国集团领导人杭州峰会
        sent_starts = [s.start for s in sentences]
        not_entities = self.res.not_entities
        names = self._names
        out = []
        for c in chosen:
            surface = text[c.start : c.end]
            if surface in not_entities:
                continue
            k = bisect_right(sent_starts, c.start) - 1
            si = sentences[k].index if k >= 0 else 0
            out.append(Mention(c.start, c.end, surface, c.type, si, c.rule, c.name or names(surface), c.ref))
        return out
