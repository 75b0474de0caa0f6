"""The ``adjacent`` engine (a place right before a name: located_in, or part_of when the
gazetteer confirms the nesting) and the ``venue`` engine (EVENT 在 PLACE 举行, EVENT上，PERSON,
the organisers of an event, 在 SITE，PERSON VERB on a tour, the place of a dateline)."""

from __future__ import annotations

import re
from bisect import bisect_left

from kg.extract.body_words import SUB_EVENT_WORDS
from kg.extract.held_events import held_inside
from kg.extract.relation_base import CLAUSE_END, CLAUSE_MARK, LIST_MARKS
from kg.extract.relation_tours import TourReaders
from kg.model import Mention, Sentence

#: A news agency's dateline: agency, place, date, 电 (新华社重庆4月23日电).
DATELINE = re.compile(r"(?:新华社|中新社|本报|人民网|央视网消息)(?:记者[\u4e00-\u9fff、 ]{0,12})?([\u4e00-\u9fff]{2,8}?)\d{1,2}月\d{1,2}日电")
#: What may stand before an event that opens a sentence: a date, nothing else.
LEADING_TIME = re.compile(r"[\s\d年月日号，,、－\-—至到初底中旬上下]*")
#: A dateline or source line before an event that opens its report (新华社北京7月7日电,
#: 央视网消息（新闻联播）：9月4日上午，).
DATELINE_LEAD = re.compile(r"(?:电|消息|讯)[）)]?[\s：:，,]*[\d年月日号上下午晚]*$")
#: Words that make an organising verb a noun (主办方, 承办单位).
ORGANISER_NOUN_AFTER = ("方", "单位", "者", "权", "城市", "地")
#: A later organiser's verb describing an event after it (由A主办，B承办的系列“云上边会”): the
#: event named before 由 is not the one organised.
ORGANISED_DE = re.compile(r"[^。；;]*?(?:主办|承办|协办|举办|联办)的")
#: Between the organisers and the verb: 联合主办, 共同承办.
ORGANISER_JOINT = re.compile(r"(?:联合|共同)$")
#: Between an organiser and its verb besides 联合/共同: a time, an adverb, the venue after 在
#: (its name written as @), the 等 closing a list: 今天（1月19日）, 30日上午在@, 近日在线, 也,
#: 成功, 等6部门.
ORGANISER_GAP = re.compile(
    r"(?:今天|昨天|今年|近日|日前|当天|同日|\d{1,2}月\d{1,2}日|\d{1,2}日|上午|下午|晚上|晚间|[（(][^）)，,]{1,15}[）)]"
    r"|也|还|又|已|已经|再次|首次|正式|成功|隆重|于|在线|线上|在@"
    r"|等(?:\d+|[两二三四五六七八九十]+)?个?(?:部门|单位|机构|方面)?)+"
)
#: Places found by these rules are administrative units below a county (settlement: a village
#: or town whose name the segmenter cut, kg.extract.settlements).
LOCAL_UNITS = frozenset({"suffix:村", "suffix:镇", "suffix:乡", "suffix:街道", "settlement"})
#: The rule of a county named by its suffix, one the gazetteer lacks in that form (澜沧县 of
#: 澜沧拉祜族自治县).
COUNTY_RULE = "suffix:县"
#: Rules of a foreign town's name (马斯卡廷 before a place word, 科尔雷恩市 spelt out).
FOREIGN_TOWNS = frozenset({"pos:foreign-place", "foreign-place"})
#: Words between a place and its capital (哈萨克斯坦首都阿斯塔纳, 湖南省会长沙).
CAPITAL_WORDS = frozenset({"首都", "首府", "省会"})
#: What follows the sender of a message (习近平致…的贺信, 习近平发来贺电, 习近平的贺信): one
#: who writes to an event does not attend it; one who 致辞 speaks there.
SENDS = re.compile(r"致[^辞词，。；,;]{1,24}?(?:贺信|贺电|信)|发来贺|的贺信|的贺电")
#: The coming of a guest described by the event he attends (来华出席…峰会的…总统).
GUEST_CAME = re.compile(r"(?:来华|来京|前来|应邀|专程)(?:出席|参加)$")
#: Words of a site named after a place or a company, which the finder left out of the name
#: (尖扎黄河特大桥, 南极秦岭站, 乌江寨, 首钢园区): what lies at the place before is the site.
NAME_RUNS_ON = ("特大桥", "大桥", "站", "寨", "园区", "大跳台")
#: Regions and seas of the gazetteer: one is not located in another it stands next to.
AREA_KINDS = frozenset({"region", "sea"})
ADMIN_KINDS = frozenset({"country", "province", "prefecture", "county", "state"})
#: Words between a continent, a region or an ocean and a country of it (太平洋岛国巴布亚新几内亚,
#: 非洲国家埃及); with none between (拉美哥斯达黎加) the country is located there too.
REGION_COUNTRY_WORDS = frozenset({"国家", "岛国", "小国", "内陆国"})


#: An event's own part and its being held, closed by a comma, after the event's name
#: (博鳌亚洲论坛2022年年会开幕式21日上午在海南博鳌举行，…; …经验交流会18日在京召开，…), or
#: by the space that parts a headline's two halves (…座谈会在京举行 王沪宁出席).
HELD_THEN = re.compile(
    r"(?:开幕式|闭幕式|开幕会|闭幕会|开班式|结业式|启动仪式)?[^，。；,;：:《》\s]{0,24}?"
    r"(?:举行|召开|开幕|闭幕|开班|结业|启动)了?(?:[，,]|[ \u3000]+)"
)
#: Between the place after 在 and the verb of holding, besides two characters (隆重, 同时):
#: how it is held (以视频连线方式, 分三期) or a site of the place the finder did not name (在
#: 瑞典斯德哥尔摩音乐厅举行, 在沈阳抗美援朝烈士陵园举行: the event is in that place).
VENUE_GAP = re.compile(
    r"(?:等地)?(?:[\u4e00-\u9fff]{0,8}?(?:音乐厅|大厅|会议厅|会议中心|会展中心|展览中心|体育馆|体育场|广场|陵园|宾馆|酒店|饭店|大厦|剧院|会堂))?"
    r"(?:隆重|盛大|同时|陆续|正式|分[两三四五]期|以[^，。；,;]{1,8}?方式)*"
)
#: A description of the venue between 在 and its name (在被称为“四叶草”的上海国家会展中心举行,
#: 在刚刚落成的…): a clause that ends with 的 and holds no verb of holding.
VENUE_DESCRIBED = re.compile(r"(?:(?!举行|召开|举办|开幕)[^，。；,;：:])*?[\u4e00-\u9fff”\"]的")
#: The same with the verb before the event (活动现场还举行了第三届…论坛开幕式，…).
HELD_BEFORE = re.compile(r"(?:举行|召开)了?$")
PART_THEN = re.compile(r"(?:开幕式|闭幕式|开幕会|闭幕会|启动仪式)?[，,]")
#: What the persons opening the next clause do there: attend, speak or chair
#: (王沪宁出席并讲话, 习近平以视频方式发表…主旨演讲, 王文涛、慎海雄作主旨演讲, 赵乐际委员长主持).
SPEAKS = re.compile(r"[^，。；,;：:]{0,10}?(?:出席|致辞|发表|作(?:了)?(?:主旨|重要|专题)?(?:演讲|讲话|报告)|讲话|主持)")
#: A session before 上 (…论坛全会上), and speaking at an event right after 在 (在…峰会发表讲话).
SESSION = re.compile(r"(?:" + SUB_EVENT_WORDS + r"|全会|全体会议|全体大会|分论坛|主论坛|平行论坛)?")
#: Unnamed bodies of a level listed between two named ones (、省侨联、省台办、).
UNNAMED_ITEMS = re.compile(r"、(?:[省市县区州][\u4e00-\u9fff]{1,5}、)+")
#: A report made to a meeting after 向 it (向全会作了《…》的报告, 向大会作政府工作报告).
REPORTS_TO = re.compile(r"(?:作|做)了?[^，。；;,]{0,60}?(?:报告|讲话|说明|汇报)")
#: One sent to report: 委托X向…作说明, 由X向…作报告 (the report is still to come).
ENTRUSTED = re.compile(r"委托|受托|提请|由")
#: A plan between a person and 在: 将在…期间, 要在…期间.
FUTURE_BEFORE = re.compile(r"将|要|拟|计划|准备")
SPEAKS_AT = re.compile(r"发表|致辞|作(?:了)?(?:主旨|重要|专题)?(?:演讲|讲话|报告)|讲话|发言|演讲")
#: Verbs of holding that also launch or carry out something named after them.
OBJECT_VERBS = ("启动", "开展")
#: What stands between an event and the one held with its opening (…博览会开幕式暨天山论坛).
JOINT_OPENING = re.compile(SUB_EVENT_WORDS + "暨")


class PlaceEngine(TourReaders):
    """located_in, part_of and attended from places, venues and organisers."""

    def _adjacent(self, rule, text, sent, ms, bounds):
        res = self.res
        for k in self._adjacent_pairs(text, ms):
            a, b = ms[k], ms[k + 1]
            gap = text[a.end : b.start]
            pa = self._refs.get(a.key, "")
            if gap == "的":
                # 山西的吕梁革命老区和太行革命老区: a zone or site of the division before 的;
                # 永宁县的闽宁镇: a town or village of the county, part of it
                if b.type != "Place" or self._refs.get(b.key, "") or pa not in res.places:
                    continue
                settlement = b.rule in LOCAL_UNITS and res.places[pa].kind in ("county", "prefecture")
                if settlement:
                    if rule.relation == "part_of":
                        yield b, a
                    continue
                if rule.relation != "located_in":
                    continue
                for x in self._listed(ms, k + 1, text):
                    if x.type == "Place" and not self._refs.get(x.key, ""):
                        yield x, a
                continue
            if gap == "《":
                # 西班牙《国家报》, 美国《华尔街日报》: an outlet in title marks after its country
                if rule.relation == "located_in" and b.type in ("Organization", "Enterprise"):
                    yield b, a
                continue
            if gap in REGION_COUNTRY_WORDS:
                if rule.relation == "located_in" and self._region_country(a, b):
                    yield b, a
                continue
            if gap in CAPITAL_WORDS:
                # 哈萨克斯坦首都阿斯塔纳, 广西首府南宁: the capital is part of the place
                if rule.relation == "part_of" and b.type == "Place" and self._refs.get(b.key, "") != pa:
                    yield b, a
                continue
            if gap:
                continue
            if rule.relation == "located_in" and b.type == "Place" and text.startswith(("段", "河段", "江段", "航段"), b.end):
                continue  # 长江武汉段, 长江铜陵河段: the stretch of the river at the city, not the city in it
            if rule.relation == "located_in" and b.text in res.international_bodies:
                continue  # 美国北约, 中国东盟: a country listed with a body of many states
            if rule.relation == "located_in" and text.startswith(NAME_RUNS_ON, b.end):
                continue  # 尖扎黄河特大桥, 南极秦岭站, 遵义乌江寨: a site named after b, the finder cut
            if b.type == "Organization" and rule.relation == "part_of":
                # 福建宁德市委: the place inside the body is part of the place before it
                for n in self._nested:
                    if n.start == b.start and n.end <= b.end and n.type == "Place":
                        pn = self._refs.get(n.key, "")
                        if pa in res.places and pn in res.places and pa in res.parent_chain(pn):
                            yield n, a
            nested = False
            if b.type == "Place":
                pb = self._refs.get(b.key, "")
                if pa in res.places and pb in res.places:
                    nested = pa in res.parent_chain(pb)
                    if self._region_country(a, b):
                        pass  # 拉美哥斯达黎加: a country of the region before it, located there
                    elif not nested and res.places[pb].kind in ADMIN_KINDS:
                        continue  # two divisions side by side: a list, not a location
                    if not nested and res.places[pa].kind in AREA_KINDS and res.places[pb].kind in AREA_KINDS:
                        continue  # 辐射南亚东南亚: two regions side by side are a list too
                elif pb in res.places and pa not in res.places and a.text.endswith(("江", "河")):
                    continue  # 长江湖北宜昌, 黄河兰州中山桥段: the river runs through the division
                elif pa in res.places and b.rule in LOCAL_UNITS and res.places[pa].kind in ("county", "prefecture"):
                    nested = True  # 武乡县下庄村: a village or town of the county before it
                elif pa in res.places and b.rule == COUNTY_RULE and res.places[pa].kind in ("prefecture", "province"):
                    nested = True  # 普洱市澜沧县: a county the gazetteer lacks (as its full name), of the city
                elif a.rule in LOCAL_UNITS | {COUNTY_RULE} and b.rule in LOCAL_UNITS and not a.text.endswith("村"):
                    nested = True  # 白羊镇惠民村, 澜沧县阿里村: a village of the town or county before it
                elif pa in res.places and b.rule in FOREIGN_TOWNS and res.places[pa].kind in ("state", "country"):
                    nested = True  # 艾奥瓦州马斯卡廷, 北爱尔兰科尔雷恩市: a town of the state before it
            if rule.relation == "part_of" and nested or rule.relation == "located_in" and not nested:
                yield b, a
            if rule.relation == "part_of" and nested and a.rule != "reference":
                # 济宁市嘉祥县、金乡县、鱼台县: the divisions listed after the first one are
                # part of the same place when the gazetteer confirms each nesting (not after
                # 我市, which states no nesting in the text)
                for x in self._listed(ms, k + 1, text)[1:]:
                    px = self._refs.get(x.key, "")
                    if x.type == "Place" and px in res.places and pa in res.parent_chain(px):
                        yield x, a

    def _adjacent_pairs(self, text: str, ms: list[Mention]) -> list[int]:
        """The k for which ``_adjacent`` reads ms[k] and ms[k + 1]: a place, then a name
        right after it, after 的, after 首都/首府/省会, after 国家/岛国 (非洲国家埃及) or in title
        marks after it (美国《纽约时报》),
        neither an abbreviation (中非合作: a run of abbreviations
        is a list, not a location). Found once for the mentions of a sentence, which both
        ``adjacent`` rules read."""
        if self._adjacent_of[0] is not ms:
            out = []
            for k in range(len(ms) - 1):
                a, b = ms[k], ms[k + 1]
                if a.type != "Place" or "abbreviation" in (a.rule, b.rule):
                    continue
                if (
                    b.start <= a.end
                    or (b.start == a.end + 1 and text[a.end] in "的《" and (text[a.end] == "的" or text.startswith("》", b.end)))
                    or text[a.end : b.start] in CAPITAL_WORDS
                    or text[a.end : b.start] in REGION_COUNTRY_WORDS
                ):
                    out.append(k)
            self._adjacent_of = (ms, out)
        return self._adjacent_of[1]

    def _region_country(self, a: Mention, b: Mention) -> bool:
        """Whether ``a`` is a continent, a region or an ocean of no one country (非洲, 拉美,
        太平洋; not 西伯利亚) and ``b`` a country: the country lies there."""
        places = self.res.places
        pa, pb = places.get(self._refs.get(a.key, "")), places.get(self._refs.get(b.key, ""))
        return pa is not None and pb is not None and pa.kind in AREA_KINDS and not pa.parent and pb.kind == "country"

    def _venue_engine(self, rule):
        """The reader of a ``venue`` rule, and whether it needs one of the rule's trigger
        words in the sentence (the place of a dateline and EVENT上 need none)."""
        if rule.relation == "visited":
            return self._visit_frames, True
        if rule.relation == "attended" and "上" not in rule.triggers:
            return self._organisers, True
        if rule.relation == "attended":
            return self._venue_on, False
        return self._venue_place, False

    def _venue_on(self, rule, text, sent, ms, bounds):
        """EVENT上，PERSON (在…峰会上，习近平…) and an event opening the sentence."""
        for ev in (m for m in ms if m.type == "Event"):
            on = SESSION.match(text, ev.end).end()
            if text.startswith("上的", on):
                # 贯彻习近平总书记在…大会上的重要讲话精神: the speech names its speaker, who was
                # there; who calls to study it was not
                zai = text.rfind("在", sent.start, ev.start)
                speaker = [p for p in ms if p.type == "Person" and p.end <= zai and not CLAUSE_MARK.search(text, p.end, zai)]
                if zai != -1 and speaker:
                    yield speaker[-1], ev  # the one before 在 (not 邓小平 of 纪念邓小平同志诞辰…座谈会)
            elif text.startswith("上", on):
                # 在…峰会上，习近平… / …峰会上，习近平…; not the sender of a letter read there
                # (开幕式上，宣读了习近平致博览会的贺信)
                for p in ms:
                    if p.type == "Person" and not SENDS.match(text, p.end):
                        yield p, ev
            elif text.startswith("在", ev.start - 1) and SPEAKS_AT.match(text, on):
                # 习近平主席在中非合作论坛北京峰会发表主旨讲话: the one before 在, in its clause
                speaker = [p for p in ms if p.type == "Person" and p.end < ev.start and not CLAUSE_MARK.search(text, p.end, ev.start)]
                if speaker and not any(w in text[speaker[-1].end : ev.start] for w in ("将", "要")):
                    yield speaker[-1], ev
            elif text.startswith("向", ev.start - 1) and REPORTS_TO.match(text, on):
                # 县长徐荩向全会作了《…》的报告, 李克强代表国务院向大会作政府工作报告: who reports
                # to the meeting, right before 向 in its clause, attends it
                speaker = [p for p in ms if p.type == "Person" and p.end < ev.start and not CLAUSE_MARK.search(text, p.end, ev.start)]
                opening = self._clause_start(text, ev.start) + 1
                if speaker and not FUTURE_BEFORE.search(text, speaker[-1].end, ev.start) and not ENTRUSTED.search(text, opening, ev.start):
                    yield speaker[-1], ev  # (not one entrusted to report later: 委托李鸿忠…向…作说明)
            elif text.startswith("期间", on) and text.startswith("在", ev.start - 1):
                # 习近平主席同希奇莱马总统在中非合作论坛北京峰会期间成功会晤: who is there during
                # the event, the names of the clause before 在, attends it; 在…峰会期间，李强…: the
                # one who opens the clause after it (not a plan: 将在…期间)
                zai = ev.start - 1
                there = [p for p in ms if p.type == "Person" and p.end <= zai and not CLAUSE_MARK.search(text, p.end, zai)]
                if there and not FUTURE_BEFORE.search(text, there[-1].end, zai):
                    yield from ((p, ev) for p in there)
                elif not there and text.startswith(("期间，", "期间,"), on):
                    p = next((m for m in ms if m.start > on and m.type == "Person"), None)
                    if p is not None and not CLAUSE_MARK.search(text, on + 3, p.start):
                        yield p, ev
            elif (held := self._held_then(text, sent, ev)) is not None:
                # 博鳌亚洲论坛2022年年会开幕式…在海南博鳌举行，国家主席习近平以视频方式发表…主旨
                # 演讲; …经验交流会在京召开，…王沪宁出席并讲话: the event is held, then the ones
                # who open the next clause attend it, speak or chair
                for p in self._speakers_at(held, text, ms):
                    yield p, ev
            elif text.startswith("，", ev.end) and LEADING_TIME.fullmatch(text, sent.start, ev.start):
                # 2020年第七十五届联合国大会一般性辩论，习近平主席…: the occasion opens the sentence
                p = next((m for m in ms if m.start > ev.end and m.type == "Person"), None)
                if p is not None and not CLAUSE_END.search(text, ev.end, p.start):
                    yield p, ev

    def _venue_place(self, rule, text, sent, ms, bounds):
        """EVENT 在 PLACE 举行 (an event before 在 or after the trigger), and the place of a
        dateline for the events of its sentence."""
        for trig in rule.triggers if self._may_fire(rule) else ():
            for ts, te in self._word_hits(trig):
                if trig in OBJECT_VERBS and te < sent.end and not CLAUSE_MARK.match(text, te):
                    continue  # …在里约热内卢启动“全球南方”…行动: what is launched follows the verb
                places = [m for m in ms if m.type == "Place" and m.end <= ts and (ts - m.end <= 2 or VENUE_GAP.fullmatch(text, m.end, ts))]
                if not places:
                    continue
                place = places[-1]
                # 在广西南宁国际会展中心开幕, 在尼加拉瓜首都马那瓜举行: a chain of places names the
                # innermost, the venue; 在北京和湖北举行, 在上海、深圳两地举办: each of a list is one
                venues = [place]
                first = self._chain_start(place, ms, text)
                while (prev := next((m for m in ms if m.type == "Place" and m.end < first.start and text[m.end : first.start] in LIST_MARKS), None)) is not None:
                    venues.insert(0, prev)
                    first = self._chain_start(prev, ms, text)
                zai = text.rfind("在", sent.start, first.start)
                if zai == -1 or (first.start - zai > 2 and not self._described_venue(text, zai, first, ms)):
                    continue
                # the event before 在, or one after the trigger in its clause (在北京出席峰会)
                events = [
                    m
                    for m in ms
                    if m.type == "Event" and (m.end <= zai or m.start >= ts and not CLAUSE_MARK.search(text, ts, m.start))
                ]
                if events and (ts - place.end > 2 or text.startswith(OBJECT_VERBS, ts)):
                    # across a site or a manner (VENUE_GAP), or before 启动, only the event of 在's
                    # own clause (会议期间，…“云上边会”在长沙陆续召开: no venue of the 会议)
                    events = [m for m in events if m.start >= ts or not CLAUSE_MARK.search(text, m.end, zai)]
                # 北京冬奥会、冬残奥会总结表彰大会…在…举行: an event named by another held there
                events = [m for m in events if m.start >= ts or not held_inside(text, m, zai, ms)]
                if events:
                    ev = min(events, key=lambda m: abs(m.start - ts))
                    # A开幕式暨B在…举行: the event whose opening B is held with is there too
                    joint = next((m for m in events if m.end < ev.start and JOINT_OPENING.fullmatch(text, m.end, ev.start)), None)
                    for venue in venues:
                        yield ev, venue
                        if joint is not None:
                            yield joint, venue
        # a dateline gives the place of the events its first sentence reports:
        # 新华社重庆4月23日电 …主持召开新时代推动西部大开发座谈会
        dl = DATELINE.match(text, sent.start)
        if dl:
            place = next((m for m in ms if m.type == "Place" and dl.start(1) <= m.start and m.end <= dl.end(1)), None)
            if place is not None:
                for ev in (m for m in ms if m.type == "Event" and m.start >= dl.end()):
                    # …会见来华出席中非合作论坛北京峰会的…总统: an event that describes a guest is
                    # not what the story reports
                    if not (text.startswith("的", ev.end) and GUEST_CAME.search(text, max(sent.start, ev.start - 6), ev.start)):
                        yield ev, place

    @staticmethod
    def _described_venue(text: str, zai: int, place: Mention, ms) -> bool:
        """Between 在 (a word of its own, not of 所在 or 现在) and the venue stands a
        description of it ending in 的 that names no other place (在被称为“四叶草”的上海国家会展
        中心举行; not 位于…所在地瑞士洛桑的博物馆)."""
        return (
            text[zai - 1 : zai] not in ("所", "存", "现", "正", "实", "自")
            and VENUE_DESCRIBED.fullmatch(text, zai + 1, place.start) is not None
            and not any(m.type == "Place" and zai < m.start and m.end <= place.start for m in ms)
        )

    @staticmethod
    def _held_then(text: str, sent: Sentence, ev: Mention) -> int | None:
        """Where the clause after an event held opens: ``EVENT…举行，`` with the event opening
        its clause, or ``举行了EVENT开幕式，``; None otherwise."""
        opening = max(text.rfind(p, sent.start, ev.start) for p in "，,：:") + 1 or sent.start
        before = text[max(opening, sent.start) : ev.start]
        if HELD_BEFORE.search(before):
            after = PART_THEN.match(text, ev.end)
            return after.end() if after else None
        if before and not LEADING_TIME.fullmatch(before) and not DATELINE_LEAD.search(before):
            return None
        after = HELD_THEN.match(text, ev.end)
        return after.end() if after else None

    def _speakers_at(self, pos: int, text: str, ms: list[Mention]) -> list[Mention]:
        """The persons opening the clause at ``pos`` (after titles and the bodies they hold:
        中共中央政治局常委、全国政协主席王沪宁; listed: 王文涛、慎海雄), when what they do
        next is attend, speak or chair (SPEAKS); [] otherwise."""
        out: list[Mention] = []
        gap_from = pos
        for m in (m for m in ms if m.start >= pos):
            gap = text[gap_from : m.start]
            if out:
                # the next name of the list, after 、 or 和 and its own titles and bodies
                listed = gap in ("、", "和", "及") or (gap[:1] == "、" and (m.type != "Person" or self.title_re.match(gap[1:])))
                if not listed and not (m.type != "Person" and gap == ""):
                    break
            elif gap and not self.title_re.match(gap):
                return []  # the clause opens with something else than titles and names
            if m.type == "Person":
                out.append(m)
            gap_from = m.end
        said = SPEAKS.match(text, out[-1].end) if out else None
        if said is None or "将" in said.group() or "要" in said.group():
            return []  # …将于3月5日开幕，李克强将作政府工作报告: a plan, not yet attended
        return out

    @staticmethod
    def _chain_start(place: Mention, ms: list[Mention], text: str) -> Mention:
        """The outermost place of the chain ``place`` ends (广西南宁, 尼加拉瓜首都马那瓜)."""
        first = place
        while (outer := next((m for m in ms if m.type == "Place" and m.end <= first.start and (m.end == first.start or text[m.end : first.start] in CAPITAL_WORDS)), None)) is not None:
            first = outer
        return first

    def _organisers(self, rule, text, sent, ms, bounds):
        """The bodies that host or organise an event attend it (GUIDELINES: the gold counts
        organisers as attending): 由A、B联合主办的EVENT; EVENT由A主办，B承办，C协办;
        A举办EVENT. The bodies are a list ending right at the trigger (联合, 共同 between);
        the event is the one the trigger's 的 describes, else the one the 由 clause is about
        (the last event before 由 in the sentence), else one right after the trigger."""
        ends = [m.end for m in ms]
        events = [k for k, m in enumerate(ms) if m.type == "Event"]
        for ts, te in self._trigger_hits(rule):
            if text.startswith(ORGANISER_NOUN_AFTER, te):
                continue  # 主办方, 承办单位: the organiser as a noun, not the act
            lim = ts
            joint = ORGANISER_JOINT.search(text, max(sent.start, ts - 4), ts)
            if joint:
                lim = joint.start()
            k = bisect_left(ends, lim + 1) - 1
            if k >= 0 and (ms[k].end != lim or ms[k].type not in rule.head):
                k = self._organiser_before(text, ms, k, lim)
            by_list = self._listed_after_by(rule, text, ms, self._clause_start(text, lim), lim)
            if (k < 0 or ms[k].type not in rule.head) and not by_list:
                continue
            heads, opening = self._organisers_listed(ms, k, text) if by_list is None or by_list[-1] is ms[k] else (by_list, by_list[0].start)
            heads = [*dict.fromkeys([*(by_list or ()), *heads])]
            first = heads[0]
            ev = None
            if text.startswith("的", te):
                ev = next((m for m in ms[k + 1 :] if m.type == "Event" and m.start >= te and m.start - te <= 3), None)
            else:
                by = text.rfind("由", sent.start, opening)
                if text.startswith(("由于", "由此"), by):
                    by = -1  # a cause, not the organiser
                if by != -1 and not ORGANISED_DE.match(text, te) and (
                    by_list or opening - by <= 1 or CLAUSE_MARK.search(text, by, opening) or self._titles_between(text, by + 1, first, ms)
                ):
                    before = [ms[j] for j in events if ms[j].end <= by]
                    ev = before[-1] if before else None
                if ev is None:
                    ev = next((m for m in ms[k + 1 :] if m.type == "Event" and m.start >= te and m.start - te <= 2), None)
            if ev is None:
                continue
            for h in heads:
                yield h, ev

    @staticmethod
    def _listed_after_by(rule, text: str, ms: list[Mention], clause: int, lim: int) -> list[Mention] | None:
        """The bodies of a 由 clause up to the verb at ``lim``, each before a list mark, 联合/共同 or
        the verb (由教育部联合有关部门、省级人民政府共同主办: unnamed ones between); None without one."""
        by = text.rfind("由", clause + 1, lim)
        if by == -1 or text.startswith(("由于", "由此"), by) or "的" in text[by:lim]:
            return None  # 由…主办的…活动在利马举行: the 由 clause describes another event
        heads = [m for m in ms if by < m.start and m.end <= lim and m.type in rule.head and (m.end == lim or text[m.end] in LIST_MARKS or text.startswith(("联合", "共同"), m.end))]
        return heads or None

    @staticmethod
    def _organisers_listed(ms: list[Mention], k: int, text: str) -> tuple[list[Mention], int]:
        """ms[k] and the bodies listed before it, each maybe after the place it belongs to
        (中国社会科学院、中国教育部、希腊文化部共同主办: the places are no organisers), across
        unnamed bodies of a level (山西省工商联、省侨联、省台办、长三角招商局协办), and where the
        list opens (the first body's place included)."""
        out = [ms[k]]
        j = k
        while True:
            p = j
            while p > 0 and ms[p - 1].type == "Place" and ms[p - 1].end == ms[p].start:
                p -= 1  # 中国 | 教育部: the place the body belongs to
            prev = p - 1
            gap = text[ms[prev].end : ms[p].start] if prev >= 0 else ""
            if prev < 0 or ms[prev].type != ms[k].type or (gap not in LIST_MARKS and not UNNAMED_ITEMS.fullmatch(gap)):
                return out[::-1], ms[p].start
            out.append(ms[prev])
            j = prev

    @staticmethod
    def _organiser_before(text: str, ms: list[Mention], k: int, lim: int) -> int:
        """The index of the organiser whose verb at ``lim`` follows it across a time, an
        adverb or a venue (中央广播电视总台今天（1月19日）举行…, 中共中央、国务院30日上午在人民
        大会堂举行…, 中国驻巴拿马使馆近日在线举办…), ms[k] being the last mention before the
        verb; -1 when anything else stands between."""
        j = k
        while j >= 0 and ms[j].type == "Place" and text[ms[j].start - 1 : ms[j].start] == "在":
            j -= 1  # the venue after 在 (the located_in rules read it)
        if j < 0 or ms[j].end > lim:
            return -1
        gap, pos = [], ms[j].end
        for m in ms[j + 1 : k + 1]:
            gap.append(text[pos : m.start] + "@")
            pos = m.end
        gap.append(text[pos:lim])
        return j if ORGANISER_GAP.fullmatch("".join(gap)) else -1

    def _titles_between(self, text: str, start: int, name: Mention, ms: list[Mention]) -> bool:
        """Whether only bodies and titles stand between ``start`` and ``name`` (会议由全国政协
        副主席邵鸿主持: 由, then the chair's titles)."""
        gap, pos = [], start
        for m in ms:
            if start <= m.start and m.end <= name.start:
                gap.append(text[pos : m.start])
                pos = m.end
        gap.append(text[pos : name.start])
        rest = self.bare_body_re.sub("", "".join(gap))
        return bool(rest) and self.title_re.match(rest)
