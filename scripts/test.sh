#!/usr/bin/env bash
# Runs every check of the project from a fresh clone: builds, validates and tests
# the runbooks with their mock configurations, then runs the whole test suite.
# Needs only the Swift toolchain (and python3/pip for the optional AWS server tests).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -x scripts/aws/ensure-moto.sh ]; then
    # The AWS integration tests talk to a local moto server; without it they are skipped.
    scripts/aws/ensure-moto.sh || echo "note: moto could not be installed; AWS server tests will be skipped"
fi
if [ -x scripts/aws/ensure-sdk-clients.sh ]; then
    # boto3 and the AWS CLI drive `sfnrun serve` in ServeClientTests; without them those tests are skipped.
    scripts/aws/ensure-sdk-clients.sh || echo "note: boto3/awscli could not be installed; serve client tests will be skipped"
fi

# Graphviz checks our DOT output and headless Chromium renders our HTML reports; the tests that
# need them are skipped (with a message) on machines without them.
missing=()
command -v dot >/dev/null || missing+=(graphviz)
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        echo "== apt-get install ${missing[*]}"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
            || echo "note: could not install ${missing[*]}; their tests will be skipped"
    else
        echo "note: ${missing[*]} missing and apt-get unavailable; their tests will be skipped"
    fi
fi

echo "== the docs' Swift snippets are current in Tests/DocSnippetsTests"
python3 scripts/check-snippets.py --check

swift build --build-tests

echo "== runbook diagrams are current"
scripts/render-diagrams.sh --check

shopt -s nullglob
runbooks=(StateMachines/*.json)
if [ ${#runbooks[@]} -gt 0 ]; then
    echo "== sfnrun validate"
    swift run --skip-build sfnrun validate "${runbooks[@]}"
    for definition in "${runbooks[@]}"; do
        name=$(basename "$definition" .json)
        mock="StateMachines/mocks/$name.mock.json"
        if [ -f "$mock" ]; then
            echo "== sfnrun test $definition"
            swift run --skip-build sfnrun test "$definition" --mock-config "$mock" --all
        fi
    done
fi

# SAM-style definitions: YAML with ${…} placeholders filled from the folder's substitutions file.
sam=(StateMachines/sam/*.asl.yaml)
if [ ${#sam[@]} -gt 0 ]; then
    echo "== sfnrun validate (SAM)"
    swift run --skip-build sfnrun validate "${sam[@]}" --substitutions StateMachines/sam/substitutions.yaml
    for definition in "${sam[@]}"; do
        name=$(basename "$definition" .asl.yaml)
        mock="StateMachines/mocks/$name.mock.json"
        if [ -f "$mock" ]; then
            echo "== sfnrun test $definition"
            swift run --skip-build sfnrun test "$definition" --substitutions StateMachines/sam/substitutions.yaml \
                --mock-config "$mock" --all
        fi
    done
fi

echo "== the docs' shell snippets"
python3 scripts/check-snippets.py --run

echo "== swift test"
swift test --skip-build

# Every libFuzzer target for a bounded time from its seed corpus (a crash fails the run).
echo "== fuzz (${FUZZ_SECONDS:=20}s per target)"
FUZZ_SECONDS=$FUZZ_SECONDS scripts/fuzz.sh
