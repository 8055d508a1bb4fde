// A wtr command the built-in `emulateMedia` lacks for puppeteer-driven Chromium: forced colors (Windows High
// Contrast), which puppeteer's emulateMediaFeatures supports. Used by test/accessibility.test.ts. Note: wtr's own
// emulateMedia replaces every emulated feature, so it also turns forced colours off.
export function forcedColorsPlugin() {
  return {
    name: 'metered-forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-forced-colors') return undefined;
      const page = session.browser.getPage(session.id);
      await page.emulateMediaFeatures([{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }]);
      return true;
    },
  };
}
