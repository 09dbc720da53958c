// Walking and rewriting Tile IR.
//
// IRVisitor visits every node (override the kinds you care about, call the base to recurse).
// IRMutator rebuilds a tree bottom-up; a node whose children did not change is returned as is,
// so an unchanged tree costs no allocation. Tile ops are walked through what each declares
// (TileOp::operands, values, rebuild): override visitTileOp / mutateTileOp for all of them, or
// the hook of one op.
#pragma once

#include "ir/IR.h"

namespace tilec::ir {

class IRVisitor {
public:
  virtual ~IRVisitor() = default;
  void visit(const Expr &e);
  void visit(const Stmt &s);
  void visitRegion(const Region &r);

protected:
  virtual void visitIntImm(const IntImm &) {}
  virtual void visitFloatImm(const FloatImm &) {}
  virtual void visitVar(const VarNode &) {}
  virtual void visitLoad(const Load &e);
  virtual void visitBinary(const Binary &e);
  virtual void visitUnary(const Unary &e);
  virtual void visitCall(const Call &e);
  virtual void visitCast(const Cast &e);
  virtual void visitSelect(const Select &e);

  virtual void visitSeq(const Seq &s);
  virtual void visitFor(const For &s);
  virtual void visitStore(const Store &s);
  virtual void visitLetStmt(const LetStmt &s);
  virtual void visitIf(const If &s);
  virtual void visitWhile(const While &s);
  virtual void visitEvaluate(const Evaluate &s);
  virtual void visitSync(const Sync &) {}
  // One hook per tile op (visitCopy, visitGemm, ...); each defaults to visitTileOp.
#define TILEC_TILE_OP(Name) \
  virtual void visit##Name(const Name &s) { visitTileOp(s); }
#include "ir/ops/TileOps.def"
  // Any tile op: visits its regions' bounds, then its values.
  virtual void visitTileOp(const TileOp &op);
};

class IRMutator {
public:
  virtual ~IRMutator() = default;
  Expr mutate(const Expr &e);
  Stmt mutate(const Stmt &s);
  // A region with its bounds mutated; override it to move regions onto other buffers.
  virtual Region mutateRegion(const Region &r);

protected:
  virtual Expr mutateIntImm(const Expr &e) { return e; }
  virtual Expr mutateFloatImm(const Expr &e) { return e; }
  virtual Expr mutateVar(const Expr &e) { return e; }
  virtual Expr mutateLoad(const Expr &e, const Load &n);
  virtual Expr mutateBinary(const Expr &e, const Binary &n);
  virtual Expr mutateUnary(const Expr &e, const Unary &n);
  virtual Expr mutateCall(const Expr &e, const Call &n);
  virtual Expr mutateCast(const Expr &e, const Cast &n);
  virtual Expr mutateSelect(const Expr &e, const Select &n);

  virtual Stmt mutateSeq(const Stmt &s, const Seq &n);
  virtual Stmt mutateFor(const Stmt &s, const For &n);
  virtual Stmt mutateStore(const Stmt &s, const Store &n);
  virtual Stmt mutateLetStmt(const Stmt &s, const LetStmt &n);
  virtual Stmt mutateIf(const Stmt &s, const If &n);
  virtual Stmt mutateWhile(const Stmt &s, const While &n);
  virtual Stmt mutateEvaluate(const Stmt &s, const Evaluate &n);
  virtual Stmt mutateSync(const Stmt &s) { return s; }
  // One hook per tile op (mutateCopy, mutateGemm, ...); each defaults to mutateTileOp.
#define TILEC_TILE_OP(Name) \
  virtual Stmt mutate##Name(const Stmt &s, const Name &n) { return mutateTileOp(s, n); }
#include "ir/ops/TileOps.def"
  // Any tile op: mutates its regions, then its values, and rebuilds it when one changed.
  virtual Stmt mutateTileOp(const Stmt &s, const TileOp &op);

  std::vector<Expr> mutateAll(const std::vector<Expr> &es, bool &changed);
};

// Replaces variables by expressions (by node identity).
Expr substitute(const Expr &e, const std::map<const VarNode *, Expr> &vmap);
Stmt substitute(const Stmt &s, const std::map<const VarNode *, Expr> &vmap);

} // namespace tilec::ir
