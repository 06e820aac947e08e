#!/usr/bin/env python3
"""Drives a running `sfnrun serve` with boto3 and the AWS CLI, as users' test suites do.

Usage: python3 clients.py ENDPOINT SCENARIO

Each scenario asserts what it checks and prints one JSON object of observed facts; the Swift
suite ServeClientTests runs every scenario against a fresh server and checks those facts again.
Exit status 0 when every assertion held, 1 otherwise (the message on standard error).
"""
import concurrent.futures
import glob
import json
import os
import subprocess
import sys
import time

import boto3
import botocore.config

ENDPOINT, SCENARIO = sys.argv[1], sys.argv[2]
ROLE = "arn:aws:iam::123456789012:role/sfnrun-tests"
PASS = {"StartAt": "A", "States": {
    "A": {"Type": "Pass", "Result": {"n": 1}, "ResultPath": "$.a", "Next": "B"},
    "B": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a.n, 41)"}, "Next": "C"},
    "C": {"Type": "Pass", "End": True}}}
CALLBACK = {"StartAt": "Ask", "States": {"Ask": {
    "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals",
                   "MessageBody": {"token.$": "$$.Task.Token", "execution.$": "$$.Execution.Name"}},
    "End": True}}}
FACTS = {}


def client():
    # inject_host_prefix=False: StartSyncExecution and TestState otherwise go to "sync-" + the endpoint's host.
    return boto3.client(
        "stepfunctions", endpoint_url=ENDPOINT, region_name="us-east-1",
        aws_access_key_id="test", aws_secret_access_key="test",
        config=botocore.config.Config(retries={"max_attempts": 0}, max_pool_connections=100, inject_host_prefix=False))


SFN = client()


def create(name, definition, kind="STANDARD"):
    return SFN.create_state_machine(name=name, definition=json.dumps(definition), roleArn=ROLE, type=kind)["stateMachineArn"]


def wait_done(arn, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        described = SFN.describe_execution(executionArn=arn)
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.05)
    raise AssertionError(f"{arn} still RUNNING after {seconds}s")


def wait_token(execution, seconds=60):
    """The task token the Ask state of `execution` handed to its --task-command (a file in SFNRUN_TOKEN_DIR)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        for path in glob.glob(os.path.join(os.environ["SFNRUN_TOKEN_DIR"], "*.json")):
            with open(path) as f:
                text = f.read()
            try:
                body = json.loads(text)["MessageBody"]
            except ValueError:
                continue  # still being written
            if body["execution"] == execution:
                return body["token"]
        time.sleep(0.05)
    raise AssertionError("no task token arrived")


def lifecycle():
    arn = create("Lifecycle", PASS)
    started = SFN.start_execution(stateMachineArn=arn, name="first", input=json.dumps({"x": 1}))
    done = wait_done(started["executionArn"])
    assert done["status"] == "SUCCEEDED", done
    FACTS.update(status=done["status"], output=json.loads(done["output"]),
                 machines=[m["name"] for m in SFN.list_state_machines()["stateMachines"]],
                 startDateType=type(done["startDate"]).__name__)


def history():
    arn = create("History", PASS)
    execution = SFN.start_execution(stateMachineArn=arn)["executionArn"]
    wait_done(execution)
    pages, token, types = 0, None, []
    while True:
        kwargs = {"executionArn": execution, "maxResults": 3}
        if token:
            kwargs["nextToken"] = token
        page = SFN.get_execution_history(**kwargs)
        pages += 1
        types += [e["type"] for e in page["events"]]
        token = page.get("nextToken")
        if not token:
            break
    paginated = [e["type"] for p in SFN.get_paginator("get_execution_history").paginate(
        executionArn=execution, PaginationConfig={"PageSize": 2}) for e in p["events"]]
    reverse = SFN.get_execution_history(executionArn=execution, reverseOrder=True, includeExecutionData=False)
    assert paginated == types, (paginated, types)
    FACTS.update(pages=pages, types=types, reverseFirst=reverse["events"][0]["type"],
                 reverseHasOutput="output" in reverse["events"][0].get("executionSucceededEventDetails", {}))


def list_and_stop():
    arn = create("Waiting", CALLBACK)
    first = SFN.start_execution(stateMachineArn=arn, name="one")["executionArn"]
    second = SFN.start_execution(stateMachineArn=arn, name="two")["executionArn"]
    stopped = SFN.stop_execution(executionArn=first, error="Manual", cause="enough")
    described = SFN.describe_execution(executionArn=first)
    running = SFN.list_executions(stateMachineArn=arn, statusFilter="RUNNING")["executions"]
    aborted = SFN.list_executions(stateMachineArn=arn, statusFilter="ABORTED")["executions"]
    SFN.stop_execution(executionArn=second)
    FACTS.update(stopDate=type(stopped["stopDate"]).__name__, status=described["status"], error=described.get("error"),
                 running=[e["name"] for e in running], aborted=[e["name"] for e in aborted])


def callback():
    arn = create("Approval", CALLBACK)
    execution = SFN.start_execution(stateMachineArn=arn, name="approve-1")["executionArn"]
    token = wait_token("approve-1")
    SFN.send_task_heartbeat(taskToken=token)
    SFN.send_task_success(taskToken=token, output=json.dumps({"approved": True}))
    done = wait_done(execution)
    FACTS.update(status=done["status"], output=json.loads(done["output"]))


def test_state():
    definition = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "price", "Payload.$": "$"},
                  "ResultSelector": {"total.$": "$.Payload.total"}, "ResultPath": "$.price", "Next": "Ship"}
    answer = SFN.test_state(definition=json.dumps(definition), input=json.dumps({"item": "book"}),
                            inspectionLevel="TRACE", mock={"result": json.dumps({"Payload": {"total": 12}})})
    failure = SFN.test_state(definition=json.dumps(definition), mock={"errorOutput": {"error": "Boom", "cause": "mocked"}})
    data = answer["inspectionData"]
    FACTS.update(status=answer["status"], nextState=answer.get("nextState"), output=json.loads(answer["output"]),
                 afterParameters=json.loads(data["afterParameters"]), result=json.loads(data["result"]),
                 afterResultSelector=json.loads(data["afterResultSelector"]),
                 afterResultPath=json.loads(data["afterResultPath"]),
                 failedStatus=failure["status"], failedError=failure.get("error"))


def start_sync():
    arn = create("Quick", PASS, kind="EXPRESS")
    answer = SFN.start_sync_execution(stateMachineArn=arn, input=json.dumps({"x": 2}))
    FACTS.update(status=answer["status"], output=json.loads(answer["output"]),
                 billed=answer["billingDetails"]["billedDurationInMilliseconds"])


def mock_file():
    with open(os.environ["SFNRUN_GREETING"]) as f:
        arn = SFN.create_state_machine(name="greeting", definition=f.read(), roleArn=ROLE)["stateMachineArn"]
    started = SFN.start_execution(stateMachineArn=arn + "#Delivered", input=json.dumps({"who": "world"}))
    done = wait_done(started["executionArn"])
    failed = wait_done(SFN.start_execution(stateMachineArn=arn + "#Undeliverable", input=json.dumps({"who": "x"}))["executionArn"])
    FACTS.update(status=done["status"], output=json.loads(done["output"]), failedError=failed.get("error"))


def exceptions():
    arn = create("Errors", PASS)
    missing = arn.replace("Errors", "Missing")
    SFN.start_execution(stateMachineArn=arn, name="taken", input="{}")
    calls = {
        "StateMachineDoesNotExist": lambda: SFN.describe_state_machine(stateMachineArn=missing),
        "ExecutionDoesNotExist": lambda: SFN.describe_execution(
            executionArn=arn.replace(":stateMachine:", ":execution:") + ":nope"),
        "ExecutionAlreadyExists": lambda: SFN.start_execution(stateMachineArn=arn, name="taken", input='{"other": 1}'),
        "InvalidDefinition": lambda: SFN.create_state_machine(name="Bad", definition='{"StartAt": "X", "States": {}}', roleArn=ROLE),
        "InvalidArn": lambda: SFN.describe_state_machine(stateMachineArn="not-an-arn"),
        "InvalidName": lambda: SFN.create_state_machine(name="bad name", definition=json.dumps(PASS), roleArn=ROLE),
        "InvalidExecutionInput": lambda: SFN.start_execution(stateMachineArn=arn, input="{"),
        "TaskDoesNotExist": lambda: SFN.send_task_success(taskToken="no-such-token", output="{}"),
        "InvalidToken": lambda: SFN.list_executions(stateMachineArn=arn, nextToken="bogus"),
        "StateMachineTypeNotSupported": lambda: SFN.start_sync_execution(stateMachineArn=arn),
        "ValidationException": lambda: SFN.list_executions(stateMachineArn=arn, statusFilter="DONE"),
        "StateMachineAlreadyExists": lambda: SFN.create_state_machine(
            name="Errors", definition=json.dumps(CALLBACK), roleArn=ROLE),
    }
    raised = {}
    for name, call in calls.items():
        expected = getattr(SFN.exceptions, name, None) or SFN.exceptions.ClientError
        try:
            call()
            raised[name] = None
        except expected as error:
            raised[name] = type(error).__name__
        except Exception as error:  # the wrong class: report it
            raised[name] = "wrong:" + type(error).__name__
    FACTS.update(raised=raised)


def awscli():
    def aws(*args):
        out = subprocess.run(["aws", "stepfunctions", *args, "--endpoint-url", ENDPOINT, "--region", "us-east-1",
                              "--output", "json"], capture_output=True, text=True, timeout=120,
                             env={**os.environ, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"})
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout) if out.stdout.strip() else {}
    arn = aws("create-state-machine", "--name", "Cli", "--definition", json.dumps(PASS), "--role-arn", ROLE)["stateMachineArn"]
    execution = aws("start-execution", "--state-machine-arn", arn, "--input", '{"x": 3}')["executionArn"]
    deadline = time.time() + 60
    while True:
        described = aws("describe-execution", "--execution-arn", execution)
        if described["status"] != "RUNNING" or time.time() > deadline:
            break
        time.sleep(0.1)
    listed = aws("list-state-machines")
    history = aws("get-execution-history", "--execution-arn", execution)
    missing = subprocess.run(["aws", "stepfunctions", "describe-state-machine", "--state-machine-arn", arn + "x",
                              "--endpoint-url", ENDPOINT, "--region", "us-east-1"], capture_output=True, text=True,
                             env={**os.environ, "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"})
    FACTS.update(status=described["status"], output=json.loads(described["output"]),
                 machines=[m["name"] for m in listed["stateMachines"]], events=len(history["events"]),
                 missingExit=missing.returncode, missingError="StateMachineDoesNotExist" in missing.stderr)


def concurrent_starts():
    arn = create("Many", PASS)
    clients = [client() for _ in range(4)]

    def start(index):
        return clients[index % 4].start_execution(stateMachineArn=arn, name=f"run-{index}")["executionArn"]
    with concurrent.futures.ThreadPoolExecutor(max_workers=100) as pool:
        arns = list(pool.map(start, range(100)))
    statuses = [wait_done(a)["status"] for a in arns]
    FACTS.update(started=len(set(arns)), succeeded=statuses.count("SUCCEEDED"))


FLAKY = {"StartAt": "Flaky", "States": {"Flaky": {
    "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "flaky"}, "End": True}}}


def store_before():
    """Before a kill -9: one execution waits for a callback, one has failed."""
    approval = create("Approval", CALLBACK)
    flaky = create("Flaky", FLAKY)
    SFN.start_execution(stateMachineArn=approval, name="a1")
    failed = wait_done(SFN.start_execution(stateMachineArn=flaky, name="f1")["executionArn"])
    FACTS.update(token=wait_token("a1"), flakyStatus=failed["status"],
                 redriveStatus=SFN.describe_execution(executionArn=failed["executionArn"])["redriveStatus"])


def store_after():
    """After the restart: the machines and executions are there, the callback completes, the failure redrives."""
    machines = [m["name"] for m in SFN.list_state_machines()["stateMachines"]]
    approval = next(m["stateMachineArn"] for m in SFN.list_state_machines()["stateMachines"] if m["name"] == "Approval")
    flaky = approval.replace(":Approval", ":Flaky")
    running = [e["name"] for e in SFN.list_executions(stateMachineArn=approval, statusFilter="RUNNING")["executions"]]
    SFN.send_task_success(taskToken=os.environ["SFNRUN_TOKEN"], output=json.dumps({"approved": "after restart"}))
    execution = approval.replace(":stateMachine:", ":execution:") + ":a1"
    done = wait_done(execution)
    failed = flaky.replace(":stateMachine:", ":execution:") + ":f1"
    SFN.redrive_execution(executionArn=failed)
    redriven = wait_done(failed)
    FACTS.update(machines=sorted(machines), running=running, status=done["status"], output=json.loads(done["output"]),
                 redrivenStatus=redriven["status"], redriveCount=redriven.get("redriveCount"))


SCENARIOS = {f.__name__: f for f in [lifecycle, history, list_and_stop, callback, test_state, start_sync, mock_file,
                                      exceptions, awscli, concurrent_starts, store_before, store_after]}

try:
    SCENARIOS[SCENARIO]()
except AssertionError as error:
    print(f"{SCENARIO}: {error}", file=sys.stderr)
    sys.exit(1)
print(json.dumps(FACTS, default=str))
