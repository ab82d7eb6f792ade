// "BigCommerce API credentials": a BigDesign Modal (variant "dialog": no close button),
// mounted with the create page so its portal container is in <body> before it opens.

import { Box, Button, Flex, FlexItem, Input, Modal, Text } from '@bigcommerce/big-design';
import { FileCopyIcon } from '@bigcommerce/big-design-icons';

const FIELDS = [
  ['Client ID', 'client_id'],
  ['Client secret', 'client_secret'],
  ['Access token', 'access_token'],
];

function copy(text) {
  try {
    const p = navigator.clipboard && navigator.clipboard.writeText(text);
    if (p && typeof p.catch === 'function') p.catch(() => {});
  } catch {
    // no clipboard: nothing to do
  }
}

export function CredentialsModal({ credentials, onDone }) {
  return (
    <Modal
      isOpen={Boolean(credentials)}
      variant="dialog"
      header="BigCommerce API credentials"
      closeOnClickOutside={false}
      closeOnEscKey={false}
      actions={[{ text: 'Done', onClick: onDone }]}
    >
      {credentials ? (
        <>
          <Text>
            If you are using Chrome, Firefox, or Edge a text file containing the API token and client ID should have
            downloaded to your computer.
          </Text>
          {FIELDS.map(([label, key]) => (
            <Flex key={key} alignItems="flex-end" flexGap="0.75rem" marginBottom="medium">
              <FlexItem flexGrow={1}>
                <Input label={label} value={credentials[key]} readOnly spellCheck={false} />
              </FlexItem>
              <Box>
                <Button
                  type="button"
                  variant="secondary"
                  iconOnly={<FileCopyIcon />}
                  aria-label="Copy"
                  onClick={() => copy(credentials[key])}
                />
              </Box>
            </Flex>
          ))}
          <Text marginBottom="none">
            This is the only copy you will have access to. If you lose it, delete the account and create a new one.
          </Text>
        </>
      ) : null}
    </Modal>
  );
}
