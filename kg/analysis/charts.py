"""Charts as SVG written by hand, and the analysis report page that holds them.

SVG rather than PNG images from a plotting library: the charts are a few bars and lines,
text stays text (the browser draws the Chinese names with the reader's own CJK fonts, so
no font has to be found or embedded here), the files are small, and the same input gives
the same bytes without any metadata to pin. Every string that comes from a document
(entity names, titles, ids) is escaped with :func:`html.escape` before it enters SVG or
HTML.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from kg.export.html import FONT_STACK, TYPE_COLORS, UNKNOWN_COLOR
from kg.model import ENTITY_TYPES

__all__ = [
    "Html",
    "bar_panel",
    "communities_chart",
    "link",
    "links",
    "partial_periods",
    "report_html",
    "timeline_chart",
    "top_entities_chart",
]

#: Line colours of the time chart (colour-blind-safe, after Okabe and Ito).
SERIES_COLORS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#999999")
_FONT = html.escape(FONT_STACK, quote=True)


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def text_width(text: str, size: float) -> float:
    """Approximate width of ``text`` in pixels: CJK characters are square, others about half.

    >>> text_width("习近平", 10), text_width("AB", 10)
    (30.0, 12.0)
    """
    return sum(float(size) if ord(c) >= 0x2E80 else size * 0.6 for c in text)


def _clip(text: str, size: float, width: float) -> str:
    """``text`` shortened with … to fit ``width`` pixels."""
    if text_width(text, size) <= width:
        return text
    out = ""
    for c in text:
        if text_width(out + c + "…", size) > width:
            break
        out += c
    return out + "…"


def _fmt(value: float) -> str:
    """A tick or bar label: integers plainly, others with up to three significant digits."""
    if value == int(value) and abs(value) < 1e9:
        return f"{int(value):,}"
    return f"{value:.3g}"


def _svg(width: float, height: float, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{_FONT}" font-size="12" role="img">\n'
        f"<title>{_e(title)}</title>\n"
        f'<rect width="100%" height="100%" fill="#ffffff"/>\n' + "\n".join(body) + "\n</svg>\n"
    )


def bar_panel(
    x: float, y: float, width: float, title: str, items: Sequence[tuple[str, float]], color: str
) -> tuple[list[str], float]:
    """SVG elements of a titled horizontal bar chart at (x, y); returns them and the height.

    >>> parts, h = bar_panel(0, 0, 300, "人物", [("习近平", 10), ("<b>", 5)], "#e15759")
    >>> any("&lt;b&gt;" in p for p in parts), h
    (True, 64)
    """
    row, label_w = 18, min(130.0, width * 0.42)
    out = [
        f'<text x="{x:.1f}" y="{y + 14:.1f}" font-size="14" font-weight="bold" fill="#222">{_e(title)}</text>'
    ]
    top = max((v for _l, v in items), default=0) or 1
    bar_w = width - label_w - 50
    for i, (label, value) in enumerate(items):
        yy = y + 24 + i * row
        w = max(1.0, bar_w * value / top)
        out.append(
            f'<text x="{x + label_w - 6:.1f}" y="{yy + 12:.1f}" text-anchor="end" fill="#333">'
            f"{_e(_clip(label, 12, label_w - 8))}</text>"
        )
        out.append(
            f'<rect x="{x + label_w:.1f}" y="{yy + 2:.1f}" width="{w:.1f}" height="{row - 5}" fill="{color}">'
            f"<title>{_e(label)}: {_e(_fmt(value))}</title></rect>"
        )
        out.append(
            f'<text x="{x + label_w + w + 4:.1f}" y="{yy + 12:.1f}" fill="#555">{_e(_fmt(value))}</text>'
        )
    if not items:
        out.append(f'<text x="{x:.1f}" y="{y + 38:.1f}" fill="#888">—</text>')
        return out, 24 + row + 4
    return out, 24 + len(items) * row + 4


def top_entities_chart(
    top: Mapping[str, Sequence[Mapping[str, Any]]], key: str = "mentions", n: int = 10, title: str = ""
) -> str:
    """Small multiples: for each entity type, its ``n`` first entities by ``key``, as bars.

    ``top`` maps a type to rows with ``name`` and ``key`` (as :func:`kg.analysis.top_lists`
    gives them); types come in ``ENTITY_TYPES`` order, two panels a row.
    """
    types = [t for t in ENTITY_TYPES if t in top] + sorted(t for t in top if t not in ENTITY_TYPES)
    panel_w, gap, cols = 430, 30, 2
    body: list[str] = []
    y = 36 if title else 10
    if title:
        body.append(f'<text x="10" y="24" font-size="16" font-weight="bold" fill="#111">{_e(title)}</text>')
    for r in range(math.ceil(len(types) / cols)):
        row_h = 0.0
        for c in range(cols):
            k = r * cols + c
            if k >= len(types):
                break
            t = types[k]
            rows = sorted(top[t], key=lambda row: (-row[key], str(row.get("id", ""))))[:n]
            parts, h = bar_panel(
                10 + c * (panel_w + gap),
                y,
                panel_w,
                t,
                [(str(row["name"]), float(row[key])) for row in rows],
                TYPE_COLORS.get(t, UNKNOWN_COLOR),
            )
            body += parts
            row_h = max(row_h, h)
        y += row_h + 14
    return _svg(10 + cols * panel_w + gap, y, body, title or f"top entities by {key}")


def timeline_chart(
    series: Mapping[str, Mapping[str, int]],
    documents: Mapping[str, int] | None = None,
    title: str = "",
    width: int = 900,
    height: int = 380,
    *,
    first_date: str = "",
    last_date: str = "",
) -> str:
    """Lines of counts per period (``yyyy-mm`` or ``yyyy`` keys, gaps filled with 0), one per
    named series, with documents per period as grey bars behind them (own scale, its
    highest value written below the chart).

    ``first_date`` and ``last_date`` (``yyyy-mm-dd``) are the corpus's first and last dates.
    A first period they start after its first day, or a last period they end before its
    last day, holds only part of its days, so its counts are low for that reason alone:
    such a period gets dashed line segments, hollow points, an outlined document bar, the
    word "partial" above it and a note naming the dates, rather than looking like a drop.
    """
    periods = sorted({p for s in series.values() for p in s} | set(documents or {}))
    periods = _fill_periods(periods)
    partial = partial_periods(periods, first_date, last_date)
    left, right, top, bottom = 56, 170, 40 if title else 16, 62 if partial else 46
    plot_w, plot_h = width - left - right, height - top - bottom
    body: list[str] = []
    if title:
        body.append(f'<text x="10" y="24" font-size="16" font-weight="bold" fill="#111">{_e(title)}</text>')
    if not periods:
        body.append(f'<text x="{left}" y="{top + 20}" fill="#888">no dated documents</text>')
        return _svg(width, height, body, title or "timeline")
    ystep = _nice(max([v for s in series.values() for v in s.values()] + [1]) / 4)
    ymax = ystep * math.ceil(max([v for s in series.values() for v in s.values()] + [1]) / ystep)
    band = plot_w / len(periods)

    def px(i: int) -> float:
        return left + (i + 0.5) * band

    def py(v: float) -> float:
        return top + plot_h - plot_h * v / ymax

    unit = "year" if all(len(p) == 4 for p in periods) else "month"
    note = f"mentions per {unit}"
    if documents:
        dmax = max(documents.values()) or 1
        bw = max(1.0, band * 0.8)
        for i, p in enumerate(periods):
            v = documents.get(p, 0)
            if v:
                h = plot_h * 0.9 * v / dmax
                fill = 'fill="none" stroke="#aaa" stroke-dasharray="3 2"' if p in partial else 'fill="#e8e8e8"'
                what = f" ({partial[p]})" if p in partial else ""
                body.append(
                    f'<rect x="{px(i) - bw / 2:.1f}" y="{top + plot_h - h:.1f}" width="{bw:.1f}" height="{h:.1f}" '
                    f"{fill}><title>{_e(p)}: {v} documents{_e(what)}</title></rect>"
                )
        note += f"; grey bars: documents per {unit} (highest {_fmt(dmax)})"
    v = 0.0
    while v <= ymax + 1e-9:
        body.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{py(v):.1f}" y2="{py(v):.1f}" stroke="#eee"/>'
        )
        body.append(
            f'<text x="{left - 6}" y="{py(v) + 4:.1f}" text-anchor="end" fill="#666">{_e(_fmt(v))}</text>'
        )
        v += ystep
    body.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#999"/>'
    )
    every = max(1, math.ceil(len(periods) / 10))
    for i, p in enumerate(periods):
        if i % every == 0:
            body.append(
                f'<text x="{px(i):.1f}" y="{top + plot_h + 18}" text-anchor="middle" fill="#666">{_e(p)}</text>'
            )
    for i, p in enumerate(periods):
        if p in partial:
            anchor = "end" if i == len(periods) - 1 and i else "start" if i == 0 and len(periods) > 1 else "middle"
            edge = {"end": px(i) + band / 2, "start": px(i) - band / 2, "middle": px(i)}[anchor]
            body.append(
                f'<text x="{edge:.1f}" y="{top - 4}" text-anchor="{anchor}" font-size="10" fill="#888" '
                f'class="partial">partial<title>{_e(p)}: {_e(partial[p])}</title></text>'
            )
    for n, (name, counts) in enumerate(series.items()):
        color = SERIES_COLORS[n % len(SERIES_COLORS)]
        for run, dashed in _runs(periods, partial):
            points = " ".join(f"{px(i):.1f},{py(counts.get(periods[i], 0)):.1f}" for i in run)
            dash = ' stroke-dasharray="5 4"' if dashed else ""
            body.append(
                f'<polyline points="{points}" fill="none" stroke="{color}" stroke-width="2" '
                f'stroke-linejoin="round"{dash}><title>{_e(name)}</title></polyline>'
            )
        body += [
            f'<circle cx="{px(i):.1f}" cy="{py(counts.get(p, 0)):.1f}" r="2.5" '
            + (f'fill="#ffffff" stroke="{color}" stroke-width="1.5"/>' if p in partial else f'fill="{color}"/>')
            for i, p in enumerate(periods)
            if p in partial or len(periods) <= 24
        ]
        ly = top + 8 + n * 20
        body.append(
            f'<line x1="{width - right + 14}" x2="{width - right + 34}" y1="{ly}" y2="{ly}" '
            f'stroke="{color}" stroke-width="3"/>'
        )
        body.append(
            f'<text x="{width - right + 40}" y="{ly + 4}" fill="#333">{_e(_clip(name, 12, right - 44))}</text>'
        )
    if partial:
        body.append(f'<text x="{left}" y="{height - 22}" fill="#888" font-size="11">{_e(note)}</text>')
        said = "; ".join(f"{p} {partial[p]}" for p in periods if p in partial)
        body.append(
            f'<text x="{left}" y="{height - 8}" fill="#888" font-size="11">'
            f"{_e(f'dashed: partial {unit}, counts not comparable ({said})')}</text>"
        )
    else:
        body.append(f'<text x="{left}" y="{height - 8}" fill="#888" font-size="11">{_e(note)}</text>')
    return _svg(width, height, body, title or "timeline")


def partial_periods(periods: Sequence[str], first_date: str, last_date: str) -> dict[str, str]:
    """The periods (``yyyy-mm`` or ``yyyy``) that the corpus's dates cover only in part,
    with a few words saying which part: the first period when ``first_date`` is after
    its first day, the last when ``last_date`` is before its last day.

    >>> partial_periods(["2024-01", "2024-02"], "2024-01-05", "2024-02-29")
    {'2024-01': 'from 2024-01-05'}
    >>> partial_periods(["2023", "2024"], "2023-01-01", "2024-06-30")
    {'2024': 'up to 2024-06-30'}
    >>> partial_periods(["2024-02"], "2024-02-03", "2024-02-10")
    {'2024-02': 'from 2024-02-03 up to 2024-02-10'}
    """
    import calendar
    import re

    if not periods:
        return {}
    out: dict[str, list[str]] = {}
    first, last = periods[0], periods[-1]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", first_date) and first_date.startswith(first):
        start = f"{first}-01" if len(first) == 7 else f"{first}-01-01"
        if first_date > start:
            out.setdefault(first, []).append(f"from {first_date}")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", last_date) and last_date.startswith(last):
        if len(last) == 7:
            y, m = int(last[:4]), int(last[5:7])
            end = f"{last}-{calendar.monthrange(y, m)[1]:02d}" if 1 <= m <= 12 else last_date
        else:
            end = f"{last}-12-31"
        if last_date < end:
            out.setdefault(last, []).append(f"up to {last_date}")
    return {p: " ".join(words) for p, words in out.items()}


def _runs(periods: Sequence[str], partial: Mapping[str, str]) -> list[tuple[range, bool]]:
    """The index runs of a line, each with whether it is dashed: a segment is dashed when
    either end is a partial period. A single period is one undashed run (a point).

    >>> _runs(["a", "b", "c", "d"], {"d": ""})
    [(range(0, 3), False), (range(2, 4), True)]
    >>> _runs(["a", "b"], {"a": "", "b": ""})
    [(range(0, 2), True)]
    """
    if len(periods) < 2:
        return [(range(len(periods)), False)]
    runs: list[tuple[range, bool]] = []
    for i in range(len(periods) - 1):
        dashed = periods[i] in partial or periods[i + 1] in partial
        if runs and runs[-1][1] == dashed:
            runs[-1] = (range(runs[-1][0].start, i + 2), dashed)
        else:
            runs.append((range(i, i + 2), dashed))
    return runs


def _nice(v: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10^k at least ``v`` (a round step or maximum).

    >>> _nice(7), _nice(130), _nice(1)
    (10.0, 200.0, 1.0)
    """
    if v <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(v))
    for m in (1, 2, 2.5, 5, 10):
        if m * exp >= v:
            return float(m * exp)
    return float(10 * exp)


def _fill_periods(periods: Sequence[str]) -> list[str]:
    """Every month (or year) from the first to the last of ``periods``.

    >>> _fill_periods(["2023-11", "2024-02"])
    ['2023-11', '2023-12', '2024-01', '2024-02']
    >>> _fill_periods(["2022", "2024"])
    ['2022', '2023', '2024']
    """
    if not periods:
        return []
    if all(len(p) == 4 for p in periods):
        return [str(y) for y in range(int(periods[0]), int(periods[-1]) + 1)]
    if not all(len(p) == 7 for p in periods):
        return list(periods)
    y, m = int(periods[0][:4]), int(periods[0][5:7])
    end = (int(periods[-1][:4]), int(periods[-1][5:7]))
    out = []
    while (y, m) <= end:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def communities_chart(
    communities: Sequence[Any], names: Mapping[str, str], n: int = 12, title: str = ""
) -> str:
    """One stacked bar per community (the ``n`` largest): members by type, with its three
    most connected members as the label."""
    width, label_w, row = 900, 330, 24
    top = 40 if title else 12
    shown = list(communities[:n])
    biggest = max((len(c.members) for c in shown), default=1)
    body: list[str] = []
    if title:
        body.append(f'<text x="10" y="24" font-size="16" font-weight="bold" fill="#111">{_e(title)}</text>')
    bar_w = width - label_w - 70
    for i, c in enumerate(shown):
        y = top + i * row
        label = f"#{c.id} " + "、".join(names.get(m, m) for m in c.members[:3])
        body.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" fill="#333">'
            f"{_e(_clip(label, 12, label_w - 16))}</text>"
        )
        x = float(label_w)
        for t, k in c.types.items():
            w = bar_w * k / biggest
            body.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" '
                f'fill="{TYPE_COLORS.get(t, UNKNOWN_COLOR)}"><title>{_e(t)}: {k}</title></rect>'
            )
            x += w
        body.append(f'<text x="{x + 6:.1f}" y="{y + 15}" fill="#555">{len(c.members)}</text>')
    y = top + len(shown) * row + 14
    x = float(label_w)
    for t in ENTITY_TYPES:
        body.append(f'<rect x="{x:.1f}" y="{y - 10}" width="12" height="12" fill="{TYPE_COLORS[t]}"/>')
        body.append(f'<text x="{x + 16:.1f}" y="{y}" fill="#333">{_e(t)}</text>')
        x += 16 + text_width(t, 12) + 14
    if not shown:
        body.append(f'<text x="10" y="{top + 16}" fill="#888">no community (no edge)</text>')
    return _svg(width, y + 12, body, title or "communities")


_CSS = """
body { font-family: FONT; margin: 24px auto; max-width: 1000px; color: #222; line-height: 1.45; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
th, td { border-bottom: 1px solid #eee; padding: 3px 8px; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.muted { color: #777; } figure { margin: 12px 0; } svg { max-width: 100%; height: auto; }
""".replace("FONT", FONT_STACK)


class Html(str):
    """HTML made by this module's functions, its text already escaped: a table cell or
    page part that is one is put in as it is, any other string is escaped."""


def link(text: str, href: str) -> Html:
    """An escaped link; ``href`` is a relative path, its characters percent-encoded.

    >>> link("<b>", "periods/2024 01/a&b.csv")
    '<a href="periods/2024%2001/a%26b.csv">&lt;b&gt;</a>'
    """
    return Html(f'<a href="{_e(quote(href))}">{_e(text)}</a>')


def links(items: Sequence[tuple[str, str]], sep: str = ", ") -> Html:
    """Links (text, href) one after another, separated by ``sep`` (escaped)."""
    return Html(_e(sep).join(link(text, href) for text, href in items))


def _table(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = []
    for row in rows:
        cells = "".join(
            f"<td>{v}</td>"
            if isinstance(v, Html)
            else f'<td class="n">{_e(_fmt(v) if isinstance(v, float) else v)}</td>'
            if isinstance(v, int | float) and not isinstance(v, bool)
            else f"<td>{_e(v)}</td>"
            for v in row
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def report_html(title: str, sections: Sequence[tuple[str, str, list[str]]]) -> str:
    """A standalone page: ``sections`` are (heading, intro, HTML parts), the parts being SVG
    charts and tables already escaped by the functions of this module; the intro is text
    (escaped here) or :class:`Html`."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
    ]
    for heading, intro, parts in sections:
        out.append(f"<h2>{_e(heading)}</h2>")
        if intro:
            out.append(f'<p class="muted">{intro if isinstance(intro, Html) else _e(intro)}</p>')
        out.extend(parts)
    out.append("</body></html>\n")
    return "\n".join(out)


table = _table
