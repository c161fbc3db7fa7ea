import fs from "node:fs";
import { DEFAULT_RULE_PACK_PATH, loadRulePack, type RulePack } from "../compliance/rule-pack.ts";

/**
 * The rule pack in force, re-read when its file changes on disk, so a re-analysis after a
 * rule-pack edit uses the new version without restarting the service.
 */
export class RulePackSource {
  readonly path: string;
  #loaded: { pack: RulePack; mtimeMs: number } | null = null;

  constructor(path: string = DEFAULT_RULE_PACK_PATH) {
    this.path = path;
  }

  current(): RulePack {
    const mtimeMs = fs.statSync(this.path).mtimeMs;
    if (!this.#loaded || this.#loaded.mtimeMs !== mtimeMs) this.#loaded = { pack: loadRulePack(this.path), mtimeMs };
    return this.#loaded.pack;
  }
}
