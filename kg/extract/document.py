"""The per-document step: one document in, its extraction out.

- ``make_tools(settings)`` loads the resources and builds the engines once per process;
  ``extract_document(doc, tools)`` is a pure function of the document and those tools:
  sentences, mentions, document-level entities, relations and co-occurrences
  (a :class:`~kg.model.DocExtraction`), so it runs the same in a loop or in a pool.
- ``pack(dx)`` and ``unpack(packed, doc)``, its packed form, which worker processes send
  back and the store keeps, live in :mod:`kg.extract.packed` (importable from here too),
  so that code reading stored results does not import the engines.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.config import Settings
from kg.extract.aliases import modifier_only_home_country
from kg.extract.counted import counted_mentions
from kg.extract.entities import EntityFinder, merge_aliases, resolve_references
from kg.extract.lac import LacSource
from kg.extract.packed import Packed, pack, unpack, with_field
from kg.extract.relations import RelationFinder, cooccurrences
from kg.extract.script import restore_original, script_and_view
from kg.extract.segment import Segmenter
from kg.model import DocEntity, DocExtraction, Document
from kg.read.furniture import SOURCE_NAMES_FIELD, name_fields
from kg.read.text import split_sentences
from kg.resources import Resources, load_resources

__all__ = ["Packed", "Tools", "extract_document", "make_tools", "pack", "unpack", "with_field"]


@dataclass
class Tools:
    """Resources plus the engines built from them, made once per process."""

    resources: Resources
    segmenter: Segmenter
    entities: EntityFinder
    relations: RelationFinder
    settings: Settings


def make_tools(settings: Settings, data_dir: str | Path | None = None) -> Tools:
    """The resources of ``data_dir`` and the engines built from them for ``settings``.

    The engines are kept within the process, as ``load_resources`` keeps the resources,
    for the same resources (the same object: an edited file loads new ones), backend and
    NER: a process that builds again (a library caller, ``bench/incremental.py``) does
    not make them again (0.3 s of CPU a build, a tenth of one that adds 10 stories to
    3,000). They keep no state a document's result depends on, only what they learnt of
    words, so any document gets the same result from them whatever was read before."""
    # the user dictionary of the settings too, so a library caller who only sets it gets it
    # (the CLI passes it inside data_dir as well; one named twice is loaded once)
    res = load_resources(data_dir, settings.user_dict or ())
    key = (id(res), settings.backend, settings.ner)
    kept = _ENGINES.get(key)
    if kept is None or kept[0] is not res:
        finder = EntityFinder(res)
        if settings.ner == "lac":
            finder.second = LacSource(finder)  # a ConfigError naming the extra when it is not installed
        segmenter = Segmenter(settings.backend, res.user_words(), res.titles, res.dictionary)
        kept = (res, segmenter, finder, RelationFinder(res))
        if len(_ENGINES) >= _KEPT_ENGINES:
            _ENGINES.pop(next(iter(_ENGINES)))  # the oldest
        _ENGINES[key] = kept
    return Tools(*kept, settings)


#: The engines ``make_tools`` made, by (id of the resources, backend, NER): (resources,
#: segmenter, entity finder, relation finder), the resources held so their id stays theirs.
_ENGINES: dict[tuple[int, str, str], tuple] = {}
#: Sets of engines kept at most (each about as big as its resources).
_KEPT_ENGINES = 4


def extract_document(doc: Document, tools: Tools, *, spans: bool = False) -> DocExtraction:
    """Sentences, mentions, document-level entities, relations and co-occurrences of one document.

    A traditional-character document is read through its simplified view (same offsets)
    and its result told again in its own characters (see :mod:`kg.extract.script`).
    With ``spans`` (the span view of ``kg annotate``) every mention of a name stays, even
    where the graph leaves it out (the home country named only as a modifier)."""
    script, view = script_and_view(doc.text)
    doc = with_field(doc, "script", script)
    if view is doc.text:
        return _extract_text(doc, tools, spans)
    return restore_original(_extract_text(with_field(doc, "text", view), tools, spans), doc)


def _outside_name_fields(text: str, span: tuple) -> list[tuple]:
    """The parts of a furniture span outside the name fields of a source line in it (the
    whole span when it holds none): the entity finder reads those fields."""
    start, end = span[0], span[1]
    fields = name_fields(text, start, end) if "：" in text[start:end] or ":" in text[start:end] else []
    if not fields:
        return [span]
    out = []
    at = start
    for s, e in fields:
        if s > at:
            out.append((at, s, *span[2:]))
        at = e
    if at < end:
        out.append((at, end, *span[2:]))
    return out


def _extract_text(doc: Document, tools: Tools, spans: bool = False) -> DocExtraction:
    text = doc.text
    sentences = split_sentences(text)
    furniture = list(doc.excluded)  # page furniture, found by the reader
    # the outlet and the editors of a source line (来源：黑龙江日报 编辑：刘才星) are names of the
    # document's; the line states no relation and no co-occurrence, so it stays furniture there
    # (a header line with a date may hold such a line: 2023-12-08 来源：黑龙江日报编辑：刘才星)
    named = [piece for span in furniture if not SOURCE_NAMES_FIELD.match(text, span[0]) for piece in _outside_name_fields(text, span)]
    # a long document is segmented in sections; the bounds of its tokens are what is kept
    mentions, bounds = tools.entities.find_sections(text, sentences, tools.segmenter.tokens, excluded=named)
    keyed, entities = merge_aliases(text, mentions, tools.resources)
    if not spans:
        keyed, entities = modifier_only_home_country(text, keyed, entities, tools.resources)
    references = resolve_references(text, keyed, entities, sentences, tools.resources, bounds.starts)
    if references:  # keyed is in (start, end) order already
        keyed = sorted(keyed + references, key=lambda m: (m.start, m.end))
    refs = {e.name: dict(e.attrs).get("ref", "") if e.attrs else "" for e in entities}
    relations = tools.relations.find(doc, sentences, keyed, bounds, skip=furniture, refs=refs)
    # every entity stays (a byline's reporter is a Person of the document), but only the
    # mentions that count (kg.extract.counted) add to its count and to co-occurrence
    counted = counted_mentions(doc, keyed)
    per_entity = Counter((m.type, m.key) for m in counted)
    entities = [
        e if e.mentions == (n := per_entity[(e.type, e.name)]) else DocEntity(e.name, e.type, e.aliases, n, e.attrs)
        for e in entities
    ]
    pairs, counts = cooccurrences(doc, sentences, counted, tools.settings.max_cooccurrence_entities, skip=furniture)
    return DocExtraction(
        doc=doc,
        sentences=sentences,
        mentions=tuple(keyed),
        entities=tuple(entities),
        relations=tuple(relations),
        cooccurrences=tuple(pairs),
        sentence_counts=tuple(counts.items()),
    )
