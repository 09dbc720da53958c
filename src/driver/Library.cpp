#include "driver/Library.h"

#include "driver/Pipeline.h"
#include "ir/DType.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace tilec::driver {

BuiltKernel buildKernelFromText(const std::string &text, const Options &opts) {
  BuiltKernel k;
  k.sources = std::make_shared<SourceManager>();
  try {
    const SourceFile &file = k.sources->addBuffer(opts.file, text);
    k.asWritten = buildAsWritten(file, opts, *k.sources);
    k.tiled = std::make_shared<ir::PrimFunc>(*k.asWritten);
    runPipeline(commonPasses(), *k.tiled, {});
  } catch (const CompileError &e) {
    throw RenderedCompileError(e.render()); // while k.sources still holds the text
  }
  return k;
}

ArtifactFiles compileArtifacts(const BuiltKernel &k, const std::string &target, const Options &opts) {
  const CompileTarget *t = findCompileTarget(target);
  if (!t) {
    std::vector<std::string> names;
    for (const CompileTarget &c : compileTargets())
      names.push_back(c.name);
    fail({}, fmt::format("no compile target '{}' (targets: {})", target, fmt::join(names, ", ")));
  }
  return *t->artifacts(*k.tiled, opts, {}); // no trace: the passes never stop early
}

interp::SizeBindings sizeBindingsFor(const ir::PrimFunc &f, const Options &opts,
                                     const std::vector<std::vector<int64_t>> &argShapes) {
  Options known = opts;
  std::map<std::string, int64_t> fromShapes;
  for (size_t i = 0; i < f.params.size() && i < argShapes.size(); ++i) {
    const ir::Buffer &p = f.params[i];
    for (size_t d = 0; d < p->shape.size() && d < argShapes[i].size(); ++d)
      if (p->shape[d]->kind == ir::ExprKind::Var)
        fromShapes.emplace(p->shape[d]->as<ir::VarNode>()->name, argShapes[i][d]);
  }
  // -D first: a define that disagrees with an array's shape is caught by the shape check.
  for (const auto &[name, value] : fromShapes)
    known.defines.insert(known.defines.begin(), name + "=" + std::to_string(value));
  return sizeBindingsFor(f, known);
}

namespace {

void checkArguments(const ir::PrimFunc &f, const interp::SizeBindings &sizes,
                    const std::vector<interp::Tensor> &args) {
  if (args.size() != f.params.size())
    fail(f.loc, fmt::format("kernel '{}' takes {} tensors, got {}", f.name, f.params.size(), args.size()));
  std::vector<std::vector<int64_t>> shapes = interp::concreteParamShapes(f, sizes);
  for (size_t i = 0; i < args.size(); ++i) {
    const ir::Buffer &p = f.params[i];
    if (args[i].shape != shapes[i])
      fail(p->loc, fmt::format("argument '{}' has shape ({}), the kernel expects ({})", p->name,
                               fmt::join(args[i].shape, ", "), fmt::join(shapes[i], ", ")));
    if (args[i].dtype != p->dtype)
      fail(p->loc, fmt::format("argument '{}' has dtype {}, the kernel expects {}", p->name,
                               ir::dtypeName(args[i].dtype), ir::dtypeName(p->dtype)));
    if (static_cast<int64_t>(args[i].data.size()) != args[i].numel())
      fail(p->loc, fmt::format("argument '{}' holds {} values for {} elements", p->name, args[i].data.size(),
                               args[i].numel()));
  }
}

} // namespace

Execution executeKernel(const BuiltKernel &k, const std::string &target, const Options &opts,
                        const interp::SizeBindings &sizes, std::vector<interp::Tensor> &args) {
  const RunTarget *t = findRunTarget(target);
  if (!t || !t->execute) {
    std::vector<std::string> names;
    for (const RunTarget &r : runTargets())
      if (r.execute)
        names.push_back(r.name);
    fail({}, fmt::format("cannot run on '{}' (targets: {})", target, fmt::join(names, ", ")));
  }
  checkArguments(*k.tiled, sizes, args);
  for (interp::Tensor &a : args) // values the dtype cannot hold are rounded as a store would
    for (double &v : a.data)
      v = ir::roundToDType(v, a.dtype);
  return t->execute(*k.tiled, opts, sizes, args);
}

} // namespace tilec::driver
