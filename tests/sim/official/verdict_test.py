#!/usr/bin/env python3
"""How the official-examples runner reads a program's own verdict from its output: a reported tally of
zero mismatches is a pass, any other mismatch or failure line is a failure."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_official_examples import reports_failure  # noqa: E402

PASSING = [
    "Max absolute error : 0.000488\nNumber of mismatches: 0 / 1024\nTest Passed\n",
    "0 mismatches\nTest Passed",
    "All values match\n",
]
FAILING = [
    "Number of mismatches: 10 / 1024\n",
    "Mismatch at (  3,  4): golden=0.1 result=0.2\nNumber of mismatches: 1 / 1024\n",
    "10 mismatches\n",
    "Test Failed\n",
    "Result did not match the golden\n",
    "FAIL: tile 3\n",
]

bad = [t for t in PASSING if reports_failure(t)] + [t for t in FAILING if not reports_failure(t)]
for t in bad:
    print(f"wrong verdict for: {t!r}")
sys.exit(1 if bad else 0)
