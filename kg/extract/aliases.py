"""Alias merging: a document's mentions grouped into entities.

Places group by gazetteer id, curated names by lexicon entry, 以下简称 declarations by what
they declare; company names by abbreviation (太重集团 ↔ 太原重型机械集团有限公司, 新元公司 ↔
山西新元煤炭有限责任公司), zones by their short names (大冶湖高新区 ↔ 大冶湖高新技术产业开发区),
China's national bodies with China's name before them (中国商务部 ↔ 商务部), editions of a
series (第六届中国国际进口博览会 ↔ 中国国际进口博览会 ↔ 进博会) and variant spellings of a
foreign name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection
from operator import attrgetter, le

from kg.extract.candidates import BRACKET_INSIDE
from kg.model import DocEntity, Mention
from kg.resources import Resources

# ---------------------------------------------------------------------- merging
EDITION = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+届|首届|\d{4}年?|[一二三四五六七八九十]+届)")
LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "股份公司")
#: China's names that may open the name of one of its national bodies (中国商务部).
HOME_PREFIXES = ("中华人民共和国", "中国")
#: The ends of media outlets' names (荆楚网, 湖北日报网, 新华社, 央视新闻台), which a gloss in
#: brackets names again (荆楚网（湖北日报网）): two names of one outlet.
MEDIA_ENDS = ("网", "报", "台", "社")
ABBREV_DECL = re.compile(r"（(?:以下)?简称[“\"]?([^”\"）]{2,12})[”\"]?）")
#: The levels written before a programme's name that news leaves out when it names it again.
NATIONAL_LEVELS = ("国家级", "国家", "全国")
#: A programme written as a quoted name and the bare word of its kind (“由园升谷”工程,
#: “风光火储一体化”试点, “猎狐2022”专项行动): news calls it by the quote alone as often, so
#: the quote is an alias of the whole (not a bare number: “1388”行动; nor a word of the
#: dictionary, see ``merge_aliases``).
QUOTED_PROGRAMME = re.compile(
    r"[“‘]([^“”‘’]{0,12}[\u4e00-\u9fff][^“”‘’]{0,12}[\u4e00-\u9fff][^“”‘’]{0,12})[”’](?:专项|重点|重大)?(?:工程|试点|行动|计划|战略|倡议|政策|机制|项目|品牌|平台|活动)"
)


def series_key(name: str) -> str:
    """The series a numbered edition belongs to.

    >>> series_key("第六届中国国际进口博览会")
    '中国国际进口博览会'

    A list of events named with or without 、 is one name (北京冬奥会、冬残奥会总结表彰大会 =
    北京冬奥会冬残奥会总结表彰大会, its headline's form).
    """
    name = name.replace("、", "")
    stripped = EDITION.sub("", name)
    return stripped if len(stripped) >= 3 else name


def day_series(name: str, holidays: Collection[str]) -> str:
    """The series of an event's name, a holiday's too: a dated day (2025年春节, 2022年元旦)
    is of its day's series, which ``series_key`` leaves whole when its name is short.

    >>> day_series("2025年春节", {"春节"}), day_series("第六届中国国际进口博览会", {"春节"})
    ('春节', '中国国际进口博览会')
    """
    sk = series_key(name)
    if sk == name and (bare := EDITION.sub("", name)) != name and bare in holidays:
        return bare
    return sk


def is_abbreviation(short: str, full: str) -> bool:
    """True when ``short`` abbreviates the company name ``full``.

    The short form keeps the first character, its characters appear in order in the
    full name, and both end in the same kind of suffix (公司/集团) or the short one is
    a prefix of the full legal name.

    >>> is_abbreviation("太重集团", "太原重型机械集团有限公司")
    True
    >>> is_abbreviation("太重集团", "太重集团起重分公司")
    False
    """
    if len(short) >= len(full) or short[0] != full[0]:
        return False
    if not full.endswith(LEGAL_SUFFIXES):
        return False
    if full.startswith(short):
        return True
    it = iter(full)
    if not all(ch in it for ch in short):
        return False
    for sfx in ("集团", "公司"):
        if short.endswith(sfx) and sfx in full:
            return True
    return False


def is_university_short_name(short: str, full: str) -> bool:
    """True when ``short`` (ending in 大) is the usual short name of the university ``full``:
    it keeps the first character and its characters appear in order in the full name.

    >>> is_university_short_name("中国科大", "中国科学技术大学"), is_university_short_name("北大", "北京大学")
    (True, True)
    >>> is_university_short_name("山西农大", "山西大学")
    False
    """
    if not (short.endswith("大") and full.endswith("大学")) or len(short) >= len(full) or short[0] != full[0]:
        return False
    it = iter(full[:-1])  # the short name's 大 is the full name's 大学
    return all(ch in it for ch in short)


SHORT_COMPANY_ENDINGS = ("公司", "集团", "煤矿", "电厂", "钢厂", "银行", "股份")


def is_short_name(short: str, full: str, res: Resources) -> bool:
    """True when ``short`` is the distinctive part of ``full`` plus a company word.

    The place at the head of a company's legal name is dropped in everyday use:
    山西新元煤炭有限责任公司 → 新元公司, 新元煤矿.
    """
    if len(short) < 3 or len(short) >= len(full) or not full.endswith(LEGAL_SUFFIXES):
        return False
    if not short.endswith(SHORT_COMPANY_ENDINGS):
        return False
    core = _core_name(full, res)
    if core == full:
        return False
    head = short[:2]
    return core.startswith(head) and not res.common_word(head, 300)


def _core_name(full: str, res: Resources) -> str:
    """A company's legal name without the place at its head (山西新元… → 新元…)."""
    for n in range(min(len(full) - 4, 9), 1, -1):
        if full[:n] in res.place_forms:
            return full[n:]
    return full


def merge_aliases(text: str, mentions: list[Mention], res: Resources) -> tuple[list[Mention], list[DocEntity]]:
    """Group a document's mentions into entities; returns keyed mentions and entities.

    The names are joined in a union-find whose root is the least node of its group, so the
    groups do not depend on the order of the unions; most names join nothing but their
    key, and the rules for longer names (legal names, hosts, brackets) look only at the
    names that can take part in them."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}  # a node not in it is a root

    def find(x):
        root = x
        while (up := parent.get(root, root)) != root:
            root = up
        while x != root:  # every node on the way points at the root
            parent[x], x = root, parent[x]
        return root

    def union(a, b):
        ra = parent.get(a, a)  # most nodes are roots: no call to find for them
        if ra != a:
            ra = find(ra)
        rb = parent.get(b, b)
        if rb != b:
            rb = find(rb)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # a name is mentioned several times with the same key: each (type, name, key) is joined
    # once
    lexicon_forms = res.lexicon_forms
    names_by_type: dict[str, set[str]] = defaultdict(set)
    for typ, name, key in dict.fromkeys([(m.type, m.name, m.key) for m in mentions]):
        x = (typ, name)
        names_by_type[typ].add(name)
        if key:
            union(x, (typ, "ref:" + key))
        if typ == "Event":
            sk = day_series(name, res.holidays)
            if sk != name:
                entry = lexicon_forms.get(sk)
                union(x, (typ, "ref:" + entry.name) if entry and entry.type == "Event" else (typ, sk))
        entry = lexicon_forms.get(name)
        if entry is not None and entry.type == typ:
            union(x, (typ, "ref:" + entry.name))
    for typ in ("Enterprise", "Organization"):
        if not any(b.endswith(LEGAL_SUFFIXES) for b in names_by_type[typ]):
            continue  # every rule below joins a name to a legal one
        names = sorted(names_by_type[typ], key=len)
        # A full name is a legal one (…有限公司): those are looked up by their first
        # character, and by the two characters after their place for short names, rather
        # than every pair of names being tried (a long document names thousands).
        legal_by_first: dict[str, list[str]] = defaultdict(list)
        legal_by_core: dict[str, list[str]] = defaultdict(list)
        for b in names:
            if b.endswith(LEGAL_SUFFIXES):
                legal_by_first[b[:1]].append(b)
                core = _core_name(b, res)
                if core != b:
                    legal_by_core[core[:2]].append(b)
        for a in names:
            fulls = [b for b in legal_by_first.get(a[:1], ()) if a != b and is_abbreviation(a, b)]
            if not fulls and typ == "Enterprise":
                # 新元公司, 新元煤矿 ↔ 山西新元煤炭有限责任公司: the place before the name is dropped
                fulls = [b for b in legal_by_core.get(a[:2], ()) if a != b and is_short_name(a, b, res)]
                if len(fulls) > 1:
                    fulls = []  # ambiguous: two companies could be meant
            for b in fulls:
                union((typ, a), (typ, b))
    # 中国科大 ↔ 中国科学技术大学, 山西农大 ↔ 山西农业大学: a university's short name
    # (few names end in 大, so the pairs tried are few)
    shorts = [a for a in names_by_type["Organization"] if a.endswith("大") and 2 <= len(a) <= 6]
    if shorts:
        universities = [b for b in names_by_type["Organization"] if b.endswith("大学")]
        for a in shorts:
            fulls = [b for b in universities if is_university_short_name(a, b)]
            if len(fulls) == 1:  # 北大 with 北京大学 and 北京师范大学: either could be meant
                union(("Organization", a), ("Organization", fulls[0]))
    # 长治八路军文化旅游区 ↔ 八路军文化旅游区, 上海市浙江商会 ↔ 上海浙江商会: a name that keeps
    # its host place is one entity with the name written without it, or with the host's
    # other form (each name is cut once at its head, so this is linear; a name shorter
    # than _HOSTED_MIN has no head to cut)
    hosted: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for typ in ("Enterprise", "Organization", "Place"):
        for b in sorted(b for b in names_by_type[typ] if len(b) >= _HOSTED_MIN):
            core = _core_name(b, res)
            if core != b:
                hosted[(typ, core)][res.place_forms[b[: len(b) - len(core)]][0]].append(b)
    for (typ, core), hosts in hosted.items():
        for fulls in hosts.values():
            for b in fulls[1:]:
                union((typ, fulls[0]), (typ, b))
        if len(hosts) == 1 and core in names_by_type[typ]:
            # (北京市浙江商会 and 上海市浙江商会 are two bodies: 浙江商会 is neither for sure)
            union((typ, next(iter(hosts.values()))[0]), (typ, core))
    # 香港立法会 ↔ 立法会: a body each of several regions has one of, named bare, is the one
    # such body the document names in full with its region (not with two regions' named)
    orgs = names_by_type["Organization"]
    for a in sorted(res.regional_bodies & orgs):
        fulls = {find(("Organization", b)) for b in orgs
                 if b != a and b.endswith(a) and b[: -len(a)] in res.place_forms}
        if len(fulls) == 1:
            union(("Organization", a), fulls.pop())
    # 天顺风能(苏州)股份有限公司 ↔ 苏州天顺风能股份有限公司: the place in brackets written first
    for typ in ("Enterprise", "Organization"):
        for b in sorted(b for b in names_by_type[typ] if "(" in b or "（" in b):
            m = BRACKET_INSIDE.search(b)
            if m and m.group(1) in res.place_forms:
                moved = m.group(1) + b[: m.start()] + b[m.end() :]
                if moved in names_by_type[typ]:
                    union((typ, b), (typ, moved))
    # 中国商务部 ↔ 商务部: China's name before one of its national bodies the lexicon knows
    # (美国商务部 is another body)
    bodies = names_by_type["Organization"]
    for b in sorted(bodies):
        for home in HOME_PREFIXES:
            core = b[len(home) :]
            if b.startswith(home) and core in bodies and getattr(res.lexicon_forms.get(core), "type", "") == "Organization":
                union(("Organization", b), ("Organization", core))
    # 上海市人民政府 ↔ 上海市政府: a state body's formal name and its everyday one
    body_forms = [(full, short) for kind, full, short in res.short_forms if kind == "body"]
    for b in sorted(bodies):
        for full, short in body_forms:  # lexicon/short_forms.tsv, the longer words first
            if full in b:
                if (shorter := b.replace(full, short, 1)) in bodies:
                    union(("Organization", b), ("Organization", shorter))
                break
    # 大冶湖高新区 ↔ 大冶湖高新技术产业开发区: a zone's usual short name is the zone
    place_names = names_by_type["Place"]
    zone_forms = [(full, short) for kind, full, short in res.short_forms if kind == "zone"]
    for a in sorted(place_names):
        for full, short in zone_forms:
            if a.endswith(short) and len(a) > len(short) + 1 and a[: -len(short)] + full in place_names:
                union(("Place", a), ("Place", a[: -len(short)] + full))
    # 祁县玻璃器皿 ↔ 祁县玻璃器皿专业镇: a specialised town listed without its suffix
    programmes = names_by_type["Initiative"]
    for a in sorted(programmes):
        if a + "专业镇" in programmes:
            union(("Initiative", a), ("Initiative", a + "专业镇"))
        # 国家生态产品价值实现机制试点 ↔ 生态产品价值实现机制试点, 国家级先进制造业集群: the level
        # before a programme's name, written once and left out after
        for level in NATIONAL_LEVELS:
            if a.startswith(level) and len(a) - len(level) >= 4 and a[len(level) :] in programmes:
                union(("Initiative", a), ("Initiative", a[len(level) :]))
    # a foreign name written with one character more (帕夫洛普洛斯 / 帕夫洛普洛斯科): one person
    persons = {n for n in names_by_type["Person"] if len(n) >= 4}
    for b in sorted(persons):
        if b[:-1] in persons and all(c in res.translit_chars for c in b):
            union(("Person", b[:-1]), ("Person", b))
    # 以下简称 declarations: the name just before the bracket gets the declared alias
    declared = list(ABBREV_DECL.finditer(text))
    by_end = {m.end: m for m in mentions} if declared else {}
    for decl in declared:
        full = by_end.get(decl.start())
        if full is not None:
            union((full.type, full.name), (full.type, decl.group(1)))
    # 荆楚网（湖北日报网）讯: an outlet glossed in brackets by its other name, one outlet
    if "（" in text or "(" in text:
        by_start = {m.start: m for m in mentions if m.type == "Organization"}
        for m in mentions:
            gloss = by_start.get(m.end + 1)
            if (
                gloss is not None
                and m.type == "Organization"
                and text[m.end] in "（("
                and text[gloss.end : gloss.end + 1] in "）)"
                and m.name.endswith(MEDIA_ENDS)
                and gloss.name.endswith(MEDIA_ENDS)
            ):
                union((m.type, m.name), (m.type, gloss.name))
    groups: dict[tuple[str, str], list[Mention]] = {}
    root_of: dict[tuple[str, str], tuple[str, str]] = {}
    for m in mentions:
        x = (m.type, m.name)
        root = root_of.get(x)
        if root is None:
            root = root_of[x] = find(x)
        group = groups.get(root)
        if group is None:
            groups[root] = [m]
        else:
            group.append(m)
    # short aliases declared but never found as mentions still count as aliases
    extra_alias: dict[tuple[str, str], set[str]] = defaultdict(set)
    for decl in declared:
        full = by_end.get(decl.start())
        if full is not None:
            extra_alias[find((full.type, full.name))].add(decl.group(1))
    entities = []
    keyed = []
    places = res.places
    starts = [m.start for m in mentions]
    if all(map(le, starts, starts[1:])):
        # the groups were met in the order of their first mentions, the order wanted
        in_order = groups.items()
    else:
        in_order = sorted(groups.items(), key=lambda kv: min(m.start for m in kv[1]))
    for root, ms in in_order:
        first = ms[0]
        typ = first.type  # a group joins names of one type
        extra = set(extra_alias[root]) if root in extra_alias else set()
        if len(ms) == 1:  # most groups
            names = {first.name}
            keys: Collection[str] = (first.key,)
            ref = first.key
            if first.rule == "latin-gloss":
                extra.add(first.text)
        else:
            names = {m.name for m in ms}
            keys = {m.key for m in ms}
            ref = next((m.key for m in ms if m.key), "")  # the first key
            # a Latin gloss (沃尔贝克（Gertjan Verbeek）) is named after the person it glosses
            extra.update([m.text for m in ms if m.rule == "latin-gloss"])
        if typ == "Event":
            extra.update(day_series(n, res.holidays) for n in names)
        elif typ == "Initiative":
            # a quote that is a word of the dictionary (“三北”工程, “出海”计划, “白名单”试点)
            # names a region or a thing, not the programme
            extra.update(
                q.group(1) for m in ms if (q := QUOTED_PROGRAMME.fullmatch(m.text)) and q.group(1) not in res.dictionary
            )
        for key in keys:
            p = places.get(key)
            if p is not None:
                extra.update((p.name, *p.short))
            elif key in lexicon_forms:
                extra.add(lexicon_forms[key].name)
        every = names | extra
        forms = sorted(every) if len(every) > 1 else list(every)
        # a verbatim form wins, but never a one-character abbreviation (美 → 美国), nor an
        # epithet where another form is written (新中国 → 中国)
        verbatim = [n for n in names if len(n) > 1]
        if len(verbatim) > 1 and res.epithets.intersection(verbatim):
            verbatim = [n for n in verbatim if n not in res.epithets] or verbatim
        if len(forms) == 1:
            canonical = forms[0]  # what every rule below gives when there is one form
        elif verbatim and typ == "Person":
            # a person's most frequent written form: a variant spelling stays an alias
            freq = Counter(m.name for m in ms)
            canonical = max(sorted(verbatim), key=lambda f: (freq[f], len(f)))
        elif verbatim:
            # the longest verbatim form, the first in code point order among those
            canonical = verbatim[0] if len(verbatim) == 1 else min(verbatim, key=_longest_then_first)
        elif ref in places:
            canonical = places[ref].name
        elif ref in lexicon_forms:
            canonical = lexicon_forms[ref].name
        else:
            canonical = min(forms, key=_longest_then_first)
        attrs = (("ref", ref),) if ref else ()
        entities.append(DocEntity(canonical, typ, tuple([f for f in forms if f != canonical]), len(ms), attrs))
        # a new Mention by hand (``dataclasses.replace`` per mention was a tenth of the time
        # here), and none when the mention is keyed so already
        if len(ms) == 1:
            keyed.append(first if first.key == canonical else _keyed(first, canonical))
        else:
            keyed += [m if m.key == canonical else _keyed(m, canonical) for m in ms]
    keyed.sort(key=_SPAN)
    # two groups may end with the same canonical name but different types: keep both,
    # names are unique per (type, name)
    return keyed, entities


#: The shortest name ``_core_name`` can cut a place off (a place of two characters and a
#: name of four after it).
_HOSTED_MIN = 6
_SPAN = attrgetter("start", "end")


def _keyed(m: Mention, key: str) -> Mention:
    return Mention(m.start, m.end, m.text, m.type, m.sentence, m.rule, m.name, key)


def _longest_then_first(form: str) -> tuple[int, str]:
    return (-len(form), form)


# ---------------------------------------------------------------------- the home country
#: The gazetteer id of the country the news is written in.
HOME_COUNTRY = "CN"
#: Tags of a dictionary word that a country name before it modifies (中国故事, 中国农产品).
_MODIFIED_TAGS = ("n", "j", "l", "m", "b", "an")


def modifier_only_home_country(text: str, keyed: list[Mention], entities: list[DocEntity], res: Resources) -> tuple[list[Mention], list[DocEntity]]:
    """Drop the home country from a document that names it only as a modifier.

    Chinese news names China before nouns constantly (中国故事, 中国式现代化, 中国特色, 一个中国
    原则, 中国农产品加工业) and inside other names (中国共产党, 中国—亚欧博览会); such a
    document does not speak of the place (GUIDELINES: a place at the start of a name is part
    of that name). China stays an entity when one mention stands by itself: a subject or an
    object (中国将…, 与中国建交, 中国的发展), that is, followed by a mark, a function word or
    a verb, or a short form (中方, 访华). Nested mentions do not count as standing alone,
    but the state that sends a mission (中国驻汤加使馆) and the one inside its government
    (中国政府) do.
    The graph's view only: the span view (``kg annotate``) keeps every mention.
    """
    home = next((e for e in entities if e.type == "Place" and e.attrs and dict(e.attrs).get("ref") == HOME_COUNTRY), None)
    if home is None:
        return keyed, entities
    mine = [m for m in keyed if m.type == "Place" and m.key == home.name]
    if any(not _modifies(text, m, res) for m in mine):
        return keyed, entities
    return [m for m in keyed if not (m.type == "Place" and m.key == home.name)], [e for e in entities if e is not home]


def _modifies(text: str, m: Mention, res: Resources) -> bool:
    """Whether mention ``m`` of the home country modifies what follows it, or is nested in a
    name: the longest dictionary word after it is a noun (中国 | 故事), or a number
    (中国 | 500强). A short form (中方, 访华) names the country itself."""
    if m.rule.startswith("nested-"):
        # 中国驻汤加使馆: the state before 驻 sends the mission, it is named as an actor; 中国政府:
        # the place inside its government is an entity of its own (GUIDELINES, as 山西省委 holds 山西省)
        return not text.startswith(("驻", "政府"), m.end)
    if m.rule == "abbreviation":
        return False
    after = text[m.end : m.end + 4]
    if not after or not ("\u4e00" <= after[0] <= "\u9fff" or after[0].isdigit()):
        return False  # a mark or the end: the name stands alone
    if after[0].isdigit():
        return True
    for k in range(len(after), 0, -1):
        hit = res.dictionary.get(after[:k])
        if hit is not None:
            return hit[1].startswith(_MODIFIED_TAGS)
    return True
