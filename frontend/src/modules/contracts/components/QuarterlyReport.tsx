import { useRef, useState } from 'react';
import { Button, Flex, Select, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useCan } from '../../../access';
import { useI18n } from '../../../i18n';
import { useShowError } from '../../../utils/errors';
import { DISPLAY_TZ, formatTime } from '../../../utils/time';
import { useQuarterlyReport } from '../inspectionQueries';
import type { QuarterlyReport as Report } from '../inspectionTypes';
import type { Contract } from '../types';

/** `2026-Q3`: the calendar quarter of a `YYYY-MM-DD` date. */
export const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

/** The calendar quarters the period touches, oldest first. */
export function quartersOf(startsOn: string, endsOn: string): string[] {
  const out: string[] = [];
  let year = Number(startsOn.slice(0, 4));
  let q = Number(quarterOf(startsOn).slice(-1));
  const last = quarterOf(endsOn);
  for (let guard = 0; guard < 200; guard += 1) {
    const label = `${year}-Q${q}`;
    out.push(label);
    if (label === last) break;
    q += 1;
    if (q > 4) {
      q = 1;
      year += 1;
    }
  }
  return out;
}

/** The quarter offered first: today's when the period has it, else the period's last one begun
 * (its first, for a period not begun). */
export function defaultQuarter(quarters: string[], today: string): string | undefined {
  const now = quarterOf(today);
  if (quarters.includes(now)) return now;
  const begun = quarters.filter((q) => q <= now);
  return begun.length > 0 ? begun[begun.length - 1] : quarters[0];
}

/**
 * 季度报告: the contract's quarterly maintenance report (PDF: every inspection and repair of the
 * quarter with results, faults and signatures), for a quarter of the contract's period; once
 * made, a link to open or download it under its file name.
 */
export function QuarterlyReport({ contract }: { contract: Contract }) {
  const { t } = useI18n();
  const can = useCan();
  const showError = useShowError();
  const quarters = quartersOf(contract.starts_on, contract.ends_on);
  const [quarter, setQuarter] = useState(() => defaultQuarter(quarters, dayjs().tz(DISPLAY_TZ).format('YYYY-MM-DD')));
  const [report, setReport] = useState<Report | null>(null);
  // the quarter selected now: a slow answer for one selected before is not shown under it
  const selected = useRef(quarter);
  selected.current = quarter;
  const generate = useQuarterlyReport(contract.id);
  if (!can('contracts.read') || quarters.length === 0) return null;

  const onGenerate = async () => {
    if (!quarter) return;
    setReport(null);
    try {
      const made = await generate.mutateAsync(quarter);
      if (made.quarter === selected.current) setReport(made);
    } catch (err) {
      if (quarter === selected.current) showError(err);
    }
  };

  return (
    <div style={{ marginBottom: 12 }} data-testid="quarterly-report">
      <Flex wrap gap={8} align="center">
        <Typography.Text strong>{t('inspections.quarterly')}</Typography.Text>
        <Select<string>
          value={quarter}
          onChange={(q) => {
            setQuarter(q);
            setReport(null);
          }}
          style={{ minWidth: 130 }}
          aria-label={t('inspections.quarter')}
          data-testid="quarterly-quarter"
          options={quarters.map((q) => ({ value: q, label: t('inspections.quarterLabel', { year: q.slice(0, 4), q: q.slice(-1) }) }))}
        />
        <Button type="primary" icon={<FilePdfOutlined />} loading={generate.isPending} onClick={() => void onGenerate()} data-testid="quarterly-generate">
          {t('inspections.quarterlyGenerate')}
        </Button>
      </Flex>
      {report && (
        <div style={{ marginTop: 8, wordBreak: 'break-word' }} data-testid="quarterly-result" data-quarter={report.quarter}>
          <a href={report.url} target="_blank" rel="noopener noreferrer" download={report.filename} title={report.title} data-testid="quarterly-link">
            <FilePdfOutlined /> {report.filename}
          </a>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="quarterly-summary">
              {t('inspections.quarterlySummary', { inspections: report.inspections, repairs: report.repairs, time: formatTime(report.generated_at) })}
            </Typography.Text>
          </div>
        </div>
      )}
    </div>
  );
}
