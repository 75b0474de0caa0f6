"""How fast a large graph.html becomes usable in a browser.

Usage (from the repository root)::

    python3 bench/html_page.py                        # 2,000 nodes from the first 2,000 stories
    python3 bench/html_page.py --limit 6000 --nodes 3000 --runs 5
    python3 bench/html_page.py --keep /tmp/big.html   # also keep the page to look at it
    python3 bench/html_page.py --sample-screenshot docs/graph.png   # only the README picture

What it does:

1. extracts the first ``--limit`` stories of the CCTV benchmark corpus (``--corpus``,
   default ``../shared/bench/cctv_xinwenlianbo_2022-2026.jsonl.gz``, read in place and
   never copied into the repository; the first lines go to a temporary file);
2. writes the page with ``html_max_nodes = --nodes`` and times it (entity selection,
   layout and JSON: ``kg.export.html.page_data``; the whole ``write_html``);
3. opens it ``--runs`` times in headless Chromium (/usr/bin/chromium through Playwright,
   every request that is not a ``file:`` URL aborted), each time in a fresh browser
   context, and measures, from the moment navigation starts:

   - *drawn*: the page's script has run and vis-network has drawn the graph once (the
     page sets ``data-ready`` on ``<body>`` at its first ``afterDrawing``);
   - *interactive*: then a real mouse click on the most important node has selected it
     and filled the details panel (so the page answers input, not only paints);
   - *filter*: how long hiding one entity type takes (``kg.apply`` in the page).

It prints one line per run and the medians. The goal is *interactive* under 5 s for
2,000 nodes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))

from corpus_sample import head_lines

from kg import pipeline
from kg.config import Settings
from kg.export import html as viz
from kg.read.inputs import read_inputs
from tests.offline_browser import ARGS, CHROMIUM, VIEWPORT, file_urls_only

DEFAULT_CORPUS = REPO.parent / "shared" / "bench" / "cctv_xinwenlianbo_2022-2026.jsonl.gz"


def extraction(corpus: Path, limit: int):
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        source = Path(tmp) / f"first{limit}.jsonl"
        head_lines(corpus, limit, source)
        settings = Settings()
        documents, _files = read_inputs([source])
        tools = pipeline.make_tools(settings)
        return pipeline.merge(pipeline.extract_all(documents, tools), tools.resources, settings)


def open_offline(browser, path: Path):
    """A fresh context and page that may load file: URLs only."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    file_urls_only(page)
    return context, page


def measure(browser, path: Path) -> dict[str, float]:
    context, page = open_offline(browser, path)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    t0 = time.perf_counter()
    page.goto(path.resolve().as_uri(), wait_until="commit")
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=60_000)
    drawn = time.perf_counter() - t0
    top = page.evaluate("() => kg.data.nodes.findIndex(n => n.rank === 0)")
    name = page.evaluate(f"() => kg.data.nodes[{top}].label")
    dom = page.evaluate(f"() => kg.network.canvasToDOM(kg.network.getPositions([{top}])[{top}])")
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])
    page.wait_for_function(
        "name => document.querySelector('#details h2') &&"
        " document.querySelector('#details h2').textContent.includes(name)",
        arg=name,
        timeout=60_000,
    )
    interactive = time.perf_counter() - t0
    filter_ms = page.evaluate(
        """() => {
          const box = document.querySelector('input.type-filter');
          box.checked = false;
          const t = performance.now();
          kg.apply();
          const spent = performance.now() - t;
          box.checked = true;
          kg.apply();
          return spent;
        }"""
    )
    context.close()
    if errors:
        raise SystemExit(f"html_page: errors in the page: {errors}")
    return {"drawn": drawn, "interactive": interactive, "filter": filter_ms / 1000}


def sample_screenshot(browser, dest: Path) -> None:
    """The README picture: the sample corpus's page with 习近平 selected."""
    with tempfile.TemporaryDirectory(prefix="kg-shot-") as tmp:
        pipeline.build([pipeline.default_corpus()], tmp)
        context, page = open_offline(browser, Path(tmp) / "graph.html")
        page.set_viewport_size({"width": 1500, "height": 860})
        page.goto((Path(tmp) / "graph.html").as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached")
        page.evaluate(
            """() => {
              const i = kg.data.nodes.findIndex(n => n.label === '习近平');
              kg.network.selectNodes([i]);
              kg.network.body.emitter.emit('click', {nodes: [i], edges: []});
            }"""
        )
        page.wait_for_timeout(300)
        dest.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(dest))
        context.close()
    print(f"html_page: wrote {dest}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--corpus", default=str(DEFAULT_CORPUS), help="JSONL(.gz) corpus (default: the CCTV corpus)"
    )
    ap.add_argument("--limit", type=int, default=2000, help="first N stories (default 2000)")
    ap.add_argument("--nodes", type=int, default=2000, help="html_max_nodes (default 2000)")
    ap.add_argument("--runs", type=int, default=3, help="page loads to time (default 3)")
    ap.add_argument("--keep", metavar="HTML", help="keep the page at this path")
    ap.add_argument("--sample-screenshot", metavar="PNG", help="only write a screenshot of the sample's page")
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"html_page: {CHROMIUM} not found (apt-get install chromium fonts-noto-cjk)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            if args.sample_screenshot:
                sample_screenshot(browser, Path(args.sample_screenshot))
                return
            corpus = Path(args.corpus)
            if not corpus.is_file():
                raise SystemExit(f"html_page: corpus not found: {corpus}")
            t = time.perf_counter()
            ex = extraction(corpus, args.limit)
            print(
                f"html_page: {len(ex.docs)} stories -> {len(ex.entities)} entities, {len(ex.relations)} relations, "
                f"{len(ex.cooccurrences)} co-occurrences (extracted in {time.perf_counter() - t:.1f} s)"
            )
            settings = Settings(html_max_nodes=args.nodes)
            t = time.perf_counter()
            data = viz.page_data(ex, settings)
            data_s = time.perf_counter() - t
            with tempfile.TemporaryDirectory(prefix="kg-html-") as tmp:
                path = Path(args.keep) if args.keep else Path(tmp) / "graph.html"
                t = time.perf_counter()
                viz.write_html(ex, path, settings)
                write_s = time.perf_counter() - t
                print(
                    f"html_page: page of {data['shown']} nodes and {len(data['edges'])} edges: "
                    f"page_data (selection, layout) {data_s:.2f} s, write_html {write_s:.2f} s, "
                    f"{path.stat().st_size / 2**20:.1f} MB"
                )
                runs = []
                for i in range(args.runs):
                    r = measure(browser, path)
                    runs.append(r)
                    print(
                        f"html_page: run {i + 1}: drawn {r['drawn']:.2f} s, interactive {r['interactive']:.2f} s, "
                        f"type filter {r['filter'] * 1000:.0f} ms"
                    )
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            verdict = "under" if med["interactive"] < 5 else "OVER"
            print(
                f"html_page: median of {len(runs)}: drawn {med['drawn']:.2f} s, interactive {med['interactive']:.2f} s "
                f"({verdict} the 5 s goal), type filter {med['filter'] * 1000:.0f} ms"
            )
        finally:
            browser.close()


if __name__ == "__main__":
    main()
