import { Flex, Tag, Tooltip, Typography } from 'antd';
import { VocabularyTag, vocabularyColor } from '../../../components/StatusTags';
import { useI18n } from '../../../i18n';
import type { CertificateView } from '../types';

/** How long a certificate has left (or since when it is expired), in words. */
export function useDaysLeft(): (cert: Pick<CertificateView, 'days_left' | 'status'>) => string {
  const { t } = useI18n();
  return (cert) => {
    if (cert.days_left < 0) return t('tech.expiredAgo', { n: -cert.days_left });
    if (cert.days_left === 0) return t('tech.expiresToday');
    return t('tech.daysLeft', { n: cert.days_left });
  };
}

/** A certificate's status as a tag (the server's vocabulary), with `data-value` for tests. */
export function CertificateStatus({ cert }: { cert: Pick<CertificateView, 'status'> }) {
  return <VocabularyTag group="certificate_status" value={cert.status} testId="cert-status" />;
}

/** A technician's certificates as tags, each coloured by its status, its validity on hover. */
export function CertificateTags({ certificates }: { certificates: CertificateView[] }) {
  const { t, tk } = useI18n();
  const daysLeft = useDaysLeft();
  if (certificates.length === 0) return <Typography.Text type="secondary">{t('tech.noCertificates')}</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {certificates.map((c) => (
        <Tooltip key={c.id} title={`${c.number} · ${c.valid_from} ~ ${c.valid_to} · ${c.status === 'revoked' ? tk('certificate_status.revoked', c.status) : daysLeft(c)}`}>
          <Tag color={vocabularyColor('certificate_status', c.status)} data-testid={`cert-tag-${c.type}`} data-status={c.status} style={{ marginInlineEnd: 0 }}>
            {c.type_name} · {tk(`certificate_status.${c.status}`, c.status)}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}
