// Host include path of hostdevcommon/kernel_structs.h; the one definition lives with the kernel headers.
#pragma once
#include "../device/hostdevcommon/kernel_structs.h"
