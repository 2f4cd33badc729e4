import type { Lang } from '../../../i18n';
import type { ComplaintSettings } from '../types';

/** A department's name in the reader's language, from head office's settings (its code when
 * the settings do not have it, or are not loaded yet). */
export function departmentName(settings: ComplaintSettings | undefined, code: string | null | undefined, lang: Lang): string {
  if (!code) return '-';
  const found = settings?.departments.find((d) => d.code === code);
  if (!found) return code;
  return lang === 'zh-CN' ? found.name_zh : found.name_en;
}
