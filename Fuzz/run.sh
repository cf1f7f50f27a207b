#!/usr/bin/env bash
# Runs the libFuzzer targets one after the other (`make fuzz` builds them first):
#
#   Fuzz/run.sh SECONDS [yaml|catalog|condition ...]
#
# Each target runs SECONDS seconds from its seeds (Fuzz/seeds.py) and the corpus earlier runs
# grew, under AddressSanitizer, with a 1 s limit per input: a crash, a sanitizer report or a
# slow input stops that target, and its input is left in .build-fuzz-work/artifacts/TARGET/.
# Replay one with `.build-fuzz/release/fuzz-TARGET FILE`; once fixed, add it to
# Tests/JimuCoreTests/Fixtures/fuzz-regressions/TARGET/ so that `make test` keeps it fixed.
set -u
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=${*:-yaml catalog condition}
WORK=${FUZZ_WORK:-.build-fuzz-work}
BIN=${FUZZ_BIN:-.build-fuzz/release}
SUITE=${YAML_TEST_SUITE:-../shared/yaml-test-suite}

rm -rf "$WORK/seeds"
python3 Fuzz/seeds.py "$WORK/seeds" "$SUITE" || exit 2

failed=""
for target in $TARGETS; do
    case $target in
        yaml) options="-max_len=16384" ;;
        catalog) options="-max_len=32768" ;;
        condition) options="-max_len=4096" ;;
        *) echo "fuzz: no target $target (yaml, catalog or condition)" >&2; exit 2 ;;
    esac
    mkdir -p "$WORK/corpus/$target" "$WORK/artifacts/$target"
    echo "fuzz: $target for ${SECONDS_PER_TARGET} s"
    started=$(date +%s)
    # -timeout=1: an input that takes over a second is a hang. Leaks are not looked for: the
    # compiler keeps caches for the life of the process. The log keeps libFuzzer's
    # chatter out of the terminal; its last lines are shown.
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} "$BIN/fuzz-$target" \
        -max_total_time="$SECONDS_PER_TARGET" -timeout=1 -rss_limit_mb=4096 -detect_leaks=0 -print_final_stats=1 \
        -artifact_prefix="$WORK/artifacts/$target/" $options \
        "$WORK/corpus/$target" "$WORK/seeds/$target" >"$WORK/$target.log" 2>&1
    status=$?
    elapsed=$(($(date +%s) - started))
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)' "$WORK/$target.log" | sed 's/^/  /'
    if [ $status -ne 0 ]; then
        echo "fuzz: $target FAILED after ${elapsed} s (exit $status); see $WORK/$target.log:" >&2
        grep -E 'ERROR|==[0-9]+==|Fatal error|Test unit written|SUMMARY' "$WORK/$target.log" | head -20 >&2
        failed="$failed $target"
    else
        echo "fuzz: $target ran ${elapsed} s without a finding"
    fi
    echo "$(date -u +%FT%TZ) $target ${elapsed}s exit=$status" >>"$WORK/history"
done

if [ -n "$failed" ]; then
    echo "fuzz: findings in:$failed (inputs under $WORK/artifacts/)" >&2
    exit 1
fi
