// studio-permissions/client, its messages: the core's rules for naming an
// unknown name (core/src/shown.rs, core/src/suggest.rs), so the browser words an
// error as the server does. Plain JavaScript, no Node built-ins.

// The same text as the core for the same name, word for word: the client
// runs tests/messages/cases.json, and a property test compares it with the
// core on generated names.

// A name of more than 128 characters (Unicode code points) shows its first 64
// and its length (core/src/limits.rs).
const MAX_SHOWN = 128;
const SHOWN_PREFIX = 64;
// What could forge or hide log text: `\`, the backtick, every control
// character (C0, DEL, C1), the Arabic letter mark, the zero-width and
// directional marks, the line and paragraph separators, the bidirectional
// embeddings and isolates, the invisible operators, the byte order mark and
// the noncharacters U+FFFE and U+FFFF. All are single UTF-16 units.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it escapes
const ESCAPED = /[\\`\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufffe\uffff]/g;
const SHORT = { '\\': '\\\\', '`': '\\`', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The name as the core reads a string from Node: each unpaired surrogate is U+FFFD. */
const wellFormed = (name) => name.replace(/\p{Cs}/gu, '\ufffd');

/** The number of code points of a well-formed string. */
function count(text) {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    if (u >= 0xd800 && u < 0xdc00) n--;
  }
  return n;
}

/** A name quoted for a message: escaped, and cut after 128 code points. */
function shown(name) {
  const n = count(name);
  const kept =
    n > MAX_SHOWN
      ? Array.from(name.slice(0, 2 * SHOWN_PREFIX))
          .slice(0, SHOWN_PREFIX)
          .join('')
      : name;
  const text = kept.replace(ESCAPED, (c) => SHORT[c] ?? `\\u{${c.charCodeAt(0).toString(16)}}`);
  return n > MAX_SHOWN ? `\`${text}…\` (${n} characters)` : `\`${text}\``;
}

/** `a`, `b` or `c`, each shown. */
const listed = (names) => {
  const all = names.map(shown);
  return all.length > 1 ? `${all.slice(0, -1).join(', ')} or ${all.at(-1)}` : all.join('');
};

const MAX_DISTANCE = 2;
// The edit-distance steps one unknown name may cost; past them, no suggestion.
const STEPS_PER_NAME = 1 << 18;
// A longer name is never equal to a known one ignoring case.
const MAX_ID_BYTES = 1024;

/**
 * The Levenshtein distance of the code point lists `a` and `b` when at most
 * 2, else null: only the cells within 2 of the diagonal, each paid from
 * `budget.left` (and each candidate one more), null too when it runs out.
 */
function bounded(a, b, budget) {
  const K = MAX_DISTANCE;
  const FAR = K + 1;
  const n = a.length;
  const m = b.length;
  if (budget.left === 0) return null;
  budget.left -= 1;
  if (Math.abs(n - m) > K) return null;
  let previous = Array.from({ length: m + 1 }, (_, j) => Math.min(j, FAR));
  let current = new Array(m + 1).fill(FAR);
  for (let i = 1; i <= n; i++) {
    const low = Math.max(i - K, 1);
    const high = Math.min(i + K, m);
    const cells = Math.max(high + 1 - low, 0);
    if (cells > budget.left) {
      budget.left = 0;
      return null;
    }
    budget.left -= cells;
    const first = Math.min(i, FAR);
    current[0] = first;
    let rowMin = low === 1 ? first : FAR;
    if (low > 1) current[low - 1] = FAR;
    for (let j = low; j <= high; j++) {
      const cell = Math.min(
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
        previous[j] + 1,
        current[j - 1] + 1,
        FAR,
      );
      current[j] = cell;
      rowMin = Math.min(rowMin, cell);
    }
    if (high + 1 <= m) current[high + 1] = FAR;
    if (rowMin > K) return null;
    [previous, current] = [current, previous];
  }
  return previous[m] <= K ? previous[m] : null;
}

/**
 * The known name (of `names`, in catalog order) a typo most likely meant, or
 * null: the nearest within distance 2 (the first in catalog order among
 * ties), else the one equal ignoring ASCII case, else the only one whose last
 * dotted segment it is (docs/reference.md#suggestions).
 */
function suggest(names, typo) {
  const length = count(typo);
  const lengths = names.map(count);
  const longest = lengths.reduce((a, b) => Math.max(a, b), 0);
  if (length <= longest + MAX_DISTANCE) {
    const chars = Array.from(typo);
    // Candidates by length, then position, as the core visits them.
    const order = lengths
      .map((l, i) => [l, i])
      .filter(([l]) => Math.abs(l - length) <= MAX_DISTANCE)
      .sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const budget = { left: STEPS_PER_NAME };
    let best = null;
    for (const [, i] of order) {
      const d = bounded(chars, Array.from(names[i]), budget);
      if (d === null) {
        if (budget.left === 0) return null;
      } else if (best === null || d < best[0] || (d === best[0] && i < best[1])) best = [d, i];
    }
    if (best !== null) return names[best[1]];
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is every unit below 0x80
  if (/^[\u0000-\u007f]*$/.test(typo) && typo.length <= MAX_ID_BYTES) {
    const lower = typo.toLowerCase();
    if (names.includes(lower)) return lower;
  }
  const ending = names.filter((name) => name.slice(name.lastIndexOf('.') + 1) === typo);
  return ending.length === 1 ? ending[0] : null;
}

/**
 * The core's error for a name the view does not know (the same code, path,
 * suggestion and message as the server's); the message is safe to log.
 */
export function unknown(code, what, name, known, expected) {
  const path = wellFormed(name);
  const suggestion = code === 'unknown_cluster' ? undefined : suggest(known, path);
  const err = new Error(
    `unknown ${what} ${shown(path)}${expected ? `: expected ${listed(known)}` : ''}${suggestion ? `: did you mean ${shown(suggestion)}?` : ''}`,
  );
  err.name = 'StudioPermissionsError';
  err.code = code;
  err.path = path;
  if (suggestion !== undefined) err.suggestion = suggestion;
  return err;
}
