import { Suspense } from 'react';
import { useCan } from '../access';
import { AREAS } from '../modules';
import { visible, type OrderCardProps } from './area';

/** Every area's cards of the order's page (Area.orderCards), in their order. */
const CARDS = AREAS.flatMap((area) => area.orderCards ?? []);

/**
 * The cards other areas put on the order's page, each shown to who holds its permission; a
 * card takes no room until its chunk has loaded (the order's own cards do not wait for it).
 */
export function OrderCards({ order }: OrderCardProps) {
  const can = useCan();
  return (
    <>
      {visible(CARDS, can).map(({ key, card: Card }) => (
        <Suspense key={key} fallback={null}>
          <Card order={order} />
        </Suspense>
      ))}
    </>
  );
}
