#!/usr/bin/python3
"""Usage: ranges.py BUILD_DIR NAME OBJ[,OBJ...] [NAME OBJS ...]

For each NAME, print "NAME START END": the address range (hex) the .text of
the object files OBJS (paths relative to BUILD_DIR) occupies in vmlinux,
from BUILD_DIR/System.map. Built-in objects are linked whole, so the .text
of one object is contiguous: its load address is the one on which the
functions whose names are unique in System.map agree.
"""
import collections
import subprocess
import sys

bdir, args = sys.argv[1], sys.argv[2:]
where = collections.defaultdict(list)
with open(f"{bdir}/System.map") as f:
    for line in f:
        addr, _, name = line.split()
        where[name].append(int(addr, 16))


def text_range(obj):
    out = subprocess.run(["objdump", "-h", "-t", obj], check=True,
                         capture_output=True, text=True).stdout.splitlines()
    size, votes = None, collections.Counter()
    for line in out:
        f = line.split()
        if len(f) >= 3 and f[1] == ".text" and f[0].isdigit():
            size = int(f[2], 16)			# section header
        elif len(f) == 6 and f[2] == "F" and f[3] == ".text":
            addrs = where.get(f[5], [])		# a function symbol
            if len(addrs) == 1:
                votes[addrs[0] - int(f[0], 16)] += 1
    if not size or not votes:
        sys.exit(f"ranges.py: no .text of {obj} in System.map")
    base = votes.most_common(1)[0][0]
    return base, base + size


for name, objs in zip(args[::2], args[1::2]):
    r = [text_range(f"{bdir}/{o}") for o in objs.split(",")]
    print(name, hex(min(a for a, _ in r)), hex(max(b for _, b in r)))
