/** The version our seeds describe; hello-ok echoes whatever was negotiated. */
export const NATIVE_PROTOCOL_VERSION = 3;
/** Spoken too, so that current OpenClaw clients (4..4) connect. */
export const HIGHEST_PROTOCOL_VERSION = 4;
export const SUPPORTED_PROTOCOL_VERSIONS = [4, 3] as const;
export type ProtocolVersion = (typeof SUPPORTED_PROTOCOL_VERSIONS)[number];

/** Spec §2: the highest version in {3, 4} inside the client's range, else null. */
export function negotiateProtocol(minProtocol: number, maxProtocol: number): ProtocolVersion | null {
  for (const version of SUPPORTED_PROTOCOL_VERSIONS) {
    if (version >= minProtocol && version <= maxProtocol) return version;
  }
  return null;
}
