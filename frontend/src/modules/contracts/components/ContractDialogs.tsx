import { useState } from 'react';
import { App, Checkbox, type ButtonProps, Col, Form, Input, Modal, Radio, Row } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../../api/client';
import { DateTimeInput } from '../../../components/DateTimeInput';
import { YuanInput, yuanRules } from '../../../components/YuanInput';
import { useI18n } from '../../../i18n';
import { isStaleVersion, useDialogSubmit, useFormErrorHandler } from '../../../utils/errors';
import { useIdempotencyKey } from '../../../utils/idempotency';
import { fenToYuan, yuanToFen } from '../../../utils/money';
import { pickerToDate } from '../../../utils/time';
import { useRenewContract, useTerminateContract } from '../queries';
import type { Contract } from '../types';

interface DialogProps {
  contract: Contract;
  onClose: () => void;
  /** Changed by someone else first: the page reads it again. */
  onStale: () => void;
}

/** 终止合同: ends the contract early, with the reason, on the version shown. */
export function TerminateDialog({ contract, onClose, onStale }: DialogProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const terminate = useTerminateContract(contract.id);
  const submit = useDialogSubmit(form, { onClose, onStale, done: t('contracts.terminated'), stale: t('contracts.stale') });
  return (
    <Modal
      open
      title={t('contracts.terminateTitle', { number: contract.number })}
      okText={t('contracts.terminate')}
      okButtonProps={{ danger: true, loading: terminate.isPending, 'data-testid': 'contract-terminate-submit' } as ButtonProps}
      onOk={() => void form.validateFields().then((v) => submit(() => terminate.mutateAsync({ version: contract.version, reason: v.reason.trim() })))}
      onCancel={onClose}
      destroyOnClose
    >
      <Form form={form} layout="vertical" data-testid="contract-terminate-form">
        <Form.Item name="reason" label={t('contracts.terminateReason')} rules={[{ required: true, whitespace: true, message: t('contracts.terminateReasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="contract-terminate-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface RenewValues {
  starts_on: Dayjs | null;
  ends_on: Dayjs | null;
  free_period: boolean;
  price: string;
  state: 'draft' | 'active';
}

/**
 * 续签: the next contract with the old one's coverage, schedule and checklist; its period
 * (from the day after the old one ends by default), price, and whether it starts as a draft or
 * active. The new contract's page opens.
 */
export function RenewDialog({ contract, onClose, onStale, onRenewed }: DialogProps & { onRenewed: (renewal: Contract) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RenewValues>();
  const renew = useRenewContract(contract.id);
  const handleError = useFormErrorHandler();
  const idempotency = useIdempotencyKey();
  const [initial] = useState<RenewValues>(() => {
    const start = dayjs(contract.ends_on).add(1, 'day');
    return { starts_on: start, ends_on: start.add(1, 'year').subtract(1, 'day'), free_period: false, price: contract.free_period ? '' : fenToYuan(contract.price_fen), state: 'draft' };
  });
  const free = Form.useWatch('free_period', form);

  const onOk = async () => {
    const v = await form.validateFields();
    try {
      const renewal = await renew.mutateAsync({
        body: {
          version: contract.version,
          starts_on: v.starts_on ? pickerToDate(v.starts_on) : undefined,
          ends_on: pickerToDate(v.ends_on!),
          free_period: v.free_period,
          price_fen: v.free_period ? 0 : (yuanToFen(v.price) ?? 0),
          state: v.state,
        },
        idempotencyKey: idempotency.key,
      });
      idempotency.renew();
      void message.success(t('contracts.renewed', { number: renewal.number }));
      onClose();
      onRenewed(renewal);
    } catch (err) {
      idempotency.settle(err);
      if (isStaleVersion(err)) {
        onStale();
        onClose();
        return;
      }
      handleError(form, moveFieldErrors(err));
    }
  };

  return (
    <Modal
      open
      title={t('contracts.renewTitle', { number: contract.number })}
      okText={t('contracts.renew')}
      okButtonProps={{ loading: renew.isPending, 'data-testid': 'contract-renew-submit' } as ButtonProps}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      destroyOnClose
    >
      <Form form={form} layout="vertical" initialValues={initial} data-testid="contract-renew-form">
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="starts_on" label={t('field.starts_on')}>
              <DateTimeInput withTime={false} data-testid="contract-renew-starts-on" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="ends_on" label={t('field.ends_on')} rules={[{ required: true, message: t('contracts.required') }]}>
              <DateTimeInput withTime={false} data-testid="contract-renew-ends-on" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="free_period" valuePropName="checked">
          <Checkbox>{t('contracts.freePeriod')}</Checkbox>
        </Form.Item>
        {!free && (
          <Form.Item name="price" label={t('contracts.priceYuan')} rules={yuanRules(t, { required: t('contracts.priceYuan') })}>
            <YuanInput data-testid="contract-renew-price" />
          </Form.Item>
        )}
        <Form.Item name="state" label={t('contracts.renewAs')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'draft', label: t('contract_state.draft') },
              { value: 'active', label: t('contract_state.active') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Where a server field lands on the contract forms: `price_fen` is typed in 元 as `price`; a
 * site or unit (`sites.1`) is one value of its multiple choice. */
function formPath(path: string): string {
  if (path === 'price_fen') return 'price';
  const choice = /^(sites|units)\.\d+$/.exec(path);
  return choice ? choice[1] : path;
}

/** The error with its field paths as the contract forms name them (other errors as they are). */
export function moveFieldErrors(err: unknown): unknown {
  if (!(err instanceof ApiError) || Object.keys(err.fields).length === 0) return err;
  const fields: Record<string, string> = {};
  for (const [path, text] of Object.entries(err.fields)) {
    const to = formPath(path);
    fields[to] = fields[to] ? `${fields[to]}；${text}` : text;
  }
  return new ApiError(err.status, err.code, err.message, fields, undefined, err.requestId, err.details);
}
