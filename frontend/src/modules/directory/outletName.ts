import type { Lang } from '../../i18n';

/** An outlet's (or a warehouse's) name in the reader's language: the Chinese name when it has no English one. */
export const outletName = (outlet: { name: string; name_en?: string | null }, lang: Lang): string =>
  lang === 'zh-CN' ? outlet.name : outlet.name_en || outlet.name;
