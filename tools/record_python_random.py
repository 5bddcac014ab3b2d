"""Records CPython's random.Random streams for the PythonRandom tests.

Usage: /usr/bin/python3 tools/record_python_random.py OUT.json
Pins: Debian 12's python3 (CPython 3.11.2). Each seed replays one fixed script of calls on one
Random instance; the C# test replays the same script and compares every result exactly.
"""
import json
import random
import sys

SEEDS = [0, 1, 42, 2**32 - 1, 2**40 + 3]


def script(r):
    out = []
    out.append(["random", [], [r.random() for _ in range(5)]])
    for k in [0, 1, 5, 31, 32, 33, 63, 64, 65, 100]:
        out.append(["getrandbits", [k], str(r.getrandbits(k))])
    out.append(["randint", [1, 10**9], [r.randint(1, 10**9) for _ in range(5)]])
    out.append(["randrange", [10], [r.randrange(10) for _ in range(5)]])
    out.append(["randrange", [-5, 20, 3], [r.randrange(-5, 20, 3) for _ in range(5)]])
    out.append(["randrange", [20, -5, -4], [r.randrange(20, -5, -4) for _ in range(5)]])
    out.append(["randint", [0, 2**40], [r.randint(0, 2**40) for _ in range(3)]])
    out.append(["uniform", [-2.0, 3.0], [r.uniform(-2.0, 3.0) for _ in range(3)]])
    out.append(["choice", [17], [r.choice(list(range(17))) for _ in range(5)]])
    for n in [1, 2, 20, 100]:
        x = list(range(n))
        r.shuffle(x)
        out.append(["shuffle", [n], x])
    out.append(["sample", [30, 7], r.sample(range(30), 7)])
    out.append(["sample", [1000, 10], r.sample(range(1000), 10)])
    out.append(["sample", [5, 5], r.sample(range(5), 5)])
    out.append(["random", [], [r.random() for _ in range(3)]])
    return out


def main(path):
    cases = []
    for seed in SEEDS:
        cases.append({"seed": str(seed), "calls": script(random.Random(seed))})
    # The module-level stream after random.seed(-42): abs(seed) is used.
    random.seed(-42)
    cases.append({"seed": "-42", "calls": script(random)})
    with open(path, "w") as f:
        json.dump({"python": sys.version.split()[0], "cases": cases}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
