import { Fragment, Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Drawer, Dropdown, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { logout } from '../api/client';
import { useMe } from '../api/session';
import { useCan } from '../access';
import { useI18n } from '../i18n';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { LangSwitch } from '../components/LangSwitch';
import { useIsMobile } from '../utils/useIsMobile';
import { AREAS } from '../modules';
import { visible, type AreaMenuItem } from './area';

const MENU = AREAS.flatMap((area) => area.menu ?? []);
const USER_MENU = AREAS.flatMap((area) => area.userMenu ?? []);
const HEADER = AREAS.flatMap((area) => area.header ?? []);

/** The entry of the page shown: the one whose path is the longest prefix of the URL. */
function selectedKey(entries: AreaMenuItem[], pathname: string): string | undefined {
  const matches = entries.filter((entry) => pathname === entry.path || pathname.startsWith(`${entry.path}/`));
  return matches.sort((a, b) => b.path.length - a.path.length)[0]?.key;
}

/** The frame of every logged-in page: side menu (a drawer on phones) and the header. */
export function AppLayout() {
  const me = useMe();
  const can = useCan();
  const { t, te, lang } = useI18n();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);

  // The side menu and the user menu (click the name): every area's entries this user may open.
  const entries = visible(MENU, can);
  const items: MenuProps['items'] = entries.map((entry) => ({
    key: entry.key,
    icon: entry.icon,
    label: t(entry.label),
    'data-testid': `menu-${entry.key}`,
  }));
  const current = selectedKey(entries, location.pathname);
  const userEntries = visible(USER_MENU, can);
  const userMenu: MenuProps = {
    items: userEntries.map((entry) => ({ key: entry.key, icon: entry.icon, label: t(entry.label), 'data-testid': `user-menu-${entry.key}` })),
    onClick: ({ key }) => navigate(userEntries.find((entry) => entry.key === key)!.path),
  };
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={current ? [current] : []}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(entries.find((entry) => entry.key === key)!.path);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
  const roleAndOutlet = (
    <>
      <Tag color="blue" data-testid="user-role">
        {te('role', me.role)}
      </Tag>
      <Typography.Text type="secondary" data-testid="user-outlet">
        {lang === 'en-US' ? me.outlet_name_en || me.outlet_name : me.outlet_name}
      </Typography.Text>
    </>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isMobile && (
        <Layout.Sider theme="light" width={200} breakpoint="lg" collapsedWidth={64} style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <div style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
          </div>
          {menu}
        </Layout.Sider>
      )}
      <Drawer
        placement="left"
        width={240}
        open={isMobile && drawerOpen}
        onClose={() => setDrawerOpen(false)}
        title={t('app.name')}
        styles={{ body: { padding: 0 } }}
      >
        <div style={{ padding: '12px 16px' }}>{roleAndOutlet}</div>
        {menu}
      </Drawer>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: isMobile ? '0 8px' : '0 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 8,
            borderBottom: '1px solid #f0f0f0',
            height: 56,
            lineHeight: 'normal',
          }}
        >
          <Space size={4}>
            {isMobile && (
              <Button type="text" icon={<MenuOutlined />} aria-label={t('menu.open')} data-testid="menu-toggle" onClick={() => setDrawerOpen(true)} />
            )}
            {isMobile && <Typography.Text strong>{t('app.name')}</Typography.Text>}
          </Space>
          <Space size={isMobile ? 0 : 8} align="center" style={{ minWidth: 0 }}>
            <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
              <Button type="text" size="small" data-testid="user-menu" style={{ paddingInline: 4, minWidth: 0 }}>
                <Typography.Text strong data-testid="user-name" ellipsis style={{ maxWidth: isMobile ? 96 : 200 }}>
                  {me.name}
                </Typography.Text>
              </Button>
            </Dropdown>
            {!isMobile && roleAndOutlet}
            {visible(HEADER, can).map((item) => (
              <Fragment key={item.key}>{item.element}</Fragment>
            ))}
            <LangSwitch />
            <Button type="text" icon={<LogoutOutlined />} data-testid="logout" onClick={() => void logout()} aria-label={t('header.logout')}>
              {isMobile ? null : t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: isMobile ? 8 : 24, minWidth: 0 }}>
          <ErrorBoundary resetKey={location.pathname} testId="page-error">
            <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
