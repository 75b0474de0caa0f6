"""The pair engine (A 与/和/同 B … TRIGGER): cooperation and meetings between partners."""

from helpers import relations


def _sym(found, a, r, b):
    return (a, r, b) in found or (b, r, a) in found


def test_a_list_of_pairs_shares_its_verb():
    # A与B、C与D、E与F分别签署: each 与 joins two names, the verb closes the list however long
    found = relations(
        "太原市人民政府与大同市人民政府、太原高新区与大同高新区、太原经开区与大同经开区、"
        "太原综合保税区与大同综合保税区分别签署了合作协议。"
    )
    assert _sym(found, "太原市人民政府", "cooperates_with", "大同市人民政府")
    assert _sym(found, "太原高新区", "cooperates_with", "大同高新区")
    assert _sym(found, "太原经开区", "cooperates_with", "大同经开区")
    # the name after 、 opens the next pair: it is no partner of the first
    assert not _sym(found, "太原市人民政府", "cooperates_with", "太原高新区")
    assert not _sym(found, "大同市人民政府", "cooperates_with", "太原高新区")


def test_partners_listed_after_one_conjunction():
    # A分别与B和C会谈: A meets both, B and C do not meet each other
    found = relations("许勤分别与俄罗斯总统普京和哈萨克斯坦总统托卡耶夫举行会谈。")
    assert _sym(found, "许勤", "met", "普京")
    assert _sym(found, "许勤", "met", "托卡耶夫")
    assert not _sym(found, "普京", "met", "托卡耶夫")
    # a plain list after 与 still shares the partner
    found = relations("太原市与大同市、朔州市签署合作协议。")
    assert _sym(found, "太原市", "cooperates_with", "朔州市")


def test_a_wish_to_cooperate_is_no_cooperation():
    assert not [r for r in relations("希望中冶集团与唐山市进一步升级合作模式。") if r[1] == "cooperates_with"]


def test_a_partner_that_widens_ties_with_others():
    # A深化与B、C等地的合作: A is the partner of each listed after 与
    found = relations("支持山西加大与京津冀、长三角、珠三角等地的科技创新开放合作。")
    for other in ("京津冀", "长三角", "珠三角"):
        assert _sym(found, "山西", "cooperates_with", other)
    # any other word between A and 与 still breaks the pair
    assert not _sym(relations("山西省代表团访问期间与天津市签署合作协议。"), "山西省", "cooperates_with", "天津市")


def test_a_place_after_zai_is_where_a_pair_meets_no_partner():
    # 在北京同意大利总统…: 北京 is where, 意大利 is the president's country
    found = relations("习近平在北京同意大利总统马塔雷拉共同会见出席中意文化合作机制大会的双方代表。")
    assert not _sym(found, "北京", "cooperates_with", "意大利")


def test_a_call_after_the_partners_blocks_as_one_before_them():
    assert not relations("中国和印尼要共同弘扬以和平、合作、包容为核心的亚洲价值观。")
    assert _sym(relations("山西华晋纺织有限公司与平遥县人民政府签署战略合作协议。"),
                "山西华晋纺织有限公司", "cooperates_with", "平遥县人民政府")


def test_a_division_before_the_partner_body_says_where_it_is():
    found = relations("宁德时代新能源科技股份有限公司与福建省福州市人民政府签署战略合作协议。")
    assert _sym(found, "宁德时代新能源科技股份有限公司", "cooperates_with", "福州市人民政府")
    assert not _sym(found, "宁德时代新能源科技股份有限公司", "cooperates_with", "福建省")


def test_short_forms_written_together_cooperate():
    # 中德合作, 美英澳…合作: each pair of a run of one-character short forms, with the verb
    # close after it in its clause
    assert _sym(relations("李克强表示，中德合作不仅互利双方。"), "中国", "cooperates_with", "德国")
    found = relations("美英澳核潜艇合作所涉核武器材料转让问题不容回避。")
    assert _sym(found, "美国", "cooperates_with", "英国")
    # the verb too far after the run, in another clause, or inside a name is none of theirs
    assert not _sym(relations("中韩是搬不走的永久近邻，也是分不开的合作伙伴。"), "中国", "cooperates_with", "韩国")
    assert not _sym(relations("中俄双方同意在上海合作组织框架内保持沟通。"), "中国", "cooperates_with", "俄罗斯")
    # a wish of the sentence's subject reaches over its clauses; a cooperation named as
    # what something is for, or a body named by it, states none
    assert not _sym(relations("中方愿同老方携手奋进，推动中老合作不断迈上新台阶。"), "中国", "cooperates_with", "老挝")
    assert not _sym(relations("会晤为中俄地方合作高质量发展指明了方向。"), "中国", "cooperates_with", "俄罗斯")
    assert not _sym(relations("王晓东出席中土合作委员会会议。"), "中国", "cooperates_with", "土耳其")


def test_a_list_right_before_signing_signs_together():
    # A、B签署: no 与 and no 双方, the verb right after the list (across 今天, 共同)
    assert _sym(relations("四川省、重庆市签署协议，加强残疾预防工作协作。"), "四川省", "cooperates_with", "重庆市")
    assert _sym(relations("中宣部、中国银联今天共同签署战略合作框架协议。"), "中宣部", "cooperates_with", "中国银联")
    # a list after 向 is addressed; a call to sign is none
    assert not _sym(relations("俄罗斯已向美国和北约提议签署条约。"), "美国", "cooperates_with", "北约")
    assert not _sym(relations("希望四川省、重庆市签署协议。"), "四川省", "cooperates_with", "重庆市")
    # the partners listed after one 与 sign with the one before it, not with each other
    found = relations("吴川市人民政府与天顺风能(苏州)股份有限公司、珠海金桥置业有限公司签署投资协议。")
    assert _sym(found, "吴川市人民政府", "cooperates_with", "珠海金桥置业有限公司")
    assert not _sym(found, "天顺风能(苏州)股份有限公司", "cooperates_with", "珠海金桥置业有限公司")
