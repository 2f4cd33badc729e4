import { Button, Card, ConfigProvider, Flex, Form, InputNumber, Select, Switch, Typography } from 'antd';
import type { FormListFieldData, TableColumnsType } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { PHOTO_CATEGORIES } from '../../../../api/types';
import { useI18n } from '../../../../i18n';
import { ListTable } from './ListTable';
import { NEW_PHOTO_REQUIREMENT } from './policyForm';

const cell = { style: { margin: 0 } };

interface Props {
  readOnly: boolean;
  /** Head office on an outlet override: the outlet may set its own evidence section or follow the network's. */
  ownSwitch: boolean;
}

/** The field evidence a policy asks for: photos per category before completion, the customer's signature. */
export function EvidenceCard({ readOnly, ownSwitch }: Props) {
  const { t, te } = useI18n();
  const categories = PHOTO_CATEGORIES.map((c) => ({ value: c, label: te('category', c) }));
  return (
    <Card
      size="small"
      title={t('policy.evidence')}
      style={{ marginTop: 16 }}
      data-testid="policy-evidence"
      extra={
        ownSwitch && (
          <Flex gap={6} align="center">
            <Form.Item name="evidence_own" valuePropName="checked" noStyle>
              <Switch size="small" data-testid="policy-evidence-own" />
            </Form.Item>
            <Typography.Text>{t('policy.evidenceOwn')}</Typography.Text>
          </Flex>
        )
      }
    >
      <Form.Item noStyle shouldUpdate={(a, b) => a.evidence_own !== b.evidence_own}>
        {({ getFieldValue }) => {
          const follows = ownSwitch && !getFieldValue('evidence_own');
          const locked = readOnly || follows;
          return (
            <ConfigProvider componentDisabled={locked}>
              {follows && (
                <Typography.Paragraph type="secondary" data-testid="policy-evidence-follows">
                  {t('policy.evidenceFollows')}
                </Typography.Paragraph>
              )}
              <Typography.Text strong>{t('policy.evidencePhotos')}</Typography.Text>
              <Form.List name={['evidence', 'required_photos']}>
                {(fields, { add, remove }) => {
                  const columns: TableColumnsType<FormListFieldData> = [
                    {
                      title: t('policy.evidenceCategory'),
                      key: 'category',
                      render: (_, f, i) => (
                        <Form.Item
                          name={[f.name, 'category']}
                          rules={[
                            { required: true, message: t('policy.requiredShort') },
                            ({ getFieldValue: get }) => ({
                              validator: async (_rule, value: unknown) => {
                                const rows = (get(['evidence', 'required_photos']) ?? []) as { category?: string }[];
                                if (value && rows.filter((r) => r?.category === value).length > 1) throw new Error(t('policy.evidenceDuplicate'));
                              },
                            }),
                          ]}
                          {...cell}
                        >
                          <Select data-testid={`evidence-photo-${i}-category`} style={{ width: 130 }} options={categories} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: t('policy.evidenceMin'),
                      key: 'min',
                      render: (_, f, i) => (
                        <Form.Item name={[f.name, 'min']} rules={[{ required: true, message: t('policy.requiredShort') }]} {...cell}>
                          <InputNumber data-testid={`evidence-photo-${i}-min`} min={1} max={20} precision={0} style={{ width: 90 }} />
                        </Form.Item>
                      ),
                    },
                  ];
                  if (!locked) {
                    columns.push({
                      title: '',
                      key: 'ops',
                      render: (_, f, i) => (
                        <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('policy.remove')} data-testid={`evidence-photo-${i}-remove`} />
                      ),
                    });
                  }
                  return (
                    <ListTable
                      columns={columns}
                      fields={fields}
                      rowTestId="evidence-photo-row"
                      readOnly={locked}
                      addLabel={t('policy.addPhotoRule')}
                      addTestId="policy-add-photo"
                      onAdd={() => add({ ...NEW_PHOTO_REQUIREMENT })}
                    />
                  );
                }}
              </Form.List>
              <Flex gap={8} align="center" style={{ marginTop: 12 }}>
                <Form.Item name={['evidence', 'signature_required']} valuePropName="checked" noStyle>
                  <Switch data-testid="policy-signature-required" />
                </Form.Item>
                <Typography.Text>{t('policy.signatureRequiredLabel')}</Typography.Text>
              </Flex>
            </ConfigProvider>
          );
        }}
      </Form.Item>
    </Card>
  );
}
