import { describe, expect, it } from 'vitest';
import { mainThreadTime, pageMainThread, type TraceEvent } from './main-thread-time';

const MAIN = { pid: 1, tid: 10 };
const EXTENSION = 'chrome-extension://abc/content-scripts/content.js';

/** A complete event on the main thread; times in ms, as the trace's µs. */
function event(name: string, start: number, duration: number, url?: string, thread = MAIN): TraceEvent {
  return {
    name,
    ph: 'X',
    ...thread,
    ts: start * 1000,
    dur: duration * 1000,
    ...(url ? { args: { data: { url } } } : {}),
  };
}

describe('mainThreadTime', () => {
  it('counts script time once when script events nest, and leaves out forced layout', () => {
    const time = mainThreadTime(
      [
        event('RunMicrotasks', 0, 100), // the page's async work
        event('FunctionCall', 10, 20), // a callback inside it
        event('UpdateLayoutTree', 40, 15), // forced by a layout read
        event('Layout', 55, 15),
        event('Paint', 200, 50), // the frame's own rendering, outside scripts
      ],
      MAIN,
      'chrome-extension://',
    );
    expect(time.scriptingMs).toBe(70);
  });

  it("takes the layout an extension's call forced out of its scripting, not out of its call", () => {
    const time = mainThreadTime(
      [event('FunctionCall', 0, 10, EXTENSION), event('Layout', 2, 3)],
      MAIN,
      'chrome-extension://',
    );
    expect(time.calls).toEqual([10]);
    expect(time.callsScriptingMs).toBe(7);
  });

  it('adds script time in separate tasks, and only on the given thread', () => {
    const other = { pid: 2, tid: 20 };
    const time = mainThreadTime(
      [
        event('FunctionCall', 0, 5),
        event('TimerFire', 10, 7),
        event('FunctionCall', 0, 500, undefined, other),
      ],
      MAIN,
      'chrome-extension://',
    );
    expect(time.scriptingMs).toBe(12);
  });

  it("lists the extension's top-level calls, nested calls inside them not counted again", () => {
    const time = mainThreadTime(
      [
        event('FunctionCall', 0, 4, EXTENSION),
        event('FunctionCall', 1, 2, EXTENSION),
        event('FunctionCall', 10, 3, 'https://x.com/main.js'),
        event('FunctionCall', 20, 6, EXTENSION),
      ],
      MAIN,
      'chrome-extension://',
    );
    expect(time.calls).toEqual([4, 6]);
    expect(time.callsScriptingMs).toBe(10);
    expect(time.scriptingMs).toBe(13);
  });
  it("tells the garbage collection inside the extension's calls, counted once when its events nest", () => {
    const time = mainThreadTime(
      [
        event('FunctionCall', 0, 20, EXTENSION),
        event('MajorGC', 5, 8),
        event('V8.GC_MC_INCREMENTAL', 6, 2), // a step inside the same collection
        event('MinorGC', 30, 4), // in the page's own script
        event('FunctionCall', 28, 10),
      ],
      MAIN,
      'chrome-extension://',
    );
    expect(time.callsGcMs).toBe(8);
    expect(time.calls).toEqual([20]);
  });
});

describe('pageMainThread', () => {
  it('picks the busiest renderer main thread', () => {
    const name = (pid: number, tid: number, threadName: string): TraceEvent => ({
      name: 'thread_name',
      ph: 'M',
      pid,
      tid,
      ts: 0,
      args: { name: threadName },
    });
    const quiet = { pid: 3, tid: 30 };
    const worker = { pid: 1, tid: 11 };
    const events = [
      name(3, 30, 'CrRendererMain'),
      name(1, 10, 'CrRendererMain'),
      name(1, 11, 'DedicatedWorker thread'),
      event('RunTask', 0, 5, undefined, quiet),
      event('RunTask', 0, 50, undefined, MAIN),
      event('RunTask', 0, 500, undefined, worker),
    ];
    expect(pageMainThread(events)).toEqual(MAIN);
    expect(pageMainThread([])).toBeNull();
  });
});
