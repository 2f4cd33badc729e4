import { Alert, Button, Skeleton } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { markShownInPlace } from '../../../utils/errors';
import { ContractForm } from '../components/ContractForm';
import { rereadContract, useContract } from '../queries';

function Back({ to }: { to: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(to)} data-testid="contract-back" style={{ paddingInline: 4 }}>
      {t('contracts.back')}
    </Button>
  );
}

function EditContract({ id }: { id: string }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const client = useQueryClient();
  const query = useContract(id);
  // the values and version the form opened with: the first answer (later reads are `latest`)
  const data = query.data;
  if (query.error && !data) {
    markShownInPlace(query.error);
    return (
      <div style={{ maxWidth: 1000 }}>
        <Back to={`/contracts/${id}`} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      </div>
    );
  }
  if (!data) {
    return (
      <div style={{ maxWidth: 1000 }}>
        <Back to={`/contracts/${id}`} />
        <Skeleton active />
      </div>
    );
  }
  return (
    <div style={{ maxWidth: 1000 }}>
      <Back to={`/contracts/${id}`} />
      <PageHeader title={t('contracts.editTitle', { number: data.number })} />
      {data.may.edit ? (
        <ContractForm
          key={data.id}
          contract={data}
          latest={data}
          onStale={() => void rereadContract(client, id)}
          onSaved={(c) => navigate(`/contracts/${c.id}`, { replace: true })}
        />
      ) : (
        <Alert type="info" showIcon message={t('contracts.notEditable')} data-testid="contract-not-editable" />
      )}
    </div>
  );
}

/** A new contract (`/contracts/new`) or the edit of one (`/contracts/:contractId/edit`). */
export default function ContractFormPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { contractId } = useParams();
  if (contractId) return <EditContract key={contractId} id={contractId} />;
  return (
    <div style={{ maxWidth: 1000 }}>
      <Back to="/contracts" />
      <PageHeader title={t('contracts.newTitle')} />
      <ContractForm onSaved={(c) => navigate(`/contracts/${c.id}`, { replace: true })} />
    </div>
  );
}
