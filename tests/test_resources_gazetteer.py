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


def test_abbreviations_marked_alone_are_read_from_the_third_column(tmp_path):
    from kg.resources.gazetteer import load_alone_abbreviations

    res = load_resources()
    assert {"俄", "叙"} <= res.abbr_alone <= set(res.country_abbr)
    assert "美" not in res.abbr_alone and "日" not in res.abbr_alone
    overlay = tmp_path / "abbreviations.tsv"
    overlay.write_text("俄\tRU\n", encoding="utf-8")  # an overlay's row without the mark takes it back
    builtin = load_resources().data_dir
    from pathlib import Path

    base = Path(builtin) / "gazetteer" / "abbreviations.tsv"
    assert "俄" not in load_alone_abbreviations([base, overlay])


def test_an_abbreviation_s_third_column_is_alone_or_empty(tmp_path):
    import pytest

    from kg.resources import ResourceError
    from kg.resources.gazetteer import load_abbreviations

    bad = tmp_path / "abbreviations.tsv"
    bad.write_text("俄\tRU\tsometimes\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="third column"):
        load_abbreviations(bad, load_resources().places)
