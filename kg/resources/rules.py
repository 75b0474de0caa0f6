"""The rules: name suffixes (``rules/suffixes.tsv``), the other entity rules
(``rules/entities.toml``) and relation rules (``rules/relations.toml``), each with its examples.

    rules/suffixes.tsv     suffix type body min_body [example [counter_example]]
    rules/entities.toml    [[rule]] tables: id, types, trigger, description, function or
                           pattern …; [[body]] tables: the hard negatives of each kind of
                           suffix body (the pattern language: kg.extract.patterns)
    rules/relations.toml   [[rule]] tables: relation, engine, head, tail, triggers …
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ResourceError
from kg.model import ENTITY_TYPES, RELATION_TYPES
from kg.resources.files import read_tsv

ENGINES = ("title", "appointed", "adjacent", "trigger", "pair", "venue", "located", "outcome")
BODY_KINDS = ("place", "proper", "nominal", "phrase")
#: The keys of a pattern element: one whole token, characters, and both.
TOKEN_KEYS = frozenset({"pos", "not_pos", "in", "not_in", "text", "ends", "len"})
CHAR_KEYS = frozenset({"chars", "words", "re"})
_ELEMENT_KEYS = TOKEN_KEYS | CHAR_KEYS | {"op", "span"}
WORD_BOUNDS = ("", "start", "end", "both")


#: The name a suffix example expects, in lenticular brackets: 【晋中市委】召开常委会议。
_BRACKETED = re.compile(r"【([^【】]+)】")


@dataclass(frozen=True, slots=True)
class SuffixRule:
    suffix: str
    type: str
    body: str
    min_body: int
    #: a sentence the rule must read a name from, the name in 【】 (kept with the brackets;
    #: ``example_text`` and ``example_name`` take it apart); empty in a user's file without one
    example: str = ""
    #: a look-alike sentence where the bracketed span must not come out as a name of this type
    counter_example: str = ""
    #: the type ``kg annotate --flat`` gives the name when the public PER/LOC/ORG corpora
    #: class it otherwise than the graph does (a hotel: a Place in the graph, an ORG span
    #: there); empty: the graph's type
    span_type: str = ""
    #: words that, right after the suffix, make it a modifier in a compound rather than the
    #: end of a name (战略 | 伙伴, 战略 | 互信: 中韩战略伙伴关系 names no strategy)
    compounds: tuple[str, ...] = ()

    @property
    def example_text(self) -> str:
        return self.example.replace("【", "").replace("】", "")

    @property
    def example_name(self) -> str:
        m = _BRACKETED.search(self.example)
        return m.group(1) if m else ""

    @property
    def counter_text(self) -> str:
        return self.counter_example.replace("【", "").replace("】", "")

    @property
    def counter_name(self) -> str:
        m = _BRACKETED.search(self.counter_example)
        return m.group(1) if m else ""


@dataclass(frozen=True, slots=True)
class MentionExample:
    """A sentence of an entity rule's specification and the mentions (surface, type) it
    names: those the rule must find, or, for a counter-example, those that must not come out."""

    text: str
    mentions: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class EntityRule:
    """One entity rule of ``rules/entities.toml``: the ``Mention.rule`` it stands for."""

    id: str
    types: tuple[str, ...]
    trigger: str
    description: str
    #: the code that implements it, ``module:Qualified.name``: for a rule with a pattern,
    #: the small function that checks each match (none when the pattern says it all)
    function: str
    examples: tuple[MentionExample, ...]
    counter_examples: tuple[MentionExample, ...]
    #: "" for the rules that always run; "lac" for the optional second source (--ner lac)
    backend: str = ""
    #: the token pattern (``kg.extract.patterns``): a tuple of element tables
    pattern: tuple[Mapping[str, object], ...] = ()
    #: what a match of the pattern produces: the entity type and priority of its mention
    type: str = ""
    priority: int = 1
    #: the mention must start ("start"), end ("end") or start and end ("both") at token bounds
    word_bounds: str = ""
    #: matches may start inside one another (the pattern is tried at every position)
    overlapping: bool = False
    #: the names of sets the mention's text must not be in (not_entities)
    not_in: tuple[str, ...] = ()
    #: strings of which one must occur in a text for the pattern to be tried there
    requires: tuple[str, ...] = ()
    #: "file: rule N (id)", for the errors of compiling the pattern
    origin: str = ""


@dataclass(frozen=True, slots=True)
class BodyKind:
    """A kind of body of the suffix grammar (``SuffixRule.body``) and its hard negatives."""

    kind: str
    description: str
    counter_examples: tuple[MentionExample, ...]


@dataclass(frozen=True, slots=True)
class EntityRules:
    rules: tuple[EntityRule, ...]
    bodies: tuple[BodyKind, ...]


@dataclass(frozen=True, slots=True)
class RuleExample:
    """A sentence of a relation rule's specification and the head and tail it names."""

    text: str
    head: str
    tail: str


@dataclass(frozen=True, slots=True)
class RelationRule:
    id: str
    relation: str
    engine: str
    head: frozenset[str]
    tail: frozenset[str]
    triggers: tuple[str, ...]
    blockers: tuple[str, ...] = ()
    before_trigger: bool = False
    max_gap: int = 40
    #: which mention before the trigger is the head: "nearest-person" (the nearest person,
    #: else the clause's first allowed mention; listed names share it), "first", or
    #: "nearest" (the allowed mention closest before the trigger, in its clause: A携手B)
    subject: str = "nearest-person"
    #: store the relation from the object to the subject: 山西举办…推进会 → 推进会 located_in 山西
    reverse: bool = False
    #: 双方 as the subject stands for the two partners of the document's one cooperation
    #: (太原市与晋中市签署…。双方将共同推进…: both take part)
    parties: bool = False
    #: sentences the rule must turn into (head, relation, tail): its specification, run by
    #: the test suite, so a change to an engine shows at once which rule it breaks
    examples: tuple[RuleExample, ...] = ()
    #: hard negatives: look-alike sentences where the rule must not produce that relation
    counter_examples: tuple[RuleExample, ...] = ()


def load_suffixes(path: Path) -> tuple[SuffixRule, ...]:
    out = []
    columns = ("suffix", "type", "body", "min_body", "example", "counter_example", "span_type", "compounds")
    for n, r in read_tsv(path, columns, header=False):
        if r["type"] not in ENTITY_TYPES:
            raise ResourceError(f"{path}:{n}: unknown entity type {r['type']!r}")
        if r["span_type"] and r["span_type"] not in ENTITY_TYPES:
            raise ResourceError(f"{path}:{n}: unknown span type {r['span_type']!r}")
        if r["body"] not in BODY_KINDS:
            raise ResourceError(f"{path}:{n}: body must be one of {', '.join(BODY_KINDS)}, not {r['body']!r}")
        if not r["min_body"].isdigit():
            raise ResourceError(f"{path}:{n}: min_body must be a number")
        if any(x.suffix == r["suffix"] for x in out):
            raise ResourceError(f"{path}:{n}: suffix {r['suffix']!r} is listed twice")
        for col in ("example", "counter_example"):
            _check_bracketed(r[col], r["suffix"] if col == "example" else "", f"{path}:{n}: {col}")
        compounds = tuple(w for w in r["compounds"].split("|") if w) if r["compounds"] else ()
        out.append(SuffixRule(r["suffix"], r["type"], r["body"], int(r["min_body"]), r["example"], r["counter_example"],
                              r["span_type"], compounds))
    return tuple(out)


def _check_bracketed(sentence: str, suffix: str, where: str) -> None:
    """An example column is empty or a sentence with one name in 【】, which for the
    example proper ends in the row's suffix."""
    if not sentence:
        return
    names = _BRACKETED.findall(sentence)
    if len(names) != 1 or sentence.count("【") != 1 or sentence.count("】") != 1:
        raise ResourceError(f"{where}: needs exactly one name in 【】, got {sentence!r}")
    if suffix and not names[0].endswith(suffix):
        raise ResourceError(f"{where}: the name 【{names[0]}】 does not end in the suffix {suffix!r}")


def load_entity_rules(path: Path) -> EntityRules:
    """The entity rules of ``rules/entities.toml``; a rule without an example or a
    counter-example, or with an unknown key or type, is a ``ResourceError`` naming it.

    ``function`` is checked for its form only: resolving it would import kg.extract, which
    imports this package (the test suite resolves every one)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ResourceError(f"{path}: {e}") from e
    unknown = set(data) - {"rule", "body"}
    if unknown:
        raise ResourceError(f"{path}: unknown table(s) {', '.join(sorted(unknown))}")
    allowed = {"id", "types", "trigger", "description", "function", "backend", "examples", "counter_examples"}
    allowed |= {"pattern", "type", "priority", "word_bounds", "overlapping", "not_in", "requires"}
    rules: list[EntityRule] = []
    for i, raw in enumerate(data.get("rule", []), 1):
        where = f"{path}: rule {i} ({raw.get('id', '?')})"
        unknown = set(raw) - allowed
        if unknown:
            raise ResourceError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        for key in ("id", "trigger", "description") + (() if "pattern" in raw else ("function",)):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                raise ResourceError(f"{where}: needs {key} (a non-empty string)")
        if any(r.id == raw["id"] for r in rules):
            raise ResourceError(f"{where}: id {raw['id']!r} is listed twice")
        types = raw.get("types")
        if not isinstance(types, list) or not types or any(t not in ENTITY_TYPES for t in types):
            raise ResourceError(f"{where}: types needs entity types ({', '.join(ENTITY_TYPES)}), got {types!r}")
        if "function" in raw and not re.fullmatch(r"[A-Za-z_]\w*(\.\w+)*:\w+(\.\w+)*", str(raw["function"])):
            raise ResourceError(f"{where}: function must read module:name (kg.extract.persons:PersonFinder.persons)")
        production = _production(raw, types, where) if "pattern" in raw else {}
        if raw.get("backend", "") not in ("", "lac"):
            raise ResourceError(f"{where}: backend must be lac or left out")
        examples = _mention_examples(raw.get("examples", []), f"{where}: examples", types)
        # a hard negative may name any type: 马斯卡廷小镇 must not give a person, nor 晋中委托 a body
        counter = _mention_examples(raw.get("counter_examples", []), f"{where}: counter_examples", list(ENTITY_TYPES))
        if not examples or not counter:
            # a rule without examples cannot be checked against anything: refuse it
            raise ResourceError(f"{where}: needs at least one example and one counter-example")
        rules.append(EntityRule(raw["id"], tuple(types), raw["trigger"], raw["description"], raw.get("function", ""),
                                examples, counter, raw.get("backend", ""), origin=where, **production))
    bodies: list[BodyKind] = []
    for i, raw in enumerate(data.get("body", []), 1):
        where = f"{path}: body {i} ({raw.get('kind', '?')})"
        if set(raw) - {"kind", "description", "counter_examples"}:
            raise ResourceError(f"{where}: unknown key(s) {', '.join(sorted(set(raw) - {'kind', 'description', 'counter_examples'}))}")
        if raw.get("kind") not in BODY_KINDS or any(b.kind == raw["kind"] for b in bodies):
            raise ResourceError(f"{where}: kind must be one of {', '.join(BODY_KINDS)}, each once")
        counter = _mention_examples(raw.get("counter_examples", []), f"{where}: counter_examples", list(ENTITY_TYPES))
        if not counter:
            raise ResourceError(f"{where}: needs at least one counter-example")
        bodies.append(BodyKind(raw["kind"], str(raw.get("description", "")), counter))
    return EntityRules(tuple(rules), tuple(bodies))


def _production(raw: dict, types: list[str], where: str) -> dict:
    """The pattern of a rule and what a match produces, checked for their form (the
    pattern's expressions and the sets it names are checked as it compiles)."""
    pattern = raw["pattern"]
    if not isinstance(pattern, list) or not pattern or not all(isinstance(e, dict) for e in pattern):
        raise ResourceError(f"{where}: pattern must be a list of element tables")
    for k, e in enumerate(pattern, 1):
        at = f"{where}: pattern element {k}"
        if set(e) - _ELEMENT_KEYS:
            raise ResourceError(f"{at}: unknown key(s) {', '.join(sorted(set(e) - _ELEMENT_KEYS))}")
        chars = CHAR_KEYS & set(e)
        if chars and TOKEN_KEYS & set(e) or len(chars) > 1:
            raise ResourceError(f"{at}: an element is one token (pos, in, text …) or one of chars, words, re")
        for key, value in e.items():
            if key in ("pos", "not_pos", "in", "not_in", "text", "ends", "words") and not _strings(value):
                raise ResourceError(f"{at}: {key} must be a string or a list of strings")
            if key in ("chars", "re", "op") and not (isinstance(value, str) and value):
                raise ResourceError(f"{at}: {key} must be a non-empty string")
            if key == "span" and not isinstance(value, bool):
                raise ResourceError(f"{at}: span must be true or false")
            if key == "len" and not (
                isinstance(value, int) and value > 0
                or isinstance(value, list) and len(value) == 2 and all(isinstance(x, int) and x > 0 for x in value) and value[0] <= value[1]
            ):
                raise ResourceError(f"{at}: len must be a length or [min, max]")
    typ = raw.get("type", types[0])
    if typ not in types:
        raise ResourceError(f"{where}: type must be one of the rule's types ({', '.join(types)})")
    if not isinstance(raw.get("priority", 1), int) or raw.get("priority", 1) < 1:
        raise ResourceError(f"{where}: priority must be a whole number of at least 1")
    if raw.get("word_bounds", "") not in WORD_BOUNDS:
        raise ResourceError(f"{where}: word_bounds must be start, end or both")
    if not isinstance(raw.get("overlapping", False), bool):
        raise ResourceError(f"{where}: overlapping must be true or false")
    for key in ("not_in", "requires"):
        if not isinstance(raw.get(key, []), list) or not all(isinstance(x, str) and x for x in raw.get(key, [])):
            raise ResourceError(f"{where}: {key} must be a list of strings")
    return {
        "pattern": tuple(pattern), "type": typ, "priority": raw.get("priority", 1),
        "word_bounds": raw.get("word_bounds", ""), "overlapping": raw.get("overlapping", False),
        "not_in": tuple(raw.get("not_in", ())), "requires": tuple(raw.get("requires", ())),
    }


def _strings(value: object) -> bool:
    return isinstance(value, str) and bool(value) or isinstance(value, list) and bool(value) and all(isinstance(x, str) and x for x in value)


def _mention_examples(raw: object, where: str, types: list[str]) -> tuple[MentionExample, ...]:
    """A list of ``{text, mentions = [[surface, type], …]}`` tables; each surface must occur
    in the text and each type be one the rule produces."""
    if not isinstance(raw, list):
        raise ResourceError(f"{where}: must be a list of {{text, mentions}} tables")
    out = []
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict) or set(item) != {"text", "mentions"}:
            raise ResourceError(f"{where} {n}: needs exactly the keys text and mentions")
        text, mentions = item["text"], item["mentions"]
        if not isinstance(text, str) or not text or not isinstance(mentions, list) or not mentions:
            raise ResourceError(f"{where} {n}: text must be a sentence and mentions a list of [surface, type]")
        pairs = []
        for m in mentions:
            if not (isinstance(m, list) and len(m) == 2 and all(isinstance(x, str) and x for x in m)):
                raise ResourceError(f"{where} {n}: a mention must be [surface, type], got {m!r}")
            if m[0] not in text:
                raise ResourceError(f"{where} {n}: {m[0]!r} does not occur in the text")
            if m[1] not in types:
                raise ResourceError(f"{where} {n}: type {m[1]!r} is not one of the rule's ({', '.join(types)})")
            pairs.append((m[0], m[1]))
        out.append(MentionExample(text, tuple(pairs)))
    return tuple(out)


#: The values of a relation rule's ``subject``.
SUBJECTS = ("nearest-person", "first", "nearest")


def load_relation_rules(path: Path) -> tuple[RelationRule, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ResourceError(f"{path}: {e}") from e
    out = []
    allowed = {
        "id", "relation", "engine", "head", "tail", "triggers", "blockers", "before_trigger",
        "max_gap", "subject", "reverse", "parties", "examples", "counter_examples",
    }
    for i, raw in enumerate(data.get("rule", []), 1):
        where = f"{path}: rule {i} ({raw.get('id', '?')})"
        unknown = set(raw) - allowed
        if unknown:
            raise ResourceError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        if raw.get("relation") not in RELATION_TYPES:
            raise ResourceError(f"{where}: unknown relation {raw.get('relation')!r}")
        if raw.get("engine") not in ENGINES:
            raise ResourceError(f"{where}: engine must be one of {', '.join(ENGINES)}")
        if raw.get("subject", "nearest-person") not in SUBJECTS:
            raise ResourceError(f"{where}: subject must be one of {', '.join(SUBJECTS)}")
        for side in ("head", "tail"):
            bad = [t for t in raw.get(side, []) if t not in ENTITY_TYPES]
            if bad or not raw.get(side):
                raise ResourceError(f"{where}: {side} needs entity types, got {raw.get(side)!r}")
        examples = _rule_examples(raw.get("examples", []), f"{where}: examples")
        if not examples:
            # a rule without examples cannot be checked against anything: refuse it
            raise ResourceError(f"{where}: needs at least one example (examples = [{{text, head, tail}}])")
        counter = _rule_examples(raw.get("counter_examples", []), f"{where}: counter_examples")
        out.append(
            RelationRule(
                id=str(raw.get("id") or f"{raw['relation']}.{raw['engine']}"),
                relation=raw["relation"],
                engine=raw["engine"],
                head=frozenset(raw["head"]),
                tail=frozenset(raw["tail"]),
                triggers=tuple(sorted(raw.get("triggers", []), key=lambda t: (-len(t), t))),
                blockers=tuple(raw.get("blockers", [])),
                before_trigger=bool(raw.get("before_trigger", False)),
                max_gap=int(raw.get("max_gap", 40)),
                subject=str(raw.get("subject", "nearest-person")),
                reverse=bool(raw.get("reverse", False)),
                parties=bool(raw.get("parties", False)),
                examples=examples,
                counter_examples=counter,
            )
        )
    return tuple(out)


def _rule_examples(raw: object, where: str) -> tuple[RuleExample, ...]:
    """A list of ``{text, head, tail}`` tables; the head and tail must occur in the text."""
    if not isinstance(raw, list):
        raise ResourceError(f"{where}: must be a list of {{text, head, tail}} tables")
    out = []
    for n, item in enumerate(raw, 1):
        if not isinstance(item, dict) or set(item) != {"text", "head", "tail"}:
            raise ResourceError(f"{where} {n}: needs exactly the keys text, head and tail")
        if not all(isinstance(item[k], str) and item[k] for k in ("text", "head", "tail")):
            raise ResourceError(f"{where} {n}: text, head and tail must be non-empty strings")
        for k in ("head", "tail"):
            if item[k] not in item["text"]:
                raise ResourceError(f"{where} {n}: {k} {item[k]!r} does not occur in the text")
        out.append(RuleExample(item["text"], item["head"], item["tail"]))
    return tuple(out)
