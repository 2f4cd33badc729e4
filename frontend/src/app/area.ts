import { createElement, lazy, Suspense, type ComponentType, type LazyExoticComponent, type ReactElement, type ReactNode } from 'react';
import type { Permission } from '../access';
import type { WorkOrderDetail } from '../api/types';
import type { MessageKey } from '../i18n';

/*
 * What a business area (`src/modules/<area>/index.ts`) registers with the shell: its pages and
 * its entries in the side menu, the user menu and the header. `src/modules/index.ts` lists the
 * areas; App builds the routes and AppLayout the menus from that list, each entry shown only to
 * users who hold its permission (from `GET /api/me`).
 */

/**
 * A page or header widget that loads with its own chunk the first time it is shown: what
 * `lazyPage` and `lazyWidget` return, and the only thing a route or a header entry takes. A page
 * imported statically would land in the first chunk every visitor downloads (the sign-in page on
 * a phone's weak connection too): `element: <MyPage />` does not compile, by design.
 */
export type LazyElement = ReactElement & { readonly __lazyChunk: true };

export interface AreaRoute {
  /** The URL, absolute (`/work-orders/:id`). */
  path: string;
  /** `lazyPage(() => import('./pages/MyPage'))`: the page's chunk loads when it is opened. */
  element: LazyElement;
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
  /** `lazyWidget(() => import('./components/MyWidget'), 'MyWidget')`: loads after the shell. */
  element: LazyElement;
  permission?: Permission;
  /** Position among the header's widgets (before the language switch), smallest first. */
  order: number;
}

/** What a card on the order's page is given: the order as the page shows it. */
export interface OrderCardProps {
  order: WorkOrderDetail;
}

/**
 * A card another area puts on the work order's page (the fees' 收费明细, say): the orders area
 * shows every registered card (app/orderCards.tsx) without importing the areas that make them.
 */
export interface AreaOrderCard {
  key: string;
  /** `lazyCard(() => import('./components/MyCard'))`: loads with the order's page. */
  card: LazyExoticComponent<ComponentType<OrderCardProps>>;
  permission?: Permission;
  /** Position among the registered cards (after the parts card), smallest first. */
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
  /** Cards on the work order's page. */
  orderCards?: AreaOrderCard[];
}

/** How to load each registered page or widget, for `preload`. */
const loaders = new WeakMap<LazyElement, () => Promise<unknown>>();

/**
 * A page that loads with its own chunk the first time it is opened (the module's default
 * export). The shell puts the Suspense boundary (a skeleton) around it.
 */
export function lazyPage(load: () => Promise<{ default: ComponentType }>): LazyElement {
  const element = createElement(lazy(load)) as LazyElement;
  loaders.set(element, load);
  return element;
}

/**
 * A header widget (a named export) in its own chunk, shown once loaded: until then it takes
 * no room, and the rest of the header does not wait for it.
 */
export function lazyWidget<M extends Record<K, ComponentType>, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyElement {
  const Widget = lazy(() => load().then((module) => ({ default: module[name] })));
  const element = createElement(Suspense, { fallback: null }, createElement(Widget)) as LazyElement;
  loaders.set(element, load);
  return element;
}

/** A card of the order's page (the module's default export), in its own chunk. */
export function lazyCard(load: () => Promise<{ default: ComponentType<OrderCardProps> }>): LazyExoticComponent<ComponentType<OrderCardProps>> {
  return lazy(load);
}

/** Fetches the chunk of a page or widget without showing it (its lazy() finds it loaded). */
export function preload(element: LazyElement): void {
  loaders.get(element)?.().catch(() => undefined); // a failure shows when the page is opened
}

/** An icon component as a menu icon. */
export const icon = (Icon: ComponentType): ReactNode => createElement(Icon);

/** The entries a user may see, in their order. */
export function visible<T extends { permission?: Permission; order: number }>(entries: T[], can: (p: Permission) => boolean): T[] {
  return entries.filter((entry) => !entry.permission || can(entry.permission)).sort((a, b) => a.order - b.order);
}
