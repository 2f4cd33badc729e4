import { useEffect, useMemo, useRef } from 'react';
import { AutoComplete, Alert, Button, Col, Flex, Form, Row, Spin, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { CustomerDetail, OrderType } from '../../../../api/types';
import { DateTimeInput } from '../../../../components/DateTimeInput';
import { useI18n } from '../../../../i18n';
import { useErrorText } from '../../../../utils/errors';
import { pickerToDate } from '../../../../utils/time';
import { useDebounced } from '../../../../utils/useDebounced';
import { useCoveragePreview, type CoveragePreviewBody } from './api';
import { CoverageLines } from './CoverageLines';
import type { ComponentInput } from './types';

/** The form field holding the failed components. */
export const COMPONENTS_FIELD = 'components';
/** At most this many failed components per order (the API's limit). */
const MAX_COMPONENTS = 20;

/** One failed component as the intake form holds it. */
export interface ComponentValue {
  component?: string;
  failure_date?: Dayjs | null;
}

/** The failed components to send with the order (the blank ones left out). */
export function componentsToBody(values: ComponentValue[] | undefined): ComponentInput[] {
  return (values ?? []).flatMap((v) => {
    const name = v.component?.trim();
    return name && v.failure_date ? [{ component: name, failure_date: pickerToDate(v.failure_date) }] : [];
  });
}

/** The day the fault started (else today): each new line's failure date. */
const dayOf = (faultStarted: Dayjs | null | undefined) => (faultStarted ?? dayjs()).startOf('day');

interface Props {
  form: FormInstance;
  customer: CustomerDetail;
  equipmentId: string;
  type: OrderType | undefined;
  /** Whether the unit's terms decide coverage (the agent's own pick of coverage is then moot). */
  onDecided: (decided: boolean) => void;
}

/**
 * At intake, once a unit is picked: the failed components (the unit's terms name them; any other
 * text falls under the whole machine) with their failure dates, and the coverage the product will
 * decide for each, explained, as the agent types.
 */
export function IntakeCoverage({ form, customer, equipmentId, type, onDecided }: Props) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const faultStarted = Form.useWatch<Dayjs | null | undefined>('fault_started_at', form);
  const values = Form.useWatch<ComponentValue[] | undefined>(COMPONENTS_FIELD, form);
  const unit = customer.equipment.find((e) => e.id === equipmentId);
  const terms = unit?.terms ?? null;
  const options = useMemo(
    () => (terms?.groups ?? []).flatMap((g) => g.components.map((c) => ({ value: c, label: `${c} · ${g.name}` }))),
    [terms],
  );

  // A line dated by default follows the fault's start day when that changes.
  const defaultDay = dayOf(faultStarted).format('YYYY-MM-DD');
  const previousDefault = useRef(defaultDay);
  useEffect(() => {
    const before = previousDefault.current;
    previousDefault.current = defaultDay;
    if (before === defaultDay) return;
    const lines = (form.getFieldValue(COMPONENTS_FIELD) as ComponentValue[] | undefined) ?? [];
    if (!lines.some((l) => l.failure_date?.format('YYYY-MM-DD') === before)) return;
    form.setFieldValue(
      COMPONENTS_FIELD,
      lines.map((l) => (l.failure_date?.format('YYYY-MM-DD') === before ? { ...l, failure_date: dayjs(defaultDay) } : l)),
    );
  }, [defaultDay, form]);

  const components = componentsToBody(values);
  const body: CoveragePreviewBody = { customer_id: customer.id, equipment_id: equipmentId, components, ...(type && { type }) };
  const settledKey = useDebounced(JSON.stringify(body), 300);
  const preview = useCoveragePreview(useMemo(() => JSON.parse(settledKey) as CoveragePreviewBody, [settledKey]));
  const lines = preview.data?.lines ?? null;
  const decided = Boolean(preview.data?.has_terms);
  useEffect(() => onDecided(decided), [decided, onDecided]);

  return (
    <div data-testid="intake-coverage" style={{ marginTop: 8 }}>
      <Typography.Text strong>{t('intakeCoverage.title')}</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ margin: '2px 0 8px', fontSize: 12 }}>
        {t('intakeCoverage.hint')}
      </Typography.Paragraph>
      <Form.List name={COMPONENTS_FIELD}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Row key={field.key} gutter={8} align="top" data-testid={`component-row-${i}`}>
                <Col xs={24} sm={13}>
                  <Form.Item
                    name={[field.name, 'component']}
                    label={i === 0 ? t('intakeCoverage.component') : undefined}
                    rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('intakeCoverage.component') }) }]}
                  >
                    <AutoComplete
                      data-testid={`component-name-${i}`}
                      options={options}
                      allowClear
                      placeholder={t('intakeCoverage.componentPlaceholder')}
                      filterOption={(typed, option) => String(option?.value ?? '').includes(typed.trim())}
                    />
                  </Form.Item>
                </Col>
                <Col xs={18} sm={8}>
                  <Form.Item
                    name={[field.name, 'failure_date']}
                    label={i === 0 ? t('intakeCoverage.failureDate') : undefined}
                    rules={[{ required: true, message: t('common.required', { label: t('intakeCoverage.failureDate') }) }]}
                  >
                    <DateTimeInput withTime={false} data-testid={`component-date-${i}`} />
                  </Form.Item>
                </Col>
                <Col xs={6} sm={3} style={{ paddingTop: i === 0 ? 30 : 0 }}>
                  <Button icon={<DeleteOutlined />} aria-label={t('intakeCoverage.remove')} onClick={() => remove(field.name)} data-testid={`component-remove-${i}`} />
                </Col>
              </Row>
            ))}
            {fields.length < MAX_COMPONENTS && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ component: undefined, failure_date: dayjs(defaultDay) } satisfies ComponentValue)}
                data-testid="component-add"
              >
                {t('intakeCoverage.add')}
              </Button>
            )}
          </>
        )}
      </Form.List>
      <div style={{ marginTop: 8 }} data-testid="coverage-preview" data-loading={preview.isFetching ? 'true' : 'false'}>
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('intakeCoverage.preview')}</Typography.Text>
          {preview.isFetching && <Spin size="small" />}
        </Flex>
        {preview.error && !lines ? (
          <Alert type="warning" showIcon message={t('intakeCoverage.previewFailed', { error: errorText(preview.error) })} />
        ) : lines ? (
          <CoverageLines lines={lines} testId="coverage-preview-lines" />
        ) : null}
      </div>
    </div>
  );
}
