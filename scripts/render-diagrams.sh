#!/usr/bin/env bash
# Draws every runbook (StateMachines/*.json) as Docs/runbooks/<name>.svg with `sfnrun graph`.
#   scripts/render-diagrams.sh               rewrite the SVGs
#   scripts/render-diagrams.sh --check       fail if any SVG is missing or out of date (CI)
#   scripts/render-diagrams.sh --screenshot  also redo Docs/images/report-rolling-restart.png
#                                            (an HTML report rendered by headless Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-write}"
[ -x .build/debug/sfnrun ] || swift build --product sfnrun >/dev/null
sfnrun() { swift run --skip-build sfnrun "$@"; }

out=Docs/runbooks
if [ "$mode" = "--check" ]; then
    out=$(mktemp -d)
    trap 'rm -rf "$out"' EXIT
fi

status=0
for definition in StateMachines/*.json; do
    name=$(basename "$definition" .json)
    sfnrun graph "$definition" --format svg -o "$out/$name.svg"
    if [ "$mode" = "--check" ]; then
        if ! cmp -s "$out/$name.svg" "Docs/runbooks/$name.svg"; then
            echo "Docs/runbooks/$name.svg is out of date: run scripts/render-diagrams.sh" >&2
            status=1
        fi
    fi
done

if [ "$mode" = "--screenshot" ]; then
    pages=$(mktemp -d)
    trap 'rm -rf "$pages"' EXIT
    sfnrun test StateMachines/rolling-restart.json --mock-config StateMachines/mocks/rolling-restart.mock.json \
        --test-case NeverHealthy --report "$pages" >/dev/null
    mkdir -p Docs/images
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$pages/profile" \
        --window-size=1400,2200 --screenshot="$PWD/Docs/images/report-rolling-restart.png" \
        "file://$pages/NeverHealthy.html#state-n8" 2>/dev/null
fi
exit $status
