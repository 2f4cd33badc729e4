import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

interface Props {
  title: ReactNode;
  /** The page's controls, shown to the right of the title (wrapping below it on a phone). */
  children?: ReactNode;
}

/** A page's title line: the title on the left, its filters and buttons on the right. */
export function PageHeader({ title, children }: Props) {
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <Flex wrap gap={8} align="center">
        {children}
      </Flex>
    </Flex>
  );
}
