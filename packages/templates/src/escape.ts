const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // The HTML parser drops NUL from element content but reads it as U+FFFD in attribute values;
  // writing U+FFFD shows the same text in both places instead of silently losing a character.
  '\0': '\uFFFD',
};

/**
 * HTML-escapes text for element content and quoted attribute values, with the entities Ground
 * Truth's documented output uses (`'` → `&#39;`, as Ruby's `CGI.escapeHTML`). NUL becomes U+FFFD,
 * as the HTML parser reads it in attributes.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\0]/g, (char) => HTML_ESCAPES[char]!);
}

/**
 * Like {@link escapeHtml}, but leaves an `&` alone when it already starts a character reference
 * (`&amp;`, `&copy;`, `&#39;`, `&#x27;`), so escaped text does not become `&amp;amp;`. This is the
 * rule of Liquid's own `escape_once`; it also keeps named references other than the five that
 * escaping produces.
 */
export function escapeHtmlOnce(text: string): string {
  return text.replace(/["'<>\0]|&(?!(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);)/g, (char) => HTML_ESCAPES[char]!);
}

const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  "'": '\\u0027',
  '=': '\\u003d',
  '/': '\\u002f',
  ' ': '\\u0020',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON text that can be written into HTML unescaped: inside `<script>`, a single-quoted or unquoted
 * attribute, and it cannot add markup or attributes even when misplaced in a double-quoted attribute.
 *
 * `JSON.stringify` output is compact, so every `< > & ' = / space` it holds is inside a string
 * literal, where a `\u` escape means the same character: the value is unchanged for
 * `JSON.parse` and JavaScript alike. Why each one:
 * - `<` `>` `&`: no `</script>`, `<!--` or character reference can appear, in script or attribute.
 * - `'`: the JSON may sit in a single-quoted attribute (Ground Truth's own example does).
 * - space, `=`, `/`: in an unquoted attribute the value cannot end early; in a double-quoted one,
 *   where JSON's own `"` ends the value, what follows cannot start a new attribute or give it a
 *   value (so `/` becomes `\u002f`: JSON's `\/` would still hold a `/`, which starts an attribute).
 * - U+2028 / U+2029: line terminators in older JavaScript string literals.
 * A value JSON cannot express (`undefined`, a function) is written as `null`.
 */
export function safeJson(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  return json.replace(/[<>&'=/ \u2028\u2029]/g, (char) => JSON_ESCAPES[char]!);
}
