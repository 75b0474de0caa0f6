"""Bodies by suffix: names made of a body of tokens before a name suffix (…有限公司,
晋中市委, …座谈会). Where the body starts is the hard part: it must be a name (proper
words, a place, a distinctive word), not the ordinary words or the verb before it: the
leftward walk over the body's tokens is ``kg.extract.body_walk``, the finish of the name
(trimmed, checked, its nested names) ``kg.extract.body_parts``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from itertools import pairwise

import ahocorasick_rs

from kg.extract.body_checks import country_names_company, event_parts, first_proper, generic_run, no_name
from kg.extract.body_parts import PlacesByEnd, after_preposition, is_country, trim_leading
from kg.extract.body_walk import BodyWalk, Walk
from kg.extract.body_words import (
    ACTOR_HEADS,
    BRACKET_AFTER,
    BRANCH_PARENT,
    BRANCH_SUFFIXES,
    COMPANY_WORD,
    EVENT_GOVERNING_VERBS,
    FIRST_OF_KIND,
    LINE_NOT_IN,
    LINE_OPENERS,
    LINE_PREPOSITIONS,
    LINE_SUFFIXES,
    MILITARY_BODY,
    MISSION_SUFFIXES,
    NATIONAL_TEAMS,
    NATIONAL_VENUES,
    OFFICE_SUFFIXES,
    PLANNED_AFTER,
    PROJECT_HEADS,
    PROPER_POS,
    ROAD_SUFFIXES,
    SOCIETY_SUFFIXES,
    SUB_UNIT_SUFFIXES,
    TEAM_SUFFIXES,
    VERB_SUFFIX_WORDS,
    WORKS_KINDS,
    kind_of_company,
)
from kg.extract.candidates import CJK, Candidate, NameChecks, not_before_suffix, set_phrase
from kg.extract.offices import STATE_OFFICE_SUFFIXES, state_office
from kg.extract.segment import Tokens
from kg.extract.teams import TeamNames
from kg.resources import LexEntry, Resources, SuffixRule

#: Words after a meeting's name that make it the name of an institution (人民代表大会制度,
#: 职工代表大会制度): the system, no meeting held.
INSTITUTION_WORDS = ("制度", "体制")
#: Name suffixes that are also verbs (计划: "to plan"): after a planner's name and before a
#: predicate, the verb, not a plan's name (浙江计划以扩大中等收入群体为…).
VERB_SUFFIXES = frozenset({"计划"})
#: A count of people or groups (18个, 3万多名, 数百支) right after a word.
COUNT_AFTER = re.compile(r"[\d０-９一二三四五六七八九十百千万两几多数余]+(?:多|余)?(?:个|名|支|批|位|家|人)")
#: First letters of the tags of a predicate's first word: verb, preposition, adverb, time.
PREDICATE_TAGS = frozenset("vpdt")
#: Suffixes of newspapers: a paper's name the segmenter keeps whole and tags as a name is
#: a name, whatever its body (新华日报: 新华 is no place).
PAPER_SUFFIXES = frozenset({"日报", "晚报", "时报", "都市报", "青年报", "商报", "晨报", "体育报", "足球报"})
#: Programme suffixes that, after a state's or a body's name alone, say what it does or plans
#: (以色列行动, 俄军计划) rather than name a programme (健康中国行动 has more before it).
ACTOR_SUFFIXES = frozenset({"行动", "计划", "战略", "倡议", "规划"})


class BodyFinder(BodyWalk, TeamNames):
    """The suffix grammar; ``body_forms``/``body_matcher`` find the lexicon's named bodies
    (the finder builds them once and looks them up inside events as well)."""

    def __init__(self, res: Resources, checks: NameChecks, body_forms: Sequence[tuple[str, LexEntry]], body_matcher: ahocorasick_rs.AhoCorasick):
        self.res = res
        self.checks = checks
        self._body_forms = body_forms
        self._body_matcher = body_matcher
        self._suffix_last = frozenset(r.suffix[-1] for r in res.suffixes)
        self._titles = res.title_set
        self.org_suffixes = tuple(r.suffix for r in res.suffixes if r.type == "Organization")
        # suffixes of bodies and companies by their first two characters, longest first, for
        # a suffix the segmenter glued to the title after it (劳拉公司总裁)
        self._glued_by_head: dict[str, tuple[str, ...]] = {}
        for r in sorted(res.suffixes, key=lambda r: -len(r.suffix)):
            if len(r.suffix) >= 2 and r.body != "place" and r.type in ("Organization", "Enterprise"):
                self._glued_by_head[r.suffix[:2]] = (*self._glued_by_head.get(r.suffix[:2], ()), r.suffix)
        self.company_suffixes = tuple(r.suffix for r in res.suffixes if r.type == "Enterprise" and len(r.suffix) >= 2)
        #: the suffixes of bodies and of companies, which end a parent body's name
        self.body_suffixes = self.org_suffixes + self.company_suffixes
        # suffixes read after a place (晋中市委), the first of a suffix's rules, looked up
        # longest first
        self._place_rules: dict[str, SuffixRule] = {}
        for r in res.suffixes:
            if r.body == "place":
                self._place_rules.setdefault(r.suffix, r)
        self._place_suffix_lengths = sorted({len(x) for x in self._place_rules}, reverse=True)
        self._place_suffix_first = frozenset(x[0] for x in self._place_rules)
        # the lengths of the suffixes ending with each character, longest first: the only
        # lengths worth looking up at a token that ends with it
        lengths: dict[str, set[int]] = {}
        for sfx in res.suffix_map:
            lengths.setdefault(sfx[-1], set()).add(len(sfx))
        self._lengths_by_last = {ch: sorted(ls, reverse=True) for ch, ls in lengths.items()}
        #: of each word met, what ``suffixes`` asks of the word alone (``_word_plan``)
        self._plans: dict[str, tuple[bool, tuple[str, ...], tuple[int, ...] | None]] = {}
        #: the word class of the tokens ``suffixes`` reads (the others fail all of its tests),
        #: asked once a word by the pattern engine (``PatternDoc.where``)
        self.anchors = {"may-end-body": self._may_end_body}

    def _may_end_body(self, word: str) -> bool:
        """``suffixes`` has a test that ``word`` can pass: it ends with a suffix's last
        character, is a title holding a body (财政部长) or a suffix glued to a title."""
        if word[-1:] in self._suffix_last:
            return True
        if len(word) >= 2 and word[-1] == "长" and word[-2] in "部局厅署":
            return True
        return any(
            word.startswith(sfx) and len(word) > len(sfx) and self.checks.is_title_word(word[len(sfx) :])
            for sfx in self._glued_by_head.get(word[:2], ())
        )

    def _word_plan(self, word: str) -> tuple[bool, tuple[str, ...], tuple[int, ...] | None]:
        """What ``suffixes`` reads off a token's word alone, found once a word and kept:
        whether it may be a title holding a body's name (财政部长: …部 + 长),
        the suffixes that may be glued to a title in it (劳拉公司总裁), and the suffix lengths
        worth trying at it, longest first (None when it ends with no suffix's last
        character): a suffix longer than the word reaches into the text before it and is
        looked up there; of the others, only those the word ends with that are no place
        suffixes."""
        plan = self._plans.get(word)
        if plan is None:
            n = len(word)
            # …部 + 长, …局 + 长: not a doubled character (部部长), and a longer word not one
            # of the titles
            title_body = (
                n >= 2 and word[-1] == "长" and word[-2] in "部局厅署" and (n == 2 or word[-3] != word[-2]) and (n == 2 or word not in self._titles)
            )
            tries = None
            if word[-1] in self._suffix_last:
                smap = self.res.suffix_map
                tries = tuple(L for L in self._lengths_by_last[word[-1]] if L > n or (word[-L:] in smap and smap[word[-L:]].body != "place"))
            plan = (title_body, self._glued_by_head.get(word[:2], ()), tries)
            if len(self._plans) >= 200_000:
                self._plans.clear()  # bounded memory on a corpus of many distinct words
            self._plans[word] = plan
        return plan

    def suffixes(self, text: str, tokens: Tokens, places: dict[int, list[Candidate]], at: Sequence[int]) -> list[Candidate]:
        """Names made of a body and a suffix (…有限公司, 晋中市委, …座谈会); ``at`` are the
        tokens of class may-end-body. The tokens are read off their lists (``Tokens``): a
        ``Token`` is made only for the few the walk over a body reads."""
        res = self.res
        words, tags, starts = tokens.words, tokens.tags, tokens.starts
        smap = res.suffix_map
        places = PlacesByEnd(places)  # and where they start, for the body's tests
        out = []
        # bodies of a place + a government suffix: 晋中市委, 榆社县人民政府. Found from the
        # place's end, as the segmenter may glue the suffix to what follows (委书记).
        place_rules = self._place_rules
        lengths = self._place_suffix_lengths
        done_ends = set()
        for end, cands in places.items():
            if text[end : end + 1] not in self._place_suffix_first:
                continue  # most places are followed by no such suffix: none of its lengths is looked up
            best = min(cands, key=lambda c: c.start)
            for n in lengths:
                rule = place_rules.get(text[end : end + n])
                if rule is not None:
                    if rule.suffix == "委" and text[end - 1] not in "省市县区州":
                        continue
                    e = end + len(rule.suffix)
                    begin = best.start
                    for party in ("中国共产党", "中共"):
                        if text.startswith(party, begin - len(party)):
                            begin -= len(party)  # 中共监利县委: the party's name opens the body's
                            break
                    sender = None
                    if rule.suffix in MISSION_SUFFIXES and text[begin - 1 : begin] == "驻":
                        # 中国驻洛杉矶总领事馆: the mission is the sending state's, named before
                        # 驻; with none named (我驻英国使馆) the host names no mission
                        sender = min(places.get(begin - 1, ()), key=lambda c: c.start, default=None)
                        if sender is None:
                            break
                        begin = sender.start
                    out.append(Candidate(begin, e, rule.type, f"suffix:{rule.suffix}", 2))
                    if rule.type != "Place":  # 胶州湾 is one place; 晋中市委 holds 晋中市
                        out.append(replace(best, rule="nested-place", priority=0))
                        if sender is not None:
                            out.append(replace(sender, rule="nested-place", priority=0))
                    done_ends.add(e)
                    break
        plans, word_plan = self._plans, self._word_plan
        for i in at:
            w = word = words[i]
            e = tokens.ends[i]
            title_body, glued, tries = plans.get(word) or word_plan(word)
            if title_body:
                # 美国财政部长鲁宾, 委内瑞拉能矿部长: the title holds the body's name (…部 + 长)
                rule = smap.get(w[-2])
                prev_is_body = i > 0 and words[i - 1].endswith(self.org_suffixes)
                if rule is not None and not prev_is_body:
                    cand = self._body(text, tokens, i, e - 2, rule, places, end=e - 1)
                    # the body must open with a place (委内瑞拉能矿部长), not be a person (姚保国局长)
                    if cand and any(c.start == cand[0].start for k in range(cand[0].start + 1, cand[0].end) for c in places.get(k, ())):
                        out.extend(cand)
            for sfx in glued:
                if word.startswith(sfx) and len(word) > len(sfx) and self.checks.is_title_word(word[len(sfx) :]) and i > 0:
                    # 劳拉公司总裁: the segmenter glued the suffix to the title after it
                    cand = self._body(text, tokens, i, starts[i], smap[sfx], places, end=starts[i] + len(sfx))
                    if cand is not None:
                        out.extend(cand)
                    break
            if tries is None:
                continue  # the word ends with no suffix's last character
            # the suffix may be the end of this token or span several tokens
            for L in tries:
                if L > e:
                    continue
                sfx = text[e - L : e]
                rule = smap.get(sfx)
                if rule is None or rule.body == "place":
                    continue
                if rule.compounds and text.startswith(rule.compounds, e):
                    break  # 战略 | 伙伴: the suffix modifies the word after it, no name ends here
                if sfx in VERB_SUFFIX_WORDS and word == sfx and i > 0 and self._does_it(tokens[i - 1], places):
                    break  # 赵国霖 | 组织, 栾城县 | 组织, …记者中心 | 组织: the verb after who does it
                if (
                    L < len(word)
                    and tags[i] in PROPER_POS
                    and L + 2 <= len(word)
                    # 伊朗队, 中国女排: a country's team is a frequent word, still a name
                    and (
                        res.dictionary.get(word, (0, ""))[0] < 50
                        or (rule.suffix in TEAM_SUFFIXES and word[:-L] in res.place_forms)
                    )
                ):
                    # 龙井村: a name the segmenter kept whole, suffix included
                    rule_ok = (
                        rule.type == "Place"
                        and not set_phrase(word)  # 港人治港: an idiom, no port
                        and (
                            (tags[i] == "ns" and rule.suffix not in ROAD_SUFFIXES)
                            or (tags[i] == "nr" and rule.suffix in ("村", "镇", "乡", "寺", "港", "街道", "古城", "广场"))
                            or (tags[i] == "nz" and rule.suffix in ("村", "镇", "乡"))  # 三桥村/nz
                        )
                        and not not_before_suffix(word, len(word) - L - 1, rule.suffix)
                        # 黎明村/nr: a common word opens a settlement's name the tagger files as a name
                        and (not res.common_word(word[:-L], 100) or (tags[i] == "nr" and res.dictionary.get(word, (0, "nr"))[1][:2] in ("nr", "nz")))
                    ) or (
                        # 湖南日报, 成都日报: a place's paper or station the dictionary keeps
                        # whole; after a name (香港 + 中国新闻社) the body reads on leftwards
                        rule.type == "Organization"
                        and (word[:-L] in res.place_forms or (rule.suffix in PAPER_SUFFIXES and tags[i] in ("nz", "nt")))
                        and (i == 0 or tags[i - 1] not in PROPER_POS)
                    )
                    if rule_ok and rule.body != "place":
                        out.append(Candidate(starts[i], e, rule.type, f"suffix:{rule.suffix}", 2))
                        break
                sfx_start = e - L
                if L < len(word) and word in res.dictionary and word not in smap:
                    head = res.dictionary.get(word[: len(word) - L], (0, ""))[1]
                    if rule.type == "Event" and word[: len(word) - L] in EVENT_GOVERNING_VERBS:
                        break  # 列席会议, 出席会议: the verb and the meeting it takes, no name
                    if rule.suffix == "厂" and len(word) == 2 and res.dictionary.get(word[0], (0, ""))[1].startswith("v"):
                        break  # 建厂, 设厂, 办厂: building or running a factory (在上海建厂), no name
                    if rule.suffix == "厂" and res.dictionary.get(word, (0, ""))[1] == "n" and i > 0:
                        # 处理厂, 加工厂: a kind of factory; the name is the proper words before
                        # it (济南污水处理厂)
                        cand = self._body(text, tokens, i, starts[i], rule, places)
                        if cand is not None and cand[0].start < starts[i]:
                            out.extend(cand)
                        break
                    if (head.startswith("v") and rule.type != "Organization") or not_before_suffix(text, e - L - 1, rule.suffix):
                        # 干部, 内部, 主持会议, 上市公司: the suffix ends an ordinary word
                        continue
                    if res.common_word(word, 50):
                        if rule.type == "Enterprise" and i > 0 and is_country(tokens[i - 1], places):
                            # 古巴航空公司, 英国石油公司: a kind of company after a country is
                            # that country's company (the country is a place of its own too)
                            prev = tokens[i - 1]
                            country = next(c for c in places[prev.end] if c.start == prev.start)
                            out.append(Candidate(prev.start, e, rule.type, f"suffix:{rule.suffix}", 2))
                            out.append(replace(country, rule="nested-place", priority=0))
                            break
                        if rule.type != "Organization" or rule.body != "proper" or starts[i] == 0 or rule.suffix not in OFFICE_SUFFIXES:
                            continue
                        # 警察局, 公安局: a kind of body; the name is the proper words before it
                        # (巴西联邦警察局, 北京市公安局)
                        sfx_start = starts[i]
                cand = self._body(text, tokens, i, sfx_start, rule, places)
                if cand is not None:
                    out.extend(cand)
                    break
        return out

    def _body(self, text, tokens, i, sfx_start, rule, places, end: int | None = None) -> list[Candidate] | None:
        """The name whose suffix ``rule`` starts at ``sfx_start`` in ``tokens[i]`` (and ends at
        ``end``, or with the token): the candidate and the names kept inside it, or None.

        A place's body is the place before the suffix; any other body is read leftwards a
        token at a time (``_walk_left``) and then trimmed and checked (``_named_body``).
        """
        e = tokens.ends[i] if end is None else end
        if rule.type == "Place" and tokens.starts[i] < sfx_start and any(c.start == tokens.starts[i] and c.rule == "gazetteer" for c in places.get(e, ())):
            # 山东青岛, 江西萍乡: the suffix ends the word of a city or county of the gazetteer,
            # which is the name (a site of the lexicon keeps its city: 北京国家体育场)
            return None
        if rule.body == "place":
            return self._place_body(text, sfx_start, e, rule, places)
        if rule.suffix in TEAM_SUFFIXES:
            # 巴西队, 印尼女队: a team named after its country or city is that place plus
            # the suffix; what comes before (卫冕冠军, a score: 以2∶1力克) is not in the name
            home = min(places.get(sfx_start, ()), key=lambda c: c.start, default=None)
            if home is not None:
                return [Candidate(home.start, e, rule.type, f"suffix:{rule.suffix}", 2)]
        walk = self._walk_left(text, tokens, i, sfx_start, e, rule, places)
        return self._named_body(text, tokens, i, sfx_start, e, rule, places, walk)

    @staticmethod
    def _place_body(text, sfx_start, e, rule, places) -> list[Candidate] | None:
        """晋中市委, 榆社县人民政府: the earliest-starting place that ends at the suffix, kept
        inside the body's name as a place of its own."""
        best = None
        for c in places.get(sfx_start, ()):
            if best is None or c.start < best.start:
                best = c
        if best is None:
            return None
        if rule.suffix == "委" and text[sfx_start - 1] not in "省市县区州":
            return None
        org = Candidate(best.start, e, rule.type, f"suffix:{rule.suffix}", 2)
        if rule.type == "Place":
            return [org]  # 胶州湾 is one place; 晋中市委 holds 晋中市
        nested = replace(best, rule="nested-place", priority=0)
        return [org, nested]

    def _named_body(self, text, tokens, i, sfx_start, e, rule, places, walk: Walk) -> list[Candidate] | None:
        """The body the walk read, trimmed of what opens no name and checked: a name, or None."""
        start, j = walk.start, walk.j
        nested_country = walk.nested
        if walk.quotes:
            start = walk.rollback  # ”山西省工业和信息化厅: the quote closes something before the name
        if start == sfx_start and len(rule.suffix) == 1:
            return None
        if sfx_start > 0 and not_before_suffix(text, sfx_start - 1, rule.suffix):
            return None
        if rule.suffix in SUB_UNIT_SUFFIXES and COMPANY_WORD.search(text, start, sfx_start):
            return None  # 太原重工技术中心: a company's sub-unit is not an entity (GUIDELINES)
        typ = rule.type
        if rule.suffix in BRANCH_SUFFIXES:
            typ = self._branch_type(text, start, sfx_start, rule)
            if typ is None:
                return None
        start = trim_leading(text, start, sfx_start, rule)
        if typ == "Initiative":
            # 陕北革命老区首条高铁, 西南地区首个特高压交流工程: what comes before "the first"
            # says where it is first; the name, if any, follows
            start = max([start] + [k + 2 for k in (text.rfind(w, start, sfx_start) for w in FIRST_OF_KIND) if k >= 0])
        cut = after_preposition(self.res, tokens, start, sfx_start)
        start, after_prep = (trim_leading(text, cut, sfx_start, rule), True) if cut != start else (start, False)
        termini = self._line_termini(text, sfx_start) if rule.suffix in LINE_SUFFIXES else None
        if termini is not None:
            start = termini
        body = text[start:sfx_start]
        if len(body) < rule.min_body:
            return None
        after_country = rule.type in ("Enterprise", "Organization") and walk.stopped_at_country is not None and walk.stopped_at_country.end == start
        # 国家会展中心, 国家大剧院: the nation's own venue or team (国家男篮; 国家公园, 国家革命老区 are kinds)
        national_site = body == "国家" and rule.suffix in (NATIONAL_VENUES if typ == "Place" else NATIONAL_TEAMS)
        if (body in self.res.not_entities and not after_country and not national_site) or text[start:e] in self.res.not_entities:
            return None  # (泰国 | 国家银行: a kind after a country may name the country's own)
        if typ == "Initiative" and rule.suffix in ("行动", "计划") and MILITARY_BODY.search(text, start, sfx_start):
            return None  # 俄军进攻计划, 以色列回应行动: an army's operations, no programme
        if typ == "Initiative" and rule.suffix in ACTOR_SUFFIXES and self._actor(body):
            return None  # 伊朗行动, 俄军计划: what a state or an army does or plans, no programme
        first = first_proper(self.res, tokens, max(j, 0), i, start, sfx_start, places)
        if first is None and rule.suffix in SOCIETY_SUFFIXES and text.startswith("国际", start) and sfx_start - start > 2:
            first = start  # 国际雪车联合会, 国际冬季两项联盟: an international federation's name
        trim = rule.body == "proper" or (rule.body == "phrase" and rule.type in ("Initiative", "Place"))
        if trim and not after_prep and first is not None and first > start and generic_run(self.res, tokens, j, i, start, first):
            # 项目落户运城经济技术开发区: common words before the first proper word are
            # not part of the name
            start = first
        if country_names_company(self.res, text, tokens, i, j, start, sfx_start, rule, first, walk.stopped_at_country):
            # 英国石油公司, 古巴航空公司: with only common words after it, the country is
            # part of the company's name (and a place of its own)
            country = next(c for c in places[walk.stopped_at_country.end] if c.start == walk.stopped_at_country.start)
            nested_country.append(replace(country, rule="nested-place", priority=0))
            start = first = walk.stopped_at_country.start
        if rule.suffix in STATE_OFFICE_SUFFIXES:
            inside = state_office(self.res, text, tokens, j, start, sfx_start, places, self.org_suffixes)
            if inside is None:
                return None  # 刘延宇办公室, …公司智能化矿井建设办公室: a person's or a company's office
            nested_country += inside  # 台湾 of 中央台湾工作办公室, 中国载人航天工程 of its office
        if typ == "Initiative" and text.endswith(("重点", "重大", "相关", "有关"), start, sfx_start):
            known = text[start : sfx_start - 2].strip("“”\"")
            if known in self.res.lexicon_forms:
                # “西电东送”重点工程, “一带一路”重大项目, “十五五”相关规划: the known
                # programme's works or plans
                return None
        kind = next((k for k in WORKS_KINDS if text.endswith(k, start, sfx_start)), None) if rule.suffix in ("工程", "项目") else None
        if kind and (start == sfx_start - len(kind) or text[start : sfx_start - len(kind)] in self.res.place_forms):
            return None  # 福建省重点工程, 深圳配套工程: a place's kind of works, no project's name
        if rule.suffix == "项目":
            start = max(start, text.rfind("暨", start, sfx_start) + 1)  # 光伏暨…产业园项目: two items
            if not text.endswith(PROJECT_HEADS, start, sfx_start) or text.startswith("年产", start):
                # 重点项目, 冬奥会雪上项目: a kind of project or a sport's discipline; a
                # capacity (年产50万台…基地项目) is the middle of a name cut at 及
                return None
        if typ == "Initiative" and rule.suffix in ACTOR_SUFFIXES and self._actor(text[start:sfx_start]):
            return None  # 多方批评 | 以色列行动: the actor once the words before it are trimmed
        if termini is None and no_name(self.res, text, tokens, i, j, start, sfx_start, rule, places, body, first):
            return None
        if rule.suffix in VERB_SUFFIXES and self._verb_reading(text, tokens, i, j, start, sfx_start, e, places):
            return None
        if rule.suffix == "组织" and COUNT_AFTER.match(text, e) and any(c.start == start for c in places.get(sfx_start, ())):
            return None  # 河南组织18个专家组, 怀化组织3万多名党员: a place organises a count of people
        if rule.suffix == "规划" and text.startswith(PLANNED_AFTER, e):
            return None  # 雄安新区规划建设, 综保区规划面积: planned (to build), no plan's name
        if typ == "Event" and text.startswith(INSTITUTION_WORDS, e):
            return None  # 完善人民代表大会制度: the system of such meetings, no meeting
        if typ == "Enterprise" and kind_of_company(text[start : sfx_start - (rule.suffix == "厂" and text[start:sfx_start].endswith("工"))], self.res.industry_words):
            return None  # 信托公司, 各大拍卖公司, 10余家银行, 黑灯工厂 (the kind before 工厂): a kind or a count of companies
        if typ == "Enterprise" and text[e : e + 1] in "(（":
            m = BRACKET_AFTER.match(text, e)
            if m and any(c.start == m.start(1) for c in places.get(m.end(1), ())):
                e = m.end()  # 大众汽车集团(中国): the country of a group's arm is in its name
        if typ == "Event":
            e = event_parts(self.res, text, tokens, i, j, start, e, places, nested_country, f"suffix:{rule.suffix}")
        main = Candidate(start, e, typ, f"suffix:{rule.suffix}", 2 if rule.body != "phrase" else 1)
        return [main, *(c for c in nested_country if c.start >= start)]

    def _line_termini(self, text: str, sfx_start: int) -> int | None:
        """Where a line named by its termini's one-character abbreviations starts (长邯聊高铁,
        的太绥高铁), or None: the segmenter cuts and tags those characters at random (长/a,
        太/d), so the body's tests see no name. Two to four Chinese characters right after a
        list mark, a clause mark, an opening quote or 的, holding no word of the dictionary
        (我国高铁, 其中高铁 are no names)."""
        k = sfx_start
        while k > 0 and sfx_start - k < 5 and CJK.match(text[k - 1]) and text[k - 1] not in LINE_OPENERS:
            k -= 1
        if not 2 <= sfx_start - k <= 4 or (k > 0 and text[k - 1] not in LINE_OPENERS):
            return None
        if text[k] in LINE_PREPOSITIONS and sfx_start - k >= 3:
            k += 1  # 为弥蒙高铁: a preposition before the name
        body = text[k:sfx_start]
        if any(ch in LINE_NOT_IN for ch in body) or any(a == b for a, b in pairwise(body)):
            return None  # 银西等高铁, 市市通高铁: a list's 等, a slogan's doubled word
        words = self.res.dictionary
        if any(words.get(body[a:b], (0, ""))[0] > 50 for a in range(len(body)) for b in range(a + 2, len(body) + 1)):
            return None
        return k

    def _actor(self, body: str) -> bool:
        """Whether ``body`` is a place's or a body's name alone (伊朗, 俄军, 伊朗政府), not a
        programme's."""
        entry = self.res.lexicon_forms.get(body)
        if body in self.res.place_forms or (entry is not None and entry.type != "Initiative"):
            return True
        # 伊朗政府计划, 以色列军方行动: a state's government or army
        return any(body.endswith(w) and body[: -len(w)] in self.res.place_forms for w in ACTOR_HEADS)

    def _verb_reading(self, text, tokens, i, j, start, sfx_start, e, places) -> bool:
        """True when a suffix that is also a verb (计划, "plans") is the predicate of the
        name before it: a predicate follows (浙江计划以…, 美国计划将…, 柳工计划发往…,
        工业和信息化部计划今年…) and the body is a name and common words only, nothing
        that names a programme (新时代基础教育强师计划启动 keeps its 强师)."""
        tags = tokens.tags
        k = i + 1
        if k >= len(tokens) or tokens.starts[k] != e:
            return False  # 计划 glued to what follows, or the text ends: no predicate
        if tags[k][:1] not in PREDICATE_TAGS:
            return False  # 计划，/ 计划”/ 计划资金 / 计划“科技冬奥”: the plan's own name ends here
        for t in tokens[max(j, 0) : i + 1]:
            if t.end <= start or t.start >= sfx_start:
                continue
            if t.pos in PROPER_POS or t.pos[:1] in ("m", "t") or t.start in places.starts:
                continue  # 浙江, 内蒙古, 2022年: the planner and when
            if not self.res.common_word(t.text, 100):
                return False  # 强师, 振兴: a word that names the plan
        return True

    def _branch_type(self, text, start, sfx_start, rule) -> str | None:
        """光大银行宁波市分行, 农行珞狮路支行: a branch is named after its bank or company and
        has its type; 该行深圳分行 names none (None). A branch of a state body is one too
        (人民银行…中心支行)."""
        parent = next(
            (self._body_forms[idx][1] for idx, _s, _e in self._body_matcher.find_matches_as_indexes(text[start:sfx_start])),
            None,
        )
        if parent is None and not BRANCH_PARENT.search(text, start, sfx_start):
            return None
        return parent.type if parent is not None else rule.type
