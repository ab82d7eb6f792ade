// The API-accounts single-page app: state (useReducer: the only truth), routing between the
// list and the create form (history.pushState, query kept), `late` and `revert`.

import { useCallback, useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import { live } from './api.js';
import { Frame, Themed } from './Chrome.jsx';
import { CreatePage, CreateFooter } from './CreatePage.jsx';
import { ListPage } from './ListPage.jsx';
import { CREATE_PATH, findRow, LIST_PATH, routeFromPath } from './config.js';

function initialForm(config) {
  return {
    tokenType: config.initialTokenType,
    name: '',
    access: config.stencilAccess[0],
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
      // Timed in the page's own clock (performance entries), for the self-check: a test runner
      // under load sees the list late, and would measure less of the delay than there was.
      performance.mark('replica:list-shown');
      lateTimer.current = setTimeout(() => {
        performance.measure('replica:late', 'replica:list-shown');
        navigate('create');
      }, config.lateMs);
    }
    return () => {
      window.removeEventListener('popstate', onPop);
      clearTimeout(lateTimer.current);
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // revert=<label or id>: the first change of that row to a level other than None is undone
  // by a stale re-render 150 ms later (revertAfter=<ms> to change the delay). Back to None, or
  // to the row's first level where it offers no None.
  const revertRow = config.revertLabel ? config.rows[findRow(config.rows, config.revertLabel)] : null;
  const revertArmed = useRef(Boolean(revertRow));
  const revertValue = revertRow ? state.scopes[revertRow.label] : undefined;
  useEffect(() => {
    if (!revertArmed.current || revertValue === undefined || revertValue === revertRow.initial) return;
    revertArmed.current = false;
    setTimeout(() => dispatch({ type: 'scope', label: revertRow.label, value: revertRow.initial }), config.revertAfterMs);
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
        chrome={config.chrome}
        footer={create ? <CreateFooter t={config.t} canSave={canSave} onCancel={onCancel} onSave={() => saveRef.current?.()} /> : null}
      >
        {create ? (
          <CreatePage config={config} state={state} dispatch={dispatch} saveRef={saveRef} onBack={onCancel} />
        ) : (
          <ListPage t={config.t} onCreate={() => navigate('create')} />
        )}
      </Frame>
    </Themed>
  );
}
