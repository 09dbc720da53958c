#!/usr/bin/env python3
"""Runs Tenstorrent's official programming examples, unmodified, on the simulator.

Each file set of sets.json (which versions of tt_metal/programming_examples fit together; see
docs/SIMULATOR.md) is built through its own CMakeLists.txt with `tilec-sim run` (the simulator's
TT-Metalium CMake package) and run; then a table: built / ran / passed its own check.

  run_official_examples.py --tilec-sim BUILD/sim/tilec-sim [--tt-metal SOURCE] [--work DIR] [--only NAME]

SOURCE (also $TT_METAL_SRC) is one of
  - a tt-metal git checkout or bare mirror: each set is assembled from it (`git show` of every file at
    its pinned commit) under WORK/<set>/;
  - a directory of assembled sets, SOURCE/<set>/tt_metal/programming_examples/... (the repository's
    layout, files unmodified): each set is built where it lies, nothing is written there;
  - a plain tt-metal source tree (SOURCE/tt_metal/programming_examples, e.g. an unpacked release):
    every set is taken from it as it is, one version of every file.
Nothing is downloaded. Without a source the script prints SKIP and a reason and exits 77 (ctest's
skip code). Exit 0 when every set passed, 1 otherwise. Logs: WORK/<set>/run.log.
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
# Examples that pass still print their tally ("Number of mismatches: 0 / 1024"): a zero count is not a failure.
ZERO_COUNT = re.compile(r"\b0 mismatch|mismatch(es)?\s*[:=]\s*0\b", re.IGNORECASE)


def reports_failure(out):
    """True when some line of the program's output says its own check failed."""
    return any(FAILURE_TEXT.search(line) and not ZERO_COUNT.search(line) for line in out.splitlines())


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


def source_kind(path):
    """('git', git dir) | ('sets', dir) | ('tree', dir) | (None, reason)."""
    if not os.path.isdir(path):
        return None, f"{path} is not a directory"
    repo = git_dir(path)
    if repo is not None:
        return "git", repo
    if os.path.isdir(os.path.join(path, EXAMPLES)):
        return "tree", path
    if any(os.path.isdir(os.path.join(path, d, EXAMPLES)) for d in os.listdir(path)):
        return "sets", path
    return None, f"{path} is neither a tt-metal git checkout, nor a source tree ({EXAMPLES}/), nor a directory of assembled sets (<set>/{EXAMPLES}/)"


def set_root(kind, source, entry, work):
    """The directory holding the set's tt_metal/programming_examples, and a note on where it came from."""
    if kind == "git":
        root = os.path.join(work, entry["name"])
        shutil.rmtree(root, ignore_errors=True)
        return root, f"at {assemble(source, entry, root)[:8]}"
    root = source if kind == "tree" else os.path.join(source, entry["name"])
    if not os.path.isdir(os.path.join(root, EXAMPLES, entry["project"])):
        raise LookupError(f"no {os.path.join(root, EXAMPLES, entry['project'])}")
    return root, "as found"


def in_tree_project(root, entry, log_dir):
    """A top-level project that builds the set inside tt-metal's own examples build, as the set's era did.

    Sets whose CMakeLists.txt call CREATE_PGM_EXAMPLES_EXE ("in_tree": the example directories the era's
    tt_metal/programming_examples/CMakeLists.txt added) are no projects of their own; in_tree/CMakeLists.txt
    stands in for tt-metal's top-level build. This wrapper names the set's root and directories; it lies in
    the set's work directory, so the simulator's build cache keys on them."""
    wrapper = os.path.join(log_dir, "in_tree")
    os.makedirs(wrapper, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    text = (f"# Generated by run_official_examples.py for the set {entry['name']}.\n"
            "cmake_minimum_required(VERSION 3.22...3.30)\n"
            "project(official_example_in_tree NONE)\n"
            f"set(TT_METAL_SOURCE_DIR \"{root}\" CACHE PATH \"\" FORCE)\n"
            f"set(PROGRAMMING_EXAMPLES_SUBDIRS \"{';'.join(entry['in_tree'])}\" CACHE STRING \"\" FORCE)\n"
            f"add_subdirectory(\"{os.path.join(here, 'in_tree')}\" in_tree)\n")
    with open(os.path.join(wrapper, "CMakeLists.txt"), "w") as f:
        f.write(text)
    return wrapper


def run_set(sim, kind, source, entry, work, timeout):
    row = {"set": entry["name"], "built": "no", "ran": "no", "passed": "no", "note": ""}
    log_dir = os.path.join(work, entry["name"])
    try:
        root, origin = set_root(kind, source, entry, work)
    except LookupError as e:
        row["note"] = f"not assembled: {e}"
        return row
    os.makedirs(log_dir, exist_ok=True)
    project = os.path.join(root, EXAMPLES, entry["project"])
    if entry.get("in_tree"):
        project = in_tree_project(root, entry, log_dir)
    # --verbose: the simulator says which way it built the host program; an official example must
    # have gone through its own CMakeLists.txt.
    cmd = [sim, "run", project, "--verbose"] + (["--exe", entry["exe"]] if entry.get("exe") else []) + entry.get("args", [])
    env = dict(os.environ, TT_METAL_HOME=root, TT_METAL_KERNEL_PATH=os.path.join(root, EXAMPLES))
    start = time.time()
    try:
        p = subprocess.run(cmd, capture_output=True, env=env, timeout=timeout)
        out = p.stdout.decode(errors="replace") + p.stderr.decode(errors="replace")
        rc = p.returncode
    except subprocess.TimeoutExpired:
        out, rc = "", None
    with open(os.path.join(log_dir, "run.log"), "w") as f:
        f.write(" ".join(cmd) + "\n" + out)
    built = re.search(r"host program \(CMake\): (built|cache hit)", out) is not None
    row["built"] = "yes" if built else "no"
    if rc is None:
        row["note"] = f"timed out after {timeout} s"
    elif built:
        row["ran"] = "yes" if rc == 0 else "no"
        row["passed"] = "yes" if rc == 0 and not reports_failure(out) else "no"
    if rc not in (None, 0):
        first_error = next((l for l in out.splitlines() if "error" in l.lower()), "")
        row["note"] = f"exit {rc}: " + first_error.strip()[:140]
    row["note"] = (row["note"] + f" [{origin}, {time.time() - start:.1f} s]").strip()
    return row


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tt-metal", default=os.environ.get("TT_METAL_SRC", ""),
                    help="tt-metal git checkout/mirror, source tree, or directory of assembled sets")
    ap.add_argument("--tilec-sim", required=True, help="the tilec-sim binary")
    ap.add_argument("--sets", default=os.path.join(here, "sets.json"))
    ap.add_argument("--work", default=os.path.join(os.getcwd(), "official_examples"))
    ap.add_argument("--only", action="append", default=[], help="run only this set (repeatable)")
    ap.add_argument("--timeout", type=int, default=300)
    a = ap.parse_args()
    if not a.tt_metal:
        print("SKIP: no tt-metal source given (--tt-metal PATH or $TT_METAL_SRC)")
        return 77
    kind, source = source_kind(a.tt_metal)
    if kind is None:
        print(f"SKIP: {source}")
        return 77
    sets = json.load(open(a.sets))["sets"]
    if a.only:
        sets = [s for s in sets if s["name"] in a.only]
    os.makedirs(a.work, exist_ok=True)
    rows = [run_set(os.path.abspath(a.tilec_sim), kind, os.path.abspath(source), s, os.path.abspath(a.work), a.timeout)
            for s in sets]
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
