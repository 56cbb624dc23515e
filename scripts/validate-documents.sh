#!/usr/bin/env bash
# Validates the office documents the app produces: generates every document kind in every format
# (DOCX; XLSX where the document has one) from the demo data with the built app, converts them all
# to PDF with LibreOffice (headless, one invocation), and checks that every conversion produced a
# non-empty PDF and that LibreOffice reported no error. Prints a table (file, size, pages, ok) and
# exits non-zero on any failure. Installs LibreOffice and poppler-utils from Debian when missing.
# The files and their PDFs are kept in test-results/documents/validate/ for reviewers.
#   bash scripts/validate-documents.sh
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "validate-documents: $* missing and not root; install it first" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
command -v soffice >/dev/null 2>&1 || apt_install libreoffice-writer-nogui libreoffice-calc-nogui
command -v pdfinfo >/dev/null 2>&1 || apt_install poppler-utils

# The built app: all of it when dist/ is missing, the server again when its sources are newer.
if [ ! -f dist/server/app.js ]; then
  npm run build
elif [ -n "$(find src/server src/domain -name '*.ts' ! -name '*.test.ts' -newer dist/server/documents/docx/index.js 2>/dev/null | head -1)" ] || [ ! -f dist/server/documents/docx/index.js ]; then
  echo "validate-documents: sources newer than dist/, building the server (tsc -p tsconfig.build.json)"
  if ! node node_modules/typescript/bin/tsc -p tsconfig.build.json; then
    echo "validate-documents: warning: tsc reported errors (above); going on with what it emitted" >&2
  fi
  touch dist/server/documents/docx/index.js 2>/dev/null || true
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/tilsyn-validate-XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/pdf"

echo "== generating documents"
node scripts/generate-documents.mjs "$work/in"
shopt -s nullglob
files=("$work"/in/*.docx "$work"/in/*.xlsx)
if [ "${#files[@]}" -eq 0 ]; then
  echo "validate-documents: no documents were generated" >&2
  exit 1
fi

echo "== converting ${#files[@]} files with $(soffice --version 2>/dev/null | head -1)"
# A profile of its own, so a LibreOffice already running (or another run) does not interfere.
start=$(date +%s)
set +e
timeout 900 soffice -env:UserInstallation="file://$work/profile" --headless --norestore --convert-to pdf --outdir "$work/pdf" "${files[@]}" >"$work/soffice.log" 2>&1
status=$?
set -e
echo "soffice exited $status after $(($(date +%s) - start)) s"

failures=0
if [ "$status" -ne 0 ]; then failures=$((failures + 1)); fi
# LibreOffice says "Error: ..." (e.g. "source file could not be loaded") and goes on with the next
# file. Debian's build warns that it has no Java ("failed to launch javaldx"): not a document's error.
if grep -Ei 'error|exception|could not|failed' "$work/soffice.log" | grep -v 'javaldx' >"$work/soffice-errors.log"; then
  echo "soffice reported errors:"
  cat "$work/soffice-errors.log"
  failures=$((failures + 1))
fi

printf '\n%-52s %10s %10s %6s %s\n' FILE SIZE PDF-SIZE PAGES OK
for f in "${files[@]}"; do
  name="$(basename "$f")"
  pdf="$work/pdf/${name%.*}.pdf"
  size=$(stat -c %s "$f")
  ok=ok pages=- pdfsize=-
  if [ -s "$pdf" ]; then
    pdfsize=$(stat -c %s "$pdf")
    pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
    if [ -z "$pages" ] || [ "$pages" -lt 1 ]; then ok=FAIL pages=${pages:-?}; fi
  else
    ok=FAIL
  fi
  [ "$ok" = FAIL ] && failures=$((failures + 1))
  printf '%-52s %10s %10s %6s %s\n' "$name" "$size" "$pdfsize" "$pages" "$ok"
done

keep=test-results/documents/validate
rm -rf "$keep" && mkdir -p "$keep"
cp "$work"/in/* "$work"/pdf/* "$work/soffice.log" "$keep"/ 2>/dev/null || true
echo
if [ "$failures" -gt 0 ]; then
  echo "validate-documents: FAILED ($failures problems); files in $keep"
  exit 1
fi
echo "validate-documents: all ${#files[@]} files converted; files in $keep"
