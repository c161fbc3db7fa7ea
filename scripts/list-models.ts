/**
 * Lists Whisper models in models/ and ../shared/models with size, source and sha256.
 * Usage: npm run models:list [-- --json]
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { describeSource, listModels } from "../src/models/list.ts";

const { values } = parseArgs({ options: { json: { type: "boolean", default: false } } });
const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const models = listModels({
  projectModels: join(projectRoot, "models"),
  sharedModels: join(projectRoot, "..", "shared", "models"),
  conversionRecord: join(projectRoot, "models", "cache", "conversions.json"),
});

if (values.json) {
  console.log(JSON.stringify(models, null, 2));
} else if (models.length === 0) {
  console.log("No models: run `npm run setup` (or `tsx scripts/convert-model.ts base`).");
} else {
  for (const m of models) {
    console.log(`${m.path}\n  ${(m.bytes / 1e6).toFixed(1)} MB  ${describeSource(m.source)}  sha256 ${m.sha256}`);
  }
}
