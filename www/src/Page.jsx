// The content column of a control-panel page.

import styled from 'styled-components';

export const Page = styled.div`
  max-width: 1100px;
  margin: 0 auto;
  padding: ${({ theme }) => `${theme.spacing.xxLarge} ${theme.spacing.xxLarge} 96px`};
  box-sizing: border-box;
`;
