import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (no test tool can download its own browser here); override with QUORUM_CHROMIUM. */
export const chromiumPath = process.env.QUORUM_CHROMIUM ?? '/usr/bin/chromium';

/** Launches headless Chromium with the flags this closed network needs (see ../shared/TOOLCHAIN.md). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
