#!/usr/bin/env python3
"""Generates N prefix rules for both systems under test (same rules, same trunks).

Writes <out>/state.tsv   key<TAB>json lines for trunk.config.v1 / routing.rules.v1 (two files)
       <out>/numbers.csv SIPp injection file of dialled numbers that hit the rules
       <out>/db/mtree    Kamailio db_text table for mtree (longest prefix -> strip|prepend|gw1|gw2)
Usage: gen-rules.py OUT N TRUNK1_PORT TRUNK2_PORT
"""
import os, random, sys

sys.dont_write_bytecode = True  # no __pycache__ left in the repository
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from config_records import ip_trunk, prefix_rule, route, write_tsv

out, n, p1, p2 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
os.makedirs(os.path.join(out, "db"), exist_ok=True)
rnd = random.Random(5)

t1, t2 = ip_trunk("load-1", p1), ip_trunk("load-2", p2)
prefixes = set()
while len(prefixes) < n:
    prefixes.add("".join(rnd.choice("0123456789") for _ in range(rnd.randint(3, 7))))
prefixes = sorted(prefixes)
write_tsv(os.path.join(out, "trunks.tsv"), (t1, t2))
write_tsv(os.path.join(out, "rules.tsv"),
          [prefix_rule("load-%05d" % i, p, [route(t, 2, "+44") for t in (t1, t2)])
           for i, p in enumerate(prefixes)])
with open(os.path.join(out, "db", "mtree"), "w") as m:
    m.write("id(int,auto) tprefix(string) tvalue(string)\n")
    for i, p in enumerate(prefixes):
        m.write("%d:%s:2|+44|127.0.0.1\\:%d|127.0.0.1\\:%d\n" % (i + 1, p, p1, p2))
with open(os.path.join(out, "db", "version"), "w") as v:
    v.write("table_name(str) table_version(int)\nmtree:1\n")
with open(os.path.join(out, "numbers.csv"), "w") as f:
    f.write("RANDOM\n")
    for _ in range(5000):
        p = rnd.choice(prefixes)
        f.write(p + "".join(rnd.choice("0123456789") for _ in range(10 - len(p))) + "\n")
