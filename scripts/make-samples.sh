#!/usr/bin/env bash
# Regenerates the sample clips in data/samples/ with espeak-ng (speech synthesis) and sox (format).
# Each clip is one sentence spoken in a different style (pitch, speed, loudness, voice variant).
# They are synthetic demo inputs for `predict`, the web app and the tests, not labelled emotion data.
# Output is repeatable: sox runs without dither (-D) in repeatable mode (-R).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v espeak-ng >/dev/null && command -v sox >/dev/null \
  || { echo "needs espeak-ng and sox: apt-get install -y espeak-ng sox" >&2; exit 1; }

out=data/samples
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# speak NAME RATE VOICE PITCH SPEED AMPLITUDE TEXT: mono 16-bit PCM WAV at RATE Hz.
speak() {
  local name=$1 rate=$2 voice=$3 pitch=$4 speed=$5 amp=$6 text=$7
  espeak-ng -v "$voice" -p "$pitch" -s "$speed" -a "$amp" -w "$tmp/$name.raw.wav" "$text"
  # Trim leading/trailing silence, leave 0.15 s of room at each end, normalise to -1 dBFS.
  sox -D -R "$tmp/$name.raw.wav" -r "$rate" -c 1 -b 16 "$tmp/$name.wav" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse pad 0.15 0.15 norm -1
  mv "$tmp/$name.wav" "$out/$name.wav"
  printf '%-22s %s\n' "$name.wav" "$(soxi -d "$out/$name.wav") at $(soxi -r "$out/$name.wav") Hz"
}

speak bright-fast        22050 en-us+f3 80 175 180 "Kids are talking by the door, and I can't wait to see them all!"
speak low-slow           16000 en-us+m3 25 115 90  "Dogs are sitting by the door."
speak loud-clipped       16000 en-gb+m1 55 170 200 "Stop talking and sit down by the door right now."
# A longer clip (several model windows) for the timeline view.
speak story-long         16000 en-us+f2 50 150 120 "I opened the letter slowly. Then I laughed out loud, because we had won! But the next morning the house felt quiet and empty."
