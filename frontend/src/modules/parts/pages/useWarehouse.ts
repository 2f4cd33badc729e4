import { useCan } from '../../../access';
import { useMe } from '../../../api/session';
import { useOutlets } from '../../directory/queries';
import { useOutletParam } from '../../directory/useOutletParam';

/**
 * The warehouse a parts page shows: head office picks an outlet (kept in the URL's `outlet`,
 * the first service outlet until they choose); everyone else sees their own outlet's.
 */
export function useWarehouse() {
  const can = useCan();
  const me = useMe();
  const anyOutlet = can('directory.all_outlets');
  const outlets = useOutlets(anyOutlet);
  const { params, setParam, outletParam } = useOutletParam(anyOutlet, outlets);
  const outlet = anyOutlet ? outletParam : me.outlet;
  return { outlet, anyOutlet, outlets, params, setParam, me };
}
