import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError, answerChallenge, login, type SignInStep } from '../../../api/client';
import { useSession } from '../../../api/session';
import type { ChallengeName } from '../../../api/types';
import { can, homePath } from '../../../access';
import { useT } from '../../../i18n';
import { LangSwitch } from '../../../components/LangSwitch';
import { SECURITY_PATH } from '../../../app/RouteGuards';
import { TotpCodeItem } from '../components/TotpCodeItem';
import { useErrorText } from '../../../utils/errors';

interface LoginForm {
  username: string;
  password: string;
}

interface CodeForm {
  code: string;
}

interface NewPasswordForm {
  new_password: string;
  confirm: string;
}

/** A step Cognito asks for before it signs the user in, with what answers it. */
interface Pending {
  username: string;
  challenge: ChallengeName;
  session: string;
}

/** The pool's password policy (infra/resources.py); Cognito checks it again. */
const PASSWORD_RULE = /^(?=.*[a-z])(?=.*[A-Z])(?=.*\d).{10,}$/;

export default function LoginPage() {
  const t = useT();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [codeForm] = Form.useForm<CodeForm>();

  if (session && !submitting) return <Navigate to={homePath(session.user)} replace />;

  const proceed = (step: SignInStep, username: string) => {
    if (step.kind === 'challenge') {
      setPending({ username, challenge: step.challenge, session: step.session });
      setSubmitting(false);
      return;
    }
    const from = (location.state as { from?: string } | null)?.from;
    // Head office without TOTP sets it up first; whoever has jobs of their own (technicians)
    // always starts at them; others go back where they were headed.
    if (step.mfaRequired) navigate(SECURITY_PATH, { replace: true });
    else navigate(can(step.user, 'orders.my_jobs') || !from ? homePath(step.user) : from, { replace: true });
  };

  const onPassword = async ({ username, password }: LoginForm) => {
    setError(null);
    setSubmitting(true);
    try {
      proceed(await login(username.trim(), password), username.trim());
    } catch (err) {
      setError(errorText(err));
      setSubmitting(false);
    }
  };

  const answer = async (fields: { code?: string; new_password?: string }) => {
    if (!pending) return;
    setError(null);
    setSubmitting(true);
    try {
      proceed(await answerChallenge({ username: pending.username, session: pending.session, challenge: pending.challenge, ...fields }), pending.username);
    } catch (err) {
      setSubmitting(false);
      if (err instanceof ApiError && err.status === 401 && err.code !== 'invalid_code') {
        // The session expired (a few minutes) or was used up, or the password was reset (its own
        // message): start again. 429/503 (Cognito busy or failing) keep the step for a retry.
        setPending(null);
        setError(err.code === 'unauthenticated' ? t('login.sessionExpired') : errorText(err));
        return;
      }
      setError(errorText(err));
      if (pending.challenge === 'totp') codeForm.resetFields();
    }
  };

  const back = () => {
    setPending(null);
    setError(null);
  };

  const title = pending ? t(pending.challenge === 'totp' ? 'login.codeTitle' : 'login.newPasswordTitle') : t('app.name');

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5', padding: 16 }}>
      {/* the boot shell's card (index.html): the page takes its place without a jump; no antd
          Card, which would bring Tabs and Dropdown into the sign-in page's first load */}
      <div className="fw-boot-card" data-testid="login-card">
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <LangSwitch />
        </div>
        <Typography.Title level={2} style={{ textAlign: 'center', marginTop: 0 }} data-testid="login-title">
          {title}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {pending ? t(pending.challenge === 'totp' ? 'login.codeHint' : 'login.newPasswordHint') : t('login.subtitle')}
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        {!pending && (
          <Form<LoginForm> layout="vertical" onFinish={onPassword} requiredMark={false}>
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" data-testid="login-username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        )}
        {pending?.challenge === 'totp' && (
          <Form<CodeForm> form={codeForm} layout="vertical" onFinish={({ code }) => void answer({ code })} requiredMark={false}>
            <TotpCodeItem label={t('login.code')} testId="login-code" icon />
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-code-submit">
              {t('login.verify')}
            </Button>
          </Form>
        )}
        {pending?.challenge === 'new_password' && (
          <Form<NewPasswordForm> layout="vertical" onFinish={({ new_password }) => void answer({ new_password })} requiredMark={false}>
            <input type="text" name="username" autoComplete="username" value={pending.username} readOnly hidden />
            <Form.Item
              name="new_password"
              label={t('login.newPassword')}
              extra={t('login.passwordRules')}
              rules={[
                { required: true, message: t('login.passwordRules') },
                { pattern: PASSWORD_RULE, message: t('login.passwordRules') },
              ]}
            >
              <Input.Password prefix={<LockOutlined />} autoFocus autoComplete="new-password" maxLength={256} data-testid="login-new-password" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('login.confirmPassword')}
              dependencies={['new_password']}
              rules={[
                { required: true, message: t('login.passwordMismatch') },
                ({ getFieldValue }) => ({
                  validator: (_, value) =>
                    !value || value === getFieldValue('new_password') ? Promise.resolve() : Promise.reject(new Error(t('login.passwordMismatch'))),
                }),
              ]}
            >
              <Input.Password prefix={<LockOutlined />} autoComplete="new-password" maxLength={256} data-testid="login-confirm-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-new-password-submit">
              {t('login.setPassword')}
            </Button>
          </Form>
        )}
        {pending && (
          <Button type="link" block onClick={back} style={{ marginTop: 8 }} data-testid="login-back">
            {t('login.back')}
          </Button>
        )}
      </div>
    </div>
  );
}
