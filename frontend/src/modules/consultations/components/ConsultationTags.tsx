import { Tag } from 'antd';
import { useI18n } from '../../../i18n';
import type { ConsultationKind, ConsultationState } from '../types';

const STATE_COLORS: Record<ConsultationState, string> = {
  open: 'gold',
  taken_over: 'processing',
  answered: 'success',
  converted: 'purple',
  closed: 'default',
};

/** A consultation's state, named by the server's vocabulary. */
export function ConsultationStateTag({ state }: { state: ConsultationState }) {
  const { tk } = useI18n();
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-state={state} data-testid="consultation-state" style={{ marginInlineEnd: 0 }}>
      {tk(`consultation_state.${state}`, state)}
    </Tag>
  );
}

/** Question (咨询) or information (售后信息). */
export function ConsultationKindTag({ kind }: { kind: ConsultationKind }) {
  const { tk } = useI18n();
  return (
    <Tag color={kind === 'question' ? 'blue' : 'cyan'} data-kind={kind} style={{ marginInlineEnd: 0 }}>
      {tk(`consultation_kind.${kind}`, kind)}
    </Tag>
  );
}
