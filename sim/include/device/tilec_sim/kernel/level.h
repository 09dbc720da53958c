// The API level a kernel is compiled against: the simulator's JIT passes -DTILEC_SIM_API=2025 (tt-metal
// v0.63.0) or 2026 (ttnn 0.81.1) when the program is pinned to one (`tilec sim run --tt-api`, or the
// api_level of the directory's tt.plan.json). At a pinned level the headers declare that release's
// names and signatures only (tests/sdk/check_sim_headers.py checks them against the release), so a name
// of the other era fails to compile here as on hardware. Unpinned (no level): both eras, for
// hand-written programs of any vintage.
#pragma once
#if defined(TILEC_SIM_API) && TILEC_SIM_API != 2025 && TILEC_SIM_API != 2026
#error "TILEC_SIM_API must be 2025 or 2026"
#endif
#if !defined(TILEC_SIM_API) || TILEC_SIM_API == 2025
#define TILEC_SIM_2025 1  // names of tt-metal v0.63.0
#else
#define TILEC_SIM_2025 0
#endif
#if !defined(TILEC_SIM_API) || TILEC_SIM_API == 2026
#define TILEC_SIM_2026 1  // names of ttnn 0.81.1
#else
#define TILEC_SIM_2026 0
#endif
#define TILEC_SIM_UNPINNED (TILEC_SIM_2025 && TILEC_SIM_2026)  // names of neither pinned release (older SDKs)
// A default argument that only the unpinned (older, more permissive) API has: at a pinned level the
// parameter is required, as in the release.
#if TILEC_SIM_UNPINNED
#define TILEC_OLD_DEFAULT(value) = value
#else
#define TILEC_OLD_DEFAULT(value)
#endif
