/**
 * Main-thread time from a Chrome trace (`devtools.timeline` categories), split the way DevTools'
 * Performance panel splits it: scripting is time inside JavaScript, minus the style and layout
 * work that JavaScript forced (that is rendering). Why not CDP's `ScriptDuration` metric: it
 * leaves out promise continuations run as microtasks (`RunMicrotasks`), which is where an async
 * page does its work — measured on the React feed page, 3 ms of `FunctionCall` against 1,414 ms
 * of `RunMicrotasks` for 400 posts.
 */

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { url?: string } };
}

/** Events in which JavaScript runs (any of them may nest in another). */
const SCRIPT = new Set([
  'FunctionCall',
  'RunMicrotasks',
  'EvaluateScript',
  'v8.evaluateModule',
  'TimerFire',
  'EventDispatch',
  'FireAnimationFrame',
  'FireIdleCallback',
]);
/** Rendering work that JavaScript may force synchronously (reading a layout property). */
const RENDERING = new Set([
  'UpdateLayoutTree',
  'Layout',
  'RecalculateStyles',
  'PrePaint',
  'Paint',
  'Layerize',
]);

/**
 * Garbage collection on the thread: a collection runs inside whichever call allocated when the
 * heap filled up, so its time in the extension's calls is mostly the page's garbage, and luck.
 */
const GARBAGE_COLLECTION = new Set(['MajorGC', 'MinorGC', 'V8.GC_MC_INCREMENTAL']);

type Interval = [start: number, end: number];

/** Sorted, non-overlapping intervals covering the same time as `intervals`. */
function union(intervals: Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const [start, end] of [...intervals].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

const length = (intervals: Interval[]) => intervals.reduce((sum, [start, end]) => sum + end - start, 0);

/** Time covered by both unions (each sorted and non-overlapping). */
function overlap(a: Interval[], b: Interval[]): number {
  let total = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    total += Math.max(0, Math.min(a[i]![1], b[j]![1]) - Math.max(a[i]![0], b[j]![0]));
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return total;
}

/**
 * The page's renderer main thread: the busiest `CrRendererMain` in the trace (the benchmark opens
 * one page; the extension's service worker runs on a worker thread, not a renderer main thread).
 */
export function pageMainThread(events: TraceEvent[]): { pid: number; tid: number } | null {
  const busy = new Map<string, number>();
  for (const e of events) {
    if (e.ph === 'X') busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + (e.dur ?? 0));
  }
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const main = mains.sort(
    (a, b) => (busy.get(`${b.pid}:${b.tid}`) ?? 0) - (busy.get(`${a.pid}:${a.tid}`) ?? 0),
  )[0];
  return main ? { pid: main.pid, tid: main.tid } : null;
}

export interface MainThreadTime {
  /** All JavaScript on the thread (page and content scripts), forced rendering excluded, ms. */
  scriptingMs: number;
  /** Top-level calls into `scriptUrlPrefix`'s scripts, ms each (their forced rendering included). */
  calls: number[];
  /** Those calls' share of `scriptingMs`. */
  callsScriptingMs: number;
  /** Garbage collection inside those calls, ms. */
  callsGcMs: number;
}

export function mainThreadTime(
  events: TraceEvent[],
  thread: { pid: number; tid: number },
  scriptUrlPrefix: string,
): MainThreadTime {
  const on = events.filter((e) => e.ph === 'X' && e.pid === thread.pid && e.tid === thread.tid);
  const span = (e: TraceEvent): Interval => [e.ts, e.ts + (e.dur ?? 0)];
  const scripting = union(on.filter((e) => SCRIPT.has(e.name)).map(span));
  const rendering = union(on.filter((e) => RENDERING.has(e.name)).map(span));
  const calls = union(
    on
      .filter(
        (e) =>
          (e.name === 'FunctionCall' || e.name === 'EvaluateScript') &&
          e.args?.data?.url?.startsWith(scriptUrlPrefix),
      )
      .map(span),
  );
  return {
    scriptingMs: (length(scripting) - overlap(scripting, rendering)) / 1000,
    calls: calls.map(([start, end]) => (end - start) / 1000),
    callsScriptingMs: (length(calls) - overlap(calls, rendering)) / 1000,
    callsGcMs: overlap(calls, union(on.filter((e) => GARBAGE_COLLECTION.has(e.name)).map(span))) / 1000,
  };
}
