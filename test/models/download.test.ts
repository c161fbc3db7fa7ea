/**
 * Model downloads against a real HTTP server on loopback: nothing here reaches the internet.
 */
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isAppError } from "../../src/errors.ts";
import { OFFICIAL_MODELS, OFFICIAL_REVISION, type OfficialModel, modelUrl, officialModel } from "../../src/models/catalog.ts";
import { type DownloadProgress, type DownloadRequest, downloadFile, fetchOfficialModel, partPath } from "../../src/models/download.ts";
import { describeSource, listModels } from "../../src/models/list.ts";

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const body = randomBytes(3 * 1024 * 1024 + 17);
const bodySha = createHash("sha256").update(body).digest("hex");
const half = Math.floor(body.length / 2);

let server: Server;
let base: string;
let workDir: string;
let requests: { path: string; range: string | undefined }[] = [];

/** Serves `bytes`, honouring a `bytes=N-` Range as whisper.cpp's host does. */
function serve(req: IncomingMessage, res: ServerResponse, bytes: Buffer, honourRange = true): void {
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
  if (range && honourRange) {
    const from = Number(range[1]);
    if (from >= bytes.length) {
      res.writeHead(416, { "content-range": `bytes */${bytes.length}` }).end();
      return;
    }
    res.writeHead(206, { "content-length": bytes.length - from, "content-range": `bytes ${from}-${bytes.length - 1}/${bytes.length}` });
    res.end(bytes.subarray(from));
    return;
  }
  res.writeHead(200, { "content-length": bytes.length }).end(bytes);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const path = req.url ?? "";
  requests.push({ path, range: req.headers.range });
  if (path === "/file.bin" || path === "/mirror/test-model.bin") return serve(req, res, body);
  if (path === "/no-range.bin") return serve(req, res, body, false);
  if (path === "/redirect.bin") return void res.writeHead(302, { location: "/file.bin" }).end();
  if (path === "/loop.bin") return void res.writeHead(302, { location: "/loop.bin" }).end();
  if (path === "/truncated.bin") {
    res.writeHead(200, { "content-length": body.length });
    res.write(body.subarray(0, half), () => res.socket?.end()); // closed short of the announced length
    return;
  }
  if (path === "/chunked-long.bin" || path === "/chunked-short.bin") {
    // No Content-Length: only counting the body can catch a wrong length.
    res.writeHead(200, { "transfer-encoding": "chunked" });
    res.end(path === "/chunked-long.bin" ? Buffer.concat([body, Buffer.from("extra")]) : body.subarray(0, half));
    return;
  }
  if (path === "/stall-headers.bin") return; // never answers
  if (path === "/stall-body.bin") {
    res.writeHead(200, { "content-length": body.length });
    res.write(body.subarray(0, half)); // then nothing, connection left open
    return;
  }
  if (path.startsWith("/zeros/")) {
    // The official size in zeros: the right length with the wrong bytes, streamed, never held in memory.
    const size = OFFICIAL_MODELS.find((m) => path.endsWith(`/${m.file}`))!.bytes;
    const chunk = Buffer.alloc(1 << 20);
    res.writeHead(200, { "content-length": size });
    Readable.from(
      (function* () {
        for (let sent = 0; sent < size; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, size - sent));
      })(),
    ).pipe(res);
    return;
  }
  res.writeHead(404).end("not found");
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  workDir = mkdtempSync(join(tmpdir(), "model-download-"));
});

afterAll(async () => {
  server.closeAllConnections(); // the stalling routes keep theirs open
  await new Promise((resolve) => server.close(resolve));
  rmSync(workDir, { recursive: true, force: true });
});

let testIndex = 0;
let destination: string;
beforeEach(() => {
  requests = [];
  destination = join(workDir, `case-${testIndex++}`, "model.bin");
});

function request(path: string, extra: Partial<DownloadRequest> = {}): DownloadRequest {
  return { url: `${base}${path}`, destination, bytes: body.length, sha256: bodySha, idleTimeoutMs: 2000, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (isAppError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error("expected the download to fail");
}

describe("downloadFile", () => {
  it("streams the file to its name with progress, leaving no .part", async () => {
    const progress: DownloadProgress[] = [];
    const result = await downloadFile(request("/file.bin", { onProgress: (p) => progress.push(p) }));
    expect(result).toEqual({ path: destination, bytes: body.length, sha256: bodySha, servedBy: `${base}/file.bin`, resumedFrom: 0 });
    expect(readFileSync(destination).equals(body)).toBe(true);
    expect(existsSync(partPath(destination))).toBe(false);
    expect(progress.at(-1)).toEqual({ received: body.length, total: body.length });
    expect(progress.every((p, i) => i === 0 || p.received > progress[i - 1]!.received)).toBe(true);
  });

  it("deletes the download when its sha256 is not the expected one", async () => {
    const err = await failure(downloadFile(request("/file.bin", { sha256: "0".repeat(64) })));
    expect(err.code).toBe("CHECKSUM_MISMATCH");
    expect(err.message).toContain(bodySha);
    expect(existsSync(destination)).toBe(false);
    expect(existsSync(partPath(destination))).toBe(false);
  });

  it("keeps a truncated body as .part and resumes it with a Range request", async () => {
    const err = await failure(downloadFile(request("/truncated.bin")));
    expect(err.code).toBe("DOWNLOAD_FAILED");
    expect(err.message).toMatch(/after \d+ of \d+ bytes.*run again to resume/);
    expect(existsSync(destination)).toBe(false);
    // Up to `half`: what the client had read when the connection closed, written in order.
    const kept = statSync(partPath(destination)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(half);

    const result = await downloadFile(request("/file.bin"));
    expect(requests.at(-1)).toEqual({ path: "/file.bin", range: `bytes=${kept}-` });
    expect(result.resumedFrom).toBe(kept);
    expect(readFileSync(destination).equals(body)).toBe(true);
    expect(existsSync(partPath(destination))).toBe(false);
  });

  it("starts over when the server ignores the Range header", async () => {
    const download = request("/no-range.bin");
    await downloadFile(request("/truncated.bin")).catch(() => undefined);
    const kept = statSync(partPath(destination)).size;
    const result = await downloadFile(download);
    expect(requests.at(-1)!.range).toBe(`bytes=${kept}-`);
    expect(result.resumedFrom).toBe(0);
    expect(readFileSync(destination).equals(body)).toBe(true);
  });

  it("verifies a complete .part left by an interrupted rename without a request", async () => {
    await downloadFile(request("/file.bin"));
    const part = partPath(destination);
    writeFileSync(part, readFileSync(destination));
    rmSync(destination);
    requests = [];
    const result = await downloadFile(request("/file.bin"));
    expect(requests).toEqual([]);
    expect(result.servedBy).toBeUndefined();
    expect(readFileSync(destination).equals(body)).toBe(true);
  });

  it("fails on an HTTP error status without creating files", async () => {
    const err = await failure(downloadFile(request("/missing.bin")));
    expect(err).toEqual({ code: "DOWNLOAD_FAILED", message: `Download failed: HTTP 404 from ${base}/missing.bin` });
    expect(existsSync(destination)).toBe(false);
    expect(existsSync(partPath(destination))).toBe(false);
  });

  it("follows redirects, up to a limit", async () => {
    const result = await downloadFile(request("/redirect.bin"));
    expect(result.servedBy).toBe(`${base}/file.bin`);
    expect(readFileSync(destination).equals(body)).toBe(true);

    const err = await failure(downloadFile(request("/loop.bin", { destination: `${destination}.loop`, maxRedirects: 3 })));
    expect(err.code).toBe("DOWNLOAD_FAILED");
    expect(err.message).toContain("more than 3 redirects");
    expect(requests.filter((r) => r.path === "/loop.bin")).toHaveLength(4);
  });

  it("refuses a body whose announced size is not the expected one, before writing", async () => {
    const err = await failure(downloadFile(request("/file.bin", { bytes: body.length + 1 })));
    expect(err.code).toBe("DOWNLOAD_FAILED");
    expect(err.message).toContain(`announces ${body.length} bytes, expected ${body.length + 1}`);
    expect(existsSync(partPath(destination))).toBe(false);
  });

  it("counts an unannounced body: too long is deleted, too short is kept to resume", async () => {
    const long = await failure(downloadFile(request("/chunked-long.bin")));
    expect(long).toEqual({ code: "DOWNLOAD_FAILED", message: `Download failed: ${base}/chunked-long.bin sent more than the expected ${body.length} bytes` });
    expect(existsSync(partPath(destination))).toBe(false);

    const short = await failure(downloadFile(request("/chunked-short.bin")));
    expect(short).toEqual({ code: "DOWNLOAD_FAILED", message: `Download failed: ${base}/chunked-short.bin ended after ${half} of ${body.length} bytes; run again to resume` });
    expect(statSync(partPath(destination)).size).toBe(half);
    expect(existsSync(destination)).toBe(false);
  });

  it("times out on a server that stalls before answering or mid-body", async () => {
    let started = Date.now();
    const beforeHeaders = await failure(downloadFile(request("/stall-headers.bin", { idleTimeoutMs: 300 })));
    expect(beforeHeaders.code).toBe("DOWNLOAD_FAILED");
    expect(beforeHeaders.message).toContain("sent nothing for 0.3 s");
    expect(Date.now() - started).toBeLessThan(1500);
    expect(existsSync(partPath(destination))).toBe(false);

    started = Date.now();
    const midBody = await failure(downloadFile(request("/stall-body.bin", { idleTimeoutMs: 300 })));
    expect(midBody.code).toBe("DOWNLOAD_FAILED");
    expect(midBody.message).toContain("sent nothing for 0.3 s");
    expect(Date.now() - started).toBeLessThan(1500);
    expect(statSync(partPath(destination)).size).toBe(half);
    expect(existsSync(destination)).toBe(false);
  });

  it("fails clearly when nothing listens", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await failure(downloadFile({ ...request("/file.bin"), url: `http://127.0.0.1:${port}/file.bin` }));
    expect(err.code).toBe("DOWNLOAD_FAILED");
    expect(err.message).toContain("ECONNREFUSED");
  });
});

describe("official models", () => {
  const testModel: OfficialModel = { name: "base", file: "test-model.bin", url: "https://unused.invalid/test-model.bin", bytes: body.length, sha256: bodySha };

  it("pins every catalogue entry to one Hugging Face revision (checked without downloading)", () => {
    expect(OFFICIAL_MODELS.map((m) => m.name)).toEqual(["base", "small"]);
    for (const m of OFFICIAL_MODELS) {
      expect(m.url).toBe(`https://huggingface.co/ggerganov/whisper.cpp/resolve/${OFFICIAL_REVISION}/${m.file}`);
      expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(officialModel("base")).toMatchObject({ file: "ggml-base-q5_1.bin", bytes: 59_707_625 });
    expect(officialModel("small")).toMatchObject({ file: "ggml-small-q5_1.bin", bytes: 190_085_487 });
    expect(modelUrl(officialModel("small"), "http://mirror.local/whisper/")).toBe("http://mirror.local/whisper/ggml-small-q5_1.bin");
  });

  it("downloads from a mirror once, then finds the file present; replaces another file only with force", async () => {
    const dir = dirname(destination);
    const first = await fetchOfficialModel(testModel, { dir, baseUrl: `${base}/mirror` });
    expect(first.status).toBe("downloaded");
    const second = await fetchOfficialModel(testModel, { dir, baseUrl: `${base}/mirror` });
    expect(second).toEqual({ status: "present", path: join(dir, "test-model.bin"), model: testModel });
    expect(requests).toHaveLength(1);

    writeFileSync(join(dir, "test-model.bin"), "a converted model under the same name");
    const err = await failure(fetchOfficialModel(testModel, { dir, baseUrl: `${base}/mirror` }));
    expect(err.code).toBe("CONFLICT");
    expect((await fetchOfficialModel(testModel, { dir, baseUrl: `${base}/mirror`, force: true })).status).toBe("downloaded");
    expect(readFileSync(join(dir, "test-model.bin")).equals(body)).toBe(true);
  });

  it("lists a file with a catalogue name but other bytes as unknown, not official", () => {
    const models = dirname(destination);
    mkdirSync(models, { recursive: true });
    writeFileSync(join(models, "ggml-base-q5_1.bin"), "a conversion copied under the official name");
    writeFileSync(join(models, "ggml-medium.bin"), "not in the catalogue: told by its name only");
    const listed = listModels({ projectModels: models, conversionRecord: join(models, "none.json") });
    expect(listed.map((m) => [m.file, describeSource(m.source)])).toEqual([
      ["ggml-base-q5_1.bin", "unknown"],
      ["ggml-medium.bin", "official download"],
    ]);
  });
});

describe("npm run models:download", () => {
  // Asynchronous: the loopback server runs in this process and must keep serving while the CLI runs.
  const cli = (args: string[]) =>
    new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ["--import", "tsx", join(projectRoot, "scripts", "download-model.ts"), ...args], { timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });

  it("rejects an unknown model with a usage error", async () => {
    const run = await cli(["large"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("model must be one of base, small");
  }, 60_000);

  it("reports a checksum mismatch with exit code 3 and leaves nothing in the models folder", async () => {
    const dir = join(workDir, "cli-models");
    const run = await cli(["base", "--dir", dir, "--base-url", `${base}/zeros/`]);
    expect(run.stdout).toContain(`from ${base}/zeros/ggml-base-q5_1.bin`);
    expect(run.stderr).toContain("Checksum mismatch");
    expect(run.stderr).toContain(officialModel("base").sha256);
    expect(run.status).toBe(3);
    expect(existsSync(join(dir, "ggml-base-q5_1.bin"))).toBe(false);
    expect(existsSync(join(dir, "ggml-base-q5_1.bin.part"))).toBe(false);
  }, 60_000);
});
