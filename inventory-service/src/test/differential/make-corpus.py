#!/usr/bin/python3
"""Turns a recording (recording-proxy.py's JSON lines) of real terminus traffic into the committed corpus:

  commands/NNN-<step>.json     every POST /pdb/cmd/v1 the terminus sent, in order, then the synthetic variants of
                               spec §8.2 derived from them (older/equal/newer producer timestamps, a duplicate
                               report, out-of-order report, deactivations, reactivation, two exporters of one
                               title, gzip, old body format, configure expiration, catalog inputs)
  commands/invalid/NN-*.json   submissions that must be refused (status, content type and JSON keys compared)
  queries/terminus.json        every distinct query the terminus sent (collectors, puppetdb_query, node status)

Every command file is one request: {"name","origin","method","params":[[k,v]...],"headers":{...},"gzip":bool,
"wait":bool,"payload":JSON | "rawBody":string}. The harness sends params (+ secondsToWaitForCompletion=30 when
"wait"), the headers, and payload serialised compactly (gzipped with Content-Encoding: gzip when "gzip").
"""
import argparse
import copy
import datetime
import json
import os
import re
import shutil
import urllib.parse

KEEP_HEADERS = ("Accept", "Content-Type", "Content-Encoding")


def parse_ts(s):
    return datetime.datetime.fromisoformat(s.replace("Z", "+00:00"))


def fmt_ts(d, like):
    """Formats d in the same style as the timestamp `like` (Z or offset, milliseconds)."""
    if like.endswith("Z"):
        d = d.astimezone(datetime.timezone.utc)
        return d.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (d.microsecond // 1000)
    off = parse_ts(like).utcoffset()
    d = d.astimezone(datetime.timezone(off))
    s = d.strftime("%Y-%m-%dT%H:%M:%S.") + "%03d" % (d.microsecond // 1000)
    sign = "-" if off < datetime.timedelta(0) else "+"
    mins = abs(int(off.total_seconds())) // 60
    return s + "%s%02d:%02d" % (sign, mins // 60, mins % 60)


def shift(ts, **delta):
    return fmt_ts(parse_ts(ts) + datetime.timedelta(**delta), ts)


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:60]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--record", required=True)
    ap.add_argument("--steps", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()

    record = [json.loads(l) for l in open(a.record, encoding="utf-8")]
    marks = [json.loads(l) for l in open(a.steps, encoding="utf-8")]
    marks = [m for m in marks if "mark" in m]

    def step_of(i):
        name = "before the scenario"
        for m in marks:
            if m["mark"] <= i:
                name = m["step"]
        return name

    cmd_dir = os.path.join(a.out, "commands")
    inv_dir = os.path.join(cmd_dir, "invalid")
    q_dir = os.path.join(a.out, "queries")
    shutil.rmtree(cmd_dir, ignore_errors=True)
    os.makedirs(inv_dir)
    os.makedirs(q_dir, exist_ok=True)

    commands = []
    queries = []
    seen_q = set()
    for i, e in enumerate(record):
        if e["path"] == "/pdb/cmd/v1" and e["method"] == "POST":
            params = [list(p) for p in e["params"]]
            pd = dict(e["params"])
            headers = {k: v for k, v in e["headers"].items() if k in KEEP_HEADERS}
            commands.append({
                "name": "%s: %s %s v%s" % (step_of(i), pd.get("certname"), pd.get("command"), pd.get("version")),
                "origin": "captured from puppet-agent 7.23 with puppet-terminus-puppetdb 7.12.1",
                "method": "POST", "params": params, "headers": headers, "gzip": False, "wait": True,
                "payload": json.loads(e["body"]["text"]),
                "captured_status": e["status"],
            })
        elif e["path"].startswith("/pdb/query/") or e["path"].startswith("/pdb/meta/"):
            body = json.loads(e["body"]["text"]) if e.get("body") and "text" in e["body"] else None
            key = (e["method"], e["path"], e["query"], json.dumps(body, sort_keys=True))
            if key in seen_q:
                continue
            seen_q.add(key)
            what = "query"
            if e["path"] == "/pdb/query/v4/resources":
                what = "exported collector"
            elif e["path"] == "/pdb/query/v4" and e["method"] == "POST":
                what = "puppetdb_query()"
            elif e["path"].startswith("/pdb/query/v4/nodes/"):
                what = "puppet node status" if not e["path"].endswith("/facts") else "facts find"
            queries.append({
                "name": "terminus %s (%s, %s)" % (what, step_of(i), e.get("client_cn")),
                "method": e["method"], "path": e["path"], "params": [list(p) for p in e["params"]],
                "body": body, "ordered": False, "headers": {"Accept": "application/json"},
            })

    def last(certname, command):
        for c in reversed(commands):
            p = dict(c["params"])
            if p.get("certname") == certname and p.get("command") == command:
                return c
        raise KeyError((certname, command))

    def first(certname, command):
        for c in commands:
            p = dict(c["params"])
            if p.get("certname") == certname and p.get("command") == command:
                return c
        raise KeyError((certname, command))

    def variant(base, name, payload_ts=None, param_ts=None, mutate=None):
        c = copy.deepcopy(base)
        c["name"] = "synthetic: " + name
        c["origin"] = "synthetic, from the captured command '%s'" % base["name"]
        c.pop("captured_status", None)
        if param_ts is not None:
            c["params"] = [[k, param_ts if k == "producer-timestamp" else v] for k, v in c["params"]]
        if payload_ts is not None:
            c["payload"]["producer_timestamp"] = payload_ts
        if mutate:
            mutate(c)
        return c

    latest_ts = max(parse_ts(dict(c["params"])["producer-timestamp"]) for c in commands)
    base_z = fmt_ts(latest_ts, "2000-01-01T00:00:00.000Z")

    def cmd(name, command, version, certname, payload, ts):
        return {"name": "synthetic: " + name, "origin": "synthetic", "method": "POST",
                "params": [["version", str(version)], ["certname", certname], ["command", command],
                           ["producer-timestamp", ts]],
                "headers": {"Accept": "application/json", "Content-Type": "application/json; charset=utf-8"},
                "gzip": False, "wait": True, "payload": payload}

    synth = []
    # 1. facts older than the stored ones: stale, ignored
    f = last("web1", "replace_facts")
    ts = shift(f["payload"]["producer_timestamp"], hours=-1)
    synth.append(variant(f, "web1 facts one hour older than its stored facts (stale, ignored)", ts,
                         shift(dict(f["params"])["producer-timestamp"], hours=-1),
                         lambda c: c["payload"]["values"].update({"pp_run": "stale"})))
    # 2. catalog older than the stored one: stale, ignored
    cat = last("web1", "replace_catalog")

    def add_notify(c):
        c["payload"]["resources"].append({"type": "Notify", "title": "stale", "tags": ["notify", "stale"],
                                          "exported": False, "file": None, "line": None,
                                          "parameters": {"message": "never stored"}})
        c["payload"]["transaction_uuid"] = "00000000-0000-4000-8000-000000000002"
        c["payload"]["catalog_uuid"] = "00000000-0000-4000-8000-000000000002"
    synth.append(variant(cat, "web1 catalog one hour older than its stored catalog (stale, ignored)",
                         shift(cat["payload"]["producer_timestamp"], hours=-1),
                         shift(dict(cat["params"])["producer-timestamp"], hours=-1), add_notify))
    # 3. facts with an equal timestamp: replace; sent gzipped
    f = last("lb1", "replace_facts")

    def lb_ip(c):
        c["payload"]["values"]["pp_ip"] = "192.0.2.22"
        c["gzip"] = True
    synth.append(variant(f, "lb1 facts with the same producer_timestamp, pp_ip changed (replaces), gzipped body",
                         mutate=lb_ip))
    # 4. a duplicate report
    r = last("web1", "store_report")
    synth.append(variant(r, "web1's last report again, unchanged (duplicate, ignored)"))
    # 5. an out-of-order report: older than the latest, must not become latest
    r = first("web1", "store_report")

    def older_report(c):
        p = c["payload"]
        for k in ("start_time", "end_time"):
            p[k] = shift(p[k], days=-1)
        p["transaction_uuid"] = "00000000-0000-4000-8000-000000000005"
        p["catalog_uuid"] = "00000000-0000-4000-8000-000000000005"
        for res in p["resources"]:
            res["timestamp"] = shift(res["timestamp"], days=-1)
            for ev in res["events"]:
                ev["timestamp"] = shift(ev["timestamp"], days=-1)
        for lg in p["logs"]:
            lg["time"] = shift(lg["time"], days=-1)
    synth.append(variant(r, "web1's first report moved one day back, new transaction (stored, not latest)",
                         shift(r["payload"]["producer_timestamp"], days=-1),
                         shift(dict(r["params"])["producer-timestamp"], days=-1), older_report))
    # 6. deactivate db1 with a timestamp older than its data: stale, db1 stays active
    old = shift(base_z, days=-2)
    synth.append(cmd("deactivate db1 with a timestamp older than its data (stale, stays active)",
                     "deactivate_node", 3, "db1", {"certname": "db1", "producer_timestamp": old}, old))
    # 7. deactivate db1 with a newer timestamp
    t7 = shift(base_z, minutes=1)
    synth.append(cmd("deactivate db1, newer than its data", "deactivate_node", 3, "db1",
                     {"certname": "db1", "producer_timestamp": t7}, t7))
    # 8. new facts for db1 after the deactivation: reactivates it
    f = last("db1", "replace_facts")
    t8 = shift(base_z, minutes=2)

    def db_run(c):
        c["payload"]["values"]["pp_run"] = "after-deactivation"
    synth.append(variant(f, "db1 facts newer than its deactivation (reactivates db1)",
                         fmt_ts(parse_ts(t8), f["payload"]["producer_timestamp"]), t8, db_run))
    # 9. deactivating a certname PuppetDB has never seen
    t9 = shift(base_z, minutes=3)
    synth.append(cmd("deactivate ghost1, never seen before", "deactivate_node", 3, "ghost1",
                     {"certname": "ghost1", "producer_timestamp": t9}, t9))
    # 10. a second node exporting Host[web1] (the same title as web1), with array and string ports
    t10 = shift(base_z, minutes=4)
    f = copy.deepcopy(last("lb1", "replace_facts")["payload"])
    f["certname"] = "dup1"
    f["producer"] = "dup1"
    f["producer_timestamp"] = t10
    f["values"]["pp_ip"] = "192.0.2.41"
    f["values"]["trusted"] = {"authenticated": "remote", "certname": "dup1", "domain": None,
                              "extensions": {}, "hostname": "dup1"}
    f["values"]["networking"] = dict(f["values"].get("networking", {}), hostname="dup1")
    synth.append(cmd("facts for dup1 (a hand-made node)", "replace_facts", 5, "dup1", f, t10))
    scratch = None
    for res in cat["payload"]["resources"]:
        if res["type"] == "File" and res["title"].endswith("/exported-web1.txt"):
            scratch = res["title"].rsplit("/", 1)[0]
    res = [
        {"type": "Stage", "title": "main", "tags": ["stage", "class"], "exported": False, "parameters": {"name": "main"}},
        {"type": "Class", "title": "Settings", "tags": ["class", "settings"], "exported": False, "parameters": {}},
        {"type": "Class", "title": "main", "tags": ["class"], "exported": False, "parameters": {"name": "main"}},
        {"type": "Host", "title": "web1", "tags": ["host", "class", "web"], "exported": True,
         "file": "/synthetic/dup.pp", "line": 1,
         "parameters": {"ip": "192.0.2.99", "target": "%s/hosts" % scratch}},
        {"type": "Pp::Endpoint", "title": "dup1-multi", "tags": ["pp::endpoint", "pp", "endpoint", "class", "lb"],
         "exported": True, "file": "/synthetic/dup.pp", "line": 5,
         "parameters": {"host": "dup1", "port": [80, 443], "target": "endpoints", "aliases": ["multi"]}},
        {"type": "Pp::Endpoint", "title": "dup1-string80", "tags": ["pp::endpoint", "pp", "endpoint", "class", "lb"],
         "exported": True, "file": "/synthetic/dup.pp", "line": 9,
         "parameters": {"host": "dup1", "port": "80", "target": "endpoints"}},
        {"type": "Notify", "title": "dup1 unicode ☃ and \"quotes\"", "tags": ["notify", "class"], "exported": False,
         "file": "/synthetic/dup.pp", "line": 13, "parameters": {"message": "Grüße, 1.5e3, null-free"}},
    ]
    edges = [{"source": {"type": "Stage", "title": "main"}, "target": {"type": "Class", "title": "Settings"},
              "relationship": "contains"},
             {"source": {"type": "Stage", "title": "main"}, "target": {"type": "Class", "title": "main"},
              "relationship": "contains"}]
    for r_ in res[3:]:
        edges.append({"source": {"type": "Class", "title": "main"},
                      "target": {"type": r_["type"], "title": r_["title"]}, "relationship": "contains"})
    edges.append({"source": {"type": "Host", "title": "web1"},
                  "target": {"type": "Notify", "title": "dup1 unicode ☃ and \"quotes\""}, "relationship": "before"})
    catalog = {"certname": "dup1", "version": "1700000000", "environment": "production",
               "transaction_uuid": "00000000-0000-4000-8000-000000000010",
               "catalog_uuid": "00000000-0000-4000-8000-000000000010", "code_id": None, "job_id": None,
               "producer_timestamp": t10, "producer": "dup1", "resources": res, "edges": edges}
    synth.append(cmd("catalog for dup1 exporting Host[web1] (a second exporter of one title), ports [80,443] and \"80\"",
                     "replace_catalog", 9, "dup1", catalog, t10))
    # 11. configure expiration and catalog inputs for lb1
    t11 = shift(base_z, minutes=5)
    synth.append(cmd("configure expiration: lb1's facts never expire", "configure_expiration", 1, "lb1",
                     {"certname": "lb1", "expire": {"facts": False}, "producer_timestamp": t11}, t11))
    lbcat = last("lb1", "replace_catalog")
    synth.append(cmd("catalog inputs for lb1's last catalog", "replace_catalog_inputs", 1, "lb1",
                     {"certname": "lb1", "catalog_uuid": lbcat["payload"]["catalog_uuid"], "producer_timestamp": t11,
                      "inputs": [["hiera", "pp::endpoints"], ["hiera", "lookup_options"]]}, t11))
    # 12. the deprecated old body format (no command param, wrapped payload)
    t12 = shift(base_z, minutes=6)
    synth.append({"name": "synthetic: deactivate ghost2 in the deprecated wrapped body format", "origin": "synthetic",
                  "method": "POST", "params": [], "headers": {"Accept": "application/json",
                                                              "Content-Type": "application/json"},
                  "gzip": False, "wait": True,
                  "payload": {"command": "deactivate node", "version": 3,
                              "payload": {"certname": "ghost2", "producer_timestamp": t12}}})
    # 13. the newer report of web1 comes again with a newer producer_timestamp but identical content otherwise:
    #     a different hash (producer_timestamp is hashed), becomes latest
    r = last("web1", "store_report")
    t13 = shift(base_z, minutes=7)
    synth.append(variant(r, "web1's last report with a newer producer_timestamp (a new report, becomes latest)",
                         fmt_ts(parse_ts(t13), r["payload"]["producer_timestamp"]), t13))

    n = 0
    for c in commands + synth:
        n += 1
        fn = "%03d-%s.json" % (n, slug(c["name"].replace("synthetic: ", "synthetic ")))
        with open(os.path.join(cmd_dir, fn), "w", encoding="utf-8") as fh:
            json.dump(c, fh, indent=1, ensure_ascii=False, sort_keys=False)
            fh.write("\n")

    # invalid submissions: compared on status, content type and JSON keys
    good = last("lb1", "replace_facts")
    gp = good["payload"]
    gparams = dict(good["params"])

    def inv(name, params=None, headers=None, payload=None, raw=None, method="POST", wait=False, gzip=False):
        d = {"name": name, "origin": "synthetic (refused)", "method": method,
             "params": params if params is not None else [["version", "5"], ["certname", "lb1"],
                                                          ["command", "replace_facts"],
                                                          ["producer-timestamp", gparams["producer-timestamp"]]],
             "headers": headers if headers is not None else {"Accept": "application/json",
                                                             "Content-Type": "application/json; charset=utf-8"},
             "gzip": gzip, "wait": wait, "compare": "status"}
        if raw is not None:
            d["rawBody"] = raw
        else:
            d["payload"] = payload if payload is not None else gp
        return d
    ts = gparams["producer-timestamp"]
    invalid = [
        inv("missing certname param", params=[["version", "5"], ["command", "replace_facts"]]),
        inv("missing command and version params, body not wrapped", params=[["certname", "lb1"]]),
        inv("unknown extra param", params=[["version", "5"], ["certname", "lb1"], ["command", "replace_facts"],
                                           ["frobnicate", "1"]]),
        inv("retired version: replace facts v3", params=[["version", "3"], ["certname", "lb1"],
                                                         ["command", "replace_facts"]]),
        inv("retired version: replace catalog v5", params=[["version", "5"], ["certname", "lb1"],
                                                           ["command", "replace_catalog"]]),
        inv("version not a number", params=[["version", "five"], ["certname", "lb1"], ["command", "replace_facts"]]),
        inv("unknown command", params=[["version", "1"], ["certname", "lb1"], ["command", "frobnicate_node"]]),
        inv("Content-Type text/plain", headers={"Accept": "application/json", "Content-Type": "text/plain"}),
        inv("Accept text/html only", headers={"Accept": "text/html", "Content-Type": "application/json"}),
        inv("Content-Encoding br", headers={"Accept": "application/json", "Content-Type": "application/json",
                                            "Content-Encoding": "br"}),
        inv("body is not JSON", raw="{\"certname\": \"lb1\", "),
        inv("GET on the command endpoint", method="GET", raw=""),
        inv("facts payload without values (schema), waited for", wait=True,
            payload={"certname": "lb1", "environment": "production", "producer_timestamp": ts, "producer": "lb1"}),
        inv("catalog with an upper-case tag (PuppetDB's tag pattern), waited for", wait=True,
            params=[["version", "9"], ["certname", "badtag1"], ["command", "replace_catalog"],
                    ["producer-timestamp", ts]],
            payload={"certname": "badtag1", "version": "1", "environment": "production",
                     "transaction_uuid": "00000000-0000-4000-8000-0000000000b1",
                     "catalog_uuid": "00000000-0000-4000-8000-0000000000b1", "code_id": None, "job_id": None,
                     "producer_timestamp": ts, "producer": "badtag1",
                     "resources": [{"type": "Class", "title": "main", "tags": ["class", "Web"], "exported": False,
                                    "parameters": {}}], "edges": []}),
        inv("catalog whose edge names a resource it does not have, waited for", wait=True,
            params=[["version", "9"], ["certname", "badedge1"], ["command", "replace_catalog"],
                    ["producer-timestamp", ts]],
            payload={"certname": "badedge1", "version": "1", "environment": "production",
                     "transaction_uuid": "00000000-0000-4000-8000-0000000000b2",
                     "catalog_uuid": "00000000-0000-4000-8000-0000000000b2", "code_id": None, "job_id": None,
                     "producer_timestamp": ts, "producer": "badedge1",
                     "resources": [{"type": "Class", "title": "main", "tags": ["class"], "exported": False,
                                    "parameters": {}}],
                     "edges": [{"source": {"type": "Class", "title": "main"},
                                "target": {"type": "File", "title": "/nowhere"}, "relationship": "contains"}]}),
    ]
    for i, c in enumerate(invalid, 1):
        with open(os.path.join(inv_dir, "%02d-%s.json" % (i, slug(c["name"]))), "w", encoding="utf-8") as fh:
            json.dump(c, fh, indent=1, ensure_ascii=False)
            fh.write("\n")

    with open(os.path.join(q_dir, "terminus.json"), "w", encoding="utf-8") as fh:
        json.dump(queries, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    print("corpus: %d captured commands, %d synthetic, %d invalid, %d terminus queries"
          % (len(commands), len(synth), len(invalid), len(queries)))


if __name__ == "__main__":
    main()
