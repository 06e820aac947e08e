#!/usr/bin/env python3
"""Generates the compact service models StatesLanguageAWS needs from botocore's service models.

Usage: python3 scripts/aws/generate-shapes.py [--output Sources/StatesLanguageAWS/Models/Generated]

For each supported service it writes `<Name>Model.swift`, holding the model as compact JSON in a
raw string literal (parsed once, on first use). Only what the wire protocols need is kept:
protocol, endpoint and signing names, and per operation its HTTP binding and input/output shapes;
per shape its type, members with their wire names and locations, and error codes. Documentation,
enums, examples and constraints are dropped.
"""
import argparse
import glob
import gzip
import json
import os
import sys

import botocore

# (Step Functions service name, botocore model name, exception prefix Step Functions uses,
#  Swift identifier, protocol to use when the model offers several).
# Names and prefixes: https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
SERVICES = [
    ("autoscaling", "autoscaling", "AutoScaling", "autoScaling", None),
    ("cloudfront", "cloudfront", "CloudFront", "cloudFront", None),
    ("cloudwatch", "cloudwatch", "CloudWatch", "cloudWatch", "query"),
    ("dynamodb", "dynamodb", "DynamoDb", "dynamoDB", None),
    ("ec2", "ec2", "Ec2", "ec2", None),
    ("ecs", "ecs", "Ecs", "ecs", None),
    ("elasticloadbalancingv2", "elbv2", "ElasticLoadBalancingV2", "elasticLoadBalancingV2", None),
    ("eventbridge", "events", "EventBridge", "eventBridge", None),
    ("lambda", "lambda", "Lambda", "lambda", None),
    ("rds", "rds", "Rds", "rds", None),
    ("s3", "s3", "S3", "s3", None),
    ("sfn", "stepfunctions", "Sfn", "sfn", None),
    ("sns", "sns", "Sns", "sns", None),
    ("sqs", "sqs", "Sqs", "sqs", None),
    ("ssm", "ssm", "Ssm", "ssm", None),
    # STS serves the Task `Credentials` field (AssumeRole); Step Functions also offers it as aws-sdk:sts.
    ("sts", "sts", "Sts", "sts", None),
]

SUPPORTED_PROTOCOLS = ["json", "query", "ec2", "rest-json", "rest-xml"]
SCALARS = {"string", "integer", "long", "boolean", "timestamp", "blob", "double", "float", "bigdecimal", "biginteger"}


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


def compact_model(sfn_name, botocore_name, prefix, preferred):
    model = load_model(botocore_name)
    meta = model["metadata"]
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


def swift_source(identifier, model):
    text = json.dumps(model, separators=(",", ":"), sort_keys=False)
    if '"#' in text:
        raise SystemExit("model text contains '\"#', which would end the raw string")
    # Break the JSON after commas every ~150 characters so diffs and editors stay usable.
    lines, current = [], ""
    for chunk in text.split(","):
        piece = chunk + ","
        if len(current) + len(piece) > 150 and current:
            lines.append(current)
            current = ""
        current += piece
    lines.append(current[:-1])
    body = "\n".join(lines)
    return (
        "// Generated by scripts/aws/generate-shapes.py from botocore "
        f"{botocore.__version__} ({model['serviceID']} {model['apiVersion']}). Do not edit.\n\n"
        "extension ServiceModel {\n"
        f"    /// The {model['serviceID']} model (`arn:aws:states:::aws-sdk:{model['name']}:…`), "
        "parsed on first use.\n"
        f"    static let {identifier} = ServiceModel.parsing(\n"
        '        #"""\n'
        f"{body}\n"
        '"""#\n'
        "    )\n"
        "}\n"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=os.path.join(
        os.path.dirname(__file__), "..", "..", "Sources", "StatesLanguageAWS", "Models", "Generated"))
    args = parser.parse_args()
    os.makedirs(args.output, exist_ok=True)
    total = 0
    for sfn_name, botocore_name, prefix, identifier, preferred in SERVICES:
        model = compact_model(sfn_name, botocore_name, prefix, preferred)
        source = swift_source(identifier, model)
        type_name = identifier[0].upper() + identifier[1:]
        path = os.path.join(args.output, f"ServiceModel+{type_name}.swift")
        with open(path, "w", encoding="utf-8") as f:
            f.write(source)
        total += len(source)
        print(f"{path}: {len(model['operations'])} operations, {len(model['shapes'])} shapes, {len(source)} bytes")
    print(f"total {total} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
