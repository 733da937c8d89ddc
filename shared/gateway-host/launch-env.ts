// What a launcher tells the gateway it starts. Always environment, never argv, so the token
// does not show up in `ps`.

export const LAUNCH_ENV = {
  port: 'GATEHOUSE_GATEWAY_PORT',
  stateDir: 'GATEHOUSE_STATE_DIR',
  token: 'GATEHOUSE_GATEWAY_TOKEN',
} as const;

export type LaunchEnvName = (typeof LAUNCH_ENV)[keyof typeof LAUNCH_ENV];

/** The names an OpenClaw gateway reads for the same settings (an external gateway command). */
export const OPENCLAW_LAUNCH_ENV: Readonly<Record<LaunchEnvName, string>> = {
  GATEHOUSE_GATEWAY_PORT: 'OPENCLAW_GATEWAY_PORT',
  GATEHOUSE_GATEWAY_TOKEN: 'OPENCLAW_GATEWAY_TOKEN',
  GATEHOUSE_STATE_DIR: 'OPENCLAW_STATE_DIR',
};
