/** The package version, put in by vite.control-ui.config.ts at build time. */
declare const __GATEHOUSE_VERSION__: string;
