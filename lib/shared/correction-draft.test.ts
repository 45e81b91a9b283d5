import { describe, expect, it } from 'vitest';
import { clearDraft, draftKey, isMeaningfulDraft, listDraftTaskIds, loadDraft, saveDraft } from './correction-draft';

class MemoryStorage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const draft = { input: '3', reason: 'ai_wrong', comment: 'counted by hand', baseVersion: 'v0', idempotencyKey: 'k1', sent: true };

describe('correction drafts', () => {
  it('round-trips a draft per work order and task', () => {
    const storage = new MemoryStorage();
    expect(saveDraft(storage, 'wo1', 't1', draft, new Date('2026-01-01T00:00:00Z'))).toBe(true);
    expect(loadDraft(storage, 'wo1', 't1')).toEqual({ ...draft, savedAt: '2026-01-01T00:00:00.000Z' });
    expect(loadDraft(storage, 'wo1', 't2')).toBeNull();
    expect(loadDraft(storage, 'wo2', 't1')).toBeNull();
  });

  it('clears a draft', () => {
    const storage = new MemoryStorage();
    saveDraft(storage, 'wo1', 't1', draft);
    clearDraft(storage, 'wo1', 't1');
    expect(loadDraft(storage, 'wo1', 't1')).toBeNull();
  });

  it('lists the drafts of one work order', () => {
    const storage = new MemoryStorage();
    saveDraft(storage, 'wo1', 't2', draft);
    saveDraft(storage, 'wo1', 't1', draft);
    saveDraft(storage, 'wo10', 't3', draft);
    storage.setItem('other', 'x');
    expect(listDraftTaskIds(storage, 'wo1')).toEqual(['t1', 't2']);
  });

  it.each([
    ['not json', '{'],
    ['null', 'null'],
    ['wrong types', JSON.stringify({ ...draft, input: 3, savedAt: 'x' })],
    ['missing fields', JSON.stringify({ input: 'x' })],
    ['bad key type', JSON.stringify({ ...draft, idempotencyKey: 5, savedAt: 'x' })],
    ['huge text', JSON.stringify({ ...draft, comment: 'x'.repeat(10_000), savedAt: 'x' })],
  ])('ignores a corrupted draft (%s)', (_name, raw) => {
    const storage = new MemoryStorage();
    storage.setItem(draftKey('wo1', 't1'), raw);
    expect(loadDraft(storage, 'wo1', 't1')).toBeNull();
  });

  it('survives a storage that throws or is missing', () => {
    const throwing = {
      getItem() {
        throw new Error('denied');
      },
      setItem() {
        throw new Error('quota');
      },
      removeItem() {
        throw new Error('denied');
      },
    };
    expect(saveDraft(throwing, 'wo1', 't1', draft)).toBe(false);
    expect(loadDraft(throwing, 'wo1', 't1')).toBeNull();
    expect(() => clearDraft(throwing, 'wo1', 't1')).not.toThrow();
    expect(loadDraft(null, 'wo1', 't1')).toBeNull();
    expect(saveDraft(undefined, 'wo1', 't1', draft)).toBe(false);
  });

  it('only offers drafts that hold something', () => {
    const base = { ...draft, savedAt: 'x' };
    expect(isMeaningfulDraft(base)).toBe(true);
    expect(isMeaningfulDraft({ ...base, input: '', comment: ' ', sent: false })).toBe(false);
    expect(isMeaningfulDraft({ ...base, input: '', comment: '', sent: true })).toBe(true);
    expect(isMeaningfulDraft(null)).toBe(false);
  });
});
