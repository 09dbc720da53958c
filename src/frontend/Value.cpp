#include "frontend/Value.h"

#include "ir/Printer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace tilec::frontend {

Value Value::boolean(bool b) {
  Value v;
  v.kind = Kind::Bool;
  v.boolValue = b;
  v.intValue = b ? 1 : 0;
  return v;
}

Value Value::integer(int64_t i) {
  Value v;
  v.kind = Kind::Int;
  v.intValue = i;
  return v;
}

Value Value::real(double d) {
  Value v;
  v.kind = Kind::Float;
  v.floatValue = d;
  return v;
}

Value Value::string(std::string s) {
  Value v;
  v.kind = Kind::Str;
  v.str = std::move(s);
  return v;
}

Value Value::tuple(std::vector<Value> items) {
  Value v;
  v.kind = Kind::Tuple;
  v.items = std::make_shared<std::vector<Value>>(std::move(items));
  return v;
}

Value Value::list(std::vector<Value> items) {
  Value v = tuple(std::move(items));
  v.kind = Kind::List;
  return v;
}

Value Value::named(Kind kind, std::string name) {
  Value v;
  v.kind = kind;
  v.str = std::move(name);
  return v;
}

Value Value::fromExpr(ir::Expr e) {
  Value v;
  v.kind = Kind::Expr;
  v.expr = std::move(e);
  return v;
}

Value Value::fromBuffer(ir::Buffer b) {
  Value v;
  v.kind = Kind::Buffer;
  v.buffer = std::move(b);
  return v;
}

bool Value::isKernelValue() const {
  switch (kind) {
  case Kind::Expr:
  case Kind::Buffer:
  case Kind::ScalarVar:
  case Kind::Access:
  case Kind::Range:
    return true;
  default:
    return false;
  }
}

std::string strOf(const Value &v) {
  if (v.is(Value::Kind::Str) || v.is(Value::Kind::DType))
    return v.str;
  return repr(v);
}

Value deferredError(const CompileError &e) {
  Value v;
  v.kind = Value::Kind::Error;
  v.error = std::make_shared<DeferredError>(DeferredError{e.loc(), e.message()});
  return v;
}

void raiseDeferred(const Value &v) { fail(v.error->loc, v.error->message); }

Value decoratorValue(std::string name, ir::AnnotationValue::Dict args) {
  Value d;
  d.kind = Value::Kind::Decorator;
  d.str = std::move(name);
  d.decoratorArgs = std::make_shared<ir::AnnotationValue::Dict>(std::move(args));
  return d;
}

std::string typeName(const Value &v) {
  switch (v.kind) {
  case Value::Kind::None: return "NoneType";
  case Value::Kind::Bool: return "bool";
  case Value::Kind::Int: return "int";
  case Value::Kind::Float: return "float";
  case Value::Kind::Str: return "str";
  case Value::Kind::Tuple: return "tuple";
  case Value::Kind::List: return "list";
  case Value::Kind::Dict: return "dict";
  case Value::Kind::Slice: return "slice";
  case Value::Kind::Function: return v.function->isPrimFunc ? "kernel" : "function";
  case Value::Kind::Builtin: return "built-in '" + v.str + "'";
  case Value::Kind::Module: return "module '" + v.str + "'";
  case Value::Kind::DType: return "dtype";
  case Value::Kind::Decorator: return "decorator";
  case Value::Kind::Class: return "class";
  case Value::Kind::Expr: return "scalar expression";
  case Value::Kind::Buffer: return "buffer";
  case Value::Kind::ScalarVar: return "scalar variable";
  case Value::Kind::Access: return "buffer access";
  case Value::Kind::Range: return "loop range";
  case Value::Kind::TensorType: return "tensor type";
  case Value::Kind::Launch: return "T.Kernel launch";
  case Value::Kind::Error: return "error";
  }
  return "value";
}

namespace {
std::string formatFloat(double d) {
  if (std::isinf(d))
    return d > 0 ? "inf" : "-inf";
  if (std::isnan(d))
    return "nan";
  char buf[64];
  for (int precision = 1; precision <= 17; ++precision) { // shortest round-trip
    std::snprintf(buf, sizeof buf, "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d)
      break;
  }
  std::string s = buf;
  if (s.find_first_of(".en") == std::string::npos)
    s += ".0";
  return s;
}

std::string joinRepr(const std::vector<Value> &items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i)
    out += (i ? ", " : "") + repr(items[i]);
  return out;
}
} // namespace

std::string repr(const Value &v) {
  switch (v.kind) {
  case Value::Kind::None: return "None";
  case Value::Kind::Bool: return v.boolValue ? "True" : "False";
  case Value::Kind::Int: return std::to_string(v.intValue);
  case Value::Kind::Float: return formatFloat(v.floatValue);
  case Value::Kind::Str: return "'" + v.str + "'";
  case Value::Kind::Tuple:
    return "(" + joinRepr(v.elements()) + (v.elements().size() == 1 ? ",)" : ")");
  case Value::Kind::List: return "[" + joinRepr(v.elements()) + "]";
  case Value::Kind::Dict: {
    std::string out = "{";
    for (size_t i = 0; i + 1 < v.elements().size(); i += 2)
      out += (i ? ", " : "") + repr(v.elements()[i]) + ": " + repr(v.elements()[i + 1]);
    return out + "}";
  }
  case Value::Kind::Function: return "<function " + v.function->name + ">";
  case Value::Kind::Builtin:
  case Value::Kind::Module:
  case Value::Kind::Class:
  case Value::Kind::Decorator: return v.str;
  case Value::Kind::DType: return "T." + v.str;
  case Value::Kind::Expr: return ir::printExpr(v.expr);
  case Value::Kind::Buffer:
  case Value::Kind::ScalarVar: return v.buffer->name;
  default: return "<" + typeName(v) + ">";
  }
}

std::optional<bool> truthiness(const Value &v) {
  switch (v.kind) {
  case Value::Kind::None: return false;
  case Value::Kind::Bool: return v.boolValue;
  case Value::Kind::Int: return v.intValue != 0;
  case Value::Kind::Float: return v.floatValue != 0.0;
  case Value::Kind::Str: return !v.str.empty();
  case Value::Kind::Tuple:
  case Value::Kind::List:
  case Value::Kind::Dict: return !v.elements().empty();
  case Value::Kind::Expr: {
    if (auto c = ir::asConstInt(v.expr))
      return *c != 0;
    return std::nullopt;
  }
  default:
    if (v.isKernelValue())
      return std::nullopt;
    return true;
  }
}

bool metaEquals(const Value &a, const Value &b) {
  if (a.isNumber() && b.isNumber()) {
    if (a.is(Value::Kind::Float) || b.is(Value::Kind::Float)) {
      double x = a.is(Value::Kind::Float) ? a.floatValue : static_cast<double>(a.intValue);
      double y = b.is(Value::Kind::Float) ? b.floatValue : static_cast<double>(b.intValue);
      return x == y;
    }
    return a.intValue == b.intValue;
  }
  if (a.kind != b.kind)
    return (a.is(Value::Kind::Str) && b.is(Value::Kind::DType)) ||
                   (a.is(Value::Kind::DType) && b.is(Value::Kind::Str))
               ? a.str == b.str
               : false;
  switch (a.kind) {
  case Value::Kind::None: return true;
  case Value::Kind::Str:
  case Value::Kind::DType:
  case Value::Kind::Builtin:
  case Value::Kind::Module: return a.str == b.str;
  case Value::Kind::Tuple:
  case Value::Kind::List:
  case Value::Kind::Dict: {
    if (a.elements().size() != b.elements().size())
      return false;
    for (size_t i = 0; i < a.elements().size(); ++i)
      if (!metaEquals(a.elements()[i], b.elements()[i]))
        return false;
    return true;
  }
  case Value::Kind::Function: return a.function == b.function;
  case Value::Kind::Buffer:
  case Value::Kind::ScalarVar: return a.buffer == b.buffer;
  default: return false;
  }
}

std::optional<ir::AnnotationValue> toAnnotation(const Value &v) {
  ir::AnnotationValue out;
  switch (v.kind) {
  case Value::Kind::None: return out;
  case Value::Kind::Bool: out.value = v.boolValue; return out;
  case Value::Kind::Int: out.value = v.intValue; return out;
  case Value::Kind::Float: out.value = v.floatValue; return out;
  case Value::Kind::Str:
  case Value::Kind::DType:
  // A library constant tilec does not model (`tilelang.PassConfigKey.TL_ENABLE_FAST_MATH` in
  // `pass_configs={...}`) is recorded by its dotted name, as a string key would be.
  case Value::Kind::Module:
  case Value::Kind::Builtin: out.value = v.str; return out;
  case Value::Kind::Tuple:
  case Value::Kind::List: {
    ir::AnnotationValue::List list;
    for (const Value &item : v.elements()) {
      auto a = toAnnotation(item);
      if (!a)
        return std::nullopt;
      list.push_back(std::move(*a));
    }
    out.value = std::move(list);
    return out;
  }
  case Value::Kind::Dict: {
    ir::AnnotationValue::Dict dict;
    for (size_t i = 0; i + 1 < v.elements().size(); i += 2) {
      const Value &key = v.elements()[i];
      auto a = toAnnotation(v.elements()[i + 1]);
      bool named = key.is(Value::Kind::Str) || key.is(Value::Kind::Module) || key.is(Value::Kind::Builtin);
      if (!named || !a)
        return std::nullopt;
      dict[key.str] = std::move(*a);
    }
    out.value = std::move(dict);
    return out;
  }
  default:
    return std::nullopt;
  }
}

} // namespace tilec::frontend
