/** The wizard view's words. The steps' own words come from the gateway's script. */
export const wizardStrings = {
  title: 'Set up Gatehouse',
  next: 'Continue',
  yes: 'Yes',
  no: 'No',
  working: 'Working…',
  sending: 'Sending…',
  cancel: 'Cancel setup',
  cancelling: 'Cancelling…',
  retry: 'Try again',
  restart: 'Start the setup again',
  starting: 'Starting the setup…',
  done: 'Setup written. The gateway applies it now.',
  cancelled: 'The setup was cancelled; nothing was written.',
  failed: (reason: string): string => `The setup stopped: ${reason}`,
  startFailed: 'The setup could not start.',
  hiddenInput: 'Typed characters are hidden and never shown again.',
  noOptions: 'Choose at least one.',
  stepCount: (count: number): string => `Step ${count}`,
} as const;

/** The tray onboarding's second step, which runs the wizard. */
export const onboardingWizardStrings = {
  heading: 'Set up the gateway',
  intro: 'The gateway asks for a model provider and its key (checked with the provider), the default model, the agents’ workspace and, if you like, a Telegram bot. Nothing is written until you confirm at the end.',
  start: 'Start the setup',
  finish: 'Finish',
} as const;

/** The Control UI's Setup page. */
export const setupPageStrings = {
  title: 'Setup',
  intro: 'Run the gateway’s setup: model provider and key, default model, workspace, gateway token and a Telegram bot. Only one setup runs at a time, here, in the tray app or in `gatehouse onboard`.',
  start: 'Start the setup',
} as const;
