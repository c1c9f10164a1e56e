/**
 * custom-elements.json is the elements' contract for editors, docs and `quorum validate`; it is
 * generated from the classes' JSDoc by scripts/postbuild.mjs. These tests hold each element's entry
 * to what its source does: a summary, its tag, every attribute it reads and public property it
 * declares (described), the events it fires (`input`/`change` for controls), and the slots and CSS
 * parts its templates render. They read the built file, so run the build first:
 *   QUORUM_PACKAGES=elements npx rollup -c && node packages/elements/scripts/postbuild.mjs
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  classChain,
  declaredClasses,
  dispatchedEvents,
  formatPlace,
  packageDir,
  renderedParts,
  renderedSlots,
  renderingText,
  sourceFiles,
  type DeclaredClass,
} from './source-scan.js';

const manifestPath = join(packageDir, 'custom-elements.json');
const REBUILD = 'run `QUORUM_PACKAGES=elements npx rollup -c && node packages/elements/scripts/postbuild.mjs`';

interface Documented {
  name: string;
  description?: string;
  summary?: string;
}

interface ManifestMember extends Documented {
  kind: string;
  privacy?: string;
  static?: boolean;
  attribute?: string;
}

interface ManifestAttribute extends Documented {
  fieldName?: string;
}

interface ManifestElement extends Documented {
  kind: string;
  tagName?: string;
  customElement?: boolean;
  members?: ManifestMember[];
  attributes?: ManifestAttribute[];
  events?: Documented[];
  slots?: Documented[];
  cssParts?: Documented[];
}

interface Manifest {
  schemaVersion: string;
  modules: { path: string; declarations?: ManifestElement[] }[];
}

function readManifest(): Manifest {
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: ${REBUILD}.`);
  return JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
}

const manifest = readManifest();
const classes = declaredClasses();
// The analyzer also marks abstract bases (QuorumControl …) as custom elements; only tagged ones are elements.
const customElements = manifest.modules.flatMap((module) =>
  (module.declarations ?? []).filter((declaration) => declaration.customElement).map((declaration) => ({ module: module.path, declaration })),
);
const elements = customElements.filter((element) => element.declaration.tagName);
const described = (entry: Documented | undefined): boolean => Boolean(entry && (entry.description ?? entry.summary ?? '').trim());

/**
 * The names a list documents with a description. Parts may also be named in backticks in another
 * part's description, as state variants are (`tab` — "`tab-selected` when selected").
 */
function documentedNames(entries: readonly Documented[] | undefined, { mentions = false } = {}): Set<string> {
  const names = new Set<string>();
  for (const entry of entries ?? []) {
    if (!described(entry)) continue;
    names.add(entry.name);
    if (mentions) for (const match of (entry.description ?? '').matchAll(/`([a-z][a-z0-9-]*)`/g)) names.add(match[1] ?? '');
  }
  return names;
}

/** Attributes a class chain reads: Lit's `@property` attributes and those of `observedAttributes`. */
function sourceAttributes(chain: readonly DeclaredClass[]): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const declared of [...chain].reverse()) {
    for (const property of declared.properties) {
      if (property.attribute !== null) attributes.set(property.attribute, `@property ${property.name} (${formatPlace(property.place)})`);
    }
    for (const attribute of declared.observedAttributes) {
      if (!attributes.has(attribute)) attributes.set(attribute, `observedAttributes of ${declared.name} (${formatPlace(declared.place)})`);
    }
  }
  return attributes;
}

test('custom-elements.json is newer than every source file', () => {
  const built = statSync(manifestPath).mtimeMs;
  const newer = sourceFiles()
    .map((file) => file.fileName)
    .filter((file) => statSync(join(packageDir, file)).mtimeMs > built);
  assert.deepEqual(newer, [], `custom-elements.json is older than these sources, so it may not describe them; ${REBUILD}`);
});

test('every element class of the sources is in custom-elements.json with its tag', () => {
  const tagged = [...classes.values()].filter((declared) => declared.tagName);
  assert.ok(tagged.length >= 40, `only ${tagged.length} element classes with a static tagName found in src/`);
  const byName = new Map(elements.map((element) => [element.declaration.name, element.declaration]));
  const problems: string[] = [];
  for (const declared of tagged) {
    const entry = byName.get(declared.name);
    if (!entry) problems.push(`${declared.name} <${declared.tagName}> (${formatPlace(declared.place)}) is not a custom element in the manifest`);
    else if (entry.tagName !== declared.tagName) problems.push(`${declared.name}: manifest tag "${entry.tagName}", source tag "${declared.tagName}"`);
  }
  for (const { declaration, module } of customElements) {
    const declared = classes.get(declaration.name);
    if (!declared) problems.push(`${declaration.name} (${module}) is in the manifest but not a class of the sources`);
    else if (!declaration.tagName && !declared.abstract) problems.push(`${declaration.name} (${formatPlace(declared.place)}) is neither abstract nor given a tag (static tagName)`);
  }
  assert.deepEqual(problems, []);
});

for (const { module, declaration } of elements) {
  const tag = declaration.tagName ?? declaration.name;
  test(`<${tag}> is fully documented in custom-elements.json`, () => {
    const chain = classChain(declaration.name, classes);
    assert.ok(chain.length > 0, `${declaration.name} (${module}) is not a class of the sources`);
    const problems: string[] = [];

    if (!(declaration.summary ?? declaration.description ?? '').trim()) problems.push('no @summary or description on the class');
    for (const [kind, entries] of Object.entries({ attribute: declaration.attributes, event: declaration.events, slot: declaration.slots, part: declaration.cssParts })) {
      const names = (entries ?? []).map((entry) => entry.name);
      for (const name of new Set(names.filter((name, index) => names.indexOf(name) !== index))) problems.push(`${kind} "${name}" is listed twice`);
    }

    const attributes = new Map((declaration.attributes ?? []).map((attribute) => [attribute.name, attribute]));
    for (const [name, where] of sourceAttributes(chain)) {
      const attribute = attributes.get(name);
      if (!attribute) problems.push(`attribute "${name}" (${where}) is not in the manifest; document the property, or add \`@attr ${name}\` to its doc comment`);
      else if (!described(attribute)) problems.push(`attribute "${name}" (${where}) has no description`);
    }
    for (const attribute of declaration.attributes ?? []) {
      if (!described(attribute)) problems.push(`attribute "${attribute.name}" has no description`);
    }

    const members = new Map((declaration.members ?? []).filter((member) => !member.static).map((member) => [member.name, member]));
    for (const declared of chain) {
      for (const property of declared.properties) {
        const member = members.get(property.name);
        if (!member) problems.push(`property ${property.name} (${formatPlace(property.place)}) is not in the manifest`);
        else if (member.privacy === undefined && !described(member)) problems.push(`property ${property.name} (${formatPlace(property.place)}) has no description`);
      }
    }

    const events = documentedNames(declaration.events);
    for (const event of declaration.events ?? []) {
      if (!described(event)) problems.push(`event "${event.name}" has no description`);
    }
    if (chain.some((declared) => declared.name === 'QuorumControl')) {
      for (const name of ['input', 'change']) if (!events.has(name)) problems.push(`control without a documented "${name}" event`);
    }
    for (const declared of chain) {
      for (const [name, place] of dispatchedEvents(declared)) {
        // quorum-* events are the elements' own protocol with each other (registration, regions, tabs).
        if (!name.startsWith('quorum-') && !events.has(name)) problems.push(`fires "${name}" (${formatPlace(place)}) but documents no such @event`);
      }
    }

    const code = renderingText(chain);
    const slots = documentedNames(declaration.slots);
    const renderedSlotNames = renderedSlots(code);
    for (const slot of renderedSlotNames.names) {
      if (!slots.has(slot)) problems.push(`renders ${slot ? `<slot name="${slot}">` : 'a default <slot>'} but documents no such @slot`);
    }
    for (const slot of declaration.slots ?? []) {
      if (!described(slot)) problems.push(`slot "${slot.name || '(default)'}" has no description`);
      else if (!renderedSlotNames.dynamic && !renderedSlotNames.names.has(slot.name)) {
        problems.push(`documents slot "${slot.name || '(default)'}", which no template renders`);
      }
    }

    const parts = documentedNames(declaration.cssParts, { mentions: true });
    const rendered = renderedParts(code);
    // renderChoiceGroup marks options up to the chosen one `option-filled` only when given `fill`.
    if (!/\bfill:/.test(code)) rendered.delete('option-filled');
    for (const part of rendered) {
      if (!parts.has(part)) problems.push(`renders part "${part}" but documents no such @csspart`);
    }
    for (const part of declaration.cssParts ?? []) {
      if (!described(part)) problems.push(`part "${part.name}" has no description`);
      else if (!rendered.has(part.name)) problems.push(`documents part "${part.name}", which no template renders (or names in a way the scan cannot see)`);
    }

    assert.deepEqual(problems, [], `<${tag}> (${module}) in custom-elements.json:\n${problems.join('\n')}`);
  });
}
