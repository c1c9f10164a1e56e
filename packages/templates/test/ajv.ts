// Ajv 8 (JSON Schema 2020-12) for the tests, resolved from @quorum/schema, which depends on it.
import { createRequire } from 'node:module';

interface ValidateFunction {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; message?: string }> | null;
}

interface Ajv2020 {
  compile(schema: object): ValidateFunction;
}

const require = createRequire(import.meta.url);
const { Ajv2020: AjvClass } = require('ajv/dist/2020.js') as { Ajv2020: new (options: object) => Ajv2020 };

/** A compiled validator that returns the error list (empty when valid). */
export function validator(schema: object): (data: unknown) => string[] {
  // ajv-formats is not installed; these are enough for the formats the form generator supports.
  const formats = { email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, uri: /^[a-z][a-z0-9+.-]*:\S+$/i, date: /^\d{4}-\d{2}-\d{2}$/ };
  const validate = new AjvClass({ strict: true, allErrors: true, formats, keywords: ['x-quorum-elements'] }).compile(schema);
  return (data) => (validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`));
}
