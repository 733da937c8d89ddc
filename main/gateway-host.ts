/**
 * The app started with GATEWAY_HOST_FLAG (see supervisor/app-host-launcher.ts): no tray, no
 * windows, no single-instance lock — only the gateway, run by its own CLI as `gateway run` in
 * this process, configured through the environment the launching app set (port, state dir,
 * token). It ends when the gateway does; the tray app that launched it may have quit long before.
 */
import { pathToFileURL } from 'node:url';
import { app } from 'electron';

export async function runGatewayHost(cliEntry: string): Promise<void> {
  // A background process: no Dock icon on macOS.
  app.dock?.hide();
  let gatewayEnded = false;
  // Electron answers SIGTERM by quitting; the gateway's own SIGTERM handler shuts it down
  // cleanly (shutdown event, store flushed), and the host leaves once that is done.
  app.on('will-quit', (event) => {
    if (!gatewayEnded) event.preventDefault();
  });
  // The CLI reads its command from argv, as `node <entry> gateway run` would give it.
  process.argv = [process.execPath, cliEntry, 'gateway', 'run'];
  try {
    await import(pathToFileURL(cliEntry).href);
  } finally {
    gatewayEnded = true;
    app.exit(typeof process.exitCode === 'number' ? process.exitCode : 1);
  }
}
