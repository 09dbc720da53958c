#include "fault_handler.hpp"

#include <dlfcn.h>
#include <fmt/format.h>
#include <signal.h>
#include <ucontext.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "diagnostics.hpp"
#include "l1_window.hpp"
#include "scheduler.hpp"
#include "simulator.hpp"

namespace tilec::sim::rt {

namespace {

// Kernels are compiled with line tables (-g1): addr2line turns the faulting pc into file:line.
abi::Loc sourceLineOf(uintptr_t pc) {
  Dl_info info{};
  if (!dladdr(reinterpret_cast<void*>(pc), &info) || !info.dli_fname) return {nullptr, 0};
  std::string cmd = fmt::format("addr2line -e '{}' {:#x} 2>/dev/null", info.dli_fname,
                                pc - reinterpret_cast<uintptr_t>(info.dli_fbase));
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return {nullptr, 0};
  char line[4096] = {0};
  bool got = std::fgets(line, sizeof line, p) != nullptr;
  pclose(p);
  if (!got) return {nullptr, 0};
  std::string text(line);
  text = text.substr(0, text.find_first_of(" \n"));
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || text.compare(0, 2, "??") == 0) return {nullptr, 0};
  int lineNo = std::atoi(text.c_str() + colon + 1);
  if (lineNo <= 0) return {nullptr, 0};
  std::string file = text.substr(0, colon);
  // Name the file as the program named it (relative to its directory), like every other diagnostic.
  std::error_code ec;
  std::string cwd = std::filesystem::current_path(ec).string() + "/";
  if (file.compare(0, cwd.size(), cwd) == 0) file = file.substr(cwd.size());
  static std::string kept;  // the Loc outlives this frame; we stop right after reporting
  kept = file;
  return {kept.c_str(), lineNo};
}

std::string describeAddress(uintptr_t addr, const KernelInstance& k, uintptr_t sp) {
  Machine& m = Simulator::get().machine();
  const L1Window& w = L1Window::instance();
  const ArchSpec& arch = m.arch();
  std::string l1 = fmt::format("this core's L1 is device addresses [{:#x}, {:#x}) on {}", w.floor() ? w.floor() : arch.l1UnreservedBase,
                               arch.l1Size, arch.name);
  if (addr < 4096) return fmt::format("a null pointer ({})", l1);
  if (addr < sp + 4096 && sp - addr < (1u << 20))
    return "the kernel overran its stack (512 KiB per kernel; large local arrays belong in L1 or a CB)";
  if (addr < arch.l1UnreservedBase)
    return fmt::format("in the reserved low region of L1 below {:#x} (firmware, mailboxes, runtime args, semaphores), which "
                       "kernels reach only through get_arg_addr/get_semaphore ({})",
                       arch.l1UnreservedBase, l1);
  if (addr >= arch.l1Size && addr < kL1SlotBytes) return fmt::format("past the end of L1 ({})", l1);
  if (addr < arch.l1Size && !w.reserved())
    return fmt::format("a raw L1 address, but this process could not reserve the device address range to map L1 at ({})", l1);
  if (auto core = m.coreOfHostAddr(addr)) {
    uint64_t offset = addr - reinterpret_cast<uintptr_t>(m.l1(*core));
    return fmt::format("{:#x} bytes into the L1 slot of core ({},{}), past the end of its L1 ({} bytes)", offset,
                       m.logicalX(*core), m.logicalY(*core), arch.l1Size);
  }
  (void)k;
  return fmt::format("not an L1 address ({})", l1);
}

[[noreturn]] void reportKernelFault(int sig, uintptr_t addr, uintptr_t pc, uintptr_t sp, KernelInstance& k) {
  abi::Loc loc = sourceLineOf(pc);
  std::string what = sig == SIGFPE ? "arithmetic exception (integer division by zero?)"
                                   : fmt::format("invalid memory access at {:#x}: {}", addr, describeAddress(addr, k, sp));
  if (loc.file) fail(loc, what);
  std::fprintf(stderr, "tilec-sim: error: %s (no source line: the fault is outside the kernel's own code) [%s]\n", what.c_str(),
               k.describe().c_str());
  stopSimulation();
}

void onFault(int sig, siginfo_t* si, void* context) {
  uintptr_t addr = reinterpret_cast<uintptr_t>(si->si_addr);
  KernelInstance* k = Scheduler::instance().current();
  if (sig == SIGSEGV && L1Window::instance().mapOnFault(addr, k)) return;  // first touch: retry the access
  static volatile sig_atomic_t reporting = 0;
  if (k && !reporting) {
    reporting = 1;
    auto* uc = static_cast<ucontext_t*>(context);
#if defined(__x86_64__)
    uintptr_t pc = uintptr_t(uc->uc_mcontext.gregs[REG_RIP]), sp = uintptr_t(uc->uc_mcontext.gregs[REG_RSP]);
#elif defined(__aarch64__)
    uintptr_t pc = uintptr_t(uc->uc_mcontext.pc), sp = uintptr_t(uc->uc_mcontext.sp);
#else
    uintptr_t pc = 0, sp = 0;
#endif
    reportKernelFault(sig, addr, pc, sp, *k);
  }
  // Not in a kernel (the host program itself): the default action, as without the simulator.
  signal(sig, SIG_DFL);
}

}  // namespace

void installFaultHandler() {
  static bool installed = false;
  if (installed) return;
  installed = true;
  struct sigaction sa{};
  sa.sa_sigaction = onFault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE}) sigaction(sig, &sa, nullptr);
}

void ensureFaultStack() {
  static thread_local bool done = false;
  if (done) return;
  done = true;
  static thread_local char* stack = nullptr;
  size_t size = 256 * 1024;
  stack = static_cast<char*>(std::malloc(size));
  stack_t ss{};
  ss.ss_sp = stack;
  ss.ss_size = size;
  sigaltstack(&ss, nullptr);
}

}  // namespace tilec::sim::rt
