import { Tag } from 'antd';
import type { OrderState, Priority } from '../api/types';
import { VOCABULARY, type VocabularyGroup, type VocabularyValue } from '../api/vocabulary';
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

/** The colours of the vocabularies shown as tags (a value not listed is a quiet tag). */
const VOCABULARY_COLORS: { [G in VocabularyGroup]?: Partial<Record<VocabularyValue<G>, string>> } = {
  complaint_state: { draft: 'default', registered: 'gold', in_progress: 'processing', closed: 'success', unfounded: 'default', discarded: 'default' },
  consultation_state: { open: 'gold', taken_over: 'processing', answered: 'success', converted: 'purple', closed: 'default' },
  consultation_kind: { question: 'blue', information: 'cyan' },
  conduct_kind: { penalty: 'red', reward: 'green' },
  certificate_status: { valid: 'green', expiring: 'gold', expired: 'red', not_yet_valid: 'blue', revoked: 'default' },
  contract_state: { draft: 'default', active: 'green', ended: 'default', terminated: 'red', superseded: 'blue' },
};

/** The colour a value of a vocabulary is shown in (a tag of one's own that says more than the value). */
export const vocabularyColor = <G extends VocabularyGroup>(group: G, value: VocabularyValue<G> | string): string =>
  (VOCABULARY_COLORS[group] as Record<string, string> | undefined)?.[String(value)] ?? 'default';

/** Whether a name (e.g. an SLA subject kind's `<kind>_state`) is one of the server's vocabularies. */
export const isVocabularyGroup = (group: string): group is VocabularyGroup => group in VOCABULARY;

/**
 * A value of one of the server's vocabularies (a complaint's or a consultation's state, a
 * consultation's kind, a ledger entry's kind…) as a tag: named by the vocabulary, coloured by
 * its group; `data-group` and `data-value` say which.
 */
export function VocabularyTag<G extends VocabularyGroup>({ group, value, testId }: { group: G; value: VocabularyValue<G> | string; testId?: string }) {
  const { tk } = useI18n();
  const colors = VOCABULARY_COLORS[group] as Record<string, string> | undefined;
  const v = String(value);
  return (
    <Tag color={colors?.[v] ?? 'default'} data-group={group} data-value={v} data-state={group.endsWith('_state') ? v : undefined} data-testid={testId}>
      {tk(`${group}.${v}`, v)}
    </Tag>
  );
}
