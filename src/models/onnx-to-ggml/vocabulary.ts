/**
 * The vocabulary section of a whisper.cpp model: the byte strings of the BPE tokens, by id.
 * tokenizer.json stores byte-level BPE tokens with GPT-2's byte-to-unicode mapping (a space is
 * "Ġ"); whisper.cpp wants the raw bytes. Only the regular tokens are written (ids below the first
 * added special token, 50257 for Whisper): whisper.cpp names the special tokens itself from
 * n_vocab, as OpenAI's converter leaves them out too.
 */
import { AppError } from "../../errors.ts";

interface TokenizerJson {
  model?: { type?: string; vocab?: Record<string, number> };
  added_tokens?: Array<{ id: number; special?: boolean }>;
}

/** GPT-2's bytes_to_unicode, inverted: printable bytes map to themselves, the rest to U+0100+. */
export function byteLevelDecoder(): Map<string, number> {
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const decoder = new Map<string, number>();
  let next = 0;
  for (let b = 0; b < 256; b++) {
    const codePoint = printable(b) ? b : 256 + next++;
    decoder.set(String.fromCodePoint(codePoint), b);
  }
  return decoder;
}

export function vocabularyFromTokenizer(tokenizer: unknown): Uint8Array[] {
  const json = tokenizer as TokenizerJson;
  const vocab = json?.model?.vocab;
  if (json?.model?.type !== "BPE" || !vocab) {
    throw new AppError("MODEL_INVALID", "tokenizer.json has no byte-level BPE vocabulary");
  }
  const specialIds = (json.added_tokens ?? []).filter((t) => t.special).map((t) => t.id);
  const firstSpecial = specialIds.length > 0 ? Math.min(...specialIds) : Object.keys(vocab).length;
  const decoder = byteLevelDecoder();
  const tokens: Array<Uint8Array | undefined> = new Array(firstSpecial);
  for (const [text, id] of Object.entries(vocab)) {
    if (id >= firstSpecial) continue;
    const bytes = Array.from(text, (char) => {
      const byte = decoder.get(char);
      if (byte === undefined) throw new AppError("MODEL_INVALID", `tokenizer.json: token ${id} is not byte-level`);
      return byte;
    });
    tokens[id] = Uint8Array.from(bytes);
  }
  const missing = tokens.findIndex((t) => t === undefined);
  if (missing !== -1) throw new AppError("MODEL_INVALID", `tokenizer.json: no token with id ${missing}`);
  return tokens as Uint8Array[];
}
