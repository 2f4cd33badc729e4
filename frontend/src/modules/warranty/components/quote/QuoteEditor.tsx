import { AutoComplete, Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../../../i18n';
import dayjs, { type Dayjs } from 'dayjs';
import { DateTimeInput } from '../../../../components/DateTimeInput';
import { fenToYuan, formatFen, yuanToFen } from '../../../../utils/money';
import { YuanInput, yuanRules } from '../../../../components/YuanInput';
import { pickerToDate } from '../../../../utils/time';
import type { QuotePart } from '../../../parts/components/order/quoteParts';
import { PRICE_ITEM_OF, QUOTE_LINE_KINDS, type PriceList, type Quote, type QuoteLineInput, type QuoteLineKind } from './types';

/** A line as the editor holds it: prices as typed, in 元. */
export interface EditorLine {
  kind: QuoteLineKind;
  description?: string;
  component?: string;
  quantity: number | null;
  unit_price?: string;
  list_price?: string;
  waive?: boolean;
}

export interface EditorValues {
  lines: EditorLine[];
  /** 报价有效期至: the customer's confirmation after this day is refused. */
  valid_until?: Dayjs | null;
}

/** The quote action's validity, when one is set. */
export const editorValidity = (values: EditorValues) => (values.valid_until ? { valid_until: pickerToDate(values.valid_until) } : {});

const MAX_LINES = 50;

/** The list price of a kind of line, in fen (a part has none: it carries its own). */
export const listPriceOf = (prices: PriceList | null | undefined, kind: QuoteLineKind): number | null => {
  const item = PRICE_ITEM_OF[kind];
  return item ? (prices?.[item] ?? null) : null;
};

function newLine(kind: QuoteLineKind, prices: PriceList | null | undefined): EditorLine {
  const list = listPriceOf(prices, kind);
  return { kind, quantity: 1, unit_price: list === null ? undefined : fenToYuan(list) };
}

/** The editor's first values: the quote as saved, else a call-out and an hour of labour at list price. */
export function editorValues(quote: Quote | null | undefined, prices: PriceList | null | undefined): EditorValues {
  if (!quote || quote.lines.length === 0) return { lines: [newLine('call_out', prices), newLine('labour', prices)] };
  return {
    valid_until: quote.valid_until ? dayjs(quote.valid_until) : null,
    lines: quote.lines.map((l) => ({
      kind: l.kind,
      description: l.description ?? undefined,
      component: l.component ?? undefined,
      quantity: l.quantity,
      unit_price: fenToYuan(l.unit_price_fen),
      list_price: l.kind === 'part' ? fenToYuan(l.list_price_fen) : undefined,
      waive: Boolean(l.waive),
    })),
  };
}

/** The `quote` action's lines (prices in fen, by the digits); the server computes every total. */
export function editorToLines(values: EditorValues): QuoteLineInput[] {
  return values.lines.map((l) => {
    const part = l.kind === 'part' ? yuanToFen(l.list_price ?? '') : null;
    return {
      kind: l.kind,
      ...(l.description?.trim() && { description: l.description.trim() }),
      ...(l.component?.trim() && { component: l.component.trim() }),
      quantity: l.quantity ?? 0,
      unit_price_fen: yuanToFen(l.unit_price ?? '') ?? 0,
      ...(part !== null && { list_price_fen: part }),
      ...(l.waive && { waive: true }),
    };
  });
}

interface Props {
  form: FormInstance<EditorValues>;
  initial: EditorValues;
  prices: PriceList | null | undefined;
  /** The order's failed components (from its coverage decision). */
  components: string[];
  /** The order's parts (requested, issued, used), offered as part lines at their list price. */
  orderParts?: QuotePart[];
}

/**
 * The quote's lines: kind, what, which component, quantity and unit price in 元 (the list price
 * filled in when the kind is chosen; a part carries its own list price until the parts catalogue
 * lands). A price above twice the list, below it or waived needs a manager's approval.
 */
export function QuoteEditor({ form, initial, prices, components, orderParts = [] }: Props) {
  const { t, tk } = useI18n();
  const componentOptions = components.map((c) => ({ value: c }));

  return (
    <Form<EditorValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onValuesChange={(changed: Partial<EditorValues>) => {
        // A new kind takes its list price (a kind chosen, not a line added or removed: then the
        // whole list is "changed" and every price would start over).
        changed.lines?.forEach((line, i) => {
          if (line?.kind && Object.keys(line).length === 1) form.setFieldValue(['lines', i, 'unit_price'], fenToYuanOrEmpty(listPriceOf(prices, line.kind)));
        });
      }}
    >
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <div key={field.key} data-testid={`quote-edit-line-${i}`} style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 8 }}>
                <Row gutter={8}>
                  <Col xs={12} sm={6}>
                    <Form.Item name={[field.name, 'kind']} label={t('quoteCard.kind')} rules={[{ required: true }]}>
                      <Select data-testid={`quote-kind-${i}`} options={QUOTE_LINE_KINDS.map((k) => ({ value: k, label: tk(`quote_line_kind.${k}`, k) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={6}>
                    <Form.Item name={[field.name, 'component']} label={t('quoteCard.component')}>
                      <AutoComplete data-testid={`quote-component-${i}`} options={componentOptions} allowClear />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name={[field.name, 'description']} label={t('quoteCard.description')}>
                      <Input data-testid={`quote-description-${i}`} maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={5}>
                    <Form.Item name={[field.name, 'quantity']} label={t('quoteCard.quantity')} rules={[{ required: true, message: t('common.required', { label: t('quoteCard.quantity') }) }]}>
                      <InputNumber data-testid={`quote-quantity-${i}`} min={0.01} max={100000} precision={2} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={16} sm={7}>
                    <Form.Item noStyle shouldUpdate={(a: EditorValues, b: EditorValues) => a.lines?.[i]?.kind !== b.lines?.[i]?.kind}>
                      {() => {
                        const kind = form.getFieldValue(['lines', field.name, 'kind']) as QuoteLineKind | undefined;
                        const list = kind ? listPriceOf(prices, kind) : null;
                        return (
                          <Form.Item
                            name={[field.name, 'unit_price']}
                            label={t('quoteCard.unitPrice')}
                            extra={list !== null ? t('quoteCard.listHint', { price: formatFen(list) }) : undefined}
                            rules={yuanRules(t, { required: t('quoteCard.unitPrice') })}
                          >
                            <YuanInput data-testid={`quote-price-${i}`} />
                          </Form.Item>
                        );
                      }}
                    </Form.Item>
                  </Col>
                  <Form.Item noStyle shouldUpdate={(a: EditorValues, b: EditorValues) => a.lines?.[i]?.kind !== b.lines?.[i]?.kind}>
                    {() =>
                      form.getFieldValue(['lines', field.name, 'kind']) === 'part' ? (
                        <Col xs={16} sm={7}>
                          <Form.Item
                            name={[field.name, 'list_price']}
                            label={t('quoteCard.partListPrice')}
                            rules={yuanRules(t, { required: t('quoteCard.partListPrice') })}
                          >
                            <YuanInput data-testid={`quote-list-price-${i}`} />
                          </Form.Item>
                        </Col>
                      ) : null
                    }
                  </Form.Item>
                  <Col xs={16} sm={3} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                    <Form.Item name={[field.name, 'waive']} valuePropName="checked" style={{ marginBottom: 0 }}>
                      <Checkbox data-testid={`quote-waive-${i}`}>{t('quoteCard.waive')}</Checkbox>
                    </Form.Item>
                  </Col>
                  <Col xs={8} sm={2} style={{ textAlign: 'right' }}>
                    <Button icon={<DeleteOutlined />} aria-label={t('quoteCard.removeLine')} onClick={() => remove(field.name)} data-testid={`quote-remove-${i}`} />
                  </Col>
                </Row>
              </div>
            ))}
            {fields.length < MAX_LINES && (
              <Button icon={<PlusOutlined />} onClick={() => add(newLine('labour', prices))} data-testid="quote-add-line">
                {t('quoteCard.addLine')}
              </Button>
            )}
            {orderParts.length > 0 && (
              <Button
                style={{ marginInlineStart: 8 }}
                data-testid="quote-add-order-parts"
                onClick={() => {
                  // each of the order's parts not yet on the quote, at its list price
                  const lines = (form.getFieldValue('lines') ?? []) as EditorLine[];
                  const quoted = new Set(lines.filter((l) => l.kind === 'part').map((l) => (l.description ?? '').split(' ')[0]));
                  orderParts
                    .filter((p) => !quoted.has(p.code))
                    .slice(0, Math.max(0, MAX_LINES - lines.length))
                    .forEach((p) =>
                      add({
                        kind: 'part',
                        description: p.description,
                        component: p.component ?? undefined,
                        quantity: p.quantity,
                        unit_price: fenToYuan(p.list_price_fen),
                        list_price: fenToYuan(p.list_price_fen),
                      } satisfies EditorLine),
                    );
                }}
              >
                {t('quoteCard.addOrderParts')}
              </Button>
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
              {t('quoteCard.editorHint')}
            </Typography.Paragraph>
          </>
        )}
      </Form.List>
      <Form.Item name="valid_until" label={t('quoteCard.validUntil')} style={{ marginTop: 12, marginBottom: 0 }}>
        <DateTimeInput withTime={false} data-testid="quote-valid-until" />
      </Form.Item>
    </Form>
  );
}

const fenToYuanOrEmpty = (fen: number | null) => (fen === null ? undefined : fenToYuan(fen));
