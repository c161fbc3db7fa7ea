import { pathToFileURL } from "node:url";
import pino, { type Logger } from "pino";
import { parseServiceConfig, type ServiceConfig } from "./config/service-config.ts";
import { RulePackSource } from "./config/rule-pack-source.ts";
import { isAppError } from "./errors.ts";
import { createRecordingTranscriber } from "./jobs/recording-transcriber.ts";
import { JobWorker } from "./jobs/worker.ts";
import { buildServer } from "./server/app.ts";
import { AudioStore } from "./store/audio-store.ts";
import { openDatabase } from "./store/database.ts";
import { loadOrCreateNumberHashKey } from "./store/number-hash.ts";

export interface RunningService {
  /** Where the API listens; null for a worker-only process. */
  url: string | null;
  /** Stops accepting requests and jobs, waits for the jobs in hand, closes the database. */
  stop(): Promise<void>;
}

/** Temp files of uploads older than this are leftovers of a crash (an upload in progress is younger). */
const STALE_UPLOAD_MS = 24 * 3600 * 1000;

/**
 * Starts the service for a configuration: the API, the job worker, or both (the default),
 * over one data directory that several processes on the machine may share.
 */
export async function startService(config: ServiceConfig, logger: Logger): Promise<RunningService> {
  const db = await openDatabase(config.dataDir);
  const audioStore = new AudioStore(config.dataDir);
  await audioStore.removeStaleTempFiles(STALE_UPLOAD_MS);
  const rulePacks = new RulePackSource(config.rulePackPath);
  rulePacks.current(); // fail at start-up, not on the first job, when the pack is invalid
  const numberHashKey = loadOrCreateNumberHashKey(config.dataDir, config.numberHashKey);

  let url: string | null = null;
  const app = config.role === "worker" ? null : await buildServer({ db, audioStore, rulePacks, numberHashKey }, { logger, maxUploadBytes: config.maxUploadBytes });
  if (app) url = await app.listen({ host: config.host, port: config.port });

  const transcriber = config.role === "api" ? null : createRecordingTranscriber(config);
  const worker = transcriber ? new JobWorker({ db, audioStore, transcriber, rulePack: () => rulePacks.current() }, config.worker, logger) : null;
  worker?.start();
  logger.info({ role: config.role, dataDir: config.dataDir, url }, "service started");

  return {
    url,
    async stop() {
      await app?.close();
      await worker?.stop();
      await transcriber?.close();
      await db.destroy();
    },
  };
}

async function main(): Promise<void> {
  let config: ServiceConfig;
  try {
    config = parseServiceConfig(process.env);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(isAppError(err) ? err.exitCode : 1);
  }
  const logger = pino({ level: config.logLevel });
  let service: RunningService;
  try {
    service = await startService(config, logger);
  } catch (err) {
    logger.fatal({ err }, isAppError(err) ? err.message : "service failed to start");
    process.exit(isAppError(err) ? err.exitCode : 1);
  }
  const shutdown = (signal: string) => {
    logger.info({ signal }, "stopping");
    service.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, "stop failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
