import { Flex, Typography } from 'antd';
import type { WorkOrder } from '../api/types';
import { PriorityTag, StateTag } from './StatusTags';

/** The first line of an order's card: its number, priority and state. */
export function OrderCardHeader({ number, priority, state }: Pick<WorkOrder, 'number' | 'priority' | 'state'>) {
  return (
    <Flex justify="space-between" align="center" wrap gap={4}>
      <Typography.Text strong>{number}</Typography.Text>
      <span>
        <PriorityTag priority={priority} />
        <StateTag state={state} />
      </span>
    </Flex>
  );
}
