// Writes DIR/payees.tsv (N p2wpkh payees of 1000 + i sat) and
// DIR/utxos.tsv (M coins of 10,000,000 sat to test key 1's p2wpkh
// address), for a payout too large for one transaction.
//   node gen-split.js DIR NET N M
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const bitcoin = require('bitcoinjs-lib');
const ecc = require('tiny-secp256k1');
const { ECPairFactory } = require('ecpair');

const ECPair = ECPairFactory(ecc);
const [dir, netname, n, m] = process.argv.slice(2);
const network = netname === 'main' ? bitcoin.networks.bitcoin : bitcoin.networks.regtest;
const sha256 = (s) => crypto.createHash('sha256').update(s).digest();
let pay = 'address\tsat\n';
for (let i = 0; i < Number(n); i++)
	pay += bitcoin.payments.p2wpkh({ hash: sha256('split payee ' + i).subarray(0, 20), network }).address +
		'\t' + (1000 + i) + '\n';
fs.writeFileSync(dir + '/payees.tsv', pay);
const key = ECPair.fromPrivateKey(sha256('flattor test key 1'), { network });
const spk = bitcoin.payments.p2wpkh({ pubkey: key.publicKey, network }).output.toString('hex');
let u = 'txid\tvout\tsat\tscript_pubkey\n';
for (let i = 0; i < Number(m); i++)
	u += sha256('split coin ' + i).toString('hex') + '\t' + (i % 3) + '\t10000000\t' + spk + '\n';
fs.writeFileSync(dir + '/utxos.tsv', u);
