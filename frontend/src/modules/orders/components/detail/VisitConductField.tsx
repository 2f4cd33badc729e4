import { Alert, Flex, Form, Switch } from 'antd';
import { VOCABULARY } from '../../../../api/vocabulary';
import { useI18n } from '../../../../i18n';
import { fieldLabel } from './format';

/** The 顾客意见调查卡's conduct questions (did staff ask for gifts or money, tips, meals?). */
export const VISIT_CONDUCT = Object.keys(VOCABULARY.visit_conduct) as (keyof typeof VOCABULARY.visit_conduct)[];

/** Every question answered "no" until the customer says otherwise: the visit records each answer. */
export const conductInitial = () => Object.fromEntries(VISIT_CONDUCT.map((k) => [k, false]));

/**
 * The return visit's conduct questions as yes/no switches, named by the server's vocabulary
 * (`visit_conduct`), with what a "yes" (or a low overall score) leads to: a draft complaint.
 */
export function VisitConductField() {
  const i18n = useI18n();
  const { t, tk } = i18n;
  return (
    <Form.Item label={fieldLabel(i18n, 'conduct')} data-testid="field-conduct" style={{ marginBottom: 12 }}>
      <Flex vertical gap={4}>
        {VISIT_CONDUCT.map((key) => (
          <Flex key={key} justify="space-between" align="center" gap={12}>
            <label htmlFor={`conduct-${key}`}>{tk(`visit_conduct.${key}`, key)}</label>
            <Form.Item name={['conduct', key]} valuePropName="checked" noStyle>
              <Switch id={`conduct-${key}`} checkedChildren={t('common.yes')} unCheckedChildren={t('common.no')} data-testid={`field-conduct.${key}`} />
            </Form.Item>
          </Flex>
        ))}
        <Alert type="warning" showIcon message={t('visitConduct.note')} style={{ marginTop: 4 }} data-testid="visit-conduct-note" />
      </Flex>
    </Form.Item>
  );
}
