#!/bin/sh
# Regenerates the small compressed-audio fixtures of test/audio/fixtures/. The encoders used here
# (Debian: sox libsox-fmt-all lame opus-tools flac espeak-ng) are needed only to rebuild the
# fixtures, never at run time: the product decodes with npm WASM/JS decoders.
# WAV variants are not here: the tests build them in code with wavefile.
set -eu
out="$(dirname "$0")/../test/audio/fixtures"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"

# Two seconds of a different tone per channel (left 440 Hz = "agent", right 1000 Hz = "customer"),
# so the tests can check that channels stay separate through each codec.
tones() { # rate file
  sox -n -r "$1" -b 16 -c 2 "$2" synth 2.0 sine 440 sine 1000 vol 0.5
}

tones 44100 "$tmp/t44.wav"
lame --quiet -b 128 --resample 44.1 "$tmp/t44.wav" "$out/tones-stereo-44100.mp3"

tones 22050 "$tmp/t22.wav"
sox "$tmp/t22.wav" -C 3 "$out/tones-stereo-22050.ogg"

tones 24000 "$tmp/t24.wav"
opusenc --quiet --bitrate 48 "$tmp/t24.wav" "$out/tones-stereo-24000.opus"

# One second only: a pure 24-bit tone compresses poorly.
sox -n -r 11025 -b 24 -c 2 "$tmp/t11.wav" synth 1.0 sine 440 sine 1000 vol 0.5
flac --silent --force -o "$out/tones-stereo-11025-24bit.flac" "$tmp/t11.wav"

# A French sentence from espeak-ng through a telephone channel: 8 kHz, 300-3400 Hz band,
# 16-bit mono. The VAD tests pad it with silence and noise in code, so they know where it lies.
espeak-ng -v fr -s 150 -w "$tmp/speech.wav" \
  "Bonjour madame, je suis Julie de la société Énergie Plus. Je vous appelle au sujet de votre contrat d'électricité."
sox "$tmp/speech.wav" -r 8000 -b 16 -c 1 "$out/speech-fr-telephone-8000.wav" sinc 300-3400 norm -3
