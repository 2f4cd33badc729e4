import { Select } from 'antd';
import type { Outlet } from '../../../api/types';
import { useI18n } from '../../../i18n';
import { outletName } from '../outletName';

interface Props {
  outlets: Outlet[] | null;
  value: string | undefined;
  onChange: (code: string) => void;
  testId: string;
  /** Extra options first (e.g. the network-wide scope of the policy page). */
  extra?: { value: string; label: string }[];
  /** Leave the head office itself out (it has no orders of its own). */
  serviceOnly?: boolean;
}

/** Head office's choice of outlet, named in the current language. */
export function OutletSelect({ outlets, value, onChange, testId, extra = [], serviceOnly = true }: Props) {
  const { t, lang } = useI18n();
  const options = (outlets ?? [])
    .filter((o) => !serviceOnly || !o.is_head_office)
    .map((o) => ({ value: o.code, label: outletName(o, lang) }));
  return (
    <Select
      data-testid={testId}
      style={{ minWidth: 160 }}
      placeholder={t('directory.outlet')}
      loading={outlets === null}
      value={value}
      onChange={onChange}
      options={[...extra, ...options]}
    />
  );
}

/** The outlet head office looks at by default: the first service outlet. */
export const defaultOutlet = (outlets: Outlet[] | null) => (outlets?.find((o) => !o.is_head_office) ?? outlets?.[0])?.code;
