#!/usr/bin/env bash
# The main job on examples/, run by `make demo` (pbctl on PATH):
# check every example, make a records workspace from them with each seed's event, render
# the documents each keeps (and PDFs when LibreOffice is installed), each event's minutes or
# activity record and sign-in sheet, and show the history, the status, the ledgers and the
# year-end reports.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ws="${DEMO_WORKSPACE:-$(dirname "$here")/demo-workspace}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Check every example"
pbctl check --summary "$here"

step "Make a records workspace in $ws"
rm -rf "$ws"
pbctl init "$ws"
examples=()
for d in "$here"/*/; do
    id=$(basename "$d")
    examples+=("$id")
    pbctl -C "$ws" new alliance --from "$d/alliance.yaml" -m "imported from examples/$id"
    for f in "$d"meetings/*.yaml; do
        [ -e "$f" ] && pbctl -C "$ws" log meeting "$id" --file "$f" -m "the seed's event"
    done
    for f in "$d"activities/*.yaml; do
        [ -e "$f" ] && pbctl -C "$ws" log activity "$id" --file "$f" -m "the seed's event"
    done
done

pdf=()
if command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1; then
    pdf=(--pdf)
else
    echo "(LibreOffice is not installed: .docx only; apt-get install libreoffice-writer-nogui fonts-noto-cjk)"
fi

step "Render the documents each alliance keeps, and its pairing agreements"
for id in "${examples[@]}"; do
    pbctl -C "$ws" render all "$id" "${pdf[@]}"
done
for n in 1 2 3; do
    pbctl -C "$ws" render agreement yunlong-construction --pairing "$n" "${pdf[@]}"
done

step "Render again: unchanged input makes no new revision"
pbctl -C "$ws" render all health-chain

step "Render each seed's minutes or activity record, and its sign-in sheet"
for id in "${examples[@]}"; do
    for f in "$ws/alliances/$id"/meetings/*.yaml; do
        [ -e "$f" ] || continue
        n=$((10#$(basename "$f" .yaml)))
        pbctl -C "$ws" render minutes "$id" "$n" "${pdf[@]}"
        pbctl -C "$ws" render signin "$id" meeting "$n" "${pdf[@]}"
    done
    for f in "$ws/alliances/$id"/activities/*.yaml; do
        [ -e "$f" ] || continue
        n=$((10#$(basename "$f" .yaml)))
        pbctl -C "$ws" render record "$id" activity "$n" "${pdf[@]}"
        pbctl -C "$ws" render signin "$id" activity "$n" "${pdf[@]}"
    done
done

step "Sign the agreement and verify the signed files"
pbctl -C "$ws" sign health-chain agreement --date 2024-12-03
pbctl -C "$ws" verify

step "History of health-chain"
pbctl -C "$ws" history health-chain

step "Status of the workspace"
pbctl -C "$ws" status --as-of 2025-03-01 || true

step "Each seed's ledger (台账) and year-end report (年度工作总结)"
for id in "${examples[@]}"; do
    year=$(sed -n 's/^date: \([0-9]\{4\}\).*/\1/p' "$here/$id"/*/001.yaml | head -n 1)
    pbctl -C "$ws" ledger "$id" --year "$year"
    pbctl -C "$ws" report "$id" --year "$year"
done

step "Done"
echo "The workspace is $ws; its documents are in alliances/<id>/documents/."
