"""Alias merging: a document's mentions grouped into entities.

Places group by gazetteer id, curated names by lexicon entry, 以下简称 declarations by what
they declare; company names by abbreviation (太重集团 ↔ 太原重型机械集团有限公司, 新元公司 ↔
山西新元煤炭有限责任公司), editions of a series (第六届中国国际进口博览会 ↔ 中国国际进口博览会 ↔
进博会) and variant spellings of a foreign name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from kg.extract.candidates import BRACKET_INSIDE
from kg.model import DocEntity, Mention
from kg.resources import Resources

# ---------------------------------------------------------------------- merging
EDITION = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+届|首届|\d{4}年?|[一二三四五六七八九十]+届)")
LEGAL_SUFFIXES = ("股份有限公司", "有限责任公司", "集团有限公司", "有限公司", "股份公司")
ABBREV_DECL = re.compile(r"（(?:以下)?简称[“\"]?([^”\"）]{2,12})[”\"]?）")


def series_key(name: str) -> str:
    """The series a numbered edition belongs to.

    >>> series_key("第六届中国国际进口博览会")
    '中国国际进口博览会'
    """
    stripped = EDITION.sub("", name)
    return stripped if len(stripped) >= 3 else name


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
    """Group a document's mentions into entities; returns keyed mentions and entities."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent.setdefault(parent[x], parent[x])
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    def node(m: Mention) -> tuple[str, str]:
        return (m.type, m.name)

    for m in mentions:
        find(node(m))
        if m.key:
            union(node(m), (m.type, "ref:" + m.key))
        if m.type == "Event":
            sk = series_key(m.name)
            if sk != m.name:
                entry = res.lexicon_forms.get(sk)
                union(node(m), (m.type, "ref:" + entry.name) if entry and entry.type == "Event" else (m.type, sk))
        if m.name in res.lexicon_forms and res.lexicon_forms[m.name].type == m.type:
            union(node(m), (m.type, "ref:" + res.lexicon_forms[m.name].name))
    names_by_type: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        names_by_type[m.type].add(m.name)
    for typ in ("Enterprise", "Organization"):
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
    # 长治八路军文化旅游区 ↔ 八路军文化旅游区, 上海市浙江商会 ↔ 上海浙江商会: a name that keeps
    # its host place is one entity with the name written without it, or with the host's
    # other form (each name is cut once at its head, so this is linear)
    hosted: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for typ in ("Enterprise", "Organization", "Place"):
        for b in sorted(names_by_type[typ]):
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
    # 天顺风能(苏州)股份有限公司 ↔ 苏州天顺风能股份有限公司: the place in brackets written first
    for typ in ("Enterprise", "Organization"):
        for b in sorted(names_by_type[typ]):
            m = BRACKET_INSIDE.search(b)
            if m and m.group(1) in res.place_forms:
                moved = m.group(1) + b[: m.start()] + b[m.end() :]
                if moved in names_by_type[typ]:
                    union((typ, b), (typ, moved))
    # a foreign name written with one character more (帕夫洛普洛斯 / 帕夫洛普洛斯科): one person
    persons = {n for n in names_by_type["Person"] if len(n) >= 4}
    for b in sorted(persons):
        if b[:-1] in persons and all(c in res.translit_chars for c in b):
            union(("Person", b[:-1]), ("Person", b))
    # 以下简称 declarations: the name just before the bracket gets the declared alias
    by_end = {m.end: m for m in mentions}
    for decl in ABBREV_DECL.finditer(text):
        full = by_end.get(decl.start())
        short = decl.group(1)
        if full is None:
            continue
        union(node(full), (full.type, short))
        names_by_type[full.type].add(short)
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[find(node(m))].append(m)
    # short aliases declared but never found as mentions still count as aliases
    extra_alias: dict[tuple[str, str], set[str]] = defaultdict(set)
    for decl in ABBREV_DECL.finditer(text):
        full = by_end.get(decl.start())
        if full is not None:
            extra_alias[find(node(full))].add(decl.group(1))
    entities = []
    keyed = []
    for root, ms in sorted(groups.items(), key=lambda kv: min(m.start for m in kv[1])):
        extra = set(extra_alias.get(root, set()))
        for m in ms:
            if m.type == "Event":
                extra.add(series_key(m.name))
            if m.key in res.places:
                p = res.places[m.key]
                extra.update((p.name, *p.short))
            elif m.key in res.lexicon_forms:
                extra.add(res.lexicon_forms[m.key].name)
        # a Latin gloss (沃尔贝克（Gertjan Verbeek）) is named after the person it glosses
        extra.update(m.text for m in ms if m.rule == "latin-gloss")
        forms = sorted({m.name for m in ms} | extra)
        typ = ms[0].type
        # a verbatim form wins, but never a one-character abbreviation (美 → 美国)
        verbatim = {m.name for m in ms if len(m.name) > 1}
        if verbatim and typ == "Person":
            # a person's most frequent written form: a variant spelling stays an alias
            freq = Counter(m.name for m in ms)
            canonical = max(sorted(verbatim), key=lambda f: (freq[f], len(f)))
        elif verbatim:
            canonical = forms[max(range(len(forms)), key=lambda k: (forms[k] in verbatim, len(forms[k]), -k))]
        else:
            key = next((m.key for m in ms if m.key), "")
            if key in res.places:
                canonical = res.places[key].name
            elif key in res.lexicon_forms:
                canonical = res.lexicon_forms[key].name
            else:
                canonical = forms[max(range(len(forms)), key=lambda k: (len(forms[k]), -k))]
        attrs = ()
        ref = next((m.key for m in ms if m.key), "")
        if ref:
            attrs = (("ref", ref),)
        entities.append(DocEntity(canonical, typ, tuple(f for f in forms if f != canonical), len(ms), attrs))
        # a new Mention by hand: ``dataclasses.replace`` per mention was a tenth of the time here
        keyed += [Mention(m.start, m.end, m.text, m.type, m.sentence, m.rule, m.name, canonical) for m in ms]
    keyed.sort(key=lambda m: (m.start, m.end))
    # two groups may end with the same canonical name but different types: keep both,
    # names are unique per (type, name)
    return keyed, entities
