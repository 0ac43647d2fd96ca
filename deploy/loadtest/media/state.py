#!/usr/bin/env python3
"""State of the media load run: two IP trunks on 127.0.0.1 to the same SIPp trunk, one passing
media through, one anchoring it (RTP/AVP both sides), each with a one-prefix rule.
Writes <out>/trunks.tsv and <out>/rules.tsv (key<TAB>json) for trunk.config.v1 / routing.rules.v1.
Usage: state.py OUT TRUNK_PORT"""
import os, sys

sys.dont_write_bytecode = True  # no __pycache__ left in the repository
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from config_records import ip_trunk, prefix_rule, route, write_tsv

out, port = sys.argv[1], int(sys.argv[2])
passing = ip_trunk("media-pass", port, media="PASS_THROUGH")
anchoring = ip_trunk("media-anchor", port, media="ANCHOR")
os.makedirs(out, exist_ok=True)
write_tsv(os.path.join(out, "trunks.tsv"), (passing, anchoring))
write_tsv(os.path.join(out, "rules.tsv"),
          (prefix_rule("media-pass", "61", [route(passing)]),
           prefix_rule("media-anchor", "62", [route(anchoring)])))
