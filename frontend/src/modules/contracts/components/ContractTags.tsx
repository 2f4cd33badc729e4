import { Tag } from 'antd';
import { VocabularyTag } from '../../../components/StatusTags';
import { useI18n } from '../../../i18n';
import type { ContractState, Schedule } from '../types';

/** A contract's state (草稿, 生效, 已终止, 已续签…), named by the server's vocabulary. */
export function ContractStateTag({ state }: { state: ContractState }) {
  return <VocabularyTag group="contract_state" value={state} testId="contract-state" />;
}

/** 待续签: the expiry was told and no renewal exists yet. */
export function RenewalDueTag() {
  const { t } = useI18n();
  return (
    <Tag color="orange" data-testid="contract-renewal-due">
      {t('contracts.renewalDue')}
    </Tag>
  );
}

/** The schedule in words: "每季度，每期第 1 个月 15 日，按安装地点". */
export function useScheduleText(): (schedule: Schedule) => string {
  const { t } = useI18n();
  return (s) => {
    const vars = { kind: t(`schedule_kind.${s.kind}`), day: s.day, per: t(`schedule_per.${s.per}`), month: (s.month_offset ?? 0) + 1 };
    return s.kind === 'monthly' ? t('contracts.scheduleMonthly', vars) : t('contracts.schedulePeriod', vars);
  };
}

/** `2026-01-01 – 2026-12-31`. */
export const periodText = (c: { starts_on: string; ends_on: string }) => `${c.starts_on} – ${c.ends_on}`;
