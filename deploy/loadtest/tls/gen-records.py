#!/usr/bin/env python3
"""The TLS-vs-UDP run's configuration: two IP trunks to the same Kamailio (one over UDP, one over
TLS with tlsVerify on), a rule per trunk, and a SIPp injection file of numbers for each.

Usage: gen-records.py OUT KAMAILIO_UDP_PORT KAMAILIO_TLS_PORT
Writes OUT/trunks.tsv, OUT/rules.tsv (for deploy/local/lib.sh's publish_records) and
OUT/numbers-udp.csv, OUT/numbers-tls.csv. Prefixes: 8001 (UDP), 8002 (TLS).
"""
import os, sys

sys.dont_write_bytecode = True  # no __pycache__ left in the repository
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from config_records import ip_trunk, prefix_rule, route, write_tsv

out, udp_port, tls_port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(out, exist_ok=True)
udp = ip_trunk("tls-bench-udp", udp_port)
tls = ip_trunk("tls-bench-tls", tls_port)
# the host name the certificate is checked against, as with a real provider
tls.update(host="localhost", fromDomain="localhost", transport="TLS", tlsVerify=True)
write_tsv(os.path.join(out, "trunks.tsv"), (udp, tls))
write_tsv(os.path.join(out, "rules.tsv"),
          [prefix_rule("tls-bench-udp", "8001", [route(udp)]),
           prefix_rule("tls-bench-tls", "8002", [route(tls)])])
for name, prefix in (("udp", "8001"), ("tls", "8002")):
    with open(os.path.join(out, "numbers-%s.csv" % name), "w") as f:
        f.write("SEQUENTIAL\n")
        for i in range(1000):
            f.write("%s%06d\n" % (prefix, i))
