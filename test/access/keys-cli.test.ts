import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { verifyApiKey } from "../../src/access/keys.ts";
import { runKeys } from "../../src/cli/keys.ts";
import { openDatabase } from "../../src/store/database.ts";
import { loadOrCreateSecret } from "../../src/store/secrets.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function run(dataDir: string, ...argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runKeys(argv, { DATA_DIR: dataDir }, (l) => lines.push(l));
  return lines;
}

it("creates the first admin key on a fresh data directory, lists it without the key, and revokes it", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "keys-cli-"));
  dirs.push(dataDir);
  const created = await run(dataDir, "create", "--role", "admin", "--name", "first admin");
  const key = /cca_[A-Za-z0-9_-]{43}/.exec(created.join("\n"))![0];
  const id = /key ([0-9a-f-]{36})/.exec(created[0]!)![1]!;
  const db = await openDatabase(dataDir);
  try {
    const secret = loadOrCreateSecret(dataDir, "api-keys");
    expect(await verifyApiKey(db, secret, key)).toMatchObject({ role: "admin", name: "first admin" });
    const listed = (await run(dataDir, "list")).join("\n");
    expect(listed).toContain(id);
    expect(listed).not.toContain(key);
    await run(dataDir, "revoke", id);
    expect(await verifyApiKey(db, secret, key)).toBeNull();
  } finally {
    await db.destroy();
  }
  await expect(run(dataDir, "create", "--role", "boss", "--name", "x")).rejects.toMatchObject({ code: "USAGE" });
});
