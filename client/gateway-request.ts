/**
 * How client services reach the gateway: one request over whatever operator connection the host
 * has (the tray's Node socket in main, the page's WebSocket in the browser). The answer is
 * unchecked here; each service parses it with the protocol's result schema (parse-answer.ts).
 */
export type GatewayRequest = (method: string, params: unknown, options?: { timeoutMs?: number }) => Promise<unknown>;
