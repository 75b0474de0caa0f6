"""The ``pair`` engine: A 与/和/同 B … TRIGGER (山西国际能源集团与榆社县人民政府签约), lists of
pairs that share a trigger (A与B、C与D分别签署), the partners listed after one 与, and
A、B三方 TRIGGER."""

from __future__ import annotations

import re
from itertools import combinations, pairwise

from kg.extract.relation_base import CLAUSE_END, CLAUSE_MARK, LIST_MARKS, EngineBase
from kg.model import Mention, Sentence

#: The words that join two partners (A与B签约, A同B会谈).
PAIR_CONJ = ("与", "和", "同", "跟", "及")
#: Prepositions that make the names after them objects (向美国和北约提议, 对A和B实施制裁).
OBJECT_MARKS = frozenset("向对给被让")
#: A bracketed aside between a partner and 与 (A(别名)与B).
_BRACKETED = re.compile(r"[（(][^）)]{1,15}[）)]")
#: One mark of a list of names.
_LIST_MARK = re.compile(r"[、和与及]")
#: Verbs of widening ties between a partner and 与 (山西深化与京津冀的合作).
_DEEPEN = re.compile(r"(?:进一步|持续|不断|全面)?(?:加强|深化|加大|拓展|扩大|推进|开展|密切|强化|拓宽)")
#: Adverbs of time and manner between a partner and 与 (中央广播电视总台今天（2月22日）与…签署,
#: 中国已经与俄罗斯…签署, 太原市分别与华为公司、中国移动签署, 塔吉克斯坦最早同中国签署): the one
#: before them is still the partner.
_WHEN = re.compile(
    r"(?:已经|已|还|也|又|再次|首次|正式|先后|分别|相继|陆续|率先|最早|最先|均|今天|昨天|近日|日前|当天|同日|今年|去年|"
    r"\d{1,2}月\d{1,2}日|\d{1,2}日|上午|下午|晚间|[（(][^）)]{1,15}[）)])+"
)
#: A verb of signing right after a list of partners, across adverbs of time (四川省、重庆市签署
#: 协议, …今天（5月13日）共同签署…).
_SIGN_AFTER = re.compile(f"(?:{_WHEN.pattern})?(?:共同|联合|正式)?(?:签署|签订|签约)")
#: What makes a place the modifier of unnamed partners after it (秘鲁多个机构, 俄罗斯有关企业).
PLACE_AS_MODIFIER = re.compile(r"(?:的)?(?:多个|多家|一些|有关|相关|各大|各界|各|主要|知名|大型|重点)")
#: A clause describing a visiting guest, after 同/与 and before the guest's country, title and
#: name (同来华进行国事访问的芬兰总统斯图布, 与到访叙利亚的伊朗外长阿拉格希): it closes with 的.
_GUEST_CLAUSE = re.compile(r"(?:应邀)?(?:专程)?(?:来华|访华|到访|来访|来京)[^，。；：,;:、]{0,40}?的")
#: The talks right after the guest's name (…外长阿拉格希举行会谈, …穆罕默德10日通电话): what makes
#: a long description between 同 and the name safe to read as the partner's.
_TALKS_AFTER = re.compile(r"(?:\d{1,2}日)?(?:举行|进行)?了?(?:视频|电话)?(?:会谈|会晤|通电话|通话)")
#: The longest description read between 同/与 and a partner met (guest clause, country, body, title).
_GUEST_SPAN = 48
#: The most characters between a run of short forms and the verb of their cooperation
#: (中俄科技创新合作, 中新两国政府间的重要合作项目).
SHORT_PAIR_GAP = 8
#: One-character short forms that are also prepositions, which cannot open a run of partners.
SHORT_FORM_PREPOSITIONS = frozenset("以")
#: Before a run of short forms: the cooperation is what something is for (为中俄地方合作指明了
#:方向, 为新苏合作带来机会), named as a goal, not stated as going on.
SHORT_PAIR_FOR = frozenset("为")
#: After the verb: a concept or a body named by the cooperation (中非合作理念, 中土合作委员会,
#: 老中合作委员会主席), no act of it.
SHORT_PAIR_NOUN = re.compile(r"理念|委员会|论坛|组织|秘书处|机制|框架")


class PairEngine(EngineBase):
    """Symmetric relations of two partners joined by 与/和/同 before a trigger:
    cooperates_with and met (see ``_pair``)."""

    def _pair(self, rule, text, sent, ms, bounds):
        """A 与 B … TRIGGER, A … 同 [body title] B … TRIGGER, A、B三方 TRIGGER; a list of
        pairs shares its trigger (A与B、C与D分别签署), and so do the partners listed after
        one 与 (A分别与俄罗斯总统B和法国总统C会谈: A meets B and C, B does not meet C)."""
        seen = set()
        partner_of: dict[Mention, Mention] = {}  # a mention introduced by 与/同 -> the one before it
        for i, b in enumerate(ms):
            if b.type not in rule.tail:
                continue
            conj = self._conjunction_before(b, ms, text, sent)
            guest = False
            if conj is None and rule.relation == "met":
                conj = self._guest_conjunction(b, ms, text, sent)
                guest = True
            if conj is None:
                continue
            heads = [m for m in ms[:i] if m.end <= conj and m.type in rule.head]
            if not heads:
                continue
            if guest and CLAUSE_MARK.search(text, heads[-1].end, conj):
                # 在巴库会见总统阿利耶夫，同副总理…举行会谈: the one before the comma is met too,
                # and the subject of both is further back
                continue
            # the partner before the conjunction: adjacent (A与B), after a bracketed
            # alias (A(别名)与B), else the nearest allowed mention in the clause (A…同B)
            a = heads[-1]
            if rule.relation == "met" and len(heads) > 1 and text[a.start - 1 : a.start] == "在" and a.end == conj:
                a = heads[-2]  # 普京在克里姆林宫与…: a name after 在 is where they meet, whatever its tag
            if text[conj] in "和及" and a in partner_of:
                a = partner_of[a]  # A与B和C: B and C are listed, both partners of A
            else:
                between = text[a.end : conj]
                # A(别名)与B; A深化与B的合作: a verb of widening ties before 与 keeps A the partner
                loose = between and not _BRACKETED.fullmatch(between) and not _DEEPEN.fullmatch(between) and not _WHEN.fullmatch(between)
                if loose and (rule.relation != "met" or CLAUSE_END.search(between)):
                    continue
            if self._blocked(rule, text, a.start, conj, bounds):
                continue  # 希望A与B进一步合作: a wish, not a fact
            if a.type == "Place" and text[a.start - 1 : a.start] in ("在", "于"):
                continue  # 在北京同意大利总统…: where it happens, no partner
            if text[a.start - 1 : a.start] in OBJECT_MARKS and text[conj] in "和及":
                continue  # 向美国和北约提议签署条约: A和B are the ones addressed, not partners
            if text[conj] in "和及" and text.startswith(("同", "与", "跟"), b.end) and not text.startswith(("同为", "同是", "同属"), b.end):
                # 习近平和彭丽媛同前来迎接的人员握手: A和B together meet a third (not 同为: both are)
                continue
            # 与天津市南开区签署: a chain of places names the innermost one; a Chinese
            # division right before a body says where the body is (与福建省福州市人民政府
            # 签署: the government; a country before a body is read as its own partner)
            while (
                b.type == "Place"
                and i + 1 < len(ms)
                and ms[i + 1].start == b.end
                and (ms[i + 1].type == "Place" or (ms[i + 1].type in rule.tail and self._division(b.text)))
            ):
                i += 1
                b = ms[i]
            if b.type == "Place" and PLACE_AS_MODIFIER.match(text, b.end):
                continue  # 与秘鲁多个机构达成合作: the partners are bodies of the place, unnamed
            partner_of[b] = a
            partners = self._pairs_listed(self._listed_after(b, ms, rule, text), ms, rule, text)
            end, listed = self._pair_run_end(partners[-1], ms, rule, text)
            ka = ms.index(a)
            if ka > 0 and ms[ka - 1] in partner_of and text[ms[ka - 1].end : a.start] in ("、", "，", ","):
                listed = True  # …、C与D: a pair after another
            window = 30
            if listed:
                # in a list of pairs each 与 joins two names: what follows B after 、 is the
                # next pair's, even where its own 与 was not read
                partners = partners[:1]
                # a list of pairs closes with its verb (…、E与F分别签署了协议): read up to the
                # end of the clause, however long the list
                mark = CLAUSE_MARK.search(text, end.end, sent.end)
                window = (mark.start() if mark else sent.end) - end.end
            at = self._trigger_at(end, rule, text, sent, window=window)
            if at is not None and text.startswith("等地", end.end) and CLAUSE_MARK.search(text, end.end, at):
                at = None  # 在富锦和桦南等地，A和B通力合作: the places say where others cooperate
            if at is not None and rule.relation == "met" and not listed and CLAUSE_MARK.search(text, end.end, at):
                at = None  # 习近平和彭丽媛热情迎接，同他们分别握手: the pair does not meet each other
            if at is not None and not self._blocker_between(rule, text, end.end, at, bounds):
                # 中国和印尼要共同…合作: a call or a plan after the partners is no fact either
                for p in partners:
                    if (a, p) not in seen:
                        seen.add((a, p))
                        yield a, p
        if rule.relation == "cooperates_with":
            for x, y in self._short_form_pairs(rule, text, sent, ms, bounds):
                if (x, y) not in seen:
                    seen.add((x, y))
                    yield x, y
        # 中国、沙特、伊朗三方签署: every pair of a list followed by 双方/三方/两国 and a trigger
        for i, a in enumerate(ms):
            if a.type not in rule.head or (i > 0 and _LIST_MARK.fullmatch(text, ms[i - 1].end, a.start)):
                continue
            group = self._listed_after(a, ms, rule, text, include_self=True)
            if len(group) < 2:
                continue
            after = text[group[-1].end : group[-1].end + 4]
            both = re.match(r"(?:双方|[两三四五六七八九十多]方|两国|三国|各方|两地|两市|两省)", after) and self._trigger_after(group[-1], rule, text, sent)
            # 四川省、重庆市签署协议: a list made with 、 alone right before a verb of signing
            # signs together (A与B、C签署: B and C sign with A, not with each other)
            signs = (
                rule.relation == "cooperates_with"
                and _SIGN_AFTER.match(text, group[-1].end)
                and all(text[x.end : y.start] == "、" for x, y in pairwise(group))
                and text[a.start - 1 : a.start] not in OBJECT_MARKS | {"在", "于", *PAIR_CONJ}
                and not self._blocked(rule, text, a.start, group[-1].end, bounds)
            )
            if both or signs:
                for x, y in combinations(group, 2):
                    if (x, y) not in seen:
                        seen.add((x, y))
                        yield x, y

    def _short_form_pairs(self, rule, text: str, sent: Sentence, ms: list[Mention], bounds):
        """中德合作, 推进粤港合作, 中俄科技创新合作, 美英澳核潜艇合作: one-character short forms
        of places written together (no conjunction) name the partners of the cooperation that
        follows them closely in their clause, each pair of the run. Not a call or a wish
        anywhere before it in the sentence (要深化中美合作, 期待非中携手, 中方愿同老方携手奋进，
        推动中老合作: what the subject wishes reaches over its clauses; the segmenter may glue
        要 to the pair, so any blocker in the short gap counts), nor a trigger inside a name (中俄…上海合作组织) or one naming a
        concept or a body (中非合作理念, 中土合作委员会), nor a cooperation named as what
        something is for (为中俄地方合作指明了方向), nor 以 opening the run, the preposition
        there (以中非合作引领…)."""
        run: list[Mention] = []
        for m in [*ms, None]:
            short = m is not None and m.type == "Place" and len(m.text) == 1
            if short and (run or m.text not in SHORT_FORM_PREPOSITIONS) and (not run or run[-1].end == m.start):
                run.append(m)
                continue
            if len(run) >= 2 and len({x.key for x in run}) == len(run):
                end = run[-1].end
                ranks = self._ranks[rule.id]
                at = min(
                    (
                        s for s, e, w in self._sentence_hits
                        if end <= s and s - end <= SHORT_PAIR_GAP and w in ranks and not any(x.start <= s < x.end for x in ms)
                    ),
                    default=None,
                )
                if (
                    at is not None
                    and text[run[0].start - 1 : run[0].start] not in SHORT_PAIR_FOR
                    and not SHORT_PAIR_NOUN.match(text, next(e for s, e, _w in self._sentence_hits if s == at))
                    and not CLAUSE_MARK.search(text, end, at)
                    and not any(b and b in text[end:at] for b in rule.blockers)
                    and not self._blocked(rule, text, sent.start, at, bounds)
                ):
                    yield from combinations(run, 2)
            run = [m] if short and m.text not in SHORT_FORM_PREPOSITIONS else []

    def _division(self, form: str) -> bool:
        """Whether ``form`` names a Chinese administrative division (福建省, 福州市)."""
        return any(pid.startswith("cn:") for pid in self.res.place_forms.get(form, ()))

    @staticmethod
    def _opens_pair(k: int, ms: list[Mention], rule, text: str) -> bool:
        """Whether ms[k] opens a pair of its own: 与/同 and an allowed mention right after
        it (…、C与D)."""
        return k + 1 < len(ms) and ms[k + 1].type in rule.tail and text[ms[k].end : ms[k + 1].start] in ("与", "同")

    def _pairs_listed(self, partners: list[Mention], ms: list[Mention], rule, text: str) -> list[Mention]:
        """The partners listed after a 与 up to the first that opens a pair of its own: in
        A与B、C与D the partner of A is B alone."""
        for j, p in enumerate(partners[1:], 1):
            if self._opens_pair(ms.index(p), ms, rule, text):
                return partners[:j]
        return partners

    def _pair_run_end(self, last: Mention, ms: list[Mention], rule, text: str) -> tuple[Mention, bool]:
        """The last mention of the list of pairs whose first pair ``last`` ends (A与B、C与D、
        E与F签署: from B, F), so that the trigger after the list is read for each pair; and
        whether another pair follows ``last`` at all."""
        start = k = ms.index(last)
        while k + 2 < len(ms) and text[ms[k].end : ms[k + 1].start] in ("、", "，", ","):
            if ms[k + 1].type not in rule.head or not self._opens_pair(k + 1, ms, rule, text):
                break
            k += 2
            # the partners listed after D (C与D和E)
            while k + 1 < len(ms) and ms[k + 1].type in rule.tail and text[ms[k].end : ms[k + 1].start] in ("、", "和", "及"):
                if self._opens_pair(k + 1, ms, rule, text):
                    break
                k += 1
        return ms[k], k != start

    def _conjunction_before(self, b: Mention, ms: list[Mention], text: str, sent: Sentence) -> int | None:
        """Offset of the 与/和/同 that introduces ``b``, skipping a body and title before it."""
        pos = b.start
        inner = [x for x in ms if x.end <= b.start and x.start >= sent.start]
        # skip 俄罗斯总统 between the conjunction and the name
        while inner:
            x = inner[-1]
            gap = text[x.end : pos]
            if x.type in ("Place", "Organization", "Enterprise") and gap and self.title_re.match(gap):
                pos = x.start
                inner.pop()
                continue
            break
        if pos > sent.start and text[pos - 1] in PAIR_CONJ:
            return pos - 1
        return None

    def _guest_conjunction(self, b: Mention, ms: list[Mention], text: str, sent: Sentence) -> int | None:
        """Offset of the 同/与 whose partner in talks is the person ``b``, across what
        describes the guest: a clause of coming (来华进行国事访问的, 到访的), the country, a
        body the tagger did not name and the titles (同马来西亚国会下议长阿兹哈举行会谈,
        同越共中央政治局委员、中央书记处常务书记梁强举行会谈). Read only where the talks
        follow the name at once, and only over a span with no other person and no clause mark."""
        after = b.end
        for n in range(4, 0, -1):  # a title after the name (同来华访问的阿迪昂总统举行会谈)
            if text[after : after + n] in self.res.title_set:
                after += n
                break
        if not _TALKS_AFTER.match(text, after):
            return None
        lo = max(sent.start, b.start - _GUEST_SPAN)
        stop = CLAUSE_MARK.search(text[lo : b.start][::-1])
        if stop:
            lo = b.start - stop.start()
        conj = max(text.rfind("同", lo, b.start), text.rfind("与", lo, b.start))
        if conj <= lo - 1 or text[conj - 1 : conj] in ("参", "给", "赋", "授") or text.startswith("会", conj + 1):
            return None
        if any(m.type == "Person" and conj < m.start < b.start for m in ms):
            return None
        gap = text[conj + 1 : b.start]
        guest = _GUEST_CLAUSE.match(gap)
        rest = gap[guest.end() :] if guest else gap
        if (guest and not rest) or (rest and self.title_re.ends_with_title(rest)):
            return conj
        return None

    @staticmethod
    def _listed_after(b: Mention, ms: list[Mention], rule, text: str, include_self: bool = True) -> list[Mention]:
        """``b`` and the allowed mentions listed right after it (B、C和D)."""
        out = [b]
        k = ms.index(b)
        while k + 1 < len(ms) and ms[k + 1].type in rule.tail and text[ms[k].end : ms[k + 1].start] in LIST_MARKS:
            k += 1
            out.append(ms[k])
        return out

    def _trigger_after(self, m: Mention, rule, text: str, sent: Sentence, window: int = 30) -> bool:
        """Whether one of the rule's triggers follows ``m`` within ``window`` characters
        of its clause."""
        return self._trigger_at(m, rule, text, sent, window) is not None

    def _trigger_at(self, m: Mention, rule, text: str, sent: Sentence, window: int = 30) -> int | None:
        """Where the first of the rule's triggers after ``m`` within ``window`` characters of
        its clause starts, or None."""
        end = sent.end
        stop = CLAUSE_END.search(text, m.end, sent.end)
        if stop:
            end = stop.start()
        limit = min(end, m.end + window)
        ranks = self._ranks[rule.id]
        return min((s for s, e, w in self._sentence_hits if m.end <= s and e <= limit and w in ranks), default=None)

    @staticmethod
    def _blocker_between(rule, text: str, start: int, end: int, bounds) -> bool:
        """Whether a blocker word of ``rule`` stands as a token in ``text[start:end]``."""
        for b in rule.blockers:
            pos = text.find(b, start, end) if b else -1
            while pos != -1:
                if bounds.is_token(pos, pos + len(b)):
                    return True
                pos = text.find(b, pos + len(b), end)
        return False
