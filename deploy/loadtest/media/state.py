#!/usr/bin/env python3
"""State of the media load run: two IP trunks on 127.0.0.1 to the same SIPp trunk, one passing
media through, one anchoring it (RTP/AVP both sides), each with a one-prefix rule.
Writes <out>/trunks.tsv and <out>/rules.tsv (key<TAB>json) for trunk.config.v1 / routing.rules.v1.
Usage: state.py OUT TRUNK_PORT"""
import json, os, sys, uuid

out, port = sys.argv[1], int(sys.argv[2])
now = "2026-11-26T10:00:00Z"

def trunk(name, media):
    return {"schema": "trunk.config.v1", "version": 1, "at": now, "id": str(uuid.uuid4()),
            "name": name, "provider": "generic", "enabled": True, "host": "127.0.0.1",
            "port": port, "transport": "UDP", "outboundProxy": None, "authMode": "IP",
            "username": None, "authUsername": None, "passwordEncrypted": None, "realm": None,
            "registerExpires": 600, "fromDomain": "127.0.0.1", "maxConcurrentCalls": 0,
            "maxCallsPerSecond": 0, "optionsPing": False, "optionsIntervalSeconds": 30,
            "numberFormat": "AS_DIALED", "countryCode": None, "techPrefix": None,
            "failoverCodes": [408] + list(range(500, 600)), "callerId": None,
            "didNumbers": None, "associatedIps": [], "media": media, "mediaEncryption": "NONE",
            "createdAt": now, "updatedAt": now}

def rule(name, prefix, t):
    return {"schema": "routing.rules.v1", "version": 1, "at": now, "id": str(uuid.uuid4()),
            "name": name, "enabled": True, "priority": 1000,
            "match": {"prefixes": [prefix], "lengths": None, "callers": None},
            "strategy": "PRIORITIZED",
            "routes": [{"trunkId": t["id"], "stripDigits": 0, "prepend": "", "callerId": None,
                        "weight": 1}],
            "schedule": None, "createdAt": now, "updatedAt": now}

passing, anchoring = trunk("media-pass", "PASS_THROUGH"), trunk("media-anchor", "ANCHOR")
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "trunks.tsv"), "w") as f:
    for t in (passing, anchoring):
        f.write(t["id"] + "\t" + json.dumps(t) + "\n")
with open(os.path.join(out, "rules.tsv"), "w") as f:
    for r in (rule("media-pass", "61", passing), rule("media-anchor", "62", anchoring)):
        f.write(r["id"] + "\t" + json.dumps(r) + "\n")
