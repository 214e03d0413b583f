/**
 * The scenario editor, driven by the zod schema of the selected system (through its JSON Schema):
 * every knob gets a field with its real name, its default and its one-line description, so a new
 * broker system gets a form without UI changes. Lists (brokers, producers, consumers, faults ...)
 * can grow and shrink; validation runs as the user types and shows each problem at its field.
 */
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { parseScenario } from '../scenario/load';
import { KNOB_DOCS } from '../i18n/knobs';
import type { Lang } from '../i18n/strings';
import { SYSTEM_SCHEMAS } from '../scenario/schema';
import type { ScenarioDoc } from '../store';
import { useApp, useAppState, useStrings } from './context';
import { CompareWithButton } from './compare/CompareWith';

interface JS {
  type?: string | string[];
  properties?: Record<string, JS>;
  required?: string[];
  items?: JS;
  prefixItems?: JS[];
  oneOf?: JS[];
  anyOf?: JS[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
}

type Json = unknown;
type Path = (string | number)[];

const HIDDEN = new Set(['$schema', 'version', 'system']);

function schemaFor(system: string): JS | null {
  const s = SYSTEM_SCHEMAS.find((x) => x.shape.system.value === system);
  if (!s) return null;
  return z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JS;
}

function variants(s: JS): JS[] | null {
  const v = s.oneOf ?? s.anyOf;
  return v && v.every((x) => x.properties) ? v : null;
}

/** The property whose `const` tells the variants apart (`kind`, `type`). */
function discriminator(vs: JS[]): string | null {
  const first = vs[0]?.properties ?? {};
  for (const k of Object.keys(first))
    if (vs.every((v) => v.properties?.[k]?.const !== undefined)) return k;
  return null;
}

/** A fresh value for a schema: its default, or the smallest valid-looking value. */
function initial(s: JS, hint = ''): Json {
  if (s.default !== undefined) return structuredClone(s.default);
  if (s.const !== undefined) return s.const;
  const vs = variants(s);
  if (vs && vs[0]) return initial(vs[0], hint);
  if (s.enum) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const o: Record<string, Json> = {};
      for (const k of s.required ?? []) {
        const p = s.properties?.[k];
        if (p) o[k] = initial(p, k === 'id' ? hint : k);
      }
      return o;
    }
    case 'array':
      return s.prefixItems ? s.prefixItems.map((p) => initial(p)) : [];
    case 'number':
    case 'integer':
      return s.minimum ?? 0;
    case 'boolean':
      return false;
    case 'string':
      return hint || 'x';
    default:
      return null;
  }
}

function setIn(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...(root as Json[])];
    copy[head as number] = setIn(copy[head as number], rest, value);
    return copy;
  }
  const obj = { ...((root ?? {}) as Record<string, Json>) };
  const next = setIn(obj[head as string], rest, value);
  if (next === undefined) delete obj[head as string];
  else obj[head as string] = next;
  return obj;
}

interface Ctx {
  issues: Map<string, string>;
  change: (path: Path, value: Json) => void;
  t: ReturnType<typeof useStrings>;
  lang: Lang;
}

/**
 * A field's one-line explanation in the UI language, by its JSON name (`KNOB_DOCS`); the schema's
 * own description where the table has none. List items (`producers[0]`) have none.
 */
function explain(ctx: Ctx, name: string, s: JS): string | undefined {
  if (/\[\d+\]$/.test(name)) return undefined;
  return (
    KNOB_DOCS[name]?.[ctx.lang] ??
    s.description ??
    variants(s)?.find((v) => v.description)?.description
  );
}

function Desc({ text, inline }: { text: string | undefined; inline?: boolean }) {
  if (!text) return null;
  return inline ? <span className="desc">{text}</span> : <p className="desc">{text}</p>;
}

function Field({
  name,
  s,
  value,
  path,
  ctx,
}: {
  name: string;
  s: JS;
  value: Json;
  path: Path;
  ctx: Ctx;
}) {
  const key = path.join('.');
  const issue = ctx.issues.get(key);
  const id = `f-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const vs = variants(s);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  const desc = explain(ctx, name, s);
  const def =
    typeof s.default === 'string' || typeof s.default === 'number' || typeof s.default === 'boolean'
      ? String(s.default)
      : null;

  if (vs || type === 'object') {
    return <ObjectField name={name} s={s} value={value} path={path} ctx={ctx} />;
  }
  if (type === 'array') {
    return <ArrayField name={name} s={s} value={value} path={path} ctx={ctx} />;
  }
  let input;
  if (s.enum || s.const !== undefined || (s.anyOf && s.anyOf.every((x) => x.const !== undefined))) {
    const options =
      s.enum ?? (s.const !== undefined ? [s.const] : (s.anyOf ?? []).map((x) => x.const));
    input = (
      <select
        id={id}
        value={JSON.stringify(value ?? s.default ?? options[0])}
        onChange={(e) => ctx.change(path, JSON.parse(e.target.value) as Json)}
      >
        {options.map((o) => (
          <option key={JSON.stringify(o)} value={JSON.stringify(o)}>
            {String(o)}
          </option>
        ))}
      </select>
    );
  } else if (type === 'boolean') {
    input = (
      <input
        id={id}
        type="checkbox"
        checked={Boolean(value ?? s.default)}
        onChange={(e) => ctx.change(path, e.target.checked)}
      />
    );
  } else if (type === 'number' || type === 'integer') {
    input = (
      <input
        id={id}
        type="number"
        step={type === 'integer' ? 1 : 'any'}
        value={typeof value === 'number' ? value : ''}
        placeholder={def ?? ''}
        aria-invalid={issue ? true : undefined}
        aria-describedby={issue ? `${id}-issue` : undefined}
        onChange={(e) =>
          ctx.change(path, e.target.value === '' ? undefined : Number(e.target.value))
        }
      />
    );
  } else {
    input = (
      <input
        id={id}
        type="text"
        value={typeof value === 'string' ? value : ''}
        placeholder={def ?? ''}
        aria-invalid={issue ? true : undefined}
        aria-describedby={issue ? `${id}-issue` : undefined}
        onChange={(e) =>
          ctx.change(path, e.target.value === '' && def !== null ? undefined : e.target.value)
        }
      />
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        <code>{name}</code>
        {def !== null ? <small> = {def}</small> : null}
      </label>
      {input}
      <Desc text={desc} inline />
      {issue ? (
        <span className="issue" id={`${id}-issue`} role="alert">
          {issue}
        </span>
      ) : null}
    </div>
  );
}

function ObjectField({
  name,
  s,
  value,
  path,
  ctx,
}: {
  name: string;
  s: JS;
  value: Json;
  path: Path;
  ctx: Ctx;
}) {
  const vs = variants(s);
  let shape = s;
  let disc: string | null = null;
  const obj = (value ?? {}) as Record<string, Json>;
  if (vs) {
    disc = discriminator(vs);
    shape =
      (disc
        ? vs.find((v) => v.properties?.[disc as string]?.const === obj[disc as string])
        : undefined) ??
      vs[0] ??
      s;
  }
  const issue = ctx.issues.get(path.join('.'));
  return (
    <fieldset>
      <legend>
        <code>{name}</code>
      </legend>
      <Desc text={explain(ctx, name, s)} />
      {vs && disc ? (
        <div className="field">
          <label htmlFor={`v-${path.join('.')}`}>
            <code>{disc}</code>
          </label>
          <select
            id={`v-${path.join('.')}`}
            value={String(obj[disc])}
            onChange={(e) => {
              const v = vs.find((x) => x.properties?.[disc]?.const === e.target.value);
              if (!v) return;
              const next = initial(v) as Record<string, Json>;
              // Keep fields the variants share (atMs, node ...).
              for (const k of Object.keys(v.properties ?? {}))
                if (k in obj && k !== disc) next[k] = obj[k];
              ctx.change(path, next);
            }}
          >
            {vs.map((v) => {
              const c = String(v.properties?.[disc]?.const);
              return (
                <option key={c} value={c}>
                  {c}
                </option>
              );
            })}
          </select>
        </div>
      ) : null}
      {issue ? <p className="issue">{issue}</p> : null}
      {Object.entries(shape.properties ?? {})
        .filter(([k]) => !HIDDEN.has(k) && k !== disc)
        .map(([k, p]) => (
          <Field key={k} name={k} s={p} value={obj[k]} path={[...path, k]} ctx={ctx} />
        ))}
    </fieldset>
  );
}

function ArrayField({
  name,
  s,
  value,
  path,
  ctx,
}: {
  name: string;
  s: JS;
  value: Json;
  path: Path;
  ctx: Ctx;
}) {
  const list = Array.isArray(value) ? (value as Json[]) : [];
  const item = s.items ?? {};
  const itemType = Array.isArray(item.type) ? item.type[0] : item.type;
  const issue = ctx.issues.get(path.join('.'));
  if (s.prefixItems || itemType === 'string' || itemType === 'number') {
    // Lists of ids (split sides, broker lists) as comma-separated text.
    const text = JSON.stringify(list);
    return (
      <div className="field">
        <label htmlFor={`a-${path.join('.')}`}>
          <code>{name}</code>
        </label>
        <input
          id={`a-${path.join('.')}`}
          type="text"
          defaultValue={text}
          key={text}
          onBlur={(e) => {
            try {
              ctx.change(path, JSON.parse(e.target.value) as Json);
            } catch {
              /* keep the old value until it parses */
            }
          }}
        />
        <Desc text={explain(ctx, name, s)} inline />
        {issue ? <span className="issue">{issue}</span> : null}
      </div>
    );
  }
  return (
    <fieldset className="list">
      <legend>
        <code>{name}</code> ({list.length})
      </legend>
      <Desc text={explain(ctx, name, s)} />
      {issue ? <p className="issue">{issue}</p> : null}
      {list.map((v, i) => (
        <div key={i} className="list-item">
          <Field name={`${name}[${i}]`} s={item} value={v} path={[...path, i]} ctx={ctx} />
          <button
            type="button"
            onClick={() =>
              ctx.change(
                path,
                list.filter((_x, j) => j !== i),
              )
            }
          >
            {ctx.t.remove} {name}[{i}]
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() =>
          ctx.change(path, [...list, initial(item, `${name.replace(/s$/, '')}-${list.length + 1}`)])
        }
      >
        {ctx.t.add} {name.replace(/s$/, '')}
      </button>
    </fieldset>
  );
}

export function Editor() {
  const { controller } = useApp();
  const t = useStrings();
  const lang = useAppState((s) => s.lang);
  const doc = useAppState((s) => s.doc);
  const [draft, setDraft] = useState<ScenarioDoc>(doc);
  const [base, setBase] = useState<ScenarioDoc>(doc);
  if (base !== doc) {
    // The scenario changed elsewhere (preset, link, fault injection): start from it.
    setBase(doc);
    setDraft(doc);
  }
  const system = typeof draft['system'] === 'string' ? draft['system'] : '';
  const schema = useMemo(() => schemaFor(system), [system]);
  const issues = useMemo(() => {
    const r = parseScenario(draft);
    const m = new Map<string, string>();
    if (!r.ok && r.error.kind === 'invalid')
      for (const i of r.error.issues) if (!m.has(i.path)) m.set(i.path, i.message);
    return { ok: r.ok, m, kind: r.ok ? null : r.error.kind };
  }, [draft]);
  if (!schema) return <p className="hint">{system}</p>;
  const ctx: Ctx = {
    issues: issues.m,
    t,
    lang,
    change: (path, value) => setDraft((d) => setIn(d, path, value) as ScenarioDoc),
  };
  return (
    <form
      className="editor"
      aria-label={t.editor}
      onSubmit={(e) => {
        e.preventDefault();
        if (issues.ok) controller.loadDoc(draft, { dirty: true });
      }}
    >
      <div className="bar">
        <button type="submit" className="primary" disabled={!issues.ok}>
          {t.apply}
        </button>
        <span role="status" className={issues.ok ? 'ok' : 'issue'}>
          {issues.ok ? t.validationOk : t.validationIssues(Math.max(1, issues.m.size))}
        </span>
        <CompareWithButton doc={issues.ok ? draft : null} />
      </div>
      {issues.m.get('') ? <p className="issue">{issues.m.get('')}</p> : null}
      {Object.entries(schema.properties ?? {})
        .filter(([k]) => !HIDDEN.has(k))
        .map(([k, p]) => (
          <Field key={k} name={k} s={p} value={draft[k]} path={[k]} ctx={ctx} />
        ))}
    </form>
  );
}
