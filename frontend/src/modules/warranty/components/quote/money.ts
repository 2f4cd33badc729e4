/*
 * Money is integer fen everywhere (the server computes every amount and total); what a person
 * types in 元 becomes fen by the digits (lib/money.ts). Here only the reading of an amount.
 */

/** 123456 → "¥1,234.56" (integer arithmetic only). */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isInteger(fen)) return '—';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
