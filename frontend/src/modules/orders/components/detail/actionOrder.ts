import type { ActionName, Lifecycle } from '../../../../api/types';

export type ActionGroup = Lifecycle['actions'][number]['group'];

/** The user's actions on an order as its page offers them (the server's lifecycle decides the groups). */
export interface ArrangedActions {
  /** The state's expected next step: the primary button, first. */
  primary: ActionName | null;
  /** Everyday steps and decisions: default buttons after the primary one. */
  buttons: ActionName[];
  /** Corrections and interruptions seldom needed at this stage: the "more" menu. */
  more: ActionName[];
  /** Destructive actions (cancel): last, danger style, never primary. */
  destructive: ActionName[];
}

/**
 * Arrange the actions the user may take now (`allowed`, in the lifecycle's order) by the order's
 * expected next steps (`next`, from the server) and each action's group (GET /api/lifecycle).
 */
export function arrangeActions(allowed: ActionName[], next: ActionName[], groupOf: (name: ActionName) => ActionGroup | undefined): ArrangedActions {
  const group = (name: ActionName) => groupOf(name) ?? 'step';
  const steps = next.filter((name) => allowed.includes(name) && group(name) === 'step');
  const [primary = null, ...otherNext] = steps;
  const everyday = allowed.filter((name) => !steps.includes(name) && (group(name) === 'step' || group(name) === 'decision'));
  return {
    primary,
    buttons: [...otherNext, ...everyday],
    more: allowed.filter((name) => group(name) === 'more'),
    destructive: allowed.filter((name) => group(name) === 'destructive'),
  };
}
