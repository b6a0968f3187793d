#!/usr/bin/env python3
"""A loopback stand-in for the Esplora HTTP API, for tests/t-received.sh
and scripts/bench-received.sh.

usage: esplora-server.py PORTFILE LOGFILE [--delay MS] [--tip-moves K]
                        [--paid ADDRESS:SAT ...]
       esplora-server.py --print
       esplora-server.py --txid NAME K

Binds 127.0.0.1 on a free port, writes the port to PORTFILE and logs every
request path to LOGFILE.  It answers the requests flattor-received makes,
shaped as Blockstream's API.md documents them:

    GET /blocks/tip/height           text, the tip height
    GET /blocks/tip/hash             text, the tip hash
    GET /address/:a/txs              up to 50 mempool txs, then 25 confirmed
    GET /address/:a/txs/chain/:last  the next 25 confirmed after :last
    GET /tx/:txid                    one transaction, or 404

Transactions carry every documented field (txid, version, locktime, size,
weight, fee, vin[] with prevout, vout[] with scriptpubkey, _asm, _type,
_address, value, status).  The scenario is chosen by the address (see
NAMED below); an unknown address has no history.  --delay adds latency to
every request (the benchmark); --tip-moves K makes a block arrive after
each of the first K reads of the tip height; --paid ADDRESS:SAT adds a
confirmed payment from someone else.  --print prints the named addresses
(name, TAB, address) and exits; --txid NAME K the txid of the K-th
confirmed transaction of NAME's history.  It stops by itself after 10 minutes.
"""
import hashlib
import http.server
import json
import os
import socket
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
import addrgen  # noqa: E402

NOW = 1795694400  # 2026-11-26T12:00:00Z, the tests' --now
PERIOD = 30 * 86400
TIP = 900000
TIP_HASH = hashlib.sha256(b"tip").hexdigest()
LIFETIME = 600


def h(data, n=20):
    return hashlib.sha256(data.encode()).digest()[:n]


# The generator point's x: a valid x-only key for P2TR (BIP-350's vector).
G_X = bytes.fromhex(
    "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")


def script(kind, prog):
    """(scriptpubkey hex, asm, esplora type, address or None)."""
    p = prog.hex()
    if kind == "p2pkh":
        return ("76a914" + p + "88ac",
                "OP_DUP OP_HASH160 OP_PUSHBYTES_20 %s OP_EQUALVERIFY "
                "OP_CHECKSIG" % p, "p2pkh",
                addrgen.b58check(b"\x00" + prog))
    if kind == "p2sh":
        return ("a914" + p + "87", "OP_HASH160 OP_PUSHBYTES_20 %s OP_EQUAL"
                % p, "p2sh", addrgen.b58check(b"\x05" + prog))
    if kind == "p2wpkh":
        return ("0014" + p, "OP_0 OP_PUSHBYTES_20 " + p, "v0_p2wpkh",
                addrgen.segwit("bc", 0, prog))
    if kind == "p2wsh":
        return ("0020" + p, "OP_0 OP_PUSHBYTES_32 " + p, "v0_p2wsh",
                addrgen.segwit("bc", 0, prog))
    if kind == "p2tr":
        return ("5120" + p, "OP_PUSHNUM_1 OP_PUSHBYTES_32 " + p, "v1_p2tr",
                addrgen.segwit("bc", 1, prog))
    if kind == "op_return":
        return ("6a%02x" % len(prog) + p, "OP_RETURN OP_PUSHBYTES_%d %s"
                % (len(prog), p), "op_return", None)
    raise ValueError(kind)


def named(name, kind="p2wpkh"):
    n = 32 if kind in ("p2wsh", "p2tr") else 20
    return script(kind, G_X if kind == "p2tr" else h(name, n))


def output(s, value):
    o = {"scriptpubkey": s[0], "scriptpubkey_asm": s[1],
         "scriptpubkey_type": s[2]}
    if s[3] is not None:
        o["scriptpubkey_address"] = s[3]
    o["value"] = value
    return o


COUNTER = [0]


def tx(ins, outs, height=None, btime=None, coinbase=False):
    """A transaction: ins and outs are lists of (script, value)."""
    COUNTER[0] += 1
    txid = hashlib.sha256(hashlib.sha256(
        b"tx%d" % COUNTER[0]).digest()).digest()[::-1].hex()
    vin = []
    if coinbase:
        vin.append({"txid": "0" * 64, "vout": 4294967295, "prevout": None,
                    "scriptsig": "03a0bb0d", "scriptsig_asm":
                    "OP_PUSHBYTES_3 a0bb0d", "witness": ["00" * 32],
                    "is_coinbase": True, "sequence": 4294967295})
    for k, (s, v) in enumerate(ins):
        vin.append({"txid": hashlib.sha256(b"prev%d%d" % (COUNTER[0], k))
                    .hexdigest(), "vout": k, "prevout": output(s, v),
                    "scriptsig": "", "scriptsig_asm": "",
                    "witness": ["30" * 71, "02" + "11" * 32],
                    "is_coinbase": False, "sequence": 4294967293})
    vout = [output(s, v) for s, v in outs]
    fee = max(0, sum(v for _, v in ins) - sum(v for _, v in outs))
    t = {"txid": txid, "version": 2, "locktime": 0, "vin": vin,
         "vout": vout, "size": 100 + 68 * len(vin) + 31 * len(vout),
         "weight": 400 + 272 * len(vin) + 124 * len(vout), "fee": fee}
    if height is None:
        t["status"] = {"confirmed": False}
    else:
        t["status"] = {"confirmed": True, "block_height": height,
                       "block_hash": hashlib.sha256(b"block%d" % height)
                       .hexdigest(),
                       "block_time": btime if btime is not None
                       else NOW - (TIP - height) * 600}
    return t


OTHER = named("someone else")
FUNDS = named("a donor's coins", "p2wsh")
HIST = {}  # address -> transactions, mempool first, then newest first
TXS = {}  # txid -> transaction


def history(addr, txs):
    mem = [t for t in txs if not t["status"]["confirmed"]]
    conf = sorted((t for t in txs if t["status"]["confirmed"]),
                  key=lambda t: -t["status"]["block_height"])
    HIST[addr] = mem + conf
    for t in txs:
        TXS[t["txid"]] = t


def pay(s, value, **kw):
    """An ordinary payment to s from the donor's coins, with change."""
    return tx([(FUNDS, value + 100000)], [(s, value), (FUNDS, 99000)], **kw)


# "many": 60 confirmed transactions (three pages), two mempool ones,
# self-transfers, two outputs in one transaction, a coinbase, an
# OP_RETURN, and payments at both edges of the period.
MANY = named("many")
txs = [pay(MANY, 1000 + k, height=TIP - 100 - 60 * k) for k in range(60)]
txs += [
    tx([(FUNDS, 500000)], [(MANY, 7000), (MANY, 8000), (OTHER, 1)],
       height=TIP - 1),
    tx([(MANY, 5000)], [(MANY, 4000), (OTHER, 900)], height=TIP - 2),
    tx([], [(MANY, 625000000), (named("x", "op_return"), 0)], height=TIP - 3,
       coinbase=True),
    pay(MANY, 111, height=TIP - 4000, btime=NOW - PERIOD + 1),
    pay(MANY, 222, height=TIP - 4001, btime=NOW - PERIOD),
    pay(MANY, 333, height=TIP, btime=NOW + 1),
    pay(MANY, 20000),
    tx([(MANY, 3000)], [(MANY, 2000), (OTHER, 900)]),
]
history(MANY[3], txs)

# One payment to each output type, and a P2TR change output.
TYPES = {}
for kind in ("p2pkh", "p2sh", "p2wpkh", "p2wsh", "p2tr"):
    s = named("type " + kind, kind)
    TYPES[kind] = s
    history(s[3], [pay(s, 50000, height=TIP - 10),
                   tx([(FUNDS, 90000)], [(OTHER, 10000), (s, 70000)],
                      height=TIP - 20)])

# Depth: one payment 1, one 6 confirmations deep.
DEPTH = named("depth")
history(DEPTH[3], [pay(DEPTH, 10, height=TIP), pay(DEPTH, 60,
                                                    height=TIP - 5)])

# 50 mempool transactions: the API shows no more.
FULL = named("fifty in the mempool")
history(FULL[3], [pay(FULL, 1 + k) for k in range(50)])

# The failures.
NAMED = {name: named(name)[3] for name in (
    "empty", "429 once", "500 always", "503 then 200", "cut off",
    "truncated json", "malformed json", "real value", "negative value",
    "html", "slow", "wrong order", "wait an hour", "500 on page 2")}
NAMED.update({"many": MANY[3], "depth": DEPTH[3], "fifty": FULL[3]})
for k, s in TYPES.items():
    NAMED[k] = s[3]
PAGE2 = named("500 on page 2")
history(PAGE2[3], [pay(PAGE2, 1 + k, height=TIP - 1 - k) for k in range(30)])
for name in ("429 once", "503 then 200"):
    history(NAMED[name], [pay(named(name), 4242, height=TIP - 7)])
BAD = {a: n for n, a in NAMED.items()}

def decode(addr):
    """The scriptPubKey script() tuple of a mainnet address."""
    if addr.lower().startswith("bc1"):
        a = addr.lower()
        data = [addrgen.CHARSET.index(c) for c in a[a.rindex("1") + 1:-6]]
        ver, acc, bits, prog = data[0], 0, 0, []
        for v in data[1:]:
            acc, bits = (acc << 5) | v, bits + 5
            if bits >= 8:
                bits -= 8
                prog.append((acc >> bits) & 0xff)
        prog = bytes(prog)
        kind = {(0, 20): "p2wpkh", (0, 32): "p2wsh", (1, 32): "p2tr"}
        s = script(kind[(ver, len(prog))], prog)
        return s
    n = 0
    for c in addr:
        n = n * 58 + addrgen.B58.index(c)
    raw = n.to_bytes(25, "big")
    return script("p2pkh" if raw[0] == 0 else "p2sh", raw[1:21])


def paid(spec):
    """--paid ADDRESS:SAT: a payment from someone else, 10 blocks deep."""
    addr, sat = spec.rsplit(":", 1)
    s = decode(addr)
    assert s[3] == addr.lower() or s[3] == addr, (s[3], addr)
    history(addr, HIST.get(addr, []) + [pay(s, int(sat), height=TIP - 10)])


counts = {}
lock = threading.Lock()
delay = 0.0
tip_moves = 0
tip = [TIP]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        # Headers and body go out in two writes: no Nagle wait between.
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, *args):
        pass

    def send(self, status, body, ctype="application/json", headers=(),
             length=None):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length",
                         str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        with lock:
            n = counts[path] = counts.get(path, 0) + 1
            with open(log_file, "a") as log:
                log.write(path + "\n")
        if delay:
            time.sleep(delay)
        parts = path.strip("/").split("/")
        if parts == ["blocks", "tip", "height"]:
            # With --tip-moves K, a block arrives after each of the first
            # K reads of the height.
            with lock:
                height = TIP + min(n - 1, tip_moves)
                tip[0] = TIP + min(n, tip_moves)
            return self.send(200, str(height), "text/plain")
        if parts == ["blocks", "tip", "hash"]:
            with lock:
                height = tip[0]
            return self.send(200, TIP_HASH if height == TIP else
                             hashlib.sha256(b"tip%d" % height).hexdigest(),
                             "text/plain")
        if len(parts) == 2 and parts[0] == "tx":
            t = TXS.get(parts[1])
            if t is None:
                return self.send(404, "Transaction not found", "text/plain")
            return self.send(200, dumps(t))
        if len(parts) < 3 or parts[0] != "address" or parts[2] != "txs":
            return self.send(404, "Not found", "text/plain")
        addr = parts[1]
        name = BAD.get(addr)
        if name == "429 once" and n == 1:
            return self.send(429, "Too Many Requests", "text/plain",
                             [("Retry-After", "1")])
        if name == "wait an hour":
            return self.send(429, "Too Many Requests", "text/plain",
                             [("Retry-After", "3600")])
        if name == "503 then 200" and n == 1:
            return self.send(503, "Service Unavailable", "text/plain")
        if name == "500 on page 2" and len(parts) == 5:
            return self.send(500, "Internal Server Error", "text/plain")
        if name == "500 always":
            return self.send(500, "Internal Server Error", "text/plain")
        if name == "slow":
            time.sleep(3)
            return self.send(200, "[]")
        if name == "html":
            return self.send(200, "<html>captive portal</html>", "text/html")
        if name == "cut off":
            self.close_connection = True
            return self.send(200, "[", length=1000)
        if name == "truncated json":
            return self.send(200, dumps([pay(MANY, 1, height=TIP)])[:-40])
        if name == "malformed json":
            return self.send(200, "[{\"txid\": 12}]")
        if name in ("real value", "negative value"):
            t = pay(named(name), 5, height=TIP)
            t["vout"][0]["value"] = 0.5 if name == "real value" else -5
            return self.send(200, dumps([t]))
        if name == "wrong order":
            return self.send(200, dumps([pay(named(name), 5, height=TIP - 9),
                                         pay(named(name), 6, height=TIP)]))
        txs = HIST.get(addr, [])
        if len(parts) == 3:
            mem = [t for t in txs if not t["status"]["confirmed"]][:50]
            conf = [t for t in txs if t["status"]["confirmed"]][:25]
            return self.send(200, dumps(mem + conf))
        if len(parts) == 5 and parts[3] == "chain":
            conf = [t for t in txs if t["status"]["confirmed"]]
            ids = [t["txid"] for t in conf]
            if parts[4] not in ids:
                return self.send(400, "Invalid txid", "text/plain")
            k = ids.index(parts[4]) + 1
            return self.send(200, dumps(conf[k:k + 25]))
        return self.send(404, "Not found", "text/plain")


def dumps(x):
    return json.dumps(x, separators=(",", ":"))


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--print"]:
        for name in sorted(NAMED):
            print(name + "\t" + NAMED[name])
        sys.exit(0)
    if args[:1] == ["--txid"]:
        conf = [t for t in HIST[NAMED[args[1]]] if t["status"]["confirmed"]]
        print(conf[int(args[2]) - 1]["txid"])
        sys.exit(0)
    port_file, log_file = args[0], args[1]
    if "--delay" in args:
        delay = int(args[args.index("--delay") + 1]) / 1000.0
    for k, a in enumerate(args):
        if a == "--paid":
            paid(args[k + 1])
    if "--tip-moves" in args:
        tip_moves = int(args[args.index("--tip-moves") + 1])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Timer(LIFETIME, lambda: os._exit(0)).start()
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()
