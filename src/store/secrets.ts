import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * A secret of a data directory (`secrets/<name>.key`): the configured value, else one generated
 * on first use and kept beside the data, so every process and the CLI sharing the directory
 * agree on it (processes starting together included).
 */
export function loadOrCreateSecret(dataDir: string, name: string, configured?: string): string {
  if (configured) return configured;
  const dir = path.join(dataDir, "secrets");
  const file = path.join(dir, `${name}.key`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    // Written aside then hard-linked into place: link fails if another process won the race,
    // and a reader never sees a half-written key.
    const candidate = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    fs.writeFileSync(candidate, randomBytes(32).toString("hex"), { mode: 0o600, flush: true });
    try {
      fs.linkSync(candidate, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    } finally {
      fs.rmSync(candidate, { force: true });
    }
  }
  return fs.readFileSync(file, "utf8").trim();
}
