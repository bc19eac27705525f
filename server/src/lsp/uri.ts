import { fileURLToPath } from 'node:url';

/** The local path of a `file:` URI, or undefined for other schemes and URIs Node cannot map (UNC hosts, bad escapes). */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
