"""Extraction: from a cleaned document to entity mentions and relations with evidence.

- :mod:`kg.extract.script`: traditional characters read through a simplified view;
- :mod:`kg.extract.segment`: rjieba (or jieba) tokens with POS tags and the token bounds;
- :mod:`kg.extract.spans`: sorted-span lookups that keep extraction linear in length;
- :mod:`kg.extract.entities`: mentions of the six entity types, aliases merged, references
  resolved;
- :mod:`kg.extract.relations`: typed relations from the rules of ``data/rules/relations.toml``
  and co-occurrence;
- :mod:`kg.extract.lac`: an optional second source of names (Baidu's LAC model).

Modules here import :mod:`kg.model`, :mod:`kg.resources` and :mod:`kg.read`, never the
exports, the SPARQL layer or the pipeline.
"""
