/**
 * Finds where JSON text stops being valid. V8's JSON.parse messages do not always carry a position
 * (e.g. `Unexpected token 'o', ..."answer": oops" is not valid JSON`), and a user needs the line and
 * column to fix a file. This is a strict RFC 8259 scanner that only locates the first error; parsing
 * itself is left to JSON.parse. Returns the 0-based offset, or undefined when the text is valid.
 */
export function locateJsonError(text: string): number | undefined {
  let index = 0;
  const fail = (): never => {
    throw new JsonLocation(index);
  };
  const skipSpace = (): void => {
    while (index < text.length && ' \t\n\r'.includes(text[index]!)) index++;
  };
  const expect = (word: string): void => {
    for (const char of word) {
      if (text[index] !== char) fail();
      index++;
    }
  };
  const string = (): void => {
    index++; // opening quote
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === 0x22) {
        index++;
        return;
      }
      if (code < 0x20) fail();
      if (code === 0x5c) {
        index++;
        const escape = text[index];
        if (escape === 'u') {
          for (let digit = 0; digit < 4; digit++) {
            index++;
            if (!/[0-9a-fA-F]/.test(text[index] ?? '')) fail();
          }
        } else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) fail();
      }
      index++;
    }
    fail();
  };
  const number = (): void => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(index, index + 400));
    if (!match || match[0] === '' || match[0] === '-') fail();
    index += match![0].length;
  };
  const value = (): void => {
    skipSpace();
    const char = text[index];
    if (char === '{') {
      index++;
      skipSpace();
      if (text[index] === '}') {
        index++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[index] !== '"') fail();
        string();
        skipSpace();
        expect(':');
        value();
        skipSpace();
        if (text[index] === ',') index++;
        else if (text[index] === '}') {
          index++;
          return;
        } else fail();
      }
    } else if (char === '[') {
      index++;
      skipSpace();
      if (text[index] === ']') {
        index++;
        return;
      }
      for (;;) {
        value();
        skipSpace();
        if (text[index] === ',') index++;
        else if (text[index] === ']') {
          index++;
          return;
        } else fail();
      }
    } else if (char === '"') string();
    else if (char === 't') expect('true');
    else if (char === 'f') expect('false');
    else if (char === 'n') expect('null');
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) number();
    else fail();
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) index++;
    value();
    skipSpace();
    if (index < text.length) fail();
    return undefined;
  } catch (error) {
    if (error instanceof JsonLocation) return error.offset;
    throw error;
  }
}

class JsonLocation {
  constructor(readonly offset: number) {}
}
