// Celigo's "Create connection" drawer in React 19, with controlled inputs: a value reaches the
// component only through React's onChange, which listens to `input` and compares with React's
// own value tracker. `?auth=basic|token` picks the auth type shown first.
import { useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

const FIELDS = {
  Basic: [
    { key: 'username', caption: 'Username', hint: 'Enter your BigCommerce account client ID as the username.' },
    { key: 'password', caption: 'Password', type: 'password', hint: 'Enter your BigCommerce account access token as the password.' },
    { key: 'storeHash', caption: 'Store hash', hint: 'If your account URL is https://api.bigcommerce.com/stores/123456/, then 123456 is your store hash.' },
  ],
  Token: [
    { key: 'accessToken', caption: 'Access token', type: 'password', hint: 'Enter your BigCommerce account access token.' },
    { key: 'clientId', caption: 'Client ID', hint: 'Enter your BigCommerce account client ID.' },
    { key: 'storeHash', caption: 'Store hash', hint: 'If your account URL is https://api.bigcommerce.com/stores/123456/, then 123456 is your store hash.' },
  ],
};

// The store hash field refuses what cannot be a store hash: React then puts the old value
// back (a rejecting onChange), the case the read-back must report as "reverted".
const accepts = (key, value) => key !== 'storeHash' || /^[a-z0-9]*$/.test(value);

function Field({ id, caption, type = 'text', hint, value, onChange }) {
  return (
    <div>
      <div className="caption" id={`${id}-label`}>
        {caption}<span className="required" aria-hidden="true"> *</span>
      </div>
      <input id={id} name={id} type={type} value={value} aria-labelledby={`${id}-label`} aria-describedby={`${id}-hint`}
        data-caption={caption} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      <p className="hint" id={`${id}-hint`}>{hint}</p>
    </div>
  );
}

function CreateConnection({ initialAuth }) {
  const [auth, setAuth] = useState(initialAuth);
  const [values, setValues] = useState({ name: '' });
  const [submits, setSubmits] = useState(0);
  const latest = useRef({});
  const fields = FIELDS[auth];
  // The page's own view: what React state holds, by caption, for the tests.
  latest.current = { state: { 'Name your connection': values.name, ...Object.fromEntries(fields.map((f) => [f.caption, values[f.key] ?? ''])) }, submits };
  useEffect(() => {
    window.__target = { state: () => ({ ...latest.current.state }), submits: () => latest.current.submits, ready: true };
  }, []);
  const set = (key) => (value) => { if (accepts(key, value)) setValues((v) => ({ ...v, [key]: value })); };
  const filled = fields.filter((f) => (values[f.key] ?? '') !== '').length + (values.name ? 1 : 0);
  const press = (e) => { e.preventDefault(); setSubmits((n) => n + 1); };
  return (
    <aside className="drawer" role="dialog" aria-labelledby="drawer-title">
      <h2 id="drawer-title">Create connection</h2>
      <form onSubmit={press} autoComplete="off">
        <fieldset>
          <legend>Application details</legend>
          <Field id="name" caption="Name your connection" value={values.name} onChange={set('name')}
            hint="Enter a clear and distinguishable name." />
          <div className="caption" id="auth-label">Auth type<span className="required" aria-hidden="true"> *</span></div>
          <select aria-labelledby="auth-label" value={auth} onChange={(e) => setAuth(e.target.value)}>
            <option value="Basic">Basic</option>
            <option value="Token">Token</option>
          </select>
        </fieldset>
        <fieldset>
          <legend>Configure your auth type: {auth}</legend>
          {fields.map((f) => <Field key={`${auth}-${f.key}`} id={`${auth.toLowerCase()}-${f.key}`} {...f} value={values[f.key] ?? ''} onChange={set(f.key)} />)}
        </fieldset>
        <p id="preview" role="status" aria-live="polite">{filled} of {fields.length + 1} required fields set</p>
        <div className="actions">
          <button type="submit" id="submit" onClick={press}>Save &amp; authorize</button>
          <button type="button" className="secondary">Close</button>
          <span id="submit-status" role="status" data-submits={submits}>{submits ? `Submit pressed ${submits} time${submits === 1 ? '' : 's'}` : 'Not submitted'}</span>
        </div>
      </form>
    </aside>
  );
}

const initialAuth = new URLSearchParams(location.search).get('auth') === 'basic' ? 'Basic' : 'Token';
createRoot(document.getElementById('root')).render(<CreateConnection initialAuth={initialAuth} />);
