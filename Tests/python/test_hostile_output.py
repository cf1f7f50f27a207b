"""`jimu build` under hostile conditions (issue 9): nothing is lost.

test_build_output.py kills builds at random points of the whole run; most of them land before
anything is written. The kill test here aims at the window that matters: from the moment
the staging folder appears until the build ends, while the new tree is written, exchanged
with the old one and the old one removed. Then a read-only output folder and a full disk
(a 1 MB tmpfs, mounted when running as root) must each give a clear error and leave the old
tree as it was.

Run: python3 -m pytest -q Tests/python/test_hostile_output.py (the binary as in
test_build_output.py: $JIMU, else .build/release/jimu).
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

# The plain helpers are test_build_output.py's (the binary, a build, a snapshot of a tree);
# the catalogs and trees are built here, under names of their own.
from test_build_output import CATALOG, STAGING_SUFFIX, build, jimu_binary, leftovers, snapshot


@pytest.fixture(scope="module")
def catalog_a(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-a") / "catalog"
    shutil.copytree(CATALOG, folder)
    return folder


@pytest.fixture(scope="module")
def catalog_b(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new version (every schema changes) with one bundle fewer (one file fewer)."""
    folder = tmp_path_factory.mktemp("hostile-b") / "catalog"
    shutil.copytree(CATALOG, folder)
    config = folder / "jimu.yaml"
    text = config.read_text(encoding="utf-8")
    assert "\nversion: 1.0.0\n" in text
    config.write_text(text.replace("\nversion: 1.0.0\n", "\nversion: 1.1.0\n"), encoding="utf-8")
    bundles = sorted((folder / "bundles").glob("*.yaml"))
    assert len(bundles) > 1
    bundles[-1].unlink()
    return folder


def tree_of(catalog: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("hostile-tree") / "out"
    result = build(catalog, out)
    assert result.returncode == 0, result.stderr
    return snapshot(out)


@pytest.fixture(scope="module")
def tree_a(catalog_a: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return tree_of(catalog_a, tmp_path_factory)


@pytest.fixture(scope="module")
def tree_b(catalog_b: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return tree_of(catalog_b, tmp_path_factory)


KILLS = 60


def write_seconds(catalog: Path, out: Path) -> float:
    """How long the write step of a build takes (`--timings` reports it)."""
    result = build(catalog, out, "--timings")
    assert result.returncode == 0, result.stderr
    match = re.search(r"^timing: write ([0-9.]+)$", result.stderr, re.MULTILINE)
    assert match, result.stderr
    return float(match.group(1))


def describe_mix(after: dict, old: dict, new: dict) -> str:
    neither = sorted(p for p in set(after) | set(old) | set(new) if after.get(p) not in (old.get(p), new.get(p)))
    from_old = sorted(p for p in after if p in old and after[p] == old[p] and old[p] != new.get(p))
    from_new = sorted(p for p in after if p in new and after[p] == new[p] and new[p] != old.get(p))
    return f"neither={neither[:5]} old={from_old[:5]} new={from_new[:5]}"


def test_kills_while_the_tree_is_written_and_switched(
    catalog_a: Path, catalog_b: Path, tree_a: dict[str, bytes], tree_b: dict[str, bytes], tmp_path: Path
) -> None:
    out = tmp_path / "parent" / "out"
    out.parent.mkdir()
    staging = out.parent / (out.name + STAGING_SUFFIX)
    assert build(catalog_a, out).returncode == 0
    writes = [write_seconds(c, out) for c in (catalog_b, catalog_a, catalog_b, catalog_a)]
    window = max(max(writes), 0.002)
    assert snapshot(out) == tree_a

    rng = random.Random(20260229)
    outcomes = {"old": 0, "new": 0}
    in_window = 0
    for kill in range(KILLS):
        current = snapshot(out)
        old, new, catalog = (tree_a, tree_b, catalog_b) if current == tree_a else (tree_b, tree_a, catalog_a)
        assert current == old
        # A staging folder left by the kill before is the build's to remove; removed here, so
        # that its reappearance marks the start of this build's write.
        shutil.rmtree(staging, ignore_errors=True)
        process = subprocess.Popen(
            [str(jimu_binary()), "build", str(catalog), "--out", str(out), "--quiet"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 120
        while not staging.exists() and process.poll() is None:
            assert time.monotonic() < deadline, "the build neither wrote nor ended"
            time.sleep(0.0002)
        if process.poll() is None:
            in_window += 1
            # Anywhere in the write, the exchange or the removal of the old tree.
            time.sleep(rng.uniform(0, 1.3 * window))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        after = snapshot(out)
        if after == old:
            outcomes["old"] += 1
        elif after == new:
            outcomes["new"] += 1
        else:
            pytest.fail(f"kill {kill}: the tree is a mix: {describe_mix(after, old, new)}")
        assert set(leftovers(out)) <= {staging.name}, leftovers(out)
    print(f"{KILLS} kills in the write window of {window * 1000:.1f} ms ({in_window} while writing): {outcomes}")
    # Most kills must land while the build was writing, or this test tests nothing.
    assert in_window >= KILLS // 2, f"only {in_window} of {KILLS} kills landed in the write"
    # Kills before the exchange keep the old tree, kills after it (while the old tree is
    # removed) leave the new one; how many land after depends on the machine, so neither
    # count is asserted.

    assert build(catalog_a, out).returncode == 0
    assert snapshot(out) == tree_a
    assert leftovers(out) == []


def chattr(flag: str, path: Path) -> bool:
    return shutil.which("chattr") is not None and subprocess.run(
        ["chattr", flag, str(path)], capture_output=True
    ).returncode == 0


@pytest.mark.parametrize("how", ["mode", "immutable"])
def test_a_read_only_output_folder_is_a_clear_error_and_stays_as_it_is(
    catalog_a: Path, catalog_b: Path, tree_a: dict[str, bytes], tmp_path: Path, how: str
) -> None:
    """Without write permission (mode 0555: refused for root too, who could override it), or
    immutable (`chattr +i`, which binds root): exit 2 naming the folder, nothing written."""
    out = tmp_path / "out"
    assert build(catalog_a, out).returncode == 0
    mode = out.stat().st_mode
    if how == "mode":
        out.chmod(0o555)
    elif not chattr("+i", out):
        pytest.skip("chattr +i is not available here")
    try:
        result = build(catalog_b, out)
        assert snapshot(out) == tree_a
    finally:
        if how == "immutable":
            chattr("-i", out)
        out.chmod(mode)
    assert result.returncode == 2, result.stderr
    assert f"jimu: error: {out}" in result.stderr, result.stderr
    assert "read-only" in result.stderr or "cannot be written" in result.stderr, result.stderr
    assert "Fatal error" not in result.stderr
    assert leftovers(out) == []


def disk_usage(tree: dict[str, bytes]) -> int:
    """Bytes the tree takes on a tmpfs: whole pages per file, and a page per folder."""
    page = 4096
    folders = {str(Path(p).parent) for p in tree}
    return sum((len(data) + page - 1) // page * page for data in tree.values()) + page * (len(folders) + 1)


@pytest.fixture()
def small_disk(tmp_path: Path, tree_a: dict[str, bytes]):
    """A tmpfs that holds one tree and half of another: a build over a tree in it runs out of
    space while writing the new one."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    size = disk_usage(tree_a) * 3 // 2
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_full_disk_is_a_clear_error_and_the_old_tree_stays(
    catalog_a: Path, catalog_b: Path, tree_a: dict[str, bytes], small_disk: Path
) -> None:
    out = small_disk / "out"
    first = build(catalog_a, out)
    assert first.returncode == 0, first.stderr
    assert snapshot(out) == tree_a
    # Without the cache, which would link the files that did not change and need no space.
    result = build(catalog_b, out, "--no-cache")
    assert result.returncode == 2, result.stderr
    assert "jimu: error:" in result.stderr, result.stderr
    assert "space" in result.stderr.lower(), result.stderr
    assert "Fatal error" not in result.stderr
    assert snapshot(out) == tree_a
    assert leftovers(out) == [], "the half-written staging folder must be removed"
    # Room made, the same build goes through.
    shutil.rmtree(out)
    assert build(catalog_b, out).returncode == 0
