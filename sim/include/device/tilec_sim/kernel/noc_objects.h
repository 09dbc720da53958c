// The "Device 2.0" kernel objects of ttnn 0.81.1 (api/dataflow/noc.h, circular_buffer.h, endpoints.h,
// api/tensor/noc_traits.h): a `Noc` that moves bytes between endpoints, and the endpoint types it
// accepts (CircularBuffer, TensorAccessor, UnicastEndpoint, MulticastEndpoint, AllocatorBank). Each
// endpoint type describes its addressing in a `noc_traits_t` specialisation with argument structs, so
// that `noc.async_read(accessor, cb, bytes, {.page_id = p}, {.offset_bytes = o})` reads page p of the
// tensor to the CB's write pointer plus o. Transfers go through the same runtime calls as
// noc_async_read/noc_async_write, so every NoC check applies and is reported at the caller's line.
// Compute kernels get CircularBuffer only (its CB calls), as on the TRISCs.
#pragma once
#include <type_traits>

#ifdef TILEC_SIM_COMPUTE_KERNEL
#include "tilec_sim/kernel/common.h"
#else
#include "tilec_sim/kernel/dataflow.h"
#endif

class CircularBuffer {
 public:
  enum class AddrSelector { WRITE_PTR, READ_PTR };
  explicit CircularBuffer(uint32_t cb_id) : cb_id_(cb_id) {}
  uint32_t get_cb_id() const { return cb_id_; }
  void reserve_back(int32_t num_pages, TILEC_LOC_PARAMS) { sim_abi::cbReserveBack(cb_id_, uint32_t(num_pages), TILEC_LOC); }
  void push_back(int32_t num_pages, TILEC_LOC_PARAMS) { sim_abi::cbPushBack(cb_id_, uint32_t(num_pages), TILEC_LOC); }
  void wait_front(int32_t num_pages, TILEC_LOC_PARAMS) { sim_abi::cbWaitFront(cb_id_, uint32_t(num_pages), TILEC_LOC); }
  void pop_front(int32_t num_pages, TILEC_LOC_PARAMS) { sim_abi::cbPopFront(cb_id_, uint32_t(num_pages), TILEC_LOC); }
  uint32_t get_write_ptr(TILEC_LOC_PARAMS) const { return sim_abi::cbWritePtr(cb_id_, TILEC_LOC); }
  uint32_t get_read_ptr(TILEC_LOC_PARAMS) const { return sim_abi::cbReadPtr(cb_id_, TILEC_LOC); }
#ifndef TILEC_SIM_COMPUTE_KERNEL
  uint32_t get_tile_size(TILEC_LOC_PARAMS) const { return ::get_tile_size(cb_id_, tilec_site_); }
  uint32_t get_tile_hw() const { return 1024; }
  DataFormat get_dataformat(TILEC_LOC_PARAMS) const { return ::get_dataformat(cb_id_, tilec_site_); }
  bool pages_reservable_at_back(int32_t num_pages, TILEC_LOC_PARAMS) const {
    return sim_abi::cbPagesReservableAtBack(cb_id_, uint32_t(num_pages), TILEC_LOC);
  }
  bool pages_available_at_front(int32_t num_pages, TILEC_LOC_PARAMS) const {
    return sim_abi::cbPagesAvailableAtFront(cb_id_, uint32_t(num_pages), TILEC_LOC);
  }
#endif

 private:
  uint32_t cb_id_;
};

#ifndef TILEC_SIM_COMPUTE_KERNEL

struct DataflowBufferArgs {
  uint32_t offset_bytes{};
};

// The primary template names every type that is not an endpoint.
template <typename T>
struct noc_traits_t {
  static_assert(sizeof(T) == 0, "NoC transactions are not supported for this type");
};

enum class NocOptions : uint32_t {
  DEFAULT = 0,
  TXN_ID = 1u << 0,
  POSTED = 1u << 1,
  CUSTOM_VC = 1u << 2,
  MCAST_INCL_SRC = 1u << 3,
  INLINE_L1 = 1u << 4,
  INLINE_REG = 1u << 5,
};
constexpr NocOptions operator|(NocOptions a, NocOptions b) noexcept {
  return static_cast<NocOptions>(static_cast<uint32_t>(a) | static_cast<uint32_t>(b));
}
constexpr bool has_flag(NocOptions opts, NocOptions flag) noexcept {
  return (static_cast<uint32_t>(opts) & static_cast<uint32_t>(flag)) != 0;
}
// Virtual channel and transaction id: accepted and ignored (the simulator's NoC has neither).
struct NocOptVals {
  uint32_t vc = 0;
  uint32_t trid = 0;
};

class Noc {
 public:
  enum class AddressType { NOC, LOCAL_L1 };
  static constexpr uint32_t INVALID_TXN_ID = 0xFFFFFFFF;

 private:
  template <typename T>
  using src_args_t = typename noc_traits_t<T>::src_args_type;
  template <typename T>
  using dst_args_t = typename noc_traits_t<T>::dst_args_type;
  template <typename T>
  using dst_args_mcast_t = typename noc_traits_t<T>::dst_args_mcast_type;

 public:
  Noc() : noc_id_(noc_index) {}
  explicit Noc(uint8_t noc_id) : noc_id_(noc_id) {}
  uint8_t get_noc_id() const { return noc_id_; }

  // Reads `size_bytes` from the source endpoint (a NoC address) into the destination (local L1).
  template <NocOptions opts = NocOptions::DEFAULT, uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1,
            bool enable_noc_tracing = true, typename Src, typename Dst>
  void async_read(const Src& src, const Dst& dst, uint32_t size_bytes, const src_args_t<Src>& src_args,
                  const dst_args_t<Dst>& dst_args, const NocOptVals& = {}, TILEC_LOC_PARAMS) const {
    uint64_t from = noc_traits_t<Src>::template src_addr<AddressType::NOC>(src, *this, src_args);
    uint32_t to = uint32_t(noc_traits_t<Dst>::template dst_addr<AddressType::LOCAL_L1>(dst, *this, dst_args));
    sim_abi::nocRead(from, to, size_bytes, noc_id_, TILEC_LOC);
  }
  // Writes `size_bytes` from the source endpoint (local L1) to the destination (a NoC address).
  template <NocOptions opts = NocOptions::DEFAULT, uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1,
            bool enable_noc_tracing = true, typename Src, typename Dst>
  void async_write(const Src& src, const Dst& dst, uint32_t size_bytes, const src_args_t<Src>& src_args,
                   const dst_args_t<Dst>& dst_args, const NocOptVals& = {}, TILEC_LOC_PARAMS) const {
    uint32_t from = uint32_t(noc_traits_t<Src>::template src_addr<AddressType::LOCAL_L1>(src, *this, src_args));
    uint64_t to = noc_traits_t<Dst>::template dst_addr<AddressType::NOC>(dst, *this, dst_args);
    sim_abi::nocWrite(from, to, size_bytes, noc_id_, TILEC_LOC);
  }
  template <NocOptions opts = NocOptions::DEFAULT, uint32_t max_page_size = NOC_MAX_BURST_SIZE + 1,
            bool enable_noc_tracing = true, typename Src, typename Dst>
  void async_write_multicast(const Src& src, const Dst& dst, uint32_t size_bytes, uint32_t num_dsts,
                             const src_args_t<Src>& src_args, const dst_args_mcast_t<Dst>& dst_args,
                             bool linked = false, TILEC_LOC_PARAMS) const {
    (void)linked;
    uint32_t from = uint32_t(noc_traits_t<Src>::template src_addr<AddressType::LOCAL_L1>(src, *this, src_args));
    uint64_t to = noc_traits_t<Dst>::template dst_addr_mcast<AddressType::NOC>(dst, *this, dst_args);
    sim_abi::nocWriteMulticast(from, to, size_bytes, num_dsts, has_flag(opts, NocOptions::MCAST_INCL_SRC), noc_id_,
                               TILEC_LOC);
  }
  template <NocOptions opts = NocOptions::DEFAULT, typename Dst>
  void inline_dw_write(const Dst& dst, uint32_t val, const dst_args_t<Dst>& dst_args, uint8_t be = 0xF,
                       const NocOptVals& = {}, TILEC_LOC_PARAMS) const {
    (void)be;
    sim_abi::nocInlineWrite(noc_traits_t<Dst>::template dst_addr<AddressType::NOC>(dst, *this, dst_args), val,
                            TILEC_LOC);
  }
  template <NocOptions opts = NocOptions::DEFAULT>
  void async_read_barrier(const NocOptVals& = {}, TILEC_LOC_PARAMS) const { sim_abi::nocReadBarrier(TILEC_LOC); }
  template <NocOptions opts = NocOptions::DEFAULT>
  void async_write_barrier(const NocOptVals& = {}, TILEC_LOC_PARAMS) const { sim_abi::nocWriteBarrier(TILEC_LOC); }
  template <NocOptions opts = NocOptions::DEFAULT>
  void async_writes_flushed(const NocOptVals& = {}, TILEC_LOC_PARAMS) const { sim_abi::nocWriteBarrier(TILEC_LOC); }
  void async_atomic_barrier(TILEC_LOC_PARAMS) const { sim_abi::nocAtomicBarrier(TILEC_LOC); }
  void async_full_barrier(TILEC_LOC_PARAMS) const {
    sim_abi::nocReadBarrier(TILEC_LOC);
    sim_abi::nocWriteBarrier(TILEC_LOC);
    sim_abi::nocAtomicBarrier(TILEC_LOC);
  }

 private:
  uint8_t noc_id_;
};

// ---- CircularBuffer as an endpoint: its write pointer (destination) or read pointer (source) in
// local L1, plus offset_bytes; with a rectangle of cores, the same address on each of them. ----
template <>
struct noc_traits_t<CircularBuffer> {
  struct src_args_type {
    uint32_t offset_bytes{};
  };
  struct dst_args_type {
    uint32_t offset_bytes{};
  };
  struct dst_args_mcast_type {
    uint32_t noc_x_start{};
    uint32_t noc_y_start{};
    uint32_t noc_x_end{};
    uint32_t noc_y_end{};
    uint32_t offset_bytes{};
  };
  template <Noc::AddressType address_type>
  static uint32_t src_addr(const CircularBuffer& src, const Noc&, const src_args_type& args) {
    static_assert(address_type == Noc::AddressType::LOCAL_L1, "a CircularBuffer is a local L1 source");
    return src.get_read_ptr() + args.offset_bytes;
  }
  template <Noc::AddressType address_type>
  static uint32_t dst_addr(const CircularBuffer& dst, const Noc&, const dst_args_type& args) {
    static_assert(address_type == Noc::AddressType::LOCAL_L1, "a CircularBuffer without a rectangle is local L1");
    return dst.get_write_ptr() + args.offset_bytes;
  }
  template <Noc::AddressType address_type>
  static uint64_t dst_addr_mcast(const CircularBuffer& dst, const Noc& noc, const dst_args_mcast_type& args) {
    return ::get_noc_multicast_addr(args.noc_x_start, args.noc_y_start, args.noc_x_end, args.noc_y_end,
                                    dst.get_write_ptr() + args.offset_bytes, noc.get_noc_id());
  }
};

// ---- TensorAccessor: page `page_id` of the tensor plus offset_bytes (a NoC address). ----
template <typename Args>
struct noc_traits_t<TensorAccessor<Args>> {
  struct src_args_type {
    uint32_t page_id{};
    uint32_t offset_bytes = 0;
  };
  struct dst_args_type {
    uint32_t page_id{};
    uint32_t offset_bytes = 0;
  };
  template <Noc::AddressType address_type>
  static uint64_t src_addr(const TensorAccessor<Args>& src, const Noc& noc, const src_args_type& args) {
    static_assert(address_type == Noc::AddressType::NOC, "a TensorAccessor page is read over the NoC");
    return src.get_noc_addr(args.page_id, args.offset_bytes, noc.get_noc_id());
  }
  template <Noc::AddressType address_type>
  static uint64_t dst_addr(const TensorAccessor<Args>& dst, const Noc& noc, const dst_args_type& args) {
    static_assert(address_type == Noc::AddressType::NOC, "a TensorAccessor page is written over the NoC");
    return dst.get_noc_addr(args.page_id, args.offset_bytes, noc.get_noc_id());
  }
};

// ---- explicit endpoints: a core's L1 by NoC coordinates, a rectangle of cores, a DRAM/L1 bank. ----
struct UnicastEndpoint {
  uint64_t get_noc_unicast_addr(uint32_t noc_x, uint32_t noc_y, uint32_t addr, uint8_t noc) const {
    return ::get_noc_addr(noc_x, noc_y, addr, noc);
  }
};
struct MulticastEndpoint {
  uint64_t get_noc_multicast_addr(uint32_t xs, uint32_t ys, uint32_t xe, uint32_t ye, uint32_t addr,
                                  uint8_t noc) const {
    return ::get_noc_multicast_addr(xs, ys, xe, ye, addr, noc);
  }
};
enum class AllocatorBankType { L1, DRAM };
template <AllocatorBankType bank_type>
struct AllocatorBank {
  uint64_t get_noc_addr_from_bank_id(uint32_t bank_id, uint32_t addr, uint8_t noc) const {
    return ::get_noc_addr_from_bank_id<bank_type == AllocatorBankType::DRAM>(bank_id, addr, noc);
  }
};
template <>
struct noc_traits_t<UnicastEndpoint> {
  struct src_args_type {
    uint32_t noc_x{};
    uint32_t noc_y{};
    uint32_t addr{};
  };
  struct dst_args_type {
    uint32_t noc_x{};
    uint32_t noc_y{};
    uint32_t addr{};
  };
  template <Noc::AddressType address_type>
  static auto src_addr(const UnicastEndpoint& src, const Noc& noc, const src_args_type& args) {
    if constexpr (address_type == Noc::AddressType::LOCAL_L1) return uint64_t(args.addr);
    else return src.get_noc_unicast_addr(args.noc_x, args.noc_y, args.addr, noc.get_noc_id());
  }
  template <Noc::AddressType address_type>
  static auto dst_addr(const UnicastEndpoint& dst, const Noc& noc, const dst_args_type& args) {
    if constexpr (address_type == Noc::AddressType::LOCAL_L1) return uint64_t(args.addr);
    else return dst.get_noc_unicast_addr(args.noc_x, args.noc_y, args.addr, noc.get_noc_id());
  }
};
template <>
struct noc_traits_t<MulticastEndpoint> {
  struct dst_args_mcast_type {
    uint32_t noc_x_start{};
    uint32_t noc_y_start{};
    uint32_t noc_x_end{};
    uint32_t noc_y_end{};
    uint32_t addr{};
  };
  template <Noc::AddressType address_type>
  static uint64_t dst_addr_mcast(const MulticastEndpoint& dst, const Noc& noc, const dst_args_mcast_type& args) {
    static_assert(address_type == Noc::AddressType::NOC);
    return dst.get_noc_multicast_addr(args.noc_x_start, args.noc_y_start, args.noc_x_end, args.noc_y_end, args.addr,
                                      noc.get_noc_id());
  }
};
template <AllocatorBankType bank_type>
struct noc_traits_t<AllocatorBank<bank_type>> {
  struct src_args_type {
    uint32_t bank_id{};
    uint32_t addr{};
  };
  struct dst_args_type {
    uint32_t bank_id{};
    uint32_t addr{};
  };
  template <Noc::AddressType address_type>
  static uint64_t src_addr(const AllocatorBank<bank_type>& src, const Noc& noc, const src_args_type& args) {
    static_assert(address_type == Noc::AddressType::NOC);
    return src.get_noc_addr_from_bank_id(args.bank_id, args.addr, noc.get_noc_id());
  }
  template <Noc::AddressType address_type>
  static uint64_t dst_addr(const AllocatorBank<bank_type>& dst, const Noc& noc, const dst_args_type& args) {
    static_assert(address_type == Noc::AddressType::NOC);
    return dst.get_noc_addr_from_bank_id(args.bank_id, args.addr, noc.get_noc_id());
  }
};

#endif  // !TILEC_SIM_COMPUTE_KERNEL
