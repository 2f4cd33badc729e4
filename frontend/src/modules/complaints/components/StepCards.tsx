import type { ReactNode } from 'react';
import { Alert, Card, Descriptions, Flex, Form, Input, Radio, Select, Tag, Typography } from 'antd';
import { CheckCircleTwoTone, ClockCircleOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { MAX_SHORT, MAX_TEXT } from '../../../api/types';
import { DateTimeInput } from '../../../components/DateTimeInput';
import { useI18n } from '../../../i18n';
import { fenToYuan, formatFen } from '../../../utils/money';
import { formatTime, pickerToDate, pickerToIso } from '../../../utils/time';
import { StaffSelect } from '../../directory/components/StaffSelect';
import { ActionForm } from './ActionForm';
import { departmentName } from './departments';
import { PenaltyFields, penaltyAmountFen } from './PenaltyFields';
import { LoopTag } from './tags';
import {
  ANSWERS,
  PENALTY_DECISIONS,
  RESPONSIBILITY_KINDS,
  STEPS,
  TELL_CHANNELS,
  type Complaint,
  type ComplaintActionName,
  type ComplaintSettings,
  type ComplaintStep,
} from '../types';

interface Ctx {
  complaint: Complaint;
  settings: ComplaintSettings | undefined;
  can: (action: ComplaintActionName) => boolean;
  onIncomplete: (steps: ComplaintStep[]) => void;
}

/** "by · at" of a recorded step. */
function useByAt() {
  const { t } = useI18n();
  return (rec: { by?: string; by_name?: string | null; at?: string } | null | undefined) =>
    rec ? t('complaints.byAt', { by: rec.by_name ?? rec.by ?? '-', at: formatTime(rec.at) }) : '';
}

function StepCard({ id, title, done, extra, children }: { id: string; title: ReactNode; done: boolean; extra?: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid={`complaint-step-${id}`}
      data-done={done}
      title={
        <Flex gap={8} align="center" wrap>
          {done ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <ClockCircleOutlined style={{ color: '#bfbfbf' }} />}
          <span>{title}</span>
          {extra}
        </Flex>
      }
      extra={<Typography.Text type="secondary">{done ? t('complaints.recorded') : t('complaints.pending')}</Typography.Text>}
    >
      {children}
    </Card>
  );
}

const text = (name: string, label: string, required: string, testId: string, rows = 2) => (
  <Form.Item name={name} label={label} rules={[{ required: true, whitespace: true, message: required }]}>
    <Input.TextArea maxLength={MAX_TEXT} autoSize={{ minRows: rows, maxRows: 8 }} data-testid={testId} />
  </Form.Item>
);

const trimmed = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** Radio options whose labels carry test ids (a click on the label picks the option). */
function radios<V extends string>(values: readonly V[], label: (v: V) => string, testId: string) {
  return values.map((v) => (
    <Radio key={v} value={v}>
      <span data-testid={`${testId}-${v}`}>{label(v)}</span>
    </Radio>
  ));
}

// ---- 判定 (does it stand) -----------------------------------------------------------------------

function JudgeStep({ complaint, can }: Ctx) {
  const { t, tk } = useI18n();
  const byAt = useByAt();
  const j = complaint.judgement;
  const req = (label: string) => t('common.required', { label });
  return (
    <StepCard id="judge" title={t('complaints.stepJudge')} done={Boolean(j)}>
      {complaint.judged_by_head_office && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('complaints.judgedByHeadOffice')} />}
      {j ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('complaints.stands')}>
            <Tag color={j.stands ? 'red' : 'default'} data-testid="complaint-stands" data-stands={j.stands}>
              {j.stands ? t('complaints.standsYes') : t('complaints.standsNo')}
            </Tag>
            <Typography.Text type="secondary">{byAt(j)}</Typography.Text>
          </Descriptions.Item>
          {j.reason && <Descriptions.Item label={t('complaints.unfoundedReason')}>{j.reason}</Descriptions.Item>}
          {j.explanation && (
            <Descriptions.Item label={t('complaints.explanation')}>
              {j.explanation.text} · {tk(`complaint_channel.${j.explanation.channel}`, j.explanation.channel)} · {formatTime(j.explanation.at)}
            </Descriptions.Item>
          )}
        </Descriptions>
      ) : (
        !can('judge') && <Typography.Text type="secondary">{t('complaints.notYet')}</Typography.Text>
      )}
      {can('judge') && (
        <ActionForm
          complaint={complaint}
          action="judge"
          initialValues={{ stands: true, channel: 'phone' }}
          toData={(v: { stands: boolean; reason?: string; text?: string; channel: string; at?: Dayjs | null }) =>
            v.stands
              ? { stands: true }
              : {
                  stands: false,
                  reason: trimmed(v.reason),
                  explanation: { text: trimmed(v.text), channel: v.channel, ...(v.at && { at: pickerToIso(v.at) }) },
                }
          }
        >
          {(form) => (
            <>
              <Form.Item name="stands" label={t('complaints.stands')}>
                <Radio.Group>
                  <Radio value>
                    <span data-testid="judge-stands-yes">{t('complaints.standsYes')}</span>
                  </Radio>
                  <Radio value={false}>
                    <span data-testid="judge-stands-no">{t('complaints.standsNo')}</span>
                  </Radio>
                </Radio.Group>
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.stands !== b.stands}>
                {() =>
                  form.getFieldValue('stands') === false && (
                    <>
                      {text('reason', t('complaints.unfoundedReason'), req(t('complaints.unfoundedReason')), 'judge-reason')}
                      {text('text', t('complaints.explanation'), req(t('complaints.explanation')), 'judge-explanation')}
                      <Flex gap={12} wrap>
                        <Form.Item name="channel" label={t('complaints.explanationChannel')} style={{ minWidth: 160 }}>
                          <Select data-testid="judge-channel" options={TELL_CHANNELS.map((c) => ({ value: c, label: t(`complaint_channel.${c}`) }))} />
                        </Form.Item>
                        <Form.Item name="at" label={t('complaints.explanationAt')}>
                          <DateTimeInput data-testid="judge-at" />
                        </Form.Item>
                      </Flex>
                    </>
                  )
                }
              </Form.Item>
            </>
          )}
        </ActionForm>
      )}
    </StepCard>
  );
}

// ---- route ----------------------------------------------------------------------------------------

function RouteStep({ complaint }: Ctx) {
  const { t } = useI18n();
  const r = complaint.route;
  return (
    <StepCard id="route" title={t('complaints.stepRoute')} done={Boolean(r)}>
      {r ? (
        <span data-testid="complaint-route" data-department={r.department}>
          {t('complaints.routedTo', { department: r.department_name ?? r.department, handler: t(`complaint_handler.${r.handled_by}`) })}
        </span>
      ) : (
        <Typography.Text type="secondary">{t('complaints.notYet')}</Typography.Text>
      )}
    </StepCard>
  );
}

// ---- cause, solution ------------------------------------------------------------------------------

function CauseStep({ complaint, can }: Ctx) {
  const { t } = useI18n();
  const byAt = useByAt();
  const c = complaint.cause;
  return (
    <StepCard id="cause" title={t('complaint_step.cause')} done={Boolean(c)}>
      {c ? (
        <div data-testid="complaint-cause">
          {c.text} <Typography.Text type="secondary">· {byAt(c)}</Typography.Text>
        </div>
      ) : (
        !can('record_cause') && <Typography.Text type="secondary">{t('complaints.notYet')}</Typography.Text>
      )}
      {can('record_cause') && (
        <ActionForm complaint={complaint} action="record_cause" toData={(v: { cause: string }) => ({ cause: v.cause.trim() })}>
          {() => text('cause', t('complaints.cause'), t('common.required', { label: t('complaints.cause') }), 'cause-text')}
        </ActionForm>
      )}
    </StepCard>
  );
}

function SolutionStep({ complaint, can }: Ctx) {
  const { t } = useI18n();
  const byAt = useByAt();
  const s = complaint.solution;
  return (
    <StepCard id="solution" title={t('complaint_step.solution')} done={Boolean(s?.approved)}>
      {s ? (
        <div data-testid="complaint-solution">
          {s.text}{' '}
          <Tag color={s.approved ? 'success' : 'gold'} data-testid="solution-approved" data-approved={s.approved}>
            {s.approved ? t('complaints.approved') : t('complaints.notApproved')}
          </Tag>
          <Typography.Text type="secondary">
            {byAt(s)}
            {s.approved && ` · ${t('complaints.approvedBy')} ${s.approved_by_name ?? s.approved_by ?? ''}`}
          </Typography.Text>
        </div>
      ) : (
        !can('propose_solution') && <Typography.Text type="secondary">{t('complaints.notYet')}</Typography.Text>
      )}
      {can('approve_solution') && s && !s.approved && (
        <ActionForm complaint={complaint} action="approve_solution" toData={(v: { note?: string }) => (trimmed(v.note) ? { note: trimmed(v.note) } : {})}>
          {() => (
            <Form.Item name="note" label={t('complaints.note')}>
              <Input maxLength={MAX_SHORT} data-testid="approve-note" />
            </Form.Item>
          )}
        </ActionForm>
      )}
      {can('propose_solution') && (
        <ActionForm complaint={complaint} action="propose_solution" toData={(v: { solution: string }) => ({ solution: v.solution.trim() })}>
          {() => text('solution', t('complaints.solution'), t('common.required', { label: t('complaints.solution') }), 'solution-text')}
        </ActionForm>
      )}
    </StepCard>
  );
}

// ---- 通知顾客 -------------------------------------------------------------------------------------

function NotifyStep({ complaint, can }: Ctx) {
  const { t, tk } = useI18n();
  const notes = complaint.notifications;
  const last = notes[notes.length - 1];
  return (
    <StepCard id="customer" title={t('complaint_step.customer')} done={!complaint.missing.includes('customer') && last?.answer === 'satisfied'} extra={<LoopTag loops={complaint.loops} />}>
      {notes.length > 0 ? (
        <Flex vertical gap={4} data-testid="complaint-notifications">
          {notes.map((n, i) => (
            <div key={`${n.at}-${i}`} data-testid="complaint-notification" data-answer={n.answer}>
              <Tag color={n.answer === 'satisfied' ? 'success' : 'error'}>{t(`customer_answer.${n.answer}`)}</Tag>
              {tk(`complaint_channel.${n.channel}`, n.channel)} · {formatTime(n.told_at ?? n.at)} · {n.by_name ?? n.by}
              {n.note && <div>{n.note}</div>}
            </div>
          ))}
        </Flex>
      ) : (
        !can('notify_customer') && <Typography.Text type="secondary">{t('complaints.notYet')}</Typography.Text>
      )}
      {can('notify_customer') && (
        <ActionForm
          complaint={complaint}
          action="notify_customer"
          initialValues={{ channel: 'phone' }}
          toData={(v: { channel: string; answer: string; note?: string; at?: Dayjs | null }) => ({
            channel: v.channel,
            answer: v.answer,
            ...(trimmed(v.note) && { note: trimmed(v.note) }),
            ...(v.at && { at: pickerToIso(v.at) }),
          })}
        >
          {() => (
            <>
              <Form.Item name="answer" label={t('complaints.answer')} extra={t('complaints.notSatisfiedHint')} rules={[{ required: true, message: t('common.required', { label: t('complaints.answer') }) }]}>
                <Radio.Group>{radios(ANSWERS, (a) => t(`customer_answer.${a}`), 'notify-answer')}</Radio.Group>
              </Form.Item>
              <Flex gap={12} wrap>
                <Form.Item name="channel" label={t('complaints.channel')} style={{ minWidth: 160 }}>
                  <Select data-testid="notify-channel" options={TELL_CHANNELS.map((c) => ({ value: c, label: t(`complaint_channel.${c}`) }))} />
                </Form.Item>
                <Form.Item name="at" label={t('complaints.toldAt')}>
                  <DateTimeInput data-testid="notify-at" />
                </Form.Item>
              </Flex>
              <Form.Item name="note" label={t('complaints.note')}>
                <Input.TextArea maxLength={MAX_TEXT} autoSize={{ minRows: 1, maxRows: 4 }} data-testid="notify-note" />
              </Form.Item>
            </>
          )}
        </ActionForm>
      )}
    </StepCard>
  );
}

// ---- 认定责任 -------------------------------------------------------------------------------------

function ResponsibilityStep({ complaint, settings, can }: Ctx) {
  const { t, lang } = useI18n();
  const byAt = useByAt();
  const r = complaint.responsibility;
  // the route names its department for every reader; another one is named by head office's settings
  const route = complaint.route;
  const routedName = route && r?.department === route.department ? route.department_name : null;
  return (
    <StepCard id="responsibility" title={t('complaint_step.responsibility')} done={Boolean(r)}>
      {r ? (
        <div data-testid="complaint-responsibility" data-kind={r.kind}>
          <Tag>{t(`responsibility_kind.${r.kind}`)}</Tag>
          {r.kind === 'person' && r.person && <Link to={`/people/${r.person}`}>{r.person_name ?? r.person}</Link>}
          {r.kind === 'department' && (routedName ?? departmentName(settings, r.department, lang))}
          {r.reason && <span> · {r.reason}</span>} <Typography.Text type="secondary">· {byAt(r)}</Typography.Text>
        </div>
      ) : (
        !can('record_responsibility') && <Typography.Text type="secondary">{t('complaints.notYet')}</Typography.Text>
      )}
      {can('record_responsibility') && (
        <ActionForm
          complaint={complaint}
          action="record_responsibility"
          initialValues={{ kind: complaint.about.staff ? 'person' : 'department', person: complaint.about.staff }}
          toData={(v: { kind: string; person?: string; department?: string; reason?: string }) => ({
            kind: v.kind,
            ...(v.kind === 'person' && v.person && { person: v.person }),
            ...(v.kind === 'department' && v.department && { department: v.department }),
            ...(trimmed(v.reason) && { reason: trimmed(v.reason) }),
          })}
        >
          {(form) => (
            <>
              <Form.Item name="kind" label={t('complaints.responsibilityKind')}>
                <Radio.Group>{radios(RESPONSIBILITY_KINDS, (k) => t(`responsibility_kind.${k}`), 'responsibility-kind')}</Radio.Group>
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
                {() => {
                  const kind = form.getFieldValue('kind') as string;
                  const req = (label: string) => [{ required: true, message: t('common.required', { label }) }];
                  return (
                    <>
                      {kind === 'person' && (
                        <Form.Item name="person" label={t('complaints.person')} rules={req(t('complaints.person'))}>
                          <StaffSelect outlet={complaint.outlet} testId="responsibility-person" />
                        </Form.Item>
                      )}
                      {kind === 'department' && (
                        <Form.Item name="department" label={t('complaints.responsibleDepartment')} rules={req(t('complaints.responsibleDepartment'))}>
                          <Select
                            data-testid="responsibility-department"
                            options={(settings?.departments ?? []).map((d) => ({ value: d.code, label: lang === 'zh-CN' ? d.name_zh : d.name_en }))}
                          />
                        </Form.Item>
                      )}
                      <Form.Item name="reason" label={t('complaints.reason')} rules={kind === 'none' ? req(t('complaints.reason')) : []}>
                        <Input.TextArea maxLength={MAX_TEXT} autoSize={{ minRows: 1, maxRows: 4 }} data-testid="responsibility-reason" />
                      </Form.Item>
                    </>
                  );
                }}
              </Form.Item>
            </>
          )}
        </ActionForm>
      )}
    </StepCard>
  );
}

// ---- 责任处罚 -------------------------------------------------------------------------------------

function PenaltyStep({ complaint, can }: Ctx) {
  const { t } = useI18n();
  const byAt = useByAt();
  const p = complaint.penalty;
  const proposal = complaint.penalty_proposal;
  const responsible = complaint.responsibility;
  return (
    <StepCard id="penalty" title={t('complaint_step.penalty')} done={Boolean(p)}>
      {p && (
        <div data-testid="complaint-penalty" data-decision={p.decision}>
          <Tag color={p.decision === 'penalty' ? 'red' : 'default'}>{t(`penalty_decision.${p.decision}`)}</Tag>
          {p.decision === 'penalty' && (
            <>
              {p.person && <Link to={`/people/${p.person}`}>{p.person_name ?? p.person}</Link>}
              {p.penalty_kind && ` · ${t(`penalty_kind.${p.penalty_kind}`)}`}
              {typeof p.amount_fen === 'number' && p.amount_fen > 0 && <span data-testid="penalty-amount"> · {formatFen(p.amount_fen)}</span>}
              {p.month && ` · ${t('complaints.penaltyMonth')} ${p.month}`}
            </>
          )}
          {p.reason && <span> · {p.reason}</span>} <Typography.Text type="secondary">· {byAt(p)}</Typography.Text>
        </div>
      )}
      {!p && !can('decide_penalty') && <Typography.Text type="secondary">{t('complaints.notYet')}</Typography.Text>}
      {can('decide_penalty') && (
        <>
          {proposal && (
            <Alert
              type={proposal.repeat ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 8 }}
              data-testid="penalty-proposal"
              data-amount-fen={proposal.amount_fen}
              message={t('complaints.proposal', { amount: formatFen(proposal.amount_fen) })}
              description={
                proposal.repeat
                  ? t('complaints.proposalRepeat', { number: proposal.repeat_of?.number ?? proposal.repeat_of?.id ?? '', multiplier: proposal.multiplier })
                  : undefined
              }
            />
          )}
          <ActionForm
            complaint={complaint}
            action="decide_penalty"
            initialValues={{
              decision: responsible?.kind === 'none' ? 'none' : 'penalty',
              person: responsible?.kind === 'person' ? responsible.person : complaint.about.staff,
              penalty_kind: 'fine',
              amount: proposal && proposal.amount_fen > 0 ? fenToYuan(proposal.amount_fen) : undefined,
            }}
            toData={(v: { decision: string; person?: string; penalty_kind?: string; amount?: string; reason?: string }) => {
              if (v.decision === 'none') return { decision: 'none', reason: trimmed(v.reason) };
              const fen = penaltyAmountFen(v.penalty_kind, v.amount);
              return {
                decision: 'penalty',
                ...(v.person && { person: v.person }),
                ...(v.penalty_kind && { penalty_kind: v.penalty_kind }),
                ...(fen !== null && { amount_fen: fen }),
                ...(trimmed(v.reason) && { reason: trimmed(v.reason) }),
              };
            }}
          >
            {(form) => (
              <>
                <Form.Item name="decision" label={t('complaints.decision')}>
                  <Radio.Group>{radios(PENALTY_DECISIONS, (d) => t(`penalty_decision.${d}`), 'penalty-decision')}</Radio.Group>
                </Form.Item>
                <Form.Item noStyle shouldUpdate={(a, b) => a.decision !== b.decision || a.penalty_kind !== b.penalty_kind}>
                  {() => {
                    const decision = form.getFieldValue('decision') as string;
                    const kind = form.getFieldValue('penalty_kind') as string | undefined;
                    const req = (label: string) => ({ required: true, whitespace: true, message: t('common.required', { label }) });
                    if (decision === 'none') {
                      return (
                        <Form.Item name="reason" label={t('complaints.reason')} rules={[req(t('complaints.reason'))]}>
                          <Input.TextArea maxLength={MAX_TEXT} autoSize={{ minRows: 1, maxRows: 4 }} data-testid="penalty-reason" />
                        </Form.Item>
                      );
                    }
                    return (
                      <>
                        <Flex gap={12} wrap>
                          <Form.Item name="person" label={t('complaints.person')} style={{ minWidth: 200 }} rules={[{ required: true, message: t('common.required', { label: t('complaints.person') }) }]}>
                            <StaffSelect outlet={complaint.outlet} testId="penalty-person" />
                          </Form.Item>
                          <PenaltyFields kind={kind} testIds={{ kind: 'penalty-kind', amount: 'penalty-amount-input' }} />
                        </Flex>
                        <Form.Item name="reason" label={t('complaints.reason')}>
                          <Input.TextArea maxLength={MAX_TEXT} autoSize={{ minRows: 1, maxRows: 4 }} data-testid="penalty-reason" />
                        </Form.Item>
                      </>
                    );
                  }}
                </Form.Item>
              </>
            )}
          </ActionForm>
        </>
      )}
    </StepCard>
  );
}

// ---- 改善对策 -------------------------------------------------------------------------------------

function ImprovementStep({ complaint, can }: Ctx) {
  const { t } = useI18n();
  const byAt = useByAt();
  const m = complaint.improvement;
  return (
    <StepCard id="improvement" title={t('complaint_step.improvement')} done={Boolean(m)}>
      {m && (
        <Descriptions size="small" column={1} data-testid="complaint-improvement">
          <Descriptions.Item label={t('complaints.measure')}>{m.measure}</Descriptions.Item>
          <Descriptions.Item label={t('complaints.owner')}>
            <Link to={`/people/${m.owner}`}>{m.owner_name ?? m.owner}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('complaints.dueDate')}>{m.due_date}</Descriptions.Item>
          {m.done_at && (
            <Descriptions.Item label={t('complaints.result')}>
              <span data-testid="improvement-done">
                {m.result} · {formatTime(m.done_at)}
              </span>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('complaints.recordedBy')}>{byAt(m)}</Descriptions.Item>
        </Descriptions>
      )}
      {!m && !can('plan_improvement') && <Typography.Text type="secondary">{t('complaints.notYet')}</Typography.Text>}
      {can('complete_improvement') && (
        <ActionForm complaint={complaint} action="complete_improvement" toData={(v: { result: string }) => ({ result: v.result.trim() })}>
          {() => text('result', t('complaints.result'), t('common.required', { label: t('complaints.result') }), 'improvement-result', 1)}
        </ActionForm>
      )}
      {can('plan_improvement') && (
        <ActionForm
          complaint={complaint}
          action="plan_improvement"
          toData={(v: { measure: string; owner: string; due_date: Dayjs }) => ({ measure: v.measure.trim(), owner: v.owner, due_date: pickerToDate(v.due_date) })}
        >
          {() => (
            <>
              {text('measure', t('complaints.measure'), t('common.required', { label: t('complaints.measure') }), 'improvement-measure')}
              <Flex gap={12} wrap>
                <Form.Item name="owner" label={t('complaints.owner')} style={{ minWidth: 200 }} rules={[{ required: true, message: t('common.required', { label: t('complaints.owner') }) }]}>
                  <StaffSelect outlet={complaint.outlet} testId="improvement-owner" />
                </Form.Item>
                <Form.Item name="due_date" label={t('complaints.dueDate')} rules={[{ required: true, message: t('common.required', { label: t('complaints.dueDate') }) }]}>
                  <DateTimeInput withTime={false} data-testid="improvement-due" />
                </Form.Item>
              </Flex>
            </>
          )}
        </ActionForm>
      )}
    </StepCard>
  );
}

// ---- 结案 -----------------------------------------------------------------------------------------

function CloseStep({ complaint, can, onIncomplete, incomplete }: Ctx & { incomplete: ComplaintStep[] | null }) {
  const { t } = useI18n();
  const byAt = useByAt();
  const c = complaint.closed;
  const inProcess = complaint.state === 'in_progress';
  return (
    <StepCard id="close" title={t('complaint_action.close')} done={Boolean(c)}>
      {c && (
        <div data-testid="complaint-closed">
          {c.summary} <Typography.Text type="secondary">· {byAt(c)}</Typography.Text>
        </div>
      )}
      {inProcess && (
        <div data-testid="close-checklist" style={{ marginBottom: 8 }}>
          <Typography.Text strong>{t('complaints.closeChecklist')}</Typography.Text>
          <Flex gap={6} wrap style={{ marginTop: 4 }}>
            {STEPS.map((step) => {
              const missing = complaint.missing.includes(step);
              return (
                <Tag key={step} color={missing ? 'default' : 'success'} icon={missing ? <ClockCircleOutlined /> : <CheckCircleTwoTone twoToneColor="#52c41a" />} data-testid={`checklist-${step}`} data-done={!missing}>
                  {t(`complaint_step.${step}`)}
                </Tag>
              );
            })}
          </Flex>
          {complaint.missing.length === 0 && <Typography.Text type="success">{t('complaints.allRecorded')}</Typography.Text>}
        </div>
      )}
      {incomplete && incomplete.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="complaint-incomplete"
          message={t('complaints.incomplete')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {incomplete.map((step) => (
                <li key={step} data-testid={`missing-${step}`}>
                  {t(`complaint_step.${step}`)}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {can('close') && (
        <ActionForm complaint={complaint} action="close" onIncomplete={onIncomplete} toData={(v: { summary: string }) => ({ summary: v.summary.trim() })}>
          {() => text('summary', t('complaints.summary'), t('common.required', { label: t('complaints.summary') }), 'close-summary')}
        </ActionForm>
      )}
    </StepCard>
  );
}

// ---- a draft (from a return visit): register or discard --------------------------------------------

function DraftStep({ complaint, can }: Ctx) {
  const { t } = useI18n();
  if (!can('register') && !can('discard')) return null;
  return (
    <StepCard id="draft" title={t('complaint_state.draft')} done={false}>
      {can('register') && (
        <ActionForm complaint={complaint} action="register" toData={(v: { note?: string }) => (trimmed(v.note) ? { note: trimmed(v.note) } : {})}>
          {() => (
            <Form.Item name="note" label={t('complaints.note')}>
              <Input maxLength={MAX_SHORT} data-testid="register-note" />
            </Form.Item>
          )}
        </ActionForm>
      )}
      {can('discard') && (
        <ActionForm complaint={complaint} action="discard" danger toData={(v: { reason: string }) => ({ reason: v.reason.trim() })}>
          {() => text('reason', t('complaints.discardReason'), t('common.required', { label: t('complaints.discardReason') }), 'discard-reason', 1)}
        </ActionForm>
      )}
    </StepCard>
  );
}

interface Props {
  complaint: Complaint;
  settings: ComplaintSettings | undefined;
  incomplete: ComplaintStep[] | null;
  onIncomplete: (steps: ComplaintStep[]) => void;
}

/** The process, one card per step: what is recorded, and the step's form when the reader may
 * take it now (the server's `actions`). Forms are keyed by the version: each change starts them
 * over with the complaint as it is. */
export function StepCards({ complaint, settings, incomplete, onIncomplete }: Props) {
  const ctx: Ctx = { complaint, settings, can: (a) => complaint.actions.includes(a), onIncomplete };
  const k = complaint.version;
  const stands = complaint.judgement?.stands === true;
  return (
    <div data-testid="complaint-steps">
      {complaint.state === 'draft' && <DraftStep key={`draft-${k}`} {...ctx} />}
      {complaint.state !== 'draft' && complaint.state !== 'discarded' && <JudgeStep key={`judge-${k}`} {...ctx} />}
      {stands && (
        <>
          <RouteStep {...ctx} />
          <CauseStep key={`cause-${k}`} {...ctx} />
          <SolutionStep key={`solution-${k}`} {...ctx} />
          <NotifyStep key={`notify-${k}`} {...ctx} />
          <ResponsibilityStep key={`resp-${k}`} {...ctx} />
          <PenaltyStep key={`penalty-${k}`} {...ctx} />
          <ImprovementStep key={`improvement-${k}`} {...ctx} />
          <CloseStep key={`close-${k}`} {...ctx} incomplete={incomplete} />
        </>
      )}
    </div>
  );
}
