#include "ir/Printer.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace tilec::ir {

namespace {

// Python-like binding strength; higher binds tighter.
int precedence(const Expr &e) {
  auto *b = e->as<Binary>();
  if (!b)
    return e->as<Unary>() ? 12 : 100;
  switch (b->op) {
  case BinaryOp::Or: return 1;
  case BinaryOp::And: return 2;
  case BinaryOp::Lt: case BinaryOp::Le: case BinaryOp::Gt: case BinaryOp::Ge:
  case BinaryOp::Eq: case BinaryOp::Ne: return 4;
  case BinaryOp::Add: case BinaryOp::Sub: return 10;
  case BinaryOp::Mul: case BinaryOp::Div: case BinaryOp::FloorDiv: case BinaryOp::FloorMod: return 11;
  case BinaryOp::Pow: return 13;
  case BinaryOp::Min: case BinaryOp::Max: return 100; // printed as calls
  }
  return 100;
}

std::string formatFloat(double v) {
  if (std::isinf(v))
    return v > 0 ? "inf" : "-inf";
  if (std::isnan(v))
    return "nan";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  std::string s = buf;
  if (s.find_first_of(".eE") == std::string::npos)
    s += ".0";
  return s;
}

std::string joinExprs(const std::vector<Expr> &es) {
  std::string out;
  for (size_t i = 0; i < es.size(); ++i)
    out += (i ? ", " : "") + printExpr(es[i]);
  return out;
}

std::string operand(const Expr &e, int parentPrec, bool rightSide) {
  int p = precedence(e);
  bool paren = p < parentPrec || (rightSide && p == parentPrec);
  std::string s = printExpr(e);
  return paren ? "(" + s + ")" : s;
}

} // namespace

std::string printExpr(const Expr &e) {
  if (!e)
    return "<null>";
  switch (e->kind) {
  case ExprKind::IntImm:
    return std::to_string(e->as<IntImm>()->value);
  case ExprKind::FloatImm: {
    std::string s = formatFloat(e->as<FloatImm>()->value);
    return e->dtype == DType::Float32 ? s : s + ":" + dtypeName(e->dtype);
  }
  case ExprKind::Var:
    return e->as<VarNode>()->name;
  case ExprKind::Load: {
    auto *l = e->as<Load>();
    return l->buffer->name + "[" + joinExprs(l->indices) + "]";
  }
  case ExprKind::Binary: {
    auto *b = e->as<Binary>();
    if (b->op == BinaryOp::Min || b->op == BinaryOp::Max)
      return std::string(binaryOpSymbol(b->op)) + "(" + printExpr(b->a) + ", " + printExpr(b->b) + ")";
    int p = precedence(e);
    // ** is right-associative; everything else left-associative.
    bool rightAssoc = b->op == BinaryOp::Pow;
    return operand(b->a, p, rightAssoc) + " " + binaryOpSymbol(b->op) + " " +
           operand(b->b, p, !rightAssoc);
  }
  case ExprKind::Unary: {
    auto *u = e->as<Unary>();
    return (u->op == UnaryOp::Neg ? "-" : "not ") + operand(u->a, 12, false);
  }
  case ExprKind::Call: {
    auto *c = e->as<Call>();
    return c->name + "(" + joinExprs(c->args) + ")";
  }
  case ExprKind::Cast: {
    auto *c = e->as<Cast>();
    return std::string("cast<") + dtypeName(c->dtype) + ">(" + printExpr(c->value) + ")";
  }
  case ExprKind::Select: {
    auto *s = e->as<Select>();
    return "select(" + printExpr(s->cond) + ", " + printExpr(s->a) + ", " + printExpr(s->b) + ")";
  }
  }
  return "?";
}

std::string printRegion(const Region &r) {
  std::string out = r.buffer->name + "[";
  for (size_t i = 0; i < r.starts.size(); ++i) {
    out += i ? ", " : "";
    out += printExpr(r.starts[i]);
    if (i < r.extents.size())
      out += " +: " + printExpr(r.extents[i]);
  }
  return out + "]";
}

std::string tupleText(const std::vector<Expr> &es) {
  std::string out = "(";
  for (size_t i = 0; i < es.size(); ++i)
    out += (i ? ", " : "") + printExpr(es[i]);
  return out + ")";
}

namespace {

class StmtPrinter {
public:
  std::ostringstream os;

  void line(int indent, const std::string &text) { os << std::string(indent * 2, ' ') << text << '\n'; }

  void print(const Stmt &s, int ind) {
    if (!s)
      return;
    switch (s->kind) {
    case StmtKind::Seq:
      for (const Stmt &x : s->as<Seq>()->stmts)
        print(x, ind);
      return;
    case StmtKind::For: {
      auto *f = s->as<For>();
      std::string range = isZero(f->min) ? printExpr(f->extent)
                                         : printExpr(f->min) + ", " + printExpr(f->extent);
      std::string stages = f->forKind == ForKind::Pipelined
                               ? ", stages=" + std::to_string(f->numStages)
                               : "";
      line(ind, "for " + f->var->name + " in " + forKindName(f->forKind) + "(" + range + stages + "):");
      print(f->body, ind + 1);
      return;
    }
    case StmtKind::Store: {
      auto *st = s->as<Store>();
      std::string target = st->buffer->name + "[" + joinExprs(st->indices) + "]";
      if (st->isAtomic())
        line(ind, std::string(atomicOpName(st->atomic)) + "(" + target + ", " + printExpr(st->value) + ")");
      else
        line(ind, target + " = " + printExpr(st->value));
      return;
    }
    case StmtKind::LetStmt: {
      auto *l = s->as<LetStmt>();
      line(ind, "let " + l->var->name + " = " + printExpr(l->value));
      print(l->body, ind);
      return;
    }
    case StmtKind::If: {
      auto *i = s->as<If>();
      line(ind, "if " + printExpr(i->cond) + ":");
      print(i->thenBody, ind + 1);
      if (i->elseBody) {
        line(ind, "else:");
        print(i->elseBody, ind + 1);
      }
      return;
    }
    case StmtKind::While: {
      auto *w = s->as<While>();
      line(ind, "while " + printExpr(w->cond) + ":");
      print(w->body, ind + 1);
      return;
    }
    case StmtKind::Evaluate:
      line(ind, printExpr(s->as<Evaluate>()->value));
      return;
    case StmtKind::Sync:
      line(ind, "sync_threads()");
      return;
    default: // a tile op
      line(ind, asTileOp(*s)->print());
      return;
    }
  }

  static bool isZero(const Expr &e) {
    auto v = asConstInt(e);
    return v && *v == 0;
  }
};

std::string shapeText(const Buffer &b) {
  return std::string(dtypeName(b->dtype)) + "[" + joinExprs(b->shape) + "]";
}

} // namespace

std::string printStmt(const Stmt &s, int indent) {
  StmtPrinter p;
  p.print(s, indent);
  return p.os.str();
}

std::string printFunc(const PrimFunc &f) {
  std::ostringstream os;
  os << "kernel " << f.name << "(";
  for (size_t i = 0; i < f.params.size(); ++i)
    os << (i ? ", " : "") << f.params[i]->name << ": " << shapeText(f.params[i]);
  os << ")\n";
  if (!f.sizeVars.empty()) {
    os << "  sizes";
    for (size_t i = 0; i < f.sizeVars.size(); ++i)
      os << (i ? ", " : " ") << f.sizeVars[i]->name;
    os << "\n";
  }
  for (const auto &[name, args] : f.annotations) {
    os << "  @" << name << "(";
    bool first = true;
    for (const auto &[k, v] : args) {
      os << (first ? "" : ", ") << k << "=" << v.toString();
      first = false;
    }
    os << ")\n";
  }
  os << "  grid";
  for (size_t i = 0; i < f.grid.size(); ++i)
    os << (i ? ", " : " ") << (i < f.blockVars.size() ? f.blockVars[i]->name : "?") << " < "
       << printExpr(f.grid[i]);
  os << "; threads " << f.threads << "\n";
  for (const Buffer &b : f.allocs)
    os << "  alloc " << b->name << ": " << scopeName(b->scope) << " " << shapeText(b) << "\n";
  os << "body:\n" << printStmt(f.body, 1);
  return os.str();
}

} // namespace tilec::ir
