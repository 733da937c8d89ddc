import { basename } from 'node:path';

/**
 * Programs and shell words that run, or change how the shell runs, some other command. An
 * allowlist entry for one of them would allow whatever it is told to run, so a command using
 * them is never matched: it asks a person. Lists, not a rule, so extend them when in doubt.
 */

/** Shell words that open a compound command or change how the next one runs. */
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', 'select', 'function', 'coproc', '[[', ']]', '{', '}', '!']);

/** Run the command (or code) named in their arguments. */
const RUNS_ANOTHER_COMMAND = new Set([
  // shells
  'sh', 'bash', 'zsh', 'dash', 'ksh', 'mksh', 'ash', 'fish', 'csh', 'tcsh', 'pwsh', 'busybox', 'rbash',
  // shell builtins that run their arguments (or code later)
  'eval', 'exec', 'command', 'builtin', 'source', '.', 'trap',
  // wrappers
  'env', 'sudo', 'doas', 'su', 'runuser', 'pkexec', 'sg', 'newgrp', 'nohup', 'time', 'nice', 'renice', 'ionice', 'timeout',
  'gtimeout', 'xargs', 'parallel', 'watch', 'stdbuf', 'unbuffer', 'chroot', 'setsid', 'setpriv', 'strace', 'ltrace', 'gdb',
  'lldb', 'valgrind', 'unshare', 'nsenter', 'flock', 'script', 'run-parts', 'chrt', 'taskset', 'caffeinate', 'arch',
  'systemd-run', 'tmux', 'screen', 'expect', 'faketime', 'fakeroot', 'eatmydata', 'proxychains', 'proxychains4', 'torsocks',
  'firejail', 'bwrap', 'xvfb-run', 'dbus-launch', 'ssh-agent', 'at', 'batch', 'catchsegv',
]);

/** Builtins whose effect carries over to the commands after them (PATH, cwd, aliases, options). */
const CHANGES_THE_SHELL = new Set([
  'alias', 'unalias', 'cd', 'pushd', 'popd', 'export', 'unset', 'set', 'readonly', 'declare', 'typeset', 'local', 'let',
  'hash', 'shopt', 'enable', 'umask', 'ulimit', 'read', 'mapfile', 'readarray', 'getopts', 'shift', 'fc', 'bind', 'complete',
]);

/** Options that make an otherwise ordinary program run a command or code given to it. */
const RUNNING_OPTIONS: Record<string, readonly string[]> = {
  find: ['-exec', '-execdir', '-ok', '-okdir'],
  fd: ['-x', '--exec', '-X', '--exec-batch'],
  fdfind: ['-x', '--exec', '-X', '--exec-batch'],
  rg: ['--pre'],
  tar: ['--to-command', '--use-compress-program', '-I', '--checkpoint-action', '--info-script', '-F', '--new-volume-script'],
  rsync: ['-e', '--rsh', '--rsync-path'],
  git: ['-c', '--config-env', '--exec-path', '--exec', '-x', '--extcmd', '--upload-pack', '--receive-pack', 'foreach', 'run'],
  python: ['-c'],
  python3: ['-c'],
  perl: ['-e', '-E'],
  ruby: ['-e'],
  node: ['-e', '--eval', '-p', '--print'],
  php: ['-r'],
  lua: ['-e'],
  osascript: ['-e'],
};

/** Options that make a builtin set a shell variable (PATH, IFS, …) for the commands after it. */
const SHELL_CHANGING_OPTIONS: Record<string, readonly string[]> = {
  printf: ['-v'],
  wait: ['-p'],
};

/** `-c` also counts inside a cluster of short options (`python -Bc …`, `perl -ne …`). */
function usesOption(args: readonly string[], option: string): boolean {
  const letter = /^-([A-Za-z])$/.exec(option)?.[1];
  return args.some(
    (arg) =>
      arg === option ||
      arg.startsWith(`${option}=`) ||
      (letter !== undefined && /^-[A-Za-z0-9]/.test(arg) && arg.slice(1).includes(letter)),
  );
}

/**
 * Why a simple command (argv, and the real path its name resolves to) runs or changes more than
 * itself; undefined when it does not.
 */
export function runnerReason(argv: readonly string[], realPath: string | undefined): string | undefined {
  const [name = '', ...args] = argv;
  if (KEYWORDS.has(name)) return `shell keyword ${name}`;
  const names = [...new Set([basename(name), ...(realPath ? [basename(realPath)] : [])])];
  for (const candidate of names) {
    if (RUNS_ANOTHER_COMMAND.has(candidate)) return `${candidate} runs another command`;
    if (CHANGES_THE_SHELL.has(candidate)) return `${candidate} changes the shell for the commands after it`;
    // python3.12, perl5.36: versioned interpreter names take their family's options.
    const family = RUNNING_OPTIONS[candidate] ? candidate : candidate.replace(/[\d.]+$/, '');
    const option = RUNNING_OPTIONS[family]?.find((flag) => usesOption(args, flag));
    if (option) return `${candidate} ${option} runs another command`;
    const setting = SHELL_CHANGING_OPTIONS[candidate]?.find((flag) => usesOption(args, flag));
    if (setting) return `${candidate} ${setting} changes the shell for the commands after it`;
  }
  return undefined;
}
