// "Create account": token type, name, API path(s), OAuth scopes (or Stencil access), the
// sticky footer's Cancel / Save, the success toast and the credentials modal.

import { Box, Button, H1, Input, Message, Panel, Select, Text } from '@bigcommerce/big-design';
import { ArrowBackIcon } from '@bigcommerce/big-design-icons';
import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import styled from 'styled-components';
import { live } from './api.js';
import { ChoiceRow } from './ChoiceRow.jsx';
import { CredentialsModal } from './CredentialsModal.jsx';
import { downloadCredentials, generateCredentials } from './credentials.js';
import { Page } from './Page.jsx';

const Field = styled(Box)`
  max-width: 36rem;
`;

const BackLink = styled.a`
  display: inline-flex; align-items: center; gap: 4px; margin-bottom: ${({ theme }) => theme.spacing.xxSmall};
  color: ${({ theme }) => theme.colors.secondary60}; text-decoration: none; font-size: ${({ theme }) => theme.typography.fontSize.medium};
`;

// Panel always puts a gap above its children (meant to follow its header); this panel has none.
const Headless = styled.div`
  margin-top: -${({ theme }) => theme.spacing.medium};
`;

const Toasts = styled.div`
  position: fixed; top: 72px; right: 16px; width: 22rem; z-index: ${({ theme }) => theme.zIndex.popover};
`;

export function CreateFooter({ t, canSave, onCancel, onSave }) {
  return (
    <>
      <Button variant="subtle" onClick={onCancel}>{t.page.cancel}</Button>
      <Button variant="primary" disabled={!canSave} onClick={onSave}>{t.page.save}</Button>
    </>
  );
}

export function CreatePage({ config, state, dispatch, saveRef, onBack }) {
  const [shown, setShown] = useState(null); // credentials in the open modal
  const [toast, setToast] = useState(false);
  const { page: p } = config.t;
  const stencil = state.tokenType === config.tokenTypes[1];

  useLayoutEffect(() => {
    live.ready = true;
    return () => {
      live.ready = false;
    };
  }, []);

  const save = useCallback(() => {
    if (state.name.trim().length < 4) return;
    const creds = generateCredentials({ name: state.name.trim(), apiPath: config.apiPath });
    live.generated.push(creds);
    setToast(true);
    setShown(creds);
    if (config.download) downloadCredentials(creds, config.txtLabels || undefined);
  }, [state.name, config]);
  saveRef.current = save;

  // The toast goes away by itself, like the control panel's.
  useEffect(() => {
    if (!toast) return undefined;
    const t = setTimeout(() => setToast(false), 6000);
    return () => clearTimeout(t);
  }, [toast]);

  // dismiss=instant: something closes the modal 1 ms after it opened.
  useEffect(() => {
    if (!shown || !config.dismissInstant) return undefined;
    const t = setTimeout(() => setShown(null), 1);
    return () => clearTimeout(t);
  }, [shown, config.dismissInstant]);

  const set = (type) => (value) => dispatch({ type, value });

  return (
    <Page>
      <BackLink href="#" onClick={(e) => { e.preventDefault(); onBack(); }}>
        <ArrowBackIcon size="medium" />{` ${p.list_title}`}
      </BackLink>
      <H1>{p.title}</H1>
      <Panel>
        <Headless />
        <Field marginBottom="large">
          <Select
            label={p.token_type}
            filterable={false}
            options={config.tokenTypes.map((t) => ({ value: t, content: t }))}
            value={state.tokenType}
            onOptionChange={(v) => dispatch({ type: 'tokenType', value: v ?? '' })}
          />
        </Field>
        <Field marginBottom="large">
          <Input
            label={p.name}
            value={state.name}
            onChange={(e) => dispatch({ type: 'name', value: e.target.value })}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field marginBottom={config.b2b ? 'large' : 'none'}>
          <Input label={p.api_path} value={config.apiPath} readOnly />
        </Field>
        {config.b2b ? (
          <Field>
            <Input label={p.b2b_api_path} value={config.b2bApiPath} readOnly />
          </Field>
        ) : null}
      </Panel>
      {stencil ? (
        <Panel header={p.stencil_access_heading}>
          <ChoiceRow variant={config.variant} label={p.stencil_access} options={config.stencilAccess} value={state.access} onChange={set('access')} />
        </Panel>
      ) : (
        <Panel header={p.oauth_scopes}>
          {config.rows.map((row) => (
            <ChoiceRow
              key={row.id}
              variant={config.variant}
              label={row.label}
              options={row.options}
              value={state.scopes[row.label]}
              onChange={(value) => dispatch({ type: 'scope', label: row.label, value })}
            />
          ))}
        </Panel>
      )}
      {toast ? (
        <Toasts>
          <Message
            type="success"
            header={p.toast_title}
            messages={[{ text: p.toast_text }]}
            onClose={() => setToast(false)}
          />
        </Toasts>
      ) : null}
      <CredentialsModal t={config.t} credentials={shown} onDone={() => setShown(null)} />
    </Page>
  );
}
