"""Names of other shapes: glosses in Latin letters and companies listed before 等企业, found
by code; and the checks of the pattern rules of data/rules/entities.toml for quoted programme
names (“六稳”), names joined by a dot (哈利·波特), numbered party sessions, datelines
(新华社北京电), a web page's source field (来源：吴川融媒), photo credits and Latin names
after a title. (Newspapers in title brackets are a pattern alone; one-character
abbreviations in context, 中美关系 and 对华, are read by :mod:`kg.extract.abbreviations`,
a part of :class:`OtherNames`.)"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence

from kg.extract.abbreviations import CountryAbbreviations
from kg.extract.body_words import kind_of_company
from kg.extract.candidates import CJK, NOT_NAME_TAIL, TITLE_CUES_AFTER, Candidate, NameChecks
from kg.extract.dotted_names import VESSEL_AFTER, dotted_name_by_words, function_word_at, nationality
from kg.extract.name_runs import NameRuns
from kg.extract.named_projects import NamedProjects
from kg.extract.patterns import Hit
from kg.extract.programme_lists import ProgrammeLists
from kg.extract.segment import Tokens
from kg.model import Token
from kg.resources import Resources

#: Latin letters in brackets after a name: （Gertjan Verbeek）, (ColinMcRae).
LATIN_GLOSS = re.compile(r"[（(]([A-Za-z][A-Za-z .'’-]{2,40}[A-Za-z])[)）,，]")
#: A list of names before 等 + a kind of company: 广宇通科技、林海腐植酸等重点企业.
#: (Read through ``listed_company_matches``: searched over the text, the pattern tries
#: every start in a long list and runs through the rest of it each time.)
LISTED_COMPANIES = re.compile(
    r"((?:[\u4e00-\u9fffA-Za-z0-9]{2,10}、)+[\u4e00-\u9fffA-Za-z0-9]{2,10})"
    r"等(?:[\u4e00-\u9fff]{0,4})?(?:企业|公司|集团|厂商|品牌|民营企业)"
)
#: Words between 等 and 企业 that make the list one of trades, places, offices or kinds, not of
#: companies (…等行业企业, …等各类保供企业, …等部门组成企业服务专班, …等地供电企业, …等业态企业,
#: …等称号的企业, …等环节支持企业).
LIST_OF_KINDS = re.compile(r"行业|产业|领域|业态|部门|单位|环节|称号|方面|板块|类|地")
#: An item of a list of companies: the characters between two 、 or 以及.
LIST_ITEM = re.compile(r"(?:以及)?((?:(?!以及)[^、])+)")
#: A maximal stretch of list items and 、: every match of LISTED_COMPANIES lies inside one.
_LIST_STRETCH = re.compile(r"(?<![\u4e00-\u9fffA-Za-z0-9、])[\u4e00-\u9fffA-Za-z0-9、]++")
#: What must close a list of companies; a stretch without it holds no match.
_LIST_END = re.compile(r"等[\u4e00-\u9fff]{0,4}?(?:企业|公司|集团|厂商|品牌|民营企业)")
#: What follows 讯/电 in a dateline without a date: a space or a bracket.
_AFTER_DATELINE = re.compile(r"[\s(（]")
#: The paper's or the station's own name in its datelines (本报北京6月1日电).
OWN_OUTLETS = frozenset({"本报", "本台", "本刊", "本网"})
#: A reporter's bracket after 讯 (荆楚网讯(通讯员刘元金), 讯（记者 张三）).
_BYLINE_BRACKET = re.compile(r"[(（]\s*(?:[^()（）\s]{0,4}记者|通讯员|实习生)")
#: A quoted event's name: words and numbers (“2024从都国际论坛”), not a formula
#: (“现场会议+视频会议”).
EVENT_QUOTED = re.compile(r"[\u4e00-\u9fff\d·]+")
#: The middle dots of a foreign name (哈利·波特).
DOTS = re.compile("[·•・]")
#: A numbered slogan: a count and a word or two (三高四新, 两重, 八场硬仗, 三个一批, 十四五).
NUMBERED_SLOGAN = re.compile(r"[一二三四五六七八九十两]+[个個大场場项項条條张張件篇种]?[\u4e00-\u9fff]{0,6}")
#: The words right after a quote, up to a mark: the noun phrase it may open.
PHRASE_AFTER_QUOTE = re.compile(r"[\u4e00-\u9fff]{0,8}")
#: A slogan numbered in digits: 6廊7轴8通道.
DIGIT_SLOGAN = re.compile(r"(?:\d+[\u4e00-\u9fff]{1,3})+")
#: Verbs of carrying a numbered slogan out, and words after one that make it a programme.
SLOGAN_VERBS = ("构建", "巩固", "实施", "推进", "落实", "打好", "打赢", "抓好", "做好", "实现", "抢抓", "聚焦", "围绕", "践行", "深化", "开展", "推动", "锚定", "紧扣", "决战", "完成", "實施", "推進", "落實", "實現")
SLOGAN_AFTER = ("成果", "收官", "开局", "開局", "活动", "活動", "机遇", "機遇", "工程", "行动", "行動", "战略", "戰略", "规划", "規劃", "目标任务", "蓝图", "藍圖")
#: Words after a numbered term that make it a kind of thing, not a programme: “五上”企业.
SLOGAN_CATEGORY_AFTER = ("企业", "企業", "单位", "單位", "人员", "人員", "产品", "產品", "标准", "標準")
#: Verbs before a quote that as often take a figure or a goal (打造“千里眼”, 建设“和平金砖”,
#: 融入“大我”, 推动“铁路+文旅”融合) as a programme: alone they make a quote one only when it
#: says so itself (``OtherNames._names_programme``).
WEAK_CONTEXT_BEFORE = frozenset({"打造", "建设", "推动", "融入"})
INITIATIVE_CONTEXT_BEFORE = ("实施", "推进", "推动", "打造", "落实", "对接", "做好", "抓好", "开展", "建设", "融入", "参与", "创建", "争创", "推行", "启动", "开通", "深化")
#: The ends of a quoted route that is a programme built by several parties (“绿色丝绸之路”,
#: “空中丝绸之路”, “国际陆海贸易新通道”); a “绿色通道” or a “委员通道” is none.
ROUTE_PROGRAMMES = ("丝绸之路", "丝路", "贸易新通道")
#: After a quote that describes a noun (“长牙齿”的措施) or in 做好“…”文章 (make the most of).
QUOTE_MODIFIES = ("的", "文章")
INITIATIVE_CONTEXT_AFTER = ("工程", "计划", "行动", "品牌", "平台", "建设", "工作", "任务", "战略", "倡议", "政策", "机制", "项目", "试点", "改革", "体系")
#: Nouns after a quote that make it the manner, goal, label or place of something, not a
#: programme: 落实“双闭环”管理, 开展“拉网式”排查, 开展“点对点”服务, 实现“双碳”目标, “专精特新”
#: 中小企业, 聚焦“三北”地区.
QUOTE_MANNER_AFTER = (
    "管理", "排查", "服务", "检测", "模式", "方式", "状态", "理念", "精神", "目标", "称号", "荣誉",
    "标签", "效应", "现象", "难题", "思维", "中小企业",
    # a region named by a count (“三北”地区: the programme is 三北工程)
    "地区",
)
#: The quotes of a chain after the first, and a count of them: “稳存量”“挖变量”“扩增量”三篇文章,
#: 做好“人水关系”这篇大文章.
QUOTE_CHAIN = re.compile(r"(?:[、和与及]?“[^“”]{1,14}”)*(?:(?:这|那)?[一二三四五六七八九十两]*[篇个]大?)?")
#: Quoted terms that name no programme whatever the verb: a city's nickname (“演艺之都”,
#: “体育之城”) and a record of years in a row (实现“二十一连丰”, “十连增”): goals and
#: nicknames are no Initiatives (GUIDELINES). Nor is a ship, a satellite or a probe (“探索三号”,
#: “澳门科学一号”), an honour (“共和国勋章”), a doctrine, a state or a strike (实施“国家恐怖
#: 主义”, 实施“静默状态”, 实施“精准打击”), or a manner (打造“一站式”办理平台). (A mode, “刷脸代替刷证”模式, is none either:
#: 模式 after a quote is no word of programmes.)
QUOTED_NO_PROGRAMME = re.compile(
    r".+(?:之都|之城|之乡)|[一二三四五六七八九十百两\d]+连[丰增胜冠涨升]"
    r"|.+[一二三四五六七八九十百\d]+号|.+(?:勋章|奖章)|.+(?:主义|状态|打击|轰炸|袭击)|.+(?<!仪)式"
)



class OtherNames(CountryAbbreviations, ProgrammeLists, NamedProjects):
    """The pattern finders; ``runs`` splits runs of names (photo credits), ``checks``
    answers the questions on titles."""

    def __init__(self, res: Resources, checks: NameChecks, runs: NameRuns):
        self.res = res
        self.checks = checks
        self.runs = runs
        abbr_chars = "".join(sorted(set(res.country_abbr) | set(res.province_abbr)))
        self._abbr_run = re.compile(f"([{re.escape(abbr_chars)}]{{2,4}})")
        self._abbr_list = re.compile(f"[{re.escape(abbr_chars)}](?:、[{re.escape(abbr_chars)}])+")
        #: the word class of the tokens ``abbreviations`` reads one by one (every other word
        #: fails its tests), asked once a word by the pattern engine (``PatternDoc.where``)
        self.anchors = {"abbr-word": self._may_hold_abbreviation}

    def listed_companies(self, text: str, tokens: Sequence[Token]) -> list[Candidate]:
        """Names listed before 等…企业 (广宇通科技、林海腐植酸等重点企业) are companies."""
        out: list[Candidate] = []
        matches = list(listed_company_matches(text))
        if not matches:
            return out
        tokens = Tokens.of(tokens)
        at = dict(zip(tokens.starts, range(len(tokens))))  # start -> token
        for m in matches:
            # the items, split at 、 and at 以及 (交通银行以及中信集团、中国人保等中央金融企业)
            spans = [x.span(1) for x in LIST_ITEM.finditer(text, m.start(1), m.end(1))]
            items = [text[s:e] for s, e in spans]
            if len(items) < 2 or LIST_OF_KINDS.search(text, m.end(1), m.end()) or text.startswith(("展", "家"), m.end()):
                continue  # 石油天然气开采、煤炭采选等行业企业, 发改、工信等部门组成…: kinds, not names; 等企业展, 等企业家
            if self._verb_after_deng(tokens, at, m):
                continue  # …机制等缓解重点企业招聘难题: a verb after 等 takes the companies; the list is of something else
            if any(kind_of_company(item, self.res.industry_words) for item in items):
                continue  # 30多家发电、石油石化、新能源等企业, 个体工商户: trades and kinds, not names
            for n, (s, e) in enumerate(spans):
                while n == 0 and s in at and tokens.tags[at[s]] in ("v", "p", "c", "d", "r") and tokens.ends[at[s]] < e:
                    s = tokens.ends[at[s]]  # 推动广宇通科技: the verb before the list is not a name
                for k in range(min(e - 2, s + 6), s + 1, -1):
                    if text[s:k] in self.res.place_forms and e - k >= 2:
                        # 灵石县广宇通科技: the county is part of the company's name (GUIDELINES),
                        # unless the rest opens with a place inside it (山西省|太原…)
                        if self._opens_within(text[s:k], text[k:e]):
                            s = k
                        break
                item = text[s:e]
                if s not in at or not 2 <= len(item) <= 10 or self.res.common_word(item, 300):
                    continue
                if item in self.res.not_entities or item in self.res.place_forms:
                    continue
                out.append(Candidate(s, e, "Enterprise", "listed-company", 1))
        return out

    @staticmethod
    def _verb_after_deng(tokens: Tokens, at: dict[int, int], m: re.Match) -> bool:
        """Whether a verb stands between the 等 closing a list and the kind of company after
        it (…机制等缓解重点企业): then the companies are the verb's object, not the list."""
        k = at.get(m.end(1) + 1)
        while k is not None and k < len(tokens) and tokens.ends[k] <= m.end() - 2:
            if tokens.tags[k].startswith("v"):
                return True
            k += 1
        return False

    def _opens_within(self, host: str, rest: str) -> bool:
        """Whether ``rest`` opens with 中国 or with a place that lies inside the place
        ``host`` names (山西省 | 太原重工): then ``host`` is the first link of an address."""
        hosts = set(self.res.place_forms.get(host, ()))
        for n in range(min(len(rest) - 1, 7), 1, -1):
            ids = self.res.place_forms.get(rest[:n])
            if ids and ("CN" in ids or any(hosts.intersection(self.res.parent_chain(i)) for i in ids)):
                return True
        return False

    def dotted_name(self, hit: Hit) -> Candidate | None:
        """The check of the rule dotted: a foreign name written with a middle dot (何塞·米格尔·
        因苏尔萨, 阿尤布·汗, 阿·德米特里延科) in a run of Chinese characters and dots, read by its
        characters (``_dotted_by_characters``) or, where that reaches further, by the words
        around the dots (``kg.extract.dotted_names``: 阿不都·黑力力, 拉·甘地, 安迪·葛鲁夫)."""
        by_chars = self._dotted_by_characters(hit)
        found = dotted_name_by_words(self.res, self.checks, hit.doc.text, hit.doc.tokens, hit.start, hit.end)
        if found is None:
            return by_chars
        if by_chars is not None and by_chars.start < found[0] and nationality(self.res, hit.doc.text[by_chars.start : found[0]]):
            # 荷兰人 | 维姆·杜伊森贝赫: the characters reading ran over the nationality before the name
            return Candidate(found[0], max(found[1], by_chars.end), "Person", "dotted", 2)
        if by_chars is None or (found[0] <= by_chars.start and by_chars.end <= found[1] and found != (by_chars.start, by_chars.end)):
            return Candidate(found[0], found[1], "Person", "dotted", 2)
        if found[0] <= by_chars.start and found[1] < by_chars.end and function_word_at(hit.doc.tokens, found[1], by_chars.end):
            # 乔治·弗洛伊德 | 因/p 警察…: the characters reading took a function word as a name's
            return Candidate(found[0], found[1], "Person", "dotted", 2)
        return by_chars

    def _dotted_by_characters(self, hit: Hit) -> Candidate | None:
        """A dotted name read by its characters.

        Each part is a run of transliteration characters; the name opens where the
        characters before the first dot stop being such (外长 | 阿尤布) and ends where they
        stop after the last dot (因苏尔萨 | 今天). A last part of one other character is
        taken only before a reporting verb or a boundary (阿尤布·汗表示).
        """
        tr, text = self.res.translit_chars, hit.doc.text
        m_start, m_end = hit.start, hit.end
        parts = DOTS.split(hit.surface)
        first, middle, last = parts[0], parts[1:-1], parts[-1]
        k = len(first)
        while k > 0 and first[k - 1] in tr:
            k -= 1
        if k == len(first) or any(len(p) < 2 or not all(c in tr for c in p) for p in middle):
            return None
        for k2 in (k + 1, k + 2):
            if k2 < len(first) and self.checks.title_before(first[:k2]):
                k = k2  # 副总理 | 阿斯卡尔: the title's last character is no part of the name
        n = 0
        while n < len(last) and n < 8 and last[n] in tr:
            n += 1
        if n and len(last) == n + 1 and last[-1] not in NOT_NAME_TAIL and last[-1] not in "著译编" and (m_end >= len(text) or not CJK.match(text[m_end])):
            n += 1  # 阿斯卡尔·马明，: a last part ending at a boundary is whole (not 莱德菲尔德著，)
        elif n >= 3 and n < len(last) and self.res.common_word(last[n - 1 : n + 1], 1000):
            n -= 1  # 科菲·安南 | 希望: the last character opens a common word with what follows
        if n == 0:
            after = m_end - len(last) + 1
            if not (after >= len(text) or not CJK.match(text[after]) or any(text.startswith(v, after) for v in TITLE_CUES_AFTER)):
                return None
            n = 1
        start = m_start + k
        end = m_end - len(last) + n
        name = text[start:end]
        letters = [c for c in name if not DOTS.match(c)]
        if len(letters) < 4 or name in self.res.place_forms or name in self.res.not_entities or text.startswith(VESSEL_AFTER, end):
            return None  # (“卡尔·文森”号: a ship's name)
        return Candidate(start, end, "Person", "dotted", 2)

    def latin_name(self, hit: Hit) -> bool:
        """The check of the rule latin-name (音乐总监Brad Buxer, 游戏总监JayWilson, 队长ArtStyle):
        a title ends right before the name."""
        s = hit.start
        return self.checks.title_before(hit.doc.text[max(0, s - self.checks.title_max) : s])

    @staticmethod
    def glossed_names(text: str, chosen: Sequence[Candidate]) -> list[Candidate]:
        """A person's name in Latin letters in brackets right after the Chinese one:
        沃尔贝克（Gertjan Verbeek）. It is the same person, an alias."""
        out = []
        for c in chosen:
            if c.type != "Person":
                continue
            m = LATIN_GLOSS.match(text, c.end)
            if m:
                out.append(Candidate(m.start(1), m.end(1), "Person", "latin-gloss", 1, name=c.name or text[c.start : c.end]))
        return out

    def session(self, hit: Hit) -> Candidate:
        """The check of the rule session: a numbered session of a party committee or a party
        congress (市委六届六次全会, 省十一次党代会). A place right before the committee opens
        the name (长沙市委六届六次全会), and so does the party before that place (中国共产党澧县
        第十二届委员会第四次全体(扩大)会议). The finder leaves the places by where they end in
        ``hit.doc.state["place_by_end"]``."""
        text, places, s = hit.doc.text, hit.doc.state.get("place_by_end", {}), hit.start
        opens = text[s]
        if opens in "省市县区州旗縣第" or opens in "一二三四五六七八九十百零〇两0123456789":
            # 长沙 | 市委…, 长沙市 | 委… (the place may hold the committee's first character)
            here = [c for c in places.get(s, ()) if c.start < s]
            here += [c for c in places.get(s + 1, ()) if c.start < s and opens in "省市县区州旗縣"]
            if here:
                s = min(c.start for c in here)
                for party in ("中国共产党", "中國共產黨", "中共"):
                    if text.startswith(party, s - len(party)):
                        s -= len(party)
                        break
        return Candidate(s, hit.end, "Event", "session", 2)

    def dateline(self, hit: Hit) -> Candidate | list[Candidate] | None:
        """The check of the rule dateline: the outlet of a dateline opening a story (湖南日报8月
        26日讯, 新快报讯, 石榴云快讯, (央广网3月2日讯, 中评社南京12月18日电: the place after the
        outlet is left out).

        A date, or a space or bracket after 讯/电, shows that the line is a dateline and not a
        sentence that opens with a word ending in 电 (来电); after a bracket and a space inside
        a line only a date (） 中评社南京12月18日电) or a reporter's bracket after 讯 does
        (左乙辰摄 荆楚网(湖北日报网)讯(通讯员…), the outlet's other name in brackets left out).
        据 before the outlet (据新华社北京5月6日电) is left out, and 本报, 本台 name no outlet;
        an undated 快讯 that ends its line is a column's heading (国际联播快讯). The outlet
        outranks the suffix grammar's reading of the same span (昆明信息港讯 names no port)."""
        m, text, s = hit.match, hit.doc.text, hit.start
        head = hit.surface
        dated = m.group("date") is not None
        if not dated and not _AFTER_DATELINE.match(text, m.end()):
            return None
        if not dated and text.startswith("\n", m.end()) and m.group().endswith("快讯"):
            return None  # 国际联播快讯 on a line of its own: a column's heading, no outlet's dateline
        if m.start() > 0 and text[m.start() - 1] in " \t\u3000" and not dated and not _BYLINE_BRACKET.match(text, m.end()):
            return None  # after a space inside a line only a date or a reporter's bracket shows a dateline
        if head.startswith("据"):
            head, s = head[1:], s + 1
        name = head
        for k in range(2, len(head) - 1):
            if self.res.place_forms.get(head[k:]):
                name = head[:k]  # 中评社 | 南京
                break
        else:
            outlet = self._dateline_outlet(head)
            if outlet:
                # 新华社 | 拉塔基亚, 本报 | 不来梅: a known outlet, then the place it reports from
                place = Candidate(s + len(outlet), s + len(head), "Place", "dateline", 2)
                if outlet.startswith("本"):
                    return place
                return [Candidate(s, s + len(outlet), "Organization", "dateline", 3), place]
        if name.startswith("本") or name in self.res.not_entities or self.res.common_word(name):
            return None
        if len(name) < 2 or self.res.place_forms.get(name):
            return None
        return Candidate(s, s + len(name), "Organization", "dateline", 3)

    def _dateline_outlet(self, head: str) -> str:
        """The outlet opening a dateline's ``head`` when a place the gazetteer lacks follows it
        (新华社拉塔基亚, 本报不来梅): an outlet of the lexicon or the paper's own 本报/本台,
        then two to eight Chinese characters that are no ordinary word; else ""."""
        for k in range(min(len(head) - 2, 8), 1, -1):
            outlet, rest = head[:k], head[k:]
            entry = self.res.lexicon_forms.get(outlet)
            if not (outlet in OWN_OUTLETS or (entry is not None and entry.type == "Organization")):
                continue
            if 2 <= len(rest) <= 8 and CJK.fullmatch(rest) and not self.res.common_word(rest, 100) and rest not in self.res.not_entities:
                return outlet
            return ""
        return ""

    def source(self, hit: Hit) -> Candidate | None:
        """The check of the rule source: the outlet of a web page's source field (来源：吴川融媒).
        The page's own site (本站, 本网) and fillers that are ordinary words (网络, 综合,
        互联网) name no outlet; an outlet's name may be an ordinary word (人民网), as a name
        ending in 网, 报, 社 or 台 shows. A place (来源：扬州经济技术开发区, 来源：某某县) is
        the body that published the page but is left to the rules of places, as the longer
        or equal span of the suffix grammar wins over this one."""
        name = hit.surface
        if name.startswith("本") or self.res.place_forms.get(name):
            return None
        if self.res.common_word(name) and not name.endswith(("网", "报", "社", "台")):
            return None
        return Candidate(hit.start, hit.end, "Organization", "source", 1)

    def photo_credit(self, hit: Hit) -> Candidate | None:
        """The check of the rule byline:photo (签约仪式现场。张北男 摄 / 左乙辰摄 荆楚网讯): the
        name between a sentence end, a space or a bracket and 摄 (then a line end, a space or
        a closing bracket, so 拍摄 and 摄制 in a sentence are not credits) is one name."""
        names = self.runs.split_names(hit.surface)
        if not names or len(names) != 1:
            return None
        return Candidate(hit.start, hit.end, "Person", "byline:photo", 1, name=names[0])

    def _event_word(self, name: str) -> bool:
        """``name`` ends with a suffix of events of the suffix grammar after a body of two
        characters or more (五五购物节, 鱼跃中山美食节), as a quoted name the grammar
        does not read (the quote marks end its body); a suffix that takes a place for its
        body (冲突, 危机) only after one (“直接冲突” is no event)."""
        rules = self.res.suffix_map
        for n in range(min(len(name) - 2, 5), 1, -1):
            rule = rules.get(name[-n:])
            if rule is not None:
                return rule.type == "Event" and (rule.body != "place" or name[:-n] in self.res.place_forms)
        return False

    def _names_programme(self, inner: str) -> bool:
        """Whether a quoted term says by itself that it is a programme: it ends with a word of
        programmes of the suffix grammar (“头条工程”, “十大伙伴行动”) or of a shared route
        (“绿色丝绸之路”), is a known programme, or is a numbered slogan (“6廊7轴8通道”)."""
        for n in range(min(len(inner) - 1, 5), 1, -1):
            rule = self.res.suffix_map.get(inner[-n:])
            if rule is not None and rule.type == "Initiative":
                return True
        entry = self.res.lexicon_forms.get(inner)
        if inner.endswith(ROUTE_PROGRAMMES):
            return True  # 打造“绿色丝绸之路”, 推动“国际陆海贸易新通道”: a route built together
        return (entry is not None and entry.type == "Initiative") or bool(NUMBERED_SLOGAN.fullmatch(inner) or DIGIT_SLOGAN.fullmatch(inner))

    def quoted_name(self, hit: Hit) -> Candidate | None:
        """The check of the rule quoted: a quoted festival or meeting (“五五购物节”: an Event
        by the suffix grammar's words of events), or a quoted programme name (“六稳”, “三个一批”, “晋创谷”)
        after a verb of carrying it out or before a word of programmes, a brand with a place
        (“晋创谷·太原”), or a numbered slogan carried out (打好“八场硬仗”, 抢抓“两重”“两新”机遇,
        “十三五”收官) but not a kind of company counted in statistics (“五上”企业)."""
        m, text, inner = hit.match, hit.doc.text, hit.surface
        state = hit.doc.state
        parts = DOTS.split(inner)
        if len(parts) == 2 and all(len(p) >= 2 for p in parts) and any(p in self.res.place_forms for p in parts):
            return Candidate(hit.start, hit.end, "Initiative", "quoted", 2)  # “投资中国·对话山西”
        before = text[max(0, m.start() - 4) : m.start()]
        after = text[m.end() : m.end() + 4]
        if not re.search(r"[\u4e00-\u9fff]{2}", inner) or QUOTED_NO_PROGRAMME.fullmatch(inner):
            return None
        if self._event_word(inner) and EVENT_QUOTED.fullmatch(inner):
            return Candidate(hit.start, hit.end, "Event", "quoted", 2)  # “五五购物节”: a festival, whatever the verb
        short = len(inner) <= 8
        verb = next((w for w in INITIATIVE_CONTEXT_BEFORE if before.endswith(w)), None)
        if verb in WEAK_CONTEXT_BEFORE and not self._names_programme(inner) and not _programme_after(text, m.end()):
            verb = None  # 打造“千里眼”, 建设“和平金砖”, 推动“铁路+文旅”: a figure or a goal
        ok = short and (verb is not None or any(after.startswith(w) for w in INITIATIVE_CONTEXT_AFTER))
        # 打造“香山古韵”“岐水流芳”乡村振兴示范带: a quote chained to a programme taken is one too
        ok = ok or (short and _chained(text, m.start(), state) and _programme_after(text, m.end()))
        if after.startswith(SLOGAN_CATEGORY_AFTER) and NUMBERED_SLOGAN.fullmatch(inner):
            ok = False  # “五上”企业, “四上”单位: a kind of company counted in statistics
        elif not ok and NUMBERED_SLOGAN.fullmatch(inner):
            # a numbered slogan carried out is a programme (GUIDELINES); one right after
            # another taken is one too (“两重”“两新”)
            ok = (
                any(before.endswith(w) for w in SLOGAN_VERBS)
                or after.startswith(SLOGAN_AFTER)
                or (m.start() == state.get("quoted", -1) and not re.match(r"[\u4e00-\u9fff]", after))
            )
        if not ok or inner.endswith("的") or after.startswith(QUOTE_MODIFIES):
            # a quote describing the noun after it (实施“足不出户”的封控措施) names no programme
            return None
        # what the chain of quotes this one opens qualifies (做好“稳存量”“挖变量”三篇文章,
        # “链主”企业, 落实“双闭环”管理): a figure of speech, a kind of company, a manner
        at = QUOTE_CHAIN.match(text, m.end()).end()
        word = next((w for w in QUOTE_MODIFIES + SLOGAN_CATEGORY_AFTER + QUOTE_MANNER_AFTER if text.startswith(w, at)), None)
        if word is not None and not text.startswith(INITIATIVE_CONTEXT_AFTER, at + len(word)):
            return None  # (打造“外企之家”服务品牌: the brand is the programme's)
        state["quoted"] = m.end()  # where a quote right after this one would start
        return Candidate(hit.start, hit.end, "Initiative", "quoted", 1)


def _chained(text: str, start: int, state: dict) -> bool:
    """Whether the quote opening at ``start`` follows the last quote taken, right after it or
    after 、 (“香山古韵”“岐水流芳”, “两重”、“两新”)."""
    end = state.get("quoted", -1)
    return end == start or (end == start - 1 and text[end] == "、")


def _programme_after(text: str, end: int) -> bool:
    """Whether the words after a quote (and the quotes chained to it) make a noun phrase
    headed by a word of programmes: 打造“外企之家”服务品牌, 建设“晋创谷”创新驱动平台,
    打造“香山古韵”“岐水流芳”乡村振兴示范带."""
    at = QUOTE_CHAIN.match(text, end).end()
    run = PHRASE_AFTER_QUOTE.match(text, at).group(0)
    return any(w in run for w in INITIATIVE_CONTEXT_AFTER + ("示范带", "示范区"))


def listed_company_matches(text: str) -> Iterator[re.Match]:
    """The matches of ``LISTED_COMPANIES.finditer(text)``, in time linear in the text.

    A match lies inside a stretch of item characters and 、, and is items of 2–10
    characters each followed by 、, then a last item before 等 and a kind of company. Its
    first item is the tail of a field (the characters between two 、) and the rest are whole
    fields, so whether a match starts in a field depends only on the field, not on where
    in it: when the earliest start in field i fails, so do all starts up to the first field
    after it that cannot be a whole item (it runs into the same break). The pattern is
    tried once at the earliest start of a field, and after a failure the search jumps past
    those fields, so no list is read more than a few times. A text with no end of a list
    (等…企业, in a few stories in a hundred) has none, found by one search.
    """
    if _LIST_END.search(text) is None:
        return
    for stretch in _LIST_STRETCH.finditer(text):
        s0, e0 = stretch.span()
        if text.find("、", s0, e0) == -1 or not _LIST_END.search(text, s0, e0):
            continue
        # field i runs from edges[i] + 1 to edges[i + 1]
        edges = [s0 - 1, *(m.start() for m in _LIST_SEPARATOR.finditer(text, s0, e0)), e0]
        last = len(edges) - 2
        # breaks[i]: the first field from i on that is no whole item (2–10 characters
        # before a 、), or the last field
        breaks = [last] * (last + 1)
        for i in range(last - 1, -1, -1):
            breaks[i] = breaks[i + 1] if 2 <= edges[i + 1] - edges[i] - 1 <= 10 else i
        pos = s0
        i = 0
        while i < last:
            start = max(edges[i] + 1, edges[i + 1] - 10, pos)
            if start > edges[i + 1] - 2:
                i += 1
                continue
            m = LISTED_COMPANIES.match(text, start, e0)
            if m is None:
                i = breaks[i + 1]
                continue
            yield m
            pos = m.end()
            i = bisect_left(edges, pos) - 1


_LIST_SEPARATOR = re.compile("、")
