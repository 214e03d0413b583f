/**
 * A linear-time matcher for the regular expressions a scenario carries (RabbitMQ policy
 * `pattern`). RabbitMQ matches a policy pattern against queue names with Erlang's `re` (PCRE), an
 * unanchored search; a backtracking engine (PCRE, or JavaScript's RegExp) takes exponential time
 * on patterns like `^(a+)+$`, and a shared link must not be able to freeze a tab with one.
 *
 * So patterns are parsed into a restricted syntax, the subset people write in policies, and run as
 * a Thompson NFA: the set of live states advances one character at a time, so a match costs at
 * most (pattern length) x (name length) steps, whatever the pattern. The subset:
 *
 * - literal characters; `\` before any punctuation makes it literal (`\.`, `\-`, `\\`);
 * - `.` (any character but a line break), `\d`, `\w`, `\s` (and `\D`, `\W`, `\S`);
 * - character classes `[abc]`, `[a-z0-9_]`, `[^.]`;
 * - anchors `^` and `$`;
 * - `*`, `+`, `?` after a character, `.`, a class or a group whose body has no quantifier;
 * - alternation `|` and groups `( )`, `(?: )`.
 *
 * Anything else (counted repetition `{m,n}`, nested quantifiers such as `(a+)+`, lazy or
 * possessive quantifiers, back-references, look-around, `\b`) is rejected with a message; on the
 * subset the result is the same as PCRE's and JavaScript's.
 */

/** One character test of the NFA. */
type CharTest = (c: number) => boolean;

type Node =
  | { t: 'char'; test: CharTest }
  | { t: 'bol' }
  | { t: 'eol' }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'repeat'; min: 0 | 1; /** 1 or Infinity. */ max: number; body: Node };

/** The syntax the matcher supports, as one sentence for error messages and the README. */
export const PATTERN_SUBSET =
  'supported: literal characters, \\ before punctuation, ., \\d \\w \\s, [classes], ^, $, |, ( ) and * + ? after a character, class or group with no quantifier inside';

/** Longest pattern accepted (the scenario schema allows 200 characters). */
export const MAX_PATTERN_CHARS = 200;

const isLineBreak = (c: number): boolean =>
  c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isWord = (c: number): boolean =>
  isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
// JavaScript's \s: ASCII white space, NBSP, the Unicode space separators, line breaks, BOM.
const SPACES = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
]);
const isSpace = (c: number): boolean => SPACES.has(c);

const CLASS_ESCAPES: Record<string, CharTest> = {
  d: isDigit,
  D: (c) => !isDigit(c),
  w: isWord,
  W: (c) => !isWord(c),
  s: isSpace,
  S: (c) => !isSpace(c),
};

class PatternSyntaxError extends Error {}

/** Recursive-descent parser of the subset; throws PatternSyntaxError with a reason. */
class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const n = this.alternation(0);
    if (this.i < this.src.length) throw new PatternSyntaxError(`unmatched ")" at ${this.i + 1}`);
    return n;
  }

  private peek(): string | undefined {
    return this.src[this.i];
  }

  private alternation(depth: number): Node {
    if (depth > 20) throw new PatternSyntaxError('groups nested more than 20 deep');
    const options = [this.sequence(depth)];
    while (this.peek() === '|') {
      this.i++;
      options.push(this.sequence(depth));
    }
    return options.length === 1 ? (options[0] as Node) : { t: 'alt', options };
  }

  private sequence(depth: number): Node {
    const items: Node[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') break;
      const atom = this.atom(depth);
      const q = this.peek();
      if (q === '*' || q === '+' || q === '?') {
        this.i++;
        if (atom.t === 'bol' || atom.t === 'eol')
          throw new PatternSyntaxError(`a quantifier after an anchor at ${this.i}`);
        if (hasQuantifier(atom))
          throw new PatternSyntaxError(
            `nested quantifiers such as (a+)+ are not supported (at ${this.i})`,
          );
        const next = this.peek();
        if (next === '*' || next === '+' || next === '?' || next === '{')
          throw new PatternSyntaxError(
            `lazy, possessive or repeated quantifiers are not supported (at ${this.i + 1})`,
          );
        items.push({
          t: 'repeat',
          min: q === '+' ? 1 : 0,
          max: q === '?' ? 1 : Infinity,
          body: atom,
        });
      } else items.push(atom);
    }
    return items.length === 1 ? (items[0] as Node) : { t: 'seq', items };
  }

  private atom(depth: number): Node {
    const at = this.i + 1;
    const c = this.src[this.i++] as string;
    switch (c) {
      case '^':
        return { t: 'bol' };
      case '$':
        return { t: 'eol' };
      case '.':
        return { t: 'char', test: (x) => !isLineBreak(x) };
      case '(': {
        if (this.peek() === '?') {
          if (this.src[this.i + 1] !== ':')
            throw new PatternSyntaxError(
              `look-around and named groups are not supported (at ${at})`,
            );
          this.i += 2;
        }
        const body = this.alternation(depth + 1);
        if (this.peek() !== ')') throw new PatternSyntaxError(`unclosed "(" at ${at}`);
        this.i++;
        return body;
      }
      case '[':
        return this.charClass(at);
      case '\\':
        return { t: 'char', test: this.escape(at) };
      case '*':
      case '+':
      case '?':
        throw new PatternSyntaxError(`"${c}" at ${at} has nothing to repeat`);
      case '{':
      case '}':
        throw new PatternSyntaxError(
          `counted repetition {m,n} is not supported (at ${at}; write \\${c} for the character)`,
        );
      case ']':
        throw new PatternSyntaxError(`unmatched "]" at ${at} (write \\] for the character)`);
      default: {
        const code = c.charCodeAt(0);
        return { t: 'char', test: (x) => x === code };
      }
    }
  }

  /** After a backslash: a class escape, or one literal character. */
  private escape(at: number): CharTest {
    const e = this.src[this.i++];
    if (e === undefined) throw new PatternSyntaxError('a pattern cannot end with "\\"');
    const cls = CLASS_ESCAPES[e];
    if (cls) return cls;
    if (/[A-Za-z0-9]/.test(e))
      throw new PatternSyntaxError(
        `"\\${e}" at ${at} is not supported (only \\d \\w \\s \\D \\W \\S, or \\ before punctuation)`,
      );
    const code = e.charCodeAt(0);
    return (x) => x === code;
  }

  private charClass(at: number): Node {
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.i++;
    }
    const tests: CharTest[] = [];
    let first = true;
    for (;;) {
      const c = this.src[this.i++];
      if (c === undefined) throw new PatternSyntaxError(`unclosed "[" at ${at}`);
      if (c === ']' && !first) break;
      if (c === ']') throw new PatternSyntaxError(`empty class "[]" at ${at}`);
      first = false;
      let lo: number;
      if (c === '\\') {
        const e = this.src[this.i];
        if (e !== undefined && CLASS_ESCAPES[e]) {
          tests.push(this.escape(at));
          continue;
        }
        this.escape(at);
        lo = (this.src[this.i - 1] as string).charCodeAt(0);
      } else if (c === '[') {
        throw new PatternSyntaxError(`"[" inside a class at ${this.i} (write \\[)`);
      } else lo = c.charCodeAt(0);
      if (
        this.peek() === '-' &&
        this.src[this.i + 1] !== ']' &&
        this.src[this.i + 1] !== undefined
      ) {
        this.i++;
        let hiChar = this.src[this.i++] as string;
        if (hiChar === '\\') {
          const e = this.src[this.i];
          if (e !== undefined && CLASS_ESCAPES[e])
            throw new PatternSyntaxError(`a range cannot end with a class escape (at ${this.i})`);
          this.escape(at);
          hiChar = this.src[this.i - 1] as string;
        } else if (hiChar === '[') {
          throw new PatternSyntaxError(`"[" inside a class at ${this.i} (write \\[)`);
        }
        const hi = hiChar.charCodeAt(0);
        if (hi < lo) throw new PatternSyntaxError(`range out of order in the class at ${at}`);
        tests.push((x) => x >= lo && x <= hi);
      } else {
        const code = lo;
        tests.push((x) => x === code);
      }
    }
    const any = (x: number): boolean => tests.some((t) => t(x));
    return { t: 'char', test: negate ? (x) => !any(x) : any };
  }
}

function hasQuantifier(n: Node): boolean {
  switch (n.t) {
    case 'char':
    case 'bol':
    case 'eol':
      return false;
    case 'repeat':
      return true;
    case 'seq':
      return n.items.some(hasQuantifier);
    case 'alt':
      return n.options.some(hasQuantifier);
    default: {
      const never: never = n;
      throw new Error(`unknown node ${JSON.stringify(never)}`);
    }
  }
}

/** NFA states: a character test, an anchor, a split (two epsilon edges), or the match. */
type State =
  | { k: 'char'; test: CharTest; out: number }
  | { k: 'bol' | 'eol'; out: number }
  | { k: 'split'; a: number; b: number }
  | { k: 'jump'; out: number }
  | { k: 'match' };

/** Builds the NFA (Thompson's construction); returns the start state. */
function compile(root: Node): { states: State[]; start: number } {
  const states: State[] = [];
  // Each fragment is built to continue at `next`, back to front, so edges need no patching.
  const build = (n: Node, next: number): number => {
    switch (n.t) {
      case 'char':
        states.push({ k: 'char', test: n.test, out: next });
        return states.length - 1;
      case 'bol':
      case 'eol':
        states.push({ k: n.t, out: next });
        return states.length - 1;
      case 'seq': {
        let at = next;
        for (let i = n.items.length - 1; i >= 0; i--) at = build(n.items[i] as Node, at);
        return at;
      }
      case 'alt': {
        const starts = n.options.map((o) => build(o, next));
        let at = starts[starts.length - 1] as number;
        for (let i = starts.length - 2; i >= 0; i--) {
          states.push({ k: 'split', a: starts[i] as number, b: at });
          at = states.length - 1;
        }
        return at;
      }
      case 'repeat': {
        if (n.max === 1) {
          const body = build(n.body, next);
          states.push({ k: 'split', a: body, b: next });
          return states.length - 1;
        }
        // A loop: split -> body -> back to split; `+` enters the body first.
        const loop = states.length;
        states.push({ k: 'split', a: -1, b: next });
        const body = build(n.body, loop);
        (states[loop] as { k: 'split'; a: number; b: number }).a = body;
        if (n.min === 1) {
          states.push({ k: 'jump', out: body });
          return states.length - 1;
        }
        return loop;
      }
      default: {
        const never: never = n;
        throw new Error(`unknown node ${JSON.stringify(never)}`);
      }
    }
  };
  states.push({ k: 'match' });
  const start = build(root, 0);
  return { states, start };
}

/** A compiled pattern: `test` is an unanchored search, as RabbitMQ's `re:run` and RegExp.test. */
export interface SafePattern {
  readonly source: string;
  test(text: string): boolean;
}

/** Parses a pattern of the subset; the error says what is outside it. */
export function compilePattern(
  source: string,
): { ok: true; pattern: SafePattern } | { ok: false; message: string } {
  if (source.length > MAX_PATTERN_CHARS)
    return { ok: false, message: `longer than ${MAX_PATTERN_CHARS} characters` };
  let root: Node;
  try {
    root = new Parser(source).parse();
  } catch (e) {
    if (e instanceof PatternSyntaxError) return { ok: false, message: e.message };
    throw e;
  }
  const { states, start } = compile(root);
  return { ok: true, pattern: { source, test: (text) => run(states, start, text) } };
}

/** Thompson simulation: O(states x text length), no backtracking. */
function run(states: readonly State[], start: number, text: string): boolean {
  const n = text.length;
  const mark = new Int32Array(states.length).fill(-1);
  let cur: number[] = [];
  // Adds a state and everything reachable from it by epsilon edges valid at position `pos`;
  // returns true when the match state is reached.
  const add = (list: number[], s: number, pos: number): boolean => {
    const stack = [s];
    let matched = false;
    while (stack.length > 0) {
      const id = stack.pop() as number;
      if (mark[id] === pos) continue;
      mark[id] = pos;
      const st = states[id] as State;
      switch (st.k) {
        case 'match':
          matched = true;
          break;
        case 'char':
          list.push(id);
          break;
        case 'bol':
          if (pos === 0) stack.push(st.out);
          break;
        case 'eol':
          if (pos === n) stack.push(st.out);
          break;
        case 'split':
          stack.push(st.b, st.a);
          break;
        case 'jump':
          stack.push(st.out);
          break;
        default: {
          const never: never = st;
          throw new Error(`unknown state ${JSON.stringify(never)}`);
        }
      }
    }
    return matched;
  };
  for (let pos = 0; pos <= n; pos++) {
    // Unanchored search: a new attempt starts at every position.
    if (add(cur, start, pos)) return true;
    if (pos === n) break;
    const c = text.charCodeAt(pos);
    const next: number[] = [];
    for (const id of cur) {
      const st = states[id] as Extract<State, { k: 'char' }>;
      if (st.test(c) && add(next, st.out, pos + 1)) return true;
    }
    cur = next;
  }
  return false;
}
