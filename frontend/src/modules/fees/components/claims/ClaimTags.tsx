import { Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useI18n, type I18n } from '../../../../i18n';
import type { Claim, ClaimFlag, ClaimLineCategory, ClaimState, TransportMode } from '../../types';

const STATE_COLORS: Record<ClaimState, string> = { draft: 'default', submitted: 'gold', manager_approved: 'processing', approved: 'green', rejected: 'red' };

/** The names of a claim's vocabularies (the server's: one source for the screens, the exports and the mails). */
export function useClaimNames() {
  const { t, tk } = useI18n();
  return {
    state: (s: ClaimState) => t(`claim_state.${s}`),
    category: (c: ClaimLineCategory) => t(`claim_line_category.${c}`),
    mode: (m: TransportMode) => t(`transport_mode.${m}`),
    flag: (f: ClaimFlag) => t(`claim_flag.${f}`),
    event: (a: string) => tk(`event.${a}`, a),
  };
}

/**
 * A claim's state (草稿 … 已批准 / 已驳回). A manager's own claim skips the manager's step: submitted,
 * it waits for head office (`waits_for`), so it reads as the state that waits for head office.
 */
export function ClaimStateTag({ state, waitsFor }: { state: ClaimState; waitsFor?: Claim['waits_for'] }) {
  const names = useClaimNames();
  const shown: ClaimState = state === 'submitted' && waitsFor === 'head_office' ? 'manager_approved' : state;
  return (
    <Tag color={STATE_COLORS[shown] ?? 'default'} data-testid="claim-state" data-state={state} style={{ marginInlineEnd: 0 }}>
      {names.state(shown)}
    </Tag>
  );
}

/** 逾期提交: submitted more than 3 working days after the return (with the due date, when known). */
export function LateTag({ due }: { due?: string | null }) {
  const { t } = useI18n();
  const tag = (
    <Tag color="volcano" icon={<ClockCircleOutlined />} data-testid="claim-late" style={{ marginInlineEnd: 0 }}>
      {t('claims.late')}
    </Tag>
  );
  return due ? <Tooltip title={t('claims.lateHint', { date: due })}>{tag}</Tooltip> : tag;
}

/** 异常: a line dated outside its orders' window. */
export function FlaggedTag() {
  const { t } = useI18n();
  return (
    <Tooltip title={t('claims.flaggedHint')}>
      <Tag color="orange" icon={<WarningOutlined />} data-testid="claim-flagged" style={{ marginInlineEnd: 0 }}>
        {t('claims.flagged')}
      </Tag>
    </Tooltip>
  );
}

/**
 * A line's flag (不在关联工单的派工至完工期间; 凭证已在其他报销单中报销, with the other claims' numbers),
 * named by the server's vocabulary.
 */
export function LineFlagTag({ flag, others }: { flag: ClaimFlag; others?: string[] | null }) {
  const names = useClaimNames();
  return (
    <Tag color="orange" icon={<WarningOutlined />} data-testid="claim-line-flag" data-flag={flag} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
      {names.flag(flag)}
      {others?.length ? ` (${others.join(', ')})` : ''}
    </Tag>
  );
}

/** A linked order's dispatch-to-completion dates, in a line. */
export const orderWindow = (t: I18n['t'], o: Claim['orders'][number]) =>
  !o.window
    ? o.number
    : o.window.to
      ? t('claims.orderWindow', { number: o.number, from: o.window.from, to: o.window.to })
      : t('claims.orderWindowOpen', { number: o.number, from: o.window.from });
