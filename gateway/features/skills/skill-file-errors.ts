/** A SKILL.md that cannot be used; the message says what to fix. The file is skipped, the rest load. */
export class SkillFileError extends Error {}

/** A name is also a folder and a config key: letters, digits, `.`, `_`, `-`; never a path. */
export const SKILL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
