/**
 * Analyze-with-callback delivery: POST the result to a loopback URL, retrying a bounded
 * number of times with growing delays.
 */
import { ApiError } from './http-util';

export interface CallbackDelivery {
  analysisId: string;
  url: string;
  attempts: Array<{ time: string; status: number | null; error: string | null }>;
  state: 'pending' | 'delivered' | 'failed' | 'cancelled';
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function validateCallbackUrl(value: unknown): URL {
  if (typeof value !== 'string' || value.length === 0) throw ApiError.fields({ callback_url: ['This field is required.'] });
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw ApiError.fields({ callback_url: ['Enter a valid URL.'] });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw ApiError.fields({ callback_url: ['Enter a valid URL.'] });
  if (!LOOPBACK_HOSTS.has(url.hostname))
    throw ApiError.fields({ callback_url: ['The simulator only calls back loopback URLs (127.0.0.1, localhost, ::1).'] });
  return url;
}

export interface CallbackOptions {
  maxAttempts: number;
  /** Delay before the first retry; doubles each time. */
  retryBaseMs: number;
  attemptTimeoutMs: number;
}

export const DEFAULT_CALLBACK_OPTIONS: CallbackOptions = { maxAttempts: 5, retryBaseMs: 250, attemptTimeoutMs: 5000 };

export class CallbackDispatcher {
  private deliveries: CallbackDelivery[] = [];
  private timers = new Set<NodeJS.Timeout>();
  private controller = new AbortController();

  constructor(private readonly options: CallbackOptions = DEFAULT_CALLBACK_OPTIONS) {}

  list(): CallbackDelivery[] {
    return this.deliveries;
  }

  /** After `delayMs`, computes the payload (running the analysis) and delivers it. */
  schedule(analysisId: string, url: URL, delayMs: number, payload: () => unknown): void {
    const delivery: CallbackDelivery = { analysisId, url: url.toString(), attempts: [], state: 'pending' };
    this.deliveries.push(delivery);
    if (this.deliveries.length > 1000) this.deliveries.shift();
    this.later(delayMs, () => {
      let body: string;
      try {
        body = JSON.stringify(payload());
      } catch (error) {
        delivery.state = 'failed';
        delivery.attempts.push({ time: new Date().toISOString(), status: null, error: `analysis failed: ${(error as Error).message}` });
        return;
      }
      void this.attempt(delivery, body, 1);
    });
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private async attempt(delivery: CallbackDelivery, body: string, attempt: number): Promise<void> {
    if (this.controller.signal.aborted) return;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'deepomatic-simulator-callback' },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([this.controller.signal, AbortSignal.timeout(this.options.attemptTimeoutMs)]),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (caught) {
      error = (caught as Error).name === 'TimeoutError' ? 'timeout' : (caught as Error).message;
    }
    delivery.attempts.push({ time: new Date().toISOString(), status, error });
    if (status !== null && status >= 200 && status < 300) {
      delivery.state = 'delivered';
      return;
    }
    if (this.controller.signal.aborted) {
      delivery.state = 'cancelled';
      return;
    }
    if (attempt >= this.options.maxAttempts) {
      delivery.state = 'failed';
      return;
    }
    this.later(this.options.retryBaseMs * 2 ** (attempt - 1), () => void this.attempt(delivery, body, attempt + 1));
  }

  /** Stops every pending delivery (server shutdown or reset). */
  close(): void {
    this.controller.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const d of this.deliveries) if (d.state === 'pending') d.state = 'cancelled';
    this.controller = new AbortController();
  }
}
