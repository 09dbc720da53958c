// Data-movement kernel API (BRISC/NCRISC): CBs, NoC transfers, address generators, TensorAccessor,
// multicast and semaphores, at both API levels (2025: InterleavedAddrGenFast + noc_async_read_tile;
// 2026: TensorAccessor + noc_async_read_page).
#pragma once
#include "tilec_sim/kernel/common.h"


// ---- circular buffers ----
ALWI bool cb_pages_reservable_at_back(uint32_t cb, uint32_t n, TILEC_LOC_PARAMS) {
  return sim_abi::cbPagesReservableAtBack(cb, n, TILEC_LOC);
}
ALWI bool cb_pages_available_at_front(uint32_t cb, uint32_t n, TILEC_LOC_PARAMS) {
  return sim_abi::cbPagesAvailableAtFront(cb, n, TILEC_LOC);
}
ALWI uint32_t get_write_ptr(uint32_t cb, TILEC_LOC_PARAMS) { return sim_abi::cbWritePtr(cb, TILEC_LOC); }
ALWI uint32_t get_read_ptr(uint32_t cb, TILEC_LOC_PARAMS) { return sim_abi::cbReadPtr(cb, TILEC_LOC); }

// ---- identity ----
struct TilecNocCoord {
  bool isX;
  uint32_t operator[](int noc) const { return isX ? sim_abi::myNocX(uint8_t(noc)) : sim_abi::myNocY(uint8_t(noc)); }
};
inline constexpr TilecNocCoord my_x{true};
inline constexpr TilecNocCoord my_y{false};
ALWI uint32_t get_absolute_logical_x() { return sim_abi::myLogicalX(); }
ALWI uint32_t get_absolute_logical_y() { return sim_abi::myLogicalY(); }
ALWI uint32_t get_relative_logical_x() { return sim_abi::myLogicalX(); }
ALWI uint32_t get_relative_logical_y() { return sim_abi::myLogicalY(); }

// ---- NoC addressing ----
ALWI uint64_t get_noc_addr(uint32_t x, uint32_t y, uint32_t addr, uint8_t noc = noc_index) {
  (void)noc;
  return sim_abi::nocUnicastAddr(x, y, addr);
}
ALWI uint64_t get_noc_addr(uint32_t addr) { return sim_abi::nocLocalAddr(addr); }
ALWI uint64_t get_noc_multicast_addr(uint32_t xs, uint32_t ys, uint32_t xe, uint32_t ye, uint32_t addr,
                                     uint8_t noc = noc_index) {
  (void)noc;
  return sim_abi::nocMulticastAddr(xs, ys, xe, ye, addr);
}
template <bool DRAM>
ALWI uint64_t get_noc_addr_from_bank_id(uint32_t bank, uint32_t bank_addr, uint8_t noc = noc_index) {
  (void)noc;
  return sim_abi::nocBankAddr(DRAM, bank, bank_addr);
}
ALWI uint64_t get_dram_noc_addr(uint32_t id, uint32_t page_size, uint32_t base, uint32_t offset = 0,
                                uint8_t noc = noc_index) {
  (void)noc;
  uint32_t banks = sim_abi::numBanks(true);
  return sim_abi::nocBankAddr(true, id % banks, base + (id / banks) * page_size + offset);
}

// ---- interleaved address generators: page p lives in bank p % N at row p / N ----
namespace tilec::sim::kernel {
constexpr uint32_t alignUp(uint32_t v, uint32_t a) { return (v + a - 1) / a * a; }
inline uint64_t interleavedPageAddr(bool dram, uint32_t base, uint32_t pageStride, uint32_t id, uint32_t offset) {
  uint32_t banks = sim_abi::numBanks(dram);
  return sim_abi::nocBankAddr(dram, id % banks, base + (id / banks) * pageStride + offset);
}
constexpr uint32_t tileBytes(DataFormat f, uint32_t tileHw) {
  switch (f) {
    case DataFormat::Float32: case DataFormat::Int32: case DataFormat::UInt32: case DataFormat::Tf32: return tileHw * 4;
    case DataFormat::Bfp8: case DataFormat::Bfp8_b: return tileHw + tileHw / 16;
    case DataFormat::Bfp4: case DataFormat::Bfp4_b: return tileHw / 2 + tileHw / 16;
    case DataFormat::Bfp2: case DataFormat::Bfp2_b: return tileHw / 4 + tileHw / 16;
    case DataFormat::Int8: case DataFormat::UInt8: case DataFormat::Lf8: return tileHw;
    default: return tileHw * 2;
  }
}
}  // namespace tilec::sim::kernel

// ---- the program's CB configuration, compiled into the kernel as the SDK's JIT does: the simulator's
// JIT passes -DTILEC_SIM_CB_DESCRIPTORS={index,format},... for the CBs on the kernel's cores (those
// every core agrees on), so get_tile_size/get_dataformat are constant expressions. A CB missing
// there (configured differently on the kernel's cores) is looked up at run time instead. ----
namespace tilec::sim::kernel {
struct CbDescriptor {
  uint32_t index;
  uint8_t format;
};
#ifdef TILEC_SIM_CB_DESCRIPTORS
inline constexpr CbDescriptor kCbDescriptors[] = {{~0u, 0}, TILEC_SIM_CB_DESCRIPTORS};
#else
inline constexpr CbDescriptor kCbDescriptors[] = {{~0u, 0}};
#endif
constexpr int cbDescriptorIndex(uint32_t cb) {
  for (std::size_t i = 1; i < sizeof(kCbDescriptors) / sizeof(kCbDescriptors[0]); ++i)
    if (kCbDescriptors[i].index == cb) return int(i);
  return -1;
}
}  // namespace tilec::sim::kernel
// The size of one 32x32 tile in the CB's data format (not its page size, which may differ).
constexpr uint32_t get_tile_size(uint32_t cb, TILEC_LOC_PARAMS) {
  int i = tilec::sim::kernel::cbDescriptorIndex(cb);
  auto format = i >= 0 ? DataFormat(tilec::sim::kernel::kCbDescriptors[i].format)
                       : DataFormat(sim_abi::cbDataFormat(cb, TILEC_LOC));
  return tilec::sim::kernel::tileBytes(format, 1024);
}
constexpr DataFormat get_dataformat(uint32_t cb, TILEC_LOC_PARAMS) {
  int i = tilec::sim::kernel::cbDescriptorIndex(cb);
  return i >= 0 ? DataFormat(tilec::sim::kernel::kCbDescriptors[i].format)
                : DataFormat(sim_abi::cbDataFormat(cb, TILEC_LOC));
}

template <bool DRAM>
struct InterleavedAddrGen {
  uint32_t bank_base_address;
  uint32_t page_size;
  uint64_t get_noc_addr(uint32_t id, uint32_t offset = 0, uint8_t noc = noc_index) const {
    (void)noc;
    uint32_t align = DRAM ? 32 : 16;
    return tilec::sim::kernel::interleavedPageAddr(DRAM, bank_base_address,
                                                   tilec::sim::kernel::alignUp(page_size, align), id, offset);
  }
  uint32_t get_page_size() const { return page_size; }
};
template <bool DRAM, uint32_t tile_hw = 1024>
struct InterleavedAddrGenFast {
  uint32_t bank_base_address;
  uint32_t page_size;
  DataFormat data_format;
  uint64_t get_noc_addr(uint32_t id, uint32_t offset = 0, uint8_t noc = noc_index) const {
    (void)noc;
    return tilec::sim::kernel::interleavedPageAddr(DRAM, bank_base_address,
                                                   tilec::sim::kernel::tileBytes(data_format, tile_hw), id, offset);
  }
  uint32_t get_page_size() const { return page_size; }
};
template <bool DRAM>
struct InterleavedPow2AddrGen {
  uint32_t bank_base_address;
  uint32_t log_base_2_of_page_size;
  uint64_t get_noc_addr(uint32_t id, uint32_t offset = 0, uint8_t noc = noc_index) const {
    (void)noc;
    return tilec::sim::kernel::interleavedPageAddr(DRAM, bank_base_address, 1u << log_base_2_of_page_size, id, offset);
  }
  uint32_t get_page_size() const { return 1u << log_base_2_of_page_size; }
};
template <bool DRAM>
struct InterleavedPow2AddrGenFast : InterleavedPow2AddrGen<DRAM> {};

// ---- TensorAccessor (interleaved buffers). The host appends one compile-time arg per tensor:
// bit 0 = is DRAM, bits 8.. = page size in bytes. ----
template <uint32_t CtaOffset, uint32_t CrtaOffset = 0>
struct TensorAccessorArgs {
  static constexpr uint32_t packed = tilec::sim::ct::arg<CtaOffset>();
  static constexpr bool is_dram = (packed & 1u) != 0;
  static constexpr uint32_t page_size = packed >> 8;
  static constexpr uint32_t next_compile_time_args_offset() { return CtaOffset + 1; }
  static constexpr uint32_t compile_time_args_skip() { return 1; }
  static constexpr uint32_t next_common_runtime_args_offset() { return CrtaOffset; }
  static constexpr uint32_t runtime_args_skip() { return 0; }
};
template <typename Args>
struct TensorAccessor {
  uint32_t bank_base_address;
  uint32_t page_size;
  TensorAccessor(const Args&, uint32_t base, uint32_t pageSize = Args::page_size)
      : bank_base_address(base), page_size(pageSize) {}
  uint64_t get_noc_addr(uint32_t id, uint32_t offset = 0, uint8_t noc = noc_index) const {
    (void)noc;
    uint32_t align = Args::is_dram ? 32 : 16;
    return tilec::sim::kernel::interleavedPageAddr(Args::is_dram, bank_base_address,
                                                   tilec::sim::kernel::alignUp(page_size, align), id, offset);
  }
  uint32_t get_page_size() const { return page_size; }
  struct BankAndOffset { uint32_t bank_id; uint32_t bank_offset; };
  BankAndOffset get_bank_and_offset(uint32_t id) const {
    uint32_t banks = sim_abi::numBanks(Args::is_dram);
    uint32_t align = Args::is_dram ? 32 : 16;
    return {id % banks, bank_base_address + (id / banks) * tilec::sim::kernel::alignUp(page_size, align)};
  }
};
template <typename Args>
TensorAccessor(const Args&, uint32_t) -> TensorAccessor<Args>;
template <typename Args>
TensorAccessor(const Args&, uint32_t, uint32_t) -> TensorAccessor<Args>;

template <class AddrGen>
ALWI uint64_t get_noc_addr(uint32_t id, const AddrGen& gen, uint32_t offset = 0, uint8_t noc = noc_index) {
  return gen.get_noc_addr(id, offset, noc);
}

// ---- transfers ----
template <uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1>
ALWI void noc_async_read(uint64_t src, uint32_t dst_l1, uint32_t size, uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  sim_abi::nocRead(src, dst_l1, size, noc, TILEC_LOC);
}
template <uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1>
ALWI void noc_async_write(uint32_t src_l1, uint64_t dst, uint32_t size, uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  sim_abi::nocWrite(src_l1, dst, size, noc, TILEC_LOC);
}
ALWI void noc_async_read_one_packet(uint64_t src, uint32_t dst_l1, uint32_t size, uint8_t noc = noc_index,
                                    TILEC_LOC_PARAMS) {
  sim_abi::nocRead(src, dst_l1, size, noc, TILEC_LOC);
}
ALWI void noc_async_write_one_packet(uint32_t src_l1, uint64_t dst, uint32_t size, uint8_t noc = noc_index,
                                     TILEC_LOC_PARAMS) {
  sim_abi::nocWrite(src_l1, dst, size, noc, TILEC_LOC);
}
template <bool DRAM, uint32_t tile_hw>
ALWI void noc_async_read_tile(uint32_t id, const InterleavedAddrGenFast<DRAM, tile_hw>& gen, uint32_t dst_l1,
                              uint32_t offset = 0, uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  sim_abi::nocRead(gen.get_noc_addr(id, offset), dst_l1, gen.page_size, noc, TILEC_LOC);
}
template <bool DRAM, uint32_t tile_hw>
ALWI void noc_async_write_tile(uint32_t id, const InterleavedAddrGenFast<DRAM, tile_hw>& gen, uint32_t src_l1,
                               uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  sim_abi::nocWrite(src_l1, gen.get_noc_addr(id), gen.page_size, noc, TILEC_LOC);
}
template <class AddrGen>
ALWI void noc_async_read_tile(uint32_t id, const AddrGen& gen, uint32_t dst_l1, uint32_t offset = 0,
                              uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  sim_abi::nocRead(gen.get_noc_addr(id, offset), dst_l1, gen.get_page_size(), noc, TILEC_LOC);
}
template <class AddrGen>
ALWI void noc_async_write_tile(uint32_t id, const AddrGen& gen, uint32_t src_l1, uint8_t noc = noc_index,
                               TILEC_LOC_PARAMS) {
  sim_abi::nocWrite(src_l1, gen.get_noc_addr(id), gen.get_page_size(), noc, TILEC_LOC);
}
template <class AddrGen>
ALWI void noc_async_read_page(uint32_t id, const AddrGen& gen, uint32_t dst_l1, uint32_t offset = 0,
                              uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  sim_abi::nocRead(gen.get_noc_addr(id, offset), dst_l1, gen.get_page_size(), noc, TILEC_LOC);
}
template <class AddrGen>
ALWI void noc_async_write_page(uint32_t id, const AddrGen& gen, uint32_t src_l1, uint32_t size = 0,
                               uint32_t offset = 0, uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  sim_abi::nocWrite(src_l1, gen.get_noc_addr(id, offset), size ? size : gen.get_page_size(), noc, TILEC_LOC);
}
ALWI void noc_async_read_barrier(uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  (void)noc;
  sim_abi::nocReadBarrier(TILEC_LOC);
}
ALWI void noc_async_write_barrier(uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  (void)noc;
  sim_abi::nocWriteBarrier(TILEC_LOC);
}
ALWI void noc_async_writes_flushed(uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  (void)noc;
  sim_abi::nocWriteBarrier(TILEC_LOC);
}
ALWI void noc_async_posted_writes_flushed(uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  (void)noc;
  sim_abi::nocWriteBarrier(TILEC_LOC);
}
ALWI void noc_async_atomic_barrier(uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  (void)noc;
  sim_abi::nocAtomicBarrier(TILEC_LOC);
}
ALWI void noc_async_full_barrier(uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  (void)noc;
  sim_abi::nocReadBarrier(TILEC_LOC);
  sim_abi::nocWriteBarrier(TILEC_LOC);
  sim_abi::nocAtomicBarrier(TILEC_LOC);
}

// ---- multicast and semaphores ----
ALWI void noc_async_write_multicast(uint32_t src_l1, uint64_t dst_mcast, uint32_t size, uint32_t num_dests,
                                    bool linked = false, uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  (void)linked;
  sim_abi::nocWriteMulticast(src_l1, dst_mcast, size, num_dests, false, noc, TILEC_LOC);
}
ALWI void noc_async_write_multicast_loopback_src(uint32_t src_l1, uint64_t dst_mcast, uint32_t size,
                                                 uint32_t num_dests, bool linked = false, uint8_t noc = noc_index,
                                                 TILEC_LOC_PARAMS) {
  (void)linked;
  sim_abi::nocWriteMulticast(src_l1, dst_mcast, size, num_dests, true, noc, TILEC_LOC);
}
enum class ProgrammableCoreType : uint8_t { TENSIX, ACTIVE_ETH, IDLE_ETH };
template <ProgrammableCoreType type = ProgrammableCoreType::TENSIX>
ALWI uint32_t get_semaphore(uint32_t id, TILEC_LOC_PARAMS) { return sim_abi::semaphoreAddr(id, TILEC_LOC); }
ALWI void noc_semaphore_wait(volatile uint32_t* sem, uint32_t val, TILEC_LOC_PARAMS) {
  sim_abi::semaphoreWait(sem, val, false, TILEC_LOC);
}
ALWI void noc_semaphore_wait_min(volatile uint32_t* sem, uint32_t val, TILEC_LOC_PARAMS) {
  sim_abi::semaphoreWait(sem, val, true, TILEC_LOC);
}
ALWI void noc_semaphore_set(volatile uint32_t* sem, uint32_t val, TILEC_LOC_PARAMS) {
  sim_abi::semaphoreSet(sem, val, TILEC_LOC);
}
template <bool posted = false>
ALWI void noc_semaphore_inc(uint64_t addr, uint32_t incr, uint8_t noc = noc_index, uint8_t vc = 0,
                            TILEC_LOC_PARAMS) {
  (void)noc;
  (void)vc;
  sim_abi::semaphoreInc(addr, incr, TILEC_LOC);
}
ALWI void noc_semaphore_set_remote(uint32_t src_l1, uint64_t dst, uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  sim_abi::nocWrite(src_l1, dst, 4, noc, TILEC_LOC);
}
ALWI void noc_semaphore_set_multicast(uint32_t src_l1, uint64_t dst_mcast, uint32_t num_dests, bool linked = false,
                                      uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  (void)linked;
  sim_abi::nocWriteMulticast(src_l1, dst_mcast, 4, num_dests, false, noc, TILEC_LOC);
}
ALWI void noc_semaphore_set_multicast_loopback_src(uint32_t src_l1, uint64_t dst_mcast, uint32_t num_dests,
                                                   bool linked = false, uint8_t noc = noc_index, TILEC_LOC_PARAMS) {
  (void)linked;
  sim_abi::nocWriteMulticast(src_l1, dst_mcast, 4, num_dests, true, noc, TILEC_LOC);
}
ALWI void noc_inline_dw_write(uint64_t addr, uint32_t val, uint8_t be = 0xF, uint8_t noc = noc_index,
                              TILEC_LOC_PARAMS) {
  (void)be;
  (void)noc;
  sim_abi::nocInlineWrite(addr, val, TILEC_LOC);
}
