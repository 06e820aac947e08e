#!/usr/bin/env python3
"""Runs moto's server mode on 127.0.0.1 for the StatesLanguageAWS integration tests.

Usage: python3 scripts/aws/moto-server.py [--port N] [--port-file PATH] [--until-stdin-closes]
                                          [--execute-state-machines]

Picks a free port unless --port is given, writes it to --port-file once the server answers,
and serves until SIGTERM/SIGINT, or with --until-stdin-closes until its standard input closes
(the tests pass a pipe, so the server ends with the test process). Only 127.0.0.1 is bound.

--execute-state-machines turns on moto's Step Functions interpreter (its
`stepfunctions.execute_state_machine` setting): executions then run their definitions and
GetExecutionHistory returns their real events, instead of a canned history. moto 5.2's
StartExecution deep-copies the state machine, and with it the whole backend; once any execution
holds a running worker (a thread lock) that copy fails with HTTP 500, so every execution after
the first would. The launcher gives state machines a copy that shares the backend and leaves out
past executions, which is all the copy is for (freezing the definition the execution runs).
"""
import json
import argparse
import os
import signal
import socket
import sys
import threading
import time
import urllib.request

from moto.server import ThreadedMotoServer


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def share_backend_when_copying_state_machines():
    import copy
    from moto.stepfunctions.models import StateMachine

    def copy_without_executions(self, memo):
        clone = copy.copy(self)
        clone.executions = []
        return clone

    StateMachine.__deepcopy__ = copy_without_executions


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--until-stdin-closes", action="store_true")
    parser.add_argument("--execute-state-machines", action="store_true")
    args = parser.parse_args()
    port = args.port or free_port()
    # moto's interpreter sends a state machine's aws-sdk calls to localhost:$MOTO_PORT (5000 unless set)
    os.environ["MOTO_PORT"] = str(port)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    deadline = time.time() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=1).read()
            break
        except Exception:
            if time.time() > deadline:
                print("moto server did not start", file=sys.stderr)
                server.stop()
                return 1
            time.sleep(0.1)
    if args.execute_state_machines:
        share_backend_when_copying_state_machines()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/moto-api/config",
            data=json.dumps({"stepfunctions": {"execute_state_machine": True}}).encode(),
            method="POST",
        )
        urllib.request.urlopen(request, timeout=5).read()
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(str(port))
        os.replace(tmp, args.port_file)
    print(f"moto server on http://127.0.0.1:{port}", flush=True)

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())

    def watch_stdin():
        try:
            while sys.stdin.buffer.read(1024):
                pass
        except Exception:
            pass
        done.set()

    if args.until_stdin_closes:
        threading.Thread(target=watch_stdin, daemon=True).start()
    while not done.wait(0.5):  # a timed wait lets the signal handlers run
        pass
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
