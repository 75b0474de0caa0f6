"""The compiler of the token patterns (the ``pattern`` of a ``[[rule]]`` in
``data/rules/entities.toml``): each rule's elements become one regular expression over the
encoding that :mod:`kg.extract.patterns` makes of a document (a token's tag code, its class
codes, then its text), or over the text itself for a rule of characters alone.

Split from the engine that encodes documents and runs the compiled rules, so that the
pattern language and its checks (each a one-line ``ResourceError`` naming the rule's file
and element) read in one place. ``PatternCompiler`` is a base of ``PatternEngine``: its
methods read the tag slots, class bits and code width the engine sets up.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from kg.errors import ResourceError
from kg.extract.regex_anchors import Anchored
from kg.resources.rules import CHAR_KEYS, EntityRule

if TYPE_CHECKING:
    from kg.extract.patterns import Hit

#: Code characters: a tag's (``_TAG_BASE`` + slot), then the word-class ones (12 bits each).
_TAG_BASE, _BITS_BASE, _BITS_PER_CHAR = 0xE000, 0xE100, 12
_CODES = "\ue000-\uf0ff"
_TAG_CODES = "\ue000-\ue0ff"
_OP = re.compile(r"(?:[?*+]|\{\d+(?:,\d*)?\})\??")
#: An op's least count: 0 for ?, * and {0,…}; its digits for {m…}; + for +.
_OP_MIN = re.compile(r"\{?(\d+|[?*+])")
_SET_NAME = re.compile(r"@([a-z][a-z0-9_-]*)")
#: The parts of a ``re`` element where ``@set`` is read: an escape (left alone), a class, a name.
_RE_PARTS = re.compile(r"\\.|\[\^?\]?(?:\\.|[^\]])*\]|@[a-z][a-z0-9_-]*", re.DOTALL)
_CJK = "\u4e00-\u9fff"


class Vocabulary:
    """The named sets (``@set``, ``in = "set"``: membership of a word) and word tests
    (``in = "test"``: a function of the word) the patterns may name."""

    def __init__(self, sets: Mapping[str, Collection[str]], tests: Mapping[str, Callable[[str], bool]] | None = None):
        self.sets = dict(sets)
        self.tests = dict(tests or {})

    def word_test(self, name: str, where: str) -> Callable[[str], bool]:
        if name in self.tests:
            return self.tests[name]
        if name in self.sets:
            return self.sets[name].__contains__
        raise ResourceError(f"{where}: unknown word class {name!r} (known: {', '.join(sorted({*self.sets, *self.tests}))})")

    def chars(self, name: str, where: str) -> str:
        """The class body (for ``[...]``) of the one-character members of set ``name``."""
        if name == "cjk":
            return _CJK
        if name not in self.sets:
            raise ResourceError(f"{where}: unknown set @{name} (known: cjk, {', '.join(sorted(self.sets))})")
        return "".join(re.escape(c) for c in sorted(w for w in self.sets[name] if len(w) == 1))

    def words(self, name: str, where: str) -> list[str]:
        if name not in self.sets:
            raise ResourceError(f"{where}: unknown set @{name} (known: {', '.join(sorted(self.sets))})")
        return list(self.sets[name])


@dataclass(frozen=True, slots=True)
class CompiledRule:
    rule: EntityRule
    regex: re.Pattern
    tagged: bool
    #: a small function named by the rule: Hit -> None/False (no mention), True (the
    #: rule's mention), a Candidate or a list of them
    check: Callable[[Hit], object] | None
    #: sets the span's text must not be in
    not_in: tuple[Collection[str], ...]
    #: ``regex`` run only near the words each of its matches holds, when it names some
    #: (:mod:`kg.extract.regex_anchors`): the same matches, found sooner
    anchored: Anchored | None = None

    @property
    def searcher(self) -> re.Pattern | Anchored:
        """What finds the matches: ``anchored`` when there is one, else ``regex``."""
        return self.regex if self.anchored is None else self.anchored


class PatternCompiler:
    """The compiling half of ``PatternEngine``: a rule to its expression. It reads what
    the engine's ``__init__`` sets: ``vocabulary``, ``_slot`` (tag -> slot of its code),
    ``bit`` (class -> its bit) and ``width`` (code characters a token)."""

    vocabulary: Vocabulary
    _slot: dict[str, int]
    bit: dict[str, int]
    width: int

    def _compile(self, rule: EntityRule, instances: Mapping[str, object]) -> CompiledRule:
        where = rule.origin
        tagged = rule.word_bounds != "" or any(not CHAR_KEYS & set(e) for e in rule.pattern)
        parts, span = [], [k for k, e in enumerate(rule.pattern) if e.get("span")]
        if span and span != list(range(span[0], span[-1] + 1)):
            raise ResourceError(f"{where}: the span elements must stand together")
        first, last = (span[0], span[-1]) if span else (0, len(rule.pattern) - 1)
        for k, e in enumerate(rule.pattern):
            at = f"{where}: pattern element {k + 1}"
            piece = self._element(e, tagged, at)
            op = e.get("op", "")
            if op and not _OP.fullmatch(op):
                raise ResourceError(f"{at}: op must be ?, *, +, {{m,n}} (lazy with a ? after), not {op!r}")
            once = not op or _OP_MIN.match(op).group(1) not in ("0", "*", "?")  # at least once
            opens = k == first and rule.word_bounds in ("start", "both")
            # The expression should open with a character class the matcher can skip to, not
            # try at every position: X{3,} is written X(?:X){2,}, and a span opening with
            # characters at a token's start as the first character, then a look back at the
            # token's codes before it.
            if opens and once and "chars" in e:
                char = self._element(e, False, at)
                piece = f"{char}(?<=[{_CODES}]{char})" + (f"(?:{piece}){_one_less(op)}" if op else "")
            elif k == 0 and op and once:
                piece = f"(?:{piece})(?:{piece}){_one_less(op)}"
            else:
                piece = f"(?:{piece}){op}"
                if opens and CHAR_KEYS & set(e):
                    piece = f"[{_TAG_CODES}]" + (f"[{_CODES}]{{{self.width - 1}}}" if self.width > 1 else "") + piece
                elif opens and not once:
                    piece = f"(?=[{_TAG_CODES}])" + piece
            if k == first:
                piece = "(?P<_span>" + piece
            if k == last:
                piece += ("(?![^" + _CODES + "])" if rule.word_bounds in ("end", "both") else "") + ")"
            parts.append(piece)
        body = "".join(parts)
        try:
            regex = re.compile(body)
        except (re.error, OverflowError, RecursionError) as e:
            raise ResourceError(f"{where}: the pattern is no valid expression: {e}") from e
        check = _resolve(rule.function, instances, where) if rule.function else None
        unknown = [n for n in rule.not_in if n not in self.vocabulary.sets]
        if unknown:
            raise ResourceError(f"{where}: not_in names an unknown set {unknown[0]!r} (known: {', '.join(sorted(self.vocabulary.sets))})")
        return CompiledRule(rule, regex, tagged, check, tuple(self.vocabulary.sets[n] for n in rule.not_in), Anchored.of(regex))

    def _element(self, e: Mapping, tagged: bool, at: str) -> str:
        if not CHAR_KEYS & set(e):
            return self._token(e, at)
        if "re" in e:
            if tagged:
                raise ResourceError(f"{at}: re reads the text, so it cannot stand in a rule of tokens or word bounds (use chars or words)")
            return self._expand(e["re"], at)
        skip = f"(?:[{_CODES}]{{{self.width}}})?" if tagged else ""
        if "chars" in e:
            return skip + "[" + self._char_class(e["chars"], at, tagged) + "]"
        listed = e["words"]
        words = self.vocabulary.words(listed[1:], at) if isinstance(listed, str) else list(listed)
        return _alternation(words, lambda w: skip.join(map(re.escape, w))) or "(?!)"

    def _slots(self, e: Mapping) -> set[int]:
        """The tag slots a token element takes (0: every tag no pattern names)."""
        slots = {self._slot[t] for t in _listed(e.get("pos", ()))} or set(range(len(self._slot) + 1))
        return slots - {self._slot[t] for t in _listed(e.get("not_pos", ()))}

    def _token(self, e: Mapping, at: str) -> str:
        slots = self._slots(e)
        out = "[" + "".join(_escape_code(_TAG_BASE + s) for s in sorted(slots)) + "]" if slots else "(?!)"
        need = sum(1 << self.bit[n] for n in _listed(e.get("in", ())))
        veto = sum(1 << self.bit[n] for n in _listed(e.get("not_in", ())))
        for c in range(self.width - 1):
            r, v = (need >> (c * 12)) & 0xFFF, (veto >> (c * 12)) & 0xFFF
            codes = [x for x in range(4096) if x & r == r and not x & v]
            out += "[" + _ranges(_BITS_BASE + x for x in codes) + "]" if codes else "(?!)"
        text, ends, length = e.get("text"), e.get("ends"), e.get("len")
        if text is not None and (length is not None or ends is not None):
            raise ResourceError(f"{at}: give text, or len and ends, not both")
        if length is not None:
            low, high = (length, length) if isinstance(length, int) else length
            out += f"(?=[^{_CODES}]{{{low},{high}}}(?![^{_CODES}]))"
        if text is not None:
            out += _alternation(_listed(text)) or "(?!)"
        elif ends is not None:
            out += f"[^{_CODES}]*" + (_alternation(_listed(ends)) or "(?!)")
        else:
            out += f"[^{_CODES}]+"
        return out + f"(?![^{_CODES}])"

    def _char_class(self, chars: str, at: str, tagged: bool) -> str:
        negated = chars.startswith("^") and len(chars) > 1
        pieces = _SET_NAME.split(chars[1:] if negated else chars)  # characters, a set's name, …
        out = "".join(self.vocabulary.chars(x, at) if k % 2 else re.escape(x) for k, x in enumerate(pieces))
        return "^" + out + (_CODES if tagged else "") if negated else out or "(?!)"

    def _expand(self, expr: str, at: str) -> str:
        """``@set`` in a ``re`` element: its characters inside ``[]``, its words outside."""

        def sets(m: re.Match) -> str:
            part = m.group()
            if part.startswith("["):
                return _SET_NAME.sub(lambda n: self.vocabulary.chars(n.group(1), at), part)
            if part.startswith("@"):
                return _alternation(self.vocabulary.words(part[1:], at))
            return part  # an escape

        return _RE_PARTS.sub(sets, expr)


def _one_less(op: str) -> str:
    """The op of the repeats after a first one: + → *, {3,} → {2,}, {2,5}? → {1,4}?."""
    if op.startswith("+"):
        return "*" + op[1:]
    m = re.fullmatch(r"\{(\d+)(,?)(\d*)\}(\??)", op)
    low, comma, high, lazy = m.groups()  # type: ignore[union-attr]
    return "{" + str(int(low) - 1) + comma + (str(int(high) - 1) if high else "") + "}" + lazy


def _listed(value: object) -> list:
    return [value] if isinstance(value, str) else list(value)  # type: ignore[call-overload]


def _alternation(words: Iterable[str], written: Callable[[str], str] = re.escape) -> str:
    """Words as one group, longest first (then in code point order), each as ``written``."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(map(written, ordered)) + ")" if ordered else ""


def _escape_code(cp: int) -> str:
    return f"\\u{cp:04x}"


def _ranges(points: Iterable[int]) -> str:
    """Sorted code points as the body of a character class, runs written as ranges."""
    runs = [list(run) for _k, run in groupby(enumerate(points), lambda kp: kp[1] - kp[0])]
    return "".join(
        _escape_code(run[0][1]) + (f"-{_escape_code(run[-1][1])}" if len(run) > 1 else "") for run in runs
    )


def _resolve(path: str, instances: Mapping[str, object], where: str) -> Callable[[Hit], object]:
    """``module:function`` or ``module:Class.method`` (bound to the finder of that class)."""
    module, _, qualname = path.partition(":")
    try:
        obj: object = importlib.import_module(module)
    except ImportError as e:
        raise ResourceError(f"{where}: function {path}: {e}") from e
    head, _, rest = qualname.partition(".")
    if rest and head in instances:
        obj, qualname = instances[head], rest
    for part in qualname.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            raise ResourceError(f"{where}: function {path} does not resolve")
    if not callable(obj):
        raise ResourceError(f"{where}: function {path} is not callable")
    return obj  # type: ignore[return-value]
