#!/usr/bin/env python3
"""Valid mainnet test addresses for the weigh/cap fixtures.

The p2tr ones come from BIP-350 and Bitcoin Core's key_io_valid.json (valid
x-only keys); the others are base58check / bech32 encodings of
sha256("flattor-test-N") truncated to the program size: valid addresses
whose keys nobody holds.  Prints "address<TAB>type" lines.
"""
import hashlib

B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'


def b58check(payload):
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(data, 'big')
    s = ''
    while n:
        n, r = divmod(n, 58)
        s = B58[r] + s
    return '1' * (len(data) - len(data.lstrip(b'\0'))) + s


def polymod(values):
    gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def bech32(hrp, ver, prog):
    acc = bits = 0
    data = [ver]
    for b in prog:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    hx = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    const = 1 if ver == 0 else 0x2bc830a3
    pm = polymod(hx + data + [0] * 6) ^ const
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + '1' + ''.join(CHARSET[d] for d in data + chk)


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
