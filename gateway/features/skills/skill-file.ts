import JSON5 from 'json5';
import { SKILL_NAME_PATTERN, SkillFileError } from './skill-file-errors.js';
import { parseSkillMetadata, type SkillMetadata } from './skill-metadata.js';

// SKILL.md (openclaw-families.md §6): YAML front matter with `name`, `description` and
// optionally `homepage`, `user-invocable`, `disable-model-invocation`, and `metadata`: one line of
// JSON5 whose `openclaw` (v4), `clawdbot` or `moltbot` (v3) object holds requirements and installs.
// Every file is hostile until parsed: sizes are capped, YAML aliases limited, keys checked.

/** Larger files are refused: a skill is a page of instructions. */
export const MAX_SKILL_FILE_BYTES = 256 * 1024;
const MAX_FRONT_MATTER_CHARS = 16 * 1024;
const MAX_METADATA_CHARS = 8 * 1024;
export const MAX_DESCRIPTION_CHARS = 1_024;

export interface ParsedSkillFile {
  name: string;
  description: string;
  homepage?: string;
  userInvocable: boolean;
  disableModelInvocation: boolean;
  metadata: SkillMetadata;
  /** The instructions: the file without its front matter. */
  body: string;
}

function frontMatterOf(text: string): { yaml: string; body: string } {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!normalized.startsWith('---\n')) throw new SkillFileError('no front matter: the file must start with a "---" line');
  const end = normalized.indexOf('\n---', 4);
  if (end === -1) throw new SkillFileError('front matter is not closed by a "---" line');
  const yaml = normalized.slice(4, end);
  if (yaml.length > MAX_FRONT_MATTER_CHARS) throw new SkillFileError(`front matter is longer than ${MAX_FRONT_MATTER_CHARS} characters`);
  const rest = normalized.slice(end + 4);
  return { yaml, body: rest.replace(/^[^\n]*\n?/, '').trim() };
}

function optionalString(value: unknown, key: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SkillFileError(`"${key}" must be a string`);
  const trimmed = value.trim();
  if (trimmed.length > max) throw new SkillFileError(`"${key}" is longer than ${max} characters`);
  return trimmed === '' ? undefined : trimmed;
}

function flag(value: unknown): boolean {
  return value === true || value === 'true';
}

/** The `metadata` value: a JSON5 string (one line in the file) or, leniently, a YAML mapping. */
function metadataObject(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    if (value.length > MAX_METADATA_CHARS) throw new SkillFileError(`"metadata" is longer than ${MAX_METADATA_CHARS} characters`);
    try {
      return JSON5.parse(value);
    } catch (error) {
      throw new SkillFileError(`"metadata" is not valid JSON5: ${(error as Error).message}`);
    }
  }
  if (typeof value === 'object') return value;
  throw new SkillFileError('"metadata" must be a JSON5 object');
}

type YamlParse = (typeof import('yaml'))['parse'];
let parseYaml: YamlParse | undefined;

/**
 * Loads the YAML parser (~250 KB of code). Kept off the gateway's start-up path: the skills
 * feature loads it once it starts, after the gateway listens, and nothing parses a skill before.
 */
export async function loadSkillFileParser(): Promise<void> {
  parseYaml ??= (await import('yaml')).parse;
}

/** Whether skill files can be read yet (loadSkillFileParser finished). */
export function skillFileParserReady(): boolean {
  return parseYaml !== undefined;
}

/** Parses one SKILL.md; `fallbackName` (its folder's name) is used when the file names none. */
export function parseSkillFile(text: string, fallbackName: string): ParsedSkillFile {
  if (Buffer.byteLength(text, 'utf8') > MAX_SKILL_FILE_BYTES) throw new SkillFileError(`larger than ${MAX_SKILL_FILE_BYTES} bytes`);
  if (!parseYaml) throw new SkillFileError('the skill parser is still loading; the file is read again on the next look');
  const { yaml, body } = frontMatterOf(text);
  let front: unknown;
  try {
    // maxAliasCount stops a "billion laughs" expansion; unique keys and plain JSON types only.
    front = parseYaml(yaml, { maxAliasCount: 20, uniqueKeys: true, schema: 'core', prettyErrors: false });
  } catch (error) {
    throw new SkillFileError(`front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (typeof front !== 'object' || front === null || Array.isArray(front)) throw new SkillFileError('front matter must be a mapping of keys to values');
  const fields = front as Record<string, unknown>;
  const get = (key: string): unknown => (Object.hasOwn(fields, key) ? fields[key] : undefined);
  const name = optionalString(get('name'), 'name', 128) ?? fallbackName;
  if (!SKILL_NAME_PATTERN.test(name)) throw new SkillFileError(`name "${name.slice(0, 64)}" may hold only letters, digits, ".", "_" and "-"`);
  const description = optionalString(get('description'), 'description', MAX_DESCRIPTION_CHARS);
  if (!description) throw new SkillFileError('"description" is missing: it tells the model when to use the skill');
  const homepage = optionalString(get('homepage'), 'homepage', 2_048);
  return {
    name,
    description,
    ...(homepage ? { homepage } : {}),
    userInvocable: get('user-invocable') === undefined ? true : flag(get('user-invocable')),
    disableModelInvocation: flag(get('disable-model-invocation')),
    metadata: parseSkillMetadata(metadataObject(get('metadata'))),
    body,
  };
}

export { SKILL_NAME_PATTERN, SkillFileError };
