#!/usr/bin/env python3
"""Runs Tenstorrent's official programming examples, unmodified, on the simulator.

Assembles each file set of sets.json (which versions of tt_metal/programming_examples fit together;
see docs/SIMULATOR.md) from a tt-metal git checkout, builds it through its own CMakeLists.txt with
`tilec-sim run` (the simulator's TT-Metalium CMake package) and runs it, then prints a table:
built / ran / passed its own check.

  run_official_examples.py --tilec-sim BUILD/sim/tilec-sim [--tt-metal CHECKOUT] [--work DIR] [--only NAME]

The checkout (a clone or a bare mirror; also $TT_METAL_SRC) is only read with `git show`; nothing is
downloaded. Without one the script prints SKIP and a reason and exits 77 (ctest's skip code).
Exit 0 when every set passed, 1 otherwise.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

EXAMPLES = "tt_metal/programming_examples"
FAILURE_TEXT = re.compile(r"mismatch|did not match|test failed|\bFAIL", re.IGNORECASE)


def git(repo, *args, binary=False):
    out = subprocess.run(["git", "--git-dir", repo, *args], capture_output=True)
    if out.returncode != 0:
        return None
    return out.stdout if binary else out.stdout.decode()


def git_dir(path):
    """The git directory of a clone or a bare mirror, or None."""
    for candidate in (os.path.join(path, ".git"), path):
        if os.path.isdir(candidate) and git(candidate, "rev-parse", "--git-dir") is not None:
            return candidate
    return None


def anchor_commit(repo, commits):
    """The newest of the set's pinned commits: the tree was consistent there."""
    dated = []
    for c in commits:
        stamp = git(repo, "show", "-s", "--format=%ct", c)
        if stamp is None:
            raise LookupError(f"commit {c} is not in the checkout")
        dated.append((int(stamp.strip()), c))
    return max(dated)[1]


def assemble(repo, entry, root):
    """Writes the set's files under root/tt_metal/programming_examples; returns notes on what was taken."""
    files = entry.get("files", {})
    pinned = [c for c in files.values() if c] + ([entry["tree"]] if "tree" in entry else [])
    if not pinned:
        raise LookupError("the set pins no commit")
    anchor = anchor_commit(repo, pinned)
    # Everything under the project's directory and the listed files' directories, at the anchor
    # (CMakeLists.txt, shared headers), then each listed file at its own commit.
    dirs = {entry["project"]} | {os.path.dirname(os.path.dirname(f)) or os.path.dirname(f) for f in files}
    wanted = {}
    for d in sorted(dirs):
        listing = git(repo, "ls-tree", "-r", "--name-only", anchor, "--", f"{EXAMPLES}/{d}")
        for path in (listing or "").split():
            wanted[path] = anchor
    for rel, commit in files.items():
        wanted[f"{EXAMPLES}/{rel}"] = commit or anchor
    for path, commit in sorted(wanted.items()):
        blob = git(repo, "show", f"{commit}:{path}", binary=True)
        if blob is None:
            raise LookupError(f"{path} is not in commit {commit}")
        out = os.path.join(root, path)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "wb") as f:
            f.write(blob)
    return anchor


def run_set(sim, repo, entry, work, timeout):
    root = os.path.join(work, entry["name"])
    shutil.rmtree(root, ignore_errors=True)
    row = {"set": entry["name"], "built": "no", "ran": "no", "passed": "no", "note": ""}
    try:
        anchor = assemble(repo, entry, root)
    except LookupError as e:
        row["note"] = f"not assembled: {e}"
        return row
    project = os.path.join(root, EXAMPLES, entry["project"])
    cmd = [sim, "run", project] + (["--exe", entry["exe"]] if entry.get("exe") else []) + entry.get("args", [])
    env = dict(os.environ, TT_METAL_HOME=root, TT_METAL_KERNEL_PATH=os.path.join(root, EXAMPLES))
    start = time.time()
    try:
        p = subprocess.run(cmd, capture_output=True, env=env, timeout=timeout)
        out = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
        rc = p.returncode
    except subprocess.TimeoutExpired:
        out, rc = "", None
    with open(os.path.join(root, "run.log"), "w") as f:
        f.write(" ".join(cmd) + "\n" + out)
    built = rc is not None and "building the host program" not in out and rc not in (2, 3)
    row["built"] = "yes" if built else "no"
    if rc is None:
        row["note"] = f"timed out after {timeout} s"
    elif built:
        row["ran"] = "yes" if rc == 0 else "no"
        row["passed"] = "yes" if rc == 0 and not FAILURE_TEXT.search(out) else "no"
    if rc not in (None, 0):
        first_error = next((l for l in out.splitlines() if "error" in l.lower()), f"exit {rc}")
        row["note"] = first_error.strip()[:140]
    row["note"] = (row["note"] + f" [at {anchor[:8]}, {time.time() - start:.1f} s]").strip()
    return row


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tt-metal", default=os.environ.get("TT_METAL_SRC", ""), help="tt-metal git checkout or mirror")
    ap.add_argument("--tilec-sim", required=True, help="the tilec-sim binary")
    ap.add_argument("--sets", default=os.path.join(here, "sets.json"))
    ap.add_argument("--work", default=os.path.join(os.getcwd(), "official_examples"))
    ap.add_argument("--only", action="append", default=[], help="run only this set (repeatable)")
    ap.add_argument("--timeout", type=int, default=300)
    a = ap.parse_args()
    if not a.tt_metal:
        print("SKIP: no tt-metal checkout given (--tt-metal PATH or $TT_METAL_SRC)")
        return 77
    repo = git_dir(a.tt_metal)
    if repo is None:
        print(f"SKIP: {a.tt_metal} is not a git checkout of tt-metal")
        return 77
    sets = json.load(open(a.sets))["sets"]
    if a.only:
        sets = [s for s in sets if s["name"] in a.only]
    os.makedirs(a.work, exist_ok=True)
    rows = [run_set(os.path.abspath(a.tilec_sim), repo, s, os.path.abspath(a.work), a.timeout) for s in sets]
    width = max([len(r["set"]) for r in rows] + [3])
    print(f"{'set':<{width}}  built  ran  passed  note")
    for r in rows:
        print(f"{r['set']:<{width}}  {r['built']:<5}  {r['ran']:<3}  {r['passed']:<6}  {r['note']}")
    passed = sum(r["passed"] == "yes" for r in rows)
    print(f"{sum(r['built'] == 'yes' for r in rows)} of {len(rows)} built, "
          f"{sum(r['ran'] == 'yes' for r in rows)} ran, {passed} passed their own check (logs: {a.work}/<set>/run.log)")
    return 0 if passed == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
