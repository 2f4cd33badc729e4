import type { ReactNode } from 'react';
import { Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../../i18n';
import type { CoverageLine, CoverageResult } from './types';

const COLORS: Record<CoverageResult, string> = { warranty: 'green', paid: 'orange', contract: 'blue', unknown: 'default' };

/** 保修 / 有偿 / 合同 / 待判定, named by the server's vocabulary. */
export function CoverageResultTag({ result, testId }: { result: string; testId?: string }) {
  const { tk } = useI18n();
  return (
    <Tag color={COLORS[result as CoverageResult] ?? 'default'} data-testid={testId} data-result={result} style={{ marginInlineEnd: 0 }}>
      {tk(`coverage.${result}`, result)}
    </Tag>
  );
}

interface Props {
  lines: CoverageLine[];
  /** Per line, what a manager may do with it (override). */
  extra?: (line: CoverageLine, index: number) => ReactNode;
  testId?: string;
}

/**
 * The coverage decision line by line: component and group, the result, the last covered day,
 * the server's explanation, a repeat repair with the earlier order, a manager's override. A list
 * rather than a table: it reads the same on a phone.
 */
export function CoverageLines({ lines, extra, testId = 'coverage-lines' }: Props) {
  const { t, tk } = useI18n();
  return (
    <List
      size="small"
      data-testid={testId}
      dataSource={lines}
      locale={{ emptyText: t('coverageCard.noLines') }}
      renderItem={(line, i) => (
        <List.Item key={i} data-testid={`coverage-line-${i}`} data-result={line.result} style={{ display: 'block' }}>
          <Flex wrap gap={8} align="center" justify="space-between">
            <Flex wrap gap={8} align="center" style={{ minWidth: 0 }}>
              <Typography.Text strong data-testid={`coverage-component-${i}`}>
                {line.component ?? t('coverageCard.wholeMachine')}
              </Typography.Text>
              {line.group_name && <Typography.Text type="secondary">{line.group_name}</Typography.Text>}
              <CoverageResultTag result={line.result} testId={`coverage-result-${i}`} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {tk(`coverage_reason.${line.reason}`, line.reason)}
              </Typography.Text>
            </Flex>
            {extra?.(line, i)}
          </Flex>
          <Flex wrap gap={16} style={{ marginTop: 4, fontSize: 12 }}>
            {line.last_day && (
              <Typography.Text style={{ fontSize: 12 }} data-testid={`coverage-last-day-${i}`}>
                {t('coverageCard.lastDay')}
                {t('common.colon')}
                {line.last_day}
              </Typography.Text>
            )}
            {line.failure_date && (
              <Typography.Text style={{ fontSize: 12 }}>
                {t('coverageCard.failureDate')}
                {t('common.colon')}
                {line.failure_date}
              </Typography.Text>
            )}
          </Flex>
          <Typography.Paragraph style={{ margin: '4px 0 0', wordBreak: 'break-word' }} data-testid={`coverage-explanation-${i}`}>
            {line.explanation}
          </Typography.Paragraph>
          {line.repeat_of && (
            <div data-testid={`coverage-repeat-${i}`}>
              <Tag color="purple">{t('coverageCard.repeat')}</Tag>
              <Link to={`/work-orders/${line.repeat_of.order_id}`}>{line.repeat_of.order_number}</Link>
            </div>
          )}
          {line.override && (
            <Typography.Paragraph type="warning" style={{ margin: '4px 0 0' }} data-testid={`coverage-override-${i}`}>
              {t('coverageCard.overridden', {
                result: tk(`coverage.${line.override.result}`, line.override.result),
                name: line.override.by_name ?? line.override.by,
                reason: line.override.reason,
              })}
            </Typography.Paragraph>
          )}
        </List.Item>
      )}
    />
  );
}
