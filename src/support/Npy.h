// .npy files (NumPy's array format): how tilec's `tt-sim` run target, its tests and benchmarks
// hand tensors to the host programs tilec emits and read the results back.
//
// One element type per file, little-endian, C order. Written as format version 1.0 with the
// header padded so the data starts on a 64-byte boundary, as NumPy writes it; versions 1.0 to 3.0
// are read. NumPy has no bfloat16: bf16 values travel as their 16-bit patterns, '<u2' (as the
// simulator's host library and NumPy users with ml_dtypes exchange them).
//
// The simulator keeps its own header-only copy for the host programs it builds
// (sim/include/tilec_sim/host/npy.hpp): those are compiled against the simulator's include
// folder only, like programs built against a real TT-Metalium install, and cannot see src/.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tilec::npy {

enum class ElementType { Float32, Float16, BFloat16, Int32 };

// The header's 'descr' of an element type: "<f4", "<f2", "<u2", "<i4".
const char *descrOf(ElementType type);
size_t bytesPerElement(ElementType type);

// An array as the file holds it: the element type, the shape and the raw little-endian data.
struct Array {
  ElementType type = ElementType::Float32;
  std::vector<int64_t> shape; // empty for a 0-d array (one element)
  std::vector<uint8_t> data;

  size_t elementCount() const;
};

// A file that is not a .npy tilec can read (bad magic, malformed header, an element type other
// than the four above, Fortran order, less data than the shape needs); the message names the
// file and what is wrong.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// The bytes of a .npy file holding `array`. Throws Error when data and shape disagree.
std::string encode(const Array &array);
// The array in `bytes`; `name` (the file's path) starts every error message.
Array decode(std::string_view bytes, const std::string &name);

// Files. Throw Error (a file that cannot be opened included).
void save(const std::string &path, const Array &array);
Array load(const std::string &path);

// float32 arrays, the common case.
void saveFloat32(const std::string &path, const std::vector<float> &values,
                 const std::vector<int64_t> &shape);
// The values of a float32 file; its shape into `shape` when given.
std::vector<float> loadFloat32(const std::string &path, std::vector<int64_t> *shape = nullptr);

} // namespace tilec::npy
