"""Which relation rule made which edges: the rules of data/rules/relations.toml with the
number of relations and evidence sentences each one gave in an export of `kg build`.

The counts are read back from the export's tables (``relations.csv`` and
``documents.jsonl``, see kg/export/tables.py) rather than recomputed, so they describe exactly the
graph a user is looking at, without extracting the corpus again.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.model import COOCCURS
from kg.resources import RelationRule, default_data_dir, load_relation_rules


@dataclass(frozen=True)
class RuleHits:
    """One rule and its counts in an export; the counts are None when there is no export."""

    id: str
    relation: str
    engine: str
    triggers: tuple[str, ...]
    #: typed edges of relations.csv whose ``rule`` column names this rule
    relations: int | None = None
    #: relation records of documents.jsonl (a relation's first evidence sentence in each
    #: document) whose ``rule`` is this one
    evidence: int | None = None
    #: False for a rule the export names but the current rules file no longer has
    known: bool = True


def load_rules(data_dir: str | Path | None = None) -> tuple[RelationRule, ...]:
    """The relation rules of ``data_dir`` (default: kg's own data)."""
    data = Path(data_dir) if data_dir is not None else default_data_dir()
    return load_relation_rules(data / "rules" / "relations.toml")


def _relation_counts(path: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    try:
        # utf-8-sig: a table written with --excel starts with a byte-order mark
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            columns = set(reader.fieldnames or ())
            # ``type`` in exports made before the tables named it ``relation``
            relation = "relation" if "relation" in columns else "type"
            if not {relation, "rule"} <= columns:
                raise InputError(str(path), "not a relations table of kg build (no relation and rule columns)")
            for row in reader:
                # co-occurrences are not made by relation rules
                if row[relation] != COOCCURS:
                    counts.update(r for r in (row["rule"] or "").split("|") if r)
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise InputError(str(path), f"cannot read: {e}") from e
    return counts


def _evidence_counts(path: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    try:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    counts.update(r.get("rule") or "" for r in record.get("relations", []))
                except (json.JSONDecodeError, AttributeError) as e:
                    raise InputError(f"{path}:{n}", f"not a document record of kg build ({e})") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(str(path), f"cannot read: {e}") from e
    counts.pop("", None)
    return counts


def rule_hits(rules: tuple[RelationRule, ...], outdir: str | Path | None = None) -> list[RuleHits]:
    """The rules in file order with their counts in ``outdir``; counts stay None when
    ``outdir`` holds no relations.csv. Rules the export names that ``rules`` lacks (an
    export made with other rules) follow, in id order, marked ``known=False``."""
    rel = ev = None
    if outdir is not None and (Path(outdir) / "relations.csv").is_file():
        rel = _relation_counts(Path(outdir) / "relations.csv")
        docs = Path(outdir) / "documents.jsonl"
        ev = _evidence_counts(docs) if docs.is_file() else Counter()
    out = [
        RuleHits(r.id, r.relation, r.engine, r.triggers,
                 None if rel is None else rel[r.id], None if ev is None else ev[r.id])
        for r in rules
    ]
    if rel is not None and ev is not None:
        ids = {r.id for r in rules}
        for rid in sorted((set(rel) | set(ev)) - ids):
            out.append(RuleHits(rid, "", "", (), rel[rid], ev[rid], known=False))
    return out


def _shorten(words: tuple[str, ...], width: int) -> str:
    """Trigger words joined with commas, cut to ``width`` characters with a count of the rest."""
    text = ""
    for i, w in enumerate(words):
        more = f" +{len(words) - i}"
        piece = w if not text else f",{w}"
        if len(text) + len(piece) > width:
            return text + more
        text += piece
    return text or "-"


def rule_lines(hits: list[RuleHits], triggers_width: int = 24) -> list[str]:
    """An aligned table: id, relation, engine, relations, evidence, triggers."""
    counted = any(h.relations is not None for h in hits)
    header = ["rule", "relation", "engine"] + (["relations", "evidence"] if counted else []) + ["triggers"]
    rows = []
    for h in hits:
        row = [h.id, h.relation or "?", h.engine or "?"]
        if counted:
            row += [str(h.relations), str(h.evidence)]
        row.append(_shorten(h.triggers, triggers_width) if h.known else "(not in the rules file)")
        rows.append(row)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    numeric = {3, 4} if counted else set()

    def fmt(row: list[str]) -> str:
        cells = [c.rjust(w) if i in numeric else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
        return "  ".join([*cells, row[-1]]).rstrip()

    return [fmt(header), *(fmt(r) for r in rows)]
