import { Button, Card, Flex, Form, Input, Popconfirm, type FormInstance } from 'antd';
import { DeleteOutlined, FileAddOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n';
import { CHECKLIST_TEMPLATE } from './checklistTemplate';

/**
 * The contract's inspection checklist: areas, each with its items (the generated inspection
 * orders carry a copy). 套用标准清单 puts 001 §14's four areas in (asking first when the list
 * has areas already). Form name `checklist`: `[{area, items: string[]}]`, as the API takes it,
 * so the server's `checklist.<i>.items.<j>` errors land on their inputs.
 */
export function ChecklistEditor({ form }: { form: FormInstance }) {
  const { t } = useI18n();
  const areas = Form.useWatch('checklist', form) as { area?: string }[] | undefined;
  const fill = () => form.setFieldValue('checklist', CHECKLIST_TEMPLATE.map((a) => ({ area: a.area, items: [...a.items] })));
  const templateButton = (
    <Button icon={<FileAddOutlined />} data-testid="contract-checklist-template" onClick={(areas ?? []).length === 0 ? fill : undefined}>
      {t('contracts.checklistTemplate')}
    </Button>
  );
  return (
    <Form.List name="checklist">
      {(fields, { add, remove }) => (
        <Flex vertical gap={12} data-testid="contract-checklist-editor">
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              data-testid={`contract-checklist-edit-${i}`}
              title={
                <Form.Item name={[field.name, 'area']} rules={[{ required: true, whitespace: true, message: t('contracts.checklistAreaRequired') }]} style={{ margin: '8px 0' }}>
                  <Input placeholder={t('contracts.checklistArea')} maxLength={50} data-testid={`contract-checklist-area-input-${i}`} />
                </Form.Item>
              }
              extra={<Button type="text" danger icon={<DeleteOutlined />} aria-label={t('contracts.checklistRemoveArea')} onClick={() => remove(field.name)} />}
            >
              <Form.List name={[field.name, 'items']}>
                {(items, itemOps) => (
                  <Flex vertical gap={4}>
                    {items.map((item, j) => (
                      <Flex key={item.key} gap={4} align="start">
                        <Form.Item name={item.name} rules={[{ required: true, whitespace: true, message: t('contracts.checklistItemRequired') }]} style={{ flex: 1, marginBottom: 4 }}>
                          <Input maxLength={200} placeholder={t('contracts.checklistItem')} data-testid={`contract-checklist-item-${i}-${j}`} />
                        </Form.Item>
                        <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('contracts.checklistRemoveItem')} onClick={() => itemOps.remove(item.name)} />
                      </Flex>
                    ))}
                    <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => itemOps.add('')} data-testid={`contract-checklist-add-item-${i}`}>
                      {t('contracts.checklistAddItem')}
                    </Button>
                  </Flex>
                )}
              </Form.List>
            </Card>
          ))}
          <Flex gap={8} wrap>
            <Button icon={<PlusOutlined />} onClick={() => add({ area: '', items: [''] })} data-testid="contract-checklist-add-area">
              {t('contracts.checklistAddArea')}
            </Button>
            {(areas ?? []).length === 0 ? (
              templateButton
            ) : (
              <Popconfirm title={t('contracts.checklistTemplateReplace')} onConfirm={fill}>
                {templateButton}
              </Popconfirm>
            )}
          </Flex>
        </Flex>
      )}
    </Form.List>
  );
}
