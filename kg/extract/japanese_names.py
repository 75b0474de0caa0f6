"""Japanese people's names written in Chinese characters (桥本龙太郎, 小渊惠三, 樱内义雄,
岸田文雄): a Japanese surname of two or three characters and a given name of one to three.

Neither the Chinese surname checks nor the transliteration characters read them, and the
segmenter cuts them anywhere (上杉 | 光弘, 谷口清 | 太郎, 中江/ns | 要介), so the finder of
people (``kg.extract.persons``) asks this module at every token that opens with one of
``JAPANESE_SURNAMES``. A surname alone is a person only before a title of Japan's government
(桥本首相) or, in a text about Japan, before another title, a form of address or a
reporting verb (樱内会长, 冈田教授, 小渊说); a full name needs a title before it, a reporting verb or title after it, a mention
of Japan in the text, or the tagger's name tag on the whole name in one word.
"""

from __future__ import annotations

import re

from kg.extract.candidates import NOT_NAME_TAIL, Candidate
from kg.extract.segment import Tokens

#: Common Japanese surnames and those of Japan's public figures, in simplified characters.
#: One-character surnames (林, 森, 原, 菅) are left out: they are Chinese ones or words too.
JAPANESE_SURNAMES = frozenset(
    """
    佐藤 铃木 高桥 田中 渡边 伊藤 山本 中村 小林 加藤 吉田 山田 佐佐木 山口 松本 井上 木村 清水
    山崎 阿部 池田 桥本 山下 石川 中岛 前田 藤田 小川 后藤 冈田 长谷川 村上 近藤 石井 斋藤 坂本
    远藤 青木 藤井 西村 福田 太田 三浦 藤原 冈本 松田 中川 中野 原田 小野 田村 竹内 金子 和田
    石田 上田 森田 柴田 酒井 工藤 横山 宫崎 宫本 内田 高木 安藤 谷口 大野 丸山 今井 高田 藤本
    武田 村田 上野 杉山 增田 菅原 平野 大塚 千叶 久保 松井 小岛 岩崎 樱井 野口 松尾 野村 木下
    菊地 佐野 大西 杉本 新井 滨田 菅野 市川 水野 小松 岛田 古川 小山 高野 西田 菊池 山内 西川
    五十岚 北村 安田 中田 川口 平田 川崎 饭田 吉川 本田 久保田 泽田 吉村 渡部 岩田 中西 服部
    樋口 福岛 川上 永井 松冈 田口 山中 森本 土屋 矢野 广濑 秋山 石原 松下 大桥 松浦 吉冈 小池
    马场 浅野 荒木 大久保 野田 小泽 田边 川村 星野 黑田 尾崎 望月 永田 熊谷 内藤 松村 西山 大谷
    平井 大岛 岩本 片山 本间 早川 荒井 小田 宫田 武村 小渊 樱内 上杉 穗积 久间 东条 中曾根 竹下
    宫泽 海部 细川 羽田 村山 小泉 麻生 鸠山 河野 茂木 上川 岩屋 岸田 石破 二阶 安倍 大平 三木
    宇野 前原 枝野 志位 小沢 土井 不破 额贺 町村 谷垣 甘利 稻田 伊奈 富士 阿南 谷内 玄叶 冈崎
    丰田 盛田 稻盛 奥田 野中 绪方 明石 小和田 福永 藤村 神崎 浅井 大江 川端 黑泽 中江 鸠山 福井 黑川
    """.split()
)
#: Words after a surname alone that make it a person's (桥本首相, 樱内会长, 冈田教授).
_ADDRESS_AFTER = frozenset({"先生", "女士", "君", "桑", "教授", "博士", "夫人"})
#: Titles of Japan's government and forms of address of Japanese, after a surname alone
#: anywhere (桥本首相); other titles make a person of it only in a text about Japan (冈田教授).
_JAPANESE_TITLES = frozenset({"首相", "外相", "藏相", "防卫相", "天皇", "君", "桑"})
#: Characters that end Japanese given names the dictionary files as words (太郎, 一夫).
_GIVEN_NAME_ENDS = frozenset("郎夫雄子彦")
#: Japan's divisions and what follows a place: no given name opens with them (福岛 | 县相马市).
_DIVISIONS = frozenset("县市町村都府道岛港湾")
#: What tells that a text is about Japan, for a name with no title around it.
_JAPAN = re.compile(r"日本|日方|日中|中日|日元|日美|美日|东京")
#: Word classes of a word that is no part of a given name after a surname.
_NOT_GIVEN_TAGS = frozenset({"v", "vn", "t", "m", "ns", "nt", "p", "c", "u", "uj", "ul", "uz", "d", "r", "f", "x", "q"})
#: Of those, the classes of words of two characters or more only (今天/t, 南北/ns): one
#: character so tagged may still be a given name's (谷口 | 清/t | 太郎).
_WORD_TAGS = frozenset({"t", "m", "ns", "nt"})
_CJK = re.compile(r"[\u4e00-\u9fff]+")


def _surname_at(text: str, start: int) -> str:
    """The Japanese surname ``text`` opens with at ``start`` (the longest), or ""."""
    for n in (3, 2):
        if text[start : start + n] in JAPANESE_SURNAMES:
            return text[start : start + n]
    return ""


def japanese_name_at(finder, text: str, tokens: Tokens, i: int) -> tuple[Candidate, int] | None:
    """The Japanese person named from ``tokens[i]`` on and the token after the name, or None.

    ``finder`` is the people's finder (``kg.extract.persons.PersonFinder``), which answers
    the questions on titles and reporting verbs (``_cue_after``, ``checks.title_before``)."""
    words, tags, starts, ends = tokens.words, tokens.tags, tokens.starts, tokens.ends
    s = starts[i]
    surname = _surname_at(text, s)
    if not surname:
        return None
    res = finder.res
    own = words[i]
    hit = res.dictionary.get(own)
    if len(own) > len(surname) and hit is not None and hit[0] >= 100 and not hit[1].startswith("nr"):
        return None  # 大西洋, 福岛县, 小岛屿: a word that opens with a surname's characters
    titled = i > 0 and finder.checks.title_before(words[i - 1])
    about_japan = _JAPAN.search(text) is not None
    k, end = i, ends[i]
    # the given name: one to three characters up to the end of a token, read from the
    # surname's own token on (桥本龙太郎 | 上杉 + 光弘 | 谷口清 + 太郎); a word after it that is
    # a verb, a function word, a title or a form of address ends it (石破茂 | 表示)
    while end - s < len(surname) + 2 and k + 1 < len(words) and ends[k + 1] - s <= len(surname) + 3:
        w = words[k + 1]
        if tags[k + 1] in _NOT_GIVEN_TAGS and not (len(w) == 1 and tags[k + 1] in _WORD_TAGS) or not _CJK.fullmatch(w) or finder._title_word(w) or w in _ADDRESS_AFTER or w in NOT_NAME_TAIL:
            break
        hit = res.dictionary.get(w)
        if len(w) > 1 and hit is not None and not hit[1].startswith("nr") and w[-1] not in _GIVEN_NAME_ENDS:
            break  # 福岛 | 核污染, 冈崎 | 国立, 大江 | 南北: a word of its own follows (太郎 may end a name)
        k, end = k + 1, ends[k + 1]
    given = text[s + len(surname) : end]
    if given:
        if not 1 <= len(given) <= 3 or given[0] in NOT_NAME_TAIL or given[0] in _DIVISIONS or res.common_word(given, 1000) or given in res.place_forms:
            return None
        whole = k == i and tags[i] in ("nr", "nrfg") and words[i] not in res.dictionary
        if titled or whole or about_japan or finder._cue_after(tokens, k + 1):
            return Candidate(s, end, "Person", "pos:japanese", 2, name=text[s:end]), k + 1
        return None
    # a surname alone: before a title or a form of address, or, about Japan, a reporting verb
    if surname in res.place_forms or k + 1 >= len(words):
        return None
    nxt = words[k + 1]
    if nxt in _JAPANESE_TITLES or (about_japan and (finder._title_word(nxt) or nxt in _ADDRESS_AFTER or finder._cue_after(tokens, k + 1))):
        return Candidate(s, end, "Person", "pos:japanese", 2, name=surname), k + 1
    return None
