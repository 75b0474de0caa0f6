"""Which rule made which edges and names: the rules of data/rules/relations.toml with the
number of relations and evidence sentences each one gave in an export of `kg build`, and the
entity rules (data/rules/entities.toml, and one per row of data/rules/suffixes.tsv) with the
number of mentions each one gave.

The counts are read back from the export (``relations.csv`` and ``documents.jsonl``, see
kg/export/tables.py; the entity rules' from ``counts.entity_rules`` of ``manifest.json``) rather
than recomputed, so they describe exactly the graph a user is looking at, without extracting
the corpus again.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.model import COOCCURS, ENTITY_TYPES
from kg.resources import RelationRule, SuffixRule, default_data_dir, load_relation_rules, load_suffixes
from kg.resources.rules import EntityRule, load_entity_rules
from kg.textwidth import display_width, pad


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
    widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    numeric = {3, 4} if counted else set()

    def fmt(row: list[str]) -> str:
        cells = [pad(c, w, i in numeric) for i, (c, w) in enumerate(zip(row, widths))]
        return "  ".join([*cells, row[-1]]).rstrip()

    return [fmt(header), *(fmt(r) for r in rows)]


# ---------------------------------------------------------------------------- entity rules
@dataclass(frozen=True)
class EntityRuleHits:
    """One entity rule and the mentions it gave in an export (None: no count in the export)."""

    id: str
    types: tuple[str, ...]
    trigger: str
    description: str
    mentions: int | None = None
    #: False for a rule the export names but the current rules files no longer have
    known: bool = True
    #: a row of rules/suffixes.tsv (listed one line each only when it gave mentions)
    suffix_row: bool = False


def load_entity_rule_files(
    data_dir: str | Path | None = None,
) -> tuple[tuple[EntityRule, ...], tuple[SuffixRule, ...]]:
    """The entity rules and suffix rows of ``data_dir`` (default: kg's own data); a folder
    lacking one of the two files takes kg's own (a rules file of an overlay replaces kg's)."""
    own = default_data_dir() / "rules"
    here = Path(data_dir) / "rules" if data_dir is not None else own
    entities = here / "entities.toml" if (here / "entities.toml").is_file() else own / "entities.toml"
    suffixes = here / "suffixes.tsv" if (here / "suffixes.tsv").is_file() else own / "suffixes.tsv"
    return load_entity_rules(entities).rules, load_suffixes(suffixes)


def _mention_counts(path: Path) -> Counter[str] | None:
    """``counts.entity_rules`` of a manifest: mentions per rule id; None when the manifest
    has none (an export made before the build recorded them)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(str(path), f"cannot read: {e}") from e
    except json.JSONDecodeError as e:
        raise InputError(str(path), f"not a manifest of kg build ({e})") from None
    counts = data.get("counts") if isinstance(data, dict) else None
    if not isinstance(counts, dict):
        raise InputError(str(path), "not a manifest of kg build (no counts)")
    raw = counts.get("entity_rules")
    if raw is None:
        return None
    if not isinstance(raw, dict) or not all(isinstance(v, int) and not isinstance(v, bool) for v in raw.values()):
        raise InputError(str(path), "counts.entity_rules must map rule ids to numbers of mentions")
    return Counter({str(k): v for k, v in raw.items()})


def entity_rule_hits(
    rules: tuple[EntityRule, ...], suffixes: tuple[SuffixRule, ...], outdir: str | Path | None = None
) -> list[EntityRuleHits]:
    """The entity rules in file order, then the suffix rows in file order, with the mentions
    each gave in ``outdir``'s manifest (None when there is no count). Rule ids the export
    names that the files lack follow, in id order, marked ``known=False``."""
    counts = None
    if outdir is not None and (Path(outdir) / "manifest.json").is_file():
        counts = _mention_counts(Path(outdir) / "manifest.json")
    out = [
        EntityRuleHits(r.id, r.types, r.trigger, r.description, None if counts is None else counts[r.id])
        for r in rules
    ]
    for row in suffixes:
        rid = f"suffix:{row.suffix}"
        description = f"a {row.body} body of {row.min_body}+ characters before {row.suffix}"
        out.append(EntityRuleHits(rid, (row.type,), f"the suffix {row.suffix}", description,
                                  None if counts is None else counts[rid], suffix_row=True))
    if counts is not None:
        ids = {h.id for h in out}
        for rid in sorted(set(counts) - ids):
            out.append(EntityRuleHits(rid, (), "", "", counts[rid], known=False))
    return out


def entity_rule_lines(hits: list[EntityRuleHits], trigger_width: int = 28) -> list[str]:
    """An aligned table: rule, types, mentions (when counted), trigger (shortened) and
    description. Counted, the suffix rows that gave no mention are summed up in one line,
    as they are many; without counts they are one line too."""
    counted = any(h.mentions is not None for h in hits)
    header = ["rule", "types"] + (["mentions"] if counted else []) + ["trigger", "description"]
    rows = []
    quiet_suffixes = 0
    suffix_rows = [h for h in hits if h.suffix_row]
    for h in hits:
        if h.suffix_row and not h.mentions:
            quiet_suffixes += 1
            continue
        trigger = _cut(h.trigger, trigger_width)
        types = "any" if set(h.types) == set(ENTITY_TYPES) else ",".join(h.types) or "?"
        row = [h.id, types] + ([str(h.mentions)] if counted else [])
        row += [trigger or "-", h.description if h.known else "(not in the rules files)"]
        rows.append(row)
    if quiet_suffixes:
        what = "with no mention" if counted else "(rules/suffixes.tsv)"
        if quiet_suffixes == len(suffix_rows) and not counted:
            what = "rows of rules/suffixes.tsv, one rule per suffix"
        row = ["suffix:*", "-"] + (["0"] if counted else []) + [f"{quiet_suffixes} suffixes", what]
        rows.append(row)
    # columns padded by display width: a Chinese character takes two cells of a terminal
    widths = [max(display_width(r[i]) for r in [header, *rows]) for i in range(len(header) - 1)]
    numeric = {2} if counted else set()

    def fmt(row: list[str]) -> str:
        cells = [pad(c, w, i in numeric) for i, (c, w) in enumerate(zip(row, widths))]
        return "  ".join([*cells, row[-1]]).rstrip()

    return [fmt(header), *(fmt(r) for r in rows)]


def _cut(text: str, width: int) -> str:
    """``text`` cut to ``width`` display cells, an ellipsis marking the cut."""
    if display_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"
