import type { FastifyError, FastifyInstance } from "fastify";
import { AppError, ERRORS, isAppError, type ErrorCode } from "../errors.ts";

/** The body of every error answer: a stable code from the catalogue and a message. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export const errorBodySchema = {
  $id: "ErrorBody",
  type: "object",
  properties: {
    error: {
      type: "object",
      properties: { code: { type: "string", enum: Object.keys(ERRORS) }, message: { type: "string" } },
      required: ["code", "message"],
    },
  },
  required: ["error"],
} as const;

/** Fastify's and its plugins' own errors, by status, in the catalogue's terms. */
function fromFramework(err: FastifyError): AppError {
  if (err.validation) return new AppError("USAGE", err.message);
  if (err.code === "FST_REQ_FILE_TOO_LARGE" || err.statusCode === 413) return new AppError("INPUT_TOO_LARGE", err.message);
  if (err.statusCode === 415 || err.code === "FST_INVALID_MULTIPART_CONTENT_TYPE") return new AppError("INPUT_UNSUPPORTED", err.message);
  if (err.statusCode === 404) return new AppError("NOT_FOUND", err.message);
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) return new AppError("USAGE", err.message);
  return new AppError("INTERNAL");
}

/** The one place where errors become HTTP answers: the status comes from the error catalogue. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    const appError = isAppError(err) ? err : fromFramework(err);
    if (appError.status >= 500) request.log.error({ err }, "request failed");
    const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
    return reply.status(appError.status).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ErrorBody = { error: { code: "NOT_FOUND", message: `${request.method} ${request.url}` } };
    return reply.status(404).send(body);
  });
}
