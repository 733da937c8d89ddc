/**
 * Environment variables that make a program load or run code other than itself, or pick which
 * program runs. An allowed command run with one of them is no longer the command that was
 * allowed, so the exec tool refuses them outright (a tool error naming the variable and why).
 */
const BLOCKED_ENV: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /^PATH$/, why: 'it decides which program a command name runs (an operator can set tools.exec.pathPrepend instead)' },
  { pattern: /^(LD_|DYLD_)/, why: 'the dynamic linker loads libraries or changes lookup from it' },
  { pattern: /^(GLIBC_TUNABLES|GCONV_PATH|MALLOC_.*)$/, why: 'the C library loads modules or changes behaviour from it' },
  { pattern: /^(BASH_ENV|ENV|ZDOTDIR|SHELLOPTS|BASHOPTS|PS4|PROMPT_COMMAND|IFS|CDPATH|GLOBIGNORE)$/, why: 'the shell runs code from it or parses commands differently' },
  { pattern: /^BASH_FUNC_/, why: 'bash imports functions from it' },
  { pattern: /^(HOME|XDG_CONFIG_HOME|XDG_DATA_HOME)$/, why: 'programs load their configuration (which can name commands to run) from it' },
  { pattern: /^(PERL5OPT|PERL5LIB|PERLLIB|PERL5DB)$/, why: 'perl loads code from it' },
  { pattern: /^PYTHON[A-Z_]*$/, why: 'python loads code or changes its runtime from it' },
  { pattern: /^(NODE_OPTIONS|NODE_PATH|NODE_REPL_EXTERNAL_MODULE)$/, why: 'node loads code from it' },
  { pattern: /^(RUBYOPT|RUBYLIB|GEM_HOME|GEM_PATH|BUNDLE_GEMFILE)$/, why: 'ruby loads code from it' },
  { pattern: /^(JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS|CLASSPATH)$/, why: 'the JVM loads agents or classes from it' },
  { pattern: /^(LUA_INIT.*|LUA_PATH.*|LUA_CPATH.*|TCLLIBPATH|PHPRC|PHP_INI_SCAN_DIR|OPENSSL_CONF|OPENSSL_ENGINES)$/, why: 'an interpreter or library loads code from it' },
  {
    pattern: /^GIT_(SSH|SSH_COMMAND|EXEC_PATH|PROXY_COMMAND|ASKPASS|EXTERNAL_DIFF|PAGER|EDITOR|SEQUENCE_EDITOR|TEMPLATE_DIR|DIR|COMMON_DIR|WORK_TREE|CONFIG.*)$/,
    why: 'git runs commands or reads configuration (which can name commands) from it',
  },
  { pattern: /^(SSH_ASKPASS|SUDO_ASKPASS|EDITOR|VISUAL|PAGER|MANPAGER|BROWSER|LESSOPEN|LESSCLOSE)$/, why: 'programs run the command it names' },
];

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why the exec tool refuses to set `name`; undefined when it may be set (and shown, and pinned). */
export function blockedEnvReason(name: string): string | undefined {
  if (!VARIABLE_NAME.test(name)) return 'it is not a valid variable name';
  // Upper-cased: on Windows `Path` is PATH.
  const upper = name.toUpperCase();
  return BLOCKED_ENV.find((rule) => rule.pattern.test(upper))?.why;
}
