// Printers of the host side: host.hpp/host.cpp (buffers, CBs, kernels, per-core runtime args,
// tile layout of inputs and outputs, launch), main.cpp (.npy in, .npy out) and CMakeLists.txt
// (the same files against a real TT-Metalium install). All from the one TTProgram.
#include "target/tt/ApiTable.h"
#include "target/tt/Passes.h"
#include "target/tt/TTUtil.h"

#include "support/FloatBitsText.h"

#include <fmt/format.h>
#include <sstream>

namespace tilec::tt {

namespace {

std::string hostFunctionName(const TTProgram &p) { return "run_" + identifier(p.func->name); }

std::string joinArgs(const std::vector<std::string> &v) {
  std::string out;
  for (const std::string &s : v)
    out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string formatEnum(ir::DType t) {
  switch (t) {
  case ir::DType::Float32: return "PageFormat::Float32";
  case ir::DType::Float16: return "PageFormat::Float16";
  case ir::DType::Int32: return "PageFormat::Int32";
  case ir::DType::UInt32: return "PageFormat::UInt32";
  case ir::DType::Int8: return "PageFormat::Int8";
  case ir::DType::Bool: return "PageFormat::UInt8";
  default: return "PageFormat::BFloat16";
  }
}

// The logical matrix a tensor is stored as: (batch, rows, cols), vectors as one row or one column.
std::array<std::string, 3> matrixView(const TensorPlan &t) {
  const auto &d = t.dims;
  if (d.size() == 1)
    return t.layout == VectorLayout::Row ? std::array<std::string, 3>{"1", "1", printKExpr(d[0])}
                                         : std::array<std::string, 3>{"1", printKExpr(d[0]), "1"};
  return {printKExpr(t.batch), printKExpr(d[t.order[d.size() - 2]]), printKExpr(d[t.order[d.size() - 1]])};
}

bool isNaturalOrder(const TensorPlan &t) {
  for (size_t k = 0; k < t.order.size(); ++k)
    if (t.order[k] != k)
      return false;
  return true;
}

// For a tensor stored in another order than its own (TensorPlan::order), where the matrix view's
// element (b, r, c) lies in the row-major tensor: the batch dims as (extent, stride), outermost
// first, then the row and column strides — the trailing fields of TileLayout.
std::string permutedFields(const TensorPlan &t) {
  size_t rank = t.dims.size();
  std::vector<KExpr> stride(rank);
  KExpr run = kInt(1);
  for (size_t d = rank; d-- > 0;) {
    stride[d] = run;
    run = mul(run, t.dims[d]);
  }
  std::string batch;
  for (size_t k = 0; k + 2 < rank; ++k)
    batch += fmt::format("{}{{{}, {}}}", k ? ", " : "", printKExpr(t.dims[t.order[k]]), printKExpr(stride[t.order[k]]));
  return fmt::format(", {{{}}}, {}, {}", batch, printKExpr(stride[t.order[rank - 2]]), printKExpr(stride[t.order[rank - 1]]));
}

// The optional trailing fields of a tensor's TileLayout: the stored order's, then the page extents
// when a page holds fewer than 32 rows or columns.
std::string layoutTail(const TensorPlan &t) {
  bool smallPages = t.pageRows != kTile || t.pageCols != kTile;
  std::string tail = isNaturalOrder(t) ? (smallPages ? ", {}, 0, 1" : "") : permutedFields(t);
  if (smallPages)
    tail += fmt::format(", {}, {}", t.pageRows, t.pageCols);
  return tail;
}

const char *kPageHelpers = R"(// Tensors travel as pages of one 32x32 tile: four 16x16 faces, each row-major; tiles in row-major
// order over the last two dims (column-major when the sharding annotation says so), the leading
// dims as a batch. Sizes are padded to whole tiles with zeros; the padding is dropped on the way back.
// Integer formats hold the value's two's-complement bits (Int8: one byte per element); the host
// tensors carry values as float, exact for integers up to 2^24 in magnitude.
enum class PageFormat { BFloat16, Float16, Float32, Int32, UInt32, Int8, UInt8 };

struct TileLayout {
    PageFormat format;
    uint32_t batch, rows, cols;  // the tensor as a batch of rows x cols matrices
    bool column_major_tiles;
    // A tensor stored in another order than its own (its tiles span two dims that are not its last,
    // e.g. (batch, seq, heads, dim) stored as (batch, heads, seq, dim), or a matrix stored
    // transposed because its rows are read as column vectors): the batch dims as
    // (extent, stride), outermost first, and the strides of the rows and columns in the tensor.
    std::vector<std::array<uint32_t, 2>> batch_dims = {};
    uint32_t row_stride = 0, col_stride = 1;
    // Rows and columns of the view one page holds: 32, or fewer for a tensor the kernel moves in
    // smaller tiles (each page padded to 32x32 with zeros).
    uint32_t page_rows = 32, page_cols = 32;
    // Index of the view's element (b, r, c) in the tensor's row-major values.
    uint32_t element(uint32_t b, uint32_t r, uint32_t c) const {
        if (batch_dims.empty() && row_stride == 0) return (b * rows + r) * cols + c;
        uint32_t at = r * row_stride + c * col_stride;
        for (size_t k = batch_dims.size(); k-- > 0; b /= batch_dims[k][0]) at += (b % batch_dims[k][0]) * batch_dims[k][1];
        return at;
    }
    uint32_t tile_rows() const { return (rows + page_rows - 1) / page_rows; }
    uint32_t tile_cols() const { return (cols + page_cols - 1) / page_cols; }
    uint32_t pages() const { return batch * tile_rows() * tile_cols(); }
    uint32_t elem_bytes() const {
        switch (format) {
        case PageFormat::Float32: case PageFormat::Int32: case PageFormat::UInt32: return 4;
        case PageFormat::Int8: case PageFormat::UInt8: return 1;
        default: return 2;
        }
    }
    uint32_t page_bytes() const { return 1024 * elem_bytes(); }
};

uint32_t encode(float v, PageFormat f) {
    switch (f) {
    case PageFormat::Float32: return floatToBits(v);
    case PageFormat::Float16: return floatToHalfBits(v);
    case PageFormat::Int32: case PageFormat::Int8: return uint32_t(int32_t(v));
    case PageFormat::UInt32: case PageFormat::UInt8: return uint32_t(v);
    default: return floatToBf16Bits(v);
    }
}
float decode(uint32_t bits, PageFormat f) {
    switch (f) {
    case PageFormat::Float32: return bitsToFloat(bits);
    case PageFormat::Float16: return halfBitsToFloat(uint16_t(bits));
    case PageFormat::Int32: return float(int32_t(bits));
    case PageFormat::UInt32: return float(bits);
    case PageFormat::Int8: return float(int8_t(uint8_t(bits)));
    case PageFormat::UInt8: return float(uint8_t(bits));
    default: return bf16BitsToFloat(uint16_t(bits));
    }
}

// Element e of a page array of `bytes`-wide elements, as bits, and storing bits there.
uint32_t element_bits(const std::vector<uint32_t>& words, uint32_t e, uint32_t bytes) {
    uint32_t per_word = 4 / bytes, shift = 8 * bytes * (e % per_word);
    return bytes == 4 ? words[e] : (words[e / per_word] >> shift) & ((1u << (8 * bytes)) - 1);
}
void set_element_bits(std::vector<uint32_t>& words, uint32_t e, uint32_t bytes, uint32_t bits) {
    uint32_t per_word = 4 / bytes, shift = 8 * bytes * (e % per_word);
    if (bytes == 4) words[e] = bits;
    else words[e / per_word] |= (bits & ((1u << (8 * bytes)) - 1)) << shift;
}

// Offset of element (r, c) inside a tile: face (r / 16, c / 16), then row-major within the face.
uint32_t face_offset(uint32_t r, uint32_t c) { return ((r / 16) * 2 + c / 16) * 256 + (r % 16) * 16 + c % 16; }

uint32_t page_of(const TileLayout& l, uint32_t b, uint32_t tr, uint32_t tc) {
    return l.column_major_tiles ? (b * l.tile_cols() + tc) * l.tile_rows() + tr : (b * l.tile_rows() + tr) * l.tile_cols() + tc;
}

void check_shape(const HostTensor& t, const char* name, uint32_t expected) {
    if (t.values.size() != expected)
        throw std::runtime_error(std::string("tensor ") + name + ": expected " + std::to_string(expected) +
                                 " values, got " + std::to_string(t.values.size()));
}

std::vector<uint32_t> to_pages(const HostTensor& t, const TileLayout& l) {
    std::vector<uint32_t> words(l.pages() * l.page_bytes() / 4, 0);
    for (uint32_t b = 0; b < l.batch; ++b)
        for (uint32_t r = 0; r < l.rows; ++r)
            for (uint32_t c = 0; c < l.cols; ++c) {
                uint32_t e = page_of(l, b, r / l.page_rows, c / l.page_cols) * 1024 + face_offset(r % l.page_rows, c % l.page_cols);
                set_element_bits(words, e, l.elem_bytes(), encode(t.values[l.element(b, r, c)], l.format));
            }
    return words;
}

void from_pages(const std::vector<uint32_t>& words, HostTensor& t, const TileLayout& l) {
    for (uint32_t b = 0; b < l.batch; ++b)
        for (uint32_t r = 0; r < l.rows; ++r)
            for (uint32_t c = 0; c < l.cols; ++c) {
                uint32_t e = page_of(l, b, r / l.page_rows, c / l.page_cols) * 1024 + face_offset(r % l.page_rows, c % l.page_cols);
                t.values[l.element(b, r, c)] = decode(element_bits(words, e, l.elem_bytes()), l.format);
            }
}
)";

void emitBuffers(std::ostringstream &os, const TTProgram &p, const ApiTable &table) {
  os << "    // DRAM buffers: interleaved over the banks, one page per 32x32 tile\n";
  for (const TensorPlan &t : p.tensors) {
    if (!t.read && !t.written)
      continue;
    std::string n = cxxName(t.buffer);
    auto view = matrixView(t);
    os << fmt::format("    const TileLayout {}_layout{{{}, {}, {}, {}, {}{}}};\n", n, formatEnum(t.buffer->dtype), view[0],
                      view[1], view[2], t.columnMajorTiles ? "true" : "false", layoutTail(t));
    os << fmt::format("    check_shape(tensors[{}], \"{}\", {}_layout.batch * {}_layout.rows * {}_layout.cols);\n",
                      t.paramIndex, t.buffer->name, n, n, n);
    if (table.meshDevice)
      os << fmt::format("    auto {0}_buffer = distributed::MeshBuffer::create(\n"
                        "        distributed::ReplicatedBufferConfig{{.size = {0}_layout.pages() * {0}_layout.page_bytes()}},\n"
                        "        distributed::DeviceLocalBufferConfig{{.page_size = {0}_layout.page_bytes(), .buffer_type = BufferType::DRAM}},\n"
                        "        mesh.get());\n",
                        n);
    else
      os << fmt::format("    auto {0}_buffer = CreateBuffer(InterleavedBufferConfig{{\n"
                        "        device, {0}_layout.pages() * {0}_layout.page_bytes(), {0}_layout.page_bytes(), BufferType::DRAM}});\n",
                        n);
  }
  os << "\n";
}

void emitCircularBuffers(std::ostringstream &os, const TTProgram &p) {
  os << "    // Circular buffers: same L1 address on every core (page = one tile in the CB's format)\n";
  for (const CbPlan &cb : p.cbs) {
    std::string what = cb.buffer ? cb.buffer->name : "reduce scaler";
    os << fmt::format("    CreateCircularBuffer(program, cores,\n"
                      "        CircularBufferConfig({} * {}, {{{{CBIndex::c_{}, tt::DataFormat::{}}}}})\n"
                      "            .set_page_size(CBIndex::c_{}, {}));  // {}: {}, {} tiles\n",
                      cb.capacityTiles, cb.pageBytes, cb.index, dataFormatName(dataFormat(cb.dtype)), cb.index, cb.pageBytes, what,
                      cbRoleName(cb.role), cb.capacityTiles);
  }
  os << "\n";
}

std::string argValue(const TTProgram &p, const RuntimeArg &a) {
  switch (a.kind) {
  case RuntimeArg::Kind::BufferAddress:
    return "static_cast<uint32_t>(" + cxxName(p.tensors[a.tensor].buffer) + "_buffer->address())";
  case RuntimeArg::Kind::Size:
    return a.name; // the host declares each size under the kernels' name for it
  case RuntimeArg::Kind::Schedule:
    return "s[" + std::to_string(a.schedSlot) + "]";
  case RuntimeArg::Kind::Host:
    return a.hostExpr;
  }
  return "0";
}

bool usesReduce(const KBody &body) {
  for (const KStmt &s : body)
    if ((s.kind == KStmt::Kind::Call && s.op.rfind("reduce_", 0) == 0) || usesReduce(s.body))
      return true;
  return false;
}
bool usesReduce(const KernelPlan &k) { return usesReduce(k.prologue) || usesReduce(k.perBlock) || usesReduce(k.epilogue); }

void emitKernels(std::ostringstream &os, const TTProgram &p, const ApiTable &table) {
  os << "    // Kernels: reader on RISCV_1 (NoC 1), writer on RISCV_0 (NoC 0), compute on the three TRISCs\n";
  os << "    std::vector<uint32_t> reader_args, writer_args;\n";
  if (table.tensorAccessor) {
    for (int i : p.reader.accessorTensors)
      os << fmt::format("    TensorAccessorArgs(*{}_buffer).append_to(reader_args);\n", cxxName(p.tensors[i].buffer));
    for (int i : p.writer.accessorTensors)
      os << fmt::format("    TensorAccessorArgs(*{}_buffer).append_to(writer_args);\n", cxxName(p.tensors[i].buffer));
  }
  os << "    KernelHandle reader = CreateKernel(program, \"kernels/reader.cpp\", cores,\n"
        "        DataMovementConfig{.processor = DataMovementProcessor::RISCV_1, .noc = NOC::RISCV_1_default,\n"
        "                           .compile_args = reader_args});\n";
  os << "    KernelHandle writer = CreateKernel(program, \"kernels/writer.cpp\", cores,\n"
        "        DataMovementConfig{.processor = DataMovementProcessor::RISCV_0, .noc = NOC::RISCV_0_default,\n"
        "                           .compile_args = writer_args});\n";
  std::string defines;
  if (table.reduceDefinesFromHost && usesReduce(p.computeKernel))
    defines = ",\n                      .defines = {{\"REDUCE_OP\", \"PoolType::SUM\"}, {\"REDUCE_DIM\", \"ReduceDim::REDUCE_ROW\"}}";
  os << fmt::format("    KernelHandle compute = CreateKernel(program, \"kernels/compute.cpp\", cores,\n"
                    "        ComputeConfig{{.math_fidelity = {}MathFidelity::{}, .fp32_dest_acc_en = {}, .math_approx_mode = {}{}}});\n\n",
                    table.hostTypeScope, mathFidelityName(p.compute.mathFidelity), p.compute.fp32DestAcc ? "true" : "false",
                    p.compute.mathApprox ? "true" : "false", defines);
  os << "    // Each core's share of the grid of blocks (policy " << p.schedule.policy << ", order " << p.schedule.order
     << ")\n";
  os << fmt::format("    const uint32_t grid_x = {}, grid_y = {}, grid_z = {};\n", cxx(p.schedule.grid[0]),
                    cxx(p.schedule.grid[1]), cxx(p.schedule.grid[2]));
  if (!p.mcasts.empty()) {
    os << "    // Multicast of shared A/B blocks: one pair of semaphores per multicast tile\n";
    for (const McastPlan &m : p.mcasts)
      os << fmt::format("    const uint32_t {0}_sender_sem = CreateSemaphore(program, cores, 0);\n"
                        "    const uint32_t {0}_receiver_sem = CreateSemaphore(program, cores, 0);\n",
                        m.prefix);
    os << fmt::format("    auto noc_xy = [&](uint32_t x, uint32_t y) {{ return {}->worker_core_from_logical_core({}CoreCoord{{x, y}}); }};\n",
                      table.meshDevice ? "mesh" : "device", table.hostTypeScope);
  }
  os << "    for (uint32_t core = 0; core < cores_x * cores_y; ++core) {\n"
        "        const " << table.hostTypeScope << "CoreCoord c{core % cores_x, core / cores_x};\n"
        "        const std::array<uint32_t, 4> s = schedule_args(core, cores_x, cores_y, grid_x, grid_y, grid_z);\n";
  for (const KernelPlan *k : {&p.reader, &p.writer, &p.computeKernel}) {
    std::vector<std::string> values;
    for (const RuntimeArg &a : k->runtimeArgs)
      values.push_back(argValue(p, a));
    std::string name = k == &p.reader ? "reader" : k == &p.writer ? "writer" : "compute";
    os << fmt::format("        SetRuntimeArgs(program, {}, c, {{{}}});\n", name, joinArgs(values));
  }
  os << "    }\n\n";
}

void emitLaunch(std::ostringstream &os, const TTProgram &p, const ApiTable &table) {
  os << "    // Inputs in tile layout, run, outputs back to row-major\n";
  for (const TensorPlan &t : p.tensors) {
    if (!t.read)
      continue;
    std::string n = cxxName(t.buffer);
    // A named vector: the SDK's EnqueueWriteBuffer (and the 2025 EnqueueWriteMeshBuffer) take the
    // source as std::vector<T>&, which a temporary cannot bind to; it lives until Finish below.
    os << fmt::format("    std::vector<uint32_t> {0}_in = to_pages(tensors[{1}], {0}_layout);\n", n, t.paramIndex);
    if (table.meshDevice)
      os << fmt::format("    distributed::EnqueueWriteMeshBuffer(cq, {0}_buffer, {0}_in, false);\n", n);
    else
      os << fmt::format("    EnqueueWriteBuffer(cq, {0}_buffer, {0}_in, false);\n", n);
  }
  if (table.meshDevice)
    os << "    distributed::MeshWorkload workload;\n"
          "    workload.add_program(distributed::MeshCoordinateRange(mesh->shape()), std::move(program));\n"
          "    distributed::EnqueueMeshWorkload(cq, workload, false);\n"
          "    distributed::Finish(cq);\n";
  else
    os << "    EnqueueProgram(cq, program, false);\n    Finish(cq);\n";
  for (const TensorPlan &t : p.tensors) {
    if (!t.written)
      continue;
    std::string n = cxxName(t.buffer);
    os << fmt::format("    std::vector<uint32_t> {}_pages;\n", n);
    if (table.meshDevice)
      os << fmt::format("    distributed::EnqueueReadMeshBuffer(cq, {0}_pages, {0}_buffer, true);\n", n);
    else
      os << fmt::format("    EnqueueReadBuffer(cq, {0}_buffer, {0}_pages, true);\n", n);
    os << fmt::format("    from_pages({0}_pages, tensors[{1}], {0}_layout);\n", n, t.paramIndex);
  }
  os << (table.meshDevice ? "    mesh->close();\n" : "    CloseDevice(device);\n");
}

std::string paramList(const TTProgram &p) {
  std::vector<std::string> names;
  for (const TensorPlan &t : p.tensors)
    names.push_back(t.buffer->name);
  return joinArgs(names);
}

} // namespace

std::string printHostHeader(const TTProgram &p) {
  std::ostringstream os;
  os << "// host.hpp — generated by tilec: the host entry point of '" << p.func->name << "'.\n"
     << "#pragma once\n#include <cstdint>\n#include <vector>\n\n"
     << "// One kernel argument on the host: its shape and its values in row-major order.\n"
     << "struct HostTensor {\n    std::vector<uint32_t> shape;\n    std::vector<float> values;\n};\n\n"
     << "// Runs '" << p.func->name << "' on device 0. `tensors`: one per kernel parameter (" << paramList(p)
     << "),\n// in signature order; outputs are overwritten with the results. `sizes`: the symbolic sizes ("
     << joinArgs(p.sizeVars) << ").\n"
     << "void " << hostFunctionName(p) << "(std::vector<HostTensor>& tensors, const std::vector<uint32_t>& sizes);\n";
  return os.str();
}

std::string printHost(const TTProgram &p) {
  const ApiTable &table = apiTable(p.level);
  std::ostringstream os;
  os << "// host.cpp — generated by tilec from '" << p.func->name << "' (TT-Metalium API level " << apiLevelName(p.level)
     << ": " << table.release << ").\n// Creates the DRAM buffers, circular buffers and kernels, gives every core its runtime args,\n"
     << "// writes the inputs in tile layout, runs the program and reads the outputs back.\n";
  os << "#include \"host.hpp\"\n\n#include <tt-metalium/host_api.hpp>\n";
  if (table.meshDevice)
    os << "#include <tt-metalium/distributed.hpp>\n#include <tt-metalium/tensor_accessor_args.hpp>\n";
  else
    os << "#include <tt-metalium/device.hpp>\n";
  os << "\n#include <algorithm>\n#include <array>\n#include <cmath>\n#include <cstring>\n#include <stdexcept>\n#include <string>\n\n";
  os << "using namespace tt;\nusing namespace tt::tt_metal;\n\nnamespace {\n\n";
  if (p.schedule.order == "z_order")
    os << "uint32_t next_pow2(uint32_t v) {\n    uint32_t p = 1;\n    while (p < v) p <<= 1;\n    return p;\n}\n\n";
  os << hostScheduleFunction(p.schedule) << "\n" << floatBitsSource() << "\n" << kPageHelpers << "\n}  // namespace\n\n";
  os << "void " << hostFunctionName(p) << "(std::vector<HostTensor>& tensors, const std::vector<uint32_t>& sizes) {\n";
  for (size_t i = 0; i < p.func->sizeVars.size(); ++i)
    os << fmt::format("    const uint32_t {} = sizes.at({});\n", cxxName(p.func->sizeVars[i]), i);
  if (p.sizeVars.empty())
    os << "    (void)sizes;\n";
  os << fmt::format("    constexpr uint32_t cores_x = {}, cores_y = {};  // --grid {}x{} of the {} ({}x{})\n",
                    p.schedule.coresX, p.schedule.coresY, p.schedule.coresX, p.schedule.coresY, p.arch.card,
                    p.arch.gridX, p.arch.gridY);
  if (table.meshDevice)
    os << "    auto mesh = distributed::MeshDevice::create_unit_mesh(0);\n"
          "    distributed::MeshCommandQueue& cq = mesh->mesh_command_queue();\n";
  else
    os << "    IDevice* device = CreateDevice(0);\n    CommandQueue& cq = device->command_queue();\n";
  os << "    Program program = CreateProgram();\n"
        "    const " << table.hostTypeScope << "CoreRange cores({0, 0}, {cores_x - 1, cores_y - 1});\n\n";
  emitBuffers(os, p, table);
  emitCircularBuffers(os, p);
  emitKernels(os, p, table);
  emitLaunch(os, p, table);
  os << "}\n";
  return os.str();
}

std::string printMain(const TTProgram &p) {
  std::ostringstream os;
  os << "// main.cpp — generated by tilec: runs '" << p.func->name << "' on tensors from .npy files.\n"
     << "// usage: program IN_DIR OUT_DIR [SIZE=VALUE ...]\n"
     << "//   reads IN_DIR/<param>.npy for every parameter (" << paramList(p)
     << "), float32, C order;\n//   writes OUT_DIR/<output>.npy for every output.\n";
  os << R"(#include "host.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

HostTensor load_npy(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    char magic[8];
    in.read(magic, 8);
    if (std::memcmp(magic, "\x93NUMPY", 6) != 0) throw std::runtime_error(path + ": not a .npy file");
    uint32_t header_len = 0;
    if (magic[6] == 1) {
        uint16_t n;
        in.read(reinterpret_cast<char*>(&n), 2);
        header_len = n;
    } else {
        in.read(reinterpret_cast<char*>(&header_len), 4);
    }
    std::string header(header_len, ' ');
    in.read(header.data(), header_len);
    if (header.find("'<f4'") == std::string::npos || header.find("'fortran_order': False") == std::string::npos)
        throw std::runtime_error(path + ": expected float32 in C order");
    HostTensor t;
    std::string dims = header.substr(header.find('(') + 1, header.find(')') - header.find('(') - 1);
    std::stringstream ss(dims);
    for (std::string d; std::getline(ss, d, ',');)
        if (d.find_first_of("0123456789") != std::string::npos) t.shape.push_back(uint32_t(std::stoul(d)));
    size_t n = 1;
    for (uint32_t d : t.shape) n *= d;
    t.values.resize(n);
    in.read(reinterpret_cast<char*>(t.values.data()), std::streamsize(n * sizeof(float)));
    if (!in) throw std::runtime_error(path + ": truncated");
    return t;
}

void save_npy(const std::string& path, const HostTensor& t) {
    std::string shape;
    for (uint32_t d : t.shape) shape += std::to_string(d) + ", ";
    if (t.shape.size() > 1) shape.erase(shape.size() - 2);
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape + "), }";
    while ((10 + header.size() + 1) % 64) header += ' ';
    header += '\n';
    std::ofstream out(path, std::ios::binary);
    out.write("\x93NUMPY\x01\x00", 8);
    uint16_t len = uint16_t(header.size());
    out.write(reinterpret_cast<const char*>(&len), 2);
    out << header;
    out.write(reinterpret_cast<const char*>(t.values.data()), std::streamsize(t.values.size() * sizeof(float)));
    if (!out) throw std::runtime_error("cannot write " + path);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const std::string in_dir = argc > 1 ? argv[1] : "inputs", out_dir = argc > 2 ? argv[2] : "outputs";
)";
  os << "        const char* params[] = {";
  for (size_t i = 0; i < p.tensors.size(); ++i)
    os << (i ? ", " : "") << "\"" << p.tensors[i].buffer->name << "\"";
  os << "};\n        const char* size_names[] = {\"\"";
  for (const std::string &s : p.sizeVars)
    os << ", \"" << s << "\"";
  os << "};\n";
  os << fmt::format("        std::vector<uint32_t> sizes({}, 0);\n", p.sizeVars.size());
  os << R"(        for (int a = 3; a < argc; ++a) {
            std::string arg = argv[a];
            size_t eq = arg.find('=');
            for (size_t s = 1; eq != std::string::npos && s < sizeof(size_names) / sizeof(size_names[0]); ++s)
                if (arg.substr(0, eq) == size_names[s]) sizes[s - 1] = uint32_t(std::stoul(arg.substr(eq + 1)));
        }
        std::vector<HostTensor> tensors;
        for (const char* name : params) tensors.push_back(load_npy(in_dir + "/" + name + ".npy"));
)";
  os << "        " << hostFunctionName(p) << "(tensors, sizes);\n";
  for (const TensorPlan &t : p.tensors)
    if (t.written)
      os << fmt::format("        save_npy(out_dir + \"/{}.npy\", tensors[{}]);\n", t.buffer->name, t.paramIndex);
  os << R"(    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
)";
  return os.str();
}

std::string printCMakeLists(const TTProgram &p) {
  std::string name = identifier(p.func->name);
  return fmt::format(R"(# Generated by tilec: builds '{0}' against a TT-Metalium install (API level {1}: {2}).
#   cmake -S . -B build -DCMAKE_PREFIX_PATH=$TT_METAL_HOME/build && cmake --build build
#   cd <this dir> && ./build/{0} inputs outputs      (kernels/ are JIT-compiled at CreateKernel)
cmake_minimum_required(VERSION 3.22)
project({0} LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
find_package(TT-Metalium REQUIRED)
add_executable({0} host.cpp main.cpp)
target_link_libraries({0} PRIVATE TT::Metalium)
)",
                     name, apiLevelName(p.level), apiTable(p.level).release);
}

} // namespace tilec::tt
