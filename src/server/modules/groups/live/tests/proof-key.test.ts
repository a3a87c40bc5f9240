import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../../../db/index.js';
import { dialectCases, openMigrated } from '../../../../../../test/helpers/databases.js';
import { PROOF_KEY_META, ProofKey } from '../proof-key.js';

describe.each(dialectCases())('the proof signing key on $name', (kind) => {
  let handle: DatabaseHandle;
  let url: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ handle, url, cleanup } = await openMigrated(kind)));
  afterAll(() => cleanup());

  it('is made once when several instances start together, and every instance signs with it', async () => {
    const others = [openDatabase(url), openDatabase(url), openDatabase(url)];
    try {
      const keys = await Promise.all([handle, ...others].map((db) => ProofKey.load(db.db)));
      expect(new Set(keys.map((k) => k.keyId)).size).toBe(1);
      const signature = keys[1]!.sign('{"v":1}');
      expect(keys[3]!.verify('{"v":1}', signature)).toBe(true);
      expect(keys[0]!.verify('{"v":2}', signature)).toBe(false);
      expect(keys[0]!.verify('{"v":1}', 'not a signature')).toBe(false);
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
    const rows = await handle.db.selectFrom('app_meta').select('value').where('key', '=', PROOF_KEY_META).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.value).toContain('BEGIN PRIVATE KEY');
    // A restart reads the same key.
    expect((await ProofKey.load(handle.db)).keyId).toBe((await ProofKey.load(handle.db)).keyId);
  });
});
