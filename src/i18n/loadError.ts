/**
 * Why an imported file cannot be opened, in the user's language, as precisely as the CLI says
 * it: a syntax error with its line and column, a bad field with its path (up to three of them),
 * a version with the version. The share-link texts (`shareErrorText`) speak of "the link"; a
 * file is not a link (newcomer finding 18).
 */
import type { ScenarioError } from '../scenario/load';
import type { ShareError } from '../share/codec';
import { jsonErrorOffset, positionOf } from '../share/jsonPosition';
import type { Lang } from './strings';

const SHOWN_ISSUES = 3;

interface Words {
  empty: string;
  notFromFile: string;
  tooNew: (v: number, supported: number) => string;
  tooLarge: (kib: number) => string;
  tooDeep: (limit: number) => string;
  badJson: string;
  at: (line: number, column: number) => string;
  forbidden: (key: string) => string;
  notObject: string;
  noVersion: string;
  tooOld: (v: number) => string;
  migration: (from: number, message: string) => string;
  invalid: (n: number) => string;
  more: (n: number) => string;
}

const zh: Words = {
  empty: '文件是空的。',
  notFromFile: '文件内容无法读取。',
  tooNew: (v, s) => `文件来自更新版本的 Brokerlab（场景格式 ${v}，这里最高支持 ${s}）。`,
  tooLarge: (kib) => `文件太大（上限 ${kib} KiB）。`,
  tooDeep: (n) => `文件里的场景嵌套超过 ${n} 层。`,
  badJson: '文件不是有效的 JSON',
  at: (l, c) => `第 ${l} 行第 ${c} 列`,
  forbidden: (k) => `文件里的场景含有被禁止的键 "${k}"。`,
  notObject: '文件里的场景不是一个 JSON 对象。',
  noVersion: '文件里的场景缺少 version 字段。',
  tooOld: (v) => `文件的场景格式版本 ${v} 太旧，无法迁移。`,
  migration: (from, m) => `从格式版本 ${from} 迁移失败：${m}`,
  invalid: (n) => `文件里的场景有 ${n} 处问题：`,
  more: (n) => `还有 ${n} 处`,
};

const en: Words = {
  empty: 'The file is empty.',
  notFromFile: 'The file cannot be read.',
  tooNew: (v, s) =>
    `The file comes from a newer Brokerlab (scenario format ${v}; this one reads up to ${s}).`,
  tooLarge: (kib) => `The file is too large (at most ${kib} KiB).`,
  tooDeep: (n) => `The scenario in the file is nested more than ${n} levels deep.`,
  badJson: 'The file is not valid JSON',
  at: (l, c) => `at line ${l}, column ${c}`,
  forbidden: (k) => `The scenario in the file contains the forbidden key "${k}".`,
  notObject: 'The scenario in the file is not a JSON object.',
  noVersion: 'The scenario in the file has no version field.',
  tooOld: (v) => `The file's scenario format ${v} is too old to migrate.`,
  migration: (from, m) => `Migrating from format ${from} failed: ${m}`,
  invalid: (n) => `The scenario in the file has ${n} problem${n === 1 ? '' : 's'}:`,
  more: (n) => `and ${n} more`,
};

function scenarioErrorText(w: Words, e: ScenarioError, text: string): string {
  switch (e.kind) {
    case 'not-json':
      return badJsonText(w, text);
    case 'not-object':
      return w.notObject;
    case 'no-version':
      return w.noVersion;
    case 'too-new':
      return w.tooNew(e.version, e.supported);
    case 'too-old':
      return w.tooOld(e.version);
    case 'migration-failed':
      return w.migration(e.from, e.message);
    case 'invalid': {
      const shown = e.issues
        .slice(0, SHOWN_ISSUES)
        .map((i) => `${i.path === '' ? '(document)' : i.path}: ${i.message}`);
      const rest = e.issues.length - shown.length;
      return `${w.invalid(e.issues.length)} ${shown.join('; ')}${rest > 0 ? `; ${w.more(rest)}` : ''}`;
    }
    default: {
      const never: never = e;
      return String(never);
    }
  }
}

function badJsonText(w: Words, text: string): string {
  const at = jsonErrorOffset(text);
  if (at === null) return `${w.badJson}.`;
  const p = positionOf(text, at);
  return `${w.badJson}: ${w.at(p.line, p.column)}.`;
}

/** The text of an import error for the file whose content was `text`. */
export function fileErrorText(lang: Lang, e: ShareError, text: string): string {
  const w = lang === 'zh' ? zh : en;
  switch (e.kind) {
    case 'empty':
      return w.empty;
    case 'too-new':
      return w.tooNew(e.version, e.supported);
    case 'too-large':
      return w.tooLarge(Math.floor(e.limit / 1024));
    case 'too-deep':
      return w.tooDeep(e.limit);
    case 'bad-json':
      return badJsonText(w, text);
    case 'forbidden-key':
      return w.forbidden(e.key);
    case 'invalid-scenario':
      return scenarioErrorText(w, e.error, text);
    // Link-only failures (a file is neither base64 nor compressed); kept for exhaustiveness.
    case 'bad-pattern':
    case 'bad-base64':
    case 'bad-compression':
    case 'trailing-bytes':
      return w.notFromFile;
    default: {
      const never: never = e;
      return String(never);
    }
  }
}
