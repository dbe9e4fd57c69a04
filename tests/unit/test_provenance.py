"""provenance: every figure keeps its file, cell and school year; the data-sources line and the
mixed-years warnings are built from them. Files are built in code; all districts fictional."""

from __future__ import annotations

from dataclasses import replace

from advocacy import checks, provenance
from advocacy.ingest.mapping import ColumnMapping
from advocacy.load import load_files
from tests import factories


def _two_files():
    students = factories.csv([["District", "2022-23 Enrollment"], ["Maple Fictional", 4200]],
                             name="adm_22_23.csv")
    teachers = factories.xlsx({"CCD": [["School year 2014-15"], [],
                                       ["District", "Teachers", "English learners"],
                                       ["Maple Fictional", 300, 420]]}, name="ccd.xlsx")
    return load_files([students, teachers])


def test_each_figure_keeps_its_file_cell_and_year_and_the_line_is_built_from_them():
    (district,) = _two_files().districts
    sources = {s.key: s for s in provenance.figure_sources(district)}
    assert str(sources["students"].at) == "adm_22_23.csv › row 2, column B"
    assert str(sources["students"].school_year) == "2022-23"
    assert str(sources["teachers"].at) == "ccd.xlsx › CCD › B4"
    assert str(sources["teachers"].school_year) == "2014-15"
    assert provenance.data_sources_line(district) == (
        "Students: adm_22_23.csv, 2022-23; Teachers (FTE), English learners: ccd.xlsx, 2014-15")


def test_figures_from_different_years_warn_where_a_derived_figure_would_mix_them():
    result = _two_files()
    (district,) = result.districts
    codes = [(i.code, str(i.at)) for i in checks.check_district(district)
             if i.code == "check.mixed_years"]
    assert codes == [("check.mixed_years", "adm_22_23.csv › row 2, column B")]
    (mixed,) = [i for i in result.issues if i.code == "district.mixed_years"]
    assert "420 in 2014-15 over 4,200 students in 2022-23" in mixed.message
    assert district.profile.english_learners_pct == 10.0  # still shown, with the warning


def test_a_mapping_constant_and_a_fiscal_year_title_date_the_figures():
    mapping = ColumnMapping(columns=(), constants=(("school_year", "2021-22"),))
    plain = factories.csv([["District", "Teachers"], ["Oak Fictional", 50]], name="t.csv")
    (oak,) = load_files([plain], mapping=mapping).districts
    assert dict(oak.dated)["teachers"].start == 2021
    titled = factories.xlsx({"T": [["Fiscal Year 2023"], [], ["District", "Teachers"],
                                   ["Oak Fictional", 50]]})
    (oak,) = load_files([titled]).districts
    assert dict(oak.dated)["teachers"].start == 2022  # FY 2023 ends June 2023
    assert provenance.data_sources_line(oak) == "Teachers (FTE): upload.xlsx, 2022-23"


def test_agency_counts_become_shares_and_title_i_students_are_flagged_as_served():
    rows = [["District", "Total enrollment", "Total LEP students", "Special education students",
             "Title I students", "Special education enrollment"],
            ["Pine Fictional", 1000, 50, 120, 400, 120]]
    result = load_files([factories.csv(rows, name="agency.csv")])
    (pine,) = result.districts
    assert pine.profile.students == 1000  # never a subgroup's count
    assert (pine.profile.english_learners_pct, pine.profile.special_education_pct,
            pine.profile.title_i_eligible_pct) == (5.0, 12.0, 40.0)
    (flag,) = [i for i in result.issues if i.code == "percent.title_i_participants"]
    assert str(flag.at) == "agency.csv › row 2, column E"


def test_every_export_prints_the_built_line_when_the_district_wrote_none():
    import io

    from pypdf import PdfReader

    from advocacy.exports import html, pdf

    (district,) = _two_files().districts
    line = "Students: adm_22_23.csv, 2022-23"
    assert line in html.render(district).data.decode("utf-8")
    reader = PdfReader(io.BytesIO(pdf.render(district).data))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "adm_22_23.csv, 2022-23" in " ".join(text.split())


def test_the_one_pager_names_revenue_for_what_it_is_and_claims_no_share_from_it():
    from advocacy.exports import document
    from advocacy.model import RevenueLine, SchoolYear

    (district,) = _two_files().districts
    funded = replace(district, revenue=(RevenueLine(school_year=SchoolYear(2022),
                                                    source="Title II-A", amount_usd=161544.46),))
    page = document.build(funded)
    assert "Title II-A revenue (allocation) in 2022-23: $161,544, received, not spending." in (
        page.headline_sentence)
    assert "100%" not in page.headline.value
