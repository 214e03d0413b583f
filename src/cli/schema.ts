/** Writes public/scenario.schema.json from the zod schema (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from '../scenario/json-schema';
import { lessonJsonSchema } from '../lessons/json-schema';

const out = new URL('../../public/scenario.schema.json', import.meta.url);
writeFileSync(out, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${out.pathname}\n`);
const lessons = new URL('../../public/lesson.schema.json', import.meta.url);
writeFileSync(lessons, `${JSON.stringify(lessonJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${lessons.pathname}\n`);
