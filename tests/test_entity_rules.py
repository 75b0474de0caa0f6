"""The entity rules as data: every rule of data/rules/entities.toml and every suffix row of
data/rules/suffixes.tsv runs its examples through the real extraction (the per-document step
of the pipeline on a one-sentence document), and no rule the code gives is missing from them.

A rule is code (its ``function``) or a token pattern (``pattern``, run by
kg.extract.patterns, with a small ``function`` checking each match where the pattern cannot
say it all); the examples run the same way for both.

An example passes only when the expected mention comes out with the rule's own id as its
``Mention.rule``, not merely with the right type and span: two rules often find the same span
(a name of the lexicon and the tagger's name), and an example that another rule happens to
satisfy would not show that this rule still works. A counter-example fails when the span comes
out with that type at all, whichever rule gives it: a hard negative is about what the user sees.
"""

from __future__ import annotations

import ast
import importlib
from functools import lru_cache
from pathlib import Path

import pytest
from helpers import extract
from helpers import tools as _tools

from kg.config import Settings
from kg.model import Document
from kg.pipeline import extract_corpus, extract_document, make_tools
from kg.resources import default_data_dir, load_suffixes
from kg.resources.rules import BODY_KINDS, load_entity_rules

DATA = default_data_dir()
ENTITY_RULES = load_entity_rules(DATA / "rules" / "entities.toml")
RULES = ENTITY_RULES.rules
SUFFIXES = load_suffixes(DATA / "rules" / "suffixes.tsv")
EXTRACT = Path(__file__).resolve().parent.parent / "kg" / "extract"


@lru_cache(maxsize=1)
def _lac_tools():
    pytest.importorskip("LAC", reason="the lac rules need the LAC model (pip install 'kg[lac]')")
    return make_tools(Settings(ner="lac"))


def mentions(text: str, backend: str = "") -> set[tuple[str, str, str]]:
    """(surface, type, rule) of every mention the extraction gives for ``text``."""
    if backend == "lac":
        dx = extract_document(Document(id="t", text=text), _lac_tools())
    else:
        dx = extract(text)
    return {(m.text, m.type, m.rule) for m in dx.mentions}


def _shown(found: set[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return sorted(found)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule):
    assert rule.examples, f"{rule.id} has no examples"
    for ex in rule.examples:
        found = mentions(ex.text, rule.backend)
        for surface, typ in ex.mentions:
            assert (surface, typ, rule.id) in found, (
                f"{rule.id}: {ex.text} should give {surface} ({typ}) by {rule.id}; it gave {_shown(found)}"
            )


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_counter_examples(rule):
    assert rule.counter_examples, f"{rule.id} has no counter-example"
    for ex in rule.counter_examples:
        found = {(s, t) for s, t, _r in mentions(ex.text, rule.backend)}
        for surface, typ in ex.mentions:
            assert (surface, typ) not in found, f"{rule.id}: counter-example {ex.text} gave {surface} ({typ})"


@pytest.mark.parametrize("rule", [r for r in RULES if r.function], ids=[r.id for r in RULES if r.function])
def test_rule_function_resolves(rule):
    module, _, qualname = rule.function.partition(":")
    obj = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part, None)
        assert obj is not None, f"{rule.id}: {rule.function} does not resolve"
    assert callable(obj), f"{rule.id}: {rule.function} is not callable"


def _literal_rules() -> set[str]:
    """The rule names written in kg/extract/: the rule argument of every ``Candidate(…)``,
    ``Mention(…)``, ``replace(…, rule=…)`` and ``retype_foreign(…)``, as a string or a
    module constant, and the rule of each (type, ref, rule, short) entry of the finder's
    ``_form_info`` (gazetteer, lexicon). The suffix rules (an f-string over the rows) are
    checked row by row."""
    positions = {"Candidate": 3, "Mention": 5, "retype_foreign": 4}
    names: set[str] = set()
    for path in sorted(EXTRACT.glob("*.py")):
        if path.name.startswith("relation"):
            continue  # relation rules live in rules/relations.toml (tests/test_rule_examples.py)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            t.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for t in node.targets
            if isinstance(t, ast.Name)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            args = [kw.value for kw in node.keywords if kw.arg == "rule"]
            target = node.func.value if isinstance(node.func, ast.Attribute) else None
            if func == "append" and isinstance(target, ast.Attribute) and target.attr == "_form_info":
                args += [a.elts[2] for a in node.args if isinstance(a, ast.Tuple) and len(a.elts) == 4]
            if func in positions and len(node.args) > positions[func]:
                args.append(node.args[positions[func]])
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    names.add(arg.value)
                elif isinstance(arg, ast.Name) and arg.id in constants:
                    names.add(constants[arg.id])
    return names


def test_the_scan_of_the_code_finds_the_rules():
    # the scan itself must see rules of every shape it reads, or the next test proves nothing
    found = _literal_rules()
    assert {"gazetteer", "lexicon", "pos:club", "nested-place", "reference", "lac:person", "dotted"} <= found


def test_every_rule_in_the_code_is_described():
    # a rule the code names may be a row of suffixes.tsv (event_parts gives suffix:项目)
    listed = {r.id for r in RULES} | {f"suffix:{r.suffix}" for r in SUFFIXES}
    missing = sorted(_literal_rules() - listed)
    assert missing == [], f"rules the code gives that data/rules/entities.toml lacks: {missing}"


def test_every_rule_of_the_sample_corpus_is_described():
    ex, _files, _tools = extract_corpus([DATA / "corpus"], Settings(workers=1))
    given = {m.rule for dx in ex.docs for m in dx.mentions}
    suffixes = {f"suffix:{r.suffix}" for r in SUFFIXES}
    listed = {r.id for r in RULES} | suffixes
    assert given, "the sample corpus gave no mentions"
    assert sorted(given - listed) == []


def test_every_rule_described_is_in_the_code():
    # a rule the code no longer gives would keep passing on stale examples only by chance;
    # a pattern rule is given by the engine under the id of its [[rule]]
    assert sorted({r.id for r in RULES if not r.pattern} - _literal_rules()) == []


def test_every_pattern_rule_runs_on_the_engine():
    # the finder compiled each of them (a bad pattern stops make_tools with a ResourceError)
    compiled = {c.rule.id for c in extract("晋中市召开会议。") and _tools().entities.patterns.rules}
    patterned = {r.id for r in RULES if r.pattern}
    assert patterned and compiled == patterned
    # a rule whose pattern says it all has no function; one that checks its matches names it
    assert {r.id for r in RULES if r.pattern and not r.function} >= {"village", "newspaper", "pos:place"}


def test_a_rule_moved_onto_the_engine_left_no_code_behind():
    # their old functions are gone: a pattern rule is not also found by a function
    from kg.extract import other_names, places

    assert not hasattr(places.PlaceFinder, "villages") and not hasattr(places.PlaceFinder, "foreign_places")
    assert not hasattr(other_names.OtherNames, "newspapers")


@pytest.mark.parametrize("row", SUFFIXES, ids=[r.suffix for r in SUFFIXES])
def test_suffix_example(row):
    assert row.example, f"suffix {row.suffix} has no example (fifth column of rules/suffixes.tsv)"
    found = mentions(row.example_text)
    expected = (row.example_name, row.type, f"suffix:{row.suffix}")
    assert expected in found, f"suffix:{row.suffix}: {row.example} gave {_shown(found)}"
    if row.counter_example:
        typed = {(s, t) for s, t, _r in mentions(row.counter_text)}
        assert (row.counter_name, row.type) not in typed, f"suffix:{row.suffix}: counter-example {row.counter_example}"


def test_every_body_kind_has_counter_examples():
    assert sorted(b.kind for b in ENTITY_RULES.bodies) == sorted(BODY_KINDS)


@pytest.mark.parametrize("body", ENTITY_RULES.bodies, ids=[b.kind for b in ENTITY_RULES.bodies])
def test_body_counter_examples(body):
    for ex in body.counter_examples:
        found = {(s, t) for s, t, _r in mentions(ex.text)}
        for surface, typ in ex.mentions:
            assert (surface, typ) not in found, f"{body.kind} body: counter-example {ex.text} gave {surface} ({typ})"


def test_a_suffix_rule_is_described_in_one_place():
    # a suffix's row in suffixes.tsv and a [[rule]] of the same id would give one rule two
    # specifications (suffix:项目 is a row; its ceremony reading in event_parts is the same rule)
    rows = {f"suffix:{r.suffix}" for r in SUFFIXES}
    assert sorted({r.id for r in RULES} & rows) == []


def test_a_rule_written_as_data_runs_without_code(tmp_path):
    # an overlay's rules/entities.toml replaces kg's: kg's rules and one more, a pattern
    (tmp_path / "rules").mkdir()
    own = (DATA / "rules" / "entities.toml").read_text(encoding="utf-8")
    (tmp_path / "rules" / "entities.toml").write_text(
        own
        + "\n[[rule]]\n"
        + 'id = "temple"\ntypes = ["Place"]\ntrigger = "参观 or 游览"\n'
        + 'description = "Two Chinese characters and 寺 after a verb of visiting"\n'
        + 'pattern = [{words = ["参观", "游览"]}, {chars = "@cjk", op = "{2}", span = true}, {chars = "寺", span = true}]\n'
        + "priority = 3\n"
        + 'examples = [{text = "游客参观白马寺后离开。", mentions = [["白马寺", "Place"]]}]\n'
        + 'counter_examples = [{text = "游客参观白马后离开。", mentions = [["白马", "Place"]]}]\n',
        encoding="utf-8",
    )
    tools = make_tools(Settings(), data_dir=tmp_path)
    rule = next(r for r in tools.resources.entity_rules.rules if r.id == "temple")
    for ex in rule.examples:
        found = {(m.text, m.type, m.rule) for m in extract_document(Document(id="t", text=ex.text), tools).mentions}
        assert ("白马寺", "Place", "temple") in found
    # kg's own tools know no such rule
    assert ("白马寺", "Place", "temple") not in mentions("游客参观白马寺后离开。")
