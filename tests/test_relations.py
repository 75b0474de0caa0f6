"""RelationFinder: the rules run together over a document, with evidence for each relation.
The engines have test files of their own (test_relation_titles, test_relation_places,
test_relation_triggers); co-occurrence is test_cooccurrence."""

from helpers import extract, relations, tools

from kg.extract.relations import RelationFinder, TitleRun, cooccurrences
from kg.extract.segment import TokenBounds


def test_names_other_modules_import_stay_here():
    # the pipeline imports RelationFinder and cooccurrences from kg.extract.relations
    assert isinstance(tools().relations, RelationFinder)
    assert callable(cooccurrences) and TitleRun(["书记"], ["副"]).match("副书记")


def test_evidence_points_into_the_text():
    text = "晋中市委书记常书铭主持会议。山西国际能源集团与榆社县人民政府签约。"
    dx = extract(text, doc_id="d1")
    assert dx.relations
    for r in dx.relations:
        for ev in r.evidence:
            assert ev.doc == "d1"
            assert text[ev.start : ev.end] in ev.text
            sent = dx.sentences[ev.sentence]
            assert sent.text == ev.text and text[sent.start : sent.end] == ev.text
            assert ev.rule


def test_who_proposed_a_programme_does_not_also_take_part_in_it():
    found = relations("平遥县人民政府发起乡村振兴战略，推动乡村振兴战略落地。")
    assert ("平遥县人民政府", "proposed", "乡村振兴战略") in found
    assert ("平遥县人民政府", "participates_in", "乡村振兴战略") not in found


def test_relations_from_token_bounds_equal_those_from_tokens():
    dx = extract("国家主席习近平在北京会见法国总统马克龙。山西省委书记唐登杰在晋中市调研，他强调要抓好招商。")
    t = tools()
    tokens = t.segmenter.tokens(dx.doc.text)
    args = (dx.doc, dx.sentences, dx.mentions)
    with_tokens = t.relations.find(*args, tokens)
    assert with_tokens and t.relations.find(*args, TokenBounds.of(tokens, len(dx.doc.text))) == with_tokens


def test_a_happening_is_neither_attended_nor_held_anywhere():
    # 召开会议，分析新冠肺炎疫情形势: the meeting is about the epidemic, nobody attends it;
    # 美国新冠疫情: the epidemic's course in a country, not an event held there
    found = relations("中共中央政治局常务委员会召开会议，分析新冠肺炎疫情形势。美国新冠疫情持续恶化。")
    assert not [r for r in found if r[1] in ("attended", "located_in")], found
    # a meeting held in a place stays held there
    assert ("第三届文化旅游博览会", "located_in", "太原") in relations("第三届文化旅游博览会在太原开幕。")


def test_a_holiday_is_an_event_no_relation_takes():
    # a day is attended by nobody and held nowhere (data/lexicon/holidays.tsv)
    text = "国庆节前后，香港将举行数百项庆祝活动。全国总工会今天启动2025年元旦春节期间送温暖行动。"
    dx = extract(text)
    assert {("国庆节", "Event"), ("春节", "Event")} <= {(e.name, e.type) for e in dx.entities}
    assert not any({r.head, r.tail} & {"国庆节", "春节", "2025年元旦", "元旦"} for r in dx.relations)


def test_a_gathering_named_after_a_holiday_takes_its_relations():
    assert ("赵乐际", "attended", "2022年春节团拜会") in relations("赵乐际出席2022年春节团拜会。")
    assert ("元旦升国旗仪式", "located_in", "天安门广场") in relations("天安门广场举行元旦升国旗仪式。")
