"""The shape of the report ``check --json`` prints, a public contract (docs/check-json.md).

Owns that shape as plain dicts (``check_json``) and writing them as strict JSON
(``strict_json``). This is the reference: ``report_text`` writes the same bytes faster, and
falls back to this for any value it does not expect. Never reads files.
"""

from __future__ import annotations

import json
import math

from advocacy import template
from advocacy.ingest.fields import COUNT_TO_PCT
from advocacy.issues import Issue
from advocacy.load import LoadResult
from advocacy.model import District

__all__ = ["PROFILE_KEYS", "SUBJECT_KEYS", "check_json", "district_json", "finite", "issue_json",
           "strict_json"]

# JSON key → Profile field; the JSON drops the unit suffix the model carries.
PROFILE_KEYS = {field.json_key: field.key for field in template.PROFILE}
# Subject → the JSON key of the profile field it fills; a count read for a percent fills it.
SUBJECT_KEYS = {**{field.key: field.json_key for field in template.PROFILE},
                **{count: template.profile_field(pct).json_key
                   for count, pct in COUNT_TO_PCT.items()}}


def strict_json(value: object) -> str:
    """RFC 8259 JSON: a non-finite number (which ingest refuses, so this is a bug's net) is
    written as null, never as the bare ``NaN`` or ``Infinity`` JavaScript parsers reject."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except ValueError:
        return json.dumps(finite(value), ensure_ascii=False, allow_nan=False)


def finite(value: object) -> object:
    """``value`` with every non-finite float in it, however deep, made None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


def check_json(result: LoadResult) -> dict[str, object]:
    """The public JSON shape of ``check --json`` (docs/check-json.md)."""
    return {"districts": [district_json(d) for d in result.districts],
            "issues": [issue_json(issue) for issue in result.issues]}


def issue_json(issue: Issue) -> dict[str, object]:
    """An issue's public shape; ``subject`` was added later, after every earlier key."""
    subject = issue.subject
    return {**issue.as_json(), "subject": SUBJECT_KEYS.get(subject, subject)
            if subject is not None else None}


def district_json(d: District) -> dict[str, object]:
    return {
        "name": d.name,
        "state": d.state,
        "nces_id": d.nces_id,
        "state_id": d.state_id,
        "county": d.county,
        "congressional_district": d.congressional_district,
        "profile": {key: getattr(d.profile, field) for key, field in PROFILE_KEYS.items()},
        "spending": [{"school_year": str(s.school_year), "source": s.source,
                      "amount": s.amount_usd} for s in d.spending],
        "uses": [{"school_year": str(u.school_year), "use": u.use, "amount": u.amount_usd}
                 for u in d.uses],
        "revenue": [{"school_year": str(r.school_year), "source": r.source,
                     "amount": r.amount_usd} for r in d.revenue],
        "outcomes": [{"metric": p.metric, "school_year": str(p.school_year), "value": p.value,
                      "unit": p.unit.value if p.unit else None, "group": p.group}
                     for p in d.outcomes],
        "story": {key: getattr(d.story, key) for key in template.STORY_KEYS},
        "contact": {key: getattr(d.contact, key) for key in template.CONTACT_KEYS},
    }
