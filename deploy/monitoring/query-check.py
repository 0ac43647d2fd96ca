#!/usr/bin/env python3
"""Evaluates every Grafana panel query and every alert expression of deploy/monitoring
through a running Prometheus's HTTP API (/api/v1/query). Used by check-prometheus.sh.

Fails (exit 1) when a query errors, when a metric that a query selects has never been scraped
(a missing or misspelt metric), or when a panel the scenario exercises returns no data.

usage: query-check.py PROMETHEUS_URL DASHBOARD_DIR RULES_FILE
         [--allow-empty PANEL_TITLE ...] [--allow-missing METRIC ...]
--allow-missing names metrics a service does not export yet: queries using them must still
evaluate without error, are reported as MISSING (allowed), and do not fail the check.
"""
import glob
import json
import os
import re
import sys
import urllib.parse
import urllib.request

# Grafana's variables, as Grafana would expand them for a 10 minute view of all trunks.
VARIABLES = {"$__rate_interval": "1m", "$__range": "10m", "$__interval": "15s", "$trunk": ".*"}
KEYWORDS = {"and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring",
            "group_left", "group_right", "inf", "nan", "sum", "min", "max", "avg", "count",
            "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values", "group"}


def expand(expr):
    for k in sorted(VARIABLES, key=len, reverse=True):
        expr = expr.replace(k, VARIABLES[k])
    return expr


def metric_names(expr):
    """Same rules as deploy/checks PromQl.java: cut strings, matchers, ranges, label lists."""
    e = re.sub(r'"(\\.|[^"\\])*"|\'(\\.|[^\'\\])*\'', '""', expr)
    e = re.sub(r"\{[^}]*}", " ", e)
    e = re.sub(r"\[[^]]*]", " ", e)
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", r" \1 ", e)
    e = re.sub(r"\$\{?[A-Za-z_]+}?", " ", e)
    names = []
    for m in re.finditer(r"[a-zA-Z_:][a-zA-Z0-9_:]*", e):
        before = e[m.start() - 1] if m.start() > 0 else " "
        if before.isdigit() or before == ".":
            continue
        if e[m.end():].lstrip().startswith("(") or m.group().lower() in KEYWORDS:
            continue
        names.append(m.group())
    return names


def get(base, path, **params):
    url = base.rstrip("/") + path + ("?" + urllib.parse.urlencode(params) if params else "")
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:  # Prometheus answers 400/422 with a JSON error body
        return json.load(e)


def main(argv):
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("base")
    ap.add_argument("dash_dir")
    ap.add_argument("rules_file")
    ap.add_argument("--allow-empty", nargs="*", default=[])
    ap.add_argument("--allow-missing", nargs="*", default=[])
    a = ap.parse_args(argv[1:])
    base, dash_dir, rules_file = a.base, a.dash_dir, a.rules_file
    allow_empty, allow_missing = set(a.allow_empty), set(a.allow_missing)
    scraped = set(get(base, "/api/v1/label/__name__/values")["data"])
    failures, lines = [], []

    def check(kind, title, expr, need_data):
        q = expand(expr)
        res = get(base, "/api/v1/query", query=q)
        missing = [n for n in metric_names(expr) if n not in scraped]
        tolerated = [n for n in missing if n in allow_missing]
        missing = [n for n in missing if n not in allow_missing]
        if res.get("status") != "success":
            failures.append(f"{kind} {title}: query error {res.get('errorType')}: {res.get('error')}  [{q}]")
            status = "ERROR"
        elif missing:
            failures.append(f"{kind} {title}: metric never scraped (missing or misspelt): {missing}")
            status = "MISSING " + ",".join(missing)
        elif tolerated:
            status = "MISSING (allowed) " + ",".join(tolerated)
        else:
            n = len(res["data"]["result"]) if res["data"]["resultType"] in ("vector", "matrix") else 1
            status = f"{n} series"
            if n == 0 and need_data:
                failures.append(f"{kind} {title}: no data although the scenario exercises it  [{q}]")
                status = "EMPTY"
            elif n == 0:
                status = "0 series (allowed)"
        lines.append(f"  {status:>20}  {kind}: {title}")

    for path in sorted(glob.glob(os.path.join(dash_dir, "*.json"))):
        with open(path) as f:
            d = json.load(f)
        for var in d.get("templating", {}).get("list", []):
            if var.get("type") == "query":
                m = re.match(r"label_values\((\w+),\s*(\w+)\)", var["definition"])
                metric = m.group(1) if m else ""
                check("variable", f"{d['title']} / ${var['name']}", metric, True)
        for panel in d["panels"]:
            title = f"{d['title']} / {panel['title']}"
            for t in panel.get("targets", []):
                check("panel", title, t["expr"], panel["title"] not in allow_empty)

    # The alert rules as Prometheus loaded them (the file given to it), with their health.
    groups = get(base, "/api/v1/rules")["data"]["groups"]
    loaded = [r for g in groups for r in g["rules"]]
    if not loaded:
        failures.append(f"no rules loaded from {rules_file}")
    for r in loaded:
        if r.get("health") == "err":
            failures.append(f"rule {r['name']}: evaluation error {r.get('lastError')}")
        check("alert", r["name"], r["query"], False)

    print("\n".join(lines))
    if failures:
        print("\nFAILED:\n  " + "\n  ".join(failures))
        return 1
    print(f"\nOK: {len(lines)} queries evaluated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
