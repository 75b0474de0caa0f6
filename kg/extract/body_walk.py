"""The leftward walk over a body's tokens: from a name suffix (…有限公司, …座谈会) back
over the words that may be part of the name, up to the first that may not (a verb, a title
before a person, a place that is a name of its own …). Mixed into
``kg.extract.bodies.BodyFinder``, whose ``res``, ``checks``, ``org_suffixes`` and
``body_suffixes`` it reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kg.extract.body_checks import first_proper, verb_inside_programme
from kg.extract.body_parts import (
    bracket_open,
    complete_after_host,
    counts_or_dates,
    governs_name,
    is_country,
    is_division,
    joined_by_dash,
    joins_two_words,
    kind_before_name,
    nominal_word,
    starts_place,
    verb_before_name,
)
from kg.extract.body_words import (
    ADVERB_VERB_LEADS,
    BODY_OPENINGS,
    BRANCH_SUFFIXES,
    DASH_JOINERS,
    EDITION_BEFORE,
    EVENT_ADVERB_LEADS,
    EVENT_GOVERNING_VERBS,
    FOUNDING_VERBS,
    FURTHERING_VERBS,
    INITIATIVE_STOP_WORDS,
    LOCAL_PLACE_SUFFIXES,
    MEETING_COUNTS,
    NAMED_BY_KIND,
    OBJECT_VERBS,
    ORDINAL_COUNT,
    PHRASE_STOP_POS,
    PHRASE_STOP_WORDS,
    PLACE_ROUTE_WORDS,
    PROPER_POS,
    PROPER_PREFIXES,
    QUOTE_CLOSE,
    QUOTE_OPEN,
    SPEC_UNITS,
    STATE_BODY_SUFFIXES,
    TEAM_SUFFIXES,
    VERB_SUFFIX_WORDS,
    VERBS_BEFORE_HAO,
)
from kg.extract.candidates import NAME_JOINERS, PERSON_POS, Candidate
from kg.extract.name_reader import MEASURE_WORDS
from kg.model import Token

#: Suffixes of clubs and teams, whose names a league's name may precede (法甲巴黎圣日耳曼俱乐部).
CLUB_SUFFIXES = frozenset({"俱乐部", "队", "足球队", "篮球队"})  # (a sport's lexicon entry only: not 俄罗斯海军 | 黑海舰队)
#: Forms of address, which no body's name holds (贝先生苏州博物馆).
ADDRESS_WORDS = ("先生", "女士", "小姐", "同志")
#: what one token does to the walk over a body: it joined the name, or the name stops before it
_NEXT, _STOP = 1, 0
#: the characters of the marks ``_mark_step`` reads (quotes, joiners, brackets, dashes)
_MARK_CHARS = frozenset("’'《》)）" + QUOTE_CLOSE + QUOTE_OPEN + NAME_JOINERS) | DASH_JOINERS


@dataclass(slots=True)
class Walk:
    """Where the leftward walk over a body stands: the name starts at ``start`` and
    ``tokens[j]`` is the next token to read."""

    start: int
    j: int
    #: closing quotes read whose opening quote is still to come, and where the name starts
    #: if none comes (”山西省工业和信息化厅)
    quotes: int = 0
    rollback: int = 0
    #: the country the walk stopped at (英国 | 石油公司), which may yet open a company's name
    stopped_at_country: Token | None = None
    #: names kept inside the body's (苏丹 in 苏丹卫生部, the project of a signing ceremony)
    nested: list[Candidate] = field(default_factory=list)


#: Nouns before 和/与 that are things studied or agreed, not a topic of the meeting after them
#: (学习六中全会精神和中央经济工作会议, 落实两国元首共识和峰会成果).
TOPIC_JOIN_STOP = frozenset({"精神", "共识", "成果", "国旗", "要求", "部署", "活动"})

#: Verbs that open events' own names (庆祝中国共产党成立100周年大会, 纪念…座谈会).
NAME_OPENING_VERBS = frozenset({"庆祝", "纪念", "欢迎", "热烈庆祝", "隆重纪念"})
#: Suffixes of settlements, and the last characters of the divisions and settlements whose
#: name comes before another's (龙门镇茅家村, 金坛市西岗镇: two places, not one).
SETTLEMENT_SUFFIXES = frozenset({"村", "镇", "乡"})
SETTLEMENT_ENDS = frozenset("村镇乡县市区旗")

#: An edition or a year before a known event's name (第七届, 首届, 2024年).
EDITION_BEFORE_NAME = re.compile(r"第[一二三四五六七八九十百零〇\d]+[届次]|首届|\d{4}年?")
#: The edition of a treaty's meetings written after its title: 《生物多样性公约》第十五次缔约方大会.
EDITION_AFTER_TITLE = re.compile(r"第[一二三四五六七八九十百零〇\d]+[次届]")


class BodyWalk:
    """The walk's steps; each returns _NEXT (the token joined the name), _STOP (the name
    stops before it) or None (read it as a word of the name)."""

    def _walk_left(self, text, tokens, i, sfx_start, e, rule, places) -> Walk:
        """Read the body leftwards from the suffix while each token may be part of the name."""
        starts, words = tokens.starts, tokens.words  # read off the lists: most tokens stop here
        j = i
        start = sfx_start
        while j >= 0 and starts[j] >= sfx_start:
            j -= 1  # the suffix may span tokens (重庆/农/商行)
        if j >= 0 and tokens.ends[j] > sfx_start:
            start, j = starts[j], j - 1  # the token holds part of the body (科技厅 = 科技 + 厅)
        walk = Walk(start, j, rollback=start)
        phrase = rule.body == "phrase"
        limit = 30 if phrase else 22
        team = rule.suffix.endswith("队")
        while walk.j >= 0:
            if e - starts[walk.j] > limit:
                break
            w = words[walk.j]
            if w.strip() == "":  # a space ends the name; an edition and a typeset space open it (2024 越南…展览会)
                ed = phrase and len(w) == 1 and EDITION_BEFORE.search(text, max(0, starts[walk.j] - 10), starts[walk.j])
                walk.start = ed.start() if ed else walk.start
                break
            t = tokens[walk.j]
            # a word with none of the marks' characters is no mark (_mark_step's tests but
            # a team's are of marks): most words of a name
            step = self._mark_step(text, tokens, walk, sfx_start, rule, places) if team or not _MARK_CHARS.isdisjoint(w) else None
            if step is None and w in ("至", "到") and phrase and rule.type == "Initiative":
                k = _termini_start(tokens, walk, places)
                if k is not None:
                    # 潍坊至烟台高铁, 贵阳到南宁高铁, 重庆至黔江段控制性工程: a line or a work
                    # named by its two ends is one name, the first end included (and the line before it,
                    # 渝湘高铁重庆至…, a name of its own)
                    walk.start, walk.j = starts[k], k - 1
                    break
            if step is None and w in ("与", "和", "及") and phrase and rule.type == "Event" and walk.j > 0 and self._joins_two_topics(text, tokens, walk.j, e):
                # 联合国贸易与发展会议, 特钢和特种金属新材料产业链招商大会: two topics of one
                # meeting; the word before the joiner is in the name too
                walk.start, walk.j = starts[walk.j - 1], walk.j - 2
                continue
            if step is None:
                if phrase:
                    step = _STOP if self._verb_before_known_name(text, t, walk.start, e, rule) else self._phrase_step(tokens, walk, rule)
                else:
                    step = self._name_step(text, tokens, walk, i, sfx_start, e, rule, places)
            if step == _NEXT:
                continue
            if step == _STOP:
                break
            walk.start = t.start
            walk.j -= 1
            if not phrase and self._place_opens_name(tokens, t, walk.j, rule, places):
                # 走马上任吉林省戏曲学校, 大家共庆杭州市永嘉商会: the place opens the name; only a
                # place (河南省郑州市…), 中国, another proper word, a joiner (新加坡—江苏…) or a
                # parent body (北京吉林企业商会松原市商会) may come before it
                break
        return walk

    def _verb_before_known_name(self, text, t, start, e, rule) -> bool:
        """True when ``t`` is a verb and what follows it up to the suffix's end is a known
        event's, programme's or body's name, an edition before it allowed (推动 | 中非合作论坛,
        介绍 | 第七届中国国际进口博览会, 欢迎沙方加入 | 全球发展倡议): the verb takes the
        name as its object and is no part of it."""
        if rule.type not in ("Event", "Initiative") or not t.pos.startswith("v") or start >= e:
            return False
        name = text[start:e]
        m = EDITION_BEFORE_NAME.match(name)
        entry = self.res.lexicon_forms.get(name[m.end() :] if m else name)
        if entry is not None and entry.type in ("Event", "Initiative", "Organization"):
            return True
        if rule.type == "Event" and t.text not in NAME_OPENING_VERBS:
            # 推动 | 中非合作论坛第八届部长级会议, 推进 | 中央军委政治工作会议: a known series
            # with its edition, or a known body's meeting (庆祝中国共产党成立…大会 is a name)
            for k in range(min(len(name) - 1, 12), 3, -1):
                head = self.res.lexicon_forms.get(name[:k])
                if head is None:
                    continue
                if head.type == "Organization" or (head.type == "Event" and EDITION_AFTER_TITLE.match(name, k)):
                    return True
        return False

    def _mark_step(self, text, tokens, walk, sfx_start, rule, places) -> int | None:
        """Latin names, quotation marks, joiners, brackets and dashes inside a name: _NEXT
        when the token joined the name, _STOP when it ends it, None to read it as a word."""
        j, start = walk.j, walk.start
        t = tokens[j]
        w = t.text
        if rule.suffix.endswith("队") and start < sfx_start and text[start].isascii() and t.pos != "eng" and w not in "’'":
            return _STOP  # EG战队, Na’Vi战队: a team's Latin name is all of its body
        if w in "’'" and j > 0 and tokens[j - 1].pos == "eng" and j + 1 < len(tokens) and tokens[j + 1].pos == "eng":
            walk.start = t.start  # Na’Vi战队: an apostrophe inside a Latin name
            walk.j -= 1
            return _NEXT
        if w in QUOTE_CLOSE or w in QUOTE_OPEN or w in "《》":
            return self._quote_step(text, t, walk, rule)
        if w in NAME_JOINERS and j > 0:
            walk.start = t.start
            walk.j -= 1
            return _NEXT
        if w in ")）" and start == t.end:
            k = bracket_open(text, tokens, j, places)
            if k is not None:
                # 天顺风能(苏州)股份有限公司, 上海均瑶(集团)有限公司, 第四次全体(扩大)会议:
                # a place or a word of the name's kind in brackets is part of the name
                walk.start = tokens[k].start
                walk.j = k - 1
                return _NEXT
        if w in DASH_JOINERS and j > 0 and start == t.end and joined_by_dash(self.res, tokens, j, places):
            # 新加坡—江苏合作理事会, 第14届中国―东盟博览会: a dash between two named
            # parties joins them into one name (the country before it is no modifier)
            walk.start = tokens[j - 1].start
            walk.j -= 2
            return _NEXT
        return None

    @staticmethod
    def _quote_step(text, t, walk, rule) -> int:
        """A quoted part inside a name: “三北”工程; a treaty's title in an event's, read
        through with what names it (联合国《生物多样性公约》第十五次缔约方大会)."""
        w = t.text
        if w in "《》":
            if rule.type != "Event" or rule.body != "phrase":
                return _STOP
            if w == "》":
                if not EDITION_AFTER_TITLE.match(text, t.end):
                    return _STOP  # a title before an edition only: 学习贯彻《条例》工作会议 is no name
                if walk.quotes == 0:
                    walk.rollback = walk.start  # where the name starts if no 《 follows
                walk.quotes += 1
            elif walk.quotes > 0:
                walk.quotes -= 1
            else:
                return _STOP
            walk.start = t.start
            walk.j -= 1
            return _NEXT
        if w in "”’\"":
            if walk.quotes == 0:
                walk.rollback = walk.start  # where the name starts if no opening quote follows
            walk.quotes += 1
            walk.start = t.start
            walk.j -= 1
            return _NEXT
        if w in "“‘" and walk.quotes > 0:
            walk.quotes -= 1
            walk.start = t.start
            walk.j -= 1
            if walk.quotes == 0 and rule.body == "phrase":
                # “十五五”规划: a quoted part opens the name (上海 is not in it), but an
                # edition before it belongs to it (第三届“一带一路”国际合作高峰论坛)
                ed = EDITION_BEFORE.search(text, max(0, walk.start - 10), walk.start)
                if ed:
                    walk.start = ed.start()
                return _STOP
            return _NEXT
        return _STOP

    def _joins_two_topics(self, text, tokens, j, e) -> bool:
        """Whether the 和/与/及 at ``tokens[j]`` joins two topics inside one event's name
        (贸易与发展会议, 纺织及制衣工业展览会): a noun of two characters or more before it,
        which ends no event (…峰会和…会议, 十一届五次全会和…会议 are two events) and is no thing studied or agreed
        (六中全会精神和…会议, 两国元首共识和峰会), and after it no known event's name
        (…关系发展和中非合作论坛)."""
        prev = tokens[j - 1]
        w = prev.text
        if prev.pos not in ("n", "nz", "vn") or len(w) < 2 or w in TOPIC_JOIN_STOP or w[-1] in "会坛节展赛式":
            return False
        if w in self.res.lexicon_forms or self.checks.plausible_chinese_name(w, strict=False):
            return False  # 总台与…电影节, 栗战书与…会议: a body or a person with the event
        for k in range(1, len(w) + 1):
            rule = self.res.suffix_map.get(w[-k:])
            if rule is not None and rule.type in ("Event", "Organization", "Enterprise"):
                return False  # …研讨会和…论坛, …领导小组和…会议: two names
        return text[tokens.ends[j] : e] not in self.res.lexicon_forms

    def _phrase_step(self, tokens, walk, rule) -> int | None:
        """A word of an event's or a programme's name: where the phrase stops."""
        j = walk.j
        t = tokens[j]
        w = t.text
        if w in ("届", "次") and rule.type == "Event" and j >= 2 and tokens[j - 1].text.isdigit() and tokens[j - 2].text == "第":
            # 第/16/届中国-东盟博览会: an edition in digits, cut by the segmenter (届 read as
            # an adverb), is a word of the name, and the walk goes on before it
            walk.start = tokens[j - 2].start
            walk.j = j - 3
            return _NEXT
        if (
            w in ("与", "和")
            and rule.type == "Event"
            and j > 0
            and tokens[j - 1].pos in ("nt", "ns")
            and not (j + 1 < len(tokens) and tokens[j + 1].text == "第")  # 汕头和第31届…: an edition opens a name
        ):
            # 中国共产党与世界政党高层对话会: two named parties in an event's name
            walk.start = t.start
            walk.j -= 1
            return _NEXT
        if w == "±" and rule.type == "Initiative" and j + 1 < len(tokens) and tokens.words[j + 1][:1].isdigit():
            # 宁夏至湖南±800千伏特高压直流输电工程: the sign of a line's voltage is in its name
            walk.start = t.start
            walk.j -= 1
            return _NEXT
        if (t.pos in PHRASE_STOP_POS or w in PHRASE_STOP_WORDS or w in OBJECT_VERBS or t.pos == "x" and not w.isalnum()) and w not in ("暨",):
            return _STOP
        if w in ("日电", "日讯") or (w in ("电", "讯") and j > 0 and tokens.words[j - 1].endswith("日")):
            return _STOP  # 新华社北京3月5日电第十四届…会议: the dateline before the name is no part of it
        if governs_name(tokens, j):
            return _STOP  # 利用中国-东盟博览会: the verb takes the name as its object
        if rule.type == "Organization" and w in FOUNDING_VERBS:
            return _STOP  # 成立 | 国务院第三次全国土壤普查领导小组: the body set up is the object
        if rule.type == "Initiative" and (w in INITIATIVE_STOP_WORDS or w in EVENT_GOVERNING_VERBS or len(w) > 2 and w[:2] in ADVERB_VERB_LEADS) and not verb_inside_programme(tokens, j):
            return _STOP
        if rule.type == "Initiative" and j > 0 and _measured(tokens, j) and tokens.words[j - 1].isascii() and tokens.words[j - 1].isdigit():
            return _STOP  # 5447户危房重建工程, 1000亿元中央预算内投资计划: a count, no part of the name
        if rule.type == "Event" and (w in EVENT_GOVERNING_VERBS or w[-2:] in EVENT_GOVERNING_VERBS or w in MEETING_COUNTS):
            return _STOP  # 认真贯彻中央经济工作会议: the verb governs the name; 多次中央经济工作会议
        if rule.type == "Event" and (
            (len(w) > 2 and w[:2] in EVENT_ADVERB_LEADS)
            or (w in FURTHERING_VERBS and rule.suffix.endswith(NAMED_BY_KIND) and j + 1 < len(tokens) and tokens.tags[j + 1] in PROPER_POS)
        ):
            return _STOP  # 高度评价东方经济论坛, 推动联合国气候变化巴库大会取得成功 (推动…发展座谈会 is a name)
        if w == "好" and j > 0 and (tokens.words[j - 1][-1:] in VERBS_BEFORE_HAO or tokens[j - 1].pos.startswith("v")):
            return _STOP  # 开 | 好 | 大会, 马方用 | 好 | 进博会, 谋划 | 好 | …战略: to do it well
        if t.pos in ("nr", "nrfg") and w[-1] in "是用为在" and j + 1 < len(tokens) and tokens.tags[j + 1] in ("nt", "nz"):
            return _STOP  # 埃塞是 | 中非合作论坛: a name with a verb glued to it before a complete name
        if self.checks.title_before(w) or w.endswith("同志"):
            return _STOP  # 负责同志报告工程: a person (a title, 同志) is not in the name
        if (
            t.pos in ("nr", "nrfg")
            and j + 1 < len(tokens)
            and tokens[j + 1].pos.startswith("v")
            and self.checks.plausible_chinese_name(w, strict=False)
        ):
            return _STOP  # 李政道请大会主席…: a person doing something is not in the name
        return None

    def _name_step(self, text, tokens, walk, i, sfx_start, e, rule, places) -> int | None:
        """A word of a body's or a company's name: where the name stops, and the places
        before it that are names of their own."""
        j = walk.j
        t = tokens[j]
        w = t.text
        words, tags = tokens.words, tokens.tags
        if w.endswith(ADDRESS_WORDS) and walk.start < sfx_start:
            return _STOP  # 贝先生 | 苏州博物馆: a form of address ends what is before the name
        if (self.checks.title_before(w) and j + 1 < len(words) and tags[j + 1] in PERSON_POS) or (
            t.pos in PERSON_POS and j > 0 and self.checks.title_before(words[j - 1])
        ):
            return _STOP  # 北京博爱医院院长吴弦光代表医院: a title before a name ends the body
        if j + 1 < len(words) and rule.type != "Place" and (
            (w == "代表" and (tags[j + 1] in ("nt", "j") or words[j + 1] in BODY_OPENINGS))
            or (t.pos in PERSON_POS and words[j + 1] in BODY_OPENINGS and self._person_word(w, t, places))
            or (t.pos in PERSON_POS and w[-1] in "为任" and tags[j + 1] == "nt" and self._person_word(w[:-1], t, places))
        ):
            # 永清代表 | 中国人民政治协商会议全国委员会 (代表: on behalf of), 免去魏艺红 | 政协第十三届
            # 全国委员会委员, 任命韩俊为 | 农业农村部党组书记: a person before a body's own name is
            # no word of it
            return _STOP
        if rule.type == "Place" and (w in PLACE_ROUTE_WORDS or verb_before_name(self.res, tokens, j, walk.start, sfx_start, places)):
            return _STOP  # 经 | 深圳皇岗口岸, 建设 | 长江国家文化公园: how one goes there or what is done to it
        if len(w) == 1 and t.pos in ("a", "d") and text[t.end : e] in self.res.lexicon_forms:
            return _STOP  # 做大做强 | 新开发银行: a one-character adjective before a known body's whole name
        if kind_before_name(tokens, j, walk.start, sfx_start, rule, places):
            # 军工企业 | 洛克希德-马丁公司, 龙头企业 | 宝山钢铁集团公司, 第四大银行 | 美洲银行: the kind the name is of
            return _STOP
        if joins_two_words(self.res, text, tokens, j, walk.start, e, rule, places):
            # 工业和信息化厅, 纺织机械和技术进出口有限公司
            walk.start = t.start
            walk.j -= 1
            return _NEXT
        if counts_or_dates(tokens, j) or (rule.type != "Enterprise" and ORDINAL_COUNT.fullmatch(w)):
            # (第一批国家公园, 中亚地区首家疫苗生产中心: which of a kind; a company's kind after
            # its ordinal, 第一家小额贷款公司, is told by the kind test of its body)
            return _STOP
        if rule.suffix in CLUB_SUFFIXES and walk.start < sfx_start and j + 1 < len(tokens) and tokens.tags[j + 1] in PROPER_POS:
            entry = self.res.lexicon_forms.get(w)
            if entry is not None and entry.type == "Organization" and entry.domain == "sport":
                return _STOP  # 法甲 | 巴黎圣日耳曼俱乐部: the league before its club is a name of its own
        if not nominal_word(self.res, tokens, j, walk.start, rule, places):
            return _STOP
        if is_division(t, places) and j + 1 < len(tokens) and complete_after_host(self.res, text, tokens, j, e, sfx_start, places):
            # 寿阳县山西新元煤炭有限责任公司: the county modifies a complete name that
            # opens with its own place; 上海市浙江商会, 宜宾三江新区 keep their host
            return _STOP
        if rule.type != "Enterprise" and w.endswith(("公司", "集团")):
            return _STOP  # 山西中鼎物流集团有限公司铁路港: a company's name ends the body
        if len(w) >= 3 and t.pos in ("nt", "nz") and w.endswith(self.org_suffixes):
            return _STOP  # 巴西队战胜智利队: a complete name ends the body
        if rule.type == "Enterprise" and rule.suffix not in BRANCH_SUFFIXES and walk.start < sfx_start and len(w) >= 3 and getattr(self.res.lexicon_forms.get(w), "type", "") == "Organization":
            # 银保监会 | 规范银行: a known public body is who acts, no word of a company's name
            # (中国人民银行宁波市中心支行: a branch's parent is)
            return _STOP
        return self._place_step(text, tokens, walk, i, sfx_start, e, rule, places)

    def _does_it(self, t, places) -> bool:
        """True when the word ``t`` before a suffix that is also a verb (组织) is who does
        it: a Chinese person's name, a county or a city alone, or a complete body's name."""
        w = t.text
        if w.endswith(self.body_suffixes) or is_division(t, places):
            return True
        entry = self.res.lexicon_forms.get(w)
        if entry is not None and entry.type in ("Organization", "Enterprise") and not entry.name.endswith(tuple(VERB_SUFFIX_WORDS)) and not all(c in self.res.translit_chars for c in w):
            return True  # 东部战区 | 组织: a known body's name (欧佩克组织: 石油输出国组织's; 哈马斯组织: a foreign group's)
        return t.pos == "nr" and len(w) == 3 and not all(c in self.res.translit_chars for c in w[1:]) and self.checks.plausible_chinese_name(w, strict=True)

    def _person_word(self, w: str, t, places) -> bool:
        """``w`` (of the token ``t``) reads as a Chinese person's name, not a place the tagger
        files as a name (乌克兰 | 外交部)."""
        return w not in self.res.place_forms and not starts_place(t, places) and self.checks.plausible_chinese_name(w, strict=True)

    def _place_step(self, text, tokens, walk, i, sfx_start, e, rule, places) -> int | None:
        """A place before the suffix: inside the name (a zone's city, a state's ministry) or
        a name of its own that ends the body (希腊 | 比雷埃夫斯港)."""
        j = walk.j
        t = tokens[j]
        if (
            rule.type == "Place"
            and rule.suffix in SETTLEMENT_SUFFIXES
            and walk.start < sfx_start
            and t.text[-1] in SETTLEMENT_ENDS
            and (len(t.text) >= 3 or (len(t.text) == 1 and j > 0 and len(tokens[j - 1].text) >= 2))
        ):
            return _STOP  # 龙门镇 | 茅家村, 金坛市 | 西岗镇: a settlement of its own before the name
        division = is_division(t, places) and sfx_start - t.end >= 2 and rule.type == "Place"
        if division and rule.suffix not in LOCAL_PLACE_SUFFIXES:
            # 长治八路军文化旅游区, 金乡县国家现代农业产业园: the city is part of a zone's
            # or park's name (GUIDELINES); a site with its own proper word is named
            # without it (上海 | 虹口体育馆, 瑞金 | 中央革命根据地纪念馆), 运城航空口岸 with it
            proper = first_proper(self.res, tokens, j + 1, i, t.end, sfx_start, places)
            division = complete_after_host(self.res, text, tokens, j, e, sfx_start, places) or (
                not rule.suffix.endswith(("区", "园"))
                and proper is not None
                # 上海国家会展中心, 天津国家会展中心: the city names which of the nation's venues
                and not (proper == t.end and text.startswith("国家", proper))
            )
        at_country = is_country(t, places)
        if at_country and (rule.suffix in STATE_BODY_SUFFIXES or rule.suffix in TEAM_SUFFIXES):
            # 苏丹卫生部, 捷克残奥冰球队: a state's body or team keeps the state in its name,
            # which is also an entity of its own; the state opens a team's name
            country = next(c for c in places[t.end] if c.start == t.start)
            walk.nested.append(replace(country, rule="nested-place", priority=0))
            if rule.suffix in TEAM_SUFFIXES:
                walk.start = t.start
                return _STOP
        elif at_country or division:
            # 希腊比雷埃夫斯港, 印度AMNS公司, 武乡县下庄村: the place is its own entity
            if at_country:
                walk.stopped_at_country = t
            return _STOP
        return None

    def _place_opens_name(self, tokens, t, j, rule, places) -> bool:
        """After taking the division ``t`` into a body's name: True when ``tokens[j]`` before
        it may not join the name (only a place, 中国, a proper word, a joiner or a parent body may)."""
        return (
            rule.type in ("Organization", "Enterprise")
            and is_division(t, places)
            and j >= 0
            and rule.suffix not in BRANCH_SUFFIXES
            and not (
                tokens[j].pos in PROPER_POS
                or tokens[j].text in PROPER_PREFIXES
                or tokens[j].text in NAME_JOINERS or tokens[j].text in DASH_JOINERS
                or any(c.start == tokens[j].start for c in places.get(tokens[j].end, ()))
                or tokens[j].text.endswith(self.body_suffixes)
            )
        )


def _termini_start(tokens, walk: Walk, places) -> int | None:
    """The token where the place before ``tokens[walk.j]`` (a 至) starts, when a place ends
    right before the 至 and another opens the name after it; None otherwise."""
    t = tokens[walk.j]
    if walk.start not in getattr(places, "starts", ()) or walk.j == 0:
        return None
    first = min(places.get(t.start, ()), key=lambda c: c.start, default=None)
    if first is None:
        return None
    k = walk.j - 1
    while k > 0 and tokens.starts[k] > first.start:
        k -= 1
    if tokens.starts[k] != first.start or (k > 0 and tokens.words[k - 1] in ("从", "由", "自")):
        return None  # 从北京至上海: a route, not a name
    return k


def _measured(tokens, k: int) -> bool:
    """``tokens[k]``, after a number, is its measure word or unit (户, 亿元, 条铁海 cut by
    the segmenter): a count, or an amount of money or land, which opens no name. A year
    (京杭大运河2022年全线贯通补水行动), a project's size (500千伏) and a word of a name after
    a number (平安长江2024专项行动) are parts of the name."""
    w, tag = tokens.words[k], tokens.tags[k]
    if (w.startswith("年") and len(tokens.words[k - 1]) == 4) or w.startswith(SPEC_UNITS):
        return False
    return tag in ("q", "m") or w[:1] in MEASURE_WORDS
