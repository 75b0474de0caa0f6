"""map.html in a real browser: headless Chromium driven by Playwright, network blocked.

As in tests/test_browser.py: the page is opened from disk with every request that is not
a ``file:`` URL aborted and recorded (a request to the network fails the test), with the
system's Chromium (tests/offline_browser.py; the ``browser`` fixture of tests/conftest.py);
without /usr/bin/chromium these tests are skipped.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from offline_browser import CHROMIUM, OfflinePage

from kg.config import Settings
from kg.export.geo import write_map
from kg.model import DocEntity, DocExtraction, Document, Entity, Extraction
from kg.pipeline import default_corpus, extract_corpus

HOSTILE = '<img src=x onerror="window.pwned=1"></script><script>window.pwned=2</script>'

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed")


class Page(OfflinePage):
    """map.html opened offline (see tests/offline_browser.py), with what its tests ask of it."""

    def slide(self, box: str, value: int) -> None:
        """Move a range slider as a user would: set it, then the input event."""
        self.js(
            "([id, v]) => { const b = document.getElementById(id); b.value = String(v);"
            " b.dispatchEvent(new Event('input', {bubbles: true})); }",
            [box, value],
        )


@pytest.fixture(scope="module")
def sample_map(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample_map")
    ex, _files, _tools = extract_corpus([default_corpus()], Settings())
    write_map(ex, out, Settings())
    return out


@pytest.fixture
def sample(browser, sample_map):
    page = Page(browser, sample_map / "map.html")
    yield page
    page.close()


def test_sample_map_draws_every_place_with_coordinates(sample, sample_map, tmp_path):
    features = json.loads((sample_map / "places.geojson").read_text(encoding="utf-8"))["features"]
    assert len(features) > 20
    assert sample.js("() => kgmap.drawn()") == len(features)
    assert sample.js("() => document.querySelectorAll('#canvas circle.place:not([display])').length") == len(
        features
    )
    # every circle lies inside the drawing area
    box = sample.page.locator("#canvas").bounding_box()
    inside = sample.js(
        "([w, h]) => Array.from(document.querySelectorAll('#canvas circle.place')).every(c => {"
        " const r = c.getBoundingClientRect(), s = document.getElementById('canvas').getBoundingClientRect();"
        " return r.left >= s.left - 1 && r.right <= s.right + 1 && r.top >= s.top - 1 && r.bottom <= s.bottom + 1; })",
        [box["width"], box["height"]],
    )
    assert inside
    # the most mentioned place is the largest circle and is labelled
    top = features[0]["properties"]["name"]
    labels = sample.js(
        "() => Array.from(document.querySelectorAll('#canvas text.label:not([display])')).map(t => t.textContent)"
    )
    assert top in labels
    radii = sample.js("() => kgmap.data.places.map((p, i) => p.xy ? kgmap.radius(i) : 0)")
    first = sample.js("() => kgmap.data.places.findIndex(p => p.xy)")
    assert sample.js("i => kgmap.data.places[i].name", first) == top
    assert max(radii) == radii[first] > min(r for r in radii if r)
    # the list names the drawn places, the unmapped ones are listed apart
    assert sample.page.locator("#places li").count() == len(features)
    unmapped = sample.js("() => kgmap.data.places.filter(p => !p.xy).length")
    assert sample.page.locator("#unmapped-list li").count() == unmapped > 0
    shot = tmp_path / "map.png"
    sample.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000


def test_time_filter_changes_what_is_drawn(sample):
    dates = sample.js("() => kgmap.data.dates")
    assert len(dates) >= 2
    everything = sample.js("() => kgmap.drawn()")
    sample.slide("date-to", 0)  # only the first date
    first_only = sample.js("() => kgmap.drawn()")
    assert 0 < first_only < everything
    assert sample.page.locator("#places li").count() == first_only
    assert sample.page.inner_text("#date-to-text") == dates[0]
    assert f"绘出 {first_only} 个地点" in sample.page.inner_text("#visible")  # Chinese by default
    # the places drawn are exactly those with a document of that date
    expected = sample.js(
        "d => kgmap.data.places.filter(p => p.xy && p.d.some(x => kgmap.data.docs[x[0]][2] === d)).length",
        dates[0],
    )
    assert first_only == expected
    sample.slide("date-from", len(dates) - 1)  # the from slider cannot pass the to slider
    assert sample.js("() => kgmap.drawn()") == first_only
    sample.page.click("#date-reset")
    assert sample.js("() => kgmap.drawn()") == everything


def test_colour_by_relation_and_details(sample):
    kind_fill = sample.js("() => kgmap.fill(kgmap.data.places.findIndex(p => p.xy))")
    located = sample.js("() => kgmap.data.relations.findIndex(r => r[0] === 'located_in')")
    sample.page.select_option("#colour-by", str(located))
    fills = set(sample.js("() => kgmap.data.places.map((p, i) => kgmap.fill(i)).filter(Boolean)"))
    colour = sample.js("k => kgmap.data.relations[k][1]", located)
    assert colour in fills and "#c8c8c8" in fills and kind_fill not in fills
    assert "有「位于」关系" in sample.page.inner_text("#legend")  # located_in, in Chinese
    sample.page.locator("#places button").first.click()
    name = sample.js("() => kgmap.data.places.find(p => p.xy).name")
    assert sample.page.inner_text("#details h2") == name
    assert "文档" in sample.page.inner_text("#details h3:last-of-type")


def test_hostile_names_stay_text(browser, tmp_path):
    doc = Document("d1", "x", title=HOSTILE, date="2024-01-02")
    place = Entity(
        "place/cn-110000",
        "Place",
        HOSTILE,
        (),
        2,
        ("d1",),
        (("adcode", "110000"), ("kind", "province"), ("lat", "39.9"), ("lon", "116.4")),
    )
    dx = DocExtraction(doc, (), (), (DocEntity(HOSTILE, "Place", mentions=2),), ())
    ex = Extraction((dx,), (place,), (), (), {("d1", HOSTILE): place.id})
    write_map(ex, tmp_path, Settings())
    page = Page(browser, tmp_path / "map.html")
    try:
        assert page.js("() => kgmap.drawn()") == 1
        page.page.locator("#places button").first.click()
        assert page.js("() => window.pwned") is None
        assert page.js("() => document.querySelectorAll('img').length") == 0
        assert page.page.inner_text("#details h2") == HOSTILE
        assert HOSTILE in page.page.inner_text("#details")  # the document's title, as text
    finally:
        page.close()
