import { Card, Form, InputNumber, Typography } from 'antd';
import { useI18n } from '../../../../i18n';

/** The hand-off notices' policy: which return-visit score counts as low (the managers are told). */
export function NoticesCard({ readOnly }: { readOnly: boolean }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('policy.notices')} style={{ marginTop: 16 }} data-testid="policy-notices">
      <Form.Item
        name={['notices', 'low_score_threshold']}
        label={t('policy.lowScoreThreshold')}
        rules={[{ required: true, message: t('policy.requiredShort') }]}
        extra={<Typography.Text type="secondary">{t('policy.lowScoreHint')}</Typography.Text>}
        style={{ marginBottom: 0 }}
      >
        <InputNumber min={1} max={5} precision={0} disabled={readOnly} data-testid="policy-low-score-threshold" />
      </Form.Item>
    </Card>
  );
}
