"""What every relation engine shares: the marks that end clauses and separate listed
names, the state of the sentence being read, and where the rules' trigger words occur.

The engines (:mod:`kg.extract.relation_titles`, :mod:`kg.extract.relation_places`,
:mod:`kg.extract.relation_triggers`) are mixins of :class:`EngineBase`;
:class:`kg.extract.relations.RelationFinder` joins them and runs the rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left

import ahocorasick_rs

from kg.extract.title_run import TitleRun
from kg.model import Mention
from kg.read.sentences import CLAUSE_MARKS, TERMINALS
from kg.resources import Resources

#: The marks that end a clause are the sentence reader's (``kg.read.sentences``): STOPS
#: (its terminals) end a statement, whose tail may not run past one; the pauses (，：) end
#: a clause within it. A clause is cut by any of CLAUSE_MARKS; the readers that look
#: further, up to the end of a statement, use STOPS.
STOPS = TERMINALS
CLAUSE_END = re.compile(f"[{STOPS}]")
CLAUSE_MARK = re.compile(f"[{CLAUSE_MARKS}]")
#: A wish with a partner (中方愿同巴方…推进…) that the segmenter glues to the name on either
#: side (阿方愿 | 同 | 中方, 全国人大 | 愿同萨 | 国民议会): a blocker where it opens a token
#: or 愿 closes one, unless 愿 closes a word of its own (志愿, 自愿, 意愿 …).
GLUED_WISHES = frozenset(("愿同", "愿与", "愿和"))
WISH_WORDS_BEFORE = frozenset("志自心意宏夙祝情心誓")


def _wish_at_edge(text: str, pos: int, n: int, bounds) -> bool:
    """Whether the wish text[pos:pos + n] starts a token or its 愿 ends one (see GLUED_WISHES)."""
    if pos in bounds.starts:
        return True
    return pos + 1 in bounds.ends and pos + n in bounds.ends and text[pos - 1 : pos] not in WISH_WORDS_BEFORE


#: What stands between two listed names of the same kind: 山西、陕西, 张三和李四.
LIST_MARKS = frozenset("、和及与")

#: The level words that open a bare title (市委副书记, 省人大常委会主任, 县长).
BARE_LEVELS = ("自治区", "省", "市", "县", "区", "州")


def last_clause_mark(text: str, start: int, end: int) -> int:
    """Offset of the last clause mark in ``text[start:end]``, -1 when there is none."""
    return max(text.rfind(p, start, end) for p in CLAUSE_MARKS)


class EngineBase:
    """The state the engines share while one document is read, and where the rules'
    trigger words occur in it.

    The trigger words of every rule are found in one Aho–Corasick pass over the document
    (overlapping matches: 考察调研 and 考察 at the same offset are both found); the finder
    then runs a rule that needs its trigger only in the sentences where one occurs, and the
    engines read the occurrences from here instead of searching each sentence once per rule.
    """

    def __init__(self, res: Resources):
        self.res = res
        self.title_re = TitleRun(res.titles, res.title_prefixes)
        self.post_re = TitleRun(res.titles, res.title_prefixes, sub_unit=True)
        self.rules = res.relation_rules
        self.bare_bodies = res.bare_bodies
        #: a level and a bare body (市政协, 省人大常委会): a reference, not a name
        self.bare_body_re = re.compile(f"(?:{'|'.join(BARE_LEVELS)})(?:{'|'.join(map(re.escape, self.bare_bodies))})")
        # (the ``appointed`` engine reads its verbs between two mentions itself: 为 and 任,
        # found at every turn of a text, would only fill the index)
        indexed = [rule for rule in self.rules if rule.engine != "appointed"]
        self._words = sorted({t for rule in indexed for t in rule.triggers if t})
        self._word_ids = {w: i for i, w in enumerate(self._words)}
        self._matcher = ahocorasick_rs.AhoCorasick(self._words) if self._words else None
        # rule id -> word id -> rank of the word in the rule's list: where several of a
        # rule's words start at one offset, the first listed is the one read there
        self._ranks: dict[str, dict[int, int]] = {}
        for rule in indexed:
            ranks: dict[int, int] = {}
            for k, t in enumerate(rule.triggers):
                if t:
                    ranks.setdefault(self._word_ids[t], k)
            self._ranks[rule.id] = ranks
        # word id -> the rules it triggers
        self._rules_of_word: list[list[str]] = [[] for _ in self._words]
        for rule in indexed:
            for w in self._ranks[rule.id]:
                self._rules_of_word[w].append(rule.id)
        # set by find() for each document and sentence
        self._refs: dict[str, str] = {}
        self._nested: list[Mention] = []
        #: the person a sentence after a semicolon goes on about (see PlaceEngine._carry)
        self._carried: Mention | None = None
        #: the pairs of partners of the document's cooperates_with found so far: key pair ->
        #: (head, tail) mentions (双方 stands for them when there is one pair)
        self._partners: dict[tuple[str, str], tuple[Mention, Mention]] = {}
        self._top: list[Mention] = []
        # the mentions a sentence's ``adjacent`` rules read, and the pairs they read there
        self._adjacent_of: tuple[list[Mention] | None, list[int]] = (None, [])
        self._marks: list[int] | None = None  # offsets of the sentence's clause marks, when asked
        self._sentence_start = 0
        self._sentence_end = 0
        self._doc_hits: list[tuple[int, int, int]] = []  # (start, end, word id), by start
        self._hit_starts: list[int] = []
        self._sentence_hits: list[tuple[int, int, int]] = []
        self._sentence_rules: set[str] = set()
        self._rule_hits: dict[str, list[tuple[int, int]]] = {}

    def _index_document(self, text: str) -> None:
        """Find every rule's trigger words in the document, once (a sentence's clause marks
        are found when first asked for: few sentences need them)."""
        hits = []
        if self._matcher is not None:
            hits = [(s, e, w) for w, s, e in self._matcher.find_matches_as_indexes(text, overlapping=True)]
            hits.sort()
        self._doc_hits = hits
        self._hit_starts = [h[0] for h in hits]
        self._marks = None

    def _sole_partners(self) -> tuple[Mention, ...]:
        """The two partners of the document's cooperates_with found so far when there is
        one pair, for whom 双方 stands; () otherwise."""
        return next(iter(self._partners.values())) if len(self._partners) == 1 else ()

    def _enter_sentence(self, start: int, end: int) -> None:
        """The trigger words lying wholly inside the sentence ``text[start:end]``."""
        lo = bisect_left(self._hit_starts, start)
        hi = bisect_left(self._hit_starts, end, lo)
        self._rule_hits = {}
        self._sentence_start = start
        self._sentence_end = end
        self._marks = None
        if lo == hi:  # most sentences: no trigger word
            self._sentence_hits = []
            self._sentence_rules = set()
            return
        self._sentence_hits = [h for h in self._doc_hits[lo:hi] if h[1] <= end]
        self._sentence_rules = {r for w in {h[2] for h in self._sentence_hits} for r in self._rules_of_word[w]}

    def _may_fire(self, rule) -> bool:
        """Whether one of the rule's trigger words occurs in the current sentence."""
        return rule.id in self._sentence_rules

    def _trigger_hits(self, rule) -> list[tuple[int, int]]:
        """(start, end) of the rule's triggers in the current sentence, one per start
        offset, in order: at an offset where several start, the one listed first in the
        rule (考察调研 before 考察)."""
        hits = self._rule_hits.get(rule.id)
        if hits is None:
            ranks = self._ranks[rule.id]
            best: dict[int, tuple[int, int]] = {}  # start -> (rank, end)
            for s, e, w in self._sentence_hits:
                rank = ranks.get(w)
                if rank is not None and (s not in best or rank < best[s][0]):
                    best[s] = (rank, e)
            hits = [(s, e) for s, (_rank, e) in sorted(best.items())]
            self._rule_hits[rule.id] = hits
        return hits

    def _word_hits(self, word: str) -> list[tuple[int, int]]:
        """(start, end) of ``word`` in the current sentence, left to right and not
        overlapping one another (as ``re.finditer`` finds them)."""
        w = self._word_ids.get(word)
        out: list[tuple[int, int]] = []
        for s, e, hw in self._sentence_hits:
            if hw == w and (not out or s >= out[-1][1]):
                out.append((s, e))
        return out

    def _blocked(self, rule, text: str, start: int, end: int, bounds) -> bool:
        """Whether a blocker word of ``rule`` (a call or a wish: 希望, 要) stands as a token
        in the clause that holds ``start``, before ``end``."""
        clause_start = self._clause_start(text, start)  # -1 when none
        for b in rule.blockers:
            if not b:
                continue
            # each occurrence in text[clause_start + 1 : end], not overlapping the one before
            pos = text.find(b, clause_start + 1, end)
            while pos != -1:
                if bounds.is_token(pos, pos + len(b)) or (b in GLUED_WISHES and _wish_at_edge(text, pos, len(b), bounds)):
                    return True
                pos = text.find(b, pos + len(b), end)
        return False

    def _clause_start(self, text: str, pos: int) -> int:
        """Offset of the last clause mark before ``pos`` in the current sentence, else the
        offset before the sentence. The sentence's marks are found once, when first asked
        (a document's were found whole for the few sentences that ask)."""
        if pos > self._sentence_end:  # past the sentence: read up to pos itself
            return max(last_clause_mark(text, self._sentence_start, pos), self._sentence_start - 1)
        if self._marks is None:
            self._marks = [m.start() for m in CLAUSE_MARK.finditer(text, self._sentence_start, self._sentence_end)]
        k = bisect_left(self._marks, pos) - 1
        return self._marks[k] if k >= 0 else self._sentence_start - 1

    @staticmethod
    def _listed(ms: list[Mention], k: int, text: str) -> list[Mention]:
        """ms[k] and the mentions listed right after it (A、B和C)."""
        out = [ms[k]]
        while k + 1 < len(ms) and text[ms[k].end : ms[k + 1].start] in LIST_MARKS:
            k += 1
            out.append(ms[k])
        return out

    @staticmethod
    def _listed_before(ms: list[Mention], k: int, text: str) -> list[Mention]:
        """ms[k] and the mentions listed right before it (A、B和C → [A, B, C])."""
        j = k
        while j > 0 and ms[j - 1].type == ms[k].type and text[ms[j - 1].end : ms[j].start] in LIST_MARKS:
            j -= 1
        return ms[j : k + 1]
