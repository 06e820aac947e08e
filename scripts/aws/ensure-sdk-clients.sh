#!/bin/sh
# Installs boto3 and the AWS CLI for the suites that drive `sfnrun serve` with real clients
# (Tests/sfnrunTests/ServeClientTests.swift) when they are missing.
# Usage: scripts/aws/ensure-sdk-clients.sh   (uses python3 and pip from PATH)
set -eu
if python3 -c 'import boto3' 2>/dev/null && aws --version >/dev/null 2>&1; then
    echo "boto3 $(python3 -c 'import boto3; print(boto3.__version__)') and $(aws --version 2>&1 | cut -d' ' -f1) are installed"
    exit 0
fi
# A system Python may refuse global installs (PEP 668); fall back to the user's site-packages.
python3 -m pip install --quiet boto3 awscli || python3 -m pip install --quiet --user boto3 awscli
python3 -c 'import boto3; print("installed boto3", boto3.__version__)'
aws --version
