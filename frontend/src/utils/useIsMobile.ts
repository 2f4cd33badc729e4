import { Grid } from 'antd';

/** True below antd's `md` breakpoint (768 px): phones. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined; assume desktop until then.
  return screens.md === false;
}
