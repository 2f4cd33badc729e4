import { Alert, App, Button, Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import type { ButtonProps } from 'antd';
import { ApiError } from '../../../api/client';
import { YuanInput, yuanRules } from '../../../components/YuanInput';
import { useI18n } from '../../../i18n';
import { useFormErrorHandler } from '../../../utils/errors';
import { fenToYuan, yuanToFen } from '../../../utils/money';
import { useSavePart } from '../queries';
import type { Part, PartInput } from '../types';

/** The form's values: prices as typed, in yuan (sent as fen), under the API's field names so a
 * refusal's field errors land on them. */
interface Values {
  code: string;
  name: string;
  spec?: string;
  material?: string;
  unit: string;
  list_price_fen: string;
  cost_fen: string;
  expensive: boolean;
  supplier?: string;
  models: string[];
  groups: string[];
  service_category?: string;
  active: boolean;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const text = (value: string | undefined) => (value?.trim() ? value.trim() : null);

function initialValues(part: Part | null): Partial<Values> {
  if (!part) return { expensive: false, active: true, models: [], groups: [], unit: '' };
  return {
    code: part.code,
    name: part.name,
    spec: part.spec ?? undefined,
    material: part.material ?? undefined,
    unit: part.unit,
    list_price_fen: fenToYuan(part.list_price_fen),
    cost_fen: fenToYuan(part.cost_fen ?? 0), // head office edits it: it always sees the cost
    expensive: part.expensive,
    supplier: part.supplier ?? undefined,
    models: part.models,
    groups: part.groups,
    service_category: part.service_category ?? undefined,
    active: part.active,
  };
}

interface Props {
  /** The part to edit; null: a new one. Mounted per opening (the form starts afresh). */
  part: Part | null;
  open: boolean;
  onClose: () => void;
  /** After a 409: the part as the server has it now is read again. */
  onReload: () => void;
}

/** Head office creates or edits a catalogue part; a save names the version the editor saw. */
export function PartModal({ part, open, onClose, onReload }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSavePart();
  const handleError = useFormErrorHandler();
  const stale = save.error instanceof ApiError && save.error.code === 'stale_version';


  const onFinish = async (values: Values) => {
    const body: PartInput = {
      code: values.code.trim().toUpperCase(),
      name: values.name.trim(),
      spec: text(values.spec),
      material: text(values.material),
      unit: values.unit.trim(),
      list_price_fen: yuanToFen(values.list_price_fen) ?? 0,
      cost_fen: yuanToFen(values.cost_fen) ?? 0,
      expensive: values.expensive,
      supplier: text(values.supplier),
      models: values.models.map((m) => m.trim()).filter(Boolean),
      groups: values.groups.map((g) => g.trim()).filter(Boolean),
      service_category: text(values.service_category),
      active: values.active,
    };
    try {
      await save.mutateAsync({ body, version: part?.version });
      message.success(part ? t('parts.saved') : t('parts.created', { code: body.code }));
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stale_version') return; // the alert says it
      handleError(form, err);
    }
  };

  return (
    <Modal
      open={open}
      title={part ? t('parts.editTitle', { code: part.code }) : t('parts.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('parts.save')}
      okButtonProps={{ loading: save.isPending, disabled: stale, 'data-testid': 'part-save' } as ButtonProps}
      width={720}
      destroyOnHidden
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('parts.stale')}
          data-testid="part-stale"
          action={
            <Button
              size="small"
              onClick={() => {
                onReload();
                onClose();
              }}
            >
              {t('parts.reload')}
            </Button>
          }
        />
      )}
      <Form form={form} layout="vertical" initialValues={initialValues(part)} onFinish={(v) => void onFinish(v)} data-testid="part-form">
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="code"
              label={t('parts.code')}
              extra={part ? undefined : t('parts.codeHint')}
              rules={[
                { required: true, whitespace: true, message: t('common.required', { label: t('parts.code') }) },
                { pattern: CODE, message: t('parts.codeFormat') },
              ]}
            >
              <Input data-testid="part-code" disabled={Boolean(part)} maxLength={40} style={{ textTransform: 'uppercase' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('parts.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('parts.name') }) }]}>
              <Input data-testid="part-name" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="spec" label={t('parts.spec')}>
              <Input data-testid="part-spec" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="material" label={t('parts.material')}>
              <Input data-testid="part-material" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="unit" label={t('parts.unit')} rules={[{ required: true, whitespace: true, message: t('common.required', { label: t('parts.unit') }) }]}>
              <Input data-testid="part-unit" maxLength={20} placeholder={t('parts.unitPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="list_price_fen"
              label={t('parts.listPrice')}
              rules={yuanRules(t, { required: t('parts.listPrice') })}
            >
              <YuanInput data-testid="part-list-price" prefix={null} suffix={t('parts.yuan')} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="cost_fen" label={t('parts.cost')} rules={yuanRules(t, { required: t('parts.cost') })}>
              <YuanInput data-testid="part-cost" prefix={null} suffix={t('parts.yuan')} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="expensive" label={t('parts.expensive')} valuePropName="checked" extra={t('parts.expensiveHint')}>
              <Switch data-testid="part-expensive" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="supplier" label={t('parts.supplier')}>
              <Input data-testid="part-supplier" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="service_category" label={t('parts.serviceCategory')}>
              <Input data-testid="part-service-category" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="models" label={t('parts.models')}>
              <Select mode="tags" open={false} tokenSeparators={[',', '，']} placeholder={t('parts.tagsPlaceholder')} data-testid="part-models" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="groups" label={t('parts.groups')}>
              <Select mode="tags" open={false} tokenSeparators={[',', '，']} placeholder={t('parts.tagsPlaceholder')} data-testid="part-groups" />
            </Form.Item>
          </Col>
          {part && (
            <Col xs={24}>
              <Form.Item name="active" label={t('parts.active')} valuePropName="checked" extra={t('parts.activeHint')}>
                <Switch data-testid="part-active" />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}
