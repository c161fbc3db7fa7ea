import { recordAccess } from "../access/access-log.ts";
import type { AudioStore } from "../store/audio-store.ts";
import { getCall, type CallDetail } from "../store/calls.ts";
import type { Db } from "../store/database.ts";
import { deleteCalls, removeUnreferencedAudio } from "../store/erase.ts";
import { hashNumber } from "../store/number-hash.ts";
import { callsInScope, type TenantScope } from "../store/scope.ts";

/**
 * Requests of a person about their phone number (GDPR art. 15 access, art. 17 erasure). The
 * store keeps only a keyed hash of called numbers, so the number given is hashed the same way
 * and matched; a brand's controller acts on its own brand's calls only.
 */
async function callIdsOf(db: Db, numberHash: string, scope: TenantScope): Promise<string[]> {
  const rows = await callsInScope(db.selectFrom("calls").select("calls.id"), scope)
    .where("calls.number_hash", "=", numberHash)
    .orderBy("calls.dated_at")
    .orderBy("calls.id")
    .execute();
  return rows.map((r) => r.id);
}

export interface SubjectExport {
  numberHash: string;
  calls: CallDetail[];
}

/** Everything held about a number: each call with its metadata, transcript, findings and audio reference. */
export async function exportSubject(db: Db, number: string, numberHashKey: string, scope: TenantScope, keyId: string, now = new Date()): Promise<SubjectExport> {
  const numberHash = hashNumber(number, numberHashKey);
  const ids = await callIdsOf(db, numberHash, scope);
  await recordAccess(db, keyId, ids, "export", now);
  const calls: CallDetail[] = [];
  for (const id of ids) calls.push(await getCall(db, id, scope));
  return { numberHash, calls };
}

export interface SubjectErasure {
  numberHash: string;
  callsErased: number;
  audioFilesDeleted: number;
}

/**
 * Erases every call of a number: rows and report counters in one transaction, then the
 * recordings no other call shares. The access log keeps the erased ids and who erased them
 * (accountability), nothing else about the calls.
 */
export async function eraseSubject(
  db: Db,
  audioStore: AudioStore,
  number: string,
  numberHashKey: string,
  scope: TenantScope,
  keyId: string,
  now = new Date(),
): Promise<SubjectErasure> {
  const numberHash = hashNumber(number, numberHashKey);
  const ids = await callIdsOf(db, numberHash, scope);
  const audio = await db.transaction().execute((trx) => deleteCalls(trx, ids));
  await recordAccess(db, keyId, ids, "erase", now);
  const audioFilesDeleted = await removeUnreferencedAudio(db, audioStore, audio);
  return { numberHash, callsErased: ids.length, audioFilesDeleted };
}
