// The lowered Tenstorrent program: what the TT passes decide and the printers print.
//
// One object holds the three kernels, the circular-buffer plan, the tensors and the host plan, so
// host.cpp, the kernels and tt.plan.json cannot disagree (docs/TT_BACKEND.md).
#pragma once

#include "ir/IR.h"
#include "target/tt/Arch.h"
#include "target/tt/KernelIR.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tilec::tt {

enum class ApiLevel { V2025, V2026 };
const char *apiLevelName(ApiLevel level); // "2025" | "2026"

// How a 1-D tensor sits in tiles (docs/TT_BACKEND.md).
enum class VectorLayout { None, Row, Col };
const char *vectorLayoutName(VectorLayout l);

// Who produces and who consumes a circular buffer (one of each, always).
enum class CbRole {
  Input,        // reader → compute: a tile read from DRAM
  Output,       // compute → writer: a tile written to DRAM
  Intermediate, // compute → compute: a fragment that lives between tile ops
  Passthrough,  // reader → writer: copied DRAM → L1 → DRAM untouched
  Scaler,       // reader → compute: the reduce scaler tile, filled once
};
const char *cbRoleName(CbRole r);

struct CbPlan {
  int index = 0;           // tt::CBIndex::c_<index>
  std::string name;        // kernel-side constant, e.g. cb_a_shared
  ir::Buffer buffer;       // the tile it holds (null for the scaler)
  ir::DType dtype = ir::DType::BFloat16;
  int pageBytes = 2048;    // one 32x32 tile in the data format
  int valueTiles = 1;      // tiles of one value of the buffer
  int capacityTiles = 1;   // pages in the CB
  CbRole role = CbRole::Input;
  bool streamed = false;   // consumed tile by tile as it arrives (not held whole)
  VectorLayout layout = VectorLayout::None;
  int64_t tileRows = 1, tileCols = 1; // the buffer's tile grid
};

struct TensorPlan {
  ir::Buffer buffer;
  int paramIndex = 0;
  bool read = false, written = false;
  VectorLayout layout = VectorLayout::None;
  bool columnMajorTiles = false; // annotate_tt_sharding layout=column_major
  // Logical dims and tile-grid dims, expressions over the size variables (padded to 32).
  std::vector<KExpr> dims;
  // The order the host stores the logical dims in: the last two are the tiles' rows and columns,
  // the others a batch. The identity except for tensors whose copies move tiles over two other
  // dims (Q[b, rows, h, :] of a (batch, seq, heads, dim) tensor: stored as (batch, heads, seq, dim)).
  std::vector<size_t> order;
  KExpr tileRows, tileCols, batch; // batch = product of the dims stored before the tile's two
  // Elements of the tensor's rows and columns one page holds: 32, or fewer when the kernel moves
  // the tensor in tiles of fewer rows (columns): a 16x64 tile reads pages of 16 rows, each padded
  // to 32 by the host (docs/TT_BACKEND.md, "Tiles smaller than 32").
  int64_t pageRows = 32, pageCols = 32;
  int pageBytes = 2048;
};

// A runtime argument of one kernel on one core: the kernel reads it as `name`.
struct RuntimeArg {
  enum class Kind { BufferAddress, Size, Schedule, Host } kind;
  std::string name;
  int tensor = -1;     // BufferAddress: index into TTProgram::tensors
  std::string sizeVar; // Size: the symbolic size
  int schedSlot = -1;  // Schedule: 0..3 (meaning depends on the policy)
  std::string hostExpr; // Host: C++ in host.cpp's per-core loop (c = the logical core)
};

// A tile the reader of one core reads from DRAM and multicasts to the other cores of its core row
// (the block's A operand: same `by` across the row) or column (B: same `bx`), docs/TT_BACKEND.md.
struct McastPlan {
  const ir::StmtNode *copy = nullptr; // the Copy(global → tile) it replaces
  bool alongRow = true;
  // Column multicasts (B) run on the writer's RISC and NoC, as tt-metal's tuned matmul does, so
  // a core that sends both A and B blocks splits the work over two movers.
  bool inWriter = false;
  std::string prefix;                 // names of its runtime args and semaphores
};

struct KernelPlan {
  enum class Kind { Reader, Compute, Writer } kind;
  std::string file;                 // reader.cpp, compute.cpp, writer.cpp
  std::vector<RuntimeArg> runtimeArgs;
  std::vector<int> accessorTensors; // tensors it reads/writes through an accessor, in CT-arg order
  KBody prologue;                   // before the persistent loop
  KBody perBlock;                   // inside the persistent loop, bx/by/bz already defined
  KBody epilogue;                   // after the loop
};

struct SchedulePlan {
  std::string policy = "contiguous"; // contiguous | strided | block_linear
  std::string order = "row_major";   // row_major | column_major | z_order
  std::vector<ir::Expr> grid;        // block-grid extents (gx, gy, gz), over the sizes
  std::vector<std::optional<int64_t>> gridConst;
  int coresX = 1, coresY = 1;        // cores used
  int chunkKTiles = 0;               // 0: as written
  // The names of the schedule's runtime args (slots 0..3).
  static std::vector<std::string> slotNames(const std::string &policy, const std::string &order);
};

// How many passes the matrix engine makes over the mantissa bits (tt::tt_metal::MathFidelity).
enum class MathFidelity { LoFi, HiFi2, HiFi3, HiFi4 };
const char *mathFidelityName(MathFidelity f);
// Parses "LoFi" ... "HiFi4" (apply-tt-defaults checked the choice); throws std::invalid_argument.
MathFidelity parseMathFidelity(const std::string &text);

struct ComputeSettings {
  MathFidelity mathFidelity = MathFidelity::HiFi4;
  bool fp32DestAcc = false;
  bool mathApprox = false;
  int dstTiles = 8; // per acquire (half-sync)
};

struct TTProgram {
  std::shared_ptr<ir::PrimFunc> func; // the kernel after the TT passes (staged)
  ApiLevel level = ApiLevel::V2025;
  ArchInfo arch;
  std::vector<std::string> sizeVars; // symbolic sizes: runtime arguments of the host function
  // Row or column layout of every 1-D tensor and tile (infer-vector-layouts).
  std::map<const ir::BufferNode *, VectorLayout> vectorLayouts;
  std::vector<TensorPlan> tensors;   // one per kernel parameter, in signature order
  std::vector<CbPlan> cbs;
  SchedulePlan schedule;
  ComputeSettings compute;
  KernelPlan reader{KernelPlan::Kind::Reader, "reader.cpp", {}, {}, {}, {}, {}};
  KernelPlan computeKernel{KernelPlan::Kind::Compute, "compute.cpp", {}, {}, {}, {}, {}};
  KernelPlan writer{KernelPlan::Kind::Writer, "writer.cpp", {}, {}, {}, {}, {}};
  int64_t l1BytesUsed = 0;
  std::vector<McastPlan> mcasts;
  // T.gemm(transpose_A=True): compute transposes A's tiles (transpose_wh_tile) into this tile first,
  // since the matrix engine transposes only in1 (B) tiles.
  std::map<const ir::StmtNode *, ir::Buffer> transposedA;
  // The reduce unit has SUM and MAX only: T.reduce_min reduces -x with MAX (min(x) = -max(-x)),
  // T.reduce_abssum/absmax reduce |x| with SUM/MAX. Compute writes that -x or |x| into this tile.
  std::map<const ir::StmtNode *, ir::Buffer> preparedSrc;

  const CbPlan *cbFor(const ir::Buffer &b) const;
  CbPlan *cbFor(const ir::Buffer &b);
  const CbPlan *scalerCb() const;
  int tensorIndex(const ir::Buffer &b) const; // -1 when not a parameter
};

} // namespace tilec::tt
