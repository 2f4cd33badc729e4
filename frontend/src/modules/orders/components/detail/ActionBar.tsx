import type { CSSProperties } from 'react';
import { Button, Dropdown, Flex, Spin } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import type { ActionName, Lifecycle } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { arrangeActions } from './actionOrder';

interface Props {
  /** What the user may do now, in the lifecycle's order. */
  allowed: ActionName[];
  /** The order's expected next step(s) among them (the first is the primary button). */
  next: ActionName[];
  /** The lifecycle table (the groups); the bar waits for it. */
  lifecycle: Lifecycle | null;
  onAction: (name: ActionName) => void;
  /** On a phone: a bar stuck to the bottom of the screen, the next step under the thumb. */
  sticky?: boolean;
}

const STICKY: CSSProperties = {
  position: 'sticky',
  bottom: 0,
  zIndex: 10, // under antd's dialogs and menus (1000+)
  margin: '12px -8px 0', // edge to edge over the page's 8 px padding
  padding: '8px 8px calc(8px + env(safe-area-inset-bottom))',
  background: '#fff',
  borderTop: '1px solid #f0f0f0',
  boxShadow: '0 -2px 8px rgba(0, 0, 0, 0.06)',
};

/**
 * The order's actions as a service desk offers them: the next step primary and first, the other
 * everyday steps and decisions as plain buttons, corrections under "more", cancel last in danger
 * style. `data-ready` is set once the lifecycle (the groups) is known.
 */
export function ActionBar({ allowed, next, lifecycle, onAction, sticky = false }: Props) {
  const { t, te } = useI18n();
  if (!lifecycle) {
    return (
      <div style={sticky ? STICKY : undefined} data-testid="order-actions" data-ready="false">
        <Spin size="small" />
      </div>
    );
  }
  const groups = new Map(lifecycle.actions.map((a) => [a.name, a.group]));
  const { primary, buttons, more, destructive } = arrangeActions(allowed, next, (name) => groups.get(name));
  const grow: CSSProperties | undefined = sticky ? { flex: '1 1 auto' } : undefined;

  return (
    <div style={sticky ? STICKY : undefined} data-testid="order-actions" data-ready="true">
      <Flex wrap gap={8}>
        {primary && (
          <Button type="primary" style={grow} data-testid={`action-${primary}`} data-primary="true" onClick={() => onAction(primary)}>
            {te('action', primary)}
          </Button>
        )}
        {buttons.map((name) => (
          <Button key={name} data-testid={`action-${name}`} onClick={() => onAction(name)}>
            {te('action', name)}
          </Button>
        ))}
        {more.length > 0 && (
          <Dropdown
            trigger={['click']}
            menu={{
              items: more.map((name) => ({ key: name, label: <span data-testid={`action-${name}`}>{te('action', name)}</span> })),
              onClick: ({ key }) => onAction(key as ActionName),
            }}
          >
            <Button data-testid="action-more">
              {t('detail.moreActions')} <DownOutlined />
            </Button>
          </Dropdown>
        )}
        {destructive.map((name) => (
          <Button key={name} danger data-testid={`action-${name}`} onClick={() => onAction(name)}>
            {te('action', name)}
          </Button>
        ))}
      </Flex>
    </div>
  );
}
