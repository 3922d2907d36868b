#!/usr/bin/env bash
# Installs what VideoTranslation needs on a fresh Debian/Ubuntu machine that has the .NET 10 SDK, then
# builds the vts CLI. Safe to run again: it installs only what is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required: https://dotnet.microsoft.com/download" >&2
  exit 1
fi

# System packages of the offline engines and the tests' media: ffmpeg (probe, extract, mix, mux), pocketsphinx
# with its US English model (speech recognition), apertium with its language pairs (translation), espeak-ng
# (speech synthesis), flite and sox (test speech), and PostgreSQL (the job store for several nodes; the tests
# start their own server on a loopback port).
packages=(
  ca-certificates ffmpeg sox flite espeak-ng postgresql
  pocketsphinx pocketsphinx-en-us
  apertium apertium-eng-spa apertium-eng-cat apertium-en-gl apertium-es-pt
  # Pairs that reach more languages from English through Spanish or Catalan (and back): French, Italian, Occitan,
  # Asturian, Aragonese, Sardinian; Esperanto directly; Romanian into English (its package has ro->es only).
  apertium-fr-es apertium-spa-ita apertium-oc-es apertium-spa-ast apertium-spa-arg apertium-cat-ita apertium-fra-cat
  apertium-cat-srd apertium-eo-en apertium-es-ro
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

dotnet restore "$root/VideoTranslation.sln" --nologo -v quiet
"$root/vts" --help >/dev/null
echo "Installed. Try: ./vts demo"
