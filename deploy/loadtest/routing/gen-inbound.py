#!/usr/bin/env python3
"""The inbound half of run-inbound.sh: a provider trunk whose host is PROVIDER_IP, with a DID pool,
and one inbound rule sending its DIDs to the PBX at 127.0.0.1:PBX_PORT.

Writes <out>/trunks.tsv, <out>/rules.tsv (empty), <out>/inbound.tsv and <out>/dids.csv (SIPp
injection file of DIDs in the pool). Usage: gen-inbound.py OUT PROVIDER_IP PBX_PORT
"""
import os, random, sys

sys.dont_write_bytecode = True  # no __pycache__ left in the repository
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from config_records import inbound_rule, ip_trunk, write_tsv

out, provider_ip, pbx_port = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(out, exist_ok=True)
rnd = random.Random(7)
trunk = ip_trunk("load-provider", 5999)
trunk["host"] = provider_ip
trunk["didNumbers"] = "44200000000-44209999999"
write_tsv(os.path.join(out, "trunks.tsv"), [trunk])
write_tsv(os.path.join(out, "rules.tsv"), [])
write_tsv(os.path.join(out, "inbound.tsv"),
          [inbound_rule("load-inbound", trunk, "4420*", "127.0.0.1", pbx_port)])
with open(os.path.join(out, "dids.csv"), "w") as f:
    f.write("RANDOM\n")
    for _ in range(5000):
        f.write("4420%07d\n" % rnd.randrange(10_000_000))
