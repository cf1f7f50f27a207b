"""The committed JSON Schemas under generated/schemas against Python's jsonschema.

Run: python3 -m pytest -q Tests/python

jsonschema (with referencing, no network) is the independent oracle: every schema is loaded
into one `referencing.Registry` keyed by its `$id`, so the forms' `$ref`s into the dictionary
resolve exactly as a consumer's validator resolves them.

- Every schema is valid against the draft 2020-12 metaschema, with a stable `$id` under the
  catalog's base and the catalog's version.
- For every item and bundle form a valid submission is built from the schema alone (every
  property, with the `$ref`s resolved, then fields a visibility rule forbids dropped) and
  must validate; so must the smallest one (only what the form and its conditions require).
- Mutations of it must not: each required field dropped, an unknown property, a wrong type
  per field, a code outside its list, a broken pattern, a trailing newline (Python's `$`
  matches before one, ECMA-262's does not), a number out of range, a string too long or too
  short. Every data element of the dictionary gets the same, used by a form or not.
- Hand-written submissions for the tricky parts of the real catalog: the forms with
  `required_if` conditions, code lists, ID and other formats, dates.

The tests read the committed tree; they need no build.
"""

from __future__ import annotations

import functools
import json
import random
import re
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

REPO = Path(__file__).resolve().parents[2]
GENERATED = REPO / "generated"
SCHEMAS = GENERATED / "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
UNKNOWN = "zz.not_a_field"

# Known-valid values of the standard formats (`format`: the custom ones are annotations to
# jsonschema, and the pattern beside them gives their structure).
FORMAT_EXAMPLES = {
    "cn-resident-id": "360426199101010071",
    "cn-uscc": "91110000600037341L",
    "cn-mobile": "13800138000",
    "cn-postcode": "310000",
    "cn-division": "330111",
    "email": "zhang.san@example.cn",
}
DATE_EXAMPLE = "2026-03-02"


# --- loading -------------------------------------------------------------------------------


class SchemaTree:
    """The schemas under one `schemas/` folder, in one registry keyed by `$id`."""

    def __init__(self, folder: Path) -> None:
        self.documents: dict[str, dict] = {
            path.relative_to(folder).as_posix(): json.loads(path.read_text(encoding="utf-8"))
            for path in sorted(folder.rglob("*.json"))
        }
        self.forms = {p: doc for p, doc in self.documents.items() if p.startswith(("items/", "bundles/"))}
        self.registry: Registry = Registry().with_resources(
            (doc["$id"], Resource.from_contents(doc)) for doc in self.documents.values()
        )


COMMITTED = SchemaTree(SCHEMAS)
DOCUMENTS = COMMITTED.documents
FORMS = COMMITTED.forms
REGISTRY = COMMITTED.registry
with (REPO / "catalog" / "jimu.yaml").open(encoding="utf-8") as _f:
    _CONFIG = _f.read()
SCHEMA_BASE = re.search(r"^schema_base:\s*'?\"?([^'\"\s]+)", _CONFIG, re.M).group(1)
CATALOG_VERSION = re.search(r"^version:\s*'?\"?([^'\"\s]+)", _CONFIG, re.M).group(1)


def form_ids() -> list[str]:
    return sorted(FORMS)


def validator(form: str, *, formats: bool = False, tree: SchemaTree = COMMITTED) -> Draft202012Validator:
    schema = tree.forms[form]
    checker = Draft202012Validator.FORMAT_CHECKER if formats else None
    return Draft202012Validator(schema, registry=tree.registry, format_checker=checker)


def errors(form: str, submission: dict, *, formats: bool = False, tree: SchemaTree = COMMITTED) -> list[str]:
    found = validator(form, formats=formats, tree=tree).iter_errors(submission)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in found]


def is_valid(form: str, submission: Any, tree: SchemaTree = COMMITTED) -> bool:
    return validator(form, tree=tree).is_valid(submission)


# --- building values from a field's schema --------------------------------------------------


def field_schema(form: str, field: str, tree: SchemaTree = COMMITTED) -> dict:
    """The property's schema with its `$ref` into the dictionary resolved and merged."""
    prop = tree.forms[form]["properties"][field]
    if "$ref" not in prop:
        return prop
    resolved = tree.registry.resolver(base_uri=tree.forms[form]["$id"]).lookup(prop["$ref"]).contents
    merged = dict(resolved)
    merged.update({k: v for k, v in prop.items() if k != "$ref"})
    return merged


def patterns(schema: dict) -> list[str]:
    found = [schema["pattern"]] if "pattern" in schema else []
    for part in schema.get("allOf", []):
        if "pattern" in part:
            found.append(part["pattern"])
    return found


@functools.lru_cache(maxsize=None)
def string_matching(all_patterns: tuple[str, ...], min_length: int, max_length: int | None) -> str:
    """A string matching every pattern within the length bounds: found by hypothesis from the
    first pattern, generation only, with a fixed seed (so the same string every run)."""
    def fits(s: str) -> bool:
        return (
            min_length <= len(s) <= (max_length if max_length is not None else 10**9)
            and all(re.search(p, s) for p in all_patterns)
        )

    return find(
        st.from_regex(all_patterns[0], fullmatch=True),
        fits,
        settings=settings(
            database=None, max_examples=5000, phases=[Phase.generate], suppress_health_check=list(HealthCheck)
        ),
        random=random.Random(20260302),
    )


def valid_value(schema: dict) -> Any:
    kind = schema.get("type")
    if kind == "boolean":
        return True
    if kind in ("integer", "number"):
        low = schema.get("minimum", schema.get("exclusiveMinimum", 0))
        high = schema.get("maximum", schema.get("exclusiveMaximum", low + 100))
        if kind == "integer":
            value = (low + high) // 2 if isinstance(low, int) and isinstance(high, int) else int(low) + 1
        else:
            value = (low + high) / 2
            value = value + 0.25 if value + 0.25 <= high else value  # a fraction where it fits
        assert low <= value <= high
        return value
    assert kind == "string", schema
    if "enum" in schema:
        return schema["enum"][0]
    fmt = schema.get("format")
    if fmt == "date":
        return DATE_EXAMPLE
    if fmt:
        assert fmt in FORMAT_EXAMPLES, f"no known-valid example for format {fmt}"
        return FORMAT_EXAMPLES[fmt]
    min_length = schema.get("minLength", 0)
    max_length = schema.get("maxLength")
    found = patterns(schema)
    if found:
        return string_matching(tuple(found), min_length, max_length)
    text = "示例文字" * (max(min_length, 1) // 4 + 1)
    text = text[: max(min_length, 4)]
    return text if max_length is None else text[:max_length]


# --- valid submissions ----------------------------------------------------------------------


def hidden_by(rule: dict) -> str | None:
    """The field a `visible_if`-style rule forbids: `if <not visible> then not required [f]`."""
    then = rule.get("then", {})
    if set(then) == {"not"} and set(then["not"]) == {"required"} and len(then["not"]["required"]) == 1:
        return then["not"]["required"][0]
    return None


def required_by(rule: dict) -> list[str]:
    then = rule.get("then", {})
    return list(then.get("required", [])) if set(then) == {"required"} else []


def holds(form: str, subschema: Any, submission: dict, tree: SchemaTree = COMMITTED) -> bool:
    return Draft202012Validator(subschema, registry=tree.registry).is_valid(submission)


def settle(form: str, submission: dict, *, add_required: bool, tree: SchemaTree = COMMITTED) -> dict:
    """Applies the form's `if`/`then` rules until none fails: a field a rule hides is
    dropped; a field a rule requires is added (when `add_required`)."""
    submission = dict(submission)
    for _ in range(len(tree.forms[form]["properties"]) + 2):
        changed = False
        for rule in tree.forms[form].get("allOf", []):
            if "if" not in rule or not holds(form, rule["if"], submission, tree):
                continue
            hidden = hidden_by(rule)
            if hidden is not None and hidden in submission:
                del submission[hidden]
                changed = True
            if add_required:
                for field in required_by(rule):
                    if field not in submission:
                        submission[field] = valid_value(field_schema(form, field, tree))
                        changed = True
        if not changed:
            return submission
    raise AssertionError(f"{form}: the conditions do not settle")


def full_submission(form: str, tree: SchemaTree = COMMITTED) -> dict:
    everything = {f: valid_value(field_schema(form, f, tree)) for f in tree.forms[form]["properties"]}
    return settle(form, everything, add_required=False, tree=tree)


def minimal_submission(form: str, tree: SchemaTree = COMMITTED) -> dict:
    required = {f: valid_value(field_schema(form, f, tree)) for f in tree.forms[form]["required"]}
    return settle(form, required, add_required=True, tree=tree)


# --- invalid values per field ---------------------------------------------------------------


def wrong_types(schema: dict) -> list[Any]:
    kind = schema["type"]
    others = {
        "string": [12345, True, None, ["x"], {"x": 1}],
        "integer": ["12", 1.5, True, None],
        "number": ["1.5", True, None, [1]],
        "boolean": ["true", 1, None],
    }
    return others[kind]


def broken_patterns(schema: dict, valid: str) -> list[str]:
    """Strings that fail one of the field's patterns while keeping its length bounds, so
    only the pattern can reject them."""
    low = schema.get("minLength", 0)
    high = schema.get("maxLength", 10**9)
    candidates = [
        "!" + valid[1:],
        valid[:-1] + "!",
        " " + valid[1:],
        valid[:-1] + " ",
        valid.replace("@", "a"),
        valid[: len(valid) // 2] + " " + valid[len(valid) // 2 + 1 :],
        "a" + valid[1:],
        "x" * max(low, 1),
    ]
    out = []
    for candidate in candidates:
        if low <= len(candidate) <= high and not all(re.search(p, candidate) for p in patterns(schema)):
            out.append(candidate)
    assert out, f"could not break the pattern of {schema.get('title')}"
    return out


def field_mutations(form: str, tree: SchemaTree = COMMITTED) -> Iterator[tuple[str, str, Any]]:
    """(kind, field, bad value) for every field of the form."""
    for field in tree.forms[form]["properties"]:
        schema = field_schema(form, field, tree)
        kind = schema["type"]
        valid = valid_value(schema)
        for value in wrong_types(schema):
            yield "type", field, value
        if "enum" in schema:
            for value in ["not-a-code", "", str(schema["enum"][0]) + " ", "99999"]:
                if value not in schema["enum"]:
                    yield "enum", field, value
            labels = schema.get("x-jimu-labels", {})
            for code, label in labels.items():
                if label["zh"] not in schema["enum"]:
                    yield "enum", field, label["zh"]  # a label is not a code
                    break
        if kind == "string" and patterns(schema) and "enum" not in schema:
            for value in broken_patterns(schema, valid):
                yield "pattern", field, value
            # Python's `$` also matches before a final newline (ECMA-262's does not): the
            # schema must reject a trailing newline under either engine.
            if len(valid) + 1 <= schema.get("maxLength", 10**9):
                yield "newline", field, valid + "\n"
        if kind in ("integer", "number"):
            step = 1 if kind == "integer" else 0.5
            if "minimum" in schema:
                yield "range", field, schema["minimum"] - step
            if "maximum" in schema:
                yield "range", field, schema["maximum"] + step
        if kind == "string" and "maxLength" in schema and not patterns(schema) and "enum" not in schema:
            yield "length", field, "长" * (schema["maxLength"] + 1)
        if kind == "string" and schema.get("minLength", 0) > 1 and not patterns(schema) and "enum" not in schema:
            yield "length", field, "短" * (schema["minLength"] - 1)


# --- the tests: every schema ---------------------------------------------------------------


def test_the_tree_holds_every_item_and_bundle_form() -> None:
    items = sorted(p.stem for p in (REPO / "catalog" / "items").glob("*.yaml"))
    bundles = sorted(p.stem for p in (REPO / "catalog" / "bundles").glob("*.yaml"))
    assert sorted(p.removeprefix("items/").removesuffix(".schema.json") for p in FORMS if p.startswith("items/")) == items
    assert sorted(
        p.removeprefix("bundles/").removesuffix(".schema.json") for p in FORMS if p.startswith("bundles/")
    ) == bundles
    assert "dictionary.schema.json" in DOCUMENTS


@pytest.mark.parametrize("path", sorted(DOCUMENTS))
def test_schema_is_valid_draft_2020_12(path: str) -> None:
    schema = DOCUMENTS[path]
    assert schema["$schema"] == DIALECT
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == SCHEMA_BASE + path
    assert schema["x-jimu-version"] == CATALOG_VERSION
    assert schema["title"]


def test_ids_are_unique_and_every_ref_resolves() -> None:
    ids = [doc["$id"] for doc in DOCUMENTS.values()]
    assert len(ids) == len(set(ids))
    for form in FORMS:
        for field, prop in FORMS[form]["properties"].items():
            if "$ref" in prop:
                target = field_schema(form, field)
                assert target.get("type"), f"{form}: {field}: {prop['$ref']} resolves to no typed schema"
                assert prop["$ref"].endswith("#/$defs/" + field), (form, field, prop["$ref"])


@pytest.mark.parametrize("form", form_ids())
def test_form_is_closed_and_required_fields_are_properties(form: str) -> None:
    schema = FORMS[form]
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) <= set(schema["properties"])
    assert len(schema["required"]) == len(set(schema["required"]))
    for rule in schema.get("allOf", []):
        for field in required_by(rule) + ([hidden_by(rule)] if hidden_by(rule) else []):
            assert field in schema["properties"], f"{form}: a condition names {field}, not a property"


@pytest.mark.parametrize("form", form_ids())
def test_generated_valid_submission_is_valid(form: str) -> None:
    submission = full_submission(form)
    assert not errors(form, submission), errors(form, submission)
    # The example values are format-valid too (dates, e-mail) when formats are asserted.
    assert not errors(form, submission, formats=True)


@pytest.mark.parametrize("form", form_ids())
def test_smallest_submission_is_valid(form: str) -> None:
    submission = minimal_submission(form)
    assert not errors(form, submission), errors(form, submission)


@pytest.mark.parametrize("form", form_ids())
def test_dropping_a_required_field_is_invalid(form: str) -> None:
    base = full_submission(form)
    accepted = []
    for field in FORMS[form]["required"]:
        mutated = {k: v for k, v in base.items() if k != field}
        if is_valid(form, mutated):
            accepted.append(field)
    assert not accepted, f"{form}: valid without required fields {accepted}"


@pytest.mark.parametrize("form", form_ids())
def test_unknown_property_is_invalid(form: str) -> None:
    for extra in (UNKNOWN, "", "__proto__", "applicant"):
        if extra in FORMS[form]["properties"]:
            continue
        submission = full_submission(form) | {extra: "x"}
        assert not is_valid(form, submission), f"{form}: accepted unknown property {extra!r}"
    assert not is_valid(form, minimal_submission(form) | {UNKNOWN: None})


@pytest.mark.parametrize("form", form_ids())
def test_submission_that_is_not_an_object_is_invalid(form: str) -> None:
    for value in ([], "x", 1, None, [full_submission(form)]):
        assert not is_valid(form, value)


MUTATION_KINDS = ("type", "enum", "pattern", "newline", "range", "length")


def mutation_cases() -> list[tuple[str, str]]:
    """(form, kind) for every kind of mutation a form has a field for."""
    return [
        (form, kind)
        for form in form_ids()
        for kind in MUTATION_KINDS
        if any(k == kind for k, _, _ in field_mutations(form))
    ]


@pytest.mark.parametrize("form, kind", mutation_cases())
def test_field_mutation_is_invalid(form: str, kind: str) -> None:
    base = full_submission(form)
    accepted = []
    tried = 0
    for mutation, field, value in field_mutations(form):
        if mutation != kind or field not in base:
            continue
        tried += 1
        if is_valid(form, base | {field: value}):
            accepted.append((field, value))
    assert not accepted, f"{form}: {kind} mutations accepted: {accepted}"
    assert tried, f"{form}: every field with a {kind} constraint is hidden in the valid submission"


def test_mutations_cover_every_constraint_kind() -> None:
    """The generic mutations are not vacuous over the catalog as a whole."""
    kinds: dict[str, int] = {}
    for form in FORMS:
        for kind, _, _ in field_mutations(form):
            kinds[kind] = kinds.get(kind, 0) + 1
    assert set(kinds) == set(MUTATION_KINDS), kinds
    assert all(n >= 10 for n in kinds.values()), kinds


# --- hand-written cases ---------------------------------------------------------------------


NEWBORN_FORMS = ["items/household-registration-newborn.schema.json", "bundles/newborn.schema.json"]


def forms_with_conditions() -> list[str]:
    return sorted(f for f in FORMS if FORMS[f].get("allOf"))


def test_the_conditional_forms_are_the_ones_the_hand_written_cases_cover() -> None:
    """When the catalog gains a condition in another form, add hand-written cases for it."""
    assert forms_with_conditions() == sorted(NEWBORN_FORMS)


@pytest.mark.parametrize("form", NEWBORN_FORMS)
def test_guardian_is_required_unless_a_parent_declares(form: str) -> None:
    """`guardian.name` and `guardian.id_number`: required_if "applicant.relationship != '1'"."""
    schema = FORMS[form]
    assert {"guardian.name", "guardian.id_number"} <= set(schema["properties"])
    assert not {"guardian.name", "guardian.id_number"} & set(schema["required"])
    codes = field_schema(form, "applicant.relationship")["enum"]
    assert codes[0] == "1" and len(codes) > 1
    guardian = {"guardian.name": "王芳", "guardian.id_number": "44011320141005001X"}
    base = {k: v for k, v in full_submission(form).items() if not k.startswith("guardian.")}

    parent = base | {"applicant.relationship": "1"}
    assert is_valid(form, parent), errors(form, parent)
    # A parent may still give a guardian: the rule requires, it never forbids.
    assert is_valid(form, parent | guardian)
    assert is_valid(form, parent | {"guardian.name": "王芳"})

    for code in codes[1:]:
        other = base | {"applicant.relationship": code}
        assert not is_valid(form, other), f"relationship {code}: valid without a guardian"
        assert is_valid(form, other | guardian), errors(form, other | guardian)
        assert not is_valid(form, other | {"guardian.name": "王芳"}), f"{code}: guardian ID not required"
        assert not is_valid(form, other | {"guardian.id_number": "44011320141005001X"}), f"{code}: name not required"
        # Required does not loosen the field's own constraints.
        assert not is_valid(form, other | guardian | {"guardian.id_number": "44011320141005001"})
        assert not is_valid(form, other | guardian | {"guardian.name": "王" * 51})

    # A relationship outside the code list is rejected outright (and does not count as "not 1").
    for bad in ("0", "4", "父母", 1, None):
        assert not is_valid(form, base | guardian | {"applicant.relationship": bad})


@pytest.mark.parametrize("form", NEWBORN_FORMS)
def test_errors_name_the_missing_guardian_fields(form: str) -> None:
    base = {k: v for k, v in full_submission(form).items() if not k.startswith("guardian.")}
    found = errors(form, base | {"applicant.relationship": "3"})
    assert any("'guardian.name' is a required property" in e for e in found), found
    assert any("'guardian.id_number' is a required property" in e for e in found), found


def test_conditions_are_encoded_so_an_absent_field_makes_the_comparison_false() -> None:
    """`x != '1'` with `x` absent is false, so the condition requires its field; otherwise an
    absent relationship would (vacuously) trigger the `then`."""
    for form in NEWBORN_FORMS:
        for rule in FORMS[form]["allOf"]:
            assert rule["if"]["required"] == ["applicant.relationship"]
            assert not holds(form, rule["if"], {})
            assert holds(form, rule["if"], {"applicant.relationship": "2"})
            assert not holds(form, rule["if"], {"applicant.relationship": "1"})


def fields_with(predicate) -> list[tuple[str, str]]:
    return [
        (form, field)
        for form in sorted(FORMS)
        for field in FORMS[form]["properties"]
        if predicate(field_schema(form, field))
    ]


MALFORMED = {
    "cn-resident-id": [
        "36042619910101007",  # 17 characters
        "3604261991010100711",  # 19
        "44011320141005001x",  # lower-case check character
        "060426199101010071",  # division cannot start with 0
        "360426179101010071",  # born in the 1700s
        "360426219101010071",  # born in the 2100s
        "360426199113010071",  # month 13
        "360426199100010071",  # month 00
        "360426199101320071",  # day 32
        "360426199101000071",  # day 00
        "36042619910101007A",  # check character other than X
        "3604261991-1010071",
        " 360426199101010071"[:18],
        "３６０４２６１９９１０１０１００７１",  # full-width digits
        "",
    ],
    "cn-uscc": [
        "91110000600037341I",  # I is not in the alphabet
        "91110000600037341O",
        "91110000600037341Z",
        "91110000600037341S",
        "91110000600037341V",
        "9111000060003734",  # 16 characters
        "91110000600037341L0",  # 19
        "911100006000373411"[:17],
        "91A10000600037341L",  # division part must be digits
        "91110000600037341l",  # lower case
        "",
    ],
    "cn-mobile": ["12800138000", "1380013800", "138001380000", "+8613800138000", "23800138000", "1380013800a", ""],
    "cn-postcode": ["31000", "3100001", "31000a", "３１００００", ""],
    "cn-division": ["030111", "930111", "33011", "3301111", "33011a", ""],
    "email": ["zhang.san", "zhang san@example.cn", "@example.cn", "zhang@example", "zhang@@example.cn", ""],
}


@pytest.mark.parametrize("fmt", sorted(MALFORMED))
def test_malformed_ids_and_numbers_are_rejected_in_every_form(fmt: str) -> None:
    """In every data element of the format, and in every form field of it (none of the
    forms asks a postcode or an e-mail address yet: their elements are still checked)."""
    elements = [e for e, schema in DICTIONARY["$defs"].items() if schema.get("format") == fmt]
    assert elements, f"no data element of format {fmt}"
    accepted = [(e, bad) for e in elements for bad in MALFORMED[fmt] if element_accepts(e, bad)]
    assert not accepted, accepted
    assert all(element_accepts(e, FORMAT_EXAMPLES[fmt]) for e in elements)
    places = fields_with(lambda s: s.get("format") == fmt)
    for form, field in places:
        base = full_submission(form)
        if field not in base:
            continue
        assert is_valid(form, base | {field: FORMAT_EXAMPLES[fmt]})
        for bad in MALFORMED[fmt]:
            if is_valid(form, base | {field: bad}):
                accepted.append((form, field, bad))
    assert not accepted, accepted


@pytest.mark.parametrize(
    "fmt, values",
    [
        ("cn-resident-id", ["360426199101010071", "44011320141005001X", "110101180001010010", "650102200012310011"]),
        ("cn-uscc", ["91110000600037341L", "91330106MA27XL0E2D", "12100000400000398P"]),
        ("cn-mobile", ["13800138000", "19912345678", "15000000000"]),
        ("cn-postcode", ["310000", "000000", "999999"]),
        ("cn-division", ["330111", "110000", "810000"]),
        ("email", ["a@b.cn", "zhang.san+jimu@mail.zj.gov.cn"]),
    ],
)
def test_well_formed_values_are_accepted(fmt: str, values: list[str]) -> None:
    for element, schema in DICTIONARY["$defs"].items():
        if schema.get("format") == fmt:
            for value in values:
                assert element_accepts(element, value), (element, value)
    for form, field in fields_with(lambda s: s.get("format") == fmt):
        base = full_submission(form)
        if field in base:
            for value in values:
                assert is_valid(form, base | {field: value}), (form, field, value, errors(form, base | {field: value}))


def test_resident_id_check_character_is_left_to_the_swift_module() -> None:
    """The schema checks the structure only: a wrong check character (…0072 for …0071) is
    accepted here, as the format's description says (MOD 11-2 is verified in Swift)."""
    form, field = fields_with(lambda s: s.get("format") == "cn-resident-id")[0]
    assert "check character" in field_schema(form, field)["description"]
    assert is_valid(form, full_submission(form) | {field: "360426199101010072"})


def test_every_code_of_every_list_is_accepted_and_nothing_else() -> None:
    places = fields_with(lambda s: "enum" in s)
    assert places
    for form, field in places:
        schema = field_schema(form, field)
        base = full_submission(form)
        if field not in base:
            continue
        assert schema["x-jimu-codelist"] and set(schema["x-jimu-labels"]) == set(schema["enum"]), (form, field)
        for code in schema["enum"]:
            submission = settle(form, base | {field: code}, add_required=True)
            assert is_valid(form, submission), (form, field, code, errors(form, submission))
        for bad in [int(schema["enum"][0]) if schema["enum"][0].isdigit() else None, " " + schema["enum"][0], "Z9"]:
            assert not is_valid(form, base | {field: bad}), (form, field, bad)


DATES_REJECTED = ["2026-3-2", "2026/03/02", "20260302", "2026-13-01", "2026-00-10", "2026-03-32", "2026-03-00",
                  "26-03-02", "2026-03-02T00:00:00", " 2026-03-02", "２０２６-03-02", ""]


def test_dates_have_the_yyyy_mm_dd_structure() -> None:
    places = fields_with(lambda s: s.get("format") == "date")
    assert places
    for form, field in places:
        base = full_submission(form)
        if field not in base:
            continue
        for good in ("2026-03-02", "2024-02-29", "1990-12-31"):
            assert is_valid(form, base | {field: good}), (form, field, good)
        for bad in DATES_REJECTED:
            assert not is_valid(form, base | {field: bad}), (form, field, bad)


def test_an_impossible_day_passes_the_pattern_but_not_the_date_format() -> None:
    """2026-02-30 has the structure, so only the asserted `format: date` (and the Swift
    module) reject it."""
    form, field = fields_with(lambda s: s.get("format") == "date")[0]
    submission = full_submission(form) | {field: "2026-02-30"}
    assert is_valid(form, submission)
    assert errors(form, submission, formats=True)


def test_numbers_accept_their_bounds_and_integers_reject_fractions() -> None:
    for form, field in fields_with(lambda s: s.get("type") in ("integer", "number")):
        schema = field_schema(form, field)
        base = full_submission(form)
        if field not in base:
            continue
        for bound in ("minimum", "maximum"):
            if bound in schema:
                assert is_valid(form, base | {field: schema[bound]}), (form, field, bound)
        if schema["type"] == "integer":
            assert not is_valid(form, base | {field: schema.get("minimum", 0) + 0.5}), (form, field)
            assert is_valid(form, base | {field: float(valid_value(schema))}), "1.0 is an integer in JSON Schema"


def test_patterned_fields_accept_realistic_values() -> None:
    """Realistic values of the catalog's own patterns (beyond the generated minimal ones)."""
    realistic = {
        "vehicle.plate_number": ["浙A12345", "浙AD12345"],
        "vehicle.trailer_plate_number": ["浙A1234挂"],
        "vehicle.vin": ["LSVAU033512345678"],
        "newborn.birth_certificate_number": ["Q330012345"],
        "newborn.birth_time": ["00:00", "23:59", "08:30"],
        "company.phone": ["0571-87654321", "057187654321", "13800138000"],
        "construction.project_code": ["2026-330111-47-01-123456"],
        "company.industry_code": ["I", "I65", "I6510"],
    }
    rejected = {
        "vehicle.plate_number": ["浙a12345", "AA12345", "浙A1234"],
        "vehicle.vin": ["LSVAU0335123456I8", "LSVAU03351234567"],
        "newborn.birth_time": ["24:00", "8:30", "08:60"],
        "company.industry_code": ["U65", "I6", "I65100"],
    }
    for field, values in realistic.items():
        for value in values:
            assert element_accepts(field, value), (field, value)
    for field, values in rejected.items():
        for value in values:
            assert not element_accepts(field, value), (field, value)
    # And in the forms that use them.
    for form, field in fields_with(lambda s: "pattern" in s):
        base = full_submission(form)
        if field not in base:
            continue
        for value in realistic.get(field, []):
            assert is_valid(form, base | {field: value}), (form, field, value, errors(form, base | {field: value}))
        for value in rejected.get(field, []):
            assert not is_valid(form, base | {field: value}), (form, field, value)


DICTIONARY = DOCUMENTS["dictionary.schema.json"]


def element_accepts(element: str, value: Any) -> bool:
    """Whether the dictionary's definition of `element` accepts `value`, by `$ref` as a form
    uses it."""
    assert element in DICTIONARY["$defs"], element
    schema = {"$ref": DICTIONARY["$id"] + "#/$defs/" + element}
    return Draft202012Validator(schema, registry=REGISTRY).is_valid(value)


@pytest.mark.parametrize("element", sorted(DICTIONARY["$defs"]))
def test_every_data_element_accepts_its_example_and_rejects_its_mutations(element: str) -> None:
    """Also covers elements no form uses yet."""
    schema = DICTIONARY["$defs"][element]
    assert schema.get("title"), element
    assert element_accepts(element, valid_value(schema))
    bad = list(wrong_types(schema))
    if "enum" in schema:
        bad += ["not-a-code", " " + schema["enum"][0]]
    if schema["type"] == "string" and patterns(schema) and "enum" not in schema:
        bad += broken_patterns(schema, valid_value(schema))
        bad.append(valid_value(schema) + "\n")
    for bound, step in (("minimum", -1), ("maximum", 1)):
        if bound in schema:
            bad.append(schema[bound] + step)
            assert element_accepts(element, schema[bound])
    if schema["type"] == "string" and "maxLength" in schema and not patterns(schema) and "enum" not in schema:
        bad.append("长" * (schema["maxLength"] + 1))
        assert element_accepts(element, "长" * schema["maxLength"])
    accepted = [value for value in bad if element_accepts(element, value)]
    assert not accepted, accepted


def test_bundle_forms_leave_process_filled_fields_to_the_process() -> None:
    """A field an earlier item of the bundle produces is not asked of the applicant."""
    for form in (f for f in FORMS if f.startswith("bundles/")):
        filled = FORMS[form]["x-jimu-bundle"]["process_filled"]
        for field in filled:
            assert field not in FORMS[form]["properties"], (form, field)
            assert not is_valid(form, full_submission(form) | {field: "x"})
