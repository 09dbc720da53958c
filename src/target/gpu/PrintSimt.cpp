// The GPU lowering as readable text, for --print-after / --stop-after and the GPU pass tests:
// where each fragment lives (the fragment plan) and the SIMT kernel, one statement a line.
// Expressions are printed as Tile IR prints them; names are the IR's own (not yet made hygienic,
// which only the CUDA/HIP printer does).
#include "target/gpu/Pipeline.h"

#include "ir/Printer.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <sstream>

namespace tilec::gpu {

namespace {

std::string joined(const std::vector<Expr> &xs) {
  std::string out;
  for (size_t i = 0; i < xs.size(); ++i)
    out += (i ? ", " : "") + ir::printExpr(xs[i]);
  return out;
}

std::string bufferDecl(const Buffer &b) {
  return fmt::format("{}: {}[{}]", b->name, ir::dtypeName(b->dtype), joined(b->shape));
}

class SimtPrinter {
public:
  std::ostringstream os;

  void print(const SStmt &s, int ind) {
    if (!s)
      return;
    switch (s->kind) {
    case SKind::Seq:
      for (const SStmt &c : s->as<SSeq>()->stmts)
        print(c, ind);
      return;
    case SKind::For: {
      auto *n = s->as<SFor>();
      line(ind, fmt::format("for {} in {} +: {}{}:", n->var->name, ir::printExpr(n->min), ir::printExpr(n->extent),
                            n->unroll ? " unroll" : n->unroll.kind == Unroll::None ? " rolled" : ""));
      return print(n->body, ind + 1);
    }
    case SKind::Let: {
      auto *n = s->as<SLet>();
      line(ind, fmt::format("let {} = {}", n->var->name, ir::printExpr(n->value)));
      return print(n->body, ind);
    }
    case SKind::While: {
      auto *n = s->as<SWhile>();
      line(ind, "while " + ir::printExpr(n->cond) + ":");
      return print(n->body, ind + 1);
    }
    case SKind::If: {
      auto *n = s->as<SIf>();
      line(ind, "if " + ir::printExpr(n->cond) + ":" + (n->roles ? "  # producer role" : ""));
      if (n->roles && n->roles->producerRegs)
        line(ind + 1, fmt::format("setmaxnreg.dec {}", n->roles->producerRegs));
      print(n->thenBody, ind + 1);
      if (n->elseBody) {
        line(ind, std::string("else:") + (n->roles ? "  # consumer role, at the same time" : ""));
        if (n->roles && n->roles->consumerRegs)
          line(ind + 1, fmt::format("setmaxnreg.inc {}", n->roles->consumerRegs));
        print(n->elseBody, ind + 1);
      }
      return;
    }
    case SKind::Store: {
      auto *n = s->as<SStore>();
      if (n->atomic != ir::AtomicOp::None)
        return line(ind, fmt::format("{}({}[{}], {})", ir::atomicOpName(n->atomic), n->buffer->name,
                                     joined(n->indices), ir::printExpr(n->value)));
      return line(ind, fmt::format("{}[{}] = {}", n->buffer->name, joined(n->indices), ir::printExpr(n->value)));
    }
    case SKind::Barrier: {
      auto *n = s->as<SBarrier>();
      return line(ind, n->id ? fmt::format("named_barrier {} of {} threads", n->id, n->threads) : "barrier");
    }
    case SKind::VecCopy: {
      auto *n = s->as<SVecCopy>();
      return line(ind, fmt::format("vec_copy x{} {}[{}] <- {}[{}]", n->lanes, n->dst->name, joined(n->dstIdx),
                                   n->src->name, joined(n->srcIdx)));
    }
    case SKind::CpAsync: {
      auto *n = s->as<SCpAsync>();
      return line(ind, fmt::format("cp_async x{} {}[{}] <- {}[{}]{}", n->lanes, n->dst->name, joined(n->dstIdx),
                                   n->src->name, joined(n->srcIdx),
                                   n->inBounds ? " if " + ir::printExpr(n->inBounds) : ""));
    }
    case SKind::CpAsyncCommit: return line(ind, "cp_async_commit");
    case SKind::CpAsyncWait: return line(ind, fmt::format("cp_async_wait {}", s->as<SCpAsyncWait>()->pending));
    case SKind::LdMatrix: {
      auto *n = s->as<SLdMatrix>();
      return line(ind, fmt::format("ldmatrix x{}{} {}[{}] <- {}[{}]", n->num, n->trans ? " trans" : "", n->dst->name,
                                   ir::printExpr(n->dstOffset), n->src->name, joined(n->srcIdx)));
    }
    case SKind::Mma: {
      auto *n = s->as<SMma>();
      return line(ind, fmt::format("mma_m16n8k16 {}[{}] += {}[{}] * {}[{}]", n->c->name, ir::printExpr(n->cOffset),
                                   n->a->name, ir::printExpr(n->aOffset), n->b->name, ir::printExpr(n->bOffset)));
    }
    case SKind::Mfma: {
      auto *n = s->as<SMfma>();
      return line(ind, fmt::format("mfma_16x16x16 {}[{}] += {}[{}] * {}[{}]", n->c->name, ir::printExpr(n->cOffset),
                                   n->a->name, ir::printExpr(n->aOffset), n->b->name, ir::printExpr(n->bOffset)));
    }
    case SKind::Wgmma: {
      auto *n = s->as<SWgmma>();
      auto desc = [](const WgmmaOperandLayout &l) {
        return fmt::format("{}-major lbo {} sbo {} swizzle {}", l.mnMajor ? "mn" : "k", l.leadingBytes, l.strideBytes,
                           l.swizzleMode);
      };
      std::string a = n->registerA() ? fmt::format("regs({}[{}])", n->a->name, joined(n->aIdx))
                                     : fmt::format("desc({}[{}], {})", n->a->name, joined(n->aIdx), desc(n->aLayout));
      return line(ind, fmt::format("wgmma_m64n{}k16 {}[{}] += {} * desc({}[{}], {})", n->n, n->c->name,
                                   ir::printExpr(n->cOffset), a, n->b->name, joined(n->bIdx), desc(n->bLayout)));
    }
    case SKind::WgmmaSync: {
      auto *n = s->as<SWgmmaSync>();
      switch (n->what) {
      case SWgmmaSync::What::ProxyFence: return line(ind, "fence_proxy_async");
      case SWgmmaSync::What::Fence: return line(ind, "wgmma_fence");
      case SWgmmaSync::What::Commit: return line(ind, "wgmma_commit");
      case SWgmmaSync::What::Wait: return line(ind, fmt::format("wgmma_wait {}", n->pending));
      }
      return;
    }
    case SKind::Tma: {
      auto *n = s->as<STma>();
      return line(ind, fmt::format("tma {}[{}] <- {} map {} at ({}) completes {}[{}]", n->dst->name, joined(n->dstIdx),
                                   n->src->name, n->map, joined(n->coords), n->bar->name, ir::printExpr(n->barIdx)));
    }
    case SKind::Mbarrier: {
      auto *n = s->as<SMbarrier>();
      std::string at = n->bar ? fmt::format(" {}[{}]", n->bar->name, ir::printExpr(n->idx)) : "";
      switch (n->what) {
      case SMbarrier::What::Init: return line(ind, fmt::format("mbarrier_init{} count {}", at, n->bytes ? n->bytes : 1));
      case SMbarrier::What::Arrive: return line(ind, "mbarrier_arrive" + at);
      case SMbarrier::What::InitFence: return line(ind, "fence_mbarrier_init");
      case SMbarrier::What::ArriveExpectTx:
        return line(ind, fmt::format("mbarrier_arrive_expect_tx{} {} bytes", at, n->bytes));
      case SMbarrier::What::Wait: return line(ind, fmt::format("mbarrier_wait{} parity {}", at, ir::printExpr(n->parity)));
      case SMbarrier::What::Inval: return line(ind, "mbarrier_inval" + at);
      }
      return;
    }
    case SKind::Op: {
      auto *n = s->as<SOp>();
      line(ind, "op " + n->what + ":");
      return print(n->body, ind + 1);
    }
    }
  }

  void line(int ind, const std::string &text) { os << std::string(2 * ind, ' ') << text << '\n'; }
};

} // namespace

std::string printSimt(const Kernel &k) {
  SimtPrinter p;
  std::vector<std::string> params;
  for (const Buffer &b : k.params)
    params.push_back(bufferDecl(b));
  p.line(0, fmt::format("simt_kernel {}({})", k.name, fmt::join(params, ", ")));
  std::vector<std::string> grid;
  for (size_t d = 0; d < k.grid.size(); ++d)
    grid.push_back(fmt::format("{} < {}", k.blockVars[d]->name, ir::printExpr(k.grid[d])));
  p.line(1, fmt::format("grid {}; threads {} < {}", fmt::join(grid, ", "), k.threadIdx->name, k.threads));
  SharedAliases aliases = k.sharedAliases();
  for (size_t i = 0; i < k.shared.size(); ++i) {
    const Buffer &b = k.shared[i];
    std::string where; // alias-shared-tiles' placement, once it chose one
    if (!k.sharedAt.empty()) {
      std::vector<std::string> names;
      for (const Buffer &o : k.shared)
        if (aliases[b.get()].count(o.get()))
          names.push_back(o->name);
      where = fmt::format(" at byte {}{}", k.sharedAt[i],
                          names.empty() ? "" : fmt::format(" (shares bytes with {})", fmt::join(names, ", ")));
    }
    p.line(1, "shared " + bufferDecl(b) + where);
  }
  for (const Buffer &b : k.registers)
    p.line(1, "registers " + bufferDecl(b));
  for (size_t i = 0; i < k.tensorMaps.size(); ++i) {
    const TensorMap &m = k.tensorMaps[i];
    p.line(1, fmt::format("tensor_map {}: {} box [{}] swizzle {}", i, m.tensor->name, fmt::join(m.box, ", "),
                          m.swizzleBytes ? std::to_string(m.swizzleBytes) + "B" : "none"));
  }
  p.print(k.body, 1);
  return p.os.str();
}

std::string printFragmentPlan(const ir::PrimFunc &f, const FragmentPlan &plan) {
  std::ostringstream os;
  os << "fragments of " << f.name << ":\n";
  for (const Buffer &b : f.allocs) {
    if (auto it = plan.layouts.find(b.get()); it != plan.layouts.end())
      os << "  " << b->name << ": registers, " << it->second->describe() << "\n";
    else if (plan.promoted.count(b.get()))
      os << "  " << b->name << ": shared (promoted: " << (plan.why.count(b.get()) ? plan.why.at(b.get()) : "") << ")\n";
  }
  return os.str();
}

std::string printGpuLowering(const GpuLowering &state) {
  std::string out = state.fragmentsInferred ? printFragmentPlan(state.func, state.fragments) : "";
  if (state.kernel)
    out += printSimt(*state.kernel);
  return out;
}

} // namespace tilec::gpu
