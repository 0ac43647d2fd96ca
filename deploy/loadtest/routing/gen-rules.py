#!/usr/bin/env python3
"""Generates N prefix rules for both systems under test (same rules, same trunks).

Writes <out>/state.tsv   key<TAB>json lines for trunk.config.v1 / routing.rules.v1 (two files)
       <out>/numbers.csv SIPp injection file of dialled numbers that hit the rules
       <out>/db/mtree    Kamailio db_text table for mtree (longest prefix -> strip|prepend|gw1|gw2)
Usage: gen-rules.py OUT N TRUNK1_PORT TRUNK2_PORT
"""
import json, os, random, sys, uuid

out, n, p1, p2 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
os.makedirs(os.path.join(out, "db"), exist_ok=True)
rnd = random.Random(5)
now = "2026-11-26T10:00:00Z"
codes = [408] + list(range(500, 600))

def trunk(name, port):
    return {"schema": "trunk.config.v1", "version": 1, "at": now, "id": str(uuid.uuid4()),
            "name": name, "provider": "generic", "enabled": True, "host": "127.0.0.1",
            "port": port, "transport": "UDP", "outboundProxy": None, "authMode": "IP",
            "username": None, "authUsername": None, "passwordEncrypted": None, "realm": None,
            "registerExpires": 600, "fromDomain": "127.0.0.1", "maxConcurrentCalls": 0,
            "maxCallsPerSecond": 0, "optionsPing": False, "optionsIntervalSeconds": 30,
            "numberFormat": "AS_DIALED", "countryCode": None, "techPrefix": None,
            "failoverCodes": codes, "callerId": None, "didNumbers": None, "associatedIps": [],
            "createdAt": now, "updatedAt": now}

t1, t2 = trunk("load-1", p1), trunk("load-2", p2)
prefixes = set()
while len(prefixes) < n:
    prefixes.add("".join(rnd.choice("0123456789") for _ in range(rnd.randint(3, 7))))
prefixes = sorted(prefixes)
with open(os.path.join(out, "trunks.tsv"), "w") as f:
    for t in (t1, t2):
        f.write(t["id"] + "\t" + json.dumps(t) + "\n")
with open(os.path.join(out, "rules.tsv"), "w") as f, \
        open(os.path.join(out, "db", "mtree"), "w") as m:
    m.write("id(int,auto) tprefix(string) tvalue(string)\n")
    for i, p in enumerate(prefixes):
        rid = str(uuid.uuid4())
        rule = {"schema": "routing.rules.v1", "version": 1, "at": now, "id": rid,
                "name": "load-%05d" % i, "enabled": True, "priority": 1000,
                "match": {"prefixes": [p], "lengths": None, "callers": None},
                "strategy": "PRIORITIZED",
                "routes": [{"trunkId": t["id"], "stripDigits": 2, "prepend": "+44",
                            "callerId": None, "weight": 1} for t in (t1, t2)],
                "schedule": None, "createdAt": now, "updatedAt": now}
        f.write(rid + "\t" + json.dumps(rule) + "\n")
        m.write("%d:%s:2|+44|127.0.0.1\\:%d|127.0.0.1\\:%d\n" % (i + 1, p, p1, p2))
with open(os.path.join(out, "db", "version"), "w") as v:
    v.write("table_name(str) table_version(int)\nmtree:1\n")
with open(os.path.join(out, "numbers.csv"), "w") as f:
    f.write("RANDOM\n")
    for _ in range(5000):
        p = rnd.choice(prefixes)
        f.write(p + "".join(rnd.choice("0123456789") for _ in range(10 - len(p))) + "\n")
