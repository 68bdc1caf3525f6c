"""The PDF report figure of the bundled example corpus, rendered back to pixels with PDFium: one page
(A4 landscape unless a size is given), every text selectable and on the page, the labels, legend and
sources drawn where the figure laid them out, the symbols in the map and never under a panel."""

from __future__ import annotations

import pytest
from test_export_figure import (  # noqa: F401  (example: a fixture)
    LAYOUT,
    PANELS,
    _offline,
    example,
    inside,
    overlaps,
)

from geomap.export import write_map
from geomap.export.figure import figure_bounds
from geomap.export.image import make_figure

pdfium = pytest.importorskip("pypdfium2", reason="pip install 'geomap[test]' (pypdfium2)")

pytestmark = pytest.mark.browser

PT_PER_PX = 0.75  # a CSS pixel is 1/96 in, a PDF point 1/72 in
A4 = (841.89, 595.28)  # points
CASES = [(None, None), (600, 400), (800, 600)]  # the default page, the smallest figure, a common one


def layout(browser, page_file, bounds, width: int, height: int) -> dict:
    """What the figure draws where, as Chromium lays it out at that size (CSS pixels)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.route("**/*", _offline)
        page.goto(page_file.as_uri())
        make_figure(page, bounds)
        return page.evaluate(LAYOUT, PANELS)
    finally:
        context.close()


def words_at(text_page, word: str) -> list[list[float]]:
    """Boxes [left, top, right, bottom] in CSS pixels from the page's top-left, of each time the word
    is drawn as selectable text."""
    height = text_page.page.get_height()
    out, search = [], text_page.search(word, match_case=True)
    while (found := search.get_next()) is not None:
        start, count = found
        boxes = [text_page.get_charbox(i) for i in range(start, start + count)]
        left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
        bottom, top = min(b[1] for b in boxes), max(b[3] for b in boxes)
        out.append([v / PT_PER_PX for v in (left, height - top, right, height - bottom)])
    return out


def dark_share(pixels, box: list[float]) -> float:
    """Share of dark (text-coloured) pixels inside a box of the rendered page."""
    left, top, right, bottom = (round(v) for v in box)
    part = pixels[max(0, top) : bottom, max(0, left) : right, :3].astype(float)
    if part.size == 0:
        return 0.0
    luma = 0.299 * part[..., 0] + 0.587 * part[..., 1] + 0.114 * part[..., 2]
    return float((luma < 110).mean())


@pytest.mark.parametrize(("width", "height"), CASES, ids=["a4-default", "600x400", "800x600"])
def test_pdf_page_draws_the_figure_with_selectable_text_and_nothing_off_the_page(
    browser, example, tmp_path, width, height  # noqa: F811  (the fixture imported above)
):
    m, page_file, titles = example
    out = write_map(m, tmp_path / "figure.pdf", format="pdf", width=width, height=height)
    pdf = pdfium.PdfDocument(str(out))
    try:
        assert len(pdf) == 1
        page = pdf[0]
        size = page.get_size()
        if width is None:
            assert size == pytest.approx(A4, abs=1)  # A4 landscape by default (Chromium rounds to px)
            width, height = 1122, 793
        else:
            assert size == pytest.approx((width * PT_PER_PX, height * PT_PER_PX), abs=0.5)
        got = layout(browser, page_file, figure_bounds(m), width, height)
        text_page = page.get_textpage()
        text = text_page.get_text_range()
        # Selectable text: the title, the legend, the sources, the labels of the places.
        assert "Example border news" in text and "Legend" in text and f"Sources ({len(titles)})" in text
        assert "Natural Earth" in text  # the attribution
        # Every character drawn lies on the page: nothing cut off at its edges.
        page_box = [0, 0, size[0], size[1]]
        for i in range(text_page.count_chars()):
            box = text_page.get_charbox(i)
            if box[2] > box[0]:  # a drawn glyph, not a space or line break
                assert inside(list(box), page_box), (text_page.get_text_range(i, 1), box)
        pixels = page.render(scale=1 / PT_PER_PX, rev_byteorder=True).to_numpy()  # one pixel per CSS pixel
        assert pixels.shape[:2] == (round(size[1] / PT_PER_PX), round(size[0] / PT_PER_PX))
        # The labels the figure placed are in the PDF as text, where the figure put them, and show.
        assert len(got["labels"]) >= 3
        for label in got["labels"]:
            first = label["text"].split()[0]
            where = words_at(text_page, first)
            assert any(overlaps(w, label["box"]) for w in where), (label, where)
            assert dark_share(pixels, label["box"]) > 0.04, label
        # The legend and the sources are in the side panel, clear of the map's symbols.
        for word in ("Legend", "Sources"):
            (box,) = words_at(text_page, word)
            assert not inside(box, got["map"]) and any(inside(box, p) for p in got["panels"]), (word, box)
        for symbol in got["symbols"]:
            assert inside(symbol, got["map"]), symbol
            assert not any(overlaps(symbol, p) for p in got["panels"]), symbol
            # drawn: the symbol's box on the page is not blank basemap
            left, top, right, bottom = (round(v) for v in symbol)
            patch = pixels[top:bottom, left:right, :3]
            assert patch.size and patch.std() > 10, ("no symbol drawn at", symbol)
        page.close()
    finally:
        pdf.close()
