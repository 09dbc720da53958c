# RUN: not %tilec compile %s --emit ast 2>&1 | FileCheck %s
import tilelang.language as T
x = 1
    y = 2
# CHECK: invalid_unexpected_indent.py:4:5: error: unexpected indent
# CHECK-NEXT: {{^}}    y = 2
# CHECK-NEXT: {{^}}    ^
