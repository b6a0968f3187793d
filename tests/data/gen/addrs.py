#!/usr/bin/env python3
"""Valid mainnet test addresses for the weigh/cap fixtures.

The p2tr ones come from BIP-350 and Bitcoin Core's key_io_valid.json (valid
x-only keys); the others are base58check / bech32 encodings of
sha256("flattor-test-N") truncated to the program size: valid addresses
whose keys nobody holds.  Prints "address<TAB>type" lines.
"""
import hashlib
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', '..', '..', 'scripts'))
from addrgen import b58check, segwit as bech32  # noqa: E402


def h(n, size):
    return hashlib.sha256(b'flattor-test-%d' % n).digest()[:size]


TAPROOT = [
    'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
    'bc1p83n3au0rjylefxq2nc2xh2y4jzz4pm6zxj4mw5pagdjjr2a9f36s6jjnnu',
    'bc1pve739yap4uxjvfk0jrey69078u0gasm2nwvv483ec6zkzulgw9xqu4w9fd',
]

if __name__ == '__main__':
    out = []
    for n in range(200):
        k = n % 5
        if k == 0:
            out.append((b58check(b'\x00' + h(n, 20)), 'p2pkh'))
        elif k == 1:
            out.append((bech32('bc', 0, h(n, 20)), 'p2wpkh'))
        elif k == 2:
            out.append((b58check(b'\x05' + h(n, 20)), 'p2sh'))
        elif k == 3:
            out.append((bech32('bc', 0, h(n, 32)), 'p2wsh'))
        else:
            out.append((TAPROOT[(n // 5) % 3], 'p2tr'))
    seen = set()
    for a, t in out:
        if a not in seen:
            seen.add(a)
            print('%s\t%s' % (a, t))
