import type { ReactNode } from 'react';
import { Form, Select } from 'antd';
import { YuanInput, yuanRules } from '../../../components/YuanInput';
import { useI18n } from '../../../i18n';
import { yuanToFen } from '../../../utils/money';
import { isMoneyPenalty, PENALTY_KINDS } from '../types';

/** Whether an entry takes an amount: a reward, a money penalty, or a penalty whose kind is not
 * chosen yet; it must have one when it is a reward or a money penalty. */
const takesAmount = (kind: string | undefined, reward: boolean) => reward || kind === undefined || isMoneyPenalty(kind);

/** The amount typed (元) in fen when the entry takes one; null: none. */
export const penaltyAmountFen = (kind: string | undefined, amount: string | undefined, reward = false): number | null =>
  takesAmount(kind, reward) && amount?.trim() ? yuanToFen(amount) : null;

interface Props {
  /** The form's `penalty_kind` as it is now. */
  kind: string | undefined;
  /** A reward (the conduct ledger): no kind, an amount. */
  reward?: boolean;
  testIds: { kind: string; amount: string };
  amountHint?: ReactNode;
}

/**
 * A penalty's kind (`penalty_kind`) and, for a money penalty (a fine, a bonus deduction) or a
 * reward, its amount in 元 (`amount`, at least 1 fen): the complaint's penalty decision and the
 * conduct ledger's entry by hand, both under the server's MONEY_PENALTIES rule.
 */
export function PenaltyFields({ kind, reward = false, testIds, amountHint }: Props) {
  const { t, tk } = useI18n();
  const needsAmount = reward || isMoneyPenalty(kind);
  return (
    <>
      {!reward && (
        <Form.Item name="penalty_kind" label={t('complaints.penaltyKind')} style={{ minWidth: 160 }} rules={[{ required: true, message: t('common.required', { label: t('complaints.penaltyKind') }) }]}>
          <Select data-testid={testIds.kind} options={PENALTY_KINDS.map((k) => ({ value: k, label: tk(`penalty_kind.${k}`, k) }))} />
        </Form.Item>
      )}
      {takesAmount(kind, reward) && (
        <Form.Item name="amount" label={t('complaints.amount')} extra={amountHint} rules={yuanRules(t, { required: needsAmount && t('complaints.amount'), min: 1 })}>
          <YuanInput style={{ width: 160 }} data-testid={testIds.amount} />
        </Form.Item>
      )}
    </>
  );
}
