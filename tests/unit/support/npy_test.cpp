// support/Npy: the one .npy reader and writer (the tt-sim run target, the TT unit tests, the
// GEMM benchmark). Round trips of each element type tilec exchanges, NumPy's header layout, and
// the files it refuses with a message that says why.
#include "support/FloatBits.h"
#include "support/Npy.h"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <unistd.h>

namespace tilec::npy {
namespace {

template <class T> Array arrayOf(ElementType type, std::vector<int64_t> shape, const std::vector<T> &values) {
  Array a;
  a.type = type;
  a.shape = std::move(shape);
  a.data.resize(values.size() * sizeof(T));
  std::memcpy(a.data.data(), values.data(), a.data.size());
  return a;
}

template <class T> std::vector<T> valuesOf(const Array &a) {
  std::vector<T> v(a.data.size() / sizeof(T));
  std::memcpy(v.data(), a.data.data(), a.data.size());
  return v;
}

std::string errorOf(std::string_view bytes) {
  try {
    decode(bytes, "x.npy");
  } catch (const Error &e) {
    return e.what();
  }
  return "";
}

// A version 1.0 file around a hand-written header (padding not needed to be read).
std::string withHeader(const std::string &header, size_t dataBytes = 0) {
  std::string out("\x93NUMPY\x01\x00", 8);
  out += static_cast<char>(header.size() & 0xFF);
  out += static_cast<char>(header.size() >> 8);
  return out + header + std::string(dataBytes, '\0');
}

TEST(Npy, RoundTripsEachElementTypeAndShape) {
  const std::vector<uint16_t> halfs = {floatbits::floatToHalfBits(1.5f), floatbits::floatToHalfBits(-2.0f)};
  const std::vector<uint16_t> bf16s = {floatbits::floatToBf16Bits(0.25f), floatbits::floatToBf16Bits(-3.0f),
                                       floatbits::floatToBf16Bits(7.0f), 0, 0, 0};
  const std::vector<Array> arrays = {
      arrayOf<float>(ElementType::Float32, {2, 3}, {1, 2, 3, 4, 5, -6.5f}),
      arrayOf<uint16_t>(ElementType::Float16, {2}, halfs),
      arrayOf<uint16_t>(ElementType::BFloat16, {1, 2, 3}, bf16s),
      arrayOf<int32_t>(ElementType::Int32, {}, {-7}),
  };
  for (const Array &a : arrays) {
    std::string bytes = encode(a);
    EXPECT_EQ((bytes.size() - a.data.size()) % 64, 0u) << "data starts 64-byte aligned";
    Array back = decode(bytes, "mem.npy");
    EXPECT_EQ(back.type, a.type);
    EXPECT_EQ(back.shape, a.shape);
    EXPECT_EQ(back.data, a.data);
  }
  EXPECT_EQ(valuesOf<int32_t>(decode(encode(arrays[3]), "m"))[0], -7);
  EXPECT_EQ(floatbits::halfBitsToFloat(valuesOf<uint16_t>(decode(encode(arrays[1]), "m"))[0]), 1.5f);
}

TEST(Npy, WritesNumPysHeader) {
  std::string bytes = encode(arrayOf<float>(ElementType::Float32, {4}, {0, 0, 0, 0}));
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
  size_t length = static_cast<unsigned char>(bytes[8]) | static_cast<unsigned char>(bytes[9]) << 8;
  std::string header = bytes.substr(10, length);
  EXPECT_EQ(header.rfind("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }", 0), 0u);
  EXPECT_EQ(header.back(), '\n');
}

TEST(Npy, ReadsFilesAndFloat32Helpers) {
  std::string path = (std::filesystem::temp_directory_path() /
                      ("tilec-npy-test-" + std::to_string(::getpid()) + ".npy")).string();
  saveFloat32(path, {1.0f, -2.5f, 3.25f, 0.0f}, {2, 2});
  std::vector<int64_t> shape;
  EXPECT_EQ(loadFloat32(path, &shape), (std::vector<float>{1.0f, -2.5f, 3.25f, 0.0f}));
  EXPECT_EQ(shape, (std::vector<int64_t>{2, 2}));
  save(path, arrayOf<int32_t>(ElementType::Int32, {1}, {5}));
  try {
    loadFloat32(path);
    ADD_FAILURE() << "an int32 file read as float32";
  } catch (const Error &e) {
    EXPECT_NE(std::string(e.what()).find("holds <i4 data, not float32"), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
  EXPECT_THROW(load(path), Error);
}

TEST(Npy, RejectsMalformedFilesSayingWhy) {
  EXPECT_EQ(errorOf("PK\x03\x04 a zip file"), "x.npy: not a .npy file (no \\x93NUMPY magic)");
  EXPECT_EQ(errorOf(withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), ")),
            "x.npy: malformed .npy header: expected a quoted string at offset 58 of \"{'descr': "
            "'<f4', 'fortran_order': False, 'shape': (2, 3), \"");
  EXPECT_NE(errorOf(withHeader("{'descr': '<f4', 'shape': (2,), }")).find("lacks one of"),
            std::string::npos);
  EXPECT_NE(errorOf(withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, x), }"))
                .find("expected a dimension"),
            std::string::npos);
  EXPECT_NE(errorOf(withHeader("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", 8))
                .find("unsupported .npy element type '>f4'"),
            std::string::npos);
  EXPECT_NE(errorOf(withHeader("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", 8))
                .find("Fortran order"),
            std::string::npos);
  EXPECT_EQ(errorOf(withHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", 12)),
            "x.npy: truncated .npy data (12 bytes, the shape needs 16)");
  EXPECT_EQ(errorOf(std::string("\x93NUMPY\x01\x00\x40\x00{'descr'", 17)),
            "x.npy: truncated .npy header (64 bytes announced, 7 present)");
}

} // namespace
} // namespace tilec::npy
