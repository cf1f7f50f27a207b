"""A catalog whose text is hostile to Swift generates a package that compiles and validates.

Run: python3 -m pytest -q Tests/python/test_swift_hostile.py

Tests/JimuCoreTests/Fixtures/mini is copied to a temporary catalog, and its names, labels,
legal bases, code-list labels, code values, condition literals and a pattern are given text
that would break or inject code if the Swift emitter pasted it: `\"\"\"#`, `\\(1)`, `*/`,
`/*`, `#if`/`#endif`, `#error(...)` after a real line break, `\\u{0}`, `${x}`, quotes,
backslashes, U+2028 and emoji (ids keep the catalog's syntax). `jimu build` writes it to a
temporary tree, `swift build` compiles the generated package there (its own scratch
path), and `jimu-forms-check` must accept a valid submission and reject invalid ones —
among them values that Swift's `String ==` would wrongly take as equal to a code or to a
condition's text (canonically equivalent, different scalars). Last, the differential
machinery of test_forms_differential.py runs over every form of this package.

The jimu binary is $JIMU if set, else .build/release/jimu, else .build/debug/jimu.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from referencing import Registry, Resource

from test_forms_differential import compare, generate_cases, load_forms, python_verdict, run_forms_check

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "Tests" / "JimuCoreTests" / "Fixtures" / "mini"
FORM = "items/household-registration-newborn"

TQ = '"' * 3
# Breaks a Swift string literal, a raw string, an interpolation, a block comment, a doc
# comment line (a real line break, a CR LF, U+2028), and compiler directives.
HOSTILE = (
    TQ + '# \n#error("injected")\r\n}\u2028 \\(1) */ /* #if DEBUG #endif 🧧👩‍👩‍👧 \\u{0} ${x} '
    + "''' \\\" \\n \"#\"##"
)


def jimu_binary() -> Path:
    override = os.environ.get("JIMU")
    if override:
        path = Path(override) if Path(override).is_absolute() else REPO / override
        if not path.exists():
            pytest.fail(f"$JIMU is {override}, which does not exist")
        return path
    for configuration in ("release", "debug"):
        candidate = REPO / ".build" / configuration / "jimu"
        if candidate.exists():
            return candidate
    pytest.fail("no jimu binary: neither .build/release/jimu nor .build/debug/jimu exists; run `make build` first")


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def bilingual(zh: str, en: str) -> str:
    return "{zh: %s, en: %s}" % (q(zh), q(en))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the mini fixture changed: {path.name} no longer holds {old!r}; update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_hostile_catalog(root: Path) -> None:
    shutil.copytree(MINI, root)
    item = root / "items" / "household-registration-newborn.yaml"
    edit(item, "name: {zh: 出生登记, en: Birth household registration}",
         "name: " + bilingual("出生登记" + HOSTILE, "Birth registration " + HOSTILE))
    edit(item, '  - {zh: 《中华人民共和国户口登记条例》第七条, en: "Article 7, Regulations on Household Registration"}',
         "  - " + bilingual("《户口登记条例》" + HOSTILE, "Article 7 " + HOSTILE))
    edit(item, "conditions: {zh: 新生儿的父母或监护人, en: The newborn's parents or guardian}",
         "conditions: " + bilingual("父母" + HOSTILE, "Parents " + HOSTILE))
    edit(item, "pins:\n", "\n".join([
        "  - id: hostile.note",
        "    label: " + bilingual("备注" + HOSTILE, "Note " + HOSTILE),
        "    type: string",
        "    max_length: 20",
        "  - id: hostile.choice",
        "    label: " + bilingual("选择" + HOSTILE, "Choice " + HOSTILE),
        "    type: enum",
        "    codelist: hostile_codes",
        "  - id: hostile.code",
        "    label: " + bilingual("代码" + TQ + "#", "Code \\(1)"),
        "    type: string",
        "    pattern: " + q('^[^"#\\\\]{2,4}$'),
        "  - id: hostile.extra",
        "    label: " + bilingual("附加 */", "Extra #if"),
        "    type: integer",
        "    minimum: 0",
        "    maximum: 9",
        "pins:", ""]))
    practice = root / "localities" / "330111-fuyang" / "household-registration-newborn.yaml"
    edit(practice, "materials:\n", "\n".join([
        "  - local: hostile.note",
        "  - local: hostile.choice",
        "    required: true",
        "  - local: hostile.code",
        "    required_if: " + q("hostile.choice == '" + TQ + "#'"),
        "  - local: hostile.extra",
        "    required_if: " + q("hostile.note == '\\(1)' or hostile.note == 'é'"),
        "    visible_if: " + q("hostile.choice != 'K'"),
        "materials:", ""]))
    codelists = root / "dictionary" / "codelists.yaml"
    codelists.write_text(codelists.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join([
        "  - id: hostile_codes",
        "    name: " + bilingual("代码表" + HOSTILE, "Codes " + HOSTILE),
        "    codes:",
        '      - {code: "1", label: ' + bilingual("一" + HOSTILE, "One " + HOSTILE) + "}",
        '      - {code: "K", label: ' + bilingual("开" + HOSTILE, "One " + HOSTILE) + "}",  # the same label: a clash
        '      - {code: "\u00c5", label: ' + bilingual("埃" + HOSTILE, "#if") + "}",
        "      - {code: " + q(TQ + "#") + ", label: " + bilingual("三引号", TQ + "#") + "}",
        "      - {code: " + q("\\(1)") + ", label: " + bilingual("插值", "\\(1)") + "}",
        '      - {code: "default", label: ' + bilingual("默认", "default") + "}",
        ""]), encoding="utf-8")
    fields = root / "dictionary" / "fields.yaml"
    edit(fields, "label: {zh: 新生儿姓名, en: Newborn's name}",
         "label: " + bilingual("新生儿姓名" + HOSTILE, "Newborn's name " + HOSTILE))
    edit(fields, "label: {zh: 母亲姓名, en: Mother's name}", "label: " + bilingual("母亲姓名 */", "Mother's name #if"))
    bundle = root / "bundles" / "newborn.yaml"
    edit(bundle, 'name: {zh: 新生儿出生一件事, en: Newborn "one thing"}',
         "name: " + bilingual("新生儿出生一件事" + HOSTILE, "Newborn " + HOSTILE))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the output tree, the package's jimu-forms-check)."""
    work = tmp_path_factory.mktemp("hostile")
    catalog, out = work / "catalog", work / "out"
    make_hostile_catalog(catalog)
    built = subprocess.run([str(jimu_binary()), "build", str(catalog), "--out", str(out)],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    swift = shutil.which("swift")
    assert swift, "swift is not on PATH"
    base = [swift, "build", "--package-path", str(out / "swift"), "--scratch-path", str(work / "scratch")]
    compiled = subprocess.run(base + ["--product", "jimu-forms-check"], capture_output=True, text=True, timeout=1200)
    assert compiled.returncode == 0, f"the hostile package does not compile:\n{compiled.stdout[-6000:]}\n{compiled.stderr[-3000:]}"
    bin_path = subprocess.run(base + ["--show-bin-path"], capture_output=True, text=True, check=True).stdout.strip()
    return out, Path(bin_path) / "jimu-forms-check"


def hostile_forms(out: Path):
    root = out / "schemas"
    documents = {p.relative_to(root).as_posix(): json.loads(p.read_text(encoding="utf-8")) for p in sorted(root.rglob("*.schema.json"))}
    registry = Registry().with_resources((d["$id"], Resource.from_contents(d)) for d in documents.values())
    return {form.id: form for form in load_forms(documents, registry)}


def test_the_hostile_text_reaches_the_outputs_intact(hostile: tuple[Path, Path]) -> None:
    out, _ = hostile
    form = hostile_forms(out)[FORM]
    # (YAML 1.1 reads U+2028 as a line break and folds the space after it: compare the rest.)
    tail = HOSTILE.split("\u2028 ", 1)[1]
    assert form.schema["title"].startswith("出生登记" + TQ + '# \n#error("injected")\r\n}'), form.schema["title"]
    assert tail in form.schema["title"]
    choice = form.schema["properties"]["hostile.choice"]
    assert choice["title"].startswith("选择" + TQ) and tail in choice["title"]
    codes = json.loads((out / "schemas" / "dictionary.schema.json").read_text(encoding="utf-8"))
    assert codes  # the dictionary is well-formed JSON
    code_lists = (out / "swift" / "Sources" / "JimuForms" / "CodeLists.swift").read_text(encoding="utf-8")
    # The hostile code values are Swift string literals with their quotes and backslashes escaped.
    assert '= "\\"\\"\\"#"' in code_lists and '= "\\\\(1)"' in code_lists
    # No raw line break of the catalog's text ever starts a line of the Swift sources.
    for path in (out / "swift").rglob("*.swift"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert not line.lstrip().startswith('#error("injected")'), path


def submission(**changes) -> dict:
    base = {
        "mother.id_number": "11010519491231002X",
        "newborn.name": "小明" + HOSTILE[:10],
        "applicant.mobile": "13800138000",
        "applicant.age": 30,
        "hostile.choice": "1",
        "hostile.note": HOSTILE[:20],
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def test_the_hostile_package_validates(hostile: tuple[Path, Path]) -> None:
    out, binary = hostile
    form = hostile_forms(out)[FORM]
    cases = [
        ("valid", submission(), "valid"),
        ("a code that is Swift-hostile text", submission(**{"hostile.choice": TQ + "#", "hostile.code": "ab"}), "valid"),
        ("its condition's field missing", submission(**{"hostile.choice": TQ + "#"}), "invalid\trequired@/hostile.code"),
        ("a condition literal \\(1)", submission(**{"hostile.note": "\\(1)"}), "invalid\trequired@/hostile.extra"),
        ("a condition literal \\(1) met", submission(**{"hostile.note": "\\(1)", "hostile.extra": 3}), "valid"),
        ("hidden when the code is K", submission(**{"hostile.choice": "K", "hostile.extra": 3}), "invalid\thidden@/hostile.extra"),
        ("the pattern's quote", submission(**{"hostile.choice": TQ + "#", "hostile.code": 'a"'}), "invalid\tpattern@/hostile.code"),
        ("too long in scalars", submission(**{"hostile.note": "🧧" * 21}), "invalid\tmaxLength@/hostile.note"),
        ("20 emoji fit", submission(**{"hostile.note": "🧧" * 20}), "valid"),
        ("missing required", submission(**{"newborn.name": None}), "invalid\trequired@/newborn.name"),
        # Canonically equivalent to a code or a condition's text, but other scalars: JSON
        # Schema compares scalars, and so must the module (Swift's == would not).
        ("the Kelvin sign is not K", submission(**{"hostile.choice": "\u212a"}), "invalid\tenum@/hostile.choice"),
        ("A + combining ring is not Å", submission(**{"hostile.choice": "A\u030a"}), "invalid\tenum@/hostile.choice"),
        ("Å itself", submission(**{"hostile.choice": "\u00c5"}), "valid"),
        ("e + combining acute is not é", submission(**{"hostile.note": "e\u0301"}), "valid"),
        ("é itself", submission(**{"hostile.note": "\u00e9"}), "invalid\trequired@/hostile.extra"),
    ]
    texts = [json.dumps(s, ensure_ascii=False) for _, s, _ in cases]
    verdicts = run_forms_check(binary, [(FORM, text) for text in texts])
    for (name, _, expected), text, verdict in zip(cases, texts, verdicts):
        assert verdict == expected, f"{name}: Swift said {verdict!r} for {text!r}"
        assert python_verdict(form.validator, text)[0] == (expected == "valid"), f"{name}: Python on {text!r}"


def test_the_hostile_package_agrees_with_jsonschema(hostile: tuple[Path, Path]) -> None:
    out, binary = hostile
    forms = list(hostile_forms(out).values())
    cases = generate_cases(forms, hypothesis_count=10, own_count=10, share=0.5)
    counts, disagreements = compare(binary, cases)
    summary = f"{len(cases)} submissions over {len(forms)} hostile forms, {len(disagreements)} disagreements"
    print(summary)
    assert not disagreements, summary + "\n" + "\n".join(disagreements[:30])
    assert all(a > 0 and r > 0 for a, r in counts.values()), counts
