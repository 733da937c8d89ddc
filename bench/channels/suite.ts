import type { ProcessExit } from '../server-process.js';
import { benchToken, startGateway, type ServerUnderTest } from '../servers-under-test.js';
import { suiteResult, type BenchmarkSuite, type ScenarioError, type SuiteResult } from '../suite.js';
import { ChannelsModelStub } from './model-stub.js';
import { buildReport } from './report.js';
import { CHATS, GATEWAY_MAX_CONCURRENT, type ChannelsScenario } from './settings.js';
import type { RunningChatFake } from './chat-fakes.js';
import { CHANNELS, type ChannelName } from './channels-under-test.js';
import { measureChatLoad, type ScenarioMeasurement } from './chat-load.js';
import { primeChats } from './prime-chats.js';

export interface ChannelsDetails {
  results: Record<ChannelName, Partial<Record<ChannelsScenario['key'], ScenarioMeasurement>>>;
  gatewayExits: Partial<Record<ChannelName, ProcessExit>>;
}

function progress(message: string): void {
  process.stderr.write(`[channels] ${message}\n`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A gateway whose account talks to the fake and lets everyone in, one session per chat. */
function gatewayConfig(model: ChannelsModelStub, fake: RunningChatFake): unknown {
  return {
    models: { providers: { bench: { baseUrl: model.baseUrl, apiKey: 'bench', api: 'openai-completions', models: [{ id: 'bench-model', name: 'Bench' }] } } },
    agents: { defaults: { model: 'bench/bench-model', maxConcurrent: GATEWAY_MAX_CONCURRENT } },
    session: { dmScope: 'per-peer' },
    channels: { [fake.channel]: fake.configBlock },
  };
}

async function measureChannel(
  { name, start, scenarios }: (typeof CHANNELS)[number],
  model: ChannelsModelStub,
  details: ChannelsDetails,
  errors: ScenarioError[],
): Promise<void> {
  let fake: RunningChatFake | undefined;
  let gateway: ServerUnderTest | undefined;
  try {
    fake = await start();
    gateway = await startGateway(benchToken(), { config: gatewayConfig(model, fake) });
    await fake.connected(20_000);
    progress(`${name} · a first message in each of the ${CHATS} chats (not measured) …`);
    await primeChats(fake, CHATS, 30_000);
    for (const scenario of scenarios) {
      if (!gateway.process.isRunning()) {
        errors.push({ scenario: scenario.title, target: name, message: `gateway is no longer running:\n${gateway.process.outputTail().trim()}` });
        continue;
      }
      progress(`${name} · ${scenario.title} …`);
      try {
        details.results[name][scenario.key] = await measureChatLoad(fake, model, scenario, gateway.process.pid);
        progress(`${name} · ${scenario.title} done`);
      } catch (error) {
        errors.push({ scenario: scenario.title, target: name, message: messageOf(error) });
      }
    }
  } catch (error) {
    errors.push({ scenario: 'start', target: name, message: messageOf(error) });
  } finally {
    if (gateway) details.gatewayExits[name] = await gateway.stop();
    await fake?.close();
  }
}

async function run(): Promise<SuiteResult> {
  const startedAt = new Date();
  const clockStart = performance.now();
  const errors: ScenarioError[] = [];
  const details: ChannelsDetails = { results: { telegram: {}, discord: {} }, gatewayExits: {} };
  const model = await ChannelsModelStub.start();
  try {
    for (const channel of CHANNELS) await measureChannel(channel, model, details, errors);
  } finally {
    await model.stop();
  }
  return suiteResult('channels', startedAt, clockStart, buildReport(details, errors), errors, details);
}

/** Telegram and Discord message → first reply chunk, gateway overhead over the model's own time, at 1 and 100 messages/s over 50 chats. */
export const channelsSuite: BenchmarkSuite = { name: 'channels', run };
