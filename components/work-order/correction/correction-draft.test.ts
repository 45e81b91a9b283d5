import { describe, expect, it } from 'vitest';
import { adoptIdKeyedDrafts, clearDraft, draftKey, isMeaningfulDraft, listDraftTasks, loadDraft, saveDraft } from './correction-draft';
import { taskKey } from '@/lib/shared/task-key';

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
const t1 = { id: 't1', taskGroupName: 'front', name: 'cable' };
const t2 = { id: 't2', taskGroupName: 'front', name: 'label' };
const t3 = { id: 't3', taskGroupName: 'back', name: 'seal' };

describe('correction drafts', () => {
  it('round-trips a draft per work order and task', () => {
    const storage = new MemoryStorage();
    expect(saveDraft(storage, 'wo1', t1, draft, new Date('2026-01-01T00:00:00Z'))).toBe(true);
    expect(loadDraft(storage, 'wo1', t1)).toEqual({ ...draft, savedAt: '2026-01-01T00:00:00.000Z' });
    expect(loadDraft(storage, 'wo1', t2)).toBeNull();
    expect(loadDraft(storage, 'wo2', t1)).toBeNull();
  });

  it('clears a draft', () => {
    const storage = new MemoryStorage();
    saveDraft(storage, 'wo1', t1, draft);
    clearDraft(storage, 'wo1', t1);
    expect(loadDraft(storage, 'wo1', t1)).toBeNull();
  });

  it('lists the drafts of one work order', () => {
    const storage = new MemoryStorage();
    saveDraft(storage, 'wo1', t2, draft);
    saveDraft(storage, 'wo1', t1, draft);
    saveDraft(storage, 'wo10', t3, draft);
    storage.setItem('other', 'x');
    expect(listDraftTasks(storage, 'wo1')).toEqual([taskKey('front', 'cable'), taskKey('front', 'label')]);
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
    storage.setItem(draftKey('wo1', t1), raw);
    expect(loadDraft(storage, 'wo1', t1)).toBeNull();
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
    expect(saveDraft(throwing, 'wo1', t1, draft)).toBe(false);
    expect(loadDraft(throwing, 'wo1', t1)).toBeNull();
    expect(() => clearDraft(throwing, 'wo1', t1)).not.toThrow();
    expect(loadDraft(null, 'wo1', t1)).toBeNull();
    expect(saveDraft(undefined, 'wo1', t1, draft)).toBe(false);
  });

  it('only offers drafts that hold something', () => {
    const base = { ...draft, savedAt: 'x' };
    expect(isMeaningfulDraft(base)).toBe(true);
    expect(isMeaningfulDraft({ ...base, input: '', comment: ' ', sent: false })).toBe(false);
    expect(isMeaningfulDraft({ ...base, input: '', comment: '', sent: true })).toBe(true);
    expect(isMeaningfulDraft(null)).toBe(false);
  });

  it('finds a draft by the task names after an application-version upgrade gave the task a new id', () => {
    const storage = new MemoryStorage();
    saveDraft(storage, 'wo1', t1, draft, new Date('2026-01-01T00:00:00Z'));
    const upgraded = { ...t1, id: 't1-after-upgrade' };
    expect(loadDraft(storage, 'wo1', upgraded)).toEqual({ ...draft, savedAt: '2026-01-01T00:00:00.000Z' });
    expect(listDraftTasks(storage, 'wo1')).toEqual([taskKey('front', 'cable')]);
    clearDraft(storage, 'wo1', upgraded);
    expect(loadDraft(storage, 'wo1', t1)).toBeNull();
  });

  it('keeps tasks apart whatever their names hold (separators, escapes, an empty group name)', () => {
    const storage = new MemoryStorage();
    const tricky = [
      { id: 'a', taskGroupName: 'a:b', name: 'c' },
      { id: 'b', taskGroupName: 'a', name: 'b:c' },
      { id: 'c', taskGroupName: '', name: 'a:b:c' },
      { id: 'd', taskGroupName: 'a%3Ab', name: 'c' },
      { id: 'e', taskGroupName: 'é / ü', name: '' },
    ];
    tricky.forEach((task, i) => saveDraft(storage, 'wo1', task, { ...draft, input: String(i) }));
    tricky.forEach((task, i) => expect(loadDraft(storage, 'wo1', task)?.input).toBe(String(i)));
    expect(listDraftTasks(storage, 'wo1')).toEqual(tricky.map((task) => taskKey(task.taskGroupName, task.name)).sort());
  });

  it('moves a draft kept under the task id by an earlier version to the names key when it is read', () => {
    const storage = new MemoryStorage();
    const saved = { ...draft, savedAt: '2026-01-01T00:00:00.000Z' };
    storage.setItem(`field-review:correction-draft:wo1:${t1.id}`, JSON.stringify(saved));
    expect(loadDraft(storage, 'wo1', t1)).toEqual(saved);
    expect(storage.getItem(`field-review:correction-draft:wo1:${t1.id}`)).toBeNull();
    expect(storage.getItem(draftKey('wo1', t1))).not.toBeNull();
    expect(loadDraft(storage, 'wo1', { ...t1, id: 'new-id' })).toEqual(saved);
  });

  it('settles the id-keyed drafts of a work order: a current task adopts its own, ids it no longer has are dropped', () => {
    const storage = new MemoryStorage();
    const byId = (workOrderId: string, taskId: string, input: string) =>
      storage.setItem(`field-review:correction-draft:${workOrderId}:${taskId}`, JSON.stringify({ ...draft, input, savedAt: 'x' }));
    byId('wo1', 't1', 'adopted');
    byId('wo1', 't2', 'older than the names draft');
    saveDraft(storage, 'wo1', t2, { ...draft, input: 'names draft' });
    byId('wo1', 'replaced-id', 'orphan');
    byId('wo2', 't1', 'another work order');
    expect(adoptIdKeyedDrafts(storage, 'wo1', [t1, t2, t3])).toBe(true);
    expect(loadDraft(storage, 'wo1', t1)?.input).toBe('adopted');
    expect(loadDraft(storage, 'wo1', t2)?.input).toBe('names draft');
    expect(listDraftTasks(storage, 'wo1')).toEqual([taskKey('front', 'cable'), taskKey('front', 'label')]);
    expect(
      [...Array(storage.length).keys()]
        .map((i) => storage.key(i))
        .filter((key) => key?.startsWith('field-review:correction-draft:wo1:'))
        .sort(),
    ).toEqual([draftKey('wo1', t1), draftKey('wo1', t2)].sort());
    expect(storage.getItem('field-review:correction-draft:wo2:t1')).not.toBeNull();
    expect(adoptIdKeyedDrafts(storage, 'wo1', [t1, t2, t3])).toBe(false);
  });
});
