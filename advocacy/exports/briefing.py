"""The briefing packet's front matter as data: cover, summary, contents and who is left out.

Owns what the pages before the one-pagers say: the cover's fields as the presenter set them
(with the default title and subtitle), where the figures came from, the summary's totals tiles,
note, per-teacher chart and table rows, the contents groups, the order districts appear in
(grouped by congressional district when the data has one, else by state) and the districts left
out with their reasons. ``document.packet`` puts this ``Front`` together with each district's
OnePager; the PDF packet, the Export page and ``build --packet`` all read it. Never renders,
never parses; figures come from ``metrics``, wording of numbers from ``formatting``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from advocacy import charts, formatting, metrics
from advocacy.charts import ChartSpec
from advocacy.exports import LeftOut
from advocacy.model import Dated, District

DEFAULT_TITLE = "Professional learning: the case in numbers"
DEFAULT_AUTHOR = "Make Your Case"
COLUMNS = ("District", "Students", "Latest year", "PL dollars", "Title II-A dollars",
           "Title II-A share", "Per teacher", "Change in PL dollars")
NOTE_LIMIT = 600  # characters of cover note; the cover has room for about eight lines
FIELD_LIMIT = 120  # title, subtitle, event, presenter, organization
NO_STATE = "State not given"
FICTIONAL_NOTE = "Fictional sample data: these are not real districts."  # cover, when fictional
ABOUT = ("Title II-A is Title II, Part A of the Every Student Succeeds Act. "
         "Made with Make Your Case.")  # the cover's last line
FILES_NAMED = 6  # source files named on the cover; the rest are counted
_SHORT = {key: label for key, label, _ in formatting.PROFILE_FIELDS}


@dataclass(frozen=True, slots=True, kw_only=True)
class PacketOptions:
    """What the presenter sets for the cover; None leaves a line out (or the default title)."""

    title: str | None = None
    subtitle: str | None = None
    event: str | None = None
    date: datetime.date | str | None = None  # None: today
    presenter: str | None = None
    organization: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Cover:
    title: str  # as typed, else DEFAULT_TITLE
    subtitle: str  # as typed, else how many districts and what the packet shows
    event: str | None
    date: str  # "March 4, 2026", or the words typed ("Spring 2026")
    presenter: str | None
    organization: str | None
    note: str  # "" when none; cut to NOTE_LIMIT characters
    provenance: str  # where the figures came from, as the data records it
    fictional: bool  # some district is fictional sample data

    @property
    def author(self) -> str:
        return self.organization or DEFAULT_AUTHOR


@dataclass(frozen=True, slots=True, kw_only=True)
class SummaryGroup:
    label: str  # the state, or the state and congressional district
    rows: tuple[tuple[str, ...], ...]  # one per district, cells under COLUMNS, formatted


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    note: str  # how the totals were added up
    tiles: tuple[tuple[str, str], ...]  # (label, value): the totals, formatted
    chart: ChartSpec  # districts by PL dollars per teacher
    columns: tuple[str, ...]
    groups: tuple[SummaryGroup, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ContentsGroup:
    label: str
    entries: tuple[tuple[int, str], ...]  # (index of the district's OnePager, its name)


@dataclass(frozen=True, slots=True, kw_only=True)
class Front:
    """Everything the packet prints before the one-pagers; cheap, so the Export page reads it."""

    cover: Cover
    summary: Summary
    contents: tuple[ContentsGroup, ...]
    excluded: tuple[LeftOut, ...]  # asked for, not in the packet, each with its reason

    @property
    def count(self) -> int:
        """How many districts the packet holds."""
        return sum(len(group.entries) for group in self.contents)


def front(groups: Sequence[tuple[str, Sequence[District]]], names: Sequence[str], *,
          options: PacketOptions | None = None, excluded: Iterable[LeftOut] = ()) -> Front:
    """``groups`` as ``grouped`` gives them; ``names``: each district's name as its page
    prints it, in the packet's order."""
    options = options or PacketOptions()
    ordered = [district for _, members in groups for district in members]
    labelled = _by_group(groups, names)
    return Front(cover=cover(options, ordered),
                 summary=summary(metrics.comparison_rows(ordered), labelled),
                 contents=tuple(ContentsGroup(label=label, entries=entries)
                                for label, entries in labelled),
                 excluded=tuple(excluded))


def grouped(districts: Iterable[District]) -> list[tuple[str, list[District]]]:
    """Districts by congressional district when any has one, else by state; groups in
    alphabetical order (no state last), districts within a group in the order given."""
    districts = list(districts)
    by_seat = any(d.congressional_district for d in districts)
    groups: dict[tuple, list[District]] = {}
    for district in districts:
        state = district.state or ""
        seat = district.congressional_district if by_seat else None
        order = (not state, state.casefold(), (seat or "").zfill(4))  # seat "2" before "10"
        groups.setdefault((*order, state, seat), []).append(district)
    return [(_group_label(key[3], key[4], by_seat), members)
            for key, members in sorted(groups.items(), key=lambda item: item[0][:3])]


def _group_label(state: str, seat: str | None, by_seat: bool) -> str:
    if not by_seat:
        return state or NO_STATE
    where = state or NO_STATE
    return f"{where}, congressional district {seat}" if seat else \
        f"{where}, congressional district not given"


def _by_group(groups, names: Sequence[str]) -> list[tuple[str, tuple[tuple[int, str], ...]]]:
    numbered = iter(enumerate(names))
    return [(label, tuple(next(numbered) for _ in members)) for label, members in groups]


def cover(options: PacketOptions, districts: Sequence[District]) -> Cover:
    count = len(districts)
    note = " ".join((options.note or "").split())
    return Cover(
        title=_field(options.title) or DEFAULT_TITLE,
        subtitle=_field(options.subtitle) or (
            f"{count:,} district{'s' * (count != 1)}: who they are, what they spend on "
            "professional learning, and what changed"),
        event=_field(options.event),
        date=_date_text(options.date),
        presenter=_field(options.presenter),
        organization=_field(options.organization),
        note=short(note, NOTE_LIMIT),
        provenance=provenance(districts),
        fictional=any(d.fictional for d in districts))


def short(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, "…" marking a cut."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _field(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    return short(text, FIELD_LIMIT) if text else None


def _date_text(date: datetime.date | str | None) -> str:
    if isinstance(date, str):
        return " ".join(date.split())
    date = date or datetime.date.today()
    return f"{date:%B} {date.day}, {date.year}"


def provenance(districts: Sequence[District]) -> str:
    """Where the packet's figures came from, as the data records it, never guessed."""
    real = [d for d in districts if not d.fictional]
    if not real:
        return ("Every figure is fictional sample data made by Make Your Case for "
                "demonstration; none describes a real district.")
    files = sorted({location.file for d in real for location in _locations(d)})
    text = ("No source file is recorded for these figures: they were typed or edited in "
            "Make Your Case." if not files else
            f"Figures were read from {_file_list(files)}, as loaded into Make Your Case, "
            "and are shown as the files give them. Each district's pages name their sources.")
    if len(real) < len(districts):
        text += f" {len(districts) - len(real):,} of the districts are fictional sample data."
    return text


def _locations(district: District):
    yield from (location for _, location in district.located)
    lines: tuple[Dated, ...] = (*district.spending, *district.uses, *district.outcomes)
    for line in lines:
        if line.at is not None:
            yield line.at


def _file_list(files: Sequence[str]) -> str:
    named = ", ".join(files[:FILES_NAMED])
    rest = len(files) - FILES_NAMED
    more = f" and {rest:,} more" if rest > 0 else ""
    return f"{len(files):,} file{'s' * (len(files) != 1)} ({named}{more})"


def summary(rows: Sequence[dict], labelled) -> Summary:
    """``rows``: ``metrics.comparison_rows`` in the packet's order; ``labelled``: the groups'
    labels with each district's (index, printed name), as ``_by_group`` gives them."""
    totals = metrics.totals(rows)
    years = ", ".join(totals.latest_years) or formatting.DASH
    return Summary(
        note=(f"Totals add each district's latest school year with spending data ({years}); "
              f"{formatting.count(totals.with_dollars)} of "
              f"{formatting.count(totals.districts)} districts have one. Shares and dollars "
              "per teacher divide sums over the districts that report both figures. The "
              f"median district spends {formatting.usd(totals.median_per_teacher_usd)} per "
              "teacher. Change is from each district's first year to its latest."),
        tiles=(
            ("Districts", formatting.count(totals.districts)),
            (_SHORT["students"], formatting.count(totals.students)),
            (_SHORT["teachers"], formatting.count(totals.teachers)),
            ("PL dollars, latest year", formatting.usd(totals.pl_usd)),
            ("Title II-A dollars", formatting.usd(totals.title_ii_a_usd)),
            ("Title II-A share of PL dollars", formatting.share(totals.title_ii_a_share, 0)),
            ("PL dollars per teacher", formatting.usd(totals.per_teacher_usd)),
            ("Median PL dollars per district", formatting.usd(totals.median_pl_usd)),
        ),
        chart=charts.per_teacher_distribution(rows),
        columns=COLUMNS,
        groups=tuple(SummaryGroup(label=label, rows=tuple(_row(rows[index], name)
                                                          for index, name in entries))
                     for label, entries in labelled))


def _row(row: dict, name: str) -> tuple[str, ...]:
    change = row["PL dollars change %"]
    return (name, formatting.count(row[_SHORT["students"]]),
            row["Latest year"] or formatting.DASH, formatting.usd(row["PL dollars"]),
            formatting.usd(row["Title II-A dollars"]),
            formatting.share(row["Title II-A share"], 0), formatting.usd(row["Per teacher"]),
            formatting.signed_pct(round(change) if change is not None else None))
