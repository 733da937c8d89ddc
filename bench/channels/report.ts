import { formatNumber } from '../report-table.js';
import type { ReportTable, ScenarioError, TargetCheck } from '../suite.js';
import { TARGETS } from './settings.js';
import { CHANNELS, type ChannelName } from './channels-under-test.js';
import type { ChannelsDetails } from './suite.js';
import type { ScenarioMeasurement } from './chat-load.js';

function ms(value: number | undefined): string {
  return value !== undefined && Number.isFinite(value) ? formatNumber(value, 'ms') : 'n/a';
}

const ROWS: readonly { metric: string; cell: (m: ScenarioMeasurement) => string }[] = [
  { metric: 'overhead p50 (end to end − model)', cell: (m) => ms(m.overheadMs.p50) },
  { metric: 'overhead p90', cell: (m) => ms(m.overheadMs.p90) },
  { metric: 'overhead p99', cell: (m) => ms(m.overheadMs.p99) },
  { metric: 'overhead max', cell: (m) => ms(m.overheadMs.max) },
  { metric: 'end to end p50 / p99', cell: (m) => `${ms(m.endToEndMs.p50)} / ${ms(m.endToEndMs.p99)}` },
  { metric: "model's own time p50 / p99", cell: (m) => `${ms(m.modelMs.p50)} / ${ms(m.modelMs.p99)}` },
  { metric: 'inbound leg p50 / p99 (fake → model request)', cell: (m) => `${ms(m.inboundLegMs.p50)} / ${ms(m.inboundLegMs.p99)}` },
  { metric: 'outbound leg p50 / p99 (model done → sendMessage)', cell: (m) => `${ms(m.outboundLegMs.p50)} / ${ms(m.outboundLegMs.p99)}` },
  { metric: 'messages sent / measured (after warm-up)', cell: (m) => `${m.messages} / ${m.measured}` },
  { metric: 'dropped / duplicated', cell: (m) => `${m.dropped} / ${m.duplicated}` },
  { metric: 'messages/s offered', cell: (m) => formatNumber(m.offeredPerSecond) },
  { metric: 'gateway CPU (% of a core)', cell: (m) => (m.gatewayCpuPercent === undefined ? 'n/a' : `${Math.round(m.gatewayCpuPercent)} %`) },
];

export function evaluateTargets(details: ChannelsDetails): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const { name: channel, scenarios } of CHANNELS) {
    for (const { key, title } of scenarios) {
      const measured = details.results[channel][key];
      checks.push(
        { name: `${channel} ${title}: overhead p50`, rule: `< ${TARGETS.overheadP50Ms} ms`, measured: ms(measured?.overheadMs.p50), pass: measured !== undefined && measured.overheadMs.p50 < TARGETS.overheadP50Ms },
        { name: `${channel} ${title}: overhead p99`, rule: `< ${TARGETS.overheadP99Ms} ms`, measured: ms(measured?.overheadMs.p99), pass: measured !== undefined && measured.overheadMs.p99 < TARGETS.overheadP99Ms },
        {
          name: `${channel} ${title}: nothing dropped or duplicated`,
          rule: '0 dropped, 0 duplicated',
          measured: measured ? `${measured.dropped} dropped, ${measured.duplicated} duplicated` : 'n/a',
          pass: measured !== undefined && measured.dropped === 0 && measured.duplicated === 0,
        },
      );
    }
  }
  return checks;
}

const HOPS: Record<ChannelName, string> = {
  telegram: 'both Bot API hops (getUpdates long poll, sendMessage)',
  discord: 'both Discord hops (gateway MESSAGE_CREATE, REST create message)',
};

export function buildReport(details: ChannelsDetails, errors: readonly ScenarioError[]): { tables: ReportTable[]; targets: TargetCheck[] } {
  const tables = CHANNELS.map(({ name: channel, scenarios }): ReportTable => ({
    title: `channels · ${channel} inbound message → first reply chunk sent (local ${channel} fake, real gateway, local model)`,
    columns: ['metric', ...scenarios.map((scenario) => scenario.title)],
    rows: ROWS.map((row) => [
      row.metric,
      ...scenarios.map((scenario) => {
        const measured = details.results[channel][scenario.key];
        return measured ? row.cell(measured) : 'n/a';
      }),
    ]),
    notes: [
      `overhead = (message written at the fake → first reply chunk read by the fake) − (the model's request received → its [DONE] written); it includes ${HOPS[channel]}`,
      'one short reply per message (a single chunk), so "first chunk" is sent when the run ends',
      `the ${channel} fake and the model run on threads of their own and stamp their own events (fake-thread.ts): the load's thread only paces the messages`,
      "every chat had one unmeasured message first (prime-chats.ts): a chat's first message also creates its session",
      ...(channel === 'discord' ? ['Discord allows a bot 50 REST requests/s in all, so its high rate is 40 msg/s, not 100 (settings.ts)'] : []),
      ...(errors.length > 0 ? [`${errors.length} scenario error(s): see below`] : []),
    ],
  }));
  return { tables, targets: evaluateTargets(details) };
}
