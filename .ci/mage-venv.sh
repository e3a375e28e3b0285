#!/usr/bin/env bash
# Builds, once per pin set, a venv the Mage tests run in, and prints its folder:
#   .ci/mage-venv.sh tools    mage-ai's lint tools, the DB-API drivers and what the imported modules of
#                             mage_integrations need (test/mage/tools-requirements.txt)
#   .ci/mage-venv.sh mage-ai  mage-ai 0.9.80 from PyPI (test/mage/mage-ai-requirements.txt, every package pinned)
# Both get the real mage_integrations package (not on PyPI) and mage-ai's fork of singer-python, installed
# with --no-deps from ../shared/fixtures/mage, or mage_integrations from the mage-ai checkout GC_MAGE_CHECKOUT
# names. A venv lives in ~/.cache/generator-connector/mage-tools-<key> or mage-ai-<key>, <key> hashing the requirements file
# and the sources installed (a changed fixture or checkout builds a new venv); it counts once .complete is written.
set -euo pipefail
cd "$(dirname "$0")/.."

kind=${1:?usage: .ci/mage-venv.sh tools|mage-ai}
case "$kind" in
  tools) requirements=test/mage/tools-requirements.txt pip_flags=() prefix=mage-tools ;;
  # every package of the lock is pinned: installing without resolving keeps it to what the lock says
  mage-ai) requirements=test/mage/mage-ai-requirements.txt pip_flags=(--no-deps) prefix=mage-ai ;;
  *) echo "unknown venv kind: $kind (tools or mage-ai)" >&2; exit 2 ;;
esac

fixtures="$(cd .. && pwd)/shared/fixtures/mage"
checkout="${GC_MAGE_CHECKOUT:-$fixtures/mage-ai}"
if [ ! -f "$checkout/mage_integrations/setup.py" ] || [ ! -f "$fixtures/singer-python/setup.py" ]; then
  echo "no mage_integrations in $checkout, or no singer-python in $fixtures" >&2
  exit 1
fi
if [ -n "${GC_MAGE_CHECKOUT:-}" ]; then
  # a checkout has no PROVENANCE.json: the package's Python files are its key
  source_key=$(cd "$checkout/mage_integrations" && find . -type f -name '*.py' -print0 | sort -z | xargs -0 sha256sum | sha256sum)
else
  source_key=$(sha256sum "$fixtures/PROVENANCE.json")
fi
key=$( (sha256sum "$requirements"; echo "$source_key") | sha256sum | cut -c1-12)
venv="$HOME/.cache/generator-connector/$prefix-$key"

if [ ! -f "$venv/.complete" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "${pip_flags[@]}" -r "$requirements" </dev/null >&2
  "$venv/bin/pip" install -q --disable-pip-version-check --no-deps \
    "$checkout/mage_integrations" "$fixtures/singer-python" </dev/null >&2
  touch "$venv/.complete"
fi
echo "$venv"
