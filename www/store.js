// A minimal React-like state container: the form's only source of truth.
// Every set() notifies subscribers synchronously; views re-render from the new state.

export function createStore(initial) {
  let state = initial;
  const subscribers = new Set();
  return {
    get() {
      return state;
    },
    set(patch) {
      const prev = state;
      const next = typeof patch === 'function' ? patch(prev) : patch;
      state = { ...prev, ...next };
      for (const fn of [...subscribers]) fn(state, prev);
    },
    setScope(label, level) {
      const prev = state;
      state = { ...prev, scopes: { ...prev.scopes, [label]: level } };
      for (const fn of [...subscribers]) fn(state, prev);
    },
    subscribe(fn) {
      subscribers.add(fn);
      return () => subscribers.delete(fn);
    },
  };
}
