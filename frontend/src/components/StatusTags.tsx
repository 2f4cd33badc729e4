import { Tag } from 'antd';
import type { OrderState, Priority } from '../api/types';
import { useI18n } from '../i18n';

const STATE_COLORS: Record<OrderState, string> = {
  received: 'gold',
  dispatched: 'blue',
  contacted: 'cyan',
  on_site: 'geekblue',
  surveyed: 'purple',
  plan_submitted: 'magenta',
  in_repair: 'processing',
  repaired: 'lime',
  rework: 'volcano',
  accepted: 'green',
  visited: 'success',
  archived: 'default',
  on_hold: 'warning',
  cancelled: 'default',
};

export function StateTag({ state }: { state: OrderState }) {
  const { te } = useI18n();
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-state={state}>
      {te('state', state)}
    </Tag>
  );
}

/** Urgent is red; general is a quiet tag. */
export function PriorityTag({ priority }: { priority: Priority }) {
  const { te } = useI18n();
  return (
    <Tag color={priority === 'urgent' ? 'red' : 'default'} data-priority={priority}>
      {te('priority', priority)}
    </Tag>
  );
}
