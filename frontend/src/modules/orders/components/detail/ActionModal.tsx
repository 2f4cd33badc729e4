import { useCallback, useEffect, useRef, useState } from 'react';
import { Form, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { ApiError, getWorkOrder } from '../../../../api/client';
import type { ActionName, JsonSchema, Staff, WorkOrder, WorkOrderDetail } from '../../../../api/types';
import { uploadNow } from '../../../evidence/lib/direct';
import { SignaturePad, type SignaturePadHandle } from '../../../evidence/components/SignaturePad';
import { TechnicianPicker } from '../../../dispatch/components/TechnicianPicker';
import { UploadError } from '../../../evidence/lib/upload';
import { useI18n } from '../../../../i18n';
import { useErrorText, useFormErrorHandler } from '../../../../utils/errors';
import { useIsMobile } from '../../../../utils/useIsMobile';
import { useOrderAction } from '../../queries';
import { showPartNotIssued, UsedPartsField, usesIssuedParts } from '../../../parts/components/order/UsedPartsField';
import { PlanSummary, RepairSummary } from './DecisionSummary';
import { HandOverField } from './HandOverField';
import { fieldLabel, type FormatContext } from './format';
import { initialValues, toData } from './formValues';
import { SchemaField } from './SchemaField';
import { conductInitial, VisitConductField } from './VisitConductField';
import { formSheet } from '../../../../components/formSheet';
import { JobClassSelect } from '../../../technicians/components/JobClassSelect';
import {
  qualificationRefusal,
  QualificationRefusalAlert,
  SkillOverrideDialog,
  type GatedAction,
  type QualificationRefusal,
} from '../../../technicians/components/SkillOverride';
import { checklistIncomplete, ChecklistIncompleteAlert, ChecklistUnsavedAlert, unansweredOf } from '../../../contracts/components/checklist/ChecklistIncomplete';

/** The form field that holds the customer's signature (drawn on a pad, sent as an attachment id). */
const SIGNATURE_FIELD = 'signature_id';
/** Timeline events that only add evidence: an order moved on by these alone is not "changed by someone else". */
const EVIDENCE_EVENTS = new Set(['attachment_added', 'attachment_rejected']);
/** Actions whose technician is picked by workload, distance and stars (the dispatch area's picker). */
const PICKS_TECHNICIAN = new Set<ActionName>(['dispatch', 'reassign']);
/** Actions the dispatch gate checks (the technicians area): refused for a technician who lacks
 * the stars or a certificate, unless a manager overrides with a reason. */
const GATED = new Set<ActionName>(['dispatch', 'reassign', 'approve_plan']);
/** Actions that may hand the repair to another technician on the way (改由…主修): nobody is
 * chosen at first (the order's technician keeps it); the helpers follow the server's default. */
const HANDS_OVER = new Set<ActionName>(['approve_plan']);

interface Props {
  order: WorkOrderDetail;
  action: ActionName;
  /** The action's data schema from /api/lifecycle (empty when the action takes no data). */
  schema: JsonSchema;
  technicians: Staff[];
  /** Names and translations for the recorded data a decision shows (the plan, the repair). */
  ctx: FormatContext;
  onClose: () => void;
  onDone: (detail: WorkOrderDetail) => void;
  /** 409 stale_version: someone changed the order first. */
  onStale: (current: WorkOrder | undefined) => void;
  /** 403 or 409 invalid_transition: the action is not (or no longer) possible; the message was shown. */
  onRefused: () => void;
}

/** The form of one lifecycle action, built from its JSON Schema; full width on phones. */
export function ActionModal({ order, action, schema, technicians, ctx, onClose, onDone, onStale, onRefused }: Props) {
  const i18n = useI18n();
  const { t, te } = i18n;
  const isMobile = useIsMobile();
  const handleError = useFormErrorHandler();
  const errorText = useErrorText();
  const [form] = Form.useForm();
  const [submitting, setSubmitting] = useState(false);
  const { mutateAsync: takeAction } = useOrderAction(order.id);
  // the gate's refusal of what was sent last, and its override (强制派工) with a reason
  const [refusal, setRefusal] = useState<QualificationRefusal | null>(null);
  const [overriding, setOverriding] = useState(false);
  // an inspection's checklist with items unanswered: said as the completion's form opens (as the
  // page shows it), and again as the server refused it (409 checklist_incomplete), scrolled to
  const [incomplete, setIncomplete] = useState<ReturnType<typeof checklistIncomplete>>(() => (action === 'complete' ? unansweredOf(order) : null));
  const [refusedAt, setRefusedAt] = useState(0);
  const incompleteRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (refusedAt) incompleteRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [refusedAt]);
  const sent = useRef<{ version: number; data: Record<string, unknown> } | null>(null);
  const jobClass = Form.useWatch('job_class', form) as string | undefined;
  const [initial] = useState(() => {
    const values = initialValues(schema, order);
    delete values[SIGNATURE_FIELD];
    if (HANDS_OVER.has(action)) {
      delete values.technician;
      delete values.helpers;
    }
    if (action === 'return_visit' && 'conduct' in (schema.properties ?? {})) values.conduct = conductInitial();
    return values;
  });
  const required = new Set(schema.required ?? []);
  const properties = schema.properties ?? {};
  const hasSignature = SIGNATURE_FIELD in properties;
  // Parts issued to the order: the completion marks each used (or not) instead of free text.
  const issuedParts = action === 'complete' && 'parts_replaced' in properties && usesIssuedParts(order);
  // The server says whether this user's acceptance must carry the customer's signature.
  const signatureRequired = required.has(SIGNATURE_FIELD) || Boolean(order.evidence?.signature_required_of_me);
  const pad = useRef<SignaturePadHandle>(null);
  // The ink the uploaded signature was made of: a resubmit after another error does not upload it again.
  const ink = useRef(0);
  const uploaded = useRef<{ ink: number; id: string } | null>(null);
  const onInk = useCallback(() => {
    ink.current += 1;
  }, []);

  /** Uploads the drawn signature (online, not queued) and returns its attachment id. */
  const signatureId = async (): Promise<string | null> => {
    if (!pad.current || pad.current.isEmpty()) return null;
    if (uploaded.current && uploaded.current.ink === ink.current) return uploaded.current.id;
    const png = await pad.current.toPng();
    if (!png) return null;
    const drawn = ink.current;
    const attachment = await uploadNow({
      orderId: order.id,
      kind: 'signature',
      category: 'signature',
      blob: png,
      contentType: 'image/png',
      filename: 'signature.png',
    });
    uploaded.current = { ink: drawn, id: attachment.id };
    return attachment.id;
  };

  /**
   * The version to send after the signature went up. Should adding evidence move the order's
   * version on, that alone must not make the acceptance "stale". Read past the query cache:
   * a newer order on the page would start this open form over.
   */
  const versionAfterUpload = async (): Promise<number> => {
    const fresh = await getWorkOrder(order.id);
    if (fresh.version === order.version) return order.version;
    const newer = fresh.events.filter((e) => e.version > order.version);
    if (fresh.state === order.state && newer.every((e) => EVIDENCE_EVENTS.has(e.action))) return fresh.version;
    return order.version; // someone else acted: let the server say stale_version
  };

  const submit = async () => {
    let values: Record<string, unknown>;
    try {
      values = (await form.validateFields()) as Record<string, unknown>;
    } catch {
      return; // the form shows what is missing
    }
    setSubmitting(true);
    setIncomplete(null);
    try {
      const data = toData(values, schema);
      if (issuedParts) data.parts_replaced = values.parts_replaced ?? []; // none used: all go back
      let version = order.version;
      if (hasSignature) {
        delete data[SIGNATURE_FIELD];
        let id: string | null;
        const before = uploaded.current;
        try {
          id = await signatureId();
        } catch (err) {
          const reason = err instanceof UploadError ? t('queue.error.storage') : err instanceof ApiError ? (err.fields.file ?? errorText(err)) : errorText(err);
          form.setFields([{ name: [SIGNATURE_FIELD], errors: [t('evidence.signatureFailed', { error: reason })] }]);
          return;
        }
        if (id) {
          data[SIGNATURE_FIELD] = id;
          if (uploaded.current !== before) version = await versionAfterUpload().catch(() => order.version);
        }
      }
      sent.current = { version, data };
      onDone(await takeAction({ action, body: { version, data } }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stale_version') {
        onStale(err.current);
        return;
      }
      const refused = GATED.has(action) ? qualificationRefusal(err) : null;
      if (refused) {
        setRefusal(refused);
        return;
      }
      if (issuedParts && showPartNotIssued(form, err, errorText(err))) return;
      const unanswered = checklistIncomplete(err);
      if (unanswered) {
        setIncomplete(unanswered);
        setRefusedAt(Date.now());
        return;
      }
      handleError(form, err, 'data');
      if (err instanceof ApiError && (err.status === 403 || err.code === 'invalid_transition')) onRefused();
    } finally {
      setSubmitting(false);
    }
  };

  /** The refused action again, as sent, with the manager's reason: the timeline records it. */
  const override = async (reason: string) => {
    const last = sent.current;
    if (!last) return;
    try {
      onDone(await takeAction({ action, body: { version: last.version, data: { ...last.data, skill_override: { reason } } } }));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stale_version') {
        onStale(err.current);
        return;
      }
      throw err; // the dialog shows it (a field message on the reason)
    }
  };

  return (
    <Modal
      open
      title={te('action', action)}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={submitting}
      okButtonProps={{ 'data-testid': 'action-submit', danger: action === 'cancel' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'action-dismiss' } as ButtonProps}
      {...formSheet(isMobile, 640, `action-modal-${action}`)}
    >
      {/* What the decision is about, read-only above the form: the plan to approve or reject,
          the repair the customer accepts (above the signature pad) or objects to. */}
      {(action === 'approve_plan' || action === 'reject_plan') && <PlanSummary order={order} ctx={ctx} />}
      {(action === 'accept' || action === 'object') && <RepairSummary order={order} ctx={ctx} />}
      {action === 'complete' && order.checklist && <ChecklistUnsavedAlert orderId={order.id} />}
      {incomplete && (
        <div ref={incompleteRef} style={{ scrollMarginTop: 8 }}>
          <ChecklistIncompleteAlert order={order} refusal={incomplete} onGo={onClose} />
        </div>
      )}
      {refusal && (
        <QualificationRefusalAlert refusal={refusal} name={ctx.nameOf(refusal.technician)} action={action as GatedAction} onOverride={() => setOverriding(true)} />
      )}
      {refusal && overriding && (
        <SkillOverrideDialog
          refusal={refusal}
          name={ctx.nameOf(refusal.technician)}
          action={action as GatedAction}
          onCancel={() => setOverriding(false)}
          onConfirm={override}
        />
      )}
      {/* a changed choice is not what the gate refused */}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={() => void submit()} onValuesChange={() => setRefusal(null)}>
        {Object.entries(properties).map(([key, prop]) =>
          key === SIGNATURE_FIELD ? (
            <Form.Item
              key={key}
              name={key}
              label={fieldLabel(i18n, key)}
              required={signatureRequired}
              rules={signatureRequired ? [{ required: true, message: t('evidence.signatureMissing') }] : []}
              data-testid="field-signature_id"
            >
              <SignaturePad ref={pad} onInk={onInk} disabled={submitting} />
            </Form.Item>
          ) : key === 'technician' && PICKS_TECHNICIAN.has(action) ? (
            <Form.Item
              key={key}
              name={key}
              label={fieldLabel(i18n, key)}
              required={required.has(key)}
              rules={required.has(key) ? [{ required: true, message: t('common.required', { label: fieldLabel(i18n, key) }) }] : []}
              data-testid="field-technician"
            >
              <TechnicianPicker orderId={order.id} jobClass={jobClass} />
            </Form.Item>
          ) : key === 'technician' && HANDS_OVER.has(action) ? (
            <Form.Item
              key={key}
              name={key}
              label={t('detail.handOver.label')}
              extra={order.technician ? t('detail.handOver.keep', { name: order.technician_name ?? ctx.nameOf(order.technician) }) : undefined}
              data-testid="field-hand-over"
            >
              <HandOverField orderId={order.id} />
            </Form.Item>
          ) : key === 'skill_override' || (key === 'helpers' && HANDS_OVER.has(action)) ? null : key === 'job_class' || key === 'job_classes' ? (
            // head office's job classes (工种): the order's (a dispatch may correct it), a plan's
            <Form.Item key={key} name={key} label={fieldLabel(i18n, key)} data-testid={`field-${key}`}>
              <JobClassSelect multiple={key === 'job_classes'} data-testid={`job-class-select-${key}`} />
            </Form.Item>
          ) : key === 'conduct' && action === 'return_visit' ? (
            <VisitConductField key={key} />
          ) : key === 'parts_replaced' && issuedParts ? (
            <UsedPartsField key={key} order={order} label={fieldLabel(i18n, key)} />
          ) : (
            <SchemaField key={key} name={[key]} fieldKey={key} schema={prop} required={required.has(key)} technicians={technicians} />
          ),
        )}
      </Form>
    </Modal>
  );
}
