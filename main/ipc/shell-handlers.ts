/**
 * The handlers the shell serves today, as a table: one entry per contract channel.
 * Later features (gateway control, approvals, chat) add their own family file beside this one.
 */
import type { AppInfo, GatewayState } from '../../shared/ipc/contract.js';
import { expectNoRequest, type InvokeHandlers } from './register-invoke-handlers.js';

export interface ShellHandlerDependencies {
  appInfo: AppInfo;
  currentGatewayState(): GatewayState;
}

export function shellHandlers({ appInfo, currentGatewayState }: ShellHandlerDependencies): InvokeHandlers {
  return {
    'app:getInfo': {
      parse: expectNoRequest,
      handle: () => ({ version: appInfo.version, platform: appInfo.platform }),
    },
    'tray:getState': {
      parse: expectNoRequest,
      handle: () => ({ state: currentGatewayState() }),
    },
  };
}
