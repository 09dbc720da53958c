# RUN: not %tilec compile %s --emit ast 2>&1 | FileCheck %s
x = T.alloc_shared((32, 32), "float16)
# CHECK: invalid_string.py:2:30: error: unterminated string literal (detected at line 2)
