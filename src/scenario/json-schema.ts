/**
 * The JSON Schema of the scenario format, generated from the zod schema so the two never drift.
 * Editors use it for completion (`"$schema": "./scenario.schema.json"`); a test checks the
 * committed copy in public/ is current.
 */
import { z } from 'zod';
import { SCENARIO_VERSION, SYSTEM_SCHEMAS } from './schema';

export function scenarioJsonSchema(): Record<string, unknown> {
  // The cross-field checks (node ids that must exist) live in a refinement, which JSON Schema
  // cannot express; the per-system object schemas carry every field, type, range and default.
  const body = z.toJSONSchema(z.discriminatedUnion('system', SYSTEM_SCHEMAS), {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return {
    ...body,
    $id: `https://brokerlab.invalid/scenario.v${SCENARIO_VERSION}.schema.json`,
    title: `Brokerlab scenario, format version ${SCENARIO_VERSION}`,
  };
}
