"""Bodies by suffix: names made of a body of tokens before a name suffix (…有限公司,
晋中市委, …座谈会). Where the body starts is the hard part: it must be a name (proper
words, a place, a distinctive word), not the ordinary words or the verb before it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import ahocorasick_rs

from kg.extract.body_parts import (
    BRACKET_AFTER,
    BRANCH_PARENT,
    BRANCH_SUFFIXES,
    COMPANY_WORD,
    DASH_JOINERS,
    DATE_TOKEN,
    EDITION_BEFORE,
    EVENT_GOVERNING_VERBS,
    FULL_DATE,
    GENERIC_PROJECT_WORDS,
    INITIATIVE_STOP_WORDS,
    LEADING_DATE,
    LEADING_TRIM,
    LOCAL_PLACE_SUFFIXES,
    NOMINAL_POS,
    NUMERAL_CLASSIFIER,
    OBJECT_VERBS,
    OFFICE_SUFFIXES,
    PHRASE_STOP_POS,
    PHRASE_STOP_WORDS,
    PROJECT_BEFORE_CEREMONY,
    PROPER_POS,
    PROPER_PREFIXES,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    ROAD_SUFFIXES,
    STATE_BODY_SUFFIXES,
    SUB_EVENT,
    SUB_UNIT_SUFFIXES,
    TEAM_SUFFIXES,
    bracket_open,
    complete_after_host,
    distinctive,
    first_proper,
    generic_run,
    is_country,
    is_division,
    joined_by_dash,
    starts_place,
)
from kg.extract.candidates import (
    BRACKET_INSIDE,
    CJK,
    NAME_JOINERS,
    NOT_BEFORE_SUFFIX,
    PERSON_POS,
    Candidate,
    NameChecks,
    all_common,
)
from kg.model import Token
from kg.resources import LexEntry, Resources


class BodyFinder:
    """The suffix grammar; ``body_forms``/``body_matcher`` find the lexicon's named bodies
    (the finder builds them once and looks them up inside events as well)."""

    def __init__(self, res: Resources, checks: NameChecks, body_forms: Sequence[tuple[str, LexEntry]], body_matcher: ahocorasick_rs.AhoCorasick):
        self.res = res
        self.checks = checks
        self._body_forms = body_forms
        self._body_matcher = body_matcher
        self._suffix_last = frozenset(r.suffix[-1] for r in res.suffixes)
        self.org_suffixes = tuple(r.suffix for r in res.suffixes if r.type == "Organization")
        # suffixes of bodies and companies by their first two characters, longest first, for
        # a suffix the segmenter glued to the title after it (劳拉公司总裁)
        self._glued_by_head: dict[str, tuple[str, ...]] = {}
        for r in sorted(res.suffixes, key=lambda r: -len(r.suffix)):
            if len(r.suffix) >= 2 and r.body != "place" and r.type in ("Organization", "Enterprise"):
                self._glued_by_head[r.suffix[:2]] = (*self._glued_by_head.get(r.suffix[:2], ()), r.suffix)
        self.company_suffixes = tuple(r.suffix for r in res.suffixes if r.type == "Enterprise" and len(r.suffix) >= 2)

    def suffixes(self, text: str, tokens: Sequence[Token], places: dict[int, list[Candidate]]) -> list[Candidate]:
        """Names made of a body and a suffix (…有限公司, 晋中市委, …座谈会)."""
        res = self.res
        smap = res.suffix_map
        maxlen = res.max_suffix
        out = []
        # bodies of a place + a government suffix: 晋中市委, 榆社县人民政府. Found from the
        # place's end, as the segmenter may glue the suffix to what follows (委书记).
        place_rules = [r for r in res.suffixes if r.body == "place"]
        place_rules.sort(key=lambda r: -len(r.suffix))
        done_ends = set()
        for end, cands in places.items():
            best = min(cands, key=lambda c: c.start)
            for rule in place_rules:
                if text.startswith(rule.suffix, end):
                    if rule.suffix == "委" and text[end - 1] not in "省市县区州":
                        continue
                    e = end + len(rule.suffix)
                    begin = best.start
                    for party in ("中国共产党", "中共"):
                        if text.startswith(party, begin - len(party)):
                            begin -= len(party)  # 中共监利县委: the party's name opens the body's
                            break
                    out.append(Candidate(begin, e, rule.type, f"suffix:{rule.suffix}", 2))
                    out.append(replace(best, rule="nested-place", priority=0))
                    done_ends.add(e)
                    break
        last_chars = self._suffix_last
        for i, tok in enumerate(tokens):
            w = tok.text
            if len(w) >= 2 and w[-1] == "长" and w[-2] in "部局厅署" and (len(w) == 2 or w[-3] != w[-2]) and (
                len(w) == 2 or w not in self.res.titles
            ):
                # 美国财政部长鲁宾, 委内瑞拉能矿部长: the title holds the body's name (…部 + 长)
                rule = smap.get(w[-2])
                prev_is_body = i > 0 and any(tokens[i - 1].text.endswith(x) for x in self.org_suffixes)
                if rule is not None and not prev_is_body:
                    cand = self._body(text, tokens, i, tok.end - 2, rule, places, end=tok.end - 1)
                    # the body must open with a place (委内瑞拉能矿部长), not be a person (姚保国局长)
                    if cand and any(c.start == cand[0].start for k in range(cand[0].start + 1, cand[0].end) for c in places.get(k, ())):
                        out.extend(cand)
            e = tok.end
            word = tok.text
            for sfx in self._glued_by_head.get(word[:2], ()):
                if word.startswith(sfx) and len(word) > len(sfx) and self.checks.is_title_word(word[len(sfx) :]) and i > 0:
                    # 劳拉公司总裁: the segmenter glued the suffix to the title after it
                    cand = self._body(text, tokens, i, tok.start, smap[sfx], places, end=tok.start + len(sfx))
                    if cand is not None:
                        out.extend(cand)
                    break
            if word[-1] not in last_chars:
                continue
            # the suffix may be the end of this token or span several tokens
            for L in range(min(maxlen, e), 0, -1):
                sfx = text[e - L : e]
                rule = smap.get(sfx)
                if rule is None or rule.body == "place":
                    continue
                if L < len(word) and tok.pos in PROPER_POS and L + 2 <= len(word) and res.dictionary.get(word, (0, ""))[0] < 50:
                    # 龙井村: a name the segmenter kept whole, suffix included
                    rule_ok = (
                        rule.type == "Place"
                        and (
                            (tok.pos == "ns" and rule.suffix not in ROAD_SUFFIXES)
                            or (tok.pos == "nr" and rule.suffix in ("村", "镇", "乡", "寺", "港", "街道", "古城", "广场"))
                        )
                        and word[-L - 1] not in NOT_BEFORE_SUFFIX.get(rule.suffix, ())
                        and not res.common_word(word[:-L], 100)
                    )
                    if rule_ok and rule.body != "place":
                        out.append(Candidate(tok.start, e, rule.type, f"suffix:{rule.suffix}", 2))
                        break
                sfx_start = e - L
                if L < len(word) and word in res.dictionary and word not in smap:
                    head = res.dictionary.get(word[: len(word) - L], (0, ""))[1]
                    if rule.suffix == "厂" and res.dictionary.get(word, (0, ""))[1] == "n" and i > 0:
                        # 处理厂, 加工厂: a kind of factory; the name is the proper words before
                        # it (济南污水处理厂)
                        cand = self._body(text, tokens, i, tok.start, rule, places)
                        if cand is not None and cand[0].start < tok.start:
                            out.extend(cand)
                        break
                    if (head.startswith("v") and rule.type != "Organization") or text[e - L - 1] in NOT_BEFORE_SUFFIX.get(rule.suffix, ()):
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
                        if rule.type != "Organization" or rule.body != "proper" or tok.start == 0 or rule.suffix not in OFFICE_SUFFIXES:
                            continue
                        # 警察局, 公安局: a kind of body; the name is the proper words before it
                        # (巴西联邦警察局, 北京市公安局)
                        sfx_start = tok.start
                cand = self._body(text, tokens, i, sfx_start, rule, places)
                if cand is not None:
                    out.extend(cand)
                    break
        return out

    def _body(self, text, tokens, i, sfx_start, rule, places, end: int | None = None) -> list[Candidate] | None:
        e = tokens[i].end if end is None else end
        if rule.body == "place":
            best = None
            for c in places.get(sfx_start, ()):
                if best is None or c.start < best.start:
                    best = c
            if best is None:
                return None
            if rule.suffix == "委" and text[sfx_start - 1] not in "省市县区州":
                return None
            org = Candidate(best.start, e, rule.type, f"suffix:{rule.suffix}", 2)
            nested = replace(best, rule="nested-place", priority=0)
            return [org, nested]
        if rule.suffix in TEAM_SUFFIXES:
            # 巴西队, 印尼女队: a team named after its country or city is that place plus
            # the suffix; what comes before (卫冕冠军, a score: 以2∶1力克) is not in the name
            home = min(places.get(sfx_start, ()), key=lambda c: c.start, default=None)
            if home is not None:
                return [Candidate(home.start, e, rule.type, f"suffix:{rule.suffix}", 2)]
        # walk left over tokens
        j = i
        start = sfx_start
        while j >= 0 and tokens[j].start >= sfx_start:
            j -= 1  # the suffix may span tokens (重庆/农/商行)
        if j >= 0 and tokens[j].end > sfx_start:
            start = tokens[j].start  # the token holds part of the body (科技厅 = 科技 + 厅)
            j -= 1
        phrase = rule.body == "phrase"
        stopped_at_country = None
        rollback = start
        nested_country: list[Candidate] = []
        limit = 30 if phrase else 22
        quotes = 0
        while j >= 0:
            t = tokens[j]
            w = t.text
            if e - t.start > limit:
                break
            if w.strip() == "":
                break
            if rule.suffix.endswith("队") and start < sfx_start and text[start].isascii() and t.pos != "eng" and w not in "’'":
                break  # EG战队, Na’Vi战队: a team's Latin name is all of its body
            if w in "’'" and j > 0 and tokens[j - 1].pos == "eng" and j + 1 < len(tokens) and tokens[j + 1].pos == "eng":
                start = t.start  # Na’Vi战队: an apostrophe inside a Latin name
                j -= 1
                continue
            if w in QUOTE_CLOSE or w in QUOTE_OPEN or w in "《》":
                # a quoted part inside a name: “三北”工程
                if w in "”’\"":
                    if quotes == 0:
                        rollback = start  # where the name starts if no opening quote follows
                    quotes += 1
                    start = t.start
                    j -= 1
                    continue
                if w in "“‘" and quotes > 0:
                    quotes -= 1
                    start = t.start
                    j -= 1
                    if quotes == 0 and phrase:
                        # “十五五”规划: a quoted part opens the name (上海 is not in it), but an
                        # edition before it belongs to it (第三届“一带一路”国际合作高峰论坛)
                        ed = EDITION_BEFORE.search(text, max(0, start - 10), start)
                        if ed:
                            start = ed.start()
                        break
                    continue
                break
            if w in NAME_JOINERS and j > 0:
                start = t.start
                j -= 1
                continue
            if w in ")）" and start == t.end:
                k = bracket_open(text, tokens, j, places)
                if k is not None:
                    # 天顺风能(苏州)股份有限公司, 上海均瑶(集团)有限公司, 第四次全体(扩大)会议:
                    # a place or a word of the name's kind in brackets is part of the name
                    start = tokens[k].start
                    j = k - 1
                    continue
            if w in DASH_JOINERS and j > 0 and start == t.end and joined_by_dash(self.res, tokens, j, places):
                # 新加坡—江苏合作理事会, 第14届中国―东盟博览会: a dash between two named
                # parties joins them into one name (the country before it is no modifier)
                start = tokens[j - 1].start
                j -= 2
                continue
            if phrase:
                if w in ("与", "和") and rule.type == "Event" and j > 0 and tokens[j - 1].pos in ("nt", "ns"):
                    # 中国共产党与世界政党高层对话会: two named parties in an event's name
                    start = t.start
                    j -= 1
                    continue
                if t.pos in PHRASE_STOP_POS or w in PHRASE_STOP_WORDS or w in OBJECT_VERBS or t.pos == "x" and not w.isalnum():
                    if w not in ("暨",):
                        break
                if rule.type == "Initiative" and (w in INITIATIVE_STOP_WORDS or w in EVENT_GOVERNING_VERBS):
                    break
                if rule.type == "Event" and (w in EVENT_GOVERNING_VERBS or w[-2:] in EVENT_GOVERNING_VERBS):
                    break  # 认真贯彻中央经济工作会议: the verb governs the name
                if self.checks.title_before(w) or w.endswith("同志"):
                    break  # 负责同志报告工程: a person (a title, 同志) is not in the name
                if (
                    t.pos in ("nr", "nrfg")
                    and j + 1 < len(tokens)
                    and tokens[j + 1].pos.startswith("v")
                    and self.checks.plausible_chinese_name(w, strict=False)
                ):
                    break  # 李政道请大会主席…: a person doing something is not in the name
            else:
                if (self.checks.title_before(w) and j + 1 < len(tokens) and tokens[j + 1].pos in PERSON_POS) or (
                    t.pos in PERSON_POS and j > 0 and self.checks.title_before(tokens[j - 1].text)
                ):
                    break  # 北京博爱医院院长吴弦光代表医院: a title before a name ends the body
                if (
                    w in ("和", "与")
                    and rule.type in ("Organization", "Enterprise")
                    and j > 0
                    and tokens[j - 1].pos in NOMINAL_POS
                    and "eng" not in (tokens[j - 1].pos, tokens[j + 1].pos)  # MYM和EG战队: two teams
                    and start - t.end == 0
                    and not any(tokens[j - 1].text.endswith(x) for x in self.res.suffix_map)
                    and not NUMERAL_CLASSIFIER.match(text, t.end)
                    and text[t.end : e] not in self.res.not_entities
                    and not text.startswith(("多", "各", "几", "等"), t.end)
                    and not starts_place(tokens[j + 1], places)
                ):
                    # 工业和信息化厅, 纺织机械和技术进出口有限公司
                    start = t.start
                    j -= 1
                    continue
                if t.pos == "m" and NUMERAL_CLASSIFIER.fullmatch(w + (tokens[j + 1].text if j + 1 < len(tokens) else "")[:1]):
                    break  # 交通银行五家大型商业银行: a count ends the body
                if (
                    DATE_TOKEN.search(w)
                    or (w[0] in "年月日" and j > 0 and tokens[j - 1].text[-1:].isdigit())
                    or (w == "电" and j > 0 and DATE_TOKEN.search(tokens[j - 1].text))
                ):
                    break  # 新华社北京6月29日电国家计委: a dateline ends the body
                # 裕容 (山西裕容能源): an unknown word the tagger calls a verb; 出战 is a real one
                rare_verb = (
                    t.pos.startswith("v")
                    and len(w) >= 2
                    and (
                        not self.res.dictionary.get(w, (0, "n"))[1].startswith("v")
                        or (rule.body == "nominal" and not self.res.common_word(w, 300))  # 带钢 in a legal name
                    )
                )
                # 必发 (英国必发公司): a word the dictionary does not know, whatever its tag
                unknown = len(w) >= 2 and CJK.match(w) is not None and w not in self.res.dictionary and t.pos not in ("m", "q")
                # 拍卖 (上海天衡拍卖公司): the business a company does is part of its name
                industry = rule.type == "Enterprise" and w in self.res.industry_words
                # 中 (浙江中图实业集团): an unknown trade name the segmenter cut into single
                # characters, the first read as a direction word
                split_name = (
                    t.pos == "f"
                    and len(w) == 1
                    and j + 1 < len(tokens)
                    and tokens[j + 1].start == start
                    and len(tokens[j + 1].text) == 1
                    and tokens[j + 1].pos in NOMINAL_POS
                )
                nominal = t.pos in NOMINAL_POS or rare_verb or unknown or industry or split_name or starts_place(t, places)
                if t.pos == "eng" and j + 1 < len(tokens) and starts_place(tokens[j + 1], places):
                    nominal = False  # RURALCRED陇川县农村信用合作联社: the place opens the name
                if (
                    not nominal
                    and t.pos in ("v", "vn")
                    and rule.type == "Organization"
                    and j > 0
                    and tokens[j - 1].text in PROPER_PREFIXES
                ):
                    nominal = True  # 国家留学基金管理委员会: a verb inside a national body's name
                if not nominal or (w in PHRASE_STOP_WORDS and not industry) or w in OBJECT_VERBS or (t.pos == "x" and not w.isalnum()):
                    break
                if (
                    is_division(t, places)
                    and j + 1 < len(tokens)
                    and complete_after_host(self.res, text, tokens, j, e, sfx_start, places)
                ):
                    # 寿阳县山西新元煤炭有限责任公司: the county modifies a complete name that
                    # opens with its own place; 上海市浙江商会, 宜宾三江新区 keep their host
                    break
                if rule.type != "Enterprise" and w.endswith(("公司", "集团")):
                    break  # 山西中鼎物流集团有限公司铁路港: a company's name ends the body
                if len(w) >= 3 and t.pos in ("nt", "nz") and any(w.endswith(x) for x in self.org_suffixes):
                    break  # 巴西队战胜智利队: a complete name ends the body
                division = is_division(t, places) and sfx_start - t.end >= 2 and rule.type == "Place"
                if division and rule.suffix not in LOCAL_PLACE_SUFFIXES:
                    # 长治八路军文化旅游区, 金乡县国家现代农业产业园: the city is part of a zone's
                    # or park's name (GUIDELINES); a site with its own proper word is named
                    # without it (上海 | 虹口体育馆, 瑞金 | 中央革命根据地纪念馆), 运城航空口岸 with it
                    division = complete_after_host(self.res, text, tokens, j, e, sfx_start, places) or (
                        not rule.suffix.endswith(("区", "园"))
                        and first_proper(self.res, tokens, j + 1, i, t.end, sfx_start, places) is not None
                    )
                if is_country(t, places) and rule.suffix in STATE_BODY_SUFFIXES:
                    # 苏丹卫生部: a state's body keeps the state in its name, which is also
                    # an entity of its own
                    country = next(c for c in places[t.end] if c.start == t.start)
                    nested_country.append(replace(country, rule="nested-place", priority=0))
                elif is_country(t, places) or division:
                    # 希腊比雷埃夫斯港, 印度AMNS公司, 武乡县下庄村: the place is its own entity
                    if is_country(t, places):
                        stopped_at_country = t
                    break
            start = t.start
            j -= 1
            if (
                not phrase
                and rule.type in ("Organization", "Enterprise")
                and is_division(t, places)
                and j >= 0
                and rule.suffix not in BRANCH_SUFFIXES
                and not (
                    tokens[j].pos in PROPER_POS
                    or tokens[j].text in PROPER_PREFIXES
                    or tokens[j].text in NAME_JOINERS
                    or tokens[j].text in DASH_JOINERS
                    or any(c.start == tokens[j].start for c in places.get(tokens[j].end, ()))
                    or tokens[j].text.endswith(self.org_suffixes + self.company_suffixes)
                )
            ):
                # 走马上任吉林省戏曲学校, 大家共庆杭州市永嘉商会: the place opens the name; only a
                # place (河南省郑州市…), 中国, another proper word, a joiner (新加坡—江苏…) or a
                # parent body (北京吉林企业商会松原市商会) may come before it
                break
        if quotes:
            start = rollback  # ”山西省工业和信息化厅: the quote closes something before the name
        if start == sfx_start and len(rule.suffix) == 1:
            return None
        if sfx_start > 0 and rule.suffix in NOT_BEFORE_SUFFIX and text[sfx_start - 1] in NOT_BEFORE_SUFFIX[rule.suffix]:
            return None
        if rule.suffix in SUB_UNIT_SUFFIXES and COMPANY_WORD.search(text, start, sfx_start):
            return None  # 太原重工技术中心: a company's sub-unit is not an entity (GUIDELINES)
        typ = rule.type
        if rule.suffix in BRANCH_SUFFIXES:
            # 光大银行宁波市分行, 农行珞狮路支行: a branch is named after its bank or company;
            # 该行深圳分行 names none. A branch of a state body is one too (人民银行…中心支行).
            parent = next(
                (self._body_forms[idx][1] for idx, _s, _e in self._body_matcher.find_matches_as_indexes(text[start:sfx_start])),
                None,
            )
            if parent is None and not BRANCH_PARENT.search(text, start, sfx_start):
                return None
            if parent is not None:
                typ = parent.type
        # trim generic leading words
        changed = True
        while changed:
            changed = False
            for lead in LEADING_TRIM:
                if text.startswith(lead, start) and start + len(lead) < sfx_start:
                    start += len(lead)
                    changed = True
        while start < sfx_start and text[start] in "，。、；：！？,.;:!? \u3000（）()":
            start += 1
        m = LEADING_DATE.match(text, start, sfx_start) if rule.type != "Event" else None
        if m is None and rule.type == "Event":
            m = FULL_DATE.match(text, start, sfx_start)
        if m:
            start = m.end()
        m = NUMERAL_CLASSIFIER.match(text, start, sfx_start)
        if m and not text.startswith("第", start):
            start = m.end()
        body = text[start:sfx_start]
        if len(body) < rule.min_body:
            return None
        if body in self.res.not_entities or text[start:e] in self.res.not_entities:
            return None
        first = first_proper(self.res, tokens, max(j, 0), i, start, sfx_start, places)
        trim = rule.body == "proper" or (rule.body == "phrase" and rule.type in ("Initiative", "Place"))
        if trim and first is not None and first > start and generic_run(self.res, tokens, j, i, start, first):
            # 项目落户运城经济技术开发区: common words before the first proper word are
            # not part of the name
            start = first
        if (
            rule.body == "proper"
            and first is None
            and stopped_at_country is not None
            and stopped_at_country.end == start
            and rule.type in ("Enterprise", "Organization")
            and (
                self.res.common_word(text[start:sfx_start], 500)
                or all_common(self.res, text, tokens[max(j, 0) : i + 1], start, sfx_start)
            )
            and text[start:sfx_start] not in self.res.lexicon_forms  # 美国 | 微软公司: a known name
            and not (tokens[i].start == start and tokens[i].pos in ("nt", "nz"))  # 微软公司/nt: tagged a name
        ):
            # 英国石油公司, 古巴航空公司: with only common words after it, the country is
            # part of the company's name (and a place of its own)
            country = next(c for c in places[stopped_at_country.end] if c.start == stopped_at_country.start)
            nested_country.append(replace(country, rule="nested-place", priority=0))
            start = first = stopped_at_country.start
        if rule.body == "proper" and first is None:
            # 太重集团: a short body that is no ordinary word names the company by itself
            body_tokens = [tk for tk in tokens[max(j, 0) : i + 1] if start <= tk.start and tk.end <= sfx_start]
            if not (2 <= len(body) <= 4 and rule.type == "Enterprise" and not self.res.common_word(body, 500)):
                return None
            if body_tokens and (body_tokens[0].pos == "b" or (len(body_tokens) >= 2 and all(self.res.common_word(tk.text, 50) for tk in body_tokens))):
                return None  # 小型催账公司, 国有商业银行: a kind of company, not a name
        if rule.type == "Initiative" and rule.body == "phrase" and not distinctive(self.res, tokens, max(j, 0), i, start, sfx_start, places):
            # 国家重大区域战略, 国家文化发展专项规划: common words only describe a kind of plan
            return None
        if rule.type == "Event" and rule.suffix.endswith(("仪式", "活动")) and first is None and not re.search(r"\d|第|届|“|暨", body):
            # 举行一体化项目投资开发协议签约仪式: a ceremony named by common words only; a title
            # joining two parts with 暨 is the formal name of one (投资说明会暨招商项目签约仪式)
            return None
        if rule.body == "phrase" and first is None and len(BRACKET_INSIDE.sub("", body)) < 6 and not re.search(r"\d|第|届|“", body):
            return None  # (县委常委会(扩大)会议: a bracketed word adds no name)
        if len(text[start:sfx_start]) < rule.min_body:
            return None
        if typ == "Enterprise" and text[e : e + 1] in "(（":
            m = BRACKET_AFTER.match(text, e)
            if m and any(c.start == m.start(1) for c in places.get(m.end(1), ())):
                e = m.end()  # 大众汽车集团(中国): the country of a group's arm is in its name
        if typ == "Event":
            sub = SUB_EVENT.search(text, start + 4, e)
            if sub:
                # 世界制造业大会开幕式暨主旨论坛, …峰会第一阶段会议: the opening or a stage is a
                # part of the named event, which is the event the news speaks of
                e = sub.start()
            project = PROJECT_BEFORE_CEREMONY.search(text, start, e)
            if (
                project
                and project.end() - start >= 6
                and not text.endswith(GENERIC_PROJECT_WORDS, start, project.end() - 2)
                and first_proper(self.res, tokens, max(j, 0), i, start, project.end() - 2, places) is not None
            ):
                # 惠州新材料产业园项目签约仪式: the ceremony's project is an Initiative of its own
                nested_country.append(Candidate(start, project.end(), "Initiative", "suffix:项目", 0))
        main = Candidate(start, e, typ, f"suffix:{rule.suffix}", 2 if rule.body != "phrase" else 1)
        return [main, *(c for c in nested_country if c.start >= start)]
