// The API-accounts single-page app: state (useReducer: the only truth), routing between the
// list and the create form (history.pushState, query kept), `late` and `revert`.

import { useCallback, useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import { live } from './api.js';
import { Frame, Themed } from './Chrome.jsx';
import { CreatePage, CreateFooter } from './CreatePage.jsx';
import { ListPage } from './ListPage.jsx';
import { CREATE_PATH, LIST_PATH, NONE, norm, routeFromPath, STENCIL_ACCESS } from './config.js';

function initialForm(config) {
  return {
    tokenType: config.initialTokenType,
    name: '',
    access: STENCIL_ACCESS[0],
    scopes: Object.fromEntries(config.rows.map((r) => [r.label, r.initial])),
  };
}

function reducer(state, action) {
  switch (action.type) {
    case 'route':
      if (state.route === action.route) return state;
      // Entering the create page from the list gives a fresh form (it is a new page).
      return action.route === 'create' ? { ...state, ...action.form, route: 'create' } : { ...state, route: action.route };
    case 'tokenType':
    case 'name':
    case 'access':
      return state[action.type] === action.value ? state : { ...state, [action.type]: action.value };
    case 'scope':
      if (state.scopes[action.label] === action.value) return state;
      return { ...state, scopes: { ...state.scopes, [action.label]: action.value } };
    default:
      return state;
  }
}

function startRoute(config) {
  const route = routeFromPath(window.location.pathname);
  if (config.late && route === 'create') {
    // `late`: the SPA starts on the accounts list and routes to the form later.
    window.history.replaceState({ route: 'list' }, '', LIST_PATH + window.location.search + window.location.hash);
    return 'list';
  }
  return route;
}

export function App({ config }) {
  const [state, dispatch] = useReducer(reducer, config, (c) => ({ route: startRoute(c), ...initialForm(c) }));

  useLayoutEffect(() => {
    live.state = state;
  }, [state]);

  const lateTimer = useRef(0);
  const navigate = useCallback((route) => {
    clearTimeout(lateTimer.current);
    const path = route === 'create' ? CREATE_PATH : LIST_PATH;
    if (routeFromPath(window.location.pathname) !== route) {
      window.history.pushState({ route }, '', path + window.location.search + window.location.hash);
    }
    dispatch({ type: 'route', route, form: initialForm(config) });
  }, [config]);

  useEffect(() => {
    const onPop = () => dispatch({ type: 'route', route: routeFromPath(window.location.pathname), form: initialForm(config) });
    window.addEventListener('popstate', onPop);
    if (config.late && config.lateMs > 0 && state.route === 'list') {
      lateTimer.current = setTimeout(() => navigate('create'), config.lateMs);
    }
    return () => {
      window.removeEventListener('popstate', onPop);
      clearTimeout(lateTimer.current);
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // revert=<label>: the first change of that row to a level other than None is undone by a
  // stale re-render 150 ms later (revertAfter=<ms> to change the delay).
  const revertRow = config.revertLabel
    ? config.rows.find((r) => norm(r.label) === norm(config.revertLabel) || norm(r.key) === norm(config.revertLabel))
    : null;
  const revertArmed = useRef(Boolean(revertRow));
  const revertValue = revertRow ? state.scopes[revertRow.label] : undefined;
  useEffect(() => {
    if (!revertArmed.current || revertValue === undefined || revertValue === NONE) return;
    revertArmed.current = false;
    setTimeout(() => dispatch({ type: 'scope', label: revertRow.label, value: NONE }), config.revertAfterMs);
  }, [revertValue]); // eslint-disable-line react-hooks/exhaustive-deps

  const onCancel = useCallback(() => navigate('list'), [navigate]);
  const saveRef = useRef(null);
  const canSave = state.name.trim().length >= 4;

  const create = state.route === 'create';
  return (
    <Themed>
      <Frame
        embedded={config.embedded}
        storeHash={config.storeHash}
        footer={create ? <CreateFooter canSave={canSave} onCancel={onCancel} onSave={() => saveRef.current?.()} /> : null}
      >
        {create ? (
          <CreatePage config={config} state={state} dispatch={dispatch} saveRef={saveRef} onBack={onCancel} />
        ) : (
          <ListPage onCreate={() => navigate('create')} />
        )}
      </Frame>
    </Themed>
  );
}
