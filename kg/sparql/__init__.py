"""SPARQL over a build's RDF export: :mod:`kg.sparql.store` (the persistent Oxigraph store
next to the export), :mod:`kg.sparql.query` (``kg query`` and the bundled queries),
:mod:`kg.sparql.validate` (SHACL), :mod:`kg.sparql.serve` with
:mod:`kg.sparql.serve_pool` and :mod:`kg.sparql.sandbox` (``kg serve``: a read-only
endpoint whose query workers cannot reach the network or the disk).
"""
