"""The self-contained HTML one-pager: one file, inline CSS and SVG, no scripts, no network.

Owns the HTML layout of the two-page one-pager (WHO WE ARE, then THE STORY) and its print CSS
(US letter, page 2 on a new sheet). Reads a validated District, metrics, narrative and chart
specs; never parses uploads, never computes figures. Every piece of user text goes through
``html.escape``; the logo is embedded as a data: URI only when it is a raster image we
recognise, because an SVG logo could carry script.
"""

from __future__ import annotations

import base64
from html import escape

from advocacy import charts, formatting, metrics, narrative, provenance, template
from advocacy.exports import MIME, ExportResult, safe_filename
from advocacy.exports.print_charts import svg
from advocacy.exports.slides import logo_mime, profile_facts
from advocacy.issues import Issue
from advocacy.location import Location
from advocacy.model import District

PRINTED_OUTCOMES = 2
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
  .outcomes figure svg { max-height: 2.1in; }
}
"""

def render(district: District, *, logo: bytes | None = None) -> ExportResult:
    figures = metrics.compute(district)
    story = narrative.default_story(district, figures)
    # A chart with nothing to draw says nothing the dashes in the tables do not.
    specs = [spec for spec in charts.specs(district, figures)
             if spec.kind == "headline" or charts.spec_data(spec)["has_data"]]
    warnings: list[Issue] = []
    mime = logo_mime(logo)
    if logo and mime is None:
        warnings.append(Issue.warning("image.unsupported", at=Location(file="logo"),
                                      expected="a PNG or JPEG image",
                                      district=district.name))
    page_one = "".join(_page_one(district, figures, specs, mime and _data_uri(logo, mime)))
    page_two = "".join(_page_two(district, story, specs))
    title = f"Make Your Case: {district.name}"
    document = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>"
        f'<main><section class="page" aria-labelledby="who">{page_one}</section>'
        f'<section class="page" aria-labelledby="story">{page_two}</section></main>'
        "</body></html>\n"
    )
    return ExportResult(data=document.encode("utf-8"),
                        filename=safe_filename(district.name, "html"),
                        mime=MIME["html"], warnings=tuple(warnings))


def _data_uri(logo: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(logo).decode('ascii')}"


def _page_one(district, figures, specs, logo_uri):
    place = ", ".join(part for part in (district.state, district.nces_id and
                                        f"NCES {district.nces_id}") if part)
    yield "<header>"
    if logo_uri:
        yield f'<img src="{logo_uri}" alt="{escape(district.name)} logo">'
    # dir="auto" lets a right-to-left name or story read in its own direction.
    yield f'<div><h1 dir="auto">{escape(district.name)}</h1>'
    if place:
        yield f'<p class="subtitle">{escape(place)}</p>'
    yield "</div></header>"
    if district.fictional:
        yield ('<p class="fictional">Fictional district: sample data for demonstration only.'
               "</p>")
    yield '<h2 id="who">Who we are</h2><div class="facts">'
    for label, value in profile_facts(district.profile):
        yield (f'<div class="fact"><span class="value">{escape(value)}</span>'
               f'<span class="label">{escape(label)}</span></div>')
    yield '</div><h2>Our investment in professional learning</h2><div class="charts">'
    yield "".join(_figure(s) for s in specs if s.id in ("spending_by_source", "spending_by_use"))
    yield '</div><div class="tables">'
    yield _money_table("Spending by source", figures.template_years, lambda y: y.by_source,
                       district.sources())
    yield _money_table("How these dollars are spent", figures.template_years,
                       lambda y: y.by_use, district.use_names())
    yield "</div>"


def _money_table(caption, years, pick, names) -> str:
    if not names or not years:
        return ""
    head = "".join(f'<th scope="col">{escape(str(y.school_year))}</th>' for y in years)
    rows = []
    for name in names:
        cells = "".join(f"<td>{escape(formatting.usd(pick(y).get(name)))}</td>" for y in years)
        rows.append(f'<tr><th scope="row">{escape(name)}</th>{cells}</tr>')
    totals = "".join(
        f"<td><strong>{escape(formatting.usd(pick(y).total_usd if pick(y).items else None))}"
        "</strong></td>" for y in years)
    rows.append(f'<tr><th scope="row">Total</th>{totals}</tr>')
    # Five years of nine-digit totals need about 480 px: on a narrower screen the table scrolls
    # in its own focusable region and the page itself still reflows (WCAG 1.4.10).
    return (f'<div class="table-scroll" role="region" tabindex="0" '
            f'aria-label="{escape(caption)}">'
            f"<table><caption>{escape(caption)}, newest year first</caption>"
            f'<thead><tr><td></td>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")


def _figure(spec, *, extra: bool = False) -> str:
    caption = escape(spec.takeaway) if spec.takeaway else ""
    tag = '<figure class="screen-only">' if extra else "<figure>"
    return f"{tag}{svg(spec)}<figcaption>{caption}</figcaption></figure>"


def _page_two(district, story, specs):
    yield f'<h2 id="story">The story: {escape(district.name)}</h2>'
    headline = next((s for s in specs if s.kind == "headline"), None)
    if headline is not None and headline.headline:
        # The big number as text, not a drawing: it reads at a glance and needs no alt text.
        yield (f'<p class="key"><span class="value">{escape(headline.headline)}</span>'
               f"<span>{escape(headline.takeaway)}</span></p>")
    yield '<div class="story">'
    for form in template.STORY:
        text = getattr(story, form.key) or formatting.DASH
        yield (f'<div class="story-part"><h3>{escape(form.label)}</h3>'
               f'<p class="question"><em>{escape(form.question)}</em></p>'
               + "".join(f'<p dir="auto">{escape(para)}</p>'
                         for para in text.split("\n") if para.strip())
               + "</div>")
    yield '</div><div class="charts outcomes">'
    outcomes = [s for s in specs if s.id.startswith("outcome:")]
    # On paper two outcome charts keep the story to its second page; the screen shows all.
    yield "".join(_figure(s, extra=i >= PRINTED_OUTCOMES) for i, s in enumerate(outcomes))
    if len(outcomes) > PRINTED_OUTCOMES:
        more = len(outcomes) - PRINTED_OUTCOMES
        yield (f'<p class="print-only">{more} more outcome chart{"s" if more > 1 else ""} '
               "in the HTML version of this page.</p>")
    yield '</div><div class="closing">'
    yield _contact(district.contact)
    yield "<div>"
    if district.standards:
        yield ('<h3>Standards for Professional Learning</h3><ul class="tags">'
               + "".join(f"<li>{escape(s)}</li>" for s in district.standards) + "</ul>")
    note = provenance.footnote(district) or ""
    if district.fictional and "fictional" not in note.lower():
        note = (note + " Fictional sample data.").strip()
    if note:
        yield f"<footer><p>Data sources: {escape(note)}</p></footer>"
    yield "</div></div>"


def _contact(contact) -> str:
    rows = [(field.label, getattr(contact, field.key)) for field in template.CONTACT]
    items = "".join(f'<dt>{label}</dt><dd dir="auto">{escape(value)}</dd>'
                    for label, value in rows if value)
    body = f"<dl>{items}</dl>" if items else "<p>No contact given.</p>"
    return f'<div class="contact"><h2>Contact</h2>{body}</div>'
