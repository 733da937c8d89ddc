import { useCallback } from 'react';
import type { GatehouseBridge, SkillsView } from '../../../shared/ipc/contract';
import { useGatewayRead, type GatewayRead } from '../../hooks/useGatewayRead';

const noBridge: SkillsView = { state: 'offline' };

/** The skills as the gateway reports them: read when the list opens and on `reload`. */
export function useSkillsView(bridge: GatehouseBridge | undefined): GatewayRead<SkillsView> {
  const read = useCallback(() => (bridge === undefined ? Promise.resolve(noBridge) : bridge.invoke('skills:status')), [bridge]);
  return useGatewayRead(read);
}
