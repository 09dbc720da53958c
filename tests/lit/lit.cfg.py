import os
import lit.formats

config.name = "tilec"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".py", ".test"]
config.excludes = ["lit.cfg.py", "lit.site.cfg.py", "Inputs"]
config.test_source_root = os.path.join(config.tilec_src_dir, "tests/lit")
config.test_exec_root = os.path.join(config.tilec_bin_dir, "tests/lit")
config.environment["PATH"] = os.pathsep.join(
    [config.tilec_bin_dir, config.llvm_tools_dir, config.environment.get("PATH", "")])
config.substitutions.append(("%tilec", os.path.join(config.tilec_bin_dir, "tilec")))
config.substitutions.append(("%examples", os.path.join(config.tilec_src_dir, "examples")))
config.substitutions.append(("%corpus", os.path.join(config.tilec_src_dir, "tests", "corpus")))
config.substitutions.append(("%bench", os.path.join(config.tilec_src_dir, "bench")))
# Tests that read the PTX nvcc makes of the printed CUDA (compile only: no GPU needed).
import shutil
if shutil.which("nvcc"):
    config.available_features.add("nvcc")
    config.substitutions.append(("%nvcc", shutil.which("nvcc")))
for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "HOME"):
    if var in os.environ:
        config.environment[var] = os.environ[var]
