#include "support/FloatBitsText.h"

namespace tilec {

// FloatBitsText.inc is the part of FloatBits.h between its markers as a raw string literal,
// written by CMake at configure time (CMakeLists.txt, tilec_support).
const char *floatBitsSource() {
  return
#include "FloatBitsText.inc"
      ;
}

} // namespace tilec
