#!/usr/bin/env bash
# Packs SpeechEmotion.Features and SpeechEmotion into artifacts/packages, the local source of the repository's
# NuGet.config, so the notebooks' `#r "nuget: SpeechEmotion, *-*"` lines find them. Each run gets a new
# prerelease version (0.1.0-local.TIMESTAMP): `*-*` takes the newest, and no stale copy in the NuGet cache
# can stand in for it. Older local packages are removed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=artifacts/packages
mkdir -p "$out"
rm -f "$out"/SpeechEmotion*.nupkg "$out"/SpeechEmotion*.snupkg
base=$(dotnet msbuild src/SpeechEmotion/SpeechEmotion.csproj -getProperty:Version)
version="${base%%-*}-local.$(date -u +%Y%m%d%H%M%S)"
for project in src/SpeechEmotion.Features src/SpeechEmotion; do
  dotnet pack "$project" -c Release -o "$out" -p:Version="$version" --nologo -v quiet
done
echo "packed SpeechEmotion.Features and SpeechEmotion $version into $out"
# The notebooks' package folder (notebooks/NuGet.config): TorchSharp restored there, and patched where the system
# libstdc++ needs it, so the kernel loads it without touching the user's NuGet cache.
dotnet build build/notebook-packages/NotebookPackages.csproj --nologo -v quiet
echo "prepared artifacts/notebook-native (TorchSharp's native library for the notebooks' kernel)"
