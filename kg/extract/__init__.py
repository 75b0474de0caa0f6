"""Extraction: from a cleaned document to entity mentions and relations with evidence.

- :mod:`kg.extract.script`: traditional characters read through a simplified view;
- :mod:`kg.extract.segment`: rjieba (or jieba) tokens with POS tags, as lists
  (``Tokens``), and token bounds;
- :mod:`kg.extract.patterns`: the entity rules written as token patterns in
  ``data/rules/entities.toml``, compiled once, matched over an encoded string of a
  document's tokens; the word classes the rules in code start at, asked once a word
  (the pattern language's compiler to regular expressions: :mod:`kg.extract.pattern_compile`);
- :mod:`kg.extract.spans`: sorted-span lookups that keep extraction linear in length;
- :mod:`kg.extract.scan`: whole-document regex scans tried only near the words a match needs;
- entity mentions: :mod:`kg.extract.entities` (``EntityFinder``: the shared matchers,
  candidates from every family, the choice among overlapping ones) over
  :mod:`~kg.extract.places`, :mod:`~kg.extract.persons` (with
  :mod:`~kg.extract.name_reader`, :mod:`~kg.extract.name_runs` and
  :mod:`~kg.extract.foreign_names`),
  :mod:`~kg.extract.bodies` (names ending in a suffix of ``data/rules/suffixes.tsv``,
  with :mod:`~kg.extract.body_walk` and :mod:`~kg.extract.body_parts`),
  :mod:`~kg.extract.other_names` (quoted names,
  abbreviations, datelines, sessions …) and :mod:`~kg.extract.candidates`; then
  :mod:`~kg.extract.aliases` (one entity per document for its names) and
  :mod:`~kg.extract.references` (这次会议, 习主席 resolved). Every rule is described,
  with its examples, in ``data/rules/entities.toml``;
- :mod:`kg.extract.counted`: the one definition of which mentions count (not bylines,
  credits or page furniture), used by the build and the analysis alike;
- relations: :mod:`kg.extract.relations` (``RelationFinder``) runs the rules of
  ``data/rules/relations.toml`` through :mod:`~kg.extract.relation_base`,
  :mod:`~kg.extract.relation_titles`, :mod:`~kg.extract.relation_places`,
  :mod:`~kg.extract.relation_triggers` and :mod:`~kg.extract.title_run`;
  :mod:`~kg.extract.cooccurrence`;
- :mod:`kg.extract.document`: one document's extraction (``make_tools``,
  ``extract_document``) and its packed form for worker processes;
- :mod:`kg.extract.lac`: an optional second source of names (Baidu's LAC model).

Modules here import :mod:`kg.model`, :mod:`kg.resources` and :mod:`kg.read`, never the
exports, the SPARQL layer or the pipeline.
"""
