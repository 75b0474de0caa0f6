"""The rules: name suffixes (``rules/suffixes.tsv``) and relation rules with their
examples (``rules/relations.toml``).

    rules/suffixes.tsv     suffix type body min_body
    rules/relations.toml   [[rule]] tables: relation, engine, head, tail, triggers …
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ResourceError
from kg.model import ENTITY_TYPES, RELATION_TYPES
from kg.resources.files import read_tsv

ENGINES = ("title", "adjacent", "trigger", "pair", "venue")
BODY_KINDS = ("place", "proper", "nominal", "phrase")


@dataclass(frozen=True, slots=True)
class SuffixRule:
    suffix: str
    type: str
    body: str
    min_body: int


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
    #: else the clause's first allowed mention; listed names share it) or "first"
    subject: str = "nearest-person"
    #: store the relation from the object to the subject: 山西举办…推进会 → 推进会 located_in 山西
    reverse: bool = False
    #: sentences the rule must turn into (head, relation, tail): its specification, run by
    #: the test suite, so a change to an engine shows at once which rule it breaks
    examples: tuple[RuleExample, ...] = ()
    #: hard negatives: look-alike sentences where the rule must not produce that relation
    counter_examples: tuple[RuleExample, ...] = ()


def load_suffixes(path: Path) -> tuple[SuffixRule, ...]:
    out = []
    for n, r in read_tsv(path, ("suffix", "type", "body", "min_body"), header=False):
        if r["type"] not in ENTITY_TYPES:
            raise ResourceError(f"{path}:{n}: unknown entity type {r['type']!r}")
        if r["body"] not in BODY_KINDS:
            raise ResourceError(f"{path}:{n}: body must be one of {', '.join(BODY_KINDS)}, not {r['body']!r}")
        if not r["min_body"].isdigit():
            raise ResourceError(f"{path}:{n}: min_body must be a number")
        if any(x.suffix == r["suffix"] for x in out):
            raise ResourceError(f"{path}:{n}: suffix {r['suffix']!r} is listed twice")
        out.append(SuffixRule(r["suffix"], r["type"], r["body"], int(r["min_body"])))
    return tuple(out)


def load_relation_rules(path: Path) -> tuple[RelationRule, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ResourceError(f"{path}: {e}") from e
    out = []
    allowed = {
        "id", "relation", "engine", "head", "tail", "triggers", "blockers", "before_trigger",
        "max_gap", "subject", "reverse", "examples", "counter_examples",
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
        if raw.get("subject", "nearest-person") not in ("nearest-person", "first"):
            raise ResourceError(f"{where}: subject must be nearest-person or first")
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
