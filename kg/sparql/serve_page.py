"""The HTML query page of ``kg serve`` (``/``): a query box, the bundled queries as
examples and the results as a table. Every value is HTML-escaped; no script, no external
resource (the app sends a Content-Security-Policy that forbids them).
"""

from __future__ import annotations

import html
import json
from urllib.parse import quote

from kg.sparql.prefixes import compact_iri
from kg.sparql.serve_protocol import Answer

DEFAULT_QUERY = """SELECT ?type (COUNT(?entity) AS ?entities)
WHERE { ?entity a ?type . FILTER(STRSTARTS(STR(?type), STR(kg:))) }
GROUP BY ?type
ORDER BY DESC(?entities)
"""

_CSS = """
body { font-family: system-ui, sans-serif; margin: 1.5em; }
textarea { width: 100%; font-family: ui-monospace, monospace; font-size: 0.9em; }
table { border-collapse: collapse; margin-top: 1em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
.error { color: #a00; white-space: pre-wrap; }
.note { color: #555; }
pre { background: #f7f7f7; padding: 0.5em; overflow: auto; }
"""


def _cell(binding: dict | None) -> str:
    if not binding:
        return ""
    kind, value = binding.get("type"), str(binding.get("value", ""))
    if kind == "uri":
        describe = "/?query=" + quote(f"DESCRIBE <{value}>", safe="")
        return f'<a href="{html.escape(describe, quote=True)}">{html.escape(compact_iri(value))}</a>'
    if kind == "bnode":
        return html.escape(f"_:{value}")
    return html.escape(value)


def render_answer(answer: Answer, max_rows: int) -> str:
    """The HTML of a query's results (table, boolean, graph or error), escaped."""
    if answer.status != 200:
        return f'<p class="error">{html.escape(answer.body.decode("utf-8", "replace").strip())}</p>'
    truncated = answer.headers.get("X-Result-Truncated") == "true"
    note = f'<p class="note">Only the first {max_rows} results are shown.</p>' if truncated else ""
    if answer.kind == "graph":
        return f"{note}<pre>{html.escape(answer.body.decode('utf-8'))}</pre>"
    doc = json.loads(answer.body)
    if "boolean" in doc:
        return f"<p><strong>{'true' if doc['boolean'] else 'false'}</strong></p>"
    variables = doc["head"]["vars"]
    rows = doc["results"]["bindings"]
    head = "".join(f"<th>{html.escape(v)}</th>" for v in variables)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{_cell(r.get(v))}</td>" for v in variables) + "</tr>" for r in rows
    )
    count = f'<p class="note">{len(rows)} row{"" if len(rows) == 1 else "s"}</p>'
    return f"{note}{count}<table><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>"


def render_page(query_text: str, result_html: str, examples: list, triples: int) -> str:
    """The query page: form, example links, results."""
    links = " · ".join(
        f'<a href="/?example={quote(q.name)}" title="{html.escape(q.question, quote=True)}">{html.escape(q.name)}</a>'
        for q in examples
    )
    return f"""<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>kg SPARQL</title>
<style>{_CSS}</style>
</head>
<body>
<h1>kg SPARQL</h1>
<p class="note">{triples} triples. Prefixes kg:, id:, schema:, skos:, prov:, dcterms:, geo:, xsd:, rdfs:, rdf:, owl:
are bound. The protocol endpoint is <code>/sparql</code>.</p>
<form method="post" action="/">
<textarea name="query" rows="14">{html.escape(query_text)}</textarea>
<p><button type="submit">Run</button></p>
</form>
<p>Examples: {links}</p>
{result_html}
</body>
</html>
"""
