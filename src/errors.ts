/**
 * The one catalogue of errors: every failure the product reports has a stable code, a message,
 * an HTTP status and a CLI exit code, created here. Callers throw by code; tests assert on codes.
 */
export const ERRORS = {
  INPUT_NOT_FOUND: { status: 404, exit: 2, message: "Input not found" },
  INPUT_UNSUPPORTED: { status: 415, exit: 2, message: "Unsupported input type" },
  INPUT_EMPTY: { status: 400, exit: 2, message: "Input is empty" },
  INPUT_TOO_LARGE: { status: 413, exit: 2, message: "Input is too large" },
  TRANSCRIPT_INVALID: { status: 400, exit: 2, message: "Invalid transcript" },
  SCRIPT_INVALID: { status: 400, exit: 2, message: "Invalid call script" },
  AUDIO_UNDECODABLE: { status: 422, exit: 2, message: "The file is not decodable audio" },
  AUDIO_SILENT: { status: 422, exit: 2, message: "The recording contains no speech" },
  MODEL_NOT_FOUND: { status: 500, exit: 3, message: "No Whisper model found" },
  MODEL_INVALID: { status: 500, exit: 3, message: "Invalid Whisper model file" },
  ASR_FAILED: { status: 500, exit: 3, message: "Transcription failed" },
  RULE_PACK_INVALID: { status: 500, exit: 3, message: "Invalid rule pack" },
  SETTINGS_INVALID: { status: 400, exit: 2, message: "Invalid settings" },
  USAGE: { status: 400, exit: 2, message: "Invalid usage" },
  NOT_FOUND: { status: 404, exit: 2, message: "Not found" },
  UNAUTHORIZED: { status: 401, exit: 2, message: "Missing or invalid credentials" },
  FORBIDDEN: { status: 403, exit: 2, message: "Not allowed" },
  UNKNOWN_CAMPAIGN: { status: 422, exit: 2, message: "Unknown campaign" },
  DOWNLOAD_FAILED: { status: 502, exit: 3, message: "Download failed" },
  CHECKSUM_MISMATCH: { status: 502, exit: 3, message: "Checksum mismatch" },
  CONFIG_INVALID: { status: 500, exit: 2, message: "Invalid service configuration" },
  CONFLICT: { status: 409, exit: 2, message: "Already exists" },
  CURSOR_INVALID: { status: 400, exit: 2, message: "Invalid pagination cursor" },
  AUDIO_NOT_STORED: { status: 404, exit: 2, message: "The call has no stored audio" },
  JOB_INTERRUPTED: { status: 500, exit: 1, message: "The worker stopped during the job too many times" },
  JOB_LEASE_LOST: { status: 409, exit: 1, message: "The job was taken over by another worker" },
  INTERNAL: { status: 500, exit: 1, message: "Internal error" },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly exitCode: number;

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown }) {
    const entry = ERRORS[code];
    super(detail ? `${entry.message}: ${detail}` : entry.message, options);
    this.name = "AppError";
    this.code = code;
    this.status = entry.status;
    this.exitCode = entry.exit;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}
