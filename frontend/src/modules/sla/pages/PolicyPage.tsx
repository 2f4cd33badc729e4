import { useLayoutEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Flex, Form, Spin, Switch, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client';
import { useMe } from '../../../api/session';
import type { PolicyResponse } from '../../../api/types';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { OutletSelect } from '../../directory/components/OutletSelect';
import { useOutlets } from '../../directory/queries';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState } from '../../../components/ErrorState';
import { useErrorText } from '../../../utils/errors';
import { formatTime } from '../../../utils/time';
import { EvidenceCard } from '../components/policy/EvidenceCard';
import { LevelsTable } from '../components/policy/LevelsTable';
import { NoticesCard } from '../components/policy/NoticesCard';
import { PartsPolicyCard } from '../components/policy/PartsPolicyCard';
import { formPath, toPolicy, toValues, type PolicyValues } from '../components/policy/policyForm';
import { RulesTable } from '../components/policy/RulesTable';
import { usePolicy, useSavePolicy } from '../queries';

const NETWORK = '__network';

/**
 * 时限策略: head office edits the network policy and the outlets' overrides; a manager reads
 * the policy in force at their outlet.
 */
export default function PolicyPage() {
  const me = useMe();
  const can = useCan();
  const { t } = useI18n();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const editor = can('sla.policy.write');
  // Head office picks the network policy or any outlet's; a manager reads their own outlet's.
  const anyOutlet = can('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const [params, setParams] = useSearchParams();
  const scope = anyOutlet ? (params.get('scope') ?? NETWORK) : me.outlet;
  const outletScope = scope === NETWORK ? undefined : scope;
  // Keyed by scope: an answer for the scope left behind is never shown for this one.
  const policy = usePolicy(outletScope);
  const data: PolicyResponse | null = policy.data ?? null;
  // An outlet without an override follows the network; head office may flip that for the policy it has read.
  const [flipped, setFlipped] = useState<{ of: PolicyResponse; follow: boolean } | null>(null);
  const useNetwork = data !== null && flipped?.of === data ? flipped.follow : Boolean(outletScope) && data !== null && !data.override;
  const { mutateAsync: savePolicy, isPending: saving } = useSavePolicy();
  const [form] = Form.useForm<PolicyValues>();

  // The form shows the policy of the scope as it was read: emptied while another scope loads,
  // filled when its answer comes (and again after a save, a conflict or a refresh), before the
  // page is painted with it.
  useLayoutEffect(() => {
    form.resetFields();
    if (!data) return;
    // Head office on an outlet edits the override; everyone else sees the policy in force.
    const shown = !outletScope ? data.network : editor ? (data.override ?? data.network) : data.effective;
    form.setFieldsValue(toValues(shown, data.network));
    // The network policy always states its evidence requirements.
    form.setFieldValue('evidence_own', !outletScope || !editor || Boolean(data.override?.evidence));
  }, [data, outletScope, editor, form]);

  const toggleNetwork = (follow: boolean) => {
    if (!data) return;
    setFlipped({ of: data, follow });
    form.resetFields();
    // Following the network shows it read-only; an own override starts as a copy of the network policy.
    form.setFieldsValue(toValues(follow ? data.network : (data.override ?? data.network), data.network));
    form.setFieldValue('evidence_own', Boolean(data.override?.evidence));
  };

  const readOnly = !editor || (Boolean(outletScope) && useNetwork);

  const onSaveError = (err: unknown) => {
    if (err instanceof ApiError && err.status === 409) {
      void message.warning(t('policy.stale'));
      void policy.refetch();
      return;
    }
    if (err instanceof ApiError && err.status === 400 && Object.keys(err.fields).length > 0) {
      const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
      const unplaced: string[] = [];
      const placed = Object.entries(err.fields).flatMap(([path, msg]) => {
        const name = formPath(path);
        if (registered.has(JSON.stringify(name))) return [{ name, errors: [msg] }];
        unplaced.push(`${path}: ${msg}`);
        return [];
      });
      form.setFields(placed as Parameters<typeof form.setFields>[0]);
      void message.error([err.message, ...unplaced].join('；'));
      return;
    }
    void message.error(errorText(err));
  };

  const save = async () => {
    if (!data) return;
    let next = null;
    if (!(outletScope && useNetwork)) {
      try {
        const values = await form.validateFields();
        next = toPolicy(values, !outletScope || Boolean(form.getFieldValue('evidence_own')));
      } catch {
        void message.error(t('policy.fixErrors'));
        return;
      }
    }
    try {
      await savePolicy({ outlet: outletScope, version: outletScope ? (data.override_version ?? null) : data.version, policy: next });
      void message.success(t('policy.saved'));
    } catch (err) {
      onSaveError(err);
    }
  };

  const setScope = (value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === NETWORK) next.delete('scope');
        else next.set('scope', value);
        return next;
      },
      { replace: true },
    );

  return (
    <div style={{ maxWidth: 1400 }}>
      <PageHeader title={t('policy.title')}>
        {anyOutlet && (
          <OutletSelect outlets={outlets} value={scope} onChange={setScope} testId="policy-scope" extra={[{ value: NETWORK, label: t('policy.network') }]} />
        )}
        {editor && outletScope && (
          <Flex gap={6} align="center">
            <Switch checked={useNetwork} onChange={toggleNetwork} data-testid="policy-use-network" disabled={!data} />
            <Typography.Text>{t('policy.useNetwork')}</Typography.Text>
          </Flex>
        )}
        {editor && (
          <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={!data} onClick={() => void save()} data-testid="policy-save">
            {t('policy.save')}
          </Button>
        )}
      </PageHeader>

      {data && (
        <Typography.Paragraph type="secondary" data-testid="policy-version">
          {outletScope && data.override
            ? t('policy.overrideVersion', { version: data.override_version ?? '-' })
            : data.updated_at
              ? t('policy.versionInfo', { version: data.version, time: formatTime(data.updated_at), by: data.updated_by ?? '-' })
              : t('policy.versionDefault', { version: data.version })}
        </Typography.Paragraph>
      )}
      {!editor && data && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={data.override ? t('policy.outletHasOverride') : t('policy.outletFollowsNetwork')} description={t('policy.readOnly')} />
      )}
      {editor && outletScope && data && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="policy-override-hint"
          message={useNetwork ? t('policy.followsNetworkHint') : t('policy.overrideHint')}
        />
      )}
      <Alert type="warning" showIcon={false} style={{ marginBottom: 16 }} message={t('policy.appliesToNew')} banner />

      {policy.error ? <ErrorState error={policy.error} onRetry={() => void policy.refetch()} retrying={policy.isFetching} compact={Boolean(data)} stale={Boolean(data)} /> : null}
      {/* The form stays mounted while loading, so the loaded values can be set on it. */}
      <div hidden={Boolean(policy.error) && !data}>
      <Spin spinning={!data}>
        <Form<PolicyValues>
          form={form}
          disabled={readOnly}
          onValuesChange={(changed: Partial<PolicyValues>) => {
            // A target in working days is counted in working time.
            changed.rules?.forEach((rule, index) => {
              if (rule?.unit === 'working_days') form.setFieldValue(['rules', index, 'basis'], 'working');
            });
          }}
        >
          <Card size="small" title={t('policy.rules')} style={{ marginBottom: 16 }} extra={<Typography.Text type="secondary">{t('policy.firstMatch')}</Typography.Text>}>
            <RulesTable readOnly={readOnly} />
          </Card>
          <Card size="small" title={t('policy.levels')}>
            <LevelsTable readOnly={readOnly} />
          </Card>
          <EvidenceCard readOnly={readOnly} ownSwitch={editor && Boolean(outletScope) && !useNetwork} />
          <NoticesCard readOnly={readOnly} />
          <PartsPolicyCard readOnly={readOnly} />
        </Form>
      </Spin>
      </div>
    </div>
  );
}
