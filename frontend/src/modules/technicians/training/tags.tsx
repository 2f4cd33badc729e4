import { Tag } from 'antd';
import type { VocabularyGroup } from '../../../api/vocabulary';
import { useI18n } from '../../../i18n';

/*
 * Training's values as the server names them (its vocabulary, generated into api/vocabulary.ts:
 * a group it does not have fails the build): the group of each kind of value, and the colour a
 * tag shows it in.
 */
export const GROUPS = {
  planState: 'training_plan_state',
  sessionState: 'training_session_state',
  sessionKind: 'training_kind',
  examKind: 'training_exam_kind',
  result: 'training_result',
  proposalState: 'proposal_state',
} as const satisfies Record<string, VocabularyGroup>;

type Group = (typeof GROUPS)[keyof typeof GROUPS];

const COLORS: Partial<Record<Group, Record<string, string>>> = {
  training_plan_state: { draft: 'gold', approved: 'green' },
  training_session_state: { planned: 'blue', recorded: 'green' },
  training_result: { passed: 'green', retake: 'orange', absent: 'red' },
  proposal_state: { proposed: 'gold', approved: 'red', dismissed: 'default' },
};

/** A value's name in the reader's language (the value itself if the vocabulary lacks it). */
export function useVocabulary(): (group: Group, value: string) => string {
  const { tk } = useI18n();
  return (group, value) => tk(`${group}.${value}`, value);
}

/** A value as a tag, coloured by its group; `data-value` says which. */
export function TrainingTag({ group, value, testId }: { group: Group; value: string | null | undefined; testId?: string }) {
  const name = useVocabulary();
  if (!value) return null;
  return (
    <Tag color={COLORS[group]?.[value] ?? 'default'} data-group={group} data-value={value} data-testid={testId} style={{ marginInlineEnd: 0 }}>
      {name(group, value)}
    </Tag>
  );
}
