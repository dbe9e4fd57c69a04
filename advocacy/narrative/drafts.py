"""Story drafts: challenge, solution and impact alternatives in Learning Forward's order.

Owns the wording of drafted story parts, their word counts, the default story the exports use
when a district wrote none, and the reason shown for a part with no draft. The challenge names
a need in the district's data; the solution says what the district did (and what Title II-A
paid for, when a person says so); the impact reports a result from an outcome series, never a
spending line and never the solution again, and when outcomes got worse, held steady or are
missing it says so or is left to the person with the reason. Plain English: a prose name per
metric, plural agreement, no sentence opening on a numeral, whole people for FTE counts, one
way of writing each figure. Every number comes from the data and passes the numbers check.
Never invents a number, never calls a network or a language model.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from advocacy import formatting, template
from advocacy.metrics import Figures
from advocacy.model import District, SchoolYear, Story, Unit
from advocacy.narrative.facts import (
    Refusal,
    Shift,
    fraction_words,
    name_in_sentence,
    share_number,
    use_shift,
)
from advocacy.narrative.names import number_words, people
from advocacy.narrative.results import Movement, Result, Results, read_results

WORD_TARGETS = template.WORD_TARGETS  # the template owns the parts and their word targets
PARTS = template.STORY_KEYS

_WORD = re.compile(r"[\w$%]", re.UNICODE)


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryInputs:
    """What a person tells the drafts that the data cannot, typed on the Story page."""

    program: str | None = None  # "weekly coaching cycles for every new teacher"
    started: SchoolYear | None = None  # the program's first school year
    paid_for: str | None = None  # what Title II-A paid for: "instructional coaches"
    names: tuple[tuple[str, str], ...] = ()  # (outcome label, the prose name chosen for it)


@dataclass(frozen=True, slots=True, kw_only=True)
class Drafts:
    challenge: tuple[str, ...]
    solution: tuple[str, ...]
    impact: tuple[str, ...]
    # Why a part has no draft, or what a person should know about the one it has:
    # (part, reason) pairs, e.g. ("impact", "the outcome got worse: …").
    reasons: tuple[tuple[str, str], ...] = ()

    def part(self, name: str) -> tuple[str, ...]:
        return getattr(self, name)

    def reason(self, name: str) -> str | None:
        return next((why for part, why in self.reasons if part == name), None)


def word_count(text: str | None) -> int:
    """Words as a reader counts them: "$298,000" and "2019-20" are one word, a dash is none."""
    if not text:
        return 0
    return sum(1 for token in text.split() if _WORD.search(token))


def drafts(district: District, figures: Figures, *, program: str | None = None,
           started: SchoolYear | None = None, paid_for: str | None = None,
           names: Mapping[str, str] | None = None, inputs: StoryInputs | None = None) -> Drafts:
    """2-3 alternatives per part, best first; a part the data cannot support has none.

    ``program`` ("weekly coaching cycles"), ``started`` (its first school year) and
    ``paid_for`` (what Title II-A paid for: "instructional coaches") come from the person;
    ``names`` maps an outcome's label to the prose name they chose for it. ``inputs`` holds
    the same, as the Story page keeps them; a keyword given wins over it.
    """
    if inputs is not None:
        program = program or inputs.program
        started = started or inputs.started
        paid_for = paid_for or inputs.paid_for
        names = names or dict(inputs.names)
    program, paid_for = _clean(program), _clean(paid_for)
    results = read_results(district, figures, started=started, names=names)
    shift = _dollar_shift(district, figures)
    challenge = _unique(_challenges(district, figures, results))
    solution = _unique(_solutions(district, figures, shift, program, started, paid_for))
    impact = _unique(_impacts(results))
    reasons = []
    if not challenge:
        reasons.append(("challenge", "the data has no number of students and no outcome "
                                     "series to show a need"))
    if not solution:
        reasons.append(("solution", "no program was named and the data shows no change in "
                                    "how the dollars are spent; say what you did"))
    why = results.no_gain_reason
    if why:
        reasons.append(("impact", why))
    return Drafts(challenge=challenge, solution=solution, impact=impact, reasons=tuple(reasons))


def default_story(district: District, figures: Figures) -> Story:
    """The district's own text where present, else the first draft of each part."""
    drafted = drafts(district, figures)
    own = district.story

    def text(part: str) -> str | None:
        return getattr(own, part) or next(iter(drafted.part(part)), None)

    return Story(challenge=text("challenge"), solution=text("solution"), impact=text("impact"))


def _clean(text: str | None) -> str | None:
    return " ".join(text.split()).rstrip(".") if text and text.strip() else None


def _unique(texts: list[str | None]) -> tuple[str, ...]:
    seen: list[str] = []
    for text in texts:
        if text and text not in seen:
            seen.append(text)
    return tuple(seen[:3])


def spelled(count: float) -> str:
    """Small whole counts in words ("one instructional coach"); larger ones in digits."""
    whole = int(count + 0.5)
    return (number_words(whole) or formatting.count(whole)) if whole <= 10 \
        else formatting.count(whole)


def plural(count: float, one: str, many: str) -> str:
    return one if int(count + 0.5) == 1 else many


# --- challenge: a need in the data ----------------------------------------------------------


def _challenges(district: District, figures: Figures, results: Results) -> list[str | None]:
    who = _who(district, results)
    need = _need(results)
    funding = _funding_need(figures)
    options: list[str | None] = []
    if need:
        options.append(" ".join(p for p in (who, need) if p))
    if funding:
        options.append(" ".join(p for p in (who, funding) if p))
    if who and not options:
        options.append(" ".join(p for p in (who + _shares_sentence(district),
                                            _title_ii_a_sentence(figures)) if p))
    if need and funding:
        options.append(f"{need} {funding}")
    return options


def _who(district: District, results: Results) -> str | None:
    profile = district.profile
    if not profile.students:
        return None
    schools = profile.schools
    where = (f" in {formatting.count(schools)} {plural(schools, 'school', 'schools')}"
             if schools else "")
    framing = _profile_phrase(district, results)
    return f"We serve {formatting.count(profile.students)} students{where}" + (
        f"; {framing}." if framing else ".")


def _profile_phrase(district: District, results: Results) -> str | None:
    """The profile share that frames the story: the group the top result is about ("English
    learners"), else the largest, as "72% are eligible for Title I"."""
    profile = district.profile
    options = [(profile.english_learners_pct, "are learning English", "english"),
               (profile.title_i_eligible_pct, "are eligible for Title I", "title i"),
               (profile.special_education_pct, "receive special education services",
                "special education")]
    known = [(value, phrase, key) for value, phrase, key in options if value is not None]
    if not known:
        return None
    lead = next(iter(results.gains or results.worse or results.steady), None)
    about = lead.name.lower() if lead else ""
    value, phrase, _ = next((o for o in known if o[2] in about), max(known))
    return f"{share_number(value).text} {phrase}"


def _need(results: Results) -> str | None:
    """What was wrong, from an outcome: the baseline of the top gain, else what got worse,
    else what has not moved."""
    if results.gains:
        top = results.gains[0]
        return f"In {top.first_year}, {_our(top.name)} stood at {top.show(top.first)}."
    if results.worse:
        return " ".join(f"{r.title} {r.from_to()}." for r in results.worse[:2])
    if results.steady:
        top = results.steady[0]
        return (f"{_our(top.name)[:1].upper() + _our(top.name)[1:]} has not moved: it held "
                f"steady at about {top.show(top.last)} from {top.first_year} to "
                f"{top.last_year}.")
    return None


def _our(name: str) -> str:
    """"our new-teacher retention rate"; a name or "the share of …" reads alone."""
    return name if name[:1].isupper() or name.startswith("the ") else f"our {name}"


def _funding_need(figures: Figures) -> str | None:
    change = figures.title_ii_a_change
    if not change or change.delta >= 0 or change.relative_pct is None or change.first <= 0:
        return None
    return (f"Title II-A funding for our professional learning fell "
            f"{formatting.pct(abs(change.relative_pct), 0)} from {change.first_year} to "
            f"{change.last_year}, to {formatting.usd_compact(change.last)}.")


def _title_ii_a_sentence(figures: Figures) -> str | None:
    latest = figures.latest
    if latest is None or not latest.title_ii_a_share:
        return None
    return (f"In {latest.school_year}, Title II-A paid for "
            f"{share_number(latest.title_ii_a_share * 100).text} of our professional learning.")


def _shares_sentence(district: District) -> str:
    profile = district.profile
    for value, noun in ((profile.english_learners_pct, "is learning English"),
                        (profile.title_i_eligible_pct, "is eligible for Title I")):
        words = fraction_words(value) if value is not None else None
        if words:
            return f" {words[:1].upper() + words[1:]} of our students {noun}."
    return ""


# --- solution: what the district did ---------------------------------------------------------


def _dollar_shift(district: District, figures: Figures) -> Shift | None:
    """The shift in spending by use, kept only when the dollars themselves moved that way:
    "moved dollars from X to Y" needs X's dollars to fall and Y's to rise."""
    shift = use_shift(district, figures)
    if isinstance(shift, Refusal) or not shift.rising:
        return None
    years = [y for y in figures.years if y.by_use.items]
    first, last = years[0].by_use, years[-1].by_use

    def moved(name: str) -> float:
        return (last.get(name) or 0.0) - (first.get(name) or 0.0)

    if moved(shift.grew[0]) <= 0:
        return None
    fell = shift.fell if shift.fell and moved(shift.fell[0]) < 0 else None
    return Shift(first_year=shift.first_year, last_year=shift.last_year, grew=shift.grew,
                 fell=fell)


def _solutions(district: District, figures: Figures, shift: Shift | None, program: str | None,
               started: SchoolYear | None, paid_for: str | None) -> list[str | None]:
    began = None
    if program:
        began = f"In {started}, we began {program}." if started else f"We began {program}."
    moved = grew = None
    if shift:
        name, share0, share1 = shift.grew
        target = name_in_sentence(name)
        growth = (f"{share_number(share0).text} to {share_number(share1).text} of our "
                  f"professional-learning dollars between {shift.first_year} and "
                  f"{shift.last_year}.")
        if shift.fell:
            moved = (f"We moved professional-learning dollars from "
                     f"{name_in_sentence(shift.fell[0])} to {target}, which grew from {growth}")
        grew = f"We put more into {target}: it grew from {growth}"
    paid = f"Title II-A paid for {paid_for}." if paid_for else None
    support = _support_sentence(district)
    words = WORD_TARGETS["solution"]
    options: list[str | None] = []
    for lead in (moved, grew):
        if lead:
            options.append(_fit([began, lead], [paid, support], words))
    if began or paid or support:
        options.append(_fit([began], [_paid_for(figures, paid_for), support,
                                      _per_teacher(figures)], words))
    return options


def _fit(needed: list[str | None], optional: list[str | None], target: int) -> str:
    """The needed sentences, then each optional one that still fits the word target."""
    kept = [p for p in needed if p]
    for piece in optional:
        if piece and word_count(" ".join([*kept, piece])) <= target:
            kept.append(piece)
    return " ".join(kept)


def _paid_for(figures: Figures, paid_for: str | None) -> str | None:
    if not paid_for:
        return None
    latest = figures.latest
    if latest is None or not latest.title_ii_a_share:
        return f"Title II-A paid for {paid_for}."
    share = share_number(latest.title_ii_a_share * 100).text
    return (f"Title II-A, {share} of our professional-learning dollars in "
            f"{latest.school_year}, paid for {paid_for}.")


def _support_sentence(district: District) -> str | None:
    coaches, teachers = district.profile.instructional_coaches, district.profile.teachers
    if not coaches or not teachers:
        return None
    whole = int(coaches + 0.5)
    count = spelled(whole) if whole <= 10 else formatting.count(whole)
    noun = plural(whole, "instructional coach", "instructional coaches")
    verb = plural(whole, "works", "work")
    return f"Our {count} {noun} {verb} with {people(teachers)} teachers."


def _per_teacher(figures: Figures) -> str | None:
    latest = figures.latest
    if latest is None or latest.per_teacher_usd is None:
        return None
    return (f"In {latest.school_year}, we invested {formatting.usd(latest.per_teacher_usd)} "
            f"per teacher in professional learning.")


# --- impact: a result from an outcome series -------------------------------------------------


def _impacts(results: Results) -> list[str | None]:
    gains = results.gains
    if not gains:
        # Holding steady is reported as it is, for the person to judge; worse or missing
        # outcomes get no draft (the reason is shown instead).
        if results.steady and not results.worse:
            top = results.steady[0]
            return [f"{top.title} {top.from_to()}."]
        return []
    top = gains[0]
    options: list[str | None] = [" ".join(_gain_sentence(g) for g in gains[:2])]
    if top.change.unit is Unit.PERCENT:
        # Numbers first: the size of the gain leads, as the template asks.
        lead = (f"Up {top.size}: {top.name} {top.from_to(years=False)} between "
                f"{top.first_year} and {top.last_year}.") if top.last > top.first else (
            f"Down {top.size}: {top.name} {top.from_to(years=False)} between "
            f"{top.first_year} and {top.last_year}.")
        options.append(" ".join([lead, *(f"{g.title} {g.from_to(years=False)}."
                                         for g in gains[1:3])]))
    if len(gains) > 1 and all(_same_span(g, top) for g in gains[:3]):
        clauses = [f"{g.name} {g.from_to(years=False)}" for g in gains[:3]]
        joined = ", ".join(clauses[:-1]) + f" and {clauses[-1]}"
        options.append(f"Since {top.first_year}, {joined}.")
    return options


def _same_span(one: Result, other: Result) -> bool:
    return (one.first_year, one.last_year) == (other.first_year, other.last_year)


def _gain_sentence(gain: Result) -> str:
    text = f"{gain.title} {gain.from_to()}"
    if gain.change.unit is not Unit.PERCENT and gain.size.startswith(("more", "doubled",
                                                                       "tripled", "quad")):
        text += f": it {gain.size}"
    return text + "."


__all__ = ["PARTS", "WORD_TARGETS", "Drafts", "Movement", "StoryInputs", "default_story",
           "drafts", "people", "plural", "spelled", "word_count"]
