/*
 * Money as the API keeps it: integer fen (分). What a person types is yuan (元) with at most two
 * decimals; it is read as text, digit by digit, and never goes through a floating-point number.
 */

/** A yuan amount as typed: digits, optionally a point and one or two decimals. */
const YUAN_PATTERN = /^\d{1,8}(\.\d{1,2})?$/;

/** `"80"` → 8000, `"0.5"` → 50, `"12.34"` → 1234; null for anything that is not a yuan amount. */
export function yuanToFen(text: string): number | null {
  const typed = text.trim();
  if (!YUAN_PATTERN.test(typed)) return null;
  const [whole, decimals = ''] = typed.split('.');
  return Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
}

/** 8000 → `"80.00"`, 5 → `"0.05"` (integer division only). */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

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
