"""exports.document: the OnePager every export renders — story, drafts, key numbers, sources."""

from __future__ import annotations

from dataclasses import replace

from openpyxl import load_workbook

from advocacy.exports import document, workbook
from advocacy.fictional import cedar_creek, harbor_city, maple_valley
from advocacy.load import load_files
from advocacy.location import Location
from advocacy.model import District, SchoolYear, SpendingLine, Story


def test_own_story_is_not_marked_and_drafts_are():
    assert document.build(maple_valley()).unreviewed == ()
    assert document.build(cedar_creek()).unreviewed == ("Challenge", "Solution", "Impact")
    assert document.build(harbor_city()).unreviewed == ("Solution", "Impact")


def test_a_draft_put_in_the_story_stays_marked_until_accepted():
    district = maple_valley()
    drafted = district.with_story(replace(district.story, drafted=("impact",)))
    doc = document.build(drafted)
    assert [(p.key, p.status) for p in doc.parts] == [
        ("challenge", "own"), ("solution", "own"), ("impact", "draft")]
    assert doc.part("impact").text == " ".join(district.story.impact.split())
    assert [(w.code, w.found) for w in doc.warnings] == [
        ("story.drafted", "Impact: a draft not yet accepted")]


def test_key_numbers_are_traced_and_the_impacts_is_a_result():
    doc = document.build(maple_valley())
    numbers = [(p.key_number.value, p.key_number.caption) for p in doc.parts]
    assert numbers[1] == ("18", "Number of instructional coaches")
    # The impact's number is the outcome's latest value, with where it started beside it.
    assert numbers[2] == ("88%", "New-teacher retention rate, 2023-24; 71% in 2019-20")
    assert doc.outcome_chart.id == "outcome:New-teacher retention rate"


def test_a_figure_worked_out_from_the_data_is_captioned_in_the_storys_words():
    # 29% is the other side of the 71% retention rate: its own label was bookkeeping ("the
    # rest of New-teacher retention rate, 2019-20 (71%)"), so the story's words say what it is.
    challenge = document.build(maple_valley()).part("challenge").key_number
    assert (challenge.value, challenge.caption) == (
        "29%", "of our new teachers left within a year in 2019-20")


def test_a_worked_out_figure_with_no_words_of_its_own_is_no_key_number():
    story = Story(challenge="In 2019-20, 29%.", solution="Coaching.", impact="It went well.")
    assert document.build(maple_valley().with_story(story)).part("challenge").key_number is None


def test_an_untraced_number_is_never_set_large():
    story = Story(challenge="Almost 97% of our 4,000 parents asked for it.",
                  solution="We did things.", impact="It went well.")
    doc = document.build(maple_valley().with_story(story))
    assert doc.part("challenge").key_number is None
    assert doc.part("solution").key_number is None
    # Still a result from the data: the latest value of the outcome charted beside it.
    assert doc.outcome_chart.title == "Coaching cycles completed"
    assert doc.part("impact").key_number.value == "460"
    assert doc.part("impact").key_number.caption.startswith("Coaching cycles completed, 2023-24")


def test_the_impact_chart_is_the_one_it_names():
    # Cedar Creek's drafted impact leads with vacancies, a teacher outcome, before the survey.
    drafted = document.build(cedar_creek())
    assert drafted.outcome_chart.title == "Teacher vacancies in August"
    told_survey = cedar_creek().with_story(Story(
        impact="The share of teachers who say professional learning is relevant to their work "
               "rose to 79%."))
    assert document.build(told_survey).outcome_chart.title == (
        "PL is relevant to my work (survey)")
    told = cedar_creek().with_story(Story(impact="Teacher vacancies in August fell to 3."))
    assert document.build(told).outcome_chart.title == "Teacher vacancies in August"
    assert document.build(told).part("impact").key_number.value == "3"
    unnamed = cedar_creek().with_story(Story(impact="Things got better."))
    assert document.build(unnamed).outcome_chart.title == "Teacher vacancies in August"


def test_no_outcomes_means_no_impact_number_and_no_chart():
    doc = document.build(District(name="Quarry School District"))
    assert doc.outcome_chart is None and doc.part("impact").key_number is None
    assert doc.data_sources is None  # left out, never "Not stated"


def test_data_sources_come_from_the_files_read_when_the_district_gives_none():
    at = Location(file="budget.xlsx", sheet="Spending", cell="C4")
    district = District(name="Quarry", spending=(SpendingLine(
        school_year=SchoolYear(2023), source="State", amount_usd=1000.0, at=at),),
        located=(("students", Location(file="profile.csv", row=2)),))
    assert document.data_sources(district) == "Spending: budget.xlsx, 2023-24"
    assert document.build(district).data_sources == "Spending: budget.xlsx, 2023-24"


def test_packet_lists_the_districts_with_drafts():
    packet = document.packet([maple_valley(), cedar_creek()])
    assert packet.unreviewed == (("Cedar Creek Schools", ("Challenge", "Solution", "Impact")),)


def test_drafted_parts_survive_the_workbook_round_trip(tmp_path):
    district = maple_valley()
    drafted = district.with_story(replace(district.story, drafted=("challenge", "impact")))
    path = tmp_path / "maple.xlsx"
    path.write_bytes(workbook.render(drafted).data)
    rows = {row[0]: row[1] for row in load_workbook(path)["Story"].iter_rows(values_only=True)}
    assert rows["Drafts not yet reviewed"] == "Challenge (draft); Impact (draft)"
    again = load_files([path]).districts[0]
    assert again.story.drafted == ("challenge", "impact")
    assert document.build(again).unreviewed == ("Challenge", "Impact")
    accepted = again.with_story(replace(again.story, drafted=()))
    path.write_bytes(workbook.render(accepted).data)
    assert load_files([path]).districts[0].story.drafted == ()


def test_many_districts_keep_their_drafts_in_long_tables(tmp_path):
    district = maple_valley()
    drafted = district.with_story(replace(district.story, drafted=("solution",)))
    path = tmp_path / "many.xlsx"
    path.write_bytes(workbook.render_many([drafted, cedar_creek()]).data)
    found = {d.name: d.story.drafted for d in load_files([path]).districts}
    assert found == {district.name: ("solution",), "Cedar Creek Schools": ()}
