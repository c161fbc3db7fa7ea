/**
 * Zeroed typed arrays for one analysis, cut out of larger blocks: V8 makes a typed array of more
 * than 64 bytes with a buffer of its own, which costs about a microsecond, and an analysis needs a
 * few hundred (word-key sets, cue screens, name score tables). A view on a block costs a few
 * dozen nanoseconds. The arena is owned by one analysis (its match context) and never shared.
 */
export interface ScratchArena {
  block: ArrayBuffer;
  /** Bytes of the block already handed out. */
  used: number;
}

const BLOCK_BYTES = 64 * 1024;

export function newScratchArena(): ScratchArena {
  return { block: new ArrayBuffer(0), used: 0 };
}

/** Byte offset of `bytes` zeroed bytes, 8-aligned, in the arena's current block (a new block when it is full). */
function reserve(arena: ScratchArena, bytes: number): number {
  const size = (bytes + 7) & ~7;
  if (arena.used + size > arena.block.byteLength) {
    arena.block = new ArrayBuffer(Math.max(BLOCK_BYTES, size));
    arena.used = 0;
  }
  const offset = arena.used;
  arena.used += size;
  return offset;
}

export function scratchBytes(arena: ScratchArena, length: number): Uint8Array {
  const offset = reserve(arena, length);
  return new Uint8Array(arena.block, offset, length);
}

export function scratchWords(arena: ScratchArena, length: number): Uint32Array {
  const offset = reserve(arena, length * 4);
  return new Uint32Array(arena.block, offset, length);
}

export function scratchFloats(arena: ScratchArena, length: number): Float64Array {
  const offset = reserve(arena, length * 8);
  return new Float64Array(arena.block, offset, length);
}
