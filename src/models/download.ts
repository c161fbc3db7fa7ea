/**
 * Downloads a model file whose size and sha256 are known in advance. Bytes stream into
 * `<file>.part` next to the destination while being counted and hashed, and the file takes its
 * real name (an atomic rename) only once both match, so a model in models/ is always whole.
 * An interrupted download keeps its `.part` and the next run resumes it with a Range request;
 * a checksum mismatch deletes it, since the bytes on disk cannot be trusted to resume from.
 */
import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { dirname, join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError, isAppError } from "../errors.ts";
import { type OfficialModel, modelUrl } from "./catalog.ts";
import { sha256File } from "./onnx-to-ggml/file-hash.ts";

export interface DownloadProgress {
  /** Bytes of the file on disk so far, a resumed part included. */
  received: number;
  total: number;
}

export interface DownloadRequest {
  url: string;
  /** The final path; bytes go to `${destination}.part` until they are verified. */
  destination: string;
  bytes: number;
  sha256: string;
  /** Fails the download when the server sends nothing for this long (connection, headers or body). */
  idleTimeoutMs?: number;
  maxRedirects?: number;
  onProgress?: (progress: DownloadProgress) => void;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  sha256: string;
  /** The URL that served the bytes, after redirects; undefined when a complete `.part` needed no request. */
  servedBy: string | undefined;
  /** Bytes already in the `.part` file that this run kept (0 for a fresh download). */
  resumedFrom: number;
}

const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
// Hugging Face answers with one redirect to its CDN; a handful more allows a mirror's own.
const DEFAULT_MAX_REDIRECTS = 5;

export function partPath(destination: string): string {
  return `${destination}.part`;
}

export async function downloadFile(request: DownloadRequest): Promise<DownloadResult> {
  const part = partPath(request.destination);
  await mkdir(dirname(request.destination), { recursive: true });
  let kept = existsSync(part) ? (await stat(part)).size : 0;
  if (kept > request.bytes) {
    await rm(part, { force: true });
    kept = 0;
  }
  if (kept === request.bytes) {
    // A previous run got every byte but stopped before the rename: verify, no request needed.
    await verifyAndPlace(part, request, await hashInto(createHash("sha256"), part));
    return { path: request.destination, bytes: request.bytes, sha256: request.sha256, servedBy: undefined, resumedFrom: kept };
  }

  const { response, url } = await openResponse(request, kept);
  let offset = kept;
  if (response.statusCode === 200) {
    offset = 0; // the server ignored the Range header: start over.
  } else if (response.statusCode === 206) {
    const range = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(response.headers["content-range"] ?? "");
    if (!range || Number(range[1]) !== kept) {
      response.destroy();
      throw new AppError("DOWNLOAD_FAILED", `${url} answered range ${response.headers["content-range"] ?? "(none)"} to a request from byte ${kept}`);
    }
  } else {
    response.resume();
    // 416: the server disowns the kept bytes (a different file); drop them so the next run starts clean.
    if (response.statusCode === 416) await rm(part, { force: true });
    throw new AppError("DOWNLOAD_FAILED", `HTTP ${response.statusCode} from ${url}`);
  }
  const announced = response.headers["content-length"];
  if (announced !== undefined && offset + Number(announced) !== request.bytes) {
    response.destroy();
    throw new AppError("DOWNLOAD_FAILED", `${url} announces ${offset + Number(announced)} bytes, expected ${request.bytes}`);
  }

  const hash = createHash("sha256");
  if (offset > 0) await hashInto(hash, part);
  let received = offset;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > request.bytes) {
        done(new AppError("DOWNLOAD_FAILED", `${url} sent more than the expected ${request.bytes} bytes`));
        return;
      }
      hash.update(chunk);
      request.onProgress?.({ received, total: request.bytes });
      done(null, chunk);
    },
  });
  const file = createWriteStream(part, { flags: offset > 0 ? "a" : "w" });
  try {
    await pipeline(response, counter, file);
  } catch (err) {
    // A write already handed to the OS still lands after the rejection; wait for it so the next
    // run (or a retry in this process) resumes from the file's real length.
    // (Not events.once: it would reject with the stream's own error.)
    if (!file.closed) await new Promise<void>((resolve) => file.once("close", () => resolve()));
    if (received > request.bytes) {
      await rm(part, { force: true }); // an oversized body is not the file: nothing to resume from
      throw err;
    }
    if (isAppError(err)) throw err; // the idle timeout, already worded
    throw new AppError("DOWNLOAD_FAILED", `${url} stopped after ${received} of ${request.bytes} bytes (${describe(err)})${resumeHint(received, request)}`, { cause: err });
  }
  if (received !== request.bytes) {
    throw new AppError("DOWNLOAD_FAILED", `${url} ended after ${received} of ${request.bytes} bytes${resumeHint(received, request)}`);
  }
  await verifyAndPlace(part, request, hash);
  return { path: request.destination, bytes: request.bytes, sha256: request.sha256, servedBy: url, resumedFrom: offset };
}

export type ModelFetchOutcome =
  | { status: "present"; path: string; model: OfficialModel }
  | { status: "downloaded"; path: string; model: OfficialModel; result: DownloadResult };

export interface ModelFetchOptions {
  /** The models/ folder. */
  dir: string;
  /** A mirror that serves the same file names (replaces the catalogue's Hugging Face URL). */
  baseUrl?: string;
  /** Replace a file of the same name that is not this official model. */
  force?: boolean;
  idleTimeoutMs?: number;
  onProgress?: (progress: DownloadProgress) => void;
}

/** Puts an official model in `dir`, unless the exact file is already there. */
export async function fetchOfficialModel(model: OfficialModel, options: ModelFetchOptions): Promise<ModelFetchOutcome> {
  const path = join(options.dir, model.file);
  if (existsSync(path)) {
    if ((await stat(path)).size === model.bytes && sha256File(path) === model.sha256) return { status: "present", path, model };
    if (!options.force) {
      throw new AppError("CONFLICT", `${path} exists but is not the official ${model.file} (sha256 ${model.sha256}); move it away or pass --force`);
    }
  }
  const result = await downloadFile({
    url: modelUrl(model, options.baseUrl),
    destination: path,
    bytes: model.bytes,
    sha256: model.sha256,
    idleTimeoutMs: options.idleTimeoutMs,
    onProgress: options.onProgress,
  });
  return { status: "downloaded", path, model, result };
}

/** GET with redirects followed; `from` > 0 asks for the rest of a file with a Range header. */
async function openResponse(request: DownloadRequest, from: number): Promise<{ response: IncomingMessage; url: string }> {
  const maxRedirects = request.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let url = request.url;
  for (let redirects = 0; ; redirects++) {
    const response = await get(url, from, request.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status < 300 || status >= 400 || status === 304 || !location) return { response, url };
    response.resume();
    if (redirects === maxRedirects) throw new AppError("DOWNLOAD_FAILED", `more than ${maxRedirects} redirects from ${request.url}`);
    url = new URL(location, url).toString();
  }
}

function get(url: string, from: number, idleTimeoutMs: number): Promise<IncomingMessage> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.reject(new AppError("DOWNLOAD_FAILED", `not a URL: ${url}`));
  }
  const client = target.protocol === "https:" ? https : target.protocol === "http:" ? http : undefined;
  if (!client) return Promise.reject(new AppError("DOWNLOAD_FAILED", `unsupported protocol in ${url}`));
  return new Promise((resolve, reject) => {
    let response: IncomingMessage | undefined;
    const req = client.get(target, { headers: from > 0 ? { range: `bytes=${from}-` } : {} }, (res) => {
      response = res;
      resolve(res);
    });
    // The socket's idle timer keeps running during the body, so a stall mid-file ends the response too.
    req.setTimeout(idleTimeoutMs, () => (response ?? req).destroy(idleTimeout(url, idleTimeoutMs)));
    req.on("error", (err) => reject(isAppError(err) ? err : new AppError("DOWNLOAD_FAILED", `${url}: ${describe(err)}`, { cause: err })));
  });
}

function idleTimeout(url: string, ms: number): AppError {
  return new AppError("DOWNLOAD_FAILED", `${url} sent nothing for ${ms / 1000} s; run again to resume`);
}

async function verifyAndPlace(part: string, request: DownloadRequest, hash: Hash): Promise<void> {
  const actual = hash.digest("hex");
  if (actual !== request.sha256) {
    await rm(part, { force: true });
    throw new AppError("CHECKSUM_MISMATCH", `${request.url} gave sha256 ${actual}, expected ${request.sha256}; the download was deleted`);
  }
  // Flushed before the rename so a crash cannot leave a full-size name over unwritten blocks.
  const handle = await open(part, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(part, request.destination);
}

/** Feeds a file's bytes into a running hash, so a resumed download's digest covers the kept part. */
async function hashInto(hash: Hash, path: string): Promise<Hash> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash;
}

function resumeHint(received: number, request: DownloadRequest): string {
  return received > 0 && received < request.bytes ? "; run again to resume" : "";
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = "code" in err && typeof err.code === "string" ? err.code : "";
  return err.message.includes(code) ? err.message : `${code} ${err.message}`;
}
