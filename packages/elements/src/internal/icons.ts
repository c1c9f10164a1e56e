import { html, nothing, type TemplateResult } from 'lit';
import { describeElement, warnOnce } from './warn.js';

/**
 * Ground Truth's `icon` attributes name iron-icons. Quorum ships no icon font; the names used in
 * Ground Truth's samples and the most common ones map to text symbols here, any URL is shown as
 * an image, and other names warn `[quorum:unsupported-icon]`.
 */
const ICON_SYMBOLS: Record<string, string> = {
  add: '+',
  check: '✓',
  clear: '✕',
  close: '✕',
  done: '✓',
  edit: '✎',
  error: '!',
  flag: '⚑',
  help: '?',
  'help-outline': '?',
  info: 'i',
  'info-outline': 'i',
  remove: '−',
  'report-problem': '⚠',
  search: '⌕',
  star: '★',
  'star-border': '☆',
  warning: '⚠',
  'arrow-back': '←',
  'arrow-forward': '→',
  'arrow-upward': '↑',
  'arrow-downward': '↓',
};

/** Whether an `icon` value is a URL of an image rather than an iron-icons name. */
function isIconUrl(icon: string): boolean {
  return /^(?:https?:|data:image\/|blob:|\.{0,2}\/)/i.test(icon) || /\.(?:svg|png|gif|jpe?g|webp)(?:[?#]|$)/i.test(icon);
}

/** Renders an `icon` attribute (decorative: the element gives the accessible name), or nothing. */
export function renderIcon(owner: Element, icon: string): TemplateResult | typeof nothing {
  if (!icon) return nothing;
  if (isIconUrl(icon)) return html`<img part="icon" class="icon" src=${icon} alt="" />`;
  const symbol = ICON_SYMBOLS[icon.replace(/^icons:/, '')];
  if (symbol) return html`<span part="icon" class="icon" aria-hidden="true">${symbol}</span>`;
  warnOnce(owner, 'unsupported-icon', `${describeElement(owner)} names the iron-icon "${icon}", which Quorum does not ship; use the URL of an image instead.`);
  return nothing;
}

/** "report-problem" → "Report problem": a readable name when an icon-only button has no title. */
export function iconName(icon: string): string {
  if (!icon || isIconUrl(icon)) return '';
  const words = icon.replace(/^icons:/, '').replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
