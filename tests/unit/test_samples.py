"""sample_data/: the committed files match what the code generates, and every one is fictional."""

from __future__ import annotations

import io

import openpyxl
import pytest

from advocacy import fictional, samples
from advocacy.ingest.files import SourceFile
from advocacy.load import load_files

KEYS = ["maple_valley", "cedar_creek", "harbor_city", "lakeland_statewide"]


def without_locations(result):
    """Districts and issues as loaded, minus where they were read (file names differ)."""
    districts = [d.name for d in result.districts], [
        (d.profile, [(s.school_year, s.source, s.amount_usd) for s in d.spending],
         [(u.school_year, u.use, u.amount_usd) for u in d.uses],
         [(p.metric, p.group, p.school_year, p.value, p.unit) for p in d.outcomes],
         d.story, d.contact, d.standards, d.data_sources, d.fictional)
        for d in result.districts]
    return districts, [(i.code, i.at.sheet, i.at.cell) for i in result.issues]


def test_list_samples_names_every_committed_file():
    found = samples.list_samples()
    assert [s.key for s in found] == KEYS
    assert all(s.path.is_file() and "fictional" in s.title for s in found)


@pytest.mark.parametrize("name", sorted(samples.generated()))
def test_committed_file_loads_like_a_freshly_generated_one(name):
    committed = samples.SAMPLE_DIR / name
    fresh = samples.generated()[name]
    assert without_locations(load_files([committed])) == without_locations(
        load_files([SourceFile(name, fresh)]))


@pytest.mark.parametrize(("key", "expected"), [
    ("maple_valley", [fictional.maple_valley().name]),
    ("cedar_creek", [fictional.cedar_creek().name]),
    ("harbor_city", [fictional.harbor_city().name]),
    ("lakeland_statewide", [d.name for d in fictional.statewide(30)]),
])
def test_load_sample_gives_the_fictional_districts_ready_to_export(key, expected):
    result = samples.load_sample(key)
    assert [d.name for d in result.districts] == expected
    assert all(d.fictional for d in result.districts)
    assert all(result.ready(name) for name in expected)


def test_unknown_sample_key_raises_key_error():
    with pytest.raises(KeyError):
        samples.load_sample("atlantis")


@pytest.mark.parametrize("name", sorted(set(samples.generated()) - {"template.xlsx"}))
def test_every_sample_workbook_says_it_is_fictional(name):
    book = openpyxl.load_workbook(io.BytesIO((samples.SAMPLE_DIR / name).read_bytes()))
    first = next(book["Read me"].iter_rows(min_row=3, values_only=True))
    assert first[0] == "FICTIONAL"


def test_readme_says_the_data_is_fictional():
    text = (samples.SAMPLE_DIR / "README.md").read_text()
    assert "fictional" in text.casefold()
