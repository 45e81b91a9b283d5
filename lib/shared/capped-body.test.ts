import { describe, expect, it } from 'vitest';
import { BodyTooLargeError, capStream, readCapped } from './capped-body';

/** A source of `chunks` that counts pulls and records whether it was cancelled. */
function source(chunks: Uint8Array[], failAt?: number) {
  const state = { pulls: 0, cancelled: false };
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls += 1;
      if (index === failAt) controller.error(new TypeError('connection reset'));
      else if (index < chunks.length) controller.enqueue(chunks[index++]);
      else controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

const bytes = (length: number) => new Uint8Array(length).fill(65);

describe('readCapped', () => {
  it('returns the whole body up to and including the cap', async () => {
    expect((await readCapped(source([bytes(3), bytes(2)]).stream, 5)).byteLength).toBe(5);
    expect((await readCapped(null, 5)).byteLength).toBe(0);
  });

  it('stops pulling and cancels the source past the cap', async () => {
    const { stream, state } = source(Array.from({ length: 100 }, () => bytes(10)));
    await expect(readCapped(stream, 25)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(state.pulls).toBeLessThan(6);
    expect(state.cancelled).toBe(true);
  });

  it('passes a failure of the source on unchanged', async () => {
    await expect(readCapped(source([bytes(1), bytes(1)], 1).stream, 100)).rejects.toThrow('connection reset');
  });
});

describe('capStream', () => {
  it('passes chunks on, and errors once the cap is passed', async () => {
    const { stream, state } = source([bytes(4), bytes(4), bytes(4)]);
    const reader = capStream(stream, 6).getReader();
    expect((await reader.read()).value?.byteLength).toBe(4);
    await expect(reader.read()).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(state.cancelled).toBe(true);
  });
});
