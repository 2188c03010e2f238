#!/usr/bin/env bash
# Regenerates the small MP3 and Ogg Vorbis test fixtures in
# tests/SpeechEmotion.Features.Tests/TestData/compressed/ with lame and oggenc (no .NET encoder exists).
# Each compressed file has a WAV twin it was encoded from, so tests can compare the decoders with the source:
#   speech.wav       the first 2.0 s of data/samples/bright-fast.wav (22050 Hz mono s16)
#   tone-stereo.wav  1.0 s at 44100 Hz, 16-bit stereo: 440 Hz left, 660 Hz right, amplitude 0.4
# lame writes a LAME/Info tag with its encoder delay and padding, which the MP3 reader uses to return
# exactly the source's samples. Output is repeatable for a given lame/oggenc version (oggenc --serial fixes
# the stream serial; lame and oggenc are deterministic).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v lame >/dev/null && command -v oggenc >/dev/null && command -v python3 >/dev/null \
  || { echo "needs lame, oggenc and python3: apt-get install -y lame vorbis-tools python3" >&2; exit 1; }

out=tests/SpeechEmotion.Features.Tests/TestData/compressed
mkdir -p "$out"

python3 - "$out" <<'PY'
import math, struct, sys, wave
out = sys.argv[1]
with wave.open("data/samples/bright-fast.wav") as src:
    rate = src.getframerate()
    frames = src.readframes(2 * rate)
    params = src.getparams()
with wave.open(f"{out}/speech.wav", "wb") as dst:
    dst.setparams(params)
    dst.writeframes(frames)
rate, n = 44100, 44100
with wave.open(f"{out}/tone-stereo.wav", "wb") as dst:
    dst.setnchannels(2); dst.setsampwidth(2); dst.setframerate(rate)
    data = bytearray()
    for i in range(n):
        left = round(0.4 * 32767 * math.sin(2 * math.pi * 440 * i / rate))
        right = round(0.4 * 32767 * math.sin(2 * math.pi * 660 * i / rate))
        data += struct.pack("<hh", left, right)
    dst.writeframes(bytes(data))
PY

# speech.mp3 starts with an ID3v2 tag, as most MP3 files do; tone-stereo.mp3 is plain stereo (-m s: independent
# channels). --resample keeps the source rate (lame would lower it at these bitrates).
lame --quiet --noreplaygain -b 64 --resample 22.05 --add-id3v2 --tt "speech sample" "$out/speech.wav" "$out/speech.mp3"
lame --quiet --noreplaygain -b 128 --resample 44.1 -m s "$out/tone-stereo.wav" "$out/tone-stereo.mp3"
for name in speech tone-stereo; do
  oggenc --quiet --serial 12345 -q 3 -o "$out/$name.ogg" "$out/$name.wav"
done
ls -l "$out"
