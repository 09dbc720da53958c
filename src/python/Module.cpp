// tilec._core: the Python face of the driver's library API (driver/Library.h). Python's tilec
// package (python/tilec) captures a kernel's source and values and calls these; nothing here
// compiles or runs anything the command line does not (no second implementation).
#include "driver/Library.h"
#include "ir/DType.h"
#include "ir/Printer.h"

#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace nb = nanobind;
using namespace tilec;

namespace {

// A simulator stop (tilec run exit 4): the message names the blocked cores.
struct SimulatorStop : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The Python dict of options → the driver's Options (the command line's flags, by their names).
driver::Options optionsFrom(const nb::dict &d) {
  driver::Options o;
  for (auto [key, value] : d) {
    std::string k = nb::cast<std::string>(key);
    if (value.is_none())
      continue;
    if (k == "file") o.file = nb::cast<std::string>(value);
    else if (k == "call") o.call = nb::cast<std::string>(value);
    else if (k == "kernel") o.kernel = nb::cast<std::string>(value);
    else if (k == "defines") o.defines = nb::cast<std::vector<std::string>>(value);
    else if (k == "tt_api") o.ttApi = nb::cast<std::string>(nb::str(value));
    else if (k == "arch") o.arch = nb::cast<std::string>(value);
    else if (k == "grid") o.grid = nb::cast<std::string>(value);
    else if (k == "policy") o.policy = nb::cast<std::string>(value);
    else if (k == "order") o.order = nb::cast<std::string>(value);
    else if (k == "chunk_k_tiles") o.chunkKTiles = nb::cast<int>(value);
    else if (k == "math_fidelity") o.mathFidelity = nb::cast<std::string>(value);
    else if (k == "seed") o.seed = nb::cast<uint64_t>(value);
    else if (k == "trace") o.trace = nb::cast<std::string>(value);
    else if (k == "tt_sim_build") o.ttSimBuild = nb::cast<std::string>(value);
    else throw std::invalid_argument("unknown tilec option '" + k + "'");
  }
  return o;
}

using Array = nb::ndarray<const double, nb::c_contig, nb::device::cpu>;
using OutArray = nb::ndarray<nb::numpy, double>;

OutArray toNumpy(const interp::Tensor &t) {
  double *data = new double[t.data.size() ? t.data.size() : 1];
  std::memcpy(data, t.data.data(), t.data.size() * sizeof(double));
  nb::capsule owner(data, [](void *p) noexcept { delete[] static_cast<double *>(p); });
  std::vector<size_t> shape(t.shape.begin(), t.shape.end());
  return OutArray(data, shape.size(), shape.data(), owner);
}

std::vector<std::vector<int64_t>> shapesOf(const std::vector<Array> &arrays) {
  std::vector<std::vector<int64_t>> shapes;
  for (const Array &a : arrays) {
    std::vector<int64_t> s;
    for (size_t d = 0; d < a.ndim(); ++d)
      s.push_back(static_cast<int64_t>(a.shape(d)));
    shapes.push_back(s);
  }
  return shapes;
}

// One entry per parameter: name, dtype, shape (ints; a symbolic size by name when `sizes` lacks
// it), and whether the kernel reads / writes it.
nb::list paramsOf(const driver::BuiltKernel &k, const std::map<std::string, int64_t> &sizes) {
  const ir::PrimFunc &f = *k.tiled;
  std::vector<int> outs = interp::outputParams(f), ins = interp::inputParams(f);
  nb::list out;
  for (size_t i = 0; i < f.params.size(); ++i) {
    const ir::Buffer &p = f.params[i];
    nb::list shape;
    for (const ir::Expr &e : p->shape) {
      if (e->kind == ir::ExprKind::IntImm)
        shape.append(e->as<ir::IntImm>()->value);
      else if (e->kind == ir::ExprKind::Var && sizes.count(e->as<ir::VarNode>()->name))
        shape.append(sizes.at(e->as<ir::VarNode>()->name));
      else
        shape.append(ir::printExpr(e));
    }
    nb::dict d;
    d["name"] = p->name;
    d["dtype"] = std::string(ir::dtypeName(p->dtype));
    d["shape"] = nb::steal<nb::tuple>(PySequence_Tuple(shape.ptr()));
    d["output"] = std::find(outs.begin(), outs.end(), int(i)) != outs.end();
    d["input"] = std::find(ins.begin(), ins.end(), int(i)) != ins.end();
    out.append(d);
  }
  return out;
}

} // namespace

NB_MODULE(_core, m) {
  m.doc() = "tilec's C++ core: build a kernel from TileLang source, compile it, run it";
  static nb::object compileError = nb::steal(PyErr_NewException("tilec.CompileError", PyExc_RuntimeError, nullptr));
  m.attr("CompileError") = compileError;
  nb::exception<SimulatorStop>(m, "SimulatorStop", PyExc_RuntimeError);
  // A CompileError carries its location: the Python exception's message is the rendered
  // diagnostic (FILE:LINE:COL: error: ..., the line, a caret), as the command line prints it.
  nb::register_exception_translator(
      [](const std::exception_ptr &p, void *) {
        try {
          std::rethrow_exception(p);
        } catch (const CompileError &e) { // raised by a kernel's compile or run: its sources are alive
          PyErr_SetString(compileError.ptr(), e.render().c_str());
        } catch (const driver::RenderedCompileError &e) {
          PyErr_SetString(compileError.ptr(), e.what());
        }
      });

  m.attr("version") = TILEC_VERSION;
  m.def("cuda_available", &driver::cudaAvailable, "whether an NVIDIA GPU can run kernels here");

  nb::class_<driver::BuiltKernel>(m, "Kernel")
      .def_prop_ro("name", [](const driver::BuiltKernel &k) { return k.tiled->name; })
      .def_prop_ro("size_names",
                   [](const driver::BuiltKernel &k) {
                     std::vector<std::string> names;
                     for (const ir::Var &v : k.tiled->sizeVars)
                       names.push_back(v->name);
                     return names;
                   })
      .def("params", &paramsOf, nb::arg("sizes") = std::map<std::string, int64_t>{},
           "one dict per parameter: name, dtype, shape, input, output")
      .def("ir", [](const driver::BuiltKernel &k, bool asWritten) { return ir::printFunc(asWritten ? *k.asWritten : *k.tiled); },
           nb::arg("as_written") = false, "the Tile IR after the common passes (or as written)")
      .def("sizes_for",
           [](const driver::BuiltKernel &k, const nb::dict &opts, const std::vector<Array> &arrays) {
             return driver::sizeBindingsFor(*k.tiled, optionsFrom(opts), shapesOf(arrays));
           },
           "the symbolic sizes bound by the options' defines and the arrays' shapes")
      .def("artifacts",
           [](const driver::BuiltKernel &k, const std::string &target, const nb::dict &opts) {
             driver::Options o = optionsFrom(opts);
             nb::gil_scoped_release release;
             return driver::compileArtifacts(k, target, o);
           },
           nb::arg("target"), nb::arg("options"), "file name -> text, as `tilec compile --target` writes them")
      .def("run",
           [](const driver::BuiltKernel &k, const std::string &target, const nb::dict &opts,
              const std::vector<Array> &arrays) {
             driver::Options o = optionsFrom(opts);
             interp::SizeBindings sizes = driver::sizeBindingsFor(*k.tiled, o, shapesOf(arrays));
             std::vector<interp::Tensor> args;
             for (size_t i = 0; i < arrays.size(); ++i) {
               interp::Tensor t;
               t.shape = shapesOf({arrays[i]})[0];
               t.dtype = i < k.tiled->params.size() ? k.tiled->params[i]->dtype : ir::DType::Float32;
               t.data.assign(arrays[i].data(), arrays[i].data() + arrays[i].size());
               args.push_back(std::move(t));
             }
             driver::Execution e;
             {
               nb::gil_scoped_release release;
               e = driver::executeKernel(k, target, o, sizes, args);
             }
             if (e.exitCode == driver::kSimStopped)
               throw SimulatorStop(e.diagnostics);
             if (e.exitCode != driver::kOk)
               throw std::runtime_error(e.diagnostics);
             if (!e.workDir.empty())
               std::filesystem::remove_all(e.workDir);
             std::vector<OutArray> outs;
             for (const interp::Tensor &t : args)
               outs.push_back(toNumpy(t));
             return std::make_pair(outs, e.reportJson);
           },
           nb::arg("target"), nb::arg("options"), nb::arg("arrays"),
           "runs on the target over float64 arrays (one per parameter); returns every parameter's "
           "values afterwards and the simulator's report (JSON text, tt-sim)");

  m.def("build",
        [](const std::string &text, const nb::dict &opts) {
          driver::Options o = optionsFrom(opts);
          nb::gil_scoped_release release;
          return driver::buildKernelFromText(text, o);
        },
        nb::arg("text"), nb::arg("options"),
        "builds the kernel the options select (file, call, kernel, defines) from source text");
}
