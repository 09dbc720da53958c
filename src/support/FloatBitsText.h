// The conversion functions of support/FloatBits.h as source text, for the printers that emit host
// code (the CUDA host shim, the TT host program): generated programs round as the compiler does.
#pragma once

namespace tilec {

const char *floatBitsSource();

} // namespace tilec
