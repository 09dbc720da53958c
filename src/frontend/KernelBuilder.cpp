#include "frontend/KernelBuilder.h"

#include "ir/Functor.h"
#include "ir/Printer.h"

#include <limits>

namespace tilec::frontend {

KernelBuilder::KernelBuilder(std::string name, SourceLoc loc)
    : func_(std::make_shared<ir::PrimFunc>()) {
  func_->name = std::move(name);
  func_->loc = loc;
  blocks_.emplace_back();
}

ir::Var KernelBuilder::sizeVar(const std::string &name, SourceLoc loc) {
  auto it = sizes_.find(name);
  if (it != sizes_.end())
    return it->second;
  ir::Var v = ir::var(name, ir::DType::Int32, loc);
  sizes_[name] = v;
  func_->sizeVars.push_back(v);
  return v;
}

std::optional<ir::Var> KernelBuilder::findSize(const std::string &name) const {
  auto it = sizes_.find(name);
  if (it == sizes_.end())
    return std::nullopt;
  return it->second;
}

void KernelBuilder::noteSizes(const ir::Expr &e) {
  if (!e)
    return;
  if (auto *v = e->as<ir::VarNode>()) {
    for (const ir::Var &known : func_->sizeVars)
      if (known.get() == v)
        return;
    auto shared = std::static_pointer_cast<const ir::VarNode>(e);
    sizes_.emplace(v->name, shared);
    func_->sizeVars.push_back(shared);
  } else if (auto *b = e->as<ir::Binary>()) {
    noteSizes(b->a);
    noteSizes(b->b);
  } else if (auto *u = e->as<ir::Unary>()) {
    noteSizes(u->a);
  } else if (auto *c = e->as<ir::Cast>()) {
    noteSizes(c->value);
  }
}

void KernelBuilder::openLaunch(std::vector<ir::Expr> grid, std::vector<ir::Var> blockVars,
                               int threads, SourceLoc loc) {
  if (launched_)
    fail(loc, "a kernel has one 'with T.Kernel(...)' block; this is a second one");
  if (controlDepth() != 0)
    fail(loc, "'with T.Kernel(...)' must be at the top level of the kernel body");
  func_->grid = std::move(grid);
  func_->blockVars = std::move(blockVars);
  func_->threads = threads;
  launchOpen_ = launched_ = true;
}

void KernelBuilder::closeLaunch() { launchOpen_ = false; }

void KernelBuilder::emit(ir::Stmt stmt, const std::string &what) {
  if (!launchOpen_)
    fail(stmt->loc, what + " must be inside the kernel's 'with T.Kernel(...)' block");
  blocks_.back().push_back({std::move(stmt), nullptr, nullptr, {}});
}

void KernelBuilder::bindLet(ir::Var var, ir::Expr value, SourceLoc loc) {
  if (!launchOpen_)
    fail(loc, "a scalar that reads a buffer must be computed inside 'with T.Kernel(...)'");
  blocks_.back().push_back({nullptr, std::move(var), std::move(value), loc});
}

void KernelBuilder::openBlock() { blocks_.emplace_back(); }

// Folds the block into one statement; each let scopes over everything after it.
ir::Stmt KernelBuilder::closeBlock(SourceLoc loc) {
  std::vector<Entry> entries = std::move(blocks_.back());
  blocks_.pop_back();
  std::vector<ir::Stmt> tail;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    if (it->stmt) {
      tail.insert(tail.begin(), it->stmt);
      continue;
    }
    ir::Stmt body = ir::seq(std::move(tail), loc);
    if (!body)
      body = ir::seq({}, loc);
    tail = {std::make_shared<ir::LetStmt>(it->letVar, it->letValue, body, it->loc)};
  }
  return ir::seq(std::move(tail), loc);
}

std::string KernelBuilder::uniqueBufferName(const std::string &name) {
  int &count = bufferNames_[name];
  ++count;
  return count == 1 ? name : name + "_" + std::to_string(count);
}

ir::Buffer KernelBuilder::allocate(std::string name, std::vector<ir::Expr> shape, ir::DType dtype,
                                   ir::Scope scope, SourceLoc loc, const std::string &what) {
  if (!launchOpen_)
    fail(loc, what + " must be inside the kernel's 'with T.Kernel(...)' block");
  auto buffer = std::make_shared<ir::BufferNode>(uniqueBufferName(name), std::move(shape), dtype,
                                                 scope, loc);
  func_->allocs.push_back(buffer);
  return buffer;
}

ir::Buffer KernelBuilder::addParam(std::string name, std::vector<ir::Expr> shape, ir::DType dtype,
                                   SourceLoc loc) {
  auto buffer = std::make_shared<ir::BufferNode>(uniqueBufferName(name), std::move(shape), dtype,
                                                 ir::Scope::Global, loc);
  func_->params.push_back(buffer);
  return buffer;
}

ir::PrimFuncPtr KernelBuilder::finish(const std::map<std::string, ir::Var> &dynamicSizes) {
  if (!launched_)
    fail(func_->loc, "kernel '" + func_->name +
                         "' has no 'with T.Kernel(...) as ...:' block: nothing would run");
  func_->body = closeBlock(func_->loc);
  if (!func_->body)
    func_->body = ir::seq({}, func_->loc);
  blocks_.emplace_back();
  struct UsedSizes : ir::IRVisitor {
    const std::map<std::string, ir::Var> &sizes;
    KernelBuilder &builder;
    UsedSizes(const std::map<std::string, ir::Var> &s, KernelBuilder &b) : sizes(s), builder(b) {}
    void visitVar(const ir::VarNode &v) override {
      auto it = sizes.find(v.name);
      if (it != sizes.end() && it->second.get() == &v)
        builder.noteSizes(it->second);
    }
  } used{dynamicSizes, *this};
  if (!dynamicSizes.empty())
    used.visit(func_->body);
  return func_;
}

// ---------------------------------------------------------------------------------------------
// Conversions

ir::Expr constantExpr(const Value &v, SourceLoc loc) {
  switch (v.kind) {
  case Value::Kind::Bool:
    return std::make_shared<ir::IntImm>(v.boolValue ? 1 : 0, ir::DType::Bool, loc);
  case Value::Kind::Int: {
    bool fits32 = v.intValue >= std::numeric_limits<int32_t>::min() &&
                  v.intValue <= std::numeric_limits<int32_t>::max();
    return std::make_shared<ir::IntImm>(v.intValue, fits32 ? ir::DType::Int32 : ir::DType::Int64,
                                        loc);
  }
  case Value::Kind::Float:
    return ir::floatImm(v.floatValue, ir::DType::Float32, loc);
  default:
    return nullptr;
  }
}

namespace {

std::string indexCount(size_t n) { return std::to_string(n) + (n == 1 ? " index" : " indices"); }

void checkRank(const BufferAccess &a, SourceLoc loc) {
  if (a.indices.size() != a.buffer->rank())
    fail(a.loc.valid() ? a.loc : loc, a.buffer->name + " has rank " + std::to_string(a.buffer->rank()) +
                  " but is indexed with " + indexCount(a.indices.size()));
}

} // namespace

ir::Expr toExpr(const Value &v, SourceLoc loc, const std::string &what) {
  if (ir::Expr c = constantExpr(v, loc))
    return c;
  switch (v.kind) {
  case Value::Kind::Expr:
    return v.expr;
  case Value::Kind::ScalarVar:
    return ir::load(v.buffer, {ir::intImm(0, loc)}, loc);
  case Value::Kind::Access: {
    const BufferAccess &a = *v.access;
    checkRank(a, loc);
    std::vector<ir::Expr> indices;
    for (const AccessIndex &idx : a.indices) {
      if (idx.isSlice)
        fail(idx.loc, what + " must be a scalar, but this index of " + a.buffer->name +
                          " is a slice (a region is only accepted by tile operations)");
      indices.push_back(toExpr(idx.scalar, idx.loc, "an index of " + a.buffer->name));
    }
    return ir::load(a.buffer, std::move(indices), loc);
  }
  case Value::Kind::Buffer:
    fail(loc, what + " must be a scalar expression, got the whole buffer " + v.buffer->name +
                  " (index it, as in " + v.buffer->name + "[i, j])");
  case Value::Kind::Error:
    fail(v.error->loc, v.error->message);
  default:
    fail(loc, what + " must be a scalar expression, got " + typeName(v) +
                  (v.is(Value::Kind::None) || v.is(Value::Kind::Str) ? " " + repr(v) : ""));
  }
}

ir::Region toRegion(const Value &v, SourceLoc loc, const std::string &what) {
  if (v.is(Value::Kind::Buffer) || v.is(Value::Kind::ScalarVar))
    return ir::fullRegion(v.buffer, loc);
  if (!v.is(Value::Kind::Access))
    fail(loc, what + " must be a buffer or a buffer region such as A[i, j] or A[0:32, k:k + 32], "
                     "got " + typeName(v));
  const BufferAccess &a = *v.access;
  checkRank(a, loc);
  ir::Region region{a.buffer, {}, {}, loc};
  bool anySlice = false;
  for (const AccessIndex &idx : a.indices)
    anySlice = anySlice || idx.isSlice;
  for (size_t d = 0; d < a.indices.size(); ++d) {
    const AccessIndex &idx = a.indices[d];
    std::string dimWhat = "index " + std::to_string(d) + " of " + a.buffer->name;
    if (!idx.isSlice) {
      region.starts.push_back(toExpr(idx.scalar, idx.loc, dimWhat));
      if (anySlice) // with slices elsewhere, a scalar index is one element of this dimension
        region.extents.push_back(ir::intImm(1, idx.loc));
      continue;
    }
    ir::Expr lower = idx.lower ? toExpr(*idx.lower, idx.loc, dimWhat) : ir::intImm(0, idx.loc);
    ir::Expr upper = idx.upper ? toExpr(*idx.upper, idx.loc, dimWhat) : a.buffer->shape[d];
    region.starts.push_back(lower);
    region.extents.push_back(extentBetween(lower, upper));
  }
  return region;
}

ir::DType toDType(const Value &v, SourceLoc loc, const std::string &what) {
  if (!v.is(Value::Kind::Str) && !v.is(Value::Kind::DType))
    fail(loc, what + " must be a dtype such as \"float16\" or T.float16, got " + typeName(v));
  auto dtype = ir::parseDType(v.str);
  if (!dtype)
    fail(loc, "unknown dtype '" + v.str + "'; expected one of " + ir::supportedDTypeNames());
  return *dtype;
}

namespace {

// `sum(coeff * var) + constant` over loop / size variables, when an expression is that simple.
struct Linear {
  std::map<const ir::VarNode *, int64_t> coeffs;
  int64_t constant = 0;
};

std::optional<Linear> linearForm(const ir::Expr &e) {
  if (auto c = ir::asConstInt(e))
    return Linear{{}, *c};
  if (auto *v = e->as<ir::VarNode>())
    return Linear{{{v, 1}}, 0};
  auto *b = e->as<ir::Binary>();
  if (!b)
    return std::nullopt;
  auto x = linearForm(b->a), y = linearForm(b->b);
  if (!x || !y)
    return std::nullopt;
  auto combine = [](Linear l, const Linear &r, int64_t sign) {
    for (const auto &[var, c] : r.coeffs)
      l.coeffs[var] += sign * c;
    l.constant += sign * r.constant;
    return l;
  };
  auto scale = [](Linear l, int64_t k) {
    for (auto &[var, c] : l.coeffs)
      c *= k;
    l.constant *= k;
    return l;
  };
  switch (b->op) {
  case ir::BinaryOp::Add: return combine(*x, *y, 1);
  case ir::BinaryOp::Sub: return combine(*x, *y, -1);
  case ir::BinaryOp::Mul:
    if (y->coeffs.empty())
      return scale(*x, y->constant);
    if (x->coeffs.empty())
      return scale(*y, x->constant);
    return std::nullopt;
  default:
    return std::nullopt;
  }
}

} // namespace

ir::Expr extentBetween(const ir::Expr &lower, const ir::Expr &upper) {
  auto lo = linearForm(lower), hi = linearForm(upper);
  if (lo && hi) {
    bool constantDiff = true;
    for (const auto &[var, c] : hi->coeffs) {
      auto it = lo->coeffs.find(var);
      constantDiff = constantDiff && c == (it == lo->coeffs.end() ? 0 : it->second);
    }
    for (const auto &[var, c] : lo->coeffs)
      constantDiff = constantDiff && (c == 0 || hi->coeffs.count(var));
    if (constantDiff)
      return ir::intImm(hi->constant - lo->constant, upper->loc);
  }
  if (auto c = ir::asConstInt(lower); c && *c == 0)
    return upper;
  return ir::binary(ir::BinaryOp::Sub, upper, lower, upper->loc);
}

} // namespace tilec::frontend
