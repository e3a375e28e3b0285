#!/usr/bin/env bash
# Installs, once per pin set, the OpenMetadata UI's tools the UI layer runs (test/ui/tools/package.json:
# quicktype, json-schema-ref-parser, @rjsf, React, playwright-core, esbuild) and prints the folder holding
# their node_modules. It lives in ~/.cache/generator-connector/ui-tools-<key>, <key> hashing the package
# file and its lock; it counts once .complete is written. The browser is Debian's chromium (.ci/run installs it).
set -euo pipefail
cd "$(dirname "$0")/.."

tools=test/ui/tools
key=$(cat "$tools/package.json" "$tools/package-lock.json" | sha256sum | cut -c1-12)
folder="$HOME/.cache/generator-connector/ui-tools-$key"

if [ ! -f "$folder/.complete" ]; then
  rm -rf "$folder"
  mkdir -p "$folder"
  cp "$tools/package.json" "$tools/package-lock.json" "$folder/"
  (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error </dev/null >&2)
  touch "$folder/.complete"
fi
echo "$folder"
