import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { DbOrTx } from '../../../db/types.js';
import { getOrCreateMeta } from '../../system/repository.js';

/** Where the installation's signing key lives (app_meta): back it up with the database (docs/operations.md). */
export const PROOF_KEY_META = 'proof_signing_key_ed25519';

/** A fresh Ed25519 private key, PKCS#8 PEM. */
const newPrivateKeyPem = () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/**
 * The installation's Ed25519 key for proofs of attendance (issue 7). It is made once, by whichever instance gets
 * there first: `getOrCreateMeta` inserts only if no key is stored and then reads the stored one, so instances that
 * start together all end up with the same key.
 */
export class ProofKey {
  private constructor(
    private readonly privateKey: KeyObject,
    readonly publicKey: KeyObject,
  ) {}

  static async load(db: DbOrTx): Promise<ProofKey> {
    const pem = await getOrCreateMeta(db, PROOF_KEY_META, newPrivateKeyPem);
    const privateKey = createPrivateKey(pem);
    return new ProofKey(privateKey, createPublicKey(privateKey));
  }

  /** The raw 32-byte public key, base64url (the JWK's `x`). */
  get x(): string {
    return this.publicKey.export({ format: 'jwk' }).x!;
  }

  /** A short name for the key: the first 16 hex digits of the SHA-256 of the raw public key. */
  get keyId(): string {
    return createHash('sha256').update(Buffer.from(this.x, 'base64url')).digest('hex').slice(0, 16);
  }

  get pem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** Ed25519 signature of the UTF-8 bytes of `text`, base64url. */
  sign(text: string): string {
    return sign(null, Buffer.from(text, 'utf8'), this.privateKey).toString('base64url');
  }

  verify(text: string, signature: string): boolean {
    try {
      return verify(null, Buffer.from(text, 'utf8'), this.publicKey, Buffer.from(signature, 'base64url'));
    } catch {
      return false;
    }
  }
}

/**
 * The key, loaded once and kept. Routes ask for it when they need it; the app tries at boot so that reading the
 * public key later never writes, but a database not migrated (or not reachable) yet does not stop the app starting:
 * the next use tries again.
 */
export class ProofKeys {
  private loading: Promise<ProofKey> | null = null;

  constructor(private readonly db: DbOrTx) {}

  get(): Promise<ProofKey> {
    this.loading ??= ProofKey.load(this.db).catch((err: unknown) => {
      this.loading = null;
      throw err;
    });
    return this.loading;
  }
}
