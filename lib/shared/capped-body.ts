/**
 * The one way a body is read with a size cap — our request bodies, the upstream's answers, the
 * photos we stream through, and the simulator's request bodies. Bytes are counted as they
 * arrive, so a chunked body without a length (or one that lies about it) is cut off at the cap
 * and the rest is never pulled. Pure: web streams only, no Node or Next.js import.
 */

/** The body went past its cap; the source has been cancelled. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`body larger than ${maxBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * `body` passed through a byte counter: the returned stream errors with `BodyTooLargeError` as
 * soon as more than `maxBytes` went through, and pulls from `body` only when read. A failure of
 * `body` itself (the connection broke) comes out unchanged.
 */
export function capStream(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let total = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        total += value.byteLength;
        if (total > maxBytes) {
          await reader.cancel().catch(() => undefined);
          controller.error(new BodyTooLargeError(maxBytes));
          return;
        }
        controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** The whole of `body` (empty when there is none), or `BodyTooLargeError` past `maxBytes`. */
export async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = capStream(body, maxBytes).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  return concatBytes(chunks, total);
}

/** The chunks of a read, in order, as one array of `length` bytes (their total). */
export function concatBytes(chunks: readonly Uint8Array[], length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
