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
export { buildPreviewPage, escapeInlineScript, findElementsLoaders } from './preview.js';
export type { PreviewPageOptions } from './preview.js';
