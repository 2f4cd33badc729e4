import type { ReactNode } from 'react';
import { Card } from 'antd';

/**
 * A list's row as a card on a phone that opens what it shows: tapped, or reached by Tab and
 * opened by Enter (a link, for screen readers too).
 */
export function LinkCard({ onOpen, testId, state, children }: { onOpen: () => void; testId: string; state?: string; children: ReactNode }) {
  return (
    <Card
      size="small"
      hoverable
      style={{ width: '100%' }}
      role="link"
      tabIndex={0}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.target === e.currentTarget) onOpen();
      }}
      data-testid={testId}
      data-state={state}
    >
      {children}
    </Card>
  );
}
