"""A corpus-sized traffic table in real headless Chromium (network blocked): one circle per crossing,
metric and period, whose popup says how many reports it stands for and quotes the latest of them."""

from __future__ import annotations

import pytest
from aggregate_helpers import CROSSINGS, METRICS, REPORTS, YEARS, big_traffic
from test_browser_readable import DRAWN, open_map

from geomap.export import write_html
from geomap.layers import builtin_layers
from geomap.layers.aggregate import MAX_QUOTES
from geomap.model import Document
from geomap.render import build_map

pytestmark = pytest.mark.browser

# Each traffic circle's popup opened in turn: its aggregated summary and how many quotes it shows.
POPUPS = """() => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    const out = [];
    map.eachLayer(l => {
        if (!l.feature || !l.getPopup() || l.options.className !== 'geomap-traffic') { return; }
        l.openPopup();
        const content = l.getPopup().getElement().querySelector('.leaflet-popup-content');
        const cells = [...content.querySelectorAll('.geomap-popup-fields tr')]
            .map(tr => [tr.querySelector('th').innerText, tr.querySelector('td').innerText]);
        out.push({fields: Object.fromEntries(cells), quotes: content.querySelectorAll('blockquote').length});
        l.closePopup();
    });
    return out;
}"""


def test_big_traffic_table_draws_one_circle_per_group_with_its_summary(offline_page, tmp_path):
    page, log = offline_page
    table = big_traffic()
    documents = [Document(id=d, path=d, title="", date=None, source=d, text="") for d in sorted(table["doc"])]
    m = build_map(builtin_layers({"traffic": table}), title="Aggregated", documents=documents)
    open_map(page, write_html(m, tmp_path / "m.html", inline_assets=False))
    groups = len(CROSSINGS) * len(METRICS) * len(YEARS)
    assert page.evaluate(DRAWN, "traffic") == groups
    popups = page.evaluate(POPUPS)
    assert len(popups) == groups
    for popup in popups:
        assert popup["fields"]["Aggregated"].startswith(f"{REPORTS} reports in {REPORTS} documents; median")
        assert popup["quotes"] == MAX_QUOTES
    legend = page.locator(".geomap-legend").inner_text()
    assert f"from {len(table):,} reports" in legend
    assert page.locator(".geomap-sources summary").inner_text().endswith(f"quoted of {len(table):,})")
    assert log.problems() == []
