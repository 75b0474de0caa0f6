"""Foreign names among the tagger's words: runs of transliteration characters (马克龙,
托卡耶夫), joined across tokens and ·, and the foreign places the tagger files as names
(马斯卡廷小镇). ``kg.extract.persons`` asks these first at each anchor."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial

from kg.extract.candidates import (
    NAME_JOINERS,
    NOT_NAME_TAIL,
    PERSON_POS,
    Candidate,
    NameChecks,
    WordMemo,
    abbreviation_run,
)
from kg.extract.segment import Tokens
from kg.model import Token
from kg.resources import Resources

#: Words after a foreign name that make it a place (马斯卡廷小镇).
PLACE_WORD_AFTER = re.compile(
    r"小镇|小城|古城|市|镇|村|县|州|港|岛|河畔|湖畔|以[东南西北]|[东南西北]部|[东南西北]郊|[东南西北]?海岸"
    r"|[东西南北]岸|市区|市中心|郊区|境内|一带|地区|海滩|海湾|沿岸|山区"
    # war reports: 波克罗夫斯克方向, 热拉诺耶定居点; a list of places: 布恰、戈斯托梅利、伊万基夫三地
    r"|方向|定居点|居民点|等地(?![方区点位])|[两三四五六]地(?!区)"
    # the last of a list of towns: 大马士革、霍姆斯、拉塔基亚等多地, …等多个城市
    r"|等多地|等(?:多|[0-9一二三四五六七八九十两几]+)个(?:地区|城市|城镇|村庄|州|方向|定居点)|等方向|等(?:城镇|城市|地区)"
    # mines and fields (拉斯邦巴斯铜矿); rivers, mountains and other natural features
    # (利塔尼河, 曼德拉山, 艾特肯盆地), works and bases (乌东德水电站, 阿萨德空军基地)
    r"|[铜金银铁煤锂镍]矿|矿区|油田|气田"
    r"|河|运河|山|山脉|盆地|高原|平原|沙漠|海峡|半岛|水电站|干渠|水库|基地|空军基地|军事基地"
)
#: A town's sites and people after 的 (巴约纳的美术馆, 圣埃蒂安的体育场, 鲁昂的市民): a place
#: for a name the dictionary does not know as a person's (克林顿的机场讲话 stays his).
SITE_AFTER = re.compile(r"的(?:美术馆|体育场|机场|港口|火车站|街头|市民|居民|郊外|市中心|市政府|市长)")
#: Verbs of going to or being at a place, before a foreign name that is then a place's
#: (来到斯坦福桥, 留在安菲尔德, 重访马斯卡廷: a visit is to a place, a person is called on,
#: 拜访, or interviewed, 采访); a country's capital (首都努尔苏丹); a kind of town named
#: before it (南部城市哈斯科沃, 小镇斯潘塞, 旅游胜地帕塔亚).
PLACE_VERB_BEFORE = re.compile(
    r"(?:来到|前往|抵达|到达|飞抵|飞往|去往|赶赴|位于|地处|坐落[在于]|留在|途经|游览|移居|定居|迁往|回到|返回"
    r"|(?:重访|出访|访问)了?|首都|首府|城市|小镇|小城|城镇|胜地)$"
)

#: Words of being or going somewhere before a place and a foreign name after it.
PLACE_WORDS_BEFORE = frozenset({"在", "到", "赴", "于", "抵达", "前往", "来到", "位于", "飞抵"})
#: One-character words after a foreign name that the segmenter may glue its last
#: character to (斯在, 比说, 杰时): function words, reporting verbs, time words.
GLUED_AFTER_NAME = frozenset("在说是和与等以于时将也都就还又对向为从被把曾已则称")
#: One character after a name the segmenter glues to the name's last characters (…耶夫互 |
#: 致贺电, …卢致 | 唁电, …福萨时), with the function words of GLUED_AFTER_NAME.
GLUED_AFTER_TAIL = GLUED_AFTER_NAME | frozenset("互致")
#: Characters no transliterated name opens with (埃尔多安, 谢尔巴科娃, 别尔德穆哈梅多夫).
NO_NAME_OPENING = frozenset("尔")
#: Prepositions the segmenter glues to the first character of a foreign name (对萨 | 勒曼).
GLUED_PREPOSITIONS_BEFORE = frozenset("对同与向为给跟")
#: Prepositions and reporting verbs the segmenter keeps at the end of a foreign name's word
#: (菲佐对 | 我国进行访问, 哈马斯称, 潘迪于 | 6月1日逝世, 卡西亚诺连 | 扳两球); no transliteration
#: ends with them.
GLUED_VERB_AT_END = frozenset("对在说和与向将称于连")
#: Rulers' titles of transliteration characters, which the titles file leaves out (a title
#: there would make the segmenter's 卡塔尔埃米尔 a run of titles): the ruler's name follows.
RULER_TITLES = frozenset({"埃米尔"})
#: The marks that end an item of a list.
_LIST_MARKS = frozenset(("、", "，", ",", "。", "；"))
#: What ``foreign_looking`` leaves out of a name (the joiners between its parts).
_NO_JOINERS = str.maketrans("", "", NAME_JOINERS)
#: Tags of a one-character word that is no name's last character, and those of the word
#: after a name's last character (``_last_character``): a function word, a verb, a time
#: word, a place word (安德雷 | 斯 | 门前/s).
_NOT_LAST_TAGS = frozenset(("p", "c", "u", "uj", "ul", "uz", "d", "r", "f", "m", "t", "x"))
_AFTER_LAST_TAGS = frozenset(("p", "c", "d", "u", "uj", "ul", "v", "t", "f", "r", "s"))
#: Last characters of sites and features (哈利法塔, 博斯普鲁斯 | 海峡), no name's.
_FEATURE_LAST = frozenset("塔岛湾湖河山峰港堡")
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]")
#: Tags of the words a name after a title does not run over (劳斯莱斯 | 提)
_NOT_IN_RUN = frozenset(("p", "c", "u", "d", "uj", "ul", "r", "m", "q"))


def foreign_name_at(
    res: Resources,
    checks: NameChecks,
    text: str,
    tokens: Sequence[Token],
    i: int,
    cue: bool,
    looking: Callable[[str, str, bool], bool] | None = None,
) -> tuple[Candidate, int] | None:
    """A foreign name: a run of transliteration characters, joined across tokens and ·,
    run on after a title up to a word boundary; a foreign place when a place word
    follows (马斯卡廷小镇). ``looking(name, pos, cue)`` answers ``foreign_looking`` (the
    person finder passes one that keeps its answers, ``kept_foreign_looking``); the tokens
    are read off their lists, no ``Token`` is made."""
    if looking is None:  # asked once here: nothing worth keeping
        looking = partial(foreign_looking, res)
    tokens = Tokens.of(tokens)
    words, tags, starts, ends = tokens.words, tokens.tags, tokens.starts, tokens.ends
    n = len(words)
    translit = res.translit_chars
    pos = tags[i]
    j = i + 1
    end = ends[i]
    dotted = False  # joined over a dot to a part the tagger reads as a name
    while j < n:
        w = words[j]
        if w in NAME_JOINERS and j + 1 < n and (translit.issuperset(words[j + 1]) or (tags[j + 1] in PERSON_POS and 2 <= len(words[j + 1]) <= 3 and words[j + 1][-1] not in NOT_NAME_TAIL)):
            # 安德鲁·葛鲁夫: after the dot, a part of transliteration characters or one the
            # tagger reads as a name (葛 is no transliteration character)
            dotted = dotted or (pos in PERSON_POS and tags[j + 1] in PERSON_POS and not translit.issuperset(words[j + 1]))
            end = ends[j + 1]
            j += 2
            continue
        if tags[j] in PERSON_POS and translit.issuperset(w) and len(w) >= 2:
            end = ends[j]
            j += 1
            continue
        if _last_character(res, text, tokens, i, j, end):
            end = ends[j]  # 安德雷 | 斯/nr 和, 贝拉 | 米/q 今天, 厄普 | 顿/q 的
            j += 1
        break
    if cue or pos == "nrt" or (i + 1 < n and tags[i + 1] == "nrt"):
        # after a title the name runs on over transliteration characters up to a
        # word boundary: 总统马克龙访华 → 马克龙
        k = end
        first = starts[i]
        while k < len(text) and k - first < 8 and (text[k] in translit or text[k] == "·"):
            k += 1
        while k > end and text[k - 1] in NAME_JOINERS:
            k -= 1  # 拉· | 甘地: a name does not end on its dot
        # the name does not run over a verb, particle or adverb (劳斯莱斯 | 提)
        window = range(i, min(i + 6, n))
        bounds = []
        for q in window:
            if ends[q] > k:
                break
            # the name runs over no particle, adverb or verb, but one character right before
            # a list's mark ends it (总理斯 | 凯里 | 特/d 、: no adverb stands there)
            if (
                q != i
                and (tags[q] in _NOT_IN_RUN or (tags[q] == "v" and len(words[q]) > 1 and words[q] in res.dictionary))
                and not (len(words[q]) == 1 and q + 1 < n and words[q + 1] in _LIST_MARKS)
            ):
                break  # (翁赛 | 维索/v: a verb the dictionary does not know is the HMM's guess)
            bounds.append(ends[q])
        inside = next((q for q in window if starts[q] < k < ends[q]), None)
        if (
            inside is not None
            and starts[inside] >= end
            and tags[inside] in ("d", "p", "c", "u")
            and k - starts[inside] == 1
            and not res.common_word(words[inside], 1000)  # 奥尔特加 | 因此: a word of its own
        ):
            # 拉赫 + 蒙互: the segmenter glued the name's last character to an adverb
            bounds.append(k)
        elif inside is not None and starts[inside] >= end and ends[inside] - k == 1 and text[k] in GLUED_AFTER_TAIL:
            # 米尔济约 + 耶夫互 | 致贺电, 萨克拉罗普 + 卢致 | 唁电, 拉马 + 福萨时: the name's last
            # characters glued to the function word or verb after it
            bounds.append(k)
        if bounds and max(bounds) > end:
            end = max(bounds)
            j = next((q for q in window if ends[q] >= end), j - 1) + 1
    if (
        j < n
        and starts[j] == end
        and 2 <= len(words[j]) <= 4
        and translit.issuperset(words[j][:-1])
        and words[j][-1] in GLUED_AFTER_NAME
        and end - starts[i] >= 2
        and (len(words[j]) == 2 or tags[j] in PERSON_POS)
    ):
        # 安德雷 + 斯在, 塔勒 + 比说, 卡巴 + 杰时, 别洛乌 + 索夫称: the segmenter glued the
        # name's last characters to the function word or reporting verb after it
        end += len(words[j]) - 1
        j += 1
    if text[end : end + 1] == "克" and text[end - 1 : end] in ("斯", "茨") and PLACE_WORD_AFTER.match(text, end + 1):
        end += 1  # 波克罗夫斯 | 克/m | 方向: the -sk of a place the segmenter read as a number's gram
    begin = starts[i]
    if i > 0:
        before = words[i - 1]
        if len(before) == 1 and before in translit and (i < 2 or checks.title_before(words[i - 2]) or tags[i - 2] in ("x", "w", "c", "p")):
            # 总统托 + 卡耶夫: the segmenter cut the first character off the name
            begin = starts[i - 1]
        elif (
            pos == "nrt"
            and i >= 3
            and len(before) == 2
            and translit.issuperset(before)
            and len(words[i - 2]) == 1
            and words[i - 2] in translit
            and checks.title_before(words[i - 3])
        ):
            # 司法部长莱 + 万多 + 夫斯基: after a title, the first three characters cut off in two
            begin = starts[i - 2]
        elif (
            pos == "nrt"
            and 2 <= len(before) <= 3
            and tags[i - 1] in ("nz", "nr", "nrt", "ns")  # 塔苏/ns | 拉斯: no place of the gazetteer
            and translit.issuperset(before)
            and before not in res.place_forms
        ):
            # 德沃 + 切克: a foreign name the segmenter cut in two
            begin = starts[i - 1]
        elif (
            len(before) == 2
            and before[0] in GLUED_PREPOSITIONS_BEFORE
            and before[1] in translit
            and tags[i - 1] in PERSON_POS
        ):
            # 对萨 + 勒曼: a preposition glued to the name's first character
            begin = starts[i] - 1
    if text[begin : begin + 1] in NO_NAME_OPENING and begin > 0 and text[begin - 1] in translit:
        # 就埃 | 尔多 | 安, 的谢 | 尔巴 | 科娃, 愿同别 | 尔德穆哈梅多夫: no transliterated name
        # opens with 尔, so the character before, cut off by the segmenter, is its first
        begin -= 1
    if end - begin >= 3 and text[end - 1] == "时" and text[end : end + 1] in ("，", ",") and text[begin:end] not in res.place_forms:
        # 会见哈莉玛时，…: the segmenter kept "when" in the name's word (not 比利时, a place)
        end -= 1
    if (
        end - begin >= 3
        and text[end - 1] in GLUED_VERB_AT_END
        and end == ends[j - 1]
        and text[begin:end] not in res.dictionary
        and translit.issuperset(text[begin : end - 1])
    ):
        # 欢迎斯洛伐克总理菲佐对 | 我国: the segmenter kept the verb or preposition after
        # the name in its word
        end -= 1
    if end - begin >= 4 and text[end - 1] == "家" and translit.issuperset(text[begin : end - 1]) and text[begin:end] not in res.dictionary:
        end -= 1  # 朋友克马尔家做客: the name, then 家 (a home), which the segmenter kept in its word
    name = text[begin:end]
    hit = res.dictionary.get(name)
    ordinary = (
        (hit is not None and not hit[1].startswith("nr") and hit[0] > 200)
        or _two_common_words(res, name)
        or _law(res, name)
        or abbreviation_run(res, name)  # 美 | 英法德: countries named together
        or _place_and_title(res, name)  # 卡塔尔 | 埃米尔: a country's ruler by title
        or _language(res, name)  # 哈萨克文, 朝鲜语, 英文书: a language
    )
    if len(name) >= 2 and name not in res.person_stop and not ordinary:
        if looking(name, pos, cue) or dotted:
            if (len(name) >= 3 or cue) and name not in res.place_forms:
                if (
                    PLACE_WORD_AFTER.match(text, end)
                    or (SITE_AFTER.match(text, end) and not (hit is not None and hit[1].startswith("nr")))
                    or (begin > 0 and text[begin - 1] == "州")
                    or (not cue and PLACE_VERB_BEFORE.search(text, max(0, begin - 3), begin))
                    or (begin == starts[i] and _after_a_place_one_is_at(res, words, i))
                ):
                    # 马斯卡廷小镇, 艾奥瓦州马斯卡廷, 来到斯坦福桥, 在法国布雷斯特: a foreign
                    # place, not a person
                    return Candidate(begin, end, "Place", "pos:foreign-place", 1), j
                if _two_places(res, name):
                    return Candidate(begin, end, "Place", "pos:foreign-place", 1), j  # 卡塔尔多哈
                return Candidate(begin, end, "Person", "pos:foreign", 1), j
    return None


def _language(res: Resources, name: str) -> bool:
    """Whether ``name`` opens with a language named after its country or people (哈萨克文,
    朝鲜语, 英文 | 书): a place or a country's one-character form, then 文 or 语."""
    return any(
        name[k] in "文语" and (name[:k] in res.place_forms or name[:k] in res.country_abbr) for k in range(1, len(name))
    )


def _last_character(res: Resources, text: str, tokens: Tokens, i: int, j: int, end: int) -> bool:
    """``tokens[j]``, one transliteration character, is the last of the foreign name run
    from ``tokens[i]`` to ``end`` (安德雷 | 斯, 贝拉 | 米/q, 厄普 | 顿/q, 伊斯拉 | 米): the run is
    of two transliteration characters or more, the character no function word nor a site's
    last (哈利法 | 塔), and the name's phrase ends right after it (a mark, a function word, a
    verb, a time word, a title)."""
    words, tags = tokens.words, tokens.tags
    w = words[j]
    if len(w) != 1 or w not in res.translit_chars or w in _FEATURE_LAST or tags[j] in _NOT_LAST_TAGS or end - tokens.starts[i] < 2:
        return False  # (哈利法 | 塔: a tower)
    if not res.translit_chars.issuperset(text[tokens.starts[i] : end]):
        return False
    if j + 1 >= len(words):
        return True
    nxt = words[j + 1]
    return not _CJK_WORD.match(nxt) or tags[j + 1] in _AFTER_LAST_TAGS or nxt in res.title_set


def _two_common_words(res: Resources, name: str) -> bool:
    """True when ``name`` is two words of the dictionary, one of them a common word that no
    name is (伊拉克 | 密切), or both frequent and neither filed as a transliterated name (道德 |
    修养, 特邀 | 嘉宾; not 约翰 | 尼斯, 布雷 | 斯特): a phrase the tagger filed as a name."""
    for k in range(2, len(name) - 1):
        a, b = res.dictionary.get(name[:k]), res.dictionary.get(name[k:])
        if not (a and b):
            continue
        if any(x[0] >= 500 and not x[1].startswith(("nr", "ns")) for x in (a, b)):
            return True  # 伊拉克 | 密切, 新德里 | 道路: a common word that is no name's
        if a[0] >= 100 and b[0] >= 100 and "nrt" not in (a[1], b[1]):
            return True  # 道德 | 修养, 特邀 | 嘉宾 (the dictionary files them nr, ns); 约翰 | 尼斯 are nrt
    return False


def _two_places(res: Resources, name: str) -> bool:
    """True when ``name`` is two places the segmenter read as one word, a country and its
    city (卡塔尔 | 多哈): the city, a place."""
    return any(name[:k] in res.place_forms and name[k:] in res.place_forms for k in range(2, len(name) - 1))


def _place_and_title(res: Resources, name: str) -> bool:
    """True when ``name`` is a place and a title the segmenter read as one word (卡塔尔 |
    埃米尔, 科威特 | 埃米尔): the title of the person named after it, no name."""
    return any(
        name[:k] in res.place_forms and (name[k:] in res.title_set or name[k:] in RULER_TITLES) for k in range(2, len(name) - 1)
    )


def _law(res: Resources, name: str) -> bool:
    """True when ``name`` is a law named by its field (森林 | 法, 草原 | 法): a common word the
    dictionary knows (not as a name), then 法."""
    if len(name) < 3 or name[-1] != "法":
        return False
    field = res.dictionary.get(name[:-1])
    return field is not None and not field[1].startswith("nr") and field[0] >= 200


def _after_a_place_one_is_at(res: Resources, words: Sequence[str], i: int) -> bool:
    """True when ``words[i]`` follows a place that follows a word of being or going
    somewhere (在法国 | 布雷斯特, 抵达伊斯兰堡 | …): a town or a site of that place."""
    return i >= 2 and words[i - 1] in res.place_forms and words[i - 2] in PLACE_WORDS_BEFORE


def foreign_looking(res: Resources, name: str, pos: str, cue: bool) -> bool:
    """Mostly transliteration characters: all of them, or (for a word tagged as a
    name, three characters or more and not starting with a surname) three in four,
    two in three after a title (若斯潘, 基里延科)."""
    chars = name.translate(_NO_JOINERS)
    if not chars:
        return False
    share = sum(map(res.translit_chars.__contains__, chars)) / len(chars)
    if share == 1.0:
        return True
    if not ((pos in PERSON_POS or (cue and pos == "ns")) and len(chars) >= 3 and name[0] not in res.surnames):
        return False  # most words: the dictionary is not asked
    known = res.dictionary.get(name)
    if known is None or known[1].startswith("nr") or (cue and known[1] == "ns" and name not in res.place_forms):
        return share >= (0.66 if cue else 0.75)
    return False


class Kept:
    """A function of a few hashable arguments, of the resources alone, with its answers
    kept per tuple of arguments in a ``WordMemo``: the rules ask the same questions of the
    same words document after document (at most ``limit`` answers are kept, then they are
    forgotten and asked again)."""

    __slots__ = ("_known",)

    def __init__(self, fn: Callable[..., bool], limit: int = 200_000):
        self._known = WordMemo(lambda args: fn(*args), limit)

    def __call__(self, *args) -> bool:
        return self._known[args]


def kept_foreign_looking(res: Resources, limit: int = 200_000) -> Kept:
    """``foreign_looking(res, name, pos, cue)`` as ``looking(name, pos, cue)``, answers kept."""
    return Kept(partial(foreign_looking, res), limit)
