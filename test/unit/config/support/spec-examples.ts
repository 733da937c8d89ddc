// The example files of shared/spec/config.md §9, verbatim.

export const BENCH_CONFIG = `{
  gateway: { mode: "local", port: 18789, bind: "loopback",
             auth: { mode: "token", token: "\${OPENCLAW_GATEWAY_TOKEN}" } },
  discovery: { mdns: { mode: "off" } },
  update: { checkOnStart: false },
  models: {
    catalogRefresh: { enabled: false },
    mode: "merge",
    providers: { mock: {
      baseUrl: "http://127.0.0.1:18791/v1", apiKey: "mock-local",
      api: "openai-completions", timeoutSeconds: 30,
      models: [{ id: "mock-model", name: "Loopback mock model", reasoning: false,
        input: ["text"], cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
        contextWindow: 32000, maxTokens: 1024 }] } },
  },
  logging: { file: "\${OPENCLAW_STATE_DIR}/logs/openclaw.log" },
  agents: { defaults: { model: { primary: "mock/mock-model" } } },
}
`;

export const SMALLEST_CONFIG = `{ gateway: { auth: { token: "\${GATEHOUSE_GATEWAY_TOKEN}" } },
env: { vars: { ANTHROPIC_API_KEY: "sk-ant-…" } }, agents: { defaults: { model:
"anthropic/claude-opus-4-6" } } }`;

export const FULLER_CONFIG = `{
  env: { vars: { OPENAI_API_KEY: "sk-…" } },
  secrets: { providers: { keys: { source: "file", path: "~/.gatehouse/secrets.json", mode: "json" } } },
  gateway: {
    mode: "local", port: 18789, bind: "lan",
    auth: { mode: "token", token: { source: "env", provider: "default", id: "GATEHOUSE_GATEWAY_TOKEN" } },
    controlUi: { allowedOrigins: ["https://gw.example.com"] },
    tls: { enabled: true, certPath: "/etc/gatehouse/cert.pem", keyPath: "/etc/gatehouse/key.pem" },
  },
  models: {
    mode: "merge",
    providers: {
      anthropic: { apiKey: { source: "file", provider: "keys", id: "/anthropic" } },
      ollama: { baseUrl: "http://gpu-box.local:11434", api: "ollama", timeoutSeconds: 300,
                models: [{ id: "qwen3:32b", name: "Qwen3 32B", contextWindow: 32768 }] },
      litellm: { baseUrl: "http://127.0.0.1:4000/v1", api: "openai-completions",
                 apiKey: "\${LITELLM_API_KEY}",
                 models: [{ id: "llama-3.1-8b", name: "Llama 3.1 8B",
                            cost: { input: 0.1, output: 0.2, cacheRead: 0, cacheWrite: 0 },
                            contextWindow: 128000, maxTokens: 4096 }] },
    },
  },
  agents: {
    ownership: "explicit",
    defaults: {
      model: { primary: "anthropic/claude-opus-4-6", fallbacks: ["openai/gpt-6-astra"] },
      models: { "anthropic/claude-opus-4-6": { alias: "opus" } },
      thinkingDefault: "low", timeoutSeconds: 3600,
      systemAgent: { agentId: "home" },
      heartbeat: { every: "1h", activeHours: { start: "08:00", end: "22:00" } },
    },
    entries: {
      home: { name: "Home", identity: { name: "Samantha", emoji: "🦥", theme: "helpful sloth" } },
      ops:  { model: { primary: "ollama/qwen3:32b", fallbacks: [] }, tools: { exec: { mode: "ask" } } },
    },
  },
  session: { dmScope: "per-channel-peer", reset: { mode: "daily", atHour: 4 } },
  tools: { exec: { mode: "allowlist", timeoutSeconds: 600 } },
  cron: { sessionRetention: "24h", failureAlert: { after: 3 } },
  logging: { level: "info", file: "~/.gatehouse/logs/gatehouse.log", consoleStyle: "json" },
  commands: { ownerAllowFrom: ["telegram:123456789"] },
  channels: {
    telegram: { botToken: "\${TELEGRAM_BOT_TOKEN}", dmPolicy: "allowlist", allowFrom: [123456789] },
    discord:  { token: "\${DISCORD_BOT_TOKEN}" },
  },
}
`;

export const REMOTE_CLIENT_CONFIG = `{ gateway: { mode: "remote", remote: { url:
"wss://gw.example.com:18789", transport: "direct", token: "\${GATEHOUSE_GATEWAY_TOKEN}",
tlsFingerprint: "${'AB'.repeat(32)}" } } }`;
