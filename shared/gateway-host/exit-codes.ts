// How a gateway process ends, as its launcher (the tray's supervisor, a service manager) reads it.

/** Start-up failed: bad config, bad flags, a listener that could not be set up. */
export const EXIT_FAILED = 1;

/**
 * Someone else owns the port or the state dir (EX_CONFIG): restarting cannot help, so a
 * supervisor never restarts on it and shows the gateway's own message instead.
 */
export const EXIT_ANOTHER_OWNER = 78;

/** The command line was wrong (a bad flag value). */
export const EXIT_USAGE = 2;
