"""GCC diagnostics of one compile, each with the context GCC printed before it, attributed to a file.

An error belongs to our file when our file appears in its location or in the context GCC printed
for it ("In file included from ours:5", "required from here" at ours, "In function" of ours): an
SDK header rejecting what our kernel passed it (a missing define, a template default that does not
resolve) is our error even though GCC reports it inside the SDK. An error whose context never
mentions our file comes from the SDK compiled by a host compiler (see KNOWN_SDK_ARTIFACTS).
"""

import dataclasses
import re

_LOCATED = re.compile(r"^(?P<file>[^:\s][^:]*):(?P<line>\d+):(?:(?P<col>\d+):)? (?P<kind>error|fatal error|warning|note): (?P<msg>.*)$")
_CONTEXT = re.compile(r"^(In file included from |\s+from |[^:\s][^:]*: (In |At )|[^:\s][^:]*:\d+:(\d+:)?\s+(required|in) )")


@dataclasses.dataclass
class Diagnostic:
    kind: str       # "error" | "warning"
    file: str
    line: int
    message: str
    context: list   # the lines GCC printed before it (include chain, instantiation chain) and its notes

    def mentions(self, path: str) -> bool:
        return self.file == path or any(path in c for c in self.context)

    def where(self) -> str:
        return f"{self.file}:{self.line}: {self.kind}: {self.message}"


def _is_include_line(line: str) -> bool:
    return line.startswith("In file included from ") or line.lstrip().startswith("from ")


def parse(output: str) -> list:
    diagnostics, context, last = [], [], None
    chains = {}  # file -> the include chain GCC printed the last time it entered that file
    for raw in output.splitlines():
        m = _LOCATED.match(raw)
        if m and m.group("kind") == "note":
            if last is not None:
                last.context.append(raw)
            continue
        if m:
            kind = "error" if "error" in m.group("kind") else "warning"
            file = m.group("file")
            chain = [c for c in context if _is_include_line(c)]
            if chain:
                chains[file] = chain
            else:  # GCC prints the include chain only when it changes: later errors in the file inherit it
                context = chains.get(file, []) + context
            last = Diagnostic(kind, file, int(m.group("line")), m.group("msg"), context)
            diagnostics.append(last)
            context = []
            continue
        if _CONTEXT.match(raw):
            context.append(raw)
            last = None  # a new context block starts: later notes belong to the next diagnostic
    return diagnostics


# Errors the SDK itself produces when a host compiler stands in for Tenstorrent's: each with why.
# They are matched by the SDK file they are located in (never one of ours), so an error of ours is
# never hidden, except inside SFPU code, which this check cannot see into at all.
KNOWN_SDK_ARTIFACTS = [
    (re.compile(r"(^|/)(llk_sfpu|sfpu)/|ckernel_sfpu_[^/]*\.h$"), re.compile(r""),
     "SFPU code is written in SFPI, which only Tenstorrent's compiler understands (sfpi.h is a stand-in here)"),
    (re.compile(r"debug/dprint\.h$"), re.compile(r"redefinition of .*DebugPrintTypeToId\(\) \[with T = int"),
     "dprint.h specialises DebugPrintTypeToId for int and int32_t, distinct types on RISC-V (long) but not on i386"),
]


def _located_files(d: Diagnostic):
    """The file of the diagnostic and of every located line GCC printed with it (includes, macro expansions)."""
    yield d.file
    for line in d.context:
        m = re.match(r"^(?:In file included from |\s+from )?([^:\s][^:]*):\d+", line.strip())
        if m:
            yield m.group(1)


def known_artifact(d: Diagnostic):
    """Why an error outside our files is the SDK's own on a host compiler (None: unexplained)."""
    for file_re, msg_re, why in KNOWN_SDK_ARTIFACTS:
        if msg_re.search(d.message) and any(file_re.search(f) for f in _located_files(d)):
            return why
    return None
