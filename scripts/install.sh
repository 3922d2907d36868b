#!/usr/bin/env bash
# Installs what VideoTranslation needs on a fresh Debian/Ubuntu machine that has the .NET 10 SDK, then
# builds the vts CLI. Safe to run again: it installs only what is missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is required: https://dotnet.microsoft.com/download" >&2
  exit 1
fi

# System packages the service and its tests use. (The simulated engine needs none; the media pipeline will.)
packages=(ca-certificates)
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
