import { describe, expect, it } from 'vitest';
import { stripHeartbeatToken, visibleHeartbeatText } from '../../../gateway/features/heartbeat/index.js';

describe('stripHeartbeatToken', () => {
  it.each([
    ['HEARTBEAT_OK'],
    ['HEARTBEAT_OK.'],
    ['  HEARTBEAT_OK  \n'],
    ['**HEARTBEAT_OK**'],
    ['`HEARTBEAT_OK`'],
    ['_HEARTBEAT_OK_'],
    ['<b>HEARTBEAT_OK</b>'],
    ['HEARTBEAT_OK!'],
    ['HEARTBEAT_OK HEARTBEAT_OK'],
  ])('treats %j as a bare acknowledgement', (reply) => {
    expect(stripHeartbeatToken(reply)).toEqual({ text: '', hadToken: true, isAcknowledgement: true });
  });

  it('strips the token at the end and keeps a short note as an acknowledgement', () => {
    expect(stripHeartbeatToken('Inbox is quiet. HEARTBEAT_OK')).toEqual({ text: 'Inbox is quiet.', hadToken: true, isAcknowledgement: true });
    expect(stripHeartbeatToken('**HEARTBEAT_OK** nothing new')).toMatchObject({ text: 'nothing new', isAcknowledgement: true });
  });

  it('keeps an alert longer than ackMaxChars, without the token', () => {
    const alert = 'Your 15:30 dentist appointment moved to tomorrow.';
    expect(stripHeartbeatToken(`${alert} HEARTBEAT_OK`, { ackMaxChars: 10 })).toEqual({ text: alert, hadToken: true, isAcknowledgement: false });
  });

  it('leaves a reply without the token alone', () => {
    expect(stripHeartbeatToken(' Call Alex back. ')).toEqual({ text: 'Call Alex back.', hadToken: false, isAcknowledgement: false });
  });

  it('leaves the token in the middle of a sentence and look-alike words', () => {
    expect(stripHeartbeatToken('I will say HEARTBEAT_OK when done, but the build broke.')).toMatchObject({ hadToken: false, isAcknowledgement: false });
    expect(stripHeartbeatToken('HEARTBEAT_OKAY so far')).toMatchObject({ text: 'HEARTBEAT_OKAY so far', hadToken: false });
    expect(stripHeartbeatToken('NOTHEARTBEAT_OK')).toMatchObject({ hadToken: false });
  });

  it('calls an empty reply an acknowledgement without a token', () => {
    expect(stripHeartbeatToken('   ')).toEqual({ text: '', hadToken: false, isAcknowledgement: true });
  });
});

describe('visibleHeartbeatText (streams)', () => {
  it('hides a token while it is still being typed', () => {
    for (const partial of ['H', 'HEART', 'HEARTBEAT_', '**HEARTBEAT_O', 'HEARTBEAT_OK']) expect(visibleHeartbeatText(partial)).toBe('');
  });

  it('shows the alert once it is more than a token', () => {
    expect(visibleHeartbeatText('HEARTBEAT_OK but the disk is full')).toBe('but the disk is full');
    expect(visibleHeartbeatText('Hello')).toBe('Hello');
  });

  it('holds back a token forming at the end of an alert, and lets the words go once they are not one', () => {
    expect(visibleHeartbeatText('The disk is full. HEARTB')).toBe('The disk is full.');
    expect(visibleHeartbeatText('The disk is full. **HEARTBEAT_O')).toBe('The disk is full.');
    expect(visibleHeartbeatText('The disk is full. HEARTBEAT_OK')).toBe('The disk is full.');
    expect(visibleHeartbeatText('Call H')).toBe('Call');
    expect(visibleHeartbeatText('Call Hannah')).toBe('Call Hannah');
  });

  it('gives the whole reply (done) without the token but with everything else', () => {
    expect(visibleHeartbeatText('Call H', true)).toBe('Call H');
    expect(visibleHeartbeatText('HEART', true)).toBe('HEART');
    expect(visibleHeartbeatText('**HEARTBEAT_OK**', true)).toBe('');
  });
});
