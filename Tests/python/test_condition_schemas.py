"""Every kind of condition the catalog's practices write, as JSON Schema, under Python's
jsonschema.

Run: python3 -m pytest -q Tests/python

The merge selects, per item, the practice with the fewest hand-filled fields, so the
committed tree holds only one kind of condition (`x != 'c'`, in the newborn forms). Here a
copy of the catalog pins the forms of the practices that write the others (`>` with a
decimal, `or`, `in [...]`, `present(...)`, `visible_if`, `required: false` with `required_if`)
and is compiled with the jimu binary; the same generic checks as for the committed tree run
on every form, then hand-written submissions check each condition's meaning.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from test_build_output import jimu_binary
from test_generated_schemas import (
    SchemaTree,
    errors,
    field_mutations,
    full_submission,
    hidden_by,
    minimal_submission,
    required_by,
)

REPO = Path(__file__).resolve().parents[2]

PINS = {
    "highway-overlimit-transport-permit": "330411",  # cargo.mass required_if > 49; route.trip_count visible_if
    "special-vehicle-urban-road-permit": "330300",  # required_if width > 3.75 or length > 28
    "birth-medical-certificate": "331121",  # visible_if !=, required_if present(), optional + visible_if
    "road-excavation-permit": "330300",  # required_if in ['1', '2']
    "medical-expense-reimbursement": "331102",  # required_if == '2'
    "marriage-registration": "330300",  # visible_if in ['6', '7']
}
HIGHWAY = "items/highway-overlimit-transport-permit.schema.json"
URBAN = "items/special-vehicle-urban-road-permit.schema.json"
BIRTH = "items/birth-medical-certificate.schema.json"
EXCAVATION = "items/road-excavation-permit.schema.json"
MEDICAL = "items/medical-expense-reimbursement.schema.json"
MARRIAGE = "items/marriage-registration.schema.json"
OVERSIZE = "bundles/oversize-transport.schema.json"
NEWBORN = "bundles/newborn.schema.json"
UTILITY = "bundles/utility-connection.schema.json"


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> SchemaTree:
    catalog = tmp_path_factory.mktemp("pinned") / "catalog"
    shutil.copytree(REPO / "catalog", catalog)
    for item, locality in PINS.items():
        frame = catalog / "items" / f"{item}.yaml"
        text = frame.read_text(encoding="utf-8")
        assert "\npins:" not in text, item
        frame.write_text(text + f'pins: {{form: "{locality}"}}\n', encoding="utf-8")
    out = catalog.parent / "generated"
    result = subprocess.run(
        [str(jimu_binary()), "build", str(catalog), "--out", str(out)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return SchemaTree(out / "schemas")


def valid(tree: SchemaTree, form: str, submission: dict) -> bool:
    return not errors(form, submission, tree=tree)


def test_every_pinned_form_has_its_conditions(tree: SchemaTree) -> None:
    conditional = {form for form, schema in tree.forms.items() if schema.get("allOf")}
    assert {HIGHWAY, URBAN, BIRTH, EXCAVATION, MEDICAL, MARRIAGE, OVERSIZE, NEWBORN, UTILITY} <= conditional
    for form, schema in tree.forms.items():
        Draft202012Validator.check_schema(schema)
        for rule in schema.get("allOf", []):
            assert set(rule) == {"if", "then"}, (form, rule)
            named = required_by(rule) + ([hidden_by(rule)] if hidden_by(rule) else [])
            assert named and set(named) <= set(schema["properties"]), (form, rule)


def test_generic_submissions_of_every_form(tree: SchemaTree) -> None:
    """The same generated valid submissions and mutations as for the committed tree."""
    for form in sorted(tree.forms):
        full = full_submission(form, tree)
        assert valid(tree, form, full), (form, errors(form, full, tree=tree))
        smallest = minimal_submission(form, tree)
        assert valid(tree, form, smallest), (form, errors(form, smallest, tree=tree))
        for field in tree.forms[form]["required"]:
            assert not valid(tree, form, {k: v for k, v in full.items() if k != field}), (form, field)
        assert not valid(tree, form, full | {"zz.unknown": 1})
        accepted = [(k, f, v) for k, f, v in field_mutations(form, tree) if f in full and valid(tree, form, full | {f: v})]
        assert not accepted, (form, accepted)


def base(tree: SchemaTree, form: str, *drop: str) -> dict:
    return {k: v for k, v in full_submission(form, tree).items() if k not in drop}


@pytest.mark.parametrize("form", [HIGHWAY, OVERSIZE])
def test_cargo_mass_is_required_above_49_tonnes(tree: SchemaTree, form: str) -> None:
    """required_if: 'vehicle.total_mass > 49' (strictly greater)."""
    s = base(tree, form, "cargo.mass")
    assert "cargo.mass" not in tree.forms[form]["required"]
    for mass, needed in ((49, False), (49.0, False), (48.99, False), (49.01, True), (50, True), (0, False)):
        without = s | {"vehicle.total_mass": mass}
        assert valid(tree, form, without) is (not needed), (mass, errors(form, without, tree=tree))
        assert valid(tree, form, without | {"cargo.mass": 10}), mass


@pytest.mark.parametrize("form", [HIGHWAY, OVERSIZE])
def test_trip_count_is_asked_for_class_1_only(tree: SchemaTree, form: str) -> None:
    """route.trip_count: visible_if "overlimit.class == '1'" (and required when visible)."""
    s = base(tree, form, "route.trip_count", "overlimit.class")
    classes = tree.forms[form]["properties"]["overlimit.class"]["enum"]
    assert "1" in classes and len(classes) > 1
    assert valid(tree, form, s | {"overlimit.class": "1", "route.trip_count": 3})
    assert not valid(tree, form, s | {"overlimit.class": "1"}), "visible and required, but missing"
    for other in (c for c in classes if c != "1"):
        assert valid(tree, form, s | {"overlimit.class": other})
        assert not valid(tree, form, s | {"overlimit.class": other, "route.trip_count": 3}), "hidden, but given"


@pytest.mark.parametrize("form", [URBAN, OVERSIZE])
def test_escort_vehicle_for_wide_or_long_loads(tree: SchemaTree, form: str) -> None:
    """urban.escort_vehicle_plate: required_if 'vehicle.total_width > 3.75 or vehicle.total_length > 28'."""
    s = base(tree, form, "urban.escort_vehicle_plate")
    plate = full_submission(form, tree)["urban.escort_vehicle_plate"]
    cases = [
        (3.75, 28, False), (3.76, 28, True), (3.75, 28.5, True), (4, 30, True), (2.5, 10, False), (3.7500001, 0, True),
    ]
    for width, length, needed in cases:
        without = s | {"vehicle.total_width": width, "vehicle.total_length": length}
        assert valid(tree, form, without) is (not needed), (width, length, errors(form, without, tree=tree))
        assert valid(tree, form, without | {"urban.escort_vehicle_plate": plate})


@pytest.mark.parametrize("form", [BIRTH, NEWBORN])
def test_nationality_is_asked_for_foreign_documents_only(tree: SchemaTree, form: str) -> None:
    """mother.nationality: visible_if "mother.id_type != '1'" (required when visible);
    father.nationality: optional, visible_if "father.id_type != '1'"."""
    s = base(tree, form, "mother.nationality", "father.nationality", "mother.id_type", "father.id_type")
    nationality = full_submission(form, tree).get("mother.nationality") or "CHN"
    types = tree.forms[form]["properties"]
    assert valid(tree, form, s | {"mother.id_type": "1"})
    assert not valid(tree, form, s | {"mother.id_type": "1", "mother.nationality": nationality}), "hidden, but given"
    assert not valid(tree, form, s | {"mother.id_type": "2"}), "visible and required, but missing"
    assert valid(tree, form, s | {"mother.id_type": "2", "mother.nationality": nationality})
    # The father's nationality is optional when visible, and must be absent when hidden,
    # including when the father's document type is not given at all.
    m = s | {"mother.id_type": "1"}
    assert valid(tree, form, m | {"father.id_type": "2"})
    assert valid(tree, form, m | {"father.id_type": "2", "father.nationality": nationality})
    assert not valid(tree, form, m | {"father.id_type": "1", "father.nationality": nationality})
    assert not valid(tree, form, m | {"father.nationality": nationality}), "no father.id_type: the comparison is false"
    assert "father.id_type" in types


@pytest.mark.parametrize("form", [BIRTH, NEWBORN])
def test_father_id_is_required_once_a_father_is_named(tree: SchemaTree, form: str) -> None:
    """father.id_number: required: false, required_if: present(father.name)."""
    s = base(tree, form, "father.name", "father.id_number")
    assert valid(tree, form, s)
    assert valid(tree, form, s | {"father.id_number": "360426199101010071"})
    assert not valid(tree, form, s | {"father.name": "张三"})
    assert valid(tree, form, s | {"father.name": "张三", "father.id_number": "360426199101010071"})
    assert not valid(tree, form, s | {"father.name": "张三", "father.id_number": "36042619910101007"})


@pytest.mark.parametrize("form", [EXCAVATION, UTILITY])
def test_excavation_area_for_the_main_road_classes(tree: SchemaTree, form: str) -> None:
    """excavation.area_m2: required_if "excavation.road_class in ['1', '2']"."""
    s = base(tree, form, "excavation.area_m2", "excavation.road_class")
    classes = tree.forms[form]["properties"]
    codes = [c for c in ("1", "2", "3", "4", "5") if valid(tree, form, s | {"excavation.road_class": c, "excavation.area_m2": 10})]
    assert {"1", "2"} <= set(codes) and len(codes) > 2, codes
    for code in codes:
        needed = code in ("1", "2")
        assert valid(tree, form, s | {"excavation.road_class": code}) is (not needed), code
    assert "excavation.road_class" in classes


def test_discharge_date_for_inpatient_visits(tree: SchemaTree) -> None:
    """medical.discharge_date: required_if "medical.visit_type == '2'"."""
    s = base(tree, MEDICAL, "medical.discharge_date", "medical.visit_type")
    codes = tree.forms[MEDICAL]["properties"]
    assert not valid(tree, MEDICAL, s | {"medical.visit_type": "2"})
    assert valid(tree, MEDICAL, s | {"medical.visit_type": "2", "medical.discharge_date": "2026-03-02"})
    assert valid(tree, MEDICAL, s | {"medical.visit_type": "1"})
    assert not valid(tree, MEDICAL, s | {"medical.visit_type": 2}), "a code is a string"
    assert "medical.visit_type" in codes


def test_spouse_nationality_for_foreign_documents(tree: SchemaTree) -> None:
    """spouse.nationality: visible_if "spouse.id_type in ['6', '7']"."""
    s = base(tree, MARRIAGE, "spouse.nationality", "spouse.id_type")
    nationality = full_submission(MARRIAGE, tree).get("spouse.nationality") or "CHN"
    assert not valid(tree, MARRIAGE, s | {"spouse.id_type": "6"})
    assert valid(tree, MARRIAGE, s | {"spouse.id_type": "6", "spouse.nationality": nationality})
    assert valid(tree, MARRIAGE, s | {"spouse.id_type": "7", "spouse.nationality": nationality})
    assert valid(tree, MARRIAGE, s | {"spouse.id_type": "1"})
    assert not valid(tree, MARRIAGE, s | {"spouse.id_type": "1", "spouse.nationality": nationality})
