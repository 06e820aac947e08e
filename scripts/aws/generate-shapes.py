#!/usr/bin/env python3
"""Generates the compact service models StatesLanguageAWS needs from botocore's service models.

Usage: python3 scripts/aws/generate-shapes.py [--output Sources/StatesLanguageAWS/Resources/ServiceModels]

Every botocore service becomes `<name>.json.gz` (gzip, no timestamp, so regenerating from the same
botocore gives the same bytes), named after the service's name in Step Functions'
`arn:aws:states:::aws-sdk:NAME:action`, plus `index.json` listing the names and the botocore
version. The loader reads a service's file the first time a task calls it.

Only what the wire protocols (json, rest-json, rest-xml, query, ec2) need is kept: protocol,
endpoint and signing names, and per operation its HTTP binding and input/output shapes; per
shape its type, members with their wire names and locations, which members are required (to
check mocked results), and error codes. Documentation, enums, examples and constraints are dropped.

Names and error prefixes follow Step Functions, which names each service as the AWS SDK for
Java 2.x names its client: the service id split into words, each word capitalised, a leading
"Amazon"/"AWS" and a trailing "Service" dropped (`ACM PCA` -> prefix `AcmPca`, name `acmpca`;
`Config Service` -> `Config`, `config`). NAME_OVERRIDES pins the cases the rule would get wrong.
"""
import argparse
import gzip
import json
import os
import re
import sys

import botocore

# Services whose protocol is pinned when the model offers several (CloudWatch's default is the
# newer CBOR/JSON one; the query protocol is what the recorded executions and moto speak).
PREFERRED_PROTOCOLS = {"cloudwatch": "query"}

# botocore model name -> (Step Functions name, exception prefix) where the naming rule is wrong.
# The rule reproduces every name and prefix we could check (the supported-services page's
# examples, the recorded executions, the services modelled before), so this is empty; it is the
# place for a correction when a service turns out to be named unlike its Java client.
NAME_OVERRIDES = {}

# botocore models left out: `sms-voice` is an older copy of `pinpoint-sms-voice` under the same
# service id, so both would be named `pinpointsmsvoice`.
SKIPPED_MODELS = {"sms-voice"}

# Names the optimized integrations use for services the aws-sdk integration names differently.
ALIASES = {"events": "eventbridge", "states": "sfn"}

SUPPORTED_PROTOCOLS = ["json", "query", "ec2", "rest-json", "rest-xml"]
SCALARS = {"string", "integer", "long", "boolean", "timestamp", "blob", "double", "float", "bigdecimal", "biginteger"}


def words(service_id):
    """Splits a service id into words as the AWS SDK for Java 2.x does for its class names."""
    text = re.sub(r"[^A-Za-z0-9]+", " ", service_id)
    text = re.sub(r"([^a-z]{2,})v([0-9]+)", r"\1 v\2 ", text)
    text = re.sub(r"([^A-Z]{2,})V([0-9]+)", r"\1 V\2 ", text)
    text = " ".join(re.split(r"(?<=[a-z])(?=[A-Z][a-zA-Z0-9])", text))
    text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", text)
    text = re.sub(r"([0-9])([a-zA-Z])", r"\1 \2", text)
    return text.split()


def step_functions_names(botocore_name, service_id):
    """(name in aws-sdk ARNs, exception prefix) for a botocore model."""
    if botocore_name in NAME_OVERRIDES:
        return NAME_OVERRIDES[botocore_name]
    parts = [w.lower().capitalize() for w in words(service_id)]
    while len(parts) > 1 and parts[0] in ("Amazon", "Aws"):
        parts = parts[1:]
    if len(parts) > 1 and parts[-1] == "Service":
        parts = parts[:-1]
    prefix = "".join(parts)
    return prefix.lower(), prefix


def load_model(name):
    root = os.path.join(os.path.dirname(botocore.__file__), "data", name)
    versions = sorted(v for v in os.listdir(root) if os.path.isdir(os.path.join(root, v)))
    for version in reversed(versions):
        for candidate in ("service-2.json", "service-2.json.gz"):
            path = os.path.join(root, version, candidate)
            if os.path.exists(path):
                opener = gzip.open if path.endswith(".gz") else open
                with opener(path, "rt", encoding="utf-8") as f:
                    return json.load(f)
    raise SystemExit(f"no service-2.json for {name} under {root}")


def compact_member(ref, shapes):
    target = shapes[ref["shape"]]
    if target["type"] in SCALARS:
        fmt = target.get("timestampFormat")
        name = "@" + target["type"] + (":" + fmt if fmt else "")
    else:
        name = ref["shape"]
    out = {"s": name}
    for key, short in (("locationName", "n"), ("location", "l"), ("queryName", "q")):
        if key in ref:
            out[short] = ref[key]
    if ref.get("flattened"):
        out["f"] = 1
    if ref.get("idempotencyToken"):
        out["it"] = 1
    if ref.get("jsonvalue"):
        out["j"] = 1
    if ref.get("xmlAttribute"):
        out["a"] = 1
    if "xmlNamespace" in ref:
        out["x"] = ref["xmlNamespace"].get("uri", "")
    if ref.get("timestampFormat"):
        out["tf"] = ref["timestampFormat"]
    # A member that only names its shape is written as that name; one that adds only its wire
    # name as [shape, wire name].
    if len(out) == 1:
        return name
    if len(out) == 2 and "n" in out:
        return [name, out["n"]]
    return out


def compact_shape(shape, shapes):
    kind = shape["type"]
    out = {"t": {"structure": "s", "list": "l", "map": "m"}[kind]}
    if kind == "structure":
        out["m"] = {name: compact_member(ref, shapes) for name, ref in shape.get("members", {}).items()}
        if shape.get("required"):
            out["r"] = shape["required"]
        if "payload" in shape:
            out["p"] = shape["payload"]
        if "xmlNamespace" in shape:
            out["x"] = shape["xmlNamespace"].get("uri", "")
        if shape.get("exception"):
            out["e"] = 1
    elif kind == "list":
        out["m"] = compact_member(shape["member"], shapes)
    elif kind == "map":
        out["k"] = compact_member(shape["key"], shapes)
        out["v"] = compact_member(shape["value"], shapes)
    if shape.get("flattened"):
        out["f"] = 1
    return out


def reachable(model, roots):
    seen = set()
    stack = [r for r in roots if r]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        shape = model["shapes"][name]
        refs = []
        if shape["type"] == "structure":
            refs = list(shape.get("members", {}).values())
        elif shape["type"] == "list":
            refs = [shape["member"]]
        elif shape["type"] == "map":
            refs = [shape["key"], shape["value"]]
        stack.extend(ref["shape"] for ref in refs)
    return seen


def compact_model(botocore_name):
    model = load_model(botocore_name)
    meta = model["metadata"]
    sfn_name, prefix = step_functions_names(botocore_name, meta["serviceId"])
    preferred = PREFERRED_PROTOCOLS.get(botocore_name)
    offered = meta.get("protocols") or [meta["protocol"]]
    protocol = preferred or next((p for p in [meta["protocol"]] + offered if p in SUPPORTED_PROTOCOLS), None)
    if protocol not in SUPPORTED_PROTOCOLS:
        raise SystemExit(f"{botocore_name}: no supported protocol in {offered}")
    operations = {}
    roots = []
    errors = {}
    for name, op in sorted(model["operations"].items()):
        entry = {}
        http = op.get("http", {})
        if protocol.startswith("rest"):
            entry["m"] = http.get("method", "POST")
            entry["u"] = http.get("requestUri", "/")
            if "responseCode" in http:
                entry["c"] = http["responseCode"]
        if "input" in op:
            entry["i"] = op["input"]["shape"]
            roots.append(op["input"]["shape"])
        if "output" in op:
            entry["o"] = op["output"]["shape"]
            roots.append(op["output"]["shape"])
            if "resultWrapper" in op["output"]:
                entry["w"] = op["output"]["resultWrapper"]
        if "endpoint" in op:
            entry["h"] = op["endpoint"]["hostPrefix"]
        if op.get("httpChecksumRequired") or op.get("httpChecksum", {}).get("requestChecksumRequired"):
            entry["md5"] = 1
        for error in op.get("errors", []):
            roots.append(error["shape"])
        operations[name] = entry
    for name, shape in model["shapes"].items():
        if shape.get("exception"):
            roots.append(name)
            code = shape.get("error", {}).get("code", name)
            errors[code] = name
            errors[name] = name
    keep = reachable(model, roots)
    all_shapes = model["shapes"]
    shapes = {
        name: compact_shape(all_shapes[name], all_shapes)
        for name in sorted(keep) if all_shapes[name]["type"] not in SCALARS
    }
    out = {
        "name": sfn_name,
        "errorPrefix": prefix,
        "serviceID": meta["serviceId"],
        "protocol": protocol,
        "apiVersion": meta["apiVersion"],
        "endpointPrefix": meta["endpointPrefix"],
        "signingName": meta.get("signingName", meta["endpointPrefix"]),
    }
    for key in ("targetPrefix", "jsonVersion", "globalEndpoint"):
        if meta.get(key):
            out[key] = meta[key]
    if meta.get("awsQueryCompatible") is not None:
        out["queryCompatible"] = True
    out["operations"] = operations
    out["errors"] = dict(sorted(errors.items()))
    out["shapes"] = shapes
    return out


def botocore_models():
    root = os.path.join(os.path.dirname(botocore.__file__), "data")
    return sorted(
        name for name in os.listdir(root)
        if name not in SKIPPED_MODELS and os.path.isdir(os.path.join(root, name))
        and any(os.path.exists(os.path.join(root, name, version, candidate))
                for version in os.listdir(os.path.join(root, name))
                for candidate in ("service-2.json", "service-2.json.gz")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=os.path.join(
        os.path.dirname(__file__), "..", "..", "Sources", "StatesLanguageAWS", "Resources", "ServiceModels"))
    args = parser.parse_args()
    os.makedirs(args.output, exist_ok=True)
    for old in os.listdir(args.output):
        if old.endswith(".json.gz") or old == "index.json":
            os.remove(os.path.join(args.output, old))
    services = {}
    total = raw_total = 0
    for botocore_name in botocore_models():
        model = compact_model(botocore_name)
        name = model["name"]
        if name in services:
            raise SystemExit(f"{botocore_name} and {services[name]['model']} are both named {name}")
        text = json.dumps(model, separators=(",", ":")).encode("utf-8")
        data = gzip.compress(text, compresslevel=9, mtime=0)
        with open(os.path.join(args.output, f"{name}.json.gz"), "wb") as f:
            f.write(data)
        services[name] = {"model": botocore_name, "prefix": model["errorPrefix"], "protocol": model["protocol"]}
        total += len(data)
        raw_total += len(text)
    index = {
        "botocore": botocore.__version__,
        "aliases": ALIASES,
        "services": {name: services[name] for name in sorted(services)},
    }
    with open(os.path.join(args.output, "index.json"), "w", encoding="utf-8") as f:
        json.dump(index, f, indent=1, sort_keys=False)
        f.write("\n")
    print(f"{len(services)} services from botocore {botocore.__version__}: "
          f"{total} bytes compressed, {raw_total} bytes of JSON", file=sys.stderr)


if __name__ == "__main__":
    main()
