#!/usr/bin/env python3
"""Runs one boto3 workload against `sfnrun serve` and against moto's server, and prints the figures.

Usage: python3 scripts/aws/serve-benchmark.py [--sfnrun PATH] [--executions N]

The workload, the same for both servers: create a state machine whose definition maps an inline
Map over five items (a Pass per item), start N executions (200 by default) one after the other, each
named (moto's interpreter names unnamed executions 'None', so a second one would collide),
poll each with DescribeExecution until it has ended, and fetch each one's whole history with
GetExecutionHistory. moto runs executions with its own interpreter (its
`stepfunctions.execute_state_machine` setting, turned on by scripts/aws/moto-server.py).

Prints the wall time of each server, the ratio moto / sfnrun and StartExecution requests per second.
Figures, not assertions: the machine's load moves them.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import boto3
import botocore.config

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFINITION = {
    "StartAt": "Items",
    "States": {
        "Items": {"Type": "Pass", "Result": [1, 2, 3, 4, 5], "ResultPath": "$.items", "Next": "Each"},
        "Each": {
            "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 0,
            "Iterator": {"StartAt": "Double", "States": {
                "Double": {"Type": "Pass", "Parameters": {"v.$": "$"}, "End": True}}},
            "ResultPath": "$.doubled", "End": True},
    },
}


def client(endpoint):
    return boto3.client(
        "stepfunctions", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
        aws_secret_access_key="test",
        config=botocore.config.Config(retries={"max_attempts": 2}, inject_host_prefix=False))


def workload(endpoint, executions):
    sfn = client(endpoint)
    arn = sfn.create_state_machine(
        name="bench", definition=json.dumps(DEFINITION), roleArn="arn:aws:iam::123456789012:role/bench")["stateMachineArn"]
    started = time.perf_counter()
    arns = [sfn.start_execution(stateMachineArn=arn, name=f"run-{i}", input=json.dumps({"n": i}))["executionArn"] for i in range(executions)]
    start_seconds = time.perf_counter() - started
    statuses = {}
    events = 0
    requests = 1 + executions
    for execution in arns:
        deadline = time.time() + 120
        while True:
            status = sfn.describe_execution(executionArn=execution)["status"]
            requests += 1
            if status != "RUNNING" or time.time() > deadline:
                break
            time.sleep(0.01)
        statuses[status] = statuses.get(status, 0) + 1
        for page in sfn.get_paginator("get_execution_history").paginate(executionArn=execution):
            events += len(page["events"])
            requests += 1
    total = time.perf_counter() - started
    # The client's own cost: as many of the cheapest call (an empty ListStateMachines page) as the workload made.
    floor_started = time.perf_counter()
    for _ in range(requests):
        sfn.list_state_machines(maxResults=1)
    floor = time.perf_counter() - floor_started
    return {"seconds": total, "start_seconds": start_seconds, "statuses": statuses, "events": events,
            "requests": requests, "floor": floor}


def launch_sfnrun(binary):
    process = subprocess.Popen([binary, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = process.stdout.readline()
    return process, line.strip().split(" on ")[-1]


def launch_moto():
    port_file = os.path.join(tempfile.mkdtemp(), "port")
    process = subprocess.Popen(
        [sys.executable, os.path.join(ROOT, "scripts/aws/moto-server.py"), "--port-file", port_file,
         "--execute-state-machines"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while not os.path.exists(port_file):
        if time.time() > deadline or process.poll() is not None:
            raise SystemExit("moto's server did not start (scripts/aws/ensure-moto.sh installs it)")
        time.sleep(0.1)
    with open(port_file) as f:
        return process, f"http://127.0.0.1:{f.read().strip()}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sfnrun", default=os.path.join(ROOT, ".build/release/sfnrun"))
    parser.add_argument("--executions", type=int, default=200)
    args = parser.parse_args()
    if not os.path.exists(args.sfnrun):
        args.sfnrun = os.path.join(ROOT, ".build/debug/sfnrun")
    results = {}
    for name, launch in [("sfnrun serve", lambda: launch_sfnrun(args.sfnrun)), ("moto server", launch_moto)]:
        process, endpoint = launch()
        try:
            results[name] = workload(endpoint, args.executions)
        finally:
            process.terminate()
            process.wait(timeout=30)
    print(f"workload: {args.executions} executions of an inline Map over 5 items; start all, poll each to its end, fetch each history")
    print(f"sfnrun binary: {os.path.relpath(args.sfnrun, ROOT)}")
    for name, result in results.items():
        rate = args.executions / result["start_seconds"]
        print(f"{name:13} {result['seconds']:8.2f} s total   {rate:8.1f} StartExecution/s   "
              f"{result['requests']} requests   statuses {result['statuses']}   {result['events']} history events")
    ratio = results["moto server"]["seconds"] / results["sfnrun serve"]["seconds"]
    print(f"ratio (moto / sfnrun): {ratio:.1f}x")
    served = results["sfnrun serve"]
    print(f"boto3's own cost for as many of the cheapest call against sfnrun: {served['floor']:.2f} s "
          f"({served['floor'] / served['seconds'] * 100:.0f}% of sfnrun's total); "
          f"ratio beyond that floor: {(results['moto server']['seconds'] - served['floor']) / max(served['seconds'] - served['floor'], 1e-9):.1f}x")


if __name__ == "__main__":
    main()
