"""Story drafts: challenge, solution and impact alternatives built from the headline facts.

Owns the wording of drafted story parts, their word targets and word counts, and the default
story the exports use when a district wrote none. Short, plain, active, numbers first; every
number comes from ``facts`` or ``metrics`` and so passes the numbers check. Never invents a
number, never calls a network or a language model, never formats outside ``formatting``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advocacy import formatting, template
from advocacy.metrics import NOISE_POINTS, Figures, OutcomeChange
from advocacy.model import District, SchoolYear, Story, Unit
from advocacy.narrative.describe import growth_words
from advocacy.narrative.facts import (
    Refusal,
    Shift,
    fraction_words,
    name_in_sentence,
    ranked_gains,
    share_number,
    use_shift,
)

WORD_TARGETS = template.WORD_TARGETS  # the template owns the parts and their word targets
PARTS = template.STORY_KEYS

_WORD = re.compile(r"[\w$%]", re.UNICODE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Drafts:
    challenge: tuple[str, ...]
    solution: tuple[str, ...]
    impact: tuple[str, ...]

    def part(self, name: str) -> tuple[str, ...]:
        return getattr(self, name)


def word_count(text: str | None) -> int:
    """Words as a reader counts them: "$298,000" and "2019-20" are one word, a dash is none."""
    if not text:
        return 0
    return sum(1 for token in text.split() if _WORD.search(token))


def drafts(district: District, figures: Figures, *, program: str | None = None,
           started: SchoolYear | None = None) -> Drafts:
    """2-3 alternatives per part, best first; a part the data cannot support has none."""
    program = " ".join(program.split()).rstrip(".") if program and program.strip() else None
    shift = use_shift(district, figures)
    # The drafts tell of dollars moved toward something; a fall alone is not that story.
    shift = None if isinstance(shift, Refusal) or not shift.rising else shift
    gains = [_from_start(change, started) for change in ranked_gains(figures)]
    return Drafts(
        challenge=_unique(_challenges(district, figures, gains, shift)),
        solution=_unique(_solutions(district, figures, shift, program, started)),
        impact=_unique(_impacts(gains, shift)),
    )


def default_story(district: District, figures: Figures) -> Story:
    """The district's own text where present, else the first draft of each part."""
    drafted = drafts(district, figures)
    own = district.story
    return Story(**{part: getattr(own, part) or next(iter(drafted.part(part)), None)
                    for part in PARTS})


def _unique(texts: list[str | None]) -> tuple[str, ...]:
    seen: list[str] = []
    for text in texts:
        if text and text not in seen:
            seen.append(text)
    return tuple(seen[:3])


@dataclass(frozen=True, slots=True)
class _Gain:
    """An outcome gain, measured from the program's start year when the data allows."""

    change: OutcomeChange
    first_year: SchoolYear
    last_year: SchoolYear
    first: float
    last: float

    def show(self, amount: float) -> str:
        return formatting.value(amount, self.change.unit)

    @property
    def name(self) -> str:
        text = self.change.metric + (f" for {self.change.group}" if self.change.group else "")
        return _lower_first(text)

    @property
    def size(self) -> str:
        """How much it moved, as a reader says it: "17 points", "more than tripled"."""
        if self.change.unit is Unit.PERCENT:
            return formatting.points(abs(self.last - self.first)).lstrip("+−")
        return growth_words(self.last / self.first) if self.first > 0 else ""

    @property
    def verb(self) -> str:
        return "rose" if self.last > self.first else "fell"


def _from_start(change: OutcomeChange, started: SchoolYear | None) -> _Gain:
    c = change.change
    gain = _Gain(change, c.first_year, c.last_year, c.first, c.last)
    if started is None:
        return gain
    # The baseline is the last year before the program began; failing that, its first year.
    before = ([p for p in change.points if p.school_year < started]
              or [p for p in change.points if p.school_year == started])
    if not before or before[-1].school_year >= c.last_year:
        return gain
    base = before[-1]
    moved = (c.last - base.value) * (1 if change.higher_is_better else -1)
    size = moved if change.unit is Unit.PERCENT else (moved / abs(base.value) * 100
                                                      if base.value else 0.0)
    if size < NOISE_POINTS:  # from the start year the gain is within noise: keep the full span
        return gain
    return _Gain(change, base.school_year, c.last_year, base.value, c.last)


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    # Acronyms and names ("ELA", "PL", "Title") keep their capitals.
    if len(first) > 1 and (first[1].isupper() or first == "Title"):
        return text
    return text[:1].lower() + text[1:]


def _profile_phrase(district: District, gains: list[_Gain]) -> str | None:
    """The profile share that frames the story: the group the top outcome is about
    ("ELA proficiency of English learners"), else the largest, as "72% are eligible for …"."""
    profile = district.profile
    options = [(profile.english_learners_pct, "are learning English", "english"),
               (profile.title_i_eligible_pct, "are eligible for Title I", "title i"),
               (profile.special_education_pct, "receive special education services",
                "special education")]
    known = [option for option in options if option[0] is not None]
    if not known:
        return None
    about = gains[0].name.lower() if gains else ""
    value, phrase, _ = next((o for o in known if o[2] in about), max(known))
    return f"{share_number(value).text} {phrase}"


def _challenges(district: District, figures: Figures, gains: list[_Gain],
                shift: Shift | None) -> list[str | None]:
    profile = district.profile
    who = None
    if profile.students:
        where = f" in {formatting.count(profile.schools)} schools" if profile.schools else ""
        who = f"We serve {formatting.count(profile.students)} students{where}"
        framing = _profile_phrase(district, gains)
        who += f"; {framing}." if framing else "."
    start = None
    if gains:
        gain = gains[0]
        # "our new-teacher retention rate", but an acronym or name reads alone: "ELA …".
        whose = "our " if gain.name[:1].islower() else ""
        start = f"In {gain.first_year}, {whose}{gain.name} stood at {gain.show(gain.first)}"
    spent = None
    if shift and shift.fell:
        name, share0, _ = shift.fell
        spent = (f"{share_number(share0).text} of our professional-learning dollars went to "
                 f"{name_in_sentence(name)}")
    options: list[str | None] = []
    if spent and gains and shift and gains[0].first_year != shift.first_year:
        # Each figure keeps its own year: "In 2020-21, … stood at 58%. In 2019-20, 48% …".
        spent_alone = f" In {shift.first_year}, {spent}."
        spent = None
    else:
        spent_alone = ""
    if who and start:
        options.append(f"{who} {start}" + (f", and {spent}." if spent else ".") + spent_alone)
    elif start:
        options.append(start + (f", and {spent}." if spent else ".") + spent_alone)
    options.append(_funding_challenge(district, figures, who))
    if who and spent:
        year = shift.first_year if shift else ""
        options.append(f"{who} In {year}, {spent}.")
    if who:
        options.append(" ".join(p for p in (who + _shares_sentence(district),
                                            _title_ii_a_sentence(figures)) if p))
    return options


def _title_ii_a_sentence(figures: Figures) -> str | None:
    latest = figures.latest
    if latest is None or not latest.title_ii_a_share:
        return None
    return (f"Title II-A paid for {share_number(latest.title_ii_a_share * 100).text} of our "
            f"professional learning in {latest.school_year}.")


def _funding_challenge(district: District, figures: Figures, who: str | None) -> str | None:
    change = figures.title_ii_a_change
    if not change or change.delta >= 0 or change.relative_pct is None:
        return None
    text = (f"Title II-A funding for our professional learning fell "
            f"{formatting.pct(abs(change.relative_pct), 0)} from {change.first_year} to "
            f"{change.last_year}, to {formatting.usd_compact(change.last)}.")
    if district.profile.teachers:
        text += f" It supports {formatting.count(district.profile.teachers)} teachers."
    return f"{who} {text}" if who else text


def _shares_sentence(district: District) -> str:
    profile = district.profile
    for value, noun in ((profile.english_learners_pct, "is learning English"),
                        (profile.title_i_eligible_pct, "is eligible for Title I")):
        words = fraction_words(value) if value is not None else None
        if words:
            return f" {words[:1].upper() + words[1:]} of our students {noun}."
    return ""


def _solutions(district: District, figures: Figures, shift: Shift | None,
               program: str | None, started: SchoolYear | None) -> list[str | None]:
    began = None
    if program:
        began = (f"In {started}, we began {program}." if started
                 else f"We began {program}.")
    moved = grew_text = None
    if shift:
        name, share0, share1 = shift.grew
        grew = name_in_sentence(name)
        source = f"from {name_in_sentence(shift.fell[0])} " if shift.fell else ""
        moved = f"We moved professional-learning dollars {source}to {grew}"
        grew_text = (f"{share_number(share1).text} of our professional-learning dollars now go "
                     f"to {grew}, up from {share_number(share0).text} in {shift.first_year}.")
        moved += (f": {grew} grew from {share_number(share0).text} to "
                  f"{share_number(share1).text} of spending by {shift.last_year}.")
    support = _support_sentence(district, figures)
    options: list[str | None] = []
    if moved:
        options.append(" ".join(p for p in (began, moved, support) if p))
    if grew_text:
        options.append(" ".join(p for p in (grew_text, began, _per_teacher(figures)) if p))
    if began or support:
        options.append(" ".join(p for p in (began, support, _per_teacher(figures)) if p))
    return options


def _support_sentence(district: District, figures: Figures) -> str | None:
    coaches, teachers = district.profile.instructional_coaches, district.profile.teachers
    if coaches and teachers:
        return (f"{formatting.count(coaches)} instructional coaches now support our "
                f"{formatting.count(teachers)} teachers.")
    return None


def _per_teacher(figures: Figures) -> str | None:
    latest = figures.latest
    if latest is None or latest.per_teacher_usd is None:
        return None
    return (f"We invest {formatting.usd(latest.per_teacher_usd)} per teacher a year "
            f"in professional learning.")


def _impacts(gains: list[_Gain], shift: Shift | None) -> list[str | None]:
    if not gains:
        if not shift:
            return []
        name, share0, share1 = shift.grew
        return [f"{share_number(share1).text} of our professional-learning dollars now go to "
                f"{name_in_sentence(name)}, up from {share_number(share0).text} in "
                f"{shift.first_year}."]
    top = gains[0]
    options: list[str | None] = [" ".join(_gain_sentence(g) for g in gains[:2])]
    if top.change.unit is Unit.PERCENT:
        # Numbers first: the size of the gain leads, as the template asks.
        direction = "Up" if top.last > top.first else "Down"
        lead = (f"{direction} {top.size}: {top.name} {top.verb} from {top.show(top.first)} to "
                f"{top.show(top.last)} between {top.first_year} and {top.last_year}.")
        options.append(" ".join([lead, *(_short_gain(g) for g in gains[1:3])]))
    if len(gains) > 1 and all(g.first_year == top.first_year for g in gains[:3]):
        clauses = [f"{g.name} {g.verb} from {g.show(g.first)} to {g.show(g.last)}"
                   for g in gains[:3]]
        joined = ", ".join(clauses[:-1]) + f" and {clauses[-1]}"
        options.append(f"Since {top.first_year}, {joined}.")
    elif shift:
        # "While", not "because": the data shows the two together, not that one caused the other.
        name, share0, share1 = shift.grew
        options.append(f"While {name_in_sentence(name)} grew from {share_number(share0).text} to "
                       f"{share_number(share1).text} of our professional-learning dollars, "
                       f"{top.name} {top.verb} from {top.show(top.first)} in {top.first_year} "
                       f"to {top.show(top.last)} in {top.last_year}.")
    return options


def _gain_sentence(gain: _Gain) -> str:
    text = (f"{gain.name[:1].upper() + gain.name[1:]} {gain.verb} from {gain.show(gain.first)} "
            f"in {gain.first_year} to {gain.show(gain.last)} in {gain.last_year}")
    if gain.change.unit is not Unit.PERCENT and gain.size.startswith(("more", "doubled",
                                                                       "tripled", "quad")):
        text += f": it {gain.size}"
    return text + "."


def _short_gain(gain: _Gain) -> str:
    name = gain.name[:1].upper() + gain.name[1:]
    return f"{name} {gain.verb} from {gain.show(gain.first)} to {gain.show(gain.last)}."
