import { Card, Col, Descriptions, Row } from 'antd';
import { STEP_KEYS, type WorkOrder } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { dataEntries, type FormatContext } from './format';

interface Props {
  order: WorkOrder;
  ctx: FormatContext;
}

/** A card per lifecycle step that has recorded data (contact, arrival, survey, …). */
export function StepCards({ order, ctx }: Props) {
  const { te } = useI18n();
  const steps = STEP_KEYS.filter((key) => order[key] && Object.keys(order[key] ?? {}).length > 0);
  if (steps.length === 0) return null;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {steps.map((key) => (
        <Col key={key} xs={24} lg={12}>
          <Card size="small" title={te('step', key)} data-testid={`step-${key}`} style={{ height: '100%' }}>
            <Descriptions
              size="small"
              column={1}
              items={dataEntries(order[key], ctx).map((e) => ({
                key: e.key,
                label: e.label,
                children: <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{e.text}</span>,
              }))}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
