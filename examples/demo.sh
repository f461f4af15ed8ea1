#!/usr/bin/env bash
# The main job on examples/, run by `make demo` (pbctl on PATH):
# check every example, make a records workspace from them, render every document (and PDFs
# when LibreOffice is installed), log a joint meeting, render its minutes, and show the
# history, the status and the ledger.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ws="${DEMO_WORKSPACE:-$(dirname "$here")/demo-workspace}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Check every example"
pbctl check --summary "$here"

step "Make a records workspace in $ws"
rm -rf "$ws"
pbctl init "$ws"
for f in "$here"/*.yaml; do
    pbctl -C "$ws" new alliance --from "$f" -m "imported from examples/$(basename "$f")"
done

pdf=()
if command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1; then
    pdf=(--pdf)
else
    echo "(LibreOffice is not installed: .docx only; apt-get install libreoffice-writer-nogui fonts-noto-cjk)"
fi

step "Render the charter, agreement and integrity pact of every alliance"
for f in "$here"/*.yaml; do
    id=$(basename "$f" .yaml)
    pbctl -C "$ws" render all "$id" "${pdf[@]}"
done

step "Render again: unchanged input makes no new revision"
pbctl -C "$ws" render all health-chain

step "Log the first joint meeting of health-chain and render its minutes"
pbctl -C "$ws" log meeting health-chain --date 2024-12-03 --venue 两面针学堂 --chair 林钻煌 \
    --host liangmianzhen \
    --attendee "liangmianzhen:林钻煌" --attendee "gxust-shenghua:陈志波" --attendee "lz-zhijian:刘永逸" \
    --topic "审议通过联建章程，签署联建协议书和党风廉政建设共建协议书" \
    --topic "交流下一步重点联建工作" \
    --decision "联合制定2025年度联建工作计划;owner=liangmianzhen;due=2025-01-31" \
    --decision "组织在校大学生赴两面针公司研学实习;owner=gxust-shenghua;due=2025-06-30" \
    --recorder 王晓 -m "签约揭牌仪式暨第一次联席会议"
pbctl -C "$ws" render minutes health-chain 1 "${pdf[@]}"

step "Sign the agreement and verify the signed files"
pbctl -C "$ws" sign health-chain agreement --date 2024-12-03
pbctl -C "$ws" verify

step "History of health-chain"
pbctl -C "$ws" history health-chain

step "Status of the workspace"
pbctl -C "$ws" status --as-of 2025-03-01 || true

step "The ledger (台账) of health-chain"
pbctl -C "$ws" ledger health-chain --year 2024 || true

step "Done"
echo "The workspace is $ws; its documents are in alliances/<id>/documents/."
