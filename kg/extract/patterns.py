"""Entity rules written as token patterns (the ``pattern`` of a ``[[rule]]`` in
``data/rules/entities.toml``), compiled once into one regular expression per rule and run
over an encoded form of each document, so that a rule finds all its matches in one C pass.

The encoding. A document's tokens become one string: for each token, ``width`` code
characters of the Private Use Area, then the token's text. The first code character
names the token's tag (one code per tag some pattern names, one for every other tag);
each further one holds twelve bits of word classes (a lexicon list such as ``surnames``,
or a test in code such as ``ns-place``), asked once per distinct word and kept. A class
the patterns read only at tokens of some tags (``ns-place`` only at an ``ns``) is asked
only of the words met with those tags: its bit at any other token is read by no pattern.
Each distinct pair of tag and word keeps its piece of the encoding, so a document is
encoded by looking its tokens up and joining the pieces. A token
element of a pattern compiles to character classes over those codes followed by the
token's text; a character element (``chars``, ``words``) lets a token's codes come
between any two of its characters, so it matches across token bounds. Offsets of a match
go back to the text through the list of token starts (``PatternDoc.offset``).

A rule whose elements are all characters (``re``, ``chars``, ``words``) and that asks for
no word bounds runs over the text itself, which is what its ``re`` elements are written for.

The language is described for rule writers in the header of ``data/rules/entities.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import add, itemgetter

from kg.errors import ResourceError
from kg.extract.candidates import Candidate
from kg.extract.pattern_compile import (
    _BITS_BASE,
    _BITS_PER_CHAR,
    _TAG_BASE,
    CompiledRule,
    PatternCompiler,
    Vocabulary,
    _listed,
)
from kg.extract.regex_anchors import Anchored
from kg.extract.segment import Tokens
from kg.resources.rules import CHAR_KEYS, EntityRule

__all__ = ["CompiledRule", "Hit", "PatternDoc", "PatternEngine", "Vocabulary"]

#: The tag code of every tag no pattern names.
_OTHER_TAG = chr(_TAG_BASE)
_PIECE, _BITS = itemgetter(0), itemgetter(1)
#: Characters of a text that would read as codes: read as U+FFFD in the encoding.
_PRIVATE = re.compile("[\ue000-\uf8ff]")


class PatternDoc:
    """One text as the rules read it: its tokens' lists, and what the engine derives from
    them when first asked: each token's word classes (``where``) and the encoded string.
    ``state`` holds what the finder sets for the checks (the document's known places)."""

    __slots__ = ("_anchor_bits", "_anchored", "_at", "_bits", "_entries", "encoded", "engine", "state", "text", "tokens")

    def __init__(self, text: str, tokens: Tokens, engine: PatternEngine):
        self.text = text
        self.tokens = tokens
        self.engine = engine
        self.encoded = ""
        self.state: dict = {}
        self._bits: list[int] | None = None
        self._entries: list[tuple[str, int]] | None = None
        self._anchored: list[int] | None = None
        self._anchor_bits: list[int] = []  # the classes of the tokens of ``_anchored``
        self._at: list[int] | None = None

    def bits(self) -> list[int]:
        """Each token's word classes, one bit a class (``PatternEngine.bit``): those read
        at every token, and those read at some tags only at the tokens of those tags."""
        if self._bits is None:
            self._bits = list(map(_BITS, self.entries()))
        return self._bits

    def entries(self) -> list[tuple[str, int]]:
        """Each token's piece of the encoding and its classes (``PatternEngine.entries``)."""
        if self._entries is None:
            self._entries = self.engine.entries(self.tokens.tags, self.tokens.words)
        return self._entries

    def where(self, name: str) -> list[int]:
        """The indexes of the tokens whose word is of class ``name``, in order: where the
        rules in code start (a title's end, a suffix's last character …). Of an anchor read
        at some tags (``PatternEngine.anchor_tags``), the tokens of those tags only (and of
        the tags a pattern reads its class at, if one does)."""
        mask = 1 << self.engine.bit[name]
        if not mask & self.engine.anchor_mask:  # no anchor: asked of the words here
            return list(compress(range(len(self.tokens)), self.engine.members(name, self.tokens.words)))
        bits = self.bits()
        if self._anchored is None:  # the few tokens of any anchor class, found in one pass
            anchor = self.engine.anchor_mask.__and__
            self._anchored = list(compress(range(len(bits)), map(anchor, bits)))
            self._anchor_bits = list(compress(bits, map(anchor, bits)))
        return list(compress(self._anchored, map(mask.__and__, self._anchor_bits)))

    def offset(self, p: int) -> int:
        """The text offset of position ``p`` of ``encoded`` (a token's codes: its start)."""
        starts, width = self.tokens.starts, self.engine.width
        if self._at is None:
            base = starts[0] if starts else 0
            self._at = list(map(add, starts, range(-base, len(starts) * width - base, width)))
        k = bisect_right(self._at, p) - 1
        if k < 0:
            return starts[0] if starts else 0
        return starts[k] + max(0, p - self._at[k] - width)


@dataclass(frozen=True, slots=True)
class Hit:
    """A match: the span's text offsets, the regular expression's match (over the text, or
    over ``doc.encoded`` for a tagged rule) and the document."""

    start: int
    end: int
    match: re.Match
    doc: PatternDoc

    @property
    def surface(self) -> str:
        return self.doc.text[self.start : self.end]


class PatternEngine(PatternCompiler):
    """Every rule with a ``pattern``, compiled against ``vocabulary``; ``instances`` are the
    finders whose methods a rule's ``function`` may name (``module:Class.method``);
    ``anchors`` the word tests of the vocabulary that the rules in code start at, asked
    once a word with the classes of the patterns (``PatternDoc.where``); ``anchor_tags``
    the tags some of them are read at, whose tests are then asked only of the words met
    with those tags (a rule that reads a class only at tokens tagged ``ns`` says so)."""

    #: distinct words whose classes are kept (then forgotten and asked again)
    limit = 500_000

    def __init__(
        self,
        rules: Iterable[EntityRule],
        vocabulary: Vocabulary,
        instances: Iterable[object] = (),
        anchors: Iterable[str] = (),
        anchor_tags: Mapping[str, Collection[str]] | None = None,
    ):
        self.vocabulary = vocabulary
        anchors = list(anchors)
        #: the anchors read at tokens of some tags only (``where`` gives those tokens alone),
        #: so their tests are asked only of the words met with those tags
        self.anchor_tags = {name: frozenset(tags) for name, tags in (anchor_tags or {}).items()}
        if not self.anchor_tags.keys() <= set(anchors):
            raise ValueError(f"anchor_tags names no anchor: {sorted(self.anchor_tags.keys() - set(anchors))}")
        rules = [r for r in rules if r.pattern]
        token_specs = [e for r in rules for e in r.pattern if not CHAR_KEYS & set(e)]
        tags = sorted({t for e in token_specs for k in ("pos", "not_pos") for t in _listed(e.get(k, ()))})
        if len(tags) > 255:
            raise ResourceError(f"{rules[0].origin}: the patterns name {len(tags)} tags, more than 255")
        self._slot = {t: k + 1 for k, t in enumerate(tags)}
        # the word classes: those the patterns name first (their bits go into the codes),
        # then those the rules in code start at (``anchors``)
        self._classes: list[Callable[[str], bool]] = []
        self.bit: dict[str, int] = {}
        named = [(n, r.origin) for r in rules for e in r.pattern for n in (*_listed(e.get("in", ())), *_listed(e.get("not_in", ())))]
        for name, where in named:
            if name not in self.bit:
                self.bit[name] = len(self._classes)
                self._classes.append(vocabulary.word_test(name, where))
        coded = len(self._classes)
        self.anchor_mask = 0
        for name in anchors:
            if name not in self.bit:
                self.bit[name] = len(self._classes)
                self._classes.append(vocabulary.word_test(name, "kg.extract.patterns: anchors"))
            self.anchor_mask |= 1 << self.bit[name]
        self.width = 1 + -(-coded // _BITS_PER_CHAR)
        self._coded_mask = (1 << coded) - 1
        # Where each class is read: the tag codes of the token elements naming it, or every
        # token (an element of any tag, an anchor). A class read at every token is asked of
        # each word met ("free"); one read at some tags only of the words met with them.
        reads: dict[int, set[str] | None] = {}
        for e in token_specs:
            slots = self._slots(e)
            at = None if len(slots) == len(self._slot) + 1 else {chr(_TAG_BASE + s) for s in slots}
            for name in (*_listed(e.get("in", ())), *_listed(e.get("not_in", ()))):
                k = self.bit[name]
                before = reads.get(k, set())
                reads[k] = None if at is None or before is None else before | at
        for name in anchors:
            if name not in self.anchor_tags:
                reads[self.bit[name]] = None
            elif reads.get(self.bit[name], ()) is not None:  # read at its tags, and the patterns'
                reads.setdefault(self.bit[name], set())
        self._free = [(1 << k, test) for k, test in enumerate(self._classes) if reads.get(k) is None]
        #: a class read at some tags only: its bit, its test, the tag codes the patterns read
        #: it at, the tags an anchor is read at, its answers by word
        names = {k: name for name, k in self.bit.items()}
        self._bound = {
            k: (1 << k, self._classes[k], frozenset(at), self.anchor_tags.get(names[k], frozenset()), {})
            for k, at in sorted(reads.items())
            if at is not None
        }
        # per word, its free classes; per pair of tag and word, its piece of the encoding
        # and all its classes (one lookup a token gives both)
        self._word_bits: dict[str, int] = {}
        self._entries: dict[tuple[str, str], tuple[str, int]] = {}
        self._codes = _Codes(self.width)
        self._tag_code = {t: chr(_TAG_BASE + k) for t, k in self._slot.items()}
        by_class = {type(x).__name__: x for x in instances}
        self.rules = tuple(self._compile(r, by_class) for r in rules)

    # ------------------------------------------------------------------ matching
    def document(self, text: str, tokens: Sequence) -> PatternDoc:
        return PatternDoc(text, Tokens.of(tokens), self)

    def entries(self, tags: Sequence[str], words: Sequence[str]) -> list[tuple[str, int]]:
        """Of each token (``tags`` and ``words``), its piece of the encoding and its
        classes, a bit each: those read at every token, and those read at some tags at the
        tokens of those tags; asked once per distinct pair of tag and word."""
        out = list(map(self._entries.get, zip(tags, words)))
        if None not in out:  # (a C scan: no entry is None)
            return out
        # the pairs not met yet, learnt once; the others keep what one lookup gave
        missing = [k for k, x in enumerate(out) if x is None]
        keys = [(tags[k], words[k]) for k in missing]
        self._learn_entries(keys)
        entries = self._entries
        for k, key in zip(missing, keys):
            out[k] = entries[key]
        return out

    def members(self, name: str, words: Sequence[str]) -> list[bool]:
        """Whether each of ``words`` is of class ``name`` (at any tag)."""
        self._forget_if_full()
        k = self.bit[name]
        if k not in self._bound:
            self._learn(set(words))
            mask = 1 << k
            return list(map(bool, map(mask.__and__, map(self._word_bits.__getitem__, words))))
        *_, test, _codes, _tags, member = self._bound[k]
        _ask(test, set(words).difference(member), member)
        return list(map(member.__getitem__, words))

    def _forget_if_full(self) -> None:
        """Memory is bounded: past ``limit`` distinct words (or pairs of tag and word) the
        answers are forgotten and asked again."""
        if len(self._word_bits) > self.limit or len(self._entries) > self.limit:
            self._word_bits.clear()
            self._entries.clear()
            for *_, member in self._bound.values():
                member.clear()

    def _learn(self, words: set[str]) -> None:
        """Ask the free classes' tests of those of ``words`` not met yet, a class at a time
        over all of them (``filter`` calls a test in a C loop)."""
        new = words.difference(self._word_bits)
        if not new:
            return
        bits = dict.fromkeys(new, 0)
        for bit, test in self._free:
            for w in filter(test, new):
                bits[w] |= bit
        self._word_bits.update(bits)

    def _learn_entries(self, keys: Iterable[tuple[str, str]]) -> None:
        """The piece of the encoding and the classes of the ``keys`` (tag, word) not met
        yet: the free classes of their words, then the classes read at their tags, each
        class asked once of all the words that need it."""
        self._forget_if_full()
        entries, tag_code = self._entries, self._tag_code
        new = [(tag, w, tag_code.get(tag, _OTHER_TAG)) for tag, w in set(keys).difference(entries)]
        words = {w for _tag, w, _code in new}
        self._learn(words)
        known = self._word_bits
        bits_of = {(tag, w): known[w] for tag, w, _code in new}
        for bit, test, codes, tags, member in self._bound.values():
            read = [(tag, w) for tag, w, code in new if code in codes or tag in tags]
            _ask(test, {w for _tag, w in read}.difference(member), member)
            for key in read:
                if member[key[1]]:
                    bits_of[key] |= bit
        # text characters that would read as codes read as U+FFFD
        shown = {w: _PRIVATE.sub("\ufffd", w) for w in filter(_PRIVATE.search, words)}
        mask, codes_of = self._coded_mask, self._codes
        for tag, w, code in new:
            bits = bits_of[tag, w]
            entries[tag, w] = (code + codes_of[bits & mask] + shown.get(w, w), bits)

    def _encode(self, doc: PatternDoc) -> None:
        """Each token's tag code, its class codes, then its text: the pieces of its pairs of
        tag and word, joined."""
        doc.encoded = "".join(map(_PIECE, doc.entries()))

    def find(self, doc: PatternDoc, only: Collection[str] | None = None) -> dict[str, list[Candidate]]:
        """The candidates of every rule (of ``only`` when given) in ``doc``, by rule id."""
        out: dict[str, list[Candidate]] = {}
        for c in self.rules:
            rule = c.rule
            if only is not None and rule.id not in only:
                continue
            found = out[rule.id] = []
            if rule.requires and not any(x in doc.text for x in rule.requires):
                continue
            if c.tagged and not doc.encoded and doc.tokens:
                self._encode(doc)
            subject = doc.encoded if c.tagged else doc.text
            searcher = c.searcher
            for m in _overlapping(searcher, subject) if rule.overlapping else searcher.finditer(subject):
                s, e = m.span("_span")
                if c.tagged:
                    s, e = doc.offset(s), doc.offset(e)
                if c.not_in and any(doc.text[s:e] in x for x in c.not_in):
                    continue
                made = c.check(Hit(s, e, m, doc)) if c.check is not None else True
                if made is True:
                    found.append(Candidate(s, e, rule.type, rule.id, rule.priority))
                elif isinstance(made, Candidate):
                    found.append(made)
                elif made:
                    found.extend(made)
        return out


def _ask(test: Callable[[str], bool], words: set[str], answers: dict[str, bool]) -> None:
    """Record in ``answers`` whether each of ``words`` passes ``test``."""
    if words:
        answers.update(dict.fromkeys(words, False))
        answers.update(dict.fromkeys(filter(test, words), True))


class _Codes(dict):
    """Coded classes (an int of bits) -> their code characters, made when first asked."""

    def __init__(self, width: int):
        super().__init__()
        self.width = width

    def __missing__(self, bits: int) -> str:
        out = self[bits] = "".join(chr(_BITS_BASE + ((bits >> (12 * c)) & 0xFFF)) for c in range(self.width - 1))
        return out


def _overlapping(regex: re.Pattern | Anchored, subject: str) -> Iterator[re.Match]:
    """The matches of ``regex`` at every position where it matches, inside one another too."""
    m = regex.search(subject)
    while m is not None:
        yield m
        m = regex.search(subject, m.start() + 1)
