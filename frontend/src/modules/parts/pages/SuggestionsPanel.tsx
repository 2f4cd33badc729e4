import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Form, Input, InputNumber, Modal, Skeleton, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { ErrorState } from '../../../components/ErrorState';
import { useI18n } from '../../../i18n';
import { useFormErrorHandler } from '../../../utils/errors';
import { formatTime } from '../../../utils/time';
import { useDismissSuggestion, useOrderSuggestion, useSuggestions } from '../queries';
import { MAX_QUANTITY, type Suggestion } from '../types';

interface Props {
  outlet: string | undefined;
  canWrite: boolean;
  onOpen: (code: string) => void;
}

/** 下单: the suggestion's quantity (the keeper may change it) goes on order. */
function OrderModal({ outlet, suggestion, onClose }: { outlet: string | undefined; suggestion: Suggestion; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ quantity: number; note?: string }>();
  const order = useOrderSuggestion(outlet);
  const handleError = useFormErrorHandler();
  return (
    <Modal
      open
      title={t('parts.orderTitle', { code: suggestion.code, name: suggestion.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('parts.orderOk')}
      okButtonProps={{ loading: order.isPending, 'data-testid': 'suggestion-order-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ quantity: suggestion.quantity }}
        onFinish={(values) =>
          void order
            .mutateAsync({ code: suggestion.code, quantity: values.quantity, note: values.note?.trim() || null })
            .then(() => {
              message.success(t('parts.ordered', { code: suggestion.code }));
              onClose();
            })
            .catch((err: unknown) => handleError(form, err))
        }
      >
        <Form.Item name="quantity" label={t('parts.quantity')} rules={[{ required: true, message: t('common.required', { label: t('parts.quantity') }) }]}>
          <InputNumber min={1} max={MAX_QUANTITY} precision={0} data-testid="suggestion-order-quantity" />
        </Form.Item>
        <Form.Item name="note" label={t('parts.note')}>
          <Input maxLength={500} data-testid="suggestion-order-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 忽略: the suggestion is withdrawn, with the keeper's reason. */
function DismissModal({ outlet, suggestion, onClose }: { outlet: string | undefined; suggestion: Suggestion; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const dismiss = useDismissSuggestion(outlet);
  const handleError = useFormErrorHandler();
  return (
    <Modal
      open
      title={t('parts.dismissTitle', { code: suggestion.code, name: suggestion.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('parts.dismissOk')}
      okButtonProps={{ loading: dismiss.isPending, danger: true, 'data-testid': 'suggestion-dismiss-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          void dismiss
            .mutateAsync({ code: suggestion.code, reason: values.reason.trim() })
            .then(() => {
              message.success(t('parts.dismissed', { code: suggestion.code }));
              onClose();
            })
            .catch((err: unknown) => handleError(form, err))
        }
      >
        <Form.Item name="reason" label={t('parts.reason')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('parts.reason') }) }]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="suggestion-dismiss-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 采购建议: the open reorder suggestions of the warehouse, each with its arithmetic; the keeper
 * orders (the quantity goes on order) or dismisses one with a reason. */
export function SuggestionsPanel({ outlet, canWrite, onOpen }: Props) {
  const { t } = useI18n();
  const { data, error, isPending, refetch, isFetching } = useSuggestions(outlet);
  const [ordering, setOrdering] = useState<Suggestion | null>(null);
  const [dismissing, setDismissing] = useState<Suggestion | null>(null);

  if (error && !data) return <ErrorState error={error} onRetry={() => void refetch()} retrying={isFetching} />;
  if (isPending) return <Skeleton active />;
  const items = data?.items ?? [];
  return (
    <div data-testid="suggestions">
      <Typography.Paragraph type="secondary">{t('parts.suggestionsHint')}</Typography.Paragraph>
      {items.length === 0 ? (
        <Empty description={t('parts.noSuggestions')} />
      ) : (
        <Flex vertical gap={8}>
          {items.map((s) => (
            <Card key={s.code} size="small" data-testid={`suggestion-${s.code}`}>
              <Flex justify="space-between" wrap gap={8} align="center">
                <span>
                  <Typography.Link onClick={() => onOpen(s.code)}>{s.code}</Typography.Link> {s.name}
                </span>
                <Typography.Text strong data-testid={`suggestion-quantity-${s.code}`}>
                  {t('parts.suggestQuantity', { n: s.quantity })}
                </Typography.Text>
              </Flex>
              <Typography.Text code data-testid={`suggestion-rule-${s.code}`}>
                {s.rule}
              </Typography.Text>
              <Flex justify="space-between" wrap gap={8} align="center" style={{ marginTop: 6 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('parts.suggestedAt', { at: formatTime(s.updated_at) })}
                </Typography.Text>
                {canWrite && (
                  <Flex gap={8}>
                    <Button size="small" onClick={() => setDismissing(s)} data-testid={`suggestion-dismiss-${s.code}`}>
                      {t('parts.dismiss')}
                    </Button>
                    <Button size="small" type="primary" onClick={() => setOrdering(s)} data-testid={`suggestion-order-${s.code}`}>
                      {t('parts.orderOk')}
                    </Button>
                  </Flex>
                )}
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
      {ordering && <OrderModal outlet={outlet} suggestion={ordering} onClose={() => setOrdering(null)} />}
      {dismissing && <DismissModal outlet={outlet} suggestion={dismissing} onClose={() => setDismissing(null)} />}
    </div>
  );
}
