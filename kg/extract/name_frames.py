"""Where a person stands in a sentence, for names no check of the name alone reads: a
surname the tagger tags as a name before a common word (让王/nr 登龙 买, ，蒋/nr 天才 有),
and a word the dictionary lacks right after a title (国家主席通伦表示). The readers of
``kg.extract.name_reader`` (``NameReader``) ask these; ``reader`` is that reader, which
answers the questions on titles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.candidates import ADDRESS_FORMS, CJK, TITLE_CUES_AFTER
from kg.extract.segment import Tokens

if TYPE_CHECKING:  # the reader imports this module
    from kg.extract.name_reader import NameReader

#: Words after a name that mark it as a person's (许惠佑先生).
HONORIFICS = frozenset({"先生", "女士", "同志", "夫人", "教授", "博士", "院士"})
#: Last characters of natural features and sites that end no given name (苏梅岛, 白水河,
#: 泰姬陵, 洪崖洞, 马驹桥).
FEATURE_ENDINGS = frozenset("岛湾峡谷寺庙湖河陵洞宫塔路桥寨坝阁")
NUMERALS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十百千万两几多")
CUES_AFTER = frozenset(TITLE_CUES_AFTER)
#: Tags of a word that is no given name after a surname (verbs, counts, function words).
NO_GIVEN_NAME_TAGS = frozenset({"v", "m", "t", "d", "p", "c", "u", "uj", "ul", "uz", "r", "f", "q", "x"})
#: Tags of the word before a person read off a surname the tagger tags as a name, and the
#: ends of nouns for a role there (作者, 老伴, 单打, 服刑人员).
_BEFORE_PERSON_TAGS = frozenset({"v", "p", "c", "uj", "d"})
_ROLE_ENDINGS = ("者", "员", "伴", "打", "人", "手", "友")
#: Forms of address by age, kin or craft after a surname (王大娘, 李大爷, 王大师): no given name.
KIN_FORMS = frozenset({"大娘", "大爷", "大妈", "大婶", "大叔", "大伯", "大哥", "大姐", "大嫂", "阿姨", "奶奶", "爷爷", "老汉", "大师", "师傅"})
#: Surnames news writes as the short form of a country in running text (乌 Ukraine, 黎
#: Lebanon), besides those of ``abbreviations.tsv``.
PLACE_SHORT_SURNAMES = frozenset("乌黎")
#: Words before a surname tagged as a name that make it no person: quotes and titles
#: (“金名片”), and the verbs of staying or going after which one character is a place's
#: short form (在唐发展, 赴京, 留杭过年).
_NOT_BEFORE_PERSON = frozenset({"“", "《", "》", '"', "在", "赴", "驻", "留", "来", "抵", "离"})
#: Words that end a name right after its title (社长旺久在…, 行长伦差等).
_AFTER_TITLED_NAME = frozenset({"，", "。", "、", "；", "：", "等", "在", "和", "与", "及", "也", "则", "已", "曾", "一行"})
#: Nouns of a role the checks count as titles that also modify the noun after them
#: (代表家站, 专家测产, 负责人见事迟): no name after them without a surname.
_ROLE_NOUNS = frozenset({"代表", "专家", "负责人", "人员", "干部", "工作人员", "成员"})
#: Tags of the word after such a person.
_AFTER_PERSON_TAGS = frozenset({"v", "p", "c", "d", "uj", "ul", "r"})


def tagged_surname_in_frame(reader: NameReader, tokens: Tokens, i: int) -> bool:
    """``tokens[i]``, a surname the tagger tags as a name, and the two-character word after
    it (a common word or not, but no time word: 凌/nr 汛期) stand where a person does: after
    a clause mark, a list's 、, a verb, a preposition, 的 or a noun for a role (作者, 老伴,
    单打, 服刑人员), and before a clause mark, a verb, a preposition, an adverb or 的
    (王/nr 天然 的理解, 让 王/nr 登龙 买, 、吴/nr 桂花 （女）, 学习 蒋/nr 新松 的事迹).

    The given name is no verb (周/nr 发表) or count (寇/nr 多次), no title or form of
    address (陆/nr 老师, 王/nr 大娘), no place or feature (贺/nr 澳门, 蓝/nr 环岛), and no
    name's piece follows a transliteration (托马 | 肖/nr 及其); 连/nr is "even" (连/nr 衣服
    也). Not after a count (4周美国, 一束束鲜花, 6金收官), inside quotes or after a title
    (“金名片”, 《资治通鉴》宋刻本), nor a country's or province's short form (乌军方, 吉议会,
    在黎华侨, 在唐发展). Names of bylines, speakers and photo credits are left to their rules."""
    words, tags = tokens.words, tokens.tags
    n = len(words)
    w = words[i]
    if tags[i] != "nr" or w == "连" or i + 1 >= n or w in PLACE_SHORT_SURNAMES or w in reader.res.country_abbr or w in reader.res.province_abbr:
        return False  # (乌/nr 军方, 吉/nr 议会, 黎/nr 华侨: a country's short form)
    given, gpos = words[i + 1], tags[i + 1]
    if (
        len(given) != 2
        or gpos in NO_GIVEN_NAME_TAGS
        or given in ADDRESS_FORMS
        or given in KIN_FORMS
        or given in HONORIFICS
        or reader._title_word(given)
        or given in reader.res.place_forms  # 贺/nr 澳门 回归
        or given[-1] in FEATURE_ENDINGS  # 蓝/nr 环岛
    ):
        return False
    if i > 0:
        prev, ppos = words[i - 1], tags[i - 1]
        if prev in _NOT_BEFORE_PERSON or not (
            ppos in _BEFORE_PERSON_TAGS
            or prev.endswith("号")  # 12号胡建平: a player's number
            or not (CJK.match(prev) or prev[-1].isalnum())  # a mark, no number (2周时间)
            or prev.endswith(_ROLE_ENDINGS)
            or reader.checks.title_before(prev)
        ):
            return False
    if (i > 0 and words[i - 1].isspace()) or (i + 2 < n and (words[i + 2].isspace() or words[i + 2] in ("：", ":", "摄"))):
        return False  # a byline's, a speaker's or a photographer's name: their rules read it
    if i + 2 < n:
        after, apos = words[i + 2], tags[i + 2]
        if CJK.match(after) and apos not in _AFTER_PERSON_TAGS and after not in CUES_AFTER and not reader._title_word(after):
            return False
    return True


#: Tags of the word before a whole name read in its frame (``whole_name_in_frame``): a verb,
#: a preposition, a conjunction or 的 (向唐胜利, 把王学文, 和李为民, 探亲的张增军).
_BEFORE_WHOLE_NAME_TAGS = frozenset({"v", "p", "c", "uj"})
#: Marks a whole name may open its clause after (，王学文家, 、李为民在来信中说); not quotes or
#: book titles (“白蛋白”, 《花木兰》).
_MARKS_BEFORE_WHOLE_NAME = frozenset({"，", "。", "；", "：", "、", "！", "？", "\n"})
#: Tags of the word right after such a name: the clause's verb, an adverb, a preposition or
#: a conjunction (唐胜利康复回乡, 王启人在澳门, 彭小民是…, 李为民和…); not 的, after which a
#: thing's name stands as often (易消化的食物).
_AFTER_WHOLE_NAME_TAGS = frozenset({"v", "p", "c", "d"})
#: Words after a name that make it a household's (王学文家所在的村, 刘彦彬一家).
_HOUSEHOLD_AFTER = frozenset({"家", "一家", "一家人", "夫妇"})
#: Surnames that are also prefixes of degree, opening adjectives before a word (高增值,
#: 高水平, 强降雨): no whole name is read after them in a frame alone.
_DEGREE_SURNAMES = frozenset("高强")
#: Below this dictionary frequency a three-character word filed as a name is read in its
#: frame (唐胜利 11, 李为民 293); above it the dictionary's name words are mostly things
#: and sites of fiction and history (古建筑 1335, 金水河 937).
WHOLE_NAME_MAX_FREQ = 300


def whole_name_in_frame(reader: NameReader, tokens: Tokens, i: int) -> bool:
    """``tokens[i]``, a three-character word tagged as a name that opens with a surname and
    whose given name is an ordinary word (唐 | 胜利, 李 | 为民, 王 | 学文, 彭 | 小民), stands
    where a person does: at the start of a clause or after a verb, a preposition, a
    conjunction, 的 or a role (职工, 服刑人员), and before the clause's verb, an adverb, a
    preposition, a conjunction, a clause mark or a household's word (家, 一家). The name
    checks without a cue reject such names (the dictionary files 古建筑, 白蛋白 as names too);
    the frame is the cue. Not a word the dictionary knows often (古建筑), nor one whose first
    two characters are a word of the dictionary (花椒树, 管弦乐, 龙卷风: things, where the
    surname and the given name's first character of a name make no word: 王建 | 军, 李为 |
    民), not inside quotes or a title, and not before 的 (易消化的食物)."""
    words, tags = tokens.words, tokens.tags
    n = len(words)
    w = words[i]
    if len(w) != 3 or tags[i] not in ("nr", "nrfg") or not CJK.match(w) or w[0] in _DEGREE_SURNAMES:
        return False
    hit = reader.res.dictionary.get(w)
    if (hit is not None and hit[0] >= WHOLE_NAME_MAX_FREQ) or w[:2] in reader.res.dictionary:
        return False  # 古建筑; 白皮 | 松, 钟鼓 | 楼, 马头 | 琴: a word, then one character (王 | 学文 is no word)
    if i > 0:
        prev, ppos = words[i - 1], tags[i - 1]
        if not (
            prev in _MARKS_BEFORE_WHOLE_NAME
            or ppos in _BEFORE_WHOLE_NAME_TAGS
            or prev.endswith(_ROLE_ENDINGS)
            or reader.checks.title_before(prev)
        ) or prev in _NOT_BEFORE_PERSON:
            return False
    if i + 1 >= n:
        return True
    nxt, npos = words[i + 1], tags[i + 1]
    return nxt in _MARKS_BEFORE_WHOLE_NAME or nxt in _HOUSEHOLD_AFTER or (npos in _AFTER_WHOLE_NAME_TAGS and CJK.match(nxt) is not None)


#: Below this dictionary frequency a two-character transliteration filed nrt is read as a
#: subject (琼斯 251, 努里 10); above it the dictionary's nrt words are ordinary (多谢, 保姆).
SUBJECT_TRANSLIT_MAX_FREQ = 300


def foreign_subject(reader: NameReader, tokens: Tokens, i: int) -> bool:
    """``tokens[i]``, a two-character transliteration tagged nrt, opens its clause (the
    text's start or a clause mark before it) and a verb or an adverb follows: the clause's
    subject, a person (，琼斯重返田径赛场, 穆萨敦促以色列政府). Not an ordinary word the
    dictionary files nrt (多谢, 休克, 摩托: frequent, or filed as common words)."""
    words, tags = tokens.words, tokens.tags
    w = words[i]
    if len(w) != 2 or tags[i] != "nrt" or not reader.res.translit_chars.issuperset(w) or i + 1 >= len(words):
        return False
    hit = reader.res.dictionary.get(w)
    if (hit is not None and hit[0] >= SUBJECT_TRANSLIT_MAX_FREQ) or w in reader.res.person_stop or w in reader.res.place_forms:
        return False
    if i > 0 and words[i - 1] not in _MARKS_BEFORE_WHOLE_NAME:
        return False
    return tags[i + 1] in ("v", "d") and len(words[i + 1]) >= 2


#: What follows a country's one-character short form and 中 (China) named as a pair (洪中
#: 建交, 白中关系, 卢中合作): the two countries' ties, no person.
PAIR_WITH_CHINA_AFTER = ("关系", "建交", "两国", "友好", "合作", "友谊", "双方", "经贸", "贸易", "之间")
#: Tags of a word that is no piece of a foreign name (function words, counts, marks).
_NOT_NAME_PIECE_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "d", "r", "m", "q", "x", "v", "f", "t"})


def no_uncued_name_here(reader: NameReader, text: str, tokens: Tokens, i: int) -> bool:
    """``tokens[i]``, a two-character name the tagger's HMM found with no cue, is no person:
    a country's short form and 中 before the words of two countries' ties (洪中建交, 白中关系),
    or two transliteration characters that a transliteration runs on from or into (米 |
    沙勒, 马德 | 布利, 范德 | 贝伦: a piece of a longer foreign name the segmenter cut)."""
    words, tags, starts, ends = tokens.words, tokens.tags, tokens.starts, tokens.ends
    w = words[i]
    if len(w) != 2:
        return False
    if w[1] == "中" and text.startswith(PAIR_WITH_CHINA_AFTER, ends[i]):
        return True
    translit = reader.res.translit_chars
    if not translit.issuperset(w):
        return False
    nxt = i + 1 < len(words) and starts[i + 1] == ends[i] and tags[i + 1] not in _NOT_NAME_PIECE_TAGS and CJK.match(words[i + 1])
    if nxt and translit.issuperset(words[i + 1]):
        return True
    prev = i > 0 and ends[i - 1] == starts[i] and tags[i - 1] not in _NOT_NAME_PIECE_TAGS and len(words[i - 1]) <= 2
    return bool(prev and CJK.match(words[i - 1]) and translit.issuperset(words[i - 1]))


def unknown_word_after_title(reader: NameReader, tokens: Tokens, i: int) -> bool:
    """``tokens[i]``, a word of two or three characters the dictionary does not know (one
    its HMM made), between a title and the end of the name's phrase (a clause mark, 、, 等,
    在, a reporting verb, an honorific): a name with no surname the checks know, a
    minority's, a pen name or a transliteration (社长旺久在, 主教练平托说, 前总理差瓦立、,
    行长伦差等, 副教授许南博士). Not a verb, adverb or function word (总统还同, 选手不太),
    nor a count (大臣一职), nor after a role noun that modifies a noun (代表家站, 专家测产)."""
    words, tags = tokens.words, tokens.tags
    w = words[i]
    if (
        i == 0
        or i + 1 >= len(words)
        or not 2 <= len(w) <= 3
        or w in reader.res.dictionary
        or w in reader.res.place_forms
        or w in reader.res.person_stop
        or w[0] in NUMERALS
        or w[-1] == "某"
        or w[0] in "称说"  # 总理称美欧在…: the reporting verb glued to what is reported
        or tags[i] in NO_GIVEN_NAME_TAGS
        or tags[i] == "vn"  # 专家测产
        or words[i - 1] in _ROLE_NOUNS
        or not reader.checks.title_before(words[i - 1])
    ):
        return False
    nxt = words[i + 1]
    return nxt in _AFTER_TITLED_NAME or nxt in CUES_AFTER or nxt in HONORIFICS


def unknown_word_before_title(reader: NameReader, tokens: Tokens, i: int) -> bool:
    """``tokens[i]``, a word of two or three characters tagged as a name (or a noun the
    dictionary does not know), right before a title or an honorific: a name with no surname
    the checks know and no run of transliteration characters (墨菲市长, 藤森总统). Not a
    place, a common word, a word the dictionary files as anything but a name, a verb glued
    on (说 | 汉生同志) or a division's name (莱克伍德县法官)."""
    words, tags = tokens.words, tokens.tags
    w, pos = words[i], tags[i]
    if i + 1 >= len(words) or not 2 <= len(w) <= 3 or not CJK.match(w):
        return False
    nxt = words[i + 1]
    if not (reader._title_word(nxt) or nxt in HONORIFICS) or nxt in _ROLE_NOUNS or nxt in _KINDS_OF_PEOPLE:
        return False  # 滑雪运动员, 拓宽农民, 特聘专家: what kind of person, no name
    res = reader.res
    hit = res.dictionary.get(w)
    if res.common_word(w, 100) or w[-1] == "世":
        return False  # 滑雪, 青少年 (filed nr, but frequent); 阿尔贝二世亲王: the regnal number
    if w in res.place_forms or w in res.lexicon_forms or w in res.person_stop or w in res.not_entities:
        return False
    if hit is not None and not hit[1].startswith("nr"):
        return False  # (技术总监, 项目经理: words of a field before a title)
    if w[:2] in res.place_forms or w[-1] == "籍":
        return False  # 江西籍作家: where the person comes from
    if w[0] in _GLUED_BEFORE or w[-1] in _DIVISION_ENDS:
        return False  # 说汉生同志, 中盘胜王磊六段, 老总夫人: a verb glued on; 莱克伍德县法官: a county
    return pos in ("nr", "nrt", "nrfg") or (pos in ("n", "nz") and hit is None)


#: Nouns for kinds of people the checks count as titles (运动员, 农民): the word before them
#: says what kind (滑雪运动员), it names no one.
_KINDS_OF_PEOPLE = frozenset({"运动员", "农民", "选手", "队员", "学生", "工人", "职工", "群众", "居民", "市民", "大家庭"})
#: Verbs and words the segmenter glues before a name or a title (说 | 汉生同志, 胜 | 王磊六段,
#: 老 | 总), and divisions that end a place's name before its officer's title (伍德县法官).
_GLUED_BEFORE = frozenset("说称胜负败请让叫给对向同和与老被把")
_DIVISION_ENDS = frozenset("县市省州区镇乡村")


#: Characters after a place's word that make the pair a longer place or its people, not a
#: name (北京市, 中国人, 韩国队).
_PLACE_WORD_GOES_ON = frozenset("省市县区州镇乡村旗人队籍方军")


def place_word_after_title(reader: NameReader, tokens: Tokens, i: int) -> bool:
    """``tokens[i]``, a two-character place word opening with a surname, right after a
    title (or a head's 长 the segmenter cut off its body: 高雄市 | 长), then one character and
    the end of the name's phrase: a three-character name the segmenter cut at the place
    (立法院长韩国 | 瑜也出席, 高雄市长韩国 | 瑜当天说). Not a place's
    longer name or its people after it (北京市, 韩国队), nor a character that is no given
    name (a verb, a count, a function word)."""
    words, tags = tokens.words, tokens.tags
    if i == 0 or i + 2 >= len(words):
        return False
    w, g = words[i], words[i + 1]
    res = reader.res
    if len(w) != 2 or len(g) != 1 or w[0] not in res.surnames or tags[i] != "ns":
        return False
    if not CJK.match(g) or g in _PLACE_WORD_GOES_ON or tags[i + 1] in NO_GIVEN_NAME_TAGS or tokens.starts[i + 1] != tokens.ends[i]:
        return False
    if not (reader.checks.title_before(words[i - 1]) or cut_head_title(res, words, i)):
        return False
    nxt = words[i + 2]
    # the end of the name's phrase, or the predicate after it (…瑜当天说, …林出席)
    return nxt in _AFTER_TITLED_NAME or nxt in CUES_AFTER or nxt in HONORIFICS or tags[i + 2][:1] in ("v", "t")


def foreign_name_after_cut_title(res, tokens: Tokens, i: int) -> int:
    """Where a foreign name ends (a token index, 0 for none) whose first character the
    segmenter glued to a title's last into a place word (议会议 | 长沙 | 基耶 | 夫: 议长
    沙基耶夫; 州长 | 沙…): ``tokens[i]`` a two-character place word whose first character ends
    the title begun by the token before it, its second character and the tokens right after
    it transliteration characters only, three to eight characters in all."""
    words = tokens.words
    if i == 0 or i + 1 >= len(words):
        return 0
    w = words[i]
    if len(w) != 2 or tokens.tags[i] != "ns" or words[i - 1][-1:] + w[0] not in res.title_set:
        return 0
    translit = res.translit_chars
    if w[1] not in translit:
        return 0
    k, n = i + 1, 1
    while k < len(words) and tokens.starts[k] == tokens.ends[k - 1] and n + len(words[k]) <= 8 and translit.issuperset(words[k]):
        n += len(words[k])
        k += 1
    return k if n >= 3 else 0


def cut_head_title(res, words, i: int) -> bool:
    """``words[i - 1]`` is a head's 长 the segmenter cut off its body, which ends with the
    title's first character (高雄市 | 长, 立法院 | 长: 市长, 院长)."""
    return i > 1 and words[i - 1] == "长" and words[i - 2][-1] + "长" in res.title_set
