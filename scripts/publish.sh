#!/usr/bin/env bash
# Publishes the web app as a self-contained folder (no .NET install needed where it runs):
#   scripts/publish.sh [RID] [OUT]      RID defaults to linux-x64, OUT to artifacts/publish/web-RID
# The bundled model is embedded in SpeechEmotion.dll, so the folder serves it as it is. On Linux with an older
# libstdc++ (Debian 12), build/TorchSharpNativeFix.targets patches the published libLibTorchSharp.so too.
# Run it from its folder (appsettings.json is read from the working directory):
#   cd OUT && ./SpeechEmotion.Web --urls http://127.0.0.1:8501
set -euo pipefail
rid=${1:-linux-x64}
out=${2:-$(dirname "$0")/../artifacts/publish/web-$rid}
mkdir -p "$out" && out=$(cd "$out" && pwd)   # absolute, before the cd below
cd "$(dirname "$0")/.."
dotnet publish src/SpeechEmotion.Web/SpeechEmotion.Web.csproj -c Release -r "$rid" --self-contained -o "$out" --nologo
echo "published the web app for $rid into $out"
