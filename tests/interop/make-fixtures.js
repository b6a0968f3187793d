// Makes the fixtures of flattor-tx's tests (tests/data/tx/) with
// bitcoinjs-lib, independently of flattor: deterministic test-only keys
// (SHA-256 of a label), their addresses, coins paying them from made-up
// funding transactions, and payees.  Run: node make-fixtures.js DIR
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const bitcoin = require('bitcoinjs-lib');
const ecc = require('tiny-secp256k1');
const { ECPairFactory } = require('ecpair');

bitcoin.initEccLib(ecc);
const ECPair = ECPairFactory(ecc);
const sha256 = (s) => crypto.createHash('sha256').update(s).digest();
const dir = process.argv[2];

function keyOf(label, network) {
	return ECPair.fromPrivateKey(sha256(label), { network, compressed: true });
}

function payment(type, pubkey, network) {
	switch (type) {
	case 'p2wpkh': return bitcoin.payments.p2wpkh({ pubkey, network });
	case 'p2pkh': return bitcoin.payments.p2pkh({ pubkey, network });
	case 'p2sh-p2wpkh':
		return bitcoin.payments.p2sh({
			redeem: bitcoin.payments.p2wpkh({ pubkey, network }), network });
	case 'p2tr':
		return bitcoin.payments.p2tr({ internalPubkey: pubkey.subarray(1, 33), network });
	case 'p2wsh':
		return bitcoin.payments.p2wsh({
			redeem: { output: Buffer.concat([Buffer.from([33]), pubkey, Buffer.from([0xac])]) },
			network });
	case 'p2sh':
		return bitcoin.payments.p2sh({
			redeem: { output: Buffer.concat([Buffer.from([33]), pubkey, Buffer.from([0xac])]) },
			network });
	}
	throw new Error(type);
}

// A funding transaction whose output vout is the coin.
function funding(label, vout, value, script) {
	const tx = new bitcoin.Transaction();
	tx.version = 2;
	tx.addInput(sha256('funding ' + label), 0, 0xfffffffd);
	for (let i = 0; i < vout; i++)
		tx.addOutput(bitcoin.payments.p2wpkh({ hash: sha256('dummy ' + label + i).subarray(0, 20) }).output, 1000 + i);
	tx.addOutput(script, value);
	tx.addOutput(bitcoin.payments.p2wpkh({ hash: sha256('rest ' + label).subarray(0, 20) }).output, 12345);
	return tx;
}

// Bitcoin Core's descriptor checksum (BIP-380).
function descsum(s) {
	const INPUT = "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
	const CS = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
	const G = [0xf5dee51989n, 0xa9fdca3312n, 0x1bab10e32dn, 0x3706b1677an, 0x644d626ffdn];
	const poly = (syms) => {
		let c = 1n;
		for (const v of syms) {
			const top = c >> 35n;
			c = ((c & 0x7ffffffffn) << 5n) ^ BigInt(v);
			for (let i = 0n; i < 5n; i++) if ((top >> i) & 1n) c ^= G[i];
		}
		return c;
	};
	const syms = [];
	let groups = [];
	for (const ch of s) {
		const v = INPUT.indexOf(ch);
		syms.push(v & 31);
		groups.push(v >> 5);
		if (groups.length === 3) { syms.push(groups[0] * 9 + groups[1] * 3 + groups[2]); groups = []; }
	}
	if (groups.length === 1) syms.push(groups[0]);
	if (groups.length === 2) syms.push(groups[0] * 3 + groups[1]);
	const c = poly(syms.concat([0, 0, 0, 0, 0, 0, 0, 0])) ^ 1n;
	let out = '';
	for (let i = 0n; i < 8n; i++) out += CS[Number((c >> (5n * (7n - i))) & 31n)];
	return s + '#' + out;
}
if (descsum('raw(deadbeef)') !== 'raw(deadbeef)#89f8spxm') throw new Error('descsum');

// The descriptor listunspent shows for a coin of key k (index i).
function descOf(type, pub, i) {
	const purpose = { 'p2wpkh': 84, 'p2pkh': 44, 'p2sh-p2wpkh': 49, 'p2tr': 86 }[type];
	const origin = `[d34db33f/${purpose}h/1h/0h/0/${i}]`;
	const k = pub.toString('hex');
	switch (type) {
	case 'p2wpkh': return descsum(`wpkh(${origin}${k})`);
	case 'p2pkh': return descsum(`pkh(${origin}${k})`);
	case 'p2sh-p2wpkh': return descsum(`sh(wpkh(${origin}${k}))`);
	case 'p2tr': return descsum(`tr(${origin}${k.slice(2)})`);
	}
	throw new Error(type);
}

const types = ['p2wpkh', 'p2pkh', 'p2sh-p2wpkh', 'p2tr'];
const coins = [
	// key, type, value, vout
	[1, 'p2wpkh', 100000, 0],
	[2, 'p2pkh', 150000, 1],
	[3, 'p2sh-p2wpkh', 200000, 0],
	[4, 'p2tr', 250000, 2],
	[1, 'p2wpkh', 50000, 1],
	[2, 'p2pkh', 30000, 0],
	[3, 'p2sh-p2wpkh', 40000, 1],
	[4, 'p2tr', 60000, 0],
];
const payees = [
	['p2wpkh', 30000], ['p2tr', 20000], ['p2pkh', 15000],
	['p2sh', 10000], ['p2wsh', 5000], ['p2wpkh', 7000],
];

for (const [netname, network] of [['main', bitcoin.networks.bitcoin],
	['regtest', bitcoin.networks.regtest]]) {
	const keys = [1, 2, 3, 4].map((i) => keyOf('flattor test key ' + i, network));
	fs.writeFileSync(path.join(dir, `keys-${netname}.wif`),
		'# flattor test keys: SHA-256 of "flattor test key N"; never use them for money\n' +
		keys.map((k) => k.toWIF()).join('\n') + '\n');
	let tsv = 'txid\tvout\tsat\tscript_pubkey\tredeem_script\tprev_tx\tdesc\n';
	const json = [];
	coins.forEach(([k, type, value, vout], i) => {
		const p = payment(type, keys[k - 1].publicKey, network);
		const f = funding(netname + i, vout, value, p.output);
		const redeem = type === 'p2sh-p2wpkh' ? p.redeem.output.toString('hex') : '';
		const prev = type === 'p2pkh' ? f.toHex() : '';
		const desc = descOf(type, keys[k - 1].publicKey, i);
		// The TSV gives a descriptor for every other coin.
		tsv += [f.getId(), vout, value, p.output.toString('hex'), redeem, prev,
			i % 2 === 0 || type === 'p2tr' ? desc : ''].join('\t') + '\n';
		const o = {
			txid: f.getId(), vout, address: p.address, label: '',
			scriptPubKey: p.output.toString('hex'),
			amount: Number((value / 1e8).toFixed(8)),
			confirmations: 6, spendable: true, solvable: true, desc, safe: true,
		};
		if (type === 'p2sh-p2wpkh') o.redeemScript = p.redeem.output.toString('hex');
		// Not from listunspent: the previous transaction a P2PKH coin needs.
		if (type === 'p2pkh') o.prev_tx = prev;
		json.push(o);
	});
	fs.writeFileSync(path.join(dir, `utxos-${netname}.tsv`), tsv);
	fs.writeFileSync(path.join(dir, `utxos-${netname}.json`), JSON.stringify(json, null, 2) + '\n');
	let pay = '# flattor-weigh 0.1.0: test payees\naddress\taddress_type\tsat\n';
	payees.forEach(([type, sat], i) => {
		const pk = keyOf('flattor test payee ' + i, network).publicKey;
		pay += `${payment(type, pk, network).address}\t${type}\t${sat}\n`;
	});
	fs.writeFileSync(path.join(dir, `payees-${netname}.tsv`), pay);
	pay = '# flattor-weigh 0.1.0: test payees, most of the coins\naddress\taddress_type\tsat\n';
	payees.forEach(([type, sat], i) => {
		const pk = keyOf('flattor test payee ' + i, network).publicKey;
		pay += `${payment(type, pk, network).address}\t${type}\t${sat * 9 + 13}\n`;
	});
	fs.writeFileSync(path.join(dir, `payees-big-${netname}.tsv`), pay);
	const change = keyOf('flattor test change', network).publicKey;
	fs.writeFileSync(path.join(dir, `change-${netname}.txt`),
		payment('p2wpkh', change, network).address + '\n');
}
