"""Tours (kg.extract.relation_tours): clauses opened by the site or the place visited, and the
visitor carried over a semicolon."""

import pytest
from helpers import relations

TOUR = ("林武来到山东益大新材料股份有限公司，走进企业展厅，了解产品研发情况；在山东硅科新材料有限公司，察看有机硅系列产品；"
        "在济宁安泰矿山设备制造有限公司，走进生产车间，了解企业数字化转型情况。")
HALF_WIDTH = str.maketrans("，；", ",;")


@pytest.mark.parametrize("text", [TOUR, TOUR.translate(HALF_WIDTH)], ids=["full-width", "half-width"])
def test_the_visitor_of_a_tour_goes_on_after_a_semicolon(text):
    # a semicolon ends a sentence, but the sites of the clauses after it are the first
    # clause's visitor's, in either width of punctuation
    found = relations(text)
    assert ("林武", "visited", "山东硅科新材料有限公司") in found
    assert ("林武", "visited", "济宁安泰矿山设备制造有限公司") in found


def test_no_visitor_is_carried_past_a_full_stop_or_into_a_new_paragraph():
    # hard negatives: a full stop, or a new paragraph, ends the tour of the person before
    for text in ("林武来到山东益大新材料股份有限公司，了解产品研发情况。在山东硅科新材料有限公司，察看有机硅系列产品。",
                 "林武来到山东益大新材料股份有限公司，了解产品研发情况；\n在山东硅科新材料有限公司，察看有机硅系列产品。"):
        assert ("林武", "visited", "山东硅科新材料有限公司") not in relations(text)


@pytest.mark.parametrize(
    "text, places",
    [
        ("在宁波，王沪宁来到天一阁博物院、宁波帮博物馆调研。", {"宁波"}),
        # each place of a list, the innermost of its chain; an adverb before the verb
        ("在江苏苏州和江阴，丁薛祥前往苏州工业园了解园区开发建设情况。", {"苏州", "江阴"}),
        ("在河南郑州，王晓东先后来到中原科技城、郑州大学。", {"郑州"}),
    ],
)
def test_a_place_opening_a_clause_of_a_tour_is_visited(text, places):
    found = {t for h, r, t in relations(text) if r == "visited" and t in places | {"江苏", "河南"}}
    assert found == places


@pytest.mark.parametrize(
    "text",
    [
        "在北京，开展“胜利日外交”。",  # no visitor after the comma: the place says where
        "在宁波，王沪宁表示，要加快发展。",  # no verb of a visit
        "在宁波，人们来到天一阁博物院。",  # no named visitor
    ],
)
def test_a_place_opening_a_clause_is_no_visit_without_a_visitor_and_a_verb_of_visiting(text):
    assert not [r for r in relations(text) if r[1] == "visited"]
