"""Loading data/: the shipped data loads, lookups, the data folder. The loaders of each
file have their own test files (test_resources_files, _gazetteer, _lexicon, _rules)."""

from kg.resources import load_resources


def test_shipped_data_loads():
    res = load_resources()
    assert res.places["cn:140700"].name == "晋中市"
    assert "晋中" in res.places["cn:140700"].short
    assert res.place_forms["山西"] == ("cn:140000",)
    assert res.parent_chain("cn:140727")[:2] == ["cn:140700", "cn:140000"]
    assert res.lexicon_forms["党中央"].name == "中共中央"
    assert {r.relation for r in res.relation_rules} >= {
        "holds_position", "located_in", "part_of", "visited", "attended",
        "proposed", "participates_in", "cooperates_with", "met",
    }
    assert res.common_word("文明") and not res.common_word("常书铭")


def test_club_forms_that_are_places_or_marked_need_a_sport_sentence():
    res = load_resources()
    gated = res.gated_forms
    assert gated["米兰"].name == "AC米兰足球俱乐部"  # also a city
    assert "拜仁" in gated  # marked ~: two characters
    assert "曼彻斯特联" not in gated  # a full name that is nothing else
    assert res.lexicon_forms["曼联"].name == "曼彻斯特联足球俱乐部"  # aliases merge like any lexicon entry
    assert gated["暴雪"].domain == "game" and gated["民生"].name == "中国民生银行"
    assert "佳士得" not in gated and res.lexicon_forms["佳士得"].type == "Enterprise"


def test_data_folder_is_the_installed_package_data():
    """Every command reads kg's data through the package ``kg._data`` as installed, which
    must be a real folder (a namespace package gave a MultiplexedPath whose str() is no
    path, and a wheel install could not read titles.txt)."""
    from importlib import resources as importlib_resources
    from pathlib import Path

    from kg.resources import default_data_dir

    located = importlib_resources.files("kg._data")
    assert isinstance(located, Path)
    assert default_data_dir() == located
    for name in ("rules/relations.toml", "lexicon/titles.txt", "shapes.ttl", "ontology.ttl", "queries"):
        assert (default_data_dir() / name).exists(), name


def test_titles_in_order_and_as_one_set():
    res = load_resources()
    assert res.titles == tuple(sorted(res.titles, key=lambda t: (-len(t), t)))  # longest first
    assert res.title_set == frozenset(res.titles) and "书记" in res.title_set
    assert res.title_set is res.title_set  # made once, shared by the finders that test membership


def test_place_forms_full_names_before_short_forms():
    from kg.resources import Place, Resources

    places = {
        "a": Place("a", "朝阳区", ("朝阳",), "county"),
        "b": Place("b", "朝阳市", ("朝阳", "朝阳"), "city"),
        "c": Place("c", "朝阳", ("朝阳",), "county"),
        "d": Place("d", "新城", (), "county"),
    }
    res = Resources(places, (), frozenset(), (), frozenset(), frozenset(), frozenset(), (), ())
    assert res.place_forms == {"朝阳": ("c", "a", "b", "b"), "朝阳区": ("a",), "朝阳市": ("b",), "新城": ("d",)}
    assert list(res.place_forms) == sorted(res.place_forms)


def test_holidays_are_lexicon_events_given_to_the_segmenter_as_any_name():
    # a user word moves the cuts of the sentences holding it only (tests/test_segment.py),
    # so the days need no exception
    res = load_resources()
    assert {"春节", "世界读书日", "国际劳动节"} <= res.holidays
    assert res.lexicon_forms["国际劳动节"].name == "劳动节" and res.lexicon_forms["春节"].type == "Event"
    words = {w for w, _f, _t in res.user_words()}
    assert {"世界读书日", "国际劳动节", "中国国际进口博览会"} <= words and "春节" not in words  # (two characters)
