"""The self-contained HTML one-pager: one file, inline CSS and SVG, no scripts, no network.

Owns the HTML layout of the two-page one-pager (WHO WE ARE, then THE STORY) and its print CSS
(US letter, page 2 on a new sheet). Renders a ``document.OnePager``: the story, its draft marks,
key numbers and the outcome chart come from there; never parses uploads, never computes
figures. Every piece of user text goes through ``html.escape``; the logo is embedded as a
data: URI only when it is a raster image we recognise, because an SVG logo could carry script.
"""

from __future__ import annotations

import base64
from html import escape

from advocacy import charts, formatting
from advocacy.exports import MIME, ExportResult, document, safe_filename
from advocacy.exports.print_charts import svg
from advocacy.ingest.images import image_format
from advocacy.model import District

PRINTED_OUTCOMES = 1  # as the PDF: on paper the impact's chart; the screen shows all
ACCENT = "#1f4e79"  # 8.6:1 on white; body ink #1a1a1a is 17:1

CSS = """
@page { size: letter; margin: 0.5in; }
* { box-sizing: border-box; }
body { font-family: Helvetica, Arial, sans-serif; color: #1a1a1a; background: #fff;
       margin: 0 auto; padding: 16px 12px; max-width: 7.5in; line-height: 1.35; font-size: 11pt; }
header { display: flex; align-items: center; gap: 16px; border-bottom: 3px solid #1f4e79;
         padding-bottom: 6px; }
header img { max-height: 64px; max-width: 160px; }
h1 { color: #1f4e79; font-size: 22pt; margin: 0; overflow-wrap: anywhere; }
h2 { color: #1f4e79; font-size: 14pt; margin: 14px 0 6px; text-transform: uppercase;
     letter-spacing: 0.04em; }
h3 { font-size: 12pt; margin: 10px 0 2px; color: #1f4e79; }
p { margin: 2px 0 6px; overflow-wrap: anywhere; }
.fictional { background: #fff4cc; border: 1px solid #8a6d00; color: #4d3d00; padding: 4px 8px;
             font-weight: bold; margin: 6px 0; }
.subtitle { color: #444; margin: 2px 0 0; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; margin: 4px 0 8px; }
th, td { border-bottom: 1px solid #c8c8c8; padding: 1px 4px; text-align: right; }
th[scope="row"], caption { text-align: left; }
caption { font-weight: bold; color: #1a1a1a; padding: 2px 0; }
thead th { background: #e8eef5; }
.facts { display: grid; grid-template-columns: repeat(5, 1fr); gap: 6px; margin: 6px 0; }
.fact { border: 1px solid #c8c8c8; padding: 4px 6px; }
.fact .value { display: block; font-size: 15pt; font-weight: bold; color: #1f4e79; }
.fact .label { font-size: 8.5pt; color: #444; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 14px; }
/* Five year columns of $1,178,000 need the full width: two tables side by side overflowed. */
.tables { display: grid; grid-template-columns: 1fr; gap: 0 14px; }
.table-scroll { overflow-x: auto; }
.table-scroll th, .table-scroll td { white-space: nowrap; }
figure { margin: 4px 0; break-inside: avoid; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: 8.5pt; color: #444; }
.key { display: flex; align-items: baseline; gap: 14px; border: 1px solid #c8c8c8;
       padding: 4px 10px; margin: 6px 0; }
.key .value { font-size: 30pt; font-weight: bold; color: #1f4e79; white-space: nowrap; }
.story { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 12px; }
.story-part { break-inside: avoid; }
.part-key .value { font-size: 20pt; font-weight: bold; color: #1f4e79; }
.part-key .caption { font-size: 8.5pt; color: #444; }
.draft-mark { background: #fff4cc; border: 1px solid #8a6d00; color: #4d3d00; padding: 2px 6px;
              font-weight: bold; font-size: 9pt; }
.tags li { display: inline-block; border: 1px solid #1f4e79; color: #1f4e79; padding: 1px 6px;
           margin: 2px; font-size: 9pt; }
.tags { padding: 0; margin: 4px 0; }
.contact { border-top: 2px solid #1f4e79; padding-top: 4px; }
.contact dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
.contact dt { font-weight: bold; }
.contact dd { margin: 0; overflow-wrap: anywhere; }
footer { font-size: 8.5pt; color: #444; margin-top: 8px; }
.page { break-after: page; }
.page:last-of-type { break-after: auto; }
.closing { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; margin-top: 6px; }
.print-only { display: none; }
/* Reflow (WCAG 1.4.10): at 320 CSS px every grid becomes one or two columns, nothing scrolls
   sideways but a table in its own region. */
@media screen and (max-width: 700px) {
  .charts, .story, .closing { grid-template-columns: minmax(0, 1fr); }
  .facts { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  h1 { font-size: 18pt; }
  .key { flex-wrap: wrap; }
}
@media print {
  body { max-width: none; padding: 0 2px; }
  .screen-only { display: none; }
  .print-only { display: block; font-size: 8.5pt; color: #444; }
  .outcomes figure svg { max-height: 1.9in; }
  .story-part p { font-size: 10pt; margin-bottom: 4px; }
  .part-key .value { font-size: 16pt; }
}
"""

def render(district: District, *, logo: bytes | None = None) -> ExportResult:
    return render_document(document.build(district, logo=logo))


def render_document(doc: document.OnePager) -> ExportResult:
    logo_uri = None
    if doc.logo:
        kind = image_format(doc.logo)
        logo_uri = kind and _data_uri(doc.logo, f"image/{kind.lower()}")
    page_one = "".join(_page_one(doc, logo_uri))
    page_two = "".join(_page_two(doc))
    document_html = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(doc.title)}</title><style>{CSS}</style></head><body>"
        f'<main><section class="page" aria-labelledby="who">{page_one}</section>'
        f'<section class="page" aria-labelledby="story">{page_two}</section></main>'
        "</body></html>\n"
    )
    return ExportResult(data=document_html.encode("utf-8"),
                        filename=safe_filename(doc.district.name, "html"),
                        mime=MIME["html"], warnings=doc.warnings)


def _data_uri(logo: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(logo).decode('ascii')}"


def _page_one(doc, logo_uri):
    yield "<header>"
    if logo_uri:
        yield f'<img src="{logo_uri}" alt="{escape(doc.district.name)} logo">'
    # dir="auto" lets a right-to-left name or story read in its own direction.
    yield f'<div><h1 dir="auto">{escape(doc.name)}</h1>'
    if doc.place:
        yield f'<p class="subtitle">{escape(doc.place)}</p>'
    yield "</div></header>"
    if doc.fictional:
        yield f'<p class="fictional">{escape(document.FICTIONAL_NOTE)}.</p>'
    yield '<h2 id="who">Who we are</h2><div class="facts">'
    for label, value in doc.profile:
        yield (f'<div class="fact"><span class="value">{escape(value)}</span>'
               f'<span class="label">{escape(label)}</span></div>')
    yield '</div><h2>Our investment in professional learning</h2><div class="charts">'
    yield "".join(_figure(s) for s in (doc.source_chart, doc.use_chart) if _drawn(s))
    yield '</div><div class="tables">'
    yield _money_table(doc.sources, doc.years)
    yield _money_table(doc.uses, doc.years)
    yield "</div>"


def _drawn(spec) -> bool:
    # A chart with nothing to draw says nothing the dashes in the tables do not.
    return charts.spec_data(spec)["has_data"]


def _money_table(table, years) -> str:
    if not table.rows or not years:
        return ""
    head = "".join(f'<th scope="col">{escape(year)}</th>' for year in years)
    rows = [f'<tr><th scope="row">{escape(name)}</th>'
            + "".join(f"<td>{escape(cell)}</td>" for cell in cells) + "</tr>"
            for name, cells in table.rows]
    totals = "".join(f"<td><strong>{escape(cell)}</strong></td>" for cell in table.total)
    rows.append(f'<tr><th scope="row">Total</th>{totals}</tr>')
    # Five years of nine-digit totals need about 480 px: on a narrower screen the table scrolls
    # in its own focusable region and the page itself still reflows (WCAG 1.4.10).
    return (f'<div class="table-scroll" role="region" tabindex="0" '
            f'aria-label="{escape(table.caption)}">'
            f"<table><caption>{escape(table.caption)}, newest year first</caption>"
            f'<thead><tr><td></td>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _figure(spec, *, extra: bool = False) -> str:
    caption = escape(spec.takeaway) if spec.takeaway else ""
    tag = '<figure class="screen-only">' if extra else "<figure>"
    return f"{tag}{svg(spec)}<figcaption>{caption}</figcaption></figure>"


def _page_two(doc):
    yield f'<h2 id="story">The story: {escape(doc.name)}</h2>'
    if doc.headline.value != formatting.DASH:
        # The big number as text, not a drawing: it reads at a glance and needs no alt text.
        yield (f'<p class="key"><span class="value">{escape(doc.headline.value)}</span>'
               f"<span>{escape(doc.headline_sentence)}</span></p>")
    yield '<div class="story">'
    for part in doc.parts:
        yield _part(part)
    yield '</div><div class="charts outcomes">'
    # The chart the impact names comes first; on paper two outcome charts keep the story to
    # its second page, while the screen shows all.
    outcomes = [s for s in (doc.outcome_chart, *doc.outcome_charts) if s is not None]
    outcomes = [s for i, s in enumerate(outcomes) if s not in outcomes[:i]]
    yield "".join(_figure(s, extra=i >= PRINTED_OUTCOMES) for i, s in enumerate(outcomes))
    if len(outcomes) > PRINTED_OUTCOMES:
        more = len(outcomes) - PRINTED_OUTCOMES
        yield (f'<p class="print-only">{more} more outcome chart{"s" if more > 1 else ""} '
               "in the HTML version of this page.</p>")
    yield '</div><div class="closing">'
    yield _contact(doc.contact)
    yield "<div>"
    if doc.standards:
        yield ('<h3>Standards for Professional Learning</h3><ul class="tags">'
               + "".join(f"<li>{escape(s)}</li>" for s in doc.standards) + "</ul>")
    if doc.data_sources:
        yield f"<footer><p>Data sources: {escape(doc.data_sources)}</p></footer>"
    yield "</div></div>"


def _part(part) -> str:
    number = ""
    if part.key_number is not None:
        number = (f'<p class="part-key"><span class="value">{escape(part.key_number.value)}'
                  f'</span> <span class="caption">{escape(part.key_number.caption)}</span></p>')
    mark = (f'<p class="draft-mark" role="note">{escape(document.DRAFT_MARK)}</p>'
            if part.marked else "")
    return (f'<div class="story-part" data-part="{part.key}"><h3>{escape(part.label)}</h3>'
            f'<p class="question"><em>{escape(part.question)}</em></p>{number}{mark}'
            f'<p dir="auto">{escape(part.text or formatting.DASH)}</p></div>')


def _contact(contact) -> str:
    items = "".join(f'<dt>{escape(label)}</dt><dd dir="auto">{escape(value)}</dd>'
                    for label, value in contact)
    body = f"<dl>{items}</dl>" if items else ""
    return f'<div class="contact"><h2>Contact</h2>{body}</div>' if items else "<div></div>"
