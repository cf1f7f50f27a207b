"""scripts/province_catalog.py, the catalog of `make bench`, at a small size: deterministic
from its seed, and clean under `jimu check`.

Run: python3 -m pytest -q Tests/python/test_province_catalog.py

The binary is $JIMU if set, else .build/release/jimu, else .build/debug/jimu. No timing is
measured or asserted here: `make bench` reports timings.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GENERATOR = REPO / "scripts" / "province_catalog.py"
SMALL = ["--families", "2", "--counties", "5"]


def jimu_binary() -> Path:
    override = os.environ.get("JIMU")
    if override:
        path = Path(override)
        return path if path.is_absolute() else REPO / path
    for configuration in ("release", "debug"):
        candidate = REPO / ".build" / configuration / "jimu"
        if candidate.exists():
            return candidate
    pytest.fail("no jimu binary: neither .build/release/jimu nor .build/debug/jimu exists; run `make build` first")


def generate(out: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(GENERATOR), *SMALL, *extra, "--out", str(out)],
        capture_output=True, text=True, timeout=120, env=env,
    )


def snapshot(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("province") / "catalog"
    result = generate(out, "--seed", "7")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(out)
    return out


def test_same_seed_gives_identical_bytes(small: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert generate(again, "--seed", "7").returncode == 0
    assert snapshot(again) == snapshot(small)


def test_another_seed_gives_another_catalog(small: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    assert generate(other, "--seed", "8").returncode == 0
    assert snapshot(other) != snapshot(small)


def test_sizes_follow_the_arguments(small: Path) -> None:
    items = sorted(path.stem for path in (small / "items").glob("*.yaml"))
    embedded = sorted(path.stem for path in (REPO / "catalog" / "items").glob("*.yaml"))
    assert items == sorted(f"{key}-f{family}" for key in embedded for family in (1, 2))
    localities = [path for path in (small / "localities").iterdir() if path.is_dir()]
    cities = [path for path in localities if path.name[4:6] == "00"]
    assert len(cities) == 11 and len(localities) == 16
    # The pinned localities of the embedded catalog are kept with their real codes.
    names = {path.name for path in localities}
    assert {"330782-yiwu", "331121-qingtian"} <= names
    assert (small / "localities" / "330782-yiwu" / "company-establishment-registration-f2.yaml").is_file()
    assert (small / "dictionary" / "fields.yaml").read_bytes() == (REPO / "catalog" / "dictionary" / "fields.yaml").read_bytes()
    assert sorted(p.name for p in (small / "calendar").iterdir()) == sorted(p.name for p in (REPO / "catalog" / "calendar").iterdir())
    assert list((small / "bundles").glob("*.yaml"))


def test_the_catalog_checks_clean(small: Path) -> None:
    result = subprocess.run([str(jimu_binary()), "check", str(small)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-4000:]
    assert " 0 errors" in result.stderr


def test_bench_catalog_variable_and_a_foreign_folder(tmp_path: Path) -> None:
    target = tmp_path / "from-env"
    env = dict(os.environ, BENCH_CATALOG=str(target))
    result = subprocess.run(
        [sys.executable, str(GENERATOR), *SMALL], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    assert (target / "jimu.yaml").is_file()
    # Writing again over its own catalog is fine; over anything else it refuses.
    assert generate(target).returncode == 0
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    refused = generate(foreign)
    assert refused.returncode != 0
    assert (foreign / "notes.txt").read_text() == "keep me"
