import { Card, Col, Form, InputNumber, Row, Typography } from 'antd';
import { YuanInput, yuanRules } from '../../../../components/YuanInput';
import { useI18n } from '../../../../i18n';

/**
 * The spare parts' policy: the line amount (list price × quantity, in 元) from which a
 * requisition also needs head office, the days after completion until unreturned parts are
 * flagged, and the ABC classes' shares of the consumption value.
 */
export function PartsPolicyCard({ readOnly }: { readOnly: boolean }) {
  const { t } = useI18n();
  const hint = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
  return (
    <Card size="small" title={t('policy.parts')} style={{ marginTop: 16 }} data-testid="policy-parts">
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name={['parts', 'expensive_line_yuan']}
            label={t('policy.partsExpensiveLine')}
            rules={yuanRules(t)}
            extra={hint(t('policy.partsExpensiveLineHint'))}
          >
            <YuanInput suffix={t('policy.partsYuan')} disabled={readOnly} style={{ maxWidth: 220 }} data-testid="policy-parts-expensive-line" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['parts', 'unreturned_days']} label={t('policy.partsUnreturnedDays')} extra={hint(t('policy.partsUnreturnedDaysHint'))}>
            <InputNumber min={1} max={30} precision={0} disabled={readOnly} addonAfter={t('policy.partsDays')} data-testid="policy-parts-unreturned-days" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['parts', 'abc_a_percent']} label={t('policy.partsAbcA')} extra={hint(t('policy.partsAbcAHint'))} style={{ marginBottom: 0 }}>
            <InputNumber min={1} max={99} precision={0} disabled={readOnly} addonAfter="%" data-testid="policy-parts-abc-a" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name={['parts', 'abc_b_percent']} label={t('policy.partsAbcB')} extra={hint(t('policy.partsAbcBHint'))} style={{ marginBottom: 0 }}>
            <InputNumber min={0} max={99} precision={0} disabled={readOnly} addonAfter="%" data-testid="policy-parts-abc-b" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
