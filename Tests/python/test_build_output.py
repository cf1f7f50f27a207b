"""`jimu build` as a writer of the output tree: determinism, `--check`, the manifest's say
over which files are Jimu's, and atomic replacement under SIGKILL.

Run: python3 -m pytest -q Tests/python

The binary is $JIMU if set, else .build/release/jimu, else .build/debug/jimu (`make build`
makes the release one). Every test works on copies in temporary folders; none writes to
catalog/ or generated/.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import time
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parents[2]
CATALOG = REPO / "catalog"
GENERATED = REPO / "generated"
STAGING_SUFFIX = ".jimu-staging"


def jimu_binary() -> Path:
    override = os.environ.get("JIMU")
    if override:
        path = Path(override)
        if not path.is_absolute():
            path = REPO / path
        if not path.exists():
            pytest.fail(f"$JIMU is {override}, which does not exist")
        return path
    for configuration in ("release", "debug"):
        candidate = REPO / ".build" / configuration / "jimu"
        if candidate.exists():
            return candidate
    pytest.fail("no jimu binary: neither .build/release/jimu nor .build/debug/jimu exists; run `make build` first")


def jimu(*args: str | Path, cwd: Path = REPO, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(jimu_binary()), *map(str, args)], capture_output=True, text=True, timeout=timeout, cwd=cwd
    )


def build(catalog: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return jimu("build", catalog, "--out", out, *extra)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` by relative path, with its bytes (a link: its target)."""
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink():
            files[path.relative_to(root).as_posix()] = b"symlink -> " + os.fsencode(os.readlink(path))
        elif path.is_file():
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def manifest(root: Path) -> dict:
    return json.loads((root / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalog_a(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("catalog-a") / "catalog"
    shutil.copytree(CATALOG, folder)
    return folder


@pytest.fixture(scope="module")
def catalog_b(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The catalog with a new version (every schema changes) and one bundle fewer (one file
    fewer), so tree B differs from tree A in content and in its list of files."""
    folder = tmp_path_factory.mktemp("catalog-b") / "catalog"
    shutil.copytree(CATALOG, folder)
    config = folder / "jimu.yaml"
    text = config.read_text(encoding="utf-8")
    assert "\nversion: 1.0.0\n" in text
    config.write_text(text.replace("\nversion: 1.0.0\n", "\nversion: 1.1.0\n"), encoding="utf-8")
    (folder / "bundles" / "utility-connection.yaml").unlink()
    return folder


@pytest.fixture(scope="module")
def built_a(catalog_a: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Catalog A compiled once; tests copy it, never change it."""
    out = tmp_path_factory.mktemp("tree-a") / "out"
    result = build(catalog_a, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def tree_a(built_a: Path) -> dict[str, bytes]:
    return snapshot(built_a)


@pytest.fixture(scope="module")
def tree_b(catalog_b: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("tree-b") / "out"
    result = build(catalog_b, out)
    assert result.returncode == 0, result.stderr
    return snapshot(out)


@pytest.fixture()
def fresh_tree(tmp_path: Path, built_a: Path, tree_a: dict[str, bytes]) -> Path:
    """A tree of the repository's catalog to edit, as the binary builds it: so these tests do
    not depend on whether generated/ is up to date (test_check_passes_on_the_committed_tree
    says that). Catalog A is a copy of catalog/, which compiles to the same bytes."""
    out = tmp_path / "generated"
    shutil.copytree(built_a, out, symlinks=True)
    assert snapshot(out) == tree_a
    return out


# --- determinism ----------------------------------------------------------------------------


def test_building_twice_gives_identical_bytes(catalog_a: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    result = build(catalog_a, first)
    assert result.returncode == 0, result.stderr
    # The second from elsewhere, in another time zone and locale: none of it may leak in.
    env = os.environ | {"TZ": "Pacific/Kiritimati", "LC_ALL": "tr_TR.UTF-8", "LANG": "tr_TR.UTF-8"}
    result = subprocess.run(
        [str(jimu_binary()), "build", str(catalog_a), "--out", str(second)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env,
    )
    assert result.returncode == 0, result.stderr
    a, b = snapshot(first), snapshot(second)
    assert sorted(a) == sorted(b)
    assert [p for p in a if a[p] != b[p]] == []
    # Building again over an existing tree changes nothing either, and leaves no old tree.
    result = build(catalog_a, first)
    assert result.returncode == 0, result.stderr
    assert snapshot(first) == a
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("first")) == ["first"]


def test_the_catalog_folder_path_does_not_leak_into_the_output(catalog_a: Path, tmp_path: Path) -> None:
    """Same catalog, same bytes, from wherever it is read: a copy at another path, and the
    repository's own catalog through a relative path."""
    elsewhere = tmp_path / "deeper" / "other-name"
    shutil.copytree(catalog_a, elsewhere)
    out1, out2 = tmp_path / "out1", tmp_path / "out2"
    assert build(catalog_a, out1).returncode == 0
    assert build(elsewhere, out2).returncode == 0
    result = jimu("build", "catalog", "--out", tmp_path / "out3")
    assert result.returncode == 0, result.stderr
    assert snapshot(out1) == snapshot(out2) == snapshot(tmp_path / "out3")


def test_the_executables_hash_is_remembered_while_the_executable_keeps_its_identity(
    catalog_a: Path, tmp_path: Path
) -> None:
    """The build cache is keyed by a hash of the executable, which the cache folder remembers
    beside the executable's identity on disk: trusted while that identity holds, so a forged
    memory is used; an executable changed in one byte is hashed anew, and nothing rendered
    under another identity is reused."""
    binary = tmp_path / "jimu"
    shutil.copy2(jimu_binary(), binary)
    time.sleep(2.2)  # past the clock's resolution (whole seconds): only a settled executable is remembered
    cache, out = tmp_path / "cache", tmp_path / "out"

    def reused() -> tuple[int, int]:
        result = subprocess.run(
            [str(binary), "build", str(catalog_a), "--out", str(out), "--cache", str(cache), "--quiet", "--timings"],
            capture_output=True, text=True, cwd=tmp_path, timeout=300,
        )
        assert result.returncode == 0, result.stderr
        counts = re.search(r"^cache: ([0-9]+) units reused, ([0-9]+) rendered", result.stderr, re.M)
        assert counts, result.stderr
        return int(counts.group(1)), int(counts.group(2))

    assert reused()[0] == 0
    assert reused()[1] == 0  # the same executable: everything reused
    memory = cache / "compiler"
    known, identity = memory.read_text(encoding="utf-8").split("\t")
    digest = hashlib.sha256(binary.read_bytes()).hexdigest()[:32]
    assert identity.startswith("jimu ") and identity.endswith(" " + digest)

    memory.write_text(known + "\tjimu forged", encoding="utf-8")
    assert reused()[0] == 0  # the forged identity is this executable's while its identity holds
    assert reused()[1] == 0

    with binary.open("ab") as executable:
        executable.write(b"\0")
    assert reused()[0] == 0  # hashed anew: neither the forged identity nor the first one
    assert reused()[1] == 0


def test_manifest_lists_every_file_with_its_sha256(catalog_a: Path, tmp_path: Path) -> None:
    import hashlib

    out = tmp_path / "out"
    assert build(catalog_a, out).returncode == 0
    files = snapshot(out)
    listed = manifest(out)["files"]
    assert set(listed) | {"manifest.json"} == set(files)
    for path, digest in listed.items():
        assert hashlib.sha256(files[path]).hexdigest() == digest, path


# --- --check --------------------------------------------------------------------------------


def test_check_passes_on_the_committed_tree() -> None:
    before = snapshot(GENERATED)
    result = build(CATALOG, GENERATED, "--check")
    assert result.returncode == 0, (
        "generated/ is not what catalog/ compiles to (run `make`), or the binary is stale (run `make build`):\n"
        + result.stderr
    )
    assert snapshot(GENERATED) == before


def test_check_names_a_file_with_a_one_byte_edit(fresh_tree: Path) -> None:
    target = fresh_tree / "schemas" / "items" / "water-connection.schema.json"
    data = bytearray(target.read_bytes())
    position = data.index(b'"title"') + 1
    data[position] = ord("T")  # "title" → "Title": one byte
    target.write_bytes(bytes(data))
    edited = snapshot(fresh_tree)
    result = build(CATALOG, fresh_tree, "--check")
    assert result.returncode == 1, result.stderr
    assert f"{fresh_tree}/schemas/items/water-connection.schema.json: stale" in result.stderr
    stale = [line for line in result.stderr.splitlines() if ": stale" in line]
    assert len(stale) == 1, stale  # only that file; the manifest is compared with what the build writes
    assert snapshot(fresh_tree) == edited, "--check must write nothing"


@pytest.mark.parametrize("position", ["first", "last"])
def test_check_catches_an_edit_at_either_end_of_a_file(fresh_tree: Path, position: str) -> None:
    target = fresh_tree / "schemas" / "dictionary.schema.json"
    data = bytearray(target.read_bytes())
    index = 0 if position == "first" else len(data) - 1
    data[index] ^= 0x01
    target.write_bytes(bytes(data))
    result = build(CATALOG, fresh_tree, "--check")
    assert result.returncode == 1
    assert "schemas/dictionary.schema.json: stale" in result.stderr


def test_check_names_a_missing_file(fresh_tree: Path) -> None:
    (fresh_tree / "schemas" / "bundles" / "newborn.schema.json").unlink()
    result = build(CATALOG, fresh_tree, "--check")
    assert result.returncode == 1
    assert f"{fresh_tree}/schemas/bundles/newborn.schema.json: missing" in result.stderr


def test_check_names_a_file_the_manifest_lists_but_the_build_no_longer_produces(fresh_tree: Path) -> None:
    retired = "schemas/items/retired-item.schema.json"
    (fresh_tree / retired).write_text("{}\n", encoding="utf-8")
    document = manifest(fresh_tree)
    document["files"][retired] = "0" * 64
    (fresh_tree / "manifest.json").write_text(json.dumps(document), encoding="utf-8")
    result = build(CATALOG, fresh_tree, "--check")
    assert result.returncode == 1
    assert f"{fresh_tree}/{retired}: extra" in result.stderr


def test_check_ignores_a_file_that_is_not_jimus(fresh_tree: Path) -> None:
    (fresh_tree / "README.txt").write_text("notes of the team\n", encoding="utf-8")
    result = build(CATALOG, fresh_tree, "--check")
    assert result.returncode == 0, result.stderr


def test_check_of_a_missing_output_folder_names_every_file(tmp_path: Path) -> None:
    result = build(CATALOG, tmp_path / "nowhere", "--check")
    assert result.returncode == 1
    assert "manifest.json: missing" in result.stderr
    assert not (tmp_path / "nowhere").exists()


# --- the manifest decides what is Jimu's ----------------------------------------------------


def test_a_file_not_in_the_manifest_is_kept_with_a_warning(fresh_tree: Path) -> None:
    notes = fresh_tree / "NOTES.md"
    notes.write_bytes(b"# hand-written notes\n\x00\xff binary tail\n")
    nested = fresh_tree / "schemas" / "items" / "local-draft.schema.json"
    nested.write_text('{"draft": true}\n', encoding="utf-8")
    result = build(CATALOG, fresh_tree)
    assert result.returncode == 0, result.stderr
    assert notes.read_bytes() == b"# hand-written notes\n\x00\xff binary tail\n"
    assert nested.read_text(encoding="utf-8") == '{"draft": true}\n'
    for path in ("NOTES.md", "schemas/items/local-draft.schema.json"):
        assert f"warning: {fresh_tree}/{path} is not in the manifest" in result.stderr, result.stderr
    # The new manifest does not adopt them: they stay someone else's.
    assert "NOTES.md" not in manifest(fresh_tree)["files"]
    assert "schemas/items/local-draft.schema.json" not in manifest(fresh_tree)["files"]


def test_a_file_the_old_manifest_lists_and_the_build_no_longer_produces_is_removed(
    fresh_tree: Path, tree_a: dict[str, bytes]
) -> None:
    retired = fresh_tree / "schemas" / "items" / "retired-item.schema.json"
    retired.write_text("{}\n", encoding="utf-8")
    mine = fresh_tree / "schemas" / "items" / "mine.json"
    mine.write_text("{}\n", encoding="utf-8")
    document = manifest(fresh_tree)
    document["files"]["schemas/items/retired-item.schema.json"] = "0" * 64
    (fresh_tree / "manifest.json").write_text(json.dumps(document), encoding="utf-8")
    result = build(CATALOG, fresh_tree)
    assert result.returncode == 0, result.stderr
    assert not retired.exists()
    assert mine.exists(), "an unlisted file is not Jimu's to remove"
    assert not [line for line in result.stderr.splitlines() if "warning" in line and "retired-item" in line]
    assert snapshot(fresh_tree) == tree_a | {"schemas/items/mine.json": b"{}\n"}


def test_a_manifest_cannot_make_jimu_remove_anything_outside_the_output_folder(
    fresh_tree: Path, tree_a: dict[str, bytes]
) -> None:
    victim = fresh_tree.parent / "victim.txt"
    victim.write_text("not Jimu's\n", encoding="utf-8")
    document = manifest(fresh_tree)
    for path in ("../victim.txt", str(victim), "schemas/../../victim.txt"):
        document["files"][path] = "0" * 64
    (fresh_tree / "manifest.json").write_text(json.dumps(document), encoding="utf-8")
    result = build(CATALOG, fresh_tree)
    assert result.returncode == 0, result.stderr
    assert victim.read_text(encoding="utf-8") == "not Jimu's\n"
    assert snapshot(fresh_tree) == tree_a


def test_a_broken_manifest_removes_nothing_and_keeps_every_file(fresh_tree: Path) -> None:
    """Without a readable manifest nothing is known to be Jimu's: files the build does not
    produce are kept."""
    extra = fresh_tree / "schemas" / "items" / "retired-item.schema.json"
    extra.write_text("{}\n", encoding="utf-8")
    (fresh_tree / "manifest.json").write_text("{ not json", encoding="utf-8")
    result = build(CATALOG, fresh_tree)
    assert result.returncode == 0, result.stderr
    assert extra.exists()
    assert "retired-item.schema.json is not in the manifest" in result.stderr
    assert json.loads((fresh_tree / "manifest.json").read_text(encoding="utf-8"))["files"]


def test_a_catalog_with_errors_leaves_the_tree_untouched(fresh_tree: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(CATALOG, broken)
    item = broken / "items" / "water-connection.yaml"
    item.write_text(item.read_text(encoding="utf-8").replace("name:", "nmae:", 1), encoding="utf-8")
    before = snapshot(fresh_tree)
    result = build(broken, fresh_tree)
    assert result.returncode == 1
    assert snapshot(fresh_tree) == before
    assert not Path(str(fresh_tree) + STAGING_SUFFIX).exists()


# --- atomic replacement ---------------------------------------------------------------------


def leftovers(out: Path) -> list[str]:
    """Entries beside the output folder other than the folder itself."""
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name)


def test_a_build_killed_mid_write_leaves_the_old_tree_or_the_new_one(
    catalog_a: Path, catalog_b: Path, tree_a: dict[str, bytes], tree_b: dict[str, bytes], tmp_path: Path
) -> None:
    assert tree_a != tree_b and set(tree_a) != set(tree_b)
    out = tmp_path / "parent" / "out"
    out.parent.mkdir()
    staging = out.parent / (out.name + STAGING_SUFFIX)
    assert build(catalog_a, out).returncode == 0
    assert snapshot(out) == tree_a

    # A typical build time of this binary, over the same transition.
    durations = []
    for catalog in (catalog_b, catalog_a, catalog_b, catalog_a):
        started = time.monotonic()
        assert build(catalog, out).returncode == 0
        durations.append(time.monotonic() - started)
    typical = statistics.median(durations)
    assert snapshot(out) == tree_a

    # A file that is not Jimu's survives every kill, in either tree.
    notes = {"NOTES.md": b"kept through every kill\n", ".hidden/keep": b"me too\n"}
    for path, data in notes.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    tree_a, tree_b = tree_a | notes, tree_b | notes

    rng = random.Random(1103)
    outcomes = {"old": 0, "new": 0}
    # At least 30 kills; more (up to 60) while they take under 20 s in all.
    iterations, budget, started = 0, max(120.0, 60 * typical), time.monotonic()
    while iterations < 30 or (iterations < 60 and time.monotonic() - started < 20):
        assert time.monotonic() - started < budget, f"only {iterations} kills within {budget:.0f} s"
        current = snapshot(out)
        old, new, catalog = (tree_a, tree_b, catalog_b) if current == tree_a else (tree_b, tree_a, catalog_a)
        assert current == old
        process = subprocess.Popen(
            [str(jimu_binary()), "build", str(catalog), "--out", str(out)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        # Every other kill aims at the end of the build, where the writing happens.
        time.sleep(rng.uniform(0, typical) if iterations % 2 else rng.uniform(0.6 * typical, typical))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        after = snapshot(out)
        if after == old:
            outcomes["old"] += 1
        elif after == new:
            outcomes["new"] += 1
        else:
            mixed = sorted(p for p in set(after) | set(old) | set(new) if after.get(p) not in (old.get(p), new.get(p)))
            from_old = sorted(p for p in after if p in old and after[p] == old[p] and old[p] != new.get(p))
            from_new = sorted(p for p in after if p in new and after[p] == new[p] and new[p] != old.get(p))
            pytest.fail(
                f"kill {iterations} after {process.returncode}: the tree is a mix: "
                f"neither={mixed[:5]} old={from_old[:5]} new={from_new[:5]}"
            )
        assert set(leftovers(out)) <= {staging.name}, leftovers(out)
        iterations += 1
    print(f"{iterations} kills, typical build {typical:.2f} s: {outcomes}")

    # A staging folder left behind is removed by the next successful build.
    staging.mkdir(exist_ok=True)
    (staging / "half-written.json").write_text("{", encoding="utf-8")
    assert build(catalog_a, out).returncode == 0
    assert snapshot(out) == tree_a
    assert leftovers(out) == []


def test_everything_that_is_not_jimus_is_kept_as_it_is(fresh_tree: Path, tree_a: dict[str, bytes]) -> None:
    """Hidden files, symbolic links (never followed), empty folders, modes and special files
    are left alone, not just the bytes of regular files."""
    out = fresh_tree
    outside = out.parent / "outside"
    outside.mkdir()
    (outside / "precious.txt").write_text("outside the tree\n", encoding="utf-8")
    (out / ".nojekyll").write_bytes(b"")
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (out / "empty").mkdir()
    (out / "private").mkdir(mode=0o700)
    (out / "private").chmod(0o700)
    secret = out / "private" / "token.txt"
    secret.write_text("s3cret\n", encoding="utf-8")
    secret.chmod(0o600)
    script = out / "publish.sh"
    script.write_text("#!/bin/sh\necho publish\n", encoding="utf-8")
    script.chmod(0o755)
    (out / "link-to-script").symlink_to("publish.sh")
    (out / "link-outside").symlink_to(outside)
    (out / "dangling").symlink_to("nowhere/at/all")
    os.mkfifo(out / "pipe")
    before = {p.relative_to(out).as_posix(): p.lstat() for p in out.rglob("*")}

    result = build(CATALOG, out)
    assert result.returncode == 0, result.stderr
    after = {p.relative_to(out).as_posix(): p.lstat() for p in out.rglob("*")}
    assert set(after) == set(before)
    for path in ("publish.sh", "private", "private/token.txt", "empty", ".git", "pipe", "link-outside", "dangling"):
        assert after[path].st_mode == before[path].st_mode, path
    assert os.readlink(out / "link-to-script") == "publish.sh"
    assert os.readlink(out / "link-outside") == str(outside)
    assert os.readlink(out / "dangling") == "nowhere/at/all"
    assert (out / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"
    assert secret.read_text(encoding="utf-8") == "s3cret\n"
    assert (outside / "precious.txt").read_text(encoding="utf-8") == "outside the tree\n"
    # The old tree is gone, links and all, without following one out of it.
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(out.name + ".")] == []
    for path in (".nojekyll", ".git/HEAD", "empty/", "private/token.txt", "publish.sh", "link-outside", "dangling", "pipe"):
        assert f"warning: {out}/{path} is not in the manifest" in result.stderr, (path, result.stderr)
    jimus = {p: d for p, d in snapshot(out).items() if p in tree_a}
    assert jimus == tree_a


def test_a_link_where_the_new_tree_needs_a_folder_stops_the_build(fresh_tree: Path, tree_a: dict) -> None:
    """`reports` replaced by a link elsewhere: not Jimu's to drop, so the build fails with a
    clear message, and neither the link nor the folder it points to is touched."""
    out = fresh_tree
    elsewhere = out.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "merge.md").write_text("someone else's\n", encoding="utf-8")
    shutil.rmtree(out / "reports")
    (out / "reports").symlink_to(elsewhere)
    result = build(CATALOG, out)
    assert result.returncode == 2, result.stderr
    assert f"{out}/reports" in result.stderr and "move it away" in result.stderr, result.stderr
    assert os.readlink(out / "reports") == str(elsewhere)
    assert (elsewhere / "merge.md").read_text(encoding="utf-8") == "someone else's\n"
    assert leftovers(out) == ["elsewhere"]


def test_the_first_build_into_a_new_folder_leaves_no_staging(catalog_a: Path, tree_a: dict, tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "out"
    result = build(catalog_a, out)
    assert result.returncode == 0, result.stderr
    assert snapshot(out) == tree_a
    assert leftovers(out) == []


def test_output_path_with_trailing_slash(catalog_a: Path, tree_a: dict, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert build(catalog_a, out).returncode == 0
    result = jimu("build", catalog_a, "--out", str(out) + "/")
    assert result.returncode == 0, result.stderr
    assert snapshot(out) == tree_a
    assert leftovers(out) == []


@contextlib.contextmanager
def unwritable(folder: Path) -> Iterator[str]:
    """Makes `folder` refuse new entries: by mode bits, or, where they do not bind (root),
    by the immutable attribute. Yields how, or "" when neither works."""
    mode = folder.stat().st_mode
    folder.chmod(0o555)
    try:
        probe = folder / ".probe"
        try:
            probe.mkdir()
        except PermissionError:
            yield "mode"
            return
        probe.rmdir()
        if shutil.which("chattr") and subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0:
            try:
                yield "immutable"
            finally:
                subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
            return
        yield ""
    finally:
        folder.chmod(mode)


def test_an_unwritable_parent_is_a_clear_io_error_and_the_old_tree_stays(
    catalog_a: Path, catalog_b: Path, tree_a: dict, tmp_path: Path
) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    out = parent / "out"
    assert build(catalog_a, out).returncode == 0
    with unwritable(parent) as how:
        if not how:
            pytest.skip("cannot make a folder unwritable here (root without chattr); see the under-a-file test")
        result = build(catalog_b, out)
        assert snapshot(out) == tree_a
    assert result.returncode == 2, result.stderr
    assert "jimu: error:" in result.stderr and str(out) in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "Fatal error" not in result.stderr
    assert leftovers(out) == []


def test_an_output_folder_under_a_regular_file_is_a_clear_io_error(catalog_a: Path, tmp_path: Path) -> None:
    """Fails for root too."""
    blocker = tmp_path / "a-file"
    blocker.write_text("I am a file\n", encoding="utf-8")
    out = blocker / "out"
    result = build(catalog_a, out)
    assert result.returncode == 2, result.stderr
    assert "jimu: error:" in result.stderr and str(blocker) in result.stderr, result.stderr
    assert blocker.read_text(encoding="utf-8") == "I am a file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_an_output_path_that_is_a_regular_file_is_refused_and_kept(catalog_a: Path, tmp_path: Path) -> None:
    """Exchanging a file with the new tree would delete it."""
    notes = tmp_path / "notes.txt"
    notes.write_text("precious\n", encoding="utf-8")
    dangling = tmp_path / "dangling"
    dangling.symlink_to("nowhere")
    for out in (notes, dangling):
        result = build(catalog_a, out)
        assert result.returncode == 2, result.stderr
        assert f"{out}: exists and is not a folder" in result.stderr, result.stderr
    assert notes.read_text(encoding="utf-8") == "precious\n"
    assert os.readlink(dangling) == "nowhere"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling", "notes.txt"]
