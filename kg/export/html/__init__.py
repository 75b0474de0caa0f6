"""The interactive HTML view: one self-contained, offline page.

The page is written here rather than with pyvis's ``write_html``/``show``: those copy a
``lib/`` folder into the working directory, write without an encoding and load resources
from CDNs. Only the vis-network JavaScript and CSS that ship inside the pyvis package are
used, inlined, so the page makes no network request; a Content-Security-Policy with
``default-src 'none'`` and hashes of our own scripts makes that a guarantee and keeps any
script smuggled in through the data from running.

Data from documents never becomes markup: it travels as JSON in
``<script type="application/json" id="kg-data">`` with ``<``, ``>``, ``&``, U+2028 and
U+2029 escaped (so ``</script>`` or ``<!--`` inside a sentence cannot end the element),
and the page builds its panels, lists and tooltips with ``createElement``/``textContent``.
The few document strings placed in the markup itself (the name in an ego page's title)
are escaped by the template's autoescape.

What the page holds (``page_data``), kept compact because a page may carry thousands of
nodes and edges; lists refer to each other by index:

- ``lang`` and ``ui``: the page's language (``Settings.lang``: ``zh`` by default, or
  ``en``) and its interface strings (``labels``);
- ``types``: ``[name, colour, label]`` per entity type; ``relations``: ``[name, colour,
  directed, label]`` per relation type, co-occurrence last (``label`` in ``lang``: 人物,
  担任职务 …; ``name`` is the machine name);
- ``docs``: ``[id, name, date as given, ISO date or ""]``, sorted by ISO date (undated
  last), then id; ``name`` is the title, else the first sentence cut to
  ``doctables.DOC_NAME_CHARS`` characters (never the id, which tells a reader nothing);
  ``sentences``: ``[doc, text]``; ``rules``: rule names;
- ``periods``: the time slider's steps, ``[label, first day, last day]`` per day, month or
  year (``doctables.periods``);
- ``nodes`` (the drawn entities): ``id``, ``label``, ``type``, ``aliases``, ``mentions``,
  ``docs`` (every document naming the entity, in date order), ``attrs``, ``size`` (from
  the mentions), ``x``/``y`` (the layout) and ``rank`` (0 = most important, for labels);
- ``edges`` (between drawn entities): ``f``/``t`` (node indices), ``k`` (relation type),
  ``w`` (weight: evidence sentences of a relation, sentences of a co-occurrence), ``ev``
  (``[sentence, rule]``, at most ``Settings.max_evidence``, or ``COOCCURRENCE_EVIDENCE``
  for a co-occurrence, in date order), ``n`` (all evidence), ``d`` (every document of
  the evidence, for the date filter), ``c`` (sentences per document of ``d``, only when
  one has more than one: the widths follow the chosen period) and, for co-occurrences,
  ``docs``, ``pmi`` and ``npmi``;
- ``more``: every entity that is not drawn, ``[id, name, type, aliases, mentions, docs]``,
  most mentioned first; its index on the page is ``len(nodes)`` plus its place here, so a
  search finds every entity of the corpus and adds one with its neighbours;
- ``more_edges``: the ``pagedata.UNDRAWN_EDGES`` strongest typed relations and as many
  strongest co-occurrences of each entity that is not drawn (to any entity), as rows of
  ``more_edge_fields`` (the keys of ``edges``), with ``pagedata.UNDRAWN_EVIDENCE``
  evidence sentence each: enough to place and explain an added entity, a fraction of the
  size of all its edges;
- ``kwic``: the concordance tab (用例) of each drawn entity: ``rows`` (per node, at most
  ``kwicdata.KWIC_ROWS`` of its mentions ``[doc, start, left, mention or "" for its
  name, right]`` with ``kwicdata.KWIC_WIDTH`` characters of context, spread over its
  mentions in date order), ``n`` (all its mentions), ``width``, ``cap`` and ``ui`` (see
  ``kwicdata``; ``kg kwic`` lists every mention);
- ``caption`` (in English: "showing N of M entities …"; the page shows it in ``lang``),
  ``cooccurrences_kept`` (``[kept, all]`` when the budget below left some out),
  ``shown``, ``total``, ``focus``, ``font``.

The page draws the ``Settings.html_max_nodes`` most mentioned entities (an ego page: the
nearest first) and at most ``COOCCURRENCE_EDGES_PER_NODE`` co-occurrence edges per node,
the strongest; it says how many it shows of how many.

Node positions are computed before the page opens (``positions``), so the browser runs no
physics and a large graph opens at once. Everything is seeded and sorted: same extraction
and settings, same bytes.

Modules: ``style`` (colours and fonts shared with the charts), ``labels`` (the words of
the page in Chinese or English), ``neighbourhood`` (which
entities: the most mentioned, or an ego network), ``positions`` (the layout),
``pagedata`` (the JSON the page carries; ``doctables`` its tables of documents, sentences
and rules, ``kwicdata`` its concordance part) and ``page``
(renders the page around it from the files in ``templates/``: ``page.html.j2`` the markup,
``graph.css`` the style, ``graph.js`` the script that reads the JSON and draws the graph,
``kwic.js`` the concordance tab).
"""

from __future__ import annotations

from kg.export.html.doctables import doc_name, iso_date, periods
from kg.export.html.neighbourhood import distances, ego_network, find_entity, select_entities
from kg.export.html.page import COOCCURRENCE_SHOWN, json_for_html, render_html, write_ego_html, write_html
from kg.export.html.pagedata import (
    COOCCURRENCE_EDGES_PER_NODE,
    COOCCURRENCE_EVIDENCE,
    UNDRAWN_EDGES,
    UNDRAWN_EVIDENCE,
    node_size,
    page_data,
)
from kg.export.html.positions import LAYOUT_SEED, layout
from kg.export.html.style import COOCCURRENCE_COLOR, FONT_STACK, RELATION_COLORS, TYPE_COLORS, UNKNOWN_COLOR

__all__ = [
    "COOCCURRENCE_COLOR",
    "COOCCURRENCE_EDGES_PER_NODE",
    "COOCCURRENCE_EVIDENCE",
    "COOCCURRENCE_SHOWN",
    "FONT_STACK",
    "LAYOUT_SEED",
    "RELATION_COLORS",
    "TYPE_COLORS",
    "UNDRAWN_EDGES",
    "UNDRAWN_EVIDENCE",
    "UNKNOWN_COLOR",
    "distances",
    "doc_name",
    "ego_network",
    "find_entity",
    "iso_date",
    "json_for_html",
    "layout",
    "node_size",
    "page_data",
    "periods",
    "render_html",
    "select_entities",
    "write_ego_html",
    "write_html",
]
