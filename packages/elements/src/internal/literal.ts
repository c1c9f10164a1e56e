/**
 * The attribute literal parser is shared with the template compiler, so a template that lints
 * clean reads the same in the browser; it lives in `@quorum/schema`.
 */
export { LiteralSyntaxError, parseLiteral, parseStringArray, type LiteralValue, type ParseLiteralOptions } from '@quorum/schema';
