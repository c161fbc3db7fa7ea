// audio-type ships no type declarations; this is the one function the decoder uses.
declare module "audio-type" {
  /** Sniffs the format from the first bytes: "wav", "mp3", "flac", "opus", "oga", ... or undefined. */
  export default function audioType(bytes: Uint8Array): string | undefined;
}
