"""Steps over the chosen candidates of a text that join or retype names: a unit named
after its parent body, foreign names that a club or a town list claims."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Container
from dataclasses import replace

from kg.extract.body_words import EDITION_BEFORE
from kg.extract.candidates import Candidate, country_ref, in_text_order
from kg.resources import Resources

__all__ = ["compass_parts", "foreign_ministers", "foreign_places_in_lists", "glued_tails", "names_in_lists", "retype_foreign", "settlement_chains", "sultans", "unit_words_after_bodies", "units_of_bodies", "zones_of_committees"]

#: The compass regions of China the lexicon names (东北, 西南地区, 东部地区, 华北): after
#: another place they are a part of that place, no region of their own.
COMPASS_REGION = re.compile(r"[东西南北中华][东西南北中]?部?(?:地区)?")
#: A village's name with the town, township or county before it in one span (天荒坪镇余村,
#: 红庄乡陈沟村, 澜沧县阿里村, 镇花茂村 when the segmenter glued 镇 to the village): the town's
#: character, then the village's proper part.
TOWN_THEN_VILLAGE = re.compile(r"([镇乡县])(?![镇乡村县])[\u4e00-\u9fff]{1,4}村$")
#: Rules of the divisions a town's name may follow directly (枫香 | 镇 after 播州区).
_DIVISION_RULES = frozenset({"gazetteer", "nested-place"})


#: Words that end the name of a unit of a university, an academy, a ministry or a paper
#: (复旦大学金融学院, 中国科学院数学研究所, 西南财经大学税务系, 人民日报出版社, 联合国欧洲
#: 办事处, 东盟秘书处), longest first.
_UNIT_WORDS = ("研究中心", "管理中心", "研究所", "研究院", "研究室", "实验室", "附属医院", "医院", "学院", "分院", "分校", "出版社", "编辑部", "办公室", "办事处", "秘书处", "制药厂", "系")
UNIT_WORD = re.compile("(" + "|".join(_UNIT_WORDS) + ")$")
#: The last characters of the unit words: a body is read on only where one follows within reach.
_UNIT_LAST = re.compile("[" + "".join(sorted({w[-1] for w in _UNIT_WORDS})) + "]")
#: Word classes of the words of a unit's name: nouns, names, numbers (第一医院),
#: distinguishing words (公共卫生学院) and 与/和 between two of them (化学与分子工程学院); no
#: verbs, nominal ones neither (可口可乐一贯主张发展美中关系).
_UNIT_NAME_TAGS = re.compile(r"n|m|b|j|eng|a$")
#: Words ending in 系 that are no department (关系, 体系: 中美两国政府的关系).
#: Characters that open a word for some or all units, not a unit's name (中央财经大学各院系).
_NO_UNIT_OPENING = frozenset("各该本全此每诸其这那有所下")
_NOT_DEPARTMENT = ("关系", "体系", "联系", "维系", "派系", "水系", "星系", "世系", "直系", "旁系", "父系", "母系", "一系")


def unit_words_after_bodies(res: Resources, text: str, chosen: list[Candidate], starts: Container[int]) -> list[Candidate]:
    """A unit of a body named with a common word right after the body's name (复旦大学 |
    金融学院, 中国科学院 | 数学 | 研究所, 西南财经大学 | 税务 | 系): a candidate for the unit, which
    ``units_of_bodies`` then joins to its parent. The words between the body and the unit
    word are nouns (or 与/和 between nouns) the segmenter cut at word bounds, at most eight
    characters, and hold no other name (北京大学和清华大学医学院 is two bodies)."""
    # where a unit word may end: after one of their last characters (系 of 税务系)
    unit_ends = [m.end() for m in _UNIT_LAST.finditer(text)]
    if not unit_ends:
        return chosen
    taken = {c.start for c in chosen if c.type in ("Organization", "Enterprise", "Person")}  # a place may open the unit's words (联合国 | 欧洲 | 办事处)
    out = []
    for parent in chosen:
        if parent.type not in ("Organization", "Enterprise") or parent.priority == 0 or parent.end not in starts or parent.end in taken:
            continue
        u = bisect_right(unit_ends, parent.end)
        if u == len(unit_ends) or unit_ends[u] > parent.end + 12:
            continue  # no unit word can end within reach (the walk below reads 12 characters at most)
        end = next((k for k in range(parent.end + 1, min(parent.end + 13, len(text) + 1)) if k in starts or k == len(text)), None)
        hit = None
        at, words = parent.end, []
        while end is not None and end - parent.end <= 12:
            word = text[at:end]
            m = UNIT_WORD.search(word)
            if m and not word.endswith(_NOT_DEPARTMENT) and (word != "系" or words):
                hit = (end, m.group(1))
                break
            tag = res.dictionary.get(word, (0, "n"))[1]
            if not (_UNIT_NAME_TAGS.match(tag) or (word in ("与", "和") and words)) or not all("\u4e00" <= ch <= "\u9fff" for ch in word):
                break
            words.append(word)
            at = end
            end = next((k for k in range(at + 1, min(at + 9, len(text) + 1)) if k in starts or k == len(text)), None)
        if hit is None or sum(map(len, words)) > 8 or (words and words[-1] in ("与", "和")) or text[parent.end] in _NO_UNIT_OPENING:
            continue
        end, unit = hit
        if any(c.priority > 0 and c.type in ("Person", "Organization", "Enterprise") and c.start < end and parent.end < c.end for c in chosen):
            continue
        # a research institute or an office is an Organization whoever runs it (三峡集团中华鲟研究所)
        kind = "Enterprise" if unit.endswith("厂") else "Organization"
        out.append(Candidate(parent.end, end, kind, "suffix:" + unit, 1))
    if not out:
        return chosen
    return sorted(chosen + out, key=in_text_order)


def units_of_bodies(res: Resources, text: str, chosen: list[Candidate]) -> list[Candidate]:
    """A unit named right after its parent body is one name (福州市公安局经侦支队,
    中山大学岭南学院, 共青团四川省委); the parent stays inside it as a name of its own.
    Clubs side by side (切尔西曼联) and a national body after another (中国气象局国家气候
    中心) are not units."""
    bodies = ("Organization", "Enterprise")
    # where each body ends -> its index in ``out``; a unit that took its parent in is
    # the parent of the unit after it (铁道部十四局三处)
    by_end = {c.end: k for k, c in enumerate(chosen) if c.type in bodies and c.priority > 0}
    if len(by_end) < 2:
        return chosen
    gated = res.gated_forms
    out = list(chosen)
    joined = False
    for j, c in enumerate(chosen):
        i = by_end.get(c.start)
        if i is None or c.type not in bodies or c.priority == 0 or not c.rule.startswith("suffix:"):
            continue
        parent = out[i]
        entry = res.lexicon_forms.get(parent.ref) if parent.rule == "lexicon" else None
        if (
            text.startswith(("国家", "中国", "中华", "全国"), c.start)
            or text[parent.start : parent.end] in gated
            or (entry is not None and entry.domain)  # clubs, brands
        ):
            continue
        out[j] = replace(c, start=parent.start)
        out[i] = replace(parent, rule="nested-name", priority=0)
        joined = True
    if joined:
        out.sort(key=in_text_order)
    return out


def settlement_chains(res: Resources, text: str, chosen: list[Candidate]) -> list[Candidate]:
    """A village read with its town in one span is two places, the town and the village
    (天荒坪镇余村 -> 天荒坪镇 | 余村), as the text names both and the village is part of the
    town. When the span opens on the town's character itself (镇花茂村: the segmenter cut
    枫香 | 镇花茂村), or on a part of the town's name (城镇苇子沟村 of 土城镇), the town's name
    runs back to the county or district right before it (贵州遵义市播州区枫香镇花茂村)."""
    out = None
    for k, c in enumerate(chosen):
        if c.rule != "suffix:村" or c.type != "Place" or c.end - c.start < 3:
            continue
        m = TOWN_THEN_VILLAGE.search(text, c.start, c.end)
        if m is None:
            continue
        cut = m.start(1) + 1  # the village starts after the town's character
        begin = c.start
        if cut - begin < 3 or text[cut - 2] in "城乡村":
            # (城镇, 乡镇, 城乡 are words: a town's name only with the county before it)
            # the town's name is cut: it starts where the county or district before it ends
            prev = next(
                (p for p in reversed(chosen[:k]) if p.type == "Place" and p.end <= c.start and p.priority > 0),
                None,
            )
            if (
                prev is None
                or prev.rule not in _DIVISION_RULES
                or prev.ref not in res.places
                or res.places[prev.ref].kind != "county"
                or not 0 <= c.start - prev.end <= 3
                or not all("\u4e00" <= ch <= "\u9fff" for ch in text[prev.end : c.start])
                or cut - prev.end < 3
            ):
                continue
            begin = prev.end
        if out is None:
            out = list(chosen)
        town = replace(c, start=begin, end=cut, rule=f"suffix:{text[cut - 1]}", name="")
        village = replace(c, start=cut, name="")
        out[k] = village
        out.append(town)
    if out is None:
        return chosen
    out.sort(key=in_text_order)
    return out


#: The committees that run a zone or a street (管委会, 党工委, 工委): the zone they are named
#: after is a place of its own (GUIDELINES: the place inside a body is kept).
ZONE_COMMITTEES = ("管理委员会", "管委会", "党工委", "工委")


def zones_of_committees(res: Resources, text: str, chosen: list[Candidate]) -> list[Candidate]:
    """The zone or street a committee is named after is a place inside its name, as a city
    is inside its party committee's (吕梁经济技术开发区管委会 -> 吕梁经济技术开发区,
    曹杨新村街道党工委 -> 曹杨新村街道): a body read by the suffix grammar whose name, the
    committee's word taken off, ends with a suffix of places (开发区, 高新区, 新区, 街道)."""
    inner = []
    rules = res.suffix_map
    for c in chosen:
        if c.type != "Organization" or c.priority == 0 or not c.rule.startswith("suffix:"):
            continue
        name = text[c.start : c.end]
        word = next((w for w in ZONE_COMMITTEES if name.endswith(w)), None)
        if word is None:
            continue
        body = name[: -len(word)]
        zone = next((rules[body[-n:]] for n in (5, 4, 3, 2) if len(body) > n and body[-n:] in rules), None)
        if zone is not None and zone.type == "Place" and len(body) >= 4:
            inner.append(replace(c, end=c.start + len(body), type="Place", rule="nested-place", priority=0, name=""))
    if not inner:
        return chosen
    taken = {(c.start, c.end) for c in chosen}
    return sorted(chosen + [z for z in inner if (z.start, z.end) not in taken], key=in_text_order)


#: An item of a list after a 、 and before another or the list's end (等, 出席, 参加):
#: Chinese characters, and the dots of a minority's or a foreign name (艾力更·依明巴海).
LIST_ITEM = re.compile(r"(?<=、)[\u4e00-\u9fff·]{2,10}?(?=、|等|出席|参加)")


def names_in_lists(res: Resources, text: str, chosen: list[Candidate]) -> list[Candidate]:
    """A whole item of a list of people is a person where the segmenter cut the name
    (张春贤、…、万 | 鄂 | 湘、陈竺: 鄂湘; 王东明、白玛 | 赤林、丁仲礼: 白玛): an item between two 、
    with a person found exactly on an item next to it, holding no name of another kind and
    no word of the dictionary's but a name, that opens with a surname and has four
    characters at most, or joins its parts with a dot."""
    people = {(c.start, c.end) for c in chosen if c.type == "Person" and c.priority > 0}
    if len(people) < 2 or "、" not in text:
        return chosen
    out = None
    for m in LIST_ITEM.finditer(text):
        s, e = m.start(), m.end()
        if (s, e) in people:
            continue
        item = m.group()
        dotted = "·" in item
        if dotted:
            if item[0] == "·" or item[-1] == "·" or "··" in item:
                continue
        elif len(item) > 4 or item[0] not in res.surnames:
            continue
        known = res.dictionary.get(item)
        if known is not None and (not known[1].startswith("nr") or len(item) == 2):
            continue  # 全国, 中方: a word, no name; 白鹭: two characters the tagger calls a name
        if not dotted and text[e] != "、" and res.common_word(item[:2], 200):
            continue  # …、南部拉法等地: a word opens the list's last item, no surname
        before = any(p[1] == s - 1 and text[p[0] - 1 : p[0]] in ("、", "，", "：", "") for p in people)
        after = any(p[0] == e + 1 and text[p[1] : p[1] + 1] in ("、", "，", "。", "出", "等", "参", "") for p in people)
        if not (before or after) or (text[e] != "、" and not before):
            continue  # the last item (…、武维华出席) needs the person before it
        inside = [c for c in chosen if s <= c.start and c.end <= e]
        if any(c.type != "Person" for c in inside) or any(c.start < e and s < c.end and not (s <= c.start and c.end <= e) for c in chosen):
            continue
        if out is None:
            out = list(chosen)
        out = [c for c in out if not (s <= c.start and c.end <= e)]
        out.append(Candidate(s, e, "Person", "pos:list-name", 1))
        people.add((s, e))
    if out is None:
        return chosen
    out.sort(key=in_text_order)
    return out


#: One-character words the segmenter glues to the name before them: function words, verbs of
#: a visit or a statement (李强乘专机, 韩正访问, 哈莉玛时, 桑杜互致贺电, 巴方称, 巴沙尔·阿萨德自2011年).
GLUED_TAILS = frozenset("乘时互作来访同对称愿将在说是和与等以于也都就还又向为从被把曾已则致自")


def glued_tails(res: Resources, text: str, chosen: list[Candidate]) -> list[Candidate]:
    """A person's name with a function word or a verb glued to its end (李强乘, 哈莉玛时) is
    the name before it, when the document names that person alone elsewhere, the lexicon
    knows them or the name is a dotted one (阿卜杜勒·马利克·胡塞称): 韩正来 is 韩正, but
    刘奇葆 (葆 is no such word) stays."""
    people = {text[c.start : c.end] for c in chosen if c.type == "Person" and c.priority > 0}
    out = None
    for k, c in enumerate(chosen):
        if c.type != "Person" or c.priority == 0 or c.end - c.start < 3 or text[c.end - 1] not in GLUED_TAILS:
            continue
        short = text[c.start : c.end - 1]
        entry = res.lexicon_forms.get(short)
        if short in people or (entry is not None and entry.type == "Person") or "·" in short:
            if out is None:
                out = list(chosen)
            out[k] = replace(c, end=c.end - 1, name="")
    return chosen if out is None else out


def foreign_places_in_lists(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Foreign names listed with 、 before a foreign place are places as well (布恰、戈斯托梅利、
    伊万基夫三地: the place word after the list marks its last item only), before a known
    place that ends a list with 等 (波克罗夫斯克、库皮扬斯克等地), and after a place that opens
    it (大马士革、苏韦达、拉塔基亚)."""
    out = None
    for k in range(len(chosen) - 1, 0, -1):
        c = (out or chosen)[k]
        if c.rule != "pos:foreign-place" and not (c.type == "Place" and text.startswith("等", c.end)):
            continue  # (a known place ending a list: 在波克罗夫斯克、库皮扬斯克等地)
        j = k - 1
        while j >= 0:
            p = (out or chosen)[j]
            if p.rule != "pos:foreign" or text[p.end : c.start] != "、":
                break
            if out is None:
                out = list(chosen)
            out[j] = c = replace(p, type="Place", rule="pos:foreign-place")
            j -= 1
    # and after a place that opens the list (大马士革、苏韦达、拉塔基亚、塔尔图斯)
    items = out or chosen
    for k in range(1, len(items)):
        p, c = items[k - 1], items[k]
        if c.rule == "pos:foreign" and p.type == "Place" and p.priority > 0 and text[p.end : c.start] == "、":
            if out is None:
                out = items = list(chosen)
            items[k] = replace(c, type="Place", rule="pos:foreign-place")
    return chosen if out is None else out


def retype_foreign(chosen: list[Candidate], text: str, names: set[str], typ: str, rule: str) -> list[Candidate]:
    """Give every foreign-name candidate whose surface is in ``names`` another type."""
    if not names:
        return chosen
    return [
        replace(c, type=typ, rule=rule) if c.rule == "pos:foreign" and text[c.start : c.end] in names else c
        for c in chosen
    ]


def compass_parts(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Drop a compass region right after a place other than China (乌克兰东部地区, 基辅西北
    方向, 陕西西南地区, 哈尔滨东北虎林园): it names a part of that place (or a word), not
    China's region, which the lexicon means (GUIDELINES: 西部地区 is a place only as a named
    region). After 中国 it is that region (中国东北地区)."""
    place_ends = {c.end: c for c in chosen if c.type == "Place" and c.priority > 0}
    if not place_ends:
        return chosen
    return [
        c
        for c in chosen
        if not (
            c.type == "Place"
            and c.rule == "lexicon"
            and c.start in place_ends
            and COMPASS_REGION.fullmatch(text, c.start, c.end)
            and place_ends[c.start].ref != "CN"
            and not COMPASS_REGION.fullmatch(text, place_ends[c.start].start, c.start)  # 华北东北: a list
        )
    ]


def foreign_ministers(text: str, chosen: list[Candidate], chinese_name: Callable[[str], bool]) -> list[Candidate]:
    """A curated ministry whose name opens a minister's title before a foreign person's name
    is not the ministry of the lexicon, China's: 以色列候任总理、外交部长拉皮德, 已解除国防部长加兰特的
    职务, 越南副总理兼财政部长胡德福. The ministry is dropped and its field is read as part of
    the title (``title_prefixes.txt``), so the post goes to the state named before the title,
    as a bare title's does (GUIDELINES). The person is foreign when ``chinese_name`` rejects
    the name, or when a foreign state opens the run of titles (越南…兼财政部长胡德福: 胡德福 reads
    as a Chinese name). 外交部长王毅 keeps its ministry, and so does 外交部長林佳龍 (Taipei's,
    which GUIDELINES names 外交部 too). A country written right before the ministry
    (俄罗斯外交部长) makes a body of its own already (俄罗斯外交部), which this does not touch.

    >>> t = "国防部长加兰特表示"
    >>> cs = [Candidate(0, 3, "Organization", "lexicon", 1, "国防部"), Candidate(4, 7, "Person", "pos:foreign", 1)]
    >>> [t[c.start:c.end] for c in foreign_ministers(t, cs, lambda name: name[0] in "王林")]
    ['加兰特']
    """
    out = []
    for k, c in enumerate(chosen):
        if (
            c.rule == "lexicon"
            and c.type == "Organization"
            and text.endswith("部", c.start, c.end)
            and text.startswith("长", c.end)
            and k + 1 < len(chosen)
            and chosen[k + 1].type == "Person"
            and chosen[k + 1].start == c.end + 1
        ):
            person = chosen[k + 1]
            if not chinese_name(person.name or text[person.start : person.end]) or _foreign_state_opens(text, chosen, k):
                continue
        out.append(c)
    return out


#: What may stand between a state and a ministry's title in one run of titles
#: (越南副总理兼财政部长, 以色列候任总理、外交部长): no mark that ends a clause.
_TITLE_RUN_GAP = re.compile(r"[^，。；：,;:!?！？\s]{0,12}")


def _foreign_state_opens(text: str, chosen: list[Candidate], k: int) -> bool:
    """Whether a foreign state (a place whose id is a country code) stands before
    ``chosen[k]`` in the same run of titles."""
    if k == 0:
        return False
    before = chosen[k - 1]
    return (
        before.type == "Place"
        and country_ref(before.ref)
        and before.ref != "CN"
        and _TITLE_RUN_GAP.fullmatch(text, before.end, chosen[k].start) is not None
    )


#: States ruled by a sultan: 苏丹 right after one is his title, not Sudan.
SULTANATES = frozenset({"文莱", "阿曼"})


def sultans(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Sudan read right after a sultanate is the sultan's title (文莱苏丹哈桑纳尔, 阿曼苏丹
    海赛姆): the place is dropped. It is dropped only now, once the names are chosen: as a
    place it keeps the foreign-name reader from running 阿曼苏丹海赛姆 into one name. (苏丹 is no
    title of ``titles.txt``: the segmenter, which takes the titles as words, then tags it so
    that the foreign-name reader runs over it.)

    >>> t = "文莱苏丹哈桑纳尔"
    >>> cs = [Candidate(0, 2, "Place", "gazetteer", 2, "BN"), Candidate(2, 4, "Place", "gazetteer", 2, "SD")]
    >>> [t[c.start:c.end] for c in sultans(t, cs)]
    ['文莱']
    """
    return [
        c
        for k, c in enumerate(chosen)
        if not (
            c.ref == "SD"
            and k > 0
            and chosen[k - 1].end == c.start
            and chosen[k - 1].type == "Place"
            and text[chosen[k - 1].start : chosen[k - 1].end] in SULTANATES
        )
    ]


def editions_of_known_events(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Known events of the lexicon with their edition or year read into the mention
    (EDITION_BEFORE: 第十一届中博会, 首届进博会, 2024年服贸会), which then merges with its series
    (GUIDELINES: 第六届中国国际进口博览会 = 进博会) and is named as the text names it."""
    ends = {c.end for c in chosen}
    out = []
    for c in chosen:
        if c.type == "Event" and c.rule == "lexicon" and c.start not in ends:
            m = EDITION_BEFORE.search(text, max(0, c.start - 8), c.start)
            if m is not None:
                c = replace(c, start=m.start())
        out.append(c)
    return out


#: A storm's kind right before its name, quoted or not (飓风“海伦妮”, 台风“摩羯”, 热带风暴米娜).
STORM_BEFORE = re.compile(r"(?:飓风|台风|热带风暴|热带低压|风暴|气旋)[“\"]?$")
#: A weapon's kind right after its name, quoted or not (伊斯坎德尔战术导弹, “布拉德利”步兵战车).
WEAPON_AFTER = re.compile(
    r"[”\"]?(?:战术导弹|巡航导弹|弹道导弹|导弹|步兵战车|战车|装甲车|坦克|战斗机|轰炸机|直升机|无人机|火箭炮|防空系统|导弹系统|航母|驱逐舰|护卫舰|潜艇)"
)


def storms_and_weapons(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` without the persons a document names as storms or weapons (飓风“海伦妮”在…
    登陆, 伊斯坎德尔战术导弹, and the same names wherever else they stand in the document): a
    storm's or a weapon's name is no person's."""
    named = {
        text[c.start : c.end]
        for c in chosen
        if c.type == "Person" and (STORM_BEFORE.search(text, max(0, c.start - 5), c.start) or WEAPON_AFTER.match(text, c.end))
    }
    if not named:
        return chosen
    return [c for c in chosen if not (c.type == "Person" and text[c.start : c.end] in named)]


def joined_transliterations(res: Resources, text: str, chosen: list[Candidate]) -> list[Candidate]:
    """A foreign name the reader cut in two persons where the segmenter put a surname-like
    character inside it (斯托尔 | 滕贝格): a transliterated person right before another
    person, with nothing between and the second's characters after its first all
    transliteration characters, is one name (斯托尔滕贝格). Chinese names in a run
    (李强蔡奇) are no transliterations and stay apart."""
    out: list[Candidate] = []
    for c in chosen:
        prev = out[-1] if out else None
        if (
            prev is not None
            and c.type == "Person"
            and prev.type == "Person"
            and prev.end == c.start
            and prev.rule == "pos:foreign"
            and c.rule in ("pos:joined", "pos:foreign")
            and c.end - c.start >= 2
            and res.translit_chars.issuperset(text[c.start + 1 : c.end])
        ):
            out[-1] = replace(prev, end=c.end, name="")
            continue
        out.append(c)
    return out


#: Last characters of natural features and sites (白云山, 章江, 金祖峰, 钱凯港): a "name" that
#: ends so right after a place, or before a word of a site or a work, is the feature's.
FEATURE_LAST = frozenset("山江湖港湾峰岛河")
#: Words right after a feature's name that make it part of a site's or a work's name
#: (麦积山石窟, 张家山隧道, 罗霄山脉, 宫山咀水库).
SITE_AFTER = re.compile(r"石窟|隧道|山脉|水库|风景区|景区|港区|大桥|特大桥|国家公园|森林公园|咀|口")


def features_read_as_names(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Persons of three characters that end in a feature's last character (山, 江, 峰, 港 …)
    read as places right after a place (广州白云山, 江西武功山, 四川米仓山), and dropped before a
    word of a site or a work (麦积山石窟, 张家山隧道): the segmenter's name there is a
    mountain's or a river's. A person after a title is left alone (省长孙洪山)."""
    place_ends = {c.end for c in chosen if c.type == "Place"}
    out = []
    for c in chosen:
        if c.type == "Person" and c.rule.startswith("pos:name") and c.end - c.start == 3 and text[c.end - 1] in FEATURE_LAST:
            if SITE_AFTER.match(text, c.end):
                continue
            if c.start in place_ends:
                c = replace(c, type="Place", rule="pos:feature", name="")
        out.append(c)
    return out
