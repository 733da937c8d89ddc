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

/**
 * glibc raises its mmap threshold each time a large block is freed; from then on big frame
 * buffers come from the heap and stay in RSS after they are freed. A fixed threshold keeps
 * them mmapped, so they go back to the system (bench/hostile: 52.6 MiB above idle 60 s after a
 * fuzz without it, 27.0 MiB with it). glibc reads it once, at process start.
 */
export const ALLOCATOR_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072' };
