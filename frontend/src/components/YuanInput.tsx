import { Input } from 'antd';
import type { InputProps } from 'antd';
import type { Rule } from 'antd/es/form';
import type { I18n } from '../i18n';
import { formatFen, yuanToFen } from '../utils/money';

/**
 * An amount of money typed in 元 (at most two decimals), kept as the text typed: the form turns
 * it into fen with `yuanToFen`, digit by digit. Every money field of the SPA is one of these,
 * checked by `yuanRules` (one message for a malformed amount).
 */
export function YuanInput(props: InputProps) {
  return <Input inputMode="decimal" prefix="¥" maxLength={12} {...props} />;
}

interface YuanRuleOptions {
  /** The field's label when an amount must be given ("请填写{label}"). */
  required?: string | false;
  /** The least amount accepted, in fen (a fine: 1 fen). */
  min?: number;
}

/** The rules of a YuanInput: given when required, a yuan amount, at least `min` fen. */
export function yuanRules(t: I18n['t'], { required, min }: YuanRuleOptions = {}): Rule[] {
  return [
    ...(required ? [{ required: true, whitespace: true, message: t('common.required', { label: required }) }] : []),
    {
      validator: async (_: unknown, value: string | undefined) => {
        if (!value?.trim()) return;
        const fen = yuanToFen(value);
        if (fen === null) throw new Error(t('common.yuanFormat'));
        if (min !== undefined && fen < min) throw new Error(t('common.yuanMin', { min: formatFen(min) }));
      },
    },
  ];
}
