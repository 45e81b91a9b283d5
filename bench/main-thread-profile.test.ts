import { describe, expect, it } from 'vitest';
import { summarizeMainThread, type TraceEvent } from './main-thread-profile';

const PID = 7;
const MAIN = 1;
const chunk = (name: string) => ({ data: { url: `http://127.0.0.1:3000/_next/static/chunks/${name}` } });
const at = (ms: number) => 1_000_000 + ms * 1000;
const task = (name: string, startMs: number, durMs: number, args?: TraceEvent['args'], tid = MAIN): TraceEvent => ({
  name,
  ph: 'X',
  ts: at(startMs),
  dur: durMs * 1000,
  pid: PID,
  tid,
  args,
});

const navigation = (url: string, ms: number, pid = PID): TraceEvent => ({
  name: 'navigationStart',
  ph: 'R',
  ts: at(ms),
  pid,
  tid: MAIN,
  args: { data: { documentLoaderURL: url, isLoadingMainFrame: true } },
});
const trace = (...events: TraceEvent[]): TraceEvent[] => [
  // The new tab's about:blank, in a renderer of its own, comes first.
  navigation('', -500, 99),
  { name: 'Layout', ph: 'X', ts: at(-400), dur: 300_000, pid: 99, tid: MAIN },
  navigation('http://127.0.0.1:3000/work-orders', 0),
  ...events,
];

describe('summarizeMainThread', () => {
  it('counts each event for its self time, script time by the file it runs', () => {
    const summary = summarizeMainThread(
      trace(
        task('RunTask', 10, 100),
        task('EvaluateScript', 10, 100, chunk('react-dom.js')),
        task('v8.compile', 10, 20, chunk('react-dom.js')),
        // A layout forced by the script: layout, not script.
        task('Layout', 40, 30),
        task('RunTask', 200, 40),
        task('FunctionCall', 200, 40, chunk('page.js')),
        task('UpdateLayoutTree', 220, 5),
        task('Document::recalcStyle', 230, 5),
      ),
    );
    expect(summary.by_kind_ms).toEqual({ 'script evaluation': 50, 'script calls': 30, layout: 30, 'script compile': 20, style: 10 });
    expect(summary.other_by_event_ms).toEqual({});
    expect(summary.script_by_file_ms).toEqual({ '/_next/static/chunks/react-dom.js': 70, '/_next/static/chunks/page.js': 30 });
    expect(summary.busy_ms).toBe(140);
    expect(summary.span_ms).toBe(240);
    expect(summary.long_tasks).toEqual({ count: 1, blocking_ms: 50, longest_ms: 100 });
  });

  it('ignores other threads and processes, and what happened before the navigation', () => {
    const summary = summarizeMainThread(trace(task('Layout', -50, 20), task('FunctionCall', 5, 10, chunk('a.js'), 99), task('Paint', 5, 4)));
    expect(summary.by_kind_ms).toEqual({ paint: 4 });
    expect(summary.busy_ms).toBe(4);
  });

  it('reads the paint and user-timing marks relative to the navigation', () => {
    const summary = summarizeMainThread(
      trace(
        { name: 'firstContentfulPaint', ph: 'R', ts: at(300), pid: PID, tid: MAIN },
        { name: 'largestContentfulPaint::Candidate', ph: 'R', ts: at(350), pid: PID, tid: MAIN },
        { name: 'largestContentfulPaint::Candidate', ph: 'R', ts: at(900), pid: PID, tid: MAIN },
        { name: 'hydrated', cat: 'blink.user_timing', ph: 'R', ts: at(1200), pid: PID, tid: MAIN },
        task('Paint', 300, 1),
      ),
    );
    expect(summary.marks_ms).toEqual({ first_contentful_paint: 300, largest_contentful_paint: 900, hydrated: 1200 });
  });
});
