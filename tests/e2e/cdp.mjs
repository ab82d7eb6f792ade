// A second DevTools connection to the test browser, at the browser level, to see what
// Playwright's page-level API cannot: the extension's service worker and offscreen document.
// It records, for every target (pages, out-of-process frames, service workers, the offscreen
// document), the network requests the target makes and the console output, uncaught
// exceptions and browser log entries of the extension's own contexts (its pages, its worker,
// its offscreen document and its content scripts' isolated worlds).
//
// New targets start paused (waitForDebuggerOnStart) and are resumed once recording is on, so a
// worker's first request is seen too. Chromium is started with --remote-debugging-port=0 next
// to Playwright's pipe; the port is read from DevToolsActivePort in the profile, and the
// connection is the `ws` package's (Playwright's public CDP sessions drop the events of the
// flattened child sessions this needs).

import fs from 'node:fs';
import path from 'node:path';
import { WebSocket } from 'ws';

/**
 * The DevTools address Chromium writes to DevToolsActivePort once it listens (before
 * Playwright's launch returns, in practice; a watch on the profile covers a late write).
 */
async function activePort(userDataDir, timeout = 5000) {
  const file = path.join(userDataDir, 'DevToolsActivePort');
  const read = () => {
    try {
      const text = fs.readFileSync(file, 'utf8');
      return text.includes('\n') ? text : null;
    } catch {
      return null;
    }
  };
  const text = read() ?? await new Promise((resolve, reject) => {
    const watcher = fs.watch(userDataDir, () => {
      const now = read();
      if (now) done(resolve, now);
    });
    const timer = setTimeout(() => done(reject, new Error('no DevToolsActivePort: was Chromium started with --remote-debugging-port=0?')), timeout);
    const done = (settle, value) => { clearTimeout(timer); watcher.close(); settle(value); };
    // Written between the first read and the watch.
    const now = read();
    if (now) done(resolve, now);
  });
  const [port, wsPath] = text.trim().split('\n');
  return `ws://127.0.0.1:${port}${wsPath}`;
}

async function connect(userDataDir) {
  const ws = new WebSocket(await activePort(userDataDir));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', (e) => reject(new Error(`DevTools connection failed: ${e.message}`)));
  });
  let id = 0;
  const pending = new Map();
  const listeners = [];
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    if (msg.id !== undefined && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(msg.error.message));
      else resolve(msg.result);
    } else if (msg.method) {
      for (const listener of listeners) listener(msg);
    }
  });
  ws.on('close', () => {
    for (const { reject } of pending.values()) reject(new Error('DevTools connection closed'));
    pending.clear();
  });
  const send = (method, params = {}, sessionId = undefined) => new Promise((resolve, reject) => {
    if (ws.readyState !== WebSocket.OPEN) return reject(new Error('DevTools connection closed'));
    const message = { id: ++id, method, params };
    if (sessionId) message.sessionId = sessionId;
    pending.set(message.id, { resolve, reject });
    ws.send(JSON.stringify(message));
  });
  return { send, on: (listener) => listeners.push(listener), close: () => ws.close() };
}

/** Text of a console call's arguments, as DevTools would print them. */
function argsText(args = []) {
  return args.map((a) => {
    if (a.value !== undefined) return typeof a.value === 'string' ? a.value : JSON.stringify(a.value);
    if (a.unserializableValue !== undefined) return a.unserializableValue;
    return a.description ?? a.type;
  }).join(' ');
}

/**
 * Starts recording. `extensionOrigin` is `chrome-extension://ID`.
 * Returns { requests, messages, extensionRequests(), extensionText(), waitForRequest(), close() }.
 */
export async function startRecorder(userDataDir, extensionOrigin) {
  const cdp = await connect(userDataDir);
  const sessions = new Map(); // sessionId → {type, url}
  const contexts = new Map(); // `${sessionId}:${contextId}` → origin
  const requests = [];
  const messages = [];
  const attached = new Set(); // targetIds
  const requestWaiters = new Set(); // {predicate, resolve}
  const targetWaiters = new Set(); // called when a target is attached or changes address
  const targetsChanged = () => { for (const wake of [...targetWaiters]) wake(); };

  const isExtension = (url) => typeof url === 'string' && url.startsWith(`${extensionOrigin}/`);

  cdp.on((msg) => {
    const session = sessions.get(msg.sessionId);
    switch (msg.method) {
      case 'Target.attachedToTarget':
        onAttached(msg.params, msg.sessionId);
        break;
      case 'Target.targetCreated':
        targetsChanged();
        break;
      case 'Target.detachedFromTarget':
        sessions.delete(msg.params.sessionId);
        break;
      case 'Target.targetInfoChanged': {
        for (const s of sessions.values()) if (s.targetId === msg.params.targetInfo.targetId) s.url = msg.params.targetInfo.url;
        targetsChanged();
        break;
      }
      case 'Runtime.executionContextCreated': {
        const c = msg.params.context;
        contexts.set(`${msg.sessionId}:${c.id}`, c.origin);
        break;
      }
      case 'Network.requestWillBeSent': {
        const request = {
          targetType: session?.type, targetUrl: session?.url, url: msg.params.request.url,
          method: msg.params.request.method, at: Date.now(),
        };
        requests.push(request);
        for (const w of [...requestWaiters]) if (w.predicate(request)) w.resolve(request);
        break;
      }
      case 'Runtime.consoleAPICalled': {
        const origin = contexts.get(`${msg.sessionId}:${msg.params.executionContextId}`);
        messages.push({ kind: `console.${msg.params.type}`, targetType: session?.type, targetUrl: session?.url, origin, text: argsText(msg.params.args) });
        break;
      }
      case 'Runtime.exceptionThrown': {
        const d = msg.params.exceptionDetails;
        const origin = contexts.get(`${msg.sessionId}:${d.executionContextId}`);
        messages.push({ kind: 'exception', targetType: session?.type, targetUrl: session?.url, origin, text: `${d.text} ${d.exception?.description ?? ''}` });
        break;
      }
      case 'Log.entryAdded': {
        const e = msg.params.entry;
        messages.push({ kind: `log.${e.source}.${e.level}`, targetType: session?.type, targetUrl: session?.url, origin: null, text: `${e.text} ${e.url ?? ''}` });
        break;
      }
      default:
    }
  });

  async function onAttached({ sessionId, targetInfo, waitingForDebugger }, parentSession) {
    const send = (method, params = {}) => cdp.send(method, params, sessionId).catch(() => {});
    if (attached.has(targetInfo.targetId)) {
      // Attached twice (auto-attach and the catch-up below): one session records.
      if (waitingForDebugger) await send('Runtime.runIfWaitingForDebugger');
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      return;
    }
    sessions.set(sessionId, { type: targetInfo.type, url: targetInfo.url, targetId: targetInfo.targetId, parent: parentSession });
    attached.add(targetInfo.targetId);
    targetsChanged();
    try {
      if (targetInfo.type === 'browser_ui') return; // Chromium's own UI pages
      await Promise.all([send('Runtime.enable'), send('Log.enable'), send('Network.enable')]);
      if (targetInfo.type === 'page' || targetInfo.type === 'iframe') {
        // Out-of-process frames of this page (a frame from another site).
        await send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
      }
    } finally {
      if (waitingForDebugger) await send('Runtime.runIfWaitingForDebugger');
    }
  }

  await cdp.send('Target.setDiscoverTargets', { discover: true });
  // Auto-attach also takes the targets already there (the worker runs by now), reporting them
  // before it answers; any it did not take is attached by hand (one taken twice is detached
  // again in onAttached).
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
  const { targetInfos } = await cdp.send('Target.getTargets');
  for (const t of targetInfos) {
    if (attached.has(t.targetId) || t.type === 'browser_ui' || t.type === 'browser') continue;
    await cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: true }).catch(() => {});
  }

  return {
    requests,
    messages,
    /** Requests made by the extension's worker, offscreen document or pages to anything but itself. */
    extensionRequests: () => requests.filter((r) => isExtension(r.targetUrl) && !isExtension(r.url) && !r.url.startsWith('data:') && !r.url.startsWith('blob:')),
    /** Everything the extension's contexts printed (console, exceptions, browser log entries). */
    extensionText: () => messages
      .filter((m) => (m.origin ?? '').startsWith(extensionOrigin) || isExtension(m.targetUrl))
      .map((m) => `${m.kind} ${m.targetType} ${m.text}`),
    /** The first request, recorded already or from now on, that `predicate` accepts. */
    waitForRequest: (predicate, { timeout = 5000 } = {}) => {
      const seen = requests.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (request) => { clearTimeout(timer); requestWaiters.delete(waiter); resolve(request); },
        };
        const timer = setTimeout(() => { requestWaiters.delete(waiter); reject(new Error(`no such request recorded in ${timeout} ms`)); }, timeout);
        requestWaiters.add(waiter);
      });
    },
    /**
     * Evaluates `expression` (awaited, returned by value) in the first page whose address
     * starts with `urlPrefix`, once one is there: for pages Playwright does not list, such as
     * the toolbar popup opened by a real gesture.
     */
    evaluateIn: async (urlPrefix, expression, { timeout = 10000 } = {}) => {
      const until = Date.now() + timeout;
      for (;;) {
        // Attached already, or there to attach (the browser does not auto-attach a popup).
        let session = [...sessions].find(([, s]) => s.url?.startsWith(urlPrefix))?.[0];
        if (!session) {
          const { targetInfos } = await cdp.send('Target.getTargets');
          const info = targetInfos.find((t) => t.url.startsWith(urlPrefix));
          if (info) ({ sessionId: session } = await cdp.send('Target.attachToTarget', { targetId: info.targetId, flatten: true }));
        }
        if (session) {
          let answer;
          try {
            answer = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, session);
          } catch (e) {
            // A session detached before the browser took the call (a target attached twice
            // keeps one; seen under load): the expression never ran there, so look again.
            if (!/Session with given id not found/.test(e.message) || Date.now() >= until) throw e;
            sessions.delete(session);
            continue;
          }
          if (answer.exceptionDetails) throw new Error(`evaluateIn ${urlPrefix}: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
          return answer.result.value;
        }
        const left = until - Date.now();
        if (left <= 0) throw new Error(`no page at ${urlPrefix}… in ${timeout} ms`);
        // Woken by the next target created, attached or renamed (or at the deadline).
        await new Promise((resolve) => {
          const timer = setTimeout(wake, left);
          function wake() { clearTimeout(timer); targetWaiters.delete(wake); resolve(); }
          targetWaiters.add(wake);
        });
      }
    },
    close: () => cdp.close(),
  };
}
