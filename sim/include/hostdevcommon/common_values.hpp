// Host include path of hostdevcommon/common_values.hpp; the one definition lives with the kernel headers.
#pragma once
#include "../device/hostdevcommon/common_values.hpp"
