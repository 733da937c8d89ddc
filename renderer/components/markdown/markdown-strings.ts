/** What the Markdown view says (its own, so the shared strings stay the app's). */
export const markdownStrings = {
  copy: 'Copy',
  copyCode: 'Copy code',
  copied: 'Copied',
  copyRefused: 'Copying was refused: the code is selected, press Ctrl+C (⌘C) to copy it.',
  remoteImage: (alt: string, host: string): string => `Image${alt === '' ? '' : `: ${alt}`} (${host}, opens outside the app)`,
  blockedImage: (alt: string): string => `[image not shown${alt === '' ? '' : `: ${alt}`}]`,
  opensOutside: 'opens outside the app',
};
