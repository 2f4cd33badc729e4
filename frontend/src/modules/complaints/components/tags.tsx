import { Tag, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n';

/** 重复反映: an earlier complaint of the same kind about the same person or unit (a link to it
 * when known). */
export function RepeatTag({ earlier }: { earlier?: { id: string; number: string | null } | null }) {
  const { t } = useI18n();
  const tag = (
    <Tag color="red" data-testid="complaint-repeat">
      {t('complaints.repeat')}
    </Tag>
  );
  if (!earlier) return tag;
  return (
    <Tooltip title={t('complaints.repeatOf', { number: earlier.number ?? earlier.id })}>
      <Link to={`/complaints/${earlier.id}`} data-testid="complaint-repeat-link">
        {tag}
      </Link>
    </Tooltip>
  );
}

/** "第 N 轮": the customer was not satisfied N−1 times. */
export function LoopTag({ loops }: { loops: number }) {
  const { t } = useI18n();
  if (loops <= 0) return null;
  return (
    <Tag color="orange" data-testid="complaint-loops" data-loops={loops}>
      {t('complaints.loopRound', { n: loops + 1 })}
    </Tag>
  );
}
