import Type from 'typebox';

// browser.request answers with the browser-control route's own response body, whatever it is;
// files the node sent along are saved in the state dir and their paths in it point there.

export const BrowserResults = {
  'browser.request': Type.Unknown(),
} as const;
