/**
 * Where JSON text first stops being JSON, as a line and column a person can find in an editor.
 * The browser's `JSON.parse` message does not always say (V8: "Unexpected token '}', ... is not
 * valid JSON" names no position), so the text is scanned here by the JSON grammar (RFC 8259).
 */

export interface TextPosition {
  /** 1-based, as editors count. */
  line: number;
  column: number;
}

/** The line and column of a 0-based character offset in `text`. */
export function positionOf(text: string, offset: number): TextPosition {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++)
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  return { line, column: Math.min(offset, text.length) - start + 1 };
}

/** Thrown inside the scanner to unwind to the offset where the grammar broke. */
class Broken extends Error {
  constructor(readonly at: number) {
    super(`JSON breaks at ${at}`);
  }
}

/** The offset of the first character that breaks the JSON grammar; null when the text is JSON (or nests too deep to scan). */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw new Broken(i);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const word = (w: string) => {
    for (const c of w) {
      if (text[i] !== c) fail();
      i++;
    }
  };
  const digits = () => {
    const from = i;
    while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
    if (i === from) fail();
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail();
      if (c === 92) {
        i++;
        const e = text[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) fail();
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else fail();
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail();
      }
    } else if (c === '"') string();
    else if (c === 't') word('true');
    else if (c === 'f') word('false');
    else if (c === 'n') word('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      if (text[i] === '-') i++;
      if (text[i] === '0') i++;
      else digits();
      if (text[i] === '.') {
        i++;
        digits();
      }
      if (text[i] === 'e' || text[i] === 'E') {
        i++;
        if (text[i] === '+' || text[i] === '-') i++;
        digits();
      }
    } else fail();
  };
  try {
    value();
    ws();
    return i < text.length ? i : null;
  } catch (e) {
    // Nesting deep enough to exhaust the stack: no position rather than a crash.
    if (!(e instanceof Broken)) return null;
    return Math.min(e.at, text.length);
  }
}
