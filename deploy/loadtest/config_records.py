"""Config records as trunk-config publishes them on trunk.config.v1 and routing.rules.v1, for the
load tests that feed call-routing straight through Kafka (and on inbound.rules.v1) (no trunk-config, no database), and the
key<TAB>json files deploy/local/lib.sh's publish_records loads into a topic. Imported by
routing/gen-rules.py and media/state.py; keep the fields those topics' JSON Schemas require."""
import json
import uuid

NOW = "2026-11-26T10:00:00Z"
FAILOVER_CODES = [408] + list(range(500, 600))


def ip_trunk(name, port, media=None):
    """An IP-authenticated UDP trunk on 127.0.0.1:port; media fields only when media is given."""
    trunk = {"schema": "trunk.config.v1", "version": 1, "at": NOW, "id": str(uuid.uuid4()),
             "name": name, "provider": "generic", "enabled": True, "host": "127.0.0.1",
             "port": port, "transport": "UDP", "outboundProxy": None, "authMode": "IP",
             "username": None, "authUsername": None, "passwordEncrypted": None, "realm": None,
             "registerExpires": 600, "fromDomain": "127.0.0.1", "maxConcurrentCalls": 0,
             "maxCallsPerSecond": 0, "optionsPing": False, "optionsIntervalSeconds": 30,
             "numberFormat": "AS_DIALED", "countryCode": None, "techPrefix": None,
             "failoverCodes": FAILOVER_CODES, "callerId": None, "didNumbers": None,
             "associatedIps": []}
    if media is not None:
        trunk["media"] = media
        trunk["mediaEncryption"] = "NONE"
    trunk["createdAt"] = NOW
    trunk["updatedAt"] = NOW
    return trunk


def route(trunk, strip_digits=0, prepend=""):
    return {"trunkId": trunk["id"], "stripDigits": strip_digits, "prepend": prepend,
            "callerId": None, "weight": 1}


def prefix_rule(name, prefix, routes):
    """An enabled outbound rule for one prefix, its routes tried in order."""
    return {"schema": "routing.rules.v1", "version": 1, "at": NOW, "id": str(uuid.uuid4()),
            "name": name, "enabled": True, "priority": 1000,
            "match": {"prefixes": [prefix], "lengths": None, "callers": None},
            "strategy": "PRIORITIZED", "routes": routes,
            "schedule": None, "createdAt": NOW, "updatedAt": NOW}


def inbound_rule(name, trunk, dids, pbx_host, pbx_port):
    """An enabled inbound rule: calls from trunk to a DID of dids go to the PBX at host:port."""
    return {"schema": "inbound.rules.v1", "version": 1, "at": NOW, "id": str(uuid.uuid4()),
            "name": name, "enabled": True, "priority": 1000,
            "match": {"trunkIds": [trunk["id"]], "dids": dids, "callers": None},
            "destinations": [{"host": pbx_host, "port": pbx_port, "transport": "UDP",
                              "stripDigits": 0, "prepend": ""}],
            "schedule": None, "afterHours": None, "createdAt": NOW, "updatedAt": NOW}


def write_tsv(path, records):
    """One line per record: its id (the topic key), a tab, its JSON."""
    with open(path, "w") as f:
        for record in records:
            f.write(record["id"] + "\t" + json.dumps(record) + "\n")
