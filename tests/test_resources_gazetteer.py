"""kg.resources.gazetteer: places and their forms (renamed divisions, former county names)."""

from kg.resources import load_resources


def test_renamed_division_has_its_current_name_and_keeps_the_former():
    res = load_resources()
    taigu = res.places["cn:140726"]
    assert taigu.name == "太谷区" and "太谷县" in taigu.short
    assert res.place_forms["太谷区"] == ("cn:140726",) == res.place_forms["太谷县"]


def test_former_county_name_of_a_district_or_city_is_a_form():
    res = load_resources()
    assert res.place_forms["崇礼县"] == res.place_forms["崇礼区"]  # a district since 2016
    assert res.place_forms["安陆县"] == res.place_forms["安陆市"]  # a county-level city
    assert "北京县" not in res.place_forms  # only county-level places
