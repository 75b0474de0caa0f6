"""Generate the committed gazetteer files in data/gazetteer/ (a development-time tool).

Outputs:

- ``data/gazetteer/cn_divisions.tsv``: Chinese administrative divisions to county level, from the
  ``adcodes.csv`` table shipped with the ``cpca`` package (MIT), with short forms derived by the
  rules below and the one-character province abbreviations.
- ``data/gazetteer/world.tsv``: countries, regions and time-zone cities with their Chinese names
  from CLDR (through ``babel``), the names Taiwan's and Hong Kong's usage gives the countries
  (CLDR zh_Hant, zh_Hant_HK, simplified as the reader's view of a traditional text is), plus
  the hand-curated entries and aliases of ``data/gazetteer/world_aliases.tsv``.

``cpca`` and ``babel`` are needed only to run this script; the ``kg`` package never imports them.
The committed files were made with babel ``BABEL_VERSION``: each babel release carries another
CLDR, whose names differ (a newer one gives 阿斯玛拉 and 萨克岛 too), so the script stops
with a one-line message under any other (``pip install babel==2.18.0``).
The output is sorted and carries no timestamps, so a re-run gives byte-identical files::

    python3 scripts/build_gazetteers.py            # write the files, print counts
    python3 scripts/build_gazetteers.py --check    # exit 1 if the committed files are stale

Short-form rules for cn_divisions.tsv (the ``short`` column):

1. Strip the level's suffix, longest first: province 特别行政区/自治区/省/市; prefecture
   自治州/地区/市/盟; county 自治县/自治旗/新区/矿区/特区/县/区/市/旗. A suffix is stripped only if
   at least two characters remain, so 祁县, 城区, 矿区 get no short form; 清新区 falls back from
   新区 to 区.
2. In names of autonomous units (containing 自治 or 族), strip trailing ethnic names, with or
   without 族 (维吾尔, 蒙古族, 各族 ...), again keeping at least two characters: 延边朝鲜族自治州 →
   延边, 新疆维吾尔自治区 → 新疆, but 内蒙古自治区 → 内蒙古. A unit named only after a people
   (鄂伦春自治旗, 东乡族自治县) gets no short form.
3. Drop the result if it is a single character, an ordinary word or a generic district name
   (``SHORT_STOPLIST``: 城区, 新城, 和平, 合作, 中方, 比如 ...).
4. Drop a short form of a lower level that equals the name or short form of a higher level
   (吉林市 loses 吉林 to 吉林省, 朝阳区 loses 朝阳 to 朝阳市), and a prefecture or county short
   form that equals a world.tsv name or alias (南海区 loses 南海 to the sea). Equal short forms at
   the same level are kept (two 通州区 both have 通州): a loader must treat them as ambiguous.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "data" / "gazetteer"
CN_OUT = GAZ / "cn_divisions.tsv"
WORLD_OUT = GAZ / "world.tsv"
WORLD_HAND = GAZ / "world_aliases.tsv"
#: The babel release (and so the CLDR) the committed world.tsv was made from.
BABEL_VERSION = "2.18.0"

CN_HEADER = ("adcode", "name", "short", "level", "parent", "lon", "lat", "abbr")
WORLD_HEADER = ("id", "name", "aliases", "kind", "parent", "lon", "lat")
HAND_HEADER = ("id", "aliases", "name", "kind", "parent")
LEVELS = ("province", "prefecture", "county")
#: World kinds; ``prefecture`` and ``county`` are the Chinese levels below a province that
#: the divisions' source does not list (Taiwan's municipalities and counties, Hong Kong's
#: districts), hand-curated with a ``cn:`` parent.
KINDS = ("country", "state", "prefecture", "county", "region", "sea", "city")

# cpca rows that are statistical placeholders, not places.
PLACEHOLDER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

SUFFIXES = {
    "province": ("特别行政区", "自治区", "省", "市"),
    "prefecture": ("自治州", "地区", "市", "盟"),
    "county": ("自治县", "自治旗", "新区", "矿区", "特区", "县", "区", "市", "旗"),
}


def _words(text: str) -> tuple[str, ...]:
    """Whitespace-separated words: long word lists stay readable."""
    return tuple(text.split())


# Short forms that the rules get wrong.
# 井陉 is 井陉县; the special administrative regions are as often 香港特区 as 香港
SHORT_OVERRIDES = {
    "神农架林区": ("神农架",),
    "井陉矿区": (),
    "香港特别行政区": ("香港", "香港特区"),
    "澳门特别行政区": ("澳门", "澳门特区"),
}

# The 55 minority peoples as they appear in unit names; with 族 and, for names longer than one
# character, also without it (新疆维吾尔自治区, 伊犁哈萨克自治州). 各族 as in 隆林各族自治县.
_PEOPLES = _words(
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 拉祜 水 东乡 "
    "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 "
    "俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 高山"
)
ETHNIC = tuple(
    sorted(
        {p + "族" for p in _PEOPLES} | {p for p in _PEOPLES if len(p) > 1} | {"各族"},
        key=lambda s: (-len(s), s),
    )
)

# Short forms that are ordinary words or generic district names in news text, so matching them
# would mostly be wrong (中方 = "the Chinese side", 比如 = "for example", 合作 = "cooperation").
SHORT_STOPLIST = frozenset(
    _words(
        """
    城区 郊区 矿区 新区 开发区 市辖区 高新区 示范区 东区 西区 南区 北区 中区 新城 老城 古城
    城中 城东 城西 城南 城北 城关 城厢 市中 市南 市北 路南 路北 桥东 桥西 河东 河西 江南 江北
    江岸 南岸 滨海 港口 海港 运河 通道 台前
    中方 比如 南部 资源 合作 公安 东方 和平 友好 友谊 前进 解放 振兴 复兴 平安 安定 共和 富裕
    宏伟 新兴 工农 东风 红旗 红星 向阳 朝阳 光明 新华 建华 爱民 惠民 富民 会同 互助 同心 民权
    安居 延长 博爱 开化 温泉 清水 大方 万年 白云 长安 安宁 吉利 清新 兴业 凤凰 白银 大观 天涯
    海棠 芙蓉 莲花 麒麟 元宝 宝塔 七星 灯塔 凌云 鼓楼 钟楼 双桥 平房 小店 二七 二道 九龙 三元
    大名 高明 武功 石棉 洞口 长子 阳春 交口 方正 大厂 东坡 白玉 小金 名山 大英 前锋 金牛 丰满
    长寿 阿里 回民 弥勒 马尾 龙凤 光泽 威信 高台 清流 海盐 紫金 大关 大城
    """
    )
)

# One-character abbreviations of the 34 province-level units (several have two in use).
PROVINCE_ABBR = {
    "110000": "京", "120000": "津", "130000": "冀", "140000": "晋", "150000": "蒙",
    "210000": "辽", "220000": "吉", "230000": "黑", "310000": "沪", "320000": "苏",
    "330000": "浙", "340000": "皖", "350000": "闽", "360000": "赣", "370000": "鲁",
    "410000": "豫", "420000": "鄂", "430000": "湘", "440000": "粤", "450000": "桂",
    "460000": "琼", "500000": "渝", "510000": "川|蜀", "520000": "贵|黔", "530000": "云|滇",
    "540000": "藏", "610000": "陕|秦", "620000": "甘|陇", "630000": "青", "640000": "宁",
    "650000": "新", "710000": "台", "810000": "港", "820000": "澳",
}  # fmt: skip

# Added only if cpca lacks them (cpca 0.5.5 has all three, without sub-divisions).
PROVINCE_FALLBACK = {
    "710000": ("台湾省", "121.509062", "25.044332"),
    "810000": ("香港特别行政区", "114.171203", "22.277468"),
    "820000": ("澳门特别行政区", "113.543028", "22.186835"),
}

# CLDR territory codes that are not places of their own here: pseudo/unknown codes, groupings,
# organisations (欧盟, 联合国 belong in an organisation lexicon), and China's own Taiwan, Hong Kong
# and Macao, which are province-level units in cn_divisions.tsv.
SKIP_TERRITORIES = {"ZZ", "XA", "XB", "EU", "EZ", "UN", "QO", "TW", "HK", "MO"}
# 001 is the world; 017 is 中非 in CLDR, which in news mostly means China-Africa.
SKIP_REGIONS = {"001", "017"}
# Names of countries in Taiwan's and Hong Kong's usage (CLDR zh_Hant and zh_Hant_HK) that
# in news mostly name something else: a US state (乔治亚), a hill of Hong Kong (狮子山), a
# person (查德, 马利), or the start of other names (东加 of 东加里曼丹, 尼日 of 尼日河).
# (哈萨克, 塔吉克 and 乌兹别克 are kept: the finder reads no place inside 哈萨克族.) Cities:
# a fruit (雪梨), a dog (芝娃娃), persons (索菲亚, 凯西, 史坦利, 圣约翰, 圣路易, 华雷斯, 伯斯), a brand (开云),
# words (自由城, 自由市, 鹅湾, 格兰场) and research stations.
SKIP_VARIANTS = {
    "乔治亚", "狮子山", "查德", "马利", "东加", "尼日", "荷属阿鲁巴",
    "雪梨", "索菲亚", "凯西", "史坦利", "圣约翰", "圣路易", "华雷斯", "伯斯", "开云", "自由城", "自由市",
    "鹅湾", "格兰场", "昭和基地", "杜里", "绰尔", "帕麦", "波夕", "班竹", "芝娃娃",
}
# Time zones whose cities are China's own (cn_divisions.tsv has them) or not a city.
SKIP_ZONE_TERRITORIES = {"CN", "TW", "HK", "MO", "001", "ZZ"}
# Exemplar cities that in news mostly name a person or something else, or are misleading.
SKIP_ZONE_CITIES = {
    "达尔文", "道森", "斯坦利", "林德曼", "朱诺", "威克", "诺姆", "乌拉尔", "圣路易斯", "圣胡安",
}  # fmt: skip


def _read_cpca() -> list[tuple[str, str, str, str]]:
    """(adcode6, name, lon, lat) rows of cpca's table, placeholders dropped."""
    import cpca  # development-time source only

    path = Path(cpca.__file__).parent / "resources" / "adcodes.csv"
    rows = []
    with path.open(encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            code12, name = rec["adcode"].strip(), rec["name"].strip()
            if len(code12) != 12 or not code12.isdigit() or code12[6:] != "000000":
                raise SystemExit(f"{path}: unexpected adcode {code12!r}")
            if name in PLACEHOLDER_NAMES:
                continue
            rows.append((code12[:6], name, _coord(rec["longitude"]), _coord(rec["latitude"])))
    return rows


def _coord(value: str) -> str:
    value = value.strip()
    return f"{float(value):.6f}" if value else ""


def _level(code: str) -> str:
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "prefecture"
    return "county"


def _strip_suffix(name: str, level: str) -> str | None:
    for suffix in SUFFIXES[level]:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def rule_short_forms(name: str, level: str) -> tuple[str, ...]:
    """Short forms by rules 1-3 of the module docstring (no cross-entry collisions)."""
    if name in SHORT_OVERRIDES:
        return SHORT_OVERRIDES[name]
    stem = _strip_suffix(name, level)
    if stem is None:
        return ()
    if "自治" in name or "族" in name:
        if stem in ETHNIC:
            return ()
        stripped = True
        while stripped:
            stripped = False
            for people in ETHNIC:
                if stem.endswith(people) and len(stem) - len(people) >= 2:
                    stem, stripped = stem[: -len(people)], True
                    break
    if len(stem) < 2 or stem in SHORT_STOPLIST:
        return ()
    return (stem,)


def build_cn(world_forms: set[str]) -> tuple[list[dict[str, str]], list[str]]:
    """cn_divisions.tsv rows, and the short forms that rule 4 dropped (for the log)."""
    rows = _read_cpca()
    codes = Counter(code for code, *_ in rows)
    dupes = sorted(code for code, n in codes.items() if n > 1)
    if dupes:
        raise SystemExit(f"duplicate adcodes in cpca: {dupes}")
    for code, (name, lon, lat) in PROVINCE_FALLBACK.items():
        if code not in codes:
            print(f"cpca lacks {code} {name}: added by hand", file=sys.stderr)
            rows.append((code, name, lon, lat))
    present = {code for code, *_ in rows}

    entries = []
    for code, name, lon, lat in sorted(rows):
        level = _level(code)
        if level == "province":
            parent = ""
        elif level == "prefecture":
            parent = code[:2] + "0000"
        else:
            # Province-direct units (municipality districts, 省直辖县级行政区划) have no prefecture.
            parent = code[:4] + "00" if code[:4] + "00" in present else code[:2] + "0000"
        if parent and parent not in present:
            raise SystemExit(f"{code} {name}: parent {parent} missing")
        entries.append(
            {
                "adcode": code,
                "name": name,
                "short": list(rule_short_forms(name, level)),
                "level": level,
                "parent": parent,
                "lon": lon,
                "lat": lat,
                "abbr": PROVINCE_ABBR.get(code, "") if level == "province" else "",
            }
        )

    # Rule 4: a short form belongs to the highest level that has it (as name or short form).
    rank = {level: i for i, level in enumerate(LEVELS)}
    best: dict[str, int] = {}
    for e in entries:
        for form in [e["name"], *e["short"]]:
            best[form] = min(best.get(form, 9), rank[e["level"]])
    dropped = []
    for e in entries:
        keep = []
        for form in e["short"]:
            if best[form] < rank[e["level"]]:
                dropped.append(f"{e['name']}:{form}(level)")
            elif e["level"] != "province" and form in world_forms:
                dropped.append(f"{e['name']}:{form}(world)")
            else:
                keep.append(form)
        e["short"] = keep

    missing_abbr = set(PROVINCE_ABBR) - {e["adcode"] for e in entries if e["level"] == "province"}
    if missing_abbr:
        raise SystemExit(f"abbreviations for missing provinces: {sorted(missing_abbr)}")
    for e in entries:
        e["short"] = "|".join(e["short"])
    return entries, dropped


def _read_hand() -> list[dict[str, str]]:
    rows = []
    with WORLD_HAND.open(encoding="utf-8", newline="") as f:
        lines = [(i, line) for i, line in enumerate(f, 1) if line.strip() and not line.startswith("#")]
    header = tuple(lines[0][1].rstrip("\n").split("\t"))
    if header != HAND_HEADER:
        raise SystemExit(f"{WORLD_HAND}:{lines[0][0]}: header {header} != {HAND_HEADER}")
    for lineno, line in lines[1:]:
        cells = line.rstrip("\n").split("\t")
        if len(cells) > len(HAND_HEADER):
            raise SystemExit(f"{WORLD_HAND}:{lineno}: too many columns")
        cells += [""] * (len(HAND_HEADER) - len(cells))
        row = dict(zip(HAND_HEADER, (c.strip() for c in cells), strict=True))
        row["lineno"] = str(lineno)
        rows.append(row)
    return rows


def build_world() -> list[dict[str, str]]:
    from babel import Locale  # development-time source only
    from babel.core import get_global

    zh = Locale("zh")
    entries: dict[str, dict[str, str | list[str]]] = {}

    def add(id_: str, name: str, kind: str, parent: str = "") -> None:
        if id_ in entries:
            raise SystemExit(f"world: duplicate id {id_}")
        entries[id_] = {"id": id_, "name": name, "aliases": [], "kind": kind, "parent": parent}

    for code, name in sorted(zh.territories.items()):
        if code.isdigit():
            if code not in SKIP_REGIONS:
                add("R" + code, name, "region")
        elif len(code) == 2 and code not in SKIP_TERRITORIES:
            add(code, name, "country")

    # Names a city must not repeat: country names and (below) their hand aliases.
    hand = _read_hand()
    country_forms = {e["name"] for e in entries.values() if e["kind"] == "country"}
    country_forms |= {
        a for r in hand if not r["kind"] and r["id"] in entries for a in [r["name"], *r["aliases"].split("|")] if a
    }

    zone_aliases = get_global("zone_aliases")
    zone_territories = get_global("zone_territories")
    for tz, info in sorted(zh.time_zones.items()):
        city = info.get("city")
        canonical = zone_aliases.get(tz, tz)
        if canonical != tz and canonical in zh.time_zones:
            continue  # a legacy name (Pacific/Enderbury) of a zone listed under its own name
        territory = zone_territories.get(canonical) or zone_territories.get(tz)
        if not city or territory is None or territory in SKIP_ZONE_TERRITORIES:
            continue
        if tz.startswith(("Antarctica/", "Etc/")) or len(city) < 2 or city in SKIP_ZONE_CITIES:
            continue  # research stations, pseudo zones, one-character names, person names
        own = entries[territory]["name"] if territory in entries else ""
        if city in country_forms or (own and (own.startswith(city) or city in (own + "岛", own + "群岛"))):
            continue  # the territory itself (新加坡, 百慕大, 开曼 of 开曼群岛, 圣巴泰勒米岛)
        if territory not in entries:
            raise SystemExit(f"world: zone {tz} in unknown territory {territory}")
        add("C-" + canonical, city, "city", territory)

    for row in hand:
        where = f"{WORLD_HAND}:{row['lineno']}"
        aliases = [a for a in row["aliases"].split("|") if a]
        if row["name"] and not row["kind"] and row["id"] in entries:
            # a generated entry named anew: CLDR's name reads as a description (巴勒斯坦领土)
            # where the news names the country; the old name stays an alias
            old = entries[row["id"]]
            if row["name"] in old["aliases"]:
                old["aliases"].remove(row["name"])
            old["aliases"].insert(0, old["name"])
            old["name"] = row["name"]
        elif row["name"]:
            if row["kind"] not in KINDS or row["kind"] == "country":
                raise SystemExit(f"{where}: kind {row['kind']!r} not one of {'/'.join(KINDS[1:])}")
            if row["id"] in entries:
                raise SystemExit(f"{where}: id {row['id']} already exists")
            add(row["id"], row["name"], row["kind"], row["parent"])
        elif row["id"] not in entries:
            raise SystemExit(f"{where}: no generated entry {row['id']} to add aliases to")
        elif row["kind"] or row["parent"]:
            raise SystemExit(f"{where}: kind/parent given without a name")
        for alias in aliases:
            if alias in entries[row["id"]]["aliases"] or alias == entries[row["id"]]["name"]:
                raise SystemExit(f"{where}: alias {alias} repeated")
            entries[row["id"]]["aliases"].append(alias)

    _add_variants(entries, zh)

    out = []
    for e in entries.values():
        out.append(
            {
                "id": e["id"],
                "name": e["name"],
                "aliases": "|".join(sorted(e["aliases"])),
                "kind": e["kind"],
                "parent": e["parent"],
                "lon": "",
                "lat": "",
            }
        )
    out.sort(key=lambda r: (KINDS.index(r["kind"]), r["id"]))
    return out


def _add_variants(entries: dict, zh) -> None:
    """Add to each country and city the names Taiwan's and Hong Kong's papers give it (CLDR's
    zh_Hant and zh_Hant_HK: 寮國, 肯亞, 義大利, 紐西蘭, 杜拜), in the simplified form the reader's
    view of a traditional document has (OpenCC hk2s: 寮国, 肯亚, 义大利, 纽西兰, 杜拜), so that
    such a paper's places are found; not the forms of SKIP_VARIANTS, nor one another entry owns."""
    import opencc  # a dependency of kg itself: the converter the reader's view is made with
    from babel import Locale

    hk2s = opencc.OpenCC("hk2s").convert
    owned = {f: e["id"] for e in entries.values() for f in [e["name"], *e["aliases"]]}
    for locale in (Locale("zh_Hant"), Locale("zh_Hant_HK")):
        countries = [(code, name, "country") for code, name in sorted(locale.territories.items())]
        # the cities of the time zones (杜拜, 加萨, 利雅德, 伊斯坦堡), as CLDR's zh names are
        cities = [("C-" + tz, info["city"], "city") for tz, info in sorted(locale.time_zones.items()) if info.get("city")]
        for code, name, kind in countries + cities:
            e = entries.get(code)
            if e is None or e["kind"] != kind:
                continue
            form = hk2s(name)
            if kind == "city" and "州" in form:
                continue  # 印第安那州诺克斯: a small town named with its state
            if form in SKIP_VARIANTS or len(form) < 2 or any(c in form for c in " （）()"):
                continue
            if owned.setdefault(form, code) != code or form == e["name"] or form in e["aliases"]:
                continue  # another entry's form, or one this entry has already
            e["aliases"].append(form)


def validate(rows: list[dict[str, str]], key: str, name: str, alias_col: str, where: str,
             cn_codes: frozenset[str] = frozenset()) -> None:
    """Unique ids, known parents (a world place may name a Chinese division ``cn:<adcode>``
    of ``cn_codes``), well-formed forms, and in the world table one owner per form."""
    ids = Counter(r[key] for r in rows)
    problems = [f"duplicate id {i}" for i, n in ids.items() if n > 1]
    for r in rows:
        forms = [r[name], *[a for a in r[alias_col].split("|") if a]]
        if not r[name]:
            problems.append(f"{r[key]}: empty name")
        if r["parent"] and r["parent"] not in ids and r["parent"].removeprefix("cn:") not in cn_codes:
            problems.append(f"{r[key]}: parent {r['parent']} missing")
        for form in forms:
            if len(form) < 2 or any(c in form for c in "\t\n|"):
                problems.append(f"{r[key]}: bad form {form!r}")
    if where == "world":
        owner = defaultdict(set)
        for r in rows:
            for form in [r[name], *[a for a in r[alias_col].split("|") if a]]:
                owner[form].add(r[key])
        problems += [f"form {f} used by {sorted(ids_)}" for f, ids_ in owner.items() if len(ids_) > 1]
    if problems:
        raise SystemExit(f"{where}: " + "; ".join(sorted(problems)))


def to_tsv(header: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    buf = io.StringIO()
    buf.write("\t".join(header) + "\n")
    for r in rows:
        buf.write("\t".join(r[c] for c in header) + "\n")
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files")
    args = parser.parse_args(argv)
    import babel

    if babel.__version__ != BABEL_VERSION:
        raise SystemExit(f"babel {babel.__version__} carries another CLDR than the committed files' "
                         f"(babel {BABEL_VERSION}): pip install babel=={BABEL_VERSION}")

    world = build_world()
    world_forms = {f for r in world for f in [r["name"], *r["aliases"].split("|")] if f}
    cn, dropped = build_cn(world_forms)
    validate(cn, "adcode", "name", "short", "cn")
    validate(world, "id", "name", "aliases", "world", frozenset(r["adcode"] for r in cn))

    outputs = {CN_OUT: to_tsv(CN_HEADER, cn), WORLD_OUT: to_tsv(WORLD_HEADER, world)}
    stale = [p for p, text in outputs.items() if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for p in stale:
            print(f"stale: {p.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_bytes(text.encode("utf-8"))

    print(f"{CN_OUT.relative_to(ROOT)}: {len(cn)} rows")
    for level in LEVELS:
        rows = [r for r in cn if r["level"] == level]
        print(f"  {level}: {len(rows)} ({sum(1 for r in rows if r['short'])} with a short form)")
    print(f"  {len(dropped)} short forms dropped by rule 4: {' '.join(dropped)}")
    print(f"{WORLD_OUT.relative_to(ROOT)}: {len(world)} rows")
    for kind in KINDS:
        rows = [r for r in world if r["kind"] == kind]
        print(f"  {kind}: {len(rows)} ({sum(1 for r in rows if r['aliases'])} with aliases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
