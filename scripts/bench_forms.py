#!/usr/bin/env python3
"""Validations per second of the generated Swift module against Python's validators.

Usage: python3 scripts/bench_forms.py [--form bundles/newborn] [--count 2000] [--seconds 2]

`make bench-forms` (and so `make bench`) runs it. In one run, on the same submissions given
as raw JSON bytes (one per line, about nine in ten valid, realistic values: names, valid
resident IDs and credit codes, mobile numbers, dates, codes of the lists):

- the generated module's JSON entry point, `JimuForms.validate(form:json:)`, timed by
  Benchmarks/FormsBench (its own SwiftPM package, depending on generated/swift by path,
  built in release mode into .build-forms-bench);
- Foundation's JSONDecoder alone, decoding the same bytes into the form's generated
  Codable struct, and the typed `validate()` over structs decoded beforehand (same binary);
- Python's jsonschema (Draft202012Validator, the registry of all the schemas, and a
  FormatChecker asserting date, email, cn-resident-id and cn-uscc), from bytes: json.loads
  then is_valid;
- jsonschema-rs on the same schema and registry, from bytes (json.loads then is_valid),
  asserting formats with the same cn-resident-id and cn-uscc checks as Python callbacks,
  and again with those two formats left unchecked; and both again on objects parsed
  beforehand (the least work jsonschema-rs can do from Python: validation and the call).

The default form is bundles/newborn, the embedded catalog's largest (27 properties). The
verdicts of every validator are compared first; timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import re._parser as sre_parse  # Python 3.11+
    import re._constants as sre_constants
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = REPO / "generated" / "schemas"
BENCH_PACKAGE = REPO / "Benchmarks" / "FormsBench"
SCRATCH = REPO / ".build-forms-bench"

try:
    import jsonschema_rs
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
except ImportError as error:
    sys.exit(f"bench_forms: {error}: run `make python-deps` (or pip install jsonschema referencing jsonschema-rs)")


# --- the catalog's formats, as the Python validators check them ----------------------------------

ID_SHAPE = re.compile(r"[1-9][0-9]{5}(18|19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]")
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_SHAPE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")


def id_check(first17: str) -> str:
    value = (12 - sum(int(c) * pow(2, 17 - i, 11) for i, c in enumerate(first17)) % 11) % 11
    return "X" if value == 10 else str(value)


def uscc_check(first17: str) -> str:
    return USCC_ALPHABET[(31 - sum(USCC_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(first17)) % 31) % 31]


def is_resident_id(value: object) -> bool:
    if not isinstance(value, str):
        return True
    if ID_SHAPE.fullmatch(value) is None:
        return False
    try:
        datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return value[17] == id_check(value[:17])


def is_uscc(value: object) -> bool:
    return not isinstance(value, str) or (USCC_SHAPE.fullmatch(value) is not None and value[17] == uscc_check(value[:17]))


# --- realistic submissions ------------------------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华子涵浩宇欣怡梓轩"
PLACES = ["浙江省杭州市西湖区文三路", "浙江省宁波市鄞州区天童南路", "浙江省温州市鹿城区人民路", "浙江省嘉兴市秀洲区洪兴路",
          "浙江省金华市义乌市稠州北路", "浙江省丽水市莲都区中山街"]
DIVISIONS = ["330102", "330106", "330108", "330110", "330111", "330203", "330212", "330302", "330411", "330782", "331102"]


def resident_id(rng: random.Random, newborn: bool = False) -> str:
    born = datetime.date(2026, 1, 1) - datetime.timedelta(days=rng.randint(0, 300) if newborn else rng.randint(20 * 365, 45 * 365))
    first17 = f"{rng.choice(DIVISIONS)}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    return first17 + id_check(first17)


def credit_code(rng: random.Random) -> str:
    first17 = "91" + rng.choice(DIVISIONS) + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    return first17 + uscc_check(first17)


def from_pattern(pattern: str, rng: random.Random) -> str:
    out: list[str] = []

    def walk(items) -> None:
        for op, arg in items:
            if op == sre_constants.LITERAL:
                out.append(chr(arg))
            elif op == sre_constants.IN:
                negated = any(o == sre_constants.NEGATE for o, _ in arg)
                ranges = [a if o == sre_constants.RANGE else (a, a) for o, a in arg if o in (sre_constants.RANGE, sre_constants.LITERAL)]
                if negated:
                    out.append(rng.choice([c for c in "abcxyz" if not any(lo <= ord(c) <= hi for lo, hi in ranges)]))
                else:
                    lo, hi = rng.choice(ranges)
                    out.append(chr(rng.randint(lo, min(hi, lo + 60))))
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                low, high, sub = arg
                for _ in range(rng.randint(low, low + 4 if high == sre_constants.MAXREPEAT else high)):
                    walk(sub)
            elif op == sre_constants.SUBPATTERN:
                walk(arg[-1])
            elif op == sre_constants.BRANCH:
                walk(rng.choice(arg[1]))

    walk(sre_parse.parse(pattern))
    return "".join(out)


def value_for(name: str, spec: dict, rng: random.Random):
    if "enum" in spec:
        return rng.choice(spec["enum"])
    kind = spec.get("type")
    if kind == "boolean":
        return rng.random() < 0.8
    if kind == "integer":
        return rng.randint(int(spec.get("minimum", 0)), int(spec.get("maximum", 100)))
    if kind == "number":
        return round(rng.uniform(spec.get("minimum", 0), spec.get("maximum", 100)), 1)
    fmt = spec.get("format")
    if fmt == "cn-resident-id":
        return resident_id(rng, newborn=name.startswith("newborn."))
    if fmt == "cn-uscc":
        return credit_code(rng)
    if fmt == "cn-mobile":
        return rng.choice(["138", "139", "158", "186", "199"]) + f"{rng.randint(0, 99_999_999):08d}"
    if fmt == "email":
        return f"user{rng.randint(1, 9999)}@example.cn"
    if fmt == "date":
        return f"{datetime.date(2026, 1, 1) - datetime.timedelta(days=rng.randint(0, 200)):%Y-%m-%d}"
    if "pattern" in spec:
        for _ in range(100):
            text = from_pattern(spec["pattern"], rng)
            if re.search(spec["pattern"], text) and spec.get("minLength", 0) <= len(text) <= spec.get("maxLength", 10**6):
                return text
    high = spec.get("maxLength", 50)
    if name.endswith("name"):
        text = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))
    elif "address" in name or "institution" in name or "clinic" in name:
        text = rng.choice(PLACES) + f"{rng.randint(1, 999)}号"
    else:
        text = "".join(rng.choice(GIVEN) for _ in range(rng.randint(2, 10)))
    return text[:high]


def submissions(form: dict, properties: dict, count: int, rng: random.Random) -> list[bytes]:
    required = set(form.get("required", []))
    out = []
    for index in range(count):
        values = {name: value_for(name, spec, rng) for name, spec in properties.items() if name in required or rng.random() < 0.5}
        for condition in form.get("allOf", []):  # what a condition makes required, when it holds
            if Draft202012Validator(condition.get("if", True)).is_valid(values):
                for name in condition.get("then", {}).get("required", []):
                    values.setdefault(name, value_for(name, properties[name], rng))
        if index % 10 == 9:  # one in ten breaks a rule
            name = rng.choice(sorted(values))
            spec = properties[name]
            if spec.get("format") == "cn-resident-id":
                values[name] = values[name][:17] + ("0" if values[name][17] != "0" else "1")
            elif "maximum" in spec:
                values[name] = spec["maximum"] + 1
            else:
                del values[name]
        out.append(json.dumps(values, ensure_ascii=False).encode("utf-8"))
    return out


# --- the measurements ---------------------------------------------------------------------------


def per_second(items: list, body, minimum: float) -> float:
    for item in items[: max(1, len(items) // 10)]:
        body(item)
    count, start = 0, time.perf_counter()
    while True:
        for item in items:
            body(item)
        count += len(items)
        elapsed = time.perf_counter() - start
        if elapsed >= minimum:
            return count / elapsed


def swift_rates(form_id: str, lines: list[bytes], seconds: float) -> dict:
    swift = shutil.which("swift")
    if swift is None:
        sys.exit("bench_forms: swift is not on PATH")
    print("bench_forms: building Benchmarks/FormsBench in release mode …", file=sys.stderr)
    subprocess.run([swift, "build", "-c", "release", "--package-path", str(BENCH_PACKAGE), "--scratch-path", str(SCRATCH)], check=True)
    bin_path = subprocess.run(
        [swift, "build", "-c", "release", "--package-path", str(BENCH_PACKAGE), "--scratch-path", str(SCRATCH), "--show-bin-path"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as file:
        file.write(b"\n".join(lines) + b"\n")
    try:
        done = subprocess.run([str(Path(bin_path) / "FormsBench"), form_id, file.name, str(seconds)],
                              check=True, capture_output=True, text=True)
    finally:
        Path(file.name).unlink()
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--form", default="bundles/newborn")
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=2.0)
    options = parser.parse_args()

    documents = {p.relative_to(SCHEMAS).as_posix(): json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMAS.rglob("*.schema.json"))}
    schema = documents[options.form + ".schema.json"]
    registry = Registry().with_resources((d["$id"], Resource.from_contents(d)) for d in documents.values())
    resolver = registry.resolver(base_uri=schema["$id"])
    properties = {}
    for name, prop in schema["properties"].items():
        resolved = dict(resolver.lookup(prop["$ref"]).contents) if "$ref" in prop else {}
        resolved.update({k: v for k, v in prop.items() if k != "$ref"})
        properties[name] = resolved
    lines = submissions(schema, properties, options.count, random.Random(2026))

    checker = FormatChecker(formats=("date", "email"))
    checker.checks("cn-resident-id")(is_resident_id)
    checker.checks("cn-uscc")(is_uscc)
    python_validator = Draft202012Validator(schema, registry=registry, format_checker=checker)
    rs_registry = jsonschema_rs.Registry([(d["$id"], d) for d in documents.values()])
    rs_full = jsonschema_rs.validator_for(schema, registry=rs_registry, validate_formats=True,
                                          formats={"cn-resident-id": is_resident_id, "cn-uscc": is_uscc})
    rs_light = jsonschema_rs.validator_for(schema, registry=rs_registry, validate_formats=True, ignore_unknown_formats=True)

    swift = swift_rates(options.form, lines, options.seconds)
    instances = [json.loads(line) for line in lines]
    verdicts = {
        "jsonschema": [python_validator.is_valid(i) for i in instances],
        "jsonschema-rs": [rs_full.is_valid(i) for i in instances],
        "jsonschema-rs (no cn-* formats)": [rs_light.is_valid(i) for i in instances],
    }
    print(f"form {options.form}: {len(properties)} properties, {len(lines)} submissions "
          f"({sum(len(line) for line in lines) // len(lines)} bytes on average); accepted: Swift {swift['accepted']}, "
          + ", ".join(f"{name} {sum(v)}" for name, v in verdicts.items()))
    disagreements = sum(a != b for a, b in zip(verdicts["jsonschema"], verdicts["jsonschema-rs"]))
    if swift["accepted"] != sum(verdicts["jsonschema"]) or disagreements:
        print(f"bench_forms: WARNING: the validators do not accept the same submissions ({disagreements} jsonschema/jsonschema-rs differences)")

    rows = [
        ("Swift JimuForms.validate(form:json:) — bytes → verdict", swift["validate_json_per_second"]),
        ("jsonschema (Python): json.loads + is_valid", per_second(lines, lambda b: python_validator.is_valid(json.loads(b)), options.seconds)),
        ("jsonschema-rs: json.loads + is_valid, all formats", per_second(lines, lambda b: rs_full.is_valid(json.loads(b)), options.seconds)),
        ("jsonschema-rs: json.loads + is_valid, no cn-* formats", per_second(lines, lambda b: rs_light.is_valid(json.loads(b)), options.seconds)),
        ("jsonschema-rs: is_valid on parsed objects, all formats", per_second(instances, rs_full.is_valid, options.seconds)),
        # Its least work of all: no parsing and no check characters, only the Python call.
        ("jsonschema-rs: is_valid on parsed objects, no cn-* formats", per_second(instances, rs_light.is_valid, options.seconds)),
        ("Python json.loads alone", per_second(lines, json.loads, options.seconds)),
    ]
    if "jsondecoder_per_second" in swift:
        rows += [
            ("Foundation JSONDecoder alone → the Codable struct", swift["jsondecoder_per_second"]),
            (f"Swift typed validate() on decoded structs ({swift['decoded']} decodable)", swift["typed_validate_per_second"]),
        ]
    swift_rate = swift["validate_json_per_second"]
    width = max(len(name) for name, _ in rows)
    print(f"\n{'':{width}}  {'validations/s':>14}  {'Swift ÷ this':>12}")
    for name, value in rows:
        print(f"{name:{width}}  {value:>14,.0f}  {swift_rate / value:>11.2f}×")
    print(f"\n(measured {options.seconds:g} s each, one process at a time, on {options.form}; `make bench` reruns it)")


if __name__ == "__main__":
    main()
