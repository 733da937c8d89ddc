/**
 * The answer to a run that asks for its reply to be delivered to a chat channel (`deliver`) while
 * no channel is configured: said plainly, before anything runs, never dropped silently.
 */
export const DELIVERY_UNAVAILABLE =
  'delivery to chat channels is not available on this gateway yet; send without deliver (or deliver:false) and read the reply from the agent events';
