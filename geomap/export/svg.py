"""The report figure as SVG, written from the laid-out page by walking what Chromium drew.

Chromium prints PDF but not SVG, so the page serialises itself: Leaflet's own SVG layers (basemap,
border, lines, circles) are copied as vector paths at their place on the page; markers become pin
shapes in their colours (their Font Awesome glyph becomes a white dot); a canvas layer (big point
layers) is embedded as a PNG image; the heading, legend, sources, labels and scale bar become SVG
text, rectangles and lines placed where the page laid them out, line by line. Fonts are named, not
embedded: a viewer without system-ui uses its sans-serif.
"""

from __future__ import annotations

import json

from geomap.layers import MARKER_COLORS

SCRIPT = (
    "() => { const MARKER_COLORS = "
    + json.dumps(MARKER_COLORS, sort_keys=True)
    + r""";
    const W = innerWidth, H = innerHeight, out = [];
    const num = v => Math.round(v * 100) / 100;
    const esc = s => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
    const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const clear = c => !c || c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);
    const serializer = new XMLSerializer();
    let clipId = 0;

    const area = r => `x="${num(r.left)}" y="${num(r.top)}" `
        + `width="${num(r.width)}" height="${num(r.height)}"`;

    function pin(r, color) {
        // A drop of the icon's box: round head, point at the bottom middle, white glyph dot.
        const cx = r.left + r.width / 2, rad = Math.min(r.width, r.height) * 0.42, cy = r.top + rad + 1;
        const tip = r.top + r.height;
        out.push(`<path d="M${num(cx)} ${num(tip)} L${num(cx - rad * 0.8)} ${num(cy + rad * 0.6)} `
            + `A${num(rad)} ${num(rad)} 0 1 1 ${num(cx + rad * 0.8)} ${num(cy + rad * 0.6)} Z" `
            + `fill="${esc(color)}" stroke="#fff" stroke-width="1.5"/>`
            + `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(rad * 0.32)}" fill="#fff"/>`);
    }

    function marker(el) {
        const r = el.getBoundingClientRect();
        if (el.classList.contains('marker-cluster')) {
            const bg = getComputedStyle(el.firstElementChild || el).backgroundColor;
            out.push(`<circle cx="${num(r.left + r.width / 2)}" cy="${num(r.top + r.height / 2)}" `
                + `r="${num(r.width / 2)}" fill="${esc(bg)}"/>`);
            text(el);
            return;
        }
        const drop = el.querySelector('.geomap-pin-drop');
        let color = drop ? getComputedStyle(drop).backgroundColor : '#38aadd';
        const named = [...el.classList].find(c => c.startsWith('awesome-marker-icon-'));
        if (named) { color = MARKER_COLORS[named.slice(20)] || color; }
        pin(r, color);
    }

    function pane(el) {
        // Leaflet's panes, lowest z-index first; inside a pane, in the order drawn.
        const z = p => parseInt(getComputedStyle(p).zIndex) || 0;
        const leaves = [...el.querySelectorAll('.leaflet-pane')]
            .filter(p => !p.querySelector('.leaflet-pane'));
        leaves.sort((a, b) => z(a) - z(b));
        for (const p of leaves) {
            for (const child of p.children) {
                if (!visible(child)) { continue; }
                const r = child.getBoundingClientRect();
                if (child.tagName.toLowerCase() === 'svg') {
                    const inner = [...child.childNodes].map(n => serializer.serializeToString(n)).join('');
                    out.push(`<svg x="${num(r.left)}" y="${num(r.top)}" width="${num(r.width)}" `
                        + `height="${num(r.height)}" viewBox="${esc(child.getAttribute('viewBox') || '')}" `
                        + `overflow="hidden">${inner}</svg>`);
                } else if (child.tagName.toLowerCase() === 'canvas') {
                    out.push(`<image x="${num(r.left)}" y="${num(r.top)}" width="${num(r.width)}" `
                        + `height="${num(r.height)}" href="${child.toDataURL('image/png')}"/>`);
                } else if (p.classList.contains('leaflet-marker-pane')) {
                    marker(child);
                } else if (child.hasAttribute('data-line')) {  // a label's leader line (labels.py)
                    const at = child.closest('.folium-map').getBoundingClientRect();
                    const [x1, y1, x2, y2] = child.getAttribute('data-line').split(' ').map(Number);
                    const s = getComputedStyle(child), w = parseFloat(s.borderTopWidth) || 1;
                    out.push(`<line x1="${num(at.left + x1)}" y1="${num(at.top + y1)}" `
                        + `x2="${num(at.left + x2)}" y2="${num(at.top + y2)}" `
                        + `stroke="${esc(s.borderTopColor)}" stroke-width="${num(w)}"/>`);
                } else if (!p.classList.contains('leaflet-shadow-pane')) {
                    walk(child);
                }
            }
        }
    }

    function box(el) {
        // An element's background and borders.
        const s = getComputedStyle(el), r = el.getBoundingClientRect();
        if (!r.width || !r.height) { return; }
        const radius = parseFloat(s.borderTopLeftRadius) || 0;
        const rx = s.borderTopLeftRadius.endsWith('%') ? r.width / 2 : Math.min(radius, r.width / 2);
        const grad = s.backgroundImage.match(/rgba?\([^)]*\)/g);
        if (grad && s.backgroundImage.startsWith('linear-gradient')) {
            const id = `geomap-grad-${++clipId}`;
            const stops = grad.map((c, i) => `<stop offset="${num(i / Math.max(grad.length - 1, 1))}" `
                + `stop-color="${esc(c)}"/>`).join('');
            out.push(`<linearGradient id="${id}">${stops}</linearGradient>`
                + `<rect ${area(r)} rx="${num(rx)}" fill="url(#${id})"/>`);
        } else if (!clear(s.backgroundColor)) {
            out.push(`<rect ${area(r)} rx="${num(rx)}" fill="${esc(s.backgroundColor)}"/>`);
        } else if (grad && s.backgroundImage.startsWith('radial-gradient')) {
            out.push(`<circle cx="${num(r.left + r.width / 2)}" cy="${num(r.top + r.height / 2)}" `
                + `r="${num(r.width / 2)}" fill="${esc(grad[0])}"/>`);
        }
        const sides = [
            ['Top', r.left, r.top, r.right, r.top], ['Bottom', r.left, r.bottom, r.right, r.bottom],
            ['Left', r.left, r.top, r.left, r.bottom], ['Right', r.right, r.top, r.right, r.bottom],
        ];
        const round = rx > 0 && ['Top', 'Left', 'Bottom', 'Right'].every(
            k => s[`border${k}Width`] === s.borderTopWidth && s[`border${k}Color`] === s.borderTopColor);
        const width = parseFloat(s.borderTopWidth) || 0;
        if (round && width && s.borderTopStyle !== 'none' && !clear(s.borderTopColor)) {
            out.push(`<rect x="${num(r.left + width / 2)}" y="${num(r.top + width / 2)}" `
                + `width="${num(r.width - width)}" height="${num(r.height - width)}" rx="${num(rx)}" `
                + `fill="none" stroke="${esc(s.borderTopColor)}" stroke-width="${num(width)}"/>`);
            return;
        }
        for (const [k, x1, y1, x2, y2] of sides) {
            const w = parseFloat(s[`border${k}Width`]) || 0, c = s[`border${k}Color`];
            if (!w || s[`border${k}Style`] === 'none' || clear(c)) { continue; }
            const dashed = s[`border${k}Style`] === 'dashed';
            const dash = dashed ? ` stroke-dasharray="${num(w * 2)} ${num(w)}"` : '';
            const dx = k === 'Left' ? w / 2 : k === 'Right' ? -w / 2 : 0;
            const dy = k === 'Top' ? w / 2 : k === 'Bottom' ? -w / 2 : 0;
            out.push(`<line x1="${num(x1 + dx)}" y1="${num(y1 + dy)}" `
                + `x2="${num(x2 + dx)}" y2="${num(y2 + dy)}" `
                + `stroke="${esc(c)}" stroke-width="${num(w)}"${dash}/>`);
        }
    }

    function text(el) {
        // Each text node, one <text> per line it was laid out on.
        for (const node of el.childNodes) {
            if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) { continue; }
            const s = getComputedStyle(el), range = document.createRange();
            // Words, split after hyphens too (a file name wraps there); a line's text is the slice
            // of the node from its first word to its last.
            const words = [...node.textContent.matchAll(/[^\s-]+-?|-/g)];
            const lines = [];
            for (const w of words) {
                range.setStart(node, w.index);
                range.setEnd(node, w.index + w[0].length);
                const r = range.getBoundingClientRect();
                if (!r.width) { continue; }
                const end = w.index + w[0].length, last = lines[lines.length - 1];
                if (last && Math.abs(last.r.top - r.top) < 2) { last.end = end; last.right = r.right; }
                else { lines.push({r, start: w.index, end, right: r.right}); }
            }
            const halo = s.textShadow && s.textShadow !== 'none'
                ? ' stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"' : '';
            for (const line of lines) {
                const base = line.r.bottom - line.r.height * 0.22;
                out.push(`<text x="${num(line.r.left)}" y="${num(base)}" font-size="${esc(s.fontSize)}" `
                    + `font-weight="${esc(s.fontWeight)}" font-style="${esc(s.fontStyle)}" `
                    + `fill="${esc(s.color)}" `
                    + `textLength="${num(line.right - line.r.left)}" lengthAdjust="spacingAndGlyphs"${halo}>`
                    + `${esc(node.textContent.slice(line.start, line.end).replace(/\s+/g, ' '))}</text>`);
            }
        }
    }

    function number(li) {
        // An ordered list's number, right-aligned before the item's first line.
        const s = getComputedStyle(li), r = li.getBoundingClientRect();
        const n = [...li.parentElement.children].indexOf(li) + 1;
        const size = parseFloat(s.fontSize);
        out.push(`<text x="${num(r.left - size * 0.4)}" y="${num(r.top + size * 1.0)}" text-anchor="end" `
            + `font-size="${esc(s.fontSize)}" fill="${esc(s.color)}">${n}.</text>`);
    }

    function walk(el) {
        if (!visible(el)) { return; }
        const s = getComputedStyle(el);
        let clip = '';
        if (s.overflow === 'hidden' && el.classList.contains('folium-map')) {
            const r = el.getBoundingClientRect(), id = `geomap-clip-${++clipId}`;
            out.push(`<clipPath id="${id}"><rect x="${num(r.left)}" y="${num(r.top)}" `
                + `width="${num(r.width)}" height="${num(r.height)}"/></clipPath>`);
            clip = id;
        }
        box(el);
        if (el.tagName === 'LI' && el.parentElement.tagName === 'OL') { number(el); }
        if (clip) { out.push(`<g clip-path="url(#${clip})">`); }
        if (el.classList.contains('leaflet-map-pane')) { pane(el); }
        else {
            text(el);
            for (const child of el.children) {
                if (!['STYLE', 'SCRIPT', 'I'].includes(child.tagName)) { walk(child); }
            }
        }
        if (clip) { out.push('</g>'); }
    }

    walk(document.querySelector('.geomap-figure') || document.body);
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" `
        + `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif">`
        + `<title>${esc(document.title)}</title><rect width="${W}" height="${H}" fill="#fff"/>`
        + out.join('\n') + '</svg>\n';
}"""
)
