"""The fictional sample workbooks in sample_data/: list them, load them, regenerate them.

Owns which samples exist, their titles and the code that writes them (``python -m advocacy
samples`` runs ``write_samples``). Every sample is fictional and says so. Never holds numbers
itself: they come from ``fictional``; the files come from ``exports.workbook``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from advocacy import fictional
from advocacy.checked import load_checked
from advocacy.exports import workbook
from advocacy.load import LoadResult

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample_data"
STATEWIDE_COUNT = 30
STATEWIDE_FILE = "lakeland-statewide.xlsx"


@dataclass(frozen=True, slots=True, kw_only=True)
class Sample:
    key: str
    title: str
    description: str
    path: Path


_SAMPLES = (
    ("maple_valley", "maple-valley.xlsx", fictional.maple_valley,
     "Maple Valley USD (fictional)", "Suburban district that moved workshop dollars to coaching."),
    ("cedar_creek", "cedar-creek.xlsx", fictional.cedar_creek,
     "Cedar Creek Schools (fictional)",
     "Small rural district relying on Title II-A; no story yet."),
    ("harbor_city", "harbor-city.xlsx", fictional.harbor_city,
     "Harbor City Public Schools (fictional)",
     "Large urban district coaching teachers of English learners; story half written."),
)


def list_samples(directory: Path = SAMPLE_DIR) -> list[Sample]:
    """The three sample districts, then the statewide set of 30."""
    found = [Sample(key=key, title=title, description=text, path=directory / name)
             for key, name, _make, title, text in _SAMPLES]
    found.append(Sample(key="lakeland_statewide", title="Lakeland statewide (fictional)",
                        description=f"{STATEWIDE_COUNT} fictional districts in long tables.",
                        path=directory / STATEWIDE_FILE))
    return found


def load_sample(key: str, directory: Path = SAMPLE_DIR) -> LoadResult:
    """A sample loaded and checked as an upload would be; KeyError for an unknown key."""
    sample = next((s for s in list_samples(directory) if s.key == key), None)
    if sample is None:
        raise KeyError(f"no sample named {key!r}")
    return load_checked([sample.path])


def generated(*, template_years=None) -> dict[str, bytes]:
    """File name → bytes of every file sample_data/ should hold."""
    files = {"template.xlsx": workbook.template(years=template_years)}
    for _key, name, make, _title, _text in _SAMPLES:
        files[name] = workbook.render(make()).data
    files[STATEWIDE_FILE] = workbook.render_many(
        fictional.statewide(STATEWIDE_COUNT), filename=STATEWIDE_FILE).data
    return files


def write_samples(directory: Path = SAMPLE_DIR) -> list[Path]:
    """Write (or overwrite) every sample file; the README is written by hand."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in generated().items():
        path = directory / name
        path.write_bytes(data)
        written.append(path)
    return written
