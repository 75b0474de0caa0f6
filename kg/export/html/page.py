"""The page around the data: the templates in ``templates/`` rendered with Jinja2.

``page.html.j2`` is the markup, ``graph.css`` the page's style, ``graph.js`` its
script and ``kwic.js`` the concordance tab's, files a front-end developer can read and
edit; this module only prepares values and renders. Everything goes into one offline file: vis-network's JavaScript and CSS are
inlined from the pyvis package, and a Content-Security-Policy with ``default-src 'none'``
and hashes of the three scripts makes that a guarantee and keeps any script smuggled in
through the data from running.

Escaping: the page template is rendered with autoescape, with the standard library's
``html.escape`` (see :mod:`kg.export.html.render`, shared with ``map.html``); only our own code and the JSON of ``#kg-data``
(``json_for_html``, safe inside ``<script>``) are marked safe.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

from markupsafe import Markup

from kg.config import Settings
from kg.errors import ResourceError
from kg.export.html.labels import caption, ego_scope
from kg.export.html.neighbourhood import ego_network, find_entity
from kg.export.html.pagedata import page_data
from kg.export.html.render import csp_hash, json_for_html, own_script, own_style, template
from kg.export.kwic import MentionIndex
from kg.model import COOCCURS, Entity, Extraction

#: Whether co-occurrence edges are drawn when the page opens. They outnumber the typed
#: relations five to one and mostly link everything to the few most mentioned entities,
#: so the page opens on the typed relations; they still shape the layout.
COOCCURRENCE_SHOWN = False

_VIS_DIR = ("templates", "lib", "vis-9.1.2")

#: The page's name in error messages about its templates.
PAGE = "graph.html"

# json_for_html is part of kg.export.html (imported from here); it lives in kg.export.html.render.
__all__ = ["COOCCURRENCE_SHOWN", "json_for_html", "render_html", "write_ego_html", "write_html"]


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """The vis-network JavaScript and CSS shipped inside the pyvis package."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ResourceError("pyvis is not installed; it provides vis-network for graph.html")
    base = Path(next(iter(spec.submodule_search_locations))).joinpath(*_VIS_DIR)
    try:
        js = (base / "vis-network.min.js").read_text(encoding="utf-8")
        css = (base / "vis-network.css").read_text(encoding="utf-8")
    except OSError as e:
        raise ResourceError(f"{base}: vis-network files not found in pyvis: {e}") from e
    # Neither file contains these today; the guard keeps a future version from closing our
    # <script>/<style> element early. Both replacements mean the same to JS and CSS.
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE).replace("<!--", "<\\!--")
    css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    return js, css


def _controls(data: dict) -> dict[str, object]:
    """Values for the filter boxes: entity types and relation types with their colours,
    names as the reader sees them and counts among the drawn, and the time slider's
    periods (``None``: no dates)."""
    per_type = [0] * len(data["types"])
    for n in data["nodes"]:
        per_type[n["type"]] += 1
    per_rel = [0] * len(data["relations"])
    for e in data["edges"]:
        per_rel[e["k"]] += 1
    periods = data["periods"]
    return {
        "types": [
            {"name": name, "label": label, "color": color, "count": per_type[i]}
            for i, (name, color, label) in enumerate(data["types"])
        ],
        "relations": [
            {
                "name": name,
                "label": label,
                "color": color,
                "count": per_rel[k],
                "cooccurrence": name == COOCCURS,
                "shown": COOCCURRENCE_SHOWN or name != COOCCURS,
            }
            for k, (name, color, _directed, label) in enumerate(data["relations"])
        ],
        "dates": {"first": periods[0][0], "last": periods[-1][0], "steps": len(periods)} if periods else None,
    }


def render_html(
    ex: Extraction,
    settings: Settings,
    *,
    focus: str | None = None,
    scope: str = "",
    title: str = "",
    local_scope: str | None = None,
    mentions: MentionIndex | None = None,
) -> str:
    """The page as a string (see ``write_html``)."""
    vis_js, vis_css = _vis_assets()
    script = own_script("graph.js", PAGE)
    kwic_script = own_script("kwic.js", PAGE)
    data = page_data(ex, settings, focus=focus, scope=scope, mentions=mentions)
    t = data["ui"]
    scope_line = caption(
        data["shown"], data["total"], scope if local_scope is None else local_scope,
        data["cooccurrences_kept"], settings.lang,
    )
    controls = _controls(data)
    # the data as JSON now, and dropped: on a large corpus the data and its JSON are most of
    # what the page holds in memory, and the page text is made after the data is gone
    data_json = Markup(json_for_html(data))
    del data
    csp = (
        "default-src 'none'; "
        f"script-src {csp_hash(vis_js)} {csp_hash(kwic_script)} {csp_hash(script)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    return template("page.html.j2", PAGE).render(
        csp=csp,
        lang=settings.lang,
        t=t,
        heading=t["heading"] + (("：" if settings.lang == "zh" else ": ") + title if title else ""),
        caption=scope_line,
        data_json=data_json,
        # Code, not data: vis-network from pyvis (guarded in _vis_assets) and our own files.
        vis_js=Markup(vis_js),
        vis_css=Markup(vis_css),
        page_js=Markup(script),
        kwic_js=Markup(kwic_script),
        page_css=Markup(own_style("graph.css", PAGE)),
        **controls,
    )


def write_html(
    ex: Extraction,
    path: str | Path,
    settings: Settings,
    *,
    focus: str | None = None,
    scope: str = "",
    title: str = "",
    local_scope: str | None = None,
    mentions: MentionIndex | None = None,
) -> None:
    """Write the interactive graph page to ``path`` (UTF-8, self-contained, deterministic).

    Nodes are the ``settings.html_max_nodes`` most mentioned entities (with ``focus``,
    an entity id, the nearest to it first; the page then opens with it selected),
    coloured by type and sized by mentions; edges are the typed relations (coloured by
    type, arrows, width by evidence) and the co-occurrences (grey, dashed, off when the
    page opens) between them. The page filters by entity type, relation type, weight and
    document dates, finds entities by name or alias, and shows a node's documents or an
    edge's evidence sentences (at most ``settings.max_evidence``, fewer for a
    co-occurrence) on click. ``title``
    is added to the page heading, ``scope`` to the "showing N of M entities" line (in
    English in the data; ``local_scope``, in ``settings.lang``, on the page if given).
    ``mentions``: the build's mention index for the concordance tab (see ``page_data``).
    """
    text = render_html(ex, settings, focus=focus, scope=scope, title=title, local_scope=local_scope,
                       mentions=mentions)  # a failure writes nothing
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with open(p, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_ego_html(
    ex: Extraction,
    name: str,
    path: str | Path,
    settings: Settings,
    *,
    depth: int = 1,
    cooccurrence: bool = True,
    mentions: MentionIndex | None = None,
) -> tuple[Entity, Extraction]:
    """Write the page of the entity called ``name`` (name, alias or id; see
    ``find_entity``) and its neighbourhood (see ``ego_network``); return the entity and
    the neighbourhood. The page opens with the entity selected; ``mentions`` as for
    ``write_html``."""
    centre = find_entity(ex, name)
    sub = ego_network(ex, centre.id, depth, cooccurrence)
    write_html(
        sub,
        path,
        settings,
        focus=centre.id,
        title=centre.name,
        scope=ego_scope(centre.name, depth, not cooccurrence, "en"),
        local_scope=ego_scope(centre.name, depth, not cooccurrence, settings.lang),
        mentions=mentions,
    )
    return centre, sub
