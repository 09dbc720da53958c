// An add_2_integers_in_compute-style program in the older spellings: packed uint32 vectors from
// create_constant_vector_of_bfloat16, tt::CB names, detail::WriteToBuffer/LaunchProgram, kernels that
// include only <cstdint> (the API is force-included), legacy acquire_dst/release_dst, DPRINT.
#include <tt-metalium/bfloat16.hpp>
#include <tt-metalium/host_api.hpp>

#include <cstdio>

using namespace tt;
using namespace tt::tt_metal;

int main() {
  IDevice* device = CreateDevice(0);
  Program program = CreateProgram();
  constexpr CoreCoord core = {0, 0};
  const uint32_t single_tile_size = 2 * 1024;
  InterleavedBufferConfig dram_config{.device = device, .size = single_tile_size, .page_size = single_tile_size,
                                      .buffer_type = BufferType::DRAM};
  std::shared_ptr<Buffer> src0 = CreateBuffer(dram_config), src1 = CreateBuffer(dram_config), dst = CreateBuffer(dram_config);

  uint32_t src0_cb_index = CB::c_in0, src1_cb_index = CB::c_in1, output_cb_index = CB::c_out0;
  for (uint32_t index : {src0_cb_index, src1_cb_index, output_cb_index}) {
    CircularBufferConfig cfg = CircularBufferConfig(single_tile_size, {{index, tt::DataFormat::Float16_b}})
                                   .set_page_size(index, single_tile_size);
    CreateCircularBuffer(program, core, cfg);
  }
  KernelHandle reader = CreateKernel(program, OVERRIDE_KERNEL_PREFIX "kernels/reader_binary_1_tile.cpp", core,
                                     DataMovementConfig{.processor = DataMovementProcessor::RISCV_1, .noc = NOC::RISCV_1_default});
  KernelHandle writer = CreateKernel(program, "kernels/writer_1_tile.cpp", core,
                                     DataMovementConfig{.processor = DataMovementProcessor::RISCV_0, .noc = NOC::RISCV_0_default});
  std::vector<uint32_t> compute_args = {};
  CreateKernel(program, "kernels/add_2_tiles.cpp", core,
               ComputeConfig{.math_fidelity = MathFidelity::HiFi4, .fp32_dest_acc_en = false,
                             .math_approx_mode = false, .compile_args = compute_args});

  std::vector<uint32_t> src0_vec = create_constant_vector_of_bfloat16(single_tile_size, 14.0f);
  std::vector<uint32_t> src1_vec = create_constant_vector_of_bfloat16(single_tile_size, 8.0f);
  detail::WriteToBuffer(src0, src0_vec);
  detail::WriteToBuffer(src1, src1_vec);
  SetRuntimeArgs(program, reader, core, {src0->address(), src1->address()});
  SetRuntimeArgs(program, writer, core, {dst->address()});
  detail::LaunchProgram(device, program);

  std::vector<uint32_t> result_vec;
  detail::ReadFromBuffer(dst, result_vec);
  std::vector<bfloat16> result = unpack_uint32_vec_into_bfloat16_vec(result_vec);
  CloseDevice(device);
  for (auto v : result)
    if (v.to_float() != 22.0f) {
      std::fprintf(stderr, "FAIL: got %f, expected 22\n", v.to_float());
      return 1;
    }
  std::printf("14 + 8 = %g over a whole tile\n", result[0].to_float());
  return 0;
}
