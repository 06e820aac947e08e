#!/usr/bin/env python3
"""Runs moto's server mode on 127.0.0.1 for the StatesLanguageAWS integration tests.

Usage: python3 scripts/aws/moto-server.py [--port N] [--port-file PATH] [--until-stdin-closes]

Picks a free port unless --port is given, writes it to --port-file once the server answers,
and serves until SIGTERM/SIGINT, or with --until-stdin-closes until its standard input closes
(the tests pass a pipe, so the server ends with the test process). Only 127.0.0.1 is bound.
"""
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--until-stdin-closes", action="store_true")
    args = parser.parse_args()
    port = args.port or free_port()
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
