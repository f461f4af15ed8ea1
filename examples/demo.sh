#!/usr/bin/env bash
# The main job on examples/, run by `make demo` (pbctl on PATH):
# check every example, make a records workspace from them, render every document (and PDFs
# when LibreOffice is installed), log a joint meeting, render its minutes, and show the
# history, the status and the ledger; then a year of health-chain's work: its 2025 plan, the
# three lists and the joint evaluation.
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

step "The year's work of health-chain: the 2025 plan, the three lists, an evaluation"
pbctl -C "$ws" plan new health-chain 2025 -m "第二次联席会议审议通过"   # prefilled (no terminal)
pbctl -C "$ws" done health-chain 1.1 --date 2025-01-20 --note 已制定2025年度工作计划
pbctl -C "$ws" render plan health-chain 2025 "${pdf[@]}"
pbctl -C "$ws" log meeting health-chain --file - -m "第二次联席会议" <<'YAML'
number: 2
date: 2025-03-10
venue: 广西科技大学
host: gxust-shenghua
attendees: [{member: liangmianzhen}, {member: gxust-shenghua}, {member: lz-zhijian}]
topics: [审议2025年度联建工作计划]
plan_items: [plan.2025.1, plan.2025.2]
decisions:
  - {text: 共建研学实习基地, owner: gxust-shenghua, due: 2025-06-30}
YAML
pbctl -C "$ws" log activity health-chain --file - <<'YAML'
number: 1
kind: observation
date: 2025-04-02
place: 两面针公司党建馆
host: liangmianzhen
members: [liangmianzhen, gxust-shenghua, lz-zhijian]
headcount: 30
plan_items: [plan.2025.3]
YAML
pbctl -C "$ws" list add health-chain needs 研学实习岗位 --member gxust-shenghua --date 2025-03-12 --due 2025-06
pbctl -C "$ws" list add health-chain services 产品质量检验检测 --member lz-zhijian --date 2025-03-12
pbctl -C "$ws" list claim health-chain needs.1 --by liangmianzhen --date 2025-03-20
pbctl -C "$ws" done health-chain needs.1 --date 2025-05-28 --note 首批20名学生到岗
pbctl -C "$ws" done health-chain plan.2025.1 --date 2025-03-28
pbctl -C "$ws" done health-chain plan.2025.3 --date 2025-04-02 --note 党建阵地观摩
pbctl -C "$ws" done health-chain 2.1 --date 2025-07-15 --note 基地挂牌
pbctl -C "$ws" list show health-chain --as-of 2025-12-31
pbctl -C "$ws" status health-chain --as-of 2025-12-31 || true
pbctl -C "$ws" evaluate health-chain --year 2025

step "Done"
echo "The workspace is $ws; its documents are in alliances/<id>/documents/."
