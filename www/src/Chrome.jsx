// Control-panel chrome (dark top bar, left sidebar, sticky footer), the theme, and the
// /manage/shell page whose content is <iframe name="cp-iframe">. Plain styled divs plus
// BigDesign icons: only the page content is meant to be BigDesign widgets.

import {
  AssignmentIcon, BaselineHelpIcon, ExpandMoreIcon, HomeIcon, InsertChartIcon, LanguageIcon, LightbulbIcon,
  NotificationsIcon, OpenInNewIcon, ProductsIcon, ReceiptIcon, SearchIcon, SettingsIcon, StoreIcon,
  StorefrontIcon, WindowExpandIcon,
} from '@bigcommerce/big-design-icons';
import { GlobalStyles } from '@bigcommerce/big-design';
import { theme } from '@bigcommerce/big-design-theme';
import styled, { ThemeProvider } from 'styled-components';
import { CREATE_PATH } from './config.js';

const TOP = 56;
const SIDE = 240;
const NAVY = '#020c2a';

export function Themed({ children }) {
  return (
    <ThemeProvider theme={theme}>
      <GlobalStyles />
      {children}
    </ThemeProvider>
  );
}

const Bar = styled.header`
  position: fixed; top: 0; left: 0; right: 0; height: ${TOP}px; z-index: ${({ theme: t }) => t.zIndex.fixed};
  display: flex; align-items: center; background: ${NAVY}; color: #fff;
  border-bottom: 1px solid #1c2745; box-sizing: border-box;
`;
const Logo = styled.div`
  width: 56px; height: ${TOP}px; display: flex; align-items: center; justify-content: center;
  font: 900 22px/1 Arial, sans-serif; letter-spacing: -1px;
  span { background: #fff; color: ${NAVY}; border-radius: 3px 10px 3px 3px; padding: 3px 5px 2px; }
`;
const StorePicker = styled.div`
  width: ${SIDE - 56}px; height: ${TOP}px; display: flex; align-items: center; justify-content: space-between;
  padding: 0 16px; box-sizing: border-box; border-right: 1px solid #1c2745; color: #c9cfdf; font-size: 14px;
`;
const SearchBox = styled.div`
  flex: 0 1 470px; margin: 0 auto; height: 36px; border-radius: 4px; background: #2b344d; color: #c9cfdf;
  display: flex; align-items: center; gap: 8px; padding: 0 12px; font-size: 15px; white-space: nowrap; overflow: hidden;
`;
const Tools = styled.div`
  display: flex; align-items: center; gap: 18px; padding: 0 16px; height: 100%;
  > span:last-child { border-left: 1px solid #1c2745; padding-left: 18px; height: 100%; display: flex; align-items: center; gap: 6px; font-size: 15px; }
`;
const Side = styled.nav`
  position: fixed; top: ${TOP}px; bottom: 0; left: 0; width: ${SIDE}px; z-index: ${({ theme: t }) => t.zIndex.fixed};
  background: ${NAVY}; color: #fff; padding: 8px; box-sizing: border-box; overflow-y: auto;
  ul { list-style: none; margin: 0; padding: 0; }
`;
const Item = styled.li`
  display: flex; align-items: center; gap: 12px; height: 40px; padding: 0 10px; margin-bottom: 2px;
  border-radius: 4px; font-size: 15px; cursor: pointer; color: #fff;
  background: ${({ $active }) => ($active ? '#2f3953' : 'transparent')};
  > span { flex: 1; }
  svg { color: #dfe3ee; }
`;
const Main = styled.main`
  padding: ${({ $embedded }) => ($embedded ? '0' : `${TOP}px 0 0 ${SIDE}px`)};
  min-height: 100vh; box-sizing: border-box; background: ${({ theme: t }) => t.colors.secondary10};
`;
const Footer = styled.div`
  position: fixed; bottom: 0; right: 0; left: ${({ $embedded }) => ($embedded ? 0 : SIDE)}px;
  z-index: ${({ theme: t }) => t.zIndex.sticky}; display: flex; justify-content: flex-end; gap: 8px;
  padding: 12px 32px; background: #fff; box-shadow: 0 -1px 0 ${({ theme: t }) => t.colors.secondary30};
`;

const NAV = [
  [HomeIcon, 'Home'], [AssignmentIcon, 'Orders', true], [ProductsIcon, 'Products', true],
  [StoreIcon, 'Customers', true], [StorefrontIcon, 'Storefront', true], [LightbulbIcon, 'Marketing', true],
  [InsertChartIcon, 'Analytics', true], [WindowExpandIcon, 'Apps', true], [LanguageIcon, 'Channels'],
  [ReceiptIcon, 'Financing'], [SettingsIcon, 'Settings'],
];

const same = (s) => s;

function TopBar({ storeHash, tr }) {
  return (
    <Bar>
      <Logo aria-label="BigCommerce"><span>B</span></Logo>
      <StorePicker>
        <span>store-{storeHash}</span>
        <ExpandMoreIcon size="large" />
      </StorePicker>
      <SearchBox><SearchIcon size="large" />{tr('Search products, orders, customers, or navigate to')}</SearchBox>
      <Tools>
        <BaselineHelpIcon size="large" />
        <NotificationsIcon size="large" />
        <span>{`${tr('View storefront')} `}<OpenInNewIcon size="medium" /></span>
      </Tools>
    </Bar>
  );
}

function SideBar({ tr }) {
  return (
    <Side aria-label="Main navigation">
      <ul>
        {NAV.map(([Icon, text, more]) => (
          <Item key={text} $active={text === 'Settings'} aria-current={text === 'Settings' ? 'page' : undefined}>
            <Icon size="large" />
            <span>{tr(text)}</span>
            {more ? <ExpandMoreIcon size="large" /> : null}
          </Item>
        ))}
      </ul>
    </Side>
  );
}

/**
 * The page frame: chrome unless embedded; `footer` is pinned to the bottom right. `chrome`
 * translates the chrome's own words (the packs do not cover them: only lang=pseudo does).
 */
export function Frame({ embedded, storeHash, chrome = same, footer, children }) {
  return (
    <>
      {embedded ? null : <TopBar storeHash={storeHash} tr={chrome} />}
      {embedded ? null : <SideBar tr={chrome} />}
      <Main $embedded={embedded}>{children}</Main>
      {footer ? <Footer $embedded={embedded}>{footer}</Footer> : null}
    </>
  );
}

const ContentFrame = styled.iframe`
  display: block; border: 0; width: 100%; height: calc(100vh - ${TOP}px);
`;

/** /manage/shell: the control panel with the API-accounts page in a same-origin iframe. */
export function Shell({ config }) {
  const params = new URLSearchParams(window.location.search);
  params.set('embedded', '1');
  return (
    <Themed>
      <Frame embedded={false} storeHash={config.storeHash} chrome={config.chrome}>
        <ContentFrame name="cp-iframe" title="Control panel content" src={`${CREATE_PATH}?${params}`} />
      </Frame>
    </Themed>
  );
}
