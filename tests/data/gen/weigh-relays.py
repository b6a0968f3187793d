#!/usr/bin/env python3
"""Writes tests/data/weigh-relays.tsv: the first 40 relays of the real
Onionoo document onionoo-311relays-2026-09-04.json (probabilities kept as
published text), in flattor-addrs' columns, with invented payee addresses
from addrs.py.  Usage: weigh-relays.py ONIONOO.json > weigh-relays.tsv

Invented on purpose: relays 4+5 and 13+19+31 share an address; relay 9
lists relay 10 in its family (one-sided); relays 2 and 21 have no address
(flattor-addrs --keep); relay 3 is unmeasured and relay 28's measured is
unknown (empty).  family_ids are the real ones (shared by several relays).
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import addrs  # noqa: E402

ADDRS = [l.split('\t') for l in
         os.popen(sys.executable + ' ' + os.path.join(os.path.dirname(
             os.path.abspath(__file__)), 'addrs.py')).read().splitlines()]


def esc(s):
    return (s.replace('\\', '\\\\').replace('\t', '\\t')
            .replace('\n', '\\n').replace('\r', '\\r'))


COLS = ('fingerprint nickname running flags measured consensus_weight '
        'guard_probability middle_probability exit_probability '
        'advertised_bandwidth first_seen last_seen country as family '
        'family_ids contact address address_type address_source').split()

d = json.load(open(sys.argv[1]), parse_float=str)
r = d['relays'][:40]
assign = {i: i for i in range(40)}
assign[5] = assign[4]
assign[19] = assign[13]
assign[31] = assign[13]
assign[2] = None
assign[21] = None
fam = {9: [r[10]['fingerprint']]}
measured = {3: '0', 28: ''}
w = sys.stdout.write
w('# flattor-fetch 0.1.0: source=onionoo-311relays-2026-09-04.json '
  'version=8.0 relays_published=2026-09-04 03:00:00\n')
w('# flattor-addrs 0.1.0: network=main keep\n')
w('\t'.join(COLS) + '\n')
for i, x in enumerate(r):
    a = assign[i]
    if a is None:
        addr = typ = src = ''
    else:
        addr, typ = ADDRS[a]
        src = 'ciiss' if i % 3 else 'bare'
    meas = measured.get(i, '1' if x.get('measured') else '0')
    row = [x['fingerprint'], x['nickname'], '1' if x['running'] else '0',
           ','.join(x['flags']), meas, str(x['consensus_weight']),
           x.get('guard_probability', ''), x.get('middle_probability', ''),
           x.get('exit_probability', ''), str(x['advertised_bandwidth']),
           x['first_seen'], x['last_seen'], x.get('country', ''),
           x.get('as', ''), ','.join(sorted(fam.get(i, []))),
           ','.join(x.get('family_ids', [])), esc(x.get('contact', '')),
           addr, typ, src]
    w('\t'.join(row) + '\n')
