import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { AppError } from "../errors.ts";

export interface StoredAudio {
  /** SHA-256 of the bytes, hex: the file's name in the store. */
  sha256: string;
  bytes: number;
}

/** How many of a recording's first bytes `save` hands to its check (container headers fit). */
export const HEAD_BYTES = 64 * 1024;

/**
 * Looks at a complete upload before it is kept: `file` is its temp path, `head` its first bytes.
 * Throwing refuses it; the temp file is then removed and nothing reaches the store.
 */
export type UploadCheck = (upload: { file: string; head: Uint8Array; bytes: number }) => Promise<void>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await fsp.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Recordings on disk under the data directory, named by their content hash (so the same file
 * uploaded twice is kept once). Writes stream through a temp file, are fsynced and renamed in
 * place: a file under its final name is always complete.
 */
export class AudioStore {
  readonly #root: string;
  readonly #tmp: string;

  constructor(dataDir: string) {
    this.#root = path.join(dataDir, "audio");
    this.#tmp = path.join(dataDir, "tmp");
    fs.mkdirSync(this.#root, { recursive: true });
    fs.mkdirSync(this.#tmp, { recursive: true });
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new AppError("NOT_FOUND", "invalid audio hash");
    return path.join(this.#root, sha256.slice(0, 2), sha256);
  }

  /**
   * Streams a recording to disk without holding it in memory; durable when the promise resolves.
   * `check` runs on the complete temp file before it takes its place in the store.
   */
  async save(source: Readable, maxBytes: number, check?: UploadCheck): Promise<StoredAudio> {
    const tmpPath = path.join(this.#tmp, `${randomUUID()}.part`);
    const hash = createHash("sha256");
    let bytes = 0;
    const headChunks: Buffer[] = [];
    let headBytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        if (headBytes < HEAD_BYTES) {
          headChunks.push(chunk.subarray(0, HEAD_BYTES - headBytes));
          headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
        }
        if (bytes > maxBytes) {
          callback(new AppError("INPUT_TOO_LARGE", `recording over ${maxBytes} bytes`));
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      // flush: fsync before close, so the bytes are on disk before the call is accepted.
      await pipeline(source, meter, fs.createWriteStream(tmpPath, { flush: true }));
    } catch (err) {
      await fsp.rm(tmpPath, { force: true });
      throw err;
    }
    if (bytes === 0) {
      await fsp.rm(tmpPath, { force: true });
      throw new AppError("INPUT_EMPTY", "empty recording");
    }
    if (check) {
      try {
        await check({ file: tmpPath, head: new Uint8Array(Buffer.concat(headChunks)), bytes });
      } catch (err) {
        await fsp.rm(tmpPath, { force: true });
        throw err;
      }
    }
    const sha256 = hash.digest("hex");
    const finalPath = this.pathOf(sha256);
    await fsp.mkdir(path.dirname(finalPath), { recursive: true });
    await fsp.rename(tmpPath, finalPath);
    await fsyncDirectory(path.dirname(finalPath));
    return { sha256, bytes };
  }

  async read(sha256: string): Promise<Uint8Array> {
    return new Uint8Array(await fsp.readFile(this.pathOf(sha256)));
  }

  openStream(sha256: string): fs.ReadStream {
    return fs.createReadStream(this.pathOf(sha256));
  }

  /** Deletes a recording; false when it was not there. */
  async remove(sha256: string): Promise<boolean> {
    const file = this.pathOf(sha256);
    try {
      await fsp.rm(file);
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw err;
    }
  }

  /** Every stored recording with its modification time (for the sweep of unreferenced files). */
  async *list(): AsyncGenerator<{ sha256: string; mtimeMs: number }> {
    for (const dir of await fsp.readdir(this.#root)) {
      const names = await fsp.readdir(path.join(this.#root, dir)).catch(() => [] as string[]);
      for (const name of names) {
        if (!SHA256_HEX.test(name)) continue;
        const stat = await fsp.stat(path.join(this.#root, dir, name)).catch(() => null);
        if (stat) yield { sha256: name, mtimeMs: stat.mtimeMs };
      }
    }
  }

  async exists(sha256: string): Promise<boolean> {
    return fsp.access(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }

  /** A fresh path in the store's temp folder (swept at startup if a crash leaves it behind). */
  tempPath(suffix: string): string {
    return path.join(this.#tmp, `${randomUUID()}${suffix}`);
  }

  /** Drops temp files left by uploads that a crash interrupted (their calls were never accepted). */
  async removeStaleTempFiles(olderThanMs: number, now: number = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await fsp.readdir(this.#tmp)) {
      const file = path.join(this.#tmp, name);
      const stat = await fsp.stat(file).catch(() => null);
      if (stat && now - stat.mtimeMs > olderThanMs) {
        await fsp.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
