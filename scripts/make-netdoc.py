#!/usr/bin/env python3
"""Writes an Onionoo details document of a network of N relays, for the
whole-pipeline benchmark (scripts/bench-pipeline.sh).

usage: make-netdoc.py OUT RELAYS

Each relay is one of the 311 real relays of tests/data (its fields and
values) with a unique fingerprint and nickname.  About one relay in nine
publishes a Bitcoin address, as on the real network; relays are grouped
in families of three, and each family with an address shares one, so that
operator grouping, weighing and capping have real work to do.  Addresses
are P2WPKH, made from a hash of the family number (no key behind them:
benchmark data only).  Deterministic: the same output on every run.
"""
import hashlib
import json
import os
import sys

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, os.path.join(top, "scripts"))
from addrgen import segwit  # noqa: E402
with open(os.path.join(top, "tests", "data",
                       "onionoo-311relays-2026-09-04.json")) as f:
    base = json.load(f)
out_path, count = sys.argv[1], int(sys.argv[2])
relays = base["relays"]


def fp(i):
    return hashlib.sha1(b"flattor-net-%d" % i).hexdigest().upper()


out = []
for i in range(count):
    r = dict(relays[i % len(relays)])
    r["fingerprint"] = fp(i)
    r["nickname"] = ("r%d" % i)[:19]
    fam = i // 3
    members = [fp(j) for j in range(3 * fam, min(3 * fam + 3, count))]
    r["effective_family"] = ["$" + m for m in members]
    r.pop("family_ids", None)
    if fam % 9 == 0:
        prog = hashlib.sha256(b"flattor-net-addr-%d" % fam).digest()[:20]
        addr = segwit("bc", 0, prog)
        r["contact"] = "email:op%d[]example.org btc:%s ciissversion:2" % (
            fam, addr)
    elif "contact" in r and "btc" in r["contact"].lower():
        r["contact"] = "email:op%d[]example.org ciissversion:2" % fam
    out.append(r)

with open(out_path + ".tmp", "w") as f:
    f.write('{"version":"8.0",\n"relays_published":"%s",\n"relays":[\n'
            % base["relays_published"])
    f.write(",\n".join(json.dumps(r, separators=(",", ":"),
                                  ensure_ascii=False) for r in out))
    f.write('\n],\n"bridges_published":"%s",\n"bridges":[\n]}\n'
            % base["relays_published"])
os.rename(out_path + ".tmp", out_path)
