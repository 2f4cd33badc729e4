import { Form, Input } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useT } from '../../../i18n';

/** The six digits of an authenticator app, as a form field named `code` (sign-in, TOTP setup). */
export function TotpCodeItem({ label, testId, icon = false }: { label: string; testId: string; icon?: boolean }) {
  const t = useT();
  return (
    <Form.Item
      name="code"
      label={label}
      rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.codeRequired') }]}
      normalize={(value: string) => value.replace(/\D/g, '').slice(0, 6)}
    >
      <Input
        prefix={icon ? <SafetyOutlined /> : undefined}
        autoFocus
        autoComplete="one-time-code"
        inputMode="numeric"
        maxLength={6}
        size="large"
        style={{ letterSpacing: '0.3em' }}
        data-testid={testId}
      />
    </Form.Item>
  );
}
