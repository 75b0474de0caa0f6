"""Exports of a build: :mod:`kg.export.tables` (CSV/JSONL tables and the manifest, the
CSVs as :mod:`kg.export.csvtext` writes every table of kg), :mod:`kg.export.rdf` (the
vocabulary and the RDF serialisations) and :mod:`kg.export.html` (the offline
interactive page).

Exports read the merged extraction (:class:`kg.model.Extraction`) and the graph of
:mod:`kg.graph`; they never import the pipeline, the SPARQL layer or the CLI.
"""
