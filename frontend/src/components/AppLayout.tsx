import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Drawer, Dropdown, Layout, Menu, Space, Spin, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  AlertOutlined,
  BellOutlined,
  CalendarOutlined,
  DashboardOutlined,
  ExportOutlined,
  FileTextOutlined,
  FileAddOutlined,
  LogoutOutlined,
  MenuOutlined,
  ProfileOutlined,
  SafetyOutlined,
  SettingOutlined,
  ToolOutlined,
} from '@ant-design/icons';
import { logout } from '../api/client';
import { useMe } from '../api/session';
import { menuKeys, type MenuKey } from '../access';
import { useI18n, type MessageKey } from '../i18n';
import { useIsMobile } from '../utils/useIsMobile';
import { InboxBell } from './InboxBell';
import { LangSwitch } from './LangSwitch';
import { SECURITY_PATH } from './RouteGuards';
import { UploadQueueBadge } from './UploadQueueBadge';

const MENU: Record<MenuKey, { path: string; label: MessageKey; icon: JSX.Element }> = {
  myJobs: { path: '/my-jobs', label: 'menu.myJobs', icon: <ToolOutlined /> },
  workOrders: { path: '/work-orders', label: 'menu.workOrders', icon: <ProfileOutlined /> },
  newOrder: { path: '/work-orders/new', label: 'menu.newOrder', icon: <FileAddOutlined /> },
  atRisk: { path: '/sla/at-risk', label: 'menu.atRisk', icon: <AlertOutlined /> },
  dashboard: { path: '/dashboard', label: 'menu.dashboard', icon: <DashboardOutlined /> },
  monthlyReports: { path: '/monthly-reports', label: 'menu.monthlyReports', icon: <FileTextOutlined /> },
  exports: { path: '/exports', label: 'menu.exports', icon: <ExportOutlined /> },
  notifications: { path: '/notifications', label: 'menu.notifications', icon: <BellOutlined /> },
  policy: { path: '/sla/policy', label: 'menu.policy', icon: <SettingOutlined /> },
  calendar: { path: '/sla/calendar', label: 'menu.calendar', icon: <CalendarOutlined /> },
};

function selectedKey(pathname: string): MenuKey | undefined {
  if (pathname.startsWith('/my-jobs')) return 'myJobs';
  if (pathname === '/work-orders/new') return 'newOrder';
  if (pathname.startsWith('/work-orders')) return 'workOrders';
  if (pathname.startsWith('/sla/at-risk')) return 'atRisk';
  if (pathname.startsWith('/dashboard')) return 'dashboard';
  if (pathname.startsWith('/monthly-reports')) return 'monthlyReports';
  if (pathname.startsWith('/exports')) return 'exports';
  if (pathname.startsWith('/notifications')) return 'notifications';
  if (pathname.startsWith('/sla/policy')) return 'policy';
  if (pathname.startsWith('/sla/calendar')) return 'calendar';
  return undefined;
}

/** The frame of every logged-in page: side menu (a drawer on phones) and the header. */
export function AppLayout() {
  const me = useMe();
  const { t, te, lang } = useI18n();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const location = useLocation();
  const [drawerOpen, setDrawerOpen] = useState(false);

  const items: MenuProps['items'] = menuKeys(me.role).map((key) => ({
    key,
    icon: MENU[key].icon,
    label: t(MENU[key].label),
    'data-testid': `menu-${key}`,
  }));
  const current = selectedKey(location.pathname);
  // The user menu (click the name): account security, for everyone.
  const security = { key: 'security', icon: <SafetyOutlined />, label: t('menu.security'), 'data-testid': 'user-menu-security' };
  const userMenu: MenuProps = { items: [security], onClick: () => navigate(SECURITY_PATH) };
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={current ? [current] : []}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(MENU[key as MenuKey].path);
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
            <UploadQueueBadge />
            <InboxBell />
            <LangSwitch />
            <Button type="text" icon={<LogoutOutlined />} data-testid="logout" onClick={() => void logout()} aria-label={t('header.logout')}>
              {isMobile ? null : t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: isMobile ? 8 : 24, minWidth: 0 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
