// Minimal .npy (NumPy format 1.0) reading and writing for host programs that exchange arrays with
// files in their working directory (tilec's TT backend emits a main.cpp that loads inputs and writes
// outputs this way). Supports little-endian float32 ('<f4'), int32 ('<i4') and uint16 ('<u2', how
// bf16 bit patterns travel), C order.
#pragma once
#include <cstdint>
#include <cstring>
#include <fstream>
#include <type_traits>
#include <stdexcept>
#include <string>
#include <vector>

namespace tilec::sim::npy {

template <typename T>
constexpr const char* dtypeOf() {
  if constexpr (std::is_same_v<T, float>) return "<f4";
  else if constexpr (std::is_same_v<T, int32_t>) return "<i4";
  else if constexpr (std::is_same_v<T, uint16_t>) return "<u2";
  else static_assert(sizeof(T) == 0, "npy: unsupported element type");
}

template <typename T>
void save(const std::string& path, const std::vector<T>& data, const std::vector<size_t>& shape) {
  std::string dims;
  for (size_t d : shape) dims += std::to_string(d) + ",";
  if (shape.size() > 1) dims.pop_back();
  std::string header = std::string("{'descr': '") + dtypeOf<T>() + "', 'fortran_order': False, 'shape': (" + dims + "), }";
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("npy: cannot write " + path);
  out.write("\x93NUMPY\x01\x00", 8);
  uint16_t len = uint16_t(header.size());
  out.write(reinterpret_cast<const char*>(&len), 2);
  out << header;
  out.write(reinterpret_cast<const char*>(data.data()), std::streamsize(data.size() * sizeof(T)));
}

template <typename T>
std::vector<T> load(const std::string& path, std::vector<size_t>* shapeOut = nullptr) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("npy: cannot read " + path);
  char magic[8];
  in.read(magic, 8);
  if (std::memcmp(magic, "\x93NUMPY", 6) != 0) throw std::runtime_error("npy: " + path + " is not a .npy file");
  uint32_t len = 0;
  if (magic[6] == 1) {
    uint16_t l16;
    in.read(reinterpret_cast<char*>(&l16), 2);
    len = l16;
  } else {
    in.read(reinterpret_cast<char*>(&len), 4);
  }
  std::string header(len, ' ');
  in.read(header.data(), len);
  if (header.find(dtypeOf<T>()) == std::string::npos)
    throw std::runtime_error("npy: " + path + " does not hold " + dtypeOf<T>() + " data: " + header);
  if (header.find("'fortran_order': True") != std::string::npos)
    throw std::runtime_error("npy: " + path + " is in Fortran order");
  std::vector<size_t> shape;
  size_t open = header.find('(', header.find("'shape'")), close = header.find(')', open);
  std::string dims = header.substr(open + 1, close - open - 1);
  size_t count = 1, pos = 0;
  while (pos < dims.size()) {
    size_t comma = dims.find(',', pos);
    std::string item = dims.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (item.find_first_of("0123456789") != std::string::npos) {
      shape.push_back(std::stoul(item));
      count *= shape.back();
    }
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  std::vector<T> data(count);
  in.read(reinterpret_cast<char*>(data.data()), std::streamsize(count * sizeof(T)));
  if (!in) throw std::runtime_error("npy: " + path + " is truncated");
  if (shapeOut) *shapeOut = shape;
  return data;
}

}  // namespace tilec::sim::npy
