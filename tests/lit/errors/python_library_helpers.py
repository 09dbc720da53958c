# RUN: not %tilec compile %s --call "pow2()" 2>&1 | FileCheck %s --check-prefix=POW2
# RUN: not %tilec compile %s --call "lookup()" 2>&1 | FileCheck %s --check-prefix=INDEX
# RUN: not %tilec compile %s --call "popped()" 2>&1 | FileCheck %s --check-prefix=POP
# Library helpers and list methods given what they cannot take: located errors, Python's wording.
import tilelang
import tilelang.language as T

N = T.dynamic("N")


def pow2():
    width = tilelang.next_power_of_2(N)
# POW2: python_library_helpers.py:[[@LINE-1]]:13: error: tilelang.next_power_of_2 needs an integer known at compile time, got {{.*}}
    return width


def lookup():
    dims = [32, 64]
    return dims.index(48)
# INDEX: python_library_helpers.py:[[@LINE-1]]:12: error: 48 is not in list


def popped():
    dims = []
    return dims.pop()
# POP: python_library_helpers.py:[[@LINE-1]]:12: error: pop from empty list
