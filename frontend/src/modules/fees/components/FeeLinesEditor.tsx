import { useState } from 'react';
import { App, AutoComplete, Button, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { WorkOrderDetail } from '../../../api/types';
import { formSheet } from '../../../components/formSheet';
import { YuanInput, yuanRules } from '../../../components/YuanInput';
import { useI18n } from '../../../i18n';
import { isStaleVersion, useFormErrorHandler } from '../../../utils/errors';
import { fenToYuan, formatFen, yuanToFen } from '../../../utils/money';
import { useIsMobile } from '../../../utils/useIsMobile';
import { PartPicker } from '../../parts/components/PartPicker';
import { failedComponents } from '../../warranty/components/coverage/failedComponents';
import { rereadFees, useSaveFeeSheet } from '../queries';
import { FEE_LINE_KINDS, LIMITS, type FeeLine, type FeeLineInput, type FeeSheet, type QuoteLineKind } from '../types';

/** A line as the editor holds it: the price as typed, in 元 (empty: the list price). */
interface EditorLine {
  kind: QuoteLineKind;
  description?: string;
  component?: string;
  part_code?: string;
  quantity: number | null;
  unit_price?: string;
  waived?: boolean;
  reason?: string;
  /** The line as the server last priced it (for its list price hint), if any. */
  list_price_fen?: number;
}

interface Values {
  lines: EditorLine[];
}

const MAX_LINES = 50;

const toEditor = (line: FeeLine): EditorLine => ({
  kind: line.kind,
  description: line.description ?? undefined,
  component: line.component ?? undefined,
  part_code: line.part_code ?? undefined,
  quantity: line.quantity,
  unit_price: fenToYuan(line.unit_price_fen),
  waived: line.waived,
  reason: line.reason ?? undefined,
  list_price_fen: line.list_price_fen,
});

/** The lines as the PUT sends them; the server prices them and computes every total. */
function toInput(values: Values): FeeLineInput[] {
  return values.lines.map((l) => {
    const price = l.unit_price?.trim() ? yuanToFen(l.unit_price) : null;
    return {
      kind: l.kind,
      ...(l.description?.trim() && { description: l.description.trim() }),
      ...(l.component?.trim() && { component: l.component.trim() }),
      ...(l.kind === 'part' && l.part_code && { part_code: l.part_code }),
      quantity: l.quantity ?? 0,
      ...(price !== null && { unit_price_fen: price }),
      ...(l.waived && { waived: true }),
      ...(l.reason?.trim() && { reason: l.reason.trim() }),
    };
  });
}

interface Props {
  order: WorkOrderDetail;
  /** The sheet as shown when the editor opened: its lines are the form's values and its
   * version is the one sent (a read meanwhile does not move it: a change by someone else is
   * then refused as stale, never overwritten). */
  sheet: FeeSheet;
  onClose: () => void;
}

/**
 * Editing the fee lines: kind, what, component, quantity, unit price in 元 (empty: the list
 * price), waived, and the reason a line differs from the confirmed quote (the server says which
 * line needs one: its message lands on that line's reason), and a part line's catalogue part
 * (its code: the server prices it from the catalogue and names it when unknown). Saved on the
 * version of the sheet as it was when the editor opened, whatever was read since.
 */
export function FeeLinesEditor({ order, sheet, onClose }: Props) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useSaveFeeSheet(order.id);
  const handleError = useFormErrorHandler();
  const components = failedComponents(order).map((c) => ({ value: c }));
  // the sheet as it opened: its version goes with these values (never a later read's)
  const [seen] = useState(sheet);

  const submit = async (values: Values) => {
    try {
      await save.mutateAsync({ version: seen.version, lines: toInput(values) });
      void message.success(t('fees.saved'));
      onClose();
    } catch (err) {
      if (isStaleVersion(err)) {
        void message.warning(t('fees.stale'));
        void rereadFees(client, order.id);
        onClose();
        return;
      }
      handleError(form, err);
    }
  };

  return (
    <Modal
      open
      title={t('fees.editTitle', { number: order.number })}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'fee-form-submit' } as ButtonProps}
      {...formSheet(isMobile, 860, 'fee-form')}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ lines: seen.lines.map(toEditor) }} onFinish={(v) => void submit(v)}>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => {
                const list = form.getFieldValue(['lines', field.name, 'list_price_fen']) as number | undefined;
                return (
                  <div key={field.key} data-testid={`fee-edit-line-${i}`} style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 8 }}>
                    {/* a part line's catalogue part (the server prices it; its error shows here) */}
                    <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.lines?.[field.name]?.kind !== b.lines?.[field.name]?.kind}>
                      {() =>
                        form.getFieldValue(['lines', field.name, 'kind']) === 'part' ? (
                          <Form.Item name={[field.name, 'part_code']} label={t('fees.partCode')} extra={t('fees.partCodeHint')}>
                            <PartPicker
                              data-testid={`fee-part-${i}`}
                              onPick={(part) => {
                                if (!part) return;
                                const at = ['lines', field.name] as const;
                                if (!(form.getFieldValue([...at, 'description']) as string | undefined)?.trim()) form.setFieldValue([...at, 'description'], part.name);
                                form.setFieldValue([...at, 'list_price_fen'], part.list_price_fen);
                              }}
                            />
                          </Form.Item>
                        ) : (
                          <Form.Item name={[field.name, 'part_code']} hidden>
                            <Input />
                          </Form.Item>
                        )
                      }
                    </Form.Item>
                    <Row gutter={8}>
                      <Col xs={12} sm={5}>
                        <Form.Item name={[field.name, 'kind']} label={t('fees.kind')} rules={[{ required: true, message: t('common.required', { label: t('fees.kind') }) }]}>
                          <Select data-testid={`fee-kind-${i}`} options={FEE_LINE_KINDS.map((k) => ({ value: k, label: te('quote_line_kind', k) }))} />
                        </Form.Item>
                      </Col>
                      <Col xs={12} sm={5}>
                        <Form.Item name={[field.name, 'component']} label={t('fees.component')}>
                          <AutoComplete data-testid={`fee-component-${i}`} options={components} allowClear />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={14}>
                        <Form.Item name={[field.name, 'description']} label={t('fees.description')}>
                          <Input data-testid={`fee-description-${i}`} maxLength={LIMITS.description} />
                        </Form.Item>
                      </Col>
                      <Col xs={8} sm={4}>
                        <Form.Item
                          name={[field.name, 'quantity']}
                          label={t('fees.quantity')}
                          rules={[{ required: true, message: t('common.required', { label: t('fees.quantity') }) }]}
                        >
                          <InputNumber data-testid={`fee-quantity-${i}`} min={0.01} max={100000} precision={2} style={{ width: '100%' }} />
                        </Form.Item>
                      </Col>
                      <Col xs={16} sm={6}>
                        <Form.Item
                          name={[field.name, 'unit_price']}
                          label={t('fees.unitPrice')}
                          extra={list !== undefined ? t('fees.listHint', { amount: formatFen(list) }) : t('fees.priceDefault')}
                          rules={yuanRules(t)}
                        >
                          <YuanInput data-testid={`fee-price-${i}`} />
                        </Form.Item>
                      </Col>
                      <Col xs={16} sm={11}>
                        <Form.Item name={[field.name, 'reason']} label={t('fees.reason')}>
                          <Input data-testid={`fee-reason-${i}`} maxLength={LIMITS.reason} placeholder={t('fees.reasonHint')} />
                        </Form.Item>
                      </Col>
                      <Col xs={8} sm={3} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 4 }}>
                        <Form.Item name={[field.name, 'waived']} valuePropName="checked" style={{ marginBottom: 0 }}>
                          <Checkbox data-testid={`fee-waived-${i}`}>{t('fees.waived')}</Checkbox>
                        </Form.Item>
                        <Button icon={<DeleteOutlined />} aria-label={t('fees.removeLine')} onClick={() => remove(field.name)} data-testid={`fee-remove-${i}`} />
                      </Col>
                    </Row>
                  </div>
                );
              })}
              {fields.length < MAX_LINES && (
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'labour', quantity: 1 } satisfies EditorLine)} data-testid="fee-add-line">
                  {t('fees.addLine')}
                </Button>
              )}
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12, marginBottom: 0 }}>
                {t('fees.editorHint')}
              </Typography.Paragraph>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
