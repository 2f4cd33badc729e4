import { useEffect } from 'react';
import { App, Button, Card, Form, Radio, Space, Spin, Switch, Typography } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { ApiError } from '../../../api/client';
import type { Preferences } from '../../../api/types';
import { useT } from '../../../i18n';
import { ErrorState } from '../../../components/ErrorState';
import { useErrorText } from '../../../utils/errors';
import { useIsMobile } from '../../../utils/useIsMobile';
import { usePreferences, useUpdatePreferences } from '../queries';

type Values = Pick<Preferences, 'email' | 'language'>;

/**
 * 通知偏好: how the user wants work notices (dispatches, plans to approve, return visits due…)
 * and deadline notices. In the app always (shown in the screen's language); by e-mail on or off,
 * in the language chosen here. Each user sets only their own.
 */
export default function PreferencesPage() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const preferences = usePreferences();
  const { mutateAsync: save, isPending: saving } = useUpdatePreferences();
  const [form] = Form.useForm<Values>();
  const data = preferences.data;

  useEffect(() => {
    if (data) form.setFieldsValue({ email: data.email, language: data.language });
  }, [data, form]);

  const submit = async (values: Values) => {
    if (!data) return;
    try {
      await save({ version: data.version, email: values.email, language: values.language });
      void message.success(t('prefs.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) void message.warning(t('prefs.stale'));
      else void message.error(errorText(err));
    }
  };

  return (
    <Card
      title={
        <Space>
          <NotificationOutlined />
          {t('prefs.title')}
        </Space>
      }
      style={{ maxWidth: 640 }}
      styles={{ body: { padding: isMobile ? 12 : 24 } }}
      data-testid="preferences-page"
    >
      <Typography.Paragraph type="secondary">{t('prefs.intro')}</Typography.Paragraph>
      {preferences.isError && !data && (
        <ErrorState compact error={preferences.error} onRetry={() => void preferences.refetch()} retrying={preferences.isFetching} testId="preferences-error" />
      )}
      <Spin spinning={!data && !preferences.isError}>
        <Form<Values> form={form} layout="vertical" onFinish={(values) => void submit(values)} disabled={!data} requiredMark={false}>
          <Form.Item label={t('prefs.inApp')} extra={t('prefs.inAppHint')}>
            <Switch checked disabled data-testid="preferences-in-app" />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('prefs.email')}
            valuePropName="checked"
            extra={data?.email_address ? t('prefs.emailTo', { address: data.email_address }) : t('prefs.noAddress')}
          >
            {/* no address on record: nothing could be sent (the hint above says so) */}
            <Switch disabled={!data?.email_address} data-testid="preferences-email" />
          </Form.Item>
          <Form.Item name="language" label={t('prefs.language')} extra={t('prefs.languageHint')}>
            <Radio.Group data-testid="preferences-language" buttonStyle="solid">
              <Radio.Button value="zh" data-testid="preferences-language-zh">
                {t('prefs.language.zh')}
              </Radio.Button>
              <Radio.Button value="en" data-testid="preferences-language-en">
                {t('prefs.language.en')}
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={saving} block={isMobile} data-testid="preferences-save">
            {t('prefs.save')}
          </Button>
        </Form>
      </Spin>
    </Card>
  );
}
