"""The generated Swift module and Python's jsonschema accept and reject the same submissions.

Run: python3 -m pytest -q Tests/python/test_forms_differential.py

The committed package generated/swift is built once (its `jimu-forms-check` product, with
`--scratch-path .build-forms`, a no-op when it is up to date). Then, for every form of
generated/schemas, submissions are generated:

- valid ones from hypothesis-jsonschema (seeded, a bounded number per form) and from a
  generator of this file that reads the schema (it walks each pattern's parse tree);
- mutations of them: each required field missing, each optional one missing, a wrong
  type per field, values out of range and at the bounds, strings one character too long
  or too short (counted in Unicode scalars), broken patterns (a trailing line feed among
  them), codes outside the list, impossible dates and IDs with a wrong check character,
  unknown properties, and every `allOf` condition of the form made true and false with
  each field it requires dropped;
- hand-written raw JSON text: duplicate names (the last wins), `1.0` and `1e1` for
  integers, `\\u` escapes everywhere, lone and paired surrogates, deep nesting, and what
  a strict JSON parser must reject (NaN, trailing commas, a BOM, raw control characters,
  leading zeros …).

All of them go through one `jimu-forms-check` process, and each verdict is compared with
Draft202012Validator on the form's schema (with a registry of all the schemas) and a
FormatChecker that ASSERTS `date`, `email`, and the catalog's `cn-resident-id` and
`cn-uscc` rules, written here from the standards (GB 11643's structure, a real birth date,
the ISO 7064 MOD 11-2 check character; GB 32100's alphabet and check character), not from
python-stdnum (test_id_checks.py compares with stdnum). The JSON text is parsed by Python
as a strict RFC 8259 parser does: NaN and Infinity are refused (Python accepts them by
default; JSON has no such values). Any disagreement fails, printing the form and input.
"""

from __future__ import annotations

import datetime
import functools
import json
import random
import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest

try:
    import re._parser as sre_parse  # Python 3.11+
    import re._constants as sre_constants
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

try:
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st
    import hypothesis_jsonschema._from_schema as _hj_internals
    from hypothesis_jsonschema import from_schema
except ImportError as error:  # a missing oracle must fail loudly, never skip
    raise ImportError(
        f"{error}: the differential test needs jsonschema, referencing, hypothesis-jsonschema "
        "(make python-deps, or pip install jsonschema referencing hypothesis-jsonschema)"
    ) from error

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "generated" / "schemas"
PACKAGE = REPO / "generated" / "swift"
SCRATCH = REPO / ".build-forms"
SEED = 20260601

# hypothesis-jsonschema builds each pattern's strategy anew for every example it draws;
# the strategies are pure, so caching them only saves time (large CJK classes are slow).
_hj_internals.from_js_regex = functools.lru_cache(maxsize=None)(_hj_internals.from_js_regex)


# --- the Swift side ---------------------------------------------------------------------------


def build_forms_check() -> Path:
    """`jimu-forms-check` of the committed package, built (or found up to date) once."""
    swift = shutil.which("swift")
    if swift is None:
        pytest.fail("swift is not on PATH: the differential tests build generated/swift")
    base = [swift, "build", "--package-path", str(PACKAGE), "--scratch-path", str(SCRATCH)]
    built = subprocess.run(base + ["--product", "jimu-forms-check"], capture_output=True, text=True)
    if built.returncode != 0:
        pytest.fail(f"swift build of generated/swift failed:\n{built.stdout[-4000:]}\n{built.stderr[-4000:]}")
    bin_path = subprocess.run(base + ["--show-bin-path"], capture_output=True, text=True, check=True).stdout.strip()
    binary = Path(bin_path) / "jimu-forms-check"
    assert binary.exists(), binary
    return binary


def run_forms_check(binary: Path, cases: list[tuple[str, str]]) -> list[str]:
    """One process for all cases: each `FORM<TAB>JSON` line gets one verdict line."""
    lines = []
    for form, text in cases:
        assert "\n" not in text and not text.endswith("\r"), f"a case must be one line: {text!r}"
        lines.append(f"{form}\t{text}\n")
    payload = "".join(lines).encode("utf-8")
    done = subprocess.run([str(binary)], input=payload, capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    verdicts = done.stdout.decode("utf-8").split("\n")
    assert verdicts[-1] == ""
    verdicts = verdicts[:-1]
    assert len(verdicts) == len(cases), f"{len(cases)} cases, {len(verdicts)} verdicts"
    return verdicts


# --- the Python side: the schemas and the catalog's formats -------------------------------------

RESIDENT_ID = re.compile(r"[1-9][0-9]{5}(18|19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]")
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100: no I, O, S, V, Z
USCC = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}")


def resident_check_character(first17: str) -> str:
    """ISO 7064 MOD 11-2: weights 2^(17-i) mod 11; the check c makes the sum ≡ 1 (mod 11)."""
    total = sum(int(c) * pow(2, 17 - i, 11) for i, c in enumerate(first17))
    value = (12 - total % 11) % 11
    return "X" if value == 10 else str(value)


def uscc_check_character(first17: str) -> str:
    """GB 32100: weights 3^i mod 31; the check makes the weighted sum ≡ 0 (mod 31)."""
    total = sum(USCC_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def date_exists(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def is_resident_id(value: object) -> bool:
    """The catalog's rule: the structure, a birth date that exists, the check character."""
    if not isinstance(value, str):
        return True
    if RESIDENT_ID.fullmatch(value) is None:
        return False
    if not date_exists(int(value[6:10]), int(value[10:12]), int(value[12:14])):
        return False
    return value[17] == resident_check_character(value[:17])


def is_uscc(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return USCC.fullmatch(value) is not None and value[17] == uscc_check_character(value[:17])


def format_checker() -> FormatChecker:
    checker = FormatChecker(formats=("date", "email"))
    checker.checks("cn-resident-id")(is_resident_id)
    checker.checks("cn-uscc")(is_uscc)
    return checker


def _load_documents() -> dict[str, dict]:
    return {
        path.relative_to(SCHEMAS).as_posix(): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(SCHEMAS.rglob("*.schema.json"))
    }


DOCUMENTS = _load_documents()
REGISTRY = Registry().with_resources((doc["$id"], Resource.from_contents(doc)) for doc in DOCUMENTS.values())
FORMAT_CHECKER = format_checker()


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_strict(text: str) -> Any:
    """RFC 8259 as Python reads it, less the NaN/Infinity extension. Objects keep the last
    of duplicated names, as Python's `json` does."""
    return json.loads(text, parse_constant=_reject_constant)


def python_accepts_text(validator: Draft202012Validator, text: str) -> bool:
    try:
        instance = parse_strict(text)
    except (ValueError, RecursionError):
        return False
    return validator.is_valid(instance)


def python_verdict(validator: Draft202012Validator, text: str) -> tuple[bool, str]:
    """The verdict with the reasons, for a disagreement's report."""
    try:
        instance = parse_strict(text)
    except (ValueError, RecursionError) as error:
        return False, f"not JSON: {error}"
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    if not errors:
        return True, ""
    return False, "; ".join(f"{'/'.join(map(str, e.absolute_path)) or '/'}: {e.message[:120]}" for e in errors[:4])


# --- the forms, with their properties resolved --------------------------------------------------

ANNOTATIONS = ("title", "description", "$id", "$schema", "$comment", "examples", "default")


def strip_annotations(node: Any, resolver) -> Any:
    """A self-contained copy: `$ref`s inlined, annotations and `x-` keywords dropped."""
    if isinstance(node, list):
        return [strip_annotations(item, resolver) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    if "$ref" in node:
        resolved = resolver.lookup(node["$ref"])
        out.update(strip_annotations(resolved.contents, resolved.resolver))
    for key, value in node.items():
        if key == "$ref" or key in ANNOTATIONS or key.startswith("x-"):
            continue
        if key == "properties":
            out[key] = {name: strip_annotations(sub, resolver) for name, sub in value.items()}
        else:
            out[key] = strip_annotations(value, resolver)
    return out


@dataclass
class Form:
    id: str
    schema: dict
    standalone: dict
    validator: Draft202012Validator
    properties: dict[str, dict] = field(default_factory=dict)
    required: list[str] = field(default_factory=list)
    conditions: list[dict] = field(default_factory=list)


def load_forms(documents: dict[str, dict] | None = None, registry: Registry | None = None) -> list[Form]:
    documents = DOCUMENTS if documents is None else documents
    registry = REGISTRY if registry is None else registry
    forms = []
    for path, doc in sorted(documents.items()):
        if not path.startswith(("items/", "bundles/")):
            continue
        resolver = registry.resolver(base_uri=doc["$id"])
        standalone = strip_annotations(doc, resolver)
        forms.append(
            Form(
                id=path.removesuffix(".schema.json"),
                schema=doc,
                standalone=standalone,
                validator=Draft202012Validator(doc, registry=registry, format_checker=FORMAT_CHECKER),
                properties=standalone.get("properties", {}),
                required=list(standalone.get("required", [])),
                conditions=list(standalone.get("allOf", [])),
            )
        )
    return forms


# --- values -----------------------------------------------------------------------------------

# Characters for free text: CJK, astral (two UTF-16 units, one scalar), combining marks,
# JSON's escapes, controls, separators, a BOM, the Kelvin sign (canonically equal to K).
FREE_TEXT = [
    "a", "Z", "0", " ", "中", "文", "·", "\U00020000", "😀", "👩‍👩‍👧", "e\u0301", "\u0301", '"', "\\", "/",
    "\t", "\x00", "\x1f", "\x7f", "\u2028", "\u2029", "\ufeff", "\u00a0", "'", "<", "&", "{", "ß", "\u212a", "#if",
    "\\(", "*/", '"""',
]
NEGATED_POOL = "a0A中😀é-_.#\t"


def regex_example(pattern: str, rng: random.Random) -> str:
    """A string the pattern matches, by a walk of Python's parse of it (the portable dialect
    is a subset of Python's)."""
    out: list[str] = []

    def walk(items) -> None:
        for op, arg in items:
            if op == sre_constants.LITERAL:
                out.append(chr(arg))
            elif op == sre_constants.NOT_LITERAL:
                out.append(rng.choice([c for c in NEGATED_POOL if ord(c) != arg]))
            elif op == sre_constants.ANY:
                out.append(rng.choice(NEGATED_POOL))
            elif op == sre_constants.IN:
                out.append(pick_in(arg))
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                low, high, sub = arg
                high = low + 6 if high == sre_constants.MAXREPEAT else high
                for _ in range(rng.randint(low, high)):
                    walk(sub)
            elif op == sre_constants.SUBPATTERN:
                walk(arg[-1])
            elif op == sre_constants.BRANCH:
                walk(rng.choice(arg[1]))
            elif op == sre_constants.AT:
                pass
            else:
                raise NotImplementedError(f"pattern {pattern!r}: {op}")

    def pick_in(items) -> str:
        negated = any(op == sre_constants.NEGATE for op, _ in items)
        ranges = []
        for op, arg in items:
            if op == sre_constants.LITERAL:
                ranges.append((arg, arg))
            elif op == sre_constants.RANGE:
                ranges.append(arg)
            elif op == sre_constants.CATEGORY and arg == sre_constants.CATEGORY_DIGIT:
                ranges.append((48, 57))
        if negated:
            allowed = [c for c in NEGATED_POOL if not any(lo <= ord(c) <= hi for lo, hi in ranges)]
            return rng.choice(allowed)
        lo, hi = rng.choice(ranges)
        return chr(rng.randint(lo, hi))

    walk(sre_parse.parse(pattern))
    return "".join(out)


def valid_resident_id(rng: random.Random, year: int | None = None, month: int | None = None, day: int | None = None) -> str:
    year = year or rng.randint(1800, 2099)
    month = month or rng.randint(1, 12)
    day = day or rng.randint(1, 28)
    first17 = f"{rng.randint(110000, 829999)}{year:04d}{month:02d}{day:02d}{rng.randint(0, 999):03d}"
    return first17 + resident_check_character(first17)


def valid_uscc(rng: random.Random) -> str:
    head = rng.choice("159ANY") + rng.choice("123459")
    first17 = head + f"{rng.randint(100000, 999999)}" + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    return first17 + uscc_check_character(first17)


def valid_date(rng: random.Random) -> str:
    year = rng.choice([rng.randint(1, 9999), rng.randint(1900, 2100), 2000, 2024, 1900])
    month = rng.randint(1, 12)
    last = 31
    while not date_exists(year, month, last):
        last -= 1
    return f"{year:04d}-{month:02d}-{rng.choice([1, last, rng.randint(1, last)]):02d}"


def free_text(rng: random.Random, low: int, high: int) -> str:
    """A string of `low`…`high` Unicode scalars."""
    target = rng.randint(low, high)
    out = ""
    while len(out) < target:
        piece = rng.choice(FREE_TEXT)
        out += piece if len(out) + len(piece) <= target else "x"
    return out


def string_value(spec: dict, rng: random.Random) -> str:
    fmt = spec.get("format")
    if fmt == "cn-resident-id":
        return valid_resident_id(rng)
    if fmt == "cn-uscc":
        return valid_uscc(rng)
    if fmt == "date":
        return valid_date(rng)
    low, high = spec.get("minLength", 0), spec.get("maxLength", 60)
    pattern = spec.get("pattern")
    if pattern is None:
        return free_text(rng, low, min(high, low + 40))
    for _ in range(200):
        text = regex_example(pattern, rng)
        if low <= len(text) <= high and re.search(pattern, text) and not text.endswith("\n"):
            return text
    raise AssertionError(f"no example of {pattern!r} with length {low}..{high}")


def number_value(spec: dict, rng: random.Random) -> int | float:
    low, high = spec.get("minimum", -1_000_000), spec.get("maximum", 1_000_000)
    if spec.get("type") == "integer":
        return rng.choice([low, high, rng.randint(int(low), int(high))])
    return rng.choice([low, high, rng.uniform(low, high), round(rng.uniform(low, high), 2), rng.randint(int(low), int(high))])


def valid_value(spec: dict, rng: random.Random) -> Any:
    if "enum" in spec:
        return rng.choice(spec["enum"])
    kind = spec.get("type")
    if kind == "boolean":
        return rng.random() < 0.5
    if kind in ("integer", "number"):
        return number_value(spec, rng)
    return string_value(spec, rng)


def own_submission(form: Form, rng: random.Random) -> dict:
    """Every required field and most optional ones, each a value its spec allows."""
    return {
        name: valid_value(spec, rng)
        for name, spec in form.properties.items()
        if name in form.required or rng.random() < 0.7
    }



def hypothesis_submissions(form: Form, count: int) -> list[dict]:
    """`count` submissions drawn by hypothesis-jsonschema, derandomized (the same every run)."""
    formats = {
        "cn-resident-id": st.builds(valid_resident_id, st.randoms(use_true_random=False)),
        "cn-uscc": st.builds(valid_uscc, st.randoms(use_true_random=False)),
        "cn-mobile": st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
        "cn-postcode": st.from_regex(r"[0-9]{6}", fullmatch=True),
        "cn-division": st.from_regex(r"[1-8][0-9]{5}", fullmatch=True),
    }
    drawn: list[dict] = []

    @settings(
        max_examples=count, derandomize=True, database=None, deadline=None, phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(from_schema(form.standalone, custom_formats=formats))
    def draw(submission: dict) -> None:
        drawn.append(submission)

    draw()
    return drawn


# --- mutations ---------------------------------------------------------------------------------

UNKNOWN_NAMES = ["zz.unknown", "", " ", "~0/1", "中文", "applicant.name ", "Applicant.Name", "newborn.name\u200d"]


def dumps(value: Any, rng: random.Random | None = None) -> str:
    if rng is not None and rng.random() < 0.25:
        return json.dumps(value, ensure_ascii=True)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def wrong_types(spec: dict) -> list[Any]:
    kind = spec.get("type")
    if "enum" in spec:
        codes = spec["enum"]
        numeric = [int(c) for c in codes if c.isascii() and c.isdigit()]
        return [numeric[0] if numeric else 1, None, True, [codes[0]], {"code": codes[0]}]
    if kind == "boolean":
        return ["true", 1, 0, None, "false", []]
    if kind == "integer":
        return [1.5, "1", None, True, [1], {}, -0.5]
    if kind == "number":
        return ["1", None, False, [1.0], {"v": 1}, "1e3"]
    return [1, 0.5, None, True, [], {}, ["a"]]


def value_mutations(spec: dict, value: Any, rng: random.Random) -> Iterator[tuple[str, Any]]:
    """(kind, value) pairs: some break the spec, some sit exactly on its edges."""
    for wrong in rng.sample(wrong_types(spec), 3):
        yield "wrong-type", wrong
    kind = spec.get("type")
    if "enum" in spec:
        code = spec["enum"][0]
        for bad in ["99x", "", " " + code, code + " ", code + "\n", "\uff11", code + "\u0301", "\u212a"]:
            yield "enum", bad
        return
    if kind in ("integer", "number"):
        low, high = spec.get("minimum"), spec.get("maximum")
        if low is not None:
            yield "range", low
            yield "range", low - 1
            yield "range", float(low)
            if kind == "number":
                yield "range", low - 1e-9
        if high is not None:
            yield "range", high
            yield "range", high + 1
            yield "range", float(high)
            if kind == "number":
                yield "range", high + 1e-6
        yield "range", 1e308
        yield "range", -1e308
        if kind == "integer":
            yield "range", 9007199254740993
            yield "range", value + 0.5 if isinstance(value, int) else 0.5
        return
    if kind != "string":
        return
    low, high = spec.get("minLength"), spec.get("maxLength")
    pattern, fmt = spec.get("pattern"), spec.get("format")
    if pattern is None and high is not None:
        yield "length", "中" * high
        yield "length", "😀" * high
        yield "length", "e\u0301" * (high // 2)
        yield "length", "😀" * (high + 1)
        yield "length", "a" * (high + 1)
    if pattern is None and low:
        yield "length", "😀" * low
        yield "length", "a" * (low - 1)
    if pattern is None:
        yield "newline", value + "\n"  # no pattern: a trailing line feed is just a character
        return
    text = str(value)
    yield "pattern", text + "\n"
    yield "pattern", text + "\r"
    yield "pattern", "\n" + text
    yield "pattern", " " + text
    yield "pattern", text[:-1]
    yield "pattern", text + text[-1:]
    yield "pattern", text.lower()
    for _ in range(3):
        if text:
            at = rng.randrange(len(text))
            yield "pattern", text[:at] + rng.choice(["A", "0", "x", "中", " ", "\uff10", "-", "I", "O"]) + text[at + 1 :]
    if fmt == "date":
        for day in ["2026-02-29", "2024-02-29", "1900-02-29", "2000-02-29", "2026-04-31", "2026-12-31", "0000-01-01",
                    "9999-12-31", "2026-13-01", "2026-00-10", "2026-1-01", "2026-01-00", "2026-02-30", "20260101"]:
            yield "format", day
    if fmt == "cn-resident-id":
        first17 = text[:17]
        right = resident_check_character(first17)
        yield "format", first17 + next(c for c in "0123456789X" if c != right)
        for year, month, day in [(2000, 2, 29), (1900, 2, 29), (2026, 2, 29), (2024, 2, 29), (2026, 4, 31), (1800, 1, 1),
                                 (2099, 12, 31), (1799, 12, 31), (2100, 1, 1)]:
            body = f"{first17[:6]}{year:04d}{month:02d}{day:02d}{first17[14:17]}"
            yield "format", body + resident_check_character(body)
        x_id = next(i for i in (valid_resident_id(rng) for _ in range(200)) if i.endswith("X"))
        yield "format", x_id
        yield "format", x_id[:-1] + "x"
        yield "format", "0" + text[1:]
    if fmt == "cn-uscc":
        first17 = text[:17]
        right = uscc_check_character(first17)
        yield "format", first17 + next(c for c in USCC_ALPHABET if c != right)
        yield "format", text.lower()
        for letter in "IOSVZ":
            body = letter + first17[1:]
            yield "format", body + uscc_check_character(body.replace(letter, "0"))
        body = "Y1" + first17[2:]
        yield "format", body + uscc_check_character(body)


def submission_mutations(form: Form, base: dict, rng: random.Random, share: float) -> Iterator[tuple[str, str]]:
    """(kind, JSON text) pairs; `share` of the per-field ones are kept (1.0: all)."""

    def keep() -> bool:
        return share >= 1.0 or rng.random() < share

    for name in base:
        if keep():
            smaller = dict(base)
            del smaller[name]
            yield ("missing-required" if name in form.required else "missing-optional"), dumps(smaller, rng)
    for name in rng.sample(UNKNOWN_NAMES, 3):
        if name not in form.properties:
            yield "unknown", dumps({**base, name: rng.choice([1, "x", None, {}])}, rng)
    for name, spec in form.properties.items():
        value = base.get(name, valid_value(spec, rng))
        for kind, changed in value_mutations(spec, value, rng):
            if keep():
                yield kind, dumps({**base, name: changed}, rng)
    yield from condition_mutations(form, base)


def condition_mutations(form: Form, base: dict) -> Iterator[tuple[str, str]]:
    """Each `allOf` entry's `if` made true and made false (by trying every code of the
    fields it reads, and their absence), each with every field it names dropped in turn."""
    for entry in form.conditions:
        read = set(entry.get("if", {}).get("properties", {})) | set(entry.get("if", {}).get("required", []))
        named = set(json.dumps(entry).split('"')) & set(form.properties)
        for field_name in sorted(read):
            spec = form.properties.get(field_name, {})
            candidates = list(spec.get("enum", [])) + [base.get(field_name), None]
            for candidate in candidates:
                changed = dict(base)
                if candidate is None:
                    changed.pop(field_name, None)
                else:
                    changed[field_name] = candidate
                yield "condition", dumps(changed)
                for dropped in sorted(named - {field_name}):
                    smaller = {k: v for k, v in changed.items() if k != dropped}
                    yield "condition", dumps(smaller)


# --- hand-written raw JSON --------------------------------------------------------------------


def raw_cases(form: Form, base: dict, rng: random.Random) -> Iterator[tuple[str, str]]:
    body = dumps(base)
    inner = body[1:-1]
    names = list(base)
    first = names[0]
    spec_of = form.properties

    # Duplicate names: the last wins.
    bad = json.dumps(wrong_types(spec_of[first])[0])
    yield "duplicate", "{" + json.dumps(first) + ":" + bad + "," + inner + "}"
    yield "duplicate", "{" + inner + "," + json.dumps(first) + ":" + bad + "}"
    yield "duplicate", "{" + inner + "," + inner + "}"
    yield "duplicate", "{" + inner + ',"zz.unknown":1,"zz.unknown":2}'

    # Escapes: every non-ASCII character, and each name's first character, as \\u escapes.
    yield "escapes", json.dumps(base, ensure_ascii=True)
    escaped = "{" + ",".join(
        '"\\u%04x' % ord(k[0]) + json.dumps(k)[2:] + ":" + json.dumps(v) for k, v in base.items()
    ) + "}"
    yield "escapes", escaped
    yield "escapes", body.replace("/", "\\/")

    # Whitespace JSON allows, and some it does not.
    yield "whitespace", " \t\r " + json.dumps(base, separators=(" ,\t", " :\r ")) + " \t"
    yield "whitespace", "\u00a0" + body
    yield "whitespace", "\ufeff" + body  # a BOM is not JSON text

    strings_seen = 0
    for name, spec in spec_of.items():
        kind = spec.get("type")
        def put(raw: str) -> str:
            return "{" + ",".join(
                [json.dumps(k) + ":" + json.dumps(v, ensure_ascii=False) for k, v in base.items() if k != name]
                + [json.dumps(name) + ":" + raw]
            ) + "}"

        if kind == "integer":
            value = int(spec.get("minimum", 0)) + 1
            for raw in [f"{value}.0", f"{value}e0", f"{value * 10}e-1", f"{value}E+0", f"{value}.000000000000000000001",
                        f"{value}.5", "-0", "-0.0", "1E400", "-1E400", "1e-400", "0" + str(value), "+" + str(value),
                        str(value) + ".", "." + str(value), "1" * 400, f"{value}e99999", "0x10", "1_0", "NaN",
                        "Infinity", "-Infinity", f'"{value}"', "true", "null"]:
                yield "integer-text", put(raw)
        elif kind == "number":
            for raw in ["1E2", "1e+2", "0.1e1", "-0", "-0.0", "1e-400", "1E400", "NaN", "Infinity", "1.", ".1", "01.5",
                        "1.5e", "--1", "2.", "12345678901234567890123456789", "0.30000000000000004"]:
                yield "number-text", put(raw)
        elif kind == "boolean":
            for raw in ["true", "false", "True", "FALSE", "1", "tru", "true1", "nul"]:
                yield "boolean-text", put(raw)
        elif kind == "string" and "enum" not in spec:
            value = str(base.get(name) or valid_value(spec, rng))
            raws = [
                json.dumps(value, ensure_ascii=True),
                json.dumps(value + "\n"),
                '"' + json.dumps(value)[1:-1] + '\\u000a"',
                '"' + json.dumps(value)[1:-1] + '\\u000A"',
                '"\\ud800"', '"\\udc00"', '"\\ud83d\\ude00"', '"\\ud83d"', '"\\ud800\\u0041"', '"\\ud800\\ud800\\udc00"',
                '"\\u0000"', '"\\x41"', '"\\u12"', '"\\u00e9"', '"e\\u0301"', "'x'", '"a\tb"', '"a\x01b"', '"a\x7fb"',
                '"\\/"', '"' + "\\\\" * 3 + '"', '"unterminated',
            ]
            high = spec.get("maxLength")
            if high is not None and spec.get("pattern") is None:
                raws += ['"' + "\\ud83d\\ude00" * high + '"', '"' + "\\ud83d\\ude00" * (high + 1) + '"',
                         '"' + "\\ud800" * high + '"', '"' + "\\ud800" * (high + 1) + '"']
            # Every raw string on the first string fields, a sample on the others.
            strings_seen += 1
            for raw in raws if strings_seen <= 2 else rng.sample(raws, 6):
                yield "string-text", put(raw)
        elif "enum" in spec:
            code = spec["enum"][-1]
            for raw in [json.dumps(code), '"' + "".join("\\u%04x" % ord(c) for c in code) + '"', json.dumps(code + "\u0000")]:
                yield "code-text", put(raw)
        if name == first:
            # Nested values are never a field's type; deep nesting must fail cleanly.
            yield "nesting", put("[" * 600 + "]" * 600)
            yield "nesting", put("{" + '"a":{' * 100 + "}" * 100 + "}")

    # Not a JSON object, or not JSON.
    for raw in ["", " ", "{}", "[]", "null", "true", "1", '"x"', "[" + body + "]", body + body, body + " x", body + ",",
                "{" + inner + ",}", "{," + inner + "}", body[:-1], body + "}", "{" + inner.replace('":', "':", 1) + "}",
                "/* c */" + body, body + "//", "{" + inner + ",\"a\" 1}", "{" + inner + ",a:1}", "[" * 2000 + "]" * 2000,
                "{" * 2000 + "}" * 2000, "\x00" + body]:
        yield "not-json", raw


# --- the test ----------------------------------------------------------------------------------


@dataclass
class Case:
    form: Form
    kind: str
    text: str


def generate_cases(forms: list[Form], hypothesis_count: int, own_count: int, share: float) -> list[Case]:
    cases: list[Case] = []
    for form in forms:
        rng = random.Random(f"{SEED}:{form.id}")
        bases = [("hypothesis", s) for s in hypothesis_submissions(form, hypothesis_count)]
        bases += [("own", own_submission(form, rng)) for _ in range(own_count)]
        # Bases that Python accepts seed the mutations (a base already invalid teaches less).
        accepted = [s for _, s in bases if python_accepts_text(form.validator, json.dumps(s))]
        for origin, submission in bases:
            cases.append(Case(form, origin, dumps(submission, rng)))
        for index, submission in enumerate(accepted):
            # The first two accepted bases get every mutation; the rest a random share.
            for kind, text in submission_mutations(form, submission, rng, 1.0 if index < 2 else share):
                cases.append(Case(form, kind, text))
        for submission in accepted[:1]:
            for kind, text in raw_cases(form, submission, rng):
                cases.append(Case(form, kind, text))
    return cases


def compare(binary: Path, cases: list[Case]) -> tuple[dict[str, list[int]], list[str]]:
    """Per form [accepted, rejected] counts, and a description of every disagreement."""
    verdicts = run_forms_check(binary, [(case.form.id, case.text) for case in cases])
    counts: dict[str, list[int]] = {}
    disagreements: list[str] = []
    for case, verdict in zip(cases, verdicts):
        if verdict.startswith("error"):
            disagreements.append(f"{case.form.id} [{case.kind}]: jimu-forms-check said {verdict!r} for {case.text!r}")
            continue
        swift_accepts = verdict == "valid"
        python_accepts = python_accepts_text(case.form.validator, case.text)
        tally = counts.setdefault(case.form.id, [0, 0])
        tally[0 if python_accepts else 1] += 1
        if swift_accepts != python_accepts:
            why = python_verdict(case.form.validator, case.text)[1]
            disagreements.append(
                f"{case.form.id} [{case.kind}]: Swift {'accepts' if swift_accepts else 'rejects (' + verdict + ')'}, "
                f"Python {'accepts' if python_accepts else 'rejects (' + why + ')'}\n    input: {case.text[:600]!r}"
            )
    return counts, disagreements


@pytest.fixture(scope="module")
def forms_check() -> Path:
    return build_forms_check()


def test_every_form_is_covered() -> None:
    forms = load_forms()
    schema_files = sorted(p for p in DOCUMENTS if p.startswith(("items/", "bundles/")))
    assert [f.id for f in forms] == [p.removesuffix(".schema.json") for p in schema_files]
    assert len(forms) >= 40, "the embedded catalog has 37 items and 4 bundles"
    assert any(f.conditions for f in forms), "some form has allOf conditions"


def test_swift_module_agrees_with_jsonschema(forms_check: Path) -> None:
    started = time.monotonic()
    forms = load_forms()
    cases = generate_cases(forms, hypothesis_count=10, own_count=6, share=0.2)
    generated = time.monotonic()
    counts, disagreements = compare(forms_check, cases)
    finished = time.monotonic()
    accepted = sum(a for a, _ in counts.values())
    rejected = sum(r for _, r in counts.values())
    summary = (
        f"{len(cases)} submissions over {len(forms)} forms: {accepted} accepted and {rejected} rejected by both "
        f"oracles' reckoning, {len(disagreements)} disagreements "
        f"(generated in {generated - started:.1f}s, compared in {finished - generated:.1f}s)"
    )
    print(summary)
    if disagreements:
        pytest.fail(summary + "\n" + "\n".join(disagreements[:40]), pytrace=False)
    assert len(cases) >= 5000, summary
    for form in forms:
        accepted_here, rejected_here = counts.get(form.id, [0, 0])
        assert accepted_here >= 10 and rejected_here >= 50, f"{form.id}: {accepted_here} accepted, {rejected_here} rejected"


def test_tricky_cases_mean_what_they_should(forms_check: Path) -> None:
    """Spot checks with a known answer, so both sides agreeing on a wrong answer shows too."""
    forms = {f.id: f for f in load_forms()}
    form = forms["items/household-registration-newborn"]
    rng = random.Random(SEED)
    candidates = (
        {k: v for k, v in own_submission(form, rng).items() if not k.startswith("guardian.")} for _ in range(500)
    )
    base = next(s for s in candidates if s.get("applicant.relationship") == "1" and python_verdict(form.validator, json.dumps(s))[0])
    expectations: list[tuple[str, bool]] = [
        (json.dumps(base), True),
        (json.dumps({**base, "mother.id_number": "11010520000229001" + resident_check_character("11010520000229001")}), True),
        (json.dumps({**base, "mother.id_number": "11010519000229001" + resident_check_character("11010519000229001")}), False),
        (json.dumps({**base, "newborn.birth_date": "2026-02-29"}), False),
        (json.dumps({**base, "newborn.birth_date": "2024-02-29"}), True),
        (json.dumps({**base, "newborn.birth_date": "2024-02-29\n"}), False),
        (json.dumps({**base, "newborn.name": "😀" * 30}), True),
        (json.dumps({**base, "newborn.name": "😀" * 31}), False),
        (json.dumps({**base, "applicant.relationship": "2"}), False),  # now a guardian is required
        (json.dumps({**base, "zz": 1}), False),
        ('{"newborn.name":1,' + json.dumps(base)[1:], True),  # the last duplicate wins
        (json.dumps(base)[:-1] + ',"newborn.name":1}', False),
        (json.dumps(base).replace('"applicant.relationship": "1"', '"applicant.relationship": 1'), False),
    ]
    verdicts = run_forms_check(forms_check, [(form.id, text) for text, _ in expectations])
    for (text, expected), verdict in zip(expectations, verdicts):
        assert python_verdict(form.validator, text)[0] == expected, f"Python on {text!r}"
        assert (verdict == "valid") == expected, f"Swift said {verdict!r} on {text!r}"
