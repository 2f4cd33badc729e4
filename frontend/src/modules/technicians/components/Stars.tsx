import { Rate, Typography } from 'antd';
import { useI18n } from '../../../i18n';

/** A star level as five stars (read only), or 未定级 when none is set; `data-stars` says which. */
export function Stars({ level, testId, size = 14 }: { level: number | null | undefined; testId?: string; size?: number }) {
  const { t } = useI18n();
  if (!level) {
    return (
      <Typography.Text type="secondary" data-testid={testId} data-stars="0">
        {t('tech.noStars')}
      </Typography.Text>
    );
  }
  return (
    <span data-testid={testId} data-stars={level} title={t('tech.starsN', { n: level })} style={{ whiteSpace: 'nowrap' }}>
      <Rate disabled value={level} style={{ fontSize: size }} />
    </span>
  );
}
