// A kernel that dereferences a wild pointer or divides by zero must not crash the simulator: the
// fault is reported as a located error (kernel file:line, core, RISC, the address and what it is)
// and the run stops with exit code 4. The same handler serves first touches of the raw-L1 window.
#pragma once

namespace tilec::sim::rt {

// Installs the process-wide SIGSEGV/SIGBUS/SIGFPE handler (once).
void installFaultHandler();
// The handler runs on an alternate stack (a kernel that overflows its fiber stack has none left);
// sigaltstack is per thread, so the thread that runs kernels calls this before it does.
void ensureFaultStack();

}  // namespace tilec::sim::rt
