"""SPARQL over a build's RDF export: :mod:`kg.sparql.store` (the persistent Oxigraph store
next to the export), :mod:`kg.sparql.query` (``kg query``: running a query) with
:mod:`kg.sparql.prefixes`, :mod:`kg.sparql.bundled` (the bundled queries),
:mod:`kg.sparql.check` (what a query must pass before it runs) and
:mod:`kg.sparql.results` (result formats), :mod:`kg.sparql.validate` (SHACL),
:mod:`kg.sparql.serve` (``kg serve``: a read-only endpoint) with
:mod:`kg.sparql.serve_protocol`, :mod:`kg.sparql.serve_app`, :mod:`kg.sparql.serve_page`,
:mod:`kg.sparql.serve_pool`, :mod:`kg.sparql.serve_worker` and :mod:`kg.sparql.sandbox`
(its query workers cannot reach the network or the disk).
"""
