#include "support/Npy.h"

#include <cctype>
#include <cstring>
#include <fstream>
#include <sstream>

namespace tilec::npy {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
constexpr size_t kAlignment = 64; // NumPy aligns the data start to 64 bytes

struct Header {
  std::string descr;
  bool fortranOrder = false;
  std::vector<int64_t> shape;
  bool haveDescr = false, haveOrder = false, haveShape = false;
};

// The header is a Python dict literal: {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }.
// Only the three keys NumPy writes are accepted; anything else is a malformed header.
class HeaderParser {
public:
  HeaderParser(std::string_view text, const std::string &name) : text_(text), name_(name) {}

  Header parse() {
    Header h;
    expect('{');
    while (!peek('}')) {
      std::string key = quoted();
      expect(':');
      if (key == "descr") {
        h.descr = quoted();
        h.haveDescr = true;
      } else if (key == "fortran_order") {
        h.fortranOrder = boolean();
        h.haveOrder = true;
      } else if (key == "shape") {
        h.shape = tuple();
        h.haveShape = true;
      } else {
        failHere("unknown key '" + key + "'");
      }
      if (!peek('}'))
        expect(',');
    }
    expect('}');
    if (!h.haveDescr || !h.haveOrder || !h.haveShape)
      fail("the header lacks one of 'descr', 'fortran_order' and 'shape'");
    return h;
  }

private:
  [[noreturn]] void fail(const std::string &what) const {
    throw Error(name_ + ": malformed .npy header: " + what);
  }
  [[noreturn]] void failHere(const std::string &what) const {
    fail(what + " at offset " + std::to_string(pos_) + " of \"" + std::string(text_) + "\"");
  }
  void skipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])))
      ++pos_;
  }
  bool peek(char c) {
    skipSpace();
    return pos_ < text_.size() && text_[pos_] == c;
  }
  void expect(char c) {
    if (!peek(c))
      failHere(std::string("expected '") + c + "'");
    ++pos_;
  }
  std::string quoted() {
    skipSpace();
    if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"'))
      failHere("expected a quoted string");
    char quote = text_[pos_++];
    size_t end = text_.find(quote, pos_);
    if (end == std::string_view::npos)
      failHere("unterminated string");
    std::string s(text_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return s;
  }
  bool boolean() {
    skipSpace();
    for (auto [word, value] : {std::pair{"True", true}, std::pair{"False", false}})
      if (text_.substr(pos_, std::strlen(word)) == word) {
        pos_ += std::strlen(word);
        return value;
      }
    failHere("expected True or False");
  }
  std::vector<int64_t> tuple() {
    std::vector<int64_t> dims;
    expect('(');
    while (!peek(')')) {
      size_t start = pos_;
      int64_t d = 0;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
        if (d > (INT64_MAX - 9) / 10)
          failHere("a dimension too large");
        d = d * 10 + (text_[pos_++] - '0');
      }
      if (pos_ == start)
        failHere("expected a dimension");
      dims.push_back(d);
      if (!peek(')'))
        expect(',');
    }
    expect(')');
    return dims;
  }

  std::string_view text_;
  const std::string &name_;
  size_t pos_ = 0;
};

ElementType typeOfDescr(const std::string &descr, const std::string &name) {
  for (ElementType t : {ElementType::Float32, ElementType::Float16, ElementType::BFloat16,
                        ElementType::Int32})
    if (descr == descrOf(t))
      return t;
  throw Error(name + ": unsupported .npy element type '" + descr +
              "' (tilec reads <f4, <f2, <u2 as bfloat16 bits, and <i4)");
}

uint32_t readLittleEndian(std::string_view bytes, size_t at, size_t width) {
  uint32_t v = 0;
  for (size_t i = 0; i < width; ++i)
    v |= uint32_t(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  return v;
}

size_t countOf(const std::vector<int64_t> &shape) {
  size_t n = 1;
  for (int64_t d : shape)
    n *= static_cast<size_t>(d);
  return n;
}

} // namespace

const char *descrOf(ElementType type) {
  switch (type) {
  case ElementType::Float32: return "<f4";
  case ElementType::Float16: return "<f2";
  case ElementType::BFloat16: return "<u2";
  case ElementType::Int32: return "<i4";
  }
  return "";
}

size_t bytesPerElement(ElementType type) {
  return type == ElementType::Float32 || type == ElementType::Int32 ? 4 : 2;
}

size_t Array::elementCount() const { return countOf(shape); }

std::string encode(const Array &array) {
  if (array.data.size() != array.elementCount() * bytesPerElement(array.type))
    throw Error("npy: " + std::to_string(array.data.size()) + " bytes of data do not fill a " +
                descrOf(array.type) + " array of " + std::to_string(array.elementCount()) +
                " elements");
  std::string dims;
  for (size_t i = 0; i < array.shape.size(); ++i)
    dims += (i ? ", " : "") + std::to_string(array.shape[i]);
  if (array.shape.size() == 1)
    dims += ","; // Python's one-element tuple
  std::string header = std::string("{'descr': '") + descrOf(array.type) +
                       "', 'fortran_order': False, 'shape': (" + dims + "), }";
  size_t unpadded = kMagicSize + 2 + 2 + header.size() + 1; // magic, version, length, '\n'
  header.append((kAlignment - unpadded % kAlignment) % kAlignment, ' ');
  header += '\n';
  std::string out(kMagic, kMagicSize);
  out += '\x01';
  out += '\x00';
  out += static_cast<char>(header.size() & 0xFF);
  out += static_cast<char>(header.size() >> 8);
  out += header;
  out.append(reinterpret_cast<const char *>(array.data.data()), array.data.size());
  return out;
}

Array decode(std::string_view bytes, const std::string &name) {
  if (bytes.size() < kMagicSize + 2 || bytes.substr(0, kMagicSize) != std::string_view(kMagic, kMagicSize))
    throw Error(name + ": not a .npy file (no \\x93NUMPY magic)");
  int major = static_cast<unsigned char>(bytes[kMagicSize]);
  if (major < 1 || major > 3)
    throw Error(name + ": unsupported .npy format version " + std::to_string(major));
  size_t lengthWidth = major == 1 ? 2 : 4;
  size_t headerStart = kMagicSize + 2 + lengthWidth;
  if (bytes.size() < headerStart)
    throw Error(name + ": truncated .npy header");
  size_t headerLength = readLittleEndian(bytes, kMagicSize + 2, lengthWidth);
  if (bytes.size() < headerStart + headerLength)
    throw Error(name + ": truncated .npy header (" + std::to_string(headerLength) +
                " bytes announced, " + std::to_string(bytes.size() - headerStart) + " present)");
  Header h = HeaderParser(bytes.substr(headerStart, headerLength), name).parse();
  if (h.fortranOrder)
    throw Error(name + ": the array is in Fortran order; tilec reads C order only");
  Array a;
  a.type = typeOfDescr(h.descr, name);
  a.shape = h.shape;
  size_t need = a.elementCount() * bytesPerElement(a.type);
  std::string_view payload = bytes.substr(headerStart + headerLength);
  if (payload.size() < need)
    throw Error(name + ": truncated .npy data (" + std::to_string(payload.size()) +
                " bytes, the shape needs " + std::to_string(need) + ")");
  a.data.assign(payload.begin(), payload.begin() + static_cast<std::ptrdiff_t>(need));
  return a;
}

void save(const std::string &path, const Array &array) {
  std::string bytes = encode(array);
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out)
    throw Error(path + ": cannot write");
}

Array load(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(path + ": cannot read");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return decode(bytes.str(), path);
}

void saveFloat32(const std::string &path, const std::vector<float> &values,
                 const std::vector<int64_t> &shape) {
  Array a;
  a.shape = shape;
  a.data.resize(values.size() * sizeof(float));
  std::memcpy(a.data.data(), values.data(), a.data.size());
  save(path, a);
}

std::vector<float> loadFloat32(const std::string &path, std::vector<int64_t> *shape) {
  Array a = load(path);
  if (a.type != ElementType::Float32)
    throw Error(path + ": holds " + descrOf(a.type) + " data, not float32 (<f4)");
  std::vector<float> values(a.elementCount());
  std::memcpy(values.data(), a.data.data(), a.data.size());
  if (shape)
    *shape = a.shape;
  return values;
}

} // namespace tilec::npy
