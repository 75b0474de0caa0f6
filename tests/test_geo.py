"""places.geojson and map.html (kg.export.geo, kg.export.map_page) on a small extraction
made here: which places become features, in what order and form, and how the page keeps
document strings from becoming markup."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from kg.config import Settings
from kg.export.geo import PlaceFacts, coordinates, geojson_text, place_features, write_map
from kg.export.map_page import map_data, render_map
from kg.model import DocEntity, DocExtraction, Document, Entity, Evidence, Extraction, Relation

HOSTILE = '</script><script>window.pwned=1</script><!--&amp;<b onmouseover="x">'
BEIJING = "place/cn-110000"
SHANXI = "place/cn-140000"
WEIRD = "place/weird"


def _entity(eid, typ, name, mentions, docs, **attrs):
    return Entity(eid, typ, name, (), mentions, tuple(docs), tuple(sorted(attrs.items())))


def _extraction(reverse: bool = False) -> Extraction:
    docs = (
        Document("d1", "北京。", title="北京新闻", date="2024-11-05"),
        Document("d2", "山西。", title=HOSTILE, date="2024年11月7日"),
        Document("d3", "无日期。", title="", date=""),
    )
    entities = [
        _entity(
            BEIJING,
            "Place",
            "北京市",
            5,
            ["d1", "d2"],
            adcode="110000",
            kind="province",
            lon="116.407394",
            lat="39.904211",
        ),
        _entity(
            SHANXI,
            "Place",
            "山西省",
            2,
            ["d3"],
            adcode="140000",
            kind="province",
            lon="112.562678",
            lat="37.873499",
        ),
        _entity(WEIRD, "Place", HOSTILE, 3, ["d2"], kind="county", lon="-0.0000001", lat="51.5"),
        _entity("place/fr", "Place", "法国", 7, ["d1"], kind="country"),  # no coordinates
        _entity("place/bad", "Place", "坏坐标", 1, ["d1"], lon="abc", lat="40"),
        _entity("place/far", "Place", "远方", 1, ["d1"], lon="10", lat="95"),
        _entity("person/张三", "Person", "张三", 4, ["d1"], lon="116", lat="39"),  # not a place
    ]
    if reverse:
        entities.reverse()
    ev = Evidence("d1", 0, 0, 3, "北京。", "rule")
    relations = (
        Relation("person/张三", "visited", BEIJING, (ev,)),
        Relation(WEIRD, "located_in", BEIJING, (ev,)),
        Relation(BEIJING, "cooperates_with", SHANXI, (ev, ev)),
    )
    doc_entities = {
        "d1": (DocEntity("北京", "Place", mentions=3), DocEntity("法国", "Place", mentions=7)),
        "d2": (DocEntity("北京市", "Place", mentions=2), DocEntity(HOSTILE, "Place", mentions=3)),
        "d3": (DocEntity("山西", "Place", mentions=2),),
    }
    entity_of = {
        ("d1", "北京"): BEIJING,
        ("d1", "法国"): "place/fr",
        ("d2", "北京市"): BEIJING,
        ("d2", HOSTILE): WEIRD,
        ("d3", "山西"): SHANXI,
    }
    dxs = tuple(DocExtraction(d, (), (), doc_entities[d.id], ()) for d in docs)
    return Extraction(dxs, tuple(entities), relations, (), entity_of)


def _collection(ex: Extraction) -> dict:
    return json.loads(geojson_text(ex))


def test_features_only_for_places_with_valid_coordinates():
    fc = _collection(_extraction())
    assert fc["type"] == "FeatureCollection"
    # most mentioned first, then id; France has no coordinates, the others bad ones, the
    # person is not a place
    assert [f["id"] for f in fc["features"]] == [BEIJING, WEIRD, SHANXI]
    assert all(f["type"] == "Feature" and f["geometry"]["type"] == "Point" for f in fc["features"])
    assert coordinates(_entity("place/x", "Place", "x", 1, [], lon="181", lat="0")) is None
    assert coordinates(_entity("place/x", "Place", "x", 1, [], lon="nan", lat="0")) is None


def test_coordinates_are_longitude_then_latitude():
    by_id = {f["id"]: f for f in _collection(_extraction())["features"]}
    assert by_id[BEIJING]["geometry"]["coordinates"] == [116.407394, 39.904211]
    assert by_id[SHANXI]["geometry"]["coordinates"] == [112.562678, 37.873499]
    # rounded to six decimals, and never a negative zero
    assert by_id[WEIRD]["geometry"]["coordinates"] == [0.0, 51.5]
    assert "-0.0" not in geojson_text(_extraction())
    # RFC 7946 has no "crs" member: coordinates are WGS 84 longitude, latitude
    assert "crs" not in _collection(_extraction())


def test_properties_and_adcode_as_string():
    text = geojson_text(_extraction())
    assert '"adcode":"110000"' in text
    props = {f["id"]: f["properties"] for f in json.loads(text)["features"]}
    beijing = props[BEIJING]
    assert beijing["adcode"] == "110000" and isinstance(beijing["adcode"], str)
    assert beijing["id"] == BEIJING and beijing["iri"].endswith("/id/place/cn-110000")
    assert (beijing["name"], beijing["type"], beijing["kind"]) == ("北京市", "Place", "province")
    assert (beijing["mentions"], beijing["documents"]) == (5, 2)
    assert (beijing["first_seen"], beijing["last_seen"]) == ("2024-11-05", "2024-11-07")
    # one count per typed relation, zeros included; a relation counts once however much evidence
    assert (beijing["visited"], beijing["located_in"], beijing["cooperates_with"], beijing["met"]) == (
        1,
        1,
        1,
        0,
    )
    assert (
        props[SHANXI]["first_seen"] is None and props[SHANXI]["last_seen"] is None
    )  # only an undated document
    assert props[WEIRD]["adcode"] is None
    assert list(beijing)[:10] == [
        "id",
        "iri",
        "name",
        "type",
        "kind",
        "adcode",
        "mentions",
        "documents",
        "first_seen",
        "last_seen",
    ]


def test_deterministic_bytes(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert write_map(_extraction(), a, Settings()) == ["places.geojson", "map.html"]
    write_map(_extraction(reverse=True), b, Settings())  # entity order does not matter
    for name in ("places.geojson", "map.html"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    text = (a / "places.geojson").read_text(encoding="utf-8")
    assert text.endswith("]}\n") and len(text.splitlines()) == 2 + 3  # one feature per line


def test_both_files_read_one_set_of_place_facts(tmp_path):
    ex = _extraction()
    facts = PlaceFacts(ex)
    assert [e.id for e in facts.entities][:3] == ["place/fr", BEIJING, WEIRD]  # most mentioned first
    assert facts.xy[BEIJING] == (116.407394, 39.904211) and facts.xy["place/fr"] is None
    # what write_map writes from the shared facts is what each file makes on its own
    write_map(ex, tmp_path, Settings())
    assert (tmp_path / "places.geojson").read_text(encoding="utf-8") == geojson_text(ex)
    assert (tmp_path / "map.html").read_text(encoding="utf-8") == render_map(ex, Settings())
    assert geojson_text(ex, places=facts) == geojson_text(ex) and map_data(ex, places=facts) == map_data(ex)


def test_geojson_keeps_a_hostile_name_as_data():
    names = [f["properties"]["name"] for f in place_features(_extraction())]
    assert HOSTILE in names  # JSON, not HTML: the name is kept exactly


def test_map_page_escapes_document_strings(tmp_path):
    write_map(_extraction(), tmp_path, Settings())
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert HOSTILE not in page and "<b onmouseover" not in page
    # the only script elements are the data and the page's own script
    assert len(re.findall(r"<script", page, re.IGNORECASE)) == 2
    assert len(re.findall(r"</script", page, re.IGNORECASE)) == 2
    data_text = re.search(
        r'<script type="application/json" id="map-data">(.*?)</script>', page, re.DOTALL
    ).group(1)
    assert "<" not in data_text and ">" not in data_text and "&" not in data_text
    data = json.loads(data_text)
    assert HOSTILE in {p["name"] for p in data["places"]}
    assert HOSTILE in {d[1] for d in data["docs"]}


def test_map_page_is_offline():
    page = render_map(_extraction(), Settings())
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))
    assert csp.startswith("default-src 'none'; ") and "'unsafe-inline'" not in csp
    assert len(re.findall(r"'sha256-[A-Za-z0-9+/=]+'", csp)) == 2  # the one script, the one style
    assert not re.search(r"\s(src|href)=", page)
    # no address but the SVG namespace, which names and fetches nothing
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) <= {"http://www.w3.org/2000/svg"}


def test_map_data_lists_every_place_with_its_documents():
    data = map_data(_extraction())
    places = {p["id"]: p for p in data["places"]}
    assert set(places) == {BEIJING, SHANXI, WEIRD, "place/fr", "place/bad", "place/far"}
    assert places["place/fr"]["xy"] is None  # listed, not drawn
    assert places[BEIJING]["xy"] == [116.407394, 39.904211]
    docs = [d[0] for d in data["docs"]]
    assert docs == ["d1", "d2", "d3"]  # dated first, in date order
    assert places[BEIJING]["d"] == [[0, 3], [1, 2]]  # mentions per document, for the period filter
    assert data["dates"] == ["2024-11-05", "2024-11-07"]
    kinds = [k for k, _, _ in data["kinds"]]
    assert kinds == ["province", "county", "country", "other"]


def _words(page):
    """The interface words of a map page: its markup without the two scripts and the
    style, and the words the script gets as data."""
    data = json.loads(re.search(r'id="map-data">(.*?)</script>', page, re.DOTALL).group(1))
    markup = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page, flags=re.DOTALL)
    return markup, data


def test_map_page_speaks_chinese_by_default():
    markup, data = _words(render_map(_extraction(), Settings()))
    assert '<html lang="zh">' in markup
    assert "<title>地点</title>" in markup and "<h2>地点</h2>" in markup
    assert "<legend>颜色</legend>" in markup and ">全部时间</button>" in markup
    assert "地图不画任何边界" in markup and "boundaries" not in markup
    assert "关系：位于" in markup and "relation:" not in markup
    assert "6 个地点中有 3 个有坐标" in markup
    assert data["lang"] == "zh" and data["ui"]["documents_h"] == "文档"
    assert [k[2] for k in data["kinds"]] == ["省级", "县级", "国家", "其他"]
    rels = {t: label for t, _, label in data["relations"]}
    assert rels["located_in"] == "位于" and rels["holds_position"] == "担任职务"
    # the markup's words are all Chinese: no English word of the old page is left
    for english in ("Colour", "Document dates", "kind of place", "Places", "Click a place"):
        assert english not in markup


def test_map_page_speaks_english_on_request():
    markup, data = _words(render_map(_extraction(), Settings(lang="en")))
    assert '<html lang="en">' in markup
    assert "<title>Places</title>" in markup and "<legend>Colour</legend>" in markup
    assert "The map draws no boundaries" in markup and "relation: located in" in markup
    assert "3 of 6 places have coordinates" in markup
    assert data["lang"] == "en" and data["ui"]["documents_h"] == "Documents"
    assert [k[2] for k in data["kinds"]] == ["province", "county", "country", "other"]
    assert not re.search(r"[\u4e00-\u9fff]", markup)  # no Chinese outside names and data


def test_no_places_still_writes_both(tmp_path):
    ex = Extraction((), (_entity("person/x", "Person", "x", 1, []),), (), ())
    write_map(ex, tmp_path, Settings())
    assert json.loads((tmp_path / "places.geojson").read_text(encoding="utf-8")) == {
        "type": "FeatureCollection",
        "features": [],
    }
    assert "0 个地点中有 0 个有坐标" in (tmp_path / "map.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["map.js"])
def test_page_script_may_not_end_its_element(name):
    text = (Path(__file__).resolve().parent.parent / "kg" / "export" / "html" / "templates" / name).read_text(
        encoding="utf-8"
    )
    assert "</script" not in text.lower() and "innerHTML" not in text
