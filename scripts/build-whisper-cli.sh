#!/usr/bin/env bash
# Builds whisper.cpp's own command-line program from the sources smart-whisper vendors, with the
# same -march=native -O3 flags as the project's native build: the reference the ASR benchmark
# compares against. Its Makefile lacks files it needs, so the compiler is called directly.
# Output: build/whisper-cli (ignored by git). About a minute on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
src=node_modules/smart-whisper/whisper.cpp
out=build/whisper-cli-obj
mkdir -p "$out"
flags="-O3 -march=native -DNDEBUG"
for f in ggml ggml-alloc ggml-backend ggml-quants ggml-aarch64; do
  gcc $flags -std=c11 -D_GNU_SOURCE -I$src/ggml/include -I$src/ggml/src -c $src/ggml/src/$f.c -o $out/$f.o &
done
g++ $flags -std=c++11 -I$src/ggml/include -I$src/include -c $src/src/whisper.cpp -o $out/whisper.o &
wait
g++ $flags -std=c++11 -I$src/ggml/include -I$src/include -I$src/examples \
  $src/examples/main/main.cpp $src/examples/common.cpp $src/examples/grammar-parser.cpp \
  $out/*.o -lpthread -o build/whisper-cli
echo "built build/whisper-cli"
