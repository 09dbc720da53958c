// `T.use_swizzle(panel_size, order="row", enable=True)` inside a kernel: the order in which the GPU
// launches blocks, so that blocks running at the same time share A and B tiles in L2. It changes no
// result, so it is recorded on the kernel (annotation `use_swizzle`) for the GPU backend's
// rasterize-blocks pass; the interpreter and the Tenstorrent backend do not read it.
#include "frontend/Evaluator.h"
#include "frontend/KernelBuilder.h"

namespace tilec::frontend {

void Evaluator::recordBlockRasterization(CallArgs &args) {
  auto a = bindBuiltinArgs(args, "T.use_swizzle", {"panel_size", "order", "enable"}, 1);
  if (!kernel_)
    fail(args.loc, "T.use_swizzle belongs inside a kernel (with T.Kernel(...))");
  if (a[2]) {
    std::optional<bool> enabled = truthiness(*a[2]);
    if (!enabled)
      fail(args.loc, "T.use_swizzle(enable=...) must be known at compile time");
    if (!*enabled)
      return;
  }
  if (!a[0]->is(Value::Kind::Int) || a[0]->intValue < 1)
    fail(args.loc, "T.use_swizzle needs a positive integer panel_size known at compile time, got " +
                       repr(*a[0]));
  std::string order = a[1] ? a[1]->str : "row";
  if (a[1] && (!a[1]->is(Value::Kind::Str) || (order != "row" && order != "column")))
    fail(args.loc, "T.use_swizzle order must be \"row\" or \"column\", got " + repr(*a[1]));
  kernel_->func().annotations["use_swizzle"] = {{"panel_size", {a[0]->intValue}}, {"order", {order}}};
}

} // namespace tilec::frontend
