import type { I18n } from '../../../../i18n';
import { formatBytes, shortHash } from '../../../evidence/lib/format';
import { formatTime, looksLikeDateTime } from '../../../../utils/time';

/** What a value renderer needs: translations and a way to name a username. */
export interface FormatContext {
  i18n: I18n;
  nameOf: (username: string) => string;
}

export const fieldLabel = ({ tk }: I18n, key: string) => tk(`field.${key}`, key);

/** Fields holding usernames, shown as people's names. */
const PERSON_FIELDS = new Set(['technician', 'helpers', 'by']);
/** Ids mean nothing to a person; a name we already show through its username field. */
const hidden = (key: string) => key.endsWith('_id') || key === 'technician_name';

/** One recorded value as text: times in Asia/Shanghai, enums and booleans translated, lists joined. */
export function formatValue(key: string, value: unknown, ctx: FormatContext): string {
  const { i18n } = ctx;
  if (value === null || value === undefined || value === '') return '-';
  if (typeof value === 'boolean') return i18n.t(value ? 'common.yes' : 'common.no');
  // Evidence: a file's fingerprint and size.
  if (key === 'sha256' && typeof value === 'string') return shortHash(value);
  if (key === 'size' && typeof value === 'number') return formatBytes(value);
  if (looksLikeDateTime(value)) return formatTime(value);
  if (typeof value === 'string') {
    if (PERSON_FIELDS.has(key)) return ctx.nameOf(value);
    if (key === 'state' || key.endsWith('_state')) return i18n.te('state', value);
    // The SLA clocks an action started, stopped or moved (`clocks`), or the one it names (`clock`).
    if (key === 'clock' || key === 'clocks') return i18n.te('clock', value);
    // A schema enum of this field (enum.kind.parts), else an order enum (type.repair), else as is.
    return i18n.tk(`enum.${key}.${value}`, i18n.tk(`${key}.${value}`, value));
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return '-';
    return value.map((item) => formatValue(key, item, ctx)).join('、');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    // A part line {name, quantity} reads best as "name × quantity".
    if ('name' in value && 'quantity' in value) {
      const part = value as { name: unknown; quantity: unknown };
      return `${String(part.name)} × ${String(part.quantity)}`;
    }
    return entries.map(([k, v]) => `${fieldLabel(i18n, k)} ${formatValue(k, v, ctx)}`).join('，');
  }
  return String(value);
}

/**
 * The entries of a step's or an event's data, in the order recorded, as label/text pairs.
 * `labelPrefix` names the dictionary
 * group to try first (the creation event's data are order fields: `wo.channel`, not the return
 * visit's `field.channel`).
 */
export function dataEntries(data: Record<string, unknown> | null | undefined, ctx: FormatContext, labelPrefix = 'field') {
  return Object.entries(data ?? {})
    .filter(([key, v]) => v !== null && v !== undefined && v !== '' && !hidden(key))
    .map(([key, value]) => ({
      key,
      label: ctx.i18n.tk(`${labelPrefix}.${key}`, fieldLabel(ctx.i18n, key)),
      text: formatValue(key, value, ctx),
    }));
}
