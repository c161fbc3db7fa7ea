import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createApiKey, listApiKeys, revokeApiKey } from "../access/keys.ts";
import { isRole, ROLES } from "../access/roles.ts";
import { parseServiceConfig } from "../config/service-config.ts";
import { AppError, isAppError } from "../errors.ts";
import { openDatabase } from "../store/database.ts";
import { loadOrCreateSecret } from "../store/secrets.ts";

const USAGE = `Usage (the data directory is DATA_DIR, as for npm start):
  npm run keys -- create --role <${ROLES.join("|")}> --name <who> [--brand <brandId>] [--subcontractor <subcontractorId>]
  npm run keys -- list
  npm run keys -- revoke <keyId>`;

/**
 * API keys from the command line: how the first admin key is made (the API needs a key to make
 * keys), and a way back in if every admin key is lost. Prints the new key once.
 */
export async function runKeys(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: "string" }, name: { type: "string" }, brand: { type: "string" }, subcontractor: { type: "string" } },
  });
  const [command, ...rest] = positionals;
  const config = parseServiceConfig(env);
  const db = await openDatabase(config.dataDir);
  try {
    if (command === "create") {
      const role = values.role ?? "";
      if (!isRole(role)) throw new AppError("USAGE", `--role must be one of ${ROLES.join(", ")}\n${USAGE}`);
      if (!values.name) throw new AppError("USAGE", `--name is required\n${USAGE}`);
      const secret = loadOrCreateSecret(config.dataDir, "api-keys", config.apiKeySecret);
      const { key, record } = await createApiKey(db, secret, {
        name: values.name,
        role,
        ...(values.brand ? { brandId: values.brand } : {}),
        ...(values.subcontractor ? { subcontractorId: values.subcontractor } : {}),
      });
      out(`Created ${record.role} key ${record.id} ("${record.name}").`);
      out(`Key (shown once, keep it in a secret store): ${key}`);
      out(`Use it as: Authorization: Bearer ${key}`);
    } else if (command === "list") {
      for (const k of await listApiKeys(db)) {
        const tenant = k.brandId ? ` brand=${k.brandId}` : k.subcontractorId ? ` subcontractor=${k.subcontractorId}` : "";
        out(`${k.id}  ${k.prefix}…  ${k.role}${tenant}  "${k.name}"  created ${k.createdAt}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ""}`);
      }
    } else if (command === "revoke" && rest[0]) {
      const record = await revokeApiKey(db, rest[0]);
      out(`Revoked key ${record.id} ("${record.name}") at ${record.revokedAt}.`);
    } else {
      throw new AppError("USAGE", USAGE);
    }
  } finally {
    await db.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    await runKeys(process.argv.slice(2), process.env, (line) => console.log(line));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(isAppError(err) ? err.exitCode : 1);
  }
}
