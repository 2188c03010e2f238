#!/usr/bin/env bash
# Downloads the RAVDESS speech audio (Livingstone & Russo 2018, CC BY-NC-SA 4.0) from Zenodo record 1188976,
# checks the archive and unpacks it so that DEST/Actor_01 ... DEST/Actor_24 each hold 60 .wav files.
#
#   scripts/download-ravdess.sh [DEST]          DEST defaults to data/ravdess (git-ignored)
#
# Environment: RAVDESS_URL overrides the download address; KEEP_ZIP=1 keeps the archive after unpacking.
# Idempotent: a complete DEST is left alone, a partial download is resumed.
set -euo pipefail

DEST=${1:-data/ravdess}
URL=${RAVDESS_URL:-https://zenodo.org/records/1188976/files/Audio_Speech_Actors_01-24.zip?download=1}
ZIP_NAME=Audio_Speech_Actors_01-24.zip
EXPECTED_MD5=bc696df654c87fed845eb13823edef8a

die() { echo "error: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is required (e.g. apt-get install $2)"; }

complete() {
  local actor count
  for actor in $(seq -w 1 24); do
    count=$(find "$DEST/Actor_$actor" -maxdepth 1 -name '03-01-*.wav' 2>/dev/null | wc -l)
    [ "$count" -eq 60 ] || return 1
  done
}

if complete; then
  echo "RAVDESS speech is already complete in $DEST (24 actors x 60 clips)."
  exit 0
fi

need curl curl
need unzip unzip
need md5sum coreutils

mkdir -p "$DEST"
zip="$DEST/$ZIP_NAME"
part="$zip.part"

if [ ! -f "$zip" ]; then
  echo "Downloading $ZIP_NAME (about 200 MB) from Zenodo record 1188976 ..."
  # --continue-at - resumes an interrupted download; --fail turns HTTP errors into a non-zero exit.
  curl --fail --location --retry 5 --retry-delay 5 --continue-at - --output "$part" "$URL" \
    || die "download failed (partial file kept at $part; run again to resume)"
  mv "$part" "$zip"
fi

echo "Checking MD5 ..."
actual=$(md5sum "$zip" | cut -d' ' -f1)
[ "$actual" = "$EXPECTED_MD5" ] || { mv "$zip" "$zip.bad"; die "$zip has MD5 $actual, expected $EXPECTED_MD5 (moved to $zip.bad; run again)"; }

echo "Unpacking into $DEST ..."
unzip -q -o "$zip" -d "$DEST"
complete || die "$DEST is still incomplete after unpacking $zip (expected Actor_01 ... Actor_24 with 60 clips each)"
[ "${KEEP_ZIP:-0}" = 1 ] || rm -f "$zip"

echo "Done: $(find "$DEST" -name '03-01-*.wav' | wc -l) speech clips in $DEST."
echo "Licence: CC BY-NC-SA 4.0 (Livingstone & Russo 2018, doi:10.1371/journal.pone.0196391); do not commit these files."
