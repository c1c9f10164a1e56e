/** One error as Ajv reports it (the subset Quorum reads). */
export interface AjvError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A validator precompiled by Ajv at build time (see scripts/generate.mjs). */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: AjvError[] | null;
}
