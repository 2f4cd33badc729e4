import { Tag } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useI18n } from '../../../i18n';
import type { Stock } from '../types';

/** The low-stock warning (库存预警) of a line. */
export function LowTag({ stock }: { stock: Stock }) {
  const { t } = useI18n();
  if (!stock.low) return null;
  return (
    <Tag color="red" icon={<WarningOutlined />} data-testid={`stock-low-${stock.code}`}>
      {t('parts.lowTag')}
    </Tag>
  );
}
