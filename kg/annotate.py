"""Entity mentions with character offsets, one record at a time: the span-level view.

``annotate(records, tools)`` turns records ``{"id", "text"}`` into
``{"id", "entities": [{"start", "end", "type", "text"}]}``, the form span-level NER scorers
read, so the entity stage can be measured on public NER corpora (MSRA, People's Daily 1998,
CLUENER2020) sentence by sentence.

Offsets index the text exactly as given. The readers' cleaning (line joining, space and
furniture handling) is not run, because it may shift characters and the gold offsets of a
public corpus refer to the raw sentence; ``Document(id=..., text=text)`` is built directly.

Which mentions are kept:

- reference mentions (``rule == "reference"``: 我省 standing for 山西) are left out; they
  are not names written in the text;
- nested mentions (``rule`` starting with ``nested-``: 晋中市 inside 晋中市委) are real
  names in the text and are kept, unless ``flat=True``: the public corpora are flat (no
  span inside another), so flat output drops every mention contained in another kept one,
  and takes the public corpora's spans where they read a name otherwise than the graph
  (:mod:`kg.flat_view`, :mod:`kg.span_units`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.flat_view import (
    OUTER_TYPES,
    abbreviations_in_words,
    as_span_type,
    bare_bodies,
    congresses_as_bodies,
    country_opens_company,
    doctrine_founders,
    governments_as_places,
    media_with_their_place,
    prize_founders,
    provinces_of_regions,
    regions_without_diqu,
    split_region_of_two,
    surnames_of_address,
    without_new_or_former,
)
from kg.model import Document, Mention
from kg.span_bodies import armies_as_places, bodies_of_titles, bodies_with_terms, level_bodies, places_as_teams
from kg.span_units import units_whole

if TYPE_CHECKING:  # the pipeline imports every stage; only a type is needed here
    from kg.pipeline import Tools

__all__ = ["annotate", "annotate_record", "select_mentions"]


def annotate(
    records: Iterable[dict], tools: Tools, *, flat: bool = False, source: str = "line"
) -> Iterator[dict]:
    """Annotate each record ``{"id", "text"}`` with its entity mentions.

    Args:
        records: mappings with an ``id`` and a ``text`` string; other keys are ignored.
        tools: from ``kg.pipeline.make_tools``.
        flat: drop mentions contained in another kept mention (the public corpora's
            convention); by default nested names (晋中市 in 晋中市委) are kept too.
        source: how errors name the record: ``"{source} {n}"`` with ``n`` counted from 1
            (``"line 3"``).

    Yields:
        ``{"id": <the record's id as given>, "entities": [{"start", "end", "type", "text"}]}``
        with ``text[start:end] == entity["text"]``, sorted by (start, -end).

    Raises:
        InputError: a record is not a mapping, or has no ``text`` string or no ``id``;
            the message names the record's line.
    """
    for n, record in enumerate(records, 1):
        yield annotate_record(record, tools, flat=flat, where=f"{source} {n}")


def annotate_record(record: Any, tools: Tools, *, flat: bool = False, where: str = "record") -> dict:
    """One record of ``annotate``; ``where`` names it in an ``InputError`` (``"in.jsonl:3"``)."""
    from kg.pipeline import extract_document

    if not isinstance(record, dict):
        raise InputError(where, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(where, 'no "text" string')
    if "id" not in record or record["id"] is None:
        raise InputError(where, 'no "id"')
    rid = record["id"]
    dx = extract_document(Document(id=str(rid), text=text), tools, spans=True)
    mentions = list(dx.mentions)
    # a bare surname before a title or form of address (吴先生, 江主席) mentions a person
    taken = [(m.start, m.end) for m in mentions if m.rule != "reference"]
    tokens = tools.segmenter.tokens(text)
    for s, e in tools.entities.surname_references(text, tokens):
        if not any(a < e and s < b for a, b in taken):
            mentions.append(Mention(s, e, text[s:e], "Person", 0, "surname-reference"))
    if flat:
        taken = [(m.start, m.end) for m in mentions if m.rule != "reference"]
        founders = doctrine_founders(tokens, tools.entities.res) + prize_founders(tokens, tools.entities.res)
        for s, e in founders + surnames_of_address(text, tokens, tools.entities.res.surnames, tools.entities.res.dictionary):
            if not any(a < e and s < b for a, b in taken):
                mentions.append(Mention(s, e, text[s:e], "Person", 0, "doctrine-founder"))
        place_forms = tools.entities.res.place_forms
        mentions = bodies_of_titles(text, tokens, mentions, tools.entities.res.dictionary)  # 内政部长 -> 内政部
        mentions = country_opens_company(
            mentions,
            lambda form: any(len(i) == 2 and i.isupper() and i != "CN" for i in place_forms.get(form, ())),
            lambda form: form == "中国",
        )
        types = tools.entities.res.span_types
        mentions = [as_span_type(m, types) for m in mentions]
        mentions = governments_as_places(mentions, place_forms)
        mentions = regions_without_diqu(mentions, place_forms, tools.entities.res.lexicon_forms)
        mentions = provinces_of_regions(mentions)  # 陕北 -> 陕
        mentions = without_new_or_former(mentions, tools.entities.res)
        mentions = congresses_as_bodies(mentions)
        mentions = units_whole(text, tokens, mentions)  # 教育部高校学生司, 澳门日报社
        mentions = level_bodies(text, tokens, mentions, tools.entities.res.dictionary)  # 市审计局
        mentions += media_with_their_place(text, mentions)
        mentions = [p for m in mentions for p in split_region_of_two(m)]
        mentions += abbreviations_in_words(text, tokens, mentions)
        mentions += bare_bodies(text, tokens, mentions)
        mentions = bodies_with_terms(text, mentions)  # 第六届全国人大, 首届立法会
        mentions = places_as_teams(text, mentions)  # 意大利、巴西队; 第一轮山东对江苏
        mentions = armies_as_places(mentions, place_forms)  # 印度军队 -> 印度
    return {
        "id": rid,
        "entities": [
            {"start": m.start, "end": m.end, "type": m.type, "text": text[m.start : m.end]}
            for m in select_mentions(mentions, flat=flat)
        ],
    }


def select_mentions(mentions: Iterable[Mention], *, flat: bool = False) -> list[Mention]:
    """The mentions that name something in the text, sorted by (start, -end).

    Reference mentions are dropped; one mention per (start, end, type); with ``flat``,
    a mention contained in a longer kept one is dropped as well, and of two mentions with
    the same span only the first (a non-nested rule first) is kept. Event and Initiative
    names, which the public PER/LOC/ORG corpora do not annotate, give way in flat output
    to the people, places and bodies inside them.

    >>> ms = [Mention(0, 3, "晋中市", "Place", 0, "nested-place"),
    ...       Mention(0, 4, "晋中市委", "Organization", 0, "suffix:委"),
    ...       Mention(5, 7, "我省", "Place", 0, "reference")]
    >>> [m.text for m in select_mentions(ms)]
    ['晋中市委', '晋中市']
    >>> [m.text for m in select_mentions(ms, flat=True)]
    ['晋中市委']
    """
    ordered = sorted(
        (m for m in mentions if m.rule != "reference"),
        key=lambda m: (m.start, -m.end, m.rule.startswith("nested-"), m.type),
    )
    if flat:
        # names of people, places and bodies first; an event or programme name is kept only
        # where it holds none of them (中国共产党 inside 中国共产党与世界政党高层对话会 is the
        # span a PER/LOC/ORG corpus annotates)
        named = _flat([m for m in ordered if m.type not in OUTER_TYPES])
        taken = [(m.start, m.end) for m in named]
        outer = [m for m in _flat([m for m in ordered if m.type in OUTER_TYPES]) if not any(a < m.end and m.start < b for a, b in taken)]
        return sorted(named + outer, key=lambda m: (m.start, -m.end))
    out: list[Mention] = []
    seen: set[tuple[int, int, str]] = set()
    for m in ordered:
        if (m.start, m.end, m.type) in seen:
            continue
        seen.add((m.start, m.end, m.type))
        out.append(m)
    return out




def _flat(ordered: list[Mention]) -> list[Mention]:
    """Drop every mention inside an earlier kept one.

    ``ordered`` is sorted by start, then longest first: every kept mention starts at or
    before the current one, so the current one lies inside a kept one exactly when it
    ends no further right than the furthest-reaching kept mention. A second mention of a
    kept one's span is such a one, whatever its type.
    """
    out: list[Mention] = []
    reach = -1
    for m in ordered:
        if m.end <= reach:
            continue
        reach = m.end
        out.append(m)
    return out
