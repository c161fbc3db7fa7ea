import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyReply, FastifyRequest } from "fastify";
import { findCallRow } from "../store/calls.ts";
import type { Db } from "../store/database.ts";

const TERMINAL = new Set(["done", "failed"]);

/** What one progress event carries. */
export interface ProgressEvent {
  id: string;
  status: string;
  /** Percent, 0..100. */
  progress: number;
  verdict: string | null;
  error: { code: string; message: string } | null;
}

/**
 * A server-sent events stream of a call's progress. It reads the database (the job may run in
 * another process), sends an event whenever status or progress changes, and ends after the
 * call is done or failed, or when the client goes away.
 */
export async function streamProgress(db: Db, callId: string, request: FastifyRequest, reply: FastifyReply, pollMs: number): Promise<void> {
  const closed = new AbortController();
  request.raw.on("close", () => closed.abort());
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  let last = "";
  while (!closed.signal.aborted) {
    const row = await findCallRow(db, callId);
    if (!row) break;
    const event: ProgressEvent = {
      id: row.id,
      status: row.status,
      progress: Math.round(row.progress * 100),
      verdict: row.verdict,
      error: row.error_code ? { code: row.error_code, message: row.error_message ?? "" } : null,
    };
    const data = JSON.stringify(event);
    if (data !== last) {
      out.write(`event: progress\ndata: ${data}\n\n`);
      last = data;
    }
    if (TERMINAL.has(row.status)) break;
    await sleep(pollMs, undefined, { signal: closed.signal }).catch(() => undefined);
  }
  out.end();
}
