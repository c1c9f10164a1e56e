export { TemplateError, ANONYMOUS_TEMPLATE } from './errors.js';
export type { TemplateEngine } from './errors.js';
export { detectEngine } from './detect.js';
export { renderTemplate } from './render.js';
export type { RenderTemplateOptions } from './render.js';
export { renderLiquid, parseLiquid, createGtLiquid, SafeHtml } from './liquid.js';
export type { LiquidRenderOptions } from './liquid.js';
export {
  renderHandlebars,
  compileHandlebars,
  precompileHandlebars,
  runHandlebars,
  createHandlebarsEnvironment,
  handlebarsCompileOptions,
} from './handlebars.js';
export type { HandlebarsRenderOptions, HandlebarsEnvironment, CompiledHandlebars } from './handlebars.js';
export { escapeHtml, escapeHtmlOnce, safeJson } from './escape.js';
export { grantReadAccess, s3ObjectUrl, BLOCKED_URL } from './urls.js';
export type { UrlSigner } from './urls.js';
export { buildPreviewPage, escapeInlineScript, findElementsLoaders, liveReloadScript, usesAnyTag, type SpatialBundle } from './preview.js';
export type { LiveReloadOptions, PreviewPageOptions } from './preview.js';
export { analyzeTemplate, attributeOf } from './analyze.js';
export type { AnalyzeOptions, TemplateAnalysis, TemplateAttribute, TemplateElement, ValuePart } from './analyze.js';
export { scanTemplate } from './scan.js';
export type { ScannedTemplate, TemplateBlock, TemplateConstruct } from './scan.js';
export { ELEMENT_REGISTRY, GLOBAL_ATTRIBUTES, GROUND_TRUTH_ELEMENTS, isGlobalAttribute } from './elements.js';
export type { AnswerContext, AnswerDescriptor, AttributeValue, ElementDescriptor, JsonSchema } from './elements.js';
export { ELEMENTS_KEYWORD, extractAnswerSchema, answerSchemaOf } from './answer-schema.js';
export type { AnswerControl, AnswerKey, AnswerNote, ExtractedAnswerSchema } from './answer-schema.js';
export { parseJsLiteral, parseStringList, LiteralError } from './literal.js';
export type { LiteralValue } from './literal.js';
export { lintTemplate } from './lint.js';
export type { Diagnostic, DiagnosticCode } from './lint.js';
export { buildTemplateModule, TEMPLATE_RUNTIME } from './build.js';
export type { BuildTemplateOptions, BuiltTemplateModule } from './build.js';
export { registerQuorumHelpers } from './handlebars-support.js';
export { formFromSchema, answerToValue } from './form.js';
export type { FormOptions } from './form.js';
