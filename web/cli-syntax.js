// The HMP command-line syntax (hmp.md "Command line"), only as far as the page needs it to keep
// the form and the raw editor in sync. The core tokenizes and validates the real request.

const SPACE = /[ \t\r\n]/;

// Splits a command line into tokens; an unterminated quote keeps the rest as one token.
export function tokenize(line) {
  const tokens = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && SPACE.test(line[i])) i++;
    if (i >= line.length) break;
    if (line[i] === '"') {
      let value = "";
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === "\\" && (line[i + 1] === '"' || line[i + 1] === "\\")) {
          value += line[i + 1];
          i += 2;
        } else {
          value += line[i++];
        }
      }
      i++;
      tokens.push(value);
    } else {
      let start = i;
      while (i < line.length && !SPACE.test(line[i])) i++;
      tokens.push(line.slice(start, i));
    }
  }
  return tokens;
}

// A name as one token: quoted when it is empty, holds white space or starts with a quote.
export function quoteToken(value) {
  if (value !== "" && !/[ \t\r\n]/.test(value) && !value.startsWith('"')) return value;
  return '"' + value.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
}
