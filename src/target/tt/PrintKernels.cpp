// Printer of reader.cpp, compute.cpp and writer.cpp: the kernel statements, spelled through the
// API table of the chosen level, laid out like the official programming examples (runtime args
// first, then address generators, then the persistent loop over this core's blocks).
#include "target/tt/ApiTable.h"
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include <algorithm>
#include <fmt/format.h>
#include <sstream>

namespace tilec::tt {

namespace {

class KernelPrinter {
public:
  KernelPrinter(const ApiTable &table, std::ostringstream &os) : table_(table), os_(os) {}

  void print(const KBody &body, int depth) {
    for (const KStmt &s : body)
      print(s, depth);
  }

private:
  const ApiTable &table_;
  std::ostringstream &os_;

  void line(int depth, const std::string &text) { os_ << std::string(4 * depth, ' ') << text << "\n"; }
  std::string expr(const KExpr &e) const { return printKExpr(e, &table_); }

  void print(const KStmt &s, int depth) {
    switch (s.kind) {
    case KStmt::Kind::Call: line(depth, table_.spell(s) + ";"); break;
    case KStmt::Kind::Decl:
      line(depth, fmt::format("{} {} = {};", typeSpelling(s.type), expr(s.var), expr(s.value)));
      break;
    case KStmt::Kind::Assign: line(depth, expr(s.var) + " = " + expr(s.value) + ";"); break;
    case KStmt::Kind::AddAssign: line(depth, expr(s.var) + " += " + expr(s.value) + ";"); break;
    case KStmt::Kind::Continue: line(depth, "continue;"); break;
    case KStmt::Kind::Comment: line(depth, "// " + s.text); break;
    case KStmt::Kind::If:
      line(depth, "if (" + expr(s.value) + ") {");
      print(s.body, depth + 1);
      line(depth, "}");
      break;
    case KStmt::Kind::For: {
      std::string var = expr(s.var);
      std::string step = s.step ? var + " += " + expr(s.step) : "++" + var;
      line(depth, fmt::format("for (uint32_t {} = {}; {} < {}; {}) {{", var, expr(s.value), var, expr(s.end), step));
      print(s.body, depth + 1);
      line(depth, "}");
      break;
    }
    }
  }
};

void collectOps(const KBody &body, std::set<std::string> &ops) {
  for (const KStmt &s : body) {
    if (s.kind == KStmt::Kind::Call)
      ops.insert(s.op);
    collectOps(s.body, ops);
  }
}

std::string describe(const KernelPlan &k) {
  switch (k.kind) {
  case KernelPlan::Kind::Reader: return "moves the input tiles DRAM -> L1 circular buffers (NoC reads)";
  case KernelPlan::Kind::Writer: return "moves the output tiles L1 circular buffers -> DRAM (NoC writes)";
  case KernelPlan::Kind::Compute: return "unpacks tiles from the CBs, runs the FPU/SFPU ops in DST, packs results";
  }
  return "";
}

// The address generator of each tensor the kernel moves (page = one tile).
KBody accessors(const TTProgram &p, const KernelPlan &k, const ApiTable &table) {
  KBody out;
  KExpr previous;
  for (int i : k.accessorTensors) {
    const TensorPlan &t = p.tensors[i];
    std::string name = cxxName(t.buffer);
    KExpr addr = kName(name + "_addr"), gen = kName(name + "_dram");
    if (table.tensorAccessor) {
      // each tensor's compile-time args follow the previous tensor's
      KExpr offset = previous ? kCallExpr("next_compile_time_args_offset", {previous}) : kInt(0);
      KExpr args = kName(name + "_args");
      out.push_back(kDecl(KType::ConstexprAuto, args, kCallExpr("tensor_accessor_args", {}, {offset})));
      out.push_back(kDecl(KType::ConstAuto, gen, kCallExpr("tensor_accessor", {args, addr, kInt(t.pageBytes)})));
      previous = args;
    } else {
      out.push_back(kDecl(KType::InterleavedAddrGen, gen,
                          kFields({"bank_base_address", "page_size", "data_format"},
                                  {addr, kInt(t.pageBytes), kFormat(dataFormat(t.buffer->dtype))})));
    }
  }
  return out;
}

// What a kernel reads at its start: the runtime args and CB indices its body uses, in order.
KBody kernelInputs(const TTProgram &p, const KernelPlan &k, const KBody &body) {
  std::vector<std::string> used = identifiersUsed(body);
  auto uses = [&](const std::string &name) { return std::find(used.begin(), used.end(), name) != used.end(); };
  KBody out;
  for (size_t i = 0; i < k.runtimeArgs.size(); ++i)
    if (uses(k.runtimeArgs[i].name))
      out.push_back(kDecl(KType::ConstU32, kName(k.runtimeArgs[i].name),
                          kCallExpr("get_arg_val", {kInt(static_cast<int64_t>(i))}, {kConst(KConst::U32)})));
  for (const CbPlan &cb : p.cbs)
    if (uses(cb.name))
      out.push_back(kDecl(KType::ConstexprU32, kName(cb.name), kCbIndex(cb.index)));
  return out;
}

const char *kZOrderHelpers = R"(// z_order: blocks in Morton order over the power-of-two square covering the grid.
inline uint32_t next_pow2(uint32_t v) {
    uint32_t p = 1;
    while (p < v) p <<= 1;
    return p;
}
inline uint32_t morton_even_bits(uint32_t code) {
    uint32_t v = 0;
    for (uint32_t bit = 0; bit < 16; ++bit) v |= ((code >> (2 * bit)) & 1u) << bit;
    return v;
}

)";

// Index tiles: the reader stores each element's float32 value as one L1 word.
const char *kFloatBitsHelper = R"(// index tiles: a float32 element as the L1 word that holds it.
inline uint32_t float_bits(float v) {
    uint32_t u;
    __builtin_memcpy(&u, &v, sizeof u);
    return u;
}

)";

// Integer tensors read into float32 tiles (widen-integer-tiles): each page's integers were read
// into the top of its float32 page and are rewritten as float32 from the front. Element k's word
// ends at byte 4k + 3, at or before element k's own bytes, so nothing is overwritten before it is
// read. Returns the pages widened.
const char *kWidenPagesHelper = R"(// widened integer tiles: a page of integers, read into the top of its float32 page, widened in place.
template <typename T>
inline uint32_t widen_pages(uint32_t addr, uint32_t pages) {
    for (uint32_t p = 0; p < pages; ++p, addr += 4096) {
        volatile T *src = reinterpret_cast<volatile T *>(addr + 4096 - 1024 * sizeof(T));
        volatile float *dst = reinterpret_cast<volatile float *>(addr);
        for (uint32_t k = 0; k < 1024; ++k) {
            T v = src[k];
            dst[k] = static_cast<float>(v);
        }
    }
    return pages;
}

)";

} // namespace

std::string printKernel(const TTProgram &p, const KernelPlan &k) {
  const ApiTable &table = apiTable(p.level);
  bool compute = k.kind == KernelPlan::Kind::Compute;
  std::ostringstream body;
  KernelPrinter printer(table, body);
  KBody main = k.prologue;
  append(main, persistentLoop(p, k.perBlock));
  append(main, k.epilogue);
  if (!compute) {
    KBody gens = accessors(p, k, table);
    main.insert(main.begin(), gens.begin(), gens.end());
  }
  printer.print(main, 1);
  std::string bodyText = body.str();

  std::ostringstream os;
  os << "// " << k.file << " — generated by tilec from '" << p.func->name << "' (TT-Metalium API level "
     << apiLevelName(p.level) << ": " << table.release << ").\n// " << describe(k) << ".\n";
  os << "#include <cstdint>\n";
  if (p.schedule.order == "z_order" || bodyText.find("std::m") != std::string::npos)
    os << "#include <algorithm>\n";
  if (bodyText.find("INFINITY") != std::string::npos)
    os << "#include <cmath>\n";
  if (compute) {
    std::set<std::string> ops;
    collectOps(main, ops);
    os << "#include \"" << table.computeIncludeRoot << "common.h\"\n";
    for (const std::string &h : table.computeHeaders(ops))
      os << "#include \"" << h << "\"\n";
  } else {
    os << "#include \"" << table.dataflowInclude << "\"\n";
  }
  os << "\n";
  if (p.schedule.order == "z_order")
    os << kZOrderHelpers;
  if (bodyText.find("float_bits(") != std::string::npos)
    os << kFloatBitsHelper;
  if (bodyText.find("widen_pages<") != std::string::npos)
    os << kWidenPagesHelper;
  std::string open = "void kernel_main() {\n", close = "}\n";
  if (compute && !table.computeEntryIsKernelMain) {
    open = "namespace NAMESPACE {\nvoid MAIN {\n";
    close = "}\n}  // namespace NAMESPACE\n";
  }
  os << open;
  std::ostringstream inputs;
  KernelPrinter(table, inputs).print(kernelInputs(p, k, main), 1);
  os << inputs.str();
  os << "\n" << bodyText << close;
  return os.str();
}

} // namespace tilec::tt
