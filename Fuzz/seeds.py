#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (called by `make fuzz`; nothing here is committed).

    python3 Fuzz/seeds.py OUT [YAML_TEST_SUITE]

OUT/yaml       every YAML file of catalog/, the test fixtures (mini and the broken corpus, markers
               removed) and the yaml-test-suite (`in.yaml` of each case)
OUT/catalog    catalog inputs in the format of FuzzHarness.catalogFiles: each broken case as
               its overlay on the mini catalog, and each file of catalog/ put into the mini one
OUT/condition  every `required_if` / `visible_if` of those catalogs, and the documented examples
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "Tests" / "JimuCoreTests" / "Fixtures"
MARKER = re.compile(rb"\xc2\xab(?:note:)?[a-z0-9-]+\xc2\xbb")  # «code» and «note:code», in UTF-8
BYTE_ESCAPE = re.compile(rb"\\x([0-9A-Fa-f]{2})")
CONDITION = re.compile(
    r"""(?:required_if|visible_if):\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^,}#'"][^,}#]*?))\s*(?:[,}#].*)?$"""
)


def fixture_bytes(path: Path) -> bytes:
    """A fixture file as the tests read it: markers removed, `\\xNN` decoded in `.bytes` files."""
    data = MARKER.sub(b"", path.read_bytes())
    if path.name.endswith(".bytes"):
        data = BYTE_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)
    return data


def target_name(relative: str) -> str:
    return relative[: -len(".bytes")] if relative.endswith(".bytes") else relative


def write(folder: Path, data: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.parts))


def main() -> int:
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    suite = Path(sys.argv[2]) if len(sys.argv) == 3 else REPO.parent / "shared" / "yaml-test-suite"
    catalog = REPO / "catalog"
    mini = FIXTURES / "mini"
    broken = FIXTURES / "broken"
    counts = {"yaml": 0, "catalog": 0, "condition": 0}
    conditions: set[str] = {
        "relationship == '9'", "age < 18 and not present(guardian.name)", "gender in ['1', '2']",
        "not (a.b >= -1.5 or c != \"x\") and present(d)",
    }

    def seed(kind: str, data: bytes) -> None:
        write(out / kind, data)
        counts[kind] += 1

    def collect_conditions(data: bytes) -> None:
        for line in data.decode("utf-8", "replace").splitlines():
            match = CONDITION.search(line)
            if match:
                double, single, plain = match.groups()
                if double is not None:
                    conditions.add(double.replace('\\"', '"').replace("\\\\", "\\"))
                elif single is not None:
                    conditions.add(single.replace("''", "'"))
                else:
                    conditions.add(plain)

    # (a) YAML files, and (c) the conditions in them.
    for root in (catalog, mini, broken):
        for path in files_under(root):
            if path.name in ("_expect", "_delete") or not target_name(path.name).endswith((".yaml", ".yml")):
                continue
            data = fixture_bytes(path)
            seed("yaml", data)
            collect_conditions(data)
    if suite.is_dir():
        for path in sorted(suite.rglob("in.yaml")):
            seed("yaml", path.read_bytes())
    else:
        print(f"seeds: no yaml-test-suite at {suite}; its cases are not seeds", file=sys.stderr)

    # (b) Catalog inputs: segments `PATH\nCONTENT` or `-PATH`, separated by NUL.
    seed("catalog", b"")  # the mini catalog as it is
    for case in sorted(p for p in broken.iterdir() if p.is_dir()):
        segments = []
        for path in files_under(case):
            relative = path.relative_to(case).as_posix()
            if relative == "_expect":
                continue
            if relative == "_delete":
                for line in path.read_text(encoding="utf-8").splitlines():
                    line = line.split("#", 1)[0].strip()
                    if line:
                        segments.append(b"-" + line.encode())
                continue
            segments.append(target_name(relative).encode() + b"\n" + fixture_bytes(path))
        seed("catalog", b"\0".join(segments))
    for path in files_under(catalog):
        relative = path.relative_to(catalog).as_posix()
        if relative.endswith(".yaml"):
            seed("catalog", relative.encode() + b"\n" + path.read_bytes())

    for text in sorted(conditions):
        seed("condition", text.encode())
    print("seeds: " + ", ".join(f"{n} {kind}" for kind, n in counts.items()) + f" in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
