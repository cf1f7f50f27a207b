"""The generated module's resident-ID and credit-code checks against python-stdnum.

Run: python3 -m pytest -q Tests/python/test_id_checks.py

The checks are driven the way a service drives them: through `jimu-forms-check` of the
committed package, on the real catalog's `items/invoice-application` (its
`finance_officer.id_number` is a `cn-resident-id` field, its `company.uscc` a `cn-uscc`
one), submitting the form's minimal valid example with only that one field varied.

Inputs, well over 100,000 for each of the two checks: valid numbers built by stdnum's rules
(for IDs: a division code from stdnum's own birth-place table, a random date, a random
sequence, stdnum's check digit), random division codes, impossible dates, then
single-character substitutions, adjacent swaps, insertions and deletions (wrong lengths),
a lower-case `x`, separators and spaces, and plain random strings.

Where Jimu and stdnum may differ, by the catalog's rule (recorded here and counted):

Resident ID (`cn-resident-id`, GB 11643):
  R1. The birth place is not looked up. Jimu checks the division code's structure only
      (the format's pattern: six digits, the first not 0) and never stdnum's table of
      division codes nor the years each code was in use. An ID whose division stdnum's
      table lacks (or did not have in the birth year) is accepted by Jimu.
  R2. The canonical form only: no separators or surrounding spaces, an upper-case `X`.
      stdnum compacts its input first (removes ' ' and '-', upper-cases).
  R3. The birth year is 18xx, 19xx or 20xx (the format's pattern); stdnum takes any year.
  Jimu accepts exactly when the input is canonical (R2), its year is 1800–2099 (R3), its
  division's first digit is not 0 (R1), and stdnum's `validate` accepts it with the
  birth-place lookup switched off (R1).

Unified social credit code (`cn-uscc`, GB 32100):
  U1. The canonical form only, as R2 (no separators, upper case).
  U2. Positions 1–2 (registration authority, entity type) take any character of the code
      alphabet, as GB 32100 does (its authority codes include the letters A, N and Y);
      stdnum requires digits there. Every other rule is stdnum's: positions 3–8 digits,
      9–17 from the alphabet, and stdnum's own check character computed over all 17.
  Jimu accepts exactly when the input is canonical and passes stdnum's checks with U2;
  where positions 1–2 are digits that is exactly stdnum's `is_valid`.

Every other disagreement fails, printing the input.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path
from unittest import mock

import pytest

try:
    from stdnum import numdb
    from stdnum.cn import ric, uscc
except ImportError as error:  # the oracle must be there: fail, never skip
    raise ImportError(f"{error}: install python-stdnum (make python-deps)") from error

from test_forms_differential import (
    build_forms_check,
    load_forms,
    python_accepts_text,
    run_forms_check,
    valid_value,
)

SEED = 7064
FORM = "items/invoice-application"
ID_FIELD = "finance_officer.id_number"
USCC_FIELD = "company.uscc"
PER_CHECK = 110_000  # inputs per check (at least 100,000 each)

USCC_ALPHABET = uscc._alphabet  # stdnum's own: 0-9 and A-Y less I, O, S, V, Z
ID_NOISE = "0123456789X" + "xA -I\uff11\u2013\u0661 \t"
USCC_NOISE = USCC_ALPHABET + "ioszvIOSZV -a\uff10"


# --- inputs ------------------------------------------------------------------------------------


def table_divisions() -> list[tuple[str, list[tuple[int, int]]]]:
    """Every six-digit division code in stdnum's birth-place table (cn/loc), with the years
    it was in use (`[1983-]`, `[-1993]` in the table; none: always)."""
    codes: dict[str, list[tuple[int, int]]] = {}

    def walk(entries, prefix: str) -> None:
        for length, low, high, props, children in entries:
            for value in range(int(low), int(high) + 1):
                code = prefix + str(value).zfill(length)
                if len(code) == 6 and "county" in props:
                    spans = []
                    for county in props["county"].split(","):
                        found = re.match(r"\[(\d*)-(\d*)\]", county)
                        start, end = (int(found[1] or 1800), int(found[2] or 2099)) if found else (1800, 2099)
                        spans.append((max(start, 1800), min(end, 2099)))
                    codes[code] = [span for span in spans if span[0] <= span[1]]
                walk(children, code)

    walk(numdb.get("cn/loc").prefixes, "")
    return sorted((code, spans) for code, spans in codes.items() if spans)


def valid_by_stdnum_rules(rng: random.Random, divisions) -> str:
    """Mostly a division of stdnum's table and a birth year it was in use; sometimes any
    six digits or any year (stdnum rejects those by its table: R1)."""
    division, spans = rng.choice(divisions)
    start, end = rng.choice(spans)
    year = rng.randint(start, end)
    if rng.random() < 0.15:
        division = str(rng.randint(100000, 999999))
    if rng.random() < 0.15:
        year = rng.randint(1800, 2099)
    month = rng.randint(1, 12)
    day = rng.randint(1, 31 if month in (1, 3, 5, 7, 8, 10, 12) else 30 if month != 2 else 29)
    body = f"{division}{year:04d}{month:02d}{day:02d}{rng.randint(0, 999):03d}"
    return body + ric.calc_check_digit(body + "0")


def mutate(text: str, rng: random.Random, noise: str) -> str:
    """One edit: a substitution (most often), an adjacent swap, an insertion or a deletion."""
    chars = list(text)
    edit = rng.random()
    at = rng.randrange(len(chars)) if chars else 0
    if edit < 0.55 and chars:
        chars[at] = rng.choice(noise)
    elif edit < 0.75 and len(chars) > 1:
        at = min(at, len(chars) - 2)
        chars[at], chars[at + 1] = chars[at + 1], chars[at]
    elif edit < 0.88:
        chars.insert(at, rng.choice(noise))
    elif chars:
        del chars[at]
    return "".join(chars)


def separated(text: str, rng: random.Random) -> str:
    cut = sorted(rng.sample(range(1, len(text)), 2))
    sep = rng.choice([" ", "-", "\u2013"])
    parts = [text[: cut[0]], text[cut[0] : cut[1]], text[cut[1] :]]
    return rng.choice([sep.join(parts), " " + text, text + " ", text.lower()])


def resident_id_inputs(rng: random.Random) -> list[str]:
    divisions = table_divisions()
    inputs: list[str] = []
    valid = [valid_by_stdnum_rules(rng, divisions) for _ in range(PER_CHECK // 4)]
    inputs += valid
    # Impossible or out-of-pattern dates, with a right check digit.
    for _ in range(PER_CHECK // 20):
        year = rng.choice([1799, 1800, 1900, 2000, 2024, 2026, 2099, 2100, 1700, 2200, 0])
        month, day = rng.choice([(2, 29), (2, 30), (4, 31), (13, 1), (0, 10), (1, 0), (1, 32), (12, 31), (6, 30)])
        body = f"{rng.choice(divisions)[0]}{year:04d}{month:02d}{day:02d}{rng.randint(0, 999):03d}"
        inputs.append(body + ric.calc_check_digit(body + "0"))
    with_x = [v for v in valid if v.endswith("X")]
    inputs += [v[:-1] + "x" for v in with_x]
    inputs += ["0" + v[1:-1] + ric.calc_check_digit("0" + v[1:]) for v in valid[:2000]]
    inputs += [separated(v, rng) for v in valid[:5000]]
    while len(inputs) < PER_CHECK - PER_CHECK // 20:
        base = rng.choice(valid)
        text = mutate(base, rng, ID_NOISE)
        if rng.random() < 0.15:
            text = mutate(text, rng, ID_NOISE)
        inputs.append(text)
    while len(inputs) < PER_CHECK:
        inputs.append("".join(rng.choice("0123456789" if i < 17 else "0123456789X") for i in range(rng.choice([17, 18, 18, 19]))))
    return inputs


def valid_uscc_by_stdnum_rules(rng: random.Random) -> str:
    head = "".join(rng.choice("0123456789") for _ in range(8))
    body = head + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    return body + uscc.calc_check_digit(body)


def uscc_inputs(rng: random.Random) -> list[str]:
    inputs: list[str] = []
    valid = [valid_uscc_by_stdnum_rules(rng) for _ in range(PER_CHECK // 4)]
    inputs += valid
    # GB 32100 codes whose registration authority is a letter (U2), with a right check.
    for _ in range(PER_CHECK // 50):
        body = rng.choice("ANY" + USCC_ALPHABET) + rng.choice("1239" + USCC_ALPHABET) + valid[0][2:17]
        inputs.append(body + uscc.calc_check_digit(body))
    inputs += [separated(v, rng) for v in valid[:5000]]
    while len(inputs) < PER_CHECK - PER_CHECK // 20:
        text = mutate(rng.choice(valid), rng, USCC_NOISE)
        if rng.random() < 0.15:
            text = mutate(text, rng, USCC_NOISE)
        inputs.append(text)
    while len(inputs) < PER_CHECK:
        inputs.append("".join(rng.choice(USCC_ALPHABET) for _ in range(rng.choice([17, 18, 18, 19]))))
    return inputs


# --- the expected verdicts: stdnum with the documented adjustments ---------------------------------


def stdnum_ric_without_place(inputs: list[str]) -> list[bool]:
    """stdnum's `cn.ric.is_valid` with its birth-place lookup switched off (R1)."""
    with mock.patch.object(ric, "get_birth_place", lambda number: {}):
        return [ric.is_valid(text) for text in inputs]


def stdnum_ric_is_valid(text: str) -> bool:
    """stdnum's full `cn.ric.is_valid`. python-stdnum 2.2 raises KeyError (instead of
    returning False) for a division whose province its table has but whose county it lacks
    (`get_birth_place` reads `info['county']`): that is a place-table rejection."""
    try:
        return ric.is_valid(text)
    except KeyError:
        return False


def expected_resident_id(text: str, without_place: bool) -> bool:
    canonical = text == ric.compact(text)  # R2
    year_in_pattern = text[6:8] in ("18", "19", "20")  # R3
    division_structure = text[:1] != "0"  # R1: the pattern's [1-9][0-9]{5}
    return canonical and year_in_pattern and division_structure and without_place


def stdnum_uscc_with_authority_letters(text: str) -> bool:
    """stdnum's `cn.uscc.validate` steps, positions 1–2 taking the whole alphabet (U2)."""
    number = uscc.compact(text)
    if len(number) != 18:
        return False
    if any(c not in USCC_ALPHABET for c in number[:2]) or not re.fullmatch(r"[0-9]{6}", number[2:8]):
        return False
    if any(c not in USCC_ALPHABET for c in number[8:]):
        return False
    return number[-1] == uscc.calc_check_digit(number)


def expected_uscc(text: str) -> bool:
    return text == uscc.compact(text) and stdnum_uscc_with_authority_letters(text)


# --- driving the Swift module ------------------------------------------------------------------


@pytest.fixture(scope="module")
def forms_check() -> Path:
    return build_forms_check()


@pytest.fixture(scope="module")
def base_submission(forms_check: Path) -> dict:
    """The form's minimal valid example: its required fields, each a plain valid value."""
    form = next(f for f in load_forms() if f.id == FORM)
    assert form.properties[ID_FIELD].get("format") == "cn-resident-id"
    assert form.properties[USCC_FIELD].get("format") == "cn-uscc"
    rng = random.Random(SEED)
    base = {name: valid_value(form.properties[name], rng) for name in form.required}
    base[ID_FIELD] = "11010519491231002X"
    base[USCC_FIELD] = "91110000600037341L"
    text = json.dumps(base, ensure_ascii=False)
    assert python_accepts_text(form.validator, text), text
    assert run_forms_check(forms_check, [(FORM, text)]) == ["valid"]
    return base


def jimu_verdicts(binary: Path, base: dict, field: str, inputs: list[str]) -> list[bool]:
    cases = [(FORM, json.dumps({**base, field: text}, ensure_ascii=False)) for text in inputs]
    verdicts = run_forms_check(binary, cases)
    accepted = []
    for text, verdict in zip(inputs, verdicts):
        if verdict == "valid":
            accepted.append(True)
            continue
        assert verdict.startswith("invalid\t"), f"{verdict!r} for {text!r}"
        paths = {v.split("@", 1)[1] for v in verdict.split("\t", 1)[1].split(" ")}
        assert paths == {"/" + field}, f"only {field} may be wrong, but {verdict!r} for {text!r}"
        accepted.append(False)
    return accepted


def test_resident_id_agrees_with_stdnum(forms_check: Path, base_submission: dict) -> None:
    rng = random.Random(SEED)
    inputs = resident_id_inputs(rng)
    assert len(inputs) >= 100_000
    jimu = jimu_verdicts(forms_check, base_submission, ID_FIELD, inputs)
    core = stdnum_ric_without_place(inputs)
    tally: Counter[str] = Counter()
    failures = []
    for text, accepted, without_place in zip(inputs, jimu, core):
        full = stdnum_ric_is_valid(text)
        expected = expected_resident_id(text, without_place)
        tally["inputs"] += 1
        tally["jimu accepts"] += accepted
        tally["stdnum accepts"] += full
        if accepted != expected:
            failures.append(f"{text!r}: Jimu {'accepts' if accepted else 'rejects'}, stdnum is_valid={full}, "
                            f"without the place lookup={without_place}")
            continue
        if accepted == full:
            tally["same verdict as stdnum"] += 1
        elif accepted and "county" not in dict(
            (k, v) for _, props in numdb.get("cn/loc").info(text[:6]) for k, v in props.items()
        ):
            tally["R1 division not in stdnum's table: Jimu accepts"] += 1
        elif accepted:
            tally["R1 division in stdnum's table but not in use in the birth year: Jimu accepts"] += 1
        elif text != ric.compact(text):
            tally["R2 not canonical: Jimu rejects"] += 1
        else:
            tally["R3 birth year outside 1800-2099: Jimu rejects"] += 1
    report = "\n".join(f"  {key}: {value}" for key, value in tally.items())
    print("resident ID vs stdnum.cn.ric:\n" + report)
    assert not failures, f"{len(failures)} disagreements beyond R1-R3:\n" + "\n".join(failures[:40])
    assert tally["jimu accepts"] > 20_000 and tally["inputs"] - tally["jimu accepts"] > 40_000, report
    assert tally["R1 division not in stdnum's table: Jimu accepts"] > 0, report
    assert tally["R2 not canonical: Jimu rejects"] > 0, report


def test_credit_code_agrees_with_stdnum(forms_check: Path, base_submission: dict) -> None:
    rng = random.Random(SEED + 1)
    inputs = uscc_inputs(rng)
    assert len(inputs) >= 100_000
    jimu = jimu_verdicts(forms_check, base_submission, USCC_FIELD, inputs)
    tally: Counter[str] = Counter()
    failures = []
    for text, accepted in zip(inputs, jimu):
        full = uscc.is_valid(text)
        expected = expected_uscc(text)
        if text[:2].isascii() and text[:2].isdigit() and text == uscc.compact(text):
            assert expected == full, f"the adjustments must not change stdnum's verdict on {text!r}"
        tally["inputs"] += 1
        tally["jimu accepts"] += accepted
        tally["stdnum accepts"] += full
        if accepted != expected:
            failures.append(f"{text!r}: Jimu {'accepts' if accepted else 'rejects'}, stdnum is_valid={full}")
            continue
        if accepted == full:
            tally["same verdict as stdnum"] += 1
        elif accepted:
            tally["U2 letter in positions 1-2: Jimu accepts"] += 1
        else:
            tally["U1 not canonical: Jimu rejects"] += 1
    report = "\n".join(f"  {key}: {value}" for key, value in tally.items())
    print("credit code vs stdnum.cn.uscc:\n" + report)
    assert not failures, f"{len(failures)} disagreements beyond U1-U2:\n" + "\n".join(failures[:40])
    assert tally["jimu accepts"] > 20_000 and tally["inputs"] - tally["jimu accepts"] > 40_000, report
