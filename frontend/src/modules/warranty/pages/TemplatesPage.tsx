import { useState } from 'react';
import { App, Button, Form, Input, Modal, Skeleton, Tabs } from 'antd';
import type { ButtonProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useCan } from '../../../access';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { useI18n } from '../../../i18n';
import { markShownInPlace, useFormErrorHandler } from '../../../utils/errors';
import { TemplateEditor } from '../components/TemplateEditor';
import { useSaveTemplate, useTemplates } from '../queries';
import type { Template } from '../types';

const DEFAULT_TAB = 'default';
const tabOf = (template: Template) => (template.model === null ? DEFAULT_TAB : `model:${template.model}`);

/** A new model's template starts as a copy of the network's default. */
function NewModelModal({ from, open, onClose, onCreated }: { from: Template; open: boolean; onClose: () => void; onCreated: (model: string) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ model: string }>();
  const save = useSaveTemplate();
  const handleError = useFormErrorHandler();

  const onFinish = async ({ model }: { model: string }) => {
    const name = model.trim();
    try {
      await save.mutateAsync({
        model: name,
        body: { version: null, start_basis: from.start_basis, groups: from.groups, exclusions: from.exclusions, prices: from.prices },
      });
      message.success(t('wty.modelAdded', { model: name }));
      form.resetFields();
      onCreated(name);
    } catch (err) {
      handleError(form, err);
    }
  };

  return (
    <Modal
      open={open}
      title={t('wty.addModel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('wty.addModelOk')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'template-new-model-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)}>
        <Form.Item
          name="model"
          label={t('wty.model')}
          extra={t('wty.addModelHint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('wty.model') }) }]}
        >
          <Input data-testid="template-new-model-name" maxLength={100} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 三包条款与收费标准: head office keeps the network's default template and one per product model. */
export default function TemplatesPage() {
  const { t } = useI18n();
  const can = useCan();
  const canWrite = can('warranty.templates.write');
  const { data, error, isPending, refetch, isFetching } = useTemplates();
  const [active, setActive] = useState(DEFAULT_TAB);
  const [adding, setAdding] = useState(false);

  if (error && !data) markShownInPlace(error);
  const templates = data ? [data.default, ...data.models] : [];
  const activeKey = templates.some((tpl) => tabOf(tpl) === active) ? active : DEFAULT_TAB;

  return (
    <div style={{ maxWidth: 1080 }}>
      <PageHeader title={t('wty.title')}>
        {canWrite && data && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="template-add-model">
            {t('wty.addModel')}
          </Button>
        )}
      </PageHeader>
      {error && !data ? (
        <ErrorState error={error} onRetry={() => void refetch()} retrying={isFetching} />
      ) : isPending ? (
        <Skeleton active />
      ) : (
        <Tabs
          activeKey={activeKey}
          onChange={setActive}
          data-testid="template-tabs"
          items={templates.map((tpl) => ({
            key: tabOf(tpl),
            label: <span data-testid={`template-tab-${tpl.model ?? DEFAULT_TAB}`}>{tpl.model ?? t('wty.default')}</span>,
            // keyed by version: a save or a reload shows the template as the server has it now
            children: <TemplateEditor key={`${tabOf(tpl)}:${tpl.version ?? 'built-in'}`} template={tpl} canWrite={canWrite} onReload={() => void refetch()} />,
          }))}
        />
      )}
      {data && (
        <NewModelModal
          from={data.default}
          open={adding}
          onClose={() => setAdding(false)}
          onCreated={(model) => {
            setAdding(false);
            setActive(`model:${model}`);
          }}
        />
      )}
    </div>
  );
}
