# -*- Python -*-
# Runs the GoogleTest binaries (names ending in "Tests") through lit (which
# may shard them), so `check-fpx` covers lit and unit tests at once.
import os

import lit.formats

config.name = "FPX-Unit"
config.suffixes = []
config.test_exec_root = os.path.join(config.fpx_obj_root, "test", "Unit")
config.test_source_root = config.test_exec_root
config.test_format = lit.formats.GoogleTest(".", "Tests")
