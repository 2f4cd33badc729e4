import type { WorkOrder } from '../../../../api/types';
import type { MessageKey } from '../../../../i18n';
import { formatValue, type FormatContext } from './format';

export interface Change {
  key: string;
  label: string;
  before: string;
  after: string;
}

type Compared = { key: keyof WorkOrder; label: MessageKey; show?: (order: WorkOrder) => unknown };

// The fields a person would notice, in the order of the detail page.
const COMPARED: Compared[] = [
  { key: 'state', label: 'wo.state' },
  { key: 'priority', label: 'wo.priority' },
  { key: 'type', label: 'wo.type' },
  { key: 'channel', label: 'wo.channel' },
  { key: 'coverage', label: 'wo.coverage' },
  { key: 'technician', label: 'wo.technician', show: (o) => o.technician_name ?? o.technician },
  { key: 'helpers', label: 'wo.helpers' },
  { key: 'site_id', label: 'wo.site', show: (o) => o.site_name },
  { key: 'equipment_id', label: 'wo.equipment', show: (o) => o.equipment_label },
  { key: 'description', label: 'wo.description' },
  { key: 'impact', label: 'wo.impact' },
  { key: 'hold', label: 'wo.hold', show: (o) => o.hold?.reason },
  { key: 'cancel_reason', label: 'wo.cancel_reason' },
  { key: 'distance_km', label: 'wo.distance' },
  { key: 'contact', label: 'step.contact' },
  { key: 'arrival', label: 'step.arrival' },
  { key: 'survey', label: 'step.survey' },
  { key: 'plan', label: 'step.plan' },
  { key: 'approval', label: 'step.approval' },
  { key: 'completion', label: 'step.completion' },
  { key: 'acceptance', label: 'step.acceptance' },
  { key: 'return_visit', label: 'step.return_visit' },
];

const ENUM_GROUPS: Partial<Record<keyof WorkOrder, 'state' | 'priority' | 'type' | 'channel' | 'coverage'>> = {
  state: 'state',
  priority: 'priority',
  type: 'type',
  channel: 'channel',
  coverage: 'coverage',
};

/** What differs between the order the user was looking at and the order as it is now. */
export function diffOrders(before: WorkOrder, after: WorkOrder, ctx: FormatContext): Change[] {
  const text = (order: WorkOrder, c: Compared): string => {
    const value = c.show ? c.show(order) : order[c.key];
    const group = ENUM_GROUPS[c.key];
    if (group && typeof value === 'string') return ctx.i18n.te(group, value);
    return formatValue(String(c.key), value, ctx);
  };
  return COMPARED.filter((c) => JSON.stringify(before[c.key] ?? null) !== JSON.stringify(after[c.key] ?? null)).map((c) => ({
    key: String(c.key),
    label: ctx.i18n.t(c.label),
    before: text(before, c),
    after: text(after, c),
  }));
}
