"""Network analysis of an extraction (``kg analyze``): co-occurrence statistics, backbone,
centrality, communities, time, and the files Gephi and notebooks read (``kg.load``).

Co-occurrence is counted over units (sentences, paragraphs or documents) with bylines,
page furniture and nested names left out; a unit naming ``n`` entities gives each of its
pairs the weight ``1/(n-1)``; near-duplicate documents count once. Pairs are scored (PMI,
NPMI, Jaccard, Dice, G²), filtered (minimum count, disparity backbone, top-k), and the kept
graph gets degree, weighted degree, betweenness, PageRank and Leiden communities, for the
whole corpus and, with ``by``, per year or month. Each module's docstring says what it
does and why.

The parts, each importing only those above it:

- :mod:`kg.analysis.measures`: association measures, disparity alpha and pair weight.
- :mod:`kg.analysis.units`: the units of a document and the bylines left out of them.
- :mod:`kg.analysis.dedup`: near-duplicate documents (MinHash).
- :mod:`kg.analysis.counting`: documents made ready for counting; unit, pair and mention counts.
- :mod:`kg.analysis.centralities`: degree, weighted degree, betweenness, PageRank.
- :mod:`kg.analysis.leiden`: communities.
- :mod:`kg.analysis.layers`: :func:`analyze`, the tables and graph of the whole and of each period.
- :mod:`kg.analysis.xmlgraph`: GEXF 1.3 and GraphML written through ElementTree.
- :mod:`kg.analysis.graphfiles`: GEXF, GraphML and node-link JSON of the co-occurrence
  graph and of the typed (directed, multi-) graph of relations.
- :mod:`kg.analysis.neo4j`, :mod:`kg.analysis.vosviewer`: ``neo4j-admin`` import files,
  VOSviewer map and network files.
- :mod:`kg.analysis.summary`: ``summary.json`` and the top lists per type.
- :mod:`kg.analysis.charts`, :mod:`kg.analysis.network_svg`: SVG charts and the picture
  of the main communities, drawn by hand.
- :mod:`kg.analysis.report`: what ``report.html`` shows.
- :mod:`kg.analysis.write`: :func:`write_analysis`, the files of ``OUTDIR/analysis/``.
- :mod:`kg.analysis.notebook`: :func:`load`, the output read back as networkx and pandas.
- :mod:`kg.analysis.rule_hits`: relation and entity rules with their counts in an export
  (``kg rules``).

This module only gathers the public names, so ``from kg.analysis import analyze`` and
the rest keep working wherever they are defined.
"""

from __future__ import annotations

from kg.analysis.centralities import EXACT_BETWEENNESS_MAX, betweenness, centrality
from kg.analysis.counting import Counts, Prepared
from kg.analysis.graphfiles import (
    GRAPH_EDGE_ATTRS,
    GRAPH_NODE_ATTRS,
    gexf_text,
    graph_tables,
    graphml_text,
    node_link,
)
from kg.analysis.layers import DECIMALS, Analysis, Layer, analyze
from kg.analysis.leiden import Community, communities
from kg.analysis.measures import dice, disparity_alpha, jaccard, log_likelihood, npmi, pair_weight, pmi
from kg.analysis.notebook import Loaded, load
from kg.analysis.summary import summary, top_lists
from kg.analysis.units import byline_spans, window_units
from kg.analysis.write import (
    COMMUNITY_COLUMNS,
    DOCUMENT_COLUMNS,
    EDGE_COLUMNS,
    NODE_COLUMNS,
    RELATION_COLUMNS,
    write_analysis,
)

__all__ = [
    "COMMUNITY_COLUMNS",
    "DECIMALS",
    "DOCUMENT_COLUMNS",
    "EDGE_COLUMNS",
    "EXACT_BETWEENNESS_MAX",
    "GRAPH_EDGE_ATTRS",
    "GRAPH_NODE_ATTRS",
    "NODE_COLUMNS",
    "RELATION_COLUMNS",
    "Analysis",
    "Community",
    "Counts",
    "Layer",
    "Loaded",
    "Prepared",
    "analyze",
    "betweenness",
    "byline_spans",
    "centrality",
    "communities",
    "dice",
    "disparity_alpha",
    "gexf_text",
    "graph_tables",
    "graphml_text",
    "jaccard",
    "load",
    "log_likelihood",
    "node_link",
    "npmi",
    "pair_weight",
    "pmi",
    "summary",
    "top_lists",
    "window_units",
    "write_analysis",
]
