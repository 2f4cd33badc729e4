import { useState } from 'react';
import { App, Button, type ButtonProps, Flex, Form, Image, Input, Popconfirm, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, MinusOutlined, ToolOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../../api/client';
import type { WorkOrderDetail } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { isStaleVersion, useFormErrorHandler, useShowError } from '../../../../utils/errors';
import { useIdempotencyKey } from '../../../../utils/idempotency';
import { formatTime } from '../../../../utils/time';
import { rereadOrder, useAnswerChecklist, useOpenRepair } from '../../inspectionQueries';
import type { ChecklistAnswer, ChecklistItem } from '../../inspectionTypes';
import { FaultPhoto } from './FaultPhoto';

const ANSWERS: ChecklistAnswer[] = ['ok', 'fault', 'na'];
const COLORS: Record<ChecklistAnswer, 'green' | 'danger' | 'default'> = { ok: 'green', fault: 'danger', na: 'default' };
const ICONS: Record<ChecklistAnswer, JSX.Element> = { ok: <CheckOutlined />, fault: <CloseOutlined />, na: <MinusOutlined /> };
const TAG_COLORS: Record<ChecklistAnswer, string> = { ok: 'success', fault: 'error', na: 'default' };
const wrap = { wordBreak: 'break-word' as const };

interface Props {
  order: WorkOrderDetail;
  area: number;
  index: number;
  item: ChecklistItem;
  editable: boolean;
}

/** The item's answer as a tag (read-only, or beside the note of a fault). */
export function AnswerTag({ answer }: { answer: ChecklistAnswer | null }) {
  const { t, tk } = useI18n();
  if (!answer) return <Tag data-testid="checklist-answer-tag">{t('inspections.unanswered')}</Tag>;
  return (
    <Tag color={TAG_COLORS[answer]} data-testid="checklist-answer-tag" data-answer={answer}>
      {tk(`checklist_answer.${answer}`, answer)}
    </Tag>
  );
}

/**
 * One item of the checklist: its text and three large buttons (正常 / 故障 / 不适用), each tap
 * saved at once; a fault asks for a note and a photo (saved together, the server's refusals on
 * their fields) and can open its repair order. Read-only: the answer as a tag.
 */
export function ChecklistItemRow({ order, area, index, item, editable }: Props) {
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const showError = useShowError();
  const answer = useAnswerChecklist(order.id);
  const repair = useOpenRepair(order.id);
  const idempotency = useIdempotencyKey();
  const [pending, setPending] = useState<ChecklistAnswer | null>(null);
  const [editing, setEditing] = useState(false);
  const id = `${area}-${index}`;
  const shown = pending ?? (editing ? 'fault' : item.answer);

  const refused = (err: unknown) => {
    if (isStaleVersion(err)) {
      void message.warning(t('inspections.stale'));
      void rereadOrder(client, order.id).catch(() => undefined);
      return;
    }
    showError(err);
    if (err instanceof ApiError && err.code === 'checklist_closed') void rereadOrder(client, order.id).catch(() => undefined);
  };

  const tap = async (choice: ChecklistAnswer) => {
    if (choice === 'fault') {
      if (item.answer !== 'fault') setEditing(true);
      return;
    }
    setEditing(false);
    if (choice === item.answer) return;
    setPending(choice);
    try {
      await answer.mutateAsync({ area, item: index, answer: choice });
    } catch (err) {
      refused(err);
    } finally {
      setPending(null);
    }
  };

  const openRepair = async () => {
    try {
      const opened = await repair.mutateAsync({ area, item: index, idempotencyKey: idempotency.key });
      idempotency.renew();
      void message.success(t('inspections.repairOpened', { number: opened.order.number }));
    } catch (err) {
      idempotency.settle(err);
      if (err instanceof ApiError && err.code === 'repair_exists') void rereadOrder(client, order.id).catch(() => undefined);
      refused(err);
    }
  };

  return (
    <div
      data-testid={`checklist-item-${id}`}
      data-answer={item.answer ?? 'none'}
      data-saving={pending ? 'true' : 'false'}
      style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0', scrollMarginTop: 80 }}
    >
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Typography.Text style={wrap} data-testid="checklist-item-text">
          {index + 1}. {item.text}
        </Typography.Text>
        {!editable && <AnswerTag answer={item.answer} />}
      </Flex>

      {editable && (
        <Flex gap={8} style={{ marginTop: 8 }} role="group" aria-label={item.text}>
          {ANSWERS.map((choice) => {
            const chosen = shown === choice;
            return (
              <Button
                key={choice}
                size="large"
                color={COLORS[choice]}
                variant={chosen ? 'solid' : 'outlined'}
                icon={ICONS[choice]}
                aria-pressed={chosen}
                loading={pending === choice}
                disabled={Boolean(pending) && pending !== choice}
                onClick={() => void tap(choice)}
                data-testid={`checklist-${id}-${choice}`}
                style={{ flex: 1, minWidth: 0, minHeight: 48, paddingInline: 4 }}
              >
                {tk(`checklist_answer.${choice}`, choice)}
              </Button>
            );
          })}
        </Flex>
      )}

      {item.answer === 'fault' && !editing && (
        <div style={{ marginTop: 8 }} data-testid={`checklist-fault-${id}`}>
          {item.note && (
            <Typography.Paragraph style={{ ...wrap, marginBottom: 6 }} data-testid="checklist-fault-note-text">
              {item.note}
            </Typography.Paragraph>
          )}
          <Flex align="center" gap={8} wrap>
            {item.photo?.url && <Image src={item.photo.url} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} alt={t('inspections.faultPhoto')} data-testid="checklist-fault-photo" />}
            {editable && (
              <Button onClick={() => setEditing(true)} data-testid={`checklist-fault-edit-${id}`} style={{ minHeight: 40 }}>
                {t('inspections.faultEdit')}
              </Button>
            )}
          </Flex>
          <div style={{ marginTop: 8 }}>
            {item.repair ? (
              <Link to={`/work-orders/${item.repair.order_id}`} data-testid={`checklist-repair-link-${id}`}>
                <ToolOutlined /> {t('inspections.repairLink', { number: item.repair.number })}
              </Link>
            ) : editable ? (
              <Popconfirm
                title={t('inspections.repairConfirm')}
                description={t('inspections.repairConfirmHint')}
                onConfirm={() => void openRepair()}
                okText={t('inspections.repairOpen')}
                cancelText={t('common.cancel')}
                okButtonProps={{ 'data-testid': 'checklist-repair-ok' } as ButtonProps}
              >
                <Button icon={<ToolOutlined />} loading={repair.isPending} data-testid={`checklist-repair-${id}`} style={{ minHeight: 44 }}>
                  {t('inspections.repairOpen')}
                </Button>
              </Popconfirm>
            ) : null}
          </div>
        </div>
      )}

      {editable && editing && <FaultEditor order={order} area={area} index={index} item={item} onDone={() => setEditing(false)} onRefused={refused} />}

      {item.answered_at && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }} data-testid="checklist-item-by">
          {t('inspections.answeredBy', { name: item.answered_by_name ?? item.answered_by ?? '', time: formatTime(item.answered_at) })}
        </Typography.Text>
      )}
    </div>
  );
}

interface FaultValues {
  note?: string;
  photo_id?: string;
}

/** A fault's note and photo, saved together with the answer 故障; the server's 400s on their fields. */
function FaultEditor({ order, area, index, item, onDone, onRefused }: Omit<Props, 'editable'> & { onDone: () => void; onRefused: (err: unknown) => void }) {
  const { t } = useI18n();
  const handleFormError = useFormErrorHandler();
  const answer = useAnswerChecklist(order.id);
  const [form] = Form.useForm<FaultValues>();
  const [saving, setSaving] = useState(false);
  const id = `${area}-${index}`;

  const save = async () => {
    const { note, photo_id } = form.getFieldsValue();
    setSaving(true);
    try {
      await answer.mutateAsync({ area, item: index, answer: 'fault', note: note?.trim() || undefined, photo_id: photo_id || undefined });
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) handleFormError(form, err);
      else onRefused(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ note: item.note ?? undefined, photo_id: item.photo?.id }}
      style={{ marginTop: 8 }}
      data-testid={`checklist-fault-form-${id}`}
      onFinish={() => void save()}
      // a server's refusal on a field goes once the field is changed
      onValuesChange={(changed: FaultValues) => form.setFields((Object.keys(changed) as (keyof FaultValues)[]).map((name) => ({ name, errors: [] })))}
    >
      <Form.Item name="note" label={t('inspections.faultNote')} style={{ marginBottom: 8 }}>
        <Input.TextArea rows={2} maxLength={500} placeholder={t('inspections.faultNoteHint')} data-testid={`checklist-fault-note-${id}`} />
      </Form.Item>
      <Form.Item name="photo_id" label={t('field.photo_id')} style={{ marginBottom: 8 }} data-testid={`checklist-fault-photo-item-${id}`}>
        <FaultPhoto order={order} saved={item.photo} testId={`checklist-fault-photo-${id}`} />
      </Form.Item>
      <Flex gap={8}>
        <Button type="primary" danger htmlType="submit" loading={saving} data-testid={`checklist-fault-save-${id}`} style={{ flex: 1, minHeight: 44 }}>
          {t('inspections.faultSave')}
        </Button>
        <Button onClick={onDone} data-testid={`checklist-fault-cancel-${id}`} style={{ minHeight: 44 }}>
          {t('common.cancel')}
        </Button>
      </Flex>
    </Form>
  );
}
