# RUN: not %tilec compile %s --emit ast 2>&1 | FileCheck %s
x = T.alloc_shared((32, 32), "float16"
y = 1
# CHECK: invalid_unclosed.py:2:19: error: '(' was never closed
