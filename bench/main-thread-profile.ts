/**
 * What the browser's main thread spends a page load on, from a Chromium trace: the figures a
 * "what limits the rest" note needs (script evaluation per file, the framework's work after it,
 * style and layout, paint, garbage collection), measured instead of guessed.
 *
 * `recordLoadTrace` loads one page in a fresh tab with the CPU slowed down as Lighthouse's mobile
 * profile does (4×) and returns the trace events; `summarizeMainThread` reduces them to times in
 * milliseconds. Only complete events (`ph: 'X'`) of the renderer's main thread count, each for its
 * self time (its duration minus the events nested in it), so no millisecond is counted twice.
 */
import type { BrowserContext } from '@playwright/test';

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown>; beginData?: Record<string, unknown> };
}

export interface MainThreadSummary {
  /** From the navigation's start to the last main-thread event counted, ms. */
  span_ms: number;
  /** Main-thread time with something to do (tasks), ms. */
  busy_ms: number;
  /** Self time by kind of work, ms, largest first. */
  by_kind_ms: Record<string, number>;
  /** Script time (compile, evaluation, calls and the microtasks they queue) by file, ms, largest first. */
  script_by_file_ms: Record<string, number>;
  /** What "other" is made of: the six largest by trace event name, ms (a task's own time included). */
  other_by_event_ms: Record<string, number>;
  /** Tasks longer than 50 ms: their count and the part beyond 50 ms (Lighthouse's blocking time). */
  long_tasks: { count: number; blocking_ms: number; longest_ms: number };
  /** Paint marks relative to the navigation's start, ms. */
  marks_ms: Record<string, number>;
}

/** What a trace event's self time is counted as. */
const KINDS: [RegExp, string][] = [
  [/^(v8\.compile|v8\.compileModule|V8\.CompileCode|v8\.parseOnBackground|CompileScript|CacheScript)/, 'script compile'],
  [/^(EvaluateScript|v8\.evaluateModule|v8\.run)$/, 'script evaluation'],
  [
    /^(FunctionCall|TimerFire|EventDispatch|FireAnimationFrame|RunMicrotasks|V8\.Execute|v8\.callFunction|RunTask|XHRReadyStateChange|FireIdleCallback)$/,
    'script calls',
  ],
  [
    /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation|Document::recalcStyle|Document::rebuildLayoutTree|CSSParserImpl::)/,
    'style',
  ],
  [/^(Layout$|UpdateLayerTree$|LocalFrameView::performLayout|IntersectionObserverController::computeIntersections|InlineNode::)/, 'layout'],
  [
    /^(Paint$|PaintImage$|PrePaint$|Layerize$|Commit$|CompositeLayers$|RasterTask$|Decode Image$|ImageDecodeTask$|Blink\.PrePaint|Blink\.Paint)/,
    'paint',
  ],
  [/^(ParseHTML)$/, 'HTML parsing'],
  [/^(MajorGC|MinorGC|V8\.GC|BlinkGC|GCEvent|CppGC)/, 'garbage collection'],
  [/^(ResourceFetcher::|ResourceLoad|ResourceSendRequest|ResourceReceive|DocumentLoader::)/, 'loading'],
];

/** The navigation's own timing marks, also in `blink.user_timing`: not the page's marks. */
const NAVIGATION_TIMING =
  /^(navigationStart|fetchStart|requestStart|responseStart|responseEnd|dom[A-Z]\w*|unloadEvent\w+|loadEvent\w+|commitNavigationEnd|connect\w*|domainLookup\w+|redirect\w+|secureConnectionStart)$/;

const kindOf = (name: string) => KINDS.find(([pattern]) => pattern.test(name))?.[1] ?? 'other';

const SCRIPT_KINDS = new Set(['script compile', 'script evaluation', 'script calls']);

/** The file a script event belongs to, as its path (`/_next/static/chunks/x.js`), or why none. */
function scriptFile(event: TraceEvent): string | undefined {
  const data = event.args?.data ?? event.args?.beginData;
  const url = (data?.url ?? data?.fileName ?? (data?.stackTrace as { url?: string }[] | undefined)?.[0]?.url) as string | undefined;
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.pathname;
  } catch {
    return url;
  }
}

const round = (value: number) => Math.round(value);

export function summarizeMainThread(events: TraceEvent[]): MainThreadSummary {
  // The page's own navigation: a new tab first commits about:blank, maybe in another renderer.
  const navigation = events
    .filter(
      (event) =>
        event.name === 'navigationStart' && event.args?.data?.isLoadingMainFrame && /^https?:/.test(String(event.args.data.documentLoaderURL ?? '')),
    )
    .sort((a, b) => a.ts - b.ts)[0];
  if (!navigation) throw new Error('no main-frame navigation to a web page in the trace');
  const main = { pid: navigation.pid, tid: navigation.tid };
  const navigationStart = navigation.ts;
  const onMain = events
    .filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.dur !== undefined && event.ts >= navigationStart)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));

  const byKind = new Map<string, number>();
  const otherByName = new Map<string, number>();
  const byFile = new Map<string, number>();
  const tasks: number[] = [];
  // Walk the nesting: a stack of open events, each with the time its children took.
  const stack: { event: TraceEvent; end: number; children: number; file?: string }[] = [];
  const close = (until: number) => {
    while (stack.length && stack[stack.length - 1].end <= until) {
      const done = stack.pop()!;
      const self = Math.max(0, (done.event.dur ?? 0) - done.children);
      const kind = done.event.name === 'RunTask' ? 'other' : kindOf(done.event.name);
      byKind.set(kind, (byKind.get(kind) ?? 0) + self);
      if (kind === 'other') otherByName.set(done.event.name, (otherByName.get(done.event.name) ?? 0) + self);
      if (SCRIPT_KINDS.has(kind) && done.event.name !== 'RunTask') {
        const file = done.file ?? '(unknown script)';
        byFile.set(file, (byFile.get(file) ?? 0) + self);
      }
      if (stack.length) stack[stack.length - 1].children += done.event.dur ?? 0;
    }
  };
  let lastEnd = navigationStart;
  for (const event of onMain) {
    close(event.ts);
    const end = event.ts + (event.dur ?? 0);
    lastEnd = Math.max(lastEnd, end);
    if (stack.length === 0) tasks.push(event.dur ?? 0);
    // Work nested in a script event belongs to that script's file unless it names its own.
    const inherited = [...stack].reverse().find((open) => open.file)?.file;
    stack.push({ event, end, children: 0, file: scriptFile(event) ?? inherited });
  }
  close(Number.POSITIVE_INFINITY);

  const marks: Record<string, number> = {};
  const firstMark = (name: string, label: string) => {
    const found = events.filter((event) => event.pid === main.pid && event.name === name && event.ts >= navigationStart).sort((a, b) => a.ts - b.ts);
    if (found.length) marks[label] = round((found[label === 'largest_contentful_paint' ? found.length - 1 : 0].ts - navigationStart) / 1000);
  };
  firstMark('firstContentfulPaint', 'first_contentful_paint');
  firstMark('largestContentfulPaint::Candidate', 'largest_contentful_paint');
  firstMark('domContentLoadedEventEnd', 'dom_content_loaded');
  firstMark('loadEventEnd', 'load');
  for (const event of events) {
    if (
      event.pid === main.pid &&
      event.cat?.includes('blink.user_timing') &&
      !NAVIGATION_TIMING.test(event.name) &&
      event.ts >= navigationStart &&
      !(event.name in marks)
    ) {
      marks[event.name] = round((event.ts - navigationStart) / 1000);
    }
  }

  const sorted = (map: Map<string, number>) =>
    Object.fromEntries(
      [...map]
        .filter(([, us]) => us >= 500)
        .sort((a, b) => b[1] - a[1])
        .map(([key, us]) => [key, round(us / 1000)]),
    );
  const long = tasks.filter((us) => us > 50_000);
  return {
    span_ms: round((lastEnd - navigationStart) / 1000),
    busy_ms: round(tasks.reduce((sum, us) => sum + us, 0) / 1000),
    by_kind_ms: sorted(byKind),
    script_by_file_ms: sorted(byFile),
    other_by_event_ms: Object.fromEntries(Object.entries(sorted(otherByName)).slice(0, 6)),
    long_tasks: {
      count: long.length,
      blocking_ms: round(long.reduce((sum, us) => sum + us - 50_000, 0) / 1000),
      longest_ms: round(Math.max(0, ...tasks) / 1000),
    },
    marks_ms: marks,
  };
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'v8',
  'blink.user_timing',
  'loading',
  'blink',
  '__metadata',
];

/** One load of `url` in a new tab of `context`, CPU slowed down `cpuSlowdown` times; the trace's events. */
export async function recordLoadTrace(
  context: BrowserContext,
  url: string,
  cpuSlowdown: number,
  settle: (page: import('@playwright/test').Page) => Promise<void>,
) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES }, transferMode: 'ReportEvents' });
    await page.goto(url, { waitUntil: 'load' });
    await settle(page);
    await cdp.send('Tracing.end');
    await complete;
    return events;
  } finally {
    await page.close();
  }
}
