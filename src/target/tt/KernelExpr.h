// The expressions of a generated TT kernel: arguments, loop bounds, conditions, initial values.
//
// Why not ir::Expr: a kernel names things the Tile IR has no node for. Its own locals (`u`, `t0`,
// `tile_r`, `cb_a`, `a_dram`) must print as written, never through a symbol (target/Symbols.h
// renames symbols, never literals, and that is what keeps a user's `u` apart from ours); SDK
// constants (`PoolType::MAX`, `tt::CBIndex::c_3`), SDK calls inside an argument (`get_write_ptr`),
// float bit patterns and L1 pointers have no IR counterpart. Values that come from the Tile IR (loop
// bounds, lets, region starts, sizes) stay ir::Expr inside a KExpr and print through the one IR
// printer (tt::cxx), their variables as symbols.
//
// Index arithmetic is built with add/sub/mul/div/mod below, the one place that folds the 0 and 1
// identities; the printer parenthesises by structure (printKExpr), so no code concatenates C++.
#pragma once

#include "ir/IR.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tilec::tt {

struct ApiTable;

// SDK constants the kernels pass (template arguments, semaphore values).
enum class KConst {
  PoolSum, PoolMax,                     // PoolType::
  ReduceRow, ReduceCol,                 // ReduceDim::REDUCE_
  BcastRow, BcastCol, BcastScalar,      // BroadcastType::
  EltwiseAdd, EltwiseSub, EltwiseMul,   // EltwiseBinaryType (ELWADD, ...)
  DestToSrcA, DestToSrcB,               // EltwiseBinaryReuseDestType::
  SemaphoreValid, SemaphoreInvalid,     // VALID / INVALID
  U32,                                  // uint32_t (get_arg_val<uint32_t>)
};
const char *constSpelling(KConst c);

// tt::DataFormat of a tile's elements.
enum class DataFormat { Float16_b, Float16, Float32, Int32, UInt32, Int8, UInt8, Invalid };
const char *dataFormatName(DataFormat f); // "Float16_b", ...

enum class KOp { Add, Sub, Mul, Div, Mod, Lt, Ge, And, Or, Shr, Max };

struct KExprNode;
using KExpr = std::shared_ptr<const KExprNode>;

struct KExprNode {
  enum class Kind {
    Int,      // value
    Name,     // a name the kernel itself declares, printed as written (text)
    Ir,       // a Tile IR value (ir): its variables print as symbols
    Const,    // constant
    CbIndex,  // tt::CBIndex::c_<value>
    Format,   // DataFormat::<format>
    Float,    // a float literal (real), INFINITY spelled as such
    Bits,     // the bit pattern of `real` as a hex literal with a comment saying the value (pattern)
    Binary,   // a op b
    Not,      // !a
    Call,     // SDK call `text` (canonical op name, spelled by the API table) with tmpl and args
    Helper,   // call of a function the kernel file defines itself (text) with args
    Index,    // a[b]
    L1Ptr,    // the L1 address a as a word pointer: reinterpret_cast<volatile tt_l1_ptr uint32_t*>(a)
    Fields,   // designated initializer {.names[i] = args[i], ...}
  };
  // What a Bits literal holds: one float32, or one bfloat16 twice (a word of two packed elements).
  enum class Pattern { Float32, Bf16Pair };

  Kind kind = Kind::Int;
  int64_t value = 0;
  std::string text;
  ir::Expr ir;
  KConst constant = KConst::U32;
  DataFormat format = DataFormat::Invalid;
  double real = 0;
  Pattern pattern = Pattern::Float32;
  KOp op = KOp::Add;
  KExpr a, b;
  std::vector<KExpr> tmpl, args;
  std::vector<std::string> names;
};

// ---- leaves ----
KExpr kInt(int64_t v);
KExpr kName(std::string name);
KExpr kIr(const ir::Expr &e); // an integer constant becomes kInt, so the identities below see it
KExpr kConst(KConst c);
KExpr kCbIndex(int index);
KExpr kFormat(DataFormat f);
KExpr kFloat(double v);
KExpr kFloatBits(double v);    // 0x3fb8aa3bu /* 1.442695 */: an SFPU scalar parameter
KExpr kBf16PairBits(double v); // 0x3F803F80u /* 1.0 bf16 x2 */: one L1 word of two bfloat16

// ---- calls and memory ----
KExpr kCallExpr(std::string op, std::vector<KExpr> args, std::vector<KExpr> tmpl = {});
KExpr kHelper(std::string function, std::vector<KExpr> args);
KExpr kIndex(KExpr array, KExpr index);
KExpr kL1Ptr(KExpr address);
KExpr kFields(std::vector<std::string> names, std::vector<KExpr> values);

// ---- arithmetic: the one index-arithmetic helper. add/sub/mul/div/mod fold x+0, 0+x, x-0, x*1,
// 1*x, x*0, 0*x, x/1, 0/x, x%1, 0%x, and add gathers constant offsets (1 + 1 is 2, (x + 1) + 1 is
// x + 2); nothing else is folded (the kernels print the arithmetic as built).
KExpr add(KExpr a, KExpr b);
KExpr sub(KExpr a, KExpr b);
KExpr mul(KExpr a, KExpr b);
KExpr div(KExpr a, KExpr b);
KExpr mod(KExpr a, KExpr b);
KExpr kBinary(KOp op, KExpr a, KExpr b); // as written, nothing folded
KExpr kNot(KExpr a);
inline KExpr add(KExpr a, int64_t b) { return add(std::move(a), kInt(b)); }
inline KExpr mul(KExpr a, int64_t b) { return mul(std::move(a), kInt(b)); }
inline KExpr div(KExpr a, int64_t b) { return div(std::move(a), kInt(b)); }
inline KExpr mod(KExpr a, int64_t b) { return mod(std::move(a), kInt(b)); }
// All of `conds` (null when empty).
KExpr conjunction(const std::vector<KExpr> &conds);

// ceil(size / per), the number of tiles of `per` (32 by default) elements along a dimension of
// `size` elements: a constant when it is one, size/per when that divides visibly (divideByTile),
// else (size + per - 1) / per.
KExpr tileCount(const ir::Expr &size, int64_t per = 32);

// The constant value of `e`, if it is one.
std::optional<int64_t> constValue(const KExpr &e);

// Structural equality.
bool sameExpr(const KExpr &a, const KExpr &b);

// The identifiers `e` spells: its names and the symbols of the IR variables in it.
void collectIdentifiers(const KExpr &e, std::vector<std::string> &out);
// Does `e` use the kernel name `name`?
bool usesName(const KExpr &e, const std::string &name);

// C++ text of `e`. SDK calls are spelled by `calls` (std::logic_error when there is a call and no
// table): the API table is the only place that knows how a level names them.
std::string printKExpr(const KExpr &e, const ApiTable *calls = nullptr);

} // namespace tilec::tt
