import { analyzeTemplate, attributeOf } from './analyze.js';
import type { AnalyzeOptions, TemplateAnalysis, TemplateElement } from './analyze.js';
import { answerControls } from './answer-schema.js';
import { ELEMENT_REGISTRY, GROUND_TRUTH_ELEMENTS, isGlobalAttribute } from './elements.js';
import { closestName } from './errors.js';
import { parseJsLiteral, parseStringList } from './literal.js';
import { rootName } from './scan.js';
import type { TemplateConstruct } from './scan.js';

/** One problem found by {@link lintTemplate}, at a 1-based line and column of the template source. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Stable identifier of the rule, e.g. `unknown-element`. */
  code: DiagnosticCode;
  message: string;
  line: number;
  column: number;
}

/** The rules {@link lintTemplate} checks. */
export type DiagnosticCode =
  | 'syntax-error'
  | 'unknown-element'
  | 'unsupported-element'
  | 'unknown-attribute'
  | 'missing-name'
  | 'duplicate-name'
  | 'invalid-attribute'
  | 'unescaped-input'
  | 'url-escaping'
  | 'json-in-attribute'
  | 'mixed-element-versions'
  | 'self-closing-element';

/** Attributes holding JS literals, read by the elements at run time; a malformed static one breaks the element. */
const STRING_LIST_ATTRIBUTES = new Set(['categories', 'labels', 'label-colors', 'question-tags', 'items', 'reasons']);
const LITERAL_ATTRIBUTES = new Set(['exclusion-category', 'initial-value', 'ordinal-ranking-dimensions', 'responses', 'overlay', 'dimensions', 'criteria', 'turns', 'keys', 'block-types']);

/** The image tools read `labels` as strings or `{ label | fullDisplayName | shortDisplayName }` objects. */
const OBJECT_LABEL_ELEMENTS = new Set([
  'crowd-bounding-box', 'crowd-keypoint', 'crowd-polygon', 'crowd-line', 'crowd-polyline', 'crowd-semantic-segmentation', 'crowd-instance-segmentation',
]);
const SPATIAL_LABEL_KEYS = ['label', 'fullDisplayName', 'shortDisplayName'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Lists whose items may be objects as well as strings: the image tools' `labels`, and the
 * moderation review's `categories` (`{ name, parentName }` from Rekognition, in either case).
 */
function objectListOf(tag: string, attribute: string): 'labels' | 'categories' | undefined {
  if (attribute === 'labels' && OBJECT_LABEL_ELEMENTS.has(tag)) return 'labels';
  if (attribute === 'categories' && tag === 'crowd-rekognition-detect-moderation-labels') return 'categories';
  return undefined;
}

/** What is wrong with a parsed {@link objectListOf} value, or undefined when the element can use it. */
function objectListProblem(kind: 'labels' | 'categories', value: unknown): string | undefined {
  if (!Array.isArray(value)) return `expected an array, found ${JSON.stringify(value)}`;
  const wanted = kind === 'labels' ? 'a string or an object with label, fullDisplayName or shortDisplayName' : "a string or an object with a name ({ name: 'Gore', parentName: 'Violence' })";
  const names = new Set<string>();
  for (const [index, item] of value.entries()) {
    let name: unknown;
    if (typeof item === 'string' || (kind === 'labels' && typeof item === 'number')) name = String(item);
    else if (isRecord(item)) name = kind === 'labels' ? SPATIAL_LABEL_KEYS.map((key) => item[key]).find((field) => typeof field === 'string') : (item.name ?? item.Name);
    if (typeof name !== 'string' || (kind === 'categories' && name === '')) return `item ${index} must be ${wanted}, found ${JSON.stringify(item)}`;
    // The moderation review refuses a category listed twice.
    if (kind === 'categories' && names.has(name)) return `item ${index}: the category "${name}" is listed twice`;
    names.add(name);
  }
  return undefined;
}

const GENAI_COMPANIONS = [...ELEMENT_REGISTRY.values()]
  .filter((descriptor) => descriptor.genaiCompatible && descriptor.family !== 'genai')
  .map((descriptor) => descriptor.tag);

/** An output's expression and the names of its filters, in order (`x | a: 1 | b` → x, [a, b]). */
function splitFilters(body: string): { expression: string; filters: string[] } {
  const pieces: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const char of body) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '|') {
      pieces.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  pieces.push(current);
  const [expression = '', ...filters] = pieces.map((piece) => piece.trim());
  return { expression, filters: filters.map((filter) => /^[\w-]+/.exec(filter)?.[0] ?? filter) };
}

function isInsideRange(construct: TemplateConstruct, element: TemplateElement): boolean {
  return construct.start >= element.inner.start && construct.end <= element.inner.end;
}

class Linter {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly analysis: TemplateAnalysis) {}

  report(severity: Diagnostic['severity'], code: DiagnosticCode, message: string, where: { line: number; column: number }): void {
    this.diagnostics.push({ severity, code, message, line: where.line, column: where.column });
  }

  at(offset: number): { line: number; column: number } {
    return this.analysis.position(offset);
  }

  run(): Diagnostic[] {
    const { syntaxError } = this.analysis;
    if (syntaxError) this.report('error', 'syntax-error', syntaxError.reason, { line: syntaxError.line ?? 1, column: syntaxError.column ?? 1 });
    for (const element of this.analysis.elements) this.checkElement(element);
    this.checkNames();
    this.checkOutputs();
    this.checkJsonAttributes();
    this.checkElementVersions();
    return this.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  }

  checkElement(element: TemplateElement): void {
    const descriptor = ELEMENT_REGISTRY.get(element.tag);
    if (!descriptor) {
      const family = GROUND_TRUTH_ELEMENTS.get(element.tag);
      if (family) {
        this.report(
          'warning',
          'unsupported-element',
          `<${element.tag}> is ${family === 'Augmented AI' ? 'an' : 'a'} ${family} element that Quorum does not implement yet: it works on ${family === 'Augmented AI' ? 'Augmented AI' : 'Ground Truth'}, but Quorum's preview shows nothing in its place and \`quorum schema\` leaves its answer out`,
          element,
        );
      } else if (element.tag.startsWith('crowd-')) {
        const guess = closestName(element.tag, ELEMENT_REGISTRY.keys());
        this.report('error', 'unknown-element', `unknown element <${element.tag}>${guess ? ` (did you mean <${guess}>?)` : ''}; it renders as an empty inline element and submits nothing`, element);
      }
      return;
    }
    if (element.tag.startsWith('crowd-') && this.analysis.source[element.inner.start - 2] === '/') {
      this.report(
        'warning',
        'self-closing-element',
        `<${element.tag} … /> is not closed: custom elements cannot self-close, so what follows becomes its content; write <${element.tag} …></${element.tag}>`,
        element,
      );
    }
    for (const attribute of element.attributes) {
      if (attribute.templatedName || isGlobalAttribute(attribute.name) || descriptor.attributes.includes(attribute.name)) continue;
      const guess = closestName(attribute.name, descriptor.attributes);
      const known = descriptor.attributes.length > 0 ? `its attributes are ${descriptor.attributes.join(', ')}` : 'it has no attributes of its own';
      this.report('warning', 'unknown-attribute', `<${element.tag}> has no attribute "${attribute.name}"${guess ? ` (did you mean "${guess}"?)` : ''}; ${known}`, attribute);
    }
    if (descriptor.defaultName !== undefined) {
      // Without a name it answers under its default key; an empty one turns that off too.
      const name = attributeOf(element, 'name');
      if (name?.value !== undefined && name.value.trim() === '') {
        this.report(
          'error',
          'missing-name',
          `<${element.tag}> has an empty name, so its answer is not submitted; remove name to answer under "${descriptor.defaultName}", or give it a name`,
          name,
        );
      }
    } else if (descriptor.requiresName && !(descriptor.formReference && attributeOf(element, descriptor.formReference))) {
      const name = attributeOf(element, 'name');
      if (!name || (name.value !== undefined && name.value.trim() === '')) {
        this.report('error', 'missing-name', `<${element.tag}> has no name, so its answer is not submitted; add name="…" (the key of its answer)`, element);
      }
    }
    for (const attribute of element.attributes) {
      if (attribute.value === undefined) continue;
      const objectList = objectListOf(element.tag, attribute.name);
      const isList = !objectList && STRING_LIST_ATTRIBUTES.has(attribute.name) && !(element.tag === 'crowd-entity-annotation' && attribute.name === 'labels');
      if (!isList && !objectList && !LITERAL_ATTRIBUTES.has(attribute.name) && attribute.name !== 'labels') continue;
      if (attribute.value.trim() === '') continue;
      let problem: string | undefined;
      try {
        if (isList) parseStringList(attribute.value);
        else if (objectList) problem = objectListProblem(objectList, parseJsLiteral(attribute.value));
        else parseJsLiteral(attribute.value);
      } catch (error) {
        problem = (error as Error).message;
      }
      if (problem !== undefined) {
        const expected = isList ? "list such as ['a', 'b']" : objectList ? 'list of strings or objects' : 'JSON or JavaScript literal';
        this.report('error', 'invalid-attribute', `${attribute.name} of <${element.tag}> is not a valid ${expected}: ${problem}`, attribute);
      }
    }
  }

  checkNames(): void {
    const byName = new Map<string, ReturnType<typeof answerControls>>();
    for (const control of answerControls(this.analysis)) {
      if (control.key?.kind !== 'static') continue;
      if (control.kind === 'value' && control.inLoop) {
        const which = control.defaultName ? `<${control.tag}> has no name and` : `<${control.tag} name="${control.key.name}">`;
        const example = control.defaultName ? 'review' : control.key.name;
        this.report(
          'error',
          'duplicate-name',
          `${which} is inside a loop, so every item submits under the same name ("${control.key.name}") and only the last one is kept; build the name from the loop (e.g. name="${example}-{{ forloop.index }}")`,
          control,
        );
      }
      const list = byName.get(control.key.name) ?? [];
      list.push(control);
      byName.set(control.key.name, list);
    }
    for (const [name, controls] of byName) {
      // "_" is where Ground Truth samples put values they throw away (name="_" on every helper control).
      if (name === '_') continue;
      // Checkboxes and radio/toggle buttons sharing a name merge into one object, by design.
      if (controls.every((control) => control.kind === 'boolean-map')) continue;
      const [first, ...others] = controls;
      for (const other of others) {
        const how = other.defaultName || first!.defaultName ? 'already submits under' : 'is already named';
        const unnamed = other.defaultName ? ` (<${other.tag}> without a name answers under "${name}"; give it a name)` : '';
        this.report(
          'error',
          'duplicate-name',
          `another control ${how} "${name}" (<${first!.tag}> at line ${first!.line}, column ${first!.column}); the answer keeps only the last one's value${unnamed}`,
          other,
        );
      }
    }
  }

  /** Loop variables around a construct whose loops iterate over task input (directly or nested). */
  inputVariables(construct: TemplateConstruct): Set<string> {
    const variables = new Set<string>();
    for (const block of this.analysis.scan.blocks) {
      if (block.kind !== 'loop' || block.open.start >= construct.start || block.end <= construct.start) continue;
      const collection = block.collection ?? '';
      if (rootName(collection) === 'task' || variables.has(rootName(collection)) || (this.analysis.engine === 'handlebars' && rootName(collection) === 'this')) {
        for (const variable of block.variables) variables.add(variable);
      }
    }
    return variables;
  }

  readsInput(expression: string, construct: TemplateConstruct): boolean {
    if (expression.startsWith('@root.')) return rootName(expression.slice(6)) === 'task';
    const root = rootName(expression);
    if (root === 'task') return true;
    const variables = this.inputVariables(construct);
    // Inside a Handlebars #each, a bare path (`{{{name}}}`) reads the current item.
    if (this.analysis.engine === 'handlebars' && variables.size > 0 && root !== '' && !root.startsWith('@root') && !expression.startsWith('../')) return true;
    return variables.has(root);
  }

  checkOutputs(): void {
    const rawTextElements = this.analysis.elements.filter((element) => element.tag === 'script' || element.tag === 'style');
    for (const construct of this.analysis.scan.constructs) {
      const handlebarsHelper = this.analysis.engine === 'handlebars' ? /^([\w-]+)\s+(.*)$/s.exec(construct.body) : null;
      const { expression, filters } =
        this.analysis.engine === 'liquid'
          ? splitFilters(construct.kind === 'tag' && /^(?:assign|echo)$/.test(construct.name) ? construct.body.replace(/^[\w-]+\s*=/, '') : construct.body)
          : { expression: handlebarsHelper?.[2] ?? construct.body, filters: handlebarsHelper ? [handlebarsHelper[1]!] : [] };
      const isOutput = construct.kind === 'output' || (construct.kind === 'tag' && /^(?:assign|echo)$/.test(construct.name));
      if (!isOutput) continue;
      const unescaped = construct.unescaped || filters.includes('skip_autoescape');
      if (unescaped && this.readsInput(expression, construct)) {
        const how = construct.unescaped ? 'a triple-stash {{{ }}} (or {{& }})' : 'skip_autoescape';
        this.report(
          'warning',
          'unescaped-input',
          `${expression} comes from task input and is printed as HTML by ${how}: any markup in it (scripts, event handlers) runs in the worker's page. Print it escaped unless the input is trusted HTML`,
          this.at(construct.start),
        );
      }
      if (construct.kind !== 'output' || filters[filters.length - 1] !== 'grant_read_access') continue;
      const container = rawTextElements.find((element) => isInsideRange(construct, element));
      if (container) {
        const fix = container.tag === 'script' ? 'add | to_json (a JSON string literal, not escaped again)' : 'set the URL from an attribute instead (style="background-image: url(\'…\')")';
        this.report(
          'error',
          'url-escaping',
          `a grant_read_access URL inside <${container.tag}> is HTML-escaped (& becomes &amp;), which ${container.tag === 'script' ? 'JavaScript' : 'CSS'} does not decode, so a signed URL breaks; ${fix}`,
          this.at(construct.start),
        );
        continue;
      }
      const before = this.analysis.source.slice(Math.max(0, construct.start - 40), construct.start);
      if (/url\(\s*$/i.test(before)) {
        this.report(
          'warning',
          'url-escaping',
          `a grant_read_access URL in an unquoted CSS url() ends at the first ")", quote or space; quote it: url('{{ … | grant_read_access }}')`,
          this.at(construct.start),
        );
      }
    }
  }

  /**
   * `to_json` prints JSON unescaped, as on Ground Truth (hence GT's own `| to_json | escape`): its
   * double quotes end a double-quoted attribute, and the rest of the JSON becomes stray attributes.
   */
  checkJsonAttributes(): void {
    if (this.analysis.engine !== 'liquid') return;
    for (const element of this.analysis.elements) {
      for (const attribute of element.attributes) {
        if (attribute.quote !== '"') continue;
        for (const part of attribute.parts) {
          if (part.kind !== 'construct' || part.construct.kind !== 'output') continue;
          const { filters } = splitFilters(part.construct.body);
          if (filters[filters.length - 1] !== 'to_json') continue;
          this.report(
            'error',
            'json-in-attribute',
            `${attribute.name}="…" of <${element.tag}> holds to_json output, whose double quotes end the attribute (the rest of the JSON becomes stray attributes); quote the attribute with single quotes (to_json escapes ') or add | escape after to_json`,
            this.at(part.construct.start),
          );
        }
      }
    }
  }

  checkElementVersions(): void {
    const genai = this.analysis.elements.find((element) => ELEMENT_REGISTRY.get(element.tag)?.family === 'genai');
    if (!genai) return;
    for (const element of this.analysis.elements) {
      const descriptor = ELEMENT_REGISTRY.get(element.tag);
      if (!descriptor || descriptor.genaiCompatible) continue;
      this.report(
        'error',
        'mixed-element-versions',
        `<${element.tag}> cannot be used with the GenAI element <${genai.tag}> (line ${genai.line}): Ground Truth's V2 elements work only beside ${GENAI_COMPANIONS.map((tag) => `<${tag}>`).join(', ')}`,
        element,
      );
    }
    const scriptSources = this.analysis.elements.map((script) => (script.tag === 'script' ? attributeOf(script, 'src')?.value : undefined));
    // GT's own V2 samples load the classic loader too, after the V2 one; only a page without the V2 loader lacks the element.
    if (scriptSources.some((src) => src !== undefined && /\/crowd-html-elements-v2\.js(?:[?#]|$)/.test(src))) return;
    for (const script of this.analysis.elements) {
      const src = script.tag === 'script' ? attributeOf(script, 'src')?.value : undefined;
      if (src !== undefined && /\/crowd-html-elements\.js(?:[?#]|$)/.test(src)) {
        this.report('error', 'mixed-element-versions', `<${genai.tag}> is a V2 element, which crowd-html-elements.js does not define; load https://assets.crowd.aws/crowd-html-elements-v2.js instead`, script);
      }
    }
  }
}

/**
 * Checks a task template for the mistakes that break Ground Truth tasks or their safety, without
 * rendering it, and returns them sorted by position (1-based line and column in the source):
 *
 * - `syntax-error`: the Liquid or Handlebars engine cannot parse it (includes unknown filters);
 * - `unknown-element`, `unknown-attribute`: crowd elements and attributes GT does not document;
 * - `unsupported-element`: a GT or A2I element Quorum does not implement (a warning: it runs on GT);
 * - `missing-name`, `duplicate-name`: controls whose answer would be lost;
 * - `invalid-attribute`: a static `categories`, `labels`, `initial-value`… that is not a valid literal;
 * - `unescaped-input`: task input printed with `skip_autoescape` or a triple-stash;
 * - `url-escaping`: a `grant_read_access` URL where HTML escaping breaks it (`<script>`, `<style>`);
 * - `json-in-attribute`: `to_json` output in a double-quoted attribute, which its quotes break;
 * - `mixed-element-versions`: GenAI (V2) elements beside classic ones GT does not allow with them;
 * - `self-closing-element`: `<crowd-x />`, which HTML does not close.
 */
export function lintTemplate(source: string, options: AnalyzeOptions = {}): Diagnostic[] {
  return new Linter(analyzeTemplate(source, options)).run();
}
