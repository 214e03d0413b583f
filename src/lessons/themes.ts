/**
 * The curriculum's themes, in the order the home shows them (curriculum.md sections A-I). Apart
 * from the schema so the home can list them without loading the validator.
 */
export const THEMES = [
  'why',
  'loss',
  'duplicates',
  'ordering',
  'availability',
  'backlog',
  'rabbitmq',
  'rocketmq',
  'design',
] as const;
export type Theme = (typeof THEMES)[number];
