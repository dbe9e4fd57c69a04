"""One district's one-pager as every reader sees it: the ``OnePager``, built once.

The PDF, the packet, the HTML page, the slides and the app's Present screens all render a
``OnePager``; none of them decides the story, the key numbers or which outcome is charted.

    doc = document.build(district, logo=None)   # -> OnePager
    doc.parts          # the three story Parts, in the form's order:
                       #   key, label, question, text (whole, one line of words), printed (fitted
                       #   to the PDF's box), size_pt, status ("own" | "draft" | "empty"),
                       #   key_number (KeyNumber(value, caption) or None); part.marked is True for
                       #   a draft no person wrote or accepted: show DRAFT_MARK beside it
    doc.unreviewed     # labels of the drafted parts, e.g. ("Challenge", "Impact")
    doc.profile        # (short label, value) rows of WHO WE ARE, values formatted
    doc.years          # school years of the money tables, newest first
    doc.sources, doc.uses   # MoneyTable(caption, rows=((name, cells), …), total)
    doc.headline       # KeyNumber: the Title II-A share, captioned with what and which year;
    doc.headline_sentence  # the sentence beside it
    doc.source_chart, doc.use_chart, doc.outcome_chart, doc.outcome_charts  # ChartSpecs
    doc.contact        # (label, value) rows, only those given
    doc.standards, doc.data_sources (None: leave the line out), doc.fictional, doc.warnings
    document.packet(districts, options=, excluded=) -> Packet(front, pages)
                       # front: briefing.Front (cover, summary, contents, excluded), what the
                       # pages before the one-pagers say; pages: one OnePager per district in
                       # the packet's order; .unreviewed ((name, labels), …)
    document.front(districts, options=, excluded=) -> Front   # the same, no OnePager built

Never renders, never parses files, never formats outside ``formatting``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import overload

from advocacy import charts, formatting, metrics, narrative, provenance, template
from advocacy.charts import ChartSpec
from advocacy.exports import LeftOut, briefing, key_numbers
from advocacy.exports.briefing import Front, PacketOptions
from advocacy.exports.fitting import Box, fit
from advocacy.exports.key_numbers import KeyNumber
from advocacy.ingest.images import validate_logo
from advocacy.issues import Issue
from advocacy.location import Location
from advocacy.model import STANDARDS, District, RevenueLine

DRAFT_MARK = "Draft from the data — review before sharing"
FICTIONAL_LABEL = "Fictional sample data"  # the badge beside the name
FICTIONAL_NOTE = "Fictional district: sample data for demonstration only"  # as a sentence
MAX_LINES = 6  # sources or uses per table and chart: page 1 has room for six rows
# The PDF's story text column on page 2 (onepager.typ reads this from the JSON): the page less
# its insets, the key-number column, the gutter and the rule; 1.2 in tall; 8.5 pt is the floor
# for reading on paper.
PRINT_STORY = Box(width_pt=7.5 * 72 - 16 - 1.35 * 72 - 10 - 3, height_pt=1.2 * 72,
                  sizes=(10.5, 10.0, 9.5, 9.0, 8.5))
_CAPS = {"name": 100, "contact": 60, "data_sources": 400}  # characters the PDF has room for


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    key: str
    label: str
    question: str
    text: str  # the whole part, "" when nothing is written and nothing could be drafted
    printed: str  # what fits the PDF's box: ``text`` or its first words and "…"
    size_pt: float
    printed_cut: bool  # the PDF leaves words out (the PDF renderer warns)
    status: str  # "own" (a person wrote or accepted it), "draft" (the app's), "empty"
    key_number: KeyNumber | None

    @property
    def marked(self) -> bool:
        return self.status == "draft"


@dataclass(frozen=True, slots=True, kw_only=True)
class MoneyTable:
    caption: str
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (source or use, dollars per year)
    total: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class OnePager:
    district: District  # as shown: at most MAX_LINES sources and uses
    title: str
    author: str
    name: str
    place: str
    fictional: bool
    logo: bytes | None
    profile: tuple[tuple[str, str], ...]
    years: tuple[str, ...]
    sources: MoneyTable
    uses: MoneyTable
    headline: KeyNumber  # the Title II-A share; its caption says what and which year
    headline_sentence: str  # the sentence beside it: dollars, and dollars per teacher
    source_chart: ChartSpec
    use_chart: ChartSpec
    outcome_chart: ChartSpec | None
    outcome_charts: tuple[ChartSpec, ...]
    parts: tuple[Part, ...]
    contact: tuple[tuple[str, str], ...]
    standards: tuple[str, ...]
    data_sources: str | None
    warnings: tuple[Issue, ...]

    @property
    def unreviewed(self) -> tuple[str, ...]:
        return tuple(part.label for part in self.parts if part.marked)

    def part(self, key: str) -> Part:
        return next(part for part in self.parts if part.key == key)


@dataclass(frozen=True, slots=True, kw_only=True)
class Packet:
    front: Front  # cover, summary, contents and the districts left out
    pages: tuple[OnePager, ...]  # in the order of the contents

    @property
    def unreviewed(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return tuple((page.name, page.unreviewed) for page in self.pages if page.unreviewed)


def build(district: District, *, logo: bytes | None = None) -> OnePager:
    warnings: list[Issue] = []
    shown = folded(district)
    figures = metrics.compute(shown)
    specs = charts.specs(shown, figures)
    by_id = {spec.id: spec for spec in specs}
    story = narrative.default_story(shown, figures)
    checks = narrative.check_story(shown, figures, story)
    outcome = key_numbers.outcome_chart(specs, figures, story.impact or "", checks)
    parts = tuple(_part(shown, figures, story, checks, outcome, form, warnings)
                  for form in template.STORY)
    years = figures.template_years
    headline = by_id["headline"]
    return OnePager(
        district=shown,
        title=f"Make Your Case: {district.name}",
        # The district makes the case, so it is the author (its organization as typed).
        author=briefing.short(district.contact.organization or district.name, 100),
        name=_capped(district, "name", district.name, _CAPS["name"], warnings),
        place=briefing.short(" · ".join(p for p in (district.state, district.nces_id and
                                                    f"NCES district ID {district.nces_id}")
                                        if p), 100),
        fictional=district.fictional,
        logo=_logo(district, logo, warnings),
        profile=tuple((label, show(getattr(district.profile, key)))
                      for key, label, show in formatting.PROFILE_FIELDS),
        years=tuple(str(y.school_year) for y in years),
        sources=_money("Spending by source", shown.sources(), years, lambda y: y.by_source),
        uses=_money("How these dollars are spent", shown.use_names(), years,
                    lambda y: y.by_use),
        headline=KeyNumber(value=headline.headline or formatting.DASH,
                           caption=_headline_caption(headline)),
        headline_sentence=_with_revenue(headline.takeaway, district),
        source_chart=by_id["spending_by_source"],
        use_chart=by_id["spending_by_use"],
        outcome_chart=outcome,
        outcome_charts=tuple(spec for spec in specs if spec.kind == "line"),
        parts=parts,
        contact=tuple((field.label, _capped(district, f"contact.{field.key}", value,
                                            _CAPS["contact"], warnings))
                      for field in template.CONTACT
                      if (value := getattr(district.contact, field.key))),
        standards=tuple(s for s in STANDARDS if s in district.standards),
        data_sources=_capped(district, "data_sources", data_sources(district),
                             _CAPS["data_sources"], warnings),
        warnings=tuple(warnings),
    )


def packet(districts: Iterable[District], *, options: PacketOptions | None = None,
           excluded: Sequence[LeftOut] = ()) -> Packet:
    """The whole packet: its front matter and a OnePager per district, in the packet's order
    (by state, or by congressional district when the data has one)."""
    groups = briefing.grouped(districts)
    return Packet(front=_front(groups, options, excluded),
                  pages=tuple(build(district) for _, members in groups for district in members))


def front(districts: Iterable[District], *, options: PacketOptions | None = None,
          excluded: Sequence[LeftOut] = ()) -> Front:
    """The packet's front matter alone: what ``packet`` gives, without drafting any story."""
    return _front(briefing.grouped(districts), options, excluded)


def _front(groups, options, excluded) -> Front:
    names = [shown_name(district) for _, members in groups for district in members]
    return briefing.front(groups, names, options=options, excluded=excluded)


def shown_name(district: District) -> str:
    """The district's name as its page prints it (``OnePager.name``)."""
    return briefing.short(district.name, _CAPS["name"])


def _part(district, figures, story, checks, outcome, form, warnings) -> Part:
    own = getattr(district.story, form.key)
    text = " ".join((getattr(story, form.key) or "").split())
    status = "empty" if not text else ("own" if district.story.reviewed(form.key) else "draft")
    at = district.where(f"story.{form.key}") or Location(file=district.name, sheet="Story")
    if status == "draft":
        warnings.append(Issue.warning(
            "story.drafted", at=at, district=district.name,
            found=f"{form.label}: " + ("a draft not yet accepted" if own else "empty"),
            expected="the district's own words, or a draft a person accepted",
            hint=f"The {form.label.lower()} is a draft from the data and is marked so on every "
                 "page; edit or accept it on the Story page"))
    fitted = fit(text, PRINT_STORY)
    if form.key == "impact":
        number = key_numbers.impact(district, figures, outcome, story)
    else:
        number = key_numbers.from_text(form.key, text, checks)
    return Part(key=form.key, label=form.label, question=form.question, text=text,
                printed=fitted.text, size_pt=fitted.size, printed_cut=fitted.cut, status=status,
                key_number=number)


def fitted_warning(district: District, form, text: str, shown: str, where: str) -> Issue:
    """The one warning every export gives when a story part is cut to fit its box."""
    words, kept = narrative.word_count(text), narrative.word_count(shown)
    return Issue.warning(
        "story.fitted", at=district.where(f"story.{form.key}") or Location(
            file=district.name, sheet="Story"), district=district.name,
        found=f"{form.label}: {words} words", expected=f"about {form.word_target} words",
        hint=f"{where[:1].upper()}{where[1:]} shows the first {kept} words; shorten the "
             f"{form.label.lower()} so nothing is cut")


def data_sources(district: District) -> str | None:
    """The district's own footnote, else where and when each figure was read (``provenance``);
    None when neither is known, so the line is left out rather than "Not stated"."""
    line = provenance.footnote(district)
    return " ".join(line.split()) if line else None


def folded(district: District) -> District:
    """At most MAX_LINES sources and uses; the rest fold into one "Other" line per year, so a
    district listing twenty "other" uses still prints on two pages with every dollar counted."""
    return replace(district,
                   spending=_fold(district.spending, district.sources(), "source", "sources"),
                   uses=_fold(district.uses, district.use_names(), "use", "uses"))


def _fold(lines, names, attribute: str, plural: str):
    if len(names) <= MAX_LINES:
        return lines
    keep, rest = set(names[:MAX_LINES - 1]), names[MAX_LINES - 1:]
    label = f"{len(rest)} other {plural}"
    kept = [line for line in lines if getattr(line, attribute) in keep]
    summed: dict = {}
    for line in lines:
        if getattr(line, attribute) not in keep:
            summed[line.school_year] = summed.get(line.school_year, 0.0) + line.amount_usd
    return tuple(kept) + tuple(replace(lines[0], school_year=year, amount_usd=amount, at=None,
                                       **{attribute: label})
                               for year, amount in sorted(summed.items()))


def _with_revenue(sentence: str, district: District) -> str:
    """Revenue is not spending: an allocation is named for what it is, beside the spending."""
    latest: dict[str, RevenueLine] = {}
    for line in district.revenue:
        if line.source not in latest or line.school_year >= latest[line.source].school_year:
            latest[line.source] = line
    said = [f"{source} revenue (allocation) in {line.school_year}: "
            f"{formatting.usd(line.amount_usd)}, received, not spending"
            for source, line in latest.items()]
    return " ".join(part.rstrip(".") + "." for part in (sentence, *said) if part)


def _headline_caption(spec: ChartSpec) -> str:
    known = [category for category, value in zip(spec.categories, spec.series[0].values,
                                                 strict=True) if value is not None] \
        if spec.series else []
    return f"{spec.title}, {known[-1]}" if known else spec.title


def _money(caption, names, years, pick) -> MoneyTable:
    return MoneyTable(
        caption=caption,
        # The paper form's own row labels ("Federal (Title II-A)").
        rows=tuple((template.form_label(name),
                    tuple(formatting.usd(pick(y).get(name)) for y in years)) for name in names),
        total=tuple(formatting.usd(pick(y).total_usd if pick(y).items else None)
                    for y in years))


@overload
def _capped(district: District, key: str, text: str, limit: int,
            warnings: list[Issue]) -> str: ...
@overload
def _capped(district: District, key: str, text: str | None, limit: int,
            warnings: list[Issue]) -> str | None: ...
def _capped(district: District, key: str, text: str | None, limit: int,
            warnings: list[Issue]) -> str | None:
    if text is None or len(text) <= limit:
        return text
    warnings.append(Issue.warning(
        "text.too_long", at=district.where(key) or Location(file=district.name),
        district=district.name, found=f"{len(text):,} characters",
        expected=f"at most {limit} characters on the one-pager", hint="It shows the start"))
    return briefing.short(text, limit)


def _logo(district: District, logo: bytes | None, warnings: list[Issue]) -> bytes | None:
    if not logo:
        return None
    issues: list[Issue] = []
    checked = validate_logo(logo, "logo", issues)
    warnings.extend(issue.for_district(district.name) for issue in issues)
    return checked
