import { useRef, useState } from 'react';
import { Button, Input, InputNumber, Space, Typography } from 'antd';
import type { InputRef } from 'antd';
import { ScanOutlined } from '@ant-design/icons';
import { useI18n } from '../../../../i18n';
import { MAX_QUANTITY } from '../../types';

interface Props {
  /** Takes a code (upper-cased) and a quantity; returns an error text when it cannot. */
  onAdd: (code: string, quantity: number) => string | null;
  testId: string;
  extra?: React.ReactNode;
}

/**
 * A code as a scanner types it (the code, then Enter) or a person does, with a quantity: each
 * entry adds to the matching line. Stays focused for the next scan.
 */
export function ScanInput({ onAdd, testId, extra }: Props) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [quantity, setQuantity] = useState<number | null>(1);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<InputRef>(null);

  const add = () => {
    const typed = code.trim().toUpperCase();
    if (!typed) return;
    const problem = onAdd(typed, quantity ?? 1);
    setError(problem);
    if (!problem) {
      setCode('');
      setQuantity(1);
    }
    input.current?.focus();
  };

  return (
    <div style={{ marginBottom: 12 }}>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          ref={input}
          prefix={<ScanOutlined />}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={add}
          placeholder={t('partReq.scanPlaceholder')}
          autoComplete="off"
          autoCapitalize="characters"
          data-testid={`${testId}-code`}
          aria-label={t('partReq.code')}
        />
        <InputNumber min={1} max={MAX_QUANTITY} precision={0} value={quantity} onChange={setQuantity} style={{ width: 90 }} data-testid={`${testId}-quantity`} aria-label={t('partReq.quantity')} />
        {extra}
        <Button onClick={add} data-testid={`${testId}-add`}>
          {t('partReq.add')}
        </Button>
      </Space.Compact>
      {error && (
        <Typography.Text type="danger" data-testid={`${testId}-error`}>
          {error}
        </Typography.Text>
      )}
    </div>
  );
}
