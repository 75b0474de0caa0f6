"""Format and facts of the generated gazetteers in data/gazetteer/ (see scripts/build_gazetteers.py).

Reads the TSV files with the csv module only, so it checks the data independently of the loader.
"""

from __future__ import annotations

import csv

import pytest

from kg.resources import default_data_dir

GAZ = default_data_dir() / "gazetteer"
CN_HEADER = ["adcode", "name", "short", "level", "parent", "lon", "lat", "abbr"]
WORLD_HEADER = ["id", "name", "aliases", "kind", "parent", "lon", "lat"]


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    raw = (GAZ / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    assert b"\r" not in raw, "LF line ends"
    assert raw.endswith(b"\n")
    rows = list(csv.reader(raw.decode("utf-8").splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    assert all(len(r) == len(header) for r in body), "every row has every column"
    return header, [dict(zip(header, r, strict=True)) for r in body]


@pytest.fixture(scope="module")
def cn() -> dict[str, dict[str, str]]:
    header, rows = _read("cn_divisions.tsv")
    assert header == CN_HEADER
    by_code = {r["adcode"]: r for r in rows}
    assert len(by_code) == len(rows), "unique adcodes"
    return by_code


@pytest.fixture(scope="module")
def world() -> dict[str, dict[str, str]]:
    header, rows = _read("world.tsv")
    assert header == WORLD_HEADER
    by_id = {r["id"]: r for r in rows}
    assert len(by_id) == len(rows), "unique ids"
    return by_id


def _forms(row: dict[str, str], column: str) -> list[str]:
    return [f for f in row[column].split("|") if f]


def test_cn_format(cn):
    codes = list(cn)
    assert codes == sorted(codes)
    for code, r in cn.items():
        assert len(code) == 6 and code.isdigit()
        assert r["level"] in {"province", "prefecture", "county"}
        assert r["name"] and len(r["name"]) >= 2
        assert all(len(s) >= 2 for s in _forms(r, "short")), r
        if r["level"] == "province":
            assert code.endswith("0000") and r["parent"] == "" and r["abbr"]
        else:
            assert r["parent"] in cn and r["parent"][:2] == code[:2] and r["abbr"] == ""
        if r["lon"]:
            assert -180 <= float(r["lon"]) <= 180 and -90 <= float(r["lat"]) <= 90
    assert sum(r["level"] == "province" for r in cn.values()) == 34


def test_cn_no_placeholders_or_generic_shorts(cn):
    names = {r["name"] for r in cn.values()}
    assert not names & {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
    shorts = {s for r in cn.values() for s in _forms(r, "short")}
    assert not shorts & {"城区", "郊区", "矿区", "新区", "开发区", "市辖区", "高新区", "东区", "新城", "中方"}


@pytest.mark.parametrize(
    ("code", "name", "short", "level", "parent", "abbr"),
    [
        ("140000", "山西省", "山西", "province", "", "晋"),
        ("140700", "晋中市", "晋中", "prefecture", "140000", ""),
        ("140727", "祁县", "", "county", "140700", ""),
        ("140702", "榆次区", "榆次", "county", "140700", ""),
        ("140725", "寿阳县", "寿阳", "county", "140700", ""),
        ("140781", "介休市", "介休", "county", "140700", ""),
        ("110000", "北京市", "北京", "province", "", "京"),
        ("110105", "朝阳区", "", "county", "110000", ""),  # a municipality district; 朝阳 is a word
        ("110108", "海淀区", "海淀", "county", "110000", ""),
        ("500101", "万州区", "万州", "county", "500000", ""),
        ("500229", "城口县", "城口", "county", "500000", ""),
        ("429004", "仙桃市", "仙桃", "county", "420000", ""),  # province-direct county-level city
        ("650000", "新疆维吾尔自治区", "新疆", "province", "", "新"),
        ("150000", "内蒙古自治区", "内蒙古", "province", "", "蒙"),
        ("450000", "广西壮族自治区", "广西", "province", "", "桂"),
        ("540000", "西藏自治区", "西藏", "province", "", "藏"),
        ("510000", "四川省", "四川", "province", "", "川|蜀"),
        ("810000", "香港特别行政区", "香港|香港特区", "province", "", "港"),
        ("820000", "澳门特别行政区", "澳门|澳门特区", "province", "", "澳"),
        ("710000", "台湾省", "台湾", "province", "", "台"),
        ("222400", "延边朝鲜族自治州", "延边", "prefecture", "220000", ""),
        ("220200", "吉林市", "", "prefecture", "220000", ""),  # 吉林 is the province
        ("440605", "南海区", "", "county", "440600", ""),  # 南海 is the sea
    ],
)
def test_cn_facts(cn, code, name, short, level, parent, abbr):
    r = cn[code]
    assert (r["name"], r["short"], r["level"], r["parent"], r["abbr"]) == (name, short, level, parent, abbr)


def test_cn_municipality_districts_hang_on_the_municipality(cn):
    for prov in ("110000", "120000", "310000", "500000"):
        children = [r for r in cn.values() if r["adcode"][:2] == prov[:2] and r["level"] != "province"]
        assert children and all(r["parent"] == prov for r in children)


def test_world_format(world, cn):
    kinds = {"country", "state", "prefecture", "county", "region", "sea", "city"}
    for id_, r in world.items():
        assert r["kind"] in kinds
        assert r["name"]
        for form in [r["name"], *_forms(r, "aliases")]:
            assert len(form) >= 2, (id_, form)
        if r["kind"] in ("prefecture", "county"):  # below a Chinese province the source lacks
            assert r["parent"].startswith("cn:") and cn[r["parent"][3:]]["level"] == "province", id_
        elif r["parent"]:
            assert r["parent"] in world, id_
        if r["kind"] == "country":
            assert len(id_) == 2 and id_.isupper()
        if r["kind"] == "city":
            assert id_.startswith("C-") and world[r["parent"]]["kind"] == "country"
    owners: dict[str, str] = {}
    for id_, r in world.items():
        for form in [r["name"], *_forms(r, "aliases")]:
            assert owners.setdefault(form, id_) == id_, f"{form} names {owners[form]} and {id_}"


def _by_name(world, name):
    found = [r for r in world.values() if r["name"] == name]
    assert len(found) == 1, name
    return found[0]


def test_world_facts(world):
    assert world["FR"]["name"] == "法国"
    assert world["RU"]["name"] == "俄罗斯"
    assert "沙特" in _forms(world["SA"], "aliases")
    assert {"中华人民共和国", "新中国"} <= set(_forms(world["CN"], "aliases"))
    assert "中非" not in {f for r in world.values() for f in [r["name"], *_forms(r, "aliases")]}
    assert _by_name(world, "欧洲")["kind"] == "region"
    assert _by_name(world, "东南亚")["kind"] == "region"
    assert "拉美" in _forms(_by_name(world, "拉丁美洲"), "aliases")
    assert _by_name(world, "太平洋")["kind"] == "sea"
    for city, country in [("巴黎", "FR"), ("莫斯科", "RU"), ("日内瓦", "CH"), ("纽约", "US")]:
        r = _by_name(world, city)
        assert (r["kind"], r["parent"]) == ("city", country)
    assert _by_name(world, "艾奥瓦州")["parent"] == "US"


def test_world_names_a_country_as_the_news_does_where_cldr_describes_it(world):
    assert world["PS"]["name"] == "巴勒斯坦" and "巴勒斯坦领土" in _forms(world["PS"], "aliases")


def test_world_has_the_names_taiwan_and_hong_kong_papers_give_countries(world):
    # CLDR's zh_Hant names in the simplified form of the reader's view (寮國 -> 寮国)
    for code, form in [("LA", "寮国"), ("NZ", "纽西兰"), ("IT", "义大利"), ("KE", "肯亚"), ("ZW", "辛巴威")]:
        assert form in _forms(world[code], "aliases")
    # and cities: Dubai, Gaza, Riyadh, Istanbul as those papers write them
    for city, form in [("迪拜", "杜拜"), ("加沙", "加萨"), ("利雅得", "利雅德"), ("伊斯坦布尔", "伊斯坦堡")]:
        assert form in _forms(_by_name(world, city), "aliases")
    # and the short forms those papers give the countries they name often (馬紹爾總統)
    for code, form in [("MH", "马绍尔"), ("KN", "圣克里斯多福"), ("VC", "圣文森")]:
        assert form in _forms(world[code], "aliases")
    # but not those that mostly name something else (a US state, a hill of Hong Kong, a
    # person, a fruit)
    forms = {f for r in world.values() for f in [r["name"], *_forms(r, "aliases")]}
    assert not {"乔治亚", "狮子山", "查德", "雪梨", "索菲亚"} & forms


def test_world_leaves_china_to_cn_divisions(world, cn):
    assert not {"TW", "HK", "MO"} & set(world)
    names = {r["name"] for r in world.values()}
    assert not names & {"上海", "乌鲁木齐", "香港", "澳门", "台北"}
    # only the divisions below Taiwan, Hong Kong and Macau, which the source does not
    # list, are world rows, each under its province and named as no division is
    below = {id_: r for id_, r in world.items() if r["parent"].startswith("cn:")}
    assert {r["parent"] for r in below.values()} == {"cn:710000", "cn:810000", "cn:820000"}
    assert _by_name(world, "台北市")["parent"] == "cn:710000" and "台北" in _forms(_by_name(world, "台北市"), "aliases")
    assert _by_name(world, "湾仔区")["parent"] == "cn:810000"
    cn_forms = {f for r in cn.values() for f in [r["name"], *_forms(r, "short")]}
    assert not cn_forms & {f for r in below.values() for f in [r["name"], *_forms(r, "aliases")]}
