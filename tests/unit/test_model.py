"""model: the records whose __init__ sets slots directly hold what a dataclass's own would.

District and Profile are built once per row of a national table, so their __init__ sets each
slot itself; these tests pin that it takes every field, defaults as the fields declare, and
that ``dataclasses.replace`` (which calls it with every field) keeps the rest.
"""

from __future__ import annotations

import dataclasses

import pytest

from advocacy import fictional
from advocacy.model import District, Profile


@pytest.mark.parametrize("cls", [District, Profile])
def test_defaults_are_the_fields_declared_defaults(cls):
    made = cls(name="Alder") if cls is District else cls()
    for field in dataclasses.fields(cls):
        if field.name == "name":
            continue
        default = (field.default_factory() if field.default_factory is not dataclasses.MISSING
                   else field.default)
        assert getattr(made, field.name) == default, field.name


@pytest.mark.parametrize("cls", [District, Profile])
def test_every_field_given_is_kept_and_replace_changes_only_one(cls):
    sample = fictional.maple_valley()
    source = sample if cls is District else sample.profile
    values = {field.name: getattr(source, field.name) for field in dataclasses.fields(cls)}
    made = cls(**values)
    assert made == source
    assert {name: getattr(made, name) for name in values} == values
    name = "state" if cls is District else "students"
    changed = dataclasses.replace(made, **{name: None})
    assert getattr(changed, name) is None
    assert {n: getattr(changed, n) for n in values if n != name} == {
        n: v for n, v in values.items() if n != name}
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, name, None)
