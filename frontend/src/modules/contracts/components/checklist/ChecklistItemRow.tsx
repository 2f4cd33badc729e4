import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, type ButtonProps, Flex, Form, Input, Popconfirm, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, MinusOutlined, ToolOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useCan } from '../../../../access';
import { ApiError } from '../../../../api/client';
import type { WorkOrderDetail } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { isStaleVersion, useFormErrorHandler, useShowError } from '../../../../utils/errors';
import { useIdempotencyKey } from '../../../../utils/idempotency';
import { formatTime } from '../../../../utils/time';
import { FreshThumb } from '../../../evidence/components/FreshFile';
import { refetchWorkOrder } from '../../../orders/queries';
import { useAnswerChecklist, useOpenRepair } from '../../inspectionQueries';
import type { ChecklistAnswer, ChecklistItem } from '../../inspectionTypes';
import { FaultPhoto } from './FaultPhoto';
import { markUnsaved } from './unsaved';

const ANSWERS: ChecklistAnswer[] = ['ok', 'fault', 'na'];
const COLORS: Record<ChecklistAnswer, 'green' | 'danger' | 'default'> = { ok: 'green', fault: 'danger', na: 'default' };
const ICONS: Record<ChecklistAnswer, JSX.Element> = { ok: <CheckOutlined />, fault: <CloseOutlined />, na: <MinusOutlined /> };
const TAG_COLORS: Record<ChecklistAnswer, string> = { ok: 'success', fault: 'error', na: 'default' };
const wrap = { wordBreak: 'break-word' as const };
// three to a 375 px row: the icon above the label, a long label (Not applicable) wraps inside
const ANSWER_BUTTON = {
  flex: 1,
  minWidth: 0,
  minHeight: 56,
  height: 'auto',
  paddingInline: 4,
  paddingBlock: 6,
  flexDirection: 'column' as const,
  gap: 2,
  whiteSpace: 'normal' as const,
  lineHeight: 1.2,
  overflowWrap: 'anywhere' as const,
};
const VISUALLY_HIDDEN = { position: 'absolute' as const, width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' as const };

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
  const can = useCan();
  const showError = useShowError();
  const answer = useAnswerChecklist(order.id);
  const repair = useOpenRepair(order.id);
  const idempotency = useIdempotencyKey();
  const [pending, setPending] = useState<ChecklistAnswer | null>(null);
  const [editing, setEditing] = useState(false);
  // what a screen reader hears after a save (polite): saved as …, or failed
  const [said, setSaid] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const id = `${area}-${index}`;
  // the buttons show the saved answer (or the one being saved), never an editor not saved yet
  const shown = pending ?? item.answer;
  const callouts = order.contract?.callouts;
  const charged = Boolean(callouts) && callouts!.remaining <= 0;
  const mayOverride = charged && can('contracts.write');

  const refused = (err: unknown) => {
    setSaid(t('inspections.saveFailed'));
    if (isStaleVersion(err)) {
      // the order was read again before the next save went (inspectionQueries' turn)
      void message.warning(t('inspections.stale'));
      return;
    }
    showError(err);
  };

  const tap = async (choice: ChecklistAnswer) => {
    if (choice === 'fault') {
      if (item.answer !== 'fault') setEditing(true);
      return;
    }
    setEditing(false);
    if (choice === item.answer) return;
    setPending(choice);
    setSaid('');
    try {
      await answer.mutateAsync({ area, item: index, answer: choice, seen: item.answer ?? null });
      setSaid(t('inspections.savedAs', { answer: tk(`checklist_answer.${choice}`, choice) }));
    } catch (err) {
      refused(err);
    } finally {
      setPending(null);
    }
  };

  const openRepair = async () => {
    try {
      const reason = mayOverride ? overrideReason.trim() : '';
      const opened = await repair.mutateAsync({ area, item: index, calloutOverride: reason || undefined, idempotencyKey: idempotency.key });
      idempotency.renew();
      setOverrideReason('');
      void message.success(t('inspections.repairOpened', { number: opened.order.number }));
    } catch (err) {
      idempotency.settle(err); // repair_exists: the order was read again in its turn (the link shows)
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
        <Flex gap={8} style={{ marginTop: 8 }} role="group" aria-label={item.text} aria-busy={Boolean(pending)}>
          {ANSWERS.map((choice) => {
            const chosen = shown === choice;
            // 故障 with its editor open and not saved: outlined, dashed (not the saved answer)
            const drafting = choice === 'fault' && editing && !chosen;
            return (
              <Button
                key={choice}
                size="large"
                color={COLORS[choice]}
                variant={chosen ? 'solid' : drafting ? 'dashed' : 'outlined'}
                icon={ICONS[choice]}
                aria-pressed={chosen}
                aria-expanded={choice === 'fault' ? editing : undefined}
                loading={pending === choice}
                disabled={Boolean(pending) && pending !== choice}
                onClick={() => void tap(choice)}
                data-testid={`checklist-${id}-${choice}`}
                data-unsaved={drafting ? 'true' : undefined}
                style={ANSWER_BUTTON}
              >
                {tk(`checklist_answer.${choice}`, choice)}
              </Button>
            );
          })}
        </Flex>
      )}
      {editable && (
        <span role="status" aria-live="polite" style={VISUALLY_HIDDEN} data-testid={`checklist-said-${id}`}>
          {said}
        </span>
      )}

      {item.answer === 'fault' && !editing && (
        <div style={{ marginTop: 8 }} data-testid={`checklist-fault-${id}`}>
          {item.note && (
            <Typography.Paragraph style={{ ...wrap, marginBottom: 6 }} data-testid="checklist-fault-note-text">
              {item.note}
            </Typography.Paragraph>
          )}
          <Flex align="center" gap={8} wrap>
            {item.photo?.url && (
              // its link came with the order: a lapsed one is renewed by reading the order anew
              <FreshThumb thumb={item.photo.url} size={72} alt={t('inspections.faultPhoto')} renew={() => refetchWorkOrder(client, order.id)} testId="checklist-fault-photo" />
            )}
            {editable && (
              <Button onClick={() => setEditing(true)} data-testid={`checklist-fault-edit-${id}`} style={{ minHeight: 44 }}>
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
                description={
                  <div style={{ maxWidth: 280, ...wrap }}>
                    {charged ? (
                      <Typography.Text type="warning" data-testid={`checklist-repair-charged-${id}`}>
                        {t('inspections.repairCharged', { used: callouts!.used, included: callouts!.included })}
                      </Typography.Text>
                    ) : (
                      t('inspections.repairConfirmHint')
                    )}
                    {mayOverride && (
                      <Input.TextArea
                        rows={2}
                        maxLength={200}
                        value={overrideReason}
                        onChange={(e) => setOverrideReason(e.target.value)}
                        placeholder={t('inspections.repairOverrideHint')}
                        aria-label={t('inspections.repairOverride')}
                        style={{ marginTop: 6 }}
                        data-testid={`checklist-repair-override-${id}`}
                      />
                    )}
                  </div>
                }
                onConfirm={() => void openRepair()}
                okText={t('inspections.repairOpen')}
                cancelText={t('common.cancel')}
                okButtonProps={{ 'data-testid': 'checklist-repair-ok', size: 'large', style: { minHeight: 44 } } as ButtonProps}
                cancelButtonProps={{ size: 'large', style: { minHeight: 44 } }}
              >
                <Button icon={<ToolOutlined />} loading={repair.isPending} data-testid={`checklist-repair-${id}`} style={{ minHeight: 44 }}>
                  {t('inspections.repairOpen')}
                </Button>
              </Popconfirm>
            ) : null}
          </div>
        </div>
      )}

      {editable && editing && (
        <FaultEditor
          order={order}
          area={area}
          index={index}
          item={item}
          onDone={() => setEditing(false)}
          onSaved={() => setSaid(t('inspections.savedAs', { answer: tk('checklist_answer.fault', 'fault') }))}
          onRefused={refused}
        />
      )}

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
function FaultEditor({ order, area, index, item, onDone, onSaved, onRefused }: Omit<Props, 'editable'> & { onDone: () => void; onSaved: () => void; onRefused: (err: unknown) => void }) {
  const { t } = useI18n();
  const handleFormError = useFormErrorHandler();
  const answer = useAnswerChecklist(order.id);
  const [form] = Form.useForm<FaultValues>();
  const [saving, setSaving] = useState(false);
  const id = `${area}-${index}`;
  const areaName = order.checklist?.areas[area]?.area ?? '';
  // typed or chosen and not saved: the completion's form says so
  const track = (values: FaultValues) => {
    const differs = (values.note ?? '').trim() !== (item.note ?? '') || (values.photo_id ?? '') !== (item.photo?.id ?? '');
    markUnsaved(order.id, id, differs ? `${areaName} · ${item.text}` : null);
  };
  useEffect(() => {
    track(form.getFieldsValue());
    return () => markUnsaved(order.id, id, null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [order.id, id]);

  const save = async () => {
    const { note, photo_id } = form.getFieldsValue();
    setSaving(true);
    try {
      await answer.mutateAsync({ area, item: index, answer: 'fault', note: note?.trim() || undefined, photo_id: photo_id || undefined, seen: item.answer ?? null });
      markUnsaved(order.id, id, null);
      onSaved();
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
      onValuesChange={(changed: FaultValues, all: FaultValues) => {
        form.setFields((Object.keys(changed) as (keyof FaultValues)[]).map((name) => ({ name, errors: [] })));
        track(all);
      }}
    >
      {item.answer !== 'fault' && (
        <Tag color="warning" style={{ marginBottom: 8 }} data-testid={`checklist-fault-unsaved-${id}`}>
          {t('inspections.faultUnsaved')}
        </Tag>
      )}
      <Form.Item name="note" label={t('inspections.faultNote')} style={{ marginBottom: 8 }}>
        <Input.TextArea rows={2} maxLength={500} placeholder={t('inspections.faultNoteHint')} data-testid={`checklist-fault-note-${id}`} />
      </Form.Item>
      <Form.Item name="photo_id" label={t('field.photo_id')} style={{ marginBottom: 8 }} data-testid={`checklist-fault-photo-item-${id}`}>
        <FaultPhoto order={order} area={area} index={index} saved={item.photo} testId={`checklist-fault-photo-${id}`} />
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
