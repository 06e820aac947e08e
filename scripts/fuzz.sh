#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/Targets against the package's modules and runs each one for
# a bounded time, starting from the seed corpora in Fuzz/Seeds (taken from the test fixtures).
#
#   scripts/fuzz.sh                 every target, 30 s each
#   scripts/fuzz.sh -t 600 jsonata-evaluation json
#   scripts/fuzz.sh -t 3600 -r 10000000 json       # stop at 10 million runs or after an hour, whichever first
#   scripts/fuzz.sh -t 3600 -j 2 jsonata-evaluation  # two fuzzing processes at once (libFuzzer's fork mode)
#   FUZZ_SECONDS=10 scripts/fuzz.sh
#   FUZZ_SANITIZE=address scripts/fuzz.sh json   # with AddressSanitizer too (slower; own build folder)
#
# A crash stops the script with exit status 1 and leaves the input as .build/fuzz/crashes/<target>/crash-*;
# turn each into a regression test (see Fuzz/README.md). Execs/s and run counts are printed per target.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-30}
runs=-1   # libFuzzer's -runs: -1 means no limit on the number of runs
jobs=1    # more than 1: libFuzzer's fork mode, which has no run limit (use -t)
while [ $# -gt 0 ]; do
    case $1 in
        -t) seconds=$2; shift 2 ;;
        -r) runs=$2; shift 2 ;;
        -j) jobs=$2; shift 2 ;;
        *) break ;;
    esac
done
all=(json definition jsonpath intrinsics jsonata-parser jsonata-evaluation mock-config)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

source_of() {
    case $1 in
        json) echo JSONParserFuzz ;;
        definition) echo DefinitionFuzz ;;
        jsonpath) echo JSONPathFuzz ;;
        intrinsics) echo IntrinsicsFuzz ;;
        jsonata-parser) echo JSONataParserFuzz ;;
        jsonata-evaluation) echo JSONataEvaluationFuzz ;;
        mock-config) echo MockConfigFuzz ;;
        *) echo "unknown fuzz target '$1' (targets: ${all[*]})" >&2; exit 2 ;;
    esac
}

# The modules, with coverage instrumentation for libFuzzer, optimized, in their own build folder.
sanitizers=fuzzer
build=.build/fuzz
optimize=-O
if [ -n "${FUZZ_SANITIZE:-}" ]; then
    sanitizers=fuzzer,$FUZZ_SANITIZE
    build=.build/fuzz-$FUZZ_SANITIZE
    optimize=-Onone
fi
echo "== building the modules for fuzzing ($build)"
swift build --build-path "$build" --target StatesLanguageTesting -Xswiftc -sanitize="$sanitizers" \
    -Xswiftc "$optimize" 2>&1 | grep -E "error|warning: unre|Compiling|Build" | grep -v "^\[" || true
modules=$build/debug
# SwiftPM's package name (it follows the checkout's folder); the intrinsics target uses package API.
package=$(grep -o '"-package-name","[^"]*"' "$build/debug.yaml" | head -1 | cut -d'"' -f4)
# Every module built for StatesLanguageTesting (its dependencies, whatever they are now).
shopt -s nullglob
objects=("$modules"/*.build/*.o)
shopt -u nullglob

mkdir -p "$build/bin" "$build/corpus" "$build/crashes"
status=0
for target in "${targets[@]}"; do
    file=$(source_of "$target")
    echo "== fuzz $target ($file, ${seconds}s, runs limit $runs)"
    swiftc "$optimize" -sanitize="$sanitizers" -parse-as-library -package-name "$package" -I "$modules/Modules" \
        "Fuzz/Targets/$file.swift" "${objects[@]}" -o "$build/bin/$target" 2>&1 | grep -v "warning: Cannot export" || true
    corpus=$build/corpus/$target
    crashes=$build/crashes/$target
    mkdir -p "$corpus" "$crashes"
    log=$build/$target.log
    # -rss_limit_mb: the evaluation budgets keep memory bounded; more is a finding.
    # SWIFT_BACKTRACE=enable=no: let libFuzzer's own handler catch a Swift trap and save the input.
    # Fork mode ignores timeouts and running out of memory unless told not to: both count as findings here.
    mode=(-runs="$runs")
    [ "$jobs" -le 1 ] || mode=(-fork="$jobs" -ignore_timeouts=0 -ignore_ooms=0 -ignore_crashes=0)
    if SWIFT_BACKTRACE=enable=no "$build/bin/$target" "$corpus" "Fuzz/Seeds/$target" -max_total_time="$seconds" "${mode[@]}" -timeout=10 \
        -rss_limit_mb=2048 -max_len=4096 -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1; then
        if [ "$jobs" -le 1 ]; then
            done_runs=$(grep -E "^stat::number_of_executed_units" "$log" | awk '{print $2}')
            speed=$(grep -E "^stat::average_exec_per_sec" "$log" | awk '{print $2}')
        else
            # The fork mode's progress lines: "#RUNS: cov: … time: Ss job: …", runs counted over every job.
            done_runs=$(grep -oE "^#[0-9]+:" "$log" | tail -1 | tr -dc 0-9)
            elapsed=$(grep -oE "^#[0-9]+:.* time: [0-9]+s" "$log" | tail -1 | grep -oE "time: [0-9]+" | tr -dc 0-9)
            speed=$((done_runs / (elapsed > 0 ? elapsed : 1)))
        fi
        echo "   $done_runs runs, $speed execs/s, no crash"
    else
        status=1
        echo "   CRASH: see $log and $crashes/"
        grep -E "ERROR|Fatal error|==[0-9]+==" "$log" | head -5 || true
    fi
done
exit $status
