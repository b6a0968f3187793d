#!/usr/bin/env python3
"""Writes a full-size Onionoo details document for scripts/bench-fetch.sh.

usage: make-bigdoc.py OUT [RELAYS]

About 9,500 relays (RELAYS) with every field, about 20 MB, built from the
real samples in tests/data: each relay is one of the 311 real relays of
2026 (its fields and values), given a unique fingerprint and nickname, and
completed with the fields that sample leaves out (addresses, exit policies,
platform, location, host names, families...) taken from the 40-relay sample
of 2026 and the complete 2012 document.  Deterministic: the same output on
every run.  Compact, one relay per line, as Onionoo writes it.
"""
import base64
import hashlib
import json
import os
import sys

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
data = os.path.join(top, "tests", "data")


def load(name):
    with open(os.path.join(data, name)) as f:
        return json.load(f)


base = load("onionoo-311relays-2026-09-04.json")
with40 = load("onionoo-40relays-2026-09-04.json")["relays"]
old = load("onionoo-10relays-2012-11-16.json")["relays"]

out_path = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 9500
relays = base["relays"]


def fp(i):
    return hashlib.sha1(b"flattor-bench-%d" % i).hexdigest().upper()


# A long exit policy, as exits publish them.
policy = ["reject 0.0.0.0/8:*", "reject 169.254.0.0/16:*",
          "reject 127.0.0.0/8:*", "reject 192.168.0.0/16:*",
          "reject 10.0.0.0/8:*", "reject 172.16.0.0/12:*",
          "reject *:25", "reject *:119", "reject *:135-139",
          "reject *:445", "reject *:563", "reject *:1214",
          "reject *:4661-4666", "reject *:6346-6429", "reject *:6699",
          "reject *:6881-6999", "accept *:*"]

ports = ["20-23", "43", "53", "79-81", "88", "110", "143", "194", "220",
         "389", "443", "464-465", "531", "543-544", "554", "563", "587",
         "636", "706", "749", "853", "873", "902-904", "981", "989-990",
         "991", "992", "993", "994", "995", "1194", "1220", "1293", "1500",
         "1533", "1677", "1723", "1755", "1863", "2082", "2083", "2086-2087",
         "2095-2096", "2102-2104", "3128", "3389", "3690", "4321", "4643",
         "5050", "5190", "5222-5223", "5228", "5900", "6660-6669", "6679",
         "6697", "8000", "8008", "8074", "8080", "8082", "8087-8088",
         "8232-8233", "8332-8333", "8443", "8888", "9418", "9999", "10000",
         "11371", "19294", "19638", "50002", "64738"]

out = []
for i in range(count):
    r = dict(relays[i % len(relays)])
    rnd = i // len(relays)
    r["fingerprint"] = fp(i)
    if rnd:
        r["nickname"] = (r["nickname"][:15] + str(rnd))[:19]
    a = with40[i % len(with40)]
    for k in ("or_addresses", "exit_addresses"):
        if k in a:
            r[k] = a[k]
    o = old[i % len(old)]
    for k in ("dir_address", "latitude", "longitude", "country_name",
              "region_name", "city_name", "as_name", "host_name",
              "exit_policy_summary", "last_restarted", "bandwidth_rate",
              "bandwidth_burst", "advertised_bandwidth_fraction"):
        if k in o and k not in r:
            r[k] = o[k]
    r["exit_policy"] = policy if "Exit" in r.get("flags", []) \
        else ["reject *:*"]
    if "Exit" in r.get("flags", []):
        r["exit_policy_summary"] = {"accept": ports}
        r["exit_policy_v6_summary"] = {"accept": ports}
    else:
        r["exit_policy_v6_summary"] = {"reject": ["1-65535"]}
    if "family_ids" in r:
        # The newer family certificate: base64 lines, as tor writes them.
        raw = b"".join(hashlib.sha256(b"%d-%d" % (i, k)).digest()
                       for k in range(12))
        b64 = base64.b64encode(raw).decode()
        r["family_cert"] = ("-----BEGIN FAMILY CERT-----\n" +
                            "\n".join(b64[k:k + 64]
                                      for k in range(0, len(b64), 64)) +
                            "\n-----END FAMILY CERT-----")
    r["verified_host_names"] = [o.get("host_name", "relay%d.example" % i)]
    r["last_changed_address_or_port"] = r.get("first_seen",
                                              "2026-01-01 00:00:00")
    r["platform"] = "Tor 0.4.8.17 on Linux"
    r["version"] = "0.4.8.17"
    r["recommended_version"] = True
    r["version_status"] = "recommended"
    # Families of three consecutive relays, so that the family column
    # has work to do.
    g = i - i % 3
    fam = ["$" + fp(j) for j in range(g, min(g + 3, count))]
    r["effective_family"] = fam
    r["alleged_family"] = fam[:1]
    out.append(r)

with open(out_path + ".tmp", "w") as f:
    f.write('{"version":"8.0",\n"build_revision":"89598ea",\n'
            '"relays_published":"%s",\n"relays":[\n'
            % base["relays_published"])
    f.write(",\n".join(json.dumps(r, separators=(",", ":"),
                                  ensure_ascii=False) for r in out))
    f.write('\n],\n"bridges_published":"%s",\n"bridges":[\n]}\n'
            % base["relays_published"])
os.rename(out_path + ".tmp", out_path)
