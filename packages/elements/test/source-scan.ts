/**
 * Reads the element sources with the TypeScript parser, for the documentation tests: which warning
 * codes the code can log, and which reactive properties each class declares. Parsing (not grepping)
 * keeps calls split over several lines, comments and strings that merely mention `warnOnce(` from
 * fooling the tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export const packageDir = new URL('..', import.meta.url).pathname;
const srcDir = join(packageDir, 'src');

/** A place in the sources, as `src/x/y.ts:12`. */
export interface SourcePlace {
  file: string;
  line: number;
}

export function formatPlace(place: SourcePlace): string {
  return `${place.file}:${place.line}`;
}

let parsed: ts.SourceFile[] | undefined;

/** Every non-test TypeScript file under src/, parsed once. */
export function sourceFiles(): ts.SourceFile[] {
  if (parsed) return parsed;
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  walk(srcDir);
  if (files.length === 0) throw new Error(`No sources found under ${srcDir}.`);
  parsed = files.sort().map((file) =>
    ts.createSourceFile(relative(packageDir, file), readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS),
  );
  return parsed;
}

export function placeOf(node: ts.Node): SourcePlace {
  const file = node.getSourceFile();
  return { file: file.fileName, line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1 };
}

function forEachDescendant(node: ts.Node, visit: (node: ts.Node) => void): void {
  node.forEachChild((child) => {
    visit(child);
    forEachDescendant(child, visit);
  });
}

/** The name a call is made by: `f(…)`, `this.f(…)` or `x.f(…)` → `f`. */
function calleeName(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (ts.isFunctionLike(current)) return current;
  }
  return undefined;
}

/** The values a string-valued argument can take, or a reason why that cannot be told statically. */
type Resolution = { values: string[]; where: SourcePlace[] } | { unresolved: string };

/**
 * Follows a string expression back to its literal values: a literal; a template whose holes are
 * parameters of the enclosing function (resolved through every call of that function); or an
 * identifier narrowed by an enclosing `if (id === 'literal')`.
 */
function resolveString(expression: ts.Expression, depth = 0): Resolution {
  const place = placeOf(expression);
  if (depth > 4) return { unresolved: `${formatPlace(place)}: too many indirections` };
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
    return { values: [expression.text], where: [place] };
  }
  if (ts.isParenthesizedExpression(expression)) return resolveString(expression.expression, depth);
  if (ts.isIdentifier(expression)) {
    const narrowed = narrowedValue(expression);
    if (narrowed !== undefined) return { values: [narrowed], where: [place] };
    return resolveParameter(expression, depth);
  }
  if (ts.isTemplateExpression(expression)) {
    let results: { text: string; where: SourcePlace[] }[] = [{ text: expression.head.text, where: [] }];
    for (const span of expression.templateSpans) {
      const hole = resolveString(span.expression, depth + 1);
      if ('unresolved' in hole) return hole;
      results = results.flatMap((result) =>
        hole.values.map((value, index) => ({ text: result.text + value + span.literal.text, where: [...result.where, hole.where[index] ?? place] })),
      );
    }
    return { values: results.map((result) => result.text), where: results.map((result) => result.where.at(-1) ?? place) };
  }
  return { unresolved: `${formatPlace(place)}: \`${expression.getText()}\` is not a literal the test can follow` };
}

/** `if (name === 'labels') …name…` → 'labels' for the `name` inside the branch. */
function narrowedValue(identifier: ts.Identifier): string | undefined {
  for (let child: ts.Node = identifier, current = identifier.parent; current; child = current, current = current.parent) {
    if (ts.isIfStatement(current) && current.thenStatement === child) {
      const condition = current.expression;
      if (ts.isBinaryExpression(condition) && condition.operatorToken.kind === ts.SyntaxKind.EqualsEqualsEqualsToken) {
        const [left, right] = [condition.left, condition.right];
        if (ts.isIdentifier(left) && left.text === identifier.text && ts.isStringLiteral(right)) return right.text;
        if (ts.isIdentifier(right) && right.text === identifier.text && ts.isStringLiteral(left)) return left.text;
      }
    }
    if (ts.isFunctionLike(current)) return undefined;
  }
  return undefined;
}

/** A parameter of the enclosing function: the values every caller passes for it. */
function resolveParameter(identifier: ts.Identifier, depth: number): Resolution {
  const place = placeOf(identifier);
  const fn = enclosingFunction(identifier);
  const index = fn?.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === identifier.text) ?? -1;
  const fnName = fn?.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name)) ? fn.name.text : undefined;
  if (!fn || index < 0 || !fnName) {
    return { unresolved: `${formatPlace(place)}: \`${identifier.text}\` is neither a literal, a narrowed name nor a parameter of a named function` };
  }
  const values: string[] = [];
  const where: SourcePlace[] = [];
  for (const file of sourceFiles()) {
    for (const call of callsNamed(file, fnName)) {
      const argument = call.arguments[index];
      if (!argument) {
        return { unresolved: `${formatPlace(placeOf(call))}: ${fnName}(…) is called without its \`${identifier.text}\` argument` };
      }
      const resolved = resolveString(argument, depth + 1);
      if ('unresolved' in resolved) return resolved;
      values.push(...resolved.values);
      where.push(...resolved.where);
    }
  }
  if (values.length === 0) return { unresolved: `${formatPlace(place)}: ${fnName}(…) is never called, so \`${identifier.text}\` has no value` };
  return { values, where };
}

function callsNamed(file: ts.SourceFile, name: string): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  forEachDescendant(file, (node) => {
    if (ts.isCallExpression(node) && calleeName(node) === name) calls.push(node);
  });
  return calls;
}

export interface WarningCodes {
  /** Each code, with every place that can log it. */
  codes: Map<string, SourcePlace[]>;
  /** Calls whose code the scanner could not follow: the test fails on them rather than miss a code. */
  unresolved: string[];
}

/** Codes of `console.warn`/`console.error` messages written out in full, as `[quorum:code]`. */
const LOGGED_CODE = /^\[quorum:([a-z0-9-]+)\]/;

/**
 * Every warning code the elements can log: the second argument of each `warnOnce(…)` call (followed
 * through helpers such as `readLiteralAttribute`, whose codes are `invalid-<attribute>`), and each
 * `console.warn`/`console.error` message that starts with `[quorum:<code>]`.
 */
export function warningCodes(): WarningCodes {
  const codes = new Map<string, SourcePlace[]>();
  const unresolved: string[] = [];
  const add = (code: string, place: SourcePlace): void => {
    const places = codes.get(code) ?? [];
    places.push(place);
    codes.set(code, places);
  };
  for (const file of sourceFiles()) {
    forEachDescendant(file, (node) => {
      if (!ts.isCallExpression(node)) return;
      const name = calleeName(node);
      if (name === 'warnOnce') {
        const codeArgument = node.arguments[1];
        if (!codeArgument) {
          unresolved.push(`${formatPlace(placeOf(node))}: warnOnce(…) without a code`);
          return;
        }
        const resolved = resolveString(codeArgument);
        if ('unresolved' in resolved) unresolved.push(resolved.unresolved);
        else resolved.values.forEach((code, index) => add(code, resolved.where[index] ?? placeOf(node)));
        return;
      }
      const isConsole = ts.isPropertyAccessExpression(node.expression) && node.expression.expression.getText() === 'console';
      if (isConsole && (name === 'warn' || name === 'error') && node.arguments[0]) {
        const first = node.arguments[0];
        const text = ts.isTemplateExpression(first) ? first.head.text : ts.isStringLiteralLike(first) ? first.text : '';
        const match = LOGGED_CODE.exec(text);
        if (match?.[1]) add(match[1], placeOf(node));
      }
    });
  }
  return { codes, unresolved };
}

/** A reactive property declared with `@property(…)` in a class of the sources. */
export interface DeclaredProperty {
  name: string;
  /** The attribute it reads, or null for `attribute: false`. */
  attribute: string | null;
  place: SourcePlace;
}

export interface DeclaredClass {
  name: string;
  superclass: string | undefined;
  tagName: string | undefined;
  abstract: boolean;
  properties: DeclaredProperty[];
  /** Attributes the class reads itself (`static observedAttributes` / `observedAttributes` getter). */
  observedAttributes: string[];
  place: SourcePlace;
  node: ts.ClassDeclaration;
}

function isPrivateMember(member: ts.ClassElement): boolean {
  if (member.name && ts.isPrivateIdentifier(member.name)) return true;
  const modifiers = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []) : [];
  return modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword || modifier.kind === ts.SyntaxKind.ProtectedKeyword);
}

/** The attribute Lit gives a `@property(options)`: `attribute: 'x'`, none for `false`, else the lowercased name. */
function litAttribute(decorator: ts.Decorator, name: string): string | null {
  const call = decorator.expression;
  const options = ts.isCallExpression(call) ? call.arguments[0] : undefined;
  if (options && ts.isObjectLiteralExpression(options)) {
    for (const option of options.properties) {
      if (ts.isPropertyAssignment(option) && option.name.getText() === 'attribute') {
        if (option.initializer.kind === ts.SyntaxKind.FalseKeyword) return null;
        if (ts.isStringLiteralLike(option.initializer)) return option.initializer.text;
      }
    }
  }
  return name.toLowerCase();
}

/** Every class of the sources with its public `@property` declarations. */
export function declaredClasses(): Map<string, DeclaredClass> {
  const classes = new Map<string, DeclaredClass>();
  for (const file of sourceFiles()) {
    forEachDescendant(file, (node) => {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const heritage = node.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
      let superExpression: ts.Expression | undefined = heritage?.expression;
      // `extends Mixin(Base)` names its base as the last argument.
      while (superExpression && ts.isCallExpression(superExpression)) superExpression = superExpression.arguments.at(-1);
      const declared: DeclaredClass = {
        name: node.name.text,
        superclass: superExpression && ts.isIdentifier(superExpression) ? superExpression.text : undefined,
        tagName: undefined,
        abstract: (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.AbstractKeyword),
        properties: [],
        observedAttributes: [],
        place: placeOf(node),
        node,
      };
      for (const member of node.members) {
        const memberName = member.name && (ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)) ? member.name.text : undefined;
        const isStatic = ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
        if (isStatic && memberName === 'tagName' && ts.isPropertyDeclaration(member) && member.initializer && ts.isStringLiteralLike(member.initializer)) {
          declared.tagName = member.initializer.text;
        }
        if (isStatic && memberName === 'observedAttributes') {
          forEachDescendant(member, (inner) => {
            if (ts.isStringLiteralLike(inner) && ts.isArrayLiteralExpression(inner.parent)) declared.observedAttributes.push(inner.text);
          });
        }
        if (!memberName || isPrivateMember(member)) continue;
        const decorators = ts.canHaveDecorators(member) ? (ts.getDecorators(member) ?? []) : [];
        const property = decorators.find((decorator) => {
          const expression = decorator.expression;
          return ts.isCallExpression(expression) && ts.isIdentifier(expression.expression) && expression.expression.text === 'property';
        });
        if (property) declared.properties.push({ name: memberName, attribute: litAttribute(property, memberName), place: placeOf(member) });
      }
      classes.set(declared.name, declared);
    });
  }
  return classes;
}

/** The class and its superclasses that are declared in the sources, nearest first. */
export function classChain(name: string, classes: Map<string, DeclaredClass>): DeclaredClass[] {
  const chain: DeclaredClass[] = [];
  for (let current = classes.get(name); current && !chain.includes(current); current = current.superclass ? classes.get(current.superclass) : undefined) {
    chain.push(current);
  }
  return chain;
}

/** Events a class fires on itself with a literal name: `this.dispatchEvent(new Event('change', …))`. */
export function dispatchedEvents(declared: DeclaredClass): Map<string, SourcePlace> {
  const events = new Map<string, SourcePlace>();
  forEachDescendant(declared.node, (node) => {
    if (!ts.isCallExpression(node) || calleeName(node) !== 'dispatchEvent') return;
    const target = node.expression;
    if (!ts.isPropertyAccessExpression(target) || target.expression.kind !== ts.SyntaxKind.ThisKeyword) return;
    const event = node.arguments[0];
    if (!event || !ts.isNewExpression(event) || !ts.isIdentifier(event.expression)) return;
    if (event.expression.text !== 'Event' && event.expression.text !== 'CustomEvent') return;
    const type = event.arguments?.[0];
    if (type && ts.isStringLiteralLike(type)) events.set(type.text, placeOf(event));
  });
  return events;
}

function sourceFileNamed(fileName: string): ts.SourceFile | undefined {
  return sourceFiles().find((file) => file.fileName === fileName);
}

/** The src/internal modules a file imports (not type-only, not styles), transitively. */
function internalHelperFiles(file: ts.SourceFile, seen = new Set<string>()): ts.SourceFile[] {
  const found: ts.SourceFile[] = [];
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || statement.importClause?.isTypeOnly) continue;
    const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
    if (!specifier.startsWith('.')) continue;
    const target = join(file.fileName, '..', specifier).replace(/\.js$/, '.ts');
    if (!target.startsWith('src/internal/') || target.endsWith('.styles.ts') || seen.has(target)) continue;
    seen.add(target);
    const helper = sourceFileNamed(target);
    if (!helper) continue;
    found.push(helper, ...internalHelperFiles(helper, seen));
  }
  return found;
}

/** A module-level function or `const` of a file, by name, with its text. */
function topLevelDefinitions(file: ts.SourceFile): Map<string, string> {
  const definitions = new Map<string, string>();
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) definitions.set(statement.name.text, statement.getText());
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) definitions.set(declaration.name.text, statement.getText());
      }
    }
  }
  return definitions;
}

/**
 * The code that renders an element's shadow DOM, as text: its class and superclasses, the
 * module-level code of their files, and the module-level functions of the src/internal modules
 * they import that this code uses (render helpers), and those the helpers use in turn. Classes of
 * helper modules are left out: an element renders a helper class's template only by extending it,
 * and then that class is in the chain.
 */
export function renderingText(chain: readonly DeclaredClass[]): string {
  const pieces: string[] = [];
  const helpers = new Map<string, string>();
  const ownFiles = new Set<ts.SourceFile>();
  for (const declared of chain) {
    pieces.push(declared.node.getText());
    const file = declared.node.getSourceFile();
    ownFiles.add(file);
    for (const helper of internalHelperFiles(file)) {
      for (const [name, text] of topLevelDefinitions(helper)) if (!helpers.has(name)) helpers.set(name, text);
    }
  }
  for (const file of ownFiles) {
    for (const statement of file.statements) {
      if (!ts.isClassDeclaration(statement) && !ts.isImportDeclaration(statement)) pieces.push(statement.getText());
    }
  }
  let added = true;
  while (added) {
    added = false;
    const used = pieces.join('\n');
    for (const [name, text] of helpers) {
      if (new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`).test(used)) {
        pieces.push(text);
        helpers.delete(name);
        added = true;
      }
    }
  }
  return pieces.join('\n');
}

const PART_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * The words of the string literals in a short piece of code: quoted strings (also those inside a
 * template's holes) and the text of template literals between their holes.
 */
function literalWords(code: string): string[] {
  const words: string[] = [];
  const add = (literal: string | undefined): void => {
    words.push(...(literal ?? '').split(/\s+/).filter((word) => PART_NAME.test(word)));
  };
  for (const match of code.matchAll(/'([^'\n]*)'|"([^"\n]*)"/g)) add(match[1] ?? match[2]);
  for (const match of code.matchAll(/[`}]([^`$}{'"]*)(?=\$\{|`)/g)) add(match[1]);
  return words;
}

/** From `text[start]` (an opening `{`), the index just past its matching `}`. */
function closingBrace(text: string, start: number): number {
  let depth = 0;
  for (let index = start; index < text.length; index++) {
    if (text[index] === '{') depth++;
    else if (text[index] === '}' && --depth === 0) return index + 1;
  }
  return text.length;
}

/**
 * CSS part names a template writes: `part="a b"`, `part="a ${x ? 'b' : ''}"`, `part=${x ? 'a' : 'b'}`,
 * `part=${names}` with `const names = [...]` in the same code, and `part: 'a'` in an options object
 * passed to a render helper. Parts named only through data the test cannot see are missed, so the
 * check built on this is "at least these are documented".
 */
export function renderedParts(code: string): Set<string> {
  const parts = new Set<string>();
  for (const match of code.matchAll(/\bpart=/g)) {
    const start = (match.index ?? 0) + match[0].length;
    if (code[start] === '"') {
      let end = start + 1;
      let value = '';
      while (end < code.length && code[end] !== '"') {
        if (code.startsWith('${', end)) {
          const close = closingBrace(code, end + 1);
          literalWords(code.slice(end + 2, close - 1)).forEach((word) => parts.add(word));
          value += ' ';
          end = close;
        } else {
          value += code[end];
          end++;
        }
      }
      value.split(/\s+/).filter((word) => PART_NAME.test(word)).forEach((word) => parts.add(word));
    } else if (code.startsWith('${', start)) {
      const expression = code.slice(start + 2, closingBrace(code, start + 1) - 1).trim();
      literalWords(expression).forEach((word) => parts.add(word));
      if (/^[A-Za-z_$][\w$]*$/.test(expression)) {
        const definition = new RegExp(`\\bconst ${expression} = ([^;]*);`).exec(code);
        if (definition?.[1]) literalWords(definition[1]).forEach((word) => parts.add(word));
      }
    }
  }
  for (const match of code.matchAll(/\bpart: '([^']+)'/g)) {
    (match[1] ?? '').split(/\s+/).filter((word) => PART_NAME.test(word)).forEach((word) => parts.add(word));
  }
  return parts;
}

/**
 * Slot names a template renders: `<slot name="x">`, and '' for the default `<slot>`; `dynamic` when
 * a name is computed (`<slot name=${slot}>`), so the list may be incomplete.
 */
export function renderedSlots(code: string): { names: Set<string>; dynamic: boolean } {
  const names = new Set<string>();
  let dynamic = false;
  for (const match of code.matchAll(/<slot\b([^>]*)>/g)) {
    const attributes = match[1] ?? '';
    const name = /\bname="([^"$]*)"/.exec(attributes);
    if (name) names.add(name[1] ?? '');
    else if (/\bname=/.test(attributes)) dynamic = true;
    else names.add('');
  }
  return { names, dynamic };
}
