// "Store-level API accounts": the list the SPA starts on (late=, or the list URL).

import { Box, Button, Flex, FlexItem, H1, Link, Table, Text } from '@bigcommerce/big-design';
import { AddIcon, ArrowBackIcon } from '@bigcommerce/big-design-icons';
import { Page } from './Page.jsx';

const columns = (p) => [
  { header: p.column_account_name, hash: 'name', render: ({ name }) => name },
  { header: p.column_scopes, hash: 'scopes', render: ({ scopes }) => scopes },
  { header: p.column_webhooks, hash: 'webhooks', render: ({ webhooks }) => webhooks },
];

export function ListPage({ t, onCreate }) {
  const { page: p } = t;
  return (
    <Page>
      <Text color="secondary60" marginBottom="xxSmall">
        <ArrowBackIcon size="medium" />{` ${p.settings}`}
      </Text>
      <Flex alignItems="flex-start" justifyContent="space-between" flexGap="2rem" marginBottom="xLarge">
        <FlexItem flexShrink={1}>
          <H1>{p.list_title}</H1>
          <Text color="secondary60">{p.list_intro}</Text>
        </FlexItem>
        <Box marginTop="medium">
          <Button iconLeft={<AddIcon />} onClick={onCreate}>{p.create_api_account}</Button>
        </Box>
      </Flex>
      <Table
        columns={columns(p)}
        items={[]}
        stickyHeader={false}
        emptyComponent={
          <Box backgroundColor="white" padding="xLarge">
            <Text>{p.no_accounts}</Text>
            <Text color="secondary60" marginBottom="none">
              {`${p.legacy_question} `}<Link href="#legacy">{p.legacy_link}</Link>
            </Text>
          </Box>
        }
      />
    </Page>
  );
}
