#!/usr/bin/env python3
"""Regenerates Fuzz/Seeds/<target>/ from the repository's test fixtures and test sources.

Definitions, mock configurations and JSON fixtures are copied; JSONPath, intrinsic and JSONata
seeds are the paths, calls and expressions written in them. Run after adding fixtures.
Inputs named crash-* are reproducers of crashes the fuzzers found (see Fuzz/README.md); they are
kept as they are.
"""
import glob, hashlib, json, os, re

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(root)
seeds = {name: set() for name in
         ["json", "definition", "jsonpath", "intrinsics", "jsonata-parser", "jsonata-evaluation", "mock-config"]}

def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)

fixtures = sorted(set(glob.glob("StateMachines/**/*.json", recursive=True)
                      + glob.glob("Tests/**/Fixtures/**/*.json", recursive=True)))
for path in fixtures:
    text = open(path, encoding="utf-8").read()
    if len(text) > 64_000:
        continue
    seeds["json"].add(text)
    try:
        value = json.loads(text)
    except ValueError:
        continue
    if isinstance(value, dict) and "StateMachines" in value:
        seeds["mock-config"].add(text)
    elif isinstance(value, dict) and "States" in value:
        seeds["definition"].add(text)
    for s in strings(value):
        if s.startswith("$"):
            seeds["jsonpath"].add(s)
        if s.startswith("States."):
            seeds["intrinsics"].add(s)
        if s.startswith("{%") and s.endswith("%}"):
            seeds["jsonata-parser"].add(s[2:-2].strip())

# Expressions written in the JSONata and engine tests.
literal = re.compile(r'JSONataExpression\(\s*(#?)"((?:[^"\\\n]|\\.)*)"\1')
for path in glob.glob("Tests/**/*.swift", recursive=True):
    for match in literal.finditer(open(path, encoding="utf-8").read()):
        text = match.group(2)
        if not match.group(1):
            text = text.encode().decode("unicode_escape", errors="ignore")
        seeds["jsonata-parser"].add(text)
seeds["jsonata-evaluation"] = set(seeds["jsonata-parser"])

for name, values in seeds.items():
    folder = os.path.join("Fuzz", "Seeds", name)
    os.makedirs(folder, exist_ok=True)
    for old in os.listdir(folder):
        if not old.startswith("crash-"):
            os.remove(os.path.join(folder, old))
    for value in sorted(values):
        data = value.encode("utf-8", errors="ignore")
        with open(os.path.join(folder, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
            f.write(data)
    print(f"{name}: {len(values)} seeds")
