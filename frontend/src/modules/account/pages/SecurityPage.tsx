import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Form, QRCode, Space, Tag, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { ApiError, startTotpSetup, verifyTotp } from '../../../api/client';
import { useSession } from '../../../api/session';
import type { TotpSetup } from '../../../api/types';
import { homePath } from '../../../access';
import { useT } from '../../../i18n';
import { useErrorText } from '../../../utils/errors';
import { TotpCodeItem } from '../components/TotpCodeItem';
import { useIsMobile } from '../../../utils/useIsMobile';

interface CodeForm {
  code: string;
}

/**
 * 账号安全: two-step verification with an authenticator app (TOTP). Open to everyone from the
 * user menu; head office without it is sent here by the route guard until it is on. Replacing
 * an authenticator that is on takes a current code of it first (the API refuses without one, so
 * that whoever holds a session cannot swap in their own).
 */
export default function SecurityPage() {
  const t = useT();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const session = useSession();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  /** Asking for a code of the authenticator in force before replacing it. */
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<CodeForm>();
  const [currentForm] = Form.useForm<CodeForm>();

  if (!session) return null;
  const { user, mfa, mfaRequired } = session;

  const start = async (currentCode?: string) => {
    setError(null);
    setBusy(true);
    try {
      form.resetFields();
      setSetup(await startTotpSetup(currentCode));
      setConfirming(false);
    } catch (err) {
      if (!currentCode && err instanceof ApiError && err.status === 400 && err.fields.code) {
        // TOTP is on (this tab did not know yet): the API wants a current code first.
        setConfirming(true);
      } else {
        setError(errorText(err));
        currentForm.resetFields();
      }
    } finally {
      setBusy(false);
    }
  };

  const onStart = () => {
    setError(null);
    if (mfa === 'totp') setConfirming(true);
    else void start();
  };

  const verify = async ({ code }: CodeForm) => {
    setError(null);
    setBusy(true);
    try {
      await verifyTotp(code);
      setSetup(null);
      void message.success(t('security.done'));
      if (mfaRequired) navigate(homePath(user), { replace: true });
    } catch (err) {
      setError(errorText(err));
      form.resetFields();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={
        <Space>
          <SafetyOutlined />
          {t('security.title')}
        </Space>
      }
      style={{ maxWidth: 640 }}
      styles={{ body: { padding: isMobile ? 12 : 24 } }}
      data-testid="security-page"
    >
      {mfaRequired && <Alert type="warning" showIcon message={t('security.required')} style={{ marginBottom: 16 }} data-testid="security-required" />}
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('security.totp')}</Typography.Text>
        <Tag color={mfa === 'totp' ? 'green' : 'default'} data-testid="security-status">
          {t(mfa === 'totp' ? 'security.enabled' : 'security.disabled')}
        </Tag>
      </Space>
      <Typography.Paragraph type="secondary">{t(mfa === 'totp' ? 'security.enabledHint' : 'security.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="security-error" />}
      {!setup && !confirming && (
        <Button type={mfa === 'totp' ? 'default' : 'primary'} loading={busy} onClick={onStart} data-testid="security-start">
          {t(mfa === 'totp' ? 'security.restart' : 'security.start')}
        </Button>
      )}
      {!setup && confirming && (
        <div data-testid="security-confirm">
          <Typography.Paragraph strong>{t('security.currentCodeHint')}</Typography.Paragraph>
          <Form<CodeForm> form={currentForm} layout="vertical" onFinish={({ code }) => void start(code)} requiredMark={false} style={{ maxWidth: 320 }}>
            <TotpCodeItem label={t('security.currentCode')} testId="security-current-code" />
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="security-current-submit">
                {t('security.continue')}
              </Button>
              <Button
                onClick={() => {
                  setConfirming(false);
                  setError(null);
                }}
                disabled={busy}
              >
                {t('common.cancel')}
              </Button>
            </Space>
          </Form>
        </div>
      )}
      {setup && (
        <div data-testid="security-setup">
          <Typography.Paragraph strong>{t('security.scan')}</Typography.Paragraph>
          <div data-testid="security-qr" data-value={setup.otpauth_uri} style={{ marginBottom: 12 }}>
            <QRCode value={setup.otpauth_uri} size={isMobile ? 176 : 200} bordered />
          </div>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {t('security.manual', { account: `Fuwu:${user.username}` })}
          </Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: setup.secret }} style={{ wordBreak: 'break-all' }}>
            <Typography.Text code data-testid="security-secret">
              {setup.secret}
            </Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph strong>{t('security.enterCode')}</Typography.Paragraph>
          <Form<CodeForm> form={form} layout="vertical" onFinish={(values) => void verify(values)} requiredMark={false} style={{ maxWidth: 320 }}>
            <TotpCodeItem label={t('login.code')} testId="security-code" />
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="security-verify">
                {t('security.verify')}
              </Button>
              <Button onClick={() => setSetup(null)} disabled={busy}>
                {t('common.cancel')}
              </Button>
            </Space>
          </Form>
        </div>
      )}
    </Card>
  );
}
