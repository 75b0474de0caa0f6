"""Bodies by suffix: names made of a body of tokens before a name suffix (…有限公司,
晋中市委, …座谈会). Where the body starts is the hard part: it must be a name (proper
words, a place, a distinctive word), not the ordinary words or the verb before it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import ahocorasick_rs

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

#: POS tags that may form the body of a name.
NOMINAL_POS = frozenset(
    {"n", "nr", "ns", "nt", "nz", "nrt", "nrfg", "j", "eng", "ng", "nw", "b", "a", "an", "vn", "s", "l", "i", "m", "x", "h", "k"}
)
PROPER_POS = frozenset({"nr", "ns", "nt", "nz", "nrt", "nrfg", "j", "eng"})
#: Tags that end a phrase-like name (prepositions, conjunctions, particles, pronouns…).
PHRASE_STOP_POS = frozenset({"p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "d", "y", "e", "o", "w", "zg"})
PHRASE_STOP_WORDS = frozenset(
    ["在", "于", "对", "为", "向", "从", "把", "将", "被", "由", "和", "与", "及", "以及", "同", "跟", "是", "有", "的", "了", "着", "等", "以", "并", "而", "或", "也", "都", "还", "又", "就", "要", "会", "能", "这", "那", "该", "此", "其", "各", "每", "上", "下", "出席", "参加", "召开", "举办", "举行", "主持", "亮相", "实施", "落实", "提出", "开展", "深化", "融入", "对接", "参与", "加快", "加强", "围绕", "通过", "依托", "作为", "成为", "包括", "进行", "启动", "打造", "构建", "发布", "签署", "签约", "助力", "服务", "支持", "推出", "组织", "开幕", "闭幕", "致信", "致辞", "发表", "宣布", "倡导", "发起", "考察", "调研", "访问", "出访", "来到", "走进", "聚焦", "共建", "携手", "坚持", "全面", "积极", "扎实", "大力", "不断", "持续", "加速", "深入", "落地", "入选", "获批", "纳入", "争创", "创建", "迈出", "打好", "打赢", "用好", "抓好", "做好", "开行", "举措", "以来", "期间", "今年", "去年", "明年", "近年来", "目前", "当前", "日前", "近日", "同时", "此外", "其中", "随着", "按照", "根据", "借助", "依据", "面向", "对于", "关于", "本届", "此次", "这次", "上届", "历届", "每届", "首次", "再次", "又一次", "时任", "曾任", "现任", "原任", "担任", "位于", "地处", "申报", "培育", "践行", "促进", "建好", "发行", "累计", "到", "至", "向着", "迈向", "一家", "一批", "一系列", "一大批", "系列", "使", "让", "令", "请", "获", "任", "谴责", "要求", "希望", "呼吁", "下周", "上周", "本周", "今天", "明天", "昨天", "今日", "明日", "昨日", "本月", "上月", "下月", "月底", "年底", "年初"]
)
#: Verbs whose object is a person or a body, which end the name after them on the left
#: (张古江会见中冶集团, 陪同省长视察); the dictionary files several as nouns, so
#: their tag does not stop the name.
OBJECT_VERBS = frozenset(
    ["会见", "会晤", "接见", "看望", "慰问", "拜会", "拜访", "走访", "宴请", "陪同", "率领", "带领", "邀请",
     "见证", "约见", "莅临", "视察", "祝贺", "参观", "致"]
)
#: Initiative names stop at a predicate verb too (实施乡村振兴战略 → 乡村振兴战略).
#: Verbs that take a meeting as their object and so end its name on the left
#: (认真贯彻中央经济工作会议, 讨论拟提请十三届全国人大五次会议); verbs inside names
#: (推动, 制造, 阅读) are not among them.
EVENT_GOVERNING_VERBS = frozenset(
    ["贯彻", "讨论", "提请", "拟提请", "开好", "办好", "完成", "责成", "筹备", "审议", "传达", "部署", "迎接", "备战", "学习", "宣传", "宣讲", "研究", "总结", "出席", "参加", "主持", "召开", "举办", "举行", "列席", "通过", "决定", "听取", "筹办", "服务", "保障", "圆满", "胜利", "会见", "致信", "致贺信", "发来", "闭幕", "开幕"]
)
INITIATIVE_STOP_WORDS = frozenset(
    ["展开", "采取", "发动", "开始", "推动", "推进", "建设", "构建", "实施", "学习", "阐述", "制定", "完善", "用好", "抓住", "把握", "抢抓", "对标", "列入", "布局", "探索", "支持", "鼓励", "参与", "入选", "获批", "纳入", "申报", "争创", "创建", "打造", "开展", "启动", "谋划", "编制", "出台", "印发", "发布"]
)
NUMERAL_CLASSIFIER = re.compile(r"[\d一二三四五六七八九十百千万两几多数]+(?:个|家|列|项|批|座|条|种|类|名|位|所|大)")
#: An edition or year right before a quoted name part.
EDITION_BEFORE = re.compile(r"(?:第[一二三四五六七八九十百零〇\d]+[届次]|首届|\d{4}年?)$")
#: A date inside a token (6月, 29日, 1998年).
#: (The digits open at a run's start: tried from every digit of a long run, the search
#: would take time quadratic in the run's length.)
DATE_TOKEN = re.compile(r"(?<!\d)\d++[年月日号]|^[年月日]$")
#: A month and day (with or without a year) is never part of an event's name.
FULL_DATE = re.compile(r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?")
LEADING_DATE = re.compile(r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?")
#: Leading words trimmed from a name body: demonstratives and generic scope words.
LEADING_TRIM = (
    "原", "前",
    "本届", "此次", "这次", "该次", "本次", "上届", "历届", "每届", "这一", "该", "本", "此", "这", "那", "各",
    "我省", "我市", "我县", "全省", "全市", "全县", "全国性", "一批", "一个", "一项", "一场", "两个", "多个", "有关", "相关",
    "上述", "新一届",
)
#: Suffixes of a state's own bodies, which keep the state's name (苏丹卫生部); a university
#: or a company after a country is named without it (俄罗斯 | 莫斯科国际关系学院).
STATE_BODY_SUFFIXES = frozenset(
    {"部", "署", "局", "厅", "委员会", "政府", "议会", "国会", "法院", "检察院", "使馆", "大使馆",
     "队", "女队", "男队", "足球队", "国家队", "代表团", "女篮", "男篮", "女排", "男排", "女足", "男足"}
)
#: Roads and railways: a token ending with them is more often a kind than a name (高速铁路).
ROAD_SUFFIXES = frozenset({"路", "街", "大街", "西街", "东街", "铁路", "公路"})
#: Offices whose generic name (公安局, 警察局) follows the proper part of a body's name.
OFFICE_SUFFIXES = frozenset({"局", "厅", "部", "署", "委员会", "院", "所", "办", "处"})
#: Suffixes that, after a company's name, name one of its sub-units.
SUB_UNIT_SUFFIXES = frozenset({"中心", "研究院", "研究所", "实验室", "办公室"})
COMPANY_WORD = re.compile(r"公司|集团|重工|能源|科技|股份|银行|煤矿|电厂|钢铁")
#: Suffixes of a bank's or company's branch, and the words its parent's name holds.
BRANCH_SUFFIXES = frozenset({"分公司", "分行", "支行", "中心支行", "储蓄所", "分理处"})
BRANCH_PARENT = re.compile(r"银行|公司|集团|信用社|农商行")
#: Places below a division, written after it: 武乡县下庄村, 榆次区汇通路 (the division is
#: its own entity); zones and sites keep it (山西大学城, 运城航空口岸).
LOCAL_PLACE_SUFFIXES = frozenset({"村", "镇", "乡", "街道", "路", "街", "大街", "西街", "东街", "南街", "北街"})
#: Words that open the proper part of a body though tagged as common nouns.
PROPER_PREFIXES = frozenset(["国家", "中央", "全国", "中华", "中共", "国务院", "联合国", "世界", "亚洲", "欧洲", "非洲"])
#: Suffixes of sports teams (巴西队, 印尼女队).
TEAM_SUFFIXES = frozenset({"队", "女队", "男队", "国家队"})
QUOTE_OPEN = "“‘「『\""
QUOTE_CLOSE = "”’」』\""
#: Dashes that join two named parties into one name (中国—东盟博览会); a doubled dash (——)
#: sets off a clause instead.
DASH_JOINERS = frozenset("—―–")
#: Words written in brackets inside a name besides places: 均瑶(集团)有限公司,
#: 全体(扩大)会议, 县(区)委书记.
BRACKET_WORDS = frozenset(["集团", "扩大", "区", "县", "市", "筹", "控股", "股份"])
#: A short bracketed part right after a name, read as part of it when it holds a place:
#: 大众汽车集团(中国).
BRACKET_AFTER = re.compile(r"[(（]([\u4e00-\u9fff]{2,5})[)）]")
#: The opening, closing or a stage of a named event, written right after its name: the
#: name without it is the event (…大会开幕式暨主旨论坛, …峰会第一阶段会议).
SUB_EVENT = re.compile(
    r"(?<=[会會坛壇节節展季])(?:开幕式|闭幕式|开幕大会|闭幕大会|开幕仪式|闭幕仪式|开幕典礼|闭幕典礼|启动仪式|开幕会|闭幕会"
    r"|第[一二三四五六七八九十\d]+阶段会议)"
)
#: A project named right before the ceremony of signing, starting or opening it.
PROJECT_BEFORE_CEREMONY = re.compile(r".+?项目(?=(?:集中)?(?:签约|开工|投产|揭牌|启动|奠基|竣工)(?:仪式|活动)$)")
#: Kinds of project that name none (湛江空港经济区产业项目 is the zone's projects).
GENERIC_PROJECT_WORDS = ("产业", "重点", "重大", "招商", "投资", "合作", "签约", "民生", "建设", "引资")


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
                        if rule.type == "Enterprise" and i > 0 and self._is_country(tokens[i - 1], places):
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
                k = self._bracket_open(text, tokens, j, places)
                if k is not None:
                    # 天顺风能(苏州)股份有限公司, 上海均瑶(集团)有限公司, 第四次全体(扩大)会议:
                    # a place or a word of the name's kind in brackets is part of the name
                    start = tokens[k].start
                    j = k - 1
                    continue
            if w in DASH_JOINERS and j > 0 and start == t.end and self._joined_by_dash(tokens, j, places):
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
                    and not self._starts_place(tokens[j + 1], places)
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
                nominal = t.pos in NOMINAL_POS or rare_verb or unknown or industry or split_name or self._starts_place(t, places)
                if t.pos == "eng" and j + 1 < len(tokens) and self._starts_place(tokens[j + 1], places):
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
                    self._is_division(t, places)
                    and j + 1 < len(tokens)
                    and self._complete_after_host(text, tokens, j, e, sfx_start, places)
                ):
                    # 寿阳县山西新元煤炭有限责任公司: the county modifies a complete name that
                    # opens with its own place; 上海市浙江商会, 宜宾三江新区 keep their host
                    break
                if rule.type != "Enterprise" and w.endswith(("公司", "集团")):
                    break  # 山西中鼎物流集团有限公司铁路港: a company's name ends the body
                if len(w) >= 3 and t.pos in ("nt", "nz") and any(w.endswith(x) for x in self.org_suffixes):
                    break  # 巴西队战胜智利队: a complete name ends the body
                division = self._is_division(t, places) and sfx_start - t.end >= 2 and rule.type == "Place"
                if division and rule.suffix not in LOCAL_PLACE_SUFFIXES:
                    # 长治八路军文化旅游区, 金乡县国家现代农业产业园: the city is part of a zone's
                    # or park's name (GUIDELINES); a site with its own proper word is named
                    # without it (上海 | 虹口体育馆, 瑞金 | 中央革命根据地纪念馆), 运城航空口岸 with it
                    division = self._complete_after_host(text, tokens, j, e, sfx_start, places) or (
                        not rule.suffix.endswith(("区", "园"))
                        and self._first_proper(tokens, j + 1, i, t.end, sfx_start, places) is not None
                    )
                if self._is_country(t, places) and rule.suffix in STATE_BODY_SUFFIXES:
                    # 苏丹卫生部: a state's body keeps the state in its name, which is also
                    # an entity of its own
                    country = next(c for c in places[t.end] if c.start == t.start)
                    nested_country.append(replace(country, rule="nested-place", priority=0))
                elif self._is_country(t, places) or division:
                    # 希腊比雷埃夫斯港, 印度AMNS公司, 武乡县下庄村: the place is its own entity
                    if self._is_country(t, places):
                        stopped_at_country = t
                    break
            start = t.start
            j -= 1
            if (
                not phrase
                and rule.type in ("Organization", "Enterprise")
                and self._is_division(t, places)
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
        first = self._first_proper(tokens, max(j, 0), i, start, sfx_start, places)
        trim = rule.body == "proper" or (rule.body == "phrase" and rule.type in ("Initiative", "Place"))
        if trim and first is not None and first > start and self._generic_run(tokens, j, i, start, first):
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
        if rule.type == "Initiative" and rule.body == "phrase" and not self._distinctive(tokens, max(j, 0), i, start, sfx_start, places):
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
                and self._first_proper(tokens, max(j, 0), i, start, project.end() - 2, places) is not None
            ):
                # 惠州新材料产业园项目签约仪式: the ceremony's project is an Initiative of its own
                nested_country.append(Candidate(start, project.end(), "Initiative", "suffix:项目", 0))
        main = Candidate(start, e, typ, f"suffix:{rule.suffix}", 2 if rule.body != "phrase" else 1)
        return [main, *(c for c in nested_country if c.start >= start)]

    def _bracket_open(self, text, tokens, j, places) -> int | None:
        """Index of the opening bracket of the short part that the closing bracket
        ``tokens[j]`` ends, when that part belongs to the name around it: it holds a place
        (苏州 in 天顺风能(苏州)股份有限公司) or a word of BRACKET_WORDS, and a Chinese word
        of the name stands right before it. None otherwise (a gloss, a note, an aside)."""
        close = tokens[j]
        for k in range(j - 1, max(j - 5, 0), -1):
            tk = tokens[k]
            if tk.text not in ("(", "（"):
                continue
            if k == 0 or tokens[k - 1].end != tk.start or not CJK.match(tokens[k - 1].text[-1:]):
                return None
            inner = text[tk.end : close.start]
            if not 1 <= len(inner) <= 6 or not CJK.match(inner):
                return None
            if tokens[k - 1].text in PHRASE_STOP_WORDS or tokens[k - 1].pos in PHRASE_STOP_POS:
                return None
            if inner in BRACKET_WORDS or any(c.start == tk.end for c in places.get(close.start, ())):
                return k
            return None
        return None

    def _joined_by_dash(self, tokens, j, places) -> bool:
        """Whether the single dash ``tokens[j]`` joins the name before it to the one after:
        a place or a name-tagged word right before it, a Chinese word right after it, and
        no second dash on either side (——)."""
        before, after = tokens[j - 1], tokens[j + 1] if j + 1 < len(tokens) else None
        if after is None or before.end != tokens[j].start or after.start != tokens[j].end:
            return False
        if before.text[-1:] in DASH_JOINERS or after.text[:1] in DASH_JOINERS or not CJK.match(after.text[:1]):
            return False
        if before.text in PHRASE_STOP_WORDS or before.text in OBJECT_VERBS:
            return False
        return any(c.start == before.start for c in places.get(before.end, ())) or (
            before.pos in ("ns", "nt", "j") and len(before.text) >= 2 and not self.res.common_word(before.text, 300)
        )  # a person's name before a dash (叶利钦—桥本计划) is no party of a name

    def _complete_after_host(self, text, tokens, j, e, sfx_start, places) -> bool:
        """True when the name from ``tokens[j + 1]`` to ``e`` is complete by itself, so that
        the Chinese division ``tokens[j]`` before it is a separate modifier (GUIDELINES):

        - it opens with 中国 (北京 | 中国非物质文化遗产馆);
        - it opens with a place inside the host, which is then the first link of an address
          (河南省 | 郑州市公安局, 辽宁省 | 开原公安交警三中队);
        - it opens with a place of its own written in full (a province, or a division with
          its suffix) followed by a proper word (寿阳县 | 山西新元煤炭有限责任公司).

        A host place stays in the name otherwise: 上海市浙江商会 (the members' home province,
        not a seat: 浙江商会 names no body without its host), 宜宾三江新区, 成都兴城投资集团,
        山东民丰铸造材料有限公司 (三江, 兴城, 民丰: counties elsewhere, brands here), and
        before a curated name too (上海浦发银行, 南昌市兴业银行: the bank's branch there).
        A name also written without its host elsewhere in the text is one entity with it
        (``merge_aliases``).
        """
        first = tokens[j + 1]
        if first.start >= sfx_start:
            return False
        host = tokens[j]
        hosts = {c.ref for c in places.get(host.end, ()) if c.start == host.start and c.ref.startswith("cn:")}
        for end in range(first.end, min(sfx_start, first.start + 10) + 1):
            for c in places.get(end, ()):
                if c.start != first.start:
                    continue
                if c.ref == "CN":
                    return True  # 北京 | 中国非物质文化遗产馆: a national name opens with 中国
                if not c.ref.startswith("cn:"):
                    continue
                if hosts.intersection(self.res.parent_chain(c.ref)):
                    return True  # 河南省 | 郑州市公安局: an address, the host first
                place = self.res.places.get(c.ref)
                if place is None or (place.kind != "province" and text[c.start : c.end] != place.name):
                    continue
                nxt = next((x for x in tokens[j + 1 : j + 5] if x.start == c.end), None)
                if nxt is None or nxt.end > sfx_start or len(nxt.text) < 2:
                    continue
                if (nxt.pos in PROPER_POS and not self.res.common_word(nxt.text, 300)) or (
                    CJK.match(nxt.text) and nxt.text not in self.res.dictionary
                ):
                    return True
        return False

    @staticmethod
    def _is_country(t: Token, places) -> bool:
        for c in places.get(t.end, ()):
            if c.start == t.start and c.ref != "CN" and c.ref.isascii() and c.ref.isalpha() and len(c.ref) == 2:
                return True
        return False

    @staticmethod
    def _starts_place(t: Token, places) -> bool:
        """True when a place candidate starts at ``t`` (``places`` keyed by end or by start)."""
        if t.start in places and any(c.start == t.start for c in places[t.start]):
            return True
        return any(c.start == t.start for k in range(t.end, t.start + 10) for c in places.get(k, ()))

    @staticmethod
    def _is_division(t: Token, places) -> bool:
        return any(c.start == t.start and c.ref.startswith("cn:") for c in places.get(t.end, ()))

    def _distinctive(self, tokens, lo, hi, start, end, places) -> bool:
        """True when the body names something: a place or proper word (国家, 全国 do not
        count), a number, a quotation, or a word the dictionary does not know as common."""
        if re.search(r"[\d“”‘’\"A-Za-z]", self._text_of(tokens, lo, hi, start, end)):
            return True
        for t in tokens[lo : hi + 1]:
            if t.start < start or t.end > end:
                continue
            if t.text in PROPER_PREFIXES:
                continue
            if (t.pos in PROPER_POS and len(t.text) >= 2) or self._starts_place(t, places):
                return True
            if len(t.text) >= 2 and t.text not in self.res.dictionary:
                return True
        return False

    @staticmethod
    def _text_of(tokens, lo, hi, start, end) -> str:
        return "".join(t.text for t in tokens[lo : hi + 1] if t.start >= start and t.end <= end)

    def _generic_run(self, tokens, lo, hi, start, end) -> bool:
        """True when ``[start, end)`` is made of common dictionary words of two or more characters."""
        for t in tokens[max(lo, 0) : hi + 1]:
            if t.start < start:
                continue
            if t.start >= end:
                break
            if t.end > end or len(t.text) < 2 or not self.res.common_word(t.text, 100):
                return False
        return True

    def _first_proper(self, tokens, lo, hi, start, end, places) -> int | None:
        """Start of the first proper word (a place, a name-tagged token, 国家…) in the body.

        Only tokens wholly inside ``[start, end)`` count, so the token that carries the
        suffix (上市公司) does not vouch for itself.
        """
        for t in tokens[lo : hi + 1]:
            if t.start < start:
                continue
            if t.end > end:
                # the token that carries the suffix: a place at its head still counts (智利队)
                if any(c.start == t.start for c in places.get(end, ())):
                    return t.start
                break
            if any(
                c.start == t.start and c.end <= end for k in range(t.start + 1, min(end, t.start + 12) + 1) for c in places.get(k, ())
            ):
                return t.start
            if (
                t.pos in PROPER_POS
                and len(t.text) >= 2
                and t.text not in self.res.not_entities
                and not (t.pos != "ns" and self.res.common_word(t.text, 300))
            ):
                return t.start  # 小镇 is tagged as a name but is a common word
            if len(t.text) >= 2 and t.text in self.res.lexicon_forms and t.text not in self.res.gated_forms:
                return t.start  # 八路军文化旅游区: a named body the tagger files as a noun
            if t.text in PROPER_PREFIXES:
                return t.start
        return None
