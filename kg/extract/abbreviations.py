"""One-character abbreviations of countries and provinces read in context: runs of them
before a word of two sides' dealings (中美关系, 晋陕豫交界, 中智建交), lists of them with 、
(转战赣、粤、闽、湘), one after a word of going or being (对华, 访美, 在京) or before a word of
its state (俄总统, 美方), 港澳, 巴以, 印巴, 访华; pairs with a continent in a word of their own
(欧美, 美欧, 亚欧, 亚非拉).

:class:`CountryAbbreviations` is a part of :class:`kg.extract.other_names.OtherNames`, which
gives it ``res`` (the resources), ``checks`` and ``_abbr_run`` (a run of abbreviations)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from kg.extract.candidates import CJK, SIDE_PREDICATES, Candidate
from kg.extract.patterns import Hit
from kg.extract.segment import Tokens
from kg.model import Token

#: Runs of one-character abbreviations, and what may follow them (中美关系, 晋陕豫交界, 川渝两地,
#: 中老共建).
ABBR_CONTEXT = re.compile(r"两国|三国|双方|三方|关系|合作|友好|贸易|边境|边界|建交|邦交|会谈|会晤|战略|伙伴|联合|外长|首脑|元首|领导人|峰会|对话|经贸|人文|交界|毗邻|协同|一体化|两省|三省|四省|两地|三地|共建|安保|条约|声明|两军|合资|友谊")
#: Before a lone abbreviation: 对华, 访美, 驻华, 在京, 赴俄, 离俄, 来华, 抵京, 回京.
ABBR_BEFORE = frozenset("对访驻在赴离来抵回返反侵援进")
#: Abbreviations safe to read alone after ABBR_BEFORE or before ABBR_AFTER_WORDS (not 中, 比, 以 …).
LONE_ABBREVIATIONS = frozenset("华美俄日韩朝英法德印越泰京沪港台")
#: After a lone abbreviation: 俄总统, 俄政府, 美方, 日军.
ABBR_AFTER_WORDS = frozenset("总统 总理 首相 政府 外长 外交部 国防部 方 军 国内 经济 领导人 议会 国会 央行 两国 双方".split())
#: The abbreviations a pair of countries standing alone is read from (日俄高层往来, 中美作为
#: 两个大国): those news uses for countries far more than for anything else (not 比, 墨, 以,
#: 华: 德比, 墨菲, 以日为单位, 华泰保险); continents pair by ``CONTINENT_PARTNERS``.
PAIR_ABBREVIATIONS = frozenset("中美日俄英法德韩朝印越泰")
#: The countries a continent's one-character abbreviation (欧, 亚, 非, 拉: a region of the table)
#: is paired with in a word of their own (欧美市场, 美欧制裁); not 日 (拉日铁路 runs from Lhasa
#: to Shigatse; 欧美日 is read as three countries in a row), and 中 is left to
#: the words of relations (中欧, 中亚, 中非 are also Central Europe, Asia, Africa).
CONTINENT_PARTNERS = frozenset("美俄")
#: What makes two continents one landmass or one region (亚欧大陆, 欧亚地区), no pair.
ONE_REGION_AFTER = ("大陆", "板块", "地区", "草原")
#: A count or a word of countries after a pair of continents, which the pair then qualifies
#: (通达亚欧17个国家, 欧美多国, 亚非各国): the countries are named, not the continents, as the
#: sample's gold reads 亚欧17个国家.
COUNTRIES_AFTER_CONTINENTS = re.compile(r"(?:[\d０-９一二三四五六七八九十两几]+个?|[多各诸等])国|国家")
#: What makes a pair of continents the opening of a name or an address, no places: a number
#: (欧亚7214室) or a word of a named thing (欧亚指数, 欧亚大厦, 欧亚商场).
NAME_AFTER_CONTINENTS = re.compile(r"[\d０-９]|指数|大厦|商厦|商场|广场|大道|路")
#: A body's name that a pair of countries opens (印中友协, 法中委员会, 美墨…工作组, 韩亚银行).
BODY_AFTER_PAIR = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:友协|协会|委员会|理事会|工作组|小组|商会|银行|公司|集团|保险|证券)")
#: Words made of a country's abbreviation and 方 that are no country's side: 比方 (for
#: example), 土方 (earthwork), 丹方 (a folk remedy), 老方 (an old prescription).
NOT_SIDES = frozenset({"比方", "土方", "丹方", "老方", "古方"})
#: How often the dictionary may know a word of a country's initial and 方 for it to still be
#: a side (伊方 15, 苏方 21), not an ordinary word (南方, 西方, 东方, 多方, 秘方: hundreds).
SIDE_WORD_FREQ = 50
#: Two characters before a word of two countries' dealings (中智建交, 布中两国, 中坦合资, 中肯共建).
PAIR_WITH_OTHER = re.compile(r"([\u4e00-\u9fff]{2})(?=两国|建交|双方|两军|合资|共建)")
HK_MACAO = re.compile(r"港澳台?(?=同胞|地区|居民|台胞|侨胞|青年|事务|办|两地|三地|企业|资本|投资|商人|客商|人士|媒体|演艺|的|和|与|及|、)")
PALESTINE_ISRAEL = re.compile(r"巴以(?=冲突|和谈|谈判|和平|问题|局势|双方|关系|争端|和解|对话|领导人|间|之间)")
#: Abbreviations that before a state's body are more often a word of the sentence than a
#: country (以政府名义, 比政府预期, 中央行 is no China's bank; 加, 老, 土, 哈 as verbs and
#: adjectives) or stand for a continent (非, 欧, 亚, 拉).
NOT_STATE_OWNERS = frozenset("中华以比加老土哈非欧亚拉")
#: The characters (prepositions, conjunctions, verbs of saying) after which an abbreviation
#: may open a state's body (据黎公共卫生部, 和俄央行); after any other Chinese character it
#: ends a name or a word (利库德政府, 卡扎菲政府军, 道德).
STATE_BODY_AFTER = frozenset("据和与同及向对由被让从为称而但并是在将令使")
#: How often the dictionary may know the word of such a character and the abbreviation
#: (同意, 和美) for the abbreviation still to open a state's body.
GLUED_WORD_FREQ = 50
#: India and Pakistan by their one-character abbreviations: 巴 alone is left out of the table
#: (巴西, 巴基斯坦, 巴勒斯坦), but beside 印 it is Pakistan (印巴两国, 对印巴实行制裁, 巴印会谈).
INDIA_PAKISTAN = {"印巴": ("IN", "PK"), "巴印": ("PK", "IN")}
VISIT_CHINA = re.compile(r"(?:访|来|抵|赴)(华)(?:访问|期间|之际|前夕|，|。|、|并|的)")


class CountryAbbreviations:
    """The readers of abbreviations (see the module docstring)."""

    def _may_hold_abbreviation(self, word: str) -> bool:
        """The token loop of ``abbreviations`` can find a place in ``word``: 中方, a
        preposition glued to an abbreviation (对华), an abbreviation glued to a word after
        it (俄总统) or a lone abbreviation."""
        lone = LONE_ABBREVIATIONS
        if word == "中方" or (len(word) == 1 and (word in lone or word in self.res.abbr_alone)):
            return True
        if len(word) >= 2 and word[0] in ABBR_BEFORE and word[1] in lone and (len(word) == 2 or (word[2:] in self.res.dictionary and word[2] not in "元圆")):
            return True
        return (
            (len(word) >= 2 and word[0] in lone and word[0] in self.res.country_abbr and word[1:] in ABBR_AFTER_WORDS)
            or self._side_word(word)
            or self._initial_side(word) != ""
        )


    def state_body(self, hit: Hit) -> list[Candidate] | None:
        """The check of the rule abbreviation-body: a country's one-character abbreviation
        before one of its state's bodies (据黎公共卫生部, 菲农业部, 俄央行, 美国务院) names
        that state's body, one name with the country nested in it as a place (the full form
        菲律宾农业部 is read by the suffix grammar); not China's body of the same name
        (农业部). The abbreviation is that of the table or the initial of one country alone
        (黎 is 黎巴嫩); before it comes no Chinese character but a preposition or the like
        (据, 和, 称), which makes no word with it (同意政府), and no number (9日外交部: a date)."""
        text = hit.doc.text
        s, e = hit.start, hit.end
        ch = text[s]
        prev = text[s - 1 : s]
        if ch in NOT_STATE_OWNERS or (prev and (prev.isdigit() or prev in "年月日号")):
            return None
        if CJK.match(prev) and (prev not in STATE_BODY_AFTER or self.res.dictionary.get(prev + ch, (0, ""))[0] >= GLUED_WORD_FREQ):
            return None
        ref = self.res.country_abbr.get(ch) or self._country_by_initial(ch, text)
        if not ref:
            return None
        return [
            Candidate(s, e, "Organization", "abbreviation-body", 2),
            Candidate(s, s + 1, "Place", "nested-place", 0, ref),
        ]

    def _country_by_initial(self, ch: str, text: str) -> str:
        """The country a one-character abbreviation outside the table stands for in ``text``:
        the one country opening with ``ch`` that the text names in full (中南建交…在南非),
        else the only country of the gazetteer opening with it (智 is 智利, 坦 is 坦桑尼亚),
        else none (巴, 阿, 哥: several countries)."""
        names = self._countries_by_initial.get(ch, ())
        named = {ref for form, ref in names if form in text}
        if len(named) == 1:
            return named.pop()
        refs = {ref for _form, ref in names}
        return refs.pop() if len(refs) == 1 else ""


    @cached_property
    def _countries_by_initial(self) -> dict[str, list[tuple[str, str]]]:
        """First character -> the forms (full and short) and ids of the countries it opens."""
        out: dict[str, list[tuple[str, str]]] = {}
        for p in self.res.places.values():
            if p.kind == "country":
                for form in (p.name, *p.short):
                    out.setdefault(form[0], []).append((form, p.id))
        return out


    def _side_word(self, word: str) -> bool:
        """``word`` is one country's side in talks, the way news writes 中方 and 美方: a
        country's one-character abbreviation and 方 kept as one word by the segmenter
        (葡方, 加方, 以方坚持…), not a word of its own that happens to start with one
        (比方, 土方, 丹方, 老方)."""
        return len(word) == 2 and word[1] == "方" and word[0] in self.res.country_abbr and word not in NOT_SIDES


    def _initial_side(self, word: str) -> str:
        """The side a country outside the table takes in talks, named by its first character
        and 方 (马方, 肯方, 瑙方, 巴方), which the segmenter may keep as one word with the verb
        after it (马方愿): ``word``'s side (马方), or "" when it is no such word (a country's
        initial in the table: see ``_side_word``; an ordinary word: 南方, 西方, 秘方)."""
        side = word[:2]
        if len(word) not in (2, 3) or word[1] != "方" or (len(word) == 3 and word[2] not in SIDE_PREDICATES):
            return ""
        if side in NOT_SIDES or word[0] in self.res.country_abbr or word[0] not in self._countries_by_initial:
            return ""
        return side if self.res.dictionary.get(side, (0, ""))[0] < SIDE_WORD_FREQ else ""

    def _continents_in(self, run: str) -> int:
        """How many continents the run of abbreviations names when it is a pair (or three)
        of continents and the countries they are paired with (欧美, 美欧, 亚欧, 亚非拉, 欧美日:
        ``CONTINENT_PARTNERS``), else 0 (中欧: Central Europe or China and Europe, read
        before a word of relations only; 美日: no continent)."""
        regions = [self._is_region(ch) for ch in run]
        if not any(regions) or any(not region and ch not in CONTINENT_PARTNERS for ch, region in zip(run, regions)):
            return 0
        return sum(regions)

    def _is_region(self, ch: str) -> bool:
        """The abbreviation ``ch`` of the table stands for a region (欧, 亚, 非, 拉), no country."""
        place = self.res.places.get(self.res.country_abbr.get(ch, ""))
        return place is not None and place.kind == "region"

    def _country_pair_word(self, text: str, start: int, end: int, ends: set[int]) -> bool:
        """The run ``text[start:end]`` of country abbreviations stands as a pair of
        countries on its own, with no word of relations after it (中美作为两个大国, 日中和平
        友好条约, 日俄高层往来): the segmenter keeps the run apart from the words around it
        (it starts and ends at word bounds: not 今日|美国, 28日|中午), it is no ordinary
        word (美德, 中意), no place of its own (英德) and no part of a title (《朝日新闻》).
        The caller has checked that it starts at a word bound."""
        run = text[start:end]
        continents = self._continents_in(run)
        if end not in ends:
            return False
        if not continents and any(ch not in PAIR_ABBREVIATIONS for ch in run):
            return False  # 德比 (a derby), 墨菲, 以日为单位: characters read as countries only before a word of relations
        if run in self.res.place_forms or (start > 0 and text[start - 1] == "《"):
            return False  # (拉美 is Latin America, one place)
        if BODY_AFTER_PAIR.match(text, end):
            return False  # 印中友协, 法中委员会, 美墨反洗钱联合调查工作组: the pair opens a body's name
        if continents:
            # 欧美市场, 美欧对俄实施制裁, 亚欧新型伙伴关系, 亚非拉: the dictionary files the
            # pair as one word, which it is not, but two continents may be one landmass
            return not (text.startswith(ONE_REGION_AFTER, end) or COUNTRIES_AFTER_CONTINENTS.match(text, end)
                        or NAME_AFTER_CONTINENTS.match(text, end))
        hit = self.res.dictionary.get(run)
        return hit is None or (hit[1] in ("ns", "nz", "nt", "j", "t", "f") and hit[0] < 100)


    def abbreviations(self, text: str, starts: set[int], tokens: Sequence[Token], at: Sequence[int]) -> list[Candidate]:
        """One-character place abbreviations in context: 中美关系, 中俄两国, 晋陕豫交界, 访华.

        A run of two or more abbreviations of countries (or of provinces) followed by a
        word of relations between places (关系, 两国, 交界, 协同 …)
        gives one place per character; 晋冀鲁豫 inside a programme's name does not.
        """
        out = []
        ends = set(Tokens.of(tokens).ends)
        for m in self._abbr_run.finditer(text):
            s, e = m.span(1)
            if text[s] == "以" and e - s >= 3 and (s + 1 in starts or s + 1 in ends):
                s += 1  # 以中非合作引领…, 以中美关系为例: 以 (with, by) before a pair, not Israel
            if s not in starts:
                continue
            found = self._abbreviation_run(text, s, e, ends, standalone=False)
            while found is None and e - s > 2:
                # 中美加强合作: the run 中美加 runs into a word (加强); the pair before it
                # may still stand on its own
                e -= 1
                if e in ends:
                    found = self._abbreviation_run(text, s, e, ends, standalone=True)
            if found is None and e in ends and e - s >= 2:
                found = self._abbreviation_run(text, s, e, ends, standalone=True)
            if found:
                out += [Candidate(s + k, s + k + 1, "Place", "abbreviation", 1, ref) for k, ref in enumerate(found)]
        out += self._abbreviation_lists(text, starts, ends)
        for m in PAIR_WITH_OTHER.finditer(text):
            # 中智建交, 中坦合资, 布中两国: a known abbreviation paired with a character the
            # table leaves out (it opens several countries' names, or few write it alone)
            s, e = m.span(1)
            if s not in starts or e not in ends or m.group(1)[0] == m.group(1)[1]:
                continue
            refs = [self.res.country_abbr.get(ch) for ch in m.group(1)]
            if refs.count(None) != 1 or any(ch in self.res.province_abbr for ch in m.group(1)):
                continue
            k = refs.index(None)
            refs[k] = self._country_by_initial(m.group(1)[k], text)
            if refs[k]:
                out += [Candidate(s + n, s + n + 1, "Place", "abbreviation", 1, ref) for n, ref in enumerate(refs)]
        for m in HK_MACAO.finditer(text):
            # 港澳同胞, 港澳台地区: Hong Kong, Macao (and Taiwan) by their usual abbreviations
            if m.start() in starts:
                for k, name in enumerate(("香港", "澳门", "台湾")[: len(m.group())]):
                    ids = self.res.place_forms.get(name)
                    if ids:
                        out.append(Candidate(m.start() + k, m.start() + k + 1, "Place", "abbreviation", 1, ids[0]))
        for m in PALESTINE_ISRAEL.finditer(text):
            # 巴以冲突, 巴以和谈: 巴 alone is left out (巴西, 巴基斯坦, 巴勒斯坦), but before 以
            # the pair is Palestine and Israel
            if m.start() in starts:
                out.append(Candidate(m.start(), m.start() + 1, "Place", "abbreviation", 1, "PS"))
                out.append(Candidate(m.start() + 1, m.start() + 2, "Place", "abbreviation", 1, "IL"))
        for pair, refs in INDIA_PAKISTAN.items():
            k = text.find(pair)
            while k >= 0:
                if k in starts and k + 2 in ends:  # a word of its own (not 印巴尼, 古巴印象)
                    out += [Candidate(k + n, k + n + 1, "Place", "abbreviation", 1, ref) for n, ref in enumerate(refs)]
                k = text.find(pair, k + 2)
        for m in VISIT_CHINA.finditer(text):
            s = m.start(1)
            out.append(Candidate(s, s + 1, "Place", "abbreviation", 1, "CN"))
        # a one-character word the segmenter keeps alone, after 对/访/驻/在… or before
        # 总统/政府/方…: 对华投资, 在京召开, 俄总统, 离俄两天
        table = self.res.country_abbr
        lone = LONE_ABBREVIATIONS
        tokens = Tokens.of(tokens)
        words, token_starts = tokens.words, tokens.starts  # the lists: no Token is made
        for i in at:  # the tokens of class abbr-word
            w = words[i]
            start = token_starts[i]
            if w == "中方":
                out.append(Candidate(start, start + 1, "Place", "abbreviation", 1, "CN"))  # 中方 = the Chinese side
                continue
            if len(w) >= 2 and w[0] in ABBR_BEFORE and w[1] in lone and (len(w) == 2 or (w[2:] in self.res.dictionary and w[2] not in "元圆")):  # not 对日元
                # 对华, 访美, 在京举行, 对华政策: the segmenter kept the preposition and the place together
                ref = table.get(w[1]) or self.res.province_abbr.get(w[1], "")
                if ref:
                    out.append(Candidate(start + 1, start + 2, "Place", "abbreviation", 1, ref))
                continue
            if len(w) >= 2 and w[0] in lone and w[0] in table and w[1:] in ABBR_AFTER_WORDS:
                out.append(Candidate(start, start + 1, "Place", "abbreviation", 1, table[w[0]]))  # 俄总统
                continue
            if self._side_word(w):
                out.append(Candidate(start, start + 1, "Place", "abbreviation", 1, table[w[0]]))  # 葡方, 加方
                continue
            if self._initial_side(w):
                # 马方, 肯方, 瑙方: the one country the text names that opens with the initial
                # (or the only one there is), else none (巴方 in a text naming no 巴… country);
                # none before a title, which it qualifies (…合作理事会新方主席英兰妮: the title
                # stays the council's)
                if len(w) == 2 and i + 1 < len(words) and words[i + 1] in self.res.title_set:
                    continue
                ref = self._country_by_initial(w[0], text)
                if ref:
                    out.append(Candidate(start, start + 1, "Place", "abbreviation", 1, ref))
                continue
            if len(w) == 1 and w in self.res.abbr_alone and w not in lone:
                if not self._in_foreign_name(words, i):
                    out.append(Candidate(start, tokens.ends[i], "Place", "abbreviation", 1, table[w]))  # 俄将…, 叙政府军
                continue
            if len(w) != 1 or w not in lone:
                continue
            prev = words[i - 1] if i > 0 else ""
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if prev[-1:] in ABBR_BEFORE or nxt in ABBR_AFTER_WORDS or (w in self.res.abbr_alone and not self._in_foreign_name(words, i)):
                ref = table.get(w) or self.res.province_abbr.get(w, "")
                if ref:
                    out.append(Candidate(start, tokens.ends[i], "Place", "abbreviation", 1, ref))
        return out


    def _in_foreign_name(self, words: Sequence[str], i: int) -> bool:
        """``words[i]``, one character, is a piece of a foreign name the segmenter cut up
        (阿尔 | 缅 | · | 萨尔基相, 所长 | 菲 | 斯特): a name's dot or transliteration characters
        right after it, or transliteration characters right before it."""
        translit = self.res.translit_chars
        nxt = words[i + 1] if i + 1 < len(words) else ""
        prev = words[i - 1] if i > 0 else ""
        return (
            nxt[:1] in ("·", "•", "・")
            or (len(nxt) >= 2 and translit.issuperset(nxt) and nxt not in self.res.dictionary)
            or (len(prev) >= 2 and translit.issuperset(prev) and prev not in self.res.dictionary)
        )

    def _abbreviation_lists(self, text: str, starts: set[int], ends: set[int]) -> list[Candidate]:
        """Abbreviations listed with 、, each a word of its own: of three places or more
        (转战赣、粤、闽、湘, 美、英、法), or of two after a word of going or being (在英、法,
        赴美、日) or before a word of relations (美、卢两国, 中、阿建交). Every item is of
        one table (countries or provinces) and no item comes twice; a list before 文 or 语
        names languages (中、英文)."""
        out = []
        for m in self._abbr_list.finditer(text):
            s, e = m.span()
            items = text[s:e:2]
            if any(s + 2 * k not in starts or s + 2 * k + 1 not in ends for k in range(len(items))):
                continue  # an item runs into a word (中、小学, 川、陕两省交界 is read as a run)
            if len(set(items)) < len(items) or text[e : e + 1] in ("文", "语"):
                continue
            table = next((t for t in (self.res.country_abbr, self.res.province_abbr) if all(ch in t for ch in items)), None)
            if table is None:
                continue
            if len(items) < 3 and not (ABBR_CONTEXT.match(text, e) or text[s - 1 : s] in ABBR_BEFORE):
                continue
            out += [Candidate(s + 2 * k, s + 2 * k + 1, "Place", "abbreviation", 1, table[ch]) for k, ch in enumerate(items)]
        return out

    def _abbreviation_run(self, text: str, s: int, e: int, ends: set[int], standalone: bool) -> list[str] | None:
        """The place ids of the run of abbreviations ``text[s:e]`` when it names places, or
        None: a word of relations follows it (中美关系, 晋陕豫交界), it is a pair with China
        (中日实现了邦交正常化) or three countries in a row (美英俄科学家), or, when
        ``standalone``, a pair of countries the segmenter keeps as a word of its own
        (``_country_pair_word``: 日俄高层往来)."""
        run = text[s:e]
        after = text[e : e + 3]
        for table in (self.res.country_abbr, self.res.province_abbr):
            if not all(ch in table for ch in run):
                continue
            if len({table[ch] for ch in run}) < len(run):
                continue  # 中华: one country twice is a word, not a pair
            if not standalone and text[e - 1 : e + 1] in self.res.dictionary and not ABBR_CONTEXT.match(after):
                continue  # 印中央银行: the last character starts a word with what follows
            if standalone and not (table is self.res.country_abbr and self._country_pair_word(text, s, e, ends)):
                continue
            if not standalone:
                hit = self.res.dictionary.get(run)
                china_pair = (
                    table is self.res.country_abbr
                    and "中" in run
                    and not after.startswith(("洲", "部", "间", "心"))
                    and not (run[-1] == "以" and after[:1].isdigit())  # 比赛中以2∶0获胜: 以 is "by"
                    and (hit is None or hit[0] < 100 or hit[1] == "t")  # 中日 is filed as a time word
                )
                listed = table is self.res.country_abbr and len(run) >= 3  # 美英俄科学家: three countries in a row
                if not ABBR_CONTEXT.match(after) and not china_pair and not listed:
                    continue
            return [table[ch] for ch in run]
        return None
