// One pass manager for every pipeline of the compiler.
//
// A pipeline is an ordered list of named passes over one kind of state (the Tile IR kernel for the
// common passes, the GPU lowering for the GPU passes, the TT program for the TT passes) together
// with the printer of that state. runPipeline() runs the passes in order and does what the command
// line asked to see: print the state after some or all passes (--print-after=NAME,
// --print-after-all) or stop after one (--stop-after=NAME). Each pipeline is written down in one
// file: driver/Pipeline.cpp (common), target/gpu/Pipeline.cpp, target/tt/Pipeline.cpp.
#pragma once

#include <functional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace tilec {

// One named step; rewrites the state in place and throws CompileError on input it rejects.
template <class State> struct Pass {
  std::string name; // what --print-after / --stop-after take; may repeat within a pipeline
  std::function<void(State &)> run;
};

template <class State> struct Pipeline {
  std::vector<Pass<State>> passes;
  std::function<std::string(const State &)> print; // the state as text, for the trace

  std::vector<std::string> passNames() const {
    std::vector<std::string> names;
    for (const Pass<State> &p : passes)
      names.push_back(p.name);
    return names;
  }
};

// What a run shows of its passes. One trace spans the pipelines of one compilation, which run one
// after the other: the first pass named `stopAfter` ends the whole compilation.
struct PassTrace {
  std::set<std::string> printAfter; // pass names
  bool printAfterAll = false;
  std::string stopAfter;            // empty: run every pass
  std::ostream *log = nullptr;      // where --print-after goes (null: nowhere)
  std::ostream *stopOut = nullptr;  // where the state at --stop-after goes (null: nowhere)

  bool printsAfter(const std::string &pass) const { return printAfterAll || printAfter.count(pass); }
};

enum class PipelineEnd { Completed, Stopped };

// Runs `pipeline` over `state`; Stopped when `trace` asked to stop after one of its passes.
template <class State>
PipelineEnd runPipeline(const Pipeline<State> &pipeline, State &state, const PassTrace &trace) {
  for (const Pass<State> &pass : pipeline.passes) {
    pass.run(state);
    if (trace.log && trace.printsAfter(pass.name))
      *trace.log << "// ---- after " << pass.name << " ----\n" << pipeline.print(state);
    if (pass.name == trace.stopAfter) {
      if (trace.stopOut)
        *trace.stopOut << pipeline.print(state);
      return PipelineEnd::Stopped;
    }
  }
  return PipelineEnd::Completed;
}

} // namespace tilec
