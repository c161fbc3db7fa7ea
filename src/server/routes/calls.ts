import type { FastifyInstance } from "fastify";
import multipart, { type MultipartFile } from "@fastify/multipart";
import type { CallVerdict, ElementId, ElementStatus } from "../../compliance/types.ts";
import { ELEMENT_IDS } from "../../compliance/rule-pack.ts";
import { parseTranscriptJson } from "../../transcript/parse-json.ts";
import type { Transcript } from "../../transcript/types.ts";
import { acceptCalls, findCallRow, getCall, type CallStatus } from "../../store/calls.ts";
import { listCalls } from "../../store/call-list.ts";
import { AppError } from "../../errors.ts";
import { principalOf, scopeOfRequest } from "../../access/access-control.ts";
import { recordAccess } from "../../access/access-log.ts";
import type { ServerDeps } from "../app.ts";
import { recordingCheck } from "../upload-check.ts";
import { callSummarySchema, callViewSchema, toCallView, toSummaryView } from "../call-view.ts";
import { streamProgress } from "../progress-stream.ts";
import { recordingCalls, safeFileName, transcriptCall, type CallMetadata, type MultipartCallsBody, type UploadedRecording } from "../upload-metadata.ts";

interface CallRoutesOptions {
  deps: ServerDeps;
  maxUploadBytes: number;
  /** Recordings up to this size are decoded at upload (see upload-check.ts). */
  decodeCheckBytes: number;
  progressPollMs: number;
}

const listOf = (items: object) => ({ type: "array", items });

const multipartBodySchema = {
  type: "object",
  description:
    "Recordings under `recordings` (one or many) and metadata fields. A field given once applies to every recording; repeated N times, its values go to the N recordings in order.",
  properties: {
    recordings: {
      description: "one or many audio files (WAV, MP3, OGG, FLAC...)",
      anyOf: [{ type: "object" }, listOf({ type: "object" })],
    },
    campaignId: listOf({ type: "string", minLength: 1 }),
    agentId: listOf({ type: "string", maxLength: 200 }),
    calledNumber: listOf({ type: "string", maxLength: 40, description: "kept only as a keyed hash" }),
    calledAt: listOf({ type: "string", description: "ISO 8601; without offset it is Europe/Paris time" }),
    channelLayout: listOf({ type: "string", enum: ["mono", "stereo"] }),
    agentChannel: listOf({ type: "integer", minimum: 0, maximum: 1 }),
  },
  required: ["recordings", "campaignId"],
} as const;

const utterance = {
  type: "object",
  properties: {
    speaker: { type: "string", enum: ["agent", "customer", "unknown"] },
    start: { type: "number", minimum: 0 },
    end: { type: "number", minimum: 0 },
    text: { type: "string" },
    asrConfidence: { type: "number", minimum: 0, maximum: 1 },
    speakerConfidence: { type: "number", minimum: 0, maximum: 1 },
  },
  required: ["speaker", "start", "end", "text"],
} as const;

const transcriptBody = {
  type: "object",
  properties: {
    campaignId: { type: "string", minLength: 1 },
    agentId: { type: "string", maxLength: 200 },
    calledNumber: { type: "string", maxLength: 40, description: "kept only as a keyed hash" },
    calledAt: { type: "string", description: "ISO 8601; without offset it is Europe/Paris time" },
    transcript: {
      type: "object",
      properties: { utterances: { type: "array", items: utterance }, language: { type: "string", enum: ["fr", "en"] } },
      required: ["utterances"],
    },
  },
  required: ["campaignId", "transcript"],
  additionalProperties: false,
} as const;

interface TranscriptBody extends CallMetadata {
  transcript: { utterances: unknown[]; language?: string };
}

const acceptedSchema = {
  type: "object",
  properties: {
    calls: listOf({
      type: "object",
      properties: { id: { type: "string" }, status: { type: "string" }, url: { type: "string" } },
    }),
  },
} as const;

interface ListQuery {
  subcontractorId?: string;
  campaignId?: string;
  agentId?: string;
  verdict?: CallVerdict;
  status?: CallStatus;
  element?: ElementId;
  elementStatus?: ElementStatus[];
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

const idParams = { type: "object", properties: { id: { type: "string" } }, required: ["id"] } as const;
const errorRef = { $ref: "ErrorBody#" };

/** Uploads, call results, audio and progress. */
export async function callRoutes(app: FastifyInstance, options: CallRoutesOptions): Promise<void> {
  const { db, audioStore, numberHashKey } = options.deps;
  app.addSchema(callSummarySchema);
  app.addSchema(callViewSchema);

  await app.register(multipart, {
    attachFieldsToBody: "keyValues",
    // Busboy stops a file at fileSize; one byte more lets the store see it is over the limit.
    limits: { fileSize: options.maxUploadBytes + 1, files: 1000, fields: 10_000 },
    // Each recording streams to disk as it arrives (the heap never holds it).
    async onFile(part: MultipartFile) {
      if (part.fieldname !== "recordings") {
        part.file.resume();
        throw new AppError("USAGE", `files go in the "recordings" field, not "${part.fieldname}"`);
      }
      // The name is only a label: the file is stored under its content hash, never under it.
      const fileName = safeFileName(part.filename);
      const stored = await audioStore.save(part.file, options.maxUploadBytes, recordingCheck(options.decodeCheckBytes, fileName));
      const recording: UploadedRecording = { ...stored, fileName };
      (part as unknown as { value: UploadedRecording }).value = recording;
    },
  });

  app.post<{ Body: MultipartBodyAsParsed | TranscriptBody }>(
    "/calls",
    {
      schema: {
        tags: ["calls"],
        summary: "Upload recordings (multipart) or one transcript (JSON); answers once the calls and their jobs are durable",
        body: {
          content: {
            "multipart/form-data": { schema: multipartBodySchema },
            "application/json": { schema: transcriptBody },
          },
        },
        response: { 202: acceptedSchema, 400: errorRef, 413: errorRef, 415: errorRef, 422: errorRef },
      },
    },
    async (request, reply) => {
      const inputs = request.isMultipart()
        ? recordingCalls(multipartBody(request.body as MultipartBodyAsParsed), numberHashKey)
        : [transcriptInput(request.body as TranscriptBody, numberHashKey)];
      const ids = await acceptCalls(db, inputs, new Date(), scopeOfRequest(request));
      return reply.status(202).send({ calls: ids.map((id) => ({ id, status: "queued", url: `/calls/${id}` })) });
    },
  );

  app.get<{ Querystring: ListQuery }>(
    "/calls",
    {
      schema: {
        tags: ["calls"],
        summary: "List calls, newest first, with filters and cursor pagination",
        querystring: {
          type: "object",
          properties: {
            subcontractorId: { type: "string" },
            campaignId: { type: "string" },
            agentId: { type: "string" },
            verdict: { type: "string", enum: ["compliant", "non_compliant", "needs_review", "not_applicable"] },
            status: { type: "string", enum: ["queued", "transcribing", "analyzing", "done", "failed", "interrupted"] },
            element: { type: "string", enum: [...ELEMENT_IDS] },
            elementStatus: listOf({ type: "string", enum: ["present", "late", "missing", "violated", "undeterminable", "not_applicable"] }),
            from: { type: "string", format: "date-time", description: "inclusive, on the call date" },
            to: { type: "string", format: "date-time", description: "exclusive" },
            cursor: { type: "string" },
            limit: { type: "integer", minimum: 1, maximum: 500, default: 50 },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: "object",
            properties: { calls: listOf({ $ref: "CallSummary#" }), nextCursor: { type: ["string", "null"] } },
          },
          400: errorRef,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await listCalls(
        db,
        {
          ...(q.subcontractorId ? { subcontractorId: q.subcontractorId } : {}),
          ...(q.campaignId ? { campaignId: q.campaignId } : {}),
          ...(q.agentId ? { agentId: q.agentId } : {}),
          ...(q.verdict ? { verdict: q.verdict } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.element ? { element: q.element } : {}),
          ...(q.elementStatus ? { elementStatuses: q.elementStatus } : {}),
          ...(q.from ? { from: new Date(q.from).toISOString() } : {}),
          ...(q.to ? { to: new Date(q.to).toISOString() } : {}),
        },
        q.limit,
        q.cursor,
        scopeOfRequest(request),
      );
      return { calls: page.calls.map(toSummaryView), nextCursor: page.nextCursor };
    },
  );

  app.get<{ Params: { id: string } }>(
    "/calls/:id",
    {
      schema: {
        tags: ["calls"],
        summary: "One call: status, progress, verdict, findings with evidence, transcript",
        params: idParams,
        response: { 200: { $ref: "Call#" }, 404: errorRef },
      },
    },
    async (request) => {
      const call = await getCall(db, request.params.id, scopeOfRequest(request));
      await recordAccess(db, principalOf(request).keyId, [call.id], "read");
      return toCallView(call);
    },
  );

  app.get<{ Params: { id: string } }>(
    "/calls/:id/audio",
    {
      schema: {
        tags: ["calls"],
        summary: "The call's recording: as uploaded, or a live session's stereo WAV (agent left) when its campaign keeps live audio",
        params: idParams,
        response: { 200: { type: "string", format: "binary" }, 404: errorRef },
      },
    },
    async (request, reply) => {
      const row = await findCallRow(db, request.params.id, scopeOfRequest(request));
      if (!row) throw new AppError("NOT_FOUND", `call ${request.params.id}`);
      if (!row.audio_sha256 || !(await audioStore.exists(row.audio_sha256))) throw new AppError("AUDIO_NOT_STORED", row.id);
      const fileName = (row.audio_name ?? `${row.id}.audio`).replace(/[^\w.-]/g, "_");
      await recordAccess(db, principalOf(request).keyId, [row.id], "listen");
      return reply
        .header("content-type", "application/octet-stream")
        .header("content-length", String(row.audio_bytes))
        .header("content-disposition", `attachment; filename="${fileName}"`)
        .send(audioStore.openStream(row.audio_sha256));
    },
  );

  app.get<{ Params: { id: string } }>(
    "/calls/:id/events",
    {
      schema: {
        tags: ["calls"],
        summary: "Server-sent events with the call's status and progress (percent) until it is done or failed",
        params: idParams,
        response: { 200: { type: "string", description: "text/event-stream" }, 404: errorRef },
      },
    },
    async (request, reply) => {
      const row = await findCallRow(db, request.params.id, scopeOfRequest(request));
      if (!row) throw new AppError("NOT_FOUND", `call ${request.params.id}`);
      await recordAccess(db, principalOf(request).keyId, [row.id], "read");
      await streamProgress(db, row.id, request, reply, options.progressPollMs);
    },
  );
}

type MultipartBodyAsParsed = Omit<MultipartCallsBody, "recordings"> & { recordings: UploadedRecording | UploadedRecording[] };

/** One file arrives as an object, several as a list. */
function multipartBody(body: MultipartBodyAsParsed): MultipartCallsBody {
  return { ...body, recordings: Array.isArray(body.recordings) ? body.recordings : [body.recordings] };
}

function transcriptInput(body: TranscriptBody, numberHashKey: string) {
  // The CLI's transcript contract does the semantic checks (times in order, confidences in range).
  const { transcript } = parseTranscriptJson(JSON.stringify(body.transcript));
  const typed: Transcript = transcript;
  return transcriptCall(body, typed, numberHashKey);
}
