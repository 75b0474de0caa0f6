"""Reading one person's name at one token: a foreign name, a surname token and its given
name, a surname the segmenter cut off after a title, or a Chinese name the tagger found,
trimmed of what its HMM glued on and completed where it cut the last character off.

``kg.extract.persons`` builds its rules on ``NameReader``: it picks the anchors to ask, and
judges the names read here by the words around them."""

from __future__ import annotations

from kg.extract.candidates import (
    ADDRESS_FORMS,
    CJK,
    NEVER_NAME_LAST,
    NOT_NAME_TAIL,
    PERSON_POS,
    TITLE_CUES_AFTER,
    Candidate,
    NameChecks,
)
from kg.extract.foreign_names import Kept, foreign_name_at, kept_foreign_looking
from kg.extract.name_frames import (
    CUES_AFTER,
    FEATURE_ENDINGS,
    HONORIFICS,
    NUMERALS,
    foreign_name_after_cut_title,
    foreign_subject,
    no_uncued_name_here,
    place_word_after_title,
    tagged_surname_in_frame,
    unknown_word_after_title,
    unknown_word_before_title,
    whole_name_in_frame,
)
from kg.extract.segment import Tokens
from kg.model import Token
from kg.resources import Resources

#: Characters that end a surname-led word that is no name (吕家, 胡老, 巴方, 尤杯).
NOT_GIVEN_NAME_END = frozenset("家老氏某方杯两后国队人卡派盘")
#: Last characters of the names of units (金融系, 外科, 小组): a known word ending so is no name.
UNIT_ENDINGS = frozenset("系科组班室处所馆站")
#: What is left of a token that swallowed a name's last character (郭子 + 健在 → 在).
GLUED_REST = NOT_NAME_TAIL | frozenset("则称已于译著受")
#: Of GLUED_REST, those that end words of their own too (难受, 接受): glued to the name only
#: when the two characters make no word (刘国 | 洪受 | 国务院委托).
GLUED_REST_WORD_ENDS = frozenset("受")
#: The reporting verbs of two characters or more, which the segmenter may glue to the
#: adverb before them (明确指出)
_LONG_CUES = tuple(v for v in TITLE_CUES_AFTER if len(v) >= 2)
_CUES_AFTER = CUES_AFTER
#: The verbs of an official's day (出席, 会见, 主持, 考察 …) after a word the tagger reads as
#: a person's name make it one, as a reporting verb does: news names the person who attends,
#: meets, chairs or inspects bare once the title is given (李强出席峰会, 王毅会见). Only
#: after a word tagged as a name: 来 | 这里考察, 来 | 印尼出席 are no names.
ACTIVITY_CUES = frozenset({"出席", "会见", "会晤", "主持", "考察", "调研", "视察", "接见", "致辞", "致信", "致电"})
#: Verbs of asking or sending the segmenter glues to the name after them (问拉埃, 嘱王涛,
#: 请郎平), none of them a surname (prepositions: ``kg.extract.persons.GLUED_PREPOSITIONS``).
GLUED_BEFORE_NAME = frozenset("问嘱请叫让找派")
#: Kinds of place and facility whose names a word before them gives (金坪社区, 尚德花园,
#: 张江科学城, 梅龙空军基地, 古贤水利枢纽, 苏嘉城际铁路): no name the tagger finds with no cue
#: stands there.
SITE_WORDS_AFTER = (
    "社区", "小区", "花园", "街道", "科学城", "新城", "新区", "园区", "水利枢纽", "枢纽", "基地", "空军基地",
    "城际", "高速", "铁路", "大桥", "水库", "公园", "景区", "灌区", "机场", "港口", "码头", "古城", "古镇",
)
#: Measure words that open a name's word right after a number (25项人社服务: 项 is a surname
#: too; 二十一连丰: 连, years in a row), and the numerals before them.
MEASURE_WORDS = frozenset("项名位个家条件次批所座户场连")
#: What a measure word follows: a numeral or a demonstrative (这张, 每项).
COUNTERS = NUMERALS | frozenset("这那每哪该此")


def _may_take_next_char(name: str, nxt: str | None) -> bool:
    """A two-character name followed by one Chinese character (the next word ``nxt``) that
    may end a name: the segmenter or the tagger may have cut a three-character name (信长 + 星)."""
    return len(name) == 2 and nxt is not None and len(nxt) == 1 and CJK.match(nxt) is not None and nxt not in NOT_NAME_TAIL


#: Marks that end an item of a list of names or a credit (、冯尚喜（解放军）, （阎月凡／编绘）).
_ITEM_MARKS = frozenset("，、（(／/；。")
#: Characters that end a clause, not a name, before such a mark (他说了，: 了).
_NO_LAST_OF_NAME = frozenset("的了着过吗呢吧啊呀我你他她它们")


def _mark_ends_name(word: str) -> bool:
    """``word`` is a mark that ends an item of a list of names or a credit."""
    return word in _ITEM_MARKS


def _titled_field(words, k: int) -> bool:
    """True when ``words[k]`` is a colon (or space) run after a role's field label, as in a
    source line (责任编辑：马兰): the colon and spaces back to the label, which ends with 编辑
    or is 责编."""
    while k >= 0 and words[k].strip() in ("", ":", "："):
        k -= 1
    return k >= 0 and (words[k].endswith("编辑") or words[k] == "责编")


class NameReader:
    """Reads one person's name at a token; ``checks`` answers the questions on titles and
    names. The answers asked most are kept, as the same words come back document after document."""

    def __init__(self, res: Resources, checks: NameChecks):
        self.res = res
        self.checks = checks
        #: the titles as a set (``res.titles`` is a tuple, longest first)
        self._titles = res.title_set
        #: ``foreign_looking`` with its answers kept: the same words come back document
        #: after document
        self._foreign_looking = kept_foreign_looking(res)
        #: the checks on names and titles the rules ask most, answers kept likewise
        self._plausible = Kept(checks.plausible_chinese_name)
        #: a frozenset lookup and the memo of title_before: nothing to keep on top
        self._title_word = checks.is_title_word

    def _person_at(self, text: str, tokens: Tokens, i: int) -> tuple[Candidate, int] | None:
        """The person (or foreign place) named at ``tokens[i]`` and the token after it, or
        None: a foreign name, a surname token and its given name, a surname cut off after a
        title, or a Chinese name the tagger found (``_chinese_name_at``)."""
        word, pos = tokens.words[i], tokens.tags[i]
        cue = self._cue(tokens, i, i + 1) or (
            # 查克维 | 拉/v | 总统: a title after the name's last character, cut off
            i + 2 < len(tokens)
            and len(tokens.words[i + 1]) == 1
            and tokens.words[i + 1] in self.res.translit_chars
            and self._title_word(tokens.words[i + 2])
            and pos in PERSON_POS
        ) or foreign_subject(self, tokens, i)
        if (
            len(word) in (3, 4)
            and pos in PERSON_POS
            and word[0] in GLUED_BEFORE_NAME
            and word not in self.res.dictionary
            and (self._plausible(word[1:], not cue) or (len(word) == 3 and self.res.translit_chars.issuperset(word[1:])))
        ):
            # 记者问拉埃, 嘱王涛购: the segmenter glued a verb of asking or sending to the name after it
            start = tokens.starts[i] + 1
            return Candidate(start, tokens.ends[i], "Person", "pos:name", 1, name=word[1:]), i + 1
        if pos == "nrt" or self._foreign_looking(word, pos, cue):
            found = foreign_name_at(self.res, self.checks, text, tokens, i, cue, self._foreign_looking)
            if found is not None:
                return found
        found = self._surname_and_given_name(tokens, i)
        if found is not None:
            return found
        end = foreign_name_after_cut_title(self.res, tokens, i)
        if end:
            # 议会议 | 长沙 | 基耶 | 夫: the title 议长 and the name 沙基耶夫, no city
            return Candidate(tokens.starts[i] + 1, tokens.ends[end - 1], "Person", "pos:foreign", 1), end
        if place_word_after_title(self, tokens, i):
            # 立法院长韩国 | 瑜也出席: the surname and the given name's first character made a place
            return Candidate(tokens.starts[i], tokens.ends[i + 1], "Person", "pos:title-surname", 1), i + 2
        given = self._given_name_after_title(tokens, i)
        if given is not None:
            name = word + given.text
            return Candidate(tokens.starts[i], given.end, "Person", "pos:title-surname", 1, name=name), i + 2
        if not CJK.match(word):
            return None
        found = self._chinese_name_at(text, tokens, i, cue)
        if found is None and (unknown_word_after_title(self, tokens, i) or unknown_word_before_title(self, tokens, i)):
            return Candidate(tokens.starts[i], tokens.ends[i], "Person", "pos:after-title", 1, name=word), i + 1
        return found

    def _surname_and_given_name(self, tokens: Tokens, i: int) -> tuple[Candidate, int] | None:
        """A single-character surname token followed by a given name token (尉 + 言说, 张 + 三)."""
        res = self.res
        word = tokens.words[i]
        if len(word) != 1 or word not in res.surnames or i + 1 >= len(tokens):
            return None
        t, nxt = tokens[i], tokens[i + 1]
        if 1 <= len(nxt.text) <= 2 and CJK.match(nxt.text):
            name = word + nxt.text
            if len(nxt.text) == 2 and nxt.text[-1] in "说摄等":
                # 尉 + 言说: the reporting verb belongs after the name
                name = name[:-1]
                if self._plausible(name, False):
                    return Candidate(t.start, t.start + len(name), "Person", "pos:joined", 1, name=name), i + 2
            # 向 + 晨报表示: a preposition before a noun, no surname before a given name
            dictionary_noun = t.pos in ("p", "c", "d", "v") and len(nxt.text) == 2 and res.dictionary.get(nxt.text, (0, ""))[1] == "n"
            if (
                (
                    nxt.pos in PERSON_POS
                    or nxt.pos in ("n", "nz", "a", "ng", "ns") and self._cue(tokens, i, i + 2)
                    or self._split_subject(tokens, i)
                    or tagged_surname_in_frame(self, tokens, i)
                )
                # 原 + 沭阳副县长, 来 + 北约: "former" or a verb, then a place or a known body
                # (not 朱/nr + 大庆, a name the tagger read)
                and not (t.pos not in PERSON_POS and (nxt.text in res.place_forms or nxt.text in res.lexicon_forms))
                and (not (res.common_word(nxt.text, 300) or dictionary_noun) or tagged_surname_in_frame(self, tokens, i))
                and self._plausible(name, False)
                and name not in res.person_stop
            ):
                return Candidate(t.start, nxt.end, "Person", "pos:joined", 1), i + 2
        return None

    def _chinese_name_at(self, text: str, tokens: Tokens, i: int, cue: bool) -> tuple[Candidate, int] | None:
        """A Chinese name in one token, trimmed of what the tagger's HMM glued to it (李兆民摄)
        and completed where it cut the last character off (书记信长星, 张少 + 农)."""
        res = self.res
        words, tags, n = tokens.words, tokens.tags, len(tokens)
        word, start = words[i], tokens.starts[i]
        nxt = words[i + 1] if i + 1 < n else None  # the words around, read off the lists
        name = word
        end = tokens.ends[i]
        # HMM overshoot: 李兆民摄, 马兴瑞先(后), 贺晓说, 王楠以(3比0), 周冲民带(人), 韩超要(寻找)
        if len(name) in (3, 4) and name not in res.dictionary and (
            (name[:2] not in res.surnames and name[-1] in "摄先等说在和与及对向为作是将把被给让从到也都就还又外以于带率称要")
            # 王毅同美国国务卿…, 王毅同布林肯…: 同 ends given names too (王大同), so only
            # before a place, a body or another name, which 同 (with) then introduces
            or (len(name) == 3 and name[-1] in "同跟" and i + 1 < n and tags[i + 1] in ("ns", "nt", "nr", "nrfg", "nrt"))
        ):
            name = name[:-1]
            end -= 1
            cue = cue or text[end] in "说摄等"
        elif len(name) in (3, 4) and name[-1] == "拍" and text.startswith("摄", end) and name not in res.dictionary:
            name = name[:-1]  # 记者张淳拍摄: the photographer, then 拍摄
            end -= 1
            cue = True
        if name in res.person_stop or name in res.not_entities:
            return None
        if 2 <= len(name) <= 3 and name[1] == "老" and name[0] in res.surnames:
            return None  # 胡老说, 吕老去: an elder by the surname, no name
        if (name[0] in MEASURE_WORDS or name[0] == "张") and start > 0 and text[start - 1] in COUNTERS:
            # 25项人社服务, 3名记者, 用这张林票: a count's or a demonstrative's measure word,
            # then words (项, 名, 张 open names too)
            return None
        if name in res.place_forms and not cue:
            return None
        if len(name) >= 3 and name[-1] in FEATURE_ENDINGS and name == word:
            # 苏梅岛, 白水河, 夫子庙: a place the tagger calls a name; no given name ends so
            return Candidate(start, end, "Place", "pos:feature", 1), i + 1
        if (
            _may_take_next_char(name, nxt)
            and self._plausible(name + nxt, False)
            and (
                (i > 0 and self.checks.title_before(words[i - 1]))
                or (i + 2 < len(tokens) and self._title_word(tokens[i + 2].text))
            )
            and (name + nxt) not in res.dictionary
        ):
            # 书记信长星: the segmenter cut a three-character name after its title
            return Candidate(start, tokens.ends[i + 1], "Person", "pos:name", 1, name=name + nxt), i + 2
        # the tagger's own name tag on a word the dictionary files as a name, or does not
        # know at all (a name its HMM found): 杨洁, 喻晖, 唐胜利
        hit = res.dictionary.get(name)
        tagged = tags[i] in ("nr", "nrfg") and name == word and hit is None
        if (
            tagged
            and not cue
            and len(name) in (2, 3)
            and name[-1] not in NOT_GIVEN_NAME_END
            and self._plausible(name, False)
        ):
            if self._site_name(tokens, i):
                return None  # 上海张江科学城, 容东片区尚德花园: a site's name, no person
            if no_uncued_name_here(self, text, tokens, i):
                return None  # 洪中建交: two countries; 马德 | 布利: a foreign name's piece
            if _may_take_next_char(name, nxt) and nxt in NEVER_NAME_LAST and tags[i + 1] == "n":
                return None  # 白羽 + 鸡, 南玉 + 段: a thing's or a section's word, no name
            if _may_take_next_char(name, nxt) and self._plausible(name + nxt, False) and (
                tags[i + 1] not in ("p", "c", "u", "uj", "ul", "d", "r", "m", "q", "f", "v")
                or nxt == name[-1]
                or (i + 2 < n and _mark_ends_name(words[i + 2]) and nxt not in _NO_LAST_OF_NAME)
            ):
                # 张少 + 农, 李松 + 梅: the tagger cut the last character off a three-character name;
                # 李盼 + 盼: a doubled given name, whatever the tag of its second half; 冯尚 +
                # 喜/v （, 阎月 + 凡/d ／: a name of a list or a credit, whatever the tag, up to its mark;
                # the whole passes the name test (白羽 + 鸡: a breed, no name)
                return Candidate(start, tokens.ends[i + 1], "Person", "pos:name-tagged", 1, name=name + nxt), i + 2
            if self._glued_last_char(tokens, i, name):
                return Candidate(start, end + 1, "Person", "pos:name-tagged", 1, name=name + nxt[0]), i + 1
            return Candidate(start, end, "Person", "pos:name-tagged", 1, name=name), i + 1
        if len(name) == 2 and not cue:
            if self._plausible(name, False):
                # 梁家, 齐家: a two-character name needs a title or a reporting verb,
                # here or elsewhere in the document (checked in persons())
                return Candidate(start, end, "Person", "pos:name-uncued", 1, name=name), i + 1
            return None
        if len(name) == 3 and name[-1] in NOT_GIVEN_NAME_END and not cue and not self._given_name_in_guo(name, hit):
            return None  # 申请人, 白金卡, 华山派: words the dictionary files as names
        if len(name) == 3 and name == word and name[-1] in UNIT_ENDINGS and hit is not None and not hit[1].startswith("nr"):
            return None  # 金融系教授: a unit the dictionary knows as a word, title or not
        if self._plausible(name, not cue):
            if name == word and self._glued_last_char(tokens, i, name):
                return Candidate(start, end + 1, "Person", "pos:name", 1, name=name + nxt[0]), i + 1
            return Candidate(start, end, "Person", "pos:name", 1, name=name), i + 1
        if name == word and not cue and self._plausible(name, False) and whole_name_in_frame(self, tokens, i):
            # 在唐胜利康复回乡前, 、李为民在来信中说: a given name that is an ordinary word,
            # read as a name where a person stands
            return Candidate(start, end, "Person", "pos:name-frame", 1, name=name), i + 1
        return None

    def _split_subject(self, tokens: Tokens, i: int) -> bool:
        """``tokens[i]``, a surname the tagger tags as a name, and the two-character word after
        it open their clause before its verb or an adverb (，李/nr 国庆 还搭建…, 邹/nr 春雨 欣慰地说):
        a name the segmenter split, the clause's subject."""
        words, tags = tokens.words, tokens.tags
        return (
            tags[i] == "nr"
            and i + 2 < len(words)
            and len(words[i + 1]) == 2
            and tags[i + 1] in ("n", "t", "a", "b", "vn", "nz", "ns")
            and tags[i + 2] in ("v", "d")
            and (i == 0 or words[i - 1] in ("，", "。", "；", "：", "“", "\n"))
            and not (words[i] == "连" and words[i + 2] in ("都", "也"))  # 连出线都成问题: "even"
        )

    def _site_name(self, tokens: Tokens, i: int) -> bool:
        """``tokens[i]``, a name the tagger found with no cue around it, names a site: a
        kind of place or facility follows (金坪 | 社区, 尚德 | 花园, 梅龙 | 空军基地), or, for a
        two-character one, a place runs right into it (上海 | 张江, 黄河 | 古贤, 玉林 | 龙云)."""
        words, tags = tokens.words, tokens.tags
        if i + 1 < len(words) and words[i + 1].startswith(SITE_WORDS_AFTER):
            return True
        return (
            len(words[i]) == 2
            and i > 0
            and tokens.ends[i - 1] == tokens.starts[i]
            and (tags[i - 1] == "ns" or words[i - 1] in self.res.place_forms)
        )

    def _given_name_in_guo(self, name: str, hit: tuple[int, str] | None) -> bool:
        """A three-character name the dictionary files as a person's whose given name ends
        in 国 (王志国, 张建国, 胡富国), unlike 诸侯国 or 吴越国, where 国 ends a state's name
        (侯国, 越国 are words of their own)."""
        return (
            name[-1] == "国"
            and hit is not None
            and hit[1] == "nr"
            and name[1:] not in self.res.dictionary
            and self._plausible(name, True)
        )

    def _given_name_after_title(self, tokens: Tokens, i: int) -> Token | None:
        """The given name after a surname the segmenter cut off, where the frame marks a name.

        Between a title (or the 、 of a list of names) and a boundary, a surname token and
        the word after it are one person's name even when that word is an ordinary one:
        省长叶 | 建春在南昌, 副省长任 | 清华出席, 副总理张 | 和平、, 县长徐 | 荩向全会.
        The surname must be its own token and the word no title, form of address or
        function word (书记向 | 群众讲话, 主任对 | 记者说 stay apart)."""
        res = self.res
        if i == 0 or i + 1 >= len(tokens):
            return None
        word = tokens.words[i]
        if word not in res.surnames or not CJK.match(word) or tokens.starts[i + 1] != tokens.ends[i]:
            return None
        t, prev, nxt = tokens[i], tokens[i - 1], tokens[i + 1]
        titled = self.checks.title_before(prev.text) or prev.text in self._titles
        listed = (
            prev.text == "、"
            and i > 1
            and (tokens[i - 2].pos in PERSON_POS or tokens[i - 2].pos == "x")
            and self._plausible(tokens[i - 2].text, False)
        )
        if not (titled or listed):
            return None
        g = nxt.text
        if not (1 <= len(g) <= 2 and CJK.match(g)):
            return None
        if (
            g in self._titles
            or self._title_word(g)
            or g in ADDRESS_FORMS
            or g in HONORIFICS
            or g in NOT_NAME_TAIL
            or (len(g) == 2 and g[-1] in "说摄等")  # 尉 + 言说: the verb belongs after the name
            or g[-1] in NOT_GIVEN_NAME_END
        ):
            return None
        if len(g) == 1 and nxt.pos in ("d", "p", "c", "u", "uj", "ul", "r", "v", "m", "q", "f"):
            return None  # 市长王也表示: an adverb, not a one-character given name
        if len(g) == 2 and nxt.pos == "v" and res.common_word(g, 50) and (i + 2 >= len(tokens) or tokens[i + 2].text in "。，；！？"):
            return None  # 执行主席席 | 就座。: the clause's verb, not a given name
        if t.pos in ("p", "c", "d", "v") and nxt.pos not in PERSON_POS and g in res.dictionary:
            return None  # 书记向群众讲话, 专家向晨报表示: a preposition before a noun
        if i + 2 < len(tokens):
            after = tokens[i + 2]
            if CJK.match(after.text):
                if listed:
                    return None  # in a list only a separator ends the name
                if not (
                    after.pos in ("p", "v", "c", "d", "u", "uj", "ul")
                    or after.text in _CUES_AFTER
                    or after.text in HONORIFICS
                    or self._title_word(after.text)
                ):
                    return None
        name = t.text + g
        if name in res.person_stop or not self._plausible(name, False):
            return None
        return nxt

    def _glued_last_char(self, tokens: Tokens, i: int, name: str) -> bool:
        """True when the next token opens with the last character of a three-character name.

        陆慧 + 明解盘, 郭子 + 健在, 翁振 + 杰作为: the segmenter glued the name's last character
        to what follows; what is left of that token is a function word (在, 则) or opens a
        word with the token after it (作 + 为 = 作为).
        """
        res = self.res
        if len(name) != 2 or name[0] not in res.surnames or i + 1 >= len(tokens):
            return False
        nxt = tokens[i + 1]
        if len(nxt.text) != 2 or not CJK.match(nxt.text) or nxt.text[0] in NOT_NAME_TAIL:
            return False
        if nxt.text == "拍摄" or nxt.text in _CUES_AFTER:
            return False  # 记者张淳拍摄, 严平认为: a photo credit or a reporting verb after the name
        if res.common_word(nxt.text, 1000):
            return False  # 冯强 + 见到, 杨芳 + 由于, 王怡 + 后来: the segmenter's word after the name is a common one
        full = name + nxt.text[0]
        if full in res.dictionary or not self._plausible(full, False):
            return False
        rest = nxt.text[1]
        if rest in GLUED_REST:
            return rest not in GLUED_REST_WORD_ENDS or nxt.text not in res.dictionary
        after = tokens[i + 2].text if i + 2 < len(tokens) else ""
        return any(res.dictionary.get(rest + after[:k], (0, ""))[0] >= 100 for k in (1, 2) if len(after) >= k)

    def _cue(self, tokens: Tokens, i: int, j: int) -> bool:
        """A title just before or after, a reporting verb just after, or another name joined by 和/与."""
        words, tags = tokens.words, tokens.tags
        if self._cue_after(tokens, j):
            return True
        if i > 0:
            p = words[i - 1]
            if self.checks.title_before(p) or p in self._titles:
                return True
            if p.strip() in ("", ":", "：") and i > 1 and _titled_field(words, i - 1):
                return True  # 责任编辑：马兰, 编辑: 董乐: a role's field label before the name
            if p in ("和", "与", "及", "、") and i > 1 and self._name_neighbour(words[i - 2], tags[i - 2]):
                return True
            if len(p) == 1 and i > 1 and p in self.res.translit_chars and self.checks.title_before(words[i - 2]):
                return True  # 首席执行官贝 | 瑞德: the title's name, its first character cut off
        if j < len(words):
            nx = words[j]
            if nx in ("、", "和", "与", "及") and j + 1 < len(words) and self._name_neighbour(words[j + 1], tags[j + 1]):
                return True  # 汪洋、王沪宁: a list of names (not 洪水、山洪, 温馨、舒适)
        return False

    def _name_neighbour(self, word: str, tag: str) -> bool:
        """``word``, next to a name over 、 or 和, makes the pair a list of names: tagged as a
        name and a name even with no cue (王沪宁, 李强, a transliteration), not a common
        word the dictionary files as a name (强降雨、洪水、山体滑坡: each cues the other)."""
        if tag not in PERSON_POS:
            return False
        if tag == "nrt" or self.res.translit_chars.issuperset(word) or self._plausible(word, True):
            return True
        # 李强、汪洋: two-character names fail the strict test unless the dictionary files
        # them nrfg; a rare one is a name, a frequent one a common word (洪水, 蓝天)
        return len(word) == 2 and not self.res.common_word(word, 300) and self._plausible(word, False)

    def _cue_after(self, tokens: Tokens, j: int) -> bool:
        """A title, an honorific or a reporting verb (after an adverb or not) at ``tokens[j]``,
        right after a name: the cues that do not hang on the words around being names."""
        words, tags = tokens.words, tokens.tags
        if j < len(words):
            nx = words[j]
            if nx in _CUES_AFTER or nx in ("同志", "先生", "女士", "一行") or self._title_word(nx):  # 马丁一行: a visitor's party
                return True
            if nx in ACTIVITY_CUES and j > 0 and tags[j - 1] in PERSON_POS:
                return True  # 李强出席, 王毅会见: a word the tagger reads as a name, then an official's act
            if tags[j] in ("d", "ad") and j + 1 < len(words) and words[j + 1] in _CUES_AFTER:
                return True  # 鲁宾明确 指出: an adverb before the reporting verb
            if len(nx) > 2 and nx.endswith(_LONG_CUES):
                return True  # 鲁宾 明确指出: the segmenter glued the adverb to the verb
        return False
