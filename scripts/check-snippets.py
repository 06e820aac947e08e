#!/usr/bin/env python3
"""Checks that every Swift and shell snippet in README.md and Docs/ works.

Usage:
  python3 scripts/check-snippets.py --write    regenerate Tests/DocSnippetsTests/ from the docs
  python3 scripts/check-snippets.py --check    fail if Tests/DocSnippetsTests/ is not current
  python3 scripts/check-snippets.py --run      run every shell snippet (after `swift build`)
  python3 scripts/check-snippets.py --list     print every snippet with what is done with it

Swift snippets (```swift) become source files of the DocSnippetsTests test target, so `swift build
--build-tests` compiles them and `swift test` runs them:
  - a snippet with `@Test` functions is placed inside a suite as written and runs as a test;
  - any other snippet becomes the body of an async function. When it ends with `// ` comment lines,
    those are the output it must print: a generated test runs it and compares what it prints.

Shell snippets (```sh, ```bash) run with bash -e in a scratch folder that links the repository's
StateMachines/, Docs/, scripts/ and .build/, with `sfnrun` and `sfnrun-bench` on PATH and `swift
build` / `swift run` served by the binaries already built. A block must end with exit status 0
unless it says otherwise.

A comment on the line just before a fence says more about the snippet:
  <!-- snippet: exit N -->              the block must end with exit status N (a run that fails)
  <!-- snippet: moto -->                 run against a local moto server: profile `ops` and
                                         AWS_ENDPOINT_URL point at it, with dummy credentials
  <!-- snippet: compile-only: REASON --> Swift that compiles but needs AWS to run
  <!-- snippet: context: SWIFT -->       declarations the fragment needs, hidden from readers
  <!-- snippet: skip: REASON -->         not run; the reason is printed (kept for what cannot run
                                         here: the test script itself, release benchmarks)
Several may be combined with `;`, as in <!-- snippet: moto; exit 1 -->.
"""
import argparse
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GENERATED = os.path.join(ROOT, "Tests", "DocSnippetsTests")
SHELL_LANGUAGES = {"sh", "bash", "shell"}
SHELL_TIMEOUT = 300


class Snippet:
    def __init__(self, path, line, language, text, annotations):
        self.path = path            # relative to ROOT
        self.line = line            # 1-based line of the opening fence
        self.language = language
        self.text = text
        self.annotations = annotations
        self.ordinal = 0            # its place among the document's Swift snippets, from 1

    @property
    def where(self):
        return f"{self.path}:{self.line}"

    @property
    def identifier(self):
        stem = re.sub(r"[^A-Za-z0-9]+", "_", self.path.removesuffix(".md"))
        return f"{stem}_{self.ordinal}"

    @property
    def title(self):
        """Names the snippet in generated code without its line, so edits above it change nothing."""
        return f"{self.path}, Swift snippet {self.ordinal}"

    def annotation(self, name):
        return self.annotations.get(name)


def documents():
    paths = ["README.md"] + sorted(glob.glob("Docs/**/*.md", root_dir=ROOT, recursive=True))
    return [p for p in paths if os.path.isfile(os.path.join(ROOT, p))]


def parse_annotations(line):
    match = re.match(r"\s*<!--\s*snippet:\s*(.*?)\s*-->\s*$", line)
    if not match:
        return {}
    annotations = {}
    text = match.group(1)
    if "context:" in text:   # Swift code may hold semicolons: the context runs to the end
        text, _, context = text.partition("context:")
        annotations["context"] = context.strip()
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        name, _, value = part.partition(":") if ":" in part.split(" ")[0] else part.partition(" ")
        name = name.strip()
        if name not in {"exit", "moto", "compile-only", "context", "skip"}:
            raise SystemExit(f"unknown snippet annotation '{name}' in: {line.strip()}")
        annotations[name] = value.strip()
    return annotations


def snippets():
    found = []
    for path in documents():
        lines = open(os.path.join(ROOT, path), encoding="utf-8").read().split("\n")
        index = 0
        while index < len(lines):
            fence = re.match(r"^(\s*)```(\w*)\s*$", lines[index])
            if not fence:
                index += 1
                continue
            end = index + 1
            while end < len(lines) and not lines[end].strip().startswith("```"):
                end += 1
            if end == len(lines):
                raise SystemExit(f"{path}:{index + 1}: the code block is never closed")
            language = fence.group(2)
            annotations = parse_annotations(lines[index - 1]) if index > 0 else {}
            if language == "swift" or language in SHELL_LANGUAGES:
                found.append(Snippet(path, index + 1, language, "\n".join(lines[index + 1:end]), annotations))
            elif annotations:
                raise SystemExit(f"{path}:{index + 1}: a snippet annotation on a block that is not Swift or shell")
            index = end + 1
    return found


# Swift

def swift_file(document, items):
    """The generated test source for one document's Swift snippets."""
    imports = {"import Foundation", "import Testing"}
    bodies = []
    for snippet in items:
        code = []
        for line in snippet.text.split("\n"):
            if re.match(r"^import \w+\s*$", line):
                imports.add(line.strip())
            else:
                code.append(line)
        while code and not code[0].strip():
            code.pop(0)
        bodies.append((snippet, code))
    out = [
        f"// Generated by scripts/check-snippets.py from {document}; do not edit.",
        "// Each snippet of the document, compiled (and run where it can be) so the docs stay true.",
        "",
    ]
    out += sorted(imports)
    for snippet, code in bodies:
        out.append("")
        context = snippet.annotation("context")
        if any(line.lstrip().startswith("@Test") for line in code):
            out.append(f"/// {snippet.title}: its tests run as written.")
            out.append(f"@Suite(\"{snippet.title}\") struct Snippet_{snippet.identifier} {{")
            out += [("    " + line).rstrip() for line in code]
            out.append("}")
            continue
        expected = []
        while code and code[-1].startswith("// "):
            expected.insert(0, code.pop()[3:])
        while code and not code[-1].strip():
            code.pop()
        runs = expected and snippet.annotation("compile-only") is None
        out.append(f"/// {snippet.title}" + (", returning what it prints." if runs else ", compiled only."))
        out.append(f"private func snippet_{snippet.identifier}() async throws -> [String] {{")
        if runs:
            out.append("    var printed: [String] = []")
            out.append("    func print(_ items: Any..., separator: String = \" \", terminator: String = \"\\n\") {")
            out.append("        printed.append(items.map { \"\\($0)\" }.joined(separator: separator))")
            out.append("    }")
        if context:
            out.append(f"    {context}")
        out += [("    " + line).rstrip() for line in code]
        out.append("    return printed" if runs else "    return []")
        out.append("}")
        if runs:
            out.append("")
            out.append(f"@Test(\"{snippet.title} prints what the document says\")")
            out.append(f"func run_{snippet.identifier}() async throws {{")
            lines = ", ".join(swift_string(line) for line in expected)
            out.append(f"    let printed = try await snippet_{snippet.identifier}()")
            out.append(f"    #expect(printed == [{lines}])")
            out.append("}")
    return "\n".join(out) + "\n"


def swift_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generated_files():
    by_document = {}
    for snippet in snippets():
        if snippet.language == "swift" and snippet.annotation("skip") is None:
            by_document.setdefault(snippet.path, []).append(snippet)
            snippet.ordinal = len(by_document[snippet.path])
    files = {}
    for document, items in by_document.items():
        name = re.sub(r"[^A-Za-z0-9]+", "_", document.removesuffix(".md")) + ".swift"
        files[name] = swift_file(document, items)
    return files


def write():
    os.makedirs(GENERATED, exist_ok=True)
    wanted = generated_files()
    for name in os.listdir(GENERATED):
        if name.endswith(".swift") and name not in wanted:
            os.remove(os.path.join(GENERATED, name))
    for name, text in wanted.items():
        with open(os.path.join(GENERATED, name), "w", encoding="utf-8") as f:
            f.write(text)
    print(f"wrote {len(wanted)} files to {os.path.relpath(GENERATED, ROOT)}")


def check():
    wanted = generated_files()
    present = {n for n in os.listdir(GENERATED) if n.endswith(".swift")} if os.path.isdir(GENERATED) else set()
    stale = sorted(n for n in wanted if n not in present
                   or open(os.path.join(GENERATED, n), encoding="utf-8").read() != wanted[n])
    stale += sorted(present - set(wanted))
    if stale:
        print("The Swift snippets of the docs changed; run python3 scripts/check-snippets.py --write "
              f"(stale: {', '.join(stale)})", file=sys.stderr)
        return 1
    print(f"Swift snippets: {len(wanted)} generated files are current")
    return 0


# Shell

SHIMS = {
    "swift": r'''#!/usr/bin/env bash
# Serves `swift build` and `swift run` in doc snippets from the binaries CI already built.
case "$1" in
  build) exit 0 ;;
  run) shift
       while [ $# -gt 0 ]; do case "$1" in --skip-build) shift ;; -c) shift 2 ;; *) break ;; esac; done
       product="$1"; shift
       exec "$SNIPPET_BIN/$product" "$@" ;;
  *) echo "the snippet checker serves only 'swift build' and 'swift run'" >&2; exit 2 ;;
esac
''',
}


def scratch_folder():
    folder = tempfile.mkdtemp(prefix="sfnrun-snippets-")
    for name in ("StateMachines", "Docs", "scripts", "Tests", ".build", "Package.swift", "README.md"):
        os.symlink(os.path.join(ROOT, name), os.path.join(folder, name))
    shims = os.path.join(folder, ".shims")
    os.mkdir(shims)
    for name, text in SHIMS.items():
        path = os.path.join(shims, name)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o755)
    return folder, shims


class Moto:
    """A moto server for the snippets that call AWS, started on first use."""

    def __init__(self, folder):
        self.folder = folder
        self.process = None
        self.port = None
        self.unavailable = None

    def environment(self):
        if self.unavailable:
            return None
        if self.process is None:
            probe = subprocess.run([sys.executable, "-c", "import moto.server"], capture_output=True)
            if probe.returncode != 0:
                self.unavailable = "moto is not installed (scripts/aws/ensure-moto.sh installs it)"
                return None
            port_file = os.path.join(self.folder, ".moto.port")
            self.process = subprocess.Popen(
                [sys.executable, os.path.join(ROOT, "scripts/aws/moto-server.py"), "--port-file", port_file,
                 "--execute-state-machines", "--until-stdin-closes"],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
            deadline = time.time() + 60
            while not os.path.exists(port_file):
                if self.process.poll() is not None or time.time() > deadline:
                    self.unavailable = "the moto server did not start"
                    return None
                time.sleep(0.2)
            self.port = open(port_file).read().strip()
            config = os.path.join(self.folder, ".aws-config")
            with open(config, "w") as f:
                f.write("[profile ops]\nregion = us-east-1\naws_access_key_id = testing\n"
                        "aws_secret_access_key = testing\n")
        return {
            "AWS_CONFIG_FILE": os.path.join(self.folder, ".aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": os.path.join(self.folder, ".aws-credentials-none"),
            "AWS_ENDPOINT_URL": f"http://127.0.0.1:{self.port}",
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
        }

    def stop(self):
        if self.process:
            self.process.stdin.close()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def run_shell(snippet, folder, shims, moto):
    """Runs one shell block; returns None when it did what its document says, else the failure."""
    environment = dict(os.environ)
    environment["SNIPPET_BIN"] = os.path.join(ROOT, ".build", "debug")
    environment["PATH"] = os.pathsep.join([shims, environment["SNIPPET_BIN"], environment["PATH"]])
    for name in [n for n in environment if n.startswith("AWS_")]:
        del environment[name]
    if snippet.annotation("moto") is not None:
        extra = moto.environment()
        if extra is None:
            return "skipped", moto.unavailable
        environment.update(extra)
    expected = int(snippet.annotation("exit") or 0)
    # Output goes to a file, not a pipe: a server the block leaves in the background would hold a
    # pipe open, and waiting for its end would wait for that server.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(["bash", "-e", "-o", "pipefail", "-c", snippet.text], cwd=folder,
                                   env=environment, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            process.wait(timeout=SHELL_TIMEOUT)
            status = process.returncode
        except subprocess.TimeoutExpired:
            status = None
        finally:
            try:
                os.killpg(process.pid, signal.SIGKILL)   # what the block left in the background
            except ProcessLookupError:
                pass
            process.wait()
        log.seek(0)
        tail = log.read().decode(errors="replace")[-3000:]
    if status is None:
        return "failed", f"still running after {SHELL_TIMEOUT} s\n{tail}"
    if status != expected:
        return "failed", f"exit status {status}, the document expects {expected}\n{tail}"
    return "ok", f"exit status {expected}"


def run():
    if not os.path.exists(os.path.join(ROOT, ".build", "debug", "sfnrun")):
        print("build first: swift build", file=sys.stderr)
        return 2
    folder, shims = scratch_folder()
    moto = Moto(folder)
    failures = 0
    counts = {"ok": 0, "skipped": 0, "failed": 0}
    try:
        for snippet in snippets():
            if snippet.language not in SHELL_LANGUAGES:
                continue
            reason = snippet.annotation("skip")
            if reason is not None:
                verdict, detail = "skipped", reason
            else:
                verdict, detail = run_shell(snippet, folder, shims, moto)
            counts[verdict] += 1
            print(f"{snippet.where}: {verdict}: {detail}", flush=True)
            if verdict == "failed":
                failures += 1
    finally:
        moto.stop()
        shutil.rmtree(folder, ignore_errors=True)
    print(f"shell snippets: {counts['ok']} ran as documented, {counts['skipped']} skipped, {counts['failed']} failed")
    return 1 if failures else 0


def list_snippets():
    for snippet in snippets():
        note = "; ".join(f"{k} {v}".strip() for k, v in snippet.annotations.items())
        print(f"{snippet.where}\t{snippet.language}\t{note}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true")
    group.add_argument("--check", action="store_true")
    group.add_argument("--run", action="store_true")
    group.add_argument("--list", action="store_true")
    args = parser.parse_args()
    if args.write:
        write()
        return 0
    if args.check:
        return check()
    if args.run:
        return run()
    return list_snippets()


if __name__ == "__main__":
    sys.exit(main())
