#!/usr/bin/env bash
# run_pytest.sh VENV TESTDIR: pytest over TESTDIR with VENV's interpreter (exit 77 = skipped).
set -euo pipefail
VENV=$1 TESTDIR=$2
if ! "$VENV/bin/python" -c "import tilec._core, pytest, numpy" 2>/dev/null; then
  echo "SKIPPED: no venv with tilec, pytest and numpy at $VENV (make it with scripts/python_env.sh)"
  exit 77
fi
cd "$TESTDIR"
exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider "$TESTDIR"
