import { Card, Descriptions, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { useI18n } from '../../../../i18n';
import { formatFen } from '../../../../utils/money';
import { formatTime } from '../../../../utils/time';
import { useIsMobile } from '../../../../utils/useIsMobile';
import { useOutletStaff } from '../../../directory/queries';
import { CLAIM_LINE_CATEGORIES, type Claim, type ClaimLine } from '../../types';
import { BudgetNote } from './BudgetNote';
import { LineFlagTag, orderWindow, useClaimNames } from './ClaimTags';
import { ReceiptThumb } from './ReceiptUpload';

function LineRow({ line, index, nameOf }: { line: ClaimLine; index: number; nameOf: (username: string) => string }) {
  const { t } = useI18n();
  const names = useClaimNames();
  return (
    <div
      data-testid={`claim-line-${index}`}
      data-flags={line.flags.join(' ')}
      style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0', background: line.flags.length > 0 ? '#fffbe6' : undefined }}
    >
      <Flex justify="space-between" align="start" gap={8}>
        <span style={{ minWidth: 0, wordBreak: 'break-word' }}>
          <Typography.Text strong>{line.date}</Typography.Text> {names.category(line.category)}
          {line.mode ? ` · ${names.mode(line.mode)}` : ''}
          <br />
          <Typography.Text type="secondary">
            {line.from} → {line.to}
          </Typography.Text>
        </span>
        <Typography.Text strong data-testid={`claim-line-amount-${index}`} style={{ whiteSpace: 'nowrap' }}>
          {formatFen(line.amount_fen)}
        </Typography.Text>
      </Flex>
      {(line.flags.length > 0 || line.prior_approval) && (
        <Flex gap={6} wrap style={{ marginTop: 4 }}>
          {line.flags.map((f) => (
            <LineFlagTag key={f} flag={f} others={f === 'duplicate_receipt' ? line.duplicate_of : undefined} />
          ))}
          {line.prior_approval && (
            <Tag color="blue" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }} data-testid={`claim-line-prior-${index}`}>
              {line.prior_approval.note
                ? t('claims.priorApprovalShownNote', { name: nameOf(line.prior_approval.by), note: line.prior_approval.note })
                : t('claims.priorApprovalShown', { name: nameOf(line.prior_approval.by) })}
            </Tag>
          )}
        </Flex>
      )}
      {line.note && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', wordBreak: 'break-word' }}>
          {line.note}
        </Typography.Text>
      )}
      <Flex gap={8} wrap style={{ marginTop: 6 }} data-testid={`claim-line-receipts-${index}`}>
        {line.receipts.length === 0 ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('claims.receiptsNone')}
          </Typography.Text>
        ) : (
          line.receipts.map((r) => <ReceiptThumb key={r.id} receipt={r} />)
        )}
      </Flex>
    </div>
  );
}

/** The claim's totals as the server computed them: per category, the total, the advance, the net. */
export function ClaimTotals({ claim }: { claim: Claim }) {
  const { t } = useI18n();
  const names = useClaimNames();
  const row = (key: string, label: string, amount: number, strong = false) => (
    <Flex justify="space-between" gap={8} key={key}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <Typography.Text strong={strong} data-testid={`claim-${key}`}>
        {formatFen(amount)}
      </Typography.Text>
    </Flex>
  );
  return (
    <div data-testid="claim-totals">
      {CLAIM_LINE_CATEGORIES.filter((c) => (claim.by_category?.[c] ?? 0) !== 0).map((c) => row(`by-${c}`, names.category(c), claim.by_category[c]))}
      {row('total', t('claims.total'), claim.total_fen, true)}
      {row('advance', t('claims.advanceShown'), claim.advance_fen)}
      <Flex justify="space-between" gap={8}>
        <Typography.Text type="secondary">{t('claims.net')}</Typography.Text>
        <Typography.Text strong type={claim.net_fen < 0 ? 'warning' : undefined} data-testid="claim-net">
          {claim.net_fen < 0 ? t('claims.netReturn', { amount: formatFen(-claim.net_fen) }) : formatFen(claim.net_fen)}
        </Typography.Text>
      </Flex>
    </div>
  );
}

/** A claim as read (not the claimant's draft): the trip, the lines with their flags and receipts,
 * the totals, the linked orders' windows, the approvals and the history. */
export function ClaimView({ claim }: { claim: Claim }) {
  const { t } = useI18n();
  const names = useClaimNames();
  const isMobile = useIsMobile();
  // who approved a taxi or a freight beforehand, by name (a manager of the claim's outlet)
  const approvers = claim.lines.some((l) => l.prior_approval);
  const { staff } = useOutletStaff(approvers ? claim.outlet : null);
  const nameOf = (username: string) => staff.find((s) => s.username === username)?.name ?? username;
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={isMobile ? 1 : 2} data-testid="claim-trip">
          <Descriptions.Item label={t('claims.reason')} span={isMobile ? 1 : 2}>
            <span style={{ wordBreak: 'break-word' }} data-testid="claim-reason-shown">
              {claim.reason}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('claims.trip')}>
            {claim.departed_on} – {claim.returned_on}
          </Descriptions.Item>
          <Descriptions.Item label={t('claims.budgetCategory')}>{t(`budget_category.${claim.budget_category}`)}</Descriptions.Item>
          <Descriptions.Item label={t('claims.submittedAt')}>
            <span data-testid="claim-submitted-at">{formatTime(claim.submitted_at)}</span>
            <Typography.Text type={claim.late ? 'danger' : 'secondary'} style={{ marginInlineStart: 8, fontSize: 12 }} data-testid="claim-filing-due">
              {t('claims.filingDue', { date: claim.filing_due })}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('claims.orders')}>
            {claim.orders.length === 0 ? (
              t('claims.ordersNone')
            ) : (
              <Flex vertical gap={2} data-testid="claim-windows">
                {claim.orders.map((o) => (
                  <span key={o.id}>
                    {orderWindow(t, o)}
                  </span>
                ))}
              </Flex>
            )}
          </Descriptions.Item>
        </Descriptions>
        {claim.budget && <BudgetNote budget={claim.budget} />}
      </Card>

      <Card size="small" title={t('claims.lines')} style={{ marginBottom: 12 }}>
        <div data-testid="claim-lines">
          {claim.lines.map((line, i) => (
            <LineRow key={i} line={line} index={i} nameOf={nameOf} />
          ))}
        </div>
        <div style={{ marginTop: 8 }}>
          <ClaimTotals claim={claim} />
        </div>
      </Card>

      <Card size="small" title={t('claims.approvals')} style={{ marginBottom: 12 }} data-testid="claim-approvals">
        {claim.approvals.length === 0 ? (
          <Typography.Text type="secondary">{t('claims.noApprovals')}</Typography.Text>
        ) : (
          <Timeline
            items={claim.approvals.map((a, i) => ({
              key: i,
              color: a.decision === 'approve' ? 'green' : 'red',
              children: (
                <div data-testid={`claim-approval-${a.step}`} data-decision={a.decision}>
                  <Typography.Text strong>{t(`claims.step.${a.step}`)}</Typography.Text> · {a.by_name ?? a.by} {t(`claims.decision.${a.decision}`)}
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(a.at)}
                  </Typography.Text>
                  {a.note && <div style={{ wordBreak: 'break-word' }}>{a.note}</div>}
                </div>
              ),
            }))}
          />
        )}
      </Card>

      <Card size="small" title={t('claims.events')} style={{ marginBottom: 12 }} data-testid="claim-events">
        {claim.events.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <Flex vertical gap={4}>
            {claim.events.map((e, i) => (
              <Flex key={i} justify="space-between" gap={8} wrap data-testid={`claim-event-${e.action}`}>
                <span>
                  {names.event(e.action)} · {e.by_name ?? ''}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(e.at)}
                </Typography.Text>
              </Flex>
            ))}
          </Flex>
        )}
      </Card>
    </>
  );
}
