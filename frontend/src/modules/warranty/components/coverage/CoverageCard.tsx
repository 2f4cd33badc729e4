import { useState } from 'react';
import { Button, Card, Flex, Form, Input, List, Modal, Select, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { DeleteOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { DateTimeInput } from '../../../../components/DateTimeInput';
import { getAttachment } from '../../../../api/client';
import { VOCABULARY } from '../../../../api/vocabulary';
import { useI18n } from '../../../../i18n';
import { useShowError } from '../../../../utils/errors';
import { formatTime } from '../../../../utils/time';
import { useIsMobile } from '../../../../utils/useIsMobile';
import { openFresh } from '../../../evidence/lib/format';
import { CoverageLines } from './CoverageLines';
import { componentsToBody, type ComponentValue } from './IntakeCoverage';
import { EvidencePick } from './EvidencePick';
import type { CoverageResult, WarrantyOrder } from './types';
import { useCardAction, type ActionOutcome, type CardHandlers } from './useCardAction';
import { formSheet } from '../../../../components/formSheet';

type Exclusion = keyof typeof VOCABULARY.exclusion;
const EXCLUSIONS = Object.keys(VOCABULARY.exclusion) as Exclusion[];
/** What a manager may set a line to. */
const OVERRIDES: CoverageResult[] = ['warranty', 'paid', 'contract'];

type Form =
  | { kind: 'components' }
  | { kind: 'record' }
  | { kind: 'remove'; exclusion: string }
  | { kind: 'override'; line: number };

const ACTION_OF: Record<Form['kind'], string> = { components: 'set_components', record: 'record_exclusion', remove: 'remove_exclusion', override: 'override_coverage' };

interface Props {
  order: WarrantyOrder;
  handlers: CardHandlers;
}

/**
 * 保修判定 on the order's page: the decision line by line with its explanation, the exclusions
 * recorded with their evidence; recording an exclusion (with a photo or document), and for a
 * manager removing one or overriding a line. Each is a version-checked lifecycle action.
 */
export function CoverageCard({ order, handlers }: Props) {
  const { t, tk } = useI18n();
  const showError = useShowError();
  const isMobile = useIsMobile();
  const run = useCardAction(order, handlers);
  const [open, setOpen] = useState<Form | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [form] = Form.useForm();
  const decision = order.coverage_decision;
  const allowed = new Set<string>(order.allowed_actions);
  if (!decision && !allowed.has('record_exclusion')) return null;

  const openFile = (id: string) => void openFresh(async () => (await getAttachment(order.id, id)).url).catch(showError);

  const submit = async () => {
    if (!open) return;
    let values: Record<string, unknown>;
    try {
      values = (await form.validateFields()) as Record<string, unknown>;
    } catch {
      return;
    }
    const data =
      open.kind === 'components'
        ? { components: componentsToBody(values.components as ComponentValue[] | undefined) }
        : open.kind === 'record'
        ? { exclusion: values.exclusion, note: String(values.note ?? '').trim() || undefined, attachment_id: values.attachment_id }
        : open.kind === 'remove'
          ? { exclusion: open.exclusion, reason: String(values.reason ?? '').trim() }
          : { line: open.line, result: values.result, reason: String(values.reason ?? '').trim() };
    setSubmitting(true);
    const outcome: ActionOutcome = await run(ACTION_OF[open.kind], data, form);
    setSubmitting(false);
    if (outcome !== 'error') setOpen(null);
  };

  const start = (next: Form) => {
    form.resetFields();
    if (next.kind === 'components') {
      // the components as decided, to correct or add to
      form.setFieldsValue({
        components: (decision?.lines ?? [])
          .filter((l) => l.component)
          .map((l) => ({ component: l.component ?? undefined, failure_date: dayjs(l.failure_date) }) satisfies ComponentValue),
      });
    }
    setOpen(next);
  };

  const exclusions = decision?.exclusions ?? [];
  return (
    <Card
      size="small"
      title={t('coverageCard.title')}
      style={{ marginBottom: 16 }}
      data-testid="coverage-card"
      extra={
        <Flex gap={4} wrap justify="end">
          {allowed.has('set_components') && (
            <Button size="small" onClick={() => start({ kind: 'components' })} data-testid="components-edit">
              {t('coverageCard.editComponents')}
            </Button>
          )}
          {allowed.has('record_exclusion') && (
            <Button size="small" onClick={() => start({ kind: 'record' })} data-testid="exclusion-record">
              {t('coverageCard.recordExclusion')}
            </Button>
          )}
        </Flex>
      }
    >
      {decision ? (
        <CoverageLines
          lines={decision.lines}
          extra={(_, i) =>
            allowed.has('override_coverage') && (
              <Button size="small" type="link" onClick={() => start({ kind: 'override', line: i })} data-testid={`coverage-override-open-${i}`}>
                {t('coverageCard.override')}
              </Button>
            )
          }
        />
      ) : (
        <Typography.Text type="secondary">{t('coverageCard.noDecision')}</Typography.Text>
      )}
      {exclusions.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            {t('coverageCard.exclusions')}
          </Typography.Title>
          <List
            size="small"
            data-testid="coverage-exclusions"
            dataSource={exclusions}
            renderItem={(x) => (
              <List.Item key={x.key} data-testid={`exclusion-${x.key}`} style={{ flexWrap: 'wrap', gap: 8 }}>
                <div style={{ minWidth: 0, wordBreak: 'break-word' }}>
                  <Typography.Text strong>{tk(`exclusion.${x.key}`, x.key)}</Typography.Text>
                  {x.note && <div>{x.note}</div>}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {x.by_name ?? x.by} · {formatTime(x.at)}
                  </Typography.Text>
                </div>
                <Flex gap={4} wrap>
                  {x.attachment_id && (
                    <Button size="small" type="link" icon={<PaperClipOutlined />} onClick={() => openFile(x.attachment_id!)} data-testid={`exclusion-evidence-${x.key}`}>
                      {t('coverageCard.evidence')}
                    </Button>
                  )}
                  {allowed.has('remove_exclusion') && (
                    <Button size="small" danger onClick={() => start({ kind: 'remove', exclusion: x.key })} data-testid={`exclusion-remove-${x.key}`}>
                      {t('coverageCard.removeExclusion')}
                    </Button>
                  )}
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}

      {open && (
        <Modal
          open
          title={
            open.kind === 'components'
              ? t('coverageCard.editComponents')
              : open.kind === 'record'
              ? t('coverageCard.recordExclusion')
              : open.kind === 'remove'
                ? t('coverageCard.removeTitle', { exclusion: tk(`exclusion.${open.exclusion}`, open.exclusion) })
                : t('coverageCard.overrideTitle', { component: decision?.lines[open.line]?.component ?? t('coverageCard.wholeMachine') })
          }
          okText={t('common.submit')}
          cancelText={t('common.cancel')}
          onOk={() => void submit()}
          onCancel={() => setOpen(null)}
          confirmLoading={submitting}
          okButtonProps={{ 'data-testid': 'coverage-form-submit', danger: open.kind === 'remove' } as ButtonProps}
          {...formSheet(isMobile, 560, `coverage-form-${open.kind}`)}
        >
          <Form form={form} layout="vertical" onFinish={() => void submit()}>
            {open.kind === 'components' && (
              <Form.List name="components">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field, i) => (
                      <Flex key={field.key} gap={8} align="start" data-testid={`components-row-${i}`}>
                        <Form.Item
                          name={[field.name, 'component']}
                          style={{ flex: 1 }}
                          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('intakeCoverage.component') }) }]}
                        >
                          <Input placeholder={t('intakeCoverage.component')} data-testid={`components-name-${i}`} />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'failure_date']}
                          rules={[{ required: true, message: t('common.required', { label: t('intakeCoverage.failureDate') }) }]}
                        >
                          <DateTimeInput withTime={false} data-testid={`components-date-${i}`} />
                        </Form.Item>
                        <Button icon={<DeleteOutlined />} aria-label={t('intakeCoverage.remove')} onClick={() => remove(field.name)} />
                      </Flex>
                    ))}
                    {fields.length < 20 && (
                      <Button icon={<PlusOutlined />} onClick={() => add({ failure_date: dayjs().startOf('day') })} data-testid="components-add">
                        {t('intakeCoverage.add')}
                      </Button>
                    )}
                  </>
                )}
              </Form.List>
            )}
            {open.kind === 'record' && (
              <>
                <Form.Item name="exclusion" label={t('coverageCard.exclusion')} rules={[{ required: true, message: t('common.required', { label: t('coverageCard.exclusion') }) }]}>
                  <Select data-testid="exclusion-key" options={(decision?.exclusions_offered ?? EXCLUSIONS).map((key) => ({ value: key, label: tk(`exclusion.${key}`, key) }))} />
                </Form.Item>
                <Form.Item name="note" label={t('coverageCard.note')}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="exclusion-note" />
                </Form.Item>
                <Form.Item
                  name="attachment_id"
                  label={t('coverageCard.evidence')}
                  extra={t('coverageCard.evidenceHint')}
                  rules={[{ required: true, message: t('coverageCard.evidenceMissing') }]}
                >
                  <EvidencePick orderId={order.id} attachments={order.attachments ?? []} />
                </Form.Item>
              </>
            )}
            {open.kind === 'override' && (
              <>
                <Form.Item name="result" label={t('coverageCard.result')} rules={[{ required: true, message: t('common.required', { label: t('coverageCard.result') }) }]}>
                  <Select data-testid="override-result" options={OVERRIDES.map((r) => ({ value: r, label: tk(`coverage.${r}`, r) }))} />
                </Form.Item>
                <Form.Item name="reason" label={t('coverageCard.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('coverageCard.reason') }) }]}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="override-reason" />
                </Form.Item>
              </>
            )}
            {open.kind === 'remove' && (
              <Form.Item name="reason" label={t('coverageCard.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('coverageCard.reason') }) }]}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="exclusion-remove-reason" />
              </Form.Item>
            )}
          </Form>
        </Modal>
      )}
    </Card>
  );
}
