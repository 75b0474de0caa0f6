"""Tests of kg.analysis.rule_hits and `kg rules`: relation and entity rules listed with counts read
back from an export."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kg.analysis.rule_hits import (
    entity_rule_hits,
    entity_rule_lines,
    load_entity_rule_files,
    load_rules,
    rule_hits,
    rule_lines,
)
from kg.cli.outdir import rules as rules_command
from kg.errors import InputError

HEADER = "source,target,relation,source_name,target_name,weight,evidence_sentences,documents,pmi,npmi,rule,first_evidence\n"
#: relations.csv's header before the tables shared their column names
OLD_HEADER = "head_id,head,type,tail_id,tail,weight,evidence_sentences,documents,pmi,npmi,rule,first_evidence\n"


def _export(out, rows: str, docs: str, header: str = HEADER, encoding: str = "utf-8") -> None:
    out.mkdir()
    (out / "relations.csv").write_text(header + rows, encoding=encoding)
    (out / "documents.jsonl").write_text(docs, encoding="utf-8")


def test_counts_come_from_the_rule_columns(tmp_path):
    out = tmp_path / "out"
    _export(
        out,
        "p1,o1,holds_position,王晓东,长治市委,2,2,2,,,holds_position.title,a:x\n"
        "e1,p2,located_in,会,山西,1,1,1,,,located_in.host|located_in.venue,a:y\n"
        "p1,o1,co_occurs_with,王晓东,长治市委,2,2,2,0.1,0.1,co-occurrence.sentence,a:x\n"
        "p1,p3,met,王晓东,赵志刚,1,1,1,,,old.rule,b:z\n",
        '{"doc": "a", "relations": [{"rule": "holds_position.title"}, {"rule": "located_in.venue"}]}\n'
        '{"doc": "b", "relations": [{"rule": "holds_position.title"}, {"rule": "old.rule"}]}\n',
    )
    hits = {h.id: h for h in rule_hits(load_rules(), out)}
    assert (hits["holds_position.title"].relations, hits["holds_position.title"].evidence) == (1, 2)
    assert (hits["located_in.host"].relations, hits["located_in.host"].evidence) == (1, 0)
    assert (hits["located_in.venue"].relations, hits["located_in.venue"].evidence) == (1, 1)
    assert hits["met.pair"].relations == 0
    # co-occurrences are not relation rules; a rule the file lacks is listed, marked unknown
    assert "co-occurrence.sentence" not in hits
    assert not hits["old.rule"].known and hits["old.rule"].relations == 1
    lines = rule_lines(list(hits.values()))
    assert lines[0].split() == ["rule", "relation", "engine", "relations", "evidence", "triggers"]
    assert any(line.startswith("old.rule") and "(not in the rules file)" in line for line in lines)


@pytest.mark.parametrize(
    ("header", "encoding"),
    [(HEADER, "utf-8-sig"), (OLD_HEADER, "utf-8")],
    ids=["written with --excel", "an export before the shared column names"],
)
def test_an_excel_or_older_table_is_counted_too(tmp_path, header, encoding):
    rows = (
        "p1,王晓东,holds_position,o1,长治市委,2,2,2,,,holds_position.title,a:x\n"
        if header == OLD_HEADER
        else "p1,o1,holds_position,王晓东,长治市委,2,2,2,,,holds_position.title,a:x\r\n"
    )
    _export(tmp_path / "out", rows, "", header=header.replace("\n", "\r\n") if encoding == "utf-8-sig" else header,
            encoding=encoding)
    hits = {h.id: h for h in rule_hits(load_rules(), tmp_path / "out")}
    assert hits["holds_position.title"].relations == 1


def test_without_an_export_the_rules_are_listed_without_counts(tmp_path):
    hits = rule_hits(load_rules(), tmp_path)
    assert [h.id for h in hits] == [r.id for r in load_rules()]
    assert all(h.relations is None and h.evidence is None for h in hits)
    lines = rule_lines(hits)
    assert lines[0].split() == ["rule", "relation", "engine", "triggers"]
    visited = next(line for line in lines if line.startswith("visited.trigger"))
    assert "进行国事访问" in visited and visited.rstrip().split()[-1].startswith("+")


def test_a_table_that_is_not_an_export_is_one_clear_error(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "relations.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"relations.csv: not a relations table of kg build"):
        rule_hits(load_rules(), out)
    _export(tmp_path / "out2", "", "{not json\n")
    with pytest.raises(InputError, match=r"documents.jsonl:1: not a document record"):
        rule_hits(load_rules(), tmp_path / "out2")


# ------------------------------------------------------------------------- entity rules

def _manifest(out, entity_rules) -> None:
    counts = {"documents": 1} if entity_rules is None else {"documents": 1, "entity_rules": entity_rules}
    (out / "manifest.json").write_text(json.dumps({"counts": counts}), encoding="utf-8")


def test_entity_rule_counts_come_from_the_manifest(tmp_path):
    out = tmp_path / "out"
    _export(out, "p1,o1,holds_position,王晓东,长治市委,1,1,1,,,holds_position.title,a:x\n", "")
    _manifest(out, {"gazetteer": 7, "pos:name": 2, "suffix:市委": 0, "suffix:委": 3, "suffix:项目": 1, "old-rule": 4})
    hits = {h.id: h for h in entity_rule_hits(*load_entity_rule_files(), out)}
    assert (hits["gazetteer"].mentions, hits["pos:name"].mentions, hits["dotted"].mentions) == (7, 2, 0)
    assert hits["suffix:委"].mentions == 3 and hits["suffix:委"].types == ("Organization",)
    assert not hits["old-rule"].known and hits["old-rule"].mentions == 4
    lines = entity_rule_lines(list(hits.values()))
    assert lines[0].split()[:3] == ["rule", "types", "mentions"]
    rows = {line.split()[0]: line.split() for line in lines[1:]}
    assert rows["gazetteer"][1:3] == ["Place", "7"]
    assert rows["suffix:委"][1:3] == ["Organization", "3"]
    # suffix:项目 is a row of suffixes.tsv like 委, listed with its count
    assert rows["suffix:项目"][1:3] == ["Initiative", "1"]
    # the suffixes that gave nothing are one line: all rows but 委 and 项目
    suffixes = len(load_entity_rule_files()[1])
    assert rows["suffix:*"][2:4] == ["0", str(suffixes - 2)] and "suffix:市委" not in rows
    assert "(not in the rules files)" in " ".join(rows["old-rule"])


def test_without_counts_the_entity_rules_are_listed_alone(tmp_path):
    rules, suffixes = load_entity_rule_files()
    hits = entity_rule_hits(rules, suffixes, tmp_path)
    assert [h.id for h in hits][: len(rules)] == [r.id for r in rules]
    assert all(h.mentions is None for h in hits)
    lines = entity_rule_lines(hits)
    assert lines[0].split() == ["rule", "types", "trigger", "description"]
    assert lines[-1].split()[:3] == ["suffix:*", "-", str(len(suffixes))]
    assert len(lines) == 1 + len(rules) + 1


@pytest.mark.parametrize(
    ("text", "message"),
    [("{not json", "manifest.json: not a manifest of kg build"),
     ('{"counts": {"entity_rules": {"gazetteer": "many"}}}', "counts.entity_rules must map rule ids to numbers")],
    ids=["not json", "counts not numbers"],
)
def test_a_bad_manifest_is_one_clear_error(tmp_path, text, message):
    (tmp_path / "manifest.json").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        entity_rule_hits(*load_entity_rule_files(), tmp_path)


def test_kg_rules_lists_entity_rules_after_relation_rules(tmp_path):
    out = tmp_path / "out"
    _export(out, "p1,o1,holds_position,王晓东,长治市委,1,1,1,,,holds_position.title,a:x\n", "")
    _manifest(out, {"gazetteer": 5, "suffix:委": 2})
    result = CliRunner().invoke(rules_command, ["-d", str(out)])
    assert result.exit_code == 0, result.output
    relation_part, entity_part = result.stdout.split("\n\n")
    assert relation_part.splitlines()[0].split()[0:2] == ["rule", "relation"]
    entity_rows = {line.split()[0]: line.split() for line in entity_part.splitlines()[1:]}
    assert entity_rows["gazetteer"][1:3] == ["Place", "5"] and entity_rows["suffix:委"][2] == "2"
    # an export whose manifest predates the counts: listed, and a note says why there are none
    _manifest(out, None)
    older = CliRunner().invoke(rules_command, ["-d", str(out)])
    assert older.exit_code == 0 and "has no entity rule counts" in older.stderr
    assert older.stdout.split("\n\n")[1].splitlines()[0].split() == ["rule", "types", "trigger", "description"]
