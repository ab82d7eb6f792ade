// What every replica shares: a model the page's own code keeps from the events a framework
// listens to (so a test reads what the page saw, not what the DOM shows), and a submit button
// that must never be pressed: presses are counted on a visible status line instead of sent.

/**
 * Keeps `model[caption]` from each `[data-caption]` field under `root` (shadow roots
 * included through `fields`), on the event `on` ('input', 'change' or 'blur': the
 * frameworks differ). Returns the model.
 */
export function track(fields, on) {
  const model = {};
  for (const field of fields) {
    const caption = field.dataset.caption;
    model[caption] = field.value;
    field.addEventListener(on, () => { model[caption] = field.value; });
  }
  return model;
}

/**
 * Counts presses of `button` and submissions of `form` (both prevented) on `status`, and
 * exposes the page's view as `window.__target` = {state(), submits(), ready}.
 */
export function guard({ form, button, status, state }) {
  let submits = 0;
  const pressed = (event) => {
    event.preventDefault();
    submits += 1;
    status.textContent = `Submit pressed ${submits} time${submits === 1 ? '' : 's'}`;
    status.dataset.submits = String(submits);
  };
  status.textContent = 'Not submitted';
  status.dataset.submits = '0';
  button.addEventListener('click', pressed);
  form?.addEventListener('submit', pressed);
  window.__target = { state, submits: () => submits, ready: true };
}

/** The `[data-caption]` fields of `root` and of the open shadow roots of its elements. */
export function captioned(root) {
  const out = [...root.querySelectorAll('[data-caption]')];
  for (const host of root.querySelectorAll('*')) if (host.shadowRoot) out.push(...captioned(host.shadowRoot));
  return out;
}
