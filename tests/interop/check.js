// Independent checks of flattor-tx's output with bitcoinjs-lib and
// tiny-secp256k1 (tests/t-interop.sh runs this).
//
//   node check.js signed NET UTXOS RATE < hex-lines
//     every signature of every input verified against the coins it
//     spends (p2wpkh, p2pkh, p2sh-p2wpkh: ECDSA over the BIP-143 or legacy
//     sighash; p2tr: BIP-340 over the BIP-341 sighash), and the fee rate
//     in [RATE, RATE + 1) sat/vB.
//   node check.js psbt NET UTXOS RATE KEYS < base64-lines
//     each PSBT parsed, signed with the keys, its signatures validated,
//     finalized and extracted; the extracted transaction is checked as
//     above.  Prints the extracted transactions' hex.
// Exits 1 with a message on the first failure.
'use strict';
const fs = require('fs');
const bitcoin = require('bitcoinjs-lib');
const ecc = require('tiny-secp256k1');
const { ECPairFactory } = require('ecpair');

bitcoin.initEccLib(ecc);
const ECPair = ECPairFactory(ecc);
const [mode, netname, utxoFile, rateText, keyFile] = process.argv.slice(2);
const network = netname === 'main' ? bitcoin.networks.bitcoin : bitcoin.networks.regtest;
const rate = Number(rateText);

function fail(msg) {
	console.error('check.js: ' + msg);
	process.exit(1);
}

// The coins: TSV (txid vout sat script_pubkey ...) or listunspent JSON.
function readCoins(file) {
	const text = fs.readFileSync(file, 'utf8');
	const coins = new Map();
	if (text.trimStart().startsWith('[')) {
		for (const c of JSON.parse(text))
			coins.set(`${c.txid}:${c.vout}`, {
				value: Math.round(c.amount * 1e8),
				script: Buffer.from(c.scriptPubKey, 'hex'),
			});
		return coins;
	}
	const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
	const head = lines.shift().split('\t');
	for (const l of lines) {
		const f = Object.fromEntries(l.split('\t').map((v, i) => [head[i], v]));
		coins.set(`${f.txid}:${f.vout}`, {
			value: Number(f.sat), script: Buffer.from(f.script_pubkey, 'hex'),
		});
	}
	return coins;
}

const coins = readCoins(utxoFile);
const hash160 = (b) => bitcoin.crypto.hash160(b);

function verifyTx(tx, n) {
	const prev = tx.ins.map((inp) => {
		const id = Buffer.from(inp.hash).reverse().toString('hex');
		const c = coins.get(`${id}:${inp.index}`);
		if (!c) fail(`tx ${n}: input spends an unknown coin ${id}:${inp.index}`);
		return c;
	});
	tx.ins.forEach((inp, i) => {
		const spk = prev[i].script;
		const type = bitcoin.payments;
		let ok = false;
		if (spk.length === 22 && spk[0] === 0 && spk[1] === 20) {
			const [sig, pub] = inp.witness;
			if (!hash160(pub).equals(spk.subarray(2))) fail(`tx ${n} input ${i}: wrong key`);
			const s = bitcoin.script.signature.decode(sig);
			const code = type.p2pkh({ hash: spk.subarray(2) }).output;
			const h = tx.hashForWitnessV0(i, code, prev[i].value, s.hashType);
			ok = ecc.verify(h, pub, s.signature, true);
		} else if (spk.length === 25 && spk[0] === 0x76) {
			const [sig, pub] = bitcoin.script.decompile(inp.script);
			if (!hash160(pub).equals(spk.subarray(3, 23))) fail(`tx ${n} input ${i}: wrong key`);
			const s = bitcoin.script.signature.decode(sig);
			const h = tx.hashForSignature(i, spk, s.hashType);
			ok = ecc.verify(h, pub, s.signature, true);
		} else if (spk.length === 23 && spk[0] === 0xa9) {
			const [redeem] = bitcoin.script.decompile(inp.script);
			if (!hash160(redeem).equals(spk.subarray(2, 22))) fail(`tx ${n} input ${i}: wrong redeem script`);
			const [sig, pub] = inp.witness;
			if (!hash160(pub).equals(redeem.subarray(2))) fail(`tx ${n} input ${i}: wrong key`);
			const s = bitcoin.script.signature.decode(sig);
			const code = type.p2pkh({ hash: redeem.subarray(2) }).output;
			const h = tx.hashForWitnessV0(i, code, prev[i].value, s.hashType);
			ok = ecc.verify(h, pub, s.signature, true);
		} else if (spk.length === 34 && spk[0] === 0x51) {
			const sig = inp.witness[0];
			if (inp.witness.length !== 1 || (sig.length !== 64 && sig.length !== 65))
				fail(`tx ${n} input ${i}: not a key-path spend`);
			const hashType = sig.length === 65 ? sig[64] : 0;
			const h = tx.hashForWitnessV1(i, prev.map((p) => p.script),
				prev.map((p) => p.value), hashType);
			ok = ecc.verifySchnorr(h, spk.subarray(2), sig.subarray(0, 64));
		} else {
			fail(`tx ${n} input ${i}: unexpected script ${spk.toString('hex')}`);
		}
		if (!ok) fail(`tx ${n} input ${i}: invalid signature`);
	});
	const fee = prev.reduce((a, p) => a + p.value, 0) - tx.outs.reduce((a, o) => a + o.value, 0);
	const vsize = tx.virtualSize();
	if (!(fee >= rate * vsize && fee < (rate + 1) * vsize))
		fail(`tx ${n}: fee ${fee} for ${vsize} vB is outside [${rate}, ${rate + 1}) sat/vB`);
	return { fee, vsize };
}

const lines = fs.readFileSync(0, 'utf8').split('\n').filter((l) => l);
if (lines.length === 0) fail('no input');
if (mode === 'signed') {
	lines.forEach((hex, n) => verifyTx(bitcoin.Transaction.fromHex(hex), n + 1));
	console.log(`${lines.length} transactions verified`);
} else if (mode === 'psbt') {
	const keys = fs.readFileSync(keyFile, 'utf8').split('\n')
		.filter((l) => l && !l.startsWith('#')).map((w) => ECPair.fromWIF(w, network));
	lines.forEach((b64, n) => {
		const psbt = bitcoin.Psbt.fromBase64(b64, { network });
		psbt.data.inputs.forEach((inp, i) => {
			const spk = inp.witnessUtxo ? inp.witnessUtxo.script
				: bitcoin.Transaction.fromBuffer(inp.nonWitnessUtxo)
					.outs[psbt.txInputs[i].index].script;
			for (const k of keys) {
				const x = k.publicKey.subarray(1, 33);
				if (spk.length === 34 && spk[0] === 0x51) {
					const p = bitcoin.payments.p2tr({ internalPubkey: x, network });
					if (!p.output.equals(spk)) continue;
					if (!inp.tapInternalKey || !inp.tapInternalKey.equals(x)) fail(`psbt ${n + 1} input ${i}: no or wrong tap_internal_key`);
					const t = k.tweak(bitcoin.crypto.taggedHash('TapTweak', x));
					psbt.signInput(i, t);
					return;
				}
				const h = hash160(k.publicKey);
				const wpkh = bitcoin.payments.p2wpkh({ pubkey: k.publicKey, network }).output;
				if (spk.includes(h) || spk.subarray(2, 22).equals(hash160(wpkh))) {
					psbt.signInput(i, k);
					return;
				}
			}
			fail(`psbt ${n + 1} input ${i}: no key`);
		});
		const v = (pub, msg, sig) => (pub.length === 32
			? ecc.verifySchnorr(msg, pub, sig) : ecc.verify(msg, pub, sig));
		if (!psbt.validateSignaturesOfAllInputs(v)) fail(`psbt ${n + 1}: invalid signature`);
		psbt.finalizeAllInputs();
		const tx = psbt.extractTransaction();
		verifyTx(tx, n + 1);
		console.log(tx.toHex());
	});
} else {
	fail('usage: check.js signed|psbt NET UTXOS RATE [KEYS]');
}
