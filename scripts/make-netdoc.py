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

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def segwit_v0(hrp, prog):
    acc = bits = 0
    data = [0]
    for b in prog:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    hrpx = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    mod = polymod(hrpx + data + [0] * 6) ^ 1
    chk = [(mod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(CHARSET[d] for d in data + chk)


top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
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
        addr = segwit_v0("bc", prog)
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
