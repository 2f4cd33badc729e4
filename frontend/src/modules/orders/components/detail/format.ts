import { VOCABULARY } from '../../../../api/vocabulary';
import type { I18n } from '../../../../i18n';
import { formatBytes, shortHash } from '../../../evidence/lib/format';
import { formatFen } from '../../../../utils/money';
import { formatTime, looksLikeDateTime } from '../../../../utils/time';
import type { JobClassNames, QualificationProblem } from '../../../technicians/policyQueries';

/** What a value renderer needs: translations and a way to name a username. */
export interface FormatContext {
  i18n: I18n;
  nameOf: (username: string) => string;
  /** Head office's job classes and certificate types by code (the order's 工种, a plan's, what a
   * `skill_override` lacked). */
  jobClasses?: JobClassNames;
}

/** A field's label: the locale's, or for the return visit's conduct questions the server's
 * vocabulary (`visit_conduct`, see fieldLabels.ts). */
export const fieldLabel = ({ tk }: I18n, key: string) =>
  tk(`field.${key}`, key in VOCABULARY.visit_conduct ? tk(`visit_conduct.${key}`, key) : key);

/** Fields holding usernames, shown as people's names (`told`: whom the cash warning told). */
const PERSON_FIELDS = new Set(['technician', 'helpers', 'by', 'told']);
/** Ids mean nothing to a person; a name we already show through its username field. */
const hidden = (key: string) => key.endsWith('_id') || key === 'technician_name' || key === 'requisitions';

/** A priced quote line as the timeline records it (the warranty's quote actions). */
interface QuoteLine {
  kind: string;
  description?: string | null;
  component?: string | null;
  quantity_hundredths: number;
  unit_price_fen: number;
  amount_fen: number;
  charge_fen: number;
}
/** A coverage line as the timeline records it (the warranty's decision). */
interface CoverageLine {
  component?: string | null;
  result: string;
  reason: string;
  last_day?: string | null;
}
/** A part line of the parts' events (requested, issued, received, used, returned…). */
interface PartLine {
  code: string;
  name: string;
  quantity: number;
  condition?: string | null;
  amount_fen?: number | null;
}
/** A fee line as the fees' timeline records it (fees_changed: no internal cost). */
interface FeeLine {
  kind: string;
  description?: string | null;
  quantity: number;
  unit_price_fen: number;
  charge_fen: number;
  waived?: boolean;
  reason?: string | null;
  needs_approval?: string | null;
}
const isQuoteLine = (v: object): v is QuoteLine => 'kind' in v && 'amount_fen' in v;
const isFeeLine = (v: object): v is FeeLine => 'kind' in v && 'charge_fen' in v && 'quantity' in v && !('amount_fen' in v);
const isPartLine = (v: object): v is PartLine => 'code' in v && 'name' in v && 'quantity' in v && !('kind' in v);
const isCoverageLine = (v: object): v is CoverageLine => 'result' in v && 'reason' in v;

function quoteLineText(line: QuoteLine, { i18n }: FormatContext): string {
  const what = [i18n.te('quote_line_kind', line.kind), line.description, line.component].filter(Boolean).join(' ');
  const charge = line.charge_fen === line.amount_fen ? '' : ` (${i18n.t('common.charged', { amount: formatFen(line.charge_fen) })})`;
  const whole = Math.floor(line.quantity_hundredths / 100);
  const part = line.quantity_hundredths % 100;
  const quantity = part ? `${whole}.${String(part).padStart(2, '0').replace(/0$/, '')}` : String(whole);
  return `${what}: ${quantity} × ${formatFen(line.unit_price_fen)} = ${formatFen(line.amount_fen)}${charge}`;
}

function feeLineText(line: FeeLine, { i18n }: FormatContext): string {
  const what = [i18n.te('quote_line_kind', line.kind), line.description].filter(Boolean).join(' ');
  const quantity = String(Math.round(line.quantity * 100) / 100);
  const notes = [
    i18n.t('common.charged', { amount: formatFen(line.charge_fen) }),
    line.waived ? i18n.tk('field.waived', 'waived') : null,
    line.needs_approval ? i18n.te('quote_approval_reason', line.needs_approval) : null,
    line.reason ? `${fieldLabel(i18n, 'reason')}${i18n.t('common.colon')}${line.reason}` : null,
  ].filter(Boolean);
  return `${what}: ${quantity} × ${formatFen(line.unit_price_fen)} (${notes.join(i18n.t('common.listSep'))})`;
}

function partLineText(line: PartLine, { i18n }: FormatContext): string {
  const condition = line.condition ? ` (${i18n.te('return_condition', line.condition)})` : '';
  const amount = typeof line.amount_fen === 'number' ? ` · ${formatFen(line.amount_fen)}` : '';
  return `${[line.code, line.name].filter(Boolean).join(' ')} × ${line.quantity}${condition}${amount}`;
}

function coverageLineText(line: CoverageLine, { i18n }: FormatContext): string {
  const part = line.component || i18n.t('common.wholeMachine');
  const until = line.last_day ? ` · ${i18n.t('common.lastCoveredDay', { day: line.last_day })}` : '';
  return `${part}: ${i18n.te('coverage', line.result)} (${i18n.te('coverage_reason', line.reason)})${until}`;
}

/** One recorded value as text: times in Asia/Shanghai, enums and booleans translated, lists joined. */
export function formatValue(key: string, value: unknown, ctx: FormatContext): string {
  const { i18n } = ctx;
  if (value === null || value === undefined || value === '') return '-';
  if (typeof value === 'boolean') return i18n.t(value ? 'common.yes' : 'common.no');
  // Money is integer fen.
  if (key.endsWith('_fen') && typeof value === 'number') return formatFen(value);
  // Evidence: a file's fingerprint and size.
  if (key === 'sha256' && typeof value === 'string') return shortHash(value);
  if (key === 'size' && typeof value === 'number') return formatBytes(value);
  if (looksLikeDateTime(value)) return formatTime(value);
  // the order's job class, a plan's, and what a technician lacked for them (skill_override)
  const names = ctx.jobClasses;
  if (names && key === 'job_class' && typeof value === 'string') return names.jobClass(value);
  if (names && key === 'job_classes' && Array.isArray(value)) return value.map((code) => names.jobClass(String(code))).join(i18n.t('common.listSep'));
  if (names && key === 'problems' && Array.isArray(value)) return (value as QualificationProblem[]).map((p) => names.problem(p, true)).join('\n');
  if (typeof value === 'string') {
    if (PERSON_FIELDS.has(key)) return ctx.nameOf(value);
    if (key === 'quote_state' || key === 'previous_quote_state') return i18n.te('quote_state', value);
    // the fees' events: the fee sheet's state (its own vocabulary, not the order's), the budget's category
    if (key === 'fee_state' || key === 'previous_fee_state') return i18n.te('fee_state', value);
    if (key === 'budget_category') return i18n.te('budget_category', value);
    if (key === 'needs_approval') return i18n.te('quote_approval_reason', value);
    // the parts' events: the requisition's state, the approval step, a returned part's condition
    if ((key === 'to' || key === 'requisition_state') && value in VOCABULARY.requisition_state) return i18n.te('requisition_state', value);
    if (key === 'step' && value in VOCABULARY.role) return i18n.te('role', value);
    if (key === 'condition') return i18n.te('return_condition', value);
    if (key === 'state' || key.endsWith('_state')) return i18n.te('state', value);
    if (key === 'coverage' || key === 'previous_coverage' || key === 'result') return i18n.te('coverage', value);
    // a payment's method (cash, transfer…) or how a quote was confirmed (signature, phone, link)
    if (key === 'method' && value in VOCABULARY.payment_method) return i18n.te('payment_method', value);
    if (key === 'method') return i18n.tk(`confirm_method.${value}`, i18n.tk(`enum.${key}.${value}`, value));
    if (key === 'exclusion') return i18n.te('exclusion', value);
    if (key === 'approval_reasons') return i18n.te('quote_approval_reason', value);
    // The SLA clocks an action started, stopped or moved (`clocks`), or the one it names (`clock`).
    if (key === 'clock' || key === 'clocks') return i18n.te('clock', value);
    // A schema enum of this field (enum.kind.parts), else an order enum (type.repair), else as is.
    return i18n.tk(`enum.${key}.${value}`, i18n.tk(`${key}.${value}`, value));
  }
  // the parts requisitions an order's cancellation cancelled with it (their ids): how many
  if (key === 'parts_cancelled' && Array.isArray(value)) return String(value.length);
  if (Array.isArray(value)) {
    if (value.length === 0) return '-';
    // the parts of a parts event: "code name × quantity", one line each
    if (value.every((item) => item && typeof item === 'object' && isPartLine(item))) {
      return value.map((item) => partLineText(item as PartLine, ctx)).join('\n');
    }
    // the fee lines of a fees event: one line each
    if (value.every((item) => item && typeof item === 'object' && isFeeLine(item))) {
      return value.map((item) => feeLineText(item as FeeLine, ctx)).join('\n');
    }
    // a quote's or a coverage decision's lines: one line each
    if (value.every((item) => item && typeof item === 'object' && (isQuoteLine(item) || isCoverageLine(item)))) {
      return value.map((item) => (isQuoteLine(item) ? quoteLineText(item, ctx) : coverageLineText(item as CoverageLine, ctx))).join('\n');
    }
    return value.map((item) => formatValue(key, item, ctx)).join('、');
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    // A part line {name, quantity} reads best as "name × quantity".
    if (isPartLine(value)) return partLineText(value, ctx);
    if ('name' in value && 'quantity' in value) {
      const part = value as { name: unknown; quantity: unknown };
      return `${String(part.name)} × ${String(part.quantity)}`;
    }
    // what the warranty decided (coverage_decision): the summary, then its lines
    if ('coverage' in value && 'lines' in value) {
      const decided = value as { coverage: string; previous_coverage?: string | null; lines: unknown };
      const summary = decided.previous_coverage && decided.previous_coverage !== decided.coverage
        ? `${i18n.te('coverage', decided.previous_coverage)} → ${i18n.te('coverage', decided.coverage)}`
        : i18n.te('coverage', decided.coverage);
      return `${summary}\n${formatValue('lines', decided.lines, ctx)}`;
    }
    // what the acceptance settled (`fees`: the charge, how many lines, the state, the budget's
    // category): the fees' own labels first
    const label = (k: string, v: unknown) =>
      key === 'fees' ? i18n.tk(`feeEvent.${k === 'lines' && typeof v === 'number' ? 'lineCount' : k}`, fieldLabel(i18n, k)) : fieldLabel(i18n, k);
    return entries
      .filter(([k, v]) => v !== null && v !== undefined && !hidden(k))
      .map(([k, v]) => `${label(k, v)} ${formatValue(k, v, ctx)}`)
      .join('，');
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
  // the fees' events (the fee sheet's, a payment's) try their own labels first: a payment's
  // `method` is how it was paid, their `lines` are fee lines, not a quote's
  const prefix = labelPrefix === 'field' && data && ('fee_state' in data || 'payment_id' in data) ? 'feeEvent' : labelPrefix;
  return Object.entries(data ?? {})
    .filter(([key, v]) => v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0) && !hidden(key))
    .map(([key, value]) => ({
      key,
      label: ctx.i18n.tk(`${prefix}.${key}`, fieldLabel(ctx.i18n, key)),
      text: formatValue(key, value, ctx),
    }));
}
