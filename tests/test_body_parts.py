"""The word tests of a body's name (kg.extract.body_parts), on whole sentences: which words
before a suffix may be part of a name."""

import pytest
from helpers import entities


@pytest.mark.parametrize(
    "text, name, wrong",
    [
        # 就 glued to the name's first characters, and a country's one-character name glued to 称
        ("他们将在那里就亚速钢铁厂人员撤离问题开展工作。", "亚速钢铁厂", "就亚速钢铁厂"),
        ("俄称亚速钢铁厂周边有平民撤离。", "亚速钢铁厂", "俄称亚速钢铁厂"),
    ],
)
def test_a_glued_preposition_or_says_opens_no_body(text, name, wrong):
    found = {n for n, _t in entities(text)}
    assert name in found and wrong not in found


def test_a_county_whose_name_opens_with_cheng_keeps_it():
    # hard negative: 称多县 is a word of the dictionary, no glued 称
    assert ("称多县人民政府", "Organization") in entities("称多县人民政府发布通知。")
