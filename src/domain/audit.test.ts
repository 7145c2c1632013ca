import { describe, expect, it } from 'vitest';
import {
  auditGenesisHash,
  auditHash,
  auditSerialisation,
  canonicalJson,
  verifyChain,
  type AuditEntry,
  type AuditEntryFields,
  type Sha256,
} from './audit.js';

/**
 * A stand-in for SHA-256 (domain code imports no crypto): FNV-1a over the text, as hex. Enough to tell any two
 * of the serialisations below apart; the store's tests check the real hash.
 */
const fakeHash: Sha256 = (text) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
};

/** A chain of `n` hand-made entries, each linked to the one before. */
function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prevHash = auditGenesisHash;
  for (let id = 1; id <= n; id++) {
    const fields: AuditEntryFields = {
      id,
      at: new Date(Date.UTC(2026, 10, 20, 12, 0, id)),
      actorId: id % 2 === 0 ? 7 : null,
      actorName: id % 2 === 0 ? 'dg' : 'system',
      action: id % 2 === 0 ? 'incident.reclassify' : 'auth.login',
      targetKind: 'incident',
      targetId: String(100 + id),
      areaId: id === 3 ? null : 42,
      details: { reason: `entry ${id}`, from: 'theft', to: 'robbery' },
      prevHash,
    };
    const hash = auditHash(fields, fakeHash);
    entries.push({ ...fields, hash });
    prevHash = hash;
  }
  return entries;
}

describe('canonicalJson', () => {
  it('sorts object keys at every depth and writes no white space', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('leaves out undefined members as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(RangeError);
  });
});

describe('auditSerialisation', () => {
  it('writes the fields in a fixed order with the time in UTC to the millisecond', () => {
    const fields: AuditEntryFields = {
      id: 5,
      at: new Date('2026-11-20T13:00:00+01:00'),
      actorId: 3,
      actorName: 'wali',
      action: 'incident.reclassify',
      targetKind: 'incident',
      targetId: '12',
      areaId: 9,
      details: { to: 'robbery', from: 'theft' },
      prevHash: 'ab',
    };
    expect(auditSerialisation(fields)).toBe(
      '[5,"2026-11-20T12:00:00.000Z",3,"wali","incident.reclassify","incident","12",9,{"from":"theft","to":"robbery"},"ab"]',
    );
  });

  it('does not depend on the order the details were written in', () => {
    const [entry] = chain(1);
    if (!entry) throw new Error('no entry');
    const reordered = { ...entry, details: { to: 'robbery', reason: 'entry 1', from: 'theft' } };
    expect(auditHash(reordered, fakeHash)).toBe(entry.hash);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and gives its count and last entry', () => {
    const entries = chain(4);
    expect(verifyChain(entries, fakeHash)).toEqual({ ok: true, count: 4, head: { id: 4, hash: entries[3]?.hash } });
  });

  it('accepts an empty log', () => {
    expect(verifyChain([], fakeHash)).toEqual({ ok: true, count: 0, head: null });
  });

  it('names an entry whose details were edited: its hash no longer matches', () => {
    const entries = chain(4).map((e) => (e.id === 3 ? { ...e, details: { reason: 'edited' } } : e));
    expect(verifyChain(entries, fakeHash)).toMatchObject({
      ok: false,
      broken: { id: 3, action: 'auth.login', reason: 'hash_mismatch' },
    });
  });

  it('names the entry after one rewritten with a fresh hash: its prev_hash no longer matches', () => {
    const entries = chain(4);
    const second = entries[1];
    if (!second) throw new Error('no entry');
    const forged = { ...second, actorName: 'someone else' };
    entries[1] = { ...forged, hash: auditHash(forged, fakeHash) };
    expect(verifyChain(entries, fakeHash)).toMatchObject({
      ok: false,
      broken: { id: 3, reason: 'prev_hash_mismatch' },
    });
  });

  it('names the entry after a removed one as a gap', () => {
    const entries = chain(5).filter((e) => e.id !== 3);
    const result = verifyChain(entries, fakeHash);
    expect(result).toMatchObject({ ok: false, broken: { id: 4, reason: 'gap' } });
    expect(result.ok ? '' : result.broken.message).toContain('entries 3–3 are missing');
  });

  it('names a first entry that does not start from the genesis value', () => {
    const entries = chain(3).slice(1);
    expect(verifyChain(entries, fakeHash)).toMatchObject({ ok: false, broken: { id: 2, reason: 'gap' } });
    const [first] = chain(1);
    if (!first) throw new Error('no entry');
    const detached = { ...first, prevHash: 'f'.repeat(64) };
    expect(verifyChain([detached], fakeHash)).toMatchObject({
      ok: false,
      broken: { id: 1, reason: 'prev_hash_mismatch' },
    });
  });

  it('continues from the last entry of an earlier stretch', () => {
    const entries = chain(6);
    const first = verifyChain(entries.slice(0, 3), fakeHash);
    if (!first.ok) throw new Error('first stretch broken');
    expect(verifyChain(entries.slice(3), fakeHash, first.head)).toMatchObject({ ok: true, count: 3 });
    expect(verifyChain(entries.slice(4), fakeHash, first.head)).toMatchObject({
      ok: false,
      broken: { id: 5, reason: 'gap' },
    });
  });
});
