import { describe, expect, it } from 'vitest';
import {
  approvalScopesFor,
  commandRefusal,
  readNodeCommandConfig,
  usableCommands,
} from '../../../gateway/features/nodes/node-command-policy.js';
import { mergeSurfaces, sameSurface, surfaceOf, widerThan } from '../../../gateway/features/nodes/node-surface.js';

const NONE = readNodeCommandConfig(null);

describe('node command policy (spec §17.1, §7.3)', () => {
  it('reads allow/deny from the authored gateway.nodes section, in both spellings', () => {
    const config = readNodeCommandConfig({
      gateway: { nodes: { commands: { allow: ['camera.snap', ' '], deny: ['system.run'] }, allowCommands: ['sms.send'], denyCommands: [3] } },
    });
    expect([...config.allow].sort()).toEqual(['camera.snap', 'sms.send']);
    expect([...config.deny]).toEqual(['system.run']);
    expect(readNodeCommandConfig({ gateway: { nodes: 'oops' } })).toEqual({ allow: new Set(), deny: new Set() });
  });

  it('refuses in order: not declared, denied, dangerous, awaiting approval', () => {
    const config = readNodeCommandConfig({ gateway: { nodes: { commands: { deny: ['device.info'] } } } });
    expect(commandRefusal('x', [], ['x'], config)).toBe('not-declared');
    expect(commandRefusal('device.info', ['device.info'], ['device.info'], config)).toBe('denied');
    expect(commandRefusal('camera.snap', ['camera.snap'], ['camera.snap'], config)).toBe('not-allowlisted');
    expect(commandRefusal('location.get', ['location.get'], undefined, config)).toBe('awaiting-approval');
    expect(commandRefusal('location.get', ['location.get'], ['location.get'], config)).toBeNull();
  });

  it('computes the usable set as declared ∩ policy ∩ approved', () => {
    const declared = ['device.info', 'camera.snap', 'location.get', 'system.run'];
    expect(usableCommands(declared, ['device.info', 'camera.snap', 'system.run'], NONE)).toEqual(['device.info', 'system.run']);
    const allowCamera = readNodeCommandConfig({ gateway: { nodes: { commands: { allow: ['camera.snap'] } } } });
    expect(usableCommands(declared, ['camera.snap'], allowCamera)).toEqual(['camera.snap']);
  });

  it('derives the scopes approving a request needs from its commands', () => {
    expect(approvalScopesFor([])).toEqual([]);
    expect(approvalScopesFor(['device.info'])).toEqual(['operator.write']);
    for (const command of ['system.run', 'system.which', 'browser.proxy', 'fs.listDir', 'system.execApprovals.set']) {
      expect(approvalScopesFor(['device.info', command])).toEqual(['operator.admin']);
    }
  });
});

describe('node surfaces', () => {
  it('counts new caps, new commands and newly granted permissions as wider', () => {
    const approved = surfaceOf(['camera'], ['camera.list'], { 'camera.capture': true, mic: false });
    expect(widerThan(approved, approved)).toBe(false);
    expect(widerThan(surfaceOf(['camera'], ['camera.list'], { mic: false }), approved)).toBe(false);
    expect(widerThan(surfaceOf(['camera', 'screen'], ['camera.list']), approved)).toBe(true);
    expect(widerThan(surfaceOf(['camera'], ['camera.list', 'camera.snap']), approved)).toBe(true);
    expect(widerThan(surfaceOf(['camera'], ['camera.list'], { mic: true }), approved)).toBe(true);
    expect(widerThan(surfaceOf([], [], {}), undefined)).toBe(false);
  });

  it('merges approvals without narrowing and compares surfaces as sets', () => {
    const merged = mergeSurfaces(surfaceOf(['a'], ['x'], { p: true }), surfaceOf(['b'], ['y'], { p: false, q: true }));
    expect(merged).toEqual({ caps: ['a', 'b'], commands: ['x', 'y'], permissions: { p: true, q: true } });
    expect(sameSurface(surfaceOf(['b', 'a'], ['y', 'x']), surfaceOf(['a', 'b'], ['x', 'y']))).toBe(true);
    expect(sameSurface(surfaceOf([], [], { p: true }), surfaceOf([], [], { p: false }))).toBe(false);
  });
});
