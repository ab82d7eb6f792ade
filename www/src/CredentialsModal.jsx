// "BigCommerce API credentials": a BigDesign Modal (variant "dialog": no close button),
// mounted with the create page so its portal container is in <body> before it opens.

import { Box, Button, Flex, FlexItem, Input, Modal, Text } from '@bigcommerce/big-design';
import { FileCopyIcon } from '@bigcommerce/big-design-icons';

/** The three read-only fields, in the page's order; their labels are the pack's dialog words. */
const FIELDS = ['client_id', 'client_secret', 'access_token'];

function copy(text) {
  try {
    const p = navigator.clipboard && navigator.clipboard.writeText(text);
    if (p && typeof p.catch === 'function') p.catch(() => {});
  } catch {
    // no clipboard: nothing to do
  }
}

export function CredentialsModal({ t, credentials, onDone }) {
  const d = t.dialog;
  return (
    <Modal
      isOpen={Boolean(credentials)}
      variant="dialog"
      header={d.title}
      closeOnClickOutside={false}
      closeOnEscKey={false}
      actions={[{ text: d.done, onClick: onDone }]}
    >
      {credentials ? (
        <>
          <Text>{d.download_note}</Text>
          {FIELDS.map((key) => (
            <Flex key={key} alignItems="flex-end" flexGap="0.75rem" marginBottom="medium">
              <FlexItem flexGrow={1}>
                <Input label={d[key]} value={credentials[key]} readOnly spellCheck={false} />
              </FlexItem>
              <Box>
                <Button
                  type="button"
                  variant="secondary"
                  iconOnly={<FileCopyIcon />}
                  aria-label={d.copy}
                  onClick={() => copy(credentials[key])}
                />
              </Box>
            </Flex>
          ))}
          <Text marginBottom="none">{d.warning}</Text>
        </>
      ) : null}
    </Modal>
  );
}
