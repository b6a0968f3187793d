/*
 * sign: signing every input of a transaction with a set of keys.
 *
 * Supported inputs: P2WPKH, P2PKH (compressed keys), P2SH-P2WPKH and P2TR
 * key path (BIP-341 tweak without a script tree).  ECDSA inputs sign with
 * SIGHASH_ALL, P2TR inputs with SIGHASH_DEFAULT (64-byte signatures).
 * Every signature is verified right after it is made: ECDSA against the
 * sighash and the public key, Schnorr against the tweaked output key.
 */
#ifndef FL_SIGN_H
#define FL_SIGN_H

#include <stddef.h>
#include <stdint.h>

#include <secp256k1.h>

#include "diag.h"
#include "key.h"
#include "tx.h"

enum fl_sign_type {
	FL_SIGN_UNSUPPORTED = 0,
	FL_SIGN_P2PKH,
	FL_SIGN_P2SH_P2WPKH,
	FL_SIGN_P2WPKH,
	FL_SIGN_P2TR
};

/*
 * The input type of a coin from its scriptPubKey (and, for P2SH, its
 * redeem script: a P2SH coin without a P2WPKH redeem script is
 * unsupported, unless keys are given and one key's P2SH-P2WPKH script
 * matches: see fl_sign_tx()).
 */
enum fl_sign_type fl_sign_type_of(const struct fl_coin *coin);
/* "p2pkh", "p2sh-p2wpkh", "p2wpkh", "p2tr", "unsupported". */
const char *fl_sign_type_name(enum fl_sign_type t);

/*
 * The largest weight (in weight units) of one signed input of type t:
 * outpoint, sequence, scriptSig with its length (all x4), and for witness
 * inputs the witness with its item count.  Signatures are counted at their
 * maximum (ECDSA 72 bytes with the hash type, Schnorr 65), so a fee for
 * this weight is enough whatever signer signs.  A non-witness input of a
 * transaction that has a witness adds 1 more (its empty stack count); the
 * marker and flag (2) belong to the transaction.
 *	P2PKH 592, P2SH-P2WPKH 364, P2WPKH 272, P2TR 231.
 * Returns 0 for FL_SIGN_UNSUPPORTED.
 */
size_t fl_sign_input_weight_max(enum fl_sign_type t);

/*
 * Signs every input of tx: coins[i] is the coin input i spends (all
 * tx->nin of them; taproot sighashes commit to all).  For each input the
 * key whose script matches the coin is used; its scriptSig and witness are
 * replaced.  For a P2SH coin without a redeem script, the P2SH-P2WPKH
 * script of each key is tried.
 * Returns 0, or FL_EDATA with e naming the input ("input 3 (txid:vout):
 * no key for p2wpkh coin", "... unsupported scriptPubKey"), also when a
 * signature fails its verification; FL_ENOMEM.  On error tx may be
 * partly signed: the caller must not use it.
 */
int fl_sign_tx(const secp256k1_context *ctx, struct fl_tx *tx,
    const struct fl_coin *coins, const struct fl_keys *keys, struct fl_err *e);

#endif
