// hostdevcommon/common_values.hpp: constants that host programs and kernels both see (semaphore flag
// values, the defaults of the device-open calls). Host headers include this file too, so the two sides
// can never disagree.
#pragma once
#include <cstddef>
#include <cstdint>

constexpr static std::uint32_t INVALID = 0;
constexpr static std::uint32_t VALID = 1;
constexpr static std::size_t DEFAULT_L1_SMALL_SIZE = 0;
constexpr static std::size_t DEFAULT_TRACE_REGION_SIZE = 0;
constexpr static std::size_t DEFAULT_WORKER_L1_SIZE = 0;
#if !defined(TILEC_SIM_API) || TILEC_SIM_API == 2026  // added after tt-metal v0.63.0
constexpr static std::uint32_t DISPATCH_MAX_MESSAGE_ENTRIES = 8;
constexpr static std::uint32_t MAX_NUM_HW_CQS = 2;
#endif
