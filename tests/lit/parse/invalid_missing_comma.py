# RUN: not %tilec compile %s --emit ast 2>&1 | FileCheck %s
T.copy(A[0:32, k * 32:(k + 1) * 32] A_shared)
# CHECK: invalid_missing_comma.py:2:37: error: expected ',' or ')' after argument (missing comma?), found 'A_shared'
