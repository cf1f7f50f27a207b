"""The JSON Schemas of the catalog format (docs/schema/) against the catalog and fixtures.

Run: python3 -m pytest -q Tests/python

- Every schema is a valid draft 2020-12 schema, documented (title and description on every
  property), closed, and uses only keywords that yaml-language-server's draft-07 engine reads
  the same way.
- docs/schema/mapping.json is the one place that says which schema validates which file; the
  tests pick schemas with it, and .vscode/settings.json must be generated from it:
      python3 Tests/python/test_catalog_schema.py --write-vscode-settings
- YAML is read as YAML 1.2 (core schema), as Jimu reads it: `no` and `2026-01-01` stay strings.
- Every file under catalog/ validates; so do the fixture catalogs under fixtures/ (`minimal`:
  required keys only; `full`: every key); a table of broken documents fails with the expected
  error.
"""

from __future__ import annotations

import copy
import datetime
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SCHEMA_DIR = REPO / "docs" / "schema"
MAPPING_FILE = SCHEMA_DIR / "mapping.json"
VSCODE_SETTINGS = REPO / ".vscode" / "settings.json"
EDITORS_DOC = REPO / "docs" / "editors.md"
CATALOG = REPO / "catalog"
FIXTURES = HERE / "fixtures"
FIXTURE_TREES = ("minimal", "full")

BASE_ID = "https://schemas.zjzwfw.gov.cn/jimu/catalog-format/1/"
DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
COMMON = "common.schema.json"


# --------------------------------------------------------------------------- YAML 1.2 loader

class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's SafeLoader with the YAML 1.2 core schema's implicit types instead of 1.1's.

    SafeLoader follows YAML 1.1: `no`/`yes`/`on`/`off` become booleans, `2026-01-01` a date,
    `012` octal, `12:30` a base-60 number and `<<` a merge key. Jimu reads YAML 1.2, where all
    of those are strings (and `012` is 12). Duplicate keys are errors, as in Jimu.
    """

    yaml_implicit_resolvers: dict = {}

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping", node.start_mark,
                        f"found duplicate key {key!r}", key_node.start_mark)
                seen[key] = True
        return super().construct_mapping(node, deep=deep)


def _construct_int_12(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)  # YAML 1.2: a leading 0 is not octal


Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+.0123456789"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _construct_int_12)


def load_yaml(text: str) -> Any:
    """One YAML 1.2 document (more than one is an error, as in Jimu)."""
    return yaml.load(text, Loader=Yaml12Loader)


def load_yaml_file(path: Path) -> Any:
    return load_yaml(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- schemas

def schema_files() -> list[Path]:
    return sorted(SCHEMA_DIR.glob("*.schema.json"))


def load_schemas() -> dict[str, dict]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in schema_files()}


SCHEMAS = load_schemas()


def _no_network(uri: str):
    raise NoSuchResource(ref=uri)  # every schema is preloaded; nothing is fetched


REGISTRY: Registry = Registry(retrieve=_no_network).with_resources(
    (schema["$id"], Resource.from_contents(schema)) for schema in SCHEMAS.values()
)


def validator_for(schema: dict) -> Draft202012Validator:
    return Draft202012Validator(schema, registry=REGISTRY,
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


def validator_for_name(schema_name: str) -> Draft202012Validator:
    return validator_for(SCHEMAS[schema_name])


def def_validator(name: str) -> Draft202012Validator:
    return validator_for({"$schema": DRAFT_2020_12, "$ref": f"{BASE_ID}{COMMON}#/$defs/{name}"})


def all_errors(validator: Draft202012Validator, instance: Any) -> list[ValidationError]:
    """Every error, including those nested in oneOf/anyOf contexts."""
    out: list[ValidationError] = []

    def walk(errors):
        for error in errors:
            out.append(error)
            walk(error.context or [])

    walk(validator.iter_errors(instance))
    return out


def describe(errors: list[ValidationError]) -> str:
    return "\n".join(f"  {e.json_path}: {e.message}" for e in errors) or "  (no errors)"


# --------------------------------------------------------------------------- mapping

def load_mapping() -> dict[str, list[str]]:
    return json.loads(MAPPING_FILE.read_text(encoding="utf-8"))["schemas"]


MAPPING = load_mapping()


def glob_to_regex(glob: str) -> re.Pattern:
    """yaml-language-server's glob dialect, anchored at the root: * within a folder, ** across."""
    out, i = [], 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return re.compile("^" + "".join(out) + "$")


def glob_list_matches(globs: list[str], path: str) -> bool:
    """Like yaml-language-server: the last glob of the list that matches decides (! excludes)."""
    matched = False
    for glob in globs:
        include = not glob.startswith("!")
        if glob_to_regex(glob.lstrip("!")).match(path):
            matched = include
    return matched


def schemas_for(relative_path: str) -> list[str]:
    """The schemas that the mapping applies to a path relative to the repository root."""
    return [name for name, globs in MAPPING.items() if glob_list_matches(globs, relative_path)]


def vscode_yaml_schemas() -> dict[str, list[str]]:
    """The `yaml.schemas` setting derived from mapping.json (schema paths relative to the root)."""
    return {f"./docs/schema/{name}": list(globs) for name, globs in MAPPING.items()}


def vscode_settings(existing: dict | None = None) -> dict:
    settings = dict(existing or {})
    settings["yaml.schemas"] = vscode_yaml_schemas()
    settings["yaml.yamlVersion"] = "1.2"
    return settings


def render_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- files

def yaml_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml"))


def catalog_files() -> list[Path]:
    # templates/ holds guide template overrides, which are not catalog documents.
    return [p for p in yaml_files(CATALOG) if "templates" not in p.relative_to(CATALOG).parts[:1]]


def fixture_files(tree: str) -> list[Path]:
    return yaml_files(FIXTURES / tree / "catalog")


def rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def assert_valid_file(path: Path, root: Path) -> None:
    relative = rel(path, root)
    matched = schemas_for(relative)
    assert len(matched) == 1, f"{relative}: the mapping picks {matched or 'no schema'}"
    document = load_yaml_file(path)
    errors = all_errors(validator_for_name(matched[0]), document)
    top = [e for e in errors if e.parent is None]
    assert not top, f"{relative} fails {matched[0]}:\n{describe(top)}"


# =========================================================================== tests: schemas

@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_valid_draft_2020_12(name):
    Draft202012Validator.check_schema(SCHEMAS[name])


def test_every_file_kind_has_a_schema():
    expected = {"common", "catalog", "fields", "materials", "codelists", "sources", "departments",
                "calendar", "item", "locality", "practice", "bundle"}
    assert {name.removesuffix(".schema.json") for name in SCHEMAS} == expected


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_has_stable_id_title_and_description(name):
    schema = SCHEMAS[name]
    assert schema["$schema"] == DRAFT_2020_12
    assert schema["$id"] == BASE_ID + name
    assert schema.get("title", "").strip()
    assert schema.get("description", "").strip()


def iter_subschemas(node: Any, path: str = "#") -> Iterator[tuple[str, dict, str]]:
    """(path, schema, context) for every subschema; context is the keyword it sits under."""
    def go(value, where, context):
        if isinstance(value, dict):
            yield where, value, context
            for key, child in value.items():
                if key in ("properties", "$defs", "patternProperties"):
                    for name, sub in child.items():
                        yield from go(sub, f"{where}/{key}/{name}", key)
                elif key in ("items", "additionalProperties", "not", "if", "then", "else",
                             "contains", "propertyNames"):
                    yield from go(child, f"{where}/{key}", key)
                elif key in ("allOf", "anyOf", "oneOf"):
                    for i, sub in enumerate(child):
                        yield from go(sub, f"{where}/{key}/{i}", key)
    yield from go(node, path, "")


def conditional_paths(path: str) -> bool:
    """Inside if/then/else/not/oneOf/anyOf: constraints on properties declared elsewhere."""
    return any(f"/{k}/" in path + "/" for k in ("if", "then", "else", "not", "oneOf", "anyOf"))


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_property_has_title_and_description(name):
    missing = []
    for path, schema, context in iter_subschemas(SCHEMAS[name]):
        if context in ("properties", "$defs") and not conditional_paths(path):
            if not (schema.get("title", "").strip() and schema.get("description", "").strip()):
                missing.append(path)
    assert not missing, "no title or description: " + ", ".join(missing)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_objects_are_closed_and_conditions_name_declared_properties(name):
    problems = []
    for path, schema, _ in iter_subschemas(SCHEMAS[name]):
        declared = set(schema.get("properties", {}))
        if declared and not conditional_paths(path) and schema.get("additionalProperties") is not False:
            problems.append(f"{path}: additionalProperties is not false")
        if schema.get("type") == "object" and not declared and "$ref" not in schema:
            problems.append(f"{path}: an object without properties")
        # if/then/else and allOf/oneOf/anyOf may only refine properties the schema declares.
        if conditional_paths(path) or re.search(r"/(?:allOf|oneOf|anyOf)/[0-9]+$", path):
            continue  # checked from the schema they refine
        for keyword in ("if", "then", "else"):
            sub = schema.get(keyword, {})
            unknown = set(sub.get("properties", {})) | set(sub.get("required", []))
            if unknown - declared:
                problems.append(f"{path}/{keyword}: undeclared {sorted(unknown - declared)}")
        for keyword in ("oneOf", "allOf", "anyOf"):
            for i, sub in enumerate(schema.get(keyword, [])):
                unknown = set(sub.get("required", []))
                for inner in ("if", "then", "else"):
                    unknown |= set(sub.get(inner, {}).get("properties", {}))
                    unknown |= set(sub.get(inner, {}).get("required", []))
                if unknown - declared:
                    problems.append(f"{path}/{keyword}/{i}: undeclared {sorted(unknown - declared)}")
    assert not problems, "\n".join(problems)


# Keywords whose meaning differs between draft-07 (yaml-language-server's engine) and 2020-12,
# or that draft-07 lacks: the schemas avoid them, so that editors and Jimu read them alike.
NOT_PORTABLE_TO_DRAFT_07 = {
    "prefixItems", "additionalItems", "unevaluatedItems", "unevaluatedProperties",
    "dependentRequired", "dependentSchemas", "dependencies", "definitions", "minContains",
    "maxContains", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef",
    "$recursiveAnchor", "$vocabulary",
}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_keywords_mean_the_same_in_draft_07(name):
    used = set()
    for _, schema, _ in iter_subschemas(SCHEMAS[name]):
        used |= set(schema)
        if isinstance(schema.get("items"), list):
            used.add("items as an array")
    assert not used & (NOT_PORTABLE_TO_DRAFT_07 | {"items as an array"})


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_ref_is_relative_and_resolves(name):
    schema = SCHEMAS[name]
    resolver = REGISTRY.resolver(base_uri=schema["$id"])
    refs = [s["$ref"] for _, s, _ in iter_subschemas(schema) if "$ref" in s]
    for ref in refs:
        assert not re.match(r"^[a-z]+:", ref), f"{ref}: use a relative reference"
        assert ref.startswith("#/$defs/") or ref.startswith(f"{COMMON}#/$defs/"), ref
        resolver.lookup(ref)  # raises if it does not resolve


def schema_patterns() -> list[tuple[str, str]]:
    return [(f"{name}{path}", s["pattern"]) for name, schema in SCHEMAS.items()
            for path, s, _ in iter_subschemas(schema) if "pattern" in s]


def test_schema_patterns_avoid_engine_specific_syntax():
    """No syntax that only Python has or that means something else in ECMA-262."""
    for where, pattern in schema_patterns():
        re.compile(pattern)
        assert pattern.startswith("^") and pattern.endswith("$"), f"{where}: not anchored"
        assert "(?P" not in pattern and not re.search(r"\(\?[aiLmsux]", pattern), where
        escapes = re.findall(r"\\(.)", pattern)  # each escape, the escaped backslash included
        assert not set(escapes) & set("AZzdDwWsSbBpP"), f"{where}: {sorted(set(escapes))}"


def test_every_pattern_has_a_readable_error_message():
    """Editors show `patternErrorMessage` instead of the raw regular expression."""
    missing = [name + path for name, schema in SCHEMAS.items()
               for path, s, _ in iter_subschemas(schema)
               if "pattern" in s and not s.get("patternErrorMessage", "").strip()]
    assert not missing, missing


NODE = shutil.which("node")

# Strings that the schemas' patterns must judge alike in ECMA-262 (node) and Python's re.
PARITY_SAMPLES = [
    "330111", "330000", "330100", "990000", "33011", "３３０１１１", "2026-02-28", "2024-02-29",
    "2026-02-29", "2000-02-29", "1900-02-29", "2026-04-31", "330000-000105-001", "abc", "a-b",
    "mother.id_number", "Mother", "1.0.0", "1.0.0-rc.1+build.5", "01.0.0", "^[0-9]{17}[0-9X]$",
    "\\d+", "a.b", "(?=x)", "^[\\u4e00-\\u9fa5]$", "[^]", "https://x.example/", "https://x/y",
    "日期", "", "160000", "330011", "469001",
]


@pytest.mark.skipif(NODE is None, reason="node is not installed: ECMA-262 checks skipped")
def test_schema_patterns_are_ecma_262_with_the_same_meaning():
    patterns = sorted({p for _, p in schema_patterns()})
    script = (
        "const [patterns, samples] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const out = patterns.map(p => { let r; try { r = new RegExp(p, 'u'); }"
        " catch (e) { return String(e); } return samples.map(s => r.test(s)); });"
        "process.stdout.write(JSON.stringify(out));"
    )
    done = subprocess.run([NODE, "-e", script], input=json.dumps([patterns, PARITY_SAMPLES]),
                          capture_output=True, text=True, timeout=60, check=True)
    for pattern, js in zip(patterns, json.loads(done.stdout)):
        assert isinstance(js, list), f"not valid ECMA-262 (u flag): {pattern}: {js}"
        py = [re.search(pattern, s) is not None for s in PARITY_SAMPLES]
        differ = [s for s, a, b in zip(PARITY_SAMPLES, js, py) if a != b]
        assert not differ, f"{pattern}: ECMA-262 and Python disagree on {differ}"


# =========================================================================== tests: shared defs

@pytest.mark.parametrize("value, ok", [
    ("2026-02-13", True), ("2024-02-29", True), ("2000-02-29", True), ("2026-12-31", True),
    ("2026-02-29", False), ("1900-02-29", False), ("2026-04-31", False), ("2026-13-01", False),
    ("2026-00-10", False), ("2026-1-1", False), ("20260101", False), ("2026-01-01T00:00", False),
])
def test_date_is_a_real_calendar_date(value, ok):
    assert def_validator("Date").is_valid(value) is ok


@pytest.mark.parametrize("definition, value, ok", [
    ("DivisionCode", "330111", True), ("DivisionCode", "110000", True), ("DivisionCode", "820000", True),
    ("DivisionCode", "100111", False), ("DivisionCode", "660000", False), ("DivisionCode", "3301110", False),
    ("DivisionCode", "160000", False), ("DivisionCode", "330011", False), ("DivisionCode", "469001", True),
    ("DivisionCode", 330111, False),
    ("ProvinceCode", "330000", True), ("ProvinceCode", "330100", False),
    ("CityCode", "330100", True), ("CityCode", "330000", False), ("CityCode", "330111", False),
    ("CountyCode", "330111", True), ("CountyCode", "330782", True), ("CountyCode", "330100", False),
    ("CountyCode", "330011", False),
    ("LocalityCode", "330100", True), ("LocalityCode", "331121", True), ("LocalityCode", "330000", False),
    ("LocalityCode", "330011", False),
    ("ItemCode", "330000-000105-001", True), ("ItemCode", "ABCD", True), ("ItemCode", "ABC", False),
    ("ItemCode", "-330000", False), ("ItemCode", "330000 000105", False), ("ItemCode", "33a0", False),
    ("ItemCode", "A" * 64, True), ("ItemCode", "A" * 65, False),
    ("Key", "household-registration-newborn", True), ("Key", "0-day", True), ("Key", "-x", False),
    ("Key", "../x", False), ("Key", "a/b", False), ("Key", "Newborn", False), ("Key", "a" * 64, True),
    ("Key", "a" * 65, False), ("Key", "", False),
    ("ElementId", "mother.id_number", True), ("ElementId", "relationship", True),
    ("ElementId", "mother..id", False), ("ElementId", "mother.", False), ("ElementId", "1st.name", False),
    ("ElementId", "mother.Id", False), ("ElementId", "mother-id", False),
    ("MaterialId", "birth_medical_certificate", True), ("MaterialId", "birth-certificate", False),
    ("MaterialId", "_x", False), ("SourceId", "e_license", True), ("DepartmentId", "Health", False),
    ("WorkingDays", 0, True), ("WorkingDays", 20, True), ("WorkingDays", -1, False),
    ("WorkingDays", 1.5, False), ("WorkingDays", "5", False),
    ("SemanticVersion", "1.0.0", True), ("SemanticVersion", "1.0.0-rc.1+b.5", True),
    ("SemanticVersion", "1.0", False), ("SemanticVersion", "01.0.0", False),
    ("Text", {"zh": "出生登记"}, True), ("Text", {"zh": "出生登记", "en": "Birth"}, True),
    ("Text", {"en": "Birth"}, False), ("Text", {"zh": ""}, False), ("Text", "出生登记", False),
    ("Text", {"zh": "出生登记", "fr": "Naissance"}, False),
])
def test_shared_definitions(definition, value, ok):
    errors = all_errors(def_validator(definition), value)
    assert (not errors) is ok, describe(errors)


@pytest.mark.filterwarnings("ignore:Possible nested set:FutureWarning")
@pytest.mark.parametrize("pattern, ok", [
    ("^[0-9]{17}[0-9X]$", True), ("^1[3-9][0-9]{9}$", True), ("^(?:[A-Z]{2}|[0-9]+)$", True),
    ("^[^\\s]$", False), ("^\\u4e00$", True), ("^[\\u4e00-\\u9fa5]{2,20}$", True),
    ("^a\\.b\\-c\\/d\\(e\\)\\[f\\]\\{g\\}\\*\\+\\?\\|\\^\\$\\\\$", True), ("^[.]$", True),
    ("^(a|b)*$", True), ("^[^0-9]$", True), ("^[^\\^]$", True), ("日期", True),
    ("\\d+", False), ("\\w", False), ("\\s", False), ("\\bword", False), ("a.b", False),
    ("(?=x)", False), ("(?!x)", False), ("(?<=x)y", False), ("(?P<n>x)", False), ("(?<n>x)", False),
    ("(a)\\1", False), ("(?i)abc", False), ("[^]", False), ("[[a]]", False), ("a]", False), ("", False),
])
def test_portable_pattern_dialect(pattern, ok):
    errors = all_errors(def_validator("PortablePattern"), pattern)
    assert (not errors) is ok, describe(errors)


# =========================================================================== tests: YAML 1.2

@pytest.mark.parametrize("scalar, expected", [
    ("no", "no"), ("yes", "yes"), ("on", "on"), ("off", "off"), ("y", "y"), ("No", "No"),
    ("2026-01-01", "2026-01-01"), ("2026-01-01 10:00:00", "2026-01-01 10:00:00"),
    ("12:30", "12:30"), ("1_000", "1_000"), ("0b101", "0b101"), ("=", "="), ("0o", "0o"),
    ("true", True), ("True", True), ("TRUE", True), ("false", False), ("FALSE", False),
    ("~", None), ("null", None), ("Null", None), ("", None),
    ("1", 1), ("-5", -5), ("+7", 7), ("012", 12), ("0o17", 15), ("0x1F", 31), ("330111", 330111),
    ("1.5", 1.5), ("1.", 1.0), (".5", 0.5), ("1e3", 1000.0), ("-1.5E-2", -0.015), ("1.0", 1.0),
    ("+.5e+1", 5.0),
    # As Jimu's reader has them (Tests/JimuYAMLTests/ScalarResolutionTests.swift): not numbers.
    ("nULL", "nULL"), ("tRUE", "tRUE"), ("0x", "0x"), ("0o8", "0o8"), ("-0x1", "-0x1"),
    ("1,000", "1,000"), ("1.2.3", "1.2.3"), (".", "."), ("1e", "1e"), ("e3", "e3"),
    ("-.nan", "-.nan"), ("出生", "出生"), ("'1'", "1"), ('"true"', "true"), ("'~'", "~"),
])
def test_yaml_loader_follows_yaml_1_2_core(scalar, expected):
    value = load_yaml(f"v: {scalar}\n")["v"]
    assert value == expected and type(value) is type(expected), repr(value)


def test_yaml_loader_special_floats():
    assert load_yaml("v: .inf")["v"] == float("inf")
    assert load_yaml("v: -.Inf")["v"] == float("-inf")
    nan = load_yaml("v: .NaN")["v"]
    assert nan != nan


def test_yaml_1_1_safeloader_would_change_meaning():
    """Why the loader matters: PyYAML's SafeLoader (YAML 1.1) turns these into other types,
    which would make valid catalog files fail (dates) or hide errors (`no` as false)."""
    text = "a: no\nb: 2026-01-01\nc: 012\nd: 1_000\n"
    assert yaml.safe_load(text) == {"a": False, "b": datetime.date(2026, 1, 1), "c": 10, "d": 1000}
    assert load_yaml(text) == {"a": "no", "b": "2026-01-01", "c": 12, "d": "1_000"}


def test_yaml_loader_rejects_duplicate_keys():
    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate key 'a'"):
        load_yaml("a: 1\nb: 2\na: 3\n")


def test_yaml_loader_has_no_merge_keys():
    assert load_yaml("base: &b {x: 1}\nother:\n  <<: *b\n")["other"] == {"<<": {"x": 1}}


def test_yaml_loader_reads_one_document():
    with pytest.raises(yaml.composer.ComposerError):
        load_yaml("a: 1\n---\nb: 2\n")


# =========================================================================== tests: mapping

def test_mapping_names_every_file_schema():
    assert set(MAPPING) == set(SCHEMAS) - {COMMON}
    for globs in MAPPING.values():
        assert globs and not globs[0].startswith("!")
        for glob in globs:
            assert re.fullmatch(r"!?catalog/[A-Za-z0-9_./*-]+\.yaml", glob), glob


@pytest.mark.parametrize("path, expected", [
    ("catalog/jimu.yaml", "catalog.schema.json"),
    ("catalog/dictionary/fields.yaml", "fields.schema.json"),
    ("catalog/dictionary/materials.yaml", "materials.schema.json"),
    ("catalog/dictionary/codelists.yaml", "codelists.schema.json"),
    ("catalog/dictionary/sources.yaml", "sources.schema.json"),
    ("catalog/dictionary/departments.yaml", "departments.schema.json"),
    ("catalog/calendar/2026.yaml", "calendar.schema.json"),
    ("catalog/items/household-registration-newborn.yaml", "item.schema.json"),
    ("catalog/localities/330111-fuyang/locality.yaml", "locality.schema.json"),
    ("catalog/localities/330111-fuyang/household-registration-newborn.yaml", "practice.schema.json"),
    ("catalog/bundles/newborn.yaml", "bundle.schema.json"),
    ("catalog/items/nested/x.yaml", None),
    ("catalog/localities/locality.yaml", None),
    ("catalog/dictionary/other.yaml", None),
    ("catalog/jimu.yml", None),
    ("docs/jimu.yaml", None),
])
def test_mapping_picks_one_schema_per_path(path, expected):
    assert schemas_for(path) == ([expected] if expected else [])


def test_vscode_settings_are_generated_from_the_mapping():
    assert VSCODE_SETTINGS.is_file(), "run: python3 Tests/python/test_catalog_schema.py --write-vscode-settings"
    settings = json.loads(VSCODE_SETTINGS.read_text(encoding="utf-8"))
    assert settings == vscode_settings(settings), (
        ".vscode/settings.json is stale; run: "
        "python3 Tests/python/test_catalog_schema.py --write-vscode-settings")
    for schema_path in settings["yaml.schemas"]:
        assert (REPO / schema_path).is_file(), schema_path


def test_editors_doc_cites_the_mapping():
    text = EDITORS_DOC.read_text(encoding="utf-8")
    assert "docs/schema/mapping.json" in text and ".vscode/settings.json" in text
    assert "--write-vscode-settings" in text


# =========================================================================== tests: fixtures

@pytest.mark.parametrize("tree", FIXTURE_TREES)
def test_fixture_tree_covers_every_file_kind(tree):
    root = FIXTURES / tree
    covered = {s for p in fixture_files(tree) for s in schemas_for(rel(p, root))}
    assert covered == set(MAPPING)


@pytest.mark.parametrize("path", [p for t in FIXTURE_TREES for p in fixture_files(t)],
                         ids=lambda p: rel(p, FIXTURES))
def test_fixture_validates(path):
    tree = rel(path, FIXTURES).split("/")[0]
    assert_valid_file(path, FIXTURES / tree)


# --- broken documents: each mutates a valid `full` fixture and expects one error.

def set_at(path: list, value: Any) -> Callable[[Any], None]:
    def mutate(doc):
        for key in path[:-1]:
            doc = doc[key]
        doc[path[-1]] = value
    return mutate


def delete_at(*paths: list) -> Callable[[Any], None]:
    def mutate(doc):
        for path in paths:
            node = doc
            for key in path[:-1]:
                node = node[key]
            del node[path[-1]]
    return mutate


def both(*mutations: Callable[[Any], None]) -> Callable[[Any], None]:
    def mutate(doc):
        for m in mutations:
            m(doc)
    return mutate


def text(old: str, new: str) -> tuple[str, str]:
    """A mutation of the YAML text (for what only the text shows: quoting, YAML 1.2 scalars)."""
    return (old, new)


ITEM = "items/household-registration-newborn.yaml"
PRACTICE = "localities/330111-fuyang/household-registration-newborn.yaml"
COUNTY = "localities/330111-fuyang/locality.yaml"
CITY = "localities/330100-hangzhou/locality.yaml"
FIELDS = "dictionary/fields.yaml"
MATERIALS = "dictionary/materials.yaml"

# id, fixture file, mutation, expected error: JSON path, keyword, and text the message must
# contain. A key that is allowed only in some cases is forbidden elsewhere by `not: {}`.
BROKEN = [
    # The cases of the brief.
    ("item-unknown-key", ITEM, set_at(["deadline"], 5), [], "additionalProperties", "deadline"),
    ("material-form-photocopy", MATERIALS, set_at(["materials", 0, "form"], "photocopy"),
     ["materials", 0, "form"], "enum", "photocopy"),
    ("item-code-with-spaces", ITEM, set_at(["code"], "330000 000105 001"), ["code"], "pattern", ""),
    ("enum-field-without-codelist", FIELDS, delete_at(["elements", 1, "codelist"]),
     ["elements", 1], "required", "codelist"),
    ("visits-without-reason", PRACTICE, both(set_at(["visits"], 2), delete_at(["visit_reason"])),
     [], "required", "visit_reason"),
    ("shared-material-without-from", PRACTICE, delete_at(["materials", 0, "from"]),
     ["materials", 0], "required", "from"),
    # Data elements.
    ("codelist-on-string-field", FIELDS, set_at(["elements", 0, "codelist"], "gender"),
     ["elements", 0, "codelist"], "not", ""),
    ("format-on-integer-field", FIELDS, set_at(["elements", 2, "format"], "cn-mobile"),
     ["elements", 2, "format"], "not", ""),
    ("pattern-on-date-field", FIELDS, set_at(["elements", 4, "pattern"], "^[0-9]$"),
     ["elements", 4, "pattern"], "not", ""),
    ("integer-bound-not-whole", FIELDS, set_at(["elements", 2, "maximum"], 150.5),
     ["elements", 2, "maximum"], "type", "integer"),
    ("decimal-bound-as-text", FIELDS, set_at(["elements", 3, "minimum"], "0.3"),
     ["elements", 3, "minimum"], "type", "number"),
    ("maximum-on-string-field", FIELDS, set_at(["elements", 0, "maximum"], 5),
     ["elements", 0, "maximum"], "not", ""),
    ("unknown-field-type", FIELDS, set_at(["elements", 6, "type"], "text"),
     ["elements", 6, "type"], "enum", ""),
    ("unknown-string-format", FIELDS, set_at(["elements", 0, "format"], "cn-passport"),
     ["elements", 0, "format"], "enum", ""),
    ("pattern-with-backslash-d", FIELDS, set_at(["elements", 0, "pattern"], "^\\d{17}[0-9X]$"),
     ["elements", 0, "pattern"], "pattern", ""),
    ("pattern-with-dot", FIELDS, set_at(["elements", 8, "pattern"], "^.+$"),
     ["elements", 8, "pattern"], "pattern", ""),
    ("element-id-upper-case", FIELDS, set_at(["elements", 0, "id"], "Mother.id_number"),
     ["elements", 0, "id"], "pattern", ""),
    ("label-without-zh", FIELDS, set_at(["elements", 0, "label"], {"en": "Mother's ID"}),
     ["elements", 0, "label"], "required", "zh"),
    ("label-unknown-language", FIELDS, set_at(["elements", 0, "label", "fr"], "Mère"),
     ["elements", 0, "label"], "additionalProperties", "fr"),
    ("label-as-plain-string", FIELDS, set_at(["elements", 0, "label"], "母亲公民身份号码"),
     ["elements", 0, "label"], "type", ""),
    # Materials, code lists, sources, calendar.
    ("material-id-with-hyphen", MATERIALS, set_at(["materials", 0, "id"], "birth-certificate"),
     ["materials", 0, "id"], "pattern", ""),
    ("material-copies-negative", MATERIALS, set_at(["materials", 0, "copies"], -1),
     ["materials", 0, "copies"], "minimum", ""),
    ("material-without-form", MATERIALS, delete_at(["materials", 1, "form"]),
     ["materials", 1], "required", "form"),
    ("codelist-code-unquoted", "dictionary/codelists.yaml", text('{code: "1",', "{code: 1,"),
     ["codelists", 0, "codes", 1, "code"], "type", "string"),
    ("codelist-without-codes", "dictionary/codelists.yaml", set_at(["codelists", 1, "codes"], []),
     ["codelists", 1, "codes"], "minItems", ""),
    ("source-scope-national", "dictionary/sources.yaml", set_at(["sources", 0, "scope"], "national"),
     ["sources", 0, "scope"], "enum", ""),
    ("department-without-name", "dictionary/departments.yaml", delete_at(["departments", 0, "name"]),
     ["departments", 0], "required", "name"),
    ("calendar-impossible-date", "calendar/2026.yaml", text("to: 2026-02-23", "to: 2026-02-30"),
     ["holidays", 1, "to"], "pattern", ""),
    ("calendar-year-as-text", "calendar/2026.yaml", set_at(["year"], "2026"), ["year"], "type", ""),
    # jimu.yaml.
    ("format-version-2", "jimu.yaml", set_at(["jimu"], 2), ["jimu"], "const", ""),
    ("languages-en-first", "jimu.yaml", set_at(["languages"], ["en", "zh"]), ["languages"], "enum", ""),
    ("schema-base-without-slash", "jimu.yaml",
     set_at(["schema_base"], "https://schemas.zjzwfw.gov.cn/jimu"), ["schema_base"], "pattern", ""),
    ("province-code-of-a-city", "jimu.yaml", set_at(["province", "code"], "330100"),
     ["province", "code"], "pattern", ""),
    ("province-code-unquoted", "jimu.yaml", text('code: "330000"', "code: 330000"),
     ["province", "code"], "type", "string"),
    ("version-unquoted-float", "jimu.yaml", text("version: 1.0.0", "version: 1.0"),
     ["version"], "type", "string"),
    ("tie-break-unknown", "jimu.yaml", set_at(["merge", "tie_break"], "fewest-fields"),
     ["merge", "tie_break"], "enum", ""),
    ("limit-zero", "jimu.yaml", set_at(["limits", "max_depth"], 0), ["limits", "max_depth"],
     "minimum", ""),
    ("limit-unknown", "jimu.yaml", set_at(["limits", "max_items"], 10), ["limits"],
     "additionalProperties", "max_items"),
    ("yaml-merge-key", "jimu.yaml", text("merge:\n", "merge:\n  <<: {x: 1}\n"), ["merge"],
     "additionalProperties", "<<"),
    # Items.
    ("item-key-path-escape", ITEM, set_at(["key"], "../x"), ["key"], "pattern", ""),
    ("item-key-too-long", ITEM, set_at(["key"], "k" * 65), ["key"], "maxLength", ""),
    ("item-code-lower-case", ITEM, set_at(["code"], "330000-abc"), ["code"], "pattern", ""),
    ("item-level-national", ITEM, set_at(["level"], "national"), ["level"], "enum", ""),
    ("item-kind-unknown", ITEM, set_at(["kind"], "administrative-penalty"), ["kind"], "enum", ""),
    ("item-audience-empty", ITEM, set_at(["audience"], []), ["audience"], "minItems", ""),
    ("item-audience-twice", ITEM, set_at(["audience"], ["citizen", "citizen"]), ["audience"],
     "uniqueItems", ""),
    ("item-handling-unknown", ITEM, set_at(["handling"], "on-the-spot"), ["handling"], "enum", ""),
    ("item-statutory-limit-negative", ITEM, set_at(["statutory_limit"], -1), ["statutory_limit"],
     "minimum", ""),
    ("item-legal-basis-empty", ITEM, set_at(["legal_basis"], []), ["legal_basis"], "minItems", ""),
    ("item-effective-impossible", ITEM, text("effective: 2026-01-01", "effective: 2026-02-29"),
     ["effective"], "pattern", ""),
    ("item-fees-charged-without-standard", ITEM, set_at(["fees"], {"charged": True, "basis": {"zh": "依据"}}),
     ["fees"], "required", "standard"),
    ("item-fees-free-with-basis", ITEM, set_at(["fees", "basis"], {"zh": "依据"}),
     ["fees", "basis"], "not", ""),
    ("item-fees-charged-as-text", ITEM, text("fees: {charged: false}", "fees: {charged: no}"),
     ["fees", "charged"], "type", "boolean"),
    ("item-contact-unquoted", ITEM, text('complaint: "12345"', "complaint: 12345"),
     ["contacts", "complaint"], "type", "string"),
    ("item-pin-unknown-dimension", ITEM, set_at(["pins", "fees"], "330111"), ["pins"],
     "additionalProperties", "fees"),
    ("item-pin-province-code", ITEM, set_at(["pins", "form"], "330000"), ["pins", "form"],
     "pattern", ""),
    ("item-local-field-enum-without-codelist", ITEM, set_at(["local_fields", 0, "type"], "enum"),
     ["local_fields", 0], "required", "codelist"),
    ("item-local-field-with-synonyms", ITEM, set_at(["local_fields", 0, "synonyms"], ["原因"]),
     ["local_fields", 0], "additionalProperties", "synonyms"),
    ("item-output-unknown-kind", ITEM, set_at(["outputs", "licences"], ["x"]), ["outputs"],
     "additionalProperties", "licences"),
    ("item-precondition-bad-key", ITEM, set_at(["preconditions", 0], "Birth Certificate"),
     ["preconditions", 0], "pattern", ""),
    # Localities.
    ("locality-code-unquoted", COUNTY, text('code: "330111"', "code: 330111"), ["code"], "type",
     "string"),
    ("locality-bad-province-prefix", COUNTY, set_at(["code"], "100111"), ["code"], "pattern", ""),
    ("locality-county-level-city-code", COUNTY, set_at(["code"], "330100"), ["code"], "pattern", ""),
    ("locality-city-level-county-code", CITY, set_at(["code"], "330111"), ["code"], "pattern", ""),
    ("locality-level-province", CITY, set_at(["level"], "province"), ["level"], "enum", ""),
    ("locality-parent-county", COUNTY, set_at(["parent"], "330110"), ["parent"], "pattern", ""),
    # Practices.
    ("practice-field-ref-and-label", PRACTICE, set_at(["fields", 0, "label"], "母亲身份证号码"),
     ["fields", 0], "oneOf", ""),
    ("practice-field-without-target", PRACTICE, delete_at(["fields", 3, "ref"]), ["fields", 3],
     "oneOf", ""),
    ("practice-field-unknown-key", PRACTICE, set_at(["fields", 0, "hidden"], True), ["fields", 0],
     "additionalProperties", "hidden"),
    ("practice-field-empty-condition", PRACTICE, set_at(["fields", 2, "required_if"], ""),
     ["fields", 2, "required_if"], "minLength", ""),
    ("practice-from-with-applicant-source", PRACTICE, set_at(["materials", 1, "from"], "e_license"),
     ["materials", 1, "from"], "not", ""),
    ("practice-material-source-unknown", PRACTICE, set_at(["materials", 1, "source"], "mail"),
     ["materials", 1, "source"], "enum", ""),
    ("practice-material-form-override-unknown", PRACTICE, set_at(["materials", 0, "form"], "fax"),
     ["materials", 0, "form"], "enum", ""),
    ("practice-no-steps", PRACTICE, set_at(["steps"], []), ["steps"], "minItems", ""),
    ("practice-step-half-day", PRACTICE, set_at(["steps", 1, "days"], 0.5), ["steps", 1, "days"],
     "type", ""),
    ("practice-channel-fax", PRACTICE, set_at(["channels", 1], "fax"), ["channels", 1], "enum", ""),
    ("practice-channels-empty", PRACTICE, set_at(["channels"], []), ["channels"], "minItems", ""),
    ("practice-visits-negative", PRACTICE, set_at(["visits"], -1), ["visits"], "minimum", ""),
    ("practice-fees-charged-without-basis", PRACTICE, delete_at(["fees", "basis"]), ["fees"],
     "required", "basis"),
    ("practice-effective-with-slashes", PRACTICE, set_at(["effective"], "2026/01/01"), ["effective"],
     "pattern", ""),
    # Bundles.
    ("bundle-without-items", "bundles/newborn.yaml", set_at(["items"], []), ["items"], "minItems", ""),
    ("bundle-item-twice", "bundles/newborn.yaml", set_at(["items", 1], "birth-medical-certificate"),
     ["items"], "uniqueItems", ""),
]


@pytest.mark.parametrize("fixture, mutation, path, keyword, message",
                         [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_broken_document_fails_with_expected_error(fixture, mutation, path, keyword, message):
    source = FIXTURES / "full" / "catalog" / fixture
    relative = f"catalog/{fixture}"
    (schema_name,) = schemas_for(relative)
    validator = validator_for_name(schema_name)
    original = source.read_text(encoding="utf-8")
    assert not all_errors(validator, load_yaml(original)), "the fixture itself must be valid"

    if isinstance(mutation, tuple):
        old, new = mutation
        assert old in original, f"text {old!r} not in {fixture}"
        document = load_yaml(original.replace(old, new, 1))
    else:
        document = copy.deepcopy(load_yaml(original))
        mutation(document)

    errors = all_errors(validator, document)
    found = [e for e in errors
             if list(e.absolute_path) == path and e.validator == keyword
             and message in e.message]
    assert found, (f"expected {keyword} at {path} mentioning {message!r}; got:\n"
                   + describe(errors))


def test_broken_case_ids_are_unique():
    ids = [case[0] for case in BROKEN]
    assert len(ids) == len(set(ids))


# =========================================================================== tests: catalog/

CATALOG_FILES = catalog_files()


def test_catalog_files_each_map_to_one_schema():
    if not CATALOG_FILES:
        pytest.skip("catalog/ has no YAML files yet")
    unmapped = {rel(p, REPO): schemas_for(rel(p, REPO)) for p in CATALOG_FILES}
    bad = {p: s for p, s in unmapped.items() if len(s) != 1}
    assert not bad, f"files the mapping does not pick exactly one schema for: {bad}"


@pytest.mark.parametrize("path", CATALOG_FILES or [None],
                         ids=[rel(p, REPO) for p in CATALOG_FILES] or ["catalog-empty"])
def test_catalog_file_validates(path):
    if path is None:
        pytest.skip("catalog/ has no YAML files yet")
    assert_valid_file(path, REPO)


# =========================================================================== script

def main(argv: list[str]) -> int:
    if argv == ["--write-vscode-settings"]:
        existing = json.loads(VSCODE_SETTINGS.read_text(encoding="utf-8")) \
            if VSCODE_SETTINGS.is_file() else {}
        VSCODE_SETTINGS.parent.mkdir(exist_ok=True)
        VSCODE_SETTINGS.write_text(render_json(vscode_settings(existing)), encoding="utf-8")
        print(f"wrote {VSCODE_SETTINGS.relative_to(REPO)}")
        return 0
    print("usage: python3 Tests/python/test_catalog_schema.py --write-vscode-settings\n"
          "(run the tests with: python3 -m pytest -q Tests/python)", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
