import { createElement, lazy, type ComponentType, type ReactNode } from 'react';
import type { Permission } from '../access';
import type { MessageKey } from '../i18n';

/*
 * What a business area (`src/modules/<area>/index.ts`) registers with the shell: its pages and
 * its entries in the side menu, the user menu and the header. `src/modules/index.ts` lists the
 * areas; App builds the routes and AppLayout the menus from that list, each entry shown only to
 * users who hold its permission (from `GET /api/me`).
 */

export interface AreaRoute {
  /** The URL, absolute (`/work-orders/:id`). */
  path: string;
  element: ReactNode;
  /** Needed to open the page (others get a 403 page); none: any signed-in user. */
  permission?: Permission;
  /** Outside the signed-in shell (the sign-in page). */
  public?: boolean;
}

export interface AreaMenuItem {
  /** Names the entry; `menu-<key>` (side menu) or `user-menu-<key>` (user menu) is its test id. */
  key: string;
  path: string;
  icon: ReactNode;
  label: MessageKey;
  permission?: Permission;
  /** Position among every area's entries, smallest first. */
  order: number;
}

export interface AreaHeaderItem {
  key: string;
  element: ReactNode;
  permission?: Permission;
  /** Position among the header's widgets (before the language switch), smallest first. */
  order: number;
}

export interface Area {
  /** The area's name, as its folder and the API's package. */
  name: string;
  routes?: AreaRoute[];
  /** Entries of the side menu (a drawer on phones). */
  menu?: AreaMenuItem[];
  /** Entries of the menu under the user's name in the header. */
  userMenu?: AreaMenuItem[];
  header?: AreaHeaderItem[];
}

/** A page that loads with its own chunk the first time it is opened. */
export const lazyPage = (load: () => Promise<{ default: ComponentType }>): ReactNode => createElement(lazy(load));

/** An icon component as a menu icon. */
export const icon = (Icon: ComponentType): ReactNode => createElement(Icon);

/** The entries a user may see, in their order. */
export function visible<T extends { permission?: Permission; order: number }>(entries: T[], can: (p: Permission) => boolean): T[] {
  return entries.filter((entry) => !entry.permission || can(entry.permission)).sort((a, b) => a.order - b.order);
}
