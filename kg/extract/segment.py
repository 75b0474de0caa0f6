"""Word segmentation and part-of-speech tags through one ``Segmenter``, two backends.

Both backends read the same dictionary and take the same user words:

- ``rjieba`` (jieba-rs): the default, measured on this project's machines at 6–8 M
  characters per second for POS tagging, with 98 % of tags equal to jieba's;
- ``jieba``: the reference Python implementation (0.09 M characters per second).

Each ``Segmenter`` owns a private tokenizer, so there is no global jieba state and two
segmenters with different user words can live side by side. Its tokens come as
``Tokens``: four lists (words, tags, starts, ends), a ``Token`` object made only on demand.
``TokenBounds`` keeps where tokens start and end once the tokens are dropped.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import logging
import re
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import metadata
from itertools import accumulate, compress, repeat
from operator import ge, is_, itemgetter, sub

from kg.errors import ConfigError
from kg.model import Token

#: Frequency given to user words when none is stated: high enough that the word wins
#: over the dictionary's split of it.
DEFAULT_USER_FREQ = 200_000

#: What the user words may add to the dictionary's total frequency, whatever they are.
#: The segmenter scores a cut by its words' frequencies over that total, so the total
#: sets what each cut between two words costs: were it the dictionary's total plus the
#: user words' own frequencies, every word added to the lexicon would move the cuts of
#: sentences that do not hold it (the 70 holidays as user words made 纽约市场 and 尺度不松
#: one token each in other stories). The segmenter's total is the dictionary's plus this,
#: always: the frequencies the user words do not take go to a word no text holds
#: (:data:`_RESERVE_WORD`). Raising it moves cuts everywhere (a higher total makes long
#: words cheaper: at 450 M, 湖南长沙市 became one token), so it changes only with
#: measurements; kg's own user words take 389 M of it.
USER_MASS = 400_000_000

#: The word that holds what the user words leave of :data:`USER_MASS`: private-use
#: characters, which the segmenters never look up (they read runs of Han characters,
#: letters and digits).
_RESERVE_WORD = "\ue000\ue001"

#: What the segmenters read as one run of text: Han characters, Latin letters, digits and
#: a few signs. A user word holding anything else (quotes, brackets, dashes, a middle dot,
#: a space: “一带一路”, 华润（集团）有限公司, 摩根·斯坦利) is never one token, so it is not
#: given: it would only take its share of :data:`USER_MASS`.
_ONE_RUN = re.compile(r"[\u4e00-\u9fd5a-zA-Z0-9+#&._%\-]+")

_LOG = logging.getLogger(__name__)


class Segmenter:
    """Segment text into POS-tagged tokens with character offsets.

    Args:
        backend: ``"rjieba"`` or ``"jieba"``.
        user_words: ``(word, tag)`` or ``(word, freq, tag)`` entries added to the
            dictionary of this segmenter only.
        titles: the titles of people (data/lexicon/titles.txt). Those of a body's or
            place's head by its last character and 长 (市长, 部长) are given back that
            character where a name kept whole as a user word took it before a person's
            name (太原市 | 长张 | 新伟, 商务部 | 长王 | 文涛 → 太原 | 市长 | 张新伟; see
            :meth:`_head_titles_back`).

    Example:
        >>> seg = Segmenter("rjieba", [("常书铭", "nr")])
        >>> [(t.text, t.pos) for t in seg.tokens("市委书记常书铭说")][-2:]
        [('常书铭', 'nr'), ('说', 'v')]
    """

    def __init__(
        self,
        backend: str = "rjieba",
        user_words: Iterable[tuple] = (),
        titles: Iterable[str] = (),
        dictionary: Mapping[str, tuple[int, str]] | None = None,
    ):
        self.backend = backend
        titles = frozenset(titles)
        self._head_titles = frozenset(t for t in titles if len(t) == 2 and t[1] == "长")
        # a title opening with 长 follows a name whole (韩国国防部 | 长官 | 金龙显)
        self._titles_of_head = frozenset(t for t in titles if t[:1] == "长")
        self._head_title_re = re.compile("|".join(sorted(self._head_titles))) if self._head_titles else None
        words = [w for w in map(self._normalise, user_words) if _ONE_RUN.fullmatch(w[0])]
        added = _added_mass(words, dictionary)
        if backend == "rjieba":
            self._engine = _rjieba_class()()
            for word, freq, tag in words:
                self._engine.add_word(word, freq, tag)
            # its total grows by what a word adds to the dictionary's frequency of it
            if added < USER_MASS:
                self._engine.add_word(_RESERVE_WORD, USER_MASS - added, "x")
            self._tag = self._engine.tag
        elif backend == "jieba":
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            total = tokenizer.total
            for word, freq, tag in words:
                tokenizer.add_word(word, freq, tag)
            tokenizer.total = total + max(USER_MASS, added)  # (its add_word adds the whole frequency)
            self._engine = jieba.posseg.POSTokenizer(tokenizer)
            # jieba's POSTokenizer keeps its own word → tag table, filled once from the
            # main dictionary; user words must reach it too.
            for word, _freq, tag in words:
                self._engine.word_tag_tab[word] = tag
            engine = self._engine
            self._tag = lambda text: [(p.word, p.flag) for p in engine.cut(text, HMM=True)]
        else:
            raise ConfigError(f"unknown segmentation backend {backend!r} (use rjieba or jieba)")

    @staticmethod
    def _normalise(entry: tuple) -> tuple[str, int, str]:
        if len(entry) == 2:
            return str(entry[0]), DEFAULT_USER_FREQ, str(entry[1])
        word, freq, tag = entry
        return str(word), int(freq), str(tag)

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Return ``(word, pos)`` pairs whose words concatenate back to ``text``."""
        pairs = self._tag(text)
        if self._head_title_re is not None and self._head_title_re.search(text):
            pairs = self._head_titles_back(text, pairs)
        return pairs

    def tokens(self, text: str, offset: int = 0) -> Tokens:
        """Return tokens with offsets into ``text`` (plus ``offset``)."""
        return Tokens.tagged(self.tag(text), offset)

    def _head_titles_back(self, text: str, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Give a head's title back its first character where a name took it.

        A name kept whole as a user word (太原市, 湖南省, 商务部) takes the first character
        of the title right after it: 太原市 | 长张 | 新伟, 商务部 | 长王 | 文涛. Where a noun
        of three characters or more ends in the first character of a head's title, the rest of its clause is tagged again from that character; when
        that gives the title and then a person's name (市长 | 张新伟), the noun loses its last
        character (太原 | 市长 | 张新伟). A clause that reads otherwise stays as it was:
        杭州市长远发展 (市长 | 远), 北京市长安街 (市 | 长安街), 上海市长宁区, 湖北省长江流域,
        韩国国防部长官金龙显 (长官 is a title of its own)."""
        out: list[tuple[str, str]] = []
        pos, i, n = 0, 0, len(pairs)
        titles = self._head_titles
        while i < n:
            word, tag = pairs[i]
            end = pos + len(word)
            if (
                len(word) >= 3
                and tag[:1] == "n"
                and i + 1 < n
                and text[end - 1 : end + 1] in titles
                and pairs[i + 1][0] not in self._titles_of_head
            ):
                j = i + 1  # the clause: to the next mark
                clause_end = end
                while j < n and pairs[j][1] != "x":
                    clause_end += len(pairs[j][0])
                    j += 1
                piece = text[end - 1 : clause_end]
                again = self._tag(piece)
                if len(again) > 1 and again[0][0] == text[end - 1 : end + 1] and again[1][1].startswith("nr"):
                    out.append((word[:-1], tag))
                    out.extend(self._head_titles_back(piece, again))  # 太原市长…与晋中市长…
                    pos, i = clause_end, j
                    continue
            out.append((word, tag))
            pos, i = end, i + 1
        return out

    def info(self) -> dict[str, str]:
        """Backend name and version, for the run's manifest."""
        dist = "rjieba" if self.backend == "rjieba" else "jieba"
        try:
            version = metadata.version(dist)
        except metadata.PackageNotFoundError:  # pragma: no cover - installed with kg
            version = "unknown"
        return {"backend": self.backend, "version": version}


def _added_mass(words: list[tuple[str, int, str]], dictionary: Mapping[str, tuple[int, str]] | None) -> int:
    """What ``words`` add to the total frequency of ``dictionary`` (jieba's own when None):
    a word it holds adds the difference of its frequencies.

    User words that add more (a user dictionary of many thousand names) raise the total
    by what they add, so each of them moves the cuts of other sentences again, as the
    warning says."""
    if dictionary is None:
        from kg.resources.lexicon import load_dictionary

        dictionary = load_dictionary()
    final = {word: freq for word, freq, _tag in words}  # a word given twice counts once
    added = sum(freq - dictionary.get(word, (0, ""))[0] for word, freq in final.items())
    if added > USER_MASS:
        _LOG.warning(
            "the %d user words add %s to the segmenter's total frequency, more than the %s it keeps for them: "
            "each word added moves the cuts of other sentences",
            len(final), f"{added:,}", f"{USER_MASS:,}",
        )
    return added


_RJIEBA_LOCK = threading.Lock()


def _rjieba_class() -> type:
    """rjieba's ``Jieba`` class, loaded without running the package's ``__init__``.

    That ``__init__`` builds a module-level tokenizer of its own with the whole dictionary
    (a tenth of a second, as long as our own), which kg never uses: each Segmenter has a
    private one. So the compiled module ``rjieba.rjieba`` is loaded by itself, and put in
    ``sys.modules`` so that a later ``import rjieba`` finds it there rather than
    initialising it twice. The package is imported as usual when it is loaded already or
    laid out otherwise.
    """
    with _RJIEBA_LOCK:
        loaded = sys.modules.get("rjieba.rjieba") or sys.modules.get("rjieba")
        if loaded is not None:
            return loaded.Jieba
        package = importlib.util.find_spec("rjieba")
        folders = list(package.submodule_search_locations or ()) if package is not None else []
        spec = importlib.machinery.PathFinder.find_spec("rjieba.rjieba", folders) if folders else None
        if spec is None or not isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
            import rjieba

            return rjieba.Jieba
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module.Jieba


_WORD, _TAG = itemgetter(0), itemgetter(1)
_new_tuple = tuple.__new__


class Tokens(Sequence[Token]):
    """A text's tokens as four parallel lists (``words``, ``tags``, ``starts``, ``ends``),
    built from the tagger's ``(word, tag)`` pairs in one pass of C loops.

    The rules that read many tokens (``kg.extract.patterns``, the anchors of the rules in
    code) read the lists. A ``Token`` is made only when a rule in code asks for one by
    index, and kept, so ``tokens[i] is tokens[i]`` as with a tuple: making one per word
    cost twice the tagging itself.

    Example:
        >>> toks = Tokens.tagged([("市委", "n"), ("书记", "n")], offset=10)
        >>> toks.starts, toks.ends, toks[1]
        ([10, 12], [12, 14], Token(text='书记', start=12, end=14, pos='n'))
    """

    __slots__ = ("_made", "ends", "starts", "tags", "words")

    def __init__(self, words: list[str], tags: list[str], starts: list[int], ends: list[int]):
        self.words = words
        self.tags = tags
        self.starts = starts
        self.ends = ends
        self._made: list[Token | None] = [None] * len(words)

    @classmethod
    def tagged(cls, pairs: Sequence[tuple[str, str]], offset: int = 0) -> Tokens:
        """The tokens of ``(word, tag)`` pairs that tile a text starting at ``offset``."""
        words = list(map(_WORD, pairs))
        ends = list(accumulate(map(len, words), initial=offset))
        starts = ends[:-1]
        del ends[0]
        return cls(words, list(map(_TAG, pairs)), starts, ends)

    @classmethod
    def of(cls, tokens: Sequence[Token]) -> Tokens:
        """``tokens`` as a ``Tokens`` (itself when it is one already)."""
        if isinstance(tokens, Tokens):
            return tokens
        return cls([t.text for t in tokens], [t.pos for t in tokens], [t.start for t in tokens], [t.end for t in tokens])

    def __len__(self) -> int:
        return len(self.words)

    def __getitem__(self, i):  # type: ignore[override]
        t = self._made[i]  # a Token, None (not made yet) or, for a slice, a list
        if t is None:
            t = self._made[i] = _new_tuple(Token, (self.words[i], self.starts[i], self.ends[i], self.tags[i]))
        elif t.__class__ is list:
            if None in t:  # make those of the slice not made yet, then read the slice again
                self._make(compress(range(*i.indices(len(self.words))), map(is_, t, repeat(None))))
                t = self._made[i]
            return tuple(t)
        return t

    def __iter__(self) -> Iterator[Token]:
        made = self._made
        if None in made:
            self._make(compress(range(len(made)), map(is_, made, repeat(None))))
        return iter(made)

    def _make(self, indexes: Iterable[int]) -> None:
        """Make the Tokens at ``indexes`` (a tuple's ``__new__`` in C: a NamedTuple's own
        ``__new__`` is a Python function)."""
        made, words, starts, ends, tags = self._made, self.words, self.starts, self.ends, self.tags
        for k in indexes:
            made[k] = _new_tuple(Token, (words[k], starts[k], ends[k], tags[k]))


class TokenBounds:
    """Where the tokens of a text start and end, one byte per character.

    The rules ask the segmentation only a few questions once the mentions are found: does
    a token start (or end) at this offset, is ``text[start:end]`` one token. A long
    document is segmented a section at a time and its tokens are dropped after each
    section (25 million ``Token`` tuples would take gigabytes); this keeps the answers.
    Tokens must tile the text, as ``Segmenter.tokens`` gives them.

    Example:
        >>> from kg.model import Token
        >>> b = TokenBounds.of([Token("市委", 0, 2, "n"), Token("书记", 2, 4, "n")], 4)
        >>> 0 in b.starts, 2 in b.ends, 4 in b.starts, b.is_token(2, 4), b.is_token(0, 4)
        (True, True, False, True, False)
    """

    __slots__ = ("_flags",)

    _START = 1
    _END = 2

    def __init__(self, length: int):
        self._flags = bytearray(length + 1)

    @classmethod
    def of(cls, tokens: Iterable[Token], length: int) -> TokenBounds:
        bounds = cls(length)
        bounds.add(tokens)
        return bounds

    def add(self, tokens: Iterable[Token], offset: int = 0, first: int = 0, last: int | None = None) -> None:
        """Record ``tokens`` (offsets relative to ``offset``); of a ``Tokens``, only those
        from index ``first`` to ``last``."""
        if isinstance(tokens, Tokens):
            self._add_run(tokens, first, len(tokens) if last is None else last, offset)
            return
        flags = self._flags
        for t in tokens:
            flags[t.start + offset] |= self._START
            flags[t.end + offset] |= self._END

    def add_bounds(self, starts: Iterable[int], ends: Iterable[int], offset: int = 0) -> None:
        """Record tokens given by their starts and ends (offsets relative to ``offset``)."""
        flags = self._flags
        for s in starts:
            flags[s + offset] |= self._START
        for e in ends:
            flags[e + offset] |= self._END

    def _add_run(self, tokens: Tokens, lo: int, hi: int, offset: int) -> None:
        """Tokens that tile a stretch of text, recorded in C loops: a byte string holding
        each token's flags (its start, and its start as the end of the one before) is
        or-ed into the stretch as one integer."""
        if lo >= hi:
            return
        starts, ends = tokens.starts[lo:hi], tokens.ends[lo:hi]
        if starts[1:] != ends[:-1] or any(map(ge, starts, ends)):
            self.add_bounds(starts, ends, offset)  # tokens that do not tile a stretch
            return
        a, b = starts[0] + offset, ends[-1] + offset
        mask = bytearray(b"".join(map(_RUN_BYTES.__getitem__, map(sub, ends, starts))))
        mask[0] = self._START  # the stretch's first start ends no token of this run
        mask.append(self._END)
        merged = int.from_bytes(self._flags[a : b + 1], "little") | int.from_bytes(mask, "little")
        self._flags[a : b + 1] = merged.to_bytes(b + 1 - a, "little")

    @property
    def starts(self) -> _Flagged:
        """The token starts, as a container: ``offset in bounds.starts``."""
        return _Flagged(self._flags, self._START)

    @property
    def ends(self) -> _Flagged:
        return _Flagged(self._flags, self._END)

    def is_token(self, start: int, end: int) -> bool:
        """True when one token runs from ``start`` to ``end``."""
        flags = self._flags
        if not (0 <= start < end < len(flags)) or not flags[start] & self._START or not flags[end] & self._END:
            return False
        return all(not flags[k] & self._START for k in range(start + 1, end))


class _RunBytes(dict):
    """Token length -> the flags of a token of that length inside a run: start and end
    (of the token before) at its first character, nothing after."""

    def __missing__(self, n: int) -> bytes:
        out = self[n] = bytes([TokenBounds._START | TokenBounds._END]) + bytes(n - 1)
        return out


_RUN_BYTES = _RunBytes()


class _Flagged:
    """The offsets whose flag has a given bit, for ``in`` tests."""

    __slots__ = ("_bit", "_flags")

    def __init__(self, flags: bytearray, bit: int):
        self._flags = flags
        self._bit = bit

    def __contains__(self, pos: object) -> bool:
        return isinstance(pos, int) and 0 <= pos < len(self._flags) and bool(self._flags[pos] & self._bit)
