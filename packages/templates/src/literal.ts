/**
 * Ground Truth's attribute literals (`categories="['a', 'b']"`, `exclusion-category="{ text: 'None' }"`)
 * are read by the one parser in `@quorum/schema`, which the elements use too, so lint and the
 * browser never disagree about an attribute. These are the names this package has exported
 * since 0.1; `LiteralError` carries the `offset`, `line` and `column` of the problem.
 */
export { parseLiteral as parseJsLiteral, parseStringArray as parseStringList, LiteralSyntaxError as LiteralError } from '@quorum/schema';
export type { LiteralValue } from '@quorum/schema';
