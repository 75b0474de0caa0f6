"""The report's picture of the network: the main communities as a static SVG.

What VOSviewer and KH Coder show first is the network itself; the report draws it by
hand, as the other charts (:mod:`kg.analysis.charts`), so the file is small, text stays
text and the same input gives the same bytes.

What is drawn, and why:

- Nodes: the most connected members (by weighted degree) of the largest communities.
  A whole news corpus has thousands of entities; a picture of all of them is a grey ball,
  so the picture keeps ``per_community`` members of each of the ``max_communities``
  largest communities (those of at least two members) and says how many it left out.
- Positions: the graph page's layout (:func:`kg.export.html.layout`, the one the GEXF
  files carry too) run on the drawn nodes and every kept edge between them, with the
  page's node radii so that discs do not overlap. Laying out only the drawn nodes keeps
  the picture compact: positions taken from the whole graph would leave most of it empty.
- Size: disc area grows with mentions (radius with their square root), as a reader
  compares areas.
- Colour: the community, not the type. The picture is there to show which entities
  belong together; the types of each community are in the table and the stacked bars
  beside it, and eight community colours stay distinguishable where mixing types into
  communities would not. The legend names each community by its three most connected
  members.
- Edges: only the ``max_edges`` heaviest kept edges between drawn nodes (the note below
  the picture gives the lightest weight drawn, the threshold), width by weight; the
  layout still uses them all.
- Labels: the ``labels_per_community`` most connected members of each community, placed
  greedily (every community's first member first): right of the node, then left, above,
  below; a label that would overlap one already placed, or leave the picture, is
  skipped, so labels never overlap (the full name is in each node's tooltip).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from kg.analysis.charts import _clip, _e, _fmt, _svg, text_width
from kg.export.html import layout, node_size

__all__ = ["COMMUNITY_COLORS", "label_box", "network_chart"]

#: Community colours (Okabe and Ito's colour-blind-safe set, yellow replaced by a wine
#: red that stays visible on white, and a dark grey), one per drawn community.
COMMUNITY_COLORS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#882255", "#555555")

Box = tuple[float, float, float, float]


def label_box(x: float, y: float, text: str, size: float, anchor: str) -> Box:
    """The box (left, top, right, bottom) a label takes: ``x``, ``y`` as the SVG text's
    x and baseline, widths from :func:`kg.analysis.charts.text_width`.

    >>> label_box(10, 20, "习近平", 10, "start")
    (10, 11.0, 40.0, 22.5)
    >>> label_box(40, 20, "AB", 10, "end")
    (28.0, 11.0, 40.0, 22.5)
    """
    w = text_width(text, size)
    left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
    return (left, y - 0.9 * size, left + w, y + 0.25 * size)


def _overlap(a: Box, b: Box, pad: float = 1.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def _hits_disc(box: Box, cx: float, cy: float, r: float) -> bool:
    nx = min(max(cx, box[0]), box[2])
    ny = min(max(cy, box[1]), box[3])
    return (nx - cx) ** 2 + (ny - cy) ** 2 < r * r


def network_chart(
    graph: Any,
    communities: Sequence[Any],
    nodes: Mapping[str, Mapping[str, Any]],
    *,
    title: str = "",
    max_communities: int = 8,
    per_community: int = 15,
    labels_per_community: int = 3,
    max_edges: int = 150,
    width: int = 900,
    height: int = 620,
) -> str:
    """The main communities of ``graph`` (a networkx graph of kept edges with ``weight``)
    as SVG; ``communities`` as :func:`kg.analysis.leiden.communities` gives them and
    ``nodes`` (id -> row with ``name`` and ``mentions``). See the module docstring."""
    main = [c for c in communities if len(c.members) >= 2][: min(max_communities, len(COMMUNITY_COLORS))]
    top = 40 if title else 12
    body: list[str] = []
    if title:
        body.append(f'<text x="10" y="24" font-size="16" font-weight="bold" fill="#111">{_e(title)}</text>')
    if not main:
        body.append(f'<text x="10" y="{top + 16}" fill="#888">no community (no edge)</text>')
        return _svg(width, top + 32, body, title or "network")

    color_of: dict[str, str] = {}
    community_of: dict[str, int] = {}
    chosen: list[str] = []
    for k, c in enumerate(main):
        for m in c.members[:per_community]:
            chosen.append(m)
            color_of[m] = COMMUNITY_COLORS[k]
            community_of[m] = c.id
    drawn = set(chosen)
    weights: dict[tuple[str, str], float] = {}
    for a, b, d in graph.edges(data=True):
        if a in drawn and b in drawn and a != b:
            weights[(min(a, b), max(a, b))] = float(d.get("weight", 1.0))
    mentions = {m: int(nodes.get(m, {}).get("mentions", 0)) for m in chosen}
    name = {m: str(nodes.get(m, {}).get("name", m)) for m in chosen}
    pos = layout(chosen, dict(sorted(weights.items())), {m: node_size(mentions[m]) for m in chosen})

    # fit the layout into the plot area, left of the legend
    legend_w, margin = 250, 14
    plot = (margin, top + margin, width - legend_w - margin, height - 44 - margin)
    most = max(mentions.values()) or 1
    radius = {m: 3.0 + 9.0 * math.sqrt(mentions[m] / most) for m in chosen}
    xs = [pos[m][0] for m in chosen]
    ys = [pos[m][1] for m in chosen]
    span_x, span_y = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    room = 12.0  # the biggest disc and a short label's height stay inside the plot
    scale = min((plot[2] - plot[0] - 2 * room) / span_x, (plot[3] - plot[1] - 2 * room) / span_y)
    off_x = plot[0] + room + ((plot[2] - plot[0] - 2 * room) - span_x * scale) / 2
    off_y = plot[1] + room + ((plot[3] - plot[1] - 2 * room) - span_y * scale) / 2
    at = {m: (off_x + (pos[m][0] - min(xs)) * scale, off_y + (pos[m][1] - min(ys)) * scale) for m in chosen}

    heaviest = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:max_edges]
    wmax = heaviest[0][1] if heaviest else 1.0
    body.append('<g class="edges" fill="none" stroke-linecap="round">')
    for (a, b), w in sorted(heaviest, key=lambda kv: (kv[1], kv[0])):  # heaviest drawn last, on top
        same = community_of[a] == community_of[b]
        body.append(
            f'<line x1="{at[a][0]:.1f}" y1="{at[a][1]:.1f}" x2="{at[b][0]:.1f}" y2="{at[b][1]:.1f}" '
            f'stroke="{color_of[a] if same else "#999999"}" stroke-opacity="0.45" '
            f'stroke-width="{0.6 + 3.0 * w / wmax:.2f}"><title>{_e(name[a])} — {_e(name[b])}: '
            f"{_e(_fmt(w))}</title></line>"
        )
    body.append("</g>")
    body.append('<g class="nodes" stroke="#ffffff" stroke-width="0.8">')
    for m in sorted(chosen, key=lambda m: (-mentions[m], m)):  # small discs on top of big ones
        kind = nodes.get(m, {}).get("type", "")
        body.append(
            f'<circle cx="{at[m][0]:.1f}" cy="{at[m][1]:.1f}" r="{radius[m]:.1f}" fill="{color_of[m]}">'
            f"<title>{_e(name[m])} ({_e(kind)}): {mentions[m]} mentions, community {community_of[m]}"
            "</title></circle>"
        )
    body.append("</g>")
    body += _labels(main, per_community, labels_per_community, name, at, radius, plot)
    body += _legend(main, name, nodes, width - legend_w + 6, top + 6, legend_w - 16)
    shown_edges = f"the {len(heaviest)} heaviest of {len(weights)} kept edges between them"
    if heaviest:
        shown_edges += f" (weight ≥ {_fmt(heaviest[-1][1])})"
    left_out = graph.number_of_nodes() - len(chosen)
    drawn_note = (
        f"{len(chosen)} entities: the {per_community} most connected of each of the {len(main)} largest "
        f"communities ({left_out} others not drawn); disc area: mentions; colour: community"
    )
    notes = (drawn_note, f"lines: {shown_edges}; width: weight; labels that would overlap are left out")
    for i, note in enumerate(notes):
        body.append(f'<text x="10" y="{height - 26 + 14 * i}" fill="#888" font-size="11">{_e(note)}</text>')
    return _svg(width, height, body, title or "network")


def _labels(
    main: Sequence[Any],
    per_community: int,
    per_label: int,
    name: Mapping[str, str],
    at: Mapping[str, tuple[float, float]],
    radius: Mapping[str, float],
    plot: tuple[float, float, float, float],
) -> list[str]:
    """Labels placed greedily, none overlapping another or leaving ``plot``; a place that
    covers no other disc is preferred, one that covers a disc taken only when none is free."""
    order = [
        (rank, c.members[rank])
        for rank in range(per_label)
        for c in main
        if rank < min(len(c.members), per_community)
    ]
    placed: list[Box] = []
    halo = 'stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round"'
    out = [f'<g class="labels" fill="#111" {halo}>']
    for rank, m in order:
        size = 12.0 if rank == 0 else 11.0
        text = _clip(name[m], size, 110)
        cx, cy = at[m]
        r = radius[m]
        candidates = [
            (cx + r + 3, cy + size * 0.35, "start"),
            (cx - r - 3, cy + size * 0.35, "end"),
            (cx, cy - r - 3, "middle"),
            (cx, cy + r + size, "middle"),
        ]
        fits = []
        for x, y, anchor in candidates:
            box = label_box(x, y, text, size, anchor)
            inside = box[0] >= plot[0] and box[1] >= plot[1] and box[2] <= plot[2] and box[3] <= plot[3]
            if inside and not any(_overlap(box, b) for b in placed):
                covers = any(_hits_disc(box, *at[o], radius[o]) for o in at if o != m)
                fits.append((covers, x, y, anchor, box))
        if not fits:
            continue
        _covers, x, y, anchor, box = min(fits, key=lambda f: f[0])  # first free place, else first
        placed.append(box)
        weight = ' font-weight="bold"' if rank == 0 else ""
        out.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size:.0f}"{weight}>{_e(text)}</text>'
        )
    out.append("</g>")
    return out


def _legend(
    main: Sequence[Any],
    name: Mapping[str, str],
    nodes: Mapping[str, Mapping[str, Any]],
    x: float,
    y: float,
    width: float,
) -> list[str]:
    """One entry per drawn community: its colour, number, size and three most connected members."""
    out = [f'<text x="{x:.1f}" y="{y + 10:.1f}" font-weight="bold" fill="#222">communities</text>']
    for k, c in enumerate(main):
        yy = y + 30 + k * 36
        members = "、".join(name.get(m, str(nodes.get(m, {}).get("name", m))) for m in c.members[:3])
        out.append(f'<circle cx="{x + 6:.1f}" cy="{yy - 4:.1f}" r="6" fill="{COMMUNITY_COLORS[k]}"/>')
        out.append(
            f'<text x="{x + 18:.1f}" y="{yy:.1f}" fill="#222">#{c.id} · {len(c.members)} entities</text>'
        )
        out.append(
            f'<text x="{x + 18:.1f}" y="{yy + 15:.1f}" fill="#555" font-size="11">'
            f"{_e(_clip(members, 11, width - 18))}<title>{_e(members)}</title></text>"
        )
    return out
