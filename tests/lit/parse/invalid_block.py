# RUN: not %tilec compile %s --emit ast 2>&1 | FileCheck %s
for i, j in T.Parallel(32, 32):
C[i, j] = 0
# CHECK: invalid_block.py:3:1: error: expected an indented block after 'for' statement on line 2
