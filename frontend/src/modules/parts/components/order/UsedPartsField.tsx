import { Form, InputNumber, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError } from '../../../../api/client';
import type { components } from '../../../../api/schema';
import type { WorkOrderDetail } from '../../../../api/types';
import { useI18n } from '../../../../i18n';

/** A completion line as the `complete` action sends it. */
export type UsedPart = components['schemas']['StepCompletion']['parts_replaced'][number];

/** A part the repair may have used: issued to the order (less what came back), or a manager's exception. */
interface Usable {
  key: string;
  code: string | null;
  name: string;
  unit: string | null;
  max: number;
  exception: boolean;
}

/** The parts the technician marks used at completion; none: the order keeps the free text. */
export function usableParts(order: WorkOrderDetail): Usable[] {
  const parts = order.parts;
  const issued: Usable[] = parts.lines
    .filter((l) => l.issued > 0)
    .map((l) => ({ key: l.code, code: l.code, name: l.name, unit: l.unit, max: Math.max(0, l.issued - l.returned - l.defective), exception: false }));
  const exceptions: Usable[] = parts.exceptions.map((e) => ({ key: `exc-${e.id}`, code: e.code ?? null, name: e.name, unit: null, max: e.quantity, exception: true }));
  return [...issued, ...exceptions];
}

/** Whether the completion lists the issued parts instead of free text. */
export const usesIssuedParts = (order: WorkOrderDetail) => order.parts.lines.some((l) => l.issued > 0);

const same = (u: Usable, p: UsedPart) => (u.code ? p.code === u.code : !p.code && p.name === u.name);

interface ControlProps {
  usable: Usable[];
  value?: UsedPart[];
  onChange?: (value: UsedPart[]) => void;
}

/** Each part with a "used" quantity (0 up to what is still out); the value holds the used ones. */
function UsedPartsControl({ usable, value = [], onChange }: ControlProps) {
  const { t } = useI18n();
  const quantityOf = (u: Usable) => value.find((p) => same(u, p))?.quantity ?? 0;
  const set = (u: Usable, quantity: number) => {
    const others = value.filter((p) => !same(u, p));
    onChange?.(quantity > 0 ? [...others, { name: u.name, ...(u.code ? { code: u.code } : {}), quantity }] : others);
  };
  return (
    <div data-testid="used-parts">
      {usable.map((u) => {
        const used = quantityOf(u);
        return (
          <div key={u.key} data-testid={`used-part-${u.code ?? u.key}`} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
            <div style={{ flex: '1 1 160px', minWidth: 0, wordBreak: 'break-word' }}>
              {u.code && <Typography.Text strong>{u.code} </Typography.Text>}
              {u.name}
              {u.exception && <Tag style={{ marginInlineStart: 6 }}>{t('partsUsed.exception')}</Tag>}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('partsUsed.out', { quantity: u.max })}
                  {u.max - used > 0 && !u.exception ? ` · ${t('partsUsed.toReturn', { quantity: u.max - used })}` : ''}
                </Typography.Text>
              </div>
            </div>
            <label style={{ whiteSpace: 'nowrap' }}>
              {t('partsUsed.used')}{' '}
              <InputNumber
                min={0}
                max={u.max}
                precision={0}
                value={used}
                onChange={(v) => set(u, Math.max(0, Math.min(u.max, v ?? 0)))}
                style={{ width: 80 }}
                data-testid={`used-quantity-${u.code ?? u.key}`}
              />
            </label>
          </div>
        );
      })}
    </div>
  );
}

/**
 * The completion's 更换配件 when parts were issued to the order: each issued part (and each
 * manager's exception) with how many the repair used; the rest goes back to the keeper. Sent as
 * `parts_replaced: [{name, code, quantity}]` for the used ones.
 */
export function UsedPartsField({ order, label }: { order: WorkOrderDetail; label: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name="parts_replaced" label={label} extra={t('partsUsed.hint')} data-testid="field-parts_replaced">
      <UsedPartsControl usable={usableParts(order)} />
    </Form.Item>
  );
}

/** A 409 `part_not_issued`: said on the parts field, naming the lines. True when it was one. */
export function showPartNotIssued(form: FormInstance, err: unknown, text: string): boolean {
  if (!(err instanceof ApiError) || err.code !== 'part_not_issued') return false;
  const lines = Object.values(err.fields);
  form.setFields([{ name: ['parts_replaced'], errors: [text, ...lines] }]);
  form.scrollToField(['parts_replaced']);
  return true;
}
