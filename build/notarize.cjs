// electron-builder afterSign hook: notarizes the signed macOS app with Apple's notary service.
//
// Runs only for macOS builds and only when APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and
// APPLE_TEAM_ID are all set; otherwise it says why it skipped and returns, so local and Linux
// builds work without credentials. @electron/notarize is required lazily, inside the branch
// that needs it, so it only has to be installed where notarization actually happens.
'use strict';

const path = require('node:path');

const credentialNames = ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'];

/** @param {import('app-builder-lib').AfterPackContext} context */
exports.default = async function notarize(context) {
  if (context.electronPlatformName !== 'darwin') return;

  const missing = credentialNames.filter((name) => !process.env[name]);
  if (missing.length > 0) {
    console.log(`skipping notarization: credentials not set (${missing.join(', ')})`);
    return;
  }

  const appName = context.packager.appInfo.productFilename;
  const appPath = path.join(context.appOutDir, `${appName}.app`);

  // Lazy: only builds that notarize need the package.
  const { notarize: submit } = require('@electron/notarize');
  console.log(`notarizing ${appPath} (team ${process.env.APPLE_TEAM_ID})`);
  await submit({
    appPath,
    appleId: /** @type {string} */ (process.env.APPLE_ID),
    appleIdPassword: /** @type {string} */ (process.env.APPLE_APP_SPECIFIC_PASSWORD),
    teamId: /** @type {string} */ (process.env.APPLE_TEAM_ID),
  });
  console.log('notarization done');
};
