/**
 * The one question Quit may ask: stop the gateway this app started, or leave it running.
 */
import { dialog } from 'electron';
import type { QuitAnswer, QuitChoice } from '../lifecycle/quit-coordinator.js';

const choices: readonly QuitChoice[] = ['stop-gateway', 'leave-running', 'cancel'];

export async function askHowToQuit(): Promise<QuitAnswer> {
  const { response, checkboxChecked } = await dialog.showMessageBox({
    type: 'question',
    title: 'Quit Gatehouse',
    message: 'Quit Gatehouse?',
    detail: 'The gateway Gatehouse started is still running. Clients and nodes connected to it lose it if it stops.',
    buttons: ['Stop the gateway and quit', 'Quit, leave the gateway running', 'Cancel'],
    defaultId: 0,
    cancelId: 2,
    checkboxLabel: 'Remember my choice (Settings can change it)',
    checkboxChecked: true,
    noLink: true,
  });
  return { choice: choices[response] ?? 'cancel', remember: checkboxChecked };
}
