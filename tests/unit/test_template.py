"""advocacy.template: the one definition of the one-pager's fields, and what derives from it."""

from __future__ import annotations

import pytest

from advocacy import formatting, template
from advocacy.exports import workbook
from advocacy.ingest import mapping, vocabulary
from advocacy.ingest.vocabulary import Kind, Term
from advocacy.model import Contact, Profile, Story


def test_profile_fields_are_the_models_in_the_forms_order():
    assert tuple(field.key for field in template.PROFILE) == Profile.field_names()


def test_story_and_contact_fields_are_the_models():
    assert all(key in Story.__dataclass_fields__ for key in template.STORY_KEYS)
    assert tuple(Contact.__dataclass_fields__) == template.CONTACT_KEYS


@pytest.mark.parametrize("field", template.PROFILE, ids=lambda f: f.key)
def test_the_importer_reads_every_label_and_alias_of_a_profile_field(field):
    for text in (field.label, *field.aliases):
        assert vocabulary.lookup(text, Kind.PROFILE) == Term(Kind.PROFILE, field.key), text
    assert vocabulary.label_for(Term(Kind.PROFILE, field.key)) == field.label


def test_no_alias_names_two_profile_fields():
    seen: dict[str, str] = {}
    for field in template.PROFILE:
        for text in (field.label, *field.aliases):
            folded = vocabulary.normalise(text)
            assert seen.setdefault(folded, field.key) == field.key, text


def test_exports_mapping_and_formatting_take_the_templates_labels():
    assert [label for _key, label, _show in formatting.PROFILE_FIELDS] == [
        field.short for field in template.PROFILE]
    assert all(mapping.TARGETS[field.key] == field.label for field in template.PROFILE)
    assert all(mapping.TARGETS[f"story.{part.key}"] == part.label for part in template.STORY)


def test_the_blank_workbook_writes_every_label_the_importer_knows(tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "template.xlsx"
    path.write_bytes(workbook.template())
    sheet = load_workbook(path)["Profile"]
    written = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]]
    assert written == [f.label for f in (*template.FORM_IDENTITY, *template.PROFILE)]


def test_a_profile_value_prints_by_its_kind():
    assert formatting.profile_value("per_pupil_expenditure_usd", 13250) == "$13,250"
    assert formatting.profile_value("english_learners_pct", 7.5) == "7.5%"
    assert formatting.profile_value("student_teacher_ratio", 16.4) == "16.4:1"
    assert formatting.profile_value("students", None) == formatting.DASH


def test_the_story_prompts_are_the_forms_questions():
    assert [part.prompt for part in template.STORY] == [
        "Challenge: what problem are you solving?",
        "Solution: how did you address it through professional learning?",
        "Impact: most importantly, what was the result?"]
