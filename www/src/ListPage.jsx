// "Store-level API accounts": the list the SPA starts on (late=, or the list URL).

import { Box, Button, Flex, FlexItem, H1, Link, Table, Text } from '@bigcommerce/big-design';
import { AddIcon, ArrowBackIcon } from '@bigcommerce/big-design-icons';
import { Page } from './Page.jsx';

const COLUMNS = [
  { header: 'Account name', hash: 'name', render: ({ name }) => name },
  { header: 'Scopes', hash: 'scopes', render: ({ scopes }) => scopes },
  { header: 'Active webhooks', hash: 'webhooks', render: ({ webhooks }) => webhooks },
];

export function ListPage({ onCreate }) {
  return (
    <Page>
      <Text color="secondary60" marginBottom="xxSmall">
        <ArrowBackIcon size="medium" /> Settings
      </Text>
      <Flex alignItems="flex-start" justifyContent="space-between" flexGap="2rem" marginBottom="xLarge">
        <FlexItem flexShrink={1}>
          <H1>Store-level API accounts</H1>
          <Text color="secondary60">
            View and manage Store-level API accounts, which are used to connect to BigCommerce&apos;s Admin API and
            Stencil CLI. See details of webhooks associated with Store-level API accounts.
          </Text>
        </FlexItem>
        <Box marginTop="medium">
          <Button iconLeft={<AddIcon />} onClick={onCreate}>Create API account</Button>
        </Box>
      </Flex>
      <Table
        columns={COLUMNS}
        items={[]}
        stickyHeader={false}
        emptyComponent={
          <Box backgroundColor="white" padding="xLarge">
            <Text>No accounts were found.</Text>
            <Text color="secondary60" marginBottom="none">
              Looking for legacy API accounts? <Link href="#legacy">Store-level API accounts (legacy)</Link>
            </Text>
          </Box>
        }
      />
    </Page>
  );
}
