import type { WorkOrderDetail } from '../../../../api/types';

/** A part of the order as a quote line takes it: list price in fen, the quantity to charge. */
export interface QuotePart {
  code: string;
  description: string;
  component: string | null;
  quantity: number;
  list_price_fen: number;
}

/**
 * The order's parts for its quote: each part with its list price and the quantity used, else
 * issued, else requested (requisitions neither rejected nor cancelled).
 */
export function quotePartsOf(order: WorkOrderDetail): QuotePart[] {
  const parts = order.parts;
  const requested = new Map<string, { quantity: number; component: string | null; name: string; list_price_fen: number }>();
  parts.requisitions
    .filter((r) => r.state !== 'rejected' && r.state !== 'cancelled')
    .forEach((r) =>
      r.lines.forEach((l) => {
        const seen = requested.get(l.code);
        requested.set(l.code, {
          quantity: (seen?.quantity ?? 0) + l.quantity,
          component: seen?.component ?? l.component,
          name: l.name,
          list_price_fen: l.list_price_fen,
        });
      }),
    );
  const byLine = new Map(parts.lines.map((l) => [l.code, l]));
  const codes = [...new Set([...parts.lines.map((l) => l.code), ...requested.keys()])];
  return codes
    .map((code) => {
      const line = byLine.get(code);
      const asked = requested.get(code);
      const quantity = line?.used || line?.issued || asked?.quantity || 0;
      return {
        code,
        description: `${code} ${line?.name ?? asked?.name ?? ''}`.trim(),
        component: asked?.component ?? null,
        quantity,
        list_price_fen: line?.list_price_fen ?? asked?.list_price_fen ?? 0,
      };
    })
    .filter((p) => p.quantity > 0);
}
