import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorState } from './ErrorState';

interface Props {
  children: ReactNode;
  /** Changes when what the boundary holds is something else (the page's path): a failure
   * shown for one page is not kept for the next. */
  resetKey?: string;
  testId?: string;
}

interface State {
  error: unknown;
  resetKey?: string;
}

const reload = () => window.location.reload();

/**
 * A render that threw (most often a page's or the frame's chunk that did not download on a weak
 * link: the lazy import rejects) shows the shared ErrorState with a retry that loads the page
 * again, instead of React unmounting everything into a white page.
 */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error ?? new Error('render failed') };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('render failed', error, info.componentStack);
  }

  render() {
    if (this.state.error) return <ErrorState error={this.state.error} onRetry={reload} testId={this.props.testId ?? 'error-boundary'} />;
    return this.props.children;
  }
}
