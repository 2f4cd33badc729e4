import { useState } from 'react';
import { Alert, Button, Flex, Skeleton, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../api/client';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { markShownInPlace } from '../../../utils/errors';
import { ApprovalBar } from '../components/claims/ApprovalBar';
import { ExceededAlert, type BudgetRefusal } from '../components/claims/BudgetNote';
import { ClaimForm } from '../components/claims/ClaimForm';
import { ClaimStateTag, FlaggedTag, LateTag } from '../components/claims/ClaimTags';
import { ClaimView } from '../components/claims/ClaimView';
import { useIsMobile } from '../../../utils/useIsMobile';
import { feeKeys, rereadClaim, useClaim } from '../queries';
import type { Claim } from '../types';

function Back() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/claims')} aria-label={t('claims.back')} data-testid="claim-back" style={{ paddingInline: 4 }}>
      {t('claims.back')}
    </Button>
  );
}

/** Who filed the claim, their grade and outlet; its state, 逾期提交 and 异常. */
function ClaimHeading({ claim }: { claim: Claim }) {
  const { t } = useI18n();
  const flagged = claim.lines.some((l) => l.flags.length > 0);
  return (
    <Flex vertical gap={4} style={{ marginBottom: 12 }} data-testid="claim-heading" data-version={claim.version}>
      <Flex gap={6} wrap align="center">
        <ClaimStateTag state={claim.state} waitsFor={claim.waits_for} />
        {claim.late && <LateTag due={claim.filing_due} />}
        {flagged && <FlaggedTag />}
      </Flex>
      <Typography.Text type="secondary" data-testid="claim-claimant">
        {t('claims.filedBy', { name: claim.claimant_name, outlet: claim.outlet_name ?? claim.outlet })}
        {claim.claimant_grade ? ` · ${t('claims.grade', { grade: claim.claimant_grade })}` : ''}
      </Typography.Text>
    </Flex>
  );
}

function NewClaim() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <div style={{ maxWidth: 1000 }}>
      <Back />
      <PageHeader title={t('claims.newTitle')} />
      <ClaimForm onCreated={(claim) => navigate(`/claims/${claim.id}`, { replace: true })} />
    </div>
  );
}

function ExistingClaim({ id }: { id: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const claim = useClaim(id);
  const isMobile = useIsMobile();
  const [refusal, setRefusal] = useState<BudgetRefusal | null>(null);
  // the claim as it is now (after a conflict): the form keeps what was typed and takes its
  // version; a claim no longer a draft is shown as read
  const reread = async () => {
    await rereadClaim(client, id);
    return client.getQueryData<Claim>(feeKeys.claim(id));
  };

  if (claim.error && !claim.data) {
    markShownInPlace(claim.error);
    const missing = claim.error instanceof ApiError && claim.error.status === 404;
    return (
      <div style={{ maxWidth: 1000 }}>
        <Back />
        {missing ? (
          <Alert type="warning" showIcon message={t('claims.notFound')} data-testid="claim-not-found" />
        ) : (
          <ErrorState error={claim.error} onRetry={() => void claim.refetch()} retrying={claim.isFetching} />
        )}
      </div>
    );
  }
  const data = claim.data;
  if (!data) {
    return (
      <div style={{ maxWidth: 1000 }}>
        <Back />
        <Skeleton active />
      </div>
    );
  }
  return (
    <div style={{ maxWidth: 1000 }} data-testid="claim-page" data-state={data.state}>
      <Back />
      <PageHeader title={t('claims.editTitle', { number: data.number })} />
      <ClaimHeading claim={data} />
      {refusal && <ExceededAlert refusal={refusal} outlet={data.outlet} year={data.budget?.year} onClose={() => setRefusal(null)} />}
      {data.may.edit ? (
        <ClaimForm key={data.id} claim={data} latest={data} onReread={reread} />
      ) : isMobile ? (
        // a phone: the bar after the claim, so that it sticks to the screen's bottom
        <>
          <ClaimView claim={data} />
          <ApprovalBar claim={data} onStale={() => void reread()} onRefused={setRefusal} />
        </>
      ) : (
        <>
          <ApprovalBar claim={data} onStale={() => void reread()} onRefused={setRefusal} />
          <ClaimView claim={data} />
        </>
      )}
    </div>
  );
}

/**
 * 差旅费报销单: a new claim (`/claims/new`, the claimant's phone first) or one claim
 * (`/claims/:claimId`): its claimant's draft as the form, else as read with the decision of
 * the reader's step.
 */
export default function ClaimPage() {
  const { claimId } = useParams();
  return claimId ? <ExistingClaim key={claimId} id={claimId} /> : <NewClaim />;
}
