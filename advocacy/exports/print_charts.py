"""Chart specs → standalone vector SVG, for the HTML one-pager and the app's SVG download.

Owns the print drawing of a ChartSpec: axes, bars, lines, legend and the headline figure, as
real <text> (selectable, searchable) with the spec's alt text in <title>/<desc>. Every series
carries a pattern or dash as well as a colour so meaning never rests on colour alone.
Reads ``charts.spec_data`` (ticks and labels already formatted), so the page, the PDF and the
SVG say the same numbers. Never computes figures or writes wording; never embeds scripts or
fetches anything. Every piece of text is escaped: series names come from users.
"""

from __future__ import annotations

import hashlib
from html import escape

from advocacy import charts, formatting

WIDTH, HEIGHT = 440, 250
LEFT, RIGHT, TOP, BOTTOM = 60, 10, 36, 62  # plot margins: room for ticks, title and legend
INK, MUTED, GRID = "#1a1a1a", "#444444", "#d0d0d0"
FONT = "font-family=\"Helvetica, Arial, sans-serif\""
DASHES = {"solid": "", "dash": "7 4", "dot": "2 3", "dashdot": "8 3 2 3", "longdash": "12 4"}


def svg(spec) -> str:
    """The spec as one standalone SVG document (UTF-8 text, no XML declaration)."""
    # Ids must be unique when several charts sit inline in one HTML page.
    uid = "c" + hashlib.sha1(spec.id.encode("utf-8")).hexdigest()[:8]
    data = charts.spec_data(spec)
    body: list[str] = []
    height: float = HEIGHT
    if spec.kind == "headline":
        body += _headline(spec)
    elif not data["has_data"] or not spec.categories:
        body.append(_text(WIDTH / 2, HEIGHT / 2, "No data to chart", size=14, anchor="middle",
                          fill=MUTED))
    else:
        body += _bars(data, uid) if spec.kind in ("stacked_bar", "grouped_bar") \
            else _lines(data)
        legend, bottom = _legend(data, uid)
        body += legend
        # A legend that wraps onto more rows makes the drawing taller, never clipped.
        height = max(HEIGHT, bottom + 8)
    title = escape(spec.title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:g}" '
        f'width="{WIDTH}" height="{height:g}" role="img" aria-labelledby="{uid}-t {uid}-d" '
        f'aria-label="{escape(spec.alt_text)}">'
        f'<title id="{uid}-t">{title}</title><desc id="{uid}-d">{escape(spec.alt_text)}</desc>'
        f"<defs>{_patterns(spec, uid)}</defs>"
        f'<rect width="{WIDTH}" height="{height:g}" fill="#ffffff"/>'
        + _text(6, 20, spec.title, size=14, weight="bold")
        + "".join(body) + "</svg>"
    )


def _text(x, y, text, *, size=11, anchor="start", weight="normal", fill=INK) -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" {FONT} text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}">{escape(str(text))}</text>')


def _patterns(spec, uid: str) -> str:
    defs = []
    for index, series in enumerate(spec.series):
        pid, colour = f"{uid}-p{index}", escape(series.colour)
        overlay = {
            "hatch": '<path d="M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6" stroke="#ffffff" '
                     'stroke-width="1.6"/>',
            "dot": '<circle cx="4" cy="4" r="1.6" fill="#ffffff"/>',
            "cross": '<path d="M0,8 L8,0 M0,0 L8,8" stroke="#ffffff" stroke-width="1.2"/>',
            "vertical": '<path d="M4,0 L4,8" stroke="#ffffff" stroke-width="1.6"/>',
        }.get(series.pattern, "")
        defs.append(f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">'
                    f'<rect width="8" height="8" fill="{colour}"/>{overlay}</pattern>')
    return "".join(defs)


def _frame(data: dict):
    """Gridlines, tick labels and category labels; returns value → y and the slot width."""
    axis = data["axis"]
    bottom, top, low, span = HEIGHT - BOTTOM, TOP, axis["min"], (axis["max"] - axis["min"]) or 1

    def y_of(value: float) -> float:
        return bottom - (value - low) / span * (bottom - top)

    parts = []
    for tick in axis["ticks"]:
        y = y_of(tick["value"])
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
                     f'stroke="{INK if tick["value"] == 0 else GRID}" stroke-width="1"/>')
        parts.append(_text(LEFT - 6, y + 4, tick["label"], size=11, anchor="end", fill=MUTED))
    slot = (WIDTH - LEFT - RIGHT) / len(data["categories"])
    for index, category in enumerate(data["categories"]):
        parts.append(_text(LEFT + slot * (index + 0.5), bottom + 15, category, size=11,
                           anchor="middle", fill=MUTED))
    return parts, y_of, slot


def _bars(data: dict, uid: str) -> list[str]:
    stacked = data["kind"] == "stacked_bar"
    parts, y_of, slot = _frame(data)
    series = data["series"]
    width = slot * 0.6 / (1 if stacked else max(len(series), 1))
    for i, category in enumerate(data["categories"]):
        x0 = LEFT + slot * i + slot * 0.2
        up = down = 0.0
        for j, one in enumerate(series):
            value = one["values"][i]
            if value is None:
                continue  # a gap, never drawn as zero
            if stacked:
                base = up if value >= 0 else down
                up, down = (base + value, down) if value >= 0 else (up, base + value)
                x = x0
            else:
                base, x = 0.0, x0 + width * j
            y1, y2 = sorted((y_of(base), y_of(base + value)))
            label = f"{one['name']}, {category}: {one['labels'][i]}"
            parts.append(f'<rect x="{x:.1f}" y="{y1:.1f}" width="{width:.1f}" '
                         f'height="{y2 - y1:.1f}" fill="url(#{uid}-p{j})" '
                         f'stroke="#ffffff" stroke-width="0.6"><title>{escape(label)}</title>'
                         "</rect>")
        if stacked and data["totals"] and data["totals"][i]["value"] is not None:
            parts.append(_text(x0 + width / 2, y_of(up) - 4, data["totals"][i]["label"],
                               size=10, anchor="middle"))
    return parts


def _lines(data: dict) -> list[str]:
    parts, y_of, slot = _frame(data)
    for one in data["series"]:
        points = [(LEFT + slot * (i + 0.5), y_of(v), label)
                  for i, (v, label) in enumerate(zip(one["values"], one["labels"], strict=True))
                  if v is not None]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in points)
            dash = DASHES.get(one["pattern"], "")
            parts.append(f'<polyline points="{path}" fill="none" stroke="{escape(one["colour"])}"'
                         f' stroke-width="2.5"' + (f' stroke-dasharray="{dash}"' if dash else "")
                         + "/>")
        for x, y, label in points:
            parts.append(_marker(x, y, one["marker"], one["colour"]))
            parts.append(_text(x, y - 9, label, size=11, anchor="middle"))
    return parts


def _marker(x: float, y: float, shape: str, colour: str, size: float = 4.5) -> str:
    fill = escape(colour)
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size}" fill="{fill}"/>'
    if shape == "square":
        return (f'<rect x="{x - size:.1f}" y="{y - size:.1f}" width="{2 * size}" '
                f'height="{2 * size}" fill="{fill}"/>')
    corners = ([(x, y - size - 1), (x + size + 1, y + size), (x - size - 1, y + size)]
               if shape == "triangle" else
               [(x, y - size - 1), (x + size + 1, y), (x, y + size + 1), (x - size - 1, y)])
    return (f'<polygon points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in corners)}" '
            f'fill="{fill}"/>')


def _legend(data: dict, uid: str) -> tuple[list[str], float]:
    """The legend's parts, wrapping onto as many rows as it needs, and its lowest baseline."""
    x: float  # an int until a name's width is added: the SVG keeps writing "60", not "60.0"
    parts, x, y = [], LEFT, HEIGHT - 30.0
    for j, one in enumerate(data["series"]):
        name = one["name"] if len(one["name"]) <= 40 else one["name"][:39] + "…"
        width = 30 + 6.4 * len(name)
        if x + width > WIDTH - RIGHT and x > LEFT:
            x, y = LEFT, y + 16
        if data["kind"] == "line":
            dash = DASHES.get(one["pattern"], "")
            parts.append(f'<line x1="{x}" y1="{y - 4}" x2="{x + 20}" y2="{y - 4}" '
                         f'stroke="{escape(one["colour"])}" stroke-width="2.5"'
                         + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
            parts.append(_marker(x + 10, y - 4, one["marker"], one["colour"], 3.5))
        else:
            parts.append(f'<rect x="{x}" y="{y - 11}" width="16" height="12" '
                         f'fill="url(#{uid}-p{j})" stroke="{INK}" stroke-width="0.5"/>')
        parts.append(_text(x + 24, y, name, size=11))
        x += width
    return parts, y


def _headline(spec) -> list[str]:
    parts = [_text(WIDTH / 2, HEIGHT / 2 + 10, spec.headline or formatting.DASH, size=72,
                   anchor="middle", weight="bold")]
    words, line, y = spec.takeaway.split(), "", HEIGHT / 2 + 60
    for word in words:  # wrap the takeaway by characters: SVG text does not wrap itself
        if len(line) + len(word) > 48:
            parts.append(_text(WIDTH / 2, y, line, size=14, anchor="middle", fill=MUTED))
            line, y = "", y + 20
        line = f"{line} {word}".strip()
    if line:
        parts.append(_text(WIDTH / 2, y, line, size=14, anchor="middle", fill=MUTED))
    return parts
