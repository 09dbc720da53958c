// Walking and rewriting Tile IR.
//
// IRVisitor visits every node (override the kinds you care about, call the base to recurse).
// IRMutator rebuilds a tree bottom-up; a node whose children did not change is returned as is,
// so an unchanged tree costs no allocation.
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
  virtual void visitEvaluate(const Evaluate &s);
  virtual void visitSync(const Sync &) {}
  virtual void visitCopy(const Copy &s);
  virtual void visitGemm(const Gemm &s);
  virtual void visitFill(const Fill &s);
  virtual void visitReduce(const Reduce &s);
  virtual void visitMap(const Map &s);
};

class IRMutator {
public:
  virtual ~IRMutator() = default;
  Expr mutate(const Expr &e);
  Stmt mutate(const Stmt &s);
  Region mutateRegion(const Region &r);

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
  virtual Stmt mutateEvaluate(const Stmt &s, const Evaluate &n);
  virtual Stmt mutateSync(const Stmt &s) { return s; }
  virtual Stmt mutateCopy(const Stmt &s, const Copy &n);
  virtual Stmt mutateGemm(const Stmt &s, const Gemm &n);
  virtual Stmt mutateFill(const Stmt &s, const Fill &n);
  virtual Stmt mutateReduce(const Stmt &s, const Reduce &n);
  virtual Stmt mutateMap(const Stmt &s, const Map &n);

  std::vector<Expr> mutateAll(const std::vector<Expr> &es, bool &changed);
};

// Replaces variables by expressions (by node identity).
Expr substitute(const Expr &e, const std::map<const VarNode *, Expr> &vmap);
Stmt substitute(const Stmt &s, const std::map<const VarNode *, Expr> &vmap);

} // namespace tilec::ir
