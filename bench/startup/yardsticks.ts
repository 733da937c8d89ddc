/**
 * What Node itself costs on this machine, measured in the same run as the gateway: the least any
 * Node program could take to start a server or run a command.
 */

/** A bare `http` server on a free loopback port, announcing itself the way the gateway does. */
export const BARE_SERVER_ARGS = [
  '-e',
  "require('node:http').createServer().listen(0, '127.0.0.1', function () { console.log('bare node server listening on ws://127.0.0.1:' + this.address().port); });",
];

/** `node -e 0`: start Node, run nothing, exit. */
export const NODE_EVAL_ARGS = ['-e', '0'];
