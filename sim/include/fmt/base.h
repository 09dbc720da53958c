// <fmt/base.h> is fmt 11's core header; programs written against fmt 11 include it. With an older fmt
// (Debian's 9) it does not exist, so this stands in for it with the older core header.
#pragma once
#include <fmt/core.h>
