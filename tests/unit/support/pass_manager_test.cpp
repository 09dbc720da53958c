// The pass manager: passes run in order, --print-after / --print-after-all print the state after
// the named passes, --stop-after ends the run there.
#include "support/PassManager.h"

#include <gtest/gtest.h>

#include <sstream>

namespace tilec {
namespace {

// A state whose passes record themselves: the printed state shows which have run.
using Trail = std::vector<std::string>;

Pipeline<Trail> threeSteps() {
  auto step = [](std::string name) { return Pass<Trail>{name, [name](Trail &t) { t.push_back(name); }}; };
  return {{step("a"), step("b"), step("a"), step("c")}, [](const Trail &t) {
            std::string out;
            for (const std::string &s : t)
              out += s;
            return out + "\n";
          }};
}

TEST(PassManager, RunsEveryPassInOrderAndPrintsNothingByDefault) {
  Trail t;
  EXPECT_EQ(runPipeline(threeSteps(), t, {}), PipelineEnd::Completed);
  EXPECT_EQ(t, (Trail{"a", "b", "a", "c"}));
}

TEST(PassManager, PrintsAfterEachOccurrenceOfANamedPass) {
  std::ostringstream log;
  PassTrace trace;
  trace.printAfter = {"a"};
  trace.log = &log;
  Trail t;
  runPipeline(threeSteps(), t, trace);
  EXPECT_EQ(log.str(), "// ---- after a ----\na\n// ---- after a ----\naba\n");
}

TEST(PassManager, PrintAfterAllPrintsEveryPass) {
  std::ostringstream log;
  PassTrace trace;
  trace.printAfterAll = true;
  trace.log = &log;
  Trail t;
  runPipeline(threeSteps(), t, trace);
  EXPECT_EQ(log.str(), "// ---- after a ----\na\n// ---- after b ----\nab\n// ---- after a ----\naba\n"
                       "// ---- after c ----\nabac\n");
}

TEST(PassManager, StopsAfterTheFirstPassOfThatNameAndPrintsTheState) {
  std::ostringstream out;
  PassTrace trace;
  trace.stopAfter = "b";
  trace.stopOut = &out;
  Trail t;
  EXPECT_EQ(runPipeline(threeSteps(), t, trace), PipelineEnd::Stopped);
  EXPECT_EQ(t, (Trail{"a", "b"}));
  EXPECT_EQ(out.str(), "ab\n");
}

TEST(PassManager, ListsPassNamesInOrder) {
  EXPECT_EQ(threeSteps().passNames(), (std::vector<std::string>{"a", "b", "a", "c"}));
}

} // namespace
} // namespace tilec
