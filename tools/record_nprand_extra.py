#!/usr/bin/python3
"""Records extra numpy legacy RandomState sequences for RandomStateTests.

Run with Debian's python3 (numpy 1.24): /usr/bin/python3 tools/record_nprand_extra.py
Writes tests/fixtures/random/nprand_extra.json.
"""
import json
import os

import numpy as np

cases = []
for seed in [0, 7, 123456789, 4294967295]:
    rs = np.random.RandomState(seed)
    results = []
    results.append(("uint32_x700", [int(rs.randint(0, 2**32, dtype=np.uint32)) for _ in range(700)]))
    results.append(("randint_big", [int(rs.randint(-5, 2**40 + 3)) for _ in range(5)]))
    results.append(("randint_full32", [int(rs.randint(0, 2**32)) for _ in range(3)]))
    results.append(("randint_one_arg", [int(rs.randint(17)) for _ in range(5)]))
    results.append(("randint_single_value", [int(rs.randint(5, 6)) for _ in range(3)]))
    results.append(("standard_normal", [float(rs.standard_normal()) for _ in range(5)]))
    results.append(("normal", [float(rs.normal(2.0, 3.0)) for _ in range(3)]))
    results.append(("uniform_default", [float(rs.uniform()) for _ in range(3)]))
    lst = list(range(20))
    rs.shuffle(lst)
    results.append(("shuffle_list20", lst))
    results.append(("permutation_1000_head", [int(v) for v in rs.permutation(1000)[:50]]))
    results.append(("after_uint32", [int(rs.randint(0, 2**32, dtype=np.uint32))]))
    cases.append({"seed": seed, "results": [{"op": k, "value": v} for k, v in results]})

out = os.path.join(os.path.dirname(__file__), "..", "tests", "fixtures", "random", "nprand_extra.json")
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w") as f:
    json.dump({"numpy": np.__version__, "generator": "tools/record_nprand_extra.py", "cases": cases}, f, indent=1)
