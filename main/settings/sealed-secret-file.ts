/**
 * A SecretStore in one private file (0600 in a 0700 directory), each value sealed through the
 * SecretBox (Electron's safeStorage) when encryption is available, marked as plain text when it
 * is not — the same rules as the device identity (../identity/sealed-value.ts).
 *
 * A value that cannot be read back (keychain locked or changed, file damaged) reads as absent
 * and is reported once through `onWarning`; the person enters it again.
 */
import Type from 'typebox';
import { compileSchema } from '../../shared/protocol/validate.js';
import { readPrivateFile, writePrivateFile } from '../identity/private-file.js';
import type { SecretBox } from '../identity/secret-box.js';
import { seal, SealedValueSchema, unseal, type SealedValue } from '../identity/sealed-value.js';
import type { SecretName, SecretStore } from './preferences.js';

const SecretFileSchema = compileSchema(
  Type.Object({
    format: Type.Literal('gatehouse-secrets'),
    version: Type.Literal(1),
    values: Type.Record(Type.String(), SealedValueSchema),
  }),
);

export interface SealedSecretFileOptions {
  file: string;
  secretBox: SecretBox;
  onWarning?: (message: string) => void;
}

export class SealedSecretFile implements SecretStore {
  readonly #options: SealedSecretFileOptions;

  constructor(options: SealedSecretFileOptions) {
    this.#options = options;
  }

  get(name: SecretName): string | undefined {
    const sealed = this.#read()[name];
    if (sealed === undefined) return undefined;
    try {
      return unseal(sealed, this.#options.secretBox, this.#encrypt);
    } catch (error) {
      this.#options.onWarning?.(`the saved ${name} cannot be read (${error instanceof Error ? error.message : String(error)}); enter it again`);
      return undefined;
    }
  }

  set(name: SecretName, value: string | undefined): void {
    const values = this.#read();
    if (value === undefined) delete values[name];
    else values[name] = seal(value, this.#options.secretBox, this.#encrypt);
    writePrivateFile(this.#options.file, `${JSON.stringify({ format: 'gatehouse-secrets', version: 1, values }, null, 2)}\n`);
  }

  get #encrypt(): boolean {
    return this.#options.secretBox.isEncryptionAvailable();
  }

  #read(): Record<string, SealedValue> {
    const text = readPrivateFile(this.#options.file);
    if (text === undefined) return {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (SecretFileSchema.check(parsed)) return { ...parsed.values };
      this.#options.onWarning?.(`${this.#options.file} is not a secrets file (${SecretFileSchema.firstError(parsed)}); ignoring it`);
    } catch (error) {
      this.#options.onWarning?.(`${this.#options.file} is not JSON (${error instanceof Error ? error.message : String(error)}); ignoring it`);
    }
    return {};
  }
}
