#!/bin/sh
# Installs moto's server mode for the StatesLanguageAWS integration tests when it is missing.
# Usage: scripts/aws/ensure-moto.sh   (uses python3 and pip from PATH)
set -eu
if python3 -c 'import moto.server' 2>/dev/null; then
    echo "moto is installed: $(python3 -c 'import moto; print(moto.__version__)')"
    exit 0
fi
# A system Python may refuse global installs (PEP 668); fall back to the user's site-packages.
python3 -m pip install --quiet 'moto[server]' || python3 -m pip install --quiet --user 'moto[server]'
python3 -c 'import moto.server; import moto; print("installed moto", moto.__version__)'
